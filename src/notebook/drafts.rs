//! Notes being written in the UI, saved to the user's data directory as they are typed, so
//! that a crash, a kill or a dropped SSH session loses nothing: the next start offers them
//! back.
//!
//! Each UI session writes one draft file and holds a lock on a file beside it while it runs.
//! The system releases the lock however the process ends, so a draft whose lock can be taken
//! was left behind.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::write_atomic;
use crate::error::{Error, Result};
use crate::note::NoteForm;

/// A note in progress, as saved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The notebook's root folder.
    pub notebook: PathBuf,
    /// The note file being edited, relative to the root; none for a new note.
    #[serde(default)]
    pub editing: Option<PathBuf>,
    /// A hash of that file's bytes when editing began, to tell whether it changed since.
    #[serde(default)]
    pub base: Option<u64>,
    /// When it was saved (RFC 3339).
    pub saved: String,
    /// The fields as typed.
    pub form: NoteForm,
}

/// The drafts folder in the user's data directory.
#[derive(Clone, Debug)]
pub struct Drafts {
    dir: PathBuf,
}

/// The draft file of one running UI, and the lock that says it is alive.
#[derive(Debug)]
pub struct Session {
    path: PathBuf,
    lock_path: PathBuf,
    _lock: File,
}

/// A draft some earlier session left behind.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftBehind {
    /// The draft file.
    pub path: PathBuf,
    /// What it holds.
    pub draft: Draft,
}

/// UI drafts are named so; `new` keeps its editor drafts in the same folder under other names.
const PREFIX: &str = "ui-";

impl Drafts {
    /// The drafts in `dir` (usually [`crate::dirs::Dirs::drafts`]).
    pub fn new(dir: PathBuf) -> Drafts {
        Drafts { dir }
    }

    /// A session that writes its own draft file, locked for as long as it lives.
    pub fn session(&self) -> Result<Session> {
        std::fs::create_dir_all(&self.dir).map_err(|e| Error::io("cannot create", &self.dir, e))?;
        let stamp = jiff::Timestamp::now().as_nanosecond();
        let name = format!("{PREFIX}{stamp}-{}", std::process::id());
        let lock_path = self.dir.join(format!("{name}.lock"));
        let lock =
            File::create(&lock_path).map_err(|e| Error::io("cannot create", &lock_path, e))?;
        lock.try_lock().map_err(|e| {
            let e = match e {
                TryLockError::Error(e) => e,
                TryLockError::WouldBlock => std::io::Error::other("it is locked"),
            };
            Error::io("cannot lock", &lock_path, e)
        })?;
        Ok(Session {
            path: self.dir.join(format!("{name}.yaml")),
            lock_path,
            _lock: lock,
        })
    }

    /// Drafts of the notebook at `root` whose session has ended, newest first. Drafts that
    /// cannot be read are skipped: they are still on disk for the user to look at.
    pub fn left_behind(&self, root: &Path) -> Vec<LeftBehind> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<LeftBehind> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "yaml")
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(PREFIX))
            })
            .filter(|p| !alive(&p.with_extension("lock")))
            .filter_map(|path| {
                let text = std::fs::read_to_string(&path).ok()?;
                let draft: Draft = serde_saphyr::from_str(&text).ok()?;
                (same_folder(&draft.notebook, root)).then_some(LeftBehind { path, draft })
            })
            .collect();
        found.sort_by(|a, b| b.draft.saved.cmp(&a.draft.saved));
        found
    }

    /// Removes a draft left behind (the file `left_behind` found), once restored or thrown
    /// away, with its lock file.
    pub fn remove(&self, path: &Path) -> Result<()> {
        let _ = std::fs::remove_file(path.with_extension("lock"));
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::io("cannot remove", path, e))
            }
            _ => Ok(()),
        }
    }
}

impl Session {
    /// Saves the draft, replacing the last one atomically.
    pub fn save(&self, draft: &Draft) -> Result<()> {
        let text = crate::yaml::to_canonical_string(draft).map_err(|message| {
            Error::io("cannot write", &self.path, std::io::Error::other(message))
        })?;
        write_atomic(&self.path, text.as_bytes(), true)
    }

    /// Throws the draft away: the note was saved, or the user chose to drop it.
    pub fn discard(&self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::io("cannot remove", &self.path, e))
            }
            _ => Ok(()),
        }
    }

    /// The draft file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A session that leaves no draft leaves no lock file either.
        if !self.path.exists() {
            let _ = std::fs::remove_file(&self.lock_path);
        }
    }
}

/// Whether the session that holds the lock file at `path` still runs.
fn alive(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(TryLockError::WouldBlock) => true,
        Err(TryLockError::Error(_)) => false,
    }
}

fn same_folder(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canonical(a) == canonical(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(root: &Path, title: &str, saved: &str) -> Draft {
        Draft {
            notebook: root.to_path_buf(),
            editing: None,
            base: None,
            saved: saved.into(),
            form: NoteForm {
                kind: "interview".into(),
                title: title.into(),
                ..NoteForm::default()
            },
        }
    }

    #[test]
    fn a_running_sessions_draft_is_not_offered_and_an_ended_ones_is() {
        let data = tempfile::tempdir().expect("dir");
        let notebook = tempfile::tempdir().expect("dir");
        let other = tempfile::tempdir().expect("dir");
        let drafts = Drafts::new(data.path().join("drafts"));
        let running = drafts.session().expect("session");
        running
            .save(&draft(notebook.path(), "running", "2026-01-01T10:00:00Z"))
            .expect("save");
        assert!(drafts.left_behind(notebook.path()).is_empty());
        let ended = drafts.session().expect("session");
        ended
            .save(&draft(notebook.path(), "ended", "2026-01-01T11:00:00Z"))
            .expect("save");
        drop(ended);
        let elsewhere = drafts.session().expect("session");
        elsewhere
            .save(&draft(
                other.path(),
                "other notebook",
                "2026-01-01T12:00:00Z",
            ))
            .expect("save");
        drop(elsewhere);
        let left = drafts.left_behind(notebook.path());
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].draft.form.title, "ended");
        drafts.remove(&left[0].path).expect("remove");
        assert!(drafts.left_behind(notebook.path()).is_empty());
        drop(running);
        assert_eq!(
            drafts.left_behind(notebook.path())[0].draft.form.title,
            "running"
        );
    }

    #[test]
    fn a_discarded_draft_leaves_nothing_behind() {
        let data = tempfile::tempdir().expect("dir");
        let notebook = tempfile::tempdir().expect("dir");
        let drafts = Drafts::new(data.path().to_path_buf());
        let session = drafts.session().expect("session");
        session
            .save(&draft(
                notebook.path(),
                "saved as a note",
                "2026-01-01T10:00:00Z",
            ))
            .expect("save");
        session.discard().expect("discard");
        drop(session);
        assert!(drafts.left_behind(notebook.path()).is_empty());
        assert_eq!(std::fs::read_dir(data.path()).expect("dir").count(), 0);
    }
}
