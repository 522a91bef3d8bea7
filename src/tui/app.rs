//! The whole state of the terminal UI. `update` changes it, `view` draws it; nothing else
//! does either, so a screen can be tested by building an `App` and drawing it.

use std::path::PathBuf;
use std::sync::Arc;

use crate::index::{Highlighter, Hit, Links, Sort};
use crate::notebook::NoteFile;
use crate::problem::Problem;
use crate::query::Filter;

use super::form::{Editing, Form};
use super::keymap::Place;
use super::line::LineEditor;
use crate::notebook::drafts::LeftBehind;

/// The state of the terminal UI.
#[derive(Default)]
pub struct App {
    /// Columns and rows of the terminal.
    pub size: (u16, u16),
    /// The screen shown.
    pub screen: Screen,
    /// A window over the screen, if one is open.
    pub overlay: Option<Overlay>,
    /// The last thing worth telling the user (a notice, an error), shown in the status bar.
    pub message: Option<String>,
    /// Whether to draw in colour (not for `NO_COLOR`).
    pub colour: bool,
    /// Set when the user asked to quit.
    pub quit: bool,
    /// The notebook's name, for the status bar.
    pub notebook_name: String,
    /// The search screen.
    pub browse: Browse,
    /// Notes being read, the last on top: following an evidence link pushes, going back pops.
    pub reading: Vec<Reading>,
    /// The problems screen.
    pub problems: Problems,
    /// The note being written or edited, on the form screen.
    pub form: Option<Form>,
    /// Who records new notes (`researcher` in the user's config).
    pub researcher: Option<String>,
    /// The last thing the index thread said: the index being ready makes it out of date.
    pub index_said: Option<String>,
    /// The draft file being restored: removed once the form holds what it held.
    pub restoring: Option<PathBuf>,
    /// Whether a sync with the team is running.
    pub syncing: bool,
    /// The last sync needed a password or passphrase: the next one gives git the terminal.
    pub sync_asks: bool,
    /// Where the notebook stands with its team; none outside git.
    pub standing: Option<crate::git::changes::Standing>,
    /// Whether the runtime is finding out where the notebook stands.
    pub looking: bool,
    /// Files changed while it was finding out: it looks again once it has said.
    pub look_again: bool,
    /// The conflicts screen.
    pub settling: Settling,
    /// The versions screen.
    pub versions: Versions,
    /// The why board.
    pub board: super::board::Board,
    /// The screen the board was opened over, back when it closes.
    pub board_over: Screen,
    /// How many notes were open in the reader when one was opened from the board: going
    /// back to that many goes back to the board.
    pub board_depth: Option<usize>,
}

/// The conflicts screen: each field in conflict, both values side by side.
#[derive(Default)]
pub struct Settling {
    /// Every field in conflict, once looked up.
    pub list: Option<Vec<crate::git::settle::Disagreement>>,
    /// The selected field.
    pub selected: usize,
    /// Lines the two values are scrolled.
    pub scroll: usize,
}

/// The versions screen: a note's versions, and what changed from the selected one to now.
#[derive(Default)]
pub struct Versions {
    /// The note's file, relative to the notebook root.
    pub path: String,
    /// Its versions, newest first, once looked up; or why they cannot be.
    pub list: Option<Result<Vec<crate::git::history::Version>, String>>,
    /// The selected version.
    pub selected: usize,
    /// The commit the difference is from, and the difference, word by word.
    pub difference: Option<(String, Difference)>,
    /// Lines the difference is scrolled.
    pub scroll: usize,
}

/// A word-by-word difference, as `git::history::difference` gives it.
pub type Difference = Vec<Option<Vec<crate::git::history::Piece>>>;

/// The screens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    /// No notebook was found.
    Start(StartChoices),
    /// The search line, the results and a preview.
    #[default]
    Browse,
    /// One note, full screen (the top of `App::reading`).
    Note,
    /// The files with errors.
    Problems,
    /// Writing or editing a note (`App::form`).
    Form,
    /// The conflicts a sync set aside, settled field by field (`App::settling`).
    Settling,
    /// The versions of a note (`App::versions`).
    Versions,
    /// The why board (`App::board`).
    Board,
}

/// What the start screen can offer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartChoices {
    /// The current folder, which `init` would make a notebook.
    pub here: PathBuf,
    /// The sample notebook, when there is one nearby.
    pub sample: Option<PathBuf>,
}

/// Windows drawn over a screen.
pub enum Overlay {
    /// The keys of the screen below.
    Help {
        /// Where the help was asked for.
        place: Place,
        /// Lines scrolled.
        scroll: super::scroll::Scroll,
        /// The window the help was opened over, back when it closes.
        below: Option<Box<Overlay>>,
    },
    /// Choosing a kind, study or why-code to filter by.
    Filters(Picker),
    /// Leaving a note with unsaved changes: save, discard or go on writing?
    Leaving {
        /// Whether the user was quitting fieldnotes.
        quitting: bool,
    },
    /// Notes an earlier session left unsaved (a crash, a kill, a dropped connection).
    Restore(Vec<LeftBehind>),
    /// The file changed on disk while it was being edited: both versions, to choose.
    Conflict(Conflict),
    /// Asked whether to remove a note.
    Removing(Removing),
}

/// A note the user asked to remove, waiting for a yes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removing {
    /// The file, relative to the notebook root.
    pub path: String,
    /// Its title, to say which note it is.
    pub title: String,
}

/// Two versions of a note file: what is on disk now and what the form would save.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The file, relative to the notebook root.
    pub path: String,
    /// The file as it is on disk now.
    pub disk: String,
    /// The file as the form would write it.
    pub mine: String,
    /// Lines scrolled.
    pub scroll: usize,
    /// The file on disk now, as read: keeping mine saves over this and nothing newer.
    pub on_disk: Box<Editing>,
}

