//! Conflicts the merge met and set aside, never stopping on them: the note keeps our value of
//! each field both sides changed differently, and the team's whole version waits here, in the
//! clone's git folder, until the researcher chooses field by field. `sync`, `status` and
//! `check` list them; `resolve` settles them.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Repo;
use crate::error::{Error, Result};
use crate::note::{Note, parse};

/// A note with fields both sides changed differently.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The note's id.
    pub id: String,
    /// The note's file, from the top of the repository.
    pub path: String,
    /// The fields in conflict: the note holds our value of each.
    pub fields: Vec<String>,
    /// The team's version of the note, whole, as it came.
    pub theirs: String,
}

impl Record {
    /// The team's version as a note.
    pub fn their_note(&self) -> Option<Note> {
        parse(&self.theirs).note
    }
}

/// The folder the records are kept in, inside the clone's git folder: they belong to this
/// researcher's merge, not to the notebook the team shares.
fn folder(repo: &Repo) -> Result<PathBuf> {
    let ran = repo.git(&["rev-parse", "--git-path", "fieldnotes/conflicts"])?;
    let path = PathBuf::from(ran.stdout.trim_end_matches('\n'));
    Ok(if path.is_relative() {
        repo.notebook.join(path)
    } else {
        path
    })
}

/// Every conflict waiting to be resolved, by id.
pub fn waiting(repo: &Repo) -> Result<Vec<Record>> {
    let dir = folder(repo)?;
    let mut records: Vec<Record> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| std::fs::read(entry.path()).ok())
        .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
        .collect();
    records.sort_by(|a: &Record, b| a.id.cmp(&b.id));
    Ok(records)
}

/// Keeps `record`, joining the fields of one already waiting for the same note.
pub fn keep(repo: &Repo, mut record: Record) -> Result<()> {
    if let Some(before) = waiting(repo)?.into_iter().find(|r| r.id == record.id) {
        for field in before.fields {
            if !record.fields.contains(&field) {
                record.fields.push(field);
            }
        }
    }
    write(repo, &record)
}

/// Writes `record` over the one of its note, or removes it when no field is left.
pub fn write(repo: &Repo, record: &Record) -> Result<()> {
    let dir = folder(repo)?;
    let file = dir.join(format!("{}.json", record.id));
    if record.fields.is_empty() {
        return match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::io("cannot remove", &file, e))
            }
            _ => Ok(()),
        };
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("cannot create", &dir, e))?;
    let bytes = serde_json::to_vec_pretty(record).map_err(|e| {
        Error::invalid(format!("the conflict could not be kept: {e}"), "sync again")
    })?;
    crate::notebook::write_atomic(&file, &bytes, true)
}

/// What a note that one side deleted and the other edited is set aside as.
pub const DELETED_BY_THE_TEAM: &str = "deleted by the team";
/// The same, deleted here.
pub const DELETED_BY_YOU: &str = "deleted by you";

/// In a merge git stopped, when every file in conflict is a note one side deleted and the
/// other edited: the edited version is kept, the deletion set aside for `resolve`, and the
/// merge concluded. False, touching nothing, when anything else is in conflict.
pub fn keep_edited_over_deleted(repo: &Repo) -> Result<bool> {
    let listed = repo.git(&["ls-files", "--unmerged", "-z", "--full-name"])?;
    // "mode hash stage\tpath" per stage of each file in conflict.
    let mut stages: std::collections::BTreeMap<String, Vec<char>> = Default::default();
    for entry in listed.stdout.split('\0').filter(|e| !e.is_empty()) {
        let Some((info, path)) = entry.split_once('\t') else {
            return Ok(false);
        };
        let stage = info.chars().last().unwrap_or('0');
        stages.entry(path.to_owned()).or_default().push(stage);
    }
    let mut records = Vec::new();
    for (path, present) in &stages {
        let note = path.ends_with(".yaml")
            && !path.ends_with(crate::codebook::CODEBOOK_FILE)
            && !path.ends_with(crate::notebook::SETTINGS_FILE);
        let (ours, theirs) = (present.contains(&'2'), present.contains(&'3'));
        let deleted = match (ours, theirs) {
            (true, false) => DELETED_BY_THE_TEAM,
            (false, true) => DELETED_BY_YOU,
            _ => return Ok(false),
        };
        if !note {
            return Ok(false);
        }
        let id = std::path::Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let theirs_text = if theirs {
            repo.git(&["show", &format!(":3:{path}")])?.stdout
        } else {
            String::new()
        };
        records.push(Record {
            id,
            path: path.clone(),
            fields: vec![deleted.to_owned()],
            theirs: theirs_text,
        });
    }
    if records.is_empty() {
        return Ok(false);
    }
    // The edited version is the one in the working tree: git leaves it there.
    let mut list = Vec::new();
    for record in &records {
        list.extend_from_slice(format!(":(top,literal){}", record.path).as_bytes());
        list.push(0);
    }
    let added = repo.git_with_input(
        &["add", "--pathspec-from-file=-", "--pathspec-file-nul"],
        &list,
    )?;
    if !added.ok || !repo.git(&["commit", "--no-edit", "--quiet"])?.ok {
        return Ok(false);
    }
    for record in records {
        keep(repo, record)?;
    }
    Ok(true)
}
