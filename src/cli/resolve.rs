//! `resolve`: the conflicts a sync set aside, listed with both values, and settled field by
//! field.

use clap::Args;

use super::output::say;
use super::{Context, EXIT_OK, EXIT_PROBLEMS, notice};
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::git::conflicts::{DELETED_BY_THE_TEAM, DELETED_BY_YOU, Record, waiting, write};
use crate::git::resolve::{Choice, settle};
use crate::note::{Note, edited, parse};

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
    let records = waiting(&repo)?;
    let choice = match (args.mine, args.theirs, args.both) {
        (true, _, _) => Choice::Mine,
        (_, true, _) => Choice::Theirs,
        (_, _, true) => Choice::Both,
        _ => return list(&repo, &notebook, &records),
    };
    let Some(id) = args.id else {
        return Err(Error::usage(
            "which note's conflicts?",
            "`fieldnotes resolve` lists them; then `fieldnotes resolve ID --theirs` (or --mine, --both)",
        ));
    };
    let found = match records.into_iter().find(|r| r.id == id) {
        Some(record) => Some(record),
        None => from_markers(&repo, &notebook, &id)?,
    };
    let Some(mut record) = found else {
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
    if let Some(deleted) = fields
        .iter()
        .find(|f| [DELETED_BY_THE_TEAM, DELETED_BY_YOU].contains(&f.as_str()))
    {
        return settle_deletion(&repo, &notebook, record.clone(), deleted, choice);
    }
    let theirs = record.their_note().ok_or_else(|| {
        Error::invalid(
            format!("the team's version of {id} cannot be read as a note"),
            "settle it by hand, comparing with `fieldnotes history`",
        )
    })?;
    let file = notebook.root.join(inside(&repo, &record));
    let mut unsettled = Vec::new();
    notebook.change(&file, &notice, |bytes| {
        let text = crate::yaml::decode(bytes.unwrap_or_default())
            .map_err(|p| Error::invalid(p.message, "fix the note, then resolve again"))?;
        let Some(ours) = parse(text).note else {
            return Err(Error::invalid(
                format!("{id} cannot be read as a note now"),
                "`fieldnotes check` shows what to fix; then resolve again",
            ));
        };
        let mut settled: Note = ours.clone();
        for field in &fields {
            match settle(&settled, &theirs, field, choice) {
                Some(next) => settled = next,
                None => unsettled.push(field.clone()),
            }
        }
        let written = edited(text, &ours, &settled).map_err(|why| {
            Error::invalid(format!("{id} was not changed: {why}"), "edit it by hand")
        })?;
        Ok((written != text).then(|| written.into_bytes()))
    })?;
    record
        .fields
        .retain(|f| !fields.contains(f) || unsettled.contains(f));
    write(&repo, &record)?;
    for field in &unsettled {
        say(format!(
            "`{field}` of {id} cannot be kept both ways: choose --mine or --theirs"
        ))?;
    }
    let done = fields.len() - unsettled.len();
    say(format!(
        "settled {} of {id}; {}",
        super::output::plural(done, "field"),
        if record.fields.is_empty() {
            "`fieldnotes sync` shares it".to_owned()
        } else {
            format!("still in conflict: {}", record.fields.join(", "))
        }
    ))?;
    Ok(if unsettled.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}

/// A note one side deleted and the other edited: the edited version is in the notebook, and
/// the choice either keeps it or deletes it as the other side did (git keeps it in history).
fn settle_deletion(
    repo: &Repo,
    notebook: &crate::notebook::Notebook,
    mut record: Record,
    deleted: &str,
    choice: Choice,
) -> Result<u8> {
    let delete = match choice {
        Choice::Both => {
            say(format!(
                "{} was {deleted}: it cannot be kept both ways; choose --mine or --theirs",
                record.id
            ))?;
            return Ok(EXIT_PROBLEMS);
        }
        Choice::Theirs => deleted == DELETED_BY_THE_TEAM,
        Choice::Mine => deleted == DELETED_BY_YOU,
    };
    let file = notebook.root.join(inside(repo, &record));
    if delete {
        let shown = std::fs::read(&file).map_err(|e| Error::io("cannot read", &file, e))?;
        notebook.remove(&file, &shown, None, &notice)?;
    }
    record.fields.retain(|f| f != deleted);
    write(repo, &record)?;
    say(if delete {
        format!(
            "removed {} (git keeps its history); `fieldnotes sync` shares it",
            record.id
        )
    } else {
        format!("kept {}; `fieldnotes sync` shares it", record.id)
    })?;
    Ok(EXIT_OK)
}

/// A note a hand merge left with git's conflict markers: our version goes into the file, and
/// theirs is set aside as a sync would have set it, field by field.
fn from_markers(
    repo: &Repo,
    notebook: &crate::notebook::Notebook,
    id: &str,
) -> Result<Option<Record>> {
    let Some(file) = notebook
        .note_paths()
        .into_iter()
        .find(|p| crate::notebook::note_id(p) == id)
    else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&file).map_err(|e| Error::io("cannot read", &file, e))?;
    let Some((ours, theirs)) = crate::git::markers::split(&text) else {
        return Ok(None);
    };
    let (Some(our_note), Some(their_note)) = (parse(&ours).note, parse(&theirs).note) else {
        return Err(Error::invalid(
            format!("the versions between the conflict markers in {id} are not both notes"),
            "keep the one you want between the <<<<<<< / ======= / >>>>>>> lines by hand",
        ));
    };
    notebook.change(&file, &notice, |bytes| {
        let now = String::from_utf8_lossy(bytes.unwrap_or_default()).into_owned();
        // What was split is what is replaced: a file changed meanwhile is split again.
        let (ours, _) = crate::git::markers::split(&now)
            .ok_or_else(|| Error::invalid(format!("{id} changed meanwhile"), "resolve again"))?;
        Ok(Some(ours.into_bytes()))
    })?;
    let inside = notebook.relative(&file).to_string_lossy().into_owned();
    let record = Record {
        id: id.to_owned(),
        path: format!("{}{inside}", repo.scope),
        fields: crate::git::history::changed_fields(&our_note, &their_note),
        theirs,
    };
    // Kept at once: the file now holds ours alone, and theirs must not depend on what follows.
    crate::git::conflicts::keep(repo, record.clone())?;
    Ok(Some(record))
}

