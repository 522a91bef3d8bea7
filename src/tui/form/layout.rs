//! Where each field of the form goes on screen: its rows (long text wraps, the body being
//! written takes the room left), headings before people and findings, and the scroll that
//! shows the focused field. Pure, so that drawing and mouse clicks agree.

use ratatui::layout::Rect;
use ratatui::text::Span;

use super::Form;
use super::pick::SHOWN;
use super::slot::{self, Holds, Slot};
use crate::tui::text::wrap;

/// Columns of the label before each field.
pub const LABEL: u16 = 14;

/// Rows an unfocused field shows at most; a focused one line field grows to this.
const MOST_ROWS: usize = 4;

/// One row of the form as laid out: a field, or a section heading before one.
pub struct Part {
    /// The field, or none for a heading.
    pub slot: Option<Slot>,
    /// A heading's text.
    pub heading: Option<String>,
    /// Rows it takes.
    pub height: u16,
}

/// The rows of the form under the title line and above the status bar of a screen `area`.
pub fn fields_area(area: Rect) -> Rect {
    Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(2),
        ..area
    }
}

/// The parts of the form that show in `area`, each with where it goes: scrolled just enough
/// to show the focused field and its suggestions.
pub fn placed(form: &Form, area: Rect) -> Vec<(Part, Rect)> {
    let width = area.width.saturating_sub(LABEL + 1);
    let mut parts = layout(form, width, area.height);
    // The focused field always fits, however short the terminal.
    for part in parts.iter_mut().filter(|p| p.slot == Some(form.focus)) {
        part.height = part.height.min(area.height.max(1));
    }
    // Counted in usize: a note with thousands of findings is taller than u16 rows.
    let visible = usize::from(area.height);
    let mut top = 0usize;
    let mut y = 0usize;
    for part in &parts {
        if part.slot == Some(form.focus) {
            let below = if form.suggestions.is_empty() || !form.focus.holds().picks() {
                0
            } else {
                form.suggestions.len().min(SHOWN) + 2
            };
            let bottom = y + usize::from(part.height) + below;
            top = bottom.saturating_sub(visible).min(y);
        }
        y += usize::from(part.height);
    }
    let mut y = 0usize;
    let mut shown = Vec::new();
    for part in parts {
        let height = usize::from(part.height);
        if y >= top && y + height <= top + visible {
            let row = Rect {
                x: area.x,
                // Below `top + visible`, which is at most `area.height`: it fits in a u16.
                y: area.y + (y - top) as u16,
                width: area.width,
                height: part.height,
            };
            shown.push((part, row));
        }
        y += height;
    }
    shown
}

/// The field at a screen cell, if any.
pub fn slot_at(form: &Form, screen: Rect, column: u16, row: u16) -> Option<Slot> {
    placed(form, fields_area(screen))
        .into_iter()
        .find(|(_, r)| crate::tui::layout::contains(*r, column, row))
        .and_then(|(part, _)| part.slot)
}

/// The rows of the form with their heights, headings included.
fn layout(form: &Form, width: u16, height: u16) -> Vec<Part> {
    let kind = form.note.kind.as_str();
    let order = form.order();
    let fixed: usize = order
        .iter()
        .filter(|s| **s != Slot::Body)
        .map(|s| usize::from(rows(form, *s, width)))
        .sum();
    let mut parts = Vec::new();
    for slot in order {
        let heading = match slot {
            Slot::Alias(0) if kind == "meeting" => Some("who was there".to_owned()),
            Slot::Alias(i) => Some(format!("participant {}", i + 1)),
            Slot::Did(i) => Some(format!("finding {}", i + 1)),
            Slot::Date => Some("details".to_owned()),
            _ => None,
        };
        if let Some(heading) = heading {
            parts.push(Part {
                slot: None,
                heading: Some(heading),
                height: 1,
            });
        }
        let height = if slot == Slot::Body && form.focus == Slot::Body {
            // The body being written takes the room the other fields leave, at least 5 rows.
            let fixed = u16::try_from(fixed).unwrap_or(u16::MAX);
            height.saturating_sub(fixed.min(height / 2)).max(5)
        } else {
            rows(form, slot, width)
        };
        parts.push(Part {
            slot: Some(slot),
            heading: None,
            height,
        });
    }
    parts
}

/// Rows a field takes.
fn rows(form: &Form, slot: Slot, width: u16) -> u16 {
    let focused = slot == form.focus;
    let lines = match slot.holds() {
        Holds::Choice | Holds::Codes | Holds::Notes => 1,
        Holds::Line | Holds::Lines => {
            let text = if focused {
                form.typed()
            } else {
                slot::text(&form.note, slot)
            };
            let lines = wrapped_rows(&text, usize::from(width), MOST_ROWS);
            // The cursor may sit after the last column.
            lines + usize::from(focused && slot.holds() == Holds::Lines)
        }
    };
    lines.clamp(1, MOST_ROWS) as u16
}

/// Rows `text` wraps to at `width` columns, counted up to `most` only: a long transcript in the
/// body is not wrapped whole at every frame.
pub fn wrapped_rows(text: &str, width: usize, most: usize) -> usize {
    let mut rows = 0;
    for line in text.split('\n') {
        rows += wrap(vec![Span::raw(line.to_owned())], width, "")
            .len()
            .max(1);
        if rows >= most {
            break;
        }
    }
    rows
}
