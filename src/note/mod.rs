//! The note: one interview, observation, meeting, social capture or insight, as the user
//! wrote it in YAML. The field order here is the canonical key order on disk.

mod date;
mod form;
mod read;
mod reflow;
mod save;
mod tagging;
mod template;

use serde::{Serialize, Serializer};

pub use date::NoteDate;
pub use form::{FindingForm, NoteForm, PersonForm, Unfinished};
pub use read::{Parsed, Spots, parse};
pub use reflow::reflow;
pub use save::{FINDING_KEYS, NOTE_KEYS, edited, edited_in_place};
pub use tagging::{Coded, with_codes};
pub use template::{Draft, template};

use crate::yaml::{self, fields::Extra};

/// The kinds every notebook knows; `fieldnotes.yaml` may add more.
pub const BUILT_IN_KINDS: [&str; 5] = ["interview", "observation", "meeting", "social", "insight"];

/// One note.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    /// interview, observation, meeting, social, insight, or a kind the notebook adds.
    pub kind: String,
    /// One line that says what happened.
    pub title: String,
    /// When it happened.
    pub date: NoteDate,
    /// The study the note belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study: Option<String>,
    /// Where it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Who recorded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub researcher: Option<String>,
    /// The people observed or interviewed, by pseudonym.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    /// Topics: what the note is about.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "flow")]
    pub tags: Vec<String>,
    /// Why-codes for the note as a whole.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "flow")]
    pub why: Vec<String>,
    /// Free text: transcript or field notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// What people did, what they said, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    /// Where a social-listening capture came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// For insights: the ids of the notes that back it.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "flow")]
    pub evidence: Vec<String>,
    /// For insights: what was decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// For insights: where the decision stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Keys fieldnotes does not know, kept in their order.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Someone the note is about, under a pseudonym.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Participant {
    /// The pseudonym (never a real name).
    pub alias: String,
    /// Who they are, in a few words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// What they agreed to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent: Option<String>,
    /// Keys fieldnotes does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One observed behaviour or statement, and the reasons behind it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Finding {
    /// What the person did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did: Option<String>,
    /// What the person said, word for word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Why-codes for this finding.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "flow")]
    pub why: Vec<String>,
    /// The researcher's remark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Keys fieldnotes does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a social-listening capture was found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Source {
    /// Link to the post.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who posted it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where it was posted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Keys fieldnotes does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Note {
    /// Every why-code used in the note, on the note and on its findings, without repeats.
    pub fn all_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = Vec::new();
        let used = self
            .why
            .iter()
            .chain(self.findings.iter().flat_map(|f| &f.why));
        for code in used {
            if !codes.contains(&code.as_str()) {
                codes.push(code);
            }
        }
        codes
    }

    /// The note in canonical YAML: the bytes `fmt` writes.
    pub fn to_yaml(&self) -> String {
        // Every value in a note is a string, list or mapping the emitter accepts, so a failure
        // here would be a bug in the emitter; fall back to a JSON rendering (valid YAML) rather
        // than losing the note.
        yaml::to_canonical_string(self)
            .unwrap_or_else(|_| serde_json::to_string_pretty(self).unwrap_or_default() + "\n")
    }
}

/// The words of a list each once, in the order they first appear: a code or tag written twice
/// means nothing more than once, and a list is never written with a repeat.
pub fn once(words: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for word in words {
        if !kept.contains(&word) {
            kept.push(word);
        }
    }
    kept
}

/// Serializes a list of words in flow style, `[a, b]`.
pub fn flow<S: Serializer>(words: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    serde_saphyr::FlowSeq(words).serialize(serializer)
}
