//! Notes named by other notes: an insight's evidence, and the insights that cite a note.

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::SearchIndex;
use crate::error::Result;
use crate::notebook::NoteFile;

/// What a reader is shown of a note another one names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Brief {
    /// The note id.
    pub id: String,
    /// The file, relative to the notebook root.
    pub path: String,
    /// The title.
    pub title: String,
    /// The kind.
    pub kind: String,
    /// The date as written.
    pub date: String,
}

/// The notes a shown note names and is named by.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Links {
    /// Each evidence id with the note it names, `None` when no note has that id.
    pub evidence: Vec<(String, Option<Brief>)>,
    /// The notes that give it as evidence.
    pub cited_by: Vec<Brief>,
}

impl Links {
    /// The ids a reader can go to, in the order the screen lists them.
    pub fn ids(&self) -> Vec<String> {
        let evidence = self.evidence.iter().map(|(id, _)| id.clone());
        evidence
            .chain(self.cited_by.iter().map(|b| b.id.clone()))
            .collect()
    }
}

impl SearchIndex {
    /// The note with id `id`, the first in path order when several share it; `None` when no
    /// note has it (removed, renamed, or a typo in the evidence).
    pub fn brief(&self, id: &str) -> Result<Option<Brief>> {
        let mut found = self.briefs(self.fields.id, id)?;
        found.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(found.into_iter().next())
    }

    /// What `file` names as evidence and the notes that cite it.
    pub fn links(&self, file: &NoteFile) -> Result<Links> {
        let mut evidence = Vec::new();
        for id in &file.note.evidence {
            evidence.push((id.clone(), self.brief(id.trim())?));
        }
        Ok(Links {
            evidence,
            cited_by: self.citing(&file.id)?,
        })
    }

    /// The notes that give `id` as evidence, newest first.
    pub fn citing(&self, id: &str) -> Result<Vec<Brief>> {
        let mut found = self.briefs(self.fields.cites, id)?;
        found.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        Ok(found)
    }

    fn briefs(&self, field: Field, value: &str) -> Result<Vec<Brief>> {
        self.guarded(|| {
            let searcher = self.reader.searcher();
            let query = TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            );
            let fail = |e| self.failed(e);
            let found = searcher.search(&query, &DocSetCollector).map_err(fail)?;
            let mut briefs = Vec::with_capacity(found.len());
            for address in found {
                let doc: TantivyDocument = searcher.doc(address).map_err(fail)?;
                let text = |field: Field| {
                    doc.get_first(field)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_owned()
                };
                let f = &self.fields;
                briefs.push(Brief {
                    id: text(f.id),
                    path: text(f.path),
                    title: text(f.title),
                    kind: text(f.kind),
                    date: text(f.date),
                });
            }
            Ok(briefs)
        })
    }
}
