//! The why board: its search line and views, drawn from the counts alone.

mod changing;
mod codes;
mod evidence;
mod insights;
mod matrix;
mod time;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs};
use unicode_width::UnicodeWidthStr;

use crate::cli::plural;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::board::{Pane, Tab};
use crate::tui::keymap::hints;
use crate::tui::text::{clean, truncate, width};
use crate::tui::theme::Theme;

const PROMPT: &str = " Board: ";

/// Below this width the board shows one pane at a time.
pub const SIDE_BY_SIDE: u16 = 80;

/// Draws the board.
pub fn draw(app: &App, frame: &mut Frame, theme: &Theme) {
    let [line, tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    search_line(app, frame, line, theme);
    let titles = crate::tui::board::Tab::ALL.iter().map(|t| t.title());
    let at = Tab::ALL.iter().position(|t| *t == app.board.tab);
    frame.render_widget(
        Tabs::new(titles)
            .select(at)
            .style(theme.meta)
            .highlight_style(theme.selected)
            .divider("│"),
        tabs,
    );
    let b = &app.board;
    match &b.counted {
        None => frame.render_widget(Paragraph::new(Line::styled(" Counting…", theme.hint)), body),
        Some(_) if b.pane == Pane::Evidence && b.tab != Tab::Codes => {
            evidence::draw(app, frame, body, theme)
        }
        Some(counted) => match b.tab {
            Tab::Codes => codes::draw(app, counted, frame, body, theme),
            Tab::Together => matrix::together(app, counted, frame, body, theme),
            Tab::Cases => matrix::cases(app, counted, frame, body, theme),
            Tab::Insights => insights::draw(app, frame, body, theme),
            Tab::Time => time::draw(app, counted, frame, body, theme),
        },
    }
    if let Some(c) = &b.changing {
        changing::draw(c, frame, body, theme);
    }
    super::status_bar(app, frame, status, &keys(app), theme);
}

/// The keys worth showing for the view and pane.
fn keys(app: &App) -> String {
    let b = &app.board;
    let place = app.place();
    if let Some(c) = &b.changing {
        let mut wanted: Vec<(&[Action], &str)> = vec![(&[Action::ConfirmChange], "make it")];
        if c.choosing() {
            wanted.extend([
                (&[Action::FirstPart][..], "first part"),
                (&[Action::SecondPart][..], "second"),
                (&[Action::BothParts][..], "both"),
            ]);
        } else {
            wanted.push((&[Action::NextField], "next line"));
        }
        wanted.extend([(&[Action::Back][..], "back"), (&[Action::Help][..], "help")]);
        return hints(place, &wanted);
    }
    if b.pane == Pane::Search {
        return hints(
            place,
            &[(&[Action::FocusList], "done"), (&[Action::Help], "help")],
        );
    }
    let enter: (&[Action], &str) = match (b.tab, b.pane) {
        (_, Pane::Evidence) => (&[Action::Drill], "read the note"),
        (Tab::Codes | Tab::Time, _) => (&[Action::Drill], "evidence"),
        (Tab::Insights, _) => (&[Action::Drill], "its evidence"),
        _ => (&[Action::Drill], "the findings"),
    };
    let mut wanted: Vec<(&[Action], &str)> = vec![enter, (&[Action::Back], "back")];
    match b.tab {
        Tab::Codes => wanted.extend([
            (&[Action::GroupBy][..], "group"),
            (&[Action::OrderBy][..], "order"),
            (&[Action::Backs][..], "insights"),
            (&[Action::RenameCode][..], "rename"),
        ]),
        Tab::Together => wanted.push((&[Action::Fold], "fold")),
        Tab::Cases => wanted.extend([
            (&[Action::Columns][..], "columns"),
            (&[Action::Fold][..], "fold"),
        ]),
        Tab::Time => wanted.push((&[Action::TimeBy], "by month/study")),
        Tab::Insights => {}
    }
    wanted.extend([
        (&[Action::NextView][..], "view"),
        (&[Action::FocusSearch][..], "search"),
        (&[Action::Help][..], "help"),
    ]);
    hints(place, &wanted)
}

fn search_line(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let b = &app.board;
    let right = match &b.counted {
        _ if b.asked.is_some() => " counting… ".to_owned(),
        Some(counted) if counted.problem.is_some() => format!(
            " {} · {} ",
            clean(counted.problem.as_deref().unwrap_or_default()),
            plural(counted.facts.len(), "note")
        ),
        Some(counted) => format!(" {} ", plural(counted.facts.len(), "note")),
        None => String::new(),
    };
    let text = clean(app.browse.line.text());
    let typing = b.pane == Pane::Search;
    let mut spans = vec![Span::styled(PROMPT, theme.label)];
    if text.is_empty() {
        let hint = if typing {
            "narrow the board: study:photo-store after:2023, words…"
        } else {
            "every note (/ narrows it)"
        };
        spans.push(Span::styled(hint, theme.hint));
    } else {
        spans.push(Span::raw(text.clone()));
    }
    let room = usize::from(area.width).saturating_sub(right.width());
    let spans = truncate(spans, room);
    let gap = room.saturating_sub(width(&spans));
    let mut line = spans;
    line.push(Span::raw(" ".repeat(gap)));
    line.push(Span::styled(right, theme.meta));
    frame.render_widget(Paragraph::new(Line::from(line)), area);
    if typing && app.overlay.is_none() {
        let cursor = app.browse.line.cursor_column().min(text.width());
        let x = area.x + u16::try_from(PROMPT.width() + cursor).unwrap_or(u16::MAX);
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}

/// The rows of `total` to show in `height`, starting where `top` says and keeping
/// `selected` in view: the drawing's part of scrolling a list.
pub fn window(
    top: &crate::tui::scroll::Scroll,
    selected: usize,
    total: usize,
    height: usize,
) -> std::ops::Range<usize> {
    let first = top.follow(selected, selected + 1, total, height);
    first..(first + height).min(total)
}

/// `text` cut to `max` columns, with `…` where it was cut.
pub fn cut(text: &str, max: usize) -> String {
    truncate(vec![Span::raw(text.to_owned())], max)
        .into_iter()
        .map(|span| span.content)
        .collect()
}

/// A row of use over time in eighth-blocks, the highest `counts` a full block.
pub fn spark(counts: &[usize]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let most = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|&n| match n {
            0 => ' ',
            n => BLOCKS[(n * 8).div_ceil(most.max(1)).clamp(1, 8) - 1],
        })
        .collect()
}
