//! The insights on the board: each with its status, how far its evidence reaches, and what
//! should worry the team; the selected one's action and the codes its evidence carries.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{SIDE_BY_SIDE, window};
use crate::board::insights::InsightRow;
use crate::cli::plural;
use crate::tui::app::App;
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;

/// Draws the list of insights and the selected one's details.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    let Some(insights) = &b.insights else {
        let counting = Line::styled(" Counting the insights…", theme.hint);
        frame.render_widget(Paragraph::new(counting), area);
        return;
    };
    let shown = b.insights_shown();
    let mut heading = match &b.backed_by {
        Some((code, _)) => format!(" Insights backed by {code} (Esc: every insight)"),
        None => " Insights".to_owned(),
    };
    heading.push_str(&format!("  {}", plural(shown.len(), "insight")));
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(clean(&heading), theme.title)),
        head,
    );
    if shown.is_empty() {
        let none = " No insights among the notes counted: write one with n, kind insight.";
        frame.render_widget(Paragraph::new(Line::styled(none, theme.hint)), body);
        return;
    }
    let (list, details) = if area.width >= SIDE_BY_SIDE {
        let [list, details] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Min(0)]).areas(body);
        (list, details)
    } else {
        let [list, details] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Min(0)]).areas(body);
        (list, details)
    };
    let rows = window(
        &b.insights_top,
        b.insight,
        shown.len(),
        usize::from(list.height / 2).max(1),
    );
    let width = usize::from(list.width.saturating_sub(1));
    let mut lines = Vec::new();
    for at in rows {
        let i = shown[at];
        let row = &insights.rows[i];
        let (title, _) = b.insight_words(i);
        let selected = at == b.insight;
        let marker = if selected { " › " } else { "   " };
        let status = row.status.clone().unwrap_or_else(|| "no status".into());
        let mut first = Line::from(truncate(
            vec![
                Span::styled(marker, theme.label),
                Span::styled(clean(&title), theme.title),
            ],
            width,
        ));
        if selected {
            first = first.style(theme.selected);
        }
        lines.push(first);
        // What should worry the team comes first, where a narrow list cannot cut it off.
        let mut second = vec![Span::raw("   ")];
        for warning in warnings(row) {
            second.push(Span::styled(format!("⚠ {warning} · "), theme.warning));
        }
        second.push(Span::styled(
            format!("{} · {}", clean(&status), reach(row)),
            theme.meta,
        ));
        lines.push(Line::from(truncate(second, width)));
    }
    frame.render_widget(Paragraph::new(lines), list);
    let i = shown[b.insight.min(shown.len() - 1)];
    frame.render_widget(
        Paragraph::new(details_of(app, &insights.rows[i], i, details.width, theme)),
        details,
    );
}

/// How far an insight's evidence reaches, in a few words.
fn reach(row: &InsightRow) -> String {
    format!(
        "{}, {}, {}",
        plural(row.notes, "note"),
        plural(row.participants, "participant"),
        plural(row.studies, "study").replace("studys", "studies")
    )
}

/// What should worry the team about an insight.
fn warnings(row: &InsightRow) -> impl Iterator<Item = String> + '_ {
    let one = row.one_person.then(|| match row.participants {
        0 => "names no participant".to_owned(),
        _ => "rests on one person".to_owned(),
    });
    let missing = (!row.missing.is_empty()).then(|| match row.missing.len() {
        1 => "1 evidence id points at nothing".to_owned(),
        n => format!("{n} evidence ids point at nothing"),
    });
    one.into_iter().chain(missing)
}

/// The selected insight's action, its evidence's codes and its warnings.
fn details_of(
    app: &App,
    row: &InsightRow,
    i: usize,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let width = usize::from(width.saturating_sub(1));
    let (_, action) = app.board.insight_words(i);
    let mut lines = Vec::new();
    if let Some(action) = action {
        let mut wrapped = wrap(vec![Span::raw(clean(&action))], width, "         ");
        if let Some(first) = wrapped.first_mut().and_then(|l| l.spans.first_mut()) {
            *first = Span::styled(" action  ", theme.label);
        }
        lines.extend(wrapped);
    }
    lines.push(Line::styled(format!(" reaches {}", reach(row)), theme.meta));
    for warning in warnings(row) {
        lines.push(Line::styled(format!(" ⚠ {warning}"), theme.warning));
    }
    if !row.missing.is_empty() {
        let ids = row.missing.join(", ");
        lines.extend(wrap(
            vec![Span::styled(
                format!("no such note: {}", clean(&ids)),
                theme.hint,
            )],
            width,
            "   ",
        ));
    }
    if !row.codes.is_empty() {
        let codes: Vec<String> = row
            .codes
            .iter()
            .map(|(code, n)| format!("{code} ({n})"))
            .collect();
        let mut wrapped = wrap(
            vec![Span::styled(clean(&codes.join(", ")), theme.code)],
            width,
            "         ",
        );
        if let Some(first) = wrapped.first_mut().and_then(|l| l.spans.first_mut()) {
            *first = Span::styled(" why     ", theme.label);
        }
        lines.extend(wrapped);
    }
    lines
}
