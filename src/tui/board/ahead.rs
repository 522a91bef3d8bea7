//! Walls arranged ahead: the walls of the codes either side of the selected one are arranged
//! off the UI thread, with the words of their first pieces, so that moving in the code tree
//! puts up a wall made already rather than arranging up to 100,000 pieces between two frames.
//! A key pressed before its wall is ready arranges it on the spot, as it always could.

use super::TextKey;
use super::wall::Wall;
use crate::board::shown::Shown;
use crate::board::wall::{Group, Order};
use crate::tui::effect::Effect;
use crate::tui::scroll::Scroll;

/// Which code's wall, arranged how, over which counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WallOf {
    /// The counts it was arranged over: see [`Ahead::era`].
    pub era: u64,
    /// The code's row in the tree.
    pub row: usize,
    /// How its evidence is grouped.
    pub group: Group,
    /// How it is ordered.
    pub order: Order,
}

impl WallOf {
    /// Whether `other` is the wall of a code next to this one's, arranged the same way.
    fn beside(self, other: WallOf) -> bool {
        self.era == other.era
            && self.group == other.group
            && self.order == other.order
            && self.row.abs_diff(other.row) == 1
    }
}

/// The walls beside the selected code's, ready or being arranged.
#[derive(Debug, Default)]
pub struct Ahead {
    /// Moves on each time the board is counted again or the notes change on disk, so that
    /// walls and words arranged before are never shown after.
    pub era: u64,
    ready: Vec<Wall>,
    asked: Vec<WallOf>,
}

/// Walls arranged off the UI thread, and the words of the pieces they show first.
#[derive(Debug)]
pub struct Arranged {
    /// Every wall asked for that this answers, arranged or not (passed over, or its row gone).
    pub asked: Vec<WallOf>,
    /// The walls.
    pub walls: Vec<Wall>,
    /// The words of their first pieces.
    pub texts: Vec<(TextKey, Shown)>,
}

impl Ahead {
    /// Drops every wall arranged or being arranged: the counts or the notes changed.
    pub fn forget(&mut self) {
        self.era += 1;
        self.ready.clear();
        self.asked.clear();
    }

    /// The wall `of`, if it is ready, at its top.
    pub fn take(&mut self, of: WallOf) -> Option<Wall> {
        let at = self.ready.iter().position(|w| w.code == Some(of))?;
        let mut wall = self.ready.swap_remove(at);
        wall.selected = 0;
        wall.top = Scroll::default();
        Some(wall)
    }

    /// Once the wall `shown` is up in place of `old`: keeps `old` when it is beside it, drops
    /// the walls that no longer are, and asks for those beside it not yet arranged among the
    /// tree's `rows`.
    pub fn around(&mut self, shown: WallOf, old: Wall, rows: usize) -> Option<Effect> {
        self.ready.push(old);
        self.ready
            .retain(|w| w.code.is_some_and(|of| of.beside(shown)));
        // What is being arranged stays asked for until it comes, wherever the selection went
        // meanwhile: coming back, it is not asked for twice.
        let wanted: Vec<WallOf> = [shown.row.checked_sub(1), Some(shown.row + 1)]
            .into_iter()
            .flatten()
            .filter(|&row| row < rows)
            .map(|row| WallOf { row, ..shown })
            .filter(|of| {
                !self.asked.contains(of) && !self.ready.iter().any(|w| w.code == Some(*of))
            })
            .collect();
        if wanted.is_empty() {
            return None;
        }
        self.asked.extend(&wanted);
        Some(Effect::Arrange { walls: wanted })
    }