/// Which part of the search screen takes the keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// The search line: keys type.
    #[default]
    Search,
    /// The results: letters are commands.
    List,
}

/// The search screen.
#[derive(Default)]
pub struct Browse {
    /// Where the keys go.
    pub focus: Focus,
    /// The search line.
    pub line: LineEditor,
    /// How results are ordered.
    pub sort: Sort,
    /// Whether the index is open; until then there is nothing to search.
    pub ready: bool,
    /// The query and order the hits answer.
    pub answered: Option<(String, Sort)>,
    /// The notes found, best first.
    pub hits: Vec<Hit>,
    /// How many notes match in all.
    pub total: usize,
    /// True when these are near spellings because nothing matched exactly.
    pub near: bool,
    /// How many hits were asked for; grows as the user moves down the list.
    pub limit: usize,
    /// Set when the user asked for the bottom of the list before all of it was fetched.
    pub to_bottom: bool,
    /// Marks the matched words in the preview.
    pub highlighter: Arc<Highlighter>,
    /// The selected hit.
    pub selected: usize,
    /// A note to select once the hits hold it: one just written.
    pub select: Option<String>,
    /// The first hit shown (the list's scroll position).
    pub top: usize,
    /// The selected note, read from its file.
    pub preview: Option<Shown>,
    /// Lines the preview is scrolled, and where to go once it is laid out.
    pub preview_scroll: super::scroll::Scroll,
    /// Notes in the notebook, and files with errors, as the index last counted.
    pub notes: usize,
    /// Files with errors (see [`Problems`]).
    pub broken: usize,
}

/// A note read from disk for showing, or why it could not be.
#[derive(Clone)]
pub struct Shown {
    /// The file, relative to the notebook root.
    pub path: String,
    /// The note, or what went wrong reading it.
    pub file: Result<NoteFile, String>,
    /// The notes it names as evidence and the notes that cite it.
    pub links: Links,
}

/// A note open full screen.
pub struct Reading {
    /// The file, relative to the notebook root.
    pub path: String,
    /// The note once read.
    pub shown: Option<Shown>,
    /// Lines scrolled, and where to go once the note is laid out.
    pub scroll: super::scroll::Scroll,
    /// The selected evidence link of an insight.
    pub link: Option<usize>,
    /// Marks the words that found the note.
    pub highlighter: Arc<Highlighter>,
}

/// The problems screen.
#[derive(Default)]
pub struct Problems {
    /// Every problem `check` finds, once looked up.
    pub list: Option<Vec<Problem>>,
    /// What they come to, in `check`'s words.
    pub summary: String,
    /// The selected problem.
    pub selected: usize,
}

/// The filter chooser.
#[derive(Default)]
pub struct Picker {
    /// What the user typed to narrow the choices.
    pub line: LineEditor,
    /// Every choice, once the index has counted them.
    pub choices: Vec<Choice>,
    /// Whether the index has counted them (a notebook may have nothing to filter by).
    pub counted: bool,
    /// Indices into `choices` that match what was typed, best first.
    pub shown: Vec<usize>,
    /// The selected entry of `shown`.
    pub selected: usize,
}

/// One value to filter by.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// kind, study or why.
    pub filter: Filter,
    /// The value.
    pub value: String,
    /// Notes that have it.
    pub count: usize,
    /// The codebook's description of a why-code.
    pub about: Option<String>,
    /// Whether the search line already filters by it.
    pub active: bool,
}

impl Choice {
    /// The query term that filters by this choice.
    pub fn term(&self) -> String {
        let value = if self.value.contains(char::is_whitespace) {
            format!("\"{}\"", self.value)
        } else {
            self.value.clone()
        };
        format!("{}:{value}", self.filter.name())
    }
}

impl App {
    /// A UI for the notebook called `name`, before its index is open.
    pub fn new(name: &str, size: (u16, u16)) -> App {
        App {
            size,
            notebook_name: name.to_owned(),
            browse: Browse {
                limit: super::update::FIRST_PAGE,
                ..Browse::default()
            },
            ..App::default()
        }
    }

    /// A UI showing the start screen.
    pub fn start(choices: StartChoices, size: (u16, u16)) -> App {
        App {
            size,
            screen: Screen::Start(choices),
            ..App::default()
        }
    }

    /// Where keys go now.
    pub fn place(&self) -> Place {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Help { .. }), _) => Place::Help,
            (Some(Overlay::Filters(_)), _) => Place::Filters,
            (Some(Overlay::Leaving { .. }), _) => Place::Leaving,
            (Some(Overlay::Restore(_)), _) => Place::Restore,
            (Some(Overlay::Conflict(_)), _) => Place::Conflict,
            (Some(Overlay::Removing(_)), _) => Place::Removing,
            (None, Screen::Form) => Place::Form,
            (None, Screen::Start(_)) => Place::Start,
            (None, Screen::Note) => Place::Note,
            (None, Screen::Problems) => Place::Problems,
            (None, Screen::Settling) => Place::Settling,
            (None, Screen::Versions) => Place::Versions,
            (None, Screen::Board) if self.board.changing.as_ref().is_some_and(|c| c.choosing()) => {
                Place::Splitting
            }
            (None, Screen::Board) if self.board.changing.is_some() => Place::Changing,
            (None, Screen::Board) if self.board.pane == super::board::Pane::Search => {
                Place::BoardSearch
            }
            (None, Screen::Board) => Place::Board,
            (None, Screen::Browse) if self.browse.focus == Focus::List => Place::List,
            (None, Screen::Browse) => Place::Search,
        }
    }

    /// The selected hit.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.browse.hits.get(self.browse.selected)
    }
}
