//! The questions asked of a code made new in the why picker: a line on what it means, then the
//! code it sits under, in a window under the field.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::form::Form;
use crate::tui::form::naming::Naming;
use crate::tui::form::pick::SHOWN;
use crate::tui::text::{clean, truncate};
use crate::tui::theme::Theme;

/// Draws the question about the new code under `row`, or above it when there is no room.
pub fn draw(form: &Form, naming: &Naming, frame: &mut Frame, row: Rect, area: Rect, theme: &Theme) {
    let choices = form.suggestions.len().min(SHOWN);
    let window = super::form::window_by(row, area, choices as u16 + 4);
    let inner = usize::from(window.width.saturating_sub(2));
    let mut lines = vec![Line::from(truncate(
        vec![Span::styled(naming.question(), theme.label)],
        inner,
    ))];
    let typed = clean(&form.typed());
    let cursor = 2 + unicode_width::UnicodeWidthStr::width(typed.as_str());
    if window.height > 3 && cursor < inner {
        let at = u16::try_from(cursor).unwrap_or(0);
        frame.set_cursor_position(Position::new(window.x + 1 + at, window.y + 2));
    }
    lines.push(Line::from(truncate(
        vec![Span::styled("› ", theme.label), Span::raw(typed)],
        inner,
    )));
    for (i, choice) in form.suggestions.iter().take(SHOWN).enumerate() {
        let line = Line::from(truncate(
            vec![Span::styled(clean(&choice.value), theme.code)],
            inner,
        ));
        lines.push(if i == form.selected {
            line.style(theme.selected)
        } else {
            line
        });
    }
    let title = format!(" New code `{}` · Esc skips ", clean(&naming.code));
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
