//! One sync round: save the notebook's changes as a commit, take the team's, share ours. The
//! user's history is never rewritten: a branch that went two ways is merged, never rebased,
//! forced or reset, and both tips of a merge are kept under `refs/fieldnotes/` first, so no
//! version can be lost to git's garbage collection.

use std::time::Duration;

use serde::Serialize;

use super::changes::{Change, Changes, changes};
use super::{Ran, Repo};
use crate::error::{Error, Result};
use crate::notebook::Notebook;

/// How long a fetch or a push may take before the sync says the remote is unreachable.
const NETWORK: Duration = Duration::from_secs(60);
/// How many times a push refused because someone pushed meanwhile is tried again.
const ROUNDS: usize = 3;

/// What the user asked of a sync.
#[derive(Clone, Debug, Default)]
pub struct Asked {
    /// The commit message instead of the one that says what changed.
    pub message: Option<String>,
    /// Save and take the team's changes, but share nothing.
    pub no_push: bool,
    /// The largest file shared, in bytes.
    pub largest: u64,
}

/// How the exchange with the team ended.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Shared {
    /// Everything is shared and the team's changes are here.
    Done,
    /// The repository has no remote: the changes are saved here only.
    NoRemote,
    /// Asked not to push.
    NotPushed,
    /// The remote could not be reached; the commits wait here.
    Offline {
        /// What git said.
        reason: String,
    },
    /// The remote refused who we are.
    NotAllowed {
        /// What git said.
        reason: String,
        /// What to set up.
        help: String,
    },
    /// Both sides changed the same lines: nothing was merged, both versions are kept.
    Conflicts {
        /// The files both changed.
        files: Vec<String>,
        /// The refs that keep the team's version and ours.
        kept: Vec<String>,
    },
    /// The push was refused, for a reason other than someone pushing first.
    Refused {
        /// What git said.
        reason: String,
    },
}

/// What a sync did.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The commit made of the notebook's changes, by its message; none when nothing changed.
    pub committed: Option<String>,
    /// The notebook's changes the commit holds, and those held back.
    pub changes: Changes,
    /// Commits taken from the team.
    pub taken: usize,
    /// Commits shared with the team.
    pub pushed: usize,
    /// Commits here that the team does not have yet.
    pub unshared: usize,
    /// How the exchange ended.
    pub shared: Shared,
    /// Notes with fields both sides changed, set aside for `resolve`.
    pub conflicts: Vec<Waiting>,
}

/// A note with fields in conflict.
#[derive(Clone, Debug, Serialize)]
pub struct Waiting {
    /// The note's id.
    pub id: String,
    /// The fields both sides changed differently.
    pub fields: Vec<String>,
}

/// The conflicts waiting in this clone.
pub fn waiting(repo: &Repo) -> Result<Vec<Waiting>> {
    Ok(super::conflicts::waiting(repo)?
        .into_iter()
        .map(|r| Waiting {
            id: r.id,
            fields: r.fields,
        })
        .collect())
}

/// The largest file a sync shares, in bytes: `sync_limit_mb` in fieldnotes.yaml, else 20 MB.
pub fn largest_shared(notebook: &Notebook) -> u64 {
    let (settings, _) = notebook.settings();
    settings.sync_limit_mb.unwrap_or(20) << 20
}

/// "shared 2 commits, took 1 from the team", leaving out what did not happen.
pub fn exchanged(report: &Report) -> String {
    let shared = (report.pushed > 0)
        .then(|| format!("shared {}", crate::cli::plural(report.pushed, "commit")));
    let took = (report.taken > 0).then(|| format!("took {} from the team", report.taken));
    let said: Vec<String> = shared.into_iter().chain(took).collect();
    if said.is_empty() {
        "up to date with the team".to_owned()
    } else {
        said.join(", ")
    }
}

