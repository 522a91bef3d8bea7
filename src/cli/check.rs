//! `check` and `fmt`.

use clap::Args;

use super::list::{report_skipped, stdout_error};
use super::output::{plural, print_json, say, warn};
use super::{Context, EXIT_OK, EXIT_PROBLEMS};
use crate::error::Result;
use crate::note;
use crate::notebook::read_bytes;
use crate::problem::Problem;
use crate::safe;
use crate::yaml;

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print the problems as JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Change nothing: list the notes that are not in canonical form, and exit 1 if any.
    #[arg(long)]
    check: bool,
}

/// Reports every problem; exits 1 when any is an error.
pub fn check(args: CheckArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let report = crate::check::check(&notebook);
    if args.json {
        print_json(&report.problems).map_err(stdout_error)?;
    } else {
        for problem in &report.problems {
            say(problem)?;
        }
    }
    warn(format!(
        "checked {}: {}",
        plural(report.files, "note file"),
        report.summary()
    ));
    Ok(if report.errors() > 0 {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}

/// Rewrites notes canonically, never a note with errors or with comments, and never one that
/// changed on disk meanwhile.
pub fn fmt(args: FmtArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let mut differing = 0;
    let mut refused = 0;
    let mut broken = 0;
    for path in notebook.note_paths() {
        let relative = notebook.relative(&path).to_path_buf();
        let verdict = if args.check {
            read_bytes(&path).map_or(Canonical::Broken, |bytes| canonical(&bytes))
        } else {
            // Decided and written under the notebook's write lock, from the bytes on disk.
            let mut verdict = Canonical::Broken;
            let written = notebook.change(&path, &super::notice, |bytes| {
                verdict = bytes.map_or(Canonical::Broken, canonical);
                Ok(match &verdict {
                    Canonical::Differs(text) => Some(text.clone().into_bytes()),
                    _ => None,
                })
            });
            match written {
                Ok(_) => verdict,
                // Edited while fmt ran: leave the user's version and go on with the others.
                Err(error @ crate::error::Error::ChangedOnDisk(_)) => {
                    super::output::report(error);
                    Canonical::Refused(None)
                }
                Err(error) => return Err(error),
            }
        };
        match verdict {
            Canonical::Same => continue,
            Canonical::Broken => {
                broken += 1;
                continue;
            }
            Canonical::Refused(problem) => {
                differing += 1;
                if !args.check {
                    refused += 1;
                    if let Some(problem) = problem {
                        warn(problem.in_file(&relative));
                    }
                    continue;
                }
            }
            Canonical::Differs(_) => differing += 1,
        }
        say(safe::line(&relative.to_string_lossy()))?;
    }
    if broken > 0 {
        report_skipped(&crate::notebook::Loaded {
            skipped: broken,
            ..Default::default()
        });
    }
    let verb = if args.check {
        "not in canonical form"
    } else {
        "rewritten"
    };
    warn(format!("{} {verb}", plural(differing - refused, "note")));
    let failed = refused > 0 || broken > 0 || (args.check && differing > 0);
    Ok(if failed { EXIT_PROBLEMS } else { EXIT_OK })
}

/// What the canonical form of a note file is.
enum Canonical {
    /// The file has errors: it is not rewritten.
    Broken,
    /// It is in the canonical form already.
    Same,
    /// Its canonical form, which reads back as the same note.
    Differs(String),
    /// Rewriting it would lose something, as the problem says.
    Refused(Option<Problem>),
}

fn canonical(bytes: &[u8]) -> Canonical {
    // A byte-order mark alone is left alone; a rewrite drops it with the rest.
    let Ok(text) = yaml::decode(bytes) else {
        return Canonical::Broken;
    };
    let Some(note) = note::parse(text).note else {
        return Canonical::Broken;
    };
    let canonical = note.to_yaml();
    if canonical == text {
        return Canonical::Same;
    }
    if let Some((at, why, hint)) = yaml::unkeepable(text) {
        return Canonical::Refused(Some(
            Problem::error(at, format!("not rewritten: {why}"))
                .hint(format!("{hint}, and run fmt again")),
        ));
    }
    // A rewrite that would not read back as the same note, with no new problem, is a loss.
    let reread = note::parse(&canonical);
    let errors = |problems: &[Problem]| problems.iter().filter(|p| p.is_error()).count();
    if reread.note.as_ref() != Some(&note) || errors(&reread.problems) > 0 {
        return Canonical::Refused(Some(
            Problem::error(
                crate::yaml::Pos::START,
                "not rewritten: its canonical form would not read back as the same note",
            )
            .hint("simplify the file by hand (`fieldnotes check` shows what is unusual), and run fmt again"),
        ));
    }
    Canonical::Differs(canonical)
}
