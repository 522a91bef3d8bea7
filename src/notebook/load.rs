//! Reading every note of a notebook, in parallel, keeping the good ones and the problems of
//! the rest.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::{Notebook, SETTINGS_FILE};
use crate::codebook::CODEBOOK_FILE;
use crate::error::Result;
use crate::note::{self, Note, Spots};
use crate::problem::Problem;
use crate::yaml::{self, Pos};

/// One note read from disk.
#[derive(Clone, Debug)]
pub struct NoteFile {
    /// The note id: the file name without `.yaml`.
    pub id: String,
    /// The file, relative to the notebook root.
    pub path: PathBuf,
    /// The note.
    pub note: Note,
    /// Where its checked parts were written.
    pub spots: Spots,
}

/// Everything read from a notebook's note files.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Notes that read without errors, in path order.
    pub notes: Vec<NoteFile>,
    /// Problems in note files, errors and warnings.
    pub problems: Vec<Problem>,
    /// How many files had errors and were left out of `notes`.
    pub skipped: usize,
}

impl Loaded {
    /// The note with `id`.
    pub fn find(&self, id: &str) -> Option<&NoteFile> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// Ids that look like `id`, for "did you mean".
    pub fn similar_ids(&self, id: &str) -> Vec<String> {
        let wanted = id.to_lowercase();
        let mut similar: Vec<String> = self
            .notes
            .iter()
            .filter(|n| n.id.contains(&wanted) || n.note.title.to_lowercase().contains(&wanted))
            .map(|n| n.id.clone())
            .collect();
        similar.truncate(5);
        similar
    }
}

enum Read {
    Note(Box<NoteFile>, Vec<Problem>),
    Broken(Vec<Problem>),
}

impl Notebook {
    /// Every note file below the root, in path order: `*.yaml` outside hidden folders and
    /// what `.gitignore` excludes, without the settings and codebook.
    pub fn note_paths(&self) -> Vec<PathBuf> {
        self.note_files().0
    }

    /// The note files, and the symbolic links that look like notes but lead outside the
    /// notebook, which are not read: a notebook shared through git holds its own notes, and
    /// a link's far end is not in the repository.
    fn note_files(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let (mut paths, mut outside) = (Vec::new(), Vec::new());
        for entry in self.walker().build().filter_map(|entry| entry.ok()) {
            if entry.file_type().is_some_and(|t| !t.is_dir()) && self.is_note_path(entry.path()) {
                match self.is_inside(&entry) {
                    true => paths.push(entry.into_path()),
                    false => outside.push(entry.into_path()),
                }
            }
        }
        paths.sort();
        outside.sort();
        (paths, outside)
    }

    /// Whether a file found by [`Notebook::walker`] is inside the notebook: every plain file
    /// is, and a symbolic link is unless it leads to a file outside (a broken or looping
    /// link is kept, for reading it to say what is wrong).
    pub fn is_inside(&self, entry: &ignore::DirEntry) -> bool {
        !entry.path_is_symlink() || !self.leads_outside(entry.path())
    }

    /// A walk over the notebook that skips hidden folders and what `.gitignore` excludes.
    pub fn walker(&self) -> ignore::WalkBuilder {
        let mut walker = ignore::WalkBuilder::new(&self.root);
        walker.hidden(true).require_git(false);
        walker
    }

    /// Whether a file found by [`Notebook::walker`] is a note.
    pub fn is_note_path(&self, path: &Path) -> bool {
        let top = path.parent() == Some(self.root.as_path());
        path.extension().is_some_and(|e| e == "yaml")
            && !(top && (path.ends_with(SETTINGS_FILE) || path.ends_with(CODEBOOK_FILE)))
    }

    /// Reads every note. Broken files are counted and their problems kept; duplicate ids are
    /// reported on every file that shares one.
    pub fn load(&self) -> Loaded {
        let (paths, outside) = self.note_files();
        let mut loaded = self.load_paths(paths);
        for link in outside {
            loaded.problems.push(
                Problem::warning(
                    Pos::START,
                    "not read: this symbolic link leads outside the notebook",
                )
                .hint("move the note itself into the notebook, or link to a file inside it")
                .in_file(self.relative(&link)),
            );
        }
        loaded
    }

