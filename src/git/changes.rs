//! What changed in the notebook since the last commit, as git sees it, sorted into what a sync
//! shares (notes, the codebook, the settings, `.gitignore`) and what it leaves out, with why.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Repo;
use crate::codebook::CODEBOOK_FILE;
use crate::error::Result;
use crate::notebook::{Notebook, SETTINGS_FILE, TEMP_FOLDER};

/// How a file changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    /// A file git did not have.
    Added,
    /// A file changed.
    Changed,
    /// A file removed.
    Deleted,
    /// A file moved or renamed.
    Renamed,
}

/// One changed file of the notebook.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Relative to the top of the repository, as git names it.
    pub path: String,
    /// The name it had, for a rename.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// How it changed.
    pub how: How,
    /// Why it is not shared, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held_back: Option<String>,
}

/// The notebook's changes since the last commit.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Changes {
    /// Notes, added, changed, deleted or renamed.
    pub notes: Vec<Change>,
    /// `codebook.yaml`, `fieldnotes.yaml` and `.gitignore`.
    pub settings: Vec<Change>,
    /// Other files in the notebook's folder: not shared by a sync.
    pub others: Vec<Change>,
}

impl Changes {
    /// The files a sync commits.
    pub fn shared(&self) -> impl Iterator<Item = &Change> {
        self.notes
            .iter()
            .chain(&self.settings)
            .filter(|c| c.held_back.is_none())
    }

    /// The notes and settings a sync does not commit, with why.
    pub fn held_back(&self) -> impl Iterator<Item = &Change> {
        self.notes
            .iter()
            .chain(&self.settings)
            .filter(|c| c.held_back.is_some())
    }

    /// "2 notes added, 1 changed, codebook changed", for a commit message; empty when nothing
    /// is shared.
    pub fn summary(&self) -> String {
        let mut counts: BTreeMap<How, usize> = BTreeMap::new();
        for change in self.notes.iter().filter(|c| c.held_back.is_none()) {
            *counts.entry(change.how).or_default() += 1;
        }
        let mut parts: Vec<String> = Vec::new();
        for (how, n) in counts {
            let word = match how {
                How::Added => "added",
                How::Changed => "changed",
                How::Deleted => "deleted",
                How::Renamed => "moved",
            };
            parts.push(if parts.is_empty() {
                format!("{} {word}", crate::cli::plural(n, "note"))
            } else {
                format!("{n} {word}")
            });
        }
        for change in self.settings.iter().filter(|c| c.held_back.is_none()) {
            let name = change.path.rsplit('/').next().unwrap_or(&change.path);
            parts.push(match name {
                CODEBOOK_FILE => "codebook changed".to_owned(),
                SETTINGS_FILE => "settings changed".to_owned(),
                other => format!("{other} changed"),
            });
        }
        parts.join(", ")
    }
}

/// The notebook's changes since the last commit. A note with errors, or a file larger than
/// `largest` bytes, is held back with the reason.
pub fn changes(repo: &Repo, notebook: &Notebook, largest: u64) -> Result<Changes> {
    let ran = repo.git(&[
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--no-renames",
        "--",
        ".",
    ])?;
    let mut changes = Changes::default();
    // Notes to read for errors, all at once (in parallel) after the listing.
    let mut to_read: Vec<(usize, std::path::PathBuf)> = Vec::new();
    let mut entries = ran.stdout.split('\0').filter(|e| e.len() > 3);
    while let Some(entry) = entries.next() {
        let (code, path) = entry.split_at(3);
        let (x, y) = (code.as_bytes()[0], code.as_bytes()[1]);
        let how = match (x, y) {
            (b'?', _) | (b'A', _) => How::Added,
            (b'D', _) | (_, b'D') => How::Deleted,
            (b'R', _) => How::Renamed,
            _ => How::Changed,
        };
        let from = (x == b'R')
            .then(|| entries.next().map(str::to_owned))
            .flatten();
        let inside = path.strip_prefix(repo.scope.as_str()).unwrap_or(path);
        let file = notebook.root.join(inside);
        let mut change = Change {
            path: path.to_owned(),
            from,
            how,
            held_back: None,
        };
        if inside.starts_with(TEMP_FOLDER) {
            continue;
        }
        if matches!(
            inside,
            CODEBOOK_FILE | SETTINGS_FILE | ".gitignore" | ".gitattributes"
        ) {
            change.held_back = too_large(&file, largest);
            changes.settings.push(change);
        } else if how == How::Deleted && inside.ends_with(".yaml") {
            changes.notes.push(change);
        } else if notebook.is_note_path(&file) {
            change.held_back = too_large(&file, largest);
            if change.held_back.is_none() {
                to_read.push((changes.notes.len(), file));
            }
            changes.notes.push(change);
        } else {
            change.held_back = Some("only notes and the notebook's settings are shared".into());
            changes.others.push(change);
        }
    }
    let files: Vec<std::path::PathBuf> = to_read.iter().map(|(_, f)| f.clone()).collect();
    let loaded = notebook.load_paths(files);
    for problem in loaded.problems.iter().filter(|p| p.is_error()) {
        let at = notebook.root.join(&problem.path);
        if let Some((i, _)) = to_read.iter().find(|(_, f)| *f == at || *f == problem.path) {
            changes.notes[*i].held_back.get_or_insert_with(|| {
                format!(
                    "it has errors: {} (`fieldnotes check` shows them)",
                    problem.message
                )
            });
        }
    }
    Ok(changes)
}

fn too_large(file: &std::path::Path, largest: u64) -> Option<String> {
    let size = std::fs::metadata(file).ok()?.len();
    (size > largest).then(|| {
        format!(
            "{} MB, over the {} MB a sync shares (`sync_limit_mb` in fieldnotes.yaml)",
            size.div_ceil(1 << 20),
            largest >> 20
        )
    })
}

/// Where a notebook stands with its team, as git knows it without asking the network.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// Notes and settings changed since the last commit.
    pub changed: usize,
    /// Commits the team does not have yet.
    pub ahead: usize,
    /// Commits the team has that are not here yet, as of the last fetch.
    pub behind: usize,
    /// Notes with fields in conflict, waiting to be settled.
    pub conflicts: usize,
}

/// Where `notebook` stands with its team.
pub fn standing(repo: &Repo, notebook: &Notebook) -> Result<Standing> {
    // Checking every changed note for errors is not needed to count them.
    let ran = repo.git(&[
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--",
        ".",
    ])?;
    let changed = ran
        .stdout
        .split('\0')
        .filter(|e| e.len() > 3)
        .filter(|e| {
            let inside = e[3..].strip_prefix(repo.scope.as_str()).unwrap_or(&e[3..]);
            let file = notebook.root.join(inside);
            !inside.starts_with(TEMP_FOLDER)
                && (matches!(inside, CODEBOOK_FILE | SETTINGS_FILE)
                    || inside.ends_with(".yaml")
                        && (notebook.is_note_path(&file) || !file.exists()))
        })
        .count();
    let (ahead, behind) = match repo.upstream()? {
        Some(upstream) => repo.ahead_behind(&upstream)?,
        None => (0, 0),
    };
    Ok(Standing {
        changed,
        ahead,
        behind,
        conflicts: super::conflicts::waiting(repo)?.len(),
    })
}
