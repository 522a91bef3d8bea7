//! A note named in the search line by its id (`1979-03-15-salaryman-yamanote-line`) or its
//! slug (`salaryman-yamanote-line`): found first, ahead of whatever else the words match.

use tantivy::collector::DocSetCollector;
use tantivy::query::RegexQuery;
use tantivy::{DocAddress, Searcher};

use super::SearchIndex;
use crate::error::Result;
use crate::query::{Atom, Query};

/// The id or slug a query consists of, when it is one bare word that could be one: lowercase
/// letters, digits and hyphens, starting with a letter or digit. Words shorter than three
/// characters name too many slugs to mean one.
pub fn named_in(query: &Query) -> Option<String> {
    let [group] = query.groups.as_slice() else {
        return None;
    };
    let [term] = group.alternatives.as_slice() else {
        return None;
    };
    let Atom::Word { text, .. } = &term.atom else {
        return None;
    };
    let text = text.trim().to_lowercase();
    let fits = text.len() >= 3
        && text.starts_with(|c: char| c.is_ascii_alphanumeric())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    (!term.negated && fits).then_some(text)
}

impl SearchIndex {
    /// The notes whose id is `name`, or whose id is a date followed by `name` (a slug), with
    /// the `-2`, `-3` an id gets when its slug was taken; the exact id first.
    pub(super) fn named(&self, searcher: &Searcher, name: &str) -> Result<Vec<DocAddress>> {
        // `name` holds only letters, digits and hyphens: nothing in it is a regex operator.
        let pattern = format!("([0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}-)?{name}(-[0-9]+)?");
        let query =
            RegexQuery::from_pattern(&pattern, self.fields.id).map_err(|e| self.failed(e))?;
        let mut found: Vec<DocAddress> = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.failed(e))?
            .into_iter()
            .collect();
        let id_of = |address: &DocAddress| -> String {
            searcher
                .doc::<tantivy::TantivyDocument>(*address)
                .ok()
                .and_then(|doc| {
                    use tantivy::schema::Value;
                    doc.get_first(self.fields.id)
                        .and_then(|v| v.as_str())
                        .map(str::to_owned)
                })
                .unwrap_or_default()
        };
        // The exact id, then the slug's notes oldest id first (the first of a slug is its
        // original, later ones its `-2`, `-3`).
        found.sort_by_cached_key(|address| {
            let id = id_of(address);
            (id != name, id.len(), id)
        });
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Mode, parse};

    fn named(text: &str) -> Option<String> {
        named_in(&parse(text, Mode::Strict).expect("a query"))
    }

    #[test]
    fn one_bare_word_that_could_be_an_id_or_a_slug_names_a_note() {
        assert_eq!(
            named("1979-03-15-salaryman-yamanote-line").as_deref(),
            Some("1979-03-15-salaryman-yamanote-line")
        );
        assert_eq!(
            named("Salaryman-Yamanote-Line").as_deref(),
            Some("salaryman-yamanote-line")
        );
        assert_eq!(named("boombox").as_deref(), Some("boombox"));
        for not_a_name in [
            "a b",
            "-boombox",
            "why:quiet",
            "\"a phrase\"",
            "ab",
            "café",
            "x OR y",
        ] {
            assert_eq!(named(not_a_name), None, "{not_a_name}");
        }
    }
}
