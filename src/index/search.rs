//! Answering a query: the query language turned into a Tantivy query, run, and each hit given
//! its title, codes and best passage with the matched words marked.

use std::ops::{Bound, Range};

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhrasePrefixQuery, PhraseQuery, Query as TantivyQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::SearchIndex;
use super::schema::{self, Fields};
use super::snippet::{Mark, Wanted, marked, opening, passage};
use super::text::{is_cjk, terms};
use crate::codebook::Codebook;
use crate::error::Result;
use crate::query::{Atom, DayRange, Filter, Query};

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
    /// Which part of the note: quote, did, note, body, place, who, other.
    pub field: &'static str,
    /// The text.
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub marks: Vec<Range<usize>>,
}

const PASSAGE_BYTES: usize = 180;

impl SearchIndex {
    /// The notes matching `query`, best first or newest first.
    pub fn search(&self, query: &Query, sort: Sort, limit: usize) -> Result<Results> {
        let searcher = self.reader.searcher();
        let codebook = self.notebook.codebook().0;
        let plan = |near| Plan::new(self, &codebook, near).build(query);
        let (built, marks) = plan(false)?;
        let mut results = self.run(&searcher, &*built, &marks, sort, limit)?;
        if results.total == 0 && !marks.is_empty() {
            let (built, near_marks) = plan(true)?;
            if near_marks != marks {
                results = self.run(&searcher, &*built, &near_marks, sort, limit)?;
                results.near = results.total > 0;
            }
        }
        Ok(results)
    }

    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn TantivyQuery,
        marks: &[Mark],
        sort: Sort,
        limit: usize,
    ) -> Result<Results> {
        // Tantivy sizes its heap by the limit; no more hits than notes can come back.
        let limit = limit.clamp(1, (searcher.num_docs() as usize).max(1));
        let fail = |e| self.failed(e);
        let (found, total): (Vec<(f32, DocAddress)>, usize) =
            if sort == Sort::Date || marks.is_empty() {
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
            hits.push(self.hit(&doc, score, marks)?);
        }
        Ok(Results {
            hits,
            total,
            near: false,
        })
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, marks: &[Mark]) -> Result<Hit> {
        let f = &self.fields;
        let mut prose = self.analyzer(f.title)?;
        let title = first(doc, f.title);
        Ok(Hit {
            id: first(doc, f.id),
            path: first(doc, f.path),
            title_marks: marked(&mut prose, f.title, &title, marks),
            title,
            date: first(doc, f.date),
            kind: first(doc, f.kind),
            study: doc
                .get_first(f.study_text)
                .and_then(|v| v.as_str())
                .map(str::to_owned),
            why: all(doc, f.why),
            score,
            snippet: self.best_passage(doc, marks)?,
        })
    }

    /// A matching quote first (what people said is what researchers look for), then what
    /// they did, the researcher's remarks, the body and the rest; with no match, the first
    /// quote or the opening of the body.
    fn best_passage(&self, doc: &TantivyDocument, marks: &[Mark]) -> Result<Option<Snippet>> {
        let f = &self.fields;
        let order = [
            (f.quote, "quote"),
            (f.did, "did"),
            (f.remark, "note"),
            (f.body, "body"),
            (f.place, "place"),
            (f.who, "who"),
            (f.by, "by"),
            (f.other, "other"),
        ];
        for (field, name) in order {
            let analyzer = self.analyzer(field)?;
            let best = all(doc, field)
                .iter()
                .filter_map(|text| passage(&analyzer, field, text, marks, PASSAGE_BYTES))
                .max_by_key(|(_, ranges)| ranges.len());
            if let Some((text, marks)) = best {
                return Ok(Some(Snippet {
                    field: name,
                    text,
                    marks,
                }));
            }
        }
        let quote = all(doc, f.quote).into_iter().find(|q| !q.trim().is_empty());
        let (field, text) = match quote {
            Some(quote) => ("quote", quote),
            None => ("body", first(doc, f.body)),
        };
        Ok((!text.trim().is_empty()).then(|| Snippet {
            field,
            text: opening(&text, PASSAGE_BYTES),
            marks: Vec::new(),
        }))
    }

    fn analyzer(&self, field: Field) -> Result<TextAnalyzer> {
        self.index
            .tokenizer_for_field(field)
            .map_err(|e| self.failed(e))
    }
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

type Built = Box<dyn TantivyQuery>;

/// Turns the query language into a Tantivy query and the marks that highlight its matches.
struct Plan<'a> {
    index: &'a SearchIndex,
    codebook: &'a Codebook,
    near: bool,
    marks: Vec<Mark>,
}

