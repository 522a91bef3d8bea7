//! A note as a page of the screen: laid out, scrolled where it was aimed (the first matched
//! word, a finding, the selected link), and kept from scrolling past its end. The drawing
//! does this, not `update`, since only the drawing knows how long the note is laid out.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::note::{Rendered, render, shown_links};
use crate::index::Highlighter;
use crate::tui::app::Shown;
use crate::tui::layout;
use crate::tui::scroll::{Aim, Scroll};
use crate::tui::text::{clean, wrap};
use crate::tui::theme::Theme;

/// A note read from disk (or why it could not be read) as a page `area` high and wide,
/// from where `scroll` is. Once the note is laid out, `scroll` goes where it was aimed (the
/// first matched word, a finding, the selected link) and is kept from running past the end.
pub fn scrolled_page(
    shown: Option<&Shown>,
    hl: &Highlighter,
    link: Option<usize>,
    scroll: &Scroll,
    area: Rect,
    theme: &Theme,
) -> Paragraph<'static> {
    let width = layout::text_width(area.width);
    let height = usize::from(area.height);
    let lines = match shown.map(|s| &s.file) {
        Some(Ok(file)) => {
            let rendered = render(file, &shown_links(shown), hl, width, link, theme);
            aim(&rendered, scroll, link, height);
            rendered.lines
        }
        Some(Err(why)) => wrap(
            vec![Span::styled(clean(why), theme.error)],
            usize::from(width),
            "",
        ),
        None => vec![Line::styled("Reading…", theme.hint)],
    };
    let at = scroll.clamp(lines.len(), height);
    page_of(lines, at, area.height)
}

/// Moves `scroll` to where it was aimed, now that the note is laid out.
fn aim(rendered: &Rendered, scroll: &Scroll, link: Option<usize>, height: usize) {
    match scroll.take_aim() {
        // Below the fold only: a match on the first screen needs no scrolling.
        Some(Aim::FirstMatch) => {
            if let Some(line) = rendered.first_match.filter(|&l| l >= height) {
                scroll.place(line.saturating_sub(2));
            }
        }
        Some(Aim::Finding(j)) => {
            if let Some(&line) = rendered.findings.get(j) {
                scroll.place(line.saturating_sub(1));
            }
        }
        Some(Aim::Link) => {
            if let Some(&line) = link.and_then(|l| rendered.links.get(l)) {
                let at = scroll.get();
                if line < at || line >= at.saturating_add(height) {
                    scroll.place(line.saturating_sub(height / 2));
                }
            }
        }
        None => {}
    }
}

/// The lines from `scroll` that fit in `height` rows, with a column free on each side. The
/// lines are cut here rather than scrolled by the widget, whose offset stops at 65,535.
pub fn page_of(lines: Vec<Line<'static>>, scroll: usize, height: u16) -> Paragraph<'static> {
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(height)));
    let shown: Vec<Line<'static>> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(height))
        .collect();
    Paragraph::new(shown)
        .block(ratatui::widgets::Block::new().padding(ratatui::widgets::Padding::horizontal(1)))
}
