//! The board's keys: moving through codes, cells, insights and evidence, switching views,
//! and opening a note at a finding. Like `update`, this changes state and asks for effects;
//! the counting itself is pure and runs here, from the facts the runtime brought.

use std::sync::Arc;

use crate::board::wall::Order;
use crate::tui::action::Action;
use crate::tui::app::{App, Reading, Screen};
use crate::tui::effect::Effect;
use crate::tui::scroll::{Aim, Scroll};

use super::fill::{code_wall, insight_words, shown, texts};
use super::wall::Wall;
use super::{Counted, Pane, Tab};

/// Rows a page moves by.
const PAGE: usize = 10;

/// Opens the board over the screen shown, counting what the search line finds.
pub fn open(app: &mut App) -> Vec<Effect> {
    if app.screen != Screen::Board {
        app.board_over = app.screen.clone();
    }
    app.screen = Screen::Board;
    if app.board.pane == Pane::Search {
        app.board.pane = Pane::Main;
    }
    count(app)
}

/// After files changed: the board, when it is shown or under the note being read, counts
/// again and reads its words again.
pub fn reload(app: &mut App) -> Vec<Effect> {
    app.board.texts.clear();
    app.board.ahead.forget();
    let under = app.screen == Screen::Note && app.board_depth.is_some();
    if app.screen == Screen::Board || under {
        return count(app);
    }
    Vec::new()
}

/// Asks for the board's counts over what the search line finds now.
fn count(app: &mut App) -> Vec<Effect> {
    let query = app.browse.line.text().to_owned();
    app.board.asked = Some(query.clone());
    vec![Effect::Board { query }]
}

/// Leaves the board for the screen it was opened over.
fn leave(app: &mut App) -> Vec<Effect> {
    app.screen = match &app.board_over {
        Screen::Note if app.reading.is_empty() => Screen::Browse,
        over @ (Screen::Note | Screen::Problems | Screen::Settling | Screen::Versions) => {
            over.clone()
        }
        _ => Screen::Browse,
    };
    // The search line may have changed on the board: the results follow it.
    if app.browse.answered.as_ref().map(|(q, _)| q.as_str()) != Some(app.browse.line.text()) {
        return vec![crate::tui::update::search(app)];
    }
    Vec::new()
}

/// Applies an action on the board.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if app.board.pane == Pane::Search {
        if let Some(edited) = app.browse.line.apply(&action) {
            return if edited { count(app) } else { Vec::new() };
        }
        if matches!(action, Action::FocusList | Action::Open | Action::Back) {
            app.board.pane = Pane::Main;
        }
        return Vec::new();
    }
    let b = &mut app.board;
    match action {
        Action::FocusSearch => b.pane = Pane::Search,
        Action::NextView | Action::PreviousView => {
            b.back_to = None;
            b.tab = b.tab.step(action == Action::NextView);
            b.pane = Pane::Main;
            return shown(app);
        }
        Action::Board => return leave(app),
        Action::Back | Action::Left if b.pane == Pane::Evidence => {
            b.pane = Pane::Main;
            if let Some(tab) = b.back_to.take() {
                b.tab = tab;
            }
        }
        Action::Back if b.tab == Tab::Insights && b.backed_by.is_some() => {
            b.backed_by = None;
            b.insight = 0;
            return insight_words(app);
        }
        Action::Back => return leave(app),
        Action::Fold => {
            b.folded = !b.folded;
            b.together = None;
            b.matrix = None;
            b.cell = (0, 0);
            return shown(app);
        }
        Action::Columns if b.tab == Tab::Cases => {
            b.cases = b.cases.next();
            b.matrix = None;
            b.cell.1 = 0;
            return shown(app);
        }
        Action::TimeBy if b.tab == Tab::Time => {
            b.by_study = !b.by_study;
            return shown(app);
        }
        Action::GroupBy | Action::OrderBy if b.tab == Tab::Codes => {
            match action {
                Action::GroupBy => b.group = b.group.next(),
                _ => {
                    b.order = match b.order {
                        Order::Date => Order::Study,
                        Order::Study => Order::Date,
                    }
                }
            }
            return code_wall(app);
        }
        Action::RenameCode => return super::changing::begin(app, super::changing::Kind::Rename),
        Action::MergeCode => return super::changing::begin(app, super::changing::Kind::Merge),
        Action::MoveCode => return super::changing::begin(app, super::changing::Kind::Move),
        Action::NewCode => return super::changing::begin(app, super::changing::Kind::Add),
        Action::RetireCode => return super::changing::begin(app, super::changing::Kind::Retire),
        Action::SplitCode => return super::changing::begin(app, super::changing::Kind::Split),
        Action::Backs => {
            if let (Some(row), Some(counted)) = (b.selected_row(), &b.counted) {
                b.backed_by = Some((row.name.clone(), counted.sets[b.code].clone()));
                b.tab = Tab::Insights;
                b.pane = Pane::Main;
                b.insight = 0;
                return shown(app);
            }
        }
        _ if b.pane == Pane::Evidence => return evidence(app, action),
        _ => return main(app, action),
    }
    Vec::new()
}

