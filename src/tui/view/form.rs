//! The note form: a label and a value per field, section lines for people and findings, the
//! focused field as an editor with its suggestions under it. The form scrolls as far as it
//! must to show the focused field, worked out from the state alone.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::status_bar;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::form::Form;
use crate::tui::form::layout::{LABEL, fields_area, placed};
use crate::tui::form::pick::SHOWN;
use crate::tui::form::slot::{self, Holds, Slot};
use crate::tui::keymap::{Place, hints};
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// Draws the form screen.
pub fn draw(app: &App, frame: &mut Frame, theme: &Theme) {
    let Some(form) = &app.form else { return };
    let area = frame.area();
    if area.height < 3 || area.width < LABEL + 10 {
        return;
    }
    let title = Line::from(vec![
        Span::styled(format!(" {}", clean(&form.heading())), theme.title),
        Span::styled(format!(" · {}", clean(&app.notebook_name)), theme.meta),
    ]);
    frame.render_widget(Paragraph::new(title), Rect { height: 1, ..area });
    fields(form, frame, fields_area(area), theme);
    let has_findings = slot::slots(&form.note)
        .iter()
        .any(|s| matches!(s, Slot::Did(_)));
    let findings: &[Action] = if has_findings {
        &[Action::NextEmptyFinding]
    } else {
        &[]
    };
    let keys = hints(
        Place::Form,
        &[
            (&[Action::Save], "save"),
            (&[Action::Back], "leave"),
            (&[Action::NextField], "next field"),
            (findings, "new finding"),
            (&[Action::Details], "details"),
            (&[Action::Help], "help"),
        ],
    );
    let bar = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    status_bar(app, frame, bar, &keys, theme);
}

fn fields(form: &Form, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut popup = None;
    for (part, row) in placed(form, area) {
        match (&part.heading, part.slot) {
            (Some(heading), _) => {
                let line = format!("── {heading} ");
                frame.render_widget(Paragraph::new(Span::styled(line, theme.meta)), row);
            }
            (None, Some(slot)) => {
                field(form, slot, frame, row, theme);
                if slot == form.focus {
                    popup = Some(row);
                }
            }
            _ => {}
        }
    }
    match (popup, &form.naming) {
        (Some(row), Some(naming)) => super::naming::draw(form, naming, frame, row, area, theme),
        (Some(row), None) => suggestions(form, frame, row, area, theme),
        _ => {}
    }
}

fn field(form: &Form, slot: Slot, frame: &mut Frame, row: Rect, theme: &Theme) {
    let focused = slot == form.focus;
    let label = slot.label(&form.note.kind);
    let (marker, style) = if focused {
        ("›", theme.selected.patch(theme.label))
    } else {
        (" ", theme.label)
    };
    let label_area = Rect {
        width: LABEL.min(row.width),
        height: 1,
        ..row
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!("{marker}{label:<w$}", w = usize::from(LABEL) - 1),
            style,
        )),
        label_area,
    );
    let value = Rect {
        x: row.x + LABEL + 1,
        width: row.width.saturating_sub(LABEL + 1),
        ..row
    };
    match slot.holds() {
        Holds::Choice => {
            let spans = kinds_row(form, focused, usize::from(value.width), theme);
            frame.render_widget(Paragraph::new(Line::from(spans)), value);
        }
        Holds::Codes | Holds::Notes => {
            let mut spans: Vec<Span<'static>> = slot::list(&form.note, slot)
                .iter()
                .flat_map(|code| {
                    [
                        Span::styled(format!("[{}]", clean(code)), theme.code),
                        Span::raw(" "),
                    ]
                })
                .collect();
            let used = crate::tui::text::width(&spans);
            // Counted in usize: thousands of codes are wider than a u16.
            if focused && form.naming.is_none() && used + 12 <= usize::from(value.width) {
                let used = used as u16;
                let chips = Rect {
                    width: used,
                    ..value
                };
                frame.render_widget(Paragraph::new(Line::from(spans)), chips);
                let editor = Rect {
                    x: value.x + used,
                    width: value.width - used,
                    ..value
                };
                frame.render_widget(&form.editor, editor);
            } else {
                spans = truncate(spans, usize::from(value.width));
                frame.render_widget(Paragraph::new(Line::from(spans)), value);
            }
        }
        Holds::Line | Holds::Lines if focused => frame.render_widget(&form.editor, value),
        Holds::Line | Holds::Lines => {
            let text = shown_text(form, slot);
            let most = usize::from(value.height);
            // Only what fits is wrapped: the body may be a long transcript.
            let mut lines: Vec<Line<'static>> = Vec::new();
            let mut more = false;
            // Reflowed as the reader shows it; the editor shows the lines as written.
            for line in crate::note::reflow(&text) {
                if lines.len() >= most {
                    more = true;
                    break;
                }
                lines.extend(wrap(
                    vec![Span::raw(clean(&line))],
                    usize::from(value.width),
                    "",
                ));
            }
            if more || lines.len() > most {
                lines.truncate(most);
                if let Some(last) = lines.last_mut() {
                    last.spans.push(Span::styled(" …", theme.hint));
                }
            }
            frame.render_widget(Paragraph::new(lines), value);
        }
    }
}

