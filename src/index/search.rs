//! Answering a query: the query language turned into a Tantivy query, run, and each hit given
//! its title, codes and best passage with the matched words marked.

use std::ops::Range;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query as TantivyQuery;
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use super::SearchIndex;
use super::cache::Analyzers;
use super::highlight::{Highlighter, Part};
use super::named::named_in;
use super::plan::Plan;
use super::snippet::{Mark, marked, opening, passage};
use crate::error::Result;
use crate::query::Query;

/// How results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Best match first (newest first when the query has no words).
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// The notes a query found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Results {
    /// The best hits, at most the limit asked for.
    pub hits: Vec<Hit>,
    /// How many notes matched in all.
    pub total: usize,
    /// True when nothing matched exactly and these are near spellings of the words.
    pub near: bool,
}

/// One note found.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// The note id.
    pub id: String,
    /// The file, relative to the notebook root.
    pub path: String,
    /// The title.
    pub title: String,
    /// Byte ranges of `title` that matched.
    pub title_marks: Vec<Range<usize>>,
    /// The date as written.
    pub date: String,
    /// The kind.
    pub kind: String,
    /// The study, when there is one.
    pub study: Option<String>,
    /// The why-codes on the note and its findings.
    pub why: Vec<String>,
    /// The relevance score (0 when sorted by date).
    pub score: f32,
    /// The passage that best shows why the note matched.
    pub snippet: Option<Snippet>,
}

/// A passage of a note.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snippet {
    /// Which part of the note: quote, did, note, body, place, who, by, other.
    pub field: &'static str,
    /// The text.
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub marks: Vec<Range<usize>>,
}

/// How to search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchOptions {
    /// The order of the hits.
    pub sort: Sort,
    /// At most this many hits.
    pub limit: usize,
    /// Whether each hit gets the passage that matched (a list that shows only titles need
    /// not pay for them).
    pub snippets: bool,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            sort: Sort::Relevance,
            limit: 50,
            snippets: true,
        }
    }
}

const PASSAGE_BYTES: usize = 180;

impl SearchIndex {
    /// The notes matching `query`, best first or newest first, with their passages.
    pub fn search(&self, query: &Query, sort: Sort, limit: usize) -> Result<Results> {
        let options = SearchOptions {
            sort,
            limit,
            snippets: true,
        };
        Ok(self.search_with(query, options)?.0)
    }

    /// The notes matching `query`, and what finds the words it matched in any part of them.
    pub fn search_with(
        &self,
        query: &Query,
        options: SearchOptions,
    ) -> Result<(Results, Highlighter)> {
        self.guarded(|| {
            let searcher = self.reader.searcher();
            let codebook = self.codebook.get(&self.notebook);
            let mut analyzers = self.analyzers.clone();
            let (built, mut marks) =
                Plan::new(self, &searcher, &codebook, &mut analyzers, false).build(query)?;
            let mut results = self.run(&searcher, &*built, &marks, options, &mut analyzers)?;
            let named = match named_in(query) {
                Some(name) => self.named(&searcher, &name)?,
                None => Vec::new(),
            };
            if !named.is_empty() {
                let first = (named.as_slice(), &*built, marks.as_slice());
                self.put_first(&searcher, first, &mut results, options, &mut analyzers)?;
            } else if results.total == 0 && !marks.is_empty() {
                let (built, near_marks) =
                    Plan::new(self, &searcher, &codebook, &mut analyzers, true).build(query)?;
                if near_marks != marks {
                    results = self.run(&searcher, &*built, &near_marks, options, &mut analyzers)?;
                    results.near = results.total > 0;
                    marks = near_marks;
                }
            }
            let highlighter = Highlighter::new(marks, self.fields.clone(), analyzers);
            Ok((results, highlighter))
        })
    }