    /// Takes in walls arranged off the UI thread while the wall `shown` is up, and gives
    /// back their words unless they belong to another era.
    pub fn receive(&mut self, arranged: Arranged, shown: Option<WallOf>) -> Vec<(TextKey, Shown)> {
        self.asked.retain(|of| !arranged.asked.contains(of));
        // The words were read for the walls: from files as they were before a change, or for
        // counts replaced since, they are dropped with them.
        let era = Some(self.era);
        if arranged
            .walls
            .iter()
            .any(|w| w.code.map(|of| of.era) != era)
        {
            return Vec::new();
        }
        for wall in arranged.walls {
            let Some(of) = wall.code else { continue };
            let wanted = shown.is_some_and(|s| s.beside(of));
            if wanted && !self.ready.iter().any(|w| w.code == Some(of)) {
                self.ready.push(wall);
            }
        }
        arranged.texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(row: usize, era: u64) -> Wall {
        let mut wall = Wall::new(format!("code {row}"), Vec::new());
        wall.code = Some(WallOf {
            era,
            row,
            group: Group::Participant,
            order: Order::Date,
        });
        wall
    }

    #[test]
    fn the_walls_beside_the_shown_one_are_kept_and_asked_for_once() {
        let mut ahead = Ahead::default();
        let at = |row| wall(row, 0).code.unwrap_or_else(|| unreachable!());
        // Moving from row 1 to row 2 of five: row 1's wall is kept, row 3's is asked for.
        let asked = ahead.around(at(2), wall(1, 0), 5);
        assert_eq!(asked, Some(Effect::Arrange { walls: vec![at(3)] }));
        assert_eq!(ahead.around(at(2), Wall::default(), 5), None);
        // Row 3's wall comes; moving onto it, it is taken at its top and row 2's is kept.
        let mut arranged = wall(3, 0);
        arranged.selected = 7;
        ahead.receive(
            Arranged {
                asked: vec![at(3)],
                walls: vec![arranged],
                texts: Vec::new(),
            },
            Some(at(2)),
        );
        let taken = ahead.take(at(3)).map(|w| (w.title, w.selected));
        assert_eq!(taken, Some(("code 3".to_owned(), 0)));
        assert_eq!(
            ahead.around(at(3), wall(2, 0), 5),
            Some(Effect::Arrange { walls: vec![at(4)] })
        );
        // Row 1's wall is no longer beside the one shown; row 4's, asked for already, is
        // not asked for again on coming back.
        assert_eq!(
            ahead.around(at(2), wall(3, 0), 5),
            Some(Effect::Arrange { walls: vec![at(1)] })
        );
        assert_eq!(ahead.around(at(3), wall(2, 0), 5), None);
        assert!(ahead.take(at(1)).is_none());
        assert!(ahead.take(at(2)).is_some());
        assert!(ahead.take(at(4)).is_none());
    }

    #[test]
    fn walls_of_another_era_are_never_shown() {
        let mut ahead = Ahead::default();
        let at = |row| wall(row, 0).code.unwrap_or_else(|| unreachable!());
        ahead.around(at(2), wall(1, 0), 5);
        ahead.forget();
        let texts = ahead.receive(
            Arranged {
                asked: vec![at(3)],
                walls: vec![wall(3, 0)],
                texts: vec![(
                    ("a.yaml".into(), None),
                    crate::board::shown::Shown::default(),
                )],
            },
            Some(at(2)),
        );
        assert!(texts.is_empty());
        assert!(ahead.take(at(3)).is_none());
        assert!(ahead.take(at(1)).is_none());
    }

    #[test]
    fn a_wall_passed_over_can_be_asked_for_again() {
        let mut ahead = Ahead::default();
        let at = |row| wall(row, 0).code.unwrap_or_else(|| unreachable!());
        assert!(ahead.around(at(2), Wall::default(), 5).is_some());
        // The thread took a later request and answers this one empty.
        ahead.receive(
            Arranged {
                asked: vec![at(1), at(3)],
                walls: Vec::new(),
                texts: Vec::new(),
            },
            Some(at(2)),
        );
        assert_eq!(
            ahead.around(at(2), Wall::default(), 5),
            Some(Effect::Arrange {
                walls: vec![at(1), at(3)]
            })
        );
    }

    #[test]
    fn only_walls_grouped_and_ordered_as_shown_and_inside_the_tree_are_asked_for() {
        let mut ahead = Ahead::default();
        let at = |row| wall(row, 0).code.unwrap_or_else(|| unreachable!());
        // The first row has none above it, the last none below.
        assert_eq!(
            ahead.around(at(0), Wall::default(), 3),
            Some(Effect::Arrange { walls: vec![at(1)] })
        );
        assert_eq!(
            ahead.around(at(2), Wall::default(), 3),
            None,
            "row 1 is being arranged already"
        );
        // Grouped another way, the wall kept is not the one wanted.
        let by_study = WallOf {
            group: Group::Study,
            ..at(1)
        };
        ahead.around(by_study, wall(2, 0), 3);
        assert!(ahead.take(at(2)).is_none());
    }
}
