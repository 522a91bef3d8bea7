//! The why board on screen: the codebook as a tree with each code's use, the evidence wall of
//! the selected code, which codes come together, codes against cases, the insights and what
//! backs them, and each code's use over time. Everything is counted from the facts the index
//! keeps (see `crate::board`) over the notes the search line finds; only the words of the
//! pieces of evidence near the selection are read from their files.

mod ahead;
pub mod changing;
mod fill;
mod keys;
mod wall;

use std::collections::HashMap;
use std::sync::Arc;

use crate::board::insights::InsightRow;
use crate::board::matrix::{Cases, Matrix, Pair, Row};
use crate::board::shown::Shown;
use crate::board::wall::{Group, Order};
use crate::board::{CodeRow, Evidence, Kept, NoteFacts};

use super::scroll::Scroll;
pub use ahead::{Ahead, Arranged, WallOf};
pub use fill::receive;
pub use keys::{open, reload, update};
pub use wall::{Entry, Wall, Wanted};

/// The board's views, in the order `Tab` goes through them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// The code tree and the evidence wall of the selected code.
    #[default]
    Codes,
    /// Codes × codes: which whys come together.
    Together,
    /// Codes × participants, studies, places, researchers or kinds.
    Cases,
    /// Every insight, what its evidence spans, and what should worry the team.
    Insights,
    /// A code's use by month or by study.
    Time,
}

impl Tab {
    /// Every view, in order.
    pub const ALL: [Tab; 5] = [
        Tab::Codes,
        Tab::Together,
        Tab::Cases,
        Tab::Insights,
        Tab::Time,
    ];

    /// The view's name on its tab.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Codes => "Codes",
            Tab::Together => "Together",
            Tab::Cases => "Cases",
            Tab::Insights => "Insights",
            Tab::Time => "Time",
        }
    }

    /// The next view (or the previous one), round.
    pub fn step(self, forward: bool) -> Tab {
        let at = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0);
        let n = Tab::ALL.len();
        Tab::ALL[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }]
    }
}

/// Which part of the board takes the keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    /// The search line: keys type, and the board follows what is typed.
    Search,
    /// The main list or matrix of the view.
    #[default]
    Main,
    /// The evidence of what is selected there: a code's wall, a cell's findings, an insight's
    /// notes.
    Evidence,
}

impl Pane {
    /// The pane, with the evidence of a cell or an insight given up: counted again, it may be
    /// gone.
    pub fn min_main(self) -> Pane {
        match self {
            Pane::Evidence => Pane::Main,
            pane => pane,
        }
    }
}

/// What the runtime counted for the board, over the notes one query finds.
#[derive(Debug, Default)]
pub struct Counted {
    /// The search line counted.
    pub query: String,
    /// The notes found, by their facts, in path order.
    pub facts: Vec<Kept>,
    /// Every note of the notebook, in path order: an insight the query finds may rest on
    /// notes it does not.
    pub all: Vec<Kept>,
    /// Why the search line could not be read as a query, when it could not.
    pub problem: Option<String>,
    /// Where each code is used among `facts`, made when the first wall is asked for (a pass
    /// over the notes, a few milliseconds for 100,000), so that every wall after it is found
    /// without one.
    pub postings: std::sync::OnceLock<crate::board::postings::Postings>,
    /// The code tree, each code with its use.
    pub rows: Vec<CodeRow>,
    /// The codes each row counts: the code and its sub-codes.
    pub sets: Vec<Vec<String>>,
}

/// The insights among the notes counted, counted when first shown (a large notebook has
/// thousands), with each one's title and action once read from its file.
#[derive(Debug, Default)]
pub struct Insights {
    /// Each insight and what backs it.
    pub rows: Vec<InsightRow>,
    /// Each one's title and action, by its file, once read: only those near the selection.
    pub words: HashMap<String, (String, Option<String>)>,
    /// The files whose words were asked for.
    pub asked: std::collections::HashSet<String>,
}

impl Counted {
    /// Every piece of evidence for any of `codes` among the notes found, in note order.
    pub fn evidence(&self, codes: &[&str]) -> Vec<Evidence> {
        self.postings
            .get_or_init(|| crate::board::postings::Postings::new(&self.facts))
            .evidence(codes)
    }

    /// The notes a wall's pieces point into: every note, or those the query found.
    pub fn notes(&self, all: bool) -> &[Kept] {
        if all { &self.all } else { &self.facts }
    }

    /// The codes row `r` counts, borrowed.
    pub fn codes(&self, r: usize) -> Vec<&str> {
        self.sets
            .get(r)
            .map(|set| set.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The rows of the matrices: every code used, or the top-level ones with their
    /// sub-codes when folded, as indices into `rows`.
    pub fn matrix_rows(&self, folded: bool) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&r| !folded || self.rows[r].depth == 0)
            .filter(|&r| self.rows[r].usage.findings + self.rows[r].usage.notes > 0)
            .collect()
    }

