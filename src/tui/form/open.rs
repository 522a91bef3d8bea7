//! Taking in what the runtime reports for the form: a form ready to type into, the codes to
//! pick from, notes found for evidence, and how a save went.

use super::slot::{self, Slot, slots};
use super::{Editing, Form, Suggestion};
use crate::note::NoteForm;
use crate::notebook::drafts::Draft;
use crate::tui::app::{App, Choice, Conflict, Overlay, Screen};
use crate::tui::effect::Effect;
use crate::tui::recent::Recent;

/// Opens the form on a new note, or on a draft of one.
pub fn new_form(
    app: &mut App,
    kinds: Vec<String>,
    now: String,
    restored: Option<Box<Draft>>,
) -> Vec<Effect> {
    let note = match &restored {
        Some(draft) => draft.form.clone(),
        None => NoteForm {
            kind: kinds.first().cloned().unwrap_or_else(|| "interview".into()),
            date: now,
            researcher: app.researcher.clone().unwrap_or_default(),
            ..NoteForm::default()
        },
    };
    open(app, note, kinds, None, restored.is_some(), None)
}

/// Opens the form on a note read from its file, or on a draft of an edit of it.
pub fn edit_form(
    app: &mut App,
    kinds: Vec<String>,
    editing: Editing,
    tag: bool,
    restored: Option<Box<Draft>>,
) -> Vec<Effect> {
    let fresh = NoteForm::of(&editing.base);
    let note = restored.as_ref().map_or(fresh, |d| d.form.clone());
    let focus = tag.then(|| {
        let order = slots(&note);
        order
            .iter()
            .copied()
            .find(|s| matches!(s, Slot::FindingWhy(_)))
            .unwrap_or(Slot::Why)
    });
    open(app, note, kinds, Some(editing), restored.is_some(), focus)
}

fn open(
    app: &mut App,
    note: NoteForm,
    kinds: Vec<String>,
    editing: Option<Editing>,
    restored: bool,
    focus: Option<Slot>,
) -> Vec<Effect> {
    let from = match app.screen {
        Screen::Note => Screen::Note,
        _ => Screen::Browse,
    };
    let mut form = Form::new(note, kinds, editing, from);
    if restored {
        // A restored draft is unsaved work: leaving it asks, as it did before.
        form.opened_as = NoteForm::default();
    }
    if let Some(slot) = focus {
        form.focus_on(slot);
    }
    app.form = Some(form);
    app.screen = Screen::Form;
    app.overlay = None;
    let mut effects = vec![Effect::Codes, Effect::Recent];
    // Saved as this session's draft first, then the old file goes.
    if let Some(path) = app.restoring.take() {
        effects.push(Effect::DropLeftBehind { path });
    }
    effects
}

/// Takes in the studies and places to offer. A new note nothing was typed in yet starts in
/// the study of the newest note: a day in the field is spent on one study.
pub fn recent(app: &mut App, recent: Recent) -> Vec<Effect> {
    let Some(form) = &mut app.form else {
        return Vec::new();
    };
    let untouched = form.editing.is_none() && !form.changed() && form.note.study.is_empty();
    if untouched && let Some(study) = &recent.study {
        form.note.study.clone_from(study);
        form.opened_as.study.clone_from(study);
    }
    form.recent = recent;
    // The field in view shows what was just read.
    if form.focus.offers() {
        form.focus_on(form.focus);
    }
    Vec::new()
}

/// Takes in the codes to pick from.
pub fn codes(app: &mut App, codes: Vec<Choice>) {
    if let Some(form) = &mut app.form {
        // Codes made new in this form stay, though the codebook was read before they were.
        let made: Vec<Choice> = form
            .codes
            .iter()
            .filter(|m| !codes.iter().any(|c| c.value == m.value))
            .cloned()
            .collect();
        form.codes = codes;
        form.codes.extend(made);
        if form.focus.holds() == super::Holds::Codes {
            super::pick::narrow_codes(form);
        }
    }
}

/// Takes in notes found for the evidence field, when they answer what is typed there now.
pub fn candidates(app: &mut App, query: &str, notes: Vec<(String, String)>) {
    let Some(form) = &mut app.form else { return };
    if form.focus != Slot::Evidence || form.typed() != query {
        return;
    }
    let picked = slot::list(&form.note, Slot::Evidence).to_vec();
    form.suggestions = notes
        .into_iter()
        .filter(|(id, _)| !picked.contains(id))
        .map(|(value, about)| Suggestion {
            value,
            about,
            new: false,
        })
        .collect();
    form.selected = 0;
}

/// The note was written: the form closes and the screen it came from shows the note as saved.
pub fn saved(app: &mut App, path: &str) -> Vec<Effect> {
    let new = app.form.as_ref().is_some_and(|f| f.editing.is_none());
    super::update::close(app);
    app.message = Some(if new {
        format!("Saved as {path}.")
    } else {
        format!("Saved {path}.")
    });
    let mut effects = vec![Effect::DropDraft];
    match app.screen {
        // The note read again, and the list behind it searched again with the change.
        Screen::Note => effects.extend([
            Effect::Load {
                path: path.to_owned(),
            },
            crate::tui::update::search(app),
        ]),
        _ => {
            effects.extend(crate::tui::update::restart(app));
            app.browse.select = Some(path.to_owned());
            return effects;
        }
    }
    effects
}

/// The file changed on disk: both versions are shown to choose from.
pub fn conflict(app: &mut App, conflict: Conflict) {
    app.overlay = Some(Overlay::Conflict(conflict));
}
