//! The search index: one Tantivy index per notebook in the user's cache directory, brought up
//! to date with the files on disk every time it is opened or refreshed, so a search never
//! answers from stale notes.
//!
//! Several fieldnotes processes may share an index (the TUI open while the command line
//! searches). Writers take an exclusive lock on a file beside the index for the whole of a
//! refresh; readers take it shared while they open the index, so they never see a half-written
//! commit. Nobody holds the lock between commands.

mod fresh;
mod lock;
mod schema;
mod search;
mod snippet;
pub mod text;
#[cfg(unix)]
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

pub use fresh::{FileMeta, content_hash};
pub use schema::SCHEMA_VERSION;
pub use search::{Hit, Results, Snippet, Sort};

use crate::error::{Error, Result};
use crate::note;
use crate::notebook::{Notebook, note_id, read_bytes};
use fresh::Changes;
use lock::IndexLock;
use schema::Fields;

/// An open, current search index.
pub struct SearchIndex {
    notebook: Notebook,
    folder: PathBuf,
    lock: IndexLock,
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    /// The language the analyzers stem in, recorded with every commit.
    language: String,
}

/// What bringing the index up to date did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refresh {
    /// Whether the index was built from nothing.
    pub rebuilt: bool,
    /// Whether a `fieldnotes watch` vouched for the index, so no file was looked at.
    pub watched: bool,
    /// Files read whose content was new to the index: new or changed files, or all of them
    /// on a rebuild. (Files whose times changed but whose content did not are not counted.)
    pub read: usize,
    /// Files read again because their times changed, whose content had not.
    pub rechecked: usize,
    /// Files seen for the first time.
    pub added: usize,
    /// Files gone since the last refresh.
    pub removed: usize,
    /// Notes the index holds.
    pub notes: usize,
    /// Files the index holds that have errors (never results; `fieldnotes check` shows why).
    pub broken: usize,
}

/// Where `notebook`'s index lives inside the cache directory: named after the notebook's folder
/// and a hash of its full path, so two notebooks never share one.
pub fn location(cache: &Path, root: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let name =
        crate::notebook::store::slug(&root.file_name().unwrap_or_default().to_string_lossy());
    let hash = content_hash(root.as_os_str().as_encoded_bytes());
    cache.join("index").join(format!("{name}-{hash:016x}"))
}

impl SearchIndex {
    /// Opens the notebook's index and brings it up to date, building it when it is missing,
    /// unreadable, or from another version. `notice` gets one line to show the user when that
    /// happens, or when another fieldnotes holds the index for long.
    pub fn open(
        notebook: &Notebook,
        cache: &Path,
        notice: &dyn Fn(&str),
    ) -> Result<(SearchIndex, Refresh)> {
        Self::open_with(notebook, cache, notice, None)
    }

    /// Builds the notebook's index again from every file; `why` is said in the notice.
    pub fn rebuild(
        notebook: &Notebook,
        cache: &Path,
        notice: &dyn Fn(&str),
        why: &str,
    ) -> Result<(SearchIndex, Refresh)> {
        Self::open_with(notebook, cache, notice, Some(why))
    }

    fn open_with(
        notebook: &Notebook,
        cache: &Path,
        notice: &dyn Fn(&str),
        rebuild: Option<&str>,
    ) -> Result<(SearchIndex, Refresh)> {
        let folder = location(cache, &notebook.root);
        let failed =
            |e: std::io::Error| Error::io("cannot create the search index folder", &folder, e);
        std::fs::create_dir_all(&folder).map_err(failed)?;
        // For people looking through their cache folder.
        let named = folder.join("notebook.txt");
        if !named.exists() {
            let _ = std::fs::write(named, notebook.root.display().to_string());
        }
        let lock = IndexLock::new(&folder);
        let language = language(notebook);
        if rebuild.is_none() {
            // Asked before opening, so that what the watcher committed is what opens.
            let watched = watcher_confirms(&folder, notice);
            let opened = {
                let _shared = lock.shared(notice)?;
                open_existing(&folder, &language)
            };
            if let Ok((index, reader)) = opened {
                let search = SearchIndex::new(notebook, &folder, lock, index, reader, &language);
                let refresh = if watched {
                    Refresh {
                        watched: true,
                        ..search.counts()?
                    }
                } else {
                    search.refresh(notice)?
                };
                return Ok((search, refresh));
            }
        }
        let _exclusive = lock.exclusive(notice)?;
        // Another process may have built it while this one waited.
        let why = match (rebuild, open_existing(&folder, &language)) {
            (Some(why), _) => why.to_string(),
            (None, Ok((index, reader))) => {
                drop(_exclusive);
                let search = SearchIndex::new(notebook, &folder, lock, index, reader, &language);
                let refresh = search.refresh(notice)?;
                return Ok((search, refresh));
            }
            (None, Err(why)) => why,
        };
        notice(&format!("fieldnotes: building the search index ({why})"));
        let (index, reader) = create(&folder, &language)?;
        let search = SearchIndex::new(notebook, &folder, lock, index, reader, &language);
        let mut changes = Changes::between(&Default::default(), &fresh::scan(notebook));
        changes.added = 0;
        let mut refresh = search.write(changes)?;
        refresh.rebuilt = true;
        drop(_exclusive);
        Ok((search, refresh))
    }

