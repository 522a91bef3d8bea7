//! Turning the query language into a Tantivy query, and into the marks that find its matches
//! again in a note's text.

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhrasePrefixQuery, PhraseQuery, Query as TantivyQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::SearchIndex;
use super::cache::Analyzers;
use super::facets::live_docs;
use super::schema::{self, Fields};
use super::snippet::{Mark, Wanted};
use super::starts::Beginning;
use super::text::{is_cjk, terms};
use crate::codebook::Codebook;
use crate::error::Result;
use crate::query::{Atom, DayRange, Filter, Query};

/// A query ready to run.
pub type Built = Box<dyn TantivyQuery>;

/// Turns the query language into a Tantivy query and the marks that highlight its matches.
pub struct Plan<'a> {
    index: &'a SearchIndex,
    searcher: &'a Searcher,
    codebook: &'a Codebook,
    analyzers: &'a mut Analyzers,
    near: bool,
    marks: Vec<Mark>,
}

impl<'a> Plan<'a> {
    /// A plan for `index`; `near` lets single words match near spellings.
    pub fn new(
        index: &'a SearchIndex,
        searcher: &'a Searcher,
        codebook: &'a Codebook,
        analyzers: &'a mut Analyzers,
        near: bool,
    ) -> Plan<'a> {
        Plan {
            index,
            searcher,
            codebook,
            analyzers,
            near,
            marks: Vec::new(),
        }
    }

    fn fields(&self) -> &Fields {
        &self.index.fields
    }

    /// The query, and the marks of what it looks for.
    pub fn build(mut self, query: &Query) -> Result<(Built, Vec<Mark>)> {
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
        let only = (fields.len() == 1).then(|| fields[0].0);
        // Every prose field together holds a large vocabulary, where a short prefix expands to
        // thousands of terms; the values of `place:` and the like are few, and cheap to expand.
        let wide = only.is_none();
        if prefix
            && wide
            && let Some(beginning) = Beginning::of(text)
        {
            return self.beginning(fields, text, beginning);
        }
        let mut per_field: Vec<(Occur, Built)> = Vec::new();
        for &(field, weight) in fields {
            let analyzer = self
                .analyzers
                .get(field)
                .ok_or_else(|| self.index.failed("a text field has no analyzer"))?;
            let found = terms(analyzer, text);
            // What was typed of the last word, before stemming (`ads` is stemmed to `ad`).
            let mut typed = found
                .last()
                .and_then(|t| text.get(t.offset_from..t.offset_to))
                .map_or(0, |t| t.chars().count());
            let mut tokens: Vec<String> = found.into_iter().map(|t| t.text).collect();
            // A phrase whose last word has one letter so far (`"tape d`) is the phrase without
            // it, as a lone letter is no word at all; what is left is whole words.
            let mut prefix = prefix;
            if prefix
                && tokens.len() > 1
                && typed == 1
                && !tokens.last().is_some_and(|t| is_cjk_word(t))
            {
                tokens.pop();
                prefix = false;
                typed = usize::MAX;
            }
            let Some(last) = tokens.last() else {
                // Nothing searchable (`!!!`): no note has it, rather than the term vanishing
                // and the query matching more than was asked.
                return Ok(Some(Box::new(EmptyQuery)));
            };
            // A lone CJK character sits at the start of the pairs it belongs to.
            let lone_cjk =
                tokens.len() == 1 && last.chars().count() == 1 && last.chars().all(is_cjk);
            // One letter still being typed narrows nothing yet; as a word it would match
            // almost nothing and send the search on to the slow near spellings. The first
            // field decides, so that no field is left with half a term.
            let lone_letter = tokens.len() == 1 && typed == 1 && !lone_cjk;
            if prefix && lone_letter && per_field.is_empty() {
                return Ok(None);
            }
            // Two letters begin thousands of words: expanding them costs a whole keystroke's
            // time in a large notebook. A two-letter word (`tv`) is searched as it is; two
            // letters that are no word narrow nothing yet, like one.
            let two_letters = wide && tokens.len() == 1 && typed == 2 && !is_cjk_word(last);
            if prefix && two_letters && per_field.is_empty() && !self.is_a_word(fields, last)? {
                return Ok(None);
            }
            let prefix = (prefix && typed >= 2 && !two_letters) || lone_cjk;
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

impl Plan<'_> {
    /// A word still being typed, looked up by its beginning in one field instead of expanding
    /// the prefix over every prose field, and as the whole word it already is (`walking`
    /// finds `walked` too, as it will once the word is finished).
    fn beginning(
        &mut self,
        fields: &[(Field, f32)],
        text: &str,
        beginning: Beginning,
    ) -> Result<Option<Built>> {
        let f = self.fields().clone();
        let title_weight = fields
            .iter()
            .find(|(field, _)| *field == f.title)
            .map_or(1.0, |&(_, weight)| weight);
        let lookup = |field: Field| -> Built {
            let term = Term::from_field_text(field, beginning.letters());
            match beginning {
                Beginning::Term(_) => Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                Beginning::Prefix(_) => Box::new(FuzzyTermQuery::new_prefix(term, 0, true)),
            }
        };
        let mut clauses: Vec<(Occur, Built)> = vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(lookup(f.title_starts), title_weight)),
            ),
            (Occur::Should, lookup(f.starts)),
        ];
        if let Some(whole) = self.prose(fields, text, false, false)? {
            clauses.push((Occur::Should, whole));
        }
        let mark = Mark {
            wanted: Wanted::Begins(beginning.letters().to_owned()),
            field: None,
        };
        if !self.marks.contains(&mark) {
            self.marks.push(mark);
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// Whether a note (not one since changed or removed) has `token` as a word in one of
    /// `fields`, in the snapshot the search runs on.
    fn is_a_word(&self, fields: &[(Field, f32)], token: &str) -> Result<bool> {
        for &(field, _) in fields {
            let term = Term::from_field_text(field, token);
            for segment in self.searcher.segment_readers() {
                let live = live_docs(segment, &term, 1).map_err(|e| self.index.failed(e))?;
                if !live.is_empty() {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }
}

fn is_cjk_word(token: &str) -> bool {
    token.chars().any(is_cjk)
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
