//! The board's matrices: codes × codes (which whys come together) and codes × cases (the
//! framework matrix), each cell shaded by strength, scrolled to keep the selected cell in
//! view, with what the selected cell means spelled out underneath.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{cut, window};
use crate::board::matrix::{Cases, LOPSIDED};
use crate::cli::plural;
use crate::tui::app::App;
use crate::tui::board::Counted;
use crate::tui::text::{clean, wrap};
use crate::tui::theme::Theme;

/// Columns a cell takes.
const CELL: usize = 6;
/// Columns a case's name takes at the head of its column.
const CASE: usize = 10;

/// A matrix as the grid drawer takes it.
struct Grid<'a> {
    /// Each row's label.
    rows: Vec<String>,
    /// Each column's label.
    cols: Vec<String>,
    /// Columns each cell takes.
    cell: usize,
    /// A cell's text and shade (0 to 4).
    at: &'a dyn Fn(usize, usize) -> (String, usize),
    /// A last column and row of totals, when there are.
    totals: Option<(Vec<usize>, Vec<usize>)>,
}

/// Codes × codes.
pub fn together(app: &App, counted: &Counted, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    let Some((rows, pairs)) = &b.together else {
        return;
    };
    if rows.is_empty() {
        return nothing(frame, area, theme);
    }
    let at = |r: usize, c: usize| {
        let pair = &pairs[r][c];
        let mark = if pair.lopsided && r != c { "*" } else { "" };
        let text = match pair.findings {
            0 => "·".to_owned(),
            n => format!("{n}{mark}"),
        };
        let shade = if r == c || pair.findings == 0 {
            0
        } else {
            1 + (pair.c * 4.0).floor().clamp(0.0, 3.0) as usize
        };
        (text, shade)
    };
    let names: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, &r)| format!("{:>2} {}", i + 1, counted.rows[r].name))
        .collect();
    // Wide enough for the largest count with its mark and a space before it: on 100,000
    // notes two counts of 60,000 side by side stay apart.
    let widest = pairs
        .iter()
        .flatten()
        .map(|p| p.findings.checked_ilog10().map_or(1, |d| d as usize + 1))
        .max()
        .unwrap_or(1);
    let grid = Grid {
        rows: names,
        cols: (1..=rows.len()).map(|i| i.to_string()).collect(),
        cell: CELL.max(widest + 2),
        at: &at,
        totals: None,
    };
    let (r, c) = b.cell;
    let about = match (rows.get(r), rows.get(c)) {
        (Some(&a), Some(&z)) => {
            let pair = &pairs[r][c];
            let (one, two) = (&counted.rows[a].name, &counted.rows[z].name);
            let mut said = if r == c {
                format!("{one}: {} in all", plural(pair.findings, "finding"))
            } else {
                format!(
                    "{one} × {two}: {} together, in {}; c = {:.2}",
                    plural(pair.findings, "finding"),
                    plural(pair.notes, "note"),
                    pair.c
                )
            };
            if pair.lopsided && r != c && pair.findings > 0 {
                let (n1, n2) = (pairs[r][r].findings, pairs[c][c].findings);
                let (big, small) = if n1 > n2 { (one, two) } else { (two, one) };
                said.push_str(&format!(
                    " · * {big} is used over {LOPSIDED}× as often as {small}: c understates how much {small} goes with {big}"
                ));
            }
            said
        }
        _ => String::new(),
    };
    let folded = if b.folded {
        " · top-level codes only"
    } else {
        ""
    };
    let legend = format!(
        " · a cell: findings with both codes, shaded by c; * one code over {LOPSIDED}× as frequent"
    );
    draw_grid(
        app,
        &grid,
        &format!("{about}{folded}{legend}"),
        frame,
        area,
        theme,
    );
}

/// Codes × cases.
pub fn cases(app: &App, counted: &Counted, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    let Some((rows, matrix)) = &b.matrix else {
        return;
    };
    if rows.is_empty() || matrix.cols.is_empty() {
        return nothing(frame, area, theme);
    }
    let most = matrix
        .cells
        .iter()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let at = |r: usize, c: usize| {
        let n = matrix.cells[r][c];
        let text = if n == 0 {
            "·".to_owned()
        } else {
            n.to_string()
        };
        let shade = if n == 0 {
            0
        } else {
            1 + (n * 3).div_ceil(most).min(3)
        };
        (text, shade)
    };
    let grid = Grid {
        rows: rows.iter().map(|&r| counted.rows[r].name.clone()).collect(),
        cols: matrix
            .cols
            .iter()
            .map(|c| cut(&clean(c), CASE - 1))
            .collect(),
        cell: CASE,
        at: &at,
        totals: Some((matrix.row_totals.clone(), matrix.col_totals.clone())),
    };
    let (r, c) = b.cell;
    let about = match (matrix.rows.get(r), matrix.cols.get(c)) {
        (Some(code), Some(case)) => format!(
            "{code} in {case}: {} · columns: {} (c changes)",
            plural(matrix.cells[r][c], "piece") + " of evidence",
            cases_words(b.cases)
        ),
        _ => String::new(),
    };
    draw_grid(app, &grid, &about, frame, area, theme);
}

