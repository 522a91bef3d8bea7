//! The board's matrices: which codes come together (co-occurrence), and codes against the
//! cases they were seen in (participants, studies, places, researchers, kinds): the
//! framework matrix researchers otherwise build by hand in a spreadsheet.

use serde::Serialize;

use super::names::{self, Ids, NONE};
use super::{Facts, NoteFacts, Toward, count::pieces};

/// How often a code is much more frequent than the other before a pair is flagged: the
/// c-coefficient then understates how much the rarer one goes with the other.
pub const LOPSIDED: usize = 4;

/// Two codes together.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Pair {
    /// Findings that carry both (each code with its sub-codes).
    pub findings: usize,
    /// Notes that carry both, anywhere in the note.
    pub notes: usize,
    /// The c-coefficient over findings: n12 / (n1 + n2 − n12), from 0 (never together) to 1
    /// (always together).
    pub c: f64,
    /// Whether one code is used over [`LOPSIDED`] times as often as the other.
    pub lopsided: bool,
}

/// A code on a matrix's row: its name and the codes it counts (itself and its sub-codes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The code.
    pub name: String,
    /// The codes counted for it.
    pub codes: Vec<String>,
}

impl Row {
    fn codes(&self) -> Vec<&str> {
        self.codes.iter().map(String::as_str).collect()
    }
}

/// Every pair of `rows`, as a square matrix (the diagonal holds each code alone).
pub fn co_occurrence(notes: &[impl Facts], rows: &[Row]) -> Vec<Vec<Pair>> {
    let mut out = vec![vec![Pair::default(); rows.len()]; rows.len()];
    let sets: Vec<Vec<&str>> = rows.iter().map(Row::codes).collect();
    let toward = Toward::new(&sets);
    let (mut carried, mut in_note, mut on_note) = (Vec::new(), Vec::new(), Vec::new());
    for note in notes {
        let ids = note.ids();
        in_note.clear();
        for j in 0..ids.findings() {
            toward.rows_of_ids(ids.codes(Some(j)), &mut carried);
            for &a in &carried {
                for &b in &carried {
                    out[a][b].findings += 1;
                }
                if !in_note.contains(&a) {
                    in_note.push(a);
                }
            }
        }
        toward.rows_of_ids(ids.codes(None), &mut on_note);
        for r in on_note.drain(..) {
            if !in_note.contains(&r) {
                in_note.push(r);
            }
        }
        for &a in &in_note {
            for &b in &in_note {
                out[a][b].notes += 1;
            }
        }
    }
    let alone: Vec<usize> = (0..rows.len()).map(|r| out[r][r].findings).collect();
    for (a, row) in out.iter_mut().enumerate() {
        for (b, pair) in row.iter_mut().enumerate() {
            let (n1, n2, n12) = (alone[a], alone[b], pair.findings);
            let union = n1 + n2 - n12;
            pair.c = if union == 0 {
                0.0
            } else {
                n12 as f64 / union as f64
            };
            let (low, high) = (n1.min(n2), n1.max(n2));
            pair.lopsided = low > 0 && high > low * LOPSIDED;
        }
    }
    out
}

/// What a code × case matrix puts in its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Cases {
    /// Participants (alias within study).
    Participants,
    /// Studies.
    Studies,
    /// Places.
    Places,
    /// Who recorded the notes.
    Researchers,
    /// Kinds of note.
    Kinds,
}

impl Cases {
    /// Every kind of case, in the order a key cycles through them.
    pub const ALL: [Cases; 5] = [
        Cases::Participants,
        Cases::Studies,
        Cases::Places,
        Cases::Researchers,
        Cases::Kinds,
    ];

    /// The next kind of case.
    pub fn next(self) -> Cases {
        let at = Cases::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Cases::ALL[(at + 1) % Cases::ALL.len()]
    }

    /// The columns of [`code_by_case`] a piece of evidence (finding `finding` of `note`, or
    /// the note as a whole) counts in, named as the matrix names them.
    pub fn columns_of(self, note: &NoteFacts, finding: Option<usize>) -> Vec<String> {
        if self == Cases::Places {
            return vec![note.place.as_deref().unwrap_or(NONE_NAME).to_owned()];
        }
        // Numbered first: numbering takes the lock the naming below holds.
        let ids = Ids::of(note);
        let mut names = names::write();
        let none = self.table(&mut names).map_or(NONE, |t| t.id(NONE_NAME));
        let mut found = Vec::new();
        self.of(&ids, finding, none, &mut found);
        found
            .into_iter()
            .map(|case| self.column(&mut names, case))
            .collect()
    }

