//! Bringing an open index up to date: the files that changed on disk are read again, in
//! parallel, and committed in one go under the writers' lock.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::{IndexWriter, TantivyDocument, Term};

use super::fresh::{self, Changes, FileMeta, content_hash};
use super::health;
use super::open::{files_of, payload};
use super::{Refresh, SearchIndex};
use crate::error::Result;
use crate::note;
use crate::notebook::{note_id, read_bytes};

impl SearchIndex {
    /// Brings the index up to date with the files on disk: only new, changed and removed
    /// files are read.
    pub fn refresh(&self, notice: &dyn Fn(&str)) -> Result<Refresh> {
        self.guarded(|| {
            let on_disk = fresh::scan(&self.notebook);
            let recorded = fresh::recorded(&self.reader.searcher(), &self.fields)
                .map_err(|e| self.failed(e))?;
            if Changes::between(&recorded, &on_disk).is_empty() {
                return self.counts();
            }
            let _exclusive = self.lock.exclusive(notice)?;
            // What another process committed while this one waited is not read twice.
            self.reader.reload().map_err(|e| self.failed(e))?;
            let recorded = fresh::recorded(&self.reader.searcher(), &self.fields)
                .map_err(|e| self.failed(e))?;
            self.write(Changes::between(&recorded, &on_disk))
        })
    }

    /// Brings the index up to date after changes reported at `paths` (files or folders,
    /// absolute): only their folders are looked at.
    pub fn refresh_around(
        &self,
        paths: &HashSet<PathBuf>,
        notice: &dyn Fn(&str),
    ) -> Result<Refresh> {
        self.guarded(|| {
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
        })
    }

    pub(super) fn write(&self, changes: Changes) -> Result<Refresh> {
        if changes.is_empty() {
            return self.counts();
        }
        // Another process may have rebuilt the index for a new language since this one opened
        // it; terms stemmed the old way must not go into it.
        let metas = self.index.load_metas().map_err(|e| self.failed(e))?;
        let recorded = super::open::recorded(&metas);
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
        self.reader.reload().map_err(|e| self.failed(e))?;
        health::record(&files_of(&self.folder), &self.index);
        Ok(())
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
}
