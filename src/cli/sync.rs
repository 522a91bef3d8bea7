//! `sync` and `status`: share the notebook with the team through git, and say what a sync
//! would do.

use clap::Args;
use serde::Serialize;

use super::output::{plural, print_json, say, warn};
use super::{Context, EXIT_OK, EXIT_PROBLEMS};
use crate::error::Result;
use crate::git::Repo;
use crate::git::changes::{Changes, changes};
use crate::git::sync::{Asked, Report, Shared, preflight, sync};
use crate::notebook::Notebook;

/// Arguments of `sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The commit message (default: one that says what changed).
    #[arg(long, short)]
    message: Option<String>,
    /// Save and take the team's changes, but share nothing yet.
    #[arg(long)]
    no_push: bool,
    /// What happened, as JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of the merge driver, as git gives them.
#[derive(Debug, Args)]
pub struct DriverArgs {
    /// The version both sides began from.
    base: std::path::PathBuf,
    /// Ours: the merged result is written here.
    ours: std::path::PathBuf,
    /// Theirs.
    theirs: std::path::PathBuf,
    /// The file's name in the repository.
    name: String,
}

/// Merges one file for git: exit 0 when merged, 1 when git must record a conflict.
pub fn driver(args: DriverArgs) -> Result<u8> {
    use crate::git::driver::{Merged, merge_file};
    match merge_file(&args.base, &args.ours, &args.theirs, &args.name)? {
        Merged::Clean => Ok(EXIT_OK),
        Merged::SetAside(fields) => {
            warn(format!(
                "{}: both sides changed {}; yours is in the note, theirs is kept for \
                 `fieldnotes resolve`",
                args.name,
                fields.join(", ")
            ));
            Ok(EXIT_OK)
        }
        Merged::Conflict(why) => {
            warn(format!(
                "{}: not merged ({}); yours is left as it was, theirs is in git",
                args.name,
                why.join(", ")
            ));
            Ok(EXIT_PROBLEMS)
        }
    }
}

/// Arguments of `status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// As JSON.
    #[arg(long)]
    json: bool,
}

/// Runs one sync round and says how it went; exit 1 when something is left to do.
pub fn run(args: SyncArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let repo = preflight(&notebook, true)?;
    crate::git::driver::install(&repo, &notebook, &super::notice)?;
    let asked = Asked {
        message: args.message,
        no_push: args.no_push,
        largest: limit(&notebook),
    };
    let report = sync(&notebook, &repo, &asked)?;
    if args.json {
        print_json(&report).map_err(super::list::stdout_error)?;
    } else {
        tell(&report)?;
    }
    let finished = matches!(
        report.shared,
        Shared::Done | Shared::NoRemote | Shared::NotPushed
    ) && report.changes.held_back().next().is_none()
        && report.conflicts.is_empty();
    Ok(if finished { EXIT_OK } else { EXIT_PROBLEMS })
}

fn limit(notebook: &Notebook) -> u64 {
    crate::git::sync::largest_shared(notebook)
}

fn tell(report: &Report) -> Result<()> {
    match &report.committed {
        Some(message) => say(format!("saved: {message}"))?,
        None => say("nothing new to save")?,
    }
    for change in report.changes.held_back() {
        warn(format!(
            "not shared: {} ({})",
            change.path,
            change.held_back.as_deref().unwrap_or_default()
        ));
    }
    if !report.changes.others.is_empty() {
        warn(format!(
            "left out: {} in the notebook's folder that {} not a note (only notes and the \
             notebook's settings are shared)",
            plural(report.changes.others.len(), "file"),
            if report.changes.others.len() == 1 {
                "is"
            } else {
                "are"
            }
        ));
    }
    let waiting = || {
        let verb = if report.unshared == 1 { "is" } else { "are" };
        format!(
            "{} {verb} not yet shared",
            plural(report.unshared, "commit")
        )
    };
    match &report.shared {
        Shared::Done => say(crate::git::sync::exchanged(report))?,
        Shared::NoRemote => say(
            "saved here only: this repository has no remote to share with. To share: \
             `git remote add origin URL` with your team's repository, then sync again",
        )?,
        Shared::NotPushed => say(format!(
            "took {} from the team; {} (--no-push)",
            plural(report.taken, "commit"),
            waiting()
        ))?,
        Shared::Offline { reason } => say(format!(
            "saved locally, {}: the team's repository could not be reached ({reason}). Sync \
             again when you are online",
            waiting()
        ))?,
        Shared::NotAllowed { reason, help } => {
            say(format!(
                "saved locally, {}: the team's repository did not let you in ({reason})",
                waiting()
            ))?;
            warn(format!("  hint: {help}"));
        }
        Shared::Conflicts { files, kept } => {
            say(format!(
                "saved locally; the team changed the same lines as you in {}, so nothing was \
                 merged and both versions are kept ({}):",
                plural(files.len(), "file"),
                kept.join(", ")
            ))?;
            for file in files {
                say(format!("  {file}"))?;
            }
        }
        Shared::Refused { reason } => say(format!(
            "saved locally, {}: the team's repository refused it ({reason})",
            waiting()
        ))?,
    }
    tell_conflicts(&report.conflicts)
}

