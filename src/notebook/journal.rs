//! A change to several files stays all or nothing even when the process is killed half-way
//! (Ctrl-C, a closed terminal, a crash): before its first file is written, what each file
//! held goes to a journal in the notebook's temp folder, and the journal goes once the last
//! is written. A journal found later means a change was cut short: each file it had written
//! is put back as it was (unless it changed again since), then the journal goes.

use std::path::{Path, PathBuf};

use super::Notebook;
use super::write::{Put, TEMP_FOLDER, read_current, write_atomic};
use crate::cli::plural;
use crate::error::{Error, Result};

pub(super) const JOURNAL: &str = "change.journal";
const HEADER: &str = "fieldnotes change journal 2";

/// A file a change writes: where, what it holds (none: no file yet), what it will hold.
pub(super) type Planned<'a> = (&'a Path, Option<&'a [u8]>, &'a [u8]);

/// One file of a change: where it is, what it held (none: no file), and a fingerprint of
/// what the change writes there.
struct Entry {
    path: PathBuf,
    before: Option<Vec<u8>>,
    after: (usize, u64),
}

/// The length and FNV-1a hash of `bytes`: enough to know a file still holds what a change
/// wrote, without keeping those bytes twice.
fn fingerprint(bytes: &[u8]) -> (usize, u64) {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (bytes.len(), hash)
}

impl Notebook {
    fn journal(&self) -> PathBuf {
        self.root.join(TEMP_FOLDER).join(JOURNAL)
    }

    /// Whether a change was cut short and waits to be undone.
    pub fn cut_short(&self) -> bool {
        self.journal().is_file()
    }

    /// Records, before any is written, what each file of a change (`path`, what it holds,
    /// what it will hold) held.
    pub(super) fn begin_journal(&self, files: &[Planned]) -> Result<()> {
        let mut head = format!("{HEADER}\n{}\n", files.len());
        let mut body = Vec::new();
        for (path, before, after) in files {
            let root = self
                .root
                .canonicalize()
                .unwrap_or_else(|_| self.root.clone());
            let inside = path
                .strip_prefix(&root)
                .or_else(|_| path.strip_prefix(&self.root))
                .unwrap_or(path);
            let name = hex(inside);
            let (length, hash) = fingerprint(after);
            let before_length = before.map_or("-".to_owned(), |b| b.len().to_string());
            head.push_str(&format!("{name}\t{before_length}\t{length}\t{hash:016x}\n"));
            body.extend_from_slice(before.unwrap_or_default());
        }
        let _ = std::fs::create_dir(self.root.join(TEMP_FOLDER));
        let mut bytes = head.into_bytes();
        bytes.extend(body);
        write_atomic(&self.journal(), &bytes, true)
    }

    /// The change recorded is done: the journal goes.
    pub(super) fn end_journal(&self) {
        let _ = std::fs::remove_file(self.journal());
        let _ = std::fs::remove_dir(self.root.join(TEMP_FOLDER));
    }

    /// Undoes a change cut short, if one was, with the write lock held: each file it wrote
    /// put back as it was. `notice` is told what was done.
    pub(super) fn undo_cut_short(&self, notice: &dyn Fn(&str)) -> Result<()> {
        let Ok(bytes) = std::fs::read(self.journal()) else {
            return Ok(());
        };
        let unreadable = || {
            Error::invalid(
                format!(
                    "{} records a change cut short, but cannot be read",
                    self.relative(&self.journal()).display()
                ),
                "check the notebook's files with `git status` and `git diff`, then delete that file",
            )
        };
        let entries = read(&self.root, &bytes).ok_or_else(unreadable)?;
        let (mut put_back, mut changed_since) = (0, 0);
        for entry in &entries {
            let now = read_current(&entry.path)?;
            let holds_ours = now
                .as_ref()
                .is_some_and(|(b, _)| fingerprint(b) == entry.after);
            if !holds_ours {
                if now.as_ref().map(|(b, _)| b.as_slice()) != entry.before.as_deref() {
                    changed_since += 1;
                }
                continue;
            }
            match (&entry.before, &now) {
                (Some(before), Some((seen, metadata))) => {
                    self.put(&entry.path, before, Put::Replace { seen, metadata })?;
                }
                (None, _) => std::fs::remove_file(&entry.path)
                    .map_err(|e| Error::io("cannot remove", &entry.path, e))?,
                _ => {}
            }
            put_back += 1;
        }
        self.end_journal();
        let left = match changed_since {
            0 => String::new(),
            1 => "; 1 file changed again since and was left as it is".to_owned(),
            n => format!("; {n} files changed again since and were left as they are"),
        };
        let done = match put_back {
            0 => "it had written none of them".to_owned(),
            1 => "the 1 file it had written was put back as it was".to_owned(),
            n => format!("the {n} files it had written were put back as they were"),
        };
        notice(&format!(
            "fieldnotes: a change to {} was cut short before it was done; {done}{left}",
            plural(entries.len(), "file"),
        ));
        Ok(())
    }

    /// Undoes a change a writer killed half-way left, if there is one: waits for the lock,
    /// then puts back the files it wrote. Every command that opens a notebook does this first.
    pub fn recover(&self, notice: &dyn Fn(&str)) -> Result<()> {
        if !self.cut_short() {
            return Ok(());
        }
        // Taking the lock undoes it.
        let _held = self.lock(notice)?;
        Ok(())
    }
}

