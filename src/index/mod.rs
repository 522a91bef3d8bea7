//! The search index: one Tantivy index per notebook in the user's cache directory, brought up
//! to date with the files on disk every time it is opened or refreshed, so a search never
//! answers from stale notes.
//!
//! Several fieldnotes processes may share an index (the TUI open while the command line
//! searches). Writers take an exclusive lock on a file beside the index for the whole of a
//! refresh; readers take it shared while they open the index, so they never see a half-written
//! commit. Nobody holds the lock between commands.
//!
//! Damage is answered by building the index again: whatever is at its path that is not a
//! healthy index (a file where its folder should be, a folder where its lock should be,
//! garbage in a segment, a build stopped half-way) is removed, under the lock. Every public
//! operation reports damage, Tantivy's panics included, as an [`Error::Index`]; [`damage`]
//! says why to rebuild.
//!
//! Inside one process, a [`SearchIndex`] may be shared between threads (the TUI searches while
//! [`watch::follow`] refreshes): searches read a snapshot, and every refresh takes the same
//! file lock as another process would, so two refreshes never write at once.

mod board;
mod cache;
mod facets;
mod fresh;
mod guard;
mod health;
mod highlight;
mod later;
mod links;
mod lock;
mod named;
mod open;
mod plan;
mod schema;
mod search;
mod snippet;
mod starts;
pub mod text;
mod update;
#[cfg(unix)]
pub mod watch;

use std::path::{Path, PathBuf};

use tantivy::IndexReader;

pub use facets::Facets;
pub use fresh::{FileMeta, content_hash};
pub use guard::catching;
pub use highlight::{Highlighter, Part};
pub use links::{Brief, Links};
pub use open::damage;
pub use schema::SCHEMA_VERSION;
pub use search::{Hit, Results, SearchOptions, Snippet, Sort};
pub use snippet::edits_within;

use crate::error::{Error, Result};
use crate::notebook::Notebook;
use cache::{Analyzers, CodebookCache};
use lock::IndexLock;
use open::Opening;
use schema::Fields;

/// An open search index.
pub struct SearchIndex {
    notebook: Notebook,
    folder: PathBuf,
    lock: IndexLock,
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    /// The language the analyzers stem in, recorded with every commit.
    language: String,
    /// Copied by each search, which needs its own to tokenize with.
    analyzers: Analyzers,
    codebook: CodebookCache,
    facts: board::FactsCache,
}

// The TUI searches from one thread while another follows the notebook's changes.
const _: () = {
    const fn shared_between_threads<T: Send + Sync>() {}
    shared_between_threads::<SearchIndex>();
};

/// What bringing the index up to date did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refresh {
    /// Whether the index was built from nothing.
    pub rebuilt: bool,
    /// Whether a `fieldnotes watch` vouched for the index, so no file was looked at.
    pub watched: bool,
    /// Files read whose content was new to the index: new or changed files, or all of them
    /// on a rebuild. (Files whose times changed but whose content did not are not counted.)
    pub read: usize,
    /// Files read again because their times changed, whose content had not.
    pub rechecked: usize,
    /// Files seen for the first time.
    pub added: usize,
    /// Files gone since the last refresh.
    pub removed: usize,
    /// Notes the index holds.
    pub notes: usize,
    /// Files the index holds that have errors (never results; `fieldnotes check` shows why).
    pub broken: usize,
}

/// Where `notebook`'s index lives inside the cache directory: named after the notebook's folder
/// and a hash of its full path, so two notebooks never share one.
pub fn location(cache: &Path, root: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let name =
        crate::notebook::store::slug(&root.file_name().unwrap_or_default().to_string_lossy());
    let hash = content_hash(root.as_os_str().as_encoded_bytes());
    cache.join("index").join(format!("{name}-{hash:016x}"))
}

impl SearchIndex {
    /// Opens the notebook's index and brings it up to date, building it when it is missing,
    /// damaged, left unfinished, or from another version. `notice` gets one line to show the
    /// user when that happens, or when another fieldnotes holds the index for long.
    pub fn open(
        notebook: &Notebook,
        cache: &Path,
        notice: &dyn Fn(&str),
    ) -> Result<(SearchIndex, Refresh)> {
        Self::open_with(notebook, cache, notice, Opening::Current)
    }

    /// Opens the notebook's index as it is, without looking for changed files or asking a
    /// watcher (the returned [`Refresh`] only counts notes and broken files), so a screen can
    /// show it at once and [`refresh`](Self::refresh) later; builds it as [`open`](Self::open)
    /// does when there is no usable one.
    pub fn open_as_is(
        notebook: &Notebook,
        cache: &Path,
        notice: &dyn Fn(&str),
    ) -> Result<(SearchIndex, Refresh)> {
        Self::open_with(notebook, cache, notice, Opening::AsIs)
    }

    /// Builds the notebook's index again from every file; `why` is said in the notice.
    pub fn rebuild(
        notebook: &Notebook,
        cache: &Path,
        notice: &dyn Fn(&str),
        why: &str,
    ) -> Result<(SearchIndex, Refresh)> {
        Self::open_with(notebook, cache, notice, Opening::Rebuild(why))
    }

    /// Runs one of the index's public operations at the boundary where a panic in Tantivy
    /// becomes an error (see [`guard`]).
    fn guarded<T>(&self, work: impl FnOnce() -> Result<T>) -> Result<T> {
        guard::caught(&self.folder, work)
    }

    fn failed(&self, e: impl std::fmt::Display) -> Error {
        Error::Index {
            path: self.folder.clone(),
            message: e.to_string(),
        }
    }

    /// The notebook this index covers.
    pub fn notebook(&self) -> &Notebook {
        &self.notebook
    }

    /// The folder the index lives in.
    pub fn folder(&self) -> &Path {
        &self.folder
    }
}
