//! `history`: every version of a note git keeps, what changed between two, and an old one
//! brought back as a new change.

use clap::Args;

use super::list::one_note;
use super::output::{print_json, say};
use super::{Context, EXIT_OK, notice};
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::git::history::{Piece, bring_back, difference, history, text_at};

/// Arguments of `history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The note's id.
    #[arg(add = super::complete::ids())]
    id: String,
    /// Print the note as it was in this version (a commit from the list).
    #[arg(long, value_name = "VERSION", conflicts_with_all = ["diff", "restore"])]
    show: Option<String>,
    /// What changed from this version to the note as it is now, word by word.
    #[arg(long, value_name = "VERSION", conflicts_with = "restore")]
    diff: Option<String>,
    /// Bring this version back as the note's current text (a new change: sync shares it).
    #[arg(long, value_name = "VERSION")]
    restore: Option<String>,
    /// The versions as JSON.
    #[arg(long)]
    json: bool,
}

/// Lists, shows, compares or brings back versions of a note.
pub fn run(args: HistoryArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let file = one_note(&notebook, &args.id, "looked up")?;
    let Some(repo) = Repo::open(&notebook.root, true)? else {
        return Err(Error::invalid(
            "this notebook is not in a git repository, so no earlier version is kept",
            "`git init` in the notebook's folder, then `fieldnotes sync`, starts keeping them",
        ));
    };
    let path = file.path.to_string_lossy().into_owned();
    let versions = history(&repo, &path)?;
    let version_path = |wanted: &str| -> Result<String> {
        versions
            .iter()
            .find(|v| v.commit.starts_with(wanted) || wanted.starts_with(&v.commit))
            .map(|v| v.path.clone())
            .ok_or_else(|| {
                Error::usage(
                    format!("`{wanted}` is not a version of {}", file.id),
                    format!("`fieldnotes history {}` lists them", file.id),
                )
            })
    };
    if let Some(wanted) = &args.show {
        say(text_at(&repo, wanted, &version_path(wanted)?)?.trim_end())?;
        return Ok(EXIT_OK);
    }
    // Word by word, between the version and the file as it is now.
    if let Some(wanted) = &args.diff {
        let was = text_at(&repo, wanted, &version_path(wanted)?)?;
        let now = std::fs::read_to_string(notebook.root.join(&file.path))
            .map_err(|e| Error::io("cannot read", notebook.root.join(&file.path), e))?;
        let lines = difference(&repo, &was, &now)?;
        let changed = lines
            .iter()
            .flatten()
            .flatten()
            .any(|p| !matches!(p, Piece::Same(_)));
        if !changed {
            say("no difference")?;
        }
        for line in lines.iter().filter(|_| changed) {
            let Some(pieces) = line else {
                say("…")?;
                continue;
            };
            let text: String = pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Same(t) => t.clone(),
                    Piece::Gone(t) => format!("[-{t}-]"),
                    Piece::Added(t) => format!("{{+{t}+}}"),
                })
                .collect();
            say(text)?;
        }
        return Ok(EXIT_OK);
    }
    if let Some(wanted) = &args.restore {
        let kept = bring_back(
            &repo,
            &notebook,
            &file.path,
            wanted,
            &version_path(wanted)?,
            &notice,
        )?;
        say(format!(
            "brought back version {wanted} of {}; `fieldnotes sync` shares it (the versions \
             since stay in its history)",
            file.id
        ))?;
        if let Some(kept) = kept {
            say(format!(
                "the text it replaced had not been synced: git keeps it as {kept} \
                 (`git show {kept}` prints it)"
            ))?;
        }
        return Ok(EXIT_OK);
    }
    if args.json {
        print_json(&versions).map_err(super::list::stdout_error)?;
        return Ok(EXIT_OK);
    }
    if versions.is_empty() {
        say(format!(
            "{} has no saved version yet: `fieldnotes sync` saves one",
            file.id
        ))?;
    }
    for (i, version) in versions.iter().enumerate() {
        let when = version
            .date
            .get(..16)
            .unwrap_or(&version.date)
            .replace('T', " ");
        let what = if i + 1 == versions.len() {
            "written".to_owned()
        } else if version.changed.is_empty() {
            "no field changed".to_owned()
        } else {
            version.changed.join(", ")
        };
        say(format!(
            "{}  {when}  {}  {what}",
            version.commit, version.author
        ))?;
    }
    Ok(EXIT_OK)
}
