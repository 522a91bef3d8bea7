//! `codes`: the codebook as a tree with how much each code is used.

use clap::Args;
use serde::Serialize;

use super::list::{report_skipped, stdout_error};
use super::output::{print_json, say, warn};
use super::{Context, EXIT_OK};
use crate::error::Result;
use crate::problem::Severity;
use crate::safe;

/// Arguments of `codes`.
#[derive(Debug, Args)]
pub struct CodesArgs {
    /// A change to the codebook across every note; without one, the codebook is listed.
    #[command(subcommand)]
    change: Option<super::recode::Change>,
    /// Print JSON instead of a tree.
    #[arg(long)]
    json: bool,
}

/// How much a code (with its sub-codes) is used, as `codes` shows it.
#[derive(Debug, Default, PartialEq, Serialize)]
pub struct Usage {
    /// Notes that carry it, on the note or on a finding.
    pub notes: usize,
    /// Findings that carry it.
    pub findings: usize,
    /// Distinct participants (alias within study) its evidence is about.
    pub participants: usize,
}

#[derive(Serialize)]
struct CodeJson<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    in_codebook: bool,
    #[serde(flatten)]
    usage: Usage,
}

/// Prints the codebook tree, then the codes used in notes but missing from the codebook.
pub fn run(args: CodesArgs, context: &Context) -> Result<u8> {
    if let Some(change) = args.change {
        return super::recode::run(change, context, args.json);
    }
    let notebook = context.notebook()?;
    let (codebook, problems) = notebook.codebook();
    // Codes without a description are marked in the tree instead.
    for problem in problems.iter().filter(|p| p.severity != Severity::Hint) {
        warn(problem);
    }
    let loaded = notebook.load();
    // The board's counts: `codes` and the board never disagree.
    let facts: Vec<crate::board::NoteFacts> = loaded
        .notes
        .iter()
        .map(|f| crate::board::NoteFacts::of(&f.note, &f.id, &f.path.to_string_lossy()))
        .collect();
    let tree = crate::board::tree(&codebook, &facts);
    let rows: Vec<(usize, CodeJson)> = tree
        .iter()
        .map(|row| {
            let code = codebook.get(&row.name).filter(|_| row.in_codebook);
            (
                row.depth,
                CodeJson {
                    name: &row.name,
                    parent: code.and_then(|c| c.parent.as_deref()),
                    description: row.description.as_deref(),
                    in_codebook: row.in_codebook,
                    usage: Usage {
                        notes: row.usage.notes,
                        findings: row.usage.findings,
                        participants: row.usage.participants,
                    },
                },
            )
        })
        .collect();
    if args.json {
        let json: Vec<&CodeJson> = rows.iter().map(|(_, c)| c).collect();
        print_json(&json).map_err(stdout_error)?;
    } else {
        print_tree(&rows)?;
    }
    report_skipped(&loaded);
    Ok(EXIT_OK)
}

fn print_tree(rows: &[(usize, CodeJson)]) -> Result<()> {
    let names: Vec<String> = rows
        .iter()
        .map(|(depth, code)| format!("{}{}", "  ".repeat(*depth), safe::line(code.name)))
        .collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let mut heading_done = false;
    for ((_, code), name) in rows.iter().zip(names) {
        if !code.in_codebook && !heading_done {
            say("\nUsed in notes but not in the codebook:")?;
            heading_done = true;
        }
        let u = &code.usage;
        let counts = [
            (u.notes, "note", "notes"),
            (u.findings, "finding", "findings"),
            (u.participants, "person", "people"),
        ]
        .map(|(n, one, many)| format!("{n:>3} {:<8}", if n == 1 { one } else { many }))
        .join(" ");
        let description = match code.description {
            Some(description) => safe::line(description),
            // `check` reports the same as a hint.
            None if code.in_codebook => "(no description yet)".to_owned(),
            None => String::new(),
        };
        say(format!("{name:width$}  {counts}  {description}").trim_end())?;
    }
    Ok(())
}
