//! The evidence wall of a code: its pieces of evidence, grouped by participant, study or note,
//! and ordered by date or by study. Which text each piece shows is read later, only for the
//! pieces on screen.

use serde::Serialize;

use super::names::{self, FxMap, Ids, NONE};
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
    order: Order,
) -> Vec<Section> {
    // Each piece with what it is sorted and grouped by, so that sorting and grouping never
    // go back to the notes' text.
    let mut found: Vec<(Evidence, Ids)> = pieces
        .into_iter()
        .filter_map(|piece| Some((piece, notes.get(piece.note)?.ids())))
        .collect();
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
    let day = |ids: &Ids| days[ids.day() as usize];
    let study = |ids: &Ids| {
        let s = ids.study();
        studies[if s == NONE {
            studies.len() - 1
        } else {
            s as usize
        }]
    };
    // By day, and within a day by place: the pieces come in place order, and a counting sort
    // by day keeps it (a code used 80,000 times is sorted in a pass, not in log n of them).
    if !found.is_sorted_by_key(|(e, _)| (e.note, e.finding)) {
        found.sort_unstable_by_key(|(e, _)| (e.note, e.finding));
    }
    let mut starts = vec![0usize; days.len() + 1];
    for (_, ids) in &found {
        starts[day(ids) as usize + 1] += 1;
    }
    for d in 1..starts.len() {
        starts[d] += starts[d - 1];
    }
    let mut by_day: Vec<Option<(Evidence, Ids)>> = vec![None; found.len()];
    for (e, ids) in found {
        let at = &mut starts[day(&ids) as usize];
        by_day[*at] = Some((e, ids));
        *at += 1;
    }
    let mut found: Vec<(Evidence, Ids)> = by_day.into_iter().flatten().collect();
    if order == Order::Study {
        // Stable: by day within a study.
        found.sort_by_key(|(_, ids)| study(ids));
    }
    // Groups come in the order of their first piece.
    let mut sections: Vec<Section> = Vec::new();
    let mut by_key: FxMap<u64, usize> = FxMap::default();
    let names = names::read();
    let mut keys: Vec<u64> = Vec::new();
    for (piece, numbers) in found {
        let note = || notes[piece.note].as_ref();
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
            let i = *by_key.entry(key).or_insert_with(|| {
                sections.push(Section {
                    heading: heading(&names, group, note(), key),
                    pieces: Vec::new(),
                });
                sections.len() - 1
            });
            sections[i].pieces.push(piece);
        }
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
            match &note.study {
                Some(study) => format!("{alias} ({study})"),
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
}
