//! `list`, `show`, and the overview printed when no command is given.

use std::io::{self, Write};

use clap::Args;
use jiff::civil::Date;

use super::output::{NoteJson, plural, print_json, render_note, say, warn};
use super::{Context, EXIT_OK, notice};
use crate::error::{Error, Result};
use crate::notebook::{Loaded, NoteFile, Notebook};
use crate::safe;

/// Arguments of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only notes of this kind.
    #[arg(long, add = super::complete::kinds())]
    kind: Option<String>,
    /// Only notes of this study.
    #[arg(long, add = super::complete::studies())]
    study: Option<String>,
    /// Only notes tagged with this why-code or one of its sub-codes, on the note or a finding.
    #[arg(long, value_name = "CODE", add = super::complete::codes())]
    why: Option<String>,
    /// Only notes on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY", value_parser = parse_day)]
    since: Option<Date>,
    /// Only notes on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY", value_parser = parse_day)]
    until: Option<Date>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The note id (its file name without .yaml).
    #[arg(add = super::complete::ids())]
    id: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn parse_day(text: &str) -> Result<Date, String> {
    Date::strptime("%Y-%m-%d", text)
        .map_err(|_| format!("`{text}` is not a day: write it as YYYY-MM-DD"))
}

/// Lists the notes that pass the filters, newest first.
pub fn list(args: ListArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let loaded = notebook.load();
    let codebook = notebook.codebook().0;
    let codes: Option<Vec<&str>> = args
        .why
        .as_deref()
        .map(|code| codebook.with_descendants(code));
    let mut notes: Vec<&NoteFile> = loaded
        .notes
        .iter()
        .filter(|f| args.kind.as_ref().is_none_or(|k| &f.note.kind == k))
        .filter(|f| {
            args.study
                .as_ref()
                .is_none_or(|s| f.note.study.as_ref() == Some(s))
        })
        .filter(|f| args.since.is_none_or(|d| f.note.date.day() >= d))
        .filter(|f| args.until.is_none_or(|d| f.note.date.day() <= d))
        .filter(|f| {
            codes
                .as_ref()
                .is_none_or(|codes| f.note.all_codes().iter().any(|c| codes.contains(c)))
        })
        .collect();
    notes.sort_by(|a, b| (&b.note.date, &b.id).cmp(&(&a.note.date, &a.id)));
    if args.json {
        let json: Vec<NoteJson> = notes.iter().map(|f| NoteJson::from(*f)).collect();
        print_json(&json).map_err(stdout_error)?;
    } else {
        print_table(&notes).map_err(stdout_error)?;
    }
    report_skipped(&loaded);
    Ok(EXIT_OK)
}

