//! How the items of a list meet the words it is to hold (the same for every list), and a
//! block list changed line by line: each item the user wrote stays, is written over in
//! place, or goes with its line; new items come at the end. Its comments and every other
//! line stay as written.

use super::patch::scalar;
use super::tree::{Node, Range, Refused, Tree};

/// What becomes of an item of a list.
pub(super) enum Fate<'a> {
    /// It stays as written.
    Stays,
    /// Its value is written over with the first of these words, in place; the others follow
    /// it.
    Becomes(&'a [String]),
    /// It goes, with its line or its separator.
    Goes,
}

/// How an item's word is written, which the word written over it keeps so that writing the
/// old word back gives the same bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Quotes {
    /// `trust`
    Plain,
    /// `"trust"`
    Double,
    /// `'trust'`
    Single,
}

/// What becomes of each item, read as `old` (`None` for a blank item, which the note does not
/// read as a word), for the list to hold `words`, and the words added after its last item;
/// refused when the items would have to change order.
pub(super) fn fates<'w>(
    old: &[Option<String>],
    words: &'w [String],
) -> Result<(Vec<Fate<'w>>, &'w [String]), Refused> {
    let reorder = || Refused("the list's order would change".into());
    // Each item the user wrote stays, is written over in place by a new word (a code
    // renamed), or goes; new words left over are added at the end. Any other change would
    // reorder what the user wrote.
    let mut fates: Vec<Fate> = Vec::with_capacity(old.len());
    let mut next = 0;
    let is_new = |w: &String| !old.iter().flatten().any(|o| o == w);
    for word in old {
        // A blank item is no word of the note's: matched against one, it would take it.
        let Some(word) = word else {
            fates.push(Fate::Stays);
            continue;
        };
        let fate = match words.get(next) {
            Some(w) if w == word => {
                next += 1;
                Fate::Stays
            }
            Some(w) if !words.contains(word) && is_new(w) => {
                // Written over by the first new word, with those right after it (a code
                // split in two) following it.
                let from = next;
                while words.get(next).is_some_and(is_new) {
                    next += 1;
                }
                Fate::Becomes(&words[from..next])
            }
            _ if !words.contains(word) => Fate::Goes,
            _ => return Err(reorder()),
        };
        fates.push(fate);
    }
    let added = &words[next.min(words.len())..];
    if added.iter().any(|w| !is_new(w)) {
        return Err(reorder());
    }
    Ok((fates, added))
}

/// `word` written with `quotes` when it reads back as itself that way, otherwise as the
/// canonical form writes it.
pub(super) fn written(word: &str, quotes: Quotes) -> String {
    let escapes = word.chars().any(|c| c.is_control() || c == '\u{feff}');
    match quotes {
        Quotes::Double if !escapes => {
            format!("\"{}\"", word.replace('\\', "\\\\").replace('"', "\\\""))
        }
        Quotes::Single if !escapes => format!("'{}'", word.replace('\'', "''")),
        _ => scalar(word),
    }
}

impl Tree<'_> {
    /// The word an item reads as, trimmed as the note reads it, or `None` when it is blank.
    pub(super) fn item_word(&self, item: &Node) -> Option<String> {
        let text = &self.text[item.range.from..item.range.to];
        let word = match crate::yaml::parse(text) {
            Ok(node) if crate::yaml::fields::is_blank(&node.value) => return None,
            Ok(node) => node.value.scalar_text(),
            Err(_) => None,
        };
        Some(word.map_or_else(|| text.to_owned(), |w| w.trim().to_owned()))
    }

    /// How an item is quoted.
    pub(super) fn quotes(&self, item: &Node) -> Quotes {
        match self.text.as_bytes().get(item.range.from) {
            Some(b'"') => Quotes::Double,
            Some(b'\'') => Quotes::Single,
            _ => Quotes::Plain,
        }
    }

    /// The text with the block list of `items` holding `words`, or why that cannot be done
    /// without reordering or losing what the user wrote.
    pub(super) fn edit_block_list(
        &self,
        items: &[Node],
        words: &[String],
    ) -> Result<String, Refused> {
        let old: Vec<Option<String>> = items.iter().map(|i| self.item_word(i)).collect();
        let (fates, added) = fates(&old, words)?;
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
                    let quotes = self.quotes(item);
                    out.push_str(&self.text[copied..item.range.from]);
                    out.push_str(&written(&new[0], quotes));
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
                            out.push_str(&format!("{indent}{}{nl}", written(word, quotes)));
                        }
                    }
                }
                Fate::Goes => {
                    let word = word.as_deref().unwrap_or_default();
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
