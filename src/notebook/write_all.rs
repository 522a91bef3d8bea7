//! Changing several files of a notebook as one, for what must change every file it touches
//! or none: a why-code renamed in every note that uses it.

use std::path::{Path, PathBuf};

use super::Notebook;
use super::write::{Put, read_current};
use crate::error::{Error, Result};

impl Notebook {
    /// Changes several files as one, under the notebook's write lock: `choose` names them
    /// (under the lock, so no other fieldnotes writer changes what it looks at), each is read,
    /// `compute` gives each one's new bytes (in the same order; `None` leaves a file alone),
    /// and they are written one by one, atomically, each only if it still holds what was
    /// read. What they held is journaled first, so that a process killed half-way is undone
    /// by the next writer. When one cannot be written (changed since by a writer that holds no
    /// lock, a full disk), those already written are put back and the error returned: from the
    /// user's side, nothing changed. Returns the paths written.
    pub fn change_all(
        &self,
        choose: impl FnOnce() -> Vec<PathBuf>,
        notice: &dyn Fn(&str),
        compute: impl FnOnce(&[PathBuf], &[Option<&[u8]>]) -> Result<Vec<Option<Vec<u8>>>>,
    ) -> Result<Vec<PathBuf>> {
        let _held = self.lock(notice)?;
        let paths = choose();
        let mut targets = Vec::with_capacity(paths.len());
        let mut current = Vec::with_capacity(paths.len());
        for path in &paths {
            let target = self.writable(path)?;
            current.push(read_current(&target)?);
            targets.push(target);
        }
        let seen: Vec<Option<&[u8]>> = current
            .iter()
            .map(|c| c.as_ref().map(|(bytes, _)| bytes.as_slice()))
            .collect();
        let wanted = compute(&paths, &seen)?;
        let changes: Vec<usize> = (0..paths.len())
            .filter(|&i| wanted.get(i).is_some_and(Option::is_some))
            .collect();
        // One file is written atomically on its own: only several need the journal.
        let journaled = changes.len() > 1;
        if journaled {
            let files: Vec<super::journal::Planned> = changes
                .iter()
                .map(|&i| {
                    let after = wanted[i].as_deref().unwrap_or_default();
                    (targets[i].as_path(), seen[i], after)
                })
                .collect();
            self.begin_journal(&files)?;
        }
        let mut written: Vec<usize> = Vec::new();
        for &i in &changes {
            let Some(bytes) = &wanted[i] else { continue };
            let put = match &current[i] {
                Some((seen, metadata)) => Put::Replace { seen, metadata },
                None => Put::New,
            };
            if let Err(e) = self.put(&targets[i], bytes, put) {
                let stuck: Vec<String> = written
                    .iter()
                    .rev()
                    .filter(|&&j| {
                        let ours = wanted[j].as_deref().unwrap_or_default();
                        !self.put_back(&targets[j], ours, seen[j])
                    })
                    .map(|&j| self.relative(&paths[j]).display().to_string())
                    .collect();
                if stuck.is_empty() {
                    self.end_journal();
                    return Err(e);
                }
                // The journal stays: the next writer tries again to put them back.
                return Err(Error::invalid(
                    format!(
                        "{e}; and {} written before it could not be put back yet: {}",
                        crate::cli::plural(stuck.len(), "file"),
                        stuck.join(", ")
                    ),
                    "fieldnotes puts them back the next time it opens this notebook; until then, see `git diff`",
                ));
            }
            written.push(i);
        }
        if journaled {
            self.end_journal();
        }
        Ok(written.into_iter().map(|i| paths[i].clone()).collect())
    }

    /// Puts `target` back as it was (`before`, or no file), if it still holds `ours`; false
    /// when it holds ours and cannot be put back.
    fn put_back(&self, target: &Path, ours: &[u8], before: Option<&[u8]>) -> bool {
        let Ok(metadata) = std::fs::metadata(target) else {
            return before.is_none();
        };
        match before {
            Some(before) => {
                let put = Put::Replace {
                    seen: ours,
                    metadata: &metadata,
                };
                match self.put(target, before, put) {
                    Ok(()) | Err(Error::ChangedOnDisk(_)) => true,
                    Err(_) => false,
                }
            }
            None => {
                !std::fs::read(target).is_ok_and(|now| now == ours)
                    || std::fs::remove_file(target).is_ok()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_changes_or_none() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        std::fs::write(root.join("fieldnotes.yaml"), "name: test\n").unwrap_or_default();
        for name in ["a.yaml", "b.yaml", "c.yaml"] {
            std::fs::write(root.join(name), format!("{name} before\n")).unwrap_or_default();
        }
        let notebook = Notebook::open(root).unwrap_or_else(|e| panic!("{e}"));
        let paths: Vec<PathBuf> = ["a.yaml", "b.yaml", "c.yaml"]
            .iter()
            .map(|n| root.join(n))
            .collect();
        let read = |name: &str| std::fs::read_to_string(root.join(name)).unwrap_or_default();
        // All three change.
        let written = notebook
            .change_all(
                || paths.clone(),
                &|_| {},
                |_, seen| {
                    Ok(seen
                        .iter()
                        .map(|s| s.map(|b| [b, b"after\n"].concat()))
                        .collect())
                },
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written.len(), 3);
        assert_eq!(read("b.yaml"), "b.yaml before\nafter\n");
        // c.yaml is changed by another writer while the change is computed: a and b, written
        // before it, are put back, and c keeps the other writer's words.
        let result = notebook.change_all(
            || paths.clone(),
            &|_| {},
            |_, seen| {
                std::fs::write(root.join("c.yaml"), "theirs\n").unwrap_or_default();
                Ok(seen
                    .iter()
                    .map(|s| s.map(|b| [b, b"again\n"].concat()))
                    .collect())
            },
        );
        assert!(result.is_err(), "{result:?}");
        assert_eq!(read("a.yaml"), "a.yaml before\nafter\n");
        assert_eq!(read("b.yaml"), "b.yaml before\nafter\n");
        assert_eq!(read("c.yaml"), "theirs\n");
    }
}
