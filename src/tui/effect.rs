//! What `update` asks the runtime to do (everything that touches the disk, the index or the
//! terminal), and what the runtime reports back.

use std::path::PathBuf;

use crate::index::{Highlighter, Results, Sort};
use crate::problem::Problem;

use super::app::{Choice, Conflict, Shown};
use super::form::Editing;
use crate::codebook::change::Change;
use crate::note::Note;
use crate::notebook::drafts::{Draft, LeftBehind};

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
    /// Count the values to filter by among the notes this search line finds, and report
    /// [`Outcome::Choices`].
    Choices {
        /// The search line.
        query: String,
    },
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
    /// Gather what a new note's form needs (the kinds, the time now) and report
    /// [`Outcome::NewForm`].
    StartNote {
        /// A draft to go on with instead of a blank note.
        restored: Option<Box<Draft>>,
    },
    /// Read a note to edit in the form and report [`Outcome::EditForm`].
    EditNote {
        /// Relative to the notebook root.
        path: String,
        /// Open with the cursor on the first why-codes.
        tag: bool,
        /// A draft of an edit of it, to go on with.
        restored: Option<Box<Draft>>,
    },
    /// Sync the notebook with the team in the background, reporting [`Outcome::Synced`].
    Sync,
    /// Sync with the terminal given back, so that git can ask for a password or passphrase,
    /// reporting [`Outcome::Synced`].
    SyncAsking,
    /// Find out in the background where the notebook stands with its team, reporting
    /// [`Outcome::Standing`].
    LookStanding,
    /// List the fields in conflict with the team and report [`Outcome::Conflicts`].
    Conflicts,
    /// Settle a field in conflict in the note on disk and report [`Outcome::Settled`].
    Settle {
        /// The note's id.
        id: String,
        /// The field.
        field: String,
        /// Whose value.
        choice: crate::git::resolve::Choice,
    },
    /// List the versions git keeps of a note and report [`Outcome::Versions`].
    Versions {
        /// Relative to the notebook root.
        path: String,
    },
    /// Compare a version of a note with the note now and report [`Outcome::Difference`].
    Difference {
        /// Relative to the notebook root.
        path: String,
        /// The version's commit.
        commit: String,
        /// The file's path in that commit, from the top of the repository.
        at: String,
    },
    /// Bring a version back as the note's text and report [`Outcome::BroughtBack`].
    BringBack {
        /// Relative to the notebook root.
        path: String,
        /// The version's commit.
        commit: String,
        /// The file's path in that commit, from the top of the repository.
        at: String,
    },
    /// Count the board over the notes this search line finds and report [`Outcome::Board`].
    Board {
        /// The search line.
        query: String,
    },
    /// Read the titles and actions of these insights and report [`Outcome::InsightWords`].
    InsightWords {
        /// Their files, relative to the notebook root.
        paths: Vec<String>,
    },
    /// Arrange these code walls off the UI thread, with the words of their first pieces, and
    /// report [`Outcome::Arranged`].
    Arrange {
        /// The walls.
        walls: Vec<super::board::WallOf>,
    },
    /// Read the words of these pieces of evidence and report [`Outcome::BoardTexts`].
    BoardTexts {
        /// The pieces.
        wanted: Vec<super::board::Wanted>,
    },
    /// Count in the background what a change to the codebook would do (only the latest
    /// asked for is counted) and report [`Outcome::Previewed`].
    PreviewChange {
        /// The change.
        change: Box<Change>,
    },
    /// Make a change to the codebook in the background and report [`Outcome::Changed`].
    MakeChange {
        /// The change.
        change: Box<Change>,
    },
    /// List every use of a code to split, in the background, and report
    /// [`Outcome::SplitUses`].
    SplitUses {
        /// The code split.
        code: String,
        /// Its two parts.
        parts: Vec<String>,
    },
    /// Read the why-codes to pick from and report [`Outcome::Codes`].
    Codes,
    /// Read the studies and recent places to offer and report [`Outcome::Recent`].
    Recent,
    /// Search notes for an insight's evidence and report [`Outcome::Candidates`].
    Candidates {
        /// What was typed.
        query: String,
    },
    /// Remove a note file (git or the trash folder keeps it) and report [`Outcome::Notice`].
    Remove {
        /// Relative to the notebook root.
        path: String,
    },
    /// Add a code to `codebook.yaml`.
    AddCode {
        /// The code.
        name: String,
        /// What it means, as the user put it.
        description: Option<String>,
        /// The code it sits under.
        parent: Option<String>,
    },
    /// Write the note: a new file, or the edited one in place when it has not changed on disk
    /// (else report [`Outcome::Conflict`]). Reports [`Outcome::Saved`].
    SaveNote {
        /// The note.
        note: Box<Note>,
        /// The file edited, as it was read.
        editing: Option<Box<Editing>>,
        /// Quit once it is saved.
        then_quit: bool,
    },
    /// The form changed: save the draft soon (within a second).
    DraftChanged,
    /// Save the draft now (before quitting).
    FlushDraft,
    /// Throw this session's draft away: the note was saved or dropped.
    DropDraft,
    /// Throw away a draft an earlier session left.
    DropLeftBehind {
        /// The draft file.
        path: PathBuf,
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
        /// The errors the file still has, which leave it out of search.
        errors: Vec<Problem>,
    },
    /// A note was removed and the index no longer holds it.
    Removed {
        /// What became of it, for the status bar.
        said: String,
        /// Notes the index holds now.
        notes: usize,
        /// Files with errors now.
        broken: usize,
    },
    /// The answer to [`Effect::Choices`].
    Choices(Vec<Choice>),
    /// The answer to [`Effect::Problems`].
    Problems(crate::check::Report),
    /// Something to tell the user.
    Notice(String),
    /// Something the index thread tells the user (building the index, say).
    IndexNotice(String),
    /// Drafts earlier sessions left unsaved, newest first.
    LeftBehind(Vec<LeftBehind>),
    /// The answer to [`Effect::StartNote`].
    NewForm {
        /// The kinds the notebook knows.
        kinds: Vec<String>,
        /// The time now, as a note's date.
        now: String,
        /// The draft to go on with.
        restored: Option<Box<Draft>>,
    },
    /// The answer to [`Effect::EditNote`].
    EditForm {
        /// The kinds the notebook knows.
        kinds: Vec<String>,
        /// The file as read.
        editing: Box<Editing>,
        /// Open at the why-codes.
        tag: bool,
        /// The draft to go on with.
        restored: Option<Box<Draft>>,
    },
    /// How a sync went, in one line.
    Synced {
        /// What happened.
        line: String,
        /// The team's repository wants a password or passphrase git could not ask for.
        ask: bool,
        /// Notes with fields in conflict after it.
        conflicts: usize,
    },
    /// The answer to [`Effect::Conflicts`].
    Conflicts(Vec<crate::git::settle::Disagreement>),
    /// A field in conflict was settled, or a version brought back, and the index holds it.
    Settled {
        /// What became of it, for the status bar.
        said: String,
        /// Notes and files with errors the index holds now, when it is open.
        counts: Option<(usize, usize)>,
    },
    /// The answer to [`Effect::Versions`].
    Versions {
        /// The note's file.
        path: String,
        /// Its versions, newest first, or why they cannot be listed.
        list: Result<Vec<crate::git::history::Version>, String>,
    },
    /// The answer to [`Effect::Difference`].
    Difference {
        /// The version compared.
        commit: String,
        /// What changed from it to now.
        lines: super::app::Difference,
    },
    /// Where the notebook stands with its team.
    Standing(Option<crate::git::changes::Standing>),
    /// The answer to [`Effect::Board`].
    Board(std::sync::Arc<super::board::Counted>),
    /// The answer to [`Effect::InsightWords`]: each insight's title and action, by its file.
    InsightWords(Vec<(String, (String, Option<String>))>),
    /// The answer to [`Effect::Arrange`].
    Arranged(Box<super::board::Arranged>),
    /// The answer to [`Effect::BoardTexts`]: each piece's words.
    BoardTexts(Vec<(super::board::TextKey, crate::board::shown::Shown)>),
    /// The answer to [`Effect::PreviewChange`]: what the change would do, in words, or why
    /// it is refused.
    Previewed {
        /// The change counted.
        change: Box<Change>,
        /// What it would do, or why it cannot be made.
        answer: Result<String, String>,
    },
    /// The answer to [`Effect::SplitUses`].
    SplitUses {
        /// The code split.
        code: String,
        /// Its two parts.
        parts: Vec<String>,
        /// Every use of it.
        uses: Vec<crate::codebook::split::Use>,
    },
    /// The answer to [`Effect::MakeChange`].
    Changed {
        /// The change.
        change: Box<Change>,
        /// What was done, or why nothing was.
        answer: Result<String, String>,
        /// Notes and files with errors the index holds now, when it is open.
        counts: Option<(usize, usize)>,
    },
    /// The answer to [`Effect::Codes`].
    Codes(Vec<Choice>),
    /// The answer to [`Effect::Recent`].
    Recent(crate::tui::recent::Recent),
    /// The answer to [`Effect::Candidates`]: (id, title) of the notes found.
    Candidates {
        /// The query that was run.
        query: String,
        /// The notes.
        notes: Vec<(String, String)>,
    },
    /// The note was written and the index holds it.
    Saved {
        /// The file, relative to the notebook root.
        path: String,
        /// Notes and files with errors the index holds now, when it is open.
        counts: Option<(usize, usize)>,
        /// Quit now.
        then_quit: bool,
    },
    /// The file changed on disk since the form read it; nothing was written.
    Conflict(Box<Conflict>),
}
