//! A code's use over time: by month as a bar chart (or by study), with when it was first and
//! last seen; under it every code's use across the notebook's span as a sparkline.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

use super::codes::month_number;
use super::{spark, window};
use crate::cli::plural;
use crate::tui::app::App;
use crate::tui::board::Counted;
use crate::tui::text::{clean, truncate};
use crate::tui::theme::Theme;

/// Draws the selected code's chart over the list of codes.
pub fn draw(app: &App, counted: &Counted, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    let Some(row) = b.selected_row() else {
        let none = " No why-codes yet.";
        frame.render_widget(Paragraph::new(Line::styled(none, theme.hint)), area);
        return;
    };
    let [head, chart, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(50),
        Constraint::Min(0),
    ])
    .areas(area);
    let u = &row.usage;
    let pieces: usize = u.by_month.values().sum();
    let mut said = format!(
        " {}: {} of evidence",
        clean(&row.name),
        plural(pieces, "piece")
    );
    if let (Some(first), Some(last)) = (&u.first, &u.last) {
        said.push_str(&format!(" · first seen {first} · last seen {last}"));
    }
    // Months without evidence are left out of the chart: the heading says so when any are.
    let used: Vec<usize> = u.by_month.keys().filter_map(|m| month_number(m)).collect();
    let gaps = used.windows(2).any(|w| w[1] > w[0] + 1);
    said.push_str(match (b.by_study, gaps) {
        (true, _) => " · by study",
        (false, true) => " · months in use",
        (false, false) => " · by month",
    });
    frame.render_widget(
        Paragraph::new(Line::from(truncate(
            vec![Span::styled(said, theme.title)],
            usize::from(area.width),
        ))),
        head,
    );
    if b.by_study {
        studies(app, frame, chart, theme);
    } else {
        months(u, frame, chart, theme);
    }
    codes(app, counted, frame, list, theme);
}

/// The code's months with use, the latest that fit.
fn months(u: &crate::board::Usage, frame: &mut Frame, area: Rect, theme: &Theme) {
    let fit = usize::from(area.width / 6).max(1);
    let skip = u.by_month.len().saturating_sub(fit);
    let bars: Vec<Bar> = u
        .by_month
        .iter()
        .skip(skip)
        .map(|(month, n)| {
            // `2024-03` as `24-03`: the century is rarely in doubt within a study.
            let label = month.get(2..).unwrap_or(month).to_owned();
            Bar::default().value(*n as u64).label(Line::from(label))
        })
        .collect();
    if !bars.is_empty() {
        frame.render_widget(chart(&bars, theme).bar_width(5).bar_gap(1), area);
    }
}

/// `bars` in the board's styles.
fn chart<'a>(bars: &'a [Bar<'a>], theme: &Theme) -> BarChart<'a> {
    BarChart::default()
        .data(BarGroup::default().bars(bars))
        .bar_style(theme.code)
        .value_style(theme.selected)
        .label_style(theme.meta)
}

/// The code's evidence by study, as bars across.
fn studies(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some((_, matrix)) = &app.board.time_studies else {
        return;
    };
    let label = usize::from(area.width / 3).max(6);
    let bars: Vec<Bar> = matrix
        .cols
        .iter()
        .zip(matrix.cells.first().into_iter().flatten())
        .filter(|(_, n)| **n > 0)
        .map(|(study, n)| {
            Bar::default()
                .value(*n as u64)
                .label(Line::from(super::cut(&clean(study), label)))
        })
        .collect();
    let across = chart(&bars, theme)
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0);
    frame.render_widget(across, area);
}

/// Every code's use over the notebook's span, one sparkline each.
fn codes(app: &App, counted: &Counted, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    let months: Vec<usize> = counted
        .rows
        .iter()
        .flat_map(|r| r.usage.by_month.keys())
        .filter_map(|m| month_number(m))
        .collect();
    let (first, last) = (
        months.iter().copied().min().unwrap_or(0),
        months.iter().copied().max().unwrap_or(0),
    );
    let width = usize::from(area.width);
    let name = (width / 3).clamp(8, 28);
    let cells = width.saturating_sub(name + 27).max(4);
    let span = last - first + 1;
    let rows = window(
        &b.codes_top,
        b.code,
        counted.rows.len(),
        usize::from(area.height),
    );
    let mut lines = Vec::new();
    for r in rows {
        let row = &counted.rows[r];
        let mut counts = vec![0; cells];
        for (month, n) in &row.usage.by_month {
            if let Some(m) = month_number(month) {
                counts[((m - first) * cells / span).min(cells - 1)] += n;
            }
        }
        let indent = "  ".repeat(row.depth);
        let when = match (&row.usage.first, &row.usage.last) {
            (Some(a), Some(z)) => format!(" {a} → {z}"),
            _ => String::new(),
        };
        let mut line = Line::from(vec![
            Span::styled(
                format!(
                    " {:<name$} ",
                    super::cut(&format!("{indent}{}", clean(&row.name)), name)
                ),
                theme.code,
            ),
            Span::styled(spark(&counts), theme.code),
            Span::styled(when, theme.meta),
        ]);
        if r == b.code {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), area);
}