    /// The cases a piece of evidence belongs to, as numbers in this kind's table, into `out`
    /// (emptied first): `none` for a note without the value.
    fn of(self, ids: &Ids, finding: Option<usize>, none: u32, out: &mut Vec<u32>) {
        out.clear();
        let value = match self {
            Cases::Participants => return out.extend_from_slice(ids.people(finding)),
            Cases::Studies => ids.study(),
            Cases::Places => NONE,
            Cases::Researchers => ids.researcher(),
            Cases::Kinds => ids.kind(),
        };
        out.push(if value == NONE { none } else { value });
    }

    /// The table of this kind of case, for a single name: none for participants and places.
    fn table(self, names: &mut names::Names) -> Option<&mut names::Table<String>> {
        match self {
            Cases::Participants => None,
            Cases::Studies => Some(&mut names.studies),
            Cases::Places => None,
            Cases::Researchers => Some(&mut names.researchers),
            Cases::Kinds => Some(&mut names.kinds),
        }
    }

    /// The column's name for case `id` of this kind.
    fn column(self, names: &mut names::Names, id: u32) -> String {
        if let Some(table) = self.table(names) {
            return table.name(id).clone();
        }
        let (study, alias) = *names.people.name(id);
        let alias = names.aliases.name(alias);
        if study == NONE {
            alias.clone()
        } else {
            format!("{alias} ({})", names.studies.name(study))
        }
    }
}

/// The column of evidence without a value for the cases (a note with no place).
const NONE_NAME: &str = "(none)";

/// Codes against cases: pieces of evidence per cell, with totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Matrix {
    /// The codes, in the order asked.
    pub rows: Vec<String>,
    /// The cases, by name, in order.
    pub cols: Vec<String>,
    /// `cells[row][col]`: pieces of evidence for the row's code in that case.
    pub cells: Vec<Vec<usize>>,
    /// Per row: its pieces of evidence (a piece about two participants counts once).
    pub row_totals: Vec<usize>,
    /// Per column: the pieces of evidence of any row in that case.
    pub col_totals: Vec<usize>,
}

