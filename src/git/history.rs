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

/// A piece of a word-by-word difference between two versions of a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Text both versions have.
    Same(String),
    /// Text only the older version has.
    Gone(String),
    /// Text only the newer version has.
    Added(String),
}

/// What changed from `was` to `now`, word by word: lines of pieces, each stretch of
/// unchanged lines between changes cut to a line of its own, `None`. Git's own diff.
pub fn difference(repo: &Repo, was: &str, now: &str) -> Result<Vec<Option<Vec<Piece>>>> {
    let folder = |e| Error::io("cannot write", std::path::Path::new("a temp folder"), e);
    let dir = tempfile::tempdir().map_err(folder)?;
    let (was_path, now_path) = (dir.path().join("was.yaml"), dir.path().join("now.yaml"));
    std::fs::write(&was_path, was).map_err(|e| Error::io("cannot write", &was_path, e))?;
    std::fs::write(&now_path, now).map_err(|e| Error::io("cannot write", &now_path, e))?;
    let ran = repo.git(&[
        "diff",
        "--no-color",
        "--no-index",
        "--no-ext-diff",
        "--word-diff=porcelain",
        "--",
        &was_path.to_string_lossy(),
        &now_path.to_string_lossy(),
    ])?;
    // 0: no difference, 1: a difference; anything else is git failing.
    if !ran.ok && !ran.stdout.starts_with("diff") {
        return Err(Error::invalid(
            format!("git could not compare the versions: {}", ran.stderr.trim()),
            "`fieldnotes history ID --show VERSION` prints the version whole",
        ));
    }
    let mut lines = Vec::new();
    let mut line = Vec::new();
    for row in ran.stdout.lines().skip_while(|l| !l.starts_with("@@")) {
        match row.split_at_checked(1).unwrap_or(("", "")) {
            ("@", _) if !lines.is_empty() => lines.push(None),
            ("~", _) => lines.push(Some(std::mem::take(&mut line))),
            (" ", text) => line.push(Piece::Same(text.to_owned())),
            ("-", text) => line.push(Piece::Gone(text.to_owned())),
            ("+", text) => line.push(Piece::Added(text.to_owned())),
            _ => {}
        }
    }
    if !line.is_empty() {
        lines.push(Some(line));
    }
    Ok(lines)
}

/// Brings back the version of the note at `file` (in the notebook) kept in `commit` under
/// `path` (from the repository's top), as a new change of the file. The text it replaces,
/// when no commit holds it, is kept under `refs/fieldnotes/replaced/`: the ref is returned.
pub fn bring_back(
    repo: &Repo,
    notebook: &crate::notebook::Notebook,
    file: &std::path::Path,
    commit: &str,
    path: &str,
    notice: &dyn Fn(&str),
) -> Result<Option<String>> {
    let text = text_at(repo, commit, path)?;
    let target = notebook.root.join(file);
    let mut kept = None;
    notebook.change(&target, notice, |bytes| {
        let now = bytes.unwrap_or_default();
        if now == text.as_bytes() {
            return Ok(None);
        }
        kept = keep_uncommitted(repo, file, now)?;
        Ok(Some(text.into_bytes()))
    })?;
    Ok(kept)
}

/// Keeps `now`, the text of `file`, reachable from a ref when the last commit does not hold
/// it, so that nothing a researcher wrote is lost to a version brought back.
pub(crate) fn keep_uncommitted(
    repo: &Repo,
    file: &std::path::Path,
    now: &[u8],
) -> Result<Option<String>> {
    let file = file.to_string_lossy();
    let committed = repo.git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("HEAD:./{file}"),
    ])?;
    let stored = repo.git_with_input(
        &["hash-object", "-w", "--stdin", &format!("--path={file}")],
        now,
    )?;
    let blob = stored.stdout.trim();
    if !stored.ok || blob.is_empty() {
        return Err(Error::invalid(
            format!(
                "git could not keep the text of {file} as it is now: {}",
                stored.stderr.trim()
            ),
            "sync first, so that git holds it, then bring the version back",
        ));
    }
    if committed.ok && committed.stdout.trim() == blob {
        return Ok(None);
    }
    let now = jiff::Timestamp::now();
    let name = format!(
        "refs/fieldnotes/replaced/{}-{}",
        now.as_second(),
        now.subsec_nanosecond()
    );
    let kept = repo.git(&["update-ref", &name, blob])?;
    if !kept.ok {
        return Err(Error::invalid(
            format!(
                "git could not keep the text of {file} as it is now: {}",
                kept.stderr.trim()
            ),
            "sync first, so that git holds it, then bring the version back",
        ));
    }
    Ok(Some(name))
}
