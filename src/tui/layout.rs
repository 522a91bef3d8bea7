//! Where each part of a screen goes for a terminal size. `view` draws into these areas and
//! `update` uses them to page, scroll and map mouse clicks, so the two always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Screen rows one result takes: the title, then its kind and why-codes.
pub const ROWS_PER_HIT: u16 = 2;

/// Below this width the preview goes under the list instead of beside it.
const SIDE_BY_SIDE: u16 = 80;

/// The parts of the search screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrowseAreas {
    /// The search line.
    pub search: Rect,
    /// The results.
    pub list: Rect,
    /// The line between the list and the preview.
    pub divider: Rect,
    /// The selected note.
    pub preview: Rect,
    /// The status bar.
    pub status: Rect,
}

/// The parts of a full-screen view (a note, the problems, the start screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageAreas {
    /// The heading line.
    pub heading: Rect,
    /// The body.
    pub body: Rect,
    /// The status bar.
    pub status: Rect,
}

/// The whole terminal.
pub fn screen(size: (u16, u16)) -> Rect {
    Rect::new(0, 0, size.0, size.1)
}

/// The search screen's areas.
pub fn browse(size: (u16, u16)) -> BrowseAreas {
    let [search, _rule, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(screen(size));
    let (list, divider, preview) = if size.0 >= SIDE_BY_SIDE {
        let [list, divider, preview] = Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(body);
        (list, divider, preview)
    } else {
        // A small terminal keeps whole results above and at least a few lines of preview.
        let hits = (body.height / 2 / ROWS_PER_HIT).max(1);
        let [list, divider, preview] = Layout::vertical([
            Constraint::Length(hits * ROWS_PER_HIT),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(body);
        (list, divider, preview)
    };
    BrowseAreas {
        search,
        list,
        divider,
        preview,
        status,
    }
}

/// A full-screen view's areas.
pub fn page(size: (u16, u16)) -> PageAreas {
    let [heading, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(screen(size));
    PageAreas {
        heading,
        body,
        status,
    }
}

/// The columns of note text in an area: the preview and the reader keep a column free on
/// each side, and prose never runs wider than [`MEASURE`].
pub fn text_width(area_width: u16) -> u16 {
    area_width.saturating_sub(2).min(MEASURE)
}

/// The widest line of prose: on a wide terminal, longer lines are hard to follow back.
pub const MEASURE: u16 = 100;

/// How many results fit in the list.
pub fn hits_shown(size: (u16, u16)) -> usize {
    usize::from((browse(size).list.height / ROWS_PER_HIT).max(1))
}

/// Whether the cell at `column`, `row` is inside `area`.
pub fn contains(area: Rect, column: u16, row: u16) -> bool {
    area.contains(ratatui::layout::Position::new(column, row))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_terminals_stack_the_preview_under_whole_results() {
        let wide = browse((100, 30));
        assert_eq!(wide.list.y, wide.preview.y);
        assert!(wide.preview.width >= 45);
        assert!(wide.list.width >= 50);
        let small = browse((60, 20));
        assert!(small.preview.y > small.list.y);
        assert_eq!(small.list.height % ROWS_PER_HIT, 0);
        assert!(small.preview.height >= 8);
        assert_eq!(hits_shown((60, 20)), 4);
    }
}
