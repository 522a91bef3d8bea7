//! What the board's views need, asked for and taken in: the selected code's wall, the
//! matrices and insights once first shown, the words of the pieces near the selection, and
//! the runtime's answers.

use crate::board::matrix::{Cases, co_occurrence, code_by_case};
use crate::tui::app::App;
use crate::tui::effect::{Effect, Outcome};

use super::wall::{Entry, Wall};
use super::{Tab, WallOf};

/// Builds the wall of the selected code.
pub(super) fn code_wall(app: &mut App) -> Vec<Effect> {
    let b = &mut app.board;
    let Some(counted) = b.counted.clone() else {
        return Vec::new();
    };
    let of = WallOf {
        era: b.ahead.era,
        row: b.code,
        group: b.group,
        order: b.order,
    };
    // Shown already (back from another view): kept as it is, selection and all.
    if b.wall.code == Some(of) {
        return texts(app);
    }
    let Some(wall) = b.ahead.take(of).or_else(|| Wall::of_code(&counted, of)) else {
        b.wall = Wall::default();
        return Vec::new();
    };
    let old = std::mem::replace(&mut b.wall, wall);
    let mut effects: Vec<Effect> = b
        .ahead
        .around(of, old, counted.rows.len())
        .into_iter()
        .collect();
    effects.extend(texts(app));
    effects
}

/// Counts what the view shown needs and has not counted yet.
pub(super) fn shown(app: &mut App) -> Vec<Effect> {
    let b = &mut app.board;
    let Some(counted) = b.counted.clone() else {
        return Vec::new();
    };
    match b.tab {
        Tab::Together if b.together.is_none() => {
            let rows = counted.matrix_rows(b.folded);
            let pairs = co_occurrence(&counted.facts, &counted.as_rows(&rows));
            let last = rows.len().saturating_sub(1);
            b.cell = (b.cell.0.min(last), b.cell.1.min(last));
            b.together = Some((rows, pairs));
        }
        Tab::Cases if b.matrix.is_none() => {
            let rows = counted.matrix_rows(b.folded);
            let matrix = code_by_case(&counted.facts, &counted.as_rows(&rows), b.cases);
            b.cell = (
                b.cell.0.min(rows.len().saturating_sub(1)),
                b.cell.1.min(matrix.cols.len().saturating_sub(1)),
            );
            b.matrix = Some((rows, matrix));
        }
        Tab::Codes => return code_wall(app),
        Tab::Insights if b.insights.is_none() => {
            // Over every note, so evidence outside the query is found; listed, only the
            // insights the query finds.
            let rows: Vec<_> = crate::board::insights::insights(&counted.all)
                .into_iter()
                .filter(|row| {
                    let path = &counted.all[row.note].path;
                    counted
                        .facts
                        .binary_search_by(|f| f.path.as_str().cmp(path))
                        .is_ok()
                })
                .collect();
            b.insight = b.insight.min(rows.len().saturating_sub(1));
            b.insights = Some(super::Insights {
                rows,
                words: Default::default(),
                asked: Default::default(),
            });
            return insight_words(app);
        }
        Tab::Time if b.by_study && b.time_studies.as_ref().is_none_or(|(r, _)| *r != b.code) => {
            if b.code >= counted.rows.len() {
                return Vec::new();
            }
            let one = counted.as_rows(&[b.code]);
            b.time_studies = Some((b.code, code_by_case(&counted.facts, &one, Cases::Studies)));
        }
        _ => {}
    }
    Vec::new()
}

/// Insights either side of the selection whose titles are read ahead: more than a screen.
const INSIGHTS_AHEAD: usize = 40;

/// Asks for the titles and actions of the insights near the selection, not of thousands.
pub(super) fn insight_words(app: &mut App) -> Vec<Effect> {
    let b = &mut app.board;
    let shown = b.insights_shown();
    let (Some(counted), Some(insights)) = (&b.counted, &mut b.insights) else {
        return Vec::new();
    };
    let from = b.insight.saturating_sub(INSIGHTS_AHEAD);
    let to = (b.insight + INSIGHTS_AHEAD).min(shown.len());
    let mut paths = Vec::new();
    for &i in shown.get(from..to).unwrap_or_default() {
        let Some(note) = insights
            .rows
            .get(i)
            .and_then(|row| counted.all.get(row.note))
        else {
            continue;
        };
        if insights.asked.insert(note.path.clone()) {
            paths.push(note.path.clone());
        }
    }
    if paths.is_empty() {
        return Vec::new();
    }
    vec![Effect::InsightWords { paths }]
}

/// Asks for the words of the pieces near the selection.
pub(super) fn texts(app: &mut App) -> Vec<Effect> {
    let b = &mut app.board;
    let Some(counted) = &b.counted else {
        return Vec::new();
    };
    let wanted = b.wall.wanted(counted.notes(b.wall.all), &b.texts);
    if wanted.is_empty() {
        return Vec::new();
    }
    for w in &wanted {
        b.texts.insert(w.key.clone(), None);
    }
    vec![Effect::BoardTexts { wanted }]
}

/// Takes in what the runtime counted or read for the board.
pub fn receive(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Board(counted) => {
            let b = &mut app.board;
            if b.asked.as_deref() != Some(counted.query.as_str()) {
                return Vec::new();
            }
            b.asked = None;
            b.ahead.forget();
            // The same code, cell and insight stay selected when the counts change, and the
            // same piece on the wall (found by its file among the notes counted before).
            let code = b
                .select
                .take()
                .or_else(|| b.selected_row().map(|r| r.name.clone()));
            let piece = b
                .selected_piece()
                .map(|(piece, note)| (note.path.clone(), piece.finding));
            b.code = code
                .and_then(|name| counted.rows.iter().position(|r| r.name == name))
                .unwrap_or(0);
            b.counted = Some(counted);
            b.insights = None;
            b.together = None;
            b.matrix = None;
            b.time_studies = None;
            if b.tab != Tab::Codes {
                b.pane = b.pane.min_main();
            }
            let mut effects = code_wall(app);
            if app.board.tab != Tab::Codes {
                effects.extend(shown(app));
            }
            let b = &mut app.board;
            if let (Some((path, finding)), Some(counted)) = (piece, &b.counted) {
                let notes = counted.notes(b.wall.all);
                let again = b.wall.pieces.iter().position(|&e| {
                    matches!(b.wall.entry(e as usize), Some(Entry::Piece(p))
                        if p.finding == finding && notes.get(p.note).is_some_and(|n| n.path == path))
                });
                b.wall.selected = again.unwrap_or(0);
            }
            effects.extend(texts(app));
            effects
        }
        Outcome::InsightWords(read) => {
            if let Some(insights) = &mut app.board.insights {
                insights.words.extend(read);
            }
            Vec::new()
        }
        Outcome::Arranged(arranged) => {
            let b = &mut app.board;
            for (key, shown) in b.ahead.receive(*arranged, b.wall.code) {
                b.texts.insert(key, Some(shown));
            }
            Vec::new()
        }
        Outcome::BoardTexts(read) => {
            for (key, shown) in read {
                app.board.texts.insert(key, Some(shown));
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}
