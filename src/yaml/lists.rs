//! A block list changed line by line: each item the user wrote stays, is written over in
//! place, or goes with its line; new items come at the end. Its comments and every other
//! line stay as written.

use super::patch::scalar;
use super::tree::{Node, Range, Refused, Tree};

impl Tree<'_> {
    /// The text with the block list of `items` holding `words`, or why that cannot be done
    /// without reordering or losing what the user wrote.
    pub(super) fn edit_block_list(
        &self,
        items: &[Node],
        words: &[String],
    ) -> Result<String, Refused> {
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
        // Each item the user wrote stays, is written over in place by a new word (a code
        // renamed), or goes with its line; new words left over are added at the end. Any
        // other change would reorder lines the user wrote.
        let mut fates: Vec<Fate> = Vec::with_capacity(old.len());
        let mut next = 0;
        let is_new = |w: &String| !old.contains(w);
        for word in &old {
            let fate = match words.get(next) {
                Some(w) if w == word => {
                    next += 1;
                    Fate::Stays
                }
                Some(w) if !words.contains(word) && is_new(w) => {
                    // Written over by the first new word, with those right after it (a code
                    // split in two) on lines of their own below.
                    let from = next;
                    while words.get(next).is_some_and(is_new) {
                        next += 1;
                    }
                    Fate::Becomes(&words[from..next])
                }
                _ if !words.contains(word) => Fate::Goes,
                _ => return Err(Refused("the list's order would change".into())),
            };
            fates.push(fate);
        }
        let added = &words[next.min(words.len())..];
        if added.iter().any(|w| old.contains(w)) {
            return Err(Refused("the list's order would change".into()));
        }
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return Err(Refused("an empty block list".into()));
        };
        let indent = &self.text[self.line_start(first.range.from)..first.range.from];
        for item in items {
            self.refuse_if_not_one_item_per_line(item, "the list")?;
        }
        let nl = self.newline();
        let insert_at = self.node_end(last);
        let mut out = String::new();
        let mut copied = 0;
        for ((item, word), fate) in items.iter().zip(&old).zip(&fates) {
            match fate {
                Fate::Stays => {}
                Fate::Becomes(new) => {
                    out.push_str(&self.text[copied..item.range.from]);
                    out.push_str(&scalar(&new[0]));
                    copied = item.range.to;
                    if new.len() > 1 {
                        // The rest of its line (a comment) stays with the first word.
                        let end = self.node_end(item);
                        out.push_str(&self.text[copied..end]);
                        copied = end;
                        if !out.ends_with('\n') {
                            out.push_str(nl);
                        }
                        for word in &new[1..] {
                            out.push_str(&format!("{indent}{}{nl}", scalar(word)));
                        }
                    }
                }
                Fate::Goes => {
                    let line = Range {
                        from: self.line_start(item.range.from),
                        to: self.node_end(item),
                    };
                    self.refuse_comments_in(line, word)?;
                    // A comment on the line above speaks of this item: left, it would speak
                    // of the next one.
                    let above = self.text[..line.from].trim_end_matches(['\n', '\r']);
                    let above = &above[above.rfind('\n').map_or(0, |n| n + 1)..];
                    if above.trim_start().starts_with('#') {
                        return Err(Refused(format!(
                            "a comment above `{word}` would be left over another item"
                        )));
                    }
                    out.push_str(&self.text[copied..line.from]);
                    copied = line.to;
                }
            }
        }
        out.push_str(&self.text[copied..insert_at.max(copied)]);
        if !added.is_empty() && !out.ends_with('\n') {
            out.push_str(nl);
        }
        for word in added {
            out.push_str(&format!("{indent}{}{nl}", scalar(word)));
        }
        out.push_str(&self.text[insert_at.max(copied)..]);
        Ok(out)
    }
}

/// What becomes of an item of a block list.
enum Fate<'a> {
    /// It stays as written.
    Stays,
    /// Its value is written over with the first of these words, on its line; the others
    /// follow on lines of their own.
    Becomes(&'a [String]),
    /// It goes, with its line.
    Goes,
}
