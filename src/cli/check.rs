//! `check` and `fmt`.

use clap::Args;

use super::list::{report_skipped, stdout_error};
use super::output::{plural, print_json, say, warn};
use super::{Context, EXIT_OK, EXIT_PROBLEMS};
use crate::error::Result;
use crate::note;
use crate::notebook::{read_bytes, store};
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
        "checked {}: {}, {}",
        plural(report.files, "note file"),
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning")
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
        // The bytes as read are what must still be on disk when the file is replaced (a BOM
        // included, which the text has lost).
        let Ok(bytes) = read_bytes(&path) else {
            broken += 1;
            continue;
        };
        let Ok(text) = yaml::decode(&bytes) else {
            broken += 1;
            continue;
        };
        let text = text.to_owned();
        let Some(note) = note::parse(&text).note else {
            broken += 1;
            continue;
        };
        let canonical = note.to_yaml();
        if canonical == text {
            continue;
        }
        differing += 1;
        if args.check {
            say(safe::line(&relative.to_string_lossy()))?;
            continue;
        }
        if let Some((at, why, hint)) = yaml::unkeepable(&text) {
            refused += 1;
            let problem = Problem::error(at, format!("not rewritten: {why}"))
                .hint(format!("{hint}, and run fmt again"))
                .in_file(&relative);
            warn(problem);
            continue;
        }
        match store::replace_if_unchanged(&path, &bytes, canonical.as_bytes()) {
            Ok(()) => {}
            // Edited while fmt ran: leave the user's version and go on with the others.
            Err(error @ crate::error::Error::ChangedOnDisk(_)) => {
                refused += 1;
                super::output::report(error);
                continue;
            }
            Err(error) => return Err(error),
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
