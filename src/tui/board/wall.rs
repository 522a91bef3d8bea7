//! The evidence on the right of the board: headings and pieces in the order drawn, the
//! selected piece, and which pieces' words to read next.

use std::collections::HashMap;

use crate::board::insights::InsightRow;
use crate::board::matrix::Cases;
use crate::board::wall::{Layout, lay_out};
use crate::board::{Evidence, people_of};
use crate::tui::scroll::Scroll;

use super::{Counted, TextKey, WallOf};

/// Pieces either side of the selection whose words are read ahead: more than a screen of
/// 60 lines holds, and few enough that moving to another code reads a handful of files.
const READ_AHEAD: usize = 24;

/// A line of the wall: a group's heading, or a piece of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    /// What the pieces below have in common.
    Heading(&'a str),
    /// A piece of evidence.
    Piece(Evidence),
}

/// A line as the wall keeps it: a heading by its number, or a piece as its note and its
/// finding counted from 1 (0 for the note as a whole). Twelve bytes a line, so that the
/// wall of a code used 100,000 times is kept in a megabyte or two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Heading(u32),
    Piece(u32, u32),
}

/// Evidence as the board lists it.
#[derive(Clone, Debug, Default)]
pub struct Wall {
    /// What it is the evidence of: a code, two codes, a code in a case, an insight.
    pub title: String,
    /// The codes it shows, left out of each piece's other codes.
    pub codes: Vec<String>,
    /// Headings and pieces, in order.
    lines: Vec<Line>,
    /// The headings' words.
    headings: Vec<String>,
    /// The line of each piece.
    pub pieces: Vec<u32>,
    /// The selected piece, as an index into `pieces`.
    pub selected: usize,
    /// The first line shown.
    pub top: Scroll,
    /// Whether its pieces point into every note rather than those the query found.
    pub all: bool,
    /// For a code's wall, which one it is.
    pub code: Option<WallOf>,
}

impl Wall {
    /// An empty wall, to be filled with [`Wall::heading`] and [`Wall::piece`].
    pub fn new(title: String, codes: Vec<String>) -> Wall {
        Wall {
            title,
            codes,
            ..Wall::default()
        }
    }

    /// Adds a heading below what the wall has.
    pub fn heading(&mut self, words: String) {
        self.lines.push(Line::Heading(number(self.headings.len())));
        self.headings.push(words);
    }

    /// Adds a piece of evidence below what the wall has.
    pub fn piece(&mut self, piece: Evidence) {
        self.pieces.push(number(self.lines.len()));
        let finding = piece.finding.map_or(0, |j| number(j).saturating_add(1));
        self.lines.push(Line::Piece(number(piece.note), finding));
    }

    /// A wall of the groups `laid` out, each under its heading.
    pub fn grouped(title: String, codes: Vec<String>, laid: Layout) -> Wall {
        let mut wall = Wall::new(title, codes);
        wall.lines
            .reserve_exact(laid.groups.len() + laid.pieces.len());
        wall.pieces.reserve_exact(laid.pieces.len());
        wall.headings.reserve_exact(laid.groups.len());
        let mut pieces = laid.pieces.into_iter();
        for (heading, size) in laid.groups {
            wall.heading(heading);
            for piece in pieces.by_ref().take(size) {
                wall.piece(piece);
            }
        }
        wall
    }

    /// How many lines (headings and pieces) the wall has.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the wall has no line at all.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line `i`.
    pub fn entry(&self, i: usize) -> Option<Entry<'_>> {
        Some(match *self.lines.get(i)? {
            Line::Heading(h) => Entry::Heading(self.headings.get(h as usize)?),
            Line::Piece(note, finding) => Entry::Piece(Evidence {
                note: note as usize,
                finding: finding.checked_sub(1).map(|j| j as usize),
            }),
        })
    }

    /// The wall `of` a code among the notes counted, if the tree has its row.
    pub fn of_code(counted: &Counted, of: WallOf) -> Option<Wall> {
        let row = counted.rows.get(of.row)?;
        let pieces = counted.evidence(&counted.codes(of.row));
        let laid = lay_out(&counted.facts, pieces, of.group, of.order);
        let mut wall = Wall::grouped(row.name.clone(), counted.sets[of.row].clone(), laid);
        wall.code = Some(of);
        Some(wall)
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
            .collect();
        let mut codes = counted.sets[a].clone();
        codes.extend(counted.sets[z].iter().cloned());
        let title = format!("{} × {}", counted.rows[a].name, counted.rows[z].name);
        Wall::of_pieces(title, codes, pieces)
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
            .collect();
        let title = format!("{} in {case}", counted.rows[r].name);
        Wall::of_pieces(title, counted.sets[r].clone(), pieces)
    }

    /// An insight itself, then the notes its evidence names (and the ids no note has), among
    /// every note.
    pub fn insight(counted: &Counted, row: &InsightRow, title: String) -> Wall {
        let facts = &counted.all;
        let named = &facts[row.note].evidence;
        let mut wall = Wall::new(title, Vec::new());
        wall.all = true;
        wall.heading("The insight".into());
        wall.piece(Evidence {
            note: row.note,
            finding: None,
        });
        wall.heading(format!("Its evidence ({})", named.len()));
        for id in named {
            match facts.iter().position(|f| f.id == *id) {
                Some(note) => wall.piece(Evidence {
                    note,
                    finding: None,
                }),
                None => wall.heading(format!("{id}: no such note")),
            }
        }
        wall
    }

    /// A wall of `pieces` with no headings.
    fn of_pieces(title: String, codes: Vec<String>, pieces: Vec<Evidence>) -> Wall {
        let mut wall = Wall::new(title, codes);
        for piece in pieces {
            wall.piece(piece);
        }
        wall
    }

    /// The selected piece.
    pub fn selected_piece(&self) -> Option<Evidence> {
        match self.entry(*self.pieces.get(self.selected)? as usize)? {
            Entry::Piece(piece) => Some(piece),
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
            let Some(Entry::Piece(piece)) = self.entry(entry as usize) else {
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
                people: people_of(facts, &piece).to_vec(),
            });
        }
        wanted
    }
}

/// `n` as a wall keeps it: past four billion, a number no line has, so nothing is shown for it
/// rather than another line.
fn number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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