/// `rows` against `cases` among `notes`, counted in one pass.
pub fn code_by_case(notes: &[impl Facts], rows: &[Row], cases: Cases) -> Matrix {
    let sets: Vec<Vec<&str>> = rows.iter().map(Row::codes).collect();
    let toward = Toward::new(&sets);
    // A note without the value is counted under a value named "(none)", as one written so.
    let none = cases
        .table(&mut names::write())
        .map_or(NONE, |t| t.id(NONE_NAME));
    let mut row_totals = vec![0; rows.len()];
    // Places are numbered here, as text (see `names::Names`).
    let mut places: names::Table<&str> = names::Table::default();
    // Cases numbered again, densely, in the order first met here: `local[case] - 1`.
    let mut local: Vec<u32> = Vec::new();
    let mut met: Vec<u32> = Vec::new();
    // `cells[case * rows + row]`, by local number.
    let mut cells: Vec<u32> = Vec::new();
    let mut col_totals: Vec<usize> = Vec::new();
    let (mut found, mut at) = (Vec::new(), Vec::new());
    pieces(notes, &toward, None, |touched, i, finding, ids| {
        if cases == Cases::Places {
            found.clear();
            let place = notes[i].as_ref().place.as_deref();
            found.push(places.id(&place.unwrap_or(NONE_NAME)));
        } else {
            cases.of(&ids, finding, none, &mut found);
        }
        at.clear();
        for &case in &found {
            let slot = case as usize;
            if local.len() <= slot {
                local.resize(slot + 1, 0);
            }
            if local[slot] == 0 {
                met.push(case);
                local[slot] = u32::try_from(met.len()).unwrap_or(NONE);
                col_totals.push(0);
                cells.resize(cells.len() + rows.len(), 0);
            }
            let c = local[slot] as usize - 1;
            at.push(c);
            col_totals[c] += 1;
        }
        for &r in touched {
            row_totals[r] += 1;
            for &c in &at {
                cells[c * rows.len() + r] += 1;
            }
        }
    });
    let mut cols: Vec<(usize, String)> = {
        let mut names = names::write();
        met.iter()
            .enumerate()
            .map(|(c, &case)| match cases {
                Cases::Places => (c, (*places.name(case)).to_owned()),
                _ => (c, cases.column(&mut names, case)),
            })
            .collect()
    };
    cols.sort_by(|a, b| a.1.cmp(&b.1));
    Matrix {
        rows: rows.iter().map(|r| r.name.clone()).collect(),
        cells: (0..rows.len())
            .map(|r| {
                cols.iter()
                    .map(|(c, _)| cells[c * rows.len() + r] as usize)
                    .collect()
            })
            .collect(),
        row_totals,
        col_totals: cols.iter().map(|(c, _)| col_totals[*c]).collect(),
        cols: cols.into_iter().map(|(_, name)| name).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::note;
    use super::*;

    fn rows(names: &[&str]) -> Vec<Row> {
        names
            .iter()
            .map(|n| Row {
                name: (*n).to_owned(),
                codes: vec![(*n).to_owned()],
            })
            .collect()
    }

    #[test]
    fn codes_together_are_counted_by_finding_and_note_with_the_c_coefficient() {
        let notes = vec![
            note(
                "a",
                "walk",
                "2024-01-05",
                &[(&["trust", "calm"], &["P1"]), (&["trust"], &["P1"])],
            ),
            note(
                "b",
                "walk",
                "2024-01-06",
                &[(&["calm"], &["P2"]), (&["trust"], &["P2"])],
            ),
        ];
        let m = co_occurrence(&notes, &rows(&["trust", "calm"]));
        // trust: 3 findings, calm: 2, both: 1 -> c = 1 / (3 + 2 - 1).
        assert_eq!((m[0][1].findings, m[0][1].notes), (1, 2));
        assert!((m[0][1].c - 0.25).abs() < 1e-9);
        assert_eq!(m[0][0].findings, 3);
        assert!((m[0][0].c - 1.0).abs() < 1e-9);
        assert!(!m[0][1].lopsided);
    }

    #[test]
    fn a_pair_where_one_code_is_far_more_frequent_is_flagged() {
        let mut findings: Vec<(&[&str], &[&str])> = vec![(&["rare", "common"], &["P1"])];
        findings.extend(std::iter::repeat_n((&["common"][..], &["P1"][..]), 9));
        let notes = vec![note("a", "", "2024-01-05", &findings)];
        let m = co_occurrence(&notes, &rows(&["rare", "common"]));
        assert!(m[0][1].lopsided && m[1][0].lopsided);
        assert!((m[0][1].c - 0.1).abs() < 1e-9);
    }

    #[test]
    fn each_piece_names_the_columns_it_is_counted_in() {
        let mut notes = vec![
            note(
                "a",
                "walk",
                "2024-01-05",
                &[(&["trust"], &["P1", "P2"]), (&["calm"], &["P1"])],
            ),
            note("b", "", "2024-01-06", &[(&["trust"], &["P1"])]),
        ];
        notes[0].place = Some("Shibuya".into());
        for cases in Cases::ALL {
            let m = code_by_case(&notes, &rows(&["trust"]), cases);
            let mut counted = vec![0; m.cols.len()];
            for piece in crate::board::evidence(&notes, &["trust"]) {
                for column in cases.columns_of(&notes[piece.note], piece.finding) {
                    let at = m.cols.iter().position(|c| *c == column);
                    counted[at.unwrap_or_else(|| panic!("{column} in {:?}", m.cols))] += 1;
                }
            }
            assert_eq!(counted, m.cells[0], "{cases:?}");
        }
    }

    #[test]
    fn codes_against_participants_and_studies_with_totals() {
        let notes = vec![
            note(
                "a",
                "walk",
                "2024-01-05",
                &[(&["trust"], &["P1", "P2"]), (&["calm"], &["P1"])],
            ),
            note("b", "shop", "2024-01-06", &[(&["trust"], &["P1"])]),
        ];
        let m = code_by_case(&notes, &rows(&["trust", "calm"]), Cases::Participants);
        assert_eq!(m.cols, ["P1 (shop)", "P1 (walk)", "P2 (walk)"]);
        assert_eq!(m.cells, [vec![1, 1, 1], vec![0, 1, 0]]);
        // The finding about P1 and P2 is one piece of evidence for trust.
        assert_eq!(m.row_totals, [2, 1]);
        assert_eq!(m.col_totals, [1, 2, 1]);
        let m = code_by_case(&notes, &rows(&["trust", "calm"]), Cases::Studies);
        assert_eq!(m.cols, ["shop", "walk"]);
        assert_eq!(m.cells, [vec![1, 1], vec![0, 1]]);
        assert_eq!(Cases::Kinds.next(), Cases::Participants);
    }
}
