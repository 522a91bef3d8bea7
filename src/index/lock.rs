//! The lock that lets several fieldnotes processes share one index: exclusive while a
//! process writes, shared while one opens the index. The system releases it when a process
//! ends, however it ends, so a crash never leaves the index locked.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use super::health::clear;
use crate::error::{Error, Result};

/// The lock file beside an index.
pub struct IndexLock {
    path: PathBuf,
}

/// Holds the lock until dropped. Each hold opens the file anew, so two holders in one
/// process exclude each other as two processes do.
pub struct Held(File);

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// What is said when something other than a file was where the lock file should be.
const REPLACED: &str = "fieldnotes: the search index's lock was damaged (not a file); replaced it";

impl IndexLock {
    /// Opens (creating) the lock file in `folder`.
    pub fn new(folder: &Path) -> IndexLock {
        IndexLock::named(folder, "lock")
    }

    /// The lock file `name` in `folder` (the watcher's is `watch.lock`).
    pub fn named(folder: &Path, name: &str) -> IndexLock {
        IndexLock {
            path: folder.join(name),
        }
    }

    /// Waits for the right to write.
    pub fn exclusive(&self, notice: &dyn Fn(&str)) -> Result<Held> {
        self.wait(notice, File::try_lock)
    }

    /// Waits until nobody writes.
    pub fn shared(&self, notice: &dyn Fn(&str)) -> Result<Held> {
        self.wait(notice, File::try_lock_shared)
    }

    /// The lock held alone, or `None` at once when someone else holds it.
    pub fn try_exclusive(&self) -> Result<Option<Held>> {
        let file = self.file(&|_| {})?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Held(file))),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(Error::io("cannot lock", &self.path, e)),
        }
    }

    fn file(&self, notice: &dyn Fn(&str)) -> Result<File> {
        let open = || {
            File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&self.path)
        };
        let opened = match open() {
            // Nobody can hold a lock on anything but a file: whatever else is there (a folder)
            // is in the way, and goes.
            Err(_) if std::fs::symlink_metadata(&self.path).is_ok_and(|m| !m.is_file()) => {
                clear(&self.path).and_then(|()| {
                    notice(REPLACED);
                    open()
                })
            }
            opened => opened,
        };
        opened.map_err(|e| Error::io("cannot open the lock file", &self.path, e))
    }

    fn wait(
        &self,
        notice: &dyn Fn(&str),
        try_lock: fn(&File) -> std::result::Result<(), TryLockError>,
    ) -> Result<Held> {
        let file = self.file(notice)?;
        // Not damage when it gives up: building the index again would wait for the same lock.
        crate::waiting::patiently(
            || match try_lock(&file) {
                Ok(()) => Ok(Some(())),
                Err(TryLockError::WouldBlock) => Ok(None),
                Err(TryLockError::Error(e)) => {
                    Err(Error::io("cannot lock the search index", &self.path, e))
                }
            },
            notice,
            "updating the search index",
        )?;
        Ok(Held(file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_share_and_a_writer_waits_for_them() {
        let folder = tempfile::tempdir().expect("temp dir");
        let lock = IndexLock::new(folder.path());
        let quiet = |_: &str| {};
        let first = lock.shared(&quiet).expect("a reader");
        let second = lock.shared(&quiet).expect("a second reader at once");
        let probe = std::fs::File::options()
            .write(true)
            .open(folder.path().join("lock"))
            .expect("open");
        assert!(matches!(probe.try_lock(), Err(TryLockError::WouldBlock)));
        drop((first, second));
        let writer = lock.exclusive(&quiet).expect("the writer");
        assert!(matches!(
            probe.try_lock_shared(),
            Err(TryLockError::WouldBlock)
        ));
        drop(writer);
        assert!(probe.try_lock().is_ok());
    }
}
