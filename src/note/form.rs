//! A note being written: every field as the text typed so far, valid or not, so that it can be
//! saved as a draft at any moment and turned into a note only when it is one.

use serde::{Deserialize, Serialize};

use super::{Finding, Note, NoteDate, Participant, Source};

/// A note being written or edited.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteForm {
    /// The kind.
    pub kind: String,
    /// The title.
    pub title: String,
    /// The date or date-time, as typed.
    pub date: String,
    /// The study.
    pub study: String,
    /// The place.
    pub place: String,
    /// Who records it.
    pub researcher: String,
    /// The people, by pseudonym.
    pub participants: Vec<PersonForm>,
    /// Topic tags.
    pub tags: Vec<String>,
    /// Why-codes for the whole note.
    pub why: Vec<String>,
    /// The body.
    pub body: String,
    /// What people did and said, and why.
    pub findings: Vec<FindingForm>,
    /// A social post's link.
    pub url: String,
    /// A social post's author.
    pub author: String,
    /// Where a social post was found.
    pub platform: String,
    /// An insight's evidence: note ids.
    pub evidence: Vec<String>,
    /// An insight's action.
    pub action: String,
    /// An insight's status.
    pub status: String,
}

/// A participant being written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonForm {
    /// The pseudonym.
    pub alias: String,
    /// Who they are.
    pub about: String,
    /// What they agreed to.
    pub consent: String,
}

/// A finding being written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FindingForm {
    /// What the person did.
    pub did: String,
    /// What they said.
    pub quote: String,
    /// Why-codes.
    pub why: Vec<String>,
    /// The researcher's remark.
    pub note: String,
}

/// What keeps a form from being a note: the field and what to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Unfinished {
    /// The field, as the form names it (`title`, `date`, `participant 2`).
    pub field: String,
    /// What is missing or wrong.
    pub message: String,
}

impl PersonForm {
    /// Whether nothing was typed into the row.
    pub fn is_blank(&self) -> bool {
        [&self.alias, &self.about, &self.consent]
            .iter()
            .all(|t| t.trim().is_empty())
    }
}

impl FindingForm {
    /// Whether nothing was typed or picked in the row.
    pub fn is_blank(&self) -> bool {
        [&self.did, &self.quote, &self.note]
            .iter()
            .all(|t| t.trim().is_empty())
            && self.why.iter().all(|w| w.trim().is_empty())
    }
}

impl NoteForm {
    /// A form holding `note`, to edit it.
    pub fn of(note: &Note) -> NoteForm {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let source = note.source.clone().unwrap_or_default();
        NoteForm {
            kind: note.kind.clone(),
            title: note.title.clone(),
            date: note.date.as_str().to_owned(),
            study: text(&note.study),
            place: text(&note.place),
            researcher: text(&note.researcher),
            participants: note
                .participants
                .iter()
                .map(|p| PersonForm {
                    alias: p.alias.clone(),
                    about: text(&p.about),
                    consent: text(&p.consent),
                })
                .collect(),
            tags: note.tags.clone(),
            why: note.why.clone(),
            body: text(&note.body),
            findings: note
                .findings
                .iter()
                .map(|f| FindingForm {
                    did: text(&f.did),
                    quote: text(&f.quote),
                    why: f.why.clone(),
                    note: text(&f.note),
                })
                .collect(),
            url: text(&source.url),
            author: text(&source.author),
            platform: text(&source.platform),
            evidence: note.evidence.clone(),
            action: text(&note.action),
            status: text(&note.status),
        }
    }

