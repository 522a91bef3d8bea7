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
    let Layout { groups, pieces } = lay_out(notes, pieces, group, order_by);
    let mut pieces = pieces.into_iter();
    groups
        .into_iter()
        .map(|(heading, size)| Section {
            heading,
            pieces: pieces.by_ref().take(size).collect(),
        })
        .collect()
}

/// A wall laid out flat, as a screen keeps it: its groups, and their pieces one after another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Each group's heading and how many pieces it has, in order.
    pub groups: Vec<(String, usize)>,
    /// The pieces, group after group, each group's in order.
    pub pieces: Vec<Evidence>,
}

/// `pieces` of evidence among `notes` laid out as a wall: what [`arrange`] gives, flat.
pub fn lay_out(
    notes: &[impl Facts],
    pieces: Vec<Evidence>,
    group: Group,
    order_by: Order,
) -> Layout {
    let mut pieces = pieces;
    pieces.retain(|p| p.note < notes.len());
    if !pieces.is_sorted_by_key(|e| (e.note, e.finding)) {
        pieces.sort_unstable_by_key(|e| (e.note, e.finding));
    }
    // What arranging needs of each piece, taken in one pass in the order the pieces come,
    // which is the notes' order: each note's numbers are read once, as a stream, and the
    // passes in date order below touch only these short arrays. Taken before the names are
    // locked to be read: a note counted for the first time is numbered, which writes them.
    let count = pieces.len();
    let mut day_of: Vec<u32> = Vec::with_capacity(count);
    let mut study_of: Vec<u32> = Vec::new();
    // Each piece's groups as numbers: a participant's or a study's own ([`NONE`] for none,
    // until the names say how many there are), or a note id's in the order first met.
    let mut keys: Vec<u32> = Vec::with_capacity(count);
    let mut keys_end: Vec<u32> = Vec::with_capacity(count);
    // Two files with one id (a problem `check` reports) are one group, as they are one id to
    // the evidence of an insight.
    let mut note_ids: FxMap<u64, u32> = FxMap::default();
    let index = |n: usize| u32::try_from(n).unwrap_or(NONE);
    for piece in &pieces {
        let numbers = notes[piece.note].ids();
        day_of.push(numbers.day());
        if order_by == Order::Study {
            study_of.push(numbers.study());
        }
        match group {
            Group::Participant => {
                let people = numbers.people(piece.finding);
                keys.extend_from_slice(people);
                if people.is_empty() {
                    keys.push(NONE);
                }
            }
            Group::Study => keys.push(numbers.study()),
            Group::Note => {
                let next = index(note_ids.len());
                keys.push(*note_ids.entry(numbers.id_hash()).or_insert(next));
            }
        }
        keys_end.push(index(keys.len()));
    }
    let names = names::read();
    let days = names::day_ranks(&names);
    for day in &mut day_of {
        *day = days.get(*day as usize).copied().unwrap_or(0);
    }
    // A note without a study sorts as one whose study is written empty.
    let studies = ranks(
        (0..index(names.studies.len()))
            .map(|s| names.studies.name(s).as_str())
            .chain([""]),
    );
    let nobody = index(names.people.len());
    let no_study = index(names.studies.len());
    for study in &mut study_of {
        *study = studies[(*study).min(no_study) as usize];
    }
    let none = match group {
        Group::Participant => nobody,
        Group::Study => no_study,
        Group::Note => NONE,
    };
    for key in keys.iter_mut().filter(|k| **k == NONE) {
        *key = none;
    }
    // Sorted as numbers, never moving the pieces: by day, and within a day by place (the
    // order they come in), with a counting sort, so a code used 80,000 times is sorted in two
    // passes rather than in log n of them.
    let mut starts = vec![0u32; days.len() + 1];
    for &d in &day_of {
        starts[d as usize + 1] += 1;
    }
    for d in 1..starts.len() {
        starts[d] += starts[d - 1];
    }
    let mut order = vec![0u32; count];
    for (i, &d) in day_of.iter().enumerate() {
        let at = &mut starts[d as usize];
        order[*at as usize] = index(i);
        *at += 1;
    }
    if order_by == Order::Study {
        // Stable: by day within a study.
        order.sort_by_key(|&i| study_of[i as usize]);
    }
    // Groups come in the order of their first piece: a first pass numbers the groups and
    // counts their pieces, a second puts each piece in its group's place.
    let groups = match group {
        Group::Participant => nobody as usize + 1,
        Group::Study => no_study as usize + 1,
        Group::Note => note_ids.len(),
    };
    let keys_of = |i: u32| {
        let from = if i == 0 { 0 } else { keys_end[i as usize - 1] };
        &keys[from as usize..keys_end[i as usize] as usize]
    };
    let mut section_of = vec![NONE; groups];
    let mut headings: Vec<(String, usize)> = Vec::new();
    for &i in &order {
        for &key in keys_of(i) {
            let slot = &mut section_of[key as usize];
            if *slot == NONE {
                // The heading is written once for each group.
                let note = notes[pieces[i as usize].note].as_ref();
                headings.push((heading(&names, group, note, key), 0));
                *slot = index(headings.len() - 1);
            }
            headings[*slot as usize].1 += 1;
        }
    }
    // Evidence about nobody in particular comes after the people (a participant whose alias
    // reads like its heading stays among them).
    let last = match group {
        Group::Participant => section_of.get(nobody as usize).copied().unwrap_or(NONE),
        _ => NONE,
    };
    let rank: Vec<u32> = (0..index(headings.len()))
        .filter(|&s| s != last)
        .chain((last != NONE).then_some(last))
        .collect();
    let mut place = vec![0usize; headings.len()];
    let mut at = 0;
    for &s in &rank {
        place[s as usize] = at;
        at += headings[s as usize].1;
    }
    if last != NONE {
        let nobody = headings.remove(last as usize);
        headings.push(nobody);
    }
    let mut laid = vec![
        Evidence {
            note: 0,
            finding: None
        };
        at
    ];
    for &i in &order {
        for &key in keys_of(i) {
            let slot = section_of[key as usize] as usize;
            laid[place[slot]] = pieces[i as usize];
            place[slot] += 1;
        }
    }
    Layout {
        groups: headings,
        pieces: laid,
    }
}

/// The heading of the group `key` (a participant's or a study's number, one past the last for
/// none; for a note, `note` gives it).
fn heading(names: &names::Names, group: Group, note: &NoteFacts, key: u32) -> String {
    match group {
        Group::Participant if key as usize >= names.people.len() => NOBODY.to_owned(),
        Group::Participant => {
            let (study, alias) = *names.people.name(key);
            let alias = names.aliases.name(alias);
            // Written from the names alone, without the formatting machinery: a wall can have
            // 16,000 people.
            match (study != NONE).then(|| names.studies.name(study)) {
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
        Group::Study if key as usize >= names.studies.len() => "(no study)".to_owned(),
        Group::Study => names.studies.name(key).clone(),
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
