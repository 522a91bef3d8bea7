//! `export`: the notes a search finds (every note without one) as a report, a spreadsheet or
//! data for another tool, with personal data taken out on request.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::list::{report_skipped, stdout_error};
use super::output::say;
use super::{Context, EXIT_OK, notice, plural};
use crate::error::{Error, Result};
use crate::exchange::{json, qdc, redact::Redactor, report, rows};
use crate::notebook::NoteFile;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, short, value_enum)]
    format: Format,
    /// A search that chooses the notes (as `search` takes it); every note without one.
    query: Vec<String>,
    /// Where to write: a file, or a folder to write it in; standard output without it.
    #[arg(long, short, value_name = "FILE|DIR")]
    output: Option<PathBuf>,
    /// Replace personal data (names, contacts, e-mail addresses, phone numbers, links and the
    /// settings' `redact:` words) with placeholders; aliases stay.
    #[arg(long)]
    redact: bool,
    /// With `--format csv`: a row per finding and code, for pivot tables.
    #[arg(long)]
    per_code: bool,
}

/// The formats `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A research report in Markdown: per study, per why-code, the findings; the insights.
    Md,
    /// A spreadsheet: one row per finding (RFC 4180, UTF-8).
    Csv,
    /// The notes as a JSON array.
    Json,
    /// The notes as JSON, one a line.
    Ndjson,
    /// The codebook as a REFI-QDA codebook (.qdc) for NVivo, ATLAS.ti, MAXQDA, QualCoder.
    Qdc,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Qdc => "qdc",
        }
    }
}

/// Writes the export.
pub fn run(args: ExportArgs, context: &Context) -> Result<u8> {
    if args.per_code && args.format != Format::Csv {
        return Err(Error::invalid(
            "--per-code is for --format csv",
            "leave it out, or export csv",
        ));
    }
    let notebook = context.notebook()?;
    let loaded = notebook.load();
    report_skipped(&loaded);
    let query = args.query.join(" ");
    let mut notes: Vec<NoteFile> = if query.trim().is_empty() {
        loaded.notes.clone()
    } else {
        let Some(found) = super::board::facts_for(&notebook, context, &query)? else {
            return Ok(super::EXIT_USAGE);
        };
        let paths: std::collections::HashSet<&str> =
            found.iter().map(|k| k.path.as_str()).collect();
        loaded
            .notes
            .iter()
            .filter(|f| paths.contains(f.path.to_string_lossy().as_ref()))
            .cloned()
            .collect()
    };
    let mut redacted = None;
    if args.redact {
        let (settings, _) = notebook.settings();
        let all: Vec<&crate::note::Note> = loaded.notes.iter().map(|f| &f.note).collect();
        let mut redactor = Redactor::new(&all, &settings.redact_words());
        for file in &mut notes {
            redactor.note(&mut file.note);
        }
        redacted = Some(redactor.replaced);
    }
    let (codebook, _) = notebook.codebook();
    let today = jiff::Zoned::now().date().to_string();
    let bytes = match args.format {
        Format::Md => {
            let name = notebook.name();
            let heading = report::Heading {
                name: &name,
                query: (!query.trim().is_empty()).then_some(query.as_str()),
                today: today.clone(),
            };
            Ok(report::markdown(&notes, &codebook, &heading).into_bytes())
        }
        Format::Csv => rows::csv(&notes, args.per_code),
        Format::Json => json::json(&notes, false),
        Format::Ndjson => json::json(&notes, true),
        Format::Qdc => qdc::write(&codebook),
    }
    .map_err(|why| {
        Error::invalid(
            format!("the export could not be made: {why}"),
            "report this",
        )
    })?;
    let said = format!(
        "{} as {}",
        plural(notes.len(), "note"),
        args.extension_name()
    );
    match &args.output {
        Some(output) => {
            let file = target(
                &notebook.root,
                output,
                &notebook.name(),
                &today,
                args.format,
            )?;
            crate::notebook::write_atomic(&file, &bytes, true)?;
            say(format!(
                "exported {said} to {}",
                crate::safe::line(&file.to_string_lossy())
            ))?;
        }
        None if std::io::stdout().is_terminal() => {
            say(String::from_utf8_lossy(&bytes))?;
        }
        // Into a pipe or a file, the bytes as they are: a CSV keeps its CRLF.
        None => std::io::stdout()
            .lock()
            .write_all(&bytes)
            .map_err(stdout_error)?,
    }
    if let Some(replaced) = redacted {
        notice(&format!(
            "fieldnotes: replaced {} of personal data with placeholders",
            plural(replaced, "piece")
        ));
    }
    Ok(EXIT_OK)
}

impl ExportArgs {
    fn extension_name(&self) -> &'static str {
        match self.format {
            Format::Md => "a Markdown report",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Ndjson => "NDJSON",
            Format::Qdc => "a REFI-QDA codebook",
        }
    }
}

/// The file to write: `output` itself, or a file named after the notebook and the day in
/// the folder `output`. Never a `.yaml` file inside the notebook, where it would be a note.
fn target(root: &Path, output: &Path, name: &str, today: &str, format: Format) -> Result<PathBuf> {
    let file = if output.is_dir() {
        let stem = crate::notebook::store::slug(name);
        output.join(format!("{stem}-{today}.{}", format.extension()))
    } else {
        output.to_path_buf()
    };
    let inside = std::path::absolute(&file).is_ok_and(|f| f.starts_with(root));
    if inside && file.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        return Err(Error::invalid(
            format!(
                "{} is inside the notebook, where it would be read as a note",
                file.display()
            ),
            "write the export outside the notebook, or to its exports/ folder",
        ));
    }
    Ok(file)
}