    /// The note this form makes. `base` is the note being edited: keys fieldnotes does not
    /// know, on the note and on each participant and finding, are kept from it.
    pub fn to_note(&self, base: Option<&Note>) -> Result<Note, Unfinished> {
        let unfinished = |field: &str, message: &str| Unfinished {
            field: field.to_owned(),
            message: message.to_owned(),
        };
        if self.kind.trim().is_empty() {
            return Err(unfinished("kind", "choose the kind of note"));
        }
        if self.title.trim().is_empty() {
            return Err(unfinished("title", "say in one line what happened"));
        }
        let date = NoteDate::parse(self.date.trim()).map_err(|e| Unfinished {
            field: "date".into(),
            message: e.to_string(),
        })?;
        let mut participants = Vec::new();
        for (i, person) in self.participants.iter().enumerate() {
            if person.is_blank() {
                continue;
            }
            if person.alias.trim().is_empty() {
                let field = format!("participant {}", i + 1);
                return Err(unfinished(&field, "give them a pseudonym (alias)"));
            }
            let kept = base.and_then(|b| b.participants.get(i));
            participants.push(Participant {
                alias: person.alias.trim().to_owned(),
                about: some(&person.about),
                consent: some(&person.consent),
                extra: kept.map(|p| p.extra.clone()).unwrap_or_default(),
            });
        }
        let findings = self
            .findings
            .iter()
            .enumerate()
            // A finding that holds only keys fieldnotes does not know is kept as it is.
            .filter(|(i, f)| {
                !f.is_blank()
                    || base
                        .and_then(|b| b.findings.get(*i))
                        .is_some_and(|k| !k.extra.is_empty())
            })
            .map(|(i, f)| Finding {
                did: some(&f.did),
                quote: some(&f.quote),
                why: words(&f.why),
                note: some(&f.note),
                extra: base
                    .and_then(|b| b.findings.get(i))
                    .map(|k| k.extra.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let kept_source = base.and_then(|b| b.source.clone()).unwrap_or_default();
        let source = Source {
            url: some(&self.url),
            author: some(&self.author),
            platform: some(&self.platform),
            extra: kept_source.extra,
        };
        let has_source = source.url.is_some()
            || source.author.is_some()
            || source.platform.is_some()
            || !source.extra.is_empty();
        Ok(Note {
            kind: self.kind.trim().to_owned(),
            title: self.title.trim().to_owned(),
            date,
            study: some(&self.study),
            place: some(&self.place),
            researcher: some(&self.researcher),
            participants,
            tags: words(&self.tags),
            why: words(&self.why),
            body: some(&self.body),
            findings,
            source: has_source.then_some(source),
            evidence: words(&self.evidence),
            action: some(&self.action),
            status: some(&self.status),
            extra: base.map(|b| b.extra.clone()).unwrap_or_default(),
        })
    }
}

/// Text typed into a field exactly as typed (a note read and saved again is unchanged), or
/// nothing when only blanks were.
fn some(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}

fn words(list: &[String]) -> Vec<String> {
    super::once(
        list.iter()
            .map(|w| w.trim().to_owned())
            .filter(|w| !w.is_empty()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "\
kind: interview
title: Teen at the gate
date: 2024-05-02T08:10+09:00
place: Shibuya
participants:
  - alias: P07
    about: student
    mood: tired
why: [autonomy]
body: |
  Long text.
findings:
  - did: turns the radio off
    why: [private-soundtrack]
    heard_by: ms
weather: rain
";

    #[test]
    fn a_note_makes_a_form_that_makes_the_same_note_unknown_keys_included() {
        let note = super::super::parse(NOTE).note.expect("a note");
        let form = NoteForm::of(&note);
        assert_eq!(form.findings[0].why, ["private-soundtrack"]);
        assert_eq!(form.to_note(Some(&note)), Ok(note));
    }

    #[test]
    fn a_form_is_a_note_once_it_has_a_kind_a_title_and_a_date() {
        let mut form = NoteForm {
            kind: "interview".into(),
            date: "2024-05-02T08:10".into(),
            findings: vec![FindingForm::default(), FindingForm::default()],
            participants: vec![PersonForm::default()],
            ..NoteForm::default()
        };
        assert_eq!(form.to_note(None).unwrap_err().field, "title");
        form.title = "At the gate  ".into();
        form.date = "2024-13-02".into();
        assert_eq!(form.to_note(None).unwrap_err().field, "date");
        form.date = "2024-05-02".into();
        let note = form.to_note(None).expect("a note");
        assert_eq!(note.title, "At the gate");
        // Rows left blank are not part of the note.
        assert!(note.findings.is_empty() && note.participants.is_empty());
        form.participants[0].about = "student".into();
        assert_eq!(form.to_note(None).unwrap_err().field, "participant 1");
    }

    #[test]
    fn a_code_or_tag_picked_twice_is_saved_once() {
        let form = NoteForm {
            kind: "interview".into(),
            title: "Twice".into(),
            date: "2024-05-02".into(),
            why: vec!["escape".into(), "quiet".into(), " escape ".into()],
            tags: vec!["gate".into(), "gate".into()],
            findings: vec![FindingForm {
                did: "waves".into(),
                why: vec!["quiet".into(), "quiet".into()],
                ..FindingForm::default()
            }],
            ..NoteForm::default()
        };
        let note = form.to_note(None).expect("a note");
        assert_eq!(note.why, ["escape", "quiet"]);
        assert_eq!(note.tags, ["gate"]);
        assert_eq!(note.findings[0].why, ["quiet"]);
    }

    #[test]
    fn a_finding_that_holds_only_unknown_keys_survives_an_edit() {
        let text = "kind: interview\ntitle: T\ndate: 2024-05-02\nfindings:\n  - photo: p1.jpg\n  - did: waves\n";
        let note = super::super::parse(text).note.expect("a note");
        let mut form = NoteForm::of(&note);
        form.title = "T2".into();
        let edited = form.to_note(Some(&note)).expect("a note");
        assert_eq!(edited.findings, note.findings);
        // A new note has no such rows: blank ones go.
        assert_eq!(form.to_note(None).expect("a note").findings.len(), 1);
    }

    #[test]
    fn a_form_survives_a_round_trip_through_yaml_as_a_draft_does() {
        let note = super::super::parse(NOTE).note.expect("a note");
        let form = NoteForm::of(&note);
        let text = crate::yaml::to_canonical_string(&form).expect("yaml");
        let back: NoteForm = serde_saphyr::from_str(&text).expect("reads back");
        assert_eq!(back, form);
    }
}
