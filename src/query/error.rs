//! The error a strict parse ends with.

use std::ops::Range;

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A mistake in a query typed on the command line, pointing at the bad part.
#[derive(Clone, Debug, PartialEq, Eq, Error, Diagnostic)]
#[error("{message}")]
pub struct QueryError {
    message: String,
    #[source_code]
    query: String,
    label: &'static str,
    #[label("{label}")]
    span: SourceSpan,
    #[help]
    hint: String,
}

impl QueryError {
    /// An error about `span` of `query`; `label` is the few words shown under the bad part.
    pub(super) fn new(
        query: &str,
        span: Range<usize>,
        message: String,
        label: &'static str,
        hint: String,
    ) -> Self {
        QueryError {
            message,
            query: query.to_owned(),
            label,
            span: span.into(),
            hint,
        }
    }

    /// What is wrong, in plain words.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The byte range of the bad part in the query text.
    pub fn span(&self) -> Range<usize> {
        self.span.offset()..self.span.offset() + self.span.len()
    }

    /// What to type instead.
    pub fn hint(&self) -> &str {
        &self.hint
    }

    /// The query text the error is about.
    pub fn query(&self) -> &str {
        &self.query
    }
}
