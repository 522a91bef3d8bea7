//! Removing a note: the one way a file leaves a notebook, under the same write lock as every
//! change, and never taking a file someone changed after it was shown to the user.

use std::path::{Path, PathBuf};

use super::Notebook;
use super::write::{TEMP_FOLDER, read_current};
use crate::error::{Error, Result};

/// Where a removed file went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Removed {
    /// Deleted: git holds it as it was in the last commit.
    Deleted,
    /// Moved to this file, from where it can be moved back.
    Kept(PathBuf),
}

impl Notebook {
    /// Removes the file at `path` (inside the notebook) if it still holds `shown`, the bytes
    /// the user agreed to remove. With `keep`, the file is moved there instead of deleted.
    /// Under the notebook's write lock; a file changed since it was read stays, and the
    /// error says so.
    pub fn remove(
        &self,
        path: &Path,
        shown: &[u8],
        keep: Option<&Path>,
        notice: &dyn Fn(&str),
    ) -> Result<Removed> {
        let _held = self.lock(notice)?;
        let relative = self.relative(path).to_path_buf();
        let changed = || {
            Error::invalid(
                format!(
                    "{} changed since it was read and was not removed",
                    relative.display()
                ),
                "look at it again, then run the command again",
            )
        };
        // A link is removed itself; what it leads to stays.
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            match read_current(path)? {
                Some((bytes, _)) if bytes == shown => {}
                Some(_) => return Err(changed()),
                None => {
                    return Err(Error::invalid(
                        format!("{} is gone already", relative.display()),
                        "`fieldnotes list` shows the notes there are",
                    ));
                }
            }
        }
        // Moved aside in one step first, so an editor saving in between is caught by the
        // comparison below instead of losing its save.
        let aside = self.root.join(TEMP_FOLDER);
        let _ = std::fs::create_dir(&aside);
        let moved = aside.join(format!("removing-{}", std::process::id()));
        std::fs::rename(path, &moved).map_err(|e| Error::io("cannot remove", &relative, e))?;
        // Back where it was; if a new file took its place meanwhile, beside it under another
        // name, never left in the temp folder that the next command clears.
        let put_back = |moved: &Path| {
            let back = std::fs::hard_link(moved, path).or_else(|_| {
                let mut beside = path.as_os_str().to_owned();
                beside.push(format!(".kept-{}", std::process::id()));
                std::fs::rename(moved, PathBuf::from(beside))
            });
            if back.is_ok() {
                let _ = std::fs::remove_file(moved);
            }
            let _ = std::fs::remove_dir(&aside);
        };
        if !is_link && std::fs::read(&moved).map_or(true, |bytes| bytes != shown) {
            put_back(&moved);
            return Err(changed());
        }
        let removed = match keep {
            None => std::fs::remove_file(&moved).map(|()| Removed::Deleted),
            Some(keep) => keep_at(&moved, keep).map(|()| Removed::Kept(keep.to_path_buf())),
        };
        match removed {
            Ok(removed) => {
                let _ = std::fs::remove_dir(&aside);
                if let Some(folder) = path.parent() {
                    let _ = super::write::sync_folder(folder);
                }
                Ok(removed)
            }
            Err(e) => {
                put_back(&moved);
                Err(Error::io("cannot remove", &relative, e))
            }
        }
    }
}

/// Moves `from` to `to` (a new file), across file systems too: the copy is on disk before
/// the original goes.
fn keep_at(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Some(folder) = to.parent() {
        std::fs::create_dir_all(folder)?;
    }
    if std::fs::hard_link(from, to).is_ok() {
        return std::fs::remove_file(from);
    }
    std::fs::copy(from, to)?;
    std::fs::File::open(to)?.sync_all()?;
    std::fs::remove_file(from)
}

impl Notebook {
    /// Where removing the note at `path` keeps it: nowhere when git holds it exactly as it
    /// is (committed, unchanged since), else a new file under `data`'s trash folder, named by
    /// the time and the note's place in the notebook.
    pub fn keep_removed_at(&self, data: &Path, path: &Path) -> Option<PathBuf> {
        if git_holds(&self.root, path) {
            return None;
        }
        let when = jiff::Zoned::now().strftime("%Y-%m-%dT%H%M%S").to_string();
        let folder = self
            .root
            .file_name()
            .map_or_else(|| "notebook".into(), |n| n.to_string_lossy().into_owned());
        Some(
            data.join("trash")
                .join(folder)
                .join(when)
                .join(self.relative(path)),
        )
    }
}

/// Whether `path` is in git's last commit exactly as it is on disk, so that git can give it
/// back after it is deleted. Without git, or outside a repository, it is not.
pub fn git_holds(root: &Path, path: &Path) -> bool {
    let git = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    };
    let path = path.as_os_str();
    git(&[
        "ls-files".as_ref(),
        "--error-unmatch".as_ref(),
        "--".as_ref(),
        path,
    ]) && git(&[
        "diff".as_ref(),
        "--quiet".as_ref(),
        "HEAD".as_ref(),
        "--".as_ref(),
        path,
    ])
}
