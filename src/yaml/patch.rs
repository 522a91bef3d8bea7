//! Changing one list in a YAML file and nothing else: every other byte, comments and unknown
//! keys included, stays as the user wrote it, so a change is a one-line diff in git.

use serde_saphyr::granit_parser::{Event, Parser, StructureStyle};

/// One step down a YAML tree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step<'a> {
    /// The value of this key in a mapping.
    Key(&'a str),
    /// The item at this index (from 0) in a sequence.
    Item(usize),
}

/// Why a change cannot be made without losing something the user wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused(pub String);

/// A byte range of the text.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Range {
    from: usize,
    to: usize,
}

#[derive(Debug)]
enum Shape {
    Scalar,
    Seq { flow: bool, items: Vec<Node> },
    Map { flow: bool, entries: Vec<Entry> },
}

/// A node and the bytes it takes: for block collections, from the first child to the end of
/// the last one.
#[derive(Debug)]
struct Node {
    range: Range,
    shape: Shape,
}

#[derive(Debug)]
struct Entry {
    key: String,
    key_range: Range,
    value: Node,
}

/// A parsed text: its tree and where its comments are.
struct Tree<'t> {
    text: &'t str,
    root: Node,
    comments: Vec<Range>,
}

/// Sets the list of words at `path` (a key in a mapping) to `words`, changing as little of
/// `text` as it can: items are removed and appended line by line in a block list, a flow list
/// is written again in place, and a missing key is added after the last of `after` that the
/// mapping has (the keys that come before it in the canonical order). An empty list removes
/// the key.
pub fn set_words(
    text: &str,
    path: &[Step],
    words: &[String],
    after: &[&str],
) -> Result<String, Refused> {
    let tree = Tree::parse(text)?;
    let Some((Step::Key(key), parent_path)) = path.split_last() else {
        return Err(Refused("nothing to change".into()));
    };
    let parent = tree.find(&tree.root, parent_path)?;
    let Shape::Map { flow, entries } = &parent.shape else {
        return Err(Refused("the place to change is not a mapping".into()));
    };
    let flow_list = format!(
        "[{}]",
        words
            .iter()
            .map(|w| scalar(w))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let Some(entry) = entries.iter().find(|e| e.key == *key) else {
        if words.is_empty() {
            return Ok(text.to_owned());
        }
        return Ok(tree.insert(parent, *flow, entries, key, &flow_list, after));
    };
    if words.is_empty() {
        return tree.remove(entry, *flow);
    }
    match &entry.value.shape {
        Shape::Seq { flow: false, items } => tree.edit_block_list(items, words),
        Shape::Seq { flow: true, .. } | Shape::Scalar => {
            let range = if entry.value.range.from == entry.value.range.to {
                // `key:` with nothing after it.
                let at = tree.after_colon(entry.key_range.to);
                return Ok(tree.replace(Range { from: at, to: at }, &format!(" {flow_list}")));
            } else {
                entry.value.range
            };
            tree.refuse_comments_in(range, key)?;
            Ok(tree.replace(range, &flow_list))
        }
        Shape::Map { .. } => Err(Refused(format!("`{key}` holds a mapping, not a list"))),
    }
}

impl<'t> Tree<'t> {
    fn parse(text: &'t str) -> Result<Tree<'t>, Refused> {
        let mut events = Vec::new();
        let mut comments = Vec::new();
        for event in Parser::new_from_str(text) {
            let (event, span) =
                event.map_err(|e| Refused(format!("the YAML does not read: {e}")))?;
            let range = Range {
                from: span.start.byte_offset().unwrap_or(0),
                to: span.end.byte_offset().unwrap_or(0),
            };
            match event {
                Event::Comment(..) => comments.push(range),
                Event::Alias(_) => {
                    return Err(Refused("the note uses YAML aliases (`*name`)".into()));
                }
                other => events.push((other, range)),
            }
        }
        let mut events = events.into_iter().peekable();
        // Skip the stream and document starts.
        while events
            .next_if(|(e, _)| matches!(e, Event::StreamStart | Event::DocumentStart(..)))
            .is_some()
        {}
        let root = build(&mut events)?;
        Ok(Tree {
            text,
            root,
            comments,
        })
    }

    fn find<'n>(&self, node: &'n Node, path: &[Step]) -> Result<&'n Node, Refused> {
        let Some((step, rest)) = path.split_first() else {
            return Ok(node);
        };
        let next = match (step, &node.shape) {
            (Step::Key(key), Shape::Map { entries, .. }) => {
                entries.iter().find(|e| e.key == *key).map(|e| &e.value)
            }
            (Step::Item(i), Shape::Seq { items, .. }) => items.get(*i),
            _ => None,
        };
        let next = next.ok_or_else(|| Refused(format!("the note has no {step:?}")))?;
        self.find(next, rest)
    }

    fn replace(&self, range: Range, with: &str) -> String {
        format!(
            "{}{with}{}",
            &self.text[..range.from],
            &self.text[range.to..]
        )
    }

    fn refuse_comments_in(&self, range: Range, key: &str) -> Result<(), Refused> {
        match self
            .comments
            .iter()
            .any(|c| c.from >= range.from && c.from < range.to)
        {
            true => Err(Refused(format!("a comment inside `{key}` would be lost"))),
            false => Ok(()),
        }
    }

    fn after_colon(&self, key_end: usize) -> usize {
        self.text[key_end..]
            .find(':')
            .map_or(key_end, |i| key_end + i + 1)
    }

    /// The start of the line holding `at`.
    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Just after the end of the line holding `at` (its newline included).
    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i + 1)
    }

    /// The end of a node's last line of content: a literal block's trailing blank lines are
    /// not part of it.
    fn content_end(&self, node: &Node) -> usize {
        let trimmed = self.text[..node.range.to].trim_end_matches(['\n', '\r', ' ']);
        trimmed.len().max(node.range.from)
    }

    fn edit_block_list(&self, items: &[Node], words: &[String]) -> Result<String, Refused> {
        let old: Vec<String> = items
            .iter()
            .map(|i| {
                let written = &self.text[i.range.from..i.range.to];
                crate::yaml::parse(written)
                    .ok()
                    .and_then(|n| n.value.scalar_text())
                    .unwrap_or_else(|| written.to_owned())
            })
            .collect();
        let kept: Vec<&String> = old.iter().filter(|o| words.contains(o)).collect();
        let added: Vec<&String> = words.iter().filter(|w| !old.contains(w)).collect();
        // Removals and additions at the end keep every other line; any other change would
        // reorder lines the user wrote.
        if !kept
            .iter()
            .chain(&added)
            .eq(words.iter().collect::<Vec<_>>().iter())
        {
            return Err(Refused("the list's order would change".into()));
        }
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return Err(Refused("an empty block list".into()));
        };
        let indent = &self.text[self.line_start(first.range.from)..first.range.from];
        let insert_at = self.line_end(self.content_end(last));
        let mut out = String::new();
        let mut copied = 0;
        for (item, word) in items.iter().zip(&old) {
            if words.contains(word) {
                continue;
            }
            let line = Range {
                from: self.line_start(item.range.from),
                to: self.line_end(item.range.to),
            };
            self.refuse_comments_in(line, word)?;
            out.push_str(&self.text[copied..line.from]);
            copied = line.to;
        }
        out.push_str(&self.text[copied..insert_at.max(copied)]);
        if !added.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        for word in added {
            out.push_str(&format!("{indent}{}\n", scalar(word)));
        }
        out.push_str(&self.text[insert_at.max(copied)..]);
        Ok(out)
    }

    fn remove(&self, entry: &Entry, flow: bool) -> Result<String, Refused> {
        if flow {
            return Err(Refused(format!(
                "`{}` sits in a one-line mapping ({{...}})",
                entry.key
            )));
        }
        let from = self.line_start(entry.key_range.from);
        let to = self.line_end(self.content_end(&entry.value).max(entry.key_range.to));
        if self.text[from..entry.key_range.from]
            .trim_start()
            .starts_with('-')
        {
            return Err(Refused(format!(
                "`{}` opens its list item and cannot be removed alone",
                entry.key
            )));
        }
        self.refuse_comments_in(Range { from, to }, &entry.key)?;
        Ok(self.replace(Range { from, to }, ""))
    }

    fn insert(
        &self,
        map: &Node,
        flow: bool,
        entries: &[Entry],
        key: &str,
        value: &str,
        after: &[&str],
    ) -> String {
        if flow {
            // Before the closing brace.
            let close = map.range.to.saturating_sub(1);
            let separator = if entries.is_empty() { "" } else { ", " };
            let at = Range {
                from: close,
                to: close,
            };
            return self.replace(at, &format!("{separator}{key}: {value}"));
        }
        let Some(first) = entries.first() else {
            return self.replace(Range { from: 0, to: 0 }, &format!("{key}: {value}\n"));
        };
        let column = self.text[self.line_start(first.key_range.from)..first.key_range.from]
            .chars()
            .count();
        let line = format!("{}{key}: {value}\n", " ".repeat(column));
        let before = entries
            .iter()
            .rev()
            .find(|e| after.contains(&e.key.as_str()));
        match before {
            Some(entry) => {
                let end = self.content_end(&entry.value).max(entry.key_range.to);
                let at = self.line_end(end);
                let newline = if self.text[..at].ends_with('\n') {
                    ""
                } else {
                    "\n"
                };
                self.replace(Range { from: at, to: at }, &format!("{newline}{line}"))
            }
            None if self.line_start(first.key_range.from) < first.key_range.from
                && !self.text[self.line_start(first.key_range.from)..first.key_range.from]
                    .trim()
                    .is_empty() =>
            {
                // The first key shares its line with a list's `- `: go after that entry.
                let end = self.content_end(&first.value).max(first.key_range.to);
                let at = self.line_end(end);
                self.replace(Range { from: at, to: at }, &line)
            }
            None => {
                let at = self.line_start(first.key_range.from);
                self.replace(Range { from: at, to: at }, &line)
            }
        }
    }
}

