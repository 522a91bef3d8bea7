//! What the board needs to know of a note, without its text: who, where, when, and which
//! why-codes sit on the note and on each finding. Small enough to keep for every note of a
//! large notebook in memory, and to store in the index beside the note.

use serde::{Deserialize, Serialize};

use crate::note::Note;

/// A note, as the board counts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteFacts {
    /// The note's id.
    pub id: String,
    /// Its file, relative to the notebook root.
    pub path: String,
    /// interview, observation, …
    pub kind: String,
    /// The study, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study: Option<String>,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Who recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub researcher: Option<String>,
    /// The day it happened, `YYYY-MM-DD`: sorts as a date, and its first seven characters are
    /// the month.
    pub day: String,
    /// The participants' aliases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// Why-codes on the note as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// The findings, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<FindingFacts>,
    /// For insights: the ids of the notes that back it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// For insights: where the decision stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// A finding, as the board counts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingFacts {
    /// Its why-codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// The participants it is about: the one its `who` names, else every participant of the
    /// note (a note's findings are its participants' unless it says otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
}

/// A participant: the same alias in two studies is two people.
pub type Person = (Option<String>, String);

impl AsRef<NoteFacts> for NoteFacts {
    fn as_ref(&self) -> &NoteFacts {
        self
    }
}

impl NoteFacts {
    /// The facts of `note`, kept at `path` (relative to the notebook) under `id`.
    pub fn of(note: &Note, id: &str, path: &str) -> NoteFacts {
        let people: Vec<String> = note.participants.iter().map(|p| p.alias.clone()).collect();
        let findings = note
            .findings
            .iter()
            .map(|finding| {
                // `who: P07` (or a list) on a finding says whose it is, when it names someone
                // the note has.
                let named: Vec<String> = who(&finding.extra)
                    .into_iter()
                    .filter(|alias| people.contains(alias))
                    .collect();
                FindingFacts {
                    codes: crate::note::once(finding.why.iter().cloned()),
                    people: if named.is_empty() {
                        people.clone()
                    } else {
                        named
                    },
                }
            })
            .collect();
        NoteFacts {
            id: id.to_owned(),
            path: path.to_owned(),
            kind: note.kind.clone(),
            study: note.study.clone(),
            place: note.place.clone(),
            researcher: note.researcher.clone(),
            day: note.date.day().to_string(),
            people,
            codes: crate::note::once(note.why.iter().cloned()),
            findings,
            evidence: note.evidence.clone(),
            status: note.status.clone(),
        }
    }

    /// The month it happened, `YYYY-MM`.
    pub fn month(&self) -> &str {
        self.day.get(..7).unwrap_or(&self.day)
    }

    /// A participant of this note, as a person across the notebook.
    pub fn person(&self, alias: &str) -> Person {
        (self.study.clone(), alias.to_owned())
    }

    /// Whether any of `codes` is on the note or on one of its findings.
    pub fn carries(&self, codes: &[&str]) -> bool {
        let on = |list: &[String]| list.iter().any(|c| codes.contains(&c.as_str()));
        on(&self.codes) || self.findings.iter().any(|f| on(&f.codes))
    }
}

impl FindingFacts {
    /// Whether any of `codes` is on this finding.
    pub fn carries(&self, codes: &[&str]) -> bool {
        self.codes.iter().any(|c| codes.contains(&c.as_str()))
    }
}

/// The aliases a finding's `who` key names: one, or a list.
fn who(extra: &crate::yaml::fields::Extra) -> Vec<String> {
    use crate::yaml::Value;
    let Some((_, node)) = extra.0.iter().find(|(key, _)| key.name == "who") else {
        return Vec::new();
    };
    let text = |value: &Value| match value {
        Value::Str(s) => Some(s.trim().to_owned()),
        _ => None,
    };
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(|n| text(&n.value)).collect(),
        value => text(value).into_iter().collect(),
    }
}
