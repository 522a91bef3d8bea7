//! Work a search would otherwise repeat on every keystroke: the analyzers of the text fields,
//! and the codebook, which `why:` queries expand through.

use std::sync::{Arc, Mutex, PoisonError};

use tantivy::schema::{Field, FieldType};
use tantivy::tokenizer::TextAnalyzer;

use super::fresh::{FileMeta, now_ns};
use crate::codebook::{CODEBOOK_FILE, Codebook};
use crate::notebook::Notebook;

/// The analyzer of every text field, each distinct one made once.
#[derive(Clone, Default)]
pub struct Analyzers {
    /// Which of `analyzers` each field uses.
    by_field: Vec<(Field, usize)>,
    analyzers: Vec<TextAnalyzer>,
}

impl Analyzers {
    /// The analyzers `index` registered for its text fields.
    pub fn of(index: &tantivy::Index) -> Analyzers {
        let schema = index.schema();
        let mut names: Vec<&str> = Vec::new();
        let mut found = Analyzers::default();
        for (field, entry) in schema.fields() {
            let FieldType::Str(options) = entry.field_type() else {
                continue;
            };
            let Some(indexing) = options.get_indexing_options() else {
                continue;
            };
            let name = indexing.tokenizer();
            let at = match names.iter().position(|n| *n == name) {
                Some(at) => at,
                None => {
                    // An unregistered name cannot be searched either; the field is skipped.
                    let Some(analyzer) = index.tokenizers().get(name) else {
                        continue;
                    };
                    names.push(name);
                    found.analyzers.push(analyzer);
                    names.len() - 1
                }
            };
            found.by_field.push((field, at));
        }
        found
    }

    /// The analyzer for `field`, if it is a text field.
    pub fn get(&mut self, field: Field) -> Option<&mut TextAnalyzer> {
        let &(_, at) = self.by_field.iter().find(|(f, _)| *f == field)?;
        self.analyzers.get_mut(at)
    }
}

/// The notebook's codebook, read again only when its file changes.
#[derive(Default)]
pub struct CodebookCache(Mutex<Option<(Option<FileMeta>, Arc<Codebook>)>>);

impl CodebookCache {
    /// The codebook as it is on disk now.
    pub fn get(&self, notebook: &Notebook) -> Arc<Codebook> {
        self.get_at(notebook, now_ns())
    }

    /// The same, with the clock at `now` (nanoseconds, as file times).
    fn get_at(&self, notebook: &Notebook, now: u64) -> Arc<Codebook> {
        let stamp = std::fs::metadata(notebook.root.join(CODEBOOK_FILE))
            .ok()
            .map(|m| FileMeta::of(&m));
        // A cache that was poisoned holds a whole value all the same: it is only ever replaced.
        let mut cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((was, codebook)) = &*cached {
            let same = match (was, &stamp) {
                (None, None) => true,
                (Some(was), Some(now)) => !was.differs(now),
                _ => false,
            };
            if same {
                return Arc::clone(codebook);
            }
        }
        // Stamped before reading: a change made in between is seen next time, never lost.
        // A file changed within the clock's granularity is not trusted, as with notes.
        let codebook = Arc::new(notebook.codebook().0);
        *cached = Some((stamp.map(|s| s.settled(now)), Arc::clone(&codebook)));
        codebook
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codebook_is_read_again_only_after_it_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("fieldnotes.yaml"), "").expect("settings");
        let codes = dir.path().join(CODEBOOK_FILE);
        std::fs::write(&codes, "codes:\n  - name: autonomy\n").expect("codebook");
        let notebook = Notebook::open(dir.path()).expect("notebook");
        let cache = CodebookCache::default();
        // A minute on, the file's times are old enough to be trusted.
        let later = now_ns() + 60_000_000_000;
        let first = cache.get_at(&notebook, later);
        assert_eq!(first.codes.len(), 1);
        assert!(Arc::ptr_eq(&first, &cache.get_at(&notebook, later)));
        std::fs::write(&codes, "codes:\n  - name: autonomy\n  - name: pace\n").expect("edit");
        let edited = cache.get_at(&notebook, later);
        assert_eq!(edited.codes.len(), 2);
        std::fs::remove_file(&codes).expect("remove");
        assert!(cache.get_at(&notebook, later).codes.is_empty());
        // Just written: read every time until its times can be trusted.
        std::fs::write(&codes, "codes:\n  - name: autonomy\n").expect("again");
        let now = now_ns();
        let fresh = cache.get_at(&notebook, now);
        assert!(!Arc::ptr_eq(&fresh, &cache.get_at(&notebook, now)));
    }
}
