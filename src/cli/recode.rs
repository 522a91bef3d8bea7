//! `codes rename` and the other operations that reshape the codebook across every note.

use clap::{Args, Subcommand};

use super::output::say;
use super::{Context, EXIT_OK, notice, plural};
use crate::codebook::apply::{Operation, Plan, apply, plan};
use crate::codebook::recode::recoded;
use crate::codebook::reshape;
use crate::error::{Error, Result};

/// A change to the codebook, made in `codebook.yaml` and in every note that uses the codes.
#[derive(Debug, Subcommand)]
pub enum Change {
    /// Renames a code: in the codebook (its name and every `parent:` that names it) and in
    /// every note that uses it, on the note and on each finding.
    Rename {
        /// The code's name now.
        old: String,
        /// Its new name: a slug no code has yet (to make two codes one, use `merge`).
        new: String,
        #[command(flatten)]
        how: How,
    },
    /// Makes codes one: the uses of each FROM become INTO's (a list that had both keeps INTO
    /// once), FROM's entries leave the codebook with what they said kept under INTO's own
    /// words, and their sub-codes move under INTO.
    Merge {
        /// The codes merged, then the code they become (one the codebook has).
        #[arg(required = true, num_args = 2.., value_name = "FROM... INTO")]
        codes: Vec<String>,
        #[command(flatten)]
        how: How,
    },
    /// Moves a code under another in the codebook's tree, or to its top; notes are unchanged.
    Move {
        /// The code moved.
        code: String,
        /// The code it goes under.
        #[arg(long, required_unless_present = "top", conflicts_with = "top")]
        parent: Option<String>,
        /// Makes it a top-level code.
        #[arg(long)]
        top: bool,
        #[command(flatten)]
        how: How,
    },
    /// Adds a code to the codebook.
    Add {
        /// Its name: lowercase letters, digits and hyphens.
        name: String,
        /// The code it goes under.
        #[arg(long)]
        parent: Option<String>,
        /// What it means, in a line.
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        how: How,
    },
    /// Splits a code in two. The first time, writes every use of CODE to the plan FILE, each
    /// given both parts, for you to leave the part each meant; the second time, applies it.
    Split {
        /// The code split.
        code: String,
        /// One part.
        a: String,
        /// The other.
        b: String,
        /// The plan: written when missing, applied when there.
        #[arg(long, value_name = "FILE")]
        plan: std::path::PathBuf,
        #[command(flatten)]
        how: How,
    },
    /// Takes a code out of the codebook, its sub-codes moving up. A code still in use is
    /// refused unless its uses go `--into` another code (a merge) or are dropped from every
    /// note (`--drop`, the lines listed first).
    Retire {
        /// The code retired.
        code: String,
        /// The code its uses become.
        #[arg(long, conflicts_with = "drop")]
        into: Option<String>,
        /// Removes it from every note that uses it.
        #[arg(long)]
        drop: bool,
        #[command(flatten)]
        how: How,
    },
}

/// How a change is made.
#[derive(Debug, Args)]
pub struct How {
    /// Print which files and lines would change, and change nothing.
    #[arg(long)]
    pub(super) dry_run: bool,
    /// With --dry-run, print the changes as a unified diff.
    #[arg(long, requires = "dry_run")]
    pub(super) diff: bool,
}

