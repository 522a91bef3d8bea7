//! The evidence on the right of the board: headings and pieces in the order drawn, the
//! selected piece, and which pieces' words to read next.

use std::collections::HashMap;

use crate::board::insights::InsightRow;
use crate::board::matrix::Cases;
use crate::board::wall::Section;
use crate::board::{Evidence, people_of};
use crate::tui::scroll::Scroll;

use super::{Counted, TextKey};

/// Pieces either side of the selection whose words are read ahead: more than a screen of
/// 60 lines holds, and few enough that moving to another code reads a handful of files.
const READ_AHEAD: usize = 24;

/// A line of the wall: a group's heading, or a piece of evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// What the pieces below have in common.
    Heading(String),
    /// A piece of evidence.
    Piece(Evidence),
}

/// Evidence as the board lists it.
#[derive(Clone, Debug, Default)]
pub struct Wall {
    /// What it is the evidence of: a code, two codes, a code in a case, an insight.
    pub title: String,
    /// The codes it shows, left out of each piece's other codes.
    pub codes: Vec<String>,
    /// Headings and pieces, in order.
    pub entries: Vec<Entry>,
    /// The entry of each piece.
    pub pieces: Vec<usize>,
    /// The selected piece, as an index into `pieces`.
    pub selected: usize,
    /// The first entry shown.
    pub top: Scroll,
    /// Whether its pieces point into every note rather than those the query found.
    pub all: bool,
}

impl Wall {
    /// A wall of `sections`, each under its heading.
    pub fn grouped(title: String, codes: Vec<String>, sections: Vec<Section>) -> Wall {
        let size = sections.iter().map(|s| s.pieces.len() + 1).sum();
        let mut entries = Vec::with_capacity(size);
        for section in sections {
            entries.push(Entry::Heading(section.heading));
            entries.extend(section.pieces.into_iter().map(Entry::Piece));
        }
        Wall::of(title, codes, entries)
    }

    /// A wall of `entries` as given.
    pub fn of(title: String, codes: Vec<String>, entries: Vec<Entry>) -> Wall {
        let mut pieces = Vec::with_capacity(entries.len());
        pieces.extend(
            entries
                .iter()
                .enumerate()
                .filter(|(_, e)| matches!(e, Entry::Piece(_)))
                .map(|(i, _)| i),
        );
        Wall {
            title,
            codes,
            entries,
            pieces,
            selected: 0,
            top: Scroll::default(),
            all: false,
        }
    }

    /// The findings that carry both row `a`'s codes and row `z`'s.
    pub fn together(counted: &Counted, a: usize, z: usize) -> Wall {
        let facts = &counted.facts;
        let second = counted.codes(z);
        let pieces = counted
            .evidence(&counted.codes(a))
            .into_iter()
            .filter(|p| {
                p.finding
                    .and_then(|j| facts[p.note].findings.get(j))
                    .is_some_and(|f| f.carries(&second))
            })
            .map(Entry::Piece)
            .collect();
        let mut codes = counted.sets[a].clone();
        codes.extend(counted.sets[z].iter().cloned());
        let title = format!("{} × {}", counted.rows[a].name, counted.rows[z].name);
        Wall::of(title, codes, pieces)
    }

    /// The evidence of row `r`'s codes in `case`, one of the columns `cases` makes.
    pub fn in_case(counted: &Counted, r: usize, cases: Cases, case: &str) -> Wall {
        let facts = &counted.facts;
        let pieces = counted
            .evidence(&counted.codes(r))
            .into_iter()
            .filter(|p| {
                cases
                    .columns_of(&facts[p.note], p.finding)
                    .iter()
                    .any(|c| c == case)
            })
            .map(Entry::Piece)
            .collect();
        let title = format!("{} in {case}", counted.rows[r].name);
        Wall::of(title, counted.sets[r].clone(), pieces)
    }

    /// An insight itself, then the notes its evidence names (and the ids no note has), among
    /// every note.
    pub fn insight(counted: &Counted, row: &InsightRow, title: String) -> Wall {
        let facts = &counted.all;
        let named = &facts[row.note].evidence;
        let mut entries = vec![
            Entry::Heading("The insight".into()),
            Entry::Piece(Evidence {
                note: row.note,
                finding: None,
            }),
            Entry::Heading(format!("Its evidence ({})", named.len())),
        ];
        for id in named {
            entries.push(match facts.iter().position(|f| f.id == *id) {
                Some(note) => Entry::Piece(Evidence {
                    note,
                    finding: None,
                }),
                None => Entry::Heading(format!("{id}: no such note")),
            });
        }
        Wall {
            all: true,
            ..Wall::of(title, Vec::new(), entries)
        }
    }

    /// The selected piece.
    pub fn selected_piece(&self) -> Option<Evidence> {
        match self.entries.get(*self.pieces.get(self.selected)?)? {
            Entry::Piece(piece) => Some(*piece),
            Entry::Heading(_) => None,
        }
    }

    /// Moves the selection by `by` pieces (down when positive), within the wall.
    pub fn step(&mut self, by: isize) {
        let last = self.pieces.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(by).min(last);
    }

    /// The pieces near the selection whose words are neither read nor being read, as
    /// what the runtime needs to read them.
    pub fn wanted(
        &self,
        facts: &[crate::board::Kept],
        texts: &HashMap<TextKey, Option<crate::board::shown::Shown>>,
    ) -> Vec<Wanted> {
        let from = self.selected.saturating_sub(READ_AHEAD);
        let to = (self.selected + READ_AHEAD).min(self.pieces.len());
        let mut wanted: Vec<Wanted> = Vec::new();
        for &entry in self.pieces.get(from..to).unwrap_or_default() {
            let Some(Entry::Piece(piece)) = self.entries.get(entry) else {
                continue;
            };
            let Some(note) = facts.get(piece.note) else {
                continue;
            };
            let key = (note.path.clone(), piece.finding);
            if texts.contains_key(&key) || wanted.iter().any(|w| w.key == key) {
                continue;
            }
            wanted.push(Wanted {
                key,
                id: note.id.clone(),
                people: people_of(facts, piece).to_vec(),
            });
        }
        wanted
    }
}

/// A piece of evidence whose words the runtime is asked to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wanted {
    /// Its note's file and its finding.
    pub key: TextKey,
    /// Its note's id.
    pub id: String,
    /// Who it is about.
    pub people: Vec<crate::board::name::Name>,
}