impl<'a> Plan<'a> {
    fn new(index: &'a SearchIndex, codebook: &'a Codebook, near: bool) -> Plan<'a> {
        Plan {
            index,
            codebook,
            near,
            marks: Vec::new(),
        }
    }

    fn fields(&self) -> &Fields {
        &self.index.fields
    }

    fn build(mut self, query: &Query) -> Result<(Built, Vec<Mark>)> {
        let mut clauses: Vec<(Occur, Built)> = Vec::new();
        for group in &query.groups {
            let single = group.alternatives.len() == 1;
            let mut alternatives: Vec<(Occur, Built)> = Vec::new();
            for term in &group.alternatives {
                let marks_before = self.marks.len();
                let Some(built) = self.atom(&term.atom)? else {
                    continue;
                };
                if term.negated {
                    // Excluded words are never highlighted.
                    self.marks.truncate(marks_before);
                    if single {
                        clauses.push((Occur::MustNot, built));
                    } else {
                        let without = BooleanQuery::new(vec![
                            (Occur::Must, self.every_note()),
                            (Occur::MustNot, built),
                        ]);
                        alternatives.push((Occur::Should, Box::new(without)));
                    }
                } else {
                    alternatives.push((Occur::Should, built));
                }
            }
            match alternatives.len() {
                0 => {}
                1 => clauses.extend(alternatives.into_iter().map(|(_, q)| (Occur::Must, q))),
                _ => clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives)))),
            }
        }
        if !clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
            clauses.push((Occur::Must, self.every_note()));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), self.marks))
    }

    fn every_note(&self) -> Built {
        let term = Term::from_field_text(self.fields().state, schema::OK);
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    }

    fn atom(&mut self, atom: &Atom) -> Result<Option<Built>> {
        let f = self.fields().clone();
        Ok(match atom {
            Atom::Word { text, prefix } => self.prose(&f.prose_weights(), text, *prefix, true)?,
            Atom::Phrase { text, prefix } => {
                self.prose(&f.prose_weights(), text, *prefix, false)?
            }
            Atom::Filter {
                field,
                value,
                prefix,
            } => {
                let prefix = *prefix;
                match field {
                    Filter::Place => self.prose(&[(f.place, 1.0)], value, prefix, false)?,
                    Filter::Who => self.prose(&[(f.who, 1.0)], value, prefix, false)?,
                    Filter::By => self.prose(&[(f.by, 1.0)], value, prefix, false)?,
                    Filter::Why => Some(self.codes(value, prefix)),
                    Filter::Tag => Some(keyword(f.tag, &[value.to_lowercase()], prefix)),
                    Filter::Kind => Some(keyword(f.kind, &[value.to_lowercase()], prefix)),
                    Filter::Study => Some(keyword(f.study, &[value.to_lowercase()], prefix)),
                }
                .map(|q| Box::new(ConstScoreQuery::new(q, 0.0)) as Built)
            }
            Atom::Dates(range) => Some(dates(f.when, *range)),
        })
    }

    /// `why:CODE` finds the code and every code below it in the codebook.
    fn codes(&self, value: &str, prefix: bool) -> Built {
        let value = value.to_lowercase();
        let codes: Vec<String> = self
            .codebook
            .with_descendants(&value)
            .into_iter()
            .map(str::to_lowercase)
            .collect();
        keyword(self.fields().why, &codes, prefix)
    }

    /// Words looked for in prose fields: one term, or a phrase of the terms the analyzer makes
    /// (a hyphenated word, or CJK text). `loose` allows near spellings when `self.near`.
    fn prose(
        &mut self,
        fields: &[(Field, f32)],
        text: &str,
        prefix: bool,
        loose: bool,
    ) -> Result<Option<Built>> {
        let mut per_field: Vec<(Occur, Built)> = Vec::new();
        let only = (fields.len() == 1).then(|| fields[0].0);
        for &(field, weight) in fields {
            let mut analyzer = self.index.analyzer(field)?;
            let tokens: Vec<String> = terms(&mut analyzer, text)
                .into_iter()
                .map(|t| t.text)
                .collect();
            let Some(last) = tokens.last() else {
                // Nothing searchable (`!!!`): no note has it, rather than the term vanishing
                // and the query matching more than was asked.
                return Ok(Some(Box::new(EmptyQuery)));
            };
            // A lone CJK character sits at the start of the pairs it belongs to.
            let lone_cjk =
                tokens.len() == 1 && last.chars().count() == 1 && last.chars().all(is_cjk);
            let prefix = (prefix && last.chars().count() >= 2) || lone_cjk;
            let near = self.near && loose && tokens.len() == 1 && !prefix;
            let term = |t: &String| Term::from_field_text(field, t);
            let query: Built = if tokens.len() == 1 {
                let t = term(last);
                if prefix {
                    Box::new(FuzzyTermQuery::new_prefix(t, 0, true))
                } else if near {
                    Box::new(FuzzyTermQuery::new(t, near_distance(last), true))
                } else {
                    Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
                }
            } else if prefix {
                Box::new(PhrasePrefixQuery::new(tokens.iter().map(term).collect()))
            } else {
                Box::new(PhraseQuery::new(tokens.iter().map(term).collect()))
            };
            per_field.push((Occur::Should, Box::new(BoostQuery::new(query, weight))));
            for (i, token) in tokens.iter().enumerate() {
                let wanted = if i + 1 == tokens.len() && prefix {
                    Wanted::Prefix(token.clone())
                } else if near {
                    Wanted::Near(token.clone(), near_distance(token))
                } else {
                    Wanted::Exact(token.clone())
                };
                let mark = Mark {
                    wanted,
                    field: only,
                };
                if !self.marks.contains(&mark) {
                    self.marks.push(mark);
                }
            }
        }
        Ok(Some(Box::new(BooleanQuery::new(per_field))))
    }
}

/// How many edits a near spelling of `term` may have: none for short words, where almost
/// anything is one edit away.
fn near_distance(term: &str) -> u8 {
    match term.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

fn keyword(field: Field, values: &[String], prefix: bool) -> Built {
    let clauses = values
        .iter()
        .map(|value| {
            let term = Term::from_field_text(field, value);
            let query: Built = if prefix {
                Box::new(FuzzyTermQuery::new_prefix(term, 0, true))
            } else {
                Box::new(TermQuery::new(term, IndexRecordOption::Basic))
            };
            (Occur::Should, query)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn dates(field: Field, range: DayRange) -> Built {
    let bound = |day: Option<jiff::civil::Date>, make: fn(Term) -> Bound<Term>| {
        day.map_or(Bound::Unbounded, |d| {
            make(Term::from_field_i64(field, schema::day_seconds(d)))
        })
    };
    Box::new(ConstScoreQuery::new(
        Box::new(RangeQuery::new(
            bound(range.from, Bound::Included),
            bound(range.until, Bound::Excluded),
        )),
        0.0,
    ))
}