/// Carries out `change` on the notebook `context` finds.
pub fn run(change: Change, context: &Context) -> Result<u8> {
    match change {
        Change::Rename { old, new, how } => {
            let codebook = |text: &str| reshape::renamed(text, &old, &new);
            let map = |code: &str| {
                vec![if code == old {
                    new.clone()
                } else {
                    code.to_owned()
                }]
            };
            let what = Said {
                taken: Some(new.clone()),
                refused: format!("`{old}` was not renamed"),
                asked: format!("rename {old} to {new}"),
                done: format!("renamed {old} to {new}"),
            };
            carry_out(
                context,
                std::slice::from_ref(&old),
                &codebook,
                &map,
                &what,
                &how,
            )
        }
        Change::Merge { mut codes, how } => {
            let into = codes.pop().unwrap_or_default();
            let from = codes;
            let codebook = |text: &str| reshape::merged(text, &from, &into);
            let map = |code: &str| {
                vec![if from.iter().any(|f| f == code) {
                    into.clone()
                } else {
                    code.to_owned()
                }]
            };
            let names = from.join(", ");
            let what = Said::new(
                format!("{names} not merged into {into}"),
                format!("merge {names} into {into}"),
                format!("merged {names} into {into}"),
            );
            carry_out(context, &from, &codebook, &map, &what, &how)
        }
        Change::Move {
            code, parent, how, ..
        } => {
            let codebook = |text: &str| reshape::moved(text, &code, parent.as_deref());
            let place = parent
                .as_deref()
                .map_or("to the top".to_owned(), |p| format!("under {p}"));
            let what = Said::new(
                format!("`{code}` was not moved"),
                format!("move {code} {place}"),
                format!("moved {code} {place}"),
            );
            codebook_only(context, &codebook, &what, &how)
        }
        Change::Add {
            name,
            parent,
            description,
            how,
        } => {
            let mut code = crate::codebook::Code::named(&name);
            code.parent = parent;
            code.description = description;
            let codebook = |text: &str| {
                let (book, _) = crate::codebook::Codebook::parse(text);
                match &code.parent {
                    Some(p) if book.get(p).is_none() => Err(format!("the codebook has no `{p}`")),
                    _ => crate::codebook::with_code_added(text, &code),
                }
            };
            let what = Said::new(
                format!("`{name}` was not added"),
                format!("add {name}"),
                format!("added {name}"),
            );
            codebook_only(context, &codebook, &what, &how)
        }
        Change::Split {
            code,
            a,
            b,
            plan: file,
            how,
        } => super::split::run(context, &code, [a, b], &file, &how),
        Change::Retire {
            code,
            into: Some(into),
            how,
            ..
        } => {
            let from = [code.clone()];
            let codebook = |text: &str| reshape::merged(text, &from, &into);
            let map = |c: &str| {
                vec![if c == code {
                    into.clone()
                } else {
                    c.to_owned()
                }]
            };
            let what = Said::new(
                format!("`{code}` was not retired"),
                format!("retire {code} into {into}"),
                format!("retired {code} into {into}"),
            );
            carry_out(context, &from, &codebook, &map, &what, &how)
        }
        Change::Retire {
            code, drop, how, ..
        } => {
            let codebook = |text: &str| reshape::retired(text, &code);
            let map = |c: &str| {
                if c == code {
                    Vec::new()
                } else {
                    vec![c.to_owned()]
                }
            };
            let notebook = context.notebook()?;
            let lists = |_: &std::path::Path, _, list: &[String]| recoded(list, &map);
            let uses = plan(
                &notebook,
                &Operation {
                    codes: vec![code.clone()],
                    taken: Vec::new(),
                    codebook: &codebook,
                    lists: &lists,
                },
            )?;
            if uses.notes > 0 && !drop {
                return Err(Error::invalid(
                    format!(
                        "`{code}` was not retired: {} still use it ({})",
                        plural(uses.notes, "note"),
                        plural(uses.findings, "finding")
                    ),
                    "retire it --into another code, or --drop it from every note (`--drop --dry-run` lists them)",
                ));
            }
            if drop && !how.dry_run {
                // What is dropped is said before it goes.
                for (path, before, after) in uses
                    .files
                    .iter()
                    .filter(|f| !f.0.ends_with(crate::codebook::CODEBOOK_FILE))
                {
                    show(path, before, after, false)?;
                }
            }
            let what = Said::new(
                format!("`{code}` was not retired"),
                format!("retire {code}"),
                format!("retired {code}"),
            );
            carry_out(
                context,
                std::slice::from_ref(&code),
                &codebook,
                &map,
                &what,
                &how,
            )
        }
    }
}

impl Said {
    /// What a change says: `refused` when it is, `asked` (`rename a to b`), `done` when it is.
    fn new(refused: String, asked: String, done: String) -> Said {
        Said {
            taken: None,
            refused,
            asked,
            done,
        }
    }
}

/// What a change says: when refused, when asked for, when done.
struct Said {
    /// A code no note may use yet: the code a rename gives.
    taken: Option<String>,
    refused: String,
    asked: String,
    done: String,
}

/// Changes `codebook.yaml` alone, as `codebook` does: no note's codes change.
fn codebook_only(
    context: &Context,
    codebook: &dyn Fn(&str) -> std::result::Result<String, String>,
    what: &Said,
    how: &How,
) -> Result<u8> {
    carry_out(context, &[], codebook, &|c| vec![c.to_owned()], what, how)
}