/// A word as a YAML scalar: plain when it reads back as the same text, quoted otherwise.
fn scalar(word: &str) -> String {
    let written = crate::yaml::to_canonical_string(&word).unwrap_or_else(|_| format!("{word:?}"));
    let written = written.trim_end_matches('\n');
    // Inside a flow list, a comma or bracket would end the word.
    if written.contains([',', '[', ']', '{', '}']) && !written.starts_with(['"', '\'']) {
        format!("{word:?}")
    } else {
        written.to_owned()
    }
}

type Events<'t> = std::iter::Peekable<std::vec::IntoIter<(Event<'t>, Range)>>;

fn build(events: &mut Events) -> Result<Node, Refused> {
    let unexpected = || Refused("the YAML ends early".into());
    let (event, range) = events.next().ok_or_else(unexpected)?;
    match event {
        Event::Scalar(..) => Ok(Node {
            range,
            shape: Shape::Scalar,
        }),
        Event::SequenceStart(style, ..) => {
            let mut items = Vec::new();
            while events
                .peek()
                .is_some_and(|(e, _)| !matches!(e, Event::SequenceEnd))
            {
                items.push(build(events)?);
            }
            let (_, end) = events.next().ok_or_else(unexpected)?;
            let flow = style == StructureStyle::Flow;
            let to = if flow {
                end.to
            } else {
                items.last().map_or(range.to, |i| i.range.to)
            };
            Ok(Node {
                range: Range {
                    from: range.from,
                    to,
                },
                shape: Shape::Seq { flow, items },
            })
        }
        Event::MappingStart(style, ..) => {
            let mut entries = Vec::new();
            while events
                .peek()
                .is_some_and(|(e, _)| !matches!(e, Event::MappingEnd))
            {
                let (key, key_range) = match events.next() {
                    Some((Event::Scalar(key, ..), r)) => (key.into_owned(), r),
                    _ => return Err(Refused("a mapping key is not plain text".into())),
                };
                let value = build(events)?;
                entries.push(Entry {
                    key,
                    key_range,
                    value,
                });
            }
            let (_, end) = events.next().ok_or_else(unexpected)?;
            let flow = style == StructureStyle::Flow;
            let to = if flow {
                end.to
            } else {
                entries
                    .last()
                    .map_or(range.to, |e| e.value.range.to.max(e.key_range.to))
            };
            Ok(Node {
                range: Range {
                    from: range.from,
                    to,
                },
                shape: Shape::Map { flow, entries },
            })
        }
        _ => Err(unexpected()),
    }
}
