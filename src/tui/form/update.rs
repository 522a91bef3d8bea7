//! Keys in the note form: typing into the focused field, moving between fields, picking
//! why-codes and evidence, saving and leaving. Every change asks for the draft to be saved.

use ratatui_textarea::CursorMove;

use super::slot::{self, Holds, Slot};
use super::{Form, pick};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::effect::Effect;

/// Applies an action while the form has the keys.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if app.form.as_ref().is_some_and(|f| f.naming.is_some()) {
        return super::naming::update(app, action);
    }
    let screen = crate::tui::layout::screen(app.size);
    let Some(form) = &mut app.form else {
        return Vec::new();
    };
    let (focus, holds) = (form.focus, form.focus.holds());
    let before = form.note.clone();
    let typed_before = form.typed();
    let mut effects = Vec::new();
    match action {
        Action::Paste { .. } if holds == Holds::Choice => {}
        Action::Paste { text } => {
            let text = match holds {
                Holds::Lines => text.replace("\r\n", "\n").replace('\r', "\n"),
                _ => text.replace(['\r', '\n'], " "),
            };
            let text: String = text
                .chars()
                .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
                .collect();
            form.editor.insert_str(text);
        }
        Action::Type { c } if holds == Holds::Choice => choose_kind_by_letter(form, c),
        Action::Type { c: '\n' } if holds == Holds::Lines => form.editor.insert_newline(),
        Action::Type { c } => form
            .editor
            .insert_char(if c.is_control() { ' ' } else { c }),
        Action::DeleteBack if holds.picks() && form.typed().is_empty() => {
            if !slot::list(&form.note, form.focus).is_empty()
                && let Some(list) = slot::list_mut(&mut form.note, form.focus)
            {
                list.pop();
            }
        }
        Action::DeleteBack => {
            form.editor.delete_char();
        }
        Action::DeleteForward => {
            form.editor.delete_next_char();
        }
        Action::DeleteWord => {
            form.editor.delete_word();
        }
        // In the body, only the line: a transcript is never wiped by one key.
        Action::ClearSearch if holds == Holds::Lines => {
            form.editor.delete_line_by_head();
        }
        Action::ClearSearch => {
            form.editor.select_all();
            form.editor.cut();
        }
        Action::CursorLeft | Action::CursorRight if holds == Holds::Choice => {
            cycle_kind(form, action == Action::CursorRight)
        }
        Action::CursorLeft => form.editor.move_cursor(CursorMove::Back),
        Action::CursorRight => form.editor.move_cursor(CursorMove::Forward),
        Action::CursorHome => form.editor.move_cursor(CursorMove::Head),
        Action::CursorEnd => form.editor.move_cursor(CursorMove::End),
        Action::Up | Action::Down if holds == Holds::Lines => {
            let at = form.editor.cursor();
            let step = if action == Action::Up {
                CursorMove::Up
            } else {
                CursorMove::Down
            };
            form.editor.move_cursor(step);
            // At the first or last line, the arrows go on to the next field.
            if form.editor.cursor() == at {
                move_focus(form, action == Action::Down);
            }
        }
        Action::Up | Action::Down
            if (holds.picks() || focus.offers()) && !form.suggestions.is_empty() =>
        {
            let last = form.suggestions.len().min(pick::SHOWN) - 1;
            form.selected = match action {
                Action::Up => form.selected.saturating_sub(1),
                _ => (form.selected + 1).min(last),
            };
            form.browsed = true;
        }
        Action::Up => move_focus(form, false),
        Action::Down | Action::NextField => move_focus(form, true),
        Action::PreviousField => move_focus(form, false),
        Action::Advance => match holds {
            Holds::Lines => form.editor.insert_newline(),
            Holds::Codes | Holds::Notes if !form.typed().trim().is_empty() || form.browsed => {
                effects.extend(pick_selected(form));
            }
            Holds::Line if focus.offers() => {
                take_name(form);
                move_focus(form, true);
            }
            _ => move_focus(form, true),
        },
        Action::Click { column, row } => {
            if let Some(slot) = super::layout::slot_at(form, screen, column, row) {
                form.focus_on(slot);
            }
        }
        Action::Wheel { down, .. } => move_focus(form, down),
        Action::NextEmptyFinding => next_empty_finding(app),
        Action::Details => details_and_back(form),
        Action::Save => return save(app),
        Action::Back if holds.picks() && !form.typed().is_empty() => {
            form.editor.select_all();
            form.editor.cut();
        }
        Action::Back => return leave(app, false),
        Action::Quit => return leave(app, true),
        _ => {}
    }
    let Some(form) = &mut app.form else {
        return effects;
    };
    // Moving to another field puts that field's text in the editor: nothing was typed. A code
    // just made new is being asked about: its questions hold the editor.
    let asking = form.naming.is_some();
    if !asking && form.focus == focus && form.typed() != typed_before {
        match holds {
            Holds::Line | Holds::Lines => {
                let typed = form.typed();
                slot::set_text(&mut form.note, form.focus, &typed);
                if form.focus.offers() {
                    pick::narrow_names(form);
                }
            }
            Holds::Codes => pick::narrow_codes(form),
            Holds::Notes => {
                form.selected = 0;
                effects.push(Effect::Candidates {
                    query: form.typed(),
                });
            }
            Holds::Choice => {}
        }
    } else if !asking && holds == Holds::Codes && form.note != before {
        pick::narrow_codes(form);
    }
    if form.note != before {
        effects.push(Effect::DraftChanged);
    }
    effects
}

