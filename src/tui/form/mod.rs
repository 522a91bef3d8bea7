//! Writing a note in the UI: a form whose fields fit the kind of note, findings as rows of
//! did / said / why, why-codes picked fuzzily from the codebook, and a draft saved as it is
//! typed. The same form edits an existing note, which is saved in place (see
//! [`crate::note::edited`]).

pub mod ask;
pub mod layout;
pub mod naming;
pub mod open;
pub mod pick;
pub mod slot;
mod update;

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::app::{Choice, Screen};
use crate::note::{Note, NoteForm};
pub use pick::Suggestion;
pub use slot::{Holds, Slot, slots};
pub use update::update;

#[cfg(test)]
mod tests;

/// A note being written or edited.
pub struct Form {
    /// Every field as typed so far.
    pub note: NoteForm,
    /// The kinds the notebook knows, for the kind field.
    pub kinds: Vec<String>,
    /// The field being typed into.
    pub focus: Slot,
    /// The focused field's text and cursor (for a picking field, what was typed to narrow).
    pub editor: TextArea<'static>,
    /// Choices for a picking field: why-codes, or notes for evidence.
    pub suggestions: Vec<Suggestion>,
    /// The highlighted suggestion.
    pub selected: usize,
    /// Whether the user moved through the suggestions (then Enter picks even with nothing typed).
    pub browsed: bool,
    /// The codebook's codes and the codes in use, most used first.
    pub codes: Vec<Choice>,
    /// The studies and recent places offered in the study and place fields.
    pub recent: crate::tui::recent::Recent,
    /// The note file being edited; none for a new note.
    pub editing: Option<Editing>,
    /// The form as it was opened or last saved as a draft: leaving asks only when it changed.
    pub opened_as: NoteForm,
    /// The screen to go back to.
    pub from: Screen,
    /// The field the details key was pressed in, to go back to.
    pub came_from: Option<Slot>,
    /// A code just made new, being described before it goes to the codebook.
    pub naming: Option<naming::Naming>,
}

/// The note file a form edits, as it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Editing {
    /// The file, relative to the notebook root.
    pub path: String,
    /// Its bytes when the form opened: a save first checks the file still holds them.
    pub bytes: Vec<u8>,
    /// The note those bytes hold.
    pub base: Note,
    /// The fingerprint of the file the edit began from: other than that of `bytes` when a
    /// draft is restored after the file changed, and then saving shows both versions.
    pub began_from: u64,
}

impl Form {
    /// A form for `note`, with the cursor in `focus`.
    pub fn new(note: NoteForm, kinds: Vec<String>, editing: Option<Editing>, from: Screen) -> Form {
        let mut form = Form {
            opened_as: note.clone(),
            note,
            kinds,
            focus: Slot::Title,
            editor: TextArea::default(),
            suggestions: Vec::new(),
            selected: 0,
            browsed: false,
            codes: Vec::new(),
            recent: Default::default(),
            editing,
            from,
            came_from: None,
            naming: None,
        };
        form.focus_on(Slot::Title);
        form
    }

    /// Whether anything was typed since the form opened.
    pub fn changed(&self) -> bool {
        let mut note = self.note.clone();
        if self.editing.is_none() {
            // Choosing the kind of a note not yet written loses nothing.
            note.kind.clone_from(&self.opened_as.kind);
        }
        note != self.opened_as
    }

    /// What the title bar calls the form.
    pub fn heading(&self) -> String {
        match &self.editing {
            Some(editing) => format!("Editing {}", editing.path),
            None => format!("New {}", self.note.kind),
        }
    }

    /// Moves the cursor to `slot`, with its text in the editor and the cursor at the end.
    pub fn focus_on(&mut self, slot: Slot) {
        self.keep_typed_code();
        self.focus = slot;
        let text = match slot.holds() {
            Holds::Line | Holds::Lines => slot::text(&self.note, slot),
            Holds::Choice | Holds::Codes | Holds::Notes => String::new(),
        };
        let mut editor = TextArea::new(text.split('\n').map(str::to_owned).collect());
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_cursor_line_style(Style::default());
        editor.set_placeholder_text(slot.placeholder());
        editor.move_cursor(CursorMove::Bottom);
        editor.move_cursor(CursorMove::End);
        self.editor = editor;
        self.selected = 0;
        self.browsed = false;
        self.suggestions.clear();
        if slot.holds() == Holds::Codes {
            pick::narrow_codes(self);
        } else if slot.offers() {
            pick::narrow_names(self);
        }
    }

    /// The fields in Tab order. The focused one stays though emptying it took it out of its
    /// kind's fields (a place cleared in a social post), so typing never goes out of sight.
    pub fn order(&self) -> Vec<Slot> {
        let mut order = slots(&self.note);
        if !order.contains(&self.focus) {
            order.push(self.focus);
        }
        order
    }

    /// A code typed out in full in a why field counts as picked when the field is left or the
    /// note saved, though `Enter` was not pressed.
    pub fn keep_typed_code(&mut self) {
        if self.focus.holds() != Holds::Codes {
            return;
        }
        let typed = self.typed().trim().to_lowercase();
        let wanted = typed.split_whitespace().collect::<Vec<_>>().join("-");
        let Some(code) = self
            .codes
            .iter()
            .find(|c| c.value.eq_ignore_ascii_case(&wanted))
        else {
            return;
        };
        let code = code.value.clone();
        if let Some(list) = slot::list_mut(&mut self.note, self.focus)
            && !list.contains(&code)
        {
            list.push(code);
        }
    }

    /// What is typed in the focused field.
    pub fn typed(&self) -> String {
        self.editor.lines().join("\n")
    }
}