/// Keys on the evidence: move through it, open a note at its piece.
fn evidence(app: &mut App, action: Action) -> Vec<Effect> {
    let w = &mut app.board.wall;
    match action {
        Action::Down | Action::Wheel { down: true, .. } => w.step(1),
        Action::Up | Action::Wheel { down: false, .. } => w.step(-1),
        Action::PageDown => w.step(PAGE as isize),
        Action::PageUp => w.step(-(PAGE as isize)),
        Action::Top => w.selected = 0,
        Action::Bottom => w.selected = w.pieces.len().saturating_sub(1),
        Action::Drill | Action::Right => return read(app),
        _ => return Vec::new(),
    }
    texts(app)
}

/// Opens the note of the selected piece in the reader, at its finding.
fn read(app: &mut App) -> Vec<Effect> {
    let Some((piece, note)) = app.board.selected_piece() else {
        return Vec::new();
    };
    let path = note.path.clone();
    let scroll = match piece.finding {
        Some(j) => Scroll::aimed(Aim::Finding(j)),
        None => Scroll::default(),
    };
    // On top of the notes being read when the board was opened over one, so that leaving the
    // board later goes back to them.
    app.board_depth = Some(app.reading.len());
    app.reading.push(Reading {
        path: path.clone(),
        shown: None,
        scroll,
        link: None,
        highlighter: Default::default(),
    });
    app.screen = Screen::Note;
    vec![Effect::Load { path }]
}

/// Keys on the main list or matrix of the view.
fn main(app: &mut App, action: Action) -> Vec<Effect> {
    let b = &mut app.board;
    let Some(counted) = b.counted.clone() else {
        return Vec::new();
    };
    let (rows, cols) = match b.tab {
        Tab::Codes | Tab::Time => (counted.rows.len(), 1),
        Tab::Insights => (b.insights_shown().len(), 1),
        Tab::Together => b
            .together
            .as_ref()
            .map_or((0, 0), |(r, _)| (r.len(), r.len())),
        Tab::Cases => b
            .matrix
            .as_ref()
            .map_or((0, 0), |(r, m)| (r.len(), m.cols.len())),
    };
    let (mut row, mut col) = match b.tab {
        Tab::Codes | Tab::Time => (b.code, 0),
        Tab::Insights => (b.insight, 0),
        Tab::Together | Tab::Cases => b.cell,
    };
    match (crate::tui::scroll::moved(row, rows, PAGE, &action), action) {
        (Some(to), _) => row = to,
        (None, Action::Right) if cols > 1 => col = (col + 1).min(cols - 1),
        (None, Action::Left) if cols > 1 => col = col.saturating_sub(1),
        (None, Action::Drill | Action::Right) if rows > 0 => return enter(app, &counted),
        _ => return Vec::new(),
    }
    match b.tab {
        Tab::Codes | Tab::Time => {
            let moved = b.code != row;
            b.code = row;
            if moved {
                return shown(app);
            }
        }
        Tab::Insights => {
            b.insight = row;
            return insight_words(app);
        }
        Tab::Together | Tab::Cases => b.cell = (row, col),
    }
    Vec::new()
}

/// Enter on the main view: the evidence of what is selected.
fn enter(app: &mut App, counted: &Arc<Counted>) -> Vec<Effect> {
    let b = &mut app.board;
    let wall = match b.tab {
        Tab::Codes | Tab::Time => {
            // From the time view, the wall is the code view's, and Esc goes back to time.
            b.back_to = Some(b.tab);
            b.tab = Tab::Codes;
            b.pane = Pane::Evidence;
            // The wall shown may be another code's (moved on the time view) or a cell's.
            return code_wall(app);
        }
        Tab::Together => b.together.as_ref().and_then(|(rows, _)| {
            Some(Wall::together(
                counted,
                *rows.get(b.cell.0)?,
                *rows.get(b.cell.1)?,
            ))
        }),
        Tab::Cases => b.matrix.as_ref().and_then(|(rows, matrix)| {
            let case = matrix.cols.get(b.cell.1)?;
            Some(Wall::in_case(counted, *rows.get(b.cell.0)?, b.cases, case))
        }),
        Tab::Insights => {
            let shown = b.insights_shown();
            let i = shown.get(b.insight).copied();
            let row = i.and_then(|i| b.insights.as_ref()?.rows.get(i));
            row.map(|row| Wall::insight(counted, row, b.insight_words(i.unwrap_or(0)).0))
        }
    };
    let Some(wall) = wall else {
        return Vec::new();
    };
    if wall.pieces.is_empty() {
        app.message = Some(format!(
            "No evidence for {} among the notes counted.",
            wall.title
        ));
        return Vec::new();
    }
    b.wall = wall;
    b.pane = Pane::Evidence;
    texts(app)
}
