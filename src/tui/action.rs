//! Everything a user can ask of the terminal UI. Keys and the mouse become an [`Action`]
//! (see `keymap`); `update` turns an action into new state and effects. The help screen is
//! made from the doc comment of each action, so the comments are written for users.

/// Defines [`Action`] and [`Action::doc`] from one list, so that a new action cannot be
/// added without the sentence the help screen shows for it.
macro_rules! actions {
    ($( #[doc = $doc:literal] $name:ident $({ $($field:ident : $type:ty),* })? ,)*) => {
        /// What the user asked for.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Action {
            $( #[doc = $doc] $name $({ $( #[allow(missing_docs)] $field: $type ),* })? ,)*
        }

        impl Action {
            /// What the action does, as the help screen says it.
            pub fn doc(&self) -> &'static str {
                match self {
                    $( Action::$name { .. } => $doc.trim(), )*
                }
            }
        }
    };
}

actions! {
    /// Type into the line you are in
    Type { c: char },
    /// Paste text into the field you are in
    Paste { text: String },
    /// Delete the character before the cursor
    DeleteBack,
    /// Delete the character under the cursor
    DeleteForward,
    /// Delete the word before the cursor
    DeleteWord,
    /// Clear the line you are in
    ClearSearch,
    /// Move the cursor one character left
    CursorLeft,
    /// Move the cursor one character right
    CursorRight,
    /// Move the cursor to the start of the line
    CursorHome,
    /// Move the cursor to the end of the line
    CursorEnd,
    /// Go to the search line and type
    FocusSearch,
    /// Leave the search line for the list (letters become commands)
    FocusList,
    /// Move down: the next note, line, field or choice
    Down,
    /// Move up: the previous note, line, field or choice
    Up,
    /// Move down a page
    PageDown,
    /// Move up a page
    PageUp,
    /// Go to the top
    Top,
    /// Go to the bottom
    Bottom,
    /// Scroll the preview down
    PreviewDown,
    /// Scroll the preview up
    PreviewUp,
    /// Read the selected note full screen (or go to the selected linked note)
    Open,
    /// Go back to where you were
    Back,
    /// Select the next linked note: an insight's evidence, or an insight citing this note
    NextLink,
    /// Select the previous linked note
    PreviousLink,
    /// Open the note in your editor ($VISUAL or $EDITOR); search sees the change at once
    Edit,
    /// Write a new note: an interview, an observation, a meeting, a social post or an insight
    NewNote,
    /// Edit the note here, field by field (saved in place: comments and unknown keys stay)
    EditHere,
    /// Tag the note and its findings with why-codes
    Tag,
    /// Go to the next field
    NextField,
    /// Go to the previous field
    PreviousField,
    /// Next field; a new line in the body; in a why or evidence field, add the highlighted choice
    Advance,
    /// Go to the first empty finding, to record the next one
    NextEmptyFinding,
    /// Go to the details (the first empty of study, researcher and tags), or back again
    Details,
    /// Save the note
    Save,
    /// Leave without saving (what was typed is thrown away)
    Discard,
    /// Restore the unsaved note
    Restore,
    /// Keep your version: of the note, over the one on disk; of a field, over the team's
    KeepMine,
    /// Take the other version: the note on disk (dropping your changes), or the team's field
    TakeTheirs,
    /// Keep both texts of a field in conflict with the team, yours first
    KeepBoth,
    /// Remove the note (asks first; git or the trash folder keeps it)
    Remove,
    /// Yes, remove the note
    ConfirmRemove,
    /// Filter by kind, study or why-code (choose again to remove the filter)
    Filters,
    /// Add the chosen filter to the search line, or take it out when it is there
    Choose,
    /// Sort by relevance or by date, newest first
    ToggleSort,
    /// List every problem `fieldnotes check` finds: errors, warnings and hints, with where and why
    Problems,
    /// List the conflicts a sync set aside, to settle each field: yours, the team's or both
    Conflicts,
    /// Every version of the note git keeps: who changed it, when, what; bring one back
    Versions,
    /// Bring this version back as the note's text (a new change: the versions since are kept)
    BringBack,
    /// Sync with the team through git, in the background: save your changes, take theirs, share yours
    Sync,
    /// The why board: each why-code's evidence, which codes come together, codes by case, insights, time
    Board,
    /// The evidence of what is selected; on a piece of evidence, its note, at that finding
    Drill,
    /// The next view of the board: codes, together, cases, insights, time
    NextView,
    /// The previous view of the board
    PreviousView,
    /// Move left: the previous column, or back from the evidence
    Left,
    /// Move right: the next column, or into the evidence
    Right,
    /// Group the evidence by participant, study or note
    GroupBy,
    /// Order the evidence by date or by study
    OrderBy,
    /// Columns of the code × case matrix: participants, studies, places, researchers, kinds
    Columns,
    /// Show only the top-level codes in the matrices (each with its sub-codes), or every code
    Fold,
    /// The insights the selected code's evidence backs
    Backs,
    /// A code's use by month, or by study
    TimeBy,
    /// Rename the selected code, in the codebook and in every note that uses it
    RenameCode,
    /// Merge the selected code into another: its uses become the other's
    MergeCode,
    /// Move the selected code under another code, or to the top
    MoveCode,
    /// Add a code to the codebook: its name, the code it sits under and what it means
    NewCode,
    /// Retire the selected code: its uses go into another code, or are dropped from the notes
    RetireCode,
    /// Split the selected code in two, choosing for each use the part it meant
    SplitCode,
    /// Make the change, once the form says what it would change
    ConfirmChange,
    /// This use meant the first part
    FirstPart,
    /// This use meant the second part
    SecondPart,
    /// This use meant both parts
    BothParts,
    /// Show or hide this help
    Help,
    /// Open the sample notebook `research/`
    OpenSample,
    /// Make the current folder a notebook (like `fieldnotes init`)
    InitHere,
    /// Quit fieldnotes
    Quit,
    /// The mouse wheel turned over the screen cell at this column and row
    Wheel { down: bool, column: u16, row: u16 },
    /// The mouse clicked the screen cell at this column and row
    Click { column: u16, row: u16 },
    /// The terminal changed size
    Resize { width: u16, height: u16 },
}

impl Action {
    /// Whether the action changes the text of the line being typed in.
    pub fn edits_line(&self) -> bool {
        matches!(
            self,
            Action::Type { .. }
                | Action::Paste { .. }
                | Action::DeleteBack
                | Action::DeleteForward
                | Action::DeleteWord
                | Action::ClearSearch
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_explains_itself() {
        assert_eq!(Action::Quit.doc(), "Quit fieldnotes");
        assert_eq!(
            Action::Type { c: 'x' }.doc(),
            "Type into the line you are in"
        );
    }
}
