//! Merging two researchers' versions of one note field by field, against the version both
//! began from. Git's line merge calls a new finding on one side and a new title on the other a
//! conflict; here they are independent changes and both are kept. Lists of codes, tags and
//! evidence merge as sets; participants by alias; findings by position, with new ones from
//! both sides kept. Only a field both sides changed differently is a conflict.

use crate::note::{Finding, Note, Participant};

/// The fields both sides changed differently, by name (`title`, `findings 2 quote`).
pub type Conflicts = Vec<String>;

/// The note `base` became on both sides at once, and the fields both changed differently
/// (which hold our value in it).
pub fn merge_notes(base: &Note, ours: &Note, theirs: &Note) -> (Note, Conflicts) {
    let mut out = Vec::new();
    let merged = Note {
        kind: pick("kind", &base.kind, &ours.kind, &theirs.kind, &mut out),
        title: pick("title", &base.title, &ours.title, &theirs.title, &mut out),
        date: pick("date", &base.date, &ours.date, &theirs.date, &mut out),
        study: pick("study", &base.study, &ours.study, &theirs.study, &mut out),
        place: pick("place", &base.place, &ours.place, &theirs.place, &mut out),
        researcher: pick(
            "researcher",
            &base.researcher,
            &ours.researcher,
            &theirs.researcher,
            &mut out,
        ),
        participants: people(
            &base.participants,
            &ours.participants,
            &theirs.participants,
            &mut out,
        ),
        tags: set(&base.tags, &ours.tags, &theirs.tags),
        why: set(&base.why, &ours.why, &theirs.why),
        body: pick("body", &base.body, &ours.body, &theirs.body, &mut out),
        findings: findings(&base.findings, &ours.findings, &theirs.findings, &mut out),
        source: pick(
            "source",
            &base.source,
            &ours.source,
            &theirs.source,
            &mut out,
        ),
        evidence: set(&base.evidence, &ours.evidence, &theirs.evidence),
        action: pick(
            "action",
            &base.action,
            &ours.action,
            &theirs.action,
            &mut out,
        ),
        status: pick(
            "status",
            &base.status,
            &ours.status,
            &theirs.status,
            &mut out,
        ),
        extra: pick(
            "other keys",
            &base.extra,
            &ours.extra,
            &theirs.extra,
            &mut out,
        ),
    };
    (merged, out)
}

/// The side that changed the value, or either when they agree; a conflict when both changed it
/// differently (ours is kept in the result, to be set beside theirs).
fn pick<T: Clone + PartialEq>(
    name: &str,
    base: &T,
    ours: &T,
    theirs: &T,
    out: &mut Conflicts,
) -> T {
    if ours == theirs || theirs == base {
        ours.clone()
    } else if ours == base {
        theirs.clone()
    } else {
        out.push(name.to_owned());
        ours.clone()
    }
}

/// Ours, with what theirs added and without what theirs took away, in our order.
fn set(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let mut merged: Vec<String> = ours
        .iter()
        .filter(|v| !base.contains(v) || theirs.contains(v))
        .cloned()
        .collect();
    for value in theirs {
        if !base.contains(value) && !merged.contains(value) {
            merged.push(value.clone());
        }
    }
    merged
}

/// Participants matched by alias, each merged field by field.
fn people(
    base: &[Participant],
    ours: &[Participant],
    theirs: &[Participant],
    out: &mut Conflicts,
) -> Vec<Participant> {
    let find = |list: &[Participant], alias: &str| list.iter().find(|p| p.alias == alias).cloned();
    let mut merged = Vec::new();
    for mine in ours {
        let was = find(base, &mine.alias);
        match (was, find(theirs, &mine.alias)) {
            (Some(was), Some(other)) => {
                let name = |field: &str| format!("participant {} {field}", mine.alias);
                merged.push(Participant {
                    alias: mine.alias.clone(),
                    about: pick(&name("about"), &was.about, &mine.about, &other.about, out),
                    consent: pick(
                        &name("consent"),
                        &was.consent,
                        &mine.consent,
                        &other.consent,
                        out,
                    ),
                    extra: pick(&name("keys"), &was.extra, &mine.extra, &other.extra, out),
                });
            }
            // They removed one we kept: gone, unless we changed it.
            (Some(was), None) if was == *mine => {}
            (Some(_), None) => {
                out.push(format!("participant {}", mine.alias));
                merged.push(mine.clone());
            }
            // Both added someone of the same alias: one person when they agree.
            (None, Some(other)) => {
                if other != *mine {
                    out.push(format!("participant {}", mine.alias));
                }
                merged.push(mine.clone());
            }
            (None, None) => merged.push(mine.clone()),
        }
    }
    for other in theirs {
        if find(ours, &other.alias).is_some() {
            continue;
        }
        match find(base, &other.alias) {
            // We removed one they kept: gone, unless they changed it.
            Some(was) if was == *other => {}
            Some(_) => {
                out.push(format!("participant {}", other.alias));
                merged.push(other.clone());
            }
            None => merged.push(other.clone()),
        }
    }
    merged
}

