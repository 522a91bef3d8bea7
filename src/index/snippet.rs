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

/// How much of a text is looked through for the words a search matched, to mark them or to
/// choose a passage: all of any note written by hand (a two-hour interview transcript is about
/// 120 KB), and the beginning of a note of megabytes, which would otherwise cost every search
/// that finds it, and every frame that shows it, a read of all of it.
pub const SCANNED: usize = 128 * 1024;

/// How much of a long text is looked through at a time for its first match.
const PIECE: usize = 16 * 1024;

/// The part of `text` that is looked through for matches: at most [`SCANNED`] bytes, ending
/// between words.
pub fn scanned(text: &str) -> &str {
    &text[..cut(text, SCANNED)]
}

/// `text` in pieces of at most [`PIECE`] bytes, each ending between words.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let (piece, after) = rest.split_at(cut(rest, PIECE));
        rest = after;
        (!piece.is_empty()).then_some(piece)
    })
}

/// Where to cut `text` to keep at most `max` bytes: after the last whitespace within the
/// second half of them, or at a character boundary when there is none.
fn cut(text: &str, max: usize) -> usize {
    if text.len() <= max {
        return text.len();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end]
        .rfind(char::is_whitespace)
        .filter(|&i| i > max / 2)
        .unwrap_or(end)
}

/// The byte ranges of `text` that `marks` match, in order and not overlapping; only those in
/// the part [`scanned`] for matches.
pub fn marked(
    analyzer: &mut TextAnalyzer,
    field: Field,
    text: &str,
    marks: &[Mark],
) -> Vec<Range<usize>> {
    let ranges: Vec<Range<usize>> = matches(analyzer, field, scanned(text), marks)
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

/// The passage of `text` around its first matches, at most about `max` bytes, with the
/// matches' ranges relative to the passage; `None` when nothing matches. Past the part
/// [`scanned`] in full, a match is looked for only where the searched letters appear.
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
    let found_in = |analyzer: &mut TextAnalyzer, piece: &str| -> BTreeMap<String, f32> {
        matches(analyzer, field, piece, marks)
            .into_iter()
            .map(|t| (t.text, 1.0))
            .collect()
    };
    // A piece at a time, so that a text with matches everywhere is read only to the first;
    // past the part read in full, only around the places the words' letters appear.
    let scanned = scanned(text);
    let first = pieces(scanned).find_map(|piece| {
        let found = found_in(analyzer, piece);
        (!found.is_empty()).then_some((piece, found))
    });
    let (piece, found) = first.or_else(|| {
        let rest = &text[scanned.len()..];
        super::later::first_match(analyzer, field, rest, marks, found_in)
    })?;
    // The generator reads the piece again, with a copy that remembers its stems.
    let snippet = SnippetGenerator::new(found, analyzer.clone(), field, max).snippet(piece);
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
    format!("{}…", text[..cut(text, max)].trim_end())
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
    fn a_text_of_megabytes_is_looked_through_only_at_its_beginning() {
        let field = Field::from_field_id(0);
        let marks = [Mark {
            wanted: Wanted::Exact("napkin".into()),
            field: None,
        }];
        let passage = |text: &str| super::passage(&mut prose("en"), field, text, &marks, 120);
        let filler = "the tape deck in the bag on the train ".repeat(130_000);
        assert!(filler.len() > 4_000_000);
        let looked_at: usize = pieces(scanned(&filler)).map(str::len).sum();
        assert!(
            looked_at <= SCANNED && looked_at > SCANNED - 100,
            "{looked_at}"
        );
        // Past the part read in full, a match is found around the places its letters are.
        let (text, ranges) = passage(&format!("{filler} Napkins")).expect("a late match");
        assert_eq!(&text[ranges[0].clone()], "Napkins");
        assert_eq!(passage(&format!("{filler} napki")), None);
        let early = format!("{} napkin {filler}", &filler[..SCANNED - 1000]);
        let (text, ranges) = passage(&early).expect("a match in the part looked through");
        assert_eq!(&text[ranges[0].clone()], "napkin");
        // Matches everywhere: the passage comes from the first piece, the only one read.
        let everywhere: String = (0..400_000).map(|i| format!("napkin {i} ")).collect();
        let (text, _) = passage(&everywhere).expect("a passage");
        let numbers = text.split(' ').filter_map(|w| w.parse::<usize>().ok());
        let first_piece = everywhere[..PIECE].matches("napkin").count();
        assert!(numbers.max().is_some_and(|n| n < first_piece), "{text}");
        let mut analyzer = prose("en");
        let marked = marked(&mut analyzer, field, &everywhere, &marks);
        assert!(marked.last().is_some_and(|r| r.end <= SCANNED));
    }

    #[test]
    fn pieces_cover_the_text_between_words() {
        let text = "ヘッドホン walk ".repeat(5_000);
        let pieces: Vec<&str> = pieces(&text).collect();
        assert_eq!(pieces.concat(), text);
        assert!(
            pieces
                .iter()
                .all(|p| p.len() <= PIECE && !p.ends_with("wal"))
        );
    }

    #[test]
    fn openings_cut_at_a_word() {
        assert_eq!(opening("short", 10), "short");
        assert_eq!(opening("one two three four five", 12), "one two…");
        assert_eq!(opening("ヘッドホンを買った", 7), "ヘッ…");
    }
}
