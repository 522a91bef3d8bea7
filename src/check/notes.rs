//! What is wrong with one readable note, set against the settings, the codebook, the folders
//! and the other notes.

use std::collections::HashSet;

use crate::codebook::{CODEBOOK_FILE, Codebook};
use crate::index::edits_within;
use crate::notebook::{Loaded, NoteFile, Notebook, Settings, names_folder};
use crate::problem::Problem;
use crate::yaml::Pos;

/// What a note is checked against, gathered once for the whole notebook.
pub struct Known<'a> {
    kinds: Vec<&'a str>,
    codebook: &'a Codebook,
    ids: HashSet<&'a str>,
    /// The folders at the top of the notebook that are a study's (where `new` puts the notes
    /// of a study some note names).
    study_folders: HashSet<String>,
}

impl<'a> Known<'a> {
    /// The kinds, codes, ids and study folders of a notebook.
    pub fn new(
        notebook: &Notebook,
        loaded: &'a Loaded,
        settings: &'a Settings,
        codebook: &'a Codebook,
    ) -> Known<'a> {
        let studies: HashSet<&str> = loaded
            .notes
            .iter()
            .filter_map(|f| f.note.study.as_deref())
            .collect();
        let study_folders = std::fs::read_dir(&notebook.root)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| studies.iter().any(|s| names_folder(s, name)))
            .collect();
        Known {
            kinds: settings.kinds(),
            codebook,
            ids: loaded.notes.iter().map(|n| n.id.as_str()).collect(),
            study_folders,
        }
    }
}

/// Every problem of a readable note beyond the ones reading it found: unknown kinds and
/// why-codes, evidence that points nowhere, a study other than the folder's, an odd file name.
/// All are warnings: the note is served as it is.
pub fn note_problems(file: &NoteFile, known: &Known) -> Vec<Problem> {
    let at = |p: Problem| p.in_file(&file.path);
    let mut problems = Vec::new();
    if !known.kinds.contains(&file.note.kind.as_str()) {
        problems.push(at(unknown_kind(file, &known.kinds)));
    }
    for code in &file.spots.codes {
        if known.codebook.get(&code.value).is_none() {
            problems.push(at(Problem::warning(code.pos, format!("the why-code `{}` is not in the codebook", code.value))
                .hint(format!("add it to {CODEBOOK_FILE}, or correct the spelling (`fieldnotes codes` lists the codes)"))));
        }
    }
    for evidence in &file.spots.evidence {
        if !known.ids.contains(evidence.value.as_str()) {
            problems.push(at(Problem::warning(
                evidence.pos,
                format!(
                    "the evidence `{}` is not a note in this notebook",
                    evidence.value
                ),
            )
            .hint(
                "evidence lists note ids (file names without .yaml); `fieldnotes list` shows them",
            )));
        }
    }
    problems.extend(study_folder(file, known).map(at));
    if !is_canonical_id(&file.id) {
        problems.push(at(Problem::warning(Pos::START, format!("the file name `{}` does not follow YYYY-MM-DD-slug", file.id))
            .hint("notes made by fieldnotes are named by date and title; renaming is safe if no insight cites this id")));
    }
    problems
}

/// A kind that is not one of the notebook's: the note is still listed and searched under it,
/// so a typo loses nothing, but a filter by the right kind misses it.
fn unknown_kind(file: &NoteFile, kinds: &[&str]) -> Problem {
    let kind = file.note.kind.as_str();
    let near = kinds
        .iter()
        .find(|k| edits_within(k, &kind.to_lowercase(), 2) && k.len() > 2);
    let hint = match near {
        Some(near) => format!(
            "did you mean `{near}`? Otherwise add `{kind}` under `kinds:` in fieldnotes.yaml"
        ),
        None => format!(
            "use one of: {}; or add it under `kinds:` in fieldnotes.yaml",
            kinds.join(", ")
        ),
    };
    Problem::warning(
        file.spots.kind,
        format!("`{kind}` is not a kind of note here"),
    )
    .hint(hint)
}

/// A note that sits in one study's folder (where `new` puts that study's notes) but names
/// another study. Notes outside study folders (`insights/`, the top folder) disagree with
/// nothing. Ids never change, so the file is not moved for the user.
fn study_folder(file: &NoteFile, known: &Known) -> Option<Problem> {
    let study = file.note.study.as_deref()?;
    let folder = file
        .path
        .parent()?
        .components()
        .next()?
        .as_os_str()
        .to_str()?;
    if names_folder(study, folder) || !known.study_folders.contains(folder) {
        return None;
    }
    Some(
        Problem::warning(
            file.spots.study.unwrap_or(Pos::START),
            format!("the study is `{study}`, but the note sits in `{folder}/`, the folder of the study `{folder}`"),
        )
        .hint(format!(
            "move the file to where `{study}` notes are kept (its id stays the same), or change `study:` to `{folder}`"
        )),
    )
}

fn is_canonical_id(id: &str) -> bool {
    // Split where a `YYYY-MM-DD-` prefix would end; a name with other characters there
    // (non-ASCII ones included) is simply not canonical.
    id.split_at_checked(11).is_some_and(|(day, slug)| {
        day.ends_with('-')
            && jiff::civil::Date::strptime("%Y-%m-%d", &day[..10]).is_ok()
            && crate::codebook::is_slug(slug)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_ids() {
        assert!(is_canonical_id("2024-03-14-photo-walk"));
        assert!(is_canonical_id("2024-03-14-photo-walk-2"));
        assert!(!is_canonical_id("photo-walk"));
        assert!(!is_canonical_id("2024-13-14-photo"));
        assert!(!is_canonical_id("2024-03-14-Photo Walk"));
        assert!(!is_canonical_id("2024-03-14"));
        // Byte 11 inside a character must not panic.
        assert!(!is_canonical_id("日本語のノート"));
        assert!(!is_canonical_id("2024-03-1日-photo"));
    }
}
