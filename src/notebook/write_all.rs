//! Changing several files of a notebook as one, for what must change every file it touches
//! or none: a why-code renamed in every note that uses it.

use std::path::{Path, PathBuf};

use super::Notebook;
use super::write::{Put, read_current};
use crate::error::Result;

impl Notebook {
    /// Changes the files at `paths` as one, under the notebook's write lock: reads them all,
    /// asks `compute` for each one's new bytes (in the same order; `None` leaves a file
    /// alone), then writes them one by one, atomically, each only if it still holds what was
    /// read. When one cannot be written (changed since by a writer that holds no lock, a full
    /// disk), those already written are put back as they were read and the error returned:
    /// from the user's side, nothing changed. Returns the paths written.
    pub fn change_all(
        &self,
        paths: &[PathBuf],
        notice: &dyn Fn(&str),
        compute: impl FnOnce(&[Option<&[u8]>]) -> Result<Vec<Option<Vec<u8>>>>,
    ) -> Result<Vec<PathBuf>> {
        let _held = self.lock(notice)?;
        let mut targets = Vec::with_capacity(paths.len());
        let mut current = Vec::with_capacity(paths.len());
        for path in paths {
            let target = self.writable(path)?;
            current.push(read_current(&target)?);
            targets.push(target);
        }
        let seen: Vec<Option<&[u8]>> = current
            .iter()
            .map(|c| c.as_ref().map(|(bytes, _)| bytes.as_slice()))
            .collect();
        let wanted = compute(&seen)?;
        let mut written: Vec<usize> = Vec::new();
        for (i, bytes) in wanted.iter().enumerate() {
            let (Some(bytes), Some(target)) = (bytes, targets.get(i)) else {
                continue;
            };
            let put = match &current[i] {
                Some((seen, metadata)) => Put::Replace { seen, metadata },
                None => Put::New,
            };
            if let Err(e) = self.put(target, bytes, put) {
                for &j in written.iter().rev() {
                    let (Some(ours), Some(target)) = (&wanted[j], targets.get(j)) else {
                        continue;
                    };
                    self.put_back(target, ours, current[j].as_ref().map(|(b, _)| b.as_slice()));
                }
                return Err(e);
            }
            written.push(i);
        }
        Ok(written.into_iter().map(|i| paths[i].clone()).collect())
    }

    /// Puts `target` back as it was (`before`, or no file), if it still holds `ours`.
    fn put_back(&self, target: &Path, ours: &[u8], before: Option<&[u8]>) {
        match before {
            Some(before) => {
                if let Ok(metadata) = std::fs::metadata(target) {
                    let put = Put::Replace {
                        seen: ours,
                        metadata: &metadata,
                    };
                    let _ = self.put(target, before, put);
                }
            }
            None => {
                if std::fs::read(target).is_ok_and(|now| now == ours) {
                    let _ = std::fs::remove_file(target);
                }
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
            .change_all(&paths, &|_| {}, |seen| {
                Ok(seen
                    .iter()
                    .map(|s| s.map(|b| [b, b"after\n"].concat()))
                    .collect())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written.len(), 3);
        assert_eq!(read("b.yaml"), "b.yaml before\nafter\n");
        // c.yaml is changed by another writer while the change is computed: a and b, written
        // before it, are put back, and c keeps the other writer's words.
        let result = notebook.change_all(&paths, &|_| {}, |seen| {
            std::fs::write(root.join("c.yaml"), "theirs\n").unwrap_or_default();
            Ok(seen
                .iter()
                .map(|s| s.map(|b| [b, b"again\n"].concat()))
                .collect())
        });
        assert!(result.is_err(), "{result:?}");
        assert_eq!(read("a.yaml"), "a.yaml before\nafter\n");
        assert_eq!(read("b.yaml"), "b.yaml before\nafter\n");
        assert_eq!(read("c.yaml"), "theirs\n");
    }
}
