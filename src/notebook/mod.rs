//! The notebook on disk: a folder marked by `fieldnotes.yaml`, holding `codebook.yaml` and one
//! YAML file per note anywhere below it.

mod discover;
pub mod drafts;
mod journal;
mod load;
mod remove;
mod settings;
pub mod store;
mod study;
pub use study::names_folder;
mod write;
mod write_all;

use std::path::{Path, PathBuf};

pub use discover::{Origin, SETTINGS_FILE, find_root};
pub use load::{Loaded, NoteFile, note_id, read_bytes, read_text};
pub use remove::{Removed, git_holds};
pub use settings::{Settings, UserConfig};
pub use write::{TEMP_FOLDER, write_atomic};

use crate::codebook::{CODEBOOK_FILE, Code, Codebook};
use crate::error::{Error, Result};
use crate::problem::Problem;

/// An open notebook.
#[derive(Clone, Debug)]
pub struct Notebook {
    /// The folder holding `fieldnotes.yaml`.
    pub root: PathBuf,
}

impl Notebook {
    /// The notebook rooted at `root`, which must hold `fieldnotes.yaml`.
    pub fn open(root: &Path) -> Result<Notebook> {
        if !root.join(SETTINGS_FILE).is_file() {
            return Err(Error::NotANotebook(root.to_path_buf()));
        }
        let notebook = Notebook {
            root: root.to_path_buf(),
        };
        notebook.clear_stale_temp_files();
        Ok(notebook)
    }

    /// The name the settings give the notebook, else its folder's name.
    pub fn name(&self) -> String {
        self.settings().0.name.unwrap_or_else(|| {
            self.root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| self.root.display().to_string())
        })
    }

    /// Reads the settings; a broken file gives the defaults and its problems.
    pub fn settings(&self) -> (Settings, Vec<Problem>) {
        self.read_root_file(SETTINGS_FILE, Settings::parse)
    }

    /// Reads the codebook; a missing file is an empty codebook.
    pub fn codebook(&self) -> (Codebook, Vec<Problem>) {
        if !self.root.join(CODEBOOK_FILE).exists() {
            return (Codebook::default(), Vec::new());
        }
        self.read_root_file(CODEBOOK_FILE, Codebook::parse)
    }

    /// Adds `code` at the end of `codebook.yaml` (creating the file when there is none),
    /// changing nothing else in it. Returns false when the codebook already has it (another
    /// writer may have added it a moment ago).
    pub fn add_code(&self, code: &Code, notice: &dyn Fn(&str)) -> Result<bool> {
        let path = self.root.join(CODEBOOK_FILE);
        self.change(&path, notice, |bytes| {
            let text = match bytes {
                Some(bytes) => crate::yaml::decode(bytes).map_err(|p| {
                    Error::invalid(
                        format!("{CODEBOOK_FILE} cannot be read: {}", p.message),
                        "run `fieldnotes check` and fix it first",
                    )
                })?,
                None => "",
            };
            if Codebook::parse(text).0.get(&code.name).is_some() {
                return Ok(None);
            }
            let written = crate::codebook::with_code_added(text, code).map_err(|why| {
                Error::invalid(
                    format!("`{}` was not added to {CODEBOOK_FILE}: {why}", code.name),
                    "add it by hand",
                )
            })?;
            Ok(Some(written.into_bytes()))
        })
    }

    /// Writes `note` in the canonical form as a new note in `folder`; see [`Self::write_new`].
    pub fn write_note(
        &self,
        folder: &Path,
        note: &crate::note::Note,
        taken: Option<&dyn Fn(&str) -> bool>,
        notice: &dyn Fn(&str),
    ) -> Result<PathBuf> {
        let text = note.to_yaml();
        let named = (note.title.as_str(), &note.date, note.kind.as_str());
        self.write_new(folder, named, &text, taken, notice)
    }

    /// Writes `text` as a new note in `folder`, named from its date and title, never over an
    /// existing file; returns its path relative to the root. Ids are unique in the notebook:
    /// `taken` says whether a note has one (an index answers at once); without it, every file
    /// is looked at.
    pub fn write_new(
        &self,
        folder: &Path,
        (title, date, kind): (&str, &crate::note::NoteDate, &str),
        text: &str,
        taken: Option<&dyn Fn(&str) -> bool>,
        notice: &dyn Fn(&str),
    ) -> Result<PathBuf> {
        let path = self.create(notice, text.as_bytes(), || {
            // Chosen under the write lock, so two writers never pick the same free id.
            let walked: std::collections::HashSet<String> = match taken {
                Some(_) => Default::default(),
                None => self.note_paths().iter().map(|p| note_id(p)).collect(),
            };
            let id = store::new_id(date.day(), title, kind, |id| {
                taken.map_or_else(|| walked.contains(id), |taken| taken(id))
                    || folder.join(format!("{id}.yaml")).exists()
            });
            Ok(folder.join(format!("{id}.yaml")))
        })?;
        Ok(self.relative(&path).to_path_buf())
    }

    fn read_root_file<T: Default>(
        &self,
        name: &str,
        parse: fn(&str) -> (T, Vec<Problem>),
    ) -> (T, Vec<Problem>) {
        // The same guards as for notes: a pipe or a huge file is refused, not read forever.
        let (value, problems) = match read_text(&self.root.join(name)) {
            Ok(text) => parse(&text),
            Err(problem) => (T::default(), vec![problem]),
        };
        (
            value,
            problems.into_iter().map(|p| p.in_file(name)).collect(),
        )
    }

    /// A path relative to the root, for messages.
    pub fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }
}
