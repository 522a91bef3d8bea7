//! A codebook operation carried out across a notebook: the codebook and every note whose code
//! lists it changes, all of them or none, through the notebook's one way of changing files.

use std::path::{Path, PathBuf};

use super::CODEBOOK_FILE;
use super::recode::recode_note;
use crate::error::{Error, Result};
use crate::note::{Coded, Note};
use crate::notebook::Notebook;

/// A code list's new codes, from the note's path (relative to the root), the note as read,
/// where the list is in it, and its codes; or why that use cannot change, which blocks its
/// file.
pub type Lists<'a> =
    &'a dyn Fn(&Path, &Note, Coded, &[String]) -> std::result::Result<Vec<String>, String>;

/// An operation on the codebook: how `codebook.yaml` changes and how each code list does.
pub struct Operation<'a> {
    /// The codes whose uses it may change: only notes that mention one are read closely.
    pub codes: Vec<String>,
    /// Codes no note may use yet (a rename onto one would be a merge), looked for in the same
    /// pass.
    pub taken: Vec<String>,
    /// The codebook's new text from its text.
    pub codebook: &'a dyn Fn(&str) -> std::result::Result<String, String>,
    /// How each code list changes.
    pub lists: Lists<'a>,
}

/// What an operation changes or would change.
#[derive(Debug, Default)]
pub struct Plan {
    /// Each file it changes, relative to the root, with its text before and after.
    pub files: Vec<(PathBuf, String, String)>,
    /// Notes with a code list changed.
    pub notes: usize,
    /// Findings with their code list changed.
    pub findings: usize,
    /// Files that cannot be changed in place, and why: while there are any, nothing changes.
    pub blocked: Vec<(PathBuf, String)>,
    /// Notes that use one of the operation's taken codes: while there are any, nothing
    /// changes.
    pub taken: Vec<PathBuf>,
}

/// What `operation` would change in `notebook`, reading the files as they are now.
pub fn plan(notebook: &Notebook, operation: &Operation) -> Result<Plan> {
    let paths = candidates(notebook, operation);
    let texts: Vec<Option<Vec<u8>>> = paths
        .iter()
        .map(|p| crate::notebook::read_bytes(p).ok())
        .collect();
    let seen: Vec<Option<&[u8]>> = texts.iter().map(Option::as_deref).collect();
    Ok(compute(notebook, operation, &paths, &seen))
}

/// Carries `operation` out: every file it changes, or none when one is blocked (the plan
/// says which and why). Each change is computed from the very bytes it replaces.
pub fn apply(notebook: &Notebook, operation: &Operation, notice: &dyn Fn(&str)) -> Result<Plan> {
    let mut done = Plan::default();
    notebook.change_all(
        || candidates(notebook, operation),
        notice,
        |paths, seen| {
            done = compute(notebook, operation, paths, seen);
            if !done.blocked.is_empty() || !done.taken.is_empty() {
                return Ok(vec![None; paths.len()]);
            }
            let mut changed = done.files.iter().peekable();
            Ok(paths
                .iter()
                .map(|path| {
                    let relative = notebook.relative(path);
                    changed
                        .next_if(|(p, _, _)| p == relative)
                        .map(|(_, _, after)| after.clone().into_bytes())
                })
                .collect())
        },
    )?;
    Ok(done)
}