/// How a sync went, in one line for a status bar.
pub fn one_line(report: &Report) -> String {
    let commits = |n: usize| crate::cli::plural(n, "commit");
    let mut line = match &report.shared {
        Shared::Done if report.pushed == 0 && report.taken == 0 => {
            "Synced: up to date with the team.".to_owned()
        }
        Shared::Done => format!("Synced: {}.", exchanged(report)),
        Shared::NoRemote => "Saved here only: the repository has no remote to share with.".into(),
        Shared::NotPushed => format!("Took {} from the team.", commits(report.taken)),
        Shared::Offline { .. } => format!(
            "Saved locally, {} not yet shared: the team's repository could not be reached.",
            commits(report.unshared)
        ),
        Shared::NotAllowed { .. } => "Saved locally: the team's repository did not let you in; \
             `fieldnotes sync` in a terminal says what to set up."
            .into(),
        Shared::Conflicts { files, .. } => format!(
            "Saved locally; not merged: both you and the team changed {}.",
            files.join(", ")
        ),
        Shared::Refused { reason } => {
            format!("Saved locally; the team's repository refused: {reason}")
        }
    };
    let held = report.changes.held_back().count();
    if held > 0 {
        line.push_str(&format!(
            " {} held back (`fieldnotes sync` says why).",
            crate::cli::plural(held, "file")
        ));
    }
    if !report.conflicts.is_empty() {
        line.push_str(&format!(
            " Fields in conflict in {}: `fieldnotes resolve`.",
            crate::cli::plural(report.conflicts.len(), "note")
        ));
    }
    line
}

/// Refuses a sync git is not ready for, naming the way out.
pub fn preflight(notebook: &Notebook, prompts: bool) -> Result<Repo> {
    let Some(repo) = Repo::open(&notebook.root, prompts)? else {
        return Err(Error::invalid(
            "this notebook is not in a git repository, so there is nothing to sync with",
            "to share it: `git init` in the notebook's folder, then `git remote add origin URL` \
             with the address of your team's repository, then `fieldnotes sync`",
        ));
    };
    if let Some(busy) = repo.busy()? {
        let (what, fix) = busy.explain();
        return Err(Error::invalid(format!("{what}: nothing was synced"), fix));
    }
    Ok(repo)
}

/// Runs one sync round, and says which conflicts wait to be settled after it.
pub fn sync(notebook: &Notebook, repo: &Repo, asked: &Asked) -> Result<Report> {
    let mut report = round(notebook, repo, asked)?;
    report.conflicts = waiting(repo)?;
    Ok(report)
}

fn round(notebook: &Notebook, repo: &Repo, asked: &Asked) -> Result<Report> {
    let changes = changes(repo, notebook, asked.largest)?;
    let committed = commit(repo, &changes, asked)?;
    let mut report = Report {
        committed,
        changes,
        taken: 0,
        pushed: 0,
        unshared: 0,
        shared: Shared::Done,
        conflicts: Vec::new(),
    };
    let remotes = repo.remotes()?;
    let Some(remote) = remotes.first() else {
        report.shared = Shared::NoRemote;
        return Ok(report);
    };
    if !repo.has_commits()? {
        report.shared = Shared::Done;
        return Ok(report);
    }
    for _ in 0..ROUNDS {
        let upstream = repo.upstream()?;
        let fetched = repo.git_network(&["fetch", "--quiet", remote], NETWORK)?;
        if let Some(failed) = unreachable(&fetched, true) {
            report.unshared = match &upstream {
                Some(upstream) => repo.ahead_behind(upstream)?.0,
                None => count(repo, "HEAD")?,
            };
            report.shared = failed;
            return Ok(report);
        }
        // The upstream as now fetched, or, for a branch never pushed, the remote's branch of
        // the same name when the team made one.
        let upstream = match upstream {
            Some(upstream) => Some(upstream),
            None => {
                let same = format!("{remote}/{}", repo.branch()?);
                let exists = repo.git(&["rev-parse", "-q", "--verify", &same])?.ok;
                exists.then_some(same)
            }
        };
        if let Some(upstream) = &upstream {
            let (ahead, behind) = repo.ahead_behind(upstream)?;
            if behind > 0 {
                if let Some(conflicts) = take(repo, upstream, ahead)? {
                    report.unshared = repo.ahead_behind(upstream)?.0;
                    report.shared = conflicts;
                    return Ok(report);
                }
                report.taken += behind;
            }
        }
        if asked.no_push {
            report.unshared = match &upstream {
                Some(upstream) => repo.ahead_behind(upstream)?.0,
                None => count(repo, "HEAD")?,
            };
            report.shared = Shared::NotPushed;
            return Ok(report);
        }
        let ahead = match &upstream {
            Some(upstream) => repo.ahead_behind(upstream)?.0,
            None => count(repo, "HEAD")?,
        };
        let has_upstream = repo.upstream()?.is_some();
        if ahead == 0 && has_upstream {
            return Ok(report);
        }
        let branch = repo.branch()?;
        let mut push = vec!["push", "--quiet"];
        if !has_upstream {
            push.push("--set-upstream");
        }
        push.extend([remote.as_str(), branch.as_str()]);
        let pushed = repo.git_network(&push, NETWORK)?;
        if pushed.ok {
            report.pushed += ahead;
            return Ok(report);
        }
        if let Some(failed) = unreachable(&pushed, false) {
            report.unshared = ahead;
            report.shared = failed;
            return Ok(report);
        }
        // Someone pushed between our fetch and our push: take theirs and try again.
        if !someone_pushed_first(&pushed.stderr) {
            report.unshared = ahead;
            report.shared = Shared::Refused {
                reason: last_lines(&pushed.stderr),
            };
            return Ok(report);
        }
    }
    report.unshared = count(repo, "HEAD")?;
    report.shared = Shared::Refused {
        reason: "the team kept pushing while this sync tried to share: sync again".into(),
    };
    Ok(report)
}

