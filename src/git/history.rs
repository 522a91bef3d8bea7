//! Every version of a note that git keeps: who changed it, when, and which fields, so "what did
//! the quote say before my colleague edited it" has an answer; and a version brought back as a
//! new change, never by rewriting history.

use serde::Serialize;

use super::Repo;
use crate::error::{Error, Result};
use crate::note::{Note, parse};

/// One version of a note.
#[derive(Clone, Debug, Serialize)]
pub struct Version {
    /// The commit, abbreviated.
    pub commit: String,
    /// Who made it.
    pub author: String,
    /// When, as git records it (ISO 8601).
    pub date: String,
    /// The commit's message, first line.
    pub subject: String,
    /// The file's path in that commit, from the top of the repository.
    pub path: String,
    /// The fields that changed from the version before (empty for the first).
    pub changed: Vec<String>,
    /// The note as it was then; none when that version could not be read as a note.
    #[serde(skip)]
    pub note: Option<Note>,
}

/// The versions of the file at `path` (relative to the notebook), newest first, following
/// renames.
pub fn history(repo: &Repo, path: &str) -> Result<Vec<Version>> {
    let ran = repo.git(&[
        "log",
        "--follow",
        "--name-only",
        "--format=%x1e%h%x1f%an%x1f%aI%x1f%s",
        "--",
        path,
    ])?;
    if !ran.ok {
        return Err(Error::invalid(
            format!(
                "git could not list the versions of {path}: {}",
                ran.stderr.trim()
            ),
            "is the note committed? `fieldnotes sync` saves it",
        ));
    }
    let mut versions: Vec<Version> = Vec::new();
    for record in ran.stdout.split('\x1e').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let mut fields = lines.next().unwrap_or_default().split('\x1f');
        let mut next = || fields.next().unwrap_or_default().to_owned();
        let (commit, author, date, subject) = (next(), next(), next(), next());
        let file = lines
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
            .to_owned();
        let shown = repo.git(&["show", &format!("{commit}:{file}")])?;
        let note = shown.ok.then(|| parse(&shown.stdout).note).flatten();
        versions.push(Version {
            commit,
            author,
            date,
            subject,
            path: file,
            changed: Vec::new(),
            note,
        });
    }
    for i in 0..versions.len() {
        let older = versions.get(i + 1).and_then(|v| v.note.clone());
        if let (Some(older), Some(newer)) = (older, &versions[i].note) {
            versions[i].changed = changed_fields(&older, newer);
        }
    }
    Ok(versions)
}

/// The fields that differ between two versions of a note, by name.
pub fn changed_fields(a: &Note, b: &Note) -> Vec<String> {
    let mut changed: Vec<String> = [
        ("kind", a.kind != b.kind),
        ("title", a.title != b.title),
        ("date", a.date != b.date),
        ("study", a.study != b.study),
        ("place", a.place != b.place),
        ("researcher", a.researcher != b.researcher),
        ("participants", a.participants != b.participants),
        ("tags", a.tags != b.tags),
        ("why", a.why != b.why),
        ("body", a.body != b.body),
        ("source", a.source != b.source),
        ("evidence", a.evidence != b.evidence),
        ("action", a.action != b.action),
        ("status", a.status != b.status),
        ("other keys", a.extra != b.extra),
    ]
    .into_iter()
    .filter(|(_, differs)| *differs)
    .map(|(name, _)| name.to_owned())
    .collect();
    let most = a.findings.len().max(b.findings.len());
    for i in 0..most {
        match (a.findings.get(i), b.findings.get(i)) {
            (Some(x), Some(y)) => {
                for (name, differs) in [
                    ("did", x.did != y.did),
                    ("quote", x.quote != y.quote),
                    ("why", x.why != y.why),
                    ("remark", x.note != y.note),
                    ("keys", x.extra != y.extra),
                ] {
                    if differs {
                        changed.push(format!("finding {} {name}", i + 1));
                    }
                }
            }
            (None, Some(_)) => changed.push(format!("finding {} added", i + 1)),
            (Some(_), None) => changed.push(format!("finding {} removed", i + 1)),
            (None, None) => {}
        }
    }
    changed
}

/// The file's text in `commit`.
pub fn text_at(repo: &Repo, commit: &str, path: &str) -> Result<String> {
    let shown = repo.git(&["show", &format!("{commit}:{path}")])?;
    if shown.ok {
        Ok(shown.stdout)
    } else {
        Err(Error::usage(
            format!("there is no version {commit} of this note"),
            "`fieldnotes history ID` lists its versions",
        ))
    }
}
