//! The evidence wall of a code: its pieces of evidence, grouped by participant, study or note,
//! and ordered by date or by study. Which text each piece shows is read later, only for the
//! pieces on screen.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Evidence, NoteFacts, evidence, people_of};

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
pub fn wall(
    notes: &[impl AsRef<NoteFacts>],
    codes: &[&str],
    group: Group,
    order: Order,
) -> Vec<Section> {
    let mut found = evidence(notes, codes);
    let note = |e: &Evidence| notes[e.note].as_ref();
    let study = |e: &Evidence| note(e).study.as_deref().unwrap_or_default();
    let day = |e: &Evidence| note(e).day.as_str();
    let place = |e: &Evidence| (e.note, e.finding);
    match order {
        Order::Date => found.sort_by(|a, b| day(a).cmp(day(b)).then(place(a).cmp(&place(b)))),
        Order::Study => found.sort_by(|a, b| {
            (study(a), day(a))
                .cmp(&(study(b), day(b)))
                .then(place(a).cmp(&place(b)))
        }),
    }
    // Groups come in the order of their first piece.
    let mut sections: Vec<Section> = Vec::new();
    let mut at: BTreeMap<String, usize> = BTreeMap::new();
    for piece in found {
        let note = notes[piece.note].as_ref();
        let headings: Vec<String> = match group {
            Group::Participant => {
                let people = people_of(notes, &piece);
                if people.is_empty() {
                    vec![NOBODY.to_owned()]
                } else {
                    people
                        .iter()
                        .map(|alias| match &note.study {
                            Some(study) => format!("{alias} ({study})"),
                            None => alias.clone(),
                        })
                        .collect()
                }
            }
            Group::Study => vec![note.study.clone().unwrap_or_else(|| "(no study)".into())],
            Group::Note => vec![note.id.clone()],
        };
        for heading in headings {
            let i = *at.entry(heading.clone()).or_insert_with(|| {
                sections.push(Section {
                    heading,
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
