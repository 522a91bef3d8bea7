//! The one way fieldnotes changes a file in a notebook, used by every command and the UI.
//!
//! A change holds the notebook's write lock from the read it is computed from to the rename
//! that puts it on disk, so two fieldnotes processes (or two threads of one) never undo each
//! other: the second reads what the first wrote. A writer that holds no lock (an editor,
//! `sed -i`, `git checkout`) is caught by a last comparison just before the rename. The
//! temp files live in one hidden folder at the root, so a writer killed half-way leaves
//! nothing among the notes, and the next command clears them away.

use std::fs::{File, TryLockError};
use std::io::{ErrorKind, Read as _, Write as _};
use std::path::{Path, PathBuf};

use super::Notebook;
use crate::error::{Error, Result};
use crate::yaml::MAX_FILE_BYTES;

/// The hidden folder at a notebook's root where files are written before they are renamed
/// into place. It exists only while a write is under way, or after one was killed.
pub const TEMP_FOLDER: &str = ".fieldnotes-tmp";

/// The notebook's write lock, held until dropped. The system releases it when a process
/// ends, however it ends.
struct Held(File);

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

impl Notebook {
    /// Changes the file at `path` (inside the notebook): under the notebook's write lock, reads
    /// it (`None` when there is none), asks `compute` for its new bytes (`None` to leave it
    /// alone), and writes them atomically, keeping the file's mode and group. Returns whether
    /// anything was written. `notice` is told once if another writer makes this one wait.
    pub fn change(
        &self,
        path: &Path,
        notice: &dyn Fn(&str),
        compute: impl FnOnce(Option<&[u8]>) -> Result<Option<Vec<u8>>>,
    ) -> Result<bool> {
        let _held = self.lock(notice)?;
        let target = self.writable(path)?;
        let current = read_current(&target)?;
        let Some(bytes) = compute(current.as_ref().map(|(seen, _)| seen.as_slice()))? else {
            return Ok(false);
        };
        let put = match &current {
            Some((seen, metadata)) => Put::Replace { seen, metadata },
            None => Put::New,
        };
        self.put(&target, &bytes, put)?;
        Ok(true)
    }

    /// Writes `bytes` as the new file `path` (inside the notebook), never over an existing
    /// one, under the notebook's write lock. `choose` may pick the path under the lock (a new
    /// note's id is checked against the others while no other writer can take it).
    pub fn create(
        &self,
        notice: &dyn Fn(&str),
        bytes: &[u8],
        choose: impl FnOnce() -> Result<PathBuf>,
    ) -> Result<PathBuf> {
        let _held = self.lock(notice)?;
        let path = choose()?;
        let target = self.writable(&path)?;
        self.put(&target, bytes, Put::New)?;
        Ok(path)
    }

