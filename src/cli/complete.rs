//! Completing arguments in the shell from the notebook: note ids, why-codes, kinds and
//! studies. The shell runs `fieldnotes` with `COMPLETE=<shell>` set while the user presses
//! Tab; nothing here may print, fail or wait: anything that goes wrong offers nothing.

use std::path::PathBuf;

use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::dirs::Dirs;
use crate::index::SearchIndex;
use crate::notebook::{self, Notebook, note_id};

/// Candidates for a note id.
pub fn ids() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Some(notebook) = here() else {
            return Vec::new();
        };
        let mut ids: Vec<String> = notebook.note_paths().iter().map(|p| note_id(p)).collect();
        ids.sort_unstable_by(|a, b| b.cmp(a));
        ids.dedup();
        ids.into_iter().map(CompletionCandidate::new).collect()
    })
}

/// Candidates for a why-code, with each code's description as its help.
pub fn codes() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Some(notebook) = here() else {
            return Vec::new();
        };
        notebook
            .codebook()
            .0
            .codes
            .into_iter()
            .map(|code| {
                let help = code.description.map(|d| one_line(&d).into());
                CompletionCandidate::new(code.name).help(help)
            })
            .collect()
    })
}

/// Candidates for a kind: the built-in ones and those the notebook's settings add.
pub fn kinds() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let settings = here().map(|n| n.settings().0).unwrap_or_default();
        settings
            .kinds()
            .into_iter()
            .map(|k| CompletionCandidate::new(k.to_owned()))
            .collect()
    })
}

/// Candidates for a study: those the notes name, from the search index when there is one,
/// else the notebook's top-level folders.
pub fn studies() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Some(notebook) = here() else {
            return Vec::new();
        };
        let names = indexed_studies(&notebook).unwrap_or_else(|| folders(&notebook));
        names.into_iter().map(CompletionCandidate::new).collect()
    })
}

/// The notebook the command would work on, found as every command finds it (the
/// `--notebook` flag is not seen while completing).
fn here() -> Option<Notebook> {
    let dirs = Dirs::from_env();
    let cwd = std::env::current_dir().ok()?;
    let env = std::env::var_os("FIELDNOTES_NOTEBOOK").map(PathBuf::from);
    let default = dirs.default_notebook();
    let (root, _) = notebook::find_root(None, env.as_deref(), &cwd, &default).ok()?;
    root.join(notebook::SETTINGS_FILE)
        .is_file()
        .then(|| Notebook::open(&root).ok())
        .flatten()
}

/// The studies the index knows, when an index exists: a missing one is never built while
/// the user waits on a Tab.
fn indexed_studies(notebook: &Notebook) -> Option<Vec<String>> {
    let cache = Dirs::from_env().cache;
    if !crate::index::location(&cache, &notebook.root).is_dir() {
        return None;
    }
    let (index, _) = SearchIndex::open_as_is(notebook, &cache, &|_| {}).ok()?;
    let facets = index.facets().ok()?;
    Some(facets.studies.into_iter().map(|(name, _)| name).collect())
}

fn folders(notebook: &Notebook) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(&notebook.root) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn one_line(text: &str) -> String {
    crate::safe::line(text.lines().next().unwrap_or_default())
}
