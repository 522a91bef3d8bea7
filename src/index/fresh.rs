//! Knowing what changed on disk since the index last looked: every note file's size,
//! modification time and status-change time are compared with what the index recorded.
//!
//! The status-change time (ctime) cannot be set by programs, so a `git checkout` or a backup
//! restore that puts an old modification time back is still seen. A file written within the
//! last couple of seconds is recorded as "look again": the clock the file system stamps with
//! is coarse, and a second write in the same tick would otherwise go unseen (git's "racily
//! clean" problem).

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::Searcher;

use super::schema::Fields;
use crate::notebook::Notebook;

/// What the index knows of a file's state on disk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileMeta {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since 1970; [`LOOK_AGAIN`] means "look again next time".
    pub mtime: u64,
    /// Status-change time, nanoseconds since 1970 (0 where the system has none).
    pub ctime: u64,
    /// A hash of the content; 0 until the file is read.
    pub hash: u64,
}

impl FileMeta {
    /// The file's size and times.
    pub fn of(metadata: &std::fs::Metadata) -> FileMeta {
        #[cfg(unix)]
        let (mtime, ctime) = {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| {
                (s.max(0) as u64)
                    .saturating_mul(1_000_000_000)
                    .saturating_add(n.max(0) as u64)
            };
            (
                ns(metadata.mtime(), metadata.mtime_nsec()),
                ns(metadata.ctime(), metadata.ctime_nsec()),
            )
        };
        #[cfg(not(unix))]
        let (mtime, ctime) = (
            metadata
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as u64),
            0,
        );
        FileMeta {
            size: metadata.len(),
            mtime,
            ctime,
            hash: 0,
        }
    }

    /// Whether the file may have changed since `self` was recorded.
    pub fn differs(&self, now: &FileMeta) -> bool {
        self.mtime == LOOK_AGAIN
            || (self.size, self.mtime, self.ctime) != (now.size, now.mtime, now.ctime)
    }

    /// The same, recorded as "look again" when the file changed too recently to trust its
    /// times: within `RACY_NS` of `started` (when the refresh began). Times far in the past
    /// or future (a restored backup, a wrong clock) are trusted: they change when the file does.
    pub fn settled(self, started: u64) -> FileMeta {
        let recent = |t: u64| t.abs_diff(started) < RACY_NS;
        if recent(self.mtime) || recent(self.ctime) {
            FileMeta {
                mtime: LOOK_AGAIN,
                ..self
            }
        } else {
            self
        }
    }
}

const RACY_NS: u64 = 2_000_000_000;

/// The recorded modification time that means "look again next time": no file has it.
const LOOK_AGAIN: u64 = u64::MAX;

/// A stable hash of a file's bytes (FNV-1a; the same on every machine and build).
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = Fnv::default();
    hasher.write(bytes);
    hasher.finish()
}

/// The 64-bit FNV-1a hash: tiny, stable across releases, good enough to tell contents apart.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Every note file in the notebook with its size and times, keyed by path relative to the
/// root with `/` separators.
pub fn scan(notebook: &Notebook) -> HashMap<String, FileMeta> {
    walk(notebook, notebook.walker())
}

fn walk(notebook: &Notebook, walker: ignore::WalkBuilder) -> HashMap<String, FileMeta> {
    let found = Mutex::new(Vec::new());
    walker.build_parallel().run(|| {
        let found = &found;
        Box::new(move |entry| {
            if let Ok(entry) = entry {
                let path = entry.path();
                if entry.file_type().is_some_and(|t| !t.is_dir())
                    && notebook.is_note_path(path)
                    && notebook.is_inside(&entry)
                {
                    // Followed through symbolic links, as reading the note does.
                    if let Ok(metadata) = std::fs::metadata(path) {
                        let file = (relative_key(&notebook.root, path), FileMeta::of(&metadata));
                        if let Ok(mut all) = found.lock() {
                            all.push(file);
                        }
                    }
                }
            }
            ignore::WalkState::Continue
        })
    });
    found.into_inner().unwrap_or_default().into_iter().collect()
}

