//! `rm`: remove notes, asking first. Git keeps what it has committed; anything else is moved
//! to a trash folder in the data directory, from where it can be moved back.

use clap::Args;
use serde::Serialize;

use super::editor::confirm;
use super::list::one_note;
use super::output::{print_json, warn};
use super::{Context, EXIT_OK, notice};
use crate::error::{Error, Result};
use crate::notebook::Removed;
use crate::safe;

/// Arguments of `rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The ids of the notes to remove.
    #[arg(required = true, value_name = "ID", add = super::complete::ids())]
    ids: Vec<String>,
    /// Remove without asking (needed when not run on a terminal).
    #[arg(long, short)]
    yes: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// One note removed, for `--json`.
#[derive(Serialize)]
struct Gone {
    id: String,
    path: String,
    /// Where the file was moved, or null when git holds it.
    kept: Option<String>,
}

/// Removes the notes after asking, and says how each can be had back.
pub fn run(args: RmArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    // Every id is checked before anything is removed.
    let files = args
        .ids
        .iter()
        .map(|id| one_note(&notebook, id, "removed"))
        .collect::<Result<Vec<_>>>()?;
    if !args.yes && !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(Error::usage(
            "rm asks before removing, and there is no terminal to ask on",
            "add --yes to remove without asking",
        ));
    }
    let loaded = notebook.load();
    let mut gone = Vec::new();
    for file in files {
        let citing: Vec<String> = loaded
            .notes
            .iter()
            .filter(|n| n.note.evidence.contains(&file.id))
            .map(|n| format!("\"{}\"", safe::line(&n.note.title)))
            .collect();
        if !citing.is_empty() {
            let who = match citing.len() {
                1 => "1 note cites".to_owned(),
                n => format!("{n} notes cite"),
            };
            warn(format!(
                "{who} {} as evidence and will show a broken link: {}",
                safe::line(&file.id),
                citing.join(", ")
            ));
        }
        let path = notebook.root.join(&file.path);
        let shown = std::fs::read(&path).map_err(|e| Error::io("cannot read", &file.path, e))?;
        let question = format!(
            "Remove \"{}\" ({})?",
            safe::line(&file.note.title),
            safe::line(&file.path.to_string_lossy())
        );
        if !args.yes && !confirm(&question, false) {
            warn(format!("kept {}", safe::line(&file.id)));
            continue;
        }
        let keep = notebook.keep_removed_at(&context.dirs.data, &path);
        let removed = notebook.remove(&path, &shown, keep.as_deref(), &notice)?;
        let shown_path = safe::line(&file.path.to_string_lossy());
        let kept = match removed {
            Removed::Deleted => {
                let root = safe::line(&notebook.root.to_string_lossy());
                warn(format!(
                    "removed {shown_path}; git has it: `git -C {root} restore -- {shown_path}` brings it back"
                ));
                None
            }
            Removed::Kept(to) => {
                let to = to.to_string_lossy().into_owned();
                warn(format!(
                    "removed {shown_path}, moved to {}; move it back to restore it",
                    safe::line(&to)
                ));
                Some(to)
            }
        };
        gone.push(Gone {
            id: file.id,
            path: file.path.to_string_lossy().into_owned(),
            kept,
        });
    }
    if args.json {
        print_json(&gone).map_err(|e| Error::io("cannot write", "standard output", e))?;
    }
    Ok(EXIT_OK)
}
