//! A change to the codebook as one thing that the command line and the board both carry out:
//! what it does to `codebook.yaml` and to each code list, what it is called, and when it is
//! refused. Every refusal comes before a file is written.

use std::path::Path;

use super::apply::{Operation, Plan, apply, plan};
use super::recode::recoded;
use super::split;
use super::{CODEBOOK_FILE, Code, Codebook, is_slug, reshape, with_code_added};
use crate::cli::plural;
use crate::error::{Error, Result};
use crate::note::{Coded, Note};
use crate::notebook::Notebook;

/// A change to the codebook, made in `codebook.yaml` and in every note that uses its codes.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// `old` renamed `new`, in the codebook and in every note.
    Rename {
        /// The code's name now.
        old: String,
        /// Its new name: a slug no code has yet.
        new: String,
    },
    /// The codes `from` made one with `into`.
    Merge {
        /// The codes that go.
        from: Vec<String>,
        /// The code they become, one the codebook has.
        into: String,
    },
    /// `code` moved under `parent`, or to the top; no note changes.
    Move {
        /// The code moved.
        code: String,
        /// The code it goes under; none for the top.
        parent: Option<String>,
    },
    /// A code added to the codebook.
    Add(Code),
    /// `code` taken out of the codebook, its sub-codes moving up.
    Retire {
        /// The code retired.
        code: String,
        /// The code its uses become (a merge); none to drop them.
        into: Option<String>,
        /// Whether its uses are dropped from every note; without it, a code in use is refused.
        drop: bool,
    },
    /// A code split in two, each use into the parts the plan chose for it.
    Split(split::Plan),
}

impl Change {
    /// The codes whose uses the change may change.
    fn codes(&self) -> Vec<String> {
        match self {
            Change::Rename { old, .. } => vec![old.clone()],
            Change::Merge { from, .. } => from.clone(),
            Change::Move { .. } | Change::Add(_) => Vec::new(),
            Change::Retire { code, .. } => vec![code.clone()],
            Change::Split(plan) => vec![plan.split.clone()],
        }
    }

    /// The codebook's text after the change, or why it cannot be made.
    pub fn codebook(&self, text: &str) -> std::result::Result<String, String> {
        match self {
            Change::Rename { old, new } => reshape::renamed(text, old, new),
            Change::Merge { from, into } => reshape::merged(text, from, into),
            Change::Retire {
                code,
                into: Some(into),
                ..
            } => reshape::merged(text, std::slice::from_ref(code), into),
            Change::Retire { code, .. } => reshape::retired(text, code),
            Change::Move { code, parent } => reshape::moved(text, code, parent.as_deref()),
            Change::Add(code) => match &code.parent {
                Some(p) if Codebook::parse(text).0.get(p).is_none() => {
                    Err(format!("the codebook has no `{p}`"))
                }
                _ => with_code_added(text, code),
            },
            Change::Split(plan) => {
                split_parts(&plan.split, &plan.parts)?;
                reshape::split(text, &plan.split, &plan.parts)
            }
        }
    }

    /// What a code list at `at` in the note at `path` becomes, or why that use cannot change.
    fn list(
        &self,
        path: &Path,
        note: &Note,
        at: Coded,
        codes: &[String],
    ) -> std::result::Result<Vec<String>, String> {
        let into = |code: &str, become_: &[String]| {
            recoded(codes, &|c| {
                if c == code {
                    become_.to_vec()
                } else {
                    vec![c.to_owned()]
                }
            })
        };
        Ok(match self {
            Change::Rename { old, new } => into(old, std::slice::from_ref(new)),
            Change::Merge { from, into: to } => recoded(codes, &|c| {
                vec![if from.iter().any(|f| f == c) { to } else { c }.to_owned()]
            }),
            Change::Retire {
                code,
                into: Some(to),
                ..
            } => into(code, std::slice::from_ref(to)),
            // A code still in use is retired only into another or dropped.
            Change::Retire { drop: false, .. } => return Err(IN_USE.to_owned()),
            Change::Retire { code, .. } => into(code, &[]),
            Change::Move { .. } | Change::Add(_) => codes.to_vec(),
            Change::Split(plan) => {
                // Each use must be the one the plan lists at its place, saying what it said
                // then, checked against the very bytes the change replaces: a use added
                // since has no part chosen, and a finding removed above it would shift the
                // choices onto the wrong findings. Either way the whole change waits.
                let parts = split::chosen_for(plan, path, note, at).ok_or(UNPLANNED)?;
                into(&plan.split, parts)
            }
        })
    }

    /// The change as asked for: `rename quiet to courtesy`; in the past tense, as done.
    pub fn said(&self, done: bool) -> String {
        let verb = |now: &str, then: &str| if done { then } else { now }.to_owned();
        match self {
            Change::Rename { old, new } => format!("{} {old} to {new}", verb("rename", "renamed")),
            Change::Merge { from, into } => {
                format!(
                    "{} {} into {into}",
                    verb("merge", "merged"),
                    from.join(", ")
                )
            }
            Change::Move { code, parent } => {
                let place = parent
                    .as_deref()
                    .map_or("to the top".to_owned(), |p| format!("under {p}"));
                format!("{} {code} {place}", verb("move", "moved"))
            }
            Change::Add(code) => format!("{} {}", verb("add", "added"), code.name),
            Change::Retire { code, into, drop } => {
                let into = match into {
                    Some(into) => format!(" into {into}"),
                    None if *drop => " (its uses dropped)".to_owned(),
                    None => String::new(),
                };
                format!("{} {code}{into}", verb("retire", "retired"))
            }
            Change::Split(plan) => format!(
                "{} {} into {}",
                verb("split", "split"),
                plan.split,
                plan.parts.join(" and ")
            ),
        }
    }

