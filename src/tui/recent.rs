//! What the notebook already holds that a new note will likely repeat: its studies (offered as
//! the study field is typed, so a slip does not make a new study) and the places of its newest
//! notes. A day in the field is one study in one place, so the newest note's study starts the
//! next note's.

use crate::error::Result;
use crate::index::{SearchIndex, Sort};
use crate::notebook::Notebook;
use crate::query::Query;

/// How many of the newest notes are read for their places.
const NEWEST: usize = 40;

/// The studies and places to offer in the form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recent {
    /// Every study in the notebook with its number of notes, the most used first.
    pub studies: Vec<(String, usize)>,
    /// Places of the newest notes, newest first, each once.
    pub places: Vec<String>,
    /// The study of the newest note (by its date), to start a new note with.
    pub study: Option<String>,
}

/// Reads the studies from the index and the places from the newest notes' files.
pub fn recent(notebook: &Notebook, index: &SearchIndex) -> Result<Recent> {
    let mut studies = index.facets()?.studies;
    studies.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let newest = index.search(&Query::default(), Sort::Date, NEWEST)?;
    let study = newest.hits.first().and_then(|hit| hit.study.clone());
    let paths = newest
        .hits
        .iter()
        .map(|hit| notebook.root.join(&hit.path))
        .collect();
    let mut loaded = notebook.load_paths(paths).notes;
    // Loading does not keep the order asked for.
    loaded.sort_by(|a, b| b.note.date.as_str().cmp(a.note.date.as_str()));
    let mut places: Vec<String> = Vec::new();
    for file in loaded {
        if let Some(place) = file.note.place.map(|p| p.trim().to_owned())
            && !place.is_empty()
            && !places.iter().any(|p| p.eq_ignore_ascii_case(&place))
        {
            places.push(place);
        }
    }
    Ok(Recent {
        studies,
        places,
        study,
    })
}
