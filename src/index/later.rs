//! Finding a searched word past the part of a huge text that is read in full: the places
//! where the word's letters appear are found by a plain byte search, and only a small window
//! around each is read through the analyzer, so a match at the end of a transcript of
//! megabytes still gets its passage, for the cost of a scan, not of a read of every word.

use std::collections::BTreeMap;

use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;

use super::snippet::{Mark, Wanted};

/// How many places are checked before giving up: a word whose letters sit inside many other
/// words costs no more than this.
const PLACES: usize = 32;

/// How much text around a place is read, on each side.
const AROUND: usize = 1024;

/// The window of `text` (which starts past the part read in full) around the first match
/// of `marks`, with the terms matched; `None` when no place checked matches.
pub fn first_match<'t>(
    analyzer: &mut TextAnalyzer,
    field: Field,
    text: &'t str,
    marks: &[Mark],
    matches: impl Fn(&mut TextAnalyzer, &str) -> BTreeMap<String, f32>,
) -> Option<(&'t str, BTreeMap<String, f32>)> {
    let needles: Vec<String> = marks
        .iter()
        .filter(|m| m.field.is_none_or(|f| f == field))
        .filter_map(|m| needle(&m.wanted))
        .collect();
    let mut from = 0;
    for _ in 0..PLACES {
        let at = needles
            .iter()
            .filter_map(|n| find_folded(&text[from..], n).map(|i| from + i))
            .min()?;
        let window = around(text, at);
        let found = matches(analyzer, window);
        if !found.is_empty() {
            return Some((window, found));
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The letters every match of `wanted` has, lower case: a stem loses its last letter, which
/// stemming may have changed (`happi` for "happy"). Fuzzy words have none.
fn needle(wanted: &Wanted) -> Option<String> {
    let (Wanted::Exact(term) | Wanted::Prefix(term) | Wanted::Begins(term)) = wanted else {
        return None;
    };
    let count = term.chars().count();
    let keep = if count > 3 { count - 1 } else { count };
    let needle: String = term.chars().take(keep).collect();
    (!needle.is_empty()).then_some(needle)
}

/// Where `needle` (lower case) first appears in `text`, in any case for ASCII letters.
fn find_folded(text: &str, needle: &str) -> Option<usize> {
    if !needle.is_ascii() {
        return text.find(needle);
    }
    let needle = needle.as_bytes();
    text.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// About [`AROUND`] bytes of `text` on each side of `at`, cut between words.
fn around(text: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(AROUND);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let start = text[start..at]
        .find(char::is_whitespace)
        .map_or(start, |i| start + i + 1);
    let mut end = (at + AROUND).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let end = text[at..end]
        .rfind(char::is_whitespace)
        .map_or(end, |i| at + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needles_are_the_letters_every_form_shares() {
        assert_eq!(
            needle(&Wanted::Exact("happi".into())).as_deref(),
            Some("happ")
        );
        assert_eq!(needle(&Wanted::Begins("wa".into())).as_deref(), Some("wa"));
        assert_eq!(needle(&Wanted::Near("walkman".into(), 1)), None);
        assert_eq!(find_folded("a Walkman", "walkm"), Some(2));
        assert_eq!(find_folded("ヘッドホン", "ドホ"), Some(6));
    }

    #[test]
    fn the_window_holds_the_place_and_ends_between_words() {
        let text = format!(
            "{}napkin {}",
            "tape deck ".repeat(500),
            "train ".repeat(500)
        );
        let at = text.find("napkin").unwrap();
        let window = around(&text, at);
        assert!(window.contains("napkin") && window.len() <= 2 * AROUND + 8);
        assert!(
            window.starts_with("tape") || window.starts_with("deck"),
            "{window}"
        );
    }
}
