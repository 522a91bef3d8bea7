//! The why board: the synthesis of a notebook's why-codes across people, studies and time.
//! Every count here is made from [`NoteFacts`] (no note text, no terminal), so the terminal
//! UI and the command line show the same numbers, over whichever notes a search found.
//!
//! The unit is a piece of evidence: a finding that carries a code, or a note that carries it
//! on the note as a whole and on none of its findings.

mod count;
pub mod facts;
pub mod insights;
pub mod kept;
pub mod matrix;
pub mod name;
pub mod names;
pub mod postings;
pub mod shown;
pub mod wall;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::codebook::Codebook;
pub use count::{Toward, each_piece, usage, usages};
pub use facts::{FindingFacts, NoteFacts, Person};
pub use kept::{Facts, Kept};

/// One piece of evidence for a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The note, by its place in the list counted.
    pub note: usize,
    /// The finding, counting from 0; none for the note as a whole.
    pub finding: Option<usize>,
}

/// How much a code (with its sub-codes) is used.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Findings that carry it.
    pub findings: usize,
    /// Notes that carry it, on the note or on a finding.
    pub notes: usize,
    /// Distinct participants (an alias within a study) its evidence is about.
    pub participants: usize,
    /// Distinct studies its notes belong to (notes without a study count as none).
    pub studies: usize,
    /// The first and last day it was seen.
    pub first: Option<String>,
    /// The last day it was seen.
    pub last: Option<String>,
    /// Pieces of evidence by month (`YYYY-MM`), oldest first.
    pub by_month: BTreeMap<String, usize>,
}

/// A code on the board: where it sits in the tree, what it means, and how much it is used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeRow {
    /// The code.
    pub name: String,
    /// How deep in the tree (0 for a top-level code).
    pub depth: usize,
    /// What it means, from the codebook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the codebook has it: codes used in notes but missing from it are listed too.
    pub in_codebook: bool,
    /// Its use, sub-codes included.
    pub usage: Usage,
}

impl CodeRow {
    /// The codes the row counts: the code and its sub-codes in `codebook` (the code alone
    /// when the codebook lacks it).
    pub fn codes(&self, codebook: &Codebook) -> Vec<String> {
        if !self.in_codebook {
            return vec![self.name.clone()];
        }
        codebook
            .with_descendants(&self.name)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }
}

/// Every piece of evidence among `notes` for any of `codes`, in note order.
pub fn evidence(notes: &[impl Facts], codes: &[&str]) -> Vec<Evidence> {
    let wanted: Vec<u32> = {
        let mut names = names::write();
        codes.iter().map(|c| names.codes.id(*c)).collect()
    };
    let carries = |on: &[u32]| on.iter().any(|c| wanted.contains(c));
    let mut found = Vec::new();
    for (i, note) in notes.iter().enumerate() {
        let ids = note.ids();
        let before = found.len();
        for j in 0..ids.findings() {
            if carries(ids.codes(Some(j))) {
                found.push(Evidence {
                    note: i,
                    finding: Some(j),
                });
            }
        }
        if found.len() == before && carries(ids.codes(None)) {
            found.push(Evidence {
                note: i,
                finding: None,
            });
        }
    }
    found
}

/// The participants a piece of evidence is about.
pub fn people_of<'a>(notes: &'a [impl Facts], evidence: &Evidence) -> &'a [name::Name] {
    let note = notes[evidence.note].as_ref();
    match evidence.finding.and_then(|j| note.findings.get(j)) {
        Some(finding) => finding.about(note),
        None => &note.people,
    }
}

/// The codebook as a tree, depth first in file order, each code counted with its sub-codes;
/// then the codes used among `notes` that the codebook lacks, marked, by name.
pub fn tree(codebook: &Codebook, notes: &[impl Facts]) -> Vec<CodeRow> {
    let mut rows = Vec::new();
    let mut sets: Vec<Vec<&str>> = Vec::new();
    for (code, depth) in codebook.depth_first() {
        rows.push(CodeRow {
            name: code.name.clone(),
            depth,
            description: code.description.clone(),
            in_codebook: true,
            usage: Usage::default(),
        });
        sets.push(codebook.with_descendants(&code.name));
    }
    // One pass counts the codebook's codes and finds the codes no row counts; the codes among
    // them that the codebook lacks (usually none) are counted after.
    let mut unknown = names::Marks::default();
    let mut counted = count::usages_marking(notes, &sets, Some(&mut unknown));
    let missing = missing(codebook, unknown);
    if !missing.is_empty() {
        let sets: Vec<Vec<&str>> = missing.iter().map(|name| vec![name.as_str()]).collect();
        counted.extend(usages(notes, &sets));
    }
    for name in missing {
        rows.push(CodeRow {
            name,
            depth: 0,
            description: None,
            in_codebook: false,
            usage: Usage::default(),
        });
    }
    for (row, usage) in rows.iter_mut().zip(counted) {
        row.usage = usage;
    }
    rows
}

