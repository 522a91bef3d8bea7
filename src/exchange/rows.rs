//! Findings as rows of a spreadsheet (RFC 4180 CSV, UTF-8): one row per finding, or one per
//! finding and code for a pivot table. A note without findings still gets a row, with its own
//! codes, so that every note exported is there.

use crate::notebook::NoteFile;

/// The columns, in order.
const COLUMNS: [&str; 12] = [
    "note",
    "date",
    "kind",
    "study",
    "place",
    "researcher",
    "participants",
    "did",
    "quote",
    "remark",
    "why",
    "tags",
];

/// The CSV of `notes`: a row per finding, or with `per_code` a row per finding and code.
pub fn csv(notes: &[NoteFile], per_code: bool) -> Result<Vec<u8>, String> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header: Vec<&str> = COLUMNS
        .iter()
        .map(|c| if per_code && *c == "why" { "code" } else { c })
        .collect();
    out.write_record(&header).map_err(|e| e.to_string())?;
    for file in notes {
        let n = &file.note;
        let aliases: Vec<&str> = n.participants.iter().map(|p| p.alias.as_str()).collect();
        let note_row = |did: &str, quote: &str, remark: &str, why: &str| {
            vec![
                file.id.clone(),
                n.date.to_string(),
                n.kind.clone(),
                n.study.clone().unwrap_or_default(),
                n.place.clone().unwrap_or_default(),
                n.researcher.clone().unwrap_or_default(),
                aliases.join("; "),
                did.to_owned(),
                quote.to_owned(),
                remark.to_owned(),
                why.to_owned(),
                n.tags.join("; "),
            ]
        };
        let mut rows = Vec::new();
        if n.findings.is_empty() {
            rows.push((String::new(), String::new(), String::new(), n.why.clone()));
        }
        for f in &n.findings {
            rows.push((
                f.did.clone().unwrap_or_default(),
                f.quote.clone().unwrap_or_default(),
                f.note.clone().unwrap_or_default(),
                f.why.clone(),
            ));
        }
        for (did, quote, remark, why) in rows {
            if per_code {
                for code in &why {
                    out.write_record(note_row(&did, &quote, &remark, code))
                        .map_err(|e| e.to_string())?;
                }
            } else {
                out.write_record(note_row(&did, &quote, &remark, &why.join("; ")))
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    out.into_inner().map_err(|e| e.to_string())
}
