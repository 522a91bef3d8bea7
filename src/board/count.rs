//! Counting in one pass: which rows (a code and its sub-codes) each code counts toward, every
//! piece of evidence of every row, and each row's use, over the names as numbers each note
//! keeps (see [`super::names`]), so that a large notebook is counted with integers.

use std::collections::HashMap;

use super::Usage;
use super::kept::Facts;
use super::names::{self, Ids, Marks};

/// Which rows each code counts toward: a row is a set of codes (a code and its sub-codes).
pub struct Toward<'a> {
    by_name: HashMap<&'a str, Vec<usize>>,
    /// By code number: the rows it counts toward.
    by_id: Vec<Vec<usize>>,
}

impl<'a> Toward<'a> {
    /// The map for `rows`.
    pub fn new(rows: &[Vec<&'a str>]) -> Toward<'a> {
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_id: Vec<Vec<usize>> = Vec::new();
        let mut names = names::write();
        for (r, codes) in rows.iter().enumerate() {
            for code in codes {
                let toward = by_name.entry(code).or_default();
                if !toward.contains(&r) {
                    toward.push(r);
                }
                let id = names.codes.id(*code) as usize;
                if by_id.len() <= id {
                    by_id.resize(id + 1, Vec::new());
                }
                if !by_id[id].contains(&r) {
                    by_id[id].push(r);
                }
            }
        }
        Toward { by_name, by_id }
    }

    /// The rows `codes` count toward, each once, into `out` (emptied first).
    pub fn rows_of(&self, codes: &[String], out: &mut Vec<usize>) {
        out.clear();
        for code in codes {
            for &r in self.by_name.get(code.as_str()).into_iter().flatten() {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
    }

    /// The rows the codes numbered `codes` count toward, each once, into `out` (emptied
    /// first).
    pub fn rows_of_ids(&self, codes: &[u32], out: &mut Vec<usize>) {
        out.clear();
        for &code in codes {
            for &r in self.by_id.get(code as usize).into_iter().flatten() {
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
    notes: &[impl Facts],
    rows: &[Vec<&str>],
    mut visit: impl FnMut(&[usize], usize, Option<usize>),
) {
    let toward = Toward::new(rows);
    pieces(notes, &toward, None, |touched, i, finding, _| {
        visit(touched, i, finding);
    });
}

/// [`each_piece`] with the rows mapped already, giving each piece's note as numbers too, and
/// marking in `unknown` the codes that count toward no row.
pub(super) fn pieces<'n>(
    notes: &'n [impl Facts],
    toward: &Toward,
    mut unknown: Option<&mut Marks>,
    mut visit: impl FnMut(&[usize], usize, Option<usize>, Ids<'n>),
) {
    let (mut in_finding, mut in_findings, mut on_note) = (Vec::new(), Vec::new(), Vec::new());
    for (i, note) in notes.iter().enumerate() {
        let ids = note.ids();
        if let Some(unknown) = unknown.as_deref_mut() {
            for code in ids.all_codes() {
                if toward.by_id.get(code as usize).is_none_or(Vec::is_empty) {
                    unknown.mark(code);
                }
            }
        }
        in_findings.clear();
        for j in 0..ids.findings() {
            toward.rows_of_ids(ids.codes(Some(j)), &mut in_finding);
            if !in_finding.is_empty() {
                visit(&in_finding, i, Some(j), ids);
                in_findings.extend_from_slice(&in_finding);
            }
        }
        toward.rows_of_ids(ids.codes(None), &mut on_note);
        on_note.retain(|r| !in_findings.contains(r));
        if !on_note.is_empty() {
            visit(&on_note, i, None, ids);
        }
    }
}

/// How much any of `codes` is used among `notes`.
pub fn usage(notes: &[impl Facts], codes: &[&str]) -> Usage {
    usages(notes, &[codes.to_vec()]).pop().unwrap_or_default()
}

/// How much each of `rows` (a set of codes each) is used among `notes`, counted in one pass.
pub fn usages(notes: &[impl Facts], rows: &[Vec<&str>]) -> Vec<Usage> {
    usages_marking(notes, rows, None)
}

/// [`usages`], marking in `unknown` the codes used that count toward no row.
pub(super) fn usages_marking(
    notes: &[impl Facts],
    rows: &[Vec<&str>],
    unknown: Option<&mut Marks>,
) -> Vec<Usage> {
    #[derive(Default)]
    struct Tally {
        usage: Usage,
        last_note: Option<usize>,
        people: Marks,
        studies: Marks,
        days: Marks,
        months: Vec<usize>,
    }
    let toward = Toward::new(rows);
    let mut tallies: Vec<Tally> = (0..rows.len()).map(|_| Tally::default()).collect();
    pieces(notes, &toward, unknown, |touched, i, finding, ids| {
        let who = ids.people(finding);
        let (study, month, day) = (ids.study(), ids.month() as usize, ids.day());
        for &r in touched {
            let t = &mut tallies[r];
            t.usage.findings += usize::from(finding.is_some());
            if t.last_note != Some(i) {
                t.last_note = Some(i);
                t.usage.notes += 1;
            }
            for &person in who {
                t.people.mark(person);
            }
            if study != names::NONE {
                t.studies.mark(study);
            }
            if t.months.len() <= month {
                t.months.resize(month + 1, 0);
            }
            t.months[month] += 1;
            t.days.mark(day);
        }
    });
    // First and last by the days seen, once the notes are numbered: days are numbered in
    // the order met, not in date order.
    let names = names::read();
    let ranks = names::day_ranks(&names);
    let day = |d: u32| names.days.name(d).to_string();
    tallies
        .into_iter()
        .map(|t| Usage {
            participants: t.people.count(),
            studies: t.studies.count(),
            first: t.days.iter().min_by_key(|d| ranks[*d as usize]).map(day),
            last: t.days.iter().max_by_key(|d| ranks[*d as usize]).map(day),
            by_month: t
                .months
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(m, n)| (names.months.name(m as u32).to_string(), *n))
                .collect(),
            ..t.usage
        })
        .collect()
}
