//! Highlighting what a search matched in any text of a note, after the search and away from
//! the index: a view shows a whole note with the same words marked as in its results.

use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::schema::Field;

use super::cache::Analyzers;
use super::schema::Fields;
use super::snippet::{Mark, marked};

/// A part of a note, as search sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// The title.
    Title,
    /// A finding's quote.
    Quote,
    /// A finding's `did`.
    Did,
    /// A finding's `note`, the researcher's remark.
    Note,
    /// The body.
    Body,
    /// The place.
    Place,
    /// A participant's alias or description, or a social post's author.
    Who,
    /// The researcher.
    By,
    /// An insight's action or status, a social post's platform or url.
    Other,
}

impl Part {
    /// The parts a passage is taken from, best first: what people said is what researchers
    /// look for, then what they did, the researcher's remarks, the body and the rest.
    pub const PASSAGE_ORDER: [Part; 8] = [
        Part::Quote,
        Part::Did,
        Part::Note,
        Part::Body,
        Part::Place,
        Part::Who,
        Part::By,
        Part::Other,
    ];

    /// The part's name, as results and `--json` give it.
    pub fn name(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Quote => "quote",
            Part::Did => "did",
            Part::Note => "note",
            Part::Body => "body",
            Part::Place => "place",
            Part::Who => "who",
            Part::By => "by",
            Part::Other => "other",
        }
    }

    /// The index field that holds this part.
    pub(super) fn field(self, fields: &Fields) -> Field {
        match self {
            Part::Title => fields.title,
            Part::Quote => fields.quote,
            Part::Did => fields.did,
            Part::Note => fields.remark,
            Part::Body => fields.body,
            Part::Place => fields.place,
            Part::Who => fields.who,
            Part::By => fields.by,
            Part::Other => fields.other,
        }
    }
}

/// Finds the words one search matched in a note's texts; the default one finds none. Clones
/// share one copy of what it holds.
#[derive(Clone, Default)]
pub struct Highlighter(Option<Arc<Matched>>);

/// What a search looked for, and how to find it again in text.
struct Matched {
    marks: Vec<Mark>,
    fields: Fields,
    /// Behind a lock so `marks` can take `&self` and still tokenize without a copy each time.
    analyzers: Mutex<Analyzers>,
}

// A view keeps it after the search, on whatever thread draws.
const _: () = {
    const fn owned_and_movable<T: Send + Sync + 'static>() {}
    owned_and_movable::<Highlighter>();
};

impl Highlighter {
    /// What a search with `marks` matches, tokenized as the index does.
    pub(super) fn new(marks: Vec<Mark>, fields: Fields, analyzers: Analyzers) -> Highlighter {
        if marks.is_empty() {
            return Highlighter::default();
        }
        Highlighter(Some(Arc::new(Matched {
            marks,
            fields,
            analyzers: Mutex::new(analyzers),
        })))
    }

    /// The byte ranges of `text` that the search matched, when `text` is that part of a note:
    /// in order and not overlapping.
    pub fn marks(&self, part: Part, text: &str) -> Vec<Range<usize>> {
        let Some(matched) = &self.0 else {
            return Vec::new();
        };
        let field = part.field(&matched.fields);
        // Tokenizing leaves nothing half-done that a panic elsewhere could expose.
        let mut analyzers = matched
            .analyzers
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match analyzers.get(field) {
            Some(analyzer) => marked(analyzer, field, text, &matched.marks),
            None => Vec::new(),
        }
    }
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let marks = self.0.as_ref().map_or(&[][..], |m| &m.marks[..]);
        f.debug_tuple("Highlighter").field(&marks).finish()
    }
}