/// Stages exactly the changes a sync shares and commits them; the commit's message, or none
/// when there was nothing to commit. A hook that refuses stops the sync with its words.
fn commit(repo: &Repo, changes: &Changes, asked: &Asked) -> Result<Option<String>> {
    let paths: Vec<&Change> = changes.shared().collect();
    if paths.is_empty() {
        return Ok(None);
    }
    // Named from the top of the repository, as git status named them, one per line of a
    // list git reads: a thousand changed notes are no command line's length.
    let mut list = Vec::new();
    for change in &paths {
        for path in std::iter::once(&change.path).chain(&change.from) {
            list.extend_from_slice(format!(":(top,literal){path}").as_bytes());
            list.push(0);
        }
    }
    let from_list = ["--pathspec-from-file=-", "--pathspec-file-nul"];
    // Everything in the notebook's folder is shared when nothing is held back or left out:
    // then git is given the folder, not a path per file.
    let whole = changes.held_back().next().is_none() && changes.others.is_empty();
    let temp = format!(":(exclude){}", crate::notebook::TEMP_FOLDER);
    let added = if whole {
        repo.git(&["add", "--all", "--", ".", &temp])?
    } else {
        repo.git_with_input(&[&["add", "--all"][..], &from_list].concat(), &list)?
    };
    if !added.ok {
        return Err(Error::invalid(
            format!(
                "git could not stage the notebook's changes: {}",
                last_lines(&added.stderr)
            ),
            "nothing was committed; `git status` shows where things stand",
        ));
    }
    let message = asked
        .message
        .clone()
        .unwrap_or_else(|| format!("fieldnotes: {}", changes.summary()));
    // Only the notebook's files: whatever else the user staged stays staged, uncommitted. Git
    // matches each file against every path named, so the list is given only when something
    // else is staged: a first sync of 100,000 notes would otherwise take minutes.
    let staged = repo.git(&["diff", "--cached", "--name-only", "-z"])?;
    let ours: std::collections::HashSet<&str> = paths
        .iter()
        .flat_map(|c| std::iter::once(c.path.as_str()).chain(c.from.as_deref()))
        .collect();
    let only_ours = staged
        .stdout
        .split('\0')
        .filter(|p| !p.is_empty())
        .all(|p| ours.contains(p));
    let plain = ["commit", "--quiet", "-m", message.as_str()];
    let committed = if only_ours {
        repo.git(&plain)?
    } else {
        repo.git_with_input(&[&plain[..], &from_list].concat(), &list)?
    };
    if !committed.ok {
        let said = last_lines(&format!("{}{}", committed.stdout, committed.stderr));
        let help = if said.contains("Please tell me who you are") {
            "tell git who you are, once: `git config --global user.name \"Your Name\"` and \
             `git config --global user.email you@example.org`"
                .to_owned()
        } else {
            "your notes are as they were, and staged; fix what the hook says, then sync again"
                .to_owned()
        };
        return Err(Error::invalid(
            format!("git did not commit the notebook's changes: {said}"),
            help,
        ));
    }
    Ok(Some(message))
}

