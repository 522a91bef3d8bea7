//! Settling a conflict field by field: keep mine, take theirs, or keep both (for text).

use crate::note::{Finding, Note};

/// What to do with a field both sides changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Keep the value in the note (ours).
    Mine,
    /// Take the team's value.
    Theirs,
    /// Keep both texts, ours first.
    Both,
}

/// `note` with `field` settled by `choice` against `theirs`; `None` when the field is not one
/// this note has (or, for `Both`, not text).
pub fn settle(note: &Note, theirs: &Note, field: &str, choice: Choice) -> Option<Note> {
    let mut out = note.clone();
    if choice == Choice::Mine {
        return Some(out);
    }
    let both = choice == Choice::Both;
    let text = |mine: &mut Option<String>, other: &Option<String>, gap: &str| {
        *mine = match (both, mine.take(), other) {
            (true, Some(a), Some(b)) if a != *b => Some(format!("{a}{gap}{b}")),
            (true, a @ Some(_), None) => a,
            (_, _, b) => b.clone(),
        };
    };
    let words: Vec<&str> = field.split(' ').collect();
    match words.as_slice() {
        ["title"] if both => out.title = format!("{} / {}", note.title, theirs.title),
        ["title"] => out.title = theirs.title.clone(),
        ["kind"] if !both => out.kind = theirs.kind.clone(),
        ["date"] if !both => out.date = theirs.date.clone(),
        ["study"] => text(&mut out.study, &theirs.study, " / "),
        ["place"] => text(&mut out.place, &theirs.place, " / "),
        ["researcher"] => text(&mut out.researcher, &theirs.researcher, ", "),
        ["body"] => text(&mut out.body, &theirs.body, "\n\n"),
        ["action"] => text(&mut out.action, &theirs.action, "\n\n"),
        ["status"] => text(&mut out.status, &theirs.status, " / "),
        ["source"] if !both => out.source = theirs.source.clone(),
        ["other", "keys"] if !both => out.extra = theirs.extra.clone(),
        ["findings"] if !both => out.findings = theirs.findings.clone(),
        // Lists a hand-made merge may differ in: theirs, or both as a set.
        ["tags"] => out.tags = union(&note.tags, &theirs.tags, both),
        ["why"] => out.why = union(&note.why, &theirs.why, both),
        ["evidence"] => out.evidence = union(&note.evidence, &theirs.evidence, both),
        ["participants"] if !both => out.participants = theirs.participants.clone(),
        ["finding", _, "added" | "removed"] if !both => out.findings = theirs.findings.clone(),
        ["finding", n, "why"] => {
            let i = n.parse::<usize>().ok()?.checked_sub(1)?;
            let other = theirs.findings.get(i)?.why.clone();
            let mine = out.findings.get_mut(i)?;
            mine.why = union(&mine.why, &other, both);
        }
        ["finding", n, part] => {
            let i = n.parse::<usize>().ok()?.checked_sub(1)?;
            let other = theirs.findings.get(i).cloned().unwrap_or_default();
            let mine: &mut Finding = out.findings.get_mut(i)?;
            match *part {
                "did" => text(&mut mine.did, &other.did, " / "),
                "quote" => text(&mut mine.quote, &other.quote, " / "),
                "remark" => text(&mut mine.note, &other.note, " / "),
                "keys" if !both => mine.extra = other.extra,
                _ => return None,
            }
        }
        ["participant", alias, part] => {
            let other = theirs
                .participants
                .iter()
                .find(|p| p.alias == *alias)?
                .clone();
            let mine = out.participants.iter_mut().find(|p| p.alias == *alias)?;
            match *part {
                "about" => text(&mut mine.about, &other.about, " / "),
                "consent" => text(&mut mine.consent, &other.consent, " / "),
                "keys" if !both => mine.extra = other.extra,
                _ => return None,
            }
        }
        // A participant one side removed and the other changed: theirs decides.
        ["participant", alias] if !both => {
            let other = theirs
                .participants
                .iter()
                .find(|p| p.alias == *alias)
                .cloned();
            out.participants.retain(|p| p.alias != *alias);
            out.participants.extend(other);
        }
        _ => return None,
    }
    Some(out)
}

/// `theirs`, or with `both` ours then what theirs adds.
fn union(ours: &[String], theirs: &[String], both: bool) -> Vec<String> {
    if !both {
        return theirs.to_vec();
    }
    crate::note::once(ours.iter().chain(theirs).cloned())
}

/// The value of `field` in `note`, whole, for showing beside the other side's: text as it is,
/// anything else as the YAML it is written as; `None` when the note has no such field.
pub fn value(note: &Note, field: &str) -> Option<String> {
    let text = |v: &Option<String>| Some(v.clone().unwrap_or_else(|| "(none)".to_owned()));
    let words: Vec<&str> = field.split(' ').collect();
    match words.as_slice() {
        ["kind"] => Some(note.kind.clone()),
        ["title"] => Some(note.title.clone()),
        ["date"] => Some(yaml(&note.date)),
        ["study"] => text(&note.study),
        ["place"] => text(&note.place),
        ["researcher"] => text(&note.researcher),
        ["body"] => text(&note.body),
        ["action"] => text(&note.action),
        ["status"] => text(&note.status),
        ["source"] => Some(yaml(&note.source)),
        ["other", "keys"] => Some(yaml(&note.extra)),
        ["findings"] => Some(yaml(&note.findings)),
        ["tags"] => Some(yaml(&note.tags)),
        ["why"] => Some(yaml(&note.why)),
        ["evidence"] => Some(yaml(&note.evidence)),
        ["participants"] => Some(yaml(&note.participants)),
        ["finding", n, part] => {
            let finding = note
                .findings
                .get(n.parse::<usize>().ok()?.checked_sub(1)?)?;
            match *part {
                "did" => text(&finding.did),
                "quote" => text(&finding.quote),
                "remark" => text(&finding.note),
                "keys" => Some(yaml(&finding.extra)),
                "why" => Some(yaml(&finding.why)),
                "added" | "removed" => Some(yaml(finding)),
                _ => None,
            }
        }
        ["participant", alias, rest @ ..] => {
            let Some(person) = note.participants.iter().find(|p| p.alias == *alias) else {
                return Some("(not in the note)".to_owned());
            };
            match rest {
                ["about"] => text(&person.about),
                ["consent"] => text(&person.consent),
                ["keys"] => Some(yaml(&person.extra)),
                [] => Some(yaml(person)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A value written as the YAML of a note, for reading.
fn yaml<T: serde::Serialize>(value: &T) -> String {
    crate::yaml::to_canonical_string(value)
        .map(|s| s.trim_end().to_owned())
        .unwrap_or_default()
}