/// The kinds to choose from, the chosen one always in view: when they do not all fit, the
/// row starts later, with `…` for the kinds before it.
fn kinds_row(form: &Form, focused: bool, room: usize, theme: &Theme) -> Vec<Span<'static>> {
    let chosen = form.kinds.iter().position(|k| *k == form.note.kind);
    let chip = |kind: &String| -> Span<'static> {
        if *kind == form.note.kind {
            Span::styled(format!("‹{}› ", clean(kind)), theme.title)
        } else {
            Span::styled(format!(" {}  ", clean(kind)), theme.meta)
        }
    };
    let mut first = 0;
    if let Some(chosen) = chosen {
        let upto = |from: usize| -> usize {
            let skipped = if from > 0 { 2 } else { 0 };
            skipped
                + form.kinds[from..=chosen]
                    .iter()
                    .map(|k| chip(k).width())
                    .sum::<usize>()
        };
        while first < chosen && upto(first) > room {
            first += 1;
        }
    }
    let mut spans = Vec::new();
    if first > 0 {
        spans.push(Span::styled("… ", theme.meta));
    }
    spans.extend(form.kinds[first..].iter().map(chip));
    if focused {
        spans.push(Span::styled(" ← → or a letter", theme.hint));
    }
    truncate(spans, room)
}

/// The text of a field not being typed in; tags read as a list.
fn shown_text(form: &Form, slot: Slot) -> String {
    match slot {
        Slot::Tags => {
            let tags: Vec<&str> = form
                .note
                .tags
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .collect();
            tags.join(", ")
        }
        _ => slot::text(&form.note, slot),
    }
}

/// A window `height` rows high in line with the value of the field on `row`: under it, or
/// above it when there is no room below.
pub fn window_by(row: Rect, area: Rect, height: u16) -> Rect {
    let below = row.y + row.height;
    let y = if below + height <= area.bottom() {
        below
    } else {
        row.y.saturating_sub(height).max(area.y)
    };
    Rect {
        x: row.x + LABEL + 1,
        y,
        width: row.width.saturating_sub(LABEL + 1),
        height: height.min(area.height),
    }
}

/// The choices under a picking field, or above it when there is no room below.
fn suggestions(form: &Form, frame: &mut Frame, row: Rect, area: Rect, theme: &Theme) {
    if !(form.focus.holds().picks() || form.focus.offers()) || form.suggestions.is_empty() {
        return;
    }
    let shown = form.suggestions.len().min(SHOWN);
    let window = window_by(row, area, shown as u16 + 2);
    let inner = usize::from(window.width.saturating_sub(2));
    let names: Vec<String> = form
        .suggestions
        .iter()
        .take(shown)
        .map(|s| {
            if s.new {
                clean(&format!("+ {}", s.value))
            } else {
                clean(&s.value)
            }
        })
        .collect();
    // One column for the names, cut with `…` past half the window, so a long id never pushes
    // its description out of line with the others.
    let name_width = names
        .iter()
        .map(|n| n.width())
        .max()
        .unwrap_or(0)
        .min(inner / 2);
    let lines: Vec<Line<'static>> = form
        .suggestions
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (s, name))| {
            let mut spans = truncate(vec![Span::styled(name, theme.code)], name_width);
            let pad = name_width.saturating_sub(crate::tui::text::width(&spans));
            spans.push(Span::raw(" ".repeat(pad + 2)));
            let about = if s.new {
                format!("— {}", s.about)
            } else {
                s.about.clone()
            };
            spans.push(Span::styled(clean(&about), theme.meta));
            let line = Line::from(truncate(spans, inner));
            if i == form.selected {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    let title = match form.focus.holds() {
        Holds::Notes => " Enter adds the note as evidence ",
        _ if form.focus.offers() => " Enter takes it · Tab keeps yours ",
        _ => " Enter adds the code · ↑↓ choose ",
    };
    frame.render_widget(Clear, window);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(title, theme.hint)),
        ),
        window,
    );
}