    fn new(
        notebook: &Notebook,
        folder: &Path,
        lock: IndexLock,
        index: tantivy::Index,
        reader: IndexReader,
        language: &str,
    ) -> SearchIndex {
        let (_, fields) = Fields::schema();
        SearchIndex {
            notebook: notebook.clone(),
            folder: folder.to_path_buf(),
            lock,
            index,
            reader,
            fields,
            language: language.to_owned(),
        }
    }

    /// Brings the index up to date with the files on disk: only new, changed and removed
    /// files are read.
    pub fn refresh(&self, notice: &dyn Fn(&str)) -> Result<Refresh> {
        let on_disk = fresh::scan(&self.notebook);
        let recorded =
            fresh::recorded(&self.reader.searcher(), &self.fields).map_err(|e| self.failed(e))?;
        if Changes::between(&recorded, &on_disk).is_empty() {
            return self.counts();
        }
        let _exclusive = self.lock.exclusive(notice)?;
        // What another process committed while this one waited is not read twice.
        self.reader.reload().map_err(|e| self.failed(e))?;
        let recorded =
            fresh::recorded(&self.reader.searcher(), &self.fields).map_err(|e| self.failed(e))?;
        self.write(Changes::between(&recorded, &on_disk))
    }

    /// Brings the index up to date after changes reported at `paths` (files or folders,
    /// absolute): only their folders are looked at.
    pub fn refresh_around(
        &self,
        paths: &std::collections::HashSet<PathBuf>,
        notice: &dyn Fn(&str),
    ) -> Result<Refresh> {
        let scopes = fresh::Scopes::around(&self.notebook.root, paths);
        if scopes.everything() {
            return self.refresh(notice);
        }
        let on_disk = scopes.scan(&self.notebook);
        let _exclusive = self.lock.exclusive(notice)?;
        self.reader.reload().map_err(|e| self.failed(e))?;
        let hold = |path: &str| scopes.hold(path);
        let recorded = fresh::recorded_where(&self.reader.searcher(), &self.fields, hold)
            .map_err(|e| self.failed(e))?;
        self.write(Changes::between(&recorded, &on_disk))
    }

    fn write(&self, changes: Changes) -> Result<Refresh> {
        if changes.is_empty() {
            return self.counts();
        }
        // Another process may have rebuilt the index for a new language since this one opened
        // it; terms stemmed the old way must not go into it.
        let metas = self.index.load_metas().map_err(|e| self.failed(e))?;
        let recorded: serde_json::Value = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .unwrap_or_default();
        // A new index has no commit, and so no language, yet.
        if metas.payload.is_some() && recorded["language"] != self.language.as_str() {
            return Err(self.failed(format!(
                "it was rebuilt for the language `{}` while this fieldnotes ran; run it again",
                recorded["language"].as_str().unwrap_or("?")
            )));
        }
        let started = fresh::now_ns();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let (threads, budget) = if changes.read.len() > 1000 {
            (cores.min(4), 64 << 20)
        } else {
            (1, 32 << 20)
        };
        let writer: IndexWriter<TantivyDocument> = self
            .index
            .writer_with_num_threads(threads, budget * threads)
            .map_err(|e| self.failed(e))?;
        for path in &changes.forget {
            writer.delete_term(Term::from_field_text(self.fields.path, path));
        }
        let next = AtomicUsize::new(0);
        let new_content = AtomicUsize::new(0);
        let same_content = AtomicUsize::new(0);
        let failure = std::sync::Mutex::new(None);
        std::thread::scope(|scope| {
            for _ in 0..cores.min(changes.read.len()).max(1) {
                let spawned = std::thread::Builder::new()
                    // Parsing recurses per nesting level; unoptimised builds need room.
                    .stack_size(16 << 20)
                    .spawn_scoped(scope, || {
                        while let Some((path, meta)) =
                            changes.read.get(next.fetch_add(1, Ordering::Relaxed))
                        {
                            let Some((doc, changed)) = self.document(path, *meta, started) else {
                                continue;
                            };
                            let tally = if changed { &new_content } else { &same_content };
                            tally.fetch_add(1, Ordering::Relaxed);
                            if let Err(e) = writer.add_document(doc) {
                                if let Ok(mut failure) = failure.lock() {
                                    failure.get_or_insert(e);
                                }
                                return;
                            }
                        }
                    });
                if let (Err(e), Ok(mut failure)) = (spawned, failure.lock()) {
                    failure.get_or_insert(tantivy::TantivyError::from(e));
                }
            }
        });
        if let Some(e) = failure.into_inner().ok().flatten() {
            return Err(self.failed(e));
        }
        self.commit(writer)?;
        let mut refresh = self.counts()?;
        refresh.read = new_content.into_inner();
        refresh.rechecked = same_content.into_inner();
        refresh.added = changes.added;
        refresh.removed = changes.removed;
        Ok(refresh)
    }