    /// Removes what a writer killed half-way left in the temp folder. Only when no writer
    /// holds the lock, so nothing being written is taken away; it never waits.
    pub fn clear_stale_temp_files(&self) {
        let folder = self.root.join(TEMP_FOLDER);
        if !folder.is_dir() {
            return;
        }
        let Ok(Some(_held)) = self.try_lock() else {
            return;
        };
        if let Ok(entries) = std::fs::read_dir(&folder) {
            // A change cut short is undone by the next writer, which can say so.
            for entry in entries
                .flatten()
                .filter(|e| e.file_name() != super::journal::JOURNAL)
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        let _ = std::fs::remove_dir(&folder);
    }

    /// Takes the notebook's write lock, waiting for another writer to be done, and first of
    /// all undoes a change a writer killed half-way left.
    pub(super) fn lock(&self, notice: &dyn Fn(&str)) -> Result<impl Drop> {
        let held =
            crate::waiting::patiently(|| self.try_lock(), notice, "writing to this notebook")?;
        self.undo_cut_short(notice)?;
        Ok(held)
    }

    /// The lock is on the root folder itself: it needs no file of its own in the notebook,
    /// and every clone of the notebook on this machine has its own.
    fn try_lock(&self) -> Result<Option<Held>> {
        let cannot = |e| Error::io("cannot lock the notebook", &self.root, e);
        let folder = File::open(&self.root).map_err(cannot)?;
        match folder.try_lock() {
            Ok(()) => Ok(Some(Held(folder))),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(cannot(e)),
        }
    }

    /// The file a write to `path` changes: `path` itself, or, for a symbolic link, the file
    /// it points to, which must be inside the notebook. A link is never replaced by a file.
    pub(super) fn writable(&self, path: &Path) -> Result<PathBuf> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return Ok(path.to_path_buf());
        }
        match self.link_target(path) {
            Some(target) => Ok(target),
            None => Err(Error::OutsideNotebook(format!(
                "{} is a symbolic link to a file outside the notebook; fieldnotes reads and writes only files inside it",
                self.relative(path).display()
            ))),
        }
    }

    /// Where the symbolic link at `path` leads, when that is a file inside the notebook.
    pub fn link_target(&self, path: &Path) -> Option<PathBuf> {
        let target = path.canonicalize().ok()?;
        let root = self.root.canonicalize().ok()?;
        (target.starts_with(&root) && target.is_file()).then_some(target)
    }

    /// Whether the symbolic link at `path` leads to something outside the notebook.
    pub fn leads_outside(&self, path: &Path) -> bool {
        match (path.canonicalize(), self.root.canonicalize()) {
            (Ok(target), Ok(root)) => !target.starts_with(root),
            _ => false,
        }
    }

    pub(super) fn put(&self, target: &Path, bytes: &[u8], put: Put) -> Result<()> {
        let folder = self.root.join(TEMP_FOLDER);
        let _ = std::fs::create_dir(&folder);
        let temp_folder = match folder.is_dir() {
            true => folder.as_path(),
            // A root that cannot take the folder: write beside the file instead.
            false => target.parent().unwrap_or(Path::new(".")),
        };
        let written = match put_via(temp_folder, target, bytes, &put) {
            // A folder on another file system (a mount inside the notebook) cannot take a
            // rename from the root: write beside the file there.
            Err(Failed::CrossesDevices(_)) => {
                let beside = target.parent().unwrap_or(Path::new("."));
                put_via(beside, target, bytes, &put)
            }
            other => other,
        };
        let _ = std::fs::remove_dir(&folder);
        written.map_err(|failed| failed.error(self.relative(target)))
    }
}

/// Writes `bytes` to `path` atomically, for files outside any notebook (drafts): a temp file
/// beside it, fsync, rename, fsync of the folder. With `replace` false an existing file is
/// never touched.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    // A bare file name's folder is the current one.
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let put = if replace { Put::Overwrite } else { Put::New };
    put_via(folder, path, bytes, &put).map_err(|failed| failed.error(path))
}

/// What a write may do to the file already there.
pub(super) enum Put<'a> {
    /// There must be none.
    New,
    /// It must still hold `seen`; its mode and owner carry over.
    Replace {
        seen: &'a [u8],
        metadata: &'a std::fs::Metadata,
    },
    /// Whatever is there is replaced.
    Overwrite,
}

