//! What the index holds, asked directly rather than through a query: how many notes and broken
//! files, which files are broken, where the note with an id is, and every kind, study and
//! why-code with the number of notes that have it.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, SegmentReader, TERMINATED, TantivyDocument, Term};

use super::schema;
use super::{Refresh, SearchIndex};
use crate::error::Result;

/// Every value of the fields a view can narrow notes by, each with how many notes have it,
/// most common first (then by name).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Kinds of note, lower case.
    pub kinds: Vec<(String, usize)>,
    /// Studies, spelled as a note that has it writes it.
    pub studies: Vec<(String, usize)>,
    /// Why-codes on notes or their findings, lower case.
    pub codes: Vec<(String, usize)>,
}

/// How many of a study's notes are asked how they spell it: studies are few, notes many.
const SPELLINGS_SAMPLED: usize = 8;

impl SearchIndex {
    /// The notes and broken files the index holds.
    pub(super) fn counts(&self) -> Result<Refresh> {
        let searcher = self.reader.searcher();
        let count = |state: &str| {
            searcher
                .search(&self.state_is(state), &Count)
                .map_err(|e| self.failed(e))
        };
        Ok(Refresh {
            notes: count(schema::OK)?,
            broken: count(schema::BROKEN)?,
            ..Refresh::default()
        })
    }

    /// Every kind, study and why-code in the index with the number of notes that have it.
    pub fn facets(&self) -> Result<Facets> {
        self.guarded(|| self.facets_among(&self.reader.searcher(), None))
    }

    /// Every kind, study and why-code with the number of the notes `query` finds that have
    /// it, so that counts shown beside a search add up to what choosing them would give.
    pub fn facets_for(&self, query: &crate::query::Query) -> Result<Facets> {
        if query.groups.is_empty() {
            return self.facets();
        }
        self.guarded(|| {
            let searcher = self.reader.searcher();
            let codebook = self.codebook.get(&self.notebook);
            let mut analyzers = self.analyzers.clone();
            let (built, _) =
                super::plan::Plan::new(self, &searcher, &codebook, &mut analyzers, false)
                    .build(query)?;
            self.facets_among(&searcher, Some(&*built))
        })
    }

    /// The facets of the notes `among` finds, or of every note.
    fn facets_among(&self, searcher: &Searcher, among: Option<&dyn Query>) -> Result<Facets> {
        let f = &self.fields;
        let within = Within { searcher, among };
        // Broken files carry none of these fields, so every document counted is a note.
        let studies = self.tally(&within, f.study)?;
        let spelled = self.spellings(searcher, &studies)?;
        let studies: Vec<(String, usize)> = studies
            .into_iter()
            .map(|(study, n)| (spelled.get(&study).cloned().unwrap_or(study), n))
            .collect();
        Ok(Facets {
            kinds: ranked(self.tally(&within, f.kind)?),
            studies: ranked(studies),
            codes: ranked(self.with_sub_codes(&within, self.tally(&within, f.why)?)?),
        })
    }

    /// The files, relative to the notebook root, that the index holds as having errors.
    pub fn broken_paths(&self) -> Result<Vec<String>> {
        self.guarded(|| self.paths_matching(&self.state_is(schema::BROKEN)))
    }

    /// The file, relative to the notebook root, of the note with id `id`; the first in path
    /// order when notes in several folders share it.
    pub fn path_of(&self, id: &str) -> Result<Option<String>> {
        self.guarded(|| {
            let term = Term::from_field_text(self.fields.id, id);
            let paths = self.paths_matching(&TermQuery::new(term, IndexRecordOption::Basic))?;
            Ok(paths.into_iter().next())
        })
    }