/// The note's path inside the notebook, from the record's path from the repository's top.
fn inside(repo: &Repo, record: &Record) -> String {
    record
        .path
        .strip_prefix(repo.scope.as_str())
        .unwrap_or(&record.path)
        .to_owned()
}

fn list(repo: &Repo, notebook: &crate::notebook::Notebook, records: &[Record]) -> Result<u8> {
    if records.is_empty() {
        say("no conflicts waiting")?;
        return Ok(EXIT_OK);
    }
    for record in records {
        say(format!("{}  ({})", record.id, inside(repo, record)))?;
        let mine = std::fs::read_to_string(notebook.root.join(inside(repo, record)))
            .ok()
            .and_then(|t| parse(&t).note);
        let theirs = record.their_note();
        for field in &record.fields {
            say(format!("  {field}"))?;
            for (who, note) in [("yours ", &mine), ("theirs", &theirs)] {
                let shown = note
                    .as_ref()
                    .and_then(|n| value_of(n, field))
                    .unwrap_or_else(|| "(see `fieldnotes history`)".into());
                say(format!("    {who}  {shown}"))?;
            }
        }
    }
    say("settle each with `fieldnotes resolve ID --mine`, `--theirs` or `--both` [--field NAME]")?;
    Ok(EXIT_PROBLEMS)
}

/// A text field's value, on one line, for choosing between two.
fn value_of(note: &Note, field: &str) -> Option<String> {
    let words: Vec<&str> = field.split(' ').collect();
    let value = match words.as_slice() {
        ["title"] => Some(note.title.clone()),
        ["study"] => note.study.clone(),
        ["place"] => note.place.clone(),
        ["researcher"] => note.researcher.clone(),
        ["body"] => note.body.clone(),
        ["action"] => note.action.clone(),
        ["status"] => note.status.clone(),
        ["finding", n, part] => {
            let finding = note
                .findings
                .get(n.parse::<usize>().ok()?.checked_sub(1)?)?;
            match *part {
                "did" => finding.did.clone(),
                "quote" => finding.quote.clone(),
                "remark" => finding.note.clone(),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(value.map_or_else(
        || "(none)".to_owned(),
        |v| v.split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}
