//! The text a new note starts from: the fields that fit its kind, blank ones left for the user.
//! Blank keys and all-blank list items read as absent, so an untouched template field costs
//! nothing and `fmt` later drops it.

use super::NoteDate;
use crate::yaml;

/// What is known about a note before the user writes it.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    /// The kind of note.
    pub kind: String,
    /// Title, if given.
    pub title: Option<String>,
    /// When; now if not given.
    pub date: Option<NoteDate>,
    /// Study, if given.
    pub study: Option<String>,
    /// Place, if given.
    pub place: Option<String>,
    /// Who records it.
    pub researcher: Option<String>,
    /// Participant aliases.
    pub participants: Vec<String>,
    /// Topic tags.
    pub tags: Vec<String>,
    /// Why-codes for the whole note.
    pub why: Vec<String>,
}

/// The YAML text of a new note of `draft.kind`.
pub fn template(draft: &Draft) -> String {
    let date = draft.date.clone().unwrap_or_else(NoteDate::now);
    let mut out = String::new();
    line(&mut out, "kind", Some(&draft.kind));
    line(&mut out, "title", draft.title.as_deref());
    line(&mut out, "date", Some(date.as_str()));
    line(&mut out, "study", draft.study.as_deref());
    line(&mut out, "place", draft.place.as_deref());
    line(&mut out, "researcher", draft.researcher.as_deref());
    let with_people = matches!(draft.kind.as_str(), "interview" | "meeting");
    if with_people || !draft.participants.is_empty() {
        out.push_str("participants:\n");
        let aliases: Vec<Option<&str>> = if draft.participants.is_empty() {
            vec![None]
        } else {
            draft
                .participants
                .iter()
                .map(|a| Some(a.as_str()))
                .collect()
        };
        for alias in aliases {
            out.push_str(&format!("  - alias:{}\n", value(alias)));
            out.push_str("    about:\n    consent:\n");
        }
    }
    out.push_str(&format!("tags: {}\n", list(&draft.tags)));
    out.push_str(&format!("why: {}\n", list(&draft.why)));
    out.push_str("body: |\n  \n");
    match draft.kind.as_str() {
        "insight" => out.push_str("evidence: []\naction:\nstatus: proposed\n"),
        kind => {
            out.push_str("findings:\n  - did:\n    quote:\n    why: []\n    note:\n");
            if kind == "social" {
                out.push_str("source:\n  url:\n  author:\n  platform:\n");
            }
        }
    }
    out
}

fn line(out: &mut String, key: &str, text: Option<&str>) {
    out.push_str(&format!("{key}:{}\n", value(text)));
}

fn value(text: Option<&str>) -> String {
    text.map(|t| format!(" {}", scalar(t))).unwrap_or_default()
}

fn list(words: &[String]) -> String {
    let words: Vec<String> = words.iter().map(|w| scalar(w)).collect();
    format!("[{}]", words.join(", "))
}

/// One value in YAML's own quoting, so titles like `Q&A: why "no"?` survive.
fn scalar(text: &str) -> String {
    let single_line = text.replace(['\n', '\r'], " ");
    let written = yaml::to_canonical_string(&single_line).unwrap_or_default();
    let written = written.trim_end();
    // Inside a flow list a plain scalar must not hold commas or brackets.
    if written.contains([',', '[', ']', '{', '}']) && !written.starts_with(['\'', '"']) {
        format!("'{}'", single_line.replace('\'', "''"))
    } else {
        written.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::parse;

    fn draft(kind: &str) -> Draft {
        Draft {
            kind: kind.into(),
            title: Some("Q&A: why \"no\"?".into()),
            date: NoteDate::parse("2024-03-14T15:20+09:00").ok(),
            participants: vec!["P01".into(), "P02".into()],
            why: vec!["trust, mostly".into()],
            ..Draft::default()
        }
    }

    #[test]
    fn every_kind_gives_a_valid_note_once_titled() {
        for kind in [
            "interview",
            "observation",
            "meeting",
            "social",
            "insight",
            "diary",
        ] {
            let parsed = parse(&template(&draft(kind)));
            assert_eq!(parsed.problems, [], "{kind}");
            let note = parsed.note.unwrap();
            assert_eq!(note.title, "Q&A: why \"no\"?");
            assert_eq!(note.why, ["trust, mostly"]);
            assert_eq!(note.participants.len(), 2);
            assert!(note.findings.is_empty(), "blank finding is not a finding");
        }
    }

    #[test]
    fn untitled_template_says_what_is_missing() {
        let mut d = draft("interview");
        d.title = None;
        let parsed = parse(&template(&d));
        assert!(parsed.problems[0].message.contains("`title` is empty"));
    }
}
