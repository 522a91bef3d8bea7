//! A flow list (`[a, b]`, on one line or several) or a single word (`why: trust`) changed in
//! place: an item written over changes its own bytes only, and the spacing, commas and
//! brackets around it stay as the user wrote them, so writing the old word back gives the
//! same bytes.

use std::iter::once;

use super::lists::{Fate, fates, written};
use super::patch::scalar;
use super::tree::{Node, Range, Shape, Tree};

impl Tree<'_> {
    /// The text with the flow list `list` (its `items`) holding `words`: each item stays, is
    /// written over, or goes with its separator, and new words follow the item they replace
    /// or the last item. `None` when it cannot be done that way (the items would change
    /// order, an item that goes stands by a tag or an anchor, the list is empty), for the
    /// list to be written again.
    pub(super) fn edit_flow_list(
        &self,
        list: &Node,
        items: &[Node],
        words: &[String],
    ) -> Option<String> {
        let last = items.last()?;
        let old: Vec<Option<String>> = items.iter().map(|i| self.item_word(i)).collect();
        let (fates, added) = fates(&old, words).ok()?;
        let goes = fates.iter().any(|f| matches!(f, Fate::Goes));
        if goes && !self.plain_separators(list, items) {
            return None;
        }
        let first_kept = fates.iter().position(|f| !matches!(f, Fate::Goes))?;
        let separator = self.separator(items);
        let mut edits = Vec::new();
        for (i, (item, fate)) in items.iter().zip(&fates).enumerate() {
            match fate {
                Fate::Stays => {}
                Fate::Becomes(new) => {
                    let quotes = self.quotes(item);
                    let new: Vec<String> = new.iter().map(|w| written(w, quotes)).collect();
                    edits.push((item.range, new.join(&separator)));
                }
                // The list must not start with a separator: an item before the first that
                // stays takes the one after it, any other item the one before it.
                Fate::Goes => {
                    let range = match i < first_kept {
                        true => Range {
                            from: item.range.from,
                            to: items.get(i + 1)?.range.from,
                        },
                        false => Range {
                            from: items.get(i.checked_sub(1)?)?.range.to,
                            to: item.range.to,
                        },
                    };
                    edits.push((range, String::new()));
                }
            }
        }
        if !added.is_empty() {
            let at = last.range.to;
            let tail: String = added
                .iter()
                .map(|w| format!("{separator}{}", scalar(w)))
                .collect();
            edits.push((Range { from: at, to: at }, tail));
        }
        self.edited(&edits)
    }

    /// The text with the single word `value` (`why: trust`, `why: "trust"`) written over by
    /// `words`, in its quotes: one word stays a single word, several become a flow list.
    /// `None` when the value is no word on one line (nothing, a block of text); `after_colon`
    /// is where the value's part of the text starts.
    pub(super) fn edit_word(
        &self,
        after_colon: usize,
        value: &Node,
        words: &[String],
    ) -> Option<String> {
        let text = self.text.get(value.range.from..value.range.to)?;
        // A block of text's span starts at its content, with its `|` or `>` before it.
        let before = self.text.get(after_colon..value.range.from)?;
        if !matches!(value.shape, Shape::Scalar)
            || !before.trim().is_empty()
            || text.contains('\n')
            || self.item_word(value).is_none()
        {
            return None;
        }
        let quotes = self.quotes(value);
        let new: Vec<String> = words.iter().map(|w| written(w, quotes)).collect();
        let new = match new.as_slice() {
            [one] => one.clone(),
            _ => format!("[{}]", new.join(", ")),
        };
        Some(self.replace(value.range, &new))
    }

    /// Whether only blanks and commas stand between the brackets and items of a flow list,
    /// one comma between two items and at most one after the last: an item's span leaves
    /// out its tag or anchor, which would go with the wrong item.
    fn plain_separators(&self, list: &Node, items: &[Node]) -> bool {
        let text = self.text.as_bytes();
        let (open, close) = (list.range.from, list.range.to.saturating_sub(1));
        if text.get(open) != Some(&b'[') || text.get(close) != Some(&b']') {
            return false;
        }
        let ends = once(open + 1).chain(items.iter().map(|i| i.range.to));
        let starts = items.iter().map(|i| i.range.from).chain(once(close));
        ends.zip(starts).enumerate().all(|(n, (from, to))| {
            let Some(gap) = self.text.get(from..to) else {
                return false;
            };
            let commas = gap.matches(',').count();
            let allowed = match n {
                0 => 0,
                n if n == items.len() => commas.min(1),
                _ => 1,
            };
            commas == allowed && gap.chars().all(|c| c == ',' || c.is_whitespace())
        })
    }

    /// What separates the first two items of a flow list (`, `, `,`, `,\n  `), for the items
    /// added to it; `, ` when it has one item.
    fn separator(&self, items: &[Node]) -> String {
        match items {
            [a, b, ..] => match self.text.get(a.range.to..b.range.from) {
                Some(gap) if gap.trim() == "," => gap.to_owned(),
                _ => ", ".to_owned(),
            },
            _ => ", ".to_owned(),
        }
    }

    /// The text with each range replaced, or `None` when the ranges are out of order or
    /// overlap (which the parser's spans should never make).
    fn edited(&self, edits: &[(Range, String)]) -> Option<String> {
        let mut out = String::with_capacity(self.text.len());
        let mut copied = 0;
        for (range, with) in edits {
            out.push_str(self.text.get(copied..range.from)?);
            out.push_str(with);
            copied = range.to;
        }
        out.push_str(self.text.get(copied..)?);
        Some(out)
    }
}
