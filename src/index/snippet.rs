//! Finding the words a query matched inside a note's text, to highlight them and to pick the
//! passage a result shows.

use std::collections::BTreeMap;
use std::ops::Range;

use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{TextAnalyzer, Token};

use super::text::{names, terms};

/// What counts as a match for one searched word, as an index term.
#[derive(Clone, Debug, PartialEq)]
pub enum Wanted {
    /// This term.
    Exact(String),
    /// Any term starting with this.
    Prefix(String),
    /// Any word whose letters (lower case and folded, not stemmed) start with this.
    Begins(String),
    /// Any term within this many edits.
    Near(String, u8),
}

impl Wanted {
    /// Whether the index term `term` of the word `word` (as written, lower case and folded)
    /// is a match.
    fn accepts(&self, term: &str, word: &str) -> bool {
        match self {
            Wanted::Exact(t) => term == t,
            Wanted::Prefix(p) => term.starts_with(p.as_str()),
            Wanted::Begins(b) => word.starts_with(b.as_str()),
            Wanted::Near(t, d) => edits_within(t, term, usize::from(*d)),
        }
    }
}

/// A searched word and the fields it was searched in (`None`: every prose field).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// What matches.
    pub wanted: Wanted,
    /// Where.
    pub field: Option<Field>,
}

/// The byte ranges of `text` that `marks` match, in order and not overlapping.
pub fn marked(
    analyzer: &mut TextAnalyzer,
    field: Field,
    text: &str,
    marks: &[Mark],
) -> Vec<Range<usize>> {
    let ranges: Vec<Range<usize>> = matches(analyzer, field, text, marks)
        .into_iter()
        .map(|t| t.offset_from..t.offset_to)
        .collect();
    tantivy::snippet::collapse_overlapped_ranges(&ranges)
}

thread_local! {
    /// Made once per thread: a search marks the titles of a whole page of hits, and the
    /// preview marks each part of a note on every frame.
    static WORDS: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(names());
}

/// The terms of `text` that `marks` match in `field`.
fn matches(analyzer: &mut TextAnalyzer, field: Field, text: &str, marks: &[Mark]) -> Vec<Token> {
    let wanted: Vec<&Wanted> = applies(marks, field).collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    // The names analyzer splits text into the same words as every prose analyzer, without
    // stemming: the words as written, for beginnings.
    let words = if wanted.iter().any(|w| matches!(w, Wanted::Begins(_))) {
        WORDS.with_borrow_mut(|words| terms(words, text))
    } else {
        Vec::new()
    };
    let mut words = words.iter().peekable();
    let mut found = Vec::new();
    for term in terms(analyzer, text) {
        while words
            .next_if(|w| w.offset_from < term.offset_from)
            .is_some()
        {}
        let word = words
            .peek()
            .filter(|w| w.offset_from == term.offset_from)
            .map_or(term.text.as_str(), |w| w.text.as_str());
        if wanted.iter().any(|w| w.accepts(&term.text, word)) {
            found.push(term);
        }
    }
    found
}

fn applies(marks: &[Mark], field: Field) -> impl Iterator<Item = &Wanted> {
    marks
        .iter()
        .filter(move |m| m.field.is_none_or(|f| f == field))
        .map(|m| &m.wanted)
}

/// The passage of `text` around its matches, at most about `max` bytes, with the matches'
/// ranges relative to the passage; `None` when nothing in it matches.
pub fn passage(
    analyzer: &mut TextAnalyzer,
    field: Field,
    text: &str,
    marks: &[Mark],
    max: usize,
) -> Option<(String, Vec<Range<usize>>)> {
    if text.len() <= max {
        let ranges = marked(analyzer, field, text, marks);
        return (!ranges.is_empty()).then(|| (text.to_owned(), ranges));
    }
    let found: BTreeMap<String, f32> = matches(analyzer, field, text, marks)
        .into_iter()
        .map(|t| (t.text, 1.0))
        .collect();
    if found.is_empty() {
        return None;
    }
    // The generator reads the text again, with a copy that remembers its stems.
    let snippet = SnippetGenerator::new(found, analyzer.clone(), field, max).snippet(text);
    if snippet.is_empty() {
        return None;
    }
    let ranges = tantivy::snippet::collapse_overlapped_ranges(snippet.highlighted());
    Some((snippet.fragment().to_owned(), ranges))
}

/// The opening of `text`, cut at a word boundary near `max` bytes.
pub fn opening(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end]
        .rfind(char::is_whitespace)
        .filter(|&i| i > max / 2)
        .unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
}

/// Whether `a` becomes `b` in at most `limit` single-character insertions, deletions,
/// substitutions or swaps of neighbours (the distance fuzzy search uses).
pub fn edits_within(a: &str, b: &str, limit: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (previous[j] + 1)
                .min(row[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, row);
    }
    previous[b.len()] <= limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::text::prose;

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert!(edits_within("walkman", "walkmna", 1));
        assert!(edits_within("casette", "cassette", 1));
        assert!(!edits_within("walkman", "talkmen", 1));
        assert!(edits_within("walkman", "talkmen", 2));
        assert!(edits_within("", "ab", 2) && !edits_within("", "abc", 2));
    }

    #[test]
    fn marks_cover_stemmed_prefixed_and_cjk_matches() {
        let field = Field::from_field_id(0);
        let marks = [
            Mark {
                wanted: Wanted::Exact("walk".into()),
                field: None,
            },
            Mark {
                wanted: Wanted::Prefix("photog".into()),
                field: None,
            },
            Mark {
                wanted: Wanted::Exact("だけ".into()),
                field: Some(field),
            },
            Mark {
                wanted: Wanted::Exact("けの".into()),
                field: Some(field),
            },
        ];
        let text = "Walking photographers: 私だけのもの";
        let ranges = marked(&mut prose("en"), field, text, &marks);
        let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, ["Walking", "photographers", "だけの"]);
        let other = Field::from_field_id(1);
        assert_eq!(marked(&mut prose("en"), other, text, &marks).len(), 2);
    }

    #[test]
    fn a_beginning_marks_the_words_as_written_not_their_stems() {
        let field = Field::from_field_id(0);
        let marks = [Mark {
            wanted: Wanted::Begins("walki".into()),
            field: None,
        }];
        // `walking` is stemmed to `walk`, which `walki` does not begin; `walkie` to `walki`.
        let text = "Walking, walked; a Wálkie-talkie 電車 walking";
        let ranges = marked(&mut prose("en"), field, text, &marks);
        let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, ["Walking", "Wálkie", "walking"]);
    }

    #[test]
    fn long_text_gives_a_passage_around_the_match() {
        let field = Field::from_field_id(0);
        let text = format!(
            "{} the napkin was folded {}",
            "filler words here ".repeat(30),
            "more filler ".repeat(30)
        );
        let marks = [Mark {
            wanted: Wanted::Exact("napkin".into()),
            field: None,
        }];
        let (passage, ranges) =
            passage(&mut prose("en"), field, &text, &marks, 120).expect("a passage");
        assert!(passage.len() <= 130, "{passage}");
        assert_eq!(&passage[ranges[0].clone()], "napkin");
        assert!(super::passage(&mut prose("en"), field, "nothing here", &marks, 120).is_none());
    }

    #[test]
    fn openings_cut_at_a_word() {
        assert_eq!(opening("short", 10), "short");
        assert_eq!(opening("one two three four five", 12), "one two…");
        assert_eq!(opening("ヘッドホンを買った", 7), "ヘッ…");
    }
}
