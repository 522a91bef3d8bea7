//! The evidence wall of a code: its pieces of evidence, grouped by participant, study or note,
//! and ordered by date or by study. Which text each piece shows is read later, only for the
//! pieces on screen.

use serde::Serialize;

use super::names::{self, FxMap, NONE};
use super::{Evidence, Facts, NoteFacts};

/// What the wall groups by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// Each participant (alias within study); a piece about two people shows under both.
    #[default]
    Participant,
    /// Each study.
    Study,
    /// Each note.
    Note,
}

impl Group {
    /// The next way to group, as a key cycles through them.
    pub fn next(self) -> Group {
        match self {
            Group::Participant => Group::Study,
            Group::Study => Group::Note,
            Group::Note => Group::Participant,
        }
    }
}

/// How the pieces are ordered within a group, and the groups among themselves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Oldest first.
    #[default]
    Date,
    /// By study, then oldest first.
    Study,
}

/// A group of the wall: its heading and its pieces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// What the pieces have in common: `P07 (portable-music)`, a study, a note's id.
    pub heading: String,
    /// The pieces, in order.
    pub pieces: Vec<Evidence>,
}

/// The wall of any of `codes` among `notes`.
pub fn wall(notes: &[impl Facts], codes: &[&str], group: Group, order: Order) -> Vec<Section> {
    arrange(notes, super::evidence(notes, codes), group, order)
}

/// `pieces` of evidence among `notes` as a wall: grouped and ordered as asked. The board keeps
/// each code's pieces (see `Postings`), so moving from code to code never scans the notes.
pub fn arrange(
    notes: &[impl Facts],
    pieces: Vec<Evidence>,
    group: Group,
    order_by: Order,
) -> Vec<Section> {
    let mut pieces = pieces;
    pieces.retain(|p| p.note < notes.len());
    if !pieces.is_sorted_by_key(|e| (e.note, e.finding)) {
        pieces.sort_unstable_by_key(|e| (e.note, e.finding));
    }
    let (days, studies) = {
        let names = names::read();
        // A note without a study sorts as one whose study is written empty.
        let studies = ranks(
            (0..names.studies.len() as u32)
                .map(|s| names.studies.name(s).as_str())
                .chain([""]),
        );
        (names::day_ranks(&names), studies)
    };
    let ids = |e: &Evidence| notes[e.note].ids();
    let study = |e: &Evidence| {
        let s = ids(e).study();
        studies[if s == NONE {
            studies.len() - 1
        } else {
            s as usize
        }]
    };
    // Sorted as numbers, never moving the pieces: by day, and within a day by place (the
    // order they come in), with a counting sort, so a code used 80,000 times is sorted in two
    // passes rather than in log n of them.
    let day_of: Vec<u32> = pieces.iter().map(|e| days[ids(e).day() as usize]).collect();
    let mut starts = vec![0u32; days.len() + 1];
    for &d in &day_of {
        starts[d as usize + 1] += 1;
    }
    for d in 1..starts.len() {
        starts[d] += starts[d - 1];
    }
    let mut order = vec![0u32; pieces.len()];
    for (i, &d) in day_of.iter().enumerate() {
        let at = &mut starts[d as usize];
        order[*at as usize] = i as u32;
        *at += 1;
    }
    if order_by == Order::Study {
        // Stable: by day within a study.
        order.sort_by_cached_key(|&i| study(&pieces[i as usize]));
    }
    // Groups come in the order of their first piece; each piece is first given its groups,
    // then each group's pieces are gathered into a list of the size it needs.
    let mut sections: Vec<Section> = Vec::new();
    let mut sizes: Vec<usize> = Vec::new();
    let mut placed: Vec<(u32, u32)> = Vec::with_capacity(pieces.len());
    let mut by_key: FxMap<u64, u32> =
        FxMap::with_capacity_and_hasher(pieces.len() / 4, Default::default());
    let names = names::read();
    let mut keys: Vec<u64> = Vec::new();
    for &i in &order {
        let piece = &pieces[i as usize];
        let numbers = ids(piece);
        keys.clear();
        match group {
            Group::Participant => {
                let people = numbers.people(piece.finding);
                keys.extend(people.iter().map(|&p| u64::from(p)));
                if people.is_empty() {
                    keys.push(u64::MAX);
                }
            }
            Group::Study => keys.push(u64::from(numbers.study())),
            // Two files with one id (a problem `check` reports) are one group, as they are
            // one id to the evidence of an insight.
            Group::Note => keys.push(numbers.id_hash()),
        }
        for &key in &keys {
            // A key is a participant, a study or an id: the heading is written once for it.
            let s = *by_key.entry(key).or_insert_with(|| {
                sections.push(Section {
                    heading: heading(&names, group, notes[piece.note].as_ref(), key),
                    pieces: Vec::new(),
                });
                sizes.push(0);
                (sections.len() - 1) as u32
            });
            sizes[s as usize] += 1;
            placed.push((s, i));
        }
    }
    for (section, size) in sections.iter_mut().zip(sizes) {
        section.pieces.reserve_exact(size);
    }
    for (s, i) in placed {
        sections[s as usize].pieces.push(pieces[i as usize]);
    }
    // Evidence about nobody in particular comes after the people.
    if group == Group::Participant {
        sections.sort_by_key(|s| s.heading == NOBODY);
    }
    sections
}