    /// Reads the notes at `paths`, as [`Notebook::load`] reads all of them.
    pub fn load_paths(&self, paths: Vec<PathBuf>) -> Loaded {
        let reads: Vec<Read> = if let [path] = paths.as_slice() {
            // Starting a thread costs more than reading one note, and a screen shows one at
            // a time. At the depth limit the parse needs under 256 KiB of stack optimised and
            // 2 MiB unoptimised: a main thread has 8 MiB.
            vec![self.read_note(path)]
        } else {
            self.read_in_parallel(&paths)
        };
        let mut loaded = Loaded::default();
        for read in reads {
            match read {
                Read::Note(file, problems) => {
                    loaded.notes.push(*file);
                    loaded.problems.extend(problems);
                }
                Read::Broken(problems) => {
                    loaded.skipped += 1;
                    loaded.problems.extend(problems);
                }
            }
        }
        loaded.problems.extend(duplicate_ids(&loaded.notes));
        loaded
    }

    fn read_in_parallel(&self, paths: &[PathBuf]) -> Vec<Read> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = paths.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let workers: Vec<_> = paths
                .chunks(chunk)
                .map(|part| {
                    // Parsing recurses per nesting level: a wide margin over what the depth
                    // limit needs, optimised or not.
                    let spawned = std::thread::Builder::new()
                        .stack_size(16 << 20)
                        .spawn_scoped(scope, move || {
                            part.iter().map(|p| self.read_note(p)).collect::<Vec<_>>()
                        });
                    (part, spawned)
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|(part, spawned)| match spawned {
                    // A crash in a worker is a bug to report, never notes silently missing.
                    Ok(worker) => worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    // No thread to be had: read this part here instead.
                    Err(_) => part.iter().map(|p| self.read_note(p)).collect(),
                })
                .collect()
        })
    }

    fn read_note(&self, path: &Path) -> Read {
        let relative = self.relative(path).to_path_buf();
        let in_file = |problems: Vec<Problem>| {
            problems
                .into_iter()
                .map(|p| p.in_file(&relative))
                .collect::<Vec<_>>()
        };
        let text = match read_text(path) {
            Ok(text) => text,
            Err(problem) => return Read::Broken(in_file(vec![problem])),
        };
        let parsed = note::parse(&text);
        match parsed.note {
            Some(note) => Read::Note(
                Box::new(NoteFile {
                    id: note_id(path),
                    path: relative.clone(),
                    note,
                    spots: parsed.spots,
                }),
                in_file(parsed.problems),
            ),
            None => Read::Broken(in_file(parsed.problems)),
        }
    }
}

/// The id of the note stored at `path`.
pub fn note_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A note file's text, or the problem that stops it being read.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    let bytes = read_bytes(path)?;
    yaml::decode(&bytes).map(str::to_owned)
}

/// A note file's bytes, refusing what is not a regular file or is too large to be a note.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Problem> {
    let unreadable = |e: std::io::Error| {
        Problem::error(Pos::START, format!("cannot read the file: {e}"))
            .hint("check that it exists, is readable, and is not a broken or looping symbolic link")
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if !metadata.is_file() {
        // A pipe, socket or device would block or never end.
        return Err(Problem::error(Pos::START, "this is not a regular file")
            .hint("notes are plain files: move this out of the notebook or rename it so it does not end in .yaml"));
    }
    if metadata.len() > yaml::MAX_FILE_BYTES as u64 {
        // Refused before reading, so a huge file costs nothing.
        return Err(yaml::too_large(metadata.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            file.take(yaml::MAX_FILE_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(unreadable)?;
    Ok(bytes)
}

fn duplicate_ids(notes: &[NoteFile]) -> Vec<Problem> {
    let mut by_id: HashMap<&str, Vec<&Path>> = HashMap::new();
    for file in notes {
        by_id.entry(&file.id).or_default().push(&file.path);
    }
    let mut problems = Vec::new();
    for file in notes {
        let paths = &by_id[file.id.as_str()];
        if paths.len() > 1 {
            let others: Vec<String> = paths
                .iter()
                .filter(|p| **p != file.path)
                .map(|p| p.display().to_string())
                .collect();
            problems.push(
                Problem::warning(Pos::START, format!("the id `{}` is also used by {}", file.id, others.join(", ")))
                    .hint("ids are file names and must be unique, or `show` and evidence cannot tell the notes apart: rename one file (and update any insight evidence that points at it)")
                    .in_file(&file.path),
            );
        }
    }
    problems
}