    /// The start of a refusal: `` `quiet` was not renamed``.
    fn refused(&self) -> String {
        let (code, was) = match self {
            Change::Rename { old, .. } => (old.as_str(), "renamed"),
            Change::Merge { from, into } => {
                return format!("{} not merged into {into}", from.join(", "));
            }
            Change::Move { code, .. } => (code.as_str(), "moved"),
            Change::Add(code) => (code.name.as_str(), "added"),
            Change::Retire { code, .. } => (code.as_str(), "retired"),
            Change::Split(plan) => (plan.split.as_str(), "split"),
        };
        format!("`{code}` was not {was}")
    }
}

/// Why a note blocks a split: a use its plan does not list as it is now.
const UNPLANNED: &str = "a use the split's plan does not list as it is now";

/// Why a note blocks a retire without --into or --drop: it uses the code.
const IN_USE: &str = "it still uses the code retired";

/// Why `parts` cannot be what `code` is split into, if they cannot.
pub fn split_parts(code: &str, parts: &[String]) -> std::result::Result<(), String> {
    for part in parts {
        if !is_slug(part) {
            return Err(format!(
                "`{part}` is not a code name (lowercase letters, digits and hyphens)"
            ));
        }
        if part == code {
            return Err(format!("`{code}` cannot be one of its own parts"));
        }
    }
    match parts {
        [a, b] if a == b => Err("its two parts are one code".into()),
        [_, _] => Ok(()),
        _ => Err("a split has two parts".into()),
    }
}

/// What `change` would do in `notebook` as its files are now, or why it is refused.
pub fn preview(notebook: &Notebook, change: &Change) -> Result<Plan> {
    run(notebook, change, None)
}

/// Carries `change` out: the codebook and every note it changes, or nothing and why.
pub fn make(notebook: &Notebook, change: &Change, notice: &dyn Fn(&str)) -> Result<Plan> {
    run(notebook, change, Some(notice))
}

fn run(notebook: &Notebook, change: &Change, notice: Option<&dyn Fn(&str)>) -> Result<Plan> {
    let refuse =
        |why: String, help: &str| Error::invalid(format!("{}: {why}", change.refused()), help);
    // Refused before any note is read: a name taken, not a slug, a code missing.
    let book = std::fs::read(notebook.root.join(CODEBOOK_FILE)).unwrap_or_default();
    let book = crate::yaml::decode(&book).unwrap_or_default();
    change
        .codebook(book)
        .map_err(|why| refuse(why, "`fieldnotes codes` lists the codes"))?;
    let codebook = |text: &str| change.codebook(text);
    let lists =
        |path: &Path, note: &Note, at: Coded, codes: &[String]| change.list(path, note, at, codes);
    let operation = Operation {
        codes: change.codes(),
        taken: match change {
            Change::Rename { new, .. } => vec![new.clone()],
            _ => Vec::new(),
        },
        codebook: &codebook,
        lists: &lists,
    };
    let done = match notice {
        None => plan(notebook, &operation)?,
        Some(notice) => apply(notebook, &operation, notice)?,
    };
    if let (Change::Rename { old, new }, Some(note)) = (change, done.taken.first()) {
        return Err(refuse(
            format!(
                "notes use `{new}` already ({} among them), and nothing was changed",
                note.display()
            ),
            &format!(
                "to make them one code: `fieldnotes codes add {new}`, then `fieldnotes codes merge {old} {new}`"
            ),
        ));
    }
    // The uses that stop the change by what it is (a split use not in its plan, a note
    // still using a code retired without --drop) are said as a refusal, not as files to fix.
    let stopped = |why: &str| done.blocked.iter().filter(|(_, w)| w == why).count();
    let (unplanned, using) = (stopped(UNPLANNED), stopped(IN_USE));
    if unplanned > 0 {
        return Err(refuse(
            match unplanned {
                1 => "1 note has a use not in its plan as it is now".to_owned(),
                n => format!("{n} notes have uses not in its plan as they are now"),
            } + " (added or changed since it was made), and nothing was changed",
            "make the plan again",
        ));
    }
    if let (Change::Retire { code, .. }, 1..) = (change, using) {
        return Err(refuse(
            format!("{} still use it", plural(using, "note")),
            &format!(
                "retire `{code}` --into another code (a merge), or --drop it from every note (`--drop --dry-run` lists them)"
            ),
        ));
    }
    if !done.blocked.is_empty() {
        return Err(done.blocked_error(&format!("cannot {}", change.said(false))));
    }
    if done.files.is_empty() {
        // A name mistyped says so, rather than that it was done.
        let codes = change.codes();
        return Err(refuse(
            if codes.is_empty() {
                "the codebook is that way already".to_owned()
            } else {
                format!(
                    "nothing to change, no note or codebook entry has {}",
                    codes.join(" or ")
                )
            },
            "`fieldnotes codes` lists the codes and how much each is used",
        ));
    }
    Ok(done)
}