    /// `results` with the notes `named` in the query first, each once, and counted once.
    fn put_first(
        &self,
        searcher: &Searcher,
        (named, query, marks): (&[DocAddress], &dyn TantivyQuery, &[Mark]),
        results: &mut Results,
        options: SearchOptions,
        analyzers: &mut Analyzers,
    ) -> Result<()> {
        let fail = |e| self.failed(e);
        let mut first = Vec::with_capacity(named.len());
        for &address in named {
            let doc: TantivyDocument = searcher.doc(address).map_err(fail)?;
            let mut hit = self.hit(&doc, 0.0, marks, analyzers);
            if options.snippets {
                hit.snippet = self.best_passage(&doc, marks, analyzers);
            }
            // A note the words found too is already in the total.
            if query.explain(searcher, address).is_err() {
                results.total += 1;
            }
            first.push(hit);
        }
        results
            .hits
            .retain(|hit| first.iter().all(|f| f.id != hit.id));
        first.append(&mut results.hits);
        first.truncate(options.limit.max(1));
        results.hits = first;
        Ok(())
    }

    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn TantivyQuery,
        marks: &[Mark],
        options: SearchOptions,
        analyzers: &mut Analyzers,
    ) -> Result<Results> {
        // Tantivy sizes its heap by the limit; no more hits than notes can come back.
        let limit = options
            .limit
            .clamp(1, (searcher.num_docs() as usize).max(1));
        let fail = |e| self.failed(e);
        let (found, total): (Vec<(f32, DocAddress)>, usize) =
            if options.sort == Sort::Date || marks.is_empty() {
                let by_date =
                    TopDocs::with_limit(limit).order_by_fast_field::<i64>("when", Order::Desc);
                let (top, total) = searcher.search(query, &(by_date, Count)).map_err(fail)?;
                (top.into_iter().map(|(_, a)| (0.0, a)).collect(), total)
            } else {
                let by_score = TopDocs::with_limit(limit).order_by_score();
                searcher.search(query, &(by_score, Count)).map_err(fail)?
            };
        let mut hits = Vec::with_capacity(found.len());
        for (score, address) in found {
            let doc: TantivyDocument = searcher.doc(address).map_err(fail)?;
            let mut hit = self.hit(&doc, score, marks, analyzers);
            if options.snippets {
                hit.snippet = self.best_passage(&doc, marks, analyzers);
            }
            hits.push(hit);
        }
        Ok(Results {
            hits,
            total,
            near: false,
        })
    }

    /// The hit for `doc`, without its passage.
    fn hit(
        &self,
        doc: &TantivyDocument,
        score: f32,
        marks: &[Mark],
        analyzers: &mut Analyzers,
    ) -> Hit {
        let f = &self.fields;
        let title = first(doc, f.title);
        let title_marks = match analyzers.get(f.title) {
            Some(analyzer) => marked(analyzer, f.title, &title, marks),
            None => Vec::new(),
        };
        Hit {
            id: first(doc, f.id),
            path: first(doc, f.path),
            title_marks,
            title,
            date: first(doc, f.date),
            kind: first(doc, f.kind),
            study: doc
                .get_first(f.study_text)
                .and_then(|v| v.as_str())
                .map(str::to_owned),
            why: all(doc, f.why),
            score,
            snippet: None,
        }
    }

    /// The passage of the first part in [`Part::PASSAGE_ORDER`] that matched; with no match,
    /// the first quote or the opening of the body.
    fn best_passage(
        &self,
        doc: &TantivyDocument,
        marks: &[Mark],
        analyzers: &mut Analyzers,
    ) -> Option<Snippet> {
        let f = &self.fields;
        for part in Part::PASSAGE_ORDER {
            let field = part.field(f);
            let Some(analyzer) = analyzers.get(field) else {
                continue;
            };
            let best = texts(doc, field)
                .filter_map(|text| passage(analyzer, field, text, marks, PASSAGE_BYTES))
                .max_by_key(|(_, ranges)| ranges.len());
            if let Some((text, marks)) = best {
                return Some(Snippet {
                    field: part.name(),
                    text,
                    marks,
                });
            }
        }
        let (part, text) = match texts(doc, f.quote).find(|q| !q.trim().is_empty()) {
            Some(quote) => (Part::Quote, quote),
            None => (Part::Body, texts(doc, f.body).next().unwrap_or_default()),
        };
        (!text.trim().is_empty()).then(|| Snippet {
            field: part.name(),
            text: opening(text, PASSAGE_BYTES),
            marks: Vec::new(),
        })
    }
}

/// The texts of `field` in `doc`, borrowed.
fn texts(doc: &TantivyDocument, field: Field) -> impl Iterator<Item = &str> {
    doc.get_all(field).filter_map(|v| v.as_str())
}

fn first(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}

fn all(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_owned)
        .collect()
}