/// The heading of the group `key` (a participant's, a study's or a note's number) of `note`.
fn heading(names: &names::Names, group: Group, note: &NoteFacts, key: u64) -> String {
    match group {
        Group::Participant if key == u64::MAX => NOBODY.to_owned(),
        Group::Participant => {
            let (_, alias) = *names.people.name(key as u32);
            let alias = names.aliases.name(alias);
            // Written without the formatting machinery: a wall can have 16,000 people.
            match &note.study {
                Some(study) => {
                    let mut heading = String::with_capacity(alias.len() + study.len() + 3);
                    heading.push_str(alias);
                    heading.push_str(" (");
                    heading.push_str(study);
                    heading.push(')');
                    heading
                }
                None => alias.to_string(),
            }
        }
        Group::Study => note.study.as_deref().unwrap_or("(no study)").to_owned(),
        Group::Note => note.id.clone(),
    }
}

/// Each name's place in sorted order, names written the same sharing one.
fn ranks<'a>(names: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let names: Vec<&str> = names.collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_unstable_by(|a, b| names[*a].cmp(names[*b]));
    let mut rank = vec![0; names.len()];
    let mut r = 0;
    for (k, &i) in order.iter().enumerate() {
        if k > 0 && names[order[k - 1]] != names[i] {
            r += 1;
        }
        rank[i] = r;
    }
    rank
}

/// The heading of evidence that names no participant.
pub const NOBODY: &str = "(no participant named)";

#[cfg(test)]
mod tests {
    use super::super::tests::note;
    use super::*;

    #[test]
    fn the_wall_groups_by_participant_study_or_note_in_the_order_asked() {
        let notes = vec![
            note("b", "walk", "2024-03-01", &[(&["trust"], &["P1", "P2"])]),
            note(
                "a",
                "shop",
                "2024-01-05",
                &[(&["trust"], &["P3"]), (&["calm"], &["P3"])],
            ),
            note("c", "walk", "2024-02-01", &[(&["trust"], &[])]),
        ];
        let headings = |group, order| -> Vec<(String, usize)> {
            wall(&notes, &["trust"], group, order)
                .into_iter()
                .map(|s| (s.heading, s.pieces.len()))
                .collect()
        };
        let by = |list: &[(&str, usize)]| -> Vec<(String, usize)> {
            list.iter().map(|(h, n)| ((*h).to_owned(), *n)).collect()
        };
        assert_eq!(
            headings(Group::Participant, Order::Date),
            by(&[
                ("P3 (shop)", 1),
                ("P1 (walk)", 1),
                ("P2 (walk)", 1),
                ("(no participant named)", 1),
            ])
        );
        assert_eq!(
            headings(Group::Study, Order::Study),
            by(&[("shop", 1), ("walk", 2)])
        );
        let walk = &wall(&notes, &["trust"], Group::Study, Order::Date)[1];
        assert_eq!(walk.heading, "walk");
        // Within a group, oldest first: c (February) before b (March).
        let order: Vec<usize> = walk.pieces.iter().map(|p| p.note).collect();
        assert_eq!(order, [2, 0]);
        assert_eq!(
            headings(Group::Note, Order::Date),
            by(&[("a", 1), ("c", 1), ("b", 1)])
        );
        assert_eq!(Group::Note.next(), Group::Participant);
    }

    #[test]
    fn pieces_on_one_day_keep_their_place_however_they_are_given() {
        let notes = vec![
            note("a", "walk", "2024-01-05", &[(&["trust"], &["P1"])]),
            note(
                "b",
                "shop",
                "2024-01-05",
                &[(&["trust"], &["P1"]), (&["trust"], &["P1"])],
            ),
            note("c", "walk", "2023-12-31", &[(&["trust"], &["P1"])]),
        ];
        let pieces = crate::board::evidence(&notes, &["trust"]);
        let mut reversed = pieces.clone();
        reversed.reverse();
        for order in [Order::Date, Order::Study] {
            let given = arrange(&notes, pieces.clone(), Group::Note, order);
            assert_eq!(arrange(&notes, reversed.clone(), Group::Note, order), given);
        }
        // By study: shop before walk, and within walk the older note first; on one day, the
        // note's findings in their order.
        let flat = |sections: Vec<Section>| -> Vec<(usize, Option<usize>)> {
            sections
                .into_iter()
                .flat_map(|s| s.pieces)
                .map(|p| (p.note, p.finding))
                .collect()
        };
        assert_eq!(
            flat(arrange(
                &notes,
                reversed.clone(),
                Group::Participant,
                Order::Study
            )),
            [(1, Some(0)), (1, Some(1)), (2, Some(0)), (0, Some(0))]
        );
        assert_eq!(
            flat(arrange(&notes, reversed, Group::Participant, Order::Date)),
            [(2, Some(0)), (0, Some(0)), (1, Some(0)), (1, Some(1))]
        );
    }
}
