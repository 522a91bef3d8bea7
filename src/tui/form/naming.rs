//! A code made new from the why picker is not born empty: right there the form asks for a line
//! on what it means and, optionally, the code it sits under. `Enter` on an empty answer skips
//! it, `Esc` skips both; either way the code goes to the codebook with what was given.

use ratatui_textarea::CursorMove;

use super::{Form, Suggestion, pick};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;

/// A new code being described before it goes to the codebook.
#[derive(Clone, Debug, PartialEq)]
pub struct Naming {
    /// The new code.
    pub code: String,
    /// The description given, once the question of the parent is asked.
    pub description: Option<Option<String>>,
}

impl Naming {
    /// The question being asked.
    pub fn question(&self) -> &'static str {
        match self.description {
            None => "What does it mean? One line (Enter skips)",
            Some(_) => "Under which code? (Enter for none)",
        }
    }
}

/// Starts asking about `code`, just added to the field's list.
pub fn begin(form: &mut Form, code: String) {
    clear(form);
    form.naming = Some(Naming {
        code,
        description: None,
    });
}

/// Applies an action while a new code is being described.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(form) = &mut app.form else {
        return Vec::new();
    };
    let asking_parent = form
        .naming
        .as_ref()
        .is_some_and(|n| n.description.is_some());
    let typed_before = form.typed();
    match action {
        Action::Type { c } => form
            .editor
            .insert_char(if c.is_control() { ' ' } else { c }),
        Action::Paste { text } => {
            let line: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            form.editor.insert_str(line);
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
        Action::ClearSearch => {
            clear(form);
        }
        Action::CursorLeft => form.editor.move_cursor(CursorMove::Back),
        Action::CursorRight => form.editor.move_cursor(CursorMove::Forward),
        Action::CursorHome => form.editor.move_cursor(CursorMove::Head),
        Action::CursorEnd => form.editor.move_cursor(CursorMove::End),
        Action::Up | Action::Down if asking_parent && !form.suggestions.is_empty() => {
            let last = form.suggestions.len().min(pick::SHOWN) - 1;
            form.selected = match action {
                Action::Up => form.selected.saturating_sub(1),
                _ => (form.selected + 1).min(last),
            };
            form.browsed = true;
        }
        Action::Advance | Action::NextField if !asking_parent => {
            let said = form.typed().trim().to_owned();
            if let Some(naming) = &mut form.naming {
                naming.description = Some((!said.is_empty()).then_some(said));
            }
            clear(form);
            narrow_parents(form);
        }
        Action::Advance | Action::NextField => {
            let parent = (form.browsed || !form.typed().trim().is_empty())
                .then(|| form.suggestions.get(form.selected))
                .flatten()
                .map(|s| s.value.clone());
            return finish(form, parent);
        }
        Action::Back => {
            clear(form);
            return finish(form, None);
        }
        // Saving or leaving keeps the code with what was said of it so far.
        Action::Save | Action::Quit => {
            let mut effects = finish(form, None);
            effects.extend(super::update::update(app, action));
            return effects;
        }
        _ => {}
    }
    if asking_parent && form.typed() != typed_before {
        narrow_parents(form);
    }
    Vec::new()
}

/// The codebook's codes, other than the new one, narrowed to what is typed.
fn narrow_parents(form: &mut Form) {
    let Some(naming) = &form.naming else { return };
    let typed = form.typed();
    let codes: Vec<&str> = form
        .codes
        .iter()
        .map(|c| c.value.as_str())
        .filter(|c| *c != naming.code)
        .collect();
    form.suggestions = pick::ranked(typed.trim(), &codes)
        .into_iter()
        .map(|i| Suggestion {
            value: codes[i].to_owned(),
            about: String::new(),
            new: false,
        })
        .collect();
    form.selected = 0;
}

/// Ends the questions: the code goes to the codebook with its description and parent.
fn finish(form: &mut Form, parent: Option<String>) -> Vec<Effect> {
    let Some(naming) = form.naming.take() else {
        return Vec::new();
    };
    let description = match naming.description {
        Some(given) => given,
        None => Some(form.typed().trim().to_owned()).filter(|d| !d.is_empty()),
    };
    clear(form);
    if let Some(choice) = form.codes.iter_mut().find(|c| c.value == naming.code) {
        choice.about.clone_from(&description);
    }
    pick::narrow_codes(form);
    vec![Effect::AddCode {
        name: naming.code,
        description,
        parent,
    }]
}

fn clear(form: &mut Form) {
    form.editor.select_all();
    form.editor.cut();
    form.suggestions.clear();
    form.selected = 0;
    form.browsed = false;
}