/// Findings by position: those both had merged field by field, new ones from both sides kept
/// (ours first). Taking findings away while the other side changed them is a conflict.
fn findings(
    base: &[Finding],
    ours: &[Finding],
    theirs: &[Finding],
    out: &mut Conflicts,
) -> Vec<Finding> {
    if ours.len() < base.len() || theirs.len() < base.len() {
        return pick(
            "findings",
            &base.to_vec(),
            &ours.to_vec(),
            &theirs.to_vec(),
            out,
        );
    }
    let mut merged: Vec<Finding> = base
        .iter()
        .zip(ours)
        .zip(theirs)
        .enumerate()
        .map(|(i, ((was, mine), other))| {
            let name = |field: &str| format!("finding {} {field}", i + 1);
            Finding {
                did: pick(&name("did"), &was.did, &mine.did, &other.did, out),
                quote: pick(&name("quote"), &was.quote, &mine.quote, &other.quote, out),
                why: set(&was.why, &mine.why, &other.why),
                note: pick(&name("remark"), &was.note, &mine.note, &other.note, out),
                extra: pick(&name("keys"), &was.extra, &mine.extra, &other.extra, out),
            }
        })
        .collect();
    merged.extend(ours[base.len()..].iter().cloned());
    for added in &theirs[base.len()..] {
        if !ours[base.len()..].contains(added) {
            merged.push(added.clone());
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::parse;
    use proptest::prelude::*;

    const BASE: &str = "kind: interview\ntitle: Teen at the gate\ndate: 2024-05-02\n\
        tags: [commute]\nparticipants:\n  - alias: P07\n    about: student\n\
        findings:\n  - did: turns the radio off\n    quote: Nobody wants my music.\n    why: [courtesy]\n";

    fn note(text: &str) -> Note {
        parse(text).note.unwrap_or_else(|| panic!("a note: {text}"))
    }

    #[test]
    fn independent_changes_to_one_note_are_all_kept() {
        let base = note(BASE);
        let ours = note(
            &BASE
                .replace("Teen at the gate", "Teen at the ticket gate")
                .replace("why: [courtesy]", "why: [courtesy, autonomy]"),
        );
        let theirs = note(&format!(
            "{}  - did: walks on\n",
            BASE.replace("[commute]", "[commute, radio]")
                .replace("why: [courtesy]", "why: [courtesy, shame]")
        ));
        let (merged, conflicts) = merge_notes(&base, &ours, &theirs);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(merged.title, "Teen at the ticket gate");
        assert_eq!(merged.tags, ["commute", "radio"]);
        assert_eq!(merged.findings.len(), 2);
        assert_eq!(merged.findings[0].why, ["courtesy", "autonomy", "shame"]);
        assert_eq!(merged.findings[1].did.as_deref(), Some("walks on"));
    }

    #[test]
    fn the_same_quote_changed_both_ways_is_a_conflict_and_a_removal_is_kept() {
        let base = note(BASE);
        let ours = note(&BASE.replace("Nobody wants my music.", "Nobody wants MY music."));
        let theirs = note(&BASE.replace("Nobody wants my music.", "No one wants my music."));
        let (merged, conflicts) = merge_notes(&base, &ours, &theirs);
        assert_eq!(conflicts, ["finding 1 quote"]);
        assert_eq!(merged, ours, "ours is kept where both changed");
        // A code one side took off stays off.
        let theirs = note(&BASE.replace("why: [courtesy]", "why: []"));
        let (merged, _) = merge_notes(&base, &base, &theirs);
        assert!(merged.findings[0].why.is_empty());
    }

    fn variant() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec![
                "Teen at the gate",
                "Teen at the barrier",
                "Boy at the gate",
            ]),
            prop::sample::select(vec!["[commute]", "[commute, radio]", "[]", "[radio]"]),
            prop::sample::select(vec!["", "  - did: walks on\n", "  - did: waits\n"]),
        )
            .prop_map(|(title, tags, more)| {
                format!(
                    "{}{more}",
                    BASE.replace("Teen at the gate", title)
                        .replace("[commute]", tags)
                )
            })
    }

    proptest! {
        #[test]
        fn merging_is_sound(a in variant(), b in variant()) {
            let (base, ours, theirs) = (note(BASE), note(&a), note(&b));
            // A note merged with itself is itself; a change on one side only is taken as is.
            prop_assert_eq!(merge_notes(&ours, &ours, &ours), (ours.clone(), vec![]));
            prop_assert_eq!(merge_notes(&base, &ours, &base), (ours.clone(), vec![]));
            prop_assert_eq!(merge_notes(&base, &base, &theirs), (theirs.clone(), vec![]));
            // Both sides' changes to different fields are both held.
            let one_title = ours.title == base.title
                || theirs.title == base.title
                || ours.title == theirs.title;
            if one_title {
                let (merged, conflicts) = merge_notes(&base, &ours, &theirs);
                prop_assert!(conflicts.is_empty(), "{:?}", conflicts);
                {
                    let title = if ours.title != base.title { &ours.title } else { &theirs.title };
                    prop_assert_eq!(&merged.title, title);
                    for tag in ours.tags.iter().chain(&theirs.tags) {
                        let added = !base.tags.contains(tag);
                        prop_assert!(!added || merged.tags.contains(tag));
                    }
                }
            }
        }
    }
}
