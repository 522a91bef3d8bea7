//! Drafts of the note being written, for the runtime: saved at most a second after a change
//! (typing saves once a second, not once a key), thrown away once the note is saved, and the
//! drafts earlier sessions left offered back.

use std::path::Path;
use std::time::{Duration, Instant};

use super::form::Form;
use super::writing::draft_of;
use crate::error::Result;
use crate::notebook::drafts::{Drafts, LeftBehind, Session};

/// How long after a change its draft is saved at the latest.
const DRAFT_DELAY: Duration = Duration::from_secs(1);

/// The drafts folder and this session's own draft in it.
#[derive(Default)]
pub struct Keeper {
    drafts: Option<Drafts>,
    own: Option<Session>,
    due: Option<Instant>,
}

impl Keeper {
    /// Keeps drafts in `drafts`.
    pub fn new(drafts: Drafts) -> Keeper {
        Keeper {
            drafts: Some(drafts),
            ..Keeper::default()
        }
    }

    /// Drafts of the notebook at `root` that earlier sessions left, newest first.
    pub fn left_behind(&self, root: &Path) -> Vec<LeftBehind> {
        self.drafts
            .as_ref()
            .map(|d| d.left_behind(root))
            .unwrap_or_default()
    }

    /// The form changed: its draft is saved within [`DRAFT_DELAY`].
    pub fn changed(&mut self) {
        self.due.get_or_insert_with(|| Instant::now() + DRAFT_DELAY);
    }

    /// Whether a change waits longer than it may.
    pub fn overdue(&self) -> bool {
        self.due.is_some_and(|due| Instant::now() >= due)
    }

    /// Saves the draft of `form` now (nothing when no form is open).
    pub fn save(&mut self, root: &Path, form: Option<&Form>) -> Result<()> {
        self.due = None;
        let (Some(form), Some(drafts)) = (form, &self.drafts) else {
            return Ok(());
        };
        let own = match self.own.take() {
            Some(own) => own,
            None => drafts.session()?,
        };
        let saved = own.save(&draft_of(root, &form.note, form.editing.as_ref()));
        self.own = Some(own);
        saved
    }

    /// Throws this session's draft away: the note was saved or dropped.
    pub fn discard(&mut self) -> Result<()> {
        self.due = None;
        self.own.as_ref().map_or(Ok(()), Session::discard)
    }

    /// Throws away a draft an earlier session left.
    pub fn remove(&self, path: &Path) -> Result<()> {
        self.drafts.as_ref().map_or(Ok(()), |d| d.remove(path))
    }
}