/// The parts of the notebook to look at again after changes: some folders' own files, and
/// some folders with everything below them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scopes {
    /// Folder keys (`""` for the root) whose own files count.
    pub shallow: HashSet<String>,
    /// Keys of folders, or of paths that are gone and may have been folders, that count with
    /// everything below them.
    pub deep: HashSet<String>,
}

impl Scopes {
    /// The scopes that cover changes reported at `paths`: a file's folder, or a folder (or
    /// something gone, which may have been a folder) with everything below it.
    pub fn around(root: &Path, paths: &HashSet<PathBuf>) -> Scopes {
        let mut scopes = Scopes::default();
        for path in paths {
            if path.is_file() {
                let folder = path.parent().unwrap_or(root);
                scopes.shallow.insert(relative_key(root, folder));
            } else {
                scopes.deep.insert(relative_key(root, path));
            }
        }
        scopes
    }

    /// Whether the whole notebook is in scope.
    pub fn everything(&self) -> bool {
        self.deep.contains("")
    }

    /// Whether the file with key `path` lies in the scopes. Each key has only a few folders
    /// above it, so this stays cheap however many changes there were.
    pub fn hold(&self, path: &str) -> bool {
        let parent = path.rfind('/').map_or("", |i| &path[..i]);
        self.shallow.contains(parent) || self.everything() || self.below_deep(path)
    }

    /// The note files in the scopes, as [`scan`] finds them.
    pub fn scan(&self, notebook: &Notebook) -> HashMap<String, FileMeta> {
        // The walk starts at the root, as the full scan does, so that every ignore rule
        // (a `drafts/` line in the root's .gitignore) applies the same way; it only enters
        // the folders on the way to the scopes.
        let mut on_the_way: HashSet<String> = HashSet::from([String::new()]);
        for folder in self.shallow.iter().chain(&self.deep) {
            on_the_way.extend(
                folder
                    .match_indices('/')
                    .map(|(i, _)| folder[..i].to_owned()),
            );
            on_the_way.insert(folder.clone());
        }
        let scopes = std::sync::Arc::new((self.clone(), on_the_way));
        let root = notebook.root.clone();
        let mut walker = notebook.walker();
        walker.filter_entry(move |entry| {
            let (scopes, on_the_way) = &*scopes;
            let key = relative_key(&root, entry.path());
            if entry.file_type().is_some_and(|t| t.is_dir()) {
                on_the_way.contains(&key) || scopes.below_deep(&key)
            } else {
                scopes.hold(&key)
            }
        });
        walk(notebook, walker)
    }

    fn below_deep(&self, key: &str) -> bool {
        self.deep.contains(key)
            || key
                .match_indices('/')
                .any(|(i, _)| self.deep.contains(&key[..i]))
    }
}

/// The path's key in the index: relative to `root`, `/`-separated.
pub fn relative_key(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        relative.into_owned()
    } else {
        relative.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// What the index recorded for every file it holds.
pub fn recorded(
    searcher: &Searcher,
    fields: &Fields,
) -> tantivy::Result<HashMap<String, FileMeta>> {
    recorded_where(searcher, fields, |_| true)
}

/// What the index recorded for the files whose key passes `keep`.
pub fn recorded_where(
    searcher: &Searcher,
    fields: &Fields,
    keep: impl Fn(&str) -> bool,
) -> tantivy::Result<HashMap<String, FileMeta>> {
    let schema = searcher.schema();
    let name = |f| schema.get_field_name(f).to_owned();
    let mut files = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str(&name(fields.path))? else {
            continue;
        };
        let size = fast.u64(&name(fields.size))?;
        let mtime = fast.u64(&name(fields.mtime))?;
        let ctime = fast.u64(&name(fields.ctime))?;
        let hash = fast.u64(&name(fields.hash))?;
        // Reading the dictionary once is far cheaper than looking up each document's path.
        let mut names: Vec<String> = Vec::with_capacity(paths.num_terms());
        let mut stream = paths.dictionary().stream()?;
        while stream.advance() {
            names.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
        let ords = paths.ords();
        for doc in segment.doc_ids_alive() {
            let Some(name) = ords.first(doc).and_then(|ord| names.get_mut(ord as usize)) else {
                continue;
            };
            if !keep(name) {
                continue;
            }
            let meta = FileMeta {
                size: size.first(doc).unwrap_or(0),
                mtime: mtime.first(doc).unwrap_or(0),
                ctime: ctime.first(doc).unwrap_or(0),
                hash: hash.first(doc).unwrap_or(0),
            };
            files.insert(std::mem::take(name), meta);
        }
    }
    Ok(files)
}

/// The files to re-read and the files to forget.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    /// Files new to the index, or changed since it read them, with their size and times now
    /// and the content hash the index recorded (0 for new files).
    pub read: Vec<(String, FileMeta)>,
    /// Files the index holds that are gone or changed (their old documents go).
    pub forget: Vec<String>,
    /// How many of `read` the index did not hold at all.
    pub added: usize,
    /// How many files are gone.
    pub removed: usize,
}