    /// Rows `chosen`, as the matrices take them.
    pub fn as_rows(&self, chosen: &[usize]) -> Vec<Row> {
        chosen
            .iter()
            .map(|&r| Row {
                name: self.rows[r].name.clone(),
                codes: self.sets[r].clone(),
            })
            .collect()
    }
}

/// A piece of evidence's words, by its note's file and its finding.
pub type TextKey = (String, Option<usize>);

/// The state of the board.
pub struct Board {
    /// The view shown.
    pub tab: Tab,
    /// Where the keys go.
    pub pane: Pane,
    /// The counts, once the runtime has made them.
    pub counted: Option<Arc<Counted>>,
    /// The search line being counted, while it is.
    pub asked: Option<String>,
    /// The selected row of the code tree.
    pub code: usize,
    /// The code tree's scroll.
    pub codes_top: Scroll,
    /// How the wall groups its evidence.
    pub group: Group,
    /// How the wall orders it.
    pub order: Order,
    /// The evidence on the right: a code's wall, a cell's findings or an insight's notes.
    pub wall: Wall,
    /// The walls of the codes beside the selected one, arranged ahead.
    pub ahead: Ahead,
    /// The words of pieces of evidence read so far; none while being read.
    pub texts: HashMap<TextKey, Option<Shown>>,
    /// Whether the matrices show only the top-level codes (each with its sub-codes).
    pub folded: bool,
    /// What the code × case matrix has as columns.
    pub cases: Cases,
    /// The selected cell of a matrix: (row, column).
    pub cell: (usize, usize),
    /// The first row and the first column a matrix shows.
    pub matrix_top: (Scroll, Scroll),
    /// Codes together, once counted for these counts and this folding.
    pub together: Option<(Vec<usize>, Vec<Vec<Pair>>)>,
    /// Codes against cases, once counted for these counts, folding and cases.
    pub matrix: Option<(Vec<usize>, Matrix)>,
    /// The insights, once counted for these counts.
    pub insights: Option<Insights>,
    /// The selected insight.
    pub insight: usize,
    /// The insights list's scroll.
    pub insights_top: Scroll,
    /// Only the insights backed by this code (with its sub-codes), when asked from the tree.
    pub backed_by: Option<(String, Vec<String>)>,
    /// Whether the time view shows use by study rather than by month.
    pub by_study: bool,
    /// The view Esc goes back to from the wall, when it was opened from another.
    pub back_to: Option<Tab>,
    /// The selected code's evidence by study, for the time view: (its row, the counts).
    pub time_studies: Option<(usize, Matrix)>,
    /// A change to the codebook being set up on the selected code.
    pub changing: Option<changing::Changing>,
    /// The code to select once the board is counted again (after a change, the code's new
    /// name).
    pub select: Option<String>,
}

impl Board {
    /// The selected code's row, when counted.
    pub fn selected_row(&self) -> Option<&CodeRow> {
        self.counted.as_ref()?.rows.get(self.code)
    }

    /// The insights the list shows, as indices into the counted insights.
    pub fn insights_shown(&self) -> Vec<usize> {
        let Some(insights) = &self.insights else {
            return Vec::new();
        };
        (0..insights.rows.len())
            .filter(|&i| match &self.backed_by {
                Some((_, codes)) => insights.rows[i]
                    .codes
                    .iter()
                    .any(|(c, _)| codes.contains(c)),
                None => true,
            })
            .collect()
    }

    /// Insight `i`'s title and action: as its file says once read, its id until then.
    pub fn insight_words(&self, i: usize) -> (String, Option<String>) {
        let note = self
            .insights
            .as_ref()
            .and_then(|s| s.rows.get(i))
            .and_then(|row| self.counted.as_ref()?.all.get(row.note));
        let Some(note) = note else {
            return (String::new(), None);
        };
        self.insights
            .as_ref()
            .and_then(|s| s.words.get(&note.path).cloned())
            .unwrap_or_else(|| (note.id.clone(), None))
    }

    /// The piece of evidence selected on the wall, with its note's facts.
    pub fn selected_piece(&self) -> Option<(Evidence, &NoteFacts)> {
        let counted = self.counted.as_ref()?;
        let piece = self.wall.selected_piece()?;
        Some((
            piece,
            counted.notes(self.wall.all).get(piece.note)?.as_ref(),
        ))
    }
}

impl Default for Board {
    fn default() -> Board {
        Board {
            tab: Tab::default(),
            pane: Pane::default(),
            counted: None,
            asked: None,
            code: 0,
            codes_top: Scroll::default(),
            group: Group::default(),
            order: Order::default(),
            wall: Wall::default(),
            ahead: Ahead::default(),
            texts: HashMap::new(),
            folded: false,
            cases: Cases::Participants,
            cell: (0, 0),
            matrix_top: (Scroll::default(), Scroll::default()),
            together: None,
            matrix: None,
            insights: None,
            insight: 0,
            insights_top: Scroll::default(),
            backed_by: None,
            by_study: false,
            back_to: None,
            time_studies: None,
            changing: None,
            select: None,
        }
    }
}

#[cfg(test)]
mod tests;