    /// The files of every document `query` matches, sorted. For queries that match few:
    /// each document is read from the store.
    fn paths_matching(&self, query: &dyn Query) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let fail = |e| self.failed(e);
        let found = searcher.search(query, &DocSetCollector).map_err(fail)?;
        let mut paths = Vec::with_capacity(found.len());
        for address in found {
            let doc: TantivyDocument = searcher.doc(address).map_err(fail)?;
            if let Some(path) = doc.get_first(self.fields.path).and_then(|v| v.as_str()) {
                paths.push(path.to_owned());
            }
        }
        // Folder by folder, as the notebook walks them (`a/x` before `a-b/x`).
        paths.sort_by(|a, b| std::path::Path::new(a).cmp(std::path::Path::new(b)));
        Ok(paths)
    }

    fn state_is(&self, state: &str) -> TermQuery {
        TermQuery::new(
            Term::from_field_text(self.fields.state, state),
            IndexRecordOption::Basic,
        )
    }

    /// Every term of a keyword field with the number of live documents holding it.
    fn tally(&self, within: &Within, field: Field) -> Result<BTreeMap<String, usize>> {
        let searcher = within.searcher;
        let fail = |e: &dyn std::fmt::Display| self.failed(e);
        let mut tally = BTreeMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field).map_err(|e| fail(&e))?;
            let mut terms = inverted.terms().stream().map_err(|e| fail(&e))?;
            while terms.advance() {
                let info = terms.value();
                // Documents replaced or removed stay in their segment until it is merged.
                let live = match segment.alive_bitset() {
                    None => info.doc_freq,
                    Some(alive) => inverted
                        .read_postings_from_terminfo(info, IndexRecordOption::Basic)
                        .map_err(|e| fail(&e))?
                        .count(alive),
                };
                if live > 0 {
                    let term = String::from_utf8_lossy(terms.key()).into_owned();
                    *tally.entry(term).or_insert(0) += live as usize;
                }
            }
        }
        if within.among.is_some() {
            for (term, count) in tally.iter_mut() {
                let term = Term::from_field_text(field, term);
                *count = within
                    .count(Box::new(TermQuery::new(term, IndexRecordOption::Basic)))
                    .map_err(|e| fail(&e))?;
            }
            tally.retain(|_, count| *count > 0);
        }
        Ok(tally)
    }

    /// The counts of `used` codes made to count, like `why:CODE`, the notes that have a code
    /// below it in the codebook too, so a parent code used only through its sub-codes is
    /// there as well; codes the codebook does not know keep their own count.
    fn with_sub_codes(
        &self,
        within: &Within,
        used: BTreeMap<String, usize>,
    ) -> Result<BTreeMap<String, usize>> {
        let codebook = self.codebook.get(&self.notebook);
        let mut counted = BTreeMap::new();
        for code in &codebook.codes {
            let family: Vec<Box<dyn Query>> = codebook
                .with_descendants(&code.name)
                .into_iter()
                .map(|c| {
                    let term = Term::from_field_text(self.fields.why, &c.to_lowercase());
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
                })
                .collect();
            let any = BooleanQuery::new(family.into_iter().map(|q| (Occur::Should, q)).collect());
            let count = within.count(Box::new(any)).map_err(|e| self.failed(e))?;
            if count > 0 {
                counted.insert(code.name.to_lowercase(), count);
            }
        }
        for (code, alone) in used {
            counted.entry(code).or_insert(alone);
        }
        Ok(counted)
    }

    /// How notes write each of `studies` (lower case in the index): the most common spelling
    /// among a few of its notes.
    fn spellings(
        &self,
        searcher: &Searcher,
        studies: &BTreeMap<String, usize>,
    ) -> Result<HashMap<String, String>> {
        let mut spelled = HashMap::new();
        for study in studies.keys() {
            let term = Term::from_field_text(self.fields.study, study);
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                let wanted = SPELLINGS_SAMPLED.saturating_sub(seen.values().sum());
                for doc in live_docs(segment, &term, wanted).map_err(|e| self.failed(e))? {
                    let address = DocAddress::new(ord as u32, doc);
                    let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.failed(e))?;
                    if let Some(text) = doc
                        .get_first(self.fields.study_text)
                        .and_then(|v| v.as_str())
                    {
                        *seen.entry(text.to_owned()).or_insert(0) += 1;
                    }
                }
            }
            // Ties go to the first spelling in byte order, so the answer does not flicker.
            let best = seen.into_iter().rev().max_by_key(|(_, n)| *n);
            if let Some((text, _)) = best {
                spelled.insert(study.clone(), text);
            }
        }
        Ok(spelled)
    }
}

/// The notes counted: every note, or those a query finds.
struct Within<'a> {
    searcher: &'a Searcher,
    among: Option<&'a dyn Query>,
}

impl Within<'_> {
    /// How many of the notes counted `query` matches.
    fn count(&self, query: Box<dyn Query>) -> tantivy::Result<usize> {
        match self.among {
            None => self.searcher.search(&*query, &Count),
            Some(among) => {
                let both =
                    BooleanQuery::new(vec![(Occur::Must, among.box_clone()), (Occur::Must, query)]);
                self.searcher.search(&both, &Count)
            }
        }
    }
}

/// Up to `wanted` live documents of `segment` holding `term`.
pub(super) fn live_docs(
    segment: &SegmentReader,
    term: &Term,
    wanted: usize,
) -> tantivy::Result<Vec<u32>> {
    let mut docs = Vec::new();
    if wanted == 0 {
        return Ok(docs);
    }
    let inverted = segment.inverted_index(term.field())?;
    let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)? else {
        return Ok(docs);
    };
    let mut doc = postings.doc();
    while doc != TERMINATED && docs.len() < wanted {
        if segment
            .alive_bitset()
            .is_none_or(|alive| alive.is_alive(doc))
        {
            docs.push(doc);
        }
        doc = postings.advance();
    }
    Ok(docs)
}

/// Most common first, then by name.
fn ranked(tally: impl IntoIterator<Item = (String, usize)>) -> Vec<(String, usize)> {
    let mut ranked: Vec<(String, usize)> = tally.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
}