/// Every note file whose bytes mention one of the operation's codes, each file once (a link
/// inside the notebook is the file it leads to), then the codebook: written last, so that a
/// change cut short leaves the codebook as it was.
fn candidates(notebook: &Notebook, operation: &Operation) -> Vec<PathBuf> {
    // A change to the codebook alone (a move, an add) reads no note.
    if operation.codes.is_empty() && operation.taken.is_empty() {
        return vec![notebook.root.join(CODEBOOK_FILE)];
    }
    let mentions = |path: &PathBuf| {
        crate::notebook::read_bytes(path).is_ok_and(|bytes| {
            operation
                .codes
                .iter()
                .chain(&operation.taken)
                .any(|code| contains(&bytes, code.as_bytes()))
        })
    };
    let mut seen = std::collections::HashSet::new();
    let mut paths: Vec<PathBuf> = notebook
        .note_paths()
        .into_iter()
        .filter(mentions)
        .filter(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())))
        .collect();
    paths.push(notebook.root.join(CODEBOOK_FILE));
    paths
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The plan over `paths` as they read `seen` (the codebook first).
fn compute(
    notebook: &Notebook,
    operation: &Operation,
    paths: &[PathBuf],
    seen: &[Option<&[u8]>],
) -> Plan {
    let mut plan = Plan::default();
    for (path, bytes) in paths.iter().zip(seen) {
        let relative = notebook.relative(path).to_path_buf();
        let is_codebook = relative == Path::new(CODEBOOK_FILE);
        let text = match bytes.map(crate::yaml::decode) {
            Some(Ok(text)) => text,
            Some(Err(problem)) => {
                plan.blocked.push((relative, problem.message));
                continue;
            }
            None if is_codebook => "",
            None => continue,
        };
        let changed = if is_codebook {
            (operation.codebook)(text).map(|after| (after != text).then_some(after))
        } else {
            // Only a list that names a code the operation changes is touched: another list
            // with a code written twice stays as it is.
            let taken = std::cell::Cell::new(false);
            let refused = std::cell::RefCell::new(None);
            let lists = |note: &Note, at: Coded, codes: &[String]| {
                if codes.iter().any(|c| operation.taken.contains(c)) {
                    taken.set(true);
                }
                if !codes.iter().any(|c| operation.codes.contains(c)) {
                    return codes.to_vec();
                }
                (operation.lists)(&relative, note, at, codes).unwrap_or_else(|why| {
                    refused.borrow_mut().get_or_insert(why);
                    codes.to_vec()
                })
            };
            let recoded = recode_note(text, &lists).and_then(|recoded| match refused.take() {
                Some(why) => Err(why),
                None => Ok(recoded),
            });
            let recoded = recoded.map(|recoded| {
                recoded.map(|r| {
                    plan.notes += 1;
                    plan.findings += r.findings;
                    r.text
                })
            });
            if taken.get() {
                plan.taken.push(relative.clone());
            }
            recoded
        };
        // Reading drops a byte-order mark; writing puts it back, so that only the lists change.
        let mark = if bytes.is_some_and(|b| b.starts_with("\u{feff}".as_bytes())) {
            "\u{feff}"
        } else {
            ""
        };
        match changed {
            Ok(Some(after)) => {
                plan.files
                    .push((relative, format!("{mark}{text}"), format!("{mark}{after}")))
            }
            Ok(None) => {}
            Err(why) => plan.blocked.push((relative, why)),
        }
    }
    plan
}

impl Plan {
    /// The notes and findings it changes, as a change reports them: ` in 14 notes (23
    /// findings)`; nothing for the codebook alone.
    pub fn counts(&self) -> String {
        match (self.notes, self.findings) {
            (0, 0) => String::new(),
            (notes, findings) => format!(
                " in {} ({})",
                crate::cli::plural(notes, "note"),
                crate::cli::plural(findings, "finding")
            ),
        }
    }

    /// An error that lists what blocks the operation, for a command to report.
    pub fn blocked_error(&self, what: &str) -> Error {
        let list: Vec<String> = self
            .blocked
            .iter()
            .map(|(path, why)| format!("{}: {why}", path.display()))
            .collect();
        Error::invalid(
            format!(
                "{what}: nothing was changed, because {} cannot be changed in place",
                crate::cli::plural(self.blocked.len(), "file")
            ),
            format!(
                "{}\nchange these by hand, then run the command again",
                list.join("\n")
            ),
        )
    }
}
