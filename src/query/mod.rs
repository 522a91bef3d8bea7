//! The search query language.
//!
//! A query is a list of terms separated by whitespace. Every term must match:
//! `quiet train` finds notes that have both *quiet* and *train*.
//!
//! - **Words**: `quiet train`. Each bare word must match. A dash inside a word (`well-known`)
//!   and a colon after something that is not a field name (`12:30`, `https://x`) are part of
//!   the word.
//! - **Phrases**: `"exact phrase"` in double quotes. Inside quotes everything is literal:
//!   `"why: OR -not"` searches for those characters.
//! - **Either**: `walkman OR boombox` matches notes with either word; chains work too:
//!   `a OR b OR c`. Only uppercase `OR` on its own is an operator; `or` is an ordinary word.
//! - **Exclude**: a leading dash leaves out what follows: `-word`, `-"a phrase"`,
//!   `-why:price`, `-#gift`. Excluded terms may be part of an `OR`.
//! - **Filters** `name:value` (the name in any case):
//!   - `why:CODE` a why-code;
//!   - `tag:WORD` or `#WORD` a tag;
//!   - `kind:` the kind of note (`kind:interview`);
//!   - `study:`, `place:`;
//!   - `by:` the researcher, `who:` a participant.
//!
//!   A value with spaces goes in quotes: `place:"Shibuya station"`.
//! - **Dates**, where a period is a year `2026`, a month `2026-03` or a day `2026-03-14`:
//!   - `on:P` or `date:P` anywhere within the period;
//!   - `after:P` strictly after the whole period (`after:2026` starts on 2027-01-01);
//!   - `before:P` strictly before the period starts;
//!   - `date:P..Q` from the start of P to the end of Q, both included
//!     (`date:2026-01..2026-03` is January to March); `date:P..` and `date:..Q` leave one
//!     end open.
//!
//! An empty query matches everything.
//!
//! [`parse`] reads a query in one of two [`Mode`]s: [`Mode::Typing`] for search-as-you-type,
//! which never fails and quietly leaves out what is not finished yet, and [`Mode::Strict`] for
//! the command line, which reports the first mistake as a [`QueryError`] pointing at it.

use std::ops::Range;

use jiff::civil::Date;

mod dates;
mod error;
mod lex;
mod parse;
#[cfg(test)]
mod tests;

pub use error::QueryError;
pub use parse::parse;

/// How forgiving [`parse`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Search-as-you-type: never fails, drops unfinished parts, marks the last term as a prefix.
    Typing,
    /// The command line: the first mistake is an error pointing at the bad part.
    Strict,
}

/// A parsed query: every group must match.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Query {
    /// The groups, all of which must match (AND).
    pub groups: Vec<Group>,
}

/// Terms joined by `OR`: any one of them matching is enough.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The alternatives (never empty).
    pub alternatives: Vec<Term>,
}

/// One term of a query, possibly excluded with a leading dash.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// Whether the term was written with a leading `-`: notes matching it are left out.
    pub negated: bool,
    /// What the term looks for.
    pub atom: Atom,
    /// Byte range of the whole term in the query text, including `-` and quotes.
    pub span: Range<usize>,
}

/// What a term looks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Atom {
    /// A bare word; `prefix` when it is still being typed and should match as a prefix.
    Word {
        /// The word as typed.
        text: String,
        /// Match words starting with `text` (search-as-you-type).
        prefix: bool,
    },
    /// A phrase in double quotes, without the quotes.
    Phrase {
        /// The text between the quotes, as typed.
        text: String,
        /// The closing quote is still missing, so the last word may be unfinished.
        prefix: bool,
    },
    /// A field filter such as `why:price` or `#commute`.
    Filter {
        /// The field searched.
        field: Filter,
        /// The value as typed, without quotes (case is left to the index).
        value: String,
        /// Match values starting with `value` (search-as-you-type).
        prefix: bool,
    },
    /// A date filter (`on:`, `after:`, `before:`, `date:`), resolved to days.
    Dates(DayRange),
}

/// A field that can be searched by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// `why:` a why-code.
    Why,
    /// `tag:` or `#` a tag.
    Tag,
    /// `kind:` the kind of note.
    Kind,
    /// `study:` the study a note belongs to.
    Study,
    /// `place:` where the note was taken.
    Place,
    /// `by:` the researcher.
    By,
    /// `who:` a participant.
    Who,
}

impl Filter {
    /// Every field, in the order the documentation lists them.
    pub const ALL: [Filter; 7] = [
        Filter::Why,
        Filter::Tag,
        Filter::Kind,
        Filter::Study,
        Filter::Place,
        Filter::By,
        Filter::Who,
    ];

    /// The field's name as typed before the colon, in lowercase (`"why"`).
    pub fn name(self) -> &'static str {
        match self {
            Filter::Why => "why",
            Filter::Tag => "tag",
            Filter::Kind => "kind",
            Filter::Study => "study",
            Filter::Place => "place",
            Filter::By => "by",
            Filter::Who => "who",
        }
    }

    /// The field called `name`, in any case (`"Why"` gives [`Filter::Why`]).
    pub fn from_name(name: &str) -> Option<Filter> {
        Filter::ALL
            .into_iter()
            .find(|field| field.name().eq_ignore_ascii_case(name))
    }
}

/// A half-open range of days: `from` included, `until` excluded, `None` for an open end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayRange {
    /// The first day in the range, or `None` for no lower bound.
    pub from: Option<Date>,
    /// The first day after the range, or `None` for no upper bound.
    pub until: Option<Date>,
}

impl DayRange {
    /// Whether `day` falls inside the range.
    pub fn contains(&self, day: Date) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| day < until)
    }
}

impl Query {
    /// Whether the query has no terms at all (and so matches everything).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every term of every group, in the order they were written.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.groups.iter().flat_map(|group| &group.alternatives)
    }
}
