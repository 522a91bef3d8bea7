//! `codes rename` and the other operations that reshape the codebook across every note.

use clap::{Args, Subcommand};

use super::output::{print_json, say};
use super::{Context, EXIT_OK, notice};
use crate::codebook::change::{Change as Reshape, make, preview};
use crate::error::Result;

/// A change to the codebook, made in `codebook.yaml` and in every note that uses the codes.
#[derive(Debug, Subcommand)]
pub enum Change {
    /// Renames a code: in the codebook (its name and every `parent:` that names it) and in
    /// every note that uses it, on the note and on each finding.
    Rename {
        /// The code's name now.
        old: String,
        /// Its new name: a slug no code has yet (to make two codes one, use `merge`).
        new: String,
        #[command(flatten)]
        how: How,
    },
    /// Makes codes one: the uses of each FROM become INTO's (a list that had both keeps INTO
    /// once), FROM's entries leave the codebook with what they said kept under INTO's own
    /// words, and their sub-codes move under INTO.
    Merge {
        /// The codes merged, then the code they become (one the codebook has).
        #[arg(required = true, num_args = 2.., value_name = "FROM... INTO")]
        codes: Vec<String>,
        #[command(flatten)]
        how: How,
    },
    /// Moves a code under another in the codebook's tree, or to its top; notes are unchanged.
    Move {
        /// The code moved.
        code: String,
        /// The code it goes under.
        #[arg(long, required_unless_present = "top", conflicts_with = "top")]
        parent: Option<String>,
        /// Makes it a top-level code.
        #[arg(long)]
        top: bool,
        #[command(flatten)]
        how: How,
    },
    /// Adds a code to the codebook.
    Add {
        /// Its name: lowercase letters, digits and hyphens.
        name: String,
        /// The code it goes under.
        #[arg(long)]
        parent: Option<String>,
        /// What it means, in a line.
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        how: How,
    },
    /// Splits a code in two. The first time, writes every use of CODE to the plan FILE, each
    /// given both parts, for you to leave the part each meant; the second time, applies it.
    Split {
        /// The code split.
        code: String,
        /// One part.
        a: String,
        /// The other.
        b: String,
        /// The plan: written when missing, applied when there.
        #[arg(long, value_name = "FILE")]
        plan: std::path::PathBuf,
        #[command(flatten)]
        how: How,
    },
    /// Takes a code out of the codebook, its sub-codes moving up. A code still in use is
    /// refused unless its uses go `--into` another code (a merge) or are dropped from every
    /// note (`--drop`, the lines listed first).
    Retire {
        /// The code retired.
        code: String,
        /// The code its uses become.
        #[arg(long, conflicts_with = "drop")]
        into: Option<String>,
        /// Removes it from every note that uses it.
        #[arg(long)]
        drop: bool,
        #[command(flatten)]
        how: How,
    },
}

/// How a change is made.
#[derive(Debug, Args)]
pub struct How {
    /// Print which files and lines would change, and change nothing.
    #[arg(long)]
    pub(super) dry_run: bool,
    /// With --dry-run, print the changes as a unified diff.
    #[arg(long, requires = "dry_run")]
    pub(super) diff: bool,
}

/// Carries out `change` on the notebook `context` finds; `json` reports it as JSON.
pub fn run(change: Change, context: &Context, json: bool) -> Result<u8> {
    let (change, how) = match change {
        Change::Rename { old, new, how } => (Reshape::Rename { old, new }, how),
        Change::Merge { mut codes, how } => {
            let into = codes.pop().unwrap_or_default();
            (Reshape::Merge { from: codes, into }, how)
        }
        Change::Move {
            code, parent, how, ..
        } => (Reshape::Move { code, parent }, how),
        Change::Add {
            name,
            parent,
            description,
            how,
        } => {
            let mut code = crate::codebook::Code::named(&name);
            code.parent = parent;
            code.description = description;
            (Reshape::Add(code), how)
        }
        Change::Retire {
            code,
            into,
            drop,
            how,
        } => (Reshape::Retire { code, into, drop }, how),
        Change::Split {
            code,
            a,
            b,
            plan: file,
            how,
        } => match super::split::chosen(context, &code, [a, b], &file, &how)? {
            Some(plan) => (Reshape::Split(plan), how),
            None => return Ok(EXIT_OK),
        },
    };
    let notebook = context.notebook()?;
    let dropping = matches!(change, Reshape::Retire { drop: true, .. });
    let done = if how.dry_run {
        preview(&notebook, &change)?
    } else {
        if dropping && !json {
            // What is dropped is said before it goes.
            for (path, before, after) in preview(&notebook, &change)?
                .files
                .iter()
                .filter(|f| !f.0.ends_with(crate::codebook::CODEBOOK_FILE))
            {
                show(path, before, after, false)?;
            }
        }
        let done = make(&notebook, &change, &notice)?;
        refresh_index(context);
        done
    };
    let counts = done.counts();
    if json {
        print_json(&Done {
            did: change.said(!how.dry_run),
            dry_run: how.dry_run,
            notes: done.notes,
            findings: done.findings,
            files: done.files.iter().map(|f| f.0.as_path()).collect(),
        })
        .map_err(super::list::stdout_error)?;
    } else if how.dry_run {
        for (path, before, after) in &done.files {
            show(path, before, after, how.diff)?;
        }
        say(format!(
            "would {}{counts}; nothing was changed (--dry-run)",
            change.said(false)
        ))?;
    } else {
        say(format!("{}{counts}", change.said(true)))?;
    }
    Ok(EXIT_OK)
}

/// What `codes --json` says a change did, or would do with --dry-run.
#[derive(serde::Serialize)]
struct Done<'a> {
    did: String,
    dry_run: bool,
    notes: usize,
    findings: usize,
    files: Vec<&'a std::path::Path>,
}

/// The lines of `path` that change, or its unified diff.
fn show(path: &std::path::Path, before: &str, after: &str, unified: bool) -> Result<()> {
    let name = crate::safe::line(&path.to_string_lossy());
    let diff = similar::TextDiff::from_lines(before, after);
    if unified {
        let text = diff
            .unified_diff()
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string();
        // A note with CRLF line ends shows its lines, not a carriage return at each end.
        let text: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
        return say(text.join("\n"));
    }
    for change in diff.iter_all_changes() {
        let (sign, line) = match change.tag() {
            similar::ChangeTag::Delete => ("-", change.old_index()),
            similar::ChangeTag::Insert => ("+", change.new_index()),
            similar::ChangeTag::Equal => continue,
        };
        let number = line.map_or(0, |n| n + 1);
        let text = change.value().trim_end_matches(['\n', '\r']);
        say(format!(
            "{name}:{number}: {sign} {}",
            crate::safe::line(text)
        ))?;
    }
    Ok(())
}

/// Brings the notebook's index up to date with the files changed, when it has one, so that
/// a search finds the new codes at once. One that cannot be opened now is brought up to date
/// by the next command that searches.
fn refresh_index(context: &Context) {
    let Ok(notebook) = context.notebook() else {
        return;
    };
    let cache = &context.dirs.cache;
    if crate::index::location(cache, &notebook.root).exists() {
        let _ = crate::index::SearchIndex::open(&notebook, cache, &notice);
    }
}
