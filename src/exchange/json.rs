//! The notes as the model reads them, for another tool or a search engine to take in: a JSON
//! array, or one note a line (NDJSON). Keys come in the note format's order, each note led by
//! its id and file.

use serde::Serialize;

use crate::note::Note;
use crate::notebook::NoteFile;

#[derive(Serialize)]
struct Exported<'a> {
    id: &'a str,
    path: String,
    #[serde(flatten)]
    note: &'a Note,
}

fn exported(file: &NoteFile) -> Exported<'_> {
    Exported {
        id: &file.id,
        // The same on every system: forward slashes.
        path: file
            .path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        note: &file.note,
    }
}

/// `notes` as a pretty JSON array, or with `lines` one compact note a line.
pub fn json(notes: &[NoteFile], lines: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if lines {
        for file in notes {
            serde_json::to_writer(&mut out, &exported(file)).map_err(|e| e.to_string())?;
            out.push(b'\n');
        }
    } else {
        let all: Vec<Exported> = notes.iter().map(exported).collect();
        serde_json::to_writer_pretty(&mut out, &all).map_err(|e| e.to_string())?;
        out.push(b'\n');
    }
    Ok(out)
}
