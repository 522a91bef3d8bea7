//! What `update` asks the runtime to do (everything that touches the disk, the index or the
//! terminal), and what the runtime reports back.

use std::path::PathBuf;

use crate::index::{Highlighter, Results, Sort};
use crate::problem::Problem;

use super::app::{Choice, Shown};

/// Work for the runtime.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Run this query (typing mode) and report [`Outcome::Found`].
    Search {
        /// The search line.
        query: String,
        /// The order.
        sort: Sort,
        /// How many hits.
        limit: usize,
    },
    /// Read a note file and report [`Outcome::Loaded`].
    Load {
        /// Relative to the notebook root.
        path: String,
    },
    /// Find the note with this id (an insight's evidence) and report [`Outcome::Followed`].
    Follow {
        /// The note id.
        id: String,
    },
    /// Suspend the UI, open the file in the user's editor, then bring the index up to date
    /// with it and report [`Outcome::Edited`].
    Edit {
        /// Relative to the notebook root.
        path: String,
        /// The line to put the cursor on, when the editor understands `+LINE`.
        line: Option<u32>,
    },
    /// Count the values to filter by and report [`Outcome::Choices`].
    Choices,
    /// Find the files with errors and report [`Outcome::Problems`].
    Problems,
    /// Open this notebook and report [`Outcome::Opened`].
    OpenNotebook {
        /// Its root folder.
        root: PathBuf,
    },
    /// Make this folder a notebook, then open it.
    Init {
        /// The folder.
        dir: PathBuf,
    },
}

/// What the runtime found or saw.
pub enum Outcome {
    /// A notebook was opened (from the start screen).
    Opened {
        /// Its name.
        name: String,
    },
    /// The index is open and can be searched.
    Ready {
        /// Notes it holds.
        notes: usize,
        /// Files with errors.
        broken: usize,
    },
    /// The index took in changes made on disk.
    Refreshed {
        /// Notes it holds.
        notes: usize,
        /// Files with errors.
        broken: usize,
    },
    /// The answer to [`Effect::Search`].
    Found {
        /// The query that was run.
        query: String,
        /// The hits.
        results: Results,
        /// Marks the matched words.
        highlighter: Highlighter,
    },
    /// The answer to [`Effect::Load`].
    Loaded(Box<Shown>),
    /// The answer to [`Effect::Follow`].
    Followed {
        /// The id asked for.
        id: String,
        /// Its file, when there is such a note.
        path: Option<String>,
    },
    /// The editor closed and the index holds the file as it is now.
    Edited {
        /// The file edited.
        path: String,
        /// Whether the editor changed it.
        changed: bool,
        /// Notes the index holds now.
        notes: usize,
        /// Files with errors now.
        broken: usize,
    },
    /// The answer to [`Effect::Choices`].
    Choices(Vec<Choice>),
    /// The answer to [`Effect::Problems`].
    Problems(Vec<Problem>),
    /// Something to tell the user.
    Notice(String),
}
