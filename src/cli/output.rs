//! Rendering notes for people (plain text) and for programs (JSON).

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::index::{Brief, Links};
use crate::note::Note;
use crate::notebook::NoteFile;
use crate::safe;

/// A note as `--json` prints it: its id and path, then its fields.
#[derive(Serialize)]
pub struct NoteJson<'a> {
    /// The note id.
    pub id: &'a str,
    /// The file, relative to the notebook root.
    pub path: &'a Path,
    /// The note's fields.
    #[serde(flatten)]
    pub note: &'a Note,
}

impl<'a> From<&'a NoteFile> for NoteJson<'a> {
    fn from(file: &'a NoteFile) -> Self {
        NoteJson {
            id: &file.id,
            path: &file.path,
            note: &file.note,
        }
    }
}

/// Writes `text` and a line break to stdout, made safe for the terminal (a line break in it
/// stays one: single-line fields inside it must be made safe with [`safe::line`] first). A
/// failed write (a closed pipe) becomes an error the command returns, instead of the panic
/// `println!` would raise.
pub fn say(text: impl std::fmt::Display) -> crate::error::Result<()> {
    let text = safe::text(&text.to_string());
    writeln!(io::stdout().lock(), "{text}").map_err(super::list::stdout_error)
}

/// Writes a message and a line break to stderr, made safe as [`say`] makes it. A message
/// that cannot be written has nowhere else to go.
pub fn warn(text: impl std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "{}", safe::text(&text.to_string()));
}

/// Writes an error report to stderr. Errors make the text they carry safe themselves, so
/// that the report's own colours survive.
pub fn report(error: impl miette::Diagnostic + Send + Sync + 'static) {
    let _ = writeln!(io::stderr().lock(), "{:?}", miette::Report::new(error));
}

/// Prints `value` as pretty JSON on stdout, with the characters a terminal would act on
/// escaped: every `--json` goes through here.
pub fn print_json<T: Serialize>(value: &T) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, safe::Json::default());
    value.serialize(&mut serializer)?;
    writeln!(out)
}

/// A note rendered for reading in a terminal, each of its lines made safe; text is reflowed
/// ([`crate::note::reflow`]) and wrapped to `width` columns when there is one.
pub fn render_note(file: &NoteFile, links: &Links, width: Option<usize>) -> String {
    let n = &file.note;
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&safe::line(&text));
        out.push('\n');
    };
    // Each paragraph of `text` after `lead`, later lines under the text, not the lead.
    let flowed = |lead: &str, text: &str| -> Vec<String> {
        let hang = " ".repeat(lead.width());
        let mut lines = Vec::new();
        for (i, paragraph) in crate::note::reflow(text).iter().enumerate() {
            let first = if i == 0 { lead } else { hang.as_str() };
            let Some(width) = width else {
                lines.push(format!("{first}{paragraph}").trim_end().to_owned());
                continue;
            };
            let spans = vec![ratatui::text::Span::raw(safe::line(paragraph))];
            for (j, wrapped) in crate::tui::text::wrap(spans, width, &hang)
                .iter()
                .enumerate()
            {
                let text = wrapped.to_string();
                let text = if j == 0 {
                    format!("{first}{}", &text[hang.len()..])
                } else {
                    text
                };
                lines.push(text.trim_end().to_owned());
            }
        }
        lines
    };
    line(n.title.clone());
    let mut header = vec![n.kind.clone(), n.date.to_string()];
    header.extend(n.study.clone());
    header.extend(n.place.clone());
    header.extend(n.researcher.as_ref().map(|r| format!("by {r}")));
    line(header.join(" · "));
    line(format!("id: {}  ({})", file.id, file.path.display()));
    if !n.tags.is_empty() {
        line(format!("tags: {}", n.tags.join(", ")));
    }
    if !n.why.is_empty() {
        line(format!("why: {}", n.why.join(", ")));
    }
    if !n.participants.is_empty() {
        line(String::new());
        line("Participants".into());
        for p in &n.participants {
            let mut text = format!("  {}", p.alias);
            if let Some(about) = &p.about {
                text.push_str(&format!(": {about}"));
            }
            if let Some(consent) = &p.consent {
                text.push_str(&format!(" (consent: {consent})"));
            }
            line(text);
        }
    }
    if !n.findings.is_empty() {
        line(String::new());
        line("Findings".into());
        for (i, f) in n.findings.iter().enumerate() {
            let mut parts: Vec<(&str, String)> = Vec::new();
            parts.extend(f.did.as_ref().map(|d| ("did:   ", d.clone())));
            parts.extend(
                f.quote
                    .as_ref()
                    .map(|q| ("said:  ", format!("“{}”", q.trim()))),
            );
            if !f.why.is_empty() {
                parts.push(("why:   ", f.why.join(", ")));
            }
            parts.extend(f.note.as_ref().map(|r| ("note:  ", r.clone())));
            for (j, (label, text)) in parts.iter().enumerate() {
                let number = if j == 0 {
                    format!("{:>3}.", i + 1)
                } else {
                    "    ".into()
                };
                for row in flowed(&format!("{number} {label}"), text) {
                    line(row);
                }
            }
        }
    }
    if let Some(source) = &n.source {
        line(String::new());
        let parts: Vec<String> = [&source.platform, &source.author, &source.url]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        line(format!("Source: {}", parts.join(" · ")));
    }
    let brief = |b: &Brief| {
        format!(
            "  {}  ({} · {} · {})",
            b.title,
            b.kind,
            b.date.get(..10).unwrap_or(&b.date),
            b.id
        )
    };
    if !n.evidence.is_empty() {
        line(String::new());
        line("Evidence".into());
        if links.evidence.is_empty() {
            for id in &n.evidence {
                line(format!("  {id}"));
            }
        }
        for (id, named) in &links.evidence {
            line(match named {
                Some(b) => brief(b),
                None => format!("  {id}  (broken link: no note has this id)"),
            });
        }
    }
    if let Some(action) = &n.action {
        line(format!("Action: {action}"));
    }
    if let Some(status) = &n.status {
        line(format!("Status: {status}"));
    }
    if let Some(body) = &n.body {
        line(String::new());
        for row in flowed("  ", body) {
            line(row);
        }
    }
    if !links.cited_by.is_empty() {
        line(String::new());
        line("Cited as evidence by".into());
        for b in &links.cited_by {
            line(brief(b));
        }
    }
    out
}

/// `n` and the word, plural when `n` is not 1 ("1 note", "3 notes").
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The width to wrap text to: the terminal's when standard output is one, else `COLUMNS`
/// when set, at most the UI's measure; else none (each paragraph on one line, for tools that
/// read the output).
pub fn text_width() -> Option<usize> {
    use std::io::IsTerminal as _;
    let terminal = io::stdout()
        .is_terminal()
        .then(|| ratatui::crossterm::terminal::size().ok())
        .flatten()
        .map(|(columns, _)| usize::from(columns));
    let columns = || std::env::var("COLUMNS").ok()?.trim().parse::<usize>().ok();
    terminal
        .or_else(columns)
        .filter(|&w| w >= 20)
        .map(|w| w.min(usize::from(crate::tui::layout::MEASURE)))
}