    fn commit(&self, mut writer: IndexWriter<TantivyDocument>) -> Result<()> {
        let payload = payload(&self.language);
        let mut prepared = writer.prepare_commit().map_err(|e| self.failed(e))?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(|e| self.failed(e))?;
        // Merging small segments now keeps searches fast; a command that exits right away
        // would otherwise abandon the merge.
        writer.wait_merging_threads().map_err(|e| self.failed(e))?;
        self.reader.reload().map_err(|e| self.failed(e))
    }

    /// The document for one file and whether its content differs from the hash in `meta`, or
    /// nothing when the file vanished since the scan.
    fn document(
        &self,
        path: &str,
        meta: FileMeta,
        started: u64,
    ) -> Option<(TantivyDocument, bool)> {
        let file = self.notebook.root.join(path);
        let mut meta = meta.settled(started);
        let bytes = match read_bytes(&file) {
            Ok(bytes) => bytes,
            Err(_) if !file.exists() => return None,
            Err(_) => return Some((self.fields.broken(path, meta), true)),
        };
        let recorded = meta.hash;
        meta.hash = content_hash(&bytes);
        let changed = meta.hash != recorded;
        let parsed = crate::yaml::decode(&bytes).ok().map(note::parse);
        let doc = match parsed.and_then(|p| p.note) {
            Some(note) => self
                .fields
                .note(&note_id(Path::new(path)), path, meta, &note),
            None => self.fields.broken(path, meta),
        };
        Some((doc, changed))
    }

    fn counts(&self) -> Result<Refresh> {
        let searcher = self.reader.searcher();
        let count = |state: &str| {
            let term = TermQuery::new(
                Term::from_field_text(self.fields.state, state),
                IndexRecordOption::Basic,
            );
            searcher.search(&term, &Count).map_err(|e| self.failed(e))
        };
        Ok(Refresh {
            notes: count(schema::OK)?,
            broken: count(schema::BROKEN)?,
            ..Refresh::default()
        })
    }

    fn failed(&self, e: impl std::fmt::Display) -> Error {
        Error::Index {
            path: self.folder.clone(),
            message: e.to_string(),
        }
    }

    /// The notebook this index covers.
    pub fn notebook(&self) -> &Notebook {
        &self.notebook
    }

    /// The folder the index lives in.
    pub fn folder(&self) -> &Path {
        &self.folder
    }
}

/// Whether a `fieldnotes watch` confirmed that the index holds every change made so far.
#[cfg(unix)]
fn watcher_confirms(folder: &Path, notice: &dyn Fn(&str)) -> bool {
    watch::confirmed_current(folder, notice)
}

/// Watchers exist on Unix systems only.
#[cfg(not(unix))]
fn watcher_confirms(_folder: &Path, _notice: &dyn Fn(&str)) -> bool {
    false
}

/// The notebook's language for stemming, `en` when unset.
fn language(notebook: &Notebook) -> String {
    notebook
        .settings()
        .0
        .language
        .unwrap_or_else(|| "en".into())
}

fn payload(language: &str) -> String {
    serde_json::json!({ "fieldnotes": SCHEMA_VERSION, "language": language }).to_string()
}

fn register_analyzers(index: &tantivy::Index, language: &str) {
    index
        .tokenizers()
        .register(text::PROSE, text::prose(language));
    index.tokenizers().register(text::NAMES, text::names());
}

fn reader(index: &tantivy::Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
}

/// The index in `folder` when it is usable as it is, or why not.
fn open_existing(
    folder: &Path,
    language: &str,
) -> std::result::Result<(tantivy::Index, IndexReader), String> {
    let dir = folder.join("tantivy");
    if !dir.join("meta.json").exists() {
        return Err("there is none yet".into());
    }
    // The details (a file name, a checksum) mean nothing to the user; the index is rebuilt.
    let unreadable = |_: tantivy::TantivyError| "the old one is damaged".to_string();
    let index = tantivy::Index::open_in_dir(&dir).map_err(unreadable)?;
    let metas = index.load_metas().map_err(unreadable)?;
    let found: serde_json::Value = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or_default();
    if found["fieldnotes"] != SCHEMA_VERSION {
        return Err("the old one was made by another version of fieldnotes".into());
    }
    if found["language"] != language {
        return Err(format!("the notebook's language is now `{language}`"));
    }
    register_analyzers(&index, language);
    let reader = reader(&index).map_err(unreadable)?;
    Ok((index, reader))
}

fn create(folder: &Path, language: &str) -> Result<(tantivy::Index, IndexReader)> {
    let dir = folder.join("tantivy");
    let failed = |e: &dyn std::fmt::Display| Error::Index {
        path: folder.to_path_buf(),
        message: e.to_string(),
    };
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| failed(&e))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| failed(&e))?;
    let (schema, _) = Fields::schema();
    let index = tantivy::Index::create_in_dir(&dir, schema).map_err(|e| failed(&e))?;
    register_analyzers(&index, language);
    let reader = reader(&index).map_err(|e| failed(&e))?;
    Ok((index, reader))
}
