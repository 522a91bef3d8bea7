//! Changing one value in a YAML file and nothing else: every other byte, comments and unknown
//! keys included, stays as the user wrote it, so a change is a small diff in git.

use serde::Serialize;

use super::tree::{Entry, Node, Range, Shape, Slot, Tree};
pub use super::tree::{Refused, Step};

/// Sets the list of words at `path` (a key in a mapping) to `words`, changing as little of
/// `text` as it can: an item stays, is written over in its own quotes, or goes (with its line
/// in a block list, its separator in a flow list), and new words follow the item they
/// replace or the last one; a single word (`why: trust`) stays one when one word is left; a
/// missing key is added after the last of `after` that the mapping has (the keys that come
/// before it in the canonical order). A flow list that cannot be changed item by item (its
/// items would change order, one has a tag) is written again in place; an empty list removes
/// the key.
pub fn set_words(
    text: &str,
    path: &[Step],
    words: &[String],
    after: &[&str],
) -> Result<String, Refused> {
    let tree = Tree::parse(text)?;
    let slot = tree.slot(path)?;
    let key = slot.key;
    let flow_list = format!(
        "[{}]",
        words
            .iter()
            .map(|w| scalar(w))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let Some(entry) = slot.found else {
        if words.is_empty() {
            return Ok(text.to_owned());
        }
        return tree.insert(&slot, &format!("{key}: {flow_list}\n"), after);
    };
    if words.is_empty() {
        return tree.remove(entry, slot.flow);
    }
    match &entry.value.shape {
        Shape::Seq { flow: false, items } => tree.edit_block_list(items, words),
        Shape::Seq { flow: true, .. } | Shape::Scalar => {
            let range = tree.value_range(entry)?;
            tree.refuse_comments_in(range, key)?;
            let in_place = match &entry.value.shape {
                Shape::Seq { items, .. } => tree.edit_flow_list(&entry.value, items, words),
                _ => tree.edit_word(range.from, &entry.value, words),
            };
            // Whatever else the value was written as (nothing, a block of text), or when
            // its items would change order, the new list takes its place on the key's line.
            Ok(in_place.unwrap_or_else(|| tree.replace(range, &format!(" {flow_list}"))))
        }
        Shape::Map { .. } => Err(Refused(format!("`{key}` holds a mapping, not a list"))),
    }
}

/// Sets the text at `path` (a key in a mapping) to `value`, or removes the key when `None`.
/// The value is written as the canonical form writes it (quoted when it must be, a literal
/// block when it has several lines); a missing key is added after the last of `after` that
/// the mapping has.
pub fn set_text(
    text: &str,
    path: &[Step],
    value: Option<&str>,
    after: &[&str],
) -> Result<String, Refused> {
    set_value(text, path, value.as_ref(), after)
}

/// Sets the value at `path` (a key in a mapping) to `value` written in the canonical form, or
/// removes the key when `None`, as [`set_text`] does for text.
pub fn set_value<V: Serialize>(
    text: &str,
    path: &[Step],
    value: Option<&V>,
    after: &[&str],
) -> Result<String, Refused> {
    let tree = Tree::parse(text)?;
    let slot = tree.slot(path)?;
    let rendered = value.map(|v| entry(slot.key, v)).transpose()?;
    match (slot.found, rendered) {
        (None, None) => Ok(text.to_owned()),
        (None, Some(rendered)) => tree.insert(&slot, &rendered, after),
        (Some(found), None) => tree.remove(found, slot.flow),
        (Some(found), Some(rendered)) => tree.replace_value(found, slot.flow, &rendered),
    }
}

/// Appends `item` to the block list at `path` (a key in a mapping), or adds the key with a
/// list of that one item after the last of `after` that the mapping has.
pub fn append_item<V: Serialize>(
    text: &str,
    path: &[Step],
    item: &V,
    after: &[&str],
) -> Result<String, Refused> {
    let tree = Tree::parse(text)?;
    let slot = tree.slot(path)?;
    let key = slot.key;
    let Some(found) = slot.found else {
        return tree.insert(&slot, &entry(key, &[item])?, after);
    };
    let Shape::Seq { flow: false, items } = &found.value.shape else {
        return Err(Refused(format!(
            "`{key}` is not a list written one item per line"
        )));
    };
    let Some(last) = items.last() else {
        return Err(Refused(format!("`{key}` is an empty list")));
    };
    let dash = tree.text[tree.line_start(last.range.from)..last.range.from]
        .find('-')
        .unwrap_or(0);
    let indent = " ".repeat(dash);
    let nl = tree.newline();
    let rendered = canonical(&[item])?;
    let lines: String = rendered
        .lines()
        .map(|l| format!("{indent}{l}{nl}"))
        .collect();
    let at = tree.node_end(last);
    let newline = if tree.text[..at].ends_with('\n') {
        ""
    } else {
        nl
    };
    Ok(tree.replace(Range { from: at, to: at }, &format!("{newline}{lines}")))
}

/// Removes the item at `index` from the block list at `path`; the last item takes its key
/// with it.
pub fn remove_item(text: &str, path: &[Step], index: usize) -> Result<String, Refused> {
    let tree = Tree::parse(text)?;
    let slot = tree.slot(path)?;
    let key = slot.key;
    let found = slot
        .found
        .ok_or_else(|| Refused(format!("there is no `{key}`")))?;
    let Shape::Seq { flow: false, items } = &found.value.shape else {
        return Err(Refused(format!(
            "`{key}` is not a list written one item per line"
        )));
    };
    let item = items
        .get(index)
        .ok_or_else(|| Refused(format!("`{key}` has no item {}", index + 1)))?;
    if items.len() == 1 {
        return tree.remove(found, slot.flow);
    }
    let lines = Range {
        from: tree.line_start(item.range.from),
        to: tree.node_end(item),
    };
    tree.refuse_if_not_one_item_per_line(item, key)?;
    tree.refuse_comments_in(lines, key)?;
    Ok(tree.replace(lines, ""))
}

/// `key: value` in the canonical form, ending with a newline.
fn entry<V: Serialize + ?Sized>(key: &str, value: &V) -> Result<String, Refused> {
    let mut map = std::collections::BTreeMap::new();
    map.insert(key, value);
    canonical(&map)
}

fn canonical<V: Serialize + ?Sized>(value: &V) -> Result<String, Refused> {
    crate::yaml::to_canonical_string(&value).map_err(Refused)
}

impl Tree<'_> {
    /// Just after the last line of an entry; a key with no value ends on its own line.
    fn entry_end(&self, entry: &Entry) -> usize {
        let key_line = self.line_end(entry.key_range.to);
        if entry.value.range.from == entry.value.range.to {
            key_line
        } else {
            self.node_end(&entry.value).max(key_line)
        }
    }

    /// Items are removed and added as whole lines only when each starts its own line with
    /// `- ` and ends on it: a block of text (`- |`) or a nested mapping does not.
    pub(super) fn refuse_if_not_one_item_per_line(
        &self,
        item: &Node,
        key: &str,
    ) -> Result<(), Refused> {
        let before = &self.text[self.line_start(item.range.from)..item.range.from];
        let one_line = !self.text[item.range.from..self.content_end(item)].contains('\n');
        if before.trim_start().starts_with('-')
            && before.trim_start()[1..].trim().is_empty()
            && one_line
            || matches!(item.shape, Shape::Map { flow: false, .. })
                && before.trim_start().starts_with('-')
        {
            Ok(())
        } else {
            Err(Refused(format!(
                "an item of `{key}` is not written on lines of its own"
            )))
        }
    }

    fn remove(&self, entry: &Entry, flow: bool) -> Result<String, Refused> {
        if flow {
            return Err(Refused(format!(
                "`{}` sits in a one-line mapping ({{...}})",
                entry.key
            )));
        }
        let from = self.line_start(entry.key_range.from);
        let to = self.entry_end(entry);
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
        // A comment indented under the key belongs to it; left alone, it could even become
        // part of a block of text above.
        let key_column = self.column(entry.key_range.from);
        let below = self.text[to..]
            .lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| {
                l.trim_start().starts_with('#') && l.len() - l.trim_start().len() > key_column
            });
        if below {
            return Err(Refused(format!(
                "a comment below `{}` would be left behind",
                entry.key
            )));
        }
        Ok(self.replace(Range { from, to }, ""))
    }

    fn insert(&self, slot: &Slot, rendered: &str, after: &[&str]) -> Result<String, Refused> {
        let (map, entries) = (slot.map, slot.entries);
        if slot.flow {
            let one_line = rendered.trim_end_matches('\n');
            if one_line.contains('\n') {
                return Err(Refused(
                    "a one-line mapping ({...}) cannot take a block".into(),
                ));
            }
            // Before the closing brace, when only blanks stand between it and the last value:
            // after a trailing comma or a comment, a new entry would not read.
            let close = map.range.to.saturating_sub(1);
            let last_end = entries
                .last()
                .map_or(map.range.from + 1, |e| e.value.range.to.max(e.key_range.to));
            let gap = self.text[last_end.min(close)..close].trim();
            let separator = match gap {
                "" if entries.is_empty() => "",
                "" => ", ",
                // `{did: x,}`: the comma is there already.
                "," => " ",
                _ => {
                    return Err(Refused(
                        "a one-line mapping ({...}) holds a comment where the key would go".into(),
                    ));
                }
            };
            let at = Range {
                from: close,
                to: close,
            };
            return Ok(self.replace(at, &format!("{separator}{one_line}")));
        }
        let Some(first) = entries.first() else {
            return Ok(self.replace(Range { from: 0, to: 0 }, rendered));
        };
        let column = self.column(first.key_range.from);
        let nl = self.newline();
        let lines: String = rendered
            .lines()
            .map(|l| format!("{}{l}{nl}", " ".repeat(column)))
            .collect();
        let before = entries
            .iter()
            .rev()
            .find(|e| after.contains(&e.key.as_str()));
        let shares_a_dash = !self.text[self.line_start(first.key_range.from)..first.key_range.from]
            .trim()
            .is_empty();
        let at = match before {
            Some(entry) => self.entry_end(entry),
            // The first key shares its line with a list's `- `: go after that entry.
            None if shares_a_dash => self.entry_end(first),
            None => self.line_start(first.key_range.from),
        };
        let newline = if at == 0 || self.text[..at].ends_with('\n') {
            ""
        } else {
            nl
        };
        Ok(self.replace(Range { from: at, to: at }, &format!("{newline}{lines}")))
    }

    /// Writes `rendered` (`key: value`, canonical) over the value of `found`, keeping the key
    /// as written and anything after the value on its last line.
    fn replace_value(&self, found: &Entry, flow: bool, rendered: &str) -> Result<String, Refused> {
        let value_part = rendered
            .split_once(':')
            .map_or(rendered, |(_, v)| v)
            .trim_end_matches('\n');
        if flow && value_part.contains('\n') {
            return Err(Refused(
                "a one-line mapping ({...}) cannot take a block".into(),
            ));
        }
        let column = self.column(found.key_range.from);
        let indented = format!("{}{}", self.newline(), " ".repeat(column));
        let value_part = value_part.replace('\n', &indented);
        let range = self.value_range(found)?;
        self.refuse_comments_in(range, &found.key)?;
        Ok(self.replace(range, &value_part))
    }
}

/// A word as a YAML scalar: plain when it reads back as the same text, quoted otherwise.
pub(super) fn scalar(word: &str) -> String {
    let written = crate::yaml::to_canonical_string(&word).unwrap_or_else(|_| format!("{word:?}"));
    let written = written.trim_end_matches('\n');
    // Inside a flow list, a comma or bracket would end the word.
    if written.contains([',', '[', ']', '{', '}']) && !written.starts_with(['"', '\'']) {
        format!("{word:?}")
    } else {
        written.to_owned()
    }
}