impl Changes {
    /// Every file on disk to be read, as into a new index (none counts as added).
    pub fn all(on_disk: &HashMap<String, FileMeta>) -> Changes {
        let mut changes = Changes::between(&HashMap::new(), on_disk);
        changes.added = 0;
        changes
    }

    /// Compares the files on disk with what the index recorded.
    pub fn between(
        recorded: &HashMap<String, FileMeta>,
        on_disk: &HashMap<String, FileMeta>,
    ) -> Changes {
        let mut changes = Changes::default();
        for path in recorded.keys() {
            if !on_disk.contains_key(path) {
                changes.forget.push(path.clone());
                changes.removed += 1;
            }
        }
        for (path, now) in on_disk {
            match recorded.get(path) {
                None => {
                    changes.added += 1;
                    changes.read.push((path.clone(), *now));
                }
                Some(was) if was.differs(now) => {
                    changes.forget.push(path.clone());
                    let now = FileMeta {
                        hash: was.hash,
                        ..*now
                    };
                    changes.read.push((path.clone(), now));
                }
                Some(_) => {}
            }
        }
        changes.read.sort_by(|a, b| a.0.cmp(&b.0));
        changes
    }

    /// Whether the index is current.
    pub fn is_empty(&self) -> bool {
        self.read.is_empty() && self.forget.is_empty()
    }
}

/// The clock now, in the same nanoseconds as file times.
pub fn now_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_hold_their_folder_and_deep_ones_what_is_below() {
        let keys = |list: &[&str]| list.iter().map(|k| k.to_string()).collect::<HashSet<_>>();
        let scopes = Scopes {
            shallow: keys(&["a", ""]),
            deep: keys(&["b/c", "gone.yaml"]),
        };
        for (path, held) in [
            ("a/x.yaml", true),
            ("a/b/x.yaml", false),
            ("x.yaml", true),
            ("b/x.yaml", false),
            ("b/c/x.yaml", true),
            ("b/c/d/x.yaml", true),
            ("b/cd/x.yaml", false),
            ("gone.yaml", true),
        ] {
            assert_eq!(scopes.hold(path), held, "{path}");
        }
        assert!(!scopes.everything());
    }

    #[test]
    fn only_times_near_the_refresh_are_distrusted() {
        let second = 1_000_000_000;
        let started = 1_000 * second;
        let file = |t: u64| FileMeta {
            size: 1,
            mtime: t,
            ctime: t,
            hash: 0,
        };
        assert_eq!(file(started - second).settled(started).mtime, LOOK_AGAIN);
        assert_eq!(file(started + second).settled(started).mtime, LOOK_AGAIN);
        for trusted in [0, started - 3 * second, started + 3_600 * second] {
            let settled = file(trusted).settled(started);
            assert_eq!(settled.mtime, trusted);
            // Recorded and seen again unchanged: nothing to read.
            assert!(!settled.differs(&file(trusted)));
        }
        assert!(file(started).settled(started).differs(&file(started)));
        // An old modification time put back just now: the status-change time is recent.
        let restored = FileMeta {
            ctime: started,
            ..file(started - 300 * second)
        };
        assert_eq!(restored.settled(started).mtime, LOOK_AGAIN);
    }
}
