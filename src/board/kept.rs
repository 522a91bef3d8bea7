//! A note as the board counts it: its facts, and its names as numbers. The index keeps the
//! numbers of a segment's notes side by side in one block, in the order the board counts
//! them, so that a count over 100,000 notes reads them as one stream rather than fetching
//! two scattered allocations per note.

use std::ops::Deref;
use std::sync::Arc;

use super::NoteFacts;
use super::names::Ids;

/// What the board counts over: a note's facts and its names as numbers.
pub trait Facts: AsRef<NoteFacts> {
    /// Its names as numbers.
    fn ids(&self) -> Ids<'_> {
        Ids::of(self.as_ref())
    }
}

impl Facts for NoteFacts {}

impl Facts for Arc<NoteFacts> {}

/// A note's facts as the index keeps them, with its numbers in its segment's block.
#[derive(Clone)]
pub struct Kept {
    facts: Arc<NoteFacts>,
    numbers: Arc<Vec<u32>>,
    at: u32,
    end: u32,
}

impl Kept {
    /// `facts`, whose numbers are `numbers[at..end]`.
    pub fn new(facts: Arc<NoteFacts>, numbers: Arc<Vec<u32>>, at: u32, end: u32) -> Kept {
        Kept {
            facts,
            numbers,
            at,
            end,
        }
    }

    /// The facts, shared.
    pub fn shared(&self) -> &Arc<NoteFacts> {
        &self.facts
    }
}

impl From<NoteFacts> for Kept {
    /// A note counted on its own, numbered now.
    fn from(facts: NoteFacts) -> Kept {
        let mut numbers = Vec::new();
        super::names::write().number_into(&facts, &mut numbers);
        let end = u32::try_from(numbers.len()).unwrap_or(0);
        Kept::new(Arc::new(facts), Arc::new(numbers), 0, end)
    }
}

impl Deref for Kept {
    type Target = NoteFacts;

    fn deref(&self) -> &NoteFacts {
        &self.facts
    }
}

impl AsRef<NoteFacts> for Kept {
    fn as_ref(&self) -> &NoteFacts {
        &self.facts
    }
}

impl Facts for Kept {
    fn ids(&self) -> Ids<'_> {
        match self.numbers.get(self.at as usize..self.end as usize) {
            Some(numbers) => Ids::within(numbers),
            None => Ids::of(&self.facts),
        }
    }
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.facts.fmt(f)
    }
}
