//! `board`: the why board for reports and scripts. Without a code, every code with how much
//! it is used; with one, its evidence wall: each finding that carries it, with who said it,
//! where and when, grouped and ordered as asked. Counted from the index, over the notes a
//! query finds.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::list::stdout_error;
use super::output::{plural, print_json, report, say};
use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::board::shown::{Read, Shown, shown};
use crate::board::wall::{Group, Order, wall};
use crate::board::{CodeRow, Kept, people_of, tree, usage};
use crate::codebook::Codebook;
use crate::error::Result;
use crate::index::SearchIndex;
use crate::notebook::Notebook;
use crate::query::{self, Mode};
use crate::safe;

/// Arguments of `board`.
#[derive(Debug, Args)]
pub struct BoardArgs {
    /// A why-code (its sub-codes too), then a query that narrows the notes counted, as
    /// `search` takes it; without a code, every code is listed.
    #[arg(value_name = "[CODE] [QUERY]")]
    words: Vec<String>,
    /// How the evidence of a code is grouped.
    #[arg(long, value_enum, default_value_t = Group::Participant)]
    group: Group,
    /// How the evidence is ordered.
    #[arg(long, value_enum, default_value_t = Order::Date)]
    sort: Order,
    /// Print JSON instead of text.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Print Markdown, a section a team can paste into a report.
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Other ways to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
}

/// The notes a query finds, by their facts, from the index (built again once if damaged).
pub fn facts_for(notebook: &Notebook, context: &Context, text: &str) -> Result<Option<Vec<Kept>>> {
    let query = match query::parse(text, Mode::Strict) {
        Ok(query) => query,
        Err(error) => {
            report(error);
            return Ok(None);
        }
    };
    let (index, _) = SearchIndex::open(notebook, &context.dirs.cache, &super::notice)?;
    match index.facts_for(&query) {
        Ok(facts) => Ok(Some(facts)),
        Err(e) => {
            let why = crate::index::damage(&e).ok_or(e)?;
            drop(index);
            let (index, _) =
                SearchIndex::rebuild(notebook, &context.dirs.cache, &super::notice, &why)?;
            Ok(Some(index.facts_for(&query)?))
        }
    }
}

/// The code the words begin with, when the first is one, and the query after it.
pub fn code_and_query(
    words: &[String],
    codebook: &Codebook,
    facts: &[Kept],
) -> (Option<String>, String) {
    let Some(first) = words.first() else {
        return (None, String::new());
    };
    let used = || facts.iter().any(|f| f.carries(&[first.as_str()]));
    if codebook.get(first).is_some() || (!first.contains(':') && used()) {
        (Some(first.clone()), words[1..].join(" "))
    } else {
        (None, words.join(" "))
    }
}

#[derive(Serialize)]
struct Wall<'a> {
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    usage: crate::board::Usage,
    sections: Vec<Section>,
}

#[derive(Serialize)]
struct Section {
    heading: String,
    pieces: Vec<Shown>,
}

/// Prints the board, or a code's evidence wall.
pub fn run(args: BoardArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let (codebook, _) = notebook.codebook();
    // Which word is a code depends on the notebook: every note's facts decide it.
    let Some(all) = facts_for(&notebook, context, "")? else {
        return Ok(EXIT_USAGE);
    };
    let (code, text) = code_and_query(&args.words, &codebook, &all);
    let facts = if text.is_empty() {
        all
    } else {
        match facts_for(&notebook, context, &text)? {
            Some(facts) => facts,
            None => return Ok(EXIT_USAGE),
        }
    };
    let Some(code) = code else {
        let rows = tree(&codebook, &facts);
        return match (args.json, args.format) {
            (true, _) => print_json(&rows).map_err(stdout_error).map(|()| EXIT_OK),
            (_, Some(Format::Md)) => print_codes_md(&rows).map(|()| EXIT_OK),
            _ => print_codes(&rows).map(|()| EXIT_OK),
        };
    };
    let codes = codebook.with_descendants(&code);
    let sections = wall(&facts, &codes, args.group, args.sort);
    // The words of only the notes on the wall are read.
    let notes = Read::at(
        &notebook,
        sections
            .iter()
            .flat_map(|s| &s.pieces)
            .map(|p| facts[p.note].path.as_str()),
    );
    let wall = Wall {
        code: &code,
        description: codebook.get(&code).and_then(|c| c.description.as_deref()),
        usage: usage(&facts, &codes),
        sections: sections
            .iter()
            .map(|s| Section {
                heading: s.heading.clone(),
                pieces: s
                    .pieces
                    .iter()
                    .filter_map(|p| {
                        let f = &facts[p.note];
                        let note = notes.note(&f.id)?;
                        Some(shown(note, &f.id, p, people_of(&facts, p), &codes))
                    })
                    .collect(),
            })
            .collect(),
    };
    if args.json {
        print_json(&wall).map_err(stdout_error)?;
    } else if args.format == Some(Format::Md) {
        print_wall_md(&wall)?;
    } else {
        print_wall(&wall)?;
    }
    Ok(EXIT_OK)
}

