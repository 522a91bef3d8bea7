//! `codes`: the codebook as a tree with how much each code is used.

use std::collections::HashSet;

use clap::Args;
use serde::Serialize;

use super::list::{report_skipped, stdout_error};
use super::output::{print_json, say, warn};
use super::{Context, EXIT_OK};
use crate::codebook::Codebook;
use crate::error::Result;
use crate::notebook::NoteFile;
use crate::problem::Severity;
use crate::safe;

/// Arguments of `codes`.
#[derive(Debug, Args)]
pub struct CodesArgs {
    /// Print JSON instead of a tree.
    #[arg(long)]
    json: bool,
}

/// How much a code (with its sub-codes) is used.
#[derive(Debug, Default, PartialEq, Serialize)]
pub struct Usage {
    /// Notes that carry it, on the note or on a finding.
    pub notes: usize,
    /// Findings that carry it.
    pub findings: usize,
    /// Distinct participants (alias within study) of the notes that carry it.
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

/// Counts the use of `codes` (a code and its sub-codes) across `notes`.
pub fn usage(notes: &[NoteFile], codes: &[&str]) -> Usage {
    let mut usage = Usage::default();
    let mut people: HashSet<(Option<&str>, &str)> = HashSet::new();
    for file in notes {
        let n = &file.note;
        let findings = n
            .findings
            .iter()
            .filter(|f| f.why.iter().any(|w| codes.contains(&w.as_str())))
            .count();
        if findings == 0 && !n.why.iter().any(|w| codes.contains(&w.as_str())) {
            continue;
        }
        usage.notes += 1;
        usage.findings += findings;
        people.extend(
            n.participants
                .iter()
                .map(|p| (n.study.as_deref(), p.alias.as_str())),
        );
    }
    usage.participants = people.len();
    usage
}

/// Prints the codebook tree, then the codes used in notes but missing from the codebook.
pub fn run(args: CodesArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let (codebook, problems) = notebook.codebook();
    // Codes without a description are marked in the tree instead.
    for problem in problems.iter().filter(|p| p.severity != Severity::Hint) {
        warn(problem);
    }
    let loaded = notebook.load();
    let mut rows: Vec<(usize, CodeJson)> = Vec::new();
    walk(&codebook, None, 0, &mut |depth, code| {
        let usage = usage(&loaded.notes, &codebook.with_descendants(&code.name));
        rows.push((
            depth,
            CodeJson {
                name: &code.name,
                parent: code.parent.as_deref(),
                description: code.description.as_deref(),
                in_codebook: true,
                usage,
            },
        ));
    });
    let mut missing: HashSet<&str> = HashSet::new();
    for file in &loaded.notes {
        for code in file.note.all_codes() {
            if codebook.get(code).is_none() && missing.insert(code) {
                rows.push((
                    0,
                    CodeJson {
                        name: code,
                        parent: None,
                        description: None,
                        in_codebook: false,
                        usage: usage(&loaded.notes, &[code]),
                    },
                ));
            }
        }
    }
    if args.json {
        let json: Vec<&CodeJson> = rows.iter().map(|(_, c)| c).collect();
        print_json(&json).map_err(stdout_error)?;
    } else {
        print_tree(&rows)?;
    }
    report_skipped(&loaded);
    Ok(EXIT_OK)
}

fn walk<'a>(
    book: &'a Codebook,
    parent: Option<&str>,
    depth: usize,
    visit: &mut dyn FnMut(usize, &'a crate::codebook::Code),
) {
    for code in book.children(parent) {
        visit(depth, code);
        // A code that is its own ancestor is reported by `check`; stop before looping.
        if depth < 16 {
            walk(book, Some(&code.name), depth + 1, visit);
        }
    }
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
