//! The screens of the team's work: conflicts side by side, and the versions of a note.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::git::history::Piece;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Place, hints};
use crate::tui::layout;
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;

/// Draws the fields in conflict, and the selected one's two values side by side.
pub fn settling(app: &App, frame: &mut Frame, theme: &Theme) {
    let areas = layout::page(app.size);
    let s = &app.settling;
    let list = s.list.as_deref().unwrap_or_default();
    let notes: HashSet<&str> = list.iter().map(|d| d.id.as_str()).collect();
    let heading = match &s.list {
        None => " Conflicts with the team: looking…".to_owned(),
        Some(l) if l.is_empty() => " Conflicts with the team: none".to_owned(),
        Some(l) => format!(
            " Conflicts with the team: {} in {}",
            crate::cli::plural(l.len(), "field"),
            crate::cli::plural(notes.len(), "note")
        ),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(heading, theme.title)),
        areas.heading,
    );
    let body = areas.body;
    if list.is_empty() {
        let said = if s.list.is_some() {
            " Nothing to settle: both sides agree on every note. Ctrl-G shares what you settled."
        } else {
            ""
        };
        frame.render_widget(Paragraph::new(said).style(theme.hint), body);
    } else {
        let (top, panes, rows, first) = split(body, list.len(), s.selected);
        let width = usize::from(top.width);
        let column = list
            .iter()
            .map(|d| d.field.width())
            .max()
            .unwrap_or(0)
            .min(24);
        let mut lines: Vec<Line<'static>> = list
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .map(|(i, d)| {
                let selected = i == s.selected;
                let spans = vec![
                    Span::styled(if selected { "▌" } else { " " }, theme.label),
                    Span::styled(format!("{:column$}  ", clean(&d.field)), theme.title),
                    Span::raw(clean(&d.title)),
                    Span::styled(format!("  {}", clean(&d.id)), theme.meta),
                ];
                let line = Line::from(truncate(spans, width));
                if selected {
                    line.style(theme.selected)
                } else {
                    line
                }
            })
            .collect();
        lines.push(Line::default());
        frame.render_widget(Paragraph::new(lines), top);
        if let Some(d) = list.get(s.selected) {
            let half = panes.width / 2;
            let room = usize::from(half.saturating_sub(2));
            let mine = value(&d.mine, &d.theirs, room, s.scroll, theme);
            let theirs = value(&d.theirs, &d.mine, room, s.scroll, theme);
            // The boxes as tall as the longer value, with the choices explained below.
            let tall = u16::try_from(mine.len().max(theirs.len()) + 2).unwrap_or(u16::MAX);
            let [boxes, below] =
                Layout::vertical([Constraint::Length(tall), Constraint::Min(0)]).areas(panes);
            let [left, right] =
                Layout::horizontal([Constraint::Length(half), Constraint::Fill(1)]).areas(boxes);
            for (lines, title, area) in [(mine, "Yours", left), (theirs, "The team's", right)] {
                let block = Block::default()
                    .borders(Borders::ALL)
                    .title(Span::styled(format!(" {title} "), theme.title));
                frame.render_widget(Paragraph::new(lines).block(block), area);
            }
            let explained = explain(d.both);
            let lines = wrap(
                vec![Span::styled(explained, theme.hint)],
                usize::from(below.width.saturating_sub(2)),
                "",
            );
            let [_, text] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(below);
            frame.render_widget(
                Paragraph::new(lines).block(Block::new().padding(Padding::horizontal(1))),
                text,
            );
        }
    }
    let both = list.get(s.selected).is_some_and(|d| d.both);
    let keys = if list.is_empty() {
        hints(
            Place::Settling,
            &[(&[Action::Sync], "sync"), (&[Action::Back], "back")],
        )
    } else {
        hints(
            Place::Settling,
            &[
                (&[Action::KeepMine], "keep yours"),
                (&[Action::TakeTheirs], "take the team's"),
                (if both { &[Action::KeepBoth] } else { &[] }, "keep both"),
                (&[Action::Edit], "edit"),
                (&[Action::Up, Action::Down], "select"),
                (&[Action::Back], "back"),
            ],
        )
    };
    super::status_bar(app, frame, areas.status, &keys, theme);
}

/// A list of `count` rows over the rest of `body`: at most a third of it, scrolled so that
/// `selected` shows. The list's area, the rest, the rows shown and the first of them.
fn split(body: Rect, count: usize, selected: usize) -> (Rect, Rect, usize, usize) {
    let rows = u16::try_from(count)
        .unwrap_or(u16::MAX)
        .min((body.height / 3).max(3));
    let [top, rest] =
        Layout::vertical([Constraint::Length(rows + 1), Constraint::Min(0)]).areas(body);
    let rows = usize::from(rows);
    (
        top,
        rest,
        rows,
        selected.saturating_sub(rows.saturating_sub(1)),
    )
}

/// One side's value, wrapped to `room`, its lines the other side lacks marked.
fn value(text: &str, other: &str, room: usize, scroll: usize, theme: &Theme) -> Vec<Line<'static>> {
    let others: HashSet<&str> = other.lines().collect();
    text.lines()
        .flat_map(|line| {
            let style = if others.contains(line) {
                Style::new()
            } else {
                theme.mark
            };
            let mut rows = wrap(vec![Span::styled(clean(line), style)], room, "");
            if rows.is_empty() {
                rows.push(Line::default());
            }
            rows
        })
        .skip(scroll)
        .collect()
}