/// Why a write failed, before it is told in the words of the file it was for.
enum Failed {
    Io(&'static str, std::io::Error),
    CrossesDevices(std::io::Error),
    Changed,
}

impl Failed {
    fn error(self, path: &Path) -> Error {
        match self {
            Failed::Io(action, e) => Error::io(action, path, e),
            Failed::CrossesDevices(e) => Error::io("cannot write", path, e),
            Failed::Changed => Error::ChangedOnDisk(path.to_path_buf()),
        }
    }
}

fn put_via(temp_folder: &Path, target: &Path, bytes: &[u8], put: &Put) -> Result<(), Failed> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".fieldnotes-").suffix(".tmp");
    #[cfg(unix)]
    {
        // A new file gets the mode an editor would give it: what the umask leaves of 0666.
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(temp_folder)
        .map_err(|e| Failed::Io("cannot write", e))?;
    if let Put::Replace { metadata, .. } = put {
        keep_owner_and_mode(temp.as_file(), metadata);
    }
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Failed::Io("cannot write", e))?;
    let persisted = match put {
        Put::New => temp.persist_noclobber(target).map(drop),
        Put::Replace { seen, metadata } => match swap::exchange(temp.path(), target) {
            // What was there is now under the temp name, to be looked at before it goes.
            Ok(()) if swap::is_what_was_read(temp.path(), seen, metadata) => Ok(()),
            Ok(()) => {
                // A writer without the lock saved since the read: theirs goes back.
                swap::exchange(temp.path(), target).map_err(|e| Failed::Io("cannot write", e))?;
                return Err(Failed::Changed);
            }
            Err(e) if e.kind() == ErrorKind::CrossesDevices => {
                return Err(Failed::CrossesDevices(e));
            }
            Err(_) => {
                // No atomic exchange here: the last look before the rename, for writers
                // that hold no lock.
                match std::fs::read(target) {
                    Ok(now) if now == *seen => {}
                    _ => return Err(Failed::Changed),
                }
                temp.persist(target).map(drop)
            }
        },
        Put::Overwrite => temp.persist(target).map(drop),
    };
    persisted.map_err(|e| match e.error.kind() {
        ErrorKind::CrossesDevices => Failed::CrossesDevices(e.error),
        _ => Failed::Io("cannot write", e.error),
    })?;
    sync_folder(target.parent().unwrap_or(Path::new(".")))
        .map_err(|e| Failed::Io("cannot flush the folder of", e))
}

/// The replaced file's group (and owner, where the system allows) and mode carry over to
/// the file that replaces it, so a note shared with a group stays shared.
fn keep_owner_and_mode(file: &File, metadata: &std::fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        use std::os::unix::fs::PermissionsExt as _;
        if std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(metadata.gid()));
        }
        // After the owner, which may clear the set-id bits.
        let mode = metadata.permissions().mode() & 0o7777;
        let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (file, metadata);
}

pub(super) fn sync_folder(folder: &Path) -> std::io::Result<()> {
    // Folders cannot be opened for syncing on every platform; where they can, the rename is
    // only durable once the folder itself is flushed.
    #[cfg(unix)]
    File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// A file's bytes and what the system knows of it, both of the one file read (`None` when
/// there is none), up to the size any notebook file may have.
pub(super) fn read_current(path: &Path) -> Result<Option<(Vec<u8>, std::fs::Metadata)>> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("cannot read", path, e)),
    };
    let metadata = file
        .metadata()
        .map_err(|e| Error::io("cannot read", path, e))?;
    if !metadata.is_file() {
        return Err(Error::invalid(
            format!("{} is not a regular file", path.display()),
            "notes and settings are plain files: move this one out of the notebook",
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("cannot read", path, e))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::invalid(
            format!(
                "{} is larger than the {} MiB a notebook file may be; nothing was written",
                path.display(),
                MAX_FILE_BYTES >> 20
            ),
            "split it, or move what is not a note out of the notebook",
        ));
    }
    Ok(Some((bytes, metadata)))
}

/// Replacing a file only if it is still the one that was read, which a plain rename cannot
/// promise: exchanging the two atomically, then looking at what came out.
mod swap {
    use std::io;
    use std::path::Path;

    /// Exchanges the files at `a` and `b` in one step.
    #[cfg(target_os = "linux")]
    pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
    }

    /// Elsewhere there is no exchange: the caller falls back to a last look and a rename.
    #[cfg(not(target_os = "linux"))]
    pub fn exchange(_: &Path, _: &Path) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }

    /// Whether the file at `path` is the one read, as it was read.
    pub fn is_what_was_read(path: &Path, seen: &[u8], read: &std::fs::Metadata) -> bool {
        let Ok(now) = std::fs::symlink_metadata(path) else {
            return false;
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            if (now.dev(), now.ino()) != (read.dev(), read.ino()) {
                return false;
            }
        }
        #[cfg(not(unix))]
        let _ = (now, read);
        std::fs::read(path).is_ok_and(|bytes| bytes == seen)
    }
}