/// The codes among `used` (by number) that `codebook` lacks, by name.
fn missing(codebook: &Codebook, mut used: names::Marks) -> Vec<String> {
    let names = names::read();
    for code in &codebook.codes {
        if let Some(id) = names.codes.get(code.name.as_str()) {
            used.unmark(id);
        }
    }
    let mut missing: Vec<String> = used.iter().map(|c| names.codes.name(c).clone()).collect();
    missing.sort_unstable();
    missing
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A note with findings, each given as (codes, people).
    pub fn note(id: &str, study: &str, day: &str, findings: &[(&[&str], &[&str])]) -> NoteFacts {
        let words = |list: &[&str]| {
            list.iter()
                .map(|w| name::Name::from(*w))
                .collect::<Vec<_>>()
        };
        let mut people: Vec<name::Name> = Vec::new();
        for (_, who) in findings {
            for alias in *who {
                if !people.iter().any(|p| p == alias) {
                    people.push((*alias).into());
                }
            }
        }
        NoteFacts {
            id: id.to_owned(),
            path: format!("{id}.yaml"),
            kind: "interview".into(),
            study: (!study.is_empty()).then(|| study.into()),
            day: day.into(),
            people,
            findings: findings
                .iter()
                .map(|(codes, who)| FindingFacts {
                    codes: words(codes),
                    people: words(who),
                })
                .collect(),
            ..NoteFacts::default()
        }
    }

    #[test]
    fn usage_counts_findings_notes_people_studies_and_months() {
        let notes = vec![
            note(
                "a",
                "walk",
                "2024-01-05",
                &[(&["trust"], &["P1"]), (&["trust"], &["P2"])],
            ),
            note("b", "walk", "2024-03-01", &[(&["trust", "price"], &["P1"])]),
            note("c", "shop", "2024-03-09", &[(&["price"], &["P1"])]),
        ];
        let trust = usage(&notes, &["trust"]);
        assert_eq!((trust.findings, trust.notes), (3, 2));
        // P1 in the walk study twice is one person.
        assert_eq!((trust.participants, trust.studies), (2, 1));
        assert_eq!(trust.first.as_deref(), Some("2024-01-05"));
        assert_eq!(trust.last.as_deref(), Some("2024-03-01"));
        assert_eq!(
            trust.by_month.into_iter().collect::<Vec<_>>(),
            [("2024-01".to_owned(), 2), ("2024-03".to_owned(), 1)]
        );
        // P1 of the walk and P1 of the shop are two people.
        assert_eq!(usage(&notes, &["price"]).participants, 2);
    }

    #[test]
    fn a_code_on_the_note_alone_is_one_piece_of_evidence_and_never_counted_twice() {
        let mut whole = note("a", "", "2024-01-05", &[(&["trust"], &["P1"])]);
        whole.codes = vec!["trust".into(), "calm".into()];
        let notes = vec![whole];
        assert_eq!(
            evidence(&notes, &["trust"]),
            [Evidence {
                note: 0,
                finding: Some(0)
            }]
        );
        assert_eq!(
            evidence(&notes, &["calm"]),
            [Evidence {
                note: 0,
                finding: None
            }]
        );
        let calm = usage(&notes, &["calm"]);
        assert_eq!((calm.findings, calm.notes, calm.participants), (0, 1, 1));
    }

    #[test]
    fn the_tree_counts_sub_codes_under_their_parent_and_lists_missing_codes_last() {
        let (codebook, _) = Codebook::parse(
            "codes:\n  - name: autonomy\n  - name: own-pace\n    parent: autonomy\n  - name: trust\n",
        );
        let notes = vec![note(
            "a",
            "",
            "2024-01-05",
            &[
                (&["own-pace"], &["P1"]),
                (&["autonomy", "nowhere"], &["P1"]),
            ],
        )];
        let rows = tree(&codebook, &notes);
        let shape: Vec<(&str, usize, bool, usize)> = rows
            .iter()
            .map(|r| (r.name.as_str(), r.depth, r.in_codebook, r.usage.findings))
            .collect();
        assert_eq!(
            shape,
            [
                ("autonomy", 0, true, 2),
                ("own-pace", 1, true, 1),
                ("trust", 0, true, 0),
                ("nowhere", 0, false, 1),
            ]
        );
    }
}
