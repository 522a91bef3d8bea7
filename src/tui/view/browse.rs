//! The search screen: the search line, the results, the selected note's preview and the
//! status bar.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::page::scrolled_page;
use crate::index::{Hit, Sort};
use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::keymap::{Place, hints};
use crate::tui::layout::{self, ROWS_PER_HIT};
use crate::tui::text::{clean, marked_spans, truncate, width};
use crate::tui::theme::Theme;

const PROMPT: &str = " Search: ";

/// Draws the search screen.
pub fn draw(app: &App, frame: &mut Frame, theme: &Theme) {
    let areas = layout::browse(app.size);
    search_line(app, frame, areas.search, theme);
    frame.render_widget(
        Paragraph::new("─".repeat(usize::from(areas.search.width))).style(theme.hint),
        Rect {
            y: areas.search.y + 1,
            ..areas.search
        },
    );
    list(app, frame, areas.list, theme);
    let divider = if areas.divider.width == 1 {
        vec![Line::raw("│"); usize::from(areas.divider.height)]
    } else {
        vec![Line::raw("─".repeat(usize::from(areas.divider.width)))]
    };
    frame.render_widget(Paragraph::new(divider).style(theme.hint), areas.divider);
    let b = &app.browse;
    if !b.hits.is_empty() {
        let page = scrolled_page(
            b.preview.as_ref(),
            &b.highlighter,
            None,
            &b.preview_scroll,
            areas.preview,
            theme,
        );
        frame.render_widget(page, areas.preview);
    }
    let keys = match b.focus {
        Focus::Search => hints(
            Place::Search,
            &[
                (&[Action::Up, Action::Down], "select"),
                (&[Action::Open], "read"),
                (&[Action::Board], "why board"),
                (&[Action::NewNote], "new note"),
                (&[Action::Help], "help"),
                (&[Action::FocusList], "more keys"),
                (&[Action::Filters], "filter"),
            ],
        ),
        Focus::List => hints(
            Place::List,
            &[
                (&[Action::Open], "read"),
                (&[Action::NewNote], "new note"),
                (&[Action::Help], "help"),
                (&[Action::Board], "why board"),
                (&[Action::FocusSearch], "search"),
                (&[Action::Filters], "filter"),
                (&[Action::ToggleSort], "sort"),
                (&[Action::Edit], "edit"),
                (&[Action::Quit], "quit"),
            ],
        ),
    };
    super::status_bar(app, frame, areas.status, &keys, theme);
}

fn search_line(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.browse;
    let count = if !b.ready {
        "opening the index…".to_owned()
    } else if b.near {
        format!("no exact match · {} near", b.total)
    } else {
        let order = match b.sort {
            Sort::Relevance if b.line.text().trim().is_empty() => "newest first",
            Sort::Relevance => "best first",
            Sort::Date => "newest first",
        };
        format!("{} · {order}", crate::cli::plural(b.total, "note"))
    };
    let right = format!(" {count} ");
    let room = usize::from(area.width).saturating_sub(PROMPT.width() + right.width());
    let text = clean(b.line.text());
    // Long queries scroll so the cursor stays in view.
    let cursor = b.line.cursor_column().min(text.width());
    let skip = cursor.saturating_sub(room.saturating_sub(1));
    let visible: String = {
        let mut seen = 0;
        text.chars()
            .filter(|c| {
                let before = seen;
                seen += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                before >= skip
            })
            .collect()
    };
    let mut spans = vec![Span::styled(PROMPT, theme.label)];
    if text.is_empty() && b.focus == Focus::Search {
        spans.push(Span::styled(
            "type words, \"a phrase\", why:code, kind:interview…",
            theme.hint,
        ));
    } else {
        spans.push(Span::raw(visible));
    }
    let spans = truncate(spans, usize::from(area.width).saturating_sub(right.width()));
    let gap = usize::from(area.width).saturating_sub(width(&spans) + right.width());
    let mut line = spans;
    line.push(Span::raw(" ".repeat(gap)));
    line.push(Span::styled(right, theme.meta));
    frame.render_widget(Paragraph::new(Line::from(line)), area);
    if b.focus == Focus::Search && app.overlay.is_none() {
        let x = area.x + u16::try_from(PROMPT.width() + cursor - skip).unwrap_or(0);
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}

fn list(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.browse;
    if b.hits.is_empty() {
        let text = if !b.ready {
            "Opening the search index…"
        } else if b.notes == 0 {
            "This notebook has no notes yet. `fieldnotes new interview` writes one."
        } else {
            "No notes match. Fewer words, or a shorter beginning of one, find more."
        };
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.hint)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let shown = usize::from(area.height / ROWS_PER_HIT);
    let mut lines = Vec::new();
    for (i, hit) in b.hits.iter().enumerate().skip(b.top).take(shown) {
        let selected = i == b.selected;
        let row = if selected {
            theme.selected
        } else {
            Style::new()
        };
        for mut line in hit_lines(hit, area.width, selected, theme) {
            line.style = row;
            lines.push(line);
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// A result as two lines: the title across the whole row, then the kind, study and why-codes
/// with the date at the right, so the title gets every column the date does not need.
fn hit_lines(hit: &Hit, columns: u16, selected: bool, theme: &Theme) -> [Line<'static>; 2] {
    let columns = usize::from(columns);
    let marker = if selected { "▌" } else { " " };
    let title = marked_spans(&hit.title, &hit.title_marks, theme.title, theme.mark);
    let mut first = vec![Span::styled(marker, theme.label)];
    first.extend(truncate(title, columns.saturating_sub(2)));
    let day: String = hit.date.chars().take(10).collect();
    let mut about = vec![Span::styled(clean(&hit.kind), theme.meta)];
    if let Some(study) = &hit.study {
        about.push(Span::styled(format!(" · {}", clean(study)), theme.meta));
    }
    if !hit.why.is_empty() {
        about.push(Span::styled(" · ", theme.meta));
        about.push(Span::styled(clean(&hit.why.join(", ")), theme.code));
    }
    let about = truncate(about, columns.saturating_sub(day.width() + 4));
    let gap = columns.saturating_sub(width(&about) + day.width() + 2);
    let mut second = vec![Span::raw(" ")];
    second.extend(about);
    second.push(Span::raw(" ".repeat(gap)));
    second.push(Span::styled(day, theme.meta));
    [Line::from(first), Line::from(second)]
}
