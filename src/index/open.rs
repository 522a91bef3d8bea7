//! Opening a notebook's index: as it is, brought up to date, or built again from the files
//! when it is missing, damaged, or made for another version or language.

use std::path::{Path, PathBuf};

use tantivy::{IndexReader, ReloadPolicy};

use super::cache::{Analyzers, CodebookCache};
use super::fresh::{self, Changes};
use super::guard::caught;
use super::health;
use super::lock::IndexLock;
use super::schema::Fields;
use super::starts::{STARTS, starts};
use super::{Refresh, SCHEMA_VERSION, SearchIndex, location, text};
use crate::error::{Error, Result};
use crate::notebook::Notebook;

/// What opening does with an index it finds usable.
#[derive(Clone, Copy)]
pub enum Opening<'a> {
    /// Brings it up to date, asking a watcher first.
    Current,
    /// Takes it as it is.
    AsIs,
    /// Builds it again anyway, for this reason.
    Rebuild(&'a str),
}

impl SearchIndex {
    pub(super) fn open_with(
        notebook: &Notebook,
        cache: &Path,
        notice: &dyn Fn(&str),
        opening: Opening,
    ) -> Result<(SearchIndex, Refresh)> {
        let folder = location(cache, &notebook.root);
        let attempt = caught(&folder, || {
            Self::open_in(notebook, &folder, notice, opening)
        });
        match (attempt, opening) {
            // Damage that shows only once the index is read: it is built again, once.
            (Err(e), Opening::Current | Opening::AsIs) => match damage(&e) {
                Some(why) => caught(&folder, || {
                    Self::open_in(notebook, &folder, notice, Opening::Rebuild(&why))
                }),
                None => Err(e),
            },
            (attempt, _) => attempt,
        }
    }

    fn open_in(
        notebook: &Notebook,
        folder: &Path,
        notice: &dyn Fn(&str),
        opening: Opening,
    ) -> Result<(SearchIndex, Refresh)> {
        let failed =
            |e: std::io::Error| Error::io("cannot create the search index folder", folder, e);
        // The index's own path holds nothing else worth keeping: a file there goes.
        let mut opening = opening;
        if occupied_by_other_than_a_folder(folder) {
            health::clear(folder).map_err(failed)?;
            opening = Opening::Rebuild("the old one is damaged: a file was in place of its folder");
        }
        std::fs::create_dir_all(folder).map_err(failed)?;
        // For people looking through their cache folder.
        let named = folder.join("notebook.txt");
        if !named.exists() {
            let _ = std::fs::write(named, notebook.root.display().to_string());
        }
        let lock = IndexLock::new(folder);
        let language = language(notebook);
        if !matches!(opening, Opening::Rebuild(_)) {
            // Asked before opening, so that what the watcher committed is what opens.
            let watched = matches!(opening, Opening::Current) && watcher_confirms(folder, notice);
            let opened = {
                let _shared = lock.shared(notice)?;
                open_existing(folder, &language)
            };
            if let Ok((index, reader)) = opened {
                let search = SearchIndex::new(notebook, folder, lock, index, reader, &language);
                let refresh = search.settle(opening, watched, notice)?;
                return Ok((search, refresh));
            }
        }
        let exclusive = lock.exclusive(notice)?;
        let why = match opening {
            Opening::Rebuild(why) => why.to_string(),
            // Another process may have built it while this one waited.
            _ => match open_existing(folder, &language) {
                Ok((index, reader)) => {
                    // A refresh takes the lock itself.
                    drop(exclusive);
                    let search = SearchIndex::new(notebook, folder, lock, index, reader, &language);
                    let refresh = search.settle(opening, false, notice)?;
                    return Ok((search, refresh));
                }
                Err(why) => why,
            },
        };
        notice(&format!("fieldnotes: building the search index ({why})"));
        let (index, reader) = create(folder, &language)?;
        let search = SearchIndex::new(notebook, folder, lock, index, reader, &language);
        let mut refresh = search.write(Changes::all(&fresh::scan(notebook)))?;
        refresh.rebuilt = true;
        drop(exclusive);
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
            analyzers: Analyzers::of(&index),
            index,
            reader,
            fields,
            language: language.to_owned(),
            codebook: CodebookCache::default(),
            facts: Default::default(),
        }
    }

    /// What an index found usable needs before it is used, and what it then holds.
    fn settle(&self, opening: Opening, watched: bool, notice: &dyn Fn(&str)) -> Result<Refresh> {
        match opening {
            Opening::AsIs => self.counts(),
            _ if watched => Ok(Refresh {
                watched: true,
                ..self.counts()?
            }),
            _ => self.refresh(notice),
        }
    }
}

