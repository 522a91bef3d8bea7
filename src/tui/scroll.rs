//! Scroll positions that the drawing keeps in bounds, as ratatui's stateful widgets do:
//! `update` moves a position by lines or pages without knowing how long the text is laid out,
//! and the drawing, which knows, clamps it and keeps the clamped value for the next key. So
//! no key has to lay out a screen, and a position pushed past the end comes back at once.

use std::cell::Cell;

use super::action::Action;

/// A scroll position, in lines or rows, from the top, and where to go once the text is laid
/// out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scroll {
    at: Cell<usize>,
    aim: Cell<Option<Aim>>,
}

/// A place in a note to bring into view once it is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aim {
    /// The first word the search matched, when it is below the fold.
    FirstMatch,
    /// A finding, counting from 0.
    Finding(usize),
    /// The selected evidence link.
    Link,
}

impl Scroll {
    /// A position `lines` from the top.
    pub fn at(lines: usize) -> Scroll {
        Scroll {
            at: Cell::new(lines),
            aim: Cell::new(None),
        }
    }

    /// A position at the top that, once drawn, goes to `aim`.
    pub fn aimed(aim: Aim) -> Scroll {
        let scroll = Scroll::default();
        scroll.aim.set(Some(aim));
        scroll
    }

    /// The position as last asked for or clamped.
    pub fn get(&self) -> usize {
        self.at.get()
    }

    /// Moves to `lines` from the top (past the end means the end, once drawn).
    pub fn set(&mut self, lines: usize) {
        self.at.set(lines);
        self.aim.set(None);
    }

    /// Moves `lines` down or up.
    pub fn by(&mut self, down: bool, lines: usize) {
        let at = self.at.get();
        self.set(if down {
            at.saturating_add(lines)
        } else {
            at.saturating_sub(lines)
        });
    }

    /// Asks the drawing to bring `aim` into view.
    pub fn aim(&mut self, aim: Aim) {
        self.aim.set(Some(aim));
    }

    /// Where the drawing is asked to go, taken: it goes there once.
    pub fn take_aim(&self) -> Option<Aim> {
        self.aim.take()
    }

    /// Where the drawing is asked to go, left in place (the text is not there yet).
    pub fn aiming(&self) -> Option<Aim> {
        self.aim.get()
    }

    /// Moves to `lines` from the top, from the drawing.
    pub fn place(&self, lines: usize) {
        self.at.set(lines);
    }

    /// The first of `total` lines to show in `height` rows: the position, kept from running
    /// past the last screenful. Called by drawing, which remembers the result.
    pub fn clamp(&self, total: usize, height: usize) -> usize {
        let at = self.at.get().min(total.saturating_sub(height));
        self.at.set(at);
        at
    }

    /// The first row to show so that `selected` (rows `start..end` of the text) is in view in
    /// `height` rows, moving as little as possible from where it was. Called by drawing.
    pub fn follow(&self, start: usize, end: usize, total: usize, height: usize) -> usize {
        let mut at = self.at.get();
        if end > at + height {
            at = end.saturating_sub(height);
        }
        if start < at {
            at = start;
        }
        self.at.set(at);
        self.clamp(total, height)
    }
}

/// Where the selected row of a list of `count` rows goes for `action`: a row down or up
/// (keys or the wheel), a page of `page` rows, the top or the bottom; none for an action that
/// does not move a selection.
pub fn moved(at: usize, count: usize, page: usize, action: &Action) -> Option<usize> {
    let last = count.saturating_sub(1);
    Some(match action {
        Action::Down | Action::Wheel { down: true, .. } => (at + 1).min(last),
        Action::Up | Action::Wheel { down: false, .. } => at.saturating_sub(1),
        Action::PageDown => (at + page).min(last),
        Action::PageUp => at.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawing_keeps_a_position_pushed_past_the_end_at_the_last_screenful() {
        let mut scroll = Scroll::default();
        scroll.by(true, 500);
        assert_eq!(scroll.clamp(30, 10), 20);
        // One step up from there is one line up, not 480 lines of nothing.
        scroll.by(false, 1);
        assert_eq!(scroll.clamp(30, 10), 19);
        assert_eq!(scroll.clamp(5, 10), 0);
    }

    #[test]
    fn a_selection_moves_by_rows_and_pages_and_stays_in_the_list() {
        let down = |at, action| moved(at, 12, 10, &action);
        assert_eq!(down(3, Action::Down), Some(4));
        assert_eq!(down(11, Action::Down), Some(11));
        assert_eq!(down(0, Action::Up), Some(0));
        assert_eq!(down(5, Action::PageDown), Some(11));
        assert_eq!(down(5, Action::PageUp), Some(0));
        assert_eq!(down(5, Action::Bottom), Some(11));
        assert_eq!(down(5, Action::Top), Some(0));
        assert_eq!(moved(0, 0, 10, &Action::Bottom), Some(0));
        assert_eq!(down(5, Action::Open), None);
    }

    #[test]
    fn following_a_selection_moves_only_as_far_as_it_must() {
        let scroll = Scroll::default();
        assert_eq!(scroll.follow(12, 14, 100, 10), 4);
        // Back up inside the rows shown: nothing moves.
        assert_eq!(scroll.follow(8, 10, 100, 10), 4);
        assert_eq!(scroll.follow(2, 3, 100, 10), 2);
    }
}
