//! Windows over a screen: the help, made from the key map, and the filter chooser.

use crate::tui::scroll::Scroll;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::app::{App, Picker};
use crate::tui::keymap::{Place, help_for, hints};
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;

/// The query language in a few lines, for the help.
const SEARCHING: [(&str, &str); 7] = [
    (
        "tape deck",
        "notes with both words (and words that start so)",
    ),
    ("\"tape deck\"", "the exact phrase"),
    ("walkman OR boombox", "either word"),
    ("-price", "without the word"),
    (
        "why:trust  #commute",
        "a why-code (and its sub-codes), a tag",
    ),
    (
        "kind:interview study:x",
        "a kind of note, a study; also place: by: who:",
    ),
    (
        "after:1979-03  on:2024",
        "dates: before: after: on: date:A..B",
    ),
];

/// A window centred on the screen, at most `width` by `height`.
pub fn centred(app: &App, width: u16, height: u16) -> Rect {
    let area = crate::tui::layout::screen(app.size);
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The help for `place`, and the window it goes in.
pub fn help_page(app: &App, place: Place, theme: &Theme) -> (Vec<Line<'static>>, Rect) {
    let places: &[Place] = match place {
        Place::Search | Place::List => &[Place::Search, Place::List],
        Place::Note => &[Place::Note],
        Place::Problems => &[Place::Problems],
        Place::Filters => &[Place::Filters],
        Place::Removing => &[Place::Removing],
        Place::Settling => &[Place::Settling],
        Place::Versions => &[Place::Versions],
        Place::Board | Place::BoardSearch => &[Place::Board, Place::BoardSearch],
        Place::Changing | Place::Splitting => &[Place::Changing, Place::Splitting],
        Place::Form | Place::Leaving | Place::Restore | Place::Conflict => {
            &[Place::Form, Place::Leaving, Place::Restore, Place::Conflict]
        }
        Place::Start | Place::Help => &[Place::Start],
    };
    let area = centred(app, 84, app.size.1.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(4));
    let mut lines: Vec<Line<'static>> = Vec::new();
    for &place in places {
        let rows = help_for(place);
        let column = rows
            .iter()
            .map(|(k, _)| k.width())
            .max()
            .unwrap_or(0)
            .min(22)
            + 2;
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(place.title(), theme.title));
        for (keys, doc) in rows {
            let mut wrapped = wrap(vec![Span::raw(doc)], width, &" ".repeat(column + 2));
            if let Some(first) = wrapped.first_mut().and_then(|l| l.spans.first_mut()) {
                *first = Span::styled(format!("  {keys:<column$}"), theme.label);
            }
            lines.extend(wrapped);
        }
    }
    if places.contains(&Place::Search) {
        lines.push(Line::default());
        lines.push(Line::styled("Searching", theme.title));
        for (example, meaning) in SEARCHING {
            lines.push(Line::from(vec![
                Span::styled(format!("  {example:<24}"), theme.label),
                Span::raw(meaning),
            ]));
        }
    }
    (lines, area)
}

/// Draws the help for `place`.
pub fn help(app: &App, place: Place, scroll: &Scroll, frame: &mut Frame, theme: &Theme) {
    let (lines, area) = help_page(app, place, theme);
    let inner_height = usize::from(area.height.saturating_sub(2));
    let most = lines.len().saturating_sub(inner_height);
    let scroll = scroll.clamp(lines.len(), inner_height);
    let more = if most > 0 {
        " ↑↓ scroll · Esc close "
    } else {
        " Esc close "
    };
    let block = Block::bordered()
        .title(" Help ")
        .title_bottom(Line::from(more).right_aligned())
        .padding(Padding::horizontal(1));
    let shown: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(inner_height).collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

/// Draws the filter chooser.
pub fn filters(app: &App, picker: &Picker, frame: &mut Frame, theme: &Theme) {
    let area = centred(app, 72, app.size.1.saturating_sub(4).max(8));
    let block = Block::bordered()
        .title(" Filter by kind, study or why-code ")
        .title_bottom(
            Line::from(format!(
                " type to narrow · {} ",
                hints(
                    Place::Filters,
                    &[
                        (&[Action::Choose], "add or remove"),
                        (&[Action::Back], "close")
                    ]
                )
            ))
            .right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let [input, rows] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let typed = clean(picker.line.text());
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" › ", theme.label),
            Span::raw(typed.clone()),
        ])),
        input,
    );
    let x = (input.x + 3)
        .saturating_add(u16::try_from(picker.line.cursor_column()).unwrap_or(u16::MAX));
    frame.set_cursor_position(Position::new(
        x.min(input.right().saturating_sub(1)),
        input.y,
    ));
    if !picker.counted {
        frame.render_widget(Paragraph::new(" Counting…").style(theme.hint), rows);
        return;
    }
    let height = usize::from(rows.height);
    let top = picker.selected.saturating_sub(height.saturating_sub(1));
    let width = usize::from(rows.width);
    let lines: Vec<Line<'static>> = picker
        .shown
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .filter_map(|(row, &i)| {
            let choice = picker.choices.get(i)?;
            let tick = if choice.active { "✓" } else { " " };
            let mut spans = vec![
                Span::styled(format!(" {tick} {:<6}", choice.filter.name()), theme.meta),
                Span::styled(format!("{:<24} ", clean(&choice.value)), theme.title),
                Span::styled(format!("{:>5}  ", choice.count), theme.meta),
            ];
            if let Some(about) = &choice.about {
                spans.push(Span::styled(clean(about), theme.hint));
            }
            let style = if row == picker.selected {
                theme.selected
            } else {
                Style::new()
            };
            Some(Line::from(truncate(spans, width)).style(style))
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new(" Nothing matches.").style(theme.hint), rows);
    } else {
        frame.render_widget(Paragraph::new(lines), rows);
    }
}