/// Whether something other than a folder (a file, a dangling link) is at the index's path.
/// Asked by one look that follows links, then one that does not: another process may create
/// the folder between any two looks, and its folder, however new, is never taken for damage.
fn occupied_by_other_than_a_folder(folder: &Path) -> bool {
    match std::fs::metadata(folder) {
        Ok(meta) => !meta.is_dir(),
        Err(_) => std::fs::symlink_metadata(folder).is_ok_and(|meta| !meta.is_dir()),
    }
}

/// Whether a `fieldnotes watch` confirmed that the index holds every change made so far.
#[cfg(unix)]
fn watcher_confirms(folder: &Path, notice: &dyn Fn(&str)) -> bool {
    super::watch::confirmed_current(folder, notice)
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

/// What the last commit recorded (`fieldnotes`: the schema version, `language`), or null
/// before the first commit.
pub fn recorded(metas: &tantivy::IndexMeta) -> serde_json::Value {
    metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or_default()
}

/// What every commit records, so an index made another way is never taken as current.
pub fn payload(language: &str) -> String {
    serde_json::json!({ "fieldnotes": SCHEMA_VERSION, "language": language }).to_string()
}

fn register_analyzers(index: &tantivy::Index, language: &str) {
    index
        .tokenizers()
        .register(text::PROSE, text::prose(language));
    index.tokenizers().register(text::NAMES, text::names());
    index.tokenizers().register(STARTS, starts());
}

fn reader(index: &tantivy::Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
}

/// The folder in an index's folder that Tantivy's files are in.
pub fn files_of(folder: &Path) -> PathBuf {
    folder.join("tantivy")
}

/// The index in `folder` when it is usable as it is, or why not.
fn open_existing(
    folder: &Path,
    language: &str,
) -> std::result::Result<(tantivy::Index, IndexReader), String> {
    let dir = files_of(folder);
    match std::fs::symlink_metadata(&dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err("there is none yet".into());
        }
        _ if !dir.is_dir() => return Err(damaged("a file was in place of its folder")),
        _ if !dir.join("meta.json").is_file() => return Err(damaged("its meta.json is missing")),
        _ => {}
    }
    let unreadable = |e: tantivy::TantivyError| damaged(&e.to_string());
    let index = tantivy::Index::open_in_dir(&dir).map_err(unreadable)?;
    let metas = index.load_metas().map_err(unreadable)?;
    // Every commit records what made it, so an index without a record was never committed:
    // the process building it stopped half-way.
    if metas.payload.is_none() {
        return Err("the old one was left unfinished".into());
    }
    let found = recorded(&metas);
    // The schema itself too: a payload alone can be right over fields that are not.
    if found["fieldnotes"] != SCHEMA_VERSION || index.schema() != Fields::schema().0 {
        return Err("the old one was made by another version of fieldnotes".into());
    }
    if found["language"] != language {
        return Err(format!("the notebook's language is now `{language}`"));
    }
    health::check(&dir, &index).map_err(|why| damaged(&why))?;
    register_analyzers(&index, language);
    let reader = reader(&index).map_err(unreadable)?;
    Ok((index, reader))
}

/// Why to build the index again after `error`, when building it again is the cure: the
/// index's own files could not be used (not a lock, a watcher or the notebook).
pub fn damage(error: &Error) -> Option<String> {
    match error {
        Error::Index { message, .. } => Some(damaged(message)),
        _ => None,
    }
}

/// Why an index with damage described by `detail` is rebuilt, as one short line.
fn damaged(detail: &str) -> String {
    const AT_MOST: usize = 100;
    let detail = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut end = detail.len().min(AT_MOST);
    while !detail.is_char_boundary(end) {
        end -= 1;
    }
    let cut = if end < detail.len() { "…" } else { "" };
    format!("the old one is damaged: {}{cut}", &detail[..end])
}

fn create(folder: &Path, language: &str) -> Result<(tantivy::Index, IndexReader)> {
    let dir = files_of(folder);
    let failed = |e: &dyn std::fmt::Display| Error::Index {
        path: folder.to_path_buf(),
        message: e.to_string(),
    };
    // Whatever is there (an index, a file, a link) is a cache being replaced, under the lock.
    health::clear(&dir).map_err(|e| failed(&e))?;
    std::fs::create_dir_all(&dir).map_err(|e| failed(&e))?;
    let (schema, _) = Fields::schema();
    let settings = tantivy::IndexSettings {
        // Every hit shown reads its note's stored fields by decompressing the block that
        // holds them: blocks of two or three notes rather than eight halve what a page of
        // results costs, for 5% more index.
        docstore_blocksize: 4096,
        ..tantivy::IndexSettings::default()
    };
    let index = tantivy::Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(&dir)
        .map_err(|e| failed(&e))?;
    register_analyzers(&index, language);
    let reader = reader(&index).map_err(|e| failed(&e))?;
    Ok((index, reader))
}