fn print_codes(rows: &[CodeRow]) -> Result<()> {
    let names: Vec<String> = rows
        .iter()
        .map(|r| format!("{}{}", "  ".repeat(r.depth), safe::line(&r.name)))
        .collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    say(format!(
        "{:width$}  notes  findings  people  studies  first seen  last seen",
        "code"
    ))?;
    let mut missing_said = false;
    for (row, name) in rows.iter().zip(names) {
        if !row.in_codebook && !missing_said {
            say("\nUsed in notes but not in the codebook:")?;
            missing_said = true;
        }
        let u = &row.usage;
        say(format!(
            "{name:width$}  {:>5}  {:>8}  {:>6}  {:>7}  {:10}  {:10}",
            u.notes,
            u.findings,
            u.participants,
            u.studies,
            u.first.as_deref().unwrap_or("-"),
            u.last.as_deref().unwrap_or("-"),
        ))?;
    }
    Ok(())
}

fn print_codes_md(rows: &[CodeRow]) -> Result<()> {
    say("| code | notes | findings | people | studies | first seen | last seen |")?;
    say("|---|---:|---:|---:|---:|---|---|")?;
    for row in rows {
        let u = &row.usage;
        let marked = if row.in_codebook {
            ""
        } else {
            " (not in the codebook)"
        };
        say(format!(
            "| {}{}{marked} | {} | {} | {} | {} | {} | {} |",
            "&nbsp;&nbsp;".repeat(row.depth),
            md(&row.name),
            u.notes,
            u.findings,
            u.participants,
            u.studies,
            u.first.as_deref().unwrap_or(""),
            u.last.as_deref().unwrap_or(""),
        ))?;
    }
    Ok(())
}

fn summary(wall: &Wall) -> String {
    let u = &wall.usage;
    format!(
        "{} in {}, from {} in {}",
        plural(u.findings, "finding"),
        plural(u.notes, "note"),
        plural(u.participants, "participant"),
        match u.studies {
            1 => "1 study".to_owned(),
            n => format!("{n} studies"),
        },
    )
}

fn print_wall(wall: &Wall) -> Result<()> {
    say(safe::line(wall.code))?;
    if let Some(description) = wall.description {
        say(format!("  {}", safe::line(description)))?;
    }
    say(format!("  {}", summary(wall)))?;
    for section in &wall.sections {
        say(format!("\n{}", safe::line(&section.heading)))?;
        for piece in &section.pieces {
            let finding = piece
                .finding
                .map(|n| format!(", finding {n}"))
                .unwrap_or_default();
            say(format!(
                "  {}  {}  ({}{finding})",
                safe::line(&piece.date),
                safe::line(&piece.title),
                safe::line(&piece.id)
            ))?;
            let parts = [
                ("did", &piece.did),
                ("said", &piece.quote),
                ("remark", &piece.remark),
            ];
            for (label, text) in parts {
                if let Some(text) = text {
                    say(format!("    {label:6}  {}", safe::line(text)))?;
                }
            }
            let who: Vec<String> = piece
                .people
                .iter()
                .map(|p| match &p.about {
                    Some(about) => format!("{}, {}", p.alias, about),
                    None => p.alias.clone(),
                })
                .collect();
            if !who.is_empty() {
                say(format!("    who     {}", safe::line(&who.join("; "))))?;
            }
            let place = [&piece.place, &piece.study].map(|v| v.as_deref());
            let place: Vec<&str> = place.into_iter().flatten().collect();
            if !place.is_empty() {
                say(format!("    where   {}", safe::line(&place.join(" · "))))?;
            }
            if !piece.also.is_empty() {
                say(format!(
                    "    also    {}",
                    safe::line(&piece.also.join(", "))
                ))?;
            }
        }
    }
    Ok(())
}

fn print_wall_md(wall: &Wall) -> Result<()> {
    say(format!("## Why: {}", md(wall.code)))?;
    if let Some(description) = wall.description {
        say(format!("\n{}", md(description)))?;
    }
    say(format!("\n{}.", summary(wall)))?;
    for section in &wall.sections {
        say(format!("\n### {}\n", md(&section.heading)))?;
        for piece in &section.pieces {
            let mut line = String::from("- ");
            if let Some(quote) = &piece.quote {
                line.push_str(&format!("“{}” ", md(quote)));
            }
            if let Some(did) = &piece.did {
                line.push_str(&format!("({}) ", md(did)));
            }
            line.push_str(&format!(
                "— {}, {}",
                md(&piece.title),
                md(piece.date.get(..10).unwrap_or(&piece.date))
            ));
            if let Some(place) = &piece.place {
                line.push_str(&format!(", {}", md(place)));
            }
            say(line)?;
            if let Some(remark) = &piece.remark {
                say(format!("  *{}*", md(remark)))?;
            }
        }
    }
    Ok(())
}

/// Text for Markdown on one line, its markup characters escaped.
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in safe::line(text).chars() {
        if "\\`*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
