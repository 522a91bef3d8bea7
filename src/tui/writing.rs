//! The disk work of the note form, for the runtime: reading a note to edit, writing a new one,
//! saving an edit in place unless the file changed since it was read, and drafts.

use std::collections::HashSet;
use std::path::Path;

use super::app::{Choice, Conflict};
use super::effect::{Effect, Outcome};
use super::form::Editing;
use super::form::pick::SHOWN;
use super::work::choices;
use crate::codebook::Code;
use crate::error::{Error, Result};
use crate::index::{SearchIndex, SearchOptions};
use crate::note::{self, Note, NoteDate, NoteForm};
use crate::notebook::Notebook;
use crate::notebook::drafts::Draft;
use crate::query::{self, Filter, Mode};

/// How a save went.
pub enum Written {
    /// The note is in this file, relative to the root.
    Saved(String),
    /// The file changed on disk since the form read it: nothing was written.
    Changed(Box<Conflict>),
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A short fingerprint of a file's bytes, the same on every machine and version, kept in a
/// draft to tell later whether the file it edits has changed since (FNV-1a).
pub fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Reads the note at `path` (relative to the root) to edit it. A draft of an edit whose file
/// changed since the draft began remembers where it began, so that saving it shows both
/// versions.
pub fn read_for_edit(notebook: &Notebook, path: &str, draft: Option<&Draft>) -> Result<Editing> {
    let file = notebook.root.join(path);
    let bytes = std::fs::read(&file).map_err(|e| Error::io("cannot read", &file, e))?;
    let base = parsed(&bytes).ok_or_else(|| {
        Error::invalid(
            format!("{path} has errors and cannot be edited here"),
            "leave the form and press e to fix it in your editor",
        )
    })?;
    let began_from = draft
        .and_then(|d| d.base)
        .unwrap_or_else(|| fingerprint(&bytes));
    Ok(Editing {
        path: path.to_owned(),
        bytes,
        base,
        began_from,
    })
}

fn parsed(bytes: &[u8]) -> Option<Note> {
    let text = crate::yaml::decode(bytes).ok()?;
    note::parse(text).note
}

/// Writes `note`: a new file named from its date and title, or the file being edited, in
/// place, when it still holds what was read.
pub fn save(
    notebook: &Notebook,
    index: Option<&SearchIndex>,
    note: &Note,
    editing: Option<&Editing>,
) -> Result<Written> {
    let Some(editing) = editing else {
        let folder = notebook.study_folder(note.study.as_deref(), &quiet)?;
        // The index knows every id at once; walking 100,000 files takes half a second.
        let known = |id: &str| index.is_some_and(|i| i.path_of(id).ok().flatten().is_some());
        let taken: Option<&dyn Fn(&str) -> bool> = index.is_some().then_some(&known);
        let path = notebook.write_note(&folder, note, taken, &quiet)?;
        return Ok(Written::Saved(path.to_string_lossy().into_owned()));
    };
    let file = notebook.root.join(&editing.path);
    let mut changed = None;
    notebook.change(&file, &quiet, |now| {
        // A file deleted on disk reads as empty: the form read it so after that question.
        let bytes = now.unwrap_or_default();
        if bytes != editing.bytes || fingerprint(bytes) != editing.began_from {
            changed = Some(bytes.to_vec());
            return Ok(None);
        }
        if bytes.is_empty() {
            // Deleted or emptied on disk, and the user chose to keep their version.
            return Ok(Some(note.to_yaml().into_bytes()));
        }
        let text = crate::yaml::decode(bytes).map_err(|p| {
            Error::invalid(
                p.message,
                "leave the form and press e to fix it in your editor",
            )
        })?;
        let written = note::edited(text, &editing.base, note).map_err(|why| {
            Error::invalid(
                format!("{} was not saved: {why}", editing.path),
                "leave the form and press e to change it in your editor; the form keeps your changes until then",
            )
        })?;
        // The text was read without its byte-order mark; the file keeps it.
        let bom = if bytes.starts_with(BOM) { BOM } else { b"" };
        Ok(Some([bom, written.as_bytes()].concat()))
    })?;
    Ok(match changed {
        Some(bytes) => Written::Changed(Box::new(conflict(editing, bytes, note))),
        None => Written::Saved(editing.path.clone()),
    })
}

/// The UI cannot draw while a save waits for another writer, which takes moments: it waits
/// without a word, as it does for the disk.
fn quiet(_: &str) {}

/// Both versions of a file that changed on disk: as it is now, and as saving would make it.
fn conflict(editing: &Editing, bytes: Vec<u8>, note: &Note) -> Conflict {
    let disk_text = crate::yaml::decode(&bytes)
        .map(str::to_owned)
        .unwrap_or_else(|p| format!("(the file cannot be read as text: {})", p.message));
    let on_disk_note = parsed(&bytes);
    let mine = match &on_disk_note {
        Some(theirs) => note::edited(&disk_text, theirs, note).unwrap_or_else(|_| note.to_yaml()),
        None => note.to_yaml(),
    };
    let disk = if bytes.is_empty() {
        "(the file was deleted)".to_owned()
    } else {
        disk_text
    };
    Conflict {
        path: editing.path.clone(),
        disk,
        mine,
        scroll: 0,
        on_disk: Box::new(Editing {
            path: editing.path.clone(),
            base: on_disk_note.unwrap_or_else(|| editing.base.clone()),
            began_from: fingerprint(&bytes),
            bytes,
        }),
    }
}

/// The draft of what `form` holds, for the data directory.
pub fn draft_of(root: &Path, form: &NoteForm, editing: Option<&Editing>) -> Draft {
    Draft {
        notebook: root.to_path_buf(),
        editing: editing.map(|e| e.path.clone().into()),
        base: editing.map(|e| e.began_from),
        saved: jiff::Timestamp::now().to_string(),
        form: form.clone(),
    }
}

/// Performs an effect of the form that needs the notebook (and the index, when open), and
/// says what came of it; `None` for an effect that is not the form's.
pub fn perform(
    effect: &Effect,
    notebook: &Notebook,
    index: Option<&SearchIndex>,
) -> Result<Option<Outcome>> {
    let kinds = || -> Vec<String> {
        let (settings, _) = notebook.settings();
        settings.kinds().into_iter().map(str::to_owned).collect()
    };
    Ok(Some(match effect {
        Effect::StartNote { restored } => Outcome::NewForm {
            kinds: kinds(),
            now: NoteDate::now().as_str().to_owned(),
            restored: restored.clone(),
        },
        Effect::EditNote {
            path,
            tag,
            restored,
        } => match read_for_edit(notebook, path, restored.as_deref()) {
            Ok(editing) => Outcome::EditForm {
                kinds: kinds(),
                editing: Box::new(editing),
                tag: *tag,
                restored: restored.clone(),
            },
            // A draft of an edit whose file is gone or broken is not lost: it opens as a new
            // note, to be saved beside it.
            Err(_) if restored.is_some() => Outcome::NewForm {
                kinds: kinds(),
                now: NoteDate::now().as_str().to_owned(),
                restored: restored.clone(),
            },
            Err(e) => return Err(e),
        },
        Effect::Codes => Outcome::Codes(match index {
            Some(index) => choices(notebook, index, "")?
                .into_iter()
                .filter(|c| c.filter == Filter::Why)
                .collect(),
            None => codebook_codes(notebook),
        }),
        Effect::Recent => Outcome::Recent(match index {
            Some(index) => crate::tui::recent::recent(notebook, index)?,
            None => Default::default(),
        }),
        Effect::Candidates { query } => {
            let Some(index) = index else {
                return Ok(None);
            };
            let parsed = query::parse(query, Mode::Typing).unwrap_or_default();
            let options = SearchOptions {
                limit: SHOWN,
                snippets: false,
                ..SearchOptions::default()
            };
            let (results, _) = index.search_with(&parsed, options)?;
            Outcome::Candidates {
                query: query.clone(),
                notes: results.hits.into_iter().map(|h| (h.id, h.title)).collect(),
            }
        }
        Effect::AddCode {
            name,
            description,
            parent,
        } => {
            let code = Code {
                description: description.clone(),
                parent: parent.clone(),
                ..Code::named(name)
            };
            let added = notebook.add_code(&code, &quiet)?;
            Outcome::Notice(if added {
                format!("Added the code `{name}` to codebook.yaml.")
            } else {
                format!("codebook.yaml already has `{name}`.")
            })
        }
        Effect::SaveNote {
            note,
            editing,
            then_quit,
        } => {
            match save(notebook, index, note, editing.as_deref())? {
                Written::Changed(conflict) => Outcome::Conflict(conflict),
                Written::Saved(path) => {
                    let file = notebook.root.join(&path);
                    // Before the index is open, the index thread takes the note in when it is.
                    // The note is written: an index that cannot take it in now does so when it
                    // next refreshes, and the save stands.
                    let refresh =
                        index.and_then(|i| i.refresh_around(&HashSet::from([file]), &|_| {}).ok());
                    Outcome::Saved {
                        path,
                        counts: refresh.map(|r| (r.notes, r.broken)),
                        then_quit: *then_quit,
                    }
                }
            }
        }
        _ => return Ok(None),
    }))
}

/// The codebook's codes, for picking before the index has counted the codes in use.
fn codebook_codes(notebook: &Notebook) -> Vec<Choice> {
    notebook
        .codebook()
        .0
        .codes
        .into_iter()
        .map(|code| Choice {
            filter: Filter::Why,
            value: code.name,
            count: 0,
            about: code.description,
            active: false,
        })
        .collect()
}