/// What the choices do, in words, under the two values.
fn explain(both: bool) -> String {
    let keep = |action: Action, what: &str| {
        let key = hints(Place::Settling, &[(&[action], "")]);
        format!("{} {what}", key.trim())
    };
    let mut said = vec![
        keep(Action::KeepMine, "keeps yours"),
        keep(Action::TakeTheirs, "takes the team's"),
    ];
    if both {
        said.push(keep(Action::KeepBoth, "keeps both (yours first)"));
    }
    said.push(keep(
        Action::Edit,
        "opens the note in your editor (then M keeps what you wrote)",
    ));
    format!(
        "{}. The value not kept stays in the note's history; {}.",
        said.join(", "),
        keep(Action::Sync, "shares what you settled")
    )
}

/// Draws a note's versions, and what changed from the selected one to the note now.
pub fn versions(app: &App, frame: &mut Frame, theme: &Theme) {
    let areas = layout::page(app.size);
    let v = &app.versions;
    frame.render_widget(
        Paragraph::new(Line::from(truncate(
            vec![Span::styled(
                format!(" Versions of {}", clean(&v.path)),
                theme.title,
            )],
            usize::from(areas.heading.width),
        ))),
        areas.heading,
    );
    let body = areas.body;
    let list = match &v.list {
        None => return keys_only(app, frame, areas.status, theme),
        Some(Err(why)) => {
            let lines = wrap(
                vec![Span::styled(clean(why), theme.error)],
                usize::from(body.width.saturating_sub(2)),
                "",
            );
            frame.render_widget(Paragraph::new(lines), body);
            return keys_only(app, frame, areas.status, theme);
        }
        Some(Ok(list)) if list.is_empty() => {
            let said = " No version is saved yet: Ctrl-G saves one and shares it.";
            frame.render_widget(Paragraph::new(said).style(theme.hint), body);
            return keys_only(app, frame, areas.status, theme);
        }
        Some(Ok(list)) => list,
    };
    let (top, below, rows, first) = split(body, list.len(), v.selected);
    let width = usize::from(top.width);
    let lines: Vec<Line<'static>> = list
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, version)| {
            let when = version
                .date
                .get(..16)
                .unwrap_or(&version.date)
                .replace('T', " ");
            let what = if i + 1 == list.len() {
                "written".to_owned()
            } else if version.changed.is_empty() {
                "no field changed".to_owned()
            } else {
                version.changed.join(", ")
            };
            let selected = i == v.selected;
            let spans = vec![
                Span::styled(if selected { "▌" } else { " " }, theme.label),
                Span::styled(format!("{}  ", version.commit), theme.code),
                Span::styled(format!("{when}  "), theme.meta),
                Span::styled(format!("{}  ", clean(&version.author)), theme.label),
                Span::raw(clean(&what)),
            ];
            let line = Line::from(truncate(spans, width));
            if selected {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), top);
    let title = match &v.difference {
        Some((commit, _)) => format!(" What changed from {commit} to now "),
        None => " What changed: looking… ".to_owned(),
    };
    let room = usize::from(below.width.saturating_sub(2));
    let mut lines: Vec<Line<'static>> = Vec::new();
    for line in v.difference.iter().flat_map(|(_, l)| l) {
        let Some(pieces) = line else {
            lines.push(Line::styled("…", theme.meta));
            continue;
        };
        let spans = pieces.iter().map(|p| piece(p, app.colour, theme)).collect();
        lines.extend(wrap(spans, room, "  "));
    }
    let unchanged = v.difference.as_ref().is_some_and(|(_, l)| {
        l.iter()
            .flatten()
            .flatten()
            .all(|p| matches!(p, Piece::Same(_)))
    });
    if unchanged {
        lines = vec![Line::styled("The note is as it was then.", theme.hint)];
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title));
    let shown: Vec<Line<'static>> = lines.into_iter().skip(v.scroll).collect();
    frame.render_widget(Paragraph::new(shown).block(block), below);
    let keys = hints(
        Place::Versions,
        &[
            (&[Action::Up, Action::Down], "version"),
            (&[Action::PreviewDown, Action::PreviewUp], "scroll"),
            (&[Action::BringBack], "bring it back"),
            (&[Action::Back], "back"),
        ],
    );
    super::status_bar(app, frame, areas.status, &keys, theme);
}

/// A piece of a difference: taken away struck through, added underlined, and marked in words
/// too when there is no colour.
fn piece(piece: &Piece, colour: bool, theme: &Theme) -> Span<'static> {
    match piece {
        Piece::Same(text) => Span::raw(clean(text)),
        Piece::Gone(text) if colour => {
            Span::styled(clean(text), theme.error.add_modifier(Modifier::CROSSED_OUT))
        }
        Piece::Gone(text) => Span::raw(format!("[-{}-]", clean(text))),
        Piece::Added(text) if colour => {
            Span::styled(clean(text), theme.mark.add_modifier(Modifier::UNDERLINED))
        }
        Piece::Added(text) => Span::raw(format!("{{+{}+}}", clean(text))),
    }
}

fn keys_only(app: &App, frame: &mut Frame, status: Rect, theme: &Theme) {
    let keys = hints(Place::Versions, &[(&[Action::Back], "back")]);
    super::status_bar(app, frame, status, &keys, theme);
}