impl Holds {
    /// Whether the field is filled by picking from suggestions.
    pub fn picks(self) -> bool {
        matches!(self, Holds::Codes | Holds::Notes)
    }
}

/// Moves to the next or previous field, wrapping around.
fn move_focus(form: &mut Form, forward: bool) {
    let order = form.order();
    let at = order.iter().position(|s| *s == form.focus).unwrap_or(0);
    let next = if forward {
        (at + 1) % order.len()
    } else {
        (at + order.len() - 1) % order.len()
    };
    form.focus_on(order[next]);
}

/// The first finding with nothing in it: the row to record the next one in.
fn next_empty_finding(app: &mut App) {
    let Some(form) = &mut app.form else { return };
    let order = form.order();
    let empty = order.iter().find(|s| match s {
        Slot::Did(i) => form.note.findings.get(*i).is_none_or(|f| f.is_blank()),
        _ => false,
    });
    match empty {
        Some(&slot) => form.focus_on(slot),
        None => app.message = Some(format!("A {} has no findings.", form.note.kind)),
    }
}

/// The details (date, study, researcher, tags) are where a note's context goes, after what
/// was seen: one key goes there from anywhere in the form, and back again.
fn details_and_back(form: &mut Form) {
    match form.came_from.take() {
        Some(slot) if form.focus.is_detail() => form.focus_on(slot),
        _ => {
            form.came_from = Some(form.focus);
            // The study is often already there, from the last note: the first empty one then.
            let details = [Slot::Study, Slot::Researcher, Slot::Tags];
            let empty = details
                .into_iter()
                .find(|&slot| slot::text(&form.note, slot).trim().is_empty());
            form.focus_on(empty.unwrap_or(Slot::Study));
        }
    }
}

fn cycle_kind(form: &mut Form, forward: bool) {
    let count = form.kinds.len();
    if count == 0 {
        return;
    }
    let at = form.kinds.iter().position(|k| *k == form.note.kind);
    let next = match (at, forward) {
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
        (None, _) => 0,
    };
    form.note.kind = form.kinds[next].clone();
}

/// A letter on the kind field picks the next kind that starts with it.
fn choose_kind_by_letter(form: &mut Form, c: char) {
    let c = c.to_ascii_lowercase();
    let at = form
        .kinds
        .iter()
        .position(|k| *k == form.note.kind)
        .unwrap_or(0);
    let count = form.kinds.len();
    let next = (1..=count)
        .map(|step| (at + step) % count)
        .find(|&i| form.kinds[i].starts_with(c));
    if let Some(i) = next {
        form.note.kind = form.kinds[i].clone();
    }
}

