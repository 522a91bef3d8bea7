//! The form of a change to the codebook, over the board: its lines, the codes that match the
//! line being typed, and what the change would do, counted before Enter makes it; for a
//! split, every use of the code with the part chosen for it.

use ratatui::Frame;
use ratatui::layout::{Margin, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::codebook::split::Use;
use crate::tui::board::changing::{Changing, Preview};
use crate::tui::text::{clean, truncate, wrap};
use crate::tui::theme::Theme;

/// Codes offered under a line at most.
const OFFERED: usize = 5;

/// Draws the form over `area` (the board's body).
pub fn draw(c: &Changing, frame: &mut Frame, area: Rect, theme: &Theme) {
    let area = area.inner(Margin::new(1, 0));
    let width = area.width.min(80);
    // A border and a space on each side.
    let inner = usize::from(width.saturating_sub(4));
    let mut lines: Vec<Line<'static>> = Vec::new();
    let label = c.fields.iter().map(|f| f.label.width()).max().unwrap_or(0);
    let mut cursor = None;
    for (i, field) in c.fields.iter().enumerate() {
        let focus = i == c.focus && !c.choosing();
        let text = clean(field.line.text());
        let name = format!("{:label$} ", field.label);
        let mark = if focus { "› " } else { "  " };
        if focus {
            let column = name.width() + mark.width() + field.line.cursor_column();
            cursor = Some((lines.len(), column));
        }
        lines.push(Line::from(truncate(
            vec![
                Span::styled(name, theme.label),
                Span::styled(mark, theme.label),
                Span::raw(text),
            ],
            inner,
        )));
        if focus {
            for (n, code) in c.offered.iter().take(OFFERED).enumerate() {
                let line = Line::from(truncate(
                    vec![
                        Span::raw(" ".repeat(label + 3)),
                        Span::styled(clean(code), theme.code),
                    ],
                    inner,
                ));
                lines.push(if c.offer == Some(n) {
                    line.style(theme.selected)
                } else {
                    line
                });
            }
        }
    }
    let (said, style) = match &c.preview {
        Preview::Hint(hint) => (hint.clone(), theme.hint),
        Preview::Counting => ("Counting what it changes…".to_owned(), theme.hint),
        Preview::Would(would) => (format!("{would} Enter makes it."), theme.title),
        Preview::Refused(why) => (why.clone(), theme.warning),
        Preview::Making => ("Writing the change…".to_owned(), theme.hint),
    };
    let mut said = wrap(vec![Span::styled(clean(&said), style)], inner, "");
    said.insert(0, Line::raw(""));
    if let Some(uses) = &c.uses {
        let (chosen, all) = c.chosen();
        let part = |i: usize| clean(c.fields.get(i).map_or("", |f| f.line.text().trim()));
        lines.push(Line::from(truncate(
            vec![Span::styled(
                format!(
                    "{chosen}/{all} chosen · 1 {} · 2 {} · 3 both",
                    part(0),
                    part(1)
                ),
                theme.meta,
            )],
            inner,
        )));
        // The uses take the room the form and what it says leave.
        let room = usize::from(area.height).saturating_sub(lines.len() + said.len() + 2);
        for i in super::window(&c.uses_top, c.at, uses.len(), room) {
            let mark = if i == c.at { "›" } else { " " };
            let mut spans = vec![Span::styled(mark, theme.label)];
            spans.extend(use_line(c, &uses[i], theme));
            let line = Line::from(truncate(spans, inner));
            lines.push(if i == c.at {
                line.style(theme.selected)
            } else {
                line
            });
        }
    }
    lines.extend(said);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let window = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 3,
        width,
        height,
    };
    let title = format!(" {} · Esc cancels ", clean(&c.kind.title(&c.code)));
    if let Some((row, column)) = cursor {
        let x = window.x + 2 + u16::try_from(column).unwrap_or(u16::MAX);
        let y = window.y + 1 + u16::try_from(row).unwrap_or(u16::MAX);
        if x < window.right().saturating_sub(1) && y < window.bottom().saturating_sub(1) {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
    frame.render_widget(Clear, window);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .padding(Padding::horizontal(1))
                .title(Span::styled(title, theme.hint)),
        ),
        window,
    );
}

/// One use in a split: the parts chosen, its note, and what was said or done there.
fn use_line(c: &Changing, u: &Use, theme: &Theme) -> Vec<Span<'static>> {
    let parts: Vec<&str> = c.fields.iter().map(|f| f.line.text().trim()).collect();
    let chosen = match u.into.as_slice() {
        [] => "?".to_owned(),
        [one] if parts.first() == Some(&one.as_str()) => "1".to_owned(),
        [_] => "2".to_owned(),
        _ => "1+2".to_owned(),
    };
    let words = u
        .quote
        .as_deref()
        .map(|q| format!("“{q}”"))
        .or_else(|| u.did.clone())
        .unwrap_or_else(|| "(the note's own codes)".to_owned());
    vec![
        Span::styled(format!("{chosen:>3}  "), theme.code),
        Span::raw(clean(&words)),
        Span::styled(format!(" · {}", clean(&u.title)), theme.meta),
    ]
}
