//! Settling the conflicts a sync set aside, on disk: the one way both `resolve` and the UI
//! change a note in conflict (through [`Notebook::change`]), list what waits, and take apart a
//! note a hand merge left with git's conflict markers.

use super::Repo;
use super::conflicts::{DELETED_BY_THE_TEAM, DELETED_BY_YOU, Record, keep, waiting, write};
use super::resolve::{Choice, settle, value};
use crate::error::{Error, Result};
use crate::note::{Note, edited, parse};
use crate::notebook::Notebook;

/// What settling some fields of a note came to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settled {
    /// The fields settled.
    pub done: Vec<String>,
    /// Fields that cannot be kept both ways: they wait for mine or theirs.
    pub not_both: Vec<String>,
    /// The fields of the note still in conflict.
    pub left: Vec<String>,
    /// Whether the note was removed (the deletion on one side was taken).
    pub removed: bool,
}

/// One field in conflict, with both values, for choosing between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// The note's id.
    pub id: String,
    /// The note's file, relative to the notebook.
    pub path: String,
    /// The note's title, as it is now.
    pub title: String,
    /// The field (`title`, `finding 2 quote`, `deleted by the team`).
    pub field: String,
    /// The value in the note: this researcher's.
    pub mine: String,
    /// The team's value.
    pub theirs: String,
    /// Whether both values can be kept (text fields).
    pub both: bool,
}

/// The note's file inside the notebook, from the record's path from the repository's top.
pub fn inside(repo: &Repo, record: &Record) -> String {
    record
        .path
        .strip_prefix(repo.scope.as_str())
        .unwrap_or(&record.path)
        .to_owned()
}

/// Every field in conflict, note by note: those a sync set aside, then those of notes a hand
/// merge left with conflict markers (taken apart only when one is settled).
pub fn disagreements(repo: &Repo, notebook: &Notebook) -> Result<Vec<Disagreement>> {
    let mut records = waiting(repo)?;
    for file in marked(repo, notebook)? {
        let id = crate::notebook::note_id(&file);
        if records.iter().any(|r| r.id == id) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let Some((ours, theirs)) = super::markers::split(&text) else {
            continue;
        };
        let (Some(a), Some(b)) = (parse(&ours).note, parse(&theirs).note) else {
            continue;
        };
        let inside = notebook.relative(&file).to_string_lossy().into_owned();
        records.push(Record {
            id,
            path: format!("{}{inside}", repo.scope),
            fields: super::history::changed_fields(&a, &b),
            theirs,
        });
    }
    let mut out = Vec::new();
    for record in records {
        let path = inside(repo, &record);
        let text = std::fs::read_to_string(notebook.root.join(&path)).unwrap_or_default();
        let mine = parse(&text)
            .note
            .or_else(|| super::markers::split(&text).and_then(|(ours, _)| parse(&ours).note));
        let theirs = record.their_note();
        let title = mine
            .as_ref()
            .or(theirs.as_ref())
            .map(|n| n.title.clone())
            .unwrap_or_default();
        for field in &record.fields {
            let deletion = [DELETED_BY_THE_TEAM, DELETED_BY_YOU].contains(&field.as_str());
            let shown = |note: &Option<Note>, gone: bool| match note {
                _ if gone => "(deleted)".to_owned(),
                Some(note) => value(note, field).unwrap_or_else(|| "(none)".to_owned()),
                None => "(cannot be read as a note)".to_owned(),
            };
            out.push(Disagreement {
                id: record.id.clone(),
                path: path.clone(),
                title: title.clone(),
                mine: shown(&mine, field == DELETED_BY_YOU),
                theirs: shown(&theirs, field == DELETED_BY_THE_TEAM),
                both: !deletion
                    && mine
                        .as_ref()
                        .zip(theirs.as_ref())
                        .is_some_and(|(m, t)| settle(m, t, field, Choice::Both).is_some()),
                field: field.clone(),
            });
        }
    }
    Ok(out)
}

/// The notes of the notebook that hold git's conflict markers, found by git itself.
fn marked(repo: &Repo, notebook: &Notebook) -> Result<Vec<std::path::PathBuf>> {
    let ran = repo.git(&[
        "grep",
        "-l",
        "-z",
        "--full-name",
        "-E",
        "^<<<<<<<( |$)",
        "--",
        "*.yaml",
    ])?;
    Ok(ran
        .stdout
        .split('\0')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.strip_prefix(repo.scope.as_str()))
        .filter(|p| {
            !p.ends_with(crate::codebook::CODEBOOK_FILE)
                && !p.ends_with(crate::notebook::SETTINGS_FILE)
        })
        .map(|p| notebook.root.join(p))
        .collect())
}

/// The record of note `id`'s conflicts: the one a sync kept, or one made from the conflict
/// markers a hand merge left in it (which puts our version in the file).
pub fn record_of(
    repo: &Repo,
    notebook: &Notebook,
    id: &str,
    notice: &dyn Fn(&str),
) -> Result<Option<Record>> {
    match waiting(repo)?.into_iter().find(|r| r.id == id) {
        Some(record) => Ok(Some(record)),
        None => from_markers(repo, notebook, id, notice),
    }
}

