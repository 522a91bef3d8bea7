//! Syncing from the UI, and what follows it: the round runs on a thread of its own, so typing
//! never waits for the network, and its end comes back as one line for the status bar. Git
//! may not ask for a password here (the UI holds the terminal): a sync that needs one says so,
//! and the next one gives git the terminal. Conflicts it sets aside and the versions of a note
//! are read and settled here, through the same library calls as `resolve` and `history`.

use std::collections::HashSet;
use std::sync::mpsc::Sender;

use super::effect::{Effect, Outcome};
use super::work::News;
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::git::sync::{Asked, largest_shared, one_line, preflight, sync};
use crate::index::SearchIndex;
use crate::notebook::Notebook;

/// How a sync from the UI went.
pub struct Said {
    /// What happened, in one line.
    pub line: String,
    /// The team's repository wants a password or passphrase git could not ask for.
    pub ask: bool,
    /// Notes with fields in conflict after it.
    pub conflicts: usize,
}

impl From<Said> for Outcome {
    fn from(said: Said) -> Outcome {
        Outcome::Synced {
            line: said.line,
            ask: said.ask,
            conflicts: said.conflicts,
        }
    }
}

/// Starts a sync of `notebook`; its result is posted as [`News::Synced`].
pub fn start(notebook: Notebook, post: Sender<News>) {
    std::thread::spawn(move || {
        let _ = post.send(News::Synced(said(round(&notebook, false))));
    });
}

/// A sync in the terminal the UI gave back, where git may ask for a password or passphrase.
pub fn asking(notebook: &Notebook) -> Said {
    crate::cli::notice(
        "fieldnotes: syncing with the team; git may ask for your password or passphrase",
    );
    said(round(notebook, true))
}

fn said(result: Result<Said>) -> Said {
    result.unwrap_or_else(|e| Said {
        line: format!("Not synced: {}", super::work::one_line(&e)),
        ask: false,
        conflicts: 0,
    })
}

/// Finds out where `notebook` stands with its team; posted as [`News::Standing`].
pub fn look(notebook: Notebook, post: Sender<News>) {
    std::thread::spawn(move || {
        let standing = Repo::open(&notebook.root, false)
            .ok()
            .flatten()
            .and_then(|repo| crate::git::changes::standing(&repo, &notebook).ok());
        let _ = post.send(News::Standing(standing));
    });
}

fn round(notebook: &Notebook, prompts: bool) -> Result<Said> {
    let repo = preflight(notebook, prompts)?;
    crate::git::driver::install(&repo, notebook, &|_| {})?;
    let asked = Asked {
        message: None,
        no_push: false,
        largest: largest_shared(notebook),
    };
    let mut report = sync(notebook, &repo, &asked)?;
    let ask = matches!(report.shared, crate::git::sync::Shared::NotAllowed { .. });
    // The command line's pointer to `resolve` becomes the screen that settles them here.
    let conflicts = std::mem::take(&mut report.conflicts).len();
    let mut line = if ask {
        // Said short, so that the key that lets git ask fits on the status bar.
        "Saved locally: the team's repository wants a password or passphrase.".to_owned()
    } else {
        one_line(&report)
    };
    if conflicts > 0 {
        line.push_str(&format!(
            " Fields in conflict in {}: settle them here.",
            crate::cli::plural(conflicts, "note")
        ));
    }
    Ok(Said {
        line,
        ask,
        conflicts,
    })
}

/// Performs an effect about the team's work: conflicts and versions.
pub fn perform(
    effect: &Effect,
    notebook: &Notebook,
    index: Option<&SearchIndex>,
) -> Result<Option<Outcome>> {
    let repo = || {
        Repo::open(&notebook.root, false)?.ok_or_else(|| {
            Error::invalid(
                "this notebook is not in a git repository, so no other version is kept",
                "`git init` in the notebook's folder, then sync, starts keeping them",
            )
        })
    };
    // Changes are written through the notebook; the index takes them in at once.
    let settled = |said: String, path: &str| {
        let file = notebook.root.join(path);
        let refresh = index.and_then(|i| i.refresh_around(&HashSet::from([file]), &|_| {}).ok());
        Some(Outcome::Settled {
            said,
            counts: refresh.map(|r| (r.notes, r.broken)),
        })
    };
    Ok(match effect {
        Effect::Conflicts => {
            let list = match Repo::open(&notebook.root, false)? {
                Some(repo) => crate::git::settle::disagreements(&repo, notebook)?,
                None => Vec::new(),
            };
            Some(Outcome::Conflicts(list))
        }
        Effect::Settle { id, field, choice } => {
            let repo = repo()?;
            let Some(record) = crate::git::settle::record_of(&repo, notebook, id, &|_| {})? else {
                return Ok(Some(Outcome::Conflicts(crate::git::settle::disagreements(
                    &repo, notebook,
                )?)));
            };
            let path = crate::git::settle::inside(&repo, &record);
            let fields = [field.clone()];
            let done = crate::git::settle::settle_fields(
                &repo,
                notebook,
                record,
                &fields,
                *choice,
                &|_| {},
            )?;
            let said = if !done.not_both.is_empty() {
                format!("`{field}` of {id} cannot be kept both ways: M keeps yours, T theirs.")
            } else if done.removed {
                format!("Removed {id} (git keeps its history). Ctrl-G shares it.")
            } else if done.left.is_empty() {
                format!("Settled {id}. Ctrl-G shares it.")
            } else {
                format!("Settled `{field}` of {id}; {} left.", done.left.len())
            };
            settled(said, &path)
        }
        Effect::Versions { path } => {
            let list = repo()
                .and_then(|repo| crate::git::history::history(&repo, path))
                .map_err(|e| super::work::one_line(&e));
            Some(Outcome::Versions {
                path: path.clone(),
                list,
            })
        }
        Effect::Difference { path, commit, at } => {
            let repo = repo()?;
            let was = crate::git::history::text_at(&repo, commit, at)?;
            let file = notebook.root.join(path);
            let now = std::fs::read_to_string(&file).unwrap_or_default();
            Some(Outcome::Difference {
                commit: commit.clone(),
                lines: crate::git::history::difference(&repo, &was, &now)?,
            })
        }
        Effect::BringBack { path, commit, at } => {
            let repo = repo()?;
            let kept = crate::git::history::bring_back(
                &repo,
                notebook,
                std::path::Path::new(path),
                commit,
                at,
                &|_| {},
            )?;
            let said = match kept {
                Some(kept) => format!(
                    "Brought back version {commit}; the unsynced text it replaced is kept as {kept}."
                ),
                None => format!(
                    "Brought back version {commit}; the versions since stay in its history."
                ),
            };
            settled(said, path)
        }
        _ => None,
    })
}