/// Takes the highlighted study into the field when one was typed for or chosen (a slip finds
/// the study meant), the highlighted place only when chosen with the arrows (a new place is
/// typed as often as an old one is met again); a new study is kept as typed.
fn take_name(form: &mut Form) {
    let typed_for = form.focus == Slot::Study && !form.typed().trim().is_empty();
    if !(typed_for || form.browsed) {
        return;
    }
    if let Some(chosen) = form.suggestions.get(form.selected)
        && !chosen.new
    {
        let value = chosen.value.clone();
        slot::set_text(&mut form.note, form.focus, &value);
    }
}

/// Adds the highlighted suggestion to the field's list; a new code also goes to the codebook.
fn pick_selected(form: &mut Form) -> Vec<Effect> {
    let Some(chosen) = form.suggestions.get(form.selected).cloned() else {
        return Vec::new();
    };
    if let Some(list) = slot::list_mut(&mut form.note, form.focus)
        && !list.contains(&chosen.value)
    {
        list.push(chosen.value.clone());
    }
    form.editor.select_all();
    form.editor.cut();
    form.browsed = false;
    if chosen.new {
        form.codes.push(crate::tui::app::Choice {
            filter: crate::query::Filter::Why,
            value: chosen.value.clone(),
            count: 0,
            about: None,
            active: false,
        });
        super::naming::begin(form, chosen.value);
    }
    Vec::new()
}

/// Saves the note when it is one; otherwise says what is missing and goes there.
pub fn save(app: &mut App) -> Vec<Effect> {
    let Some(form) = &mut app.form else {
        return Vec::new();
    };
    form.keep_typed_code();
    let base = form.editing.as_ref().map(|e| &e.base);
    match form.note.to_note(base) {
        Ok(note) => vec![Effect::SaveNote {
            note: Box::new(note),
            editing: form.editing.clone().map(Box::new),
            then_quit: false,
        }],
        Err(unfinished) => {
            let slot = match unfinished.field.as_str() {
                "kind" => Slot::Kind,
                "date" => Slot::Date,
                field => field
                    .strip_prefix("participant ")
                    .and_then(|n| n.parse::<usize>().ok())
                    .map_or(Slot::Title, |n| Slot::Alias(n.saturating_sub(1))),
            };
            form.focus_on(slot);
            app.message = Some(format!(
                "Not saved: {}: {}.",
                unfinished.field, unfinished.message
            ));
            Vec::new()
        }
    }
}

/// Leaves the form, asking first when something typed would be lost.
fn leave(app: &mut App, quitting: bool) -> Vec<Effect> {
    let Some(form) = &app.form else {
        return Vec::new();
    };
    if form.changed() {
        app.overlay = Some(Overlay::Leaving { quitting });
        return Vec::new();
    }
    close(app);
    app.quit = quitting;
    vec![Effect::DropDraft]
}

/// Closes the form and goes back to where it was opened from.
pub fn close(app: &mut App) {
    if let Some(form) = app.form.take() {
        app.screen = form.from;
    }
    app.overlay = None;
}

/// Applies an action to the question asked on leaving an unsaved note.
pub fn leaving(app: &mut App, action: Action, quitting: bool) -> Vec<Effect> {
    match action {
        Action::Save => {
            app.overlay = None;
            let mut effects = save(app);
            // Only this save quits once it is done; an unfinished note, a conflict or an
            // error leaves the user in the form.
            for effect in &mut effects {
                if let Effect::SaveNote { then_quit, .. } = effect {
                    *then_quit = quitting;
                }
            }
            effects
        }
        Action::Discard => {
            close(app);
            app.quit = quitting;
            vec![Effect::DropDraft]
        }
        // A second Ctrl-C quits: the draft stays, and the next start offers it back.
        Action::Quit => {
            app.quit = true;
            vec![Effect::FlushDraft]
        }
        Action::Back => {
            app.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}