/// Settles `fields` of `record` by `choice`, in the note on disk, and keeps what is left.
pub fn settle_fields(
    repo: &Repo,
    notebook: &Notebook,
    mut record: Record,
    fields: &[String],
    choice: Choice,
    notice: &dyn Fn(&str),
) -> Result<Settled> {
    let file = notebook.root.join(inside(repo, &record));
    // Only what is still in conflict is settled: a list read before another settling is stale.
    let fields: Vec<String> = fields
        .iter()
        .filter(|f| record.fields.contains(f))
        .cloned()
        .collect();
    let fields = fields.as_slice();
    // A note moved or removed since has nothing left to settle here: the record goes.
    if !file.exists() {
        record.fields.retain(|f| !fields.contains(f));
        write(repo, &record)?;
        return Ok(Settled {
            done: fields.to_vec(),
            left: record.fields,
            ..Settled::default()
        });
    }
    if let Some(deleted) = fields
        .iter()
        .find(|f| [DELETED_BY_THE_TEAM, DELETED_BY_YOU].contains(&f.as_str()))
    {
        let delete = match choice {
            Choice::Both => {
                return Ok(Settled {
                    not_both: vec![deleted.clone()],
                    left: record.fields,
                    ..Settled::default()
                });
            }
            Choice::Theirs => deleted == DELETED_BY_THE_TEAM,
            Choice::Mine => deleted == DELETED_BY_YOU,
        };
        if delete {
            let shown = std::fs::read(&file).map_err(|e| Error::io("cannot read", &file, e))?;
            // What was written since the last commit stays reachable in git.
            super::history::keep_uncommitted(repo, notebook.relative(&file), &shown)?;
            notebook.remove(&file, &shown, None, notice)?;
        }
        record.fields.retain(|f| f != deleted);
        write(repo, &record)?;
        return Ok(Settled {
            done: vec![deleted.clone()],
            left: record.fields,
            removed: delete,
            ..Settled::default()
        });
    }
    let theirs = record.their_note().ok_or_else(|| {
        Error::invalid(
            format!(
                "the team's version of {} cannot be read as a note",
                record.id
            ),
            "settle it by hand, comparing with `fieldnotes history`",
        )
    })?;
    let id = record.id.clone();
    let mut not_both = Vec::new();
    notebook.change(&file, notice, |bytes| {
        let text = crate::yaml::decode(bytes.unwrap_or_default())
            .map_err(|p| Error::invalid(p.message, "fix the note, then resolve again"))?;
        let Some(ours) = parse(text).note else {
            return Err(Error::invalid(
                format!("{id} cannot be read as a note now"),
                "`fieldnotes check` shows what to fix; then resolve again",
            ));
        };
        let mut settled: Note = ours.clone();
        for field in fields {
            match settle(&settled, &theirs, field, choice) {
                Some(next) => settled = next,
                None => not_both.push(field.clone()),
            }
        }
        let written = edited(text, &ours, &settled).map_err(|why| {
            Error::invalid(format!("{id} was not changed: {why}"), "edit it by hand")
        })?;
        Ok((written != text).then(|| written.into_bytes()))
    })?;
    record
        .fields
        .retain(|f| !fields.contains(f) || not_both.contains(f));
    write(repo, &record)?;
    Ok(Settled {
        done: fields
            .iter()
            .filter(|f| !not_both.contains(f))
            .cloned()
            .collect(),
        not_both,
        left: record.fields,
        removed: false,
    })
}

/// A note a hand merge left with git's conflict markers: our version goes into the file, and
/// theirs is set aside as a sync would have set it, field by field.
fn from_markers(
    repo: &Repo,
    notebook: &Notebook,
    id: &str,
    notice: &dyn Fn(&str),
) -> Result<Option<Record>> {
    let Some(file) = notebook
        .note_paths()
        .into_iter()
        .find(|p| crate::notebook::note_id(p) == id)
    else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&file).map_err(|e| Error::io("cannot read", &file, e))?;
    let Some((ours, theirs)) = super::markers::split(&text) else {
        return Ok(None);
    };
    let (Some(our_note), Some(their_note)) = (parse(&ours).note, parse(&theirs).note) else {
        return Err(Error::invalid(
            format!("the versions between the conflict markers in {id} are not both notes"),
            "keep the one you want between the <<<<<<< / ======= / >>>>>>> lines by hand",
        ));
    };
    notebook.change(&file, notice, |bytes| {
        let now = String::from_utf8_lossy(bytes.unwrap_or_default()).into_owned();
        // What was split is what is replaced: a file changed meanwhile is split again.
        let (ours, _) = super::markers::split(&now)
            .ok_or_else(|| Error::invalid(format!("{id} changed meanwhile"), "resolve again"))?;
        Ok(Some(ours.into_bytes()))
    })?;
    let inside = notebook.relative(&file).to_string_lossy().into_owned();
    let record = Record {
        id: id.to_owned(),
        path: format!("{}{inside}", repo.scope),
        fields: super::history::changed_fields(&our_note, &their_note),
        theirs,
    };
    // Kept at once: the file now holds ours alone, and theirs must not depend on what follows.
    keep(repo, record.clone())?;
    Ok(Some(record))
}