fn print_table(notes: &[&NoteFile]) -> io::Result<()> {
    // Made safe before measuring, so that the columns line up with what is printed.
    let rows: Vec<[String; 3]> = notes
        .iter()
        .map(|f| {
            let why = f.note.all_codes();
            let title = if why.is_empty() {
                safe::line(&f.note.title)
            } else {
                safe::line(&format!("{}  [{}]", f.note.title, why.join(", ")))
            };
            [safe::line(&f.id), safe::line(&f.note.kind), title]
        })
        .collect();
    let width = |column: usize| {
        rows.iter()
            .map(|row| row[column].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (id_width, kind_width) = (width(0), width(1));
    let mut out = io::stdout().lock();
    for [id, kind, title] in rows {
        writeln!(out, "{id:id_width$}  {kind:kind_width$}  {title}")?;
    }
    Ok(())
}

/// Shows one note.
pub fn show(args: ShowArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let file = &one_note(&notebook, &args.id, "shown")?;
    if args.json {
        print_json(&NoteJson::from(file)).map_err(stdout_error)?;
    } else {
        // The index knows which notes cite this one; without it the note is shown all the same.
        let links = crate::index::SearchIndex::open(&notebook, &context.dirs.cache, &notice)
            .and_then(|(index, _)| index.links(file))
            .unwrap_or_default();
        let text = render_note(file, &links, super::output::text_width());
        say(text.trim_end_matches('\n'))?;
    }
    Ok(EXIT_OK)
}

/// The note named `given` (an id, a file name or a path ending in one), read from its file to
/// be `used` ("shown").
pub(super) fn one_note(notebook: &Notebook, given: &str, used: &str) -> Result<NoteFile> {
    let id = given.trim_end_matches(".yaml");
    let id = id.rsplit('/').next().unwrap_or(id);
    // Only the files named like the id are read; the whole notebook only to suggest others.
    let named: Vec<_> = notebook
        .note_paths()
        .into_iter()
        .filter(|path| crate::notebook::note_id(path) == id)
        .collect();
    let loaded = notebook.load_paths(named);
    if loaded.find(id).is_none() {
        if let Some(problem) = loaded
            .problems
            .iter()
            .find(|p| crate::notebook::note_id(&p.path) == id)
        {
            return Err(Error::invalid(
                format!("the note `{id}` has errors and cannot be {used}"),
                format!("{problem}\n`fieldnotes check` lists every problem"),
            ));
        }
        return Err(Error::NoSuchNote {
            id: id.to_owned(),
            suggestions: notebook.load().similar_ids(id),
        });
    }
    let sharing: Vec<String> = loaded
        .notes
        .iter()
        .filter(|n| n.id == id)
        .map(|n| n.path.display().to_string())
        .collect();
    if sharing.len() > 1 {
        return Err(Error::invalid(
            format!(
                "the id `{id}` belongs to more than one note: {}",
                sharing.join(", ")
            ),
            "ids are file names and must be unique: rename one of the files",
        ));
    }
    loaded
        .notes
        .into_iter()
        .find(|n| n.id == id)
        .ok_or_else(|| Error::NoSuchNote {
            id: id.to_owned(),
            suggestions: Vec::new(),
        })
}

/// Without a command and without a terminal: what the notebook holds and what to do next.
pub fn overview(context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let loaded = notebook.load();
    let report = crate::check::check_loaded(&notebook, &loaded);
    let name = notebook.name();
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&safe::line(&text));
        out.push('\n');
    };
    line(format!("{}  ({})", name, notebook.root.display()));
    let mut by_kind: Vec<(String, usize)> = Vec::new();
    for f in &loaded.notes {
        match by_kind.iter_mut().find(|(k, _)| *k == f.note.kind) {
            Some((_, n)) => *n += 1,
            None => by_kind.push((f.note.kind.clone(), 1)),
        }
    }
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    line(format!(
        "{}: {}",
        plural(loaded.notes.len(), "note"),
        kinds.join(", ")
    ));
    line(report.summary());
    line(String::new());
    line("Latest:".into());
    let mut latest: Vec<&NoteFile> = loaded.notes.iter().collect();
    latest.sort_by(|a, b| b.note.date.cmp(&a.note.date));
    for f in latest.iter().take(5) {
        line(format!("  {}  {}", f.id, f.note.title));
    }
    out.push_str(
        "\nIn a terminal, `fieldnotes` alone opens the UI to search and read.\n\
         Try: fieldnotes search WORDS · fieldnotes list · fieldnotes show ID · fieldnotes codes · fieldnotes check\n",
    );
    say(out.trim_end_matches('\n'))?;
    Ok(EXIT_OK)
}

/// Tells the user, on stderr, that some files were left out.
pub fn report_skipped(loaded: &Loaded) {
    report_left_out(loaded.skipped);
}

/// Tells the user, on stderr, that `files` with errors were left out: the same words, and the
/// same count as `check`'s, wherever notes are listed or searched.
pub fn report_left_out(files: usize) {
    if files > 0 {
        warn(format!(
            "{} with errors left out: `fieldnotes check` shows why",
            plural(files, "file")
        ));
    }
}

/// Output to stdout failed (a closed pipe, a full disk).
pub fn stdout_error(error: io::Error) -> Error {
    Error::io("cannot write to", "standard output", error)
}
