//! A piece of evidence with its words: what the person did and said, the researcher's remark,
//! who, where and when, and the other codes on it. Read from the note only for the pieces
//! shown.

use serde::Serialize;

use super::Evidence;
use super::name::Name;
use crate::note::Note;

/// The notes at some paths of a notebook, each file read once, found by id: the words of
/// the pieces shown, where the board reads any.
pub struct Read {
    loaded: crate::notebook::Loaded,
    by_id: std::collections::HashMap<String, usize>,
}

impl Read {
    /// The notes at `paths`, relative to the root of `notebook`.
    pub fn at<'a>(
        notebook: &crate::notebook::Notebook,
        paths: impl IntoIterator<Item = &'a str>,
    ) -> Read {
        let mut files: Vec<std::path::PathBuf> =
            paths.into_iter().map(|p| notebook.root.join(p)).collect();
        files.sort();
        files.dedup();
        let loaded = notebook.load_paths(files);
        let by_id = loaded
            .notes
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        Read { loaded, by_id }
    }

    /// The note with `id`, when it was read.
    pub fn note(&self, id: &str) -> Option<&Note> {
        Some(&self.loaded.notes.get(*self.by_id.get(id)?)?.note)
    }
}

/// A participant as the wall names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Someone {
    /// The pseudonym.
    pub alias: String,
    /// Who they are, in a few words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

/// A piece of evidence, with its words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// The note's id.
    pub id: String,
    /// The note's title.
    pub title: String,
    /// The note's date, as written.
    pub date: String,
    /// The study.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study: Option<String>,
    /// Where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The finding, counting from 1 as `show` numbers them; none for the note as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<usize>,
    /// What the person did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did: Option<String>,
    /// What they said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The researcher's remark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// Who it is about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Someone>,
    /// The other why-codes on it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

/// `piece` of `note` (with id `id`), the codes of the wall (`codes`) left out of `also`.
pub fn shown(note: &Note, id: &str, piece: &Evidence, people: &[Name], codes: &[&str]) -> Shown {
    let finding = piece.finding.and_then(|j| note.findings.get(j));
    let on: &[String] = match finding {
        Some(f) => &f.why,
        None => &note.why,
    };
    Shown {
        id: id.to_owned(),
        title: note.title.clone(),
        date: note.date.as_str().to_owned(),
        study: note.study.clone(),
        place: note.place.clone(),
        finding: piece.finding.map(|j| j + 1),
        did: finding.and_then(|f| f.did.clone()),
        quote: finding.and_then(|f| f.quote.clone()),
        remark: finding.and_then(|f| f.note.clone()),
        people: people
            .iter()
            .map(|alias| Someone {
                alias: alias.to_string(),
                about: note
                    .participants
                    .iter()
                    .find(|p| *alias == p.alias)
                    .and_then(|p| p.about.clone()),
            })
            .collect(),
        also: on
            .iter()
            .filter(|c| !codes.contains(&c.as_str()))
            .cloned()
            .collect(),
    }
}