/// The notes whose fields both sides changed: the note holds yours, theirs waits.
fn tell_conflicts(conflicts: &[crate::git::sync::Waiting]) -> Result<()> {
    if conflicts.is_empty() {
        return Ok(());
    }
    let notes = match conflicts.len() {
        1 => "1 note has fields".to_owned(),
        n => format!("{n} notes have fields"),
    };
    say(format!(
        "{notes} both you and the team changed: yours is in the note, theirs is kept. \
         `fieldnotes resolve` shows both and settles them:"
    ))?;
    for conflict in conflicts {
        say(format!("  {}: {}", conflict.id, conflict.fields.join(", ")))?;
    }
    Ok(())
}

/// What a sync would do now.
#[derive(Debug, Serialize)]
struct Status {
    /// The notebook's changes since the last commit.
    changes: Changes,
    /// What git is in the middle of, if anything.
    busy: Option<String>,
    /// The branch followed on the team's repository.
    upstream: Option<String>,
    /// Commits here the team does not have, as of the last fetch.
    ahead: usize,
    /// Commits the team has that are not here, as of the last fetch.
    behind: usize,
    /// Notes with fields both sides changed, waiting to be settled.
    conflicts: Vec<crate::git::sync::Waiting>,
}

/// Says what a sync would do, from what git knows now (no network).
pub fn status(args: StatusArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let Some(repo) = Repo::open(&notebook.root, true)? else {
        // The same words as sync's refusal.
        return preflight(&notebook, true).map(|_| EXIT_OK);
    };
    let changes = changes(&repo, &notebook, limit(&notebook))?;
    let upstream = repo.upstream()?;
    let (ahead, behind) = match &upstream {
        Some(upstream) => repo.ahead_behind(upstream)?,
        None => (0, 0),
    };
    let status = Status {
        changes,
        busy: repo.busy()?.map(|b| b.explain().0.to_owned()),
        upstream,
        ahead,
        behind,
        conflicts: crate::git::sync::waiting(&repo)?,
    };
    if args.json {
        print_json(&status).map_err(super::list::stdout_error)?;
        return Ok(EXIT_OK);
    }
    if let Some(busy) = &status.busy {
        say(format!("{busy}: sync waits until it is over"))?;
    }
    let summary = status.changes.summary();
    say(if summary.is_empty() {
        "nothing new to save".to_owned()
    } else {
        format!("to save: {summary}")
    })?;
    for change in status.changes.held_back() {
        say(format!(
            "not shared: {} ({})",
            change.path,
            change.held_back.as_deref().unwrap_or_default()
        ))?;
    }
    match &status.upstream {
        Some(upstream) => say(format!(
            "{} to share, {} to take from the team ({upstream}, as of the last sync)",
            plural(status.ahead, "commit"),
            status.behind
        ))?,
        None if repo.remotes()?.is_empty() => say("no remote: sync saves here only")?,
        None => say("not shared yet: the first sync shares this branch")?,
    }
    tell_conflicts(&status.conflicts)?;
    Ok(EXIT_OK)
}
