//! Counting in one pass: which rows (a code and its sub-codes) each code counts toward, every
//! piece of evidence of every row, and each row's use, with names numbered once so that a
//! large notebook is counted with integers rather than strings.

use std::collections::HashMap;

use super::{NoteFacts, Usage};

/// Which rows each code counts toward: a row is a set of codes (a code and its sub-codes).
pub struct Toward<'a>(HashMap<&'a str, Vec<usize>>);

impl<'a> Toward<'a> {
    /// The map for `rows`.
    pub fn new(rows: &[Vec<&'a str>]) -> Toward<'a> {
        let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
        for (r, codes) in rows.iter().enumerate() {
            for code in codes {
                let toward = map.entry(code).or_default();
                if !toward.contains(&r) {
                    toward.push(r);
                }
            }
        }
        Toward(map)
    }

    /// The rows `codes` count toward, each once, into `out` (emptied first).
    pub fn rows_of(&self, codes: &[String], out: &mut Vec<usize>) {
        out.clear();
        for code in codes {
            for &r in self.0.get(code.as_str()).into_iter().flatten() {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
    }
}

/// Every piece of evidence of every row, in one pass over `notes`: `visit` is given the rows
/// a piece counts toward, its note and its finding (none for the note as a whole).
pub fn each_piece(
    notes: &[impl AsRef<NoteFacts>],
    rows: &[Vec<&str>],
    mut visit: impl FnMut(&[usize], usize, Option<usize>),
) {
    let toward = Toward::new(rows);
    let (mut in_finding, mut in_findings, mut on_note) = (Vec::new(), Vec::new(), Vec::new());
    for (i, note) in notes.iter().map(AsRef::as_ref).enumerate() {
        in_findings.clear();
        for (j, finding) in note.findings.iter().enumerate() {
            toward.rows_of(&finding.codes, &mut in_finding);
            if !in_finding.is_empty() {
                visit(&in_finding, i, Some(j));
                in_findings.extend_from_slice(&in_finding);
            }
        }
        toward.rows_of(&note.codes, &mut on_note);
        on_note.retain(|r| !in_findings.contains(r));
        if !on_note.is_empty() {
            visit(&on_note, i, None);
        }
    }
}

/// How much any of `codes` is used among `notes`.
pub fn usage(notes: &[impl AsRef<NoteFacts>], codes: &[&str]) -> Usage {
    usages(notes, &[codes.to_vec()]).pop().unwrap_or_default()
}

/// How much each of `rows` (a set of codes each) is used among `notes`, counted in one pass.
pub fn usages(notes: &[impl AsRef<NoteFacts>], rows: &[Vec<&str>]) -> Vec<Usage> {
    #[derive(Default)]
    struct Tally<'a> {
        usage: Usage,
        last_note: Option<usize>,
        people: Marks,
        studies: Marks,
        first: Option<&'a str>,
        last: Option<&'a str>,
        months: Vec<usize>,
    }
    // People, studies and months as numbers, each name hashed once per piece rather than
    // once per code it counts toward.
    let mut people: Numbers<(Option<&str>, &str)> = Numbers::default();
    let mut studies: Numbers<&str> = Numbers::default();
    let mut months: Numbers<&str> = Numbers::default();
    let mut tallies: Vec<Tally> = (0..rows.len()).map(|_| Tally::default()).collect();
    let mut who = Vec::new();
    each_piece(notes, rows, |touched, i, finding| {
        let note = notes[i].as_ref();
        let study = note.study.as_deref();
        let aliases = match finding.and_then(|j| note.findings.get(j)) {
            Some(f) => &f.people,
            None => &note.people,
        };
        who.clear();
        who.extend(aliases.iter().map(|a| people.of((study, a.as_str()))));
        let study = study.map(|s| studies.of(s));
        let month = months.of(note.month());
        for &r in touched {
            let t = &mut tallies[r];
            t.usage.findings += usize::from(finding.is_some());
            if t.last_note != Some(i) {
                t.last_note = Some(i);
                t.usage.notes += 1;
            }
            for &person in &who {
                t.people.mark(person);
            }
            if let Some(study) = study {
                t.studies.mark(study);
            }
            if t.months.len() <= month {
                t.months.resize(month + 1, 0);
            }
            t.months[month] += 1;
            if t.first.is_none_or(|d| note.day.as_str() < d) {
                t.first = Some(&note.day);
            }
            if t.last.is_none_or(|d| note.day.as_str() > d) {
                t.last = Some(&note.day);
            }
        }
    });
    tallies
        .into_iter()
        .map(|t| Usage {
            participants: t.people.count(),
            studies: t.studies.count(),
            first: t.first.map(str::to_owned),
            last: t.last.map(str::to_owned),
            by_month: t
                .months
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(m, n)| (months.names[m].to_owned(), *n))
                .collect(),
            ..t.usage
        })
        .collect()
}

/// Names numbered in the order first met.
struct Numbers<T> {
    ids: HashMap<T, usize>,
    names: Vec<T>,
}

impl<T> Default for Numbers<T> {
    fn default() -> Self {
        Numbers {
            ids: HashMap::new(),
            names: Vec::new(),
        }
    }
}

impl<T: std::hash::Hash + Eq + Copy> Numbers<T> {
    fn of(&mut self, name: T) -> usize {
        *self.ids.entry(name).or_insert_with(|| {
            self.names.push(name);
            self.names.len() - 1
        })
    }
}

/// A set of numbers, as bits.
#[derive(Default)]
struct Marks(Vec<u64>);

impl Marks {
    fn mark(&mut self, n: usize) {
        let (word, bit) = (n / 64, n % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}
