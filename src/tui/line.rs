//! A one-line text field: the search line and the filter chooser's line. A query needs only
//! a cursor that moves and deletes, driven by actions like every other key; a text-area
//! widget's own key handling would bypass the key map.

use unicode_width::UnicodeWidthStr;

use super::action::Action;

/// Text and a cursor, as a byte offset that always sits between characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    cursor: usize,
}

impl LineEditor {
    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces the text, with the cursor at its end.
    pub fn set(&mut self, text: &str) {
        self.text = text.to_owned();
        self.cursor = self.text.len();
    }

    /// Applies a line-editing action: `Some(true)` when the text changed, `Some(false)` when
    /// only the cursor moved, `None` for an action that is not about the line.
    pub fn apply(&mut self, action: &Action) -> Option<bool> {
        Some(match *action {
            Action::Type { c } => {
                self.insert(c);
                true
            }
            Action::DeleteBack => self.delete_back(),
            Action::DeleteForward => self.delete_forward(),
            Action::DeleteWord => self.delete_word(),
            Action::ClearSearch => self.clear(),
            Action::CursorLeft => {
                self.left();
                false
            }
            Action::CursorRight => {
                self.right();
                false
            }
            Action::CursorHome => {
                self.home();
                false
            }
            Action::CursorEnd => {
                self.end();
                false
            }
            _ => return None,
        })
    }

    /// Columns from the start of the text to the cursor.
    pub fn cursor_column(&self) -> usize {
        self.text[..self.cursor].width()
    }

    /// Inserts `c` at the cursor.
    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Deletes the character before the cursor; false when there was none.
    pub fn delete_back(&mut self) -> bool {
        match self.text[..self.cursor].chars().next_back() {
            Some(c) => {
                self.cursor -= c.len_utf8();
                self.text.remove(self.cursor);
                true
            }
            None => false,
        }
    }

    /// Deletes the character under the cursor; false when there was none.
    pub fn delete_forward(&mut self) -> bool {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
            true
        } else {
            false
        }
    }

    /// Deletes the word before the cursor and the spaces after it; false when there was none.
    pub fn delete_word(&mut self) -> bool {
        let before = &self.text[..self.cursor];
        let end_of_word = before.trim_end().len();
        let start = before[..end_of_word]
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + 1);
        if start == self.cursor {
            return false;
        }
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
        true
    }

    /// Empties the line; false when it was empty.
    pub fn clear(&mut self) -> bool {
        let had = !self.text.is_empty();
        self.set("");
        had
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    /// Moves the cursor to the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineEditor {
        let mut line = LineEditor::default();
        text.chars().for_each(|c| line.insert(c));
        line
    }

    #[test]
    fn editing_in_the_middle_of_wide_and_accented_text() {
        let mut line = typed("café 東京");
        assert_eq!(line.cursor_column(), 9);
        line.left();
        line.left();
        line.insert('x');
        assert_eq!(line.text(), "café x東京");
        assert_eq!(line.cursor_column(), 6);
        assert!(line.delete_forward());
        assert_eq!(line.text(), "café x京");
        line.home();
        assert!(!line.delete_back());
        line.end();
        assert!(line.delete_back());
        assert_eq!(line.text(), "café x");
    }

    #[test]
    fn deleting_a_word_takes_the_spaces_after_it() {
        let mut line = typed("tape deck  ");
        assert!(line.delete_word());
        assert_eq!(line.text(), "tape ");
        assert!(line.delete_word());
        assert_eq!(line.text(), "");
        assert!(!line.delete_word());
    }
}
