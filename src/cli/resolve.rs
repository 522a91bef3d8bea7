//! `resolve`: the conflicts a sync set aside, listed with both values, and settled field by
//! field.

use clap::Args;

use super::output::say;
use super::{Context, EXIT_OK, EXIT_PROBLEMS, notice};
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::git::conflicts::{DELETED_BY_THE_TEAM, DELETED_BY_YOU};
use crate::git::resolve::Choice;
use crate::git::settle::{disagreements, record_of, settle_fields};

/// Arguments of `resolve`.
#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The note to settle (default: list every conflict waiting).
    id: Option<String>,
    /// Keep your value.
    #[arg(long, group = "choice")]
    mine: bool,
    /// Take the team's value.
    #[arg(long, group = "choice")]
    theirs: bool,
    /// Keep both texts, yours first.
    #[arg(long, group = "choice")]
    both: bool,
    /// Only this field (as listed, e.g. "finding 1 quote"); default: every field of the note.
    #[arg(long, requires = "choice")]
    field: Option<String>,
}

/// Lists the conflicts, or settles those of one note.
pub fn run(args: ResolveArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let Some(repo) = Repo::open(&notebook.root, true)? else {
        say("no conflicts: this notebook is not in a git repository")?;
        return Ok(EXIT_OK);
    };
    let choice = match (args.mine, args.theirs, args.both) {
        (true, _, _) => Choice::Mine,
        (_, true, _) => Choice::Theirs,
        (_, _, true) => Choice::Both,
        _ => return list(&repo, &notebook),
    };
    let Some(id) = args.id else {
        return Err(Error::usage(
            "which note's conflicts?",
            "`fieldnotes resolve` lists them; then `fieldnotes resolve ID --theirs` (or --mine, --both)",
        ));
    };
    let Some(record) = record_of(&repo, &notebook, &id, &notice)? else {
        return Err(Error::usage(
            format!("{id} has no conflict waiting"),
            "`fieldnotes resolve` lists those that do",
        ));
    };
    let fields: Vec<String> = match &args.field {
        Some(field) if record.fields.contains(field) => vec![field.clone()],
        Some(field) => {
            return Err(Error::usage(
                format!("`{field}` is not in conflict in {id}"),
                format!("its fields in conflict: {}", record.fields.join(", ")),
            ));
        }
        None => record.fields.clone(),
    };
    let deletion = fields
        .iter()
        .find(|f| [DELETED_BY_THE_TEAM, DELETED_BY_YOU].contains(&f.as_str()))
        .cloned();
    let settled = settle_fields(&repo, &notebook, record, &fields, choice, &notice)?;
    for field in &settled.not_both {
        match &deletion {
            Some(deleted) => say(format!(
                "{id} was {deleted}: it cannot be kept both ways; choose --mine or --theirs"
            ))?,
            None => say(format!(
                "`{field}` of {id} cannot be kept both ways: choose --mine or --theirs"
            ))?,
        }
    }
    if deletion.is_some() && settled.not_both.is_empty() {
        say(if settled.removed {
            format!("removed {id} (git keeps its history); `fieldnotes sync` shares it")
        } else {
            format!("kept {id}; `fieldnotes sync` shares it")
        })?;
        return Ok(EXIT_OK);
    }
    if deletion.is_none() {
        say(format!(
            "settled {} of {id}; {}",
            super::output::plural(settled.done.len(), "field"),
            if settled.left.is_empty() {
                "`fieldnotes sync` shares it".to_owned()
            } else {
                format!("still in conflict: {}", settled.left.join(", "))
            }
        ))?;
    }
    Ok(if settled.not_both.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}

fn list(repo: &Repo, notebook: &crate::notebook::Notebook) -> Result<u8> {
    let all = disagreements(repo, notebook)?;
    if all.is_empty() {
        say("no conflicts waiting")?;
        return Ok(EXIT_OK);
    }
    let one_line = |v: &str| v.split_whitespace().collect::<Vec<_>>().join(" ");
    for (i, field) in all.iter().enumerate() {
        if i == 0 || all[i - 1].id != field.id {
            say(format!("{}  ({})", field.id, field.path))?;
        }
        say(format!("  {}", field.field))?;
        say(format!("    yours   {}", one_line(&field.mine)))?;
        say(format!("    theirs  {}", one_line(&field.theirs)))?;
    }
    say("settle each with `fieldnotes resolve ID --mine`, `--theirs` or `--both` [--field NAME]")?;
    Ok(EXIT_PROBLEMS)
}