fn cases_words(cases: Cases) -> &'static str {
    match cases {
        Cases::Participants => "participants",
        Cases::Studies => "studies",
        Cases::Places => "places",
        Cases::Researchers => "researchers",
        Cases::Kinds => "kinds of note",
    }
}

fn nothing(frame: &mut Frame, area: Rect, theme: &Theme) {
    let none = " No why-codes are used among the notes counted.";
    frame.render_widget(Paragraph::new(Line::styled(none, theme.hint)), area);
}

/// The grid, the selected cell in view, and `about` underneath.
fn draw_grid(app: &App, grid: &Grid, about: &str, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    let about = wrap(
        vec![Span::styled(clean(about), theme.meta)],
        usize::from(area.width.saturating_sub(1)),
        " ",
    );
    let [head, body, below] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(u16::try_from(about.len().min(3)).unwrap_or(0)),
    ])
    .areas(area);
    let width = usize::from(area.width);
    let label = grid
        .rows
        .iter()
        .map(|r| r.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 24)
        .min(width / 3);
    let total_cols = if grid.totals.is_some() { grid.cell } else { 0 };
    let fit_cols = (width.saturating_sub(label + 1 + total_cols) / grid.cell).max(1);
    let fit_rows = usize::from(body.height).saturating_sub(usize::from(grid.totals.is_some()));
    let (r, c) = b.cell;
    let rows = window(&b.matrix_top.0, r, grid.rows.len(), fit_rows.max(1));
    let cols = window(&b.matrix_top.1, c, grid.cols.len(), fit_cols);
    let pad = |text: &str, w: usize| format!("{text:>w$}", w = w.saturating_sub(1)) + " ";
    let mut heading = vec![Span::raw(" ".repeat(label + 1))];
    for col in cols.clone() {
        let style = if col == c { theme.title } else { theme.meta };
        heading.push(Span::styled(pad(&grid.cols[col], grid.cell), style));
    }
    if grid.totals.is_some() {
        heading.push(Span::styled(pad("total", grid.cell), theme.meta));
    }
    frame.render_widget(Paragraph::new(Line::from(heading)), head);
    let mut lines = Vec::new();
    for row in rows {
        let style = if row == r { theme.title } else { theme.code };
        let mut spans = vec![Span::styled(
            format!("{:<label$} ", cut(&clean(&grid.rows[row]), label)),
            style,
        )];
        for col in cols.clone() {
            let (text, level) = (grid.at)(row, col);
            let style = if (row, col) == (r, c) {
                theme.selected.add_modifier(Modifier::BOLD)
            } else {
                shade(level, app.colour)
            };
            spans.push(Span::styled(pad(&text, grid.cell), style));
        }
        if let Some((row_totals, _)) = &grid.totals {
            let total = row_totals.get(row).copied().unwrap_or(0);
            spans.push(Span::styled(pad(&total.to_string(), grid.cell), theme.meta));
        }
        lines.push(Line::from(spans));
    }
    if let Some((_, col_totals)) = &grid.totals {
        let mut spans = vec![Span::styled(format!("{:<label$} ", "total"), theme.meta)];
        for col in cols {
            let total = col_totals.get(col).copied().unwrap_or(0);
            spans.push(Span::styled(pad(&total.to_string(), grid.cell), theme.meta));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), body);
    frame.render_widget(Paragraph::new(about), below);
}

/// A cell's style for a strength from 0 (nothing) to 4 (strongest).
fn shade(level: usize, colour: bool) -> Style {
    if !colour {
        return match level {
            0 | 1 => Style::new(),
            2 => Style::new().add_modifier(Modifier::BOLD),
            _ => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        };
    }
    // Darker to brighter blue as the measure grows; the numbers stay readable on each.
    match level {
        0 => Style::new().fg(Color::DarkGray),
        1 => Style::new().bg(Color::Indexed(236)),
        2 => Style::new().bg(Color::Indexed(24)),
        3 => Style::new().bg(Color::Indexed(31)).fg(Color::White),
        _ => Style::new()
            .bg(Color::Indexed(38))
            .fg(Color::Black)
            .add_modifier(Modifier::BOLD),
    }
}