/// A path as the hex of its bytes: any file name, UTF-8 or not, comes back as it was.
#[cfg(unix)]
fn hex(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str()
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(unix)]
fn unhex(text: &str) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let bytes: Option<Vec<u8>> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect();
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes?)))
}

#[cfg(not(unix))]
fn hex(path: &Path) -> String {
    path.to_string_lossy()
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(not(unix))]
fn unhex(text: &str) -> Option<PathBuf> {
    let bytes: Option<Vec<u8>> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok().map(PathBuf::from)
}

/// The entries of a journal, or none when it is not one.
fn read(root: &Path, bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut lines = bytes.split(|&b| b == b'\n');
    let mut taken = 0;
    let mut line = || {
        let line = lines.next()?;
        taken += line.len() + 1;
        std::str::from_utf8(line).ok()
    };
    if line()? != HEADER {
        return None;
    }
    let count: usize = line()?.parse().ok()?;
    let mut heads = Vec::with_capacity(count.min(1 << 20));
    for _ in 0..count {
        let fields: Vec<&str> = line()?.split('\t').collect();
        let [name, before, length, hash] = fields.as_slice() else {
            return None;
        };
        let name = unhex(name)?;
        // Only files inside the notebook: a journal is never a way to write elsewhere.
        let inside = name
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside {
            return None;
        }
        let before: Option<usize> = match *before {
            "-" => None,
            n => Some(n.parse().ok()?),
        };
        let after = (length.parse().ok()?, u64::from_str_radix(hash, 16).ok()?);
        heads.push((root.join(name), before, after));
    }
    let mut body = bytes.get(taken..)?;
    let mut entries = Vec::with_capacity(heads.len());
    for (path, before, after) in heads {
        let before = match before {
            Some(n) => {
                let (taken, rest) = body.split_at_checked(n)?;
                body = rest;
                Some(taken.to_vec())
            }
            None => None,
        };
        entries.push(Entry {
            path,
            before,
            after,
        });
    }
    body.is_empty().then_some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notebook() -> (tempfile::TempDir, Notebook) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("fieldnotes.yaml"), "name: test\n").unwrap_or_default();
        let notebook = Notebook::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        (dir, notebook)
    }

    #[test]
    fn a_change_cut_short_is_put_back_by_the_next_writer_and_says_so() {
        let (dir, notebook) = notebook();
        let at = |name: &str| dir.path().join(name);
        let read = |name: &str| std::fs::read_to_string(at(name)).ok();
        for (name, text) in [
            ("a.yaml", "a before\n"),
            ("c.yaml", "c before\n"),
            ("d.yaml", "d\n"),
        ] {
            std::fs::write(at(name), text).unwrap_or_default();
        }
        let (a, b, c, d) = (at("a.yaml"), at("b.yaml"), at("c.yaml"), at("d.yaml"));
        let files: Vec<Planned> = vec![
            (&a, Some(b"a before\n"), b"a after\n"),
            (&b, None, b"b new\n"),
            (&c, Some(b"c before\n"), b"c after\n"),
            (&d, Some(b"d\n"), b"d after\n"),
        ];
        notebook
            .begin_journal(&files)
            .unwrap_or_else(|e| panic!("{e}"));
        // Killed after writing a and b; d was changed by an editor since.
        std::fs::write(&a, "a after\n").unwrap_or_default();
        std::fs::write(&b, "b new\n").unwrap_or_default();
        std::fs::write(&d, "an editor's\n").unwrap_or_default();
        // Opening the notebook keeps the journal for the writer that can say what it did.
        let notebook = Notebook::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert!(notebook.cut_short());
        let said = std::cell::RefCell::new(Vec::new());
        notebook
            .recover(&|text| said.borrow_mut().push(text.to_owned()))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read("a.yaml").as_deref(), Some("a before\n"));
        assert_eq!(read("b.yaml"), None);
        assert_eq!(read("c.yaml").as_deref(), Some("c before\n"));
        assert_eq!(read("d.yaml").as_deref(), Some("an editor's\n"));
        assert!(!notebook.cut_short());
        assert!(!dir.path().join(TEMP_FOLDER).exists());
        assert_eq!(
            said.borrow().as_slice(),
            [
                "fieldnotes: a change to 4 files was cut short before it was done; the 2 files it had written were put back as they were; 1 file changed again since and was left as it is"
            ]
        );
    }

    #[test]
    fn a_journal_that_names_a_file_outside_the_notebook_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().join("nb");
        std::fs::create_dir(&root).unwrap_or_default();
        std::fs::write(root.join("fieldnotes.yaml"), "name: test\n").unwrap_or_default();
        let notebook = Notebook::open(&root).unwrap_or_else(|e| panic!("{e}"));
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "ours\n").unwrap_or_default();
        std::fs::create_dir(root.join(TEMP_FOLDER)).unwrap_or_default();
        let (length, hash) = fingerprint(b"ours\n");
        let name = hex(Path::new("../outside.txt"));
        let hostile = format!("{HEADER}\n1\n{name}\t6\t{length}\t{hash:016x}\nstolen");
        std::fs::write(notebook.journal(), hostile).unwrap_or_default();
        let refused = notebook.recover(&|_| {});
        assert!(refused.is_err(), "{refused:?}");
        assert_eq!(
            std::fs::read_to_string(&outside).ok().as_deref(),
            Some("ours\n")
        );
    }
}
