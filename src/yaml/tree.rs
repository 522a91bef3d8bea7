//! A YAML text as a tree of nodes that know which bytes they take, and where its comments
//! are: what [`super::patch`] needs to change one value and leave every other byte alone.

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
pub(super) struct Range {
    pub(super) from: usize,
    pub(super) to: usize,
}

#[derive(Debug)]
pub(super) enum Shape {
    Scalar,
    Seq { flow: bool, items: Vec<Node> },
    Map { flow: bool, entries: Vec<Entry> },
}

/// A node and the bytes it takes: for block collections, from the first child to the end of
/// the last one.
#[derive(Debug)]
pub(super) struct Node {
    pub(super) range: Range,
    pub(super) shape: Shape,
}

#[derive(Debug)]
pub(super) struct Entry {
    pub(super) key: String,
    pub(super) key_range: Range,
    pub(super) value: Node,
}

/// Where a key goes: the mapping that holds (or will hold) it.
pub(super) struct Slot<'n, 'p> {
    /// The key.
    pub(super) key: &'p str,
    /// The mapping.
    pub(super) map: &'n Node,
    /// Whether the mapping is written on one line (`{...}`).
    pub(super) flow: bool,
    /// Its entries.
    pub(super) entries: &'n [Entry],
    /// The key's entry, when the mapping has it.
    pub(super) found: Option<&'n Entry>,
}

/// A parsed text: its tree and where its comments are.
pub(super) struct Tree<'t> {
    pub(super) text: &'t str,
    pub(super) root: Node,
    pub(super) comments: Vec<Range>,
}

impl<'t> Tree<'t> {
    pub(super) fn parse(text: &'t str) -> Result<Tree<'t>, Refused> {
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

    pub(super) fn find<'n>(&self, node: &'n Node, path: &[Step]) -> Result<&'n Node, Refused> {
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

    /// The key at the end of `path`, the mapping that holds it, and its entry when it has one.
    pub(super) fn slot<'p>(&self, path: &[Step<'p>]) -> Result<Slot<'_, 'p>, Refused> {
        let Some((Step::Key(key), parent_path)) = path.split_last() else {
            return Err(Refused("nothing to change".into()));
        };
        let map = self.find(&self.root, parent_path)?;
        let Shape::Map { flow, entries } = &map.shape else {
            return Err(Refused("the place to change is not a mapping".into()));
        };
        Ok(Slot {
            key,
            map,
            flow: *flow,
            entries,
            found: entries.iter().find(|e| e.key == *key),
        })
    }

    pub(super) fn replace(&self, range: Range, with: &str) -> String {
        format!(
            "{}{with}{}",
            &self.text[..range.from],
            &self.text[range.to..]
        )
    }

    pub(super) fn refuse_comments_in(&self, range: Range, key: &str) -> Result<(), Refused> {
        match self
            .comments
            .iter()
            .any(|c| c.from >= range.from && c.from < range.to)
        {
            true => Err(Refused(format!("a comment inside `{key}` would be lost"))),
            false => Ok(()),
        }
    }

    /// Just after the `:` that follows a key; a key written without one (`? why`, `{why}`)
    /// is refused rather than matched with some later colon.
    pub(super) fn after_colon(&self, key_end: usize) -> Result<usize, Refused> {
        let rest = &self.text[key_end..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        match rest[gap..].starts_with(':') {
            true => Ok(key_end + gap + 1),
            false => Err(Refused("a key is written without a colon".into())),
        }
    }

    /// Where a value is to be written over: from just after the key's colon to the end of its
    /// content. Refused when an anchor or a tag stands before the value, which would then
    /// sit before the new one.
    pub(super) fn value_range(&self, entry: &Entry) -> Result<Range, Refused> {
        let from = self.after_colon(entry.key_range.to)?;
        let value = &entry.value;
        // A block of text (`|`, `>-`) starts with its indicator there, which is replaced too.
        if value.range.from > from && self.text[from..value.range.from].contains(['&', '!']) {
            return Err(Refused(format!(
                "`{}` has an anchor or a tag before its value",
                entry.key
            )));
        }
        let to = if value.range.from == value.range.to {
            from
        } else {
            self.content_end(value).max(from)
        };
        Ok(Range { from, to })
    }

    /// Just after the last line a node takes (its newline included): a block scalar's span
    /// already ends there, with its trailing blank lines, which a keep-chomped one (`|+`)
    /// holds as part of its text.
    pub(super) fn node_end(&self, node: &Node) -> usize {
        let to = node.range.to;
        if to > node.range.from && self.text[..to].ends_with('\n') {
            return to;
        }
        // An indented block of text ends its span after the next line's indentation.
        let start = self.line_start(to);
        if start > node.range.from && self.text[start..to].trim().is_empty() {
            return start;
        }
        self.line_end(to)
    }

    /// The column of `at`, in characters from the start of its line; a byte-order mark is no
    /// indentation.
    pub(super) fn column(&self, at: usize) -> usize {
        self.text[self.line_start(at)..at]
            .chars()
            .filter(|c| *c != '\u{feff}')
            .count()
    }

    /// The file's line ending, for the lines added to it.
    pub(super) fn newline(&self) -> &'static str {
        if self.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        }
    }

    /// The start of the line holding `at`.
    pub(super) fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Just after the end of the line holding `at` (its newline included).
    pub(super) fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i + 1)
    }

    /// The end of a node's last line of content: a literal block's trailing blank lines are
    /// not part of it.
    pub(super) fn content_end(&self, node: &Node) -> usize {
        let trimmed = self.text[..node.range.to].trim_end_matches(['\n', '\r', ' ']);
        trimmed.len().max(node.range.from)
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