/// Takes the team's commits: a fast-forward when we have none of our own, else a merge. A
/// merge git cannot finish is given up at once, so no file is left with conflict markers;
/// both sides are kept under `refs/fieldnotes/` and reported.
fn take(repo: &Repo, upstream: &str, ahead: usize) -> Result<Option<Shared>> {
    if ahead == 0 {
        let merged = repo.git(&["merge", "--ff-only", "--quiet", upstream])?;
        return if merged.ok {
            Ok(None)
        } else {
            Err(Error::invalid(
                format!(
                    "git could not take the team's changes: {}",
                    last_lines(&merged.stderr)
                ),
                "a file you changed outside the notebook may be in the way; `git status` shows it",
            ))
        };
    }
    let kept = keep_both(repo, upstream)?;
    let merged = repo.git(&["merge", "--no-edit", "--quiet", upstream])?;
    if merged.ok || super::conflicts::keep_edited_over_deleted(repo)? {
        return Ok(None);
    }
    let conflicted = repo.git(&["diff", "--name-only", "--diff-filter=U"])?;
    let files: Vec<String> = conflicted.stdout.lines().map(str::to_owned).collect();
    let aborted = repo.git(&["merge", "--abort"])?;
    if files.is_empty() || !aborted.ok {
        return Err(Error::invalid(
            format!(
                "git could not merge the team's changes: {}",
                last_lines(&merged.stderr)
            ),
            "your commits and the team's are both kept; `git status` shows where things stand",
        ));
    }
    Ok(Some(Shared::Conflicts { files, kept }))
}

/// Refs to both tips of a merge about to be made, named by the time.
fn keep_both(repo: &Repo, upstream: &str) -> Result<Vec<String>> {
    let stamp = jiff::Timestamp::now().as_second();
    let mut kept = Vec::new();
    for (side, rev) in [("ours", "HEAD"), ("theirs", upstream)] {
        let name = format!("refs/fieldnotes/merge/{stamp}/{side}");
        if repo.git(&["update-ref", &name, rev])?.ok {
            kept.push(name);
        }
    }
    Ok(kept)
}

/// Commits reachable from `rev`: all of a branch's when it was never shared.
fn count(repo: &Repo, rev: &str) -> Result<usize> {
    let ran = repo.git(&["rev-list", "--count", rev])?;
    Ok(ran.stdout.trim().parse().unwrap_or(0))
}

/// The remote could not be reached, or would not let us in. A fetch that fails is the remote
/// out of reach; a push that fails may also be refused for a reason of the remote's own.
fn unreachable(ran: &Ran, fetching: bool) -> Option<Shared> {
    if ran.ok {
        return None;
    }
    let said = ran.stderr.to_lowercase();
    let denied = [
        "authentication failed",
        "permission denied",
        "could not read username",
        "could not read password",
        "terminal prompts disabled",
        "host key verification failed",
        "returned error: 403",
        "returned error: 401",
    ];
    if denied.iter().any(|d| said.contains(d)) {
        return Some(Shared::NotAllowed {
            reason: last_lines(&ran.stderr),
            help: "set up your access once: for an https address a credential helper \
                   (`git config --global credential.helper store`, or your system's), for an \
                   ssh address a key added to the team's server (`ssh-add`); then sync again"
                .into(),
        });
    }
    let away = [
        "could not resolve",
        "unable to access",
        "does not appear to be a git repository",
        "connection refused",
        "could not read from remote",
        "network is unreachable",
        "timed out",
        "no such file or directory",
    ];
    if ran.timed_out || fetching || away.iter().any(|a| said.contains(a)) {
        return Some(Shared::Offline {
            reason: if ran.timed_out {
                "the remote did not answer within a minute".into()
            } else {
                last_lines(&ran.stderr)
            },
        });
    }
    None
}

fn someone_pushed_first(said: &str) -> bool {
    ["fetch first", "non-fast-forward", "rejected"]
        .iter()
        .any(|s| said.contains(s))
}

/// The last few lines git printed, joined: enough to say what happened.
fn last_lines(said: &str) -> String {
    let lines: Vec<&str> = said
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines[lines.len().saturating_sub(3)..].join(" ")
}