/// Changes `codebook.yaml` as `codebook` does and every code in the notes as `map` does.
fn carry_out(
    context: &Context,
    codes: &[String],
    codebook: &dyn Fn(&str) -> std::result::Result<String, String>,
    map: &dyn Fn(&str) -> Vec<String>,
    what: &Said,
    how: &How,
) -> Result<u8> {
    let notebook = context.notebook()?;
    // Refused before any note is read: a name taken, not a slug, a code missing.
    let book =
        std::fs::read(notebook.root.join(crate::codebook::CODEBOOK_FILE)).unwrap_or_default();
    let book = crate::yaml::decode(&book).unwrap_or_default();
    codebook(book).map_err(|why| {
        Error::invalid(
            format!("{}: {why}", what.refused),
            "see `fieldnotes codes --help`",
        )
    })?;
    let lists = |_: &std::path::Path, _, list: &[String]| recoded(list, map);
    let operation = Operation {
        codes: codes.to_vec(),
        taken: what.taken.iter().cloned().collect(),
        codebook,
        lists: &lists,
    };
    let done = if how.dry_run {
        plan(&notebook, &operation)?
    } else {
        apply(&notebook, &operation, &notice)?
    };
    if let (Some(taken), Some(note)) = (&what.taken, done.taken.first()) {
        return Err(Error::invalid(
            format!(
                "{}: notes use `{taken}` already ({} among them), and nothing was changed",
                what.refused,
                note.display()
            ),
            format!(
                "to make them one code: `fieldnotes codes add {taken}`, then `fieldnotes codes merge {} {taken}`",
                codes.join(" ")
            ),
        ));
    }
    if done.files.is_empty() && done.blocked.is_empty() {
        // A name mistyped says so, rather than that it was done.
        return Err(Error::invalid(
            match codes {
                [] => format!("{}: the codebook is that way already", what.refused),
                _ => format!(
                    "{}: nothing to change, no note or codebook entry has {}",
                    what.refused,
                    codes.join(" or ")
                ),
            },
            "`fieldnotes codes` lists the codes and how much each is used",
        ));
    }
    finish(context, &done, how, &what.asked, &what.done)
}

/// Reports what an operation did (or, with --dry-run, would do), or what blocked it.
pub(super) fn finish(
    context: &Context,
    done: &Plan,
    how: &How,
    what: &str,
    said: &str,
) -> Result<u8> {
    if !done.blocked.is_empty() {
        return Err(done.blocked_error(&format!("cannot {what}")));
    }
    // The codebook alone (a move, an add) has no notes to count.
    let counts = match (done.notes, done.findings) {
        (0, 0) => String::new(),
        (notes, findings) => format!(
            " in {} ({})",
            plural(notes, "note"),
            plural(findings, "finding")
        ),
    };
    if how.dry_run {
        for (path, before, after) in &done.files {
            show(path, before, after, how.diff)?;
        }
        say(format!(
            "would {what}{counts}; nothing was changed (--dry-run)"
        ))?;
        return Ok(EXIT_OK);
    }
    refresh_index(context);
    say(format!("{said}{counts}"))?;
    Ok(EXIT_OK)
}

/// The lines of `path` that change, or its unified diff.
fn show(path: &std::path::Path, before: &str, after: &str, unified: bool) -> Result<()> {
    let name = crate::safe::line(&path.to_string_lossy());
    let diff = similar::TextDiff::from_lines(before, after);
    if unified {
        let text = diff
            .unified_diff()
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string();
        return say(text.trim_end());
    }
    for change in diff.iter_all_changes() {
        let (sign, line) = match change.tag() {
            similar::ChangeTag::Delete => ("-", change.old_index()),
            similar::ChangeTag::Insert => ("+", change.new_index()),
            similar::ChangeTag::Equal => continue,
        };
        let number = line.map_or(0, |n| n + 1);
        let text = change.value().trim_end_matches(['\n', '\r']);
        say(format!(
            "{name}:{number}: {sign} {}",
            crate::safe::line(text)
        ))?;
    }
    Ok(())
}

/// Brings the notebook's index up to date with the files changed, when it has one, so that
/// a search finds the new codes at once. One that cannot be opened now is brought up to date
/// by the next command that searches.
fn refresh_index(context: &Context) {
    let Ok(notebook) = context.notebook() else {
        return;
    };
    let cache = &context.dirs.cache;
    if crate::index::location(cache, &notebook.root).exists() {
        let _ = crate::index::SearchIndex::open(&notebook, cache, &notice);
    }
}
