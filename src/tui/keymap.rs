//! Which key does what, where. One table serves both the key map and the help screen, so
//! the help can never disagree with the keys.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::action::Action;

/// Where the keys are going: each place has its own bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// No notebook was found: the start screen.
    Start,
    /// Typing in the search line.
    Search,
    /// Moving through the results.
    List,
    /// Reading a note full screen.
    Note,
    /// The list of files with errors.
    Problems,
    /// The help screen.
    Help,
    /// Choosing a filter.
    Filters,
    /// Writing or editing a note.
    Form,
    /// Asked whether to save a note before leaving it.
    Leaving,
    /// Offered a note an earlier session left unsaved.
    Restore,
    /// Choosing between a note on disk and the edit of it.
    Conflict,
    /// Asked whether to remove a note.
    Removing,
    /// Settling the conflicts a sync set aside.
    Settling,
    /// The versions of a note.
    Versions,
    /// The why board.
    Board,
    /// Typing in the search line of the why board.
    BoardSearch,
    /// Changing a code from the why board.
    Changing,
    /// Choosing the part each use of a code split meant.
    Splitting,
}

impl Place {
    /// The heading the help screen gives this place.
    pub fn title(self) -> &'static str {
        match self {
            Place::Start => "Start",
            Place::Search => "Search line",
            Place::List => "Results",
            Place::Note => "Reading a note",
            Place::Problems => "Problems",
            Place::Help => "Help",
            Place::Filters => "Filters",
            Place::Form => "Writing a note",
            Place::Leaving => "Leaving an unsaved note",
            Place::Restore => "An unsaved note from before",
            Place::Conflict => "The note changed on disk",
            Place::Removing => "Removing a note",
            Place::Settling => "Conflicts with the team",
            Place::Versions => "Versions of a note",
            Place::Board => "The why board",
            Place::BoardSearch => "The why board's search line",
            Place::Changing => "Changing a code",
            Place::Splitting => "Splitting a code",
        }
    }
}

/// One or more keys that do one action in some places.
pub struct Binding {
    /// Where the keys work.
    pub places: &'static [Place],
    /// The keys, with their modifiers.
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// What they do.
    pub action: Action,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp,
    Right, Tab, Up,
};
use Place::{
    Board, BoardSearch, Changing, Conflict, Filters, Form, Help, Leaving, List, Note, Problems,
    Removing, Restore, Search, Settling, Splitting, Start, Versions,
};

const BROWSE: &[Place] = &[Search, List];
const MOVING: &[Place] = &[
    Search, List, Note, Problems, Help, Filters, Conflict, Settling, Versions, Board, Splitting,
];
const READING: &[Place] = &[
    List, Note, Problems, Help, Conflict, Settling, Versions, Board, Splitting,
];
const TYPING: &[Place] = &[Search, Filters, Form, BoardSearch, Changing];
const EDITING: &[Place] = &[Search, Form, BoardSearch, Changing];
const EVERYWHERE: &[Place] = &[
    Start,
    Search,
    List,
    Note,
    Problems,
    Help,
    Filters,
    Form,
    Leaving,
    Restore,
    Conflict,
    Removing,
    Settling,
    Versions,
    Board,
    BoardSearch,
    Changing,
    Splitting,
];
/// Where the why board is one key away.
const TO_BOARD: &[Place] = &[List, Note, Problems, Settling, Versions];

macro_rules! bind {
    ($places:expr, [$(($code:expr, $mods:expr)),+], $action:expr) => {
        Binding { places: $places, keys: &[$(($code, $mods)),+], action: $action }
    };
}

/// Every binding, in the order the help screen lists them.
pub static BINDINGS: &[Binding] = &[
    bind!(&[Start], [(Char('o'), NONE)], Action::OpenSample),
    bind!(&[Start], [(Char('i'), NONE)], Action::InitHere),
    bind!(
        &[List],
        [(Char('/'), NONE), (Char('i'), NONE), (Tab, NONE)],
        Action::FocusSearch
    ),
    bind!(&[Search], [(Tab, NONE), (Esc, NONE)], Action::FocusList),
    bind!(&[List], [(Char('p'), NONE)], Action::Problems),
    bind!(
        TO_BOARD,
        [(Char('w'), NONE), (Char('b'), CTRL)],
        Action::Board
    ),
    bind!(&[Search], [(Char('b'), CTRL)], Action::Board),
    bind!(&[Board], [(Tab, NONE)], Action::NextView),
    bind!(&[Board], [(BackTab, NONE)], Action::PreviousView),
    bind!(&[Board], [(Char('/'), NONE)], Action::FocusSearch),
    bind!(
        &[BoardSearch],
        [(Esc, NONE), (Enter, NONE), (Tab, NONE)],
        Action::FocusList
    ),
    bind!(&[Board], [(Left, NONE), (Char('h'), NONE)], Action::Left),
    bind!(&[Board], [(Right, NONE), (Char('l'), NONE)], Action::Right),
    bind!(&[Board], [(Enter, NONE)], Action::Drill),
    bind!(&[Board], [(Esc, NONE), (Char('q'), NONE)], Action::Back),
    bind!(&[Board], [(Char('w'), NONE)], Action::Board),
    bind!(&[Board, BoardSearch], [(Char('b'), CTRL)], Action::Board),
    bind!(&[Board], [(Char('o'), NONE)], Action::GroupBy),
    bind!(&[Board], [(Char('s'), NONE)], Action::OrderBy),
    bind!(&[Board], [(Char('c'), NONE)], Action::Columns),
    bind!(&[Board], [(Char('f'), NONE)], Action::Fold),
    bind!(&[Board], [(Char('i'), NONE)], Action::Backs),
    bind!(&[Board], [(Char('m'), NONE)], Action::TimeBy),
    bind!(&[Board], [(Char('r'), NONE)], Action::RenameCode),
    bind!(&[Board], [(Char('M'), NONE)], Action::MergeCode),
    bind!(&[Board], [(Char('v'), NONE)], Action::MoveCode),
    bind!(&[Board], [(Char('a'), NONE)], Action::NewCode),
    bind!(&[Board], [(Char('x'), NONE)], Action::RetireCode),
    bind!(&[Board], [(Char('S'), NONE)], Action::SplitCode),
    bind!(&[Changing], [(Down, NONE), (Char('n'), CTRL)], Action::Down),
    bind!(&[Changing], [(Up, NONE), (Char('p'), CTRL)], Action::Up),
    bind!(&[Changing], [(Tab, NONE)], Action::NextField),
    bind!(&[Changing], [(BackTab, NONE)], Action::PreviousField),
    bind!(
        &[Changing, Splitting],
        [(Enter, NONE)],
        Action::ConfirmChange
    ),
    bind!(&[Changing, Splitting], [(Esc, NONE)], Action::Back),
    bind!(&[Splitting], [(Char('1'), NONE)], Action::FirstPart),
    bind!(&[Splitting], [(Char('2'), NONE)], Action::SecondPart),
    bind!(&[Splitting], [(Char('3'), NONE)], Action::BothParts),
    // Ctrl-P moves up, as in readline; Ctrl-X is free in both places.
    bind!(BROWSE, [(Char('x'), CTRL)], Action::Problems),
    bind!(
        &[Search, List, Note, Settling, Board],
        [(Char('g'), CTRL)],
        Action::Sync
    ),
    bind!(MOVING, [(Down, NONE), (Char('n'), CTRL)], Action::Down),
    bind!(MOVING, [(Up, NONE), (Char('p'), CTRL)], Action::Up),
    bind!(READING, [(Char('j'), NONE)], Action::Down),
    bind!(READING, [(Char('k'), NONE)], Action::Up),
    bind!(MOVING, [(PageDown, NONE)], Action::PageDown),
    bind!(
        &[Note, Help],
        [(Char(' '), NONE), (Char('d'), CTRL)],
        Action::PageDown
    ),
    bind!(MOVING, [(PageUp, NONE)], Action::PageUp),
    bind!(
        &[Note, Help],
        [(Char('b'), NONE), (Char('u'), CTRL)],
        Action::PageUp
    ),
    bind!(READING, [(Home, NONE), (Char('g'), NONE)], Action::Top),
    bind!(READING, [(End, NONE), (Char('G'), NONE)], Action::Bottom),
    bind!(
        &[List],
        [(Char('J'), NONE), (Char('d'), CTRL)],
        Action::PreviewDown
    ),
    bind!(
        &[List],
        [(Char('K'), NONE), (Char('u'), CTRL)],
        Action::PreviewUp
    ),
    bind!(&[Search, List, Note], [(Enter, NONE)], Action::Open),
    bind!(&[List], [(Right, NONE), (Char('l'), NONE)], Action::Open),
    bind!(&[Filters], [(Enter, NONE)], Action::Choose),
    bind!(&[Note], [(Tab, NONE), (Char('n'), NONE)], Action::NextLink),
    bind!(
        &[Note],
        [(BackTab, NONE), (Char('N'), NONE)],
        Action::PreviousLink
    ),
    bind!(
        &[Note],
        [
            (Esc, NONE),
            (Char('q'), NONE),
            (Left, NONE),
            (Char('h'), NONE),
            (Backspace, NONE)
        ],
        Action::Back
    ),
    bind!(
        &[Problems, Filters, Settling, Versions],
        [(Esc, NONE)],
        Action::Back
    ),
    bind!(
        &[Problems, Settling, Versions],
        [(Char('q'), NONE), (Left, NONE)],
        Action::Back
    ),
    bind!(&[List, Note, Settling], [(Char('e'), NONE)], Action::Edit),
    bind!(
        &[Problems],
        [(Enter, NONE), (Char('e'), NONE)],
        Action::Edit
    ),
    bind!(&[Search], [(Char('o'), CTRL)], Action::Edit),
    bind!(&[List], [(Char('n'), NONE)], Action::NewNote),
    bind!(&[Search, List, Note], [(Char('r'), CTRL)], Action::NewNote),
    bind!(&[List, Note], [(Char('E'), NONE)], Action::EditHere),
    bind!(&[List, Note], [(Char('t'), NONE)], Action::Tag),
    bind!(&[Form], [(Tab, NONE)], Action::NextField),
    bind!(&[Form], [(BackTab, NONE)], Action::PreviousField),
    bind!(&[Form], [(Enter, NONE)], Action::Advance),
    bind!(&[Form], [(Down, NONE)], Action::Down),
    bind!(&[Form], [(Up, NONE)], Action::Up),
    bind!(&[Form], [(Char('n'), CTRL)], Action::NextEmptyFinding),
    bind!(&[Form], [(Char('d'), CTRL)], Action::Details),
    bind!(&[Leaving], [(Char('s'), NONE)], Action::Save),
    bind!(&[Form, Leaving], [(Char('s'), CTRL)], Action::Save),
    // Answers that throw words away take a capital letter: `Esc` then `d` typed by habit, or
    // letters typed on after a question opened, must not lose a note.
    bind!(&[Leaving, Restore], [(Char('D'), NONE)], Action::Discard),
    bind!(
        &[Restore],
        [(Char('r'), NONE), (Enter, NONE)],
        Action::Restore
    ),
    bind!(&[Conflict, Settling], [(Char('M'), NONE)], Action::KeepMine),
    bind!(
        &[Conflict, Settling],
        [(Char('T'), NONE)],
        Action::TakeTheirs
    ),
    bind!(&[Settling], [(Char('B'), NONE)], Action::KeepBoth),
    bind!(&[Versions], [(Char('R'), NONE)], Action::BringBack),
    bind!(
        &[Settling, Versions],
        [(Char('J'), NONE)],
        Action::PreviewDown
    ),
    bind!(
        &[Settling, Versions],
        [(Char('K'), NONE)],
        Action::PreviewUp
    ),
    bind!(
        &[Form, Leaving, Restore, Conflict],
        [(Esc, NONE)],
        Action::Back
    ),
    bind!(
        &[List, Note],
        [(Delete, NONE), (Char('X'), NONE)],
        Action::Remove
    ),
    bind!(&[List, Note], [(Char('C'), NONE)], Action::Conflicts),
    bind!(&[List, Note], [(Char('H'), NONE)], Action::Versions),
    bind!(&[Removing], [(Char('y'), NONE)], Action::ConfirmRemove),
    bind!(&[Removing], [(Esc, NONE), (Char('n'), NONE)], Action::Back),
    bind!(&[List], [(Char('f'), NONE)], Action::Filters),
    bind!(BROWSE, [(Char('f'), CTRL)], Action::Filters),
    bind!(&[List], [(Char('s'), NONE)], Action::ToggleSort),
    bind!(BROWSE, [(Char('s'), CTRL)], Action::ToggleSort),
    bind!(TYPING, [(Backspace, NONE)], Action::DeleteBack),
    bind!(EDITING, [(Delete, NONE)], Action::DeleteForward),
    bind!(
        TYPING,
        [(Char('w'), CTRL), (Backspace, ALT)],
        Action::DeleteWord
    ),
    bind!(TYPING, [(Char('u'), CTRL)], Action::ClearSearch),
    bind!(EDITING, [(Left, NONE)], Action::CursorLeft),
    bind!(EDITING, [(Right, NONE)], Action::CursorRight),
    bind!(
        EDITING,
        [(Home, NONE), (Char('a'), CTRL)],
        Action::CursorHome
    ),
    bind!(EDITING, [(End, NONE), (Char('e'), CTRL)], Action::CursorEnd),
    bind!(
        &[List, Note, Problems, Start, Settling, Versions, Board],
        [(Char('?'), NONE)],
        Action::Help
    ),
    bind!(EVERYWHERE, [(F(1), NONE)], Action::Help),
    bind!(
        &[Help],
        [(Esc, NONE), (Char('q'), NONE), (Char('?'), NONE)],
        Action::Help
    ),
    bind!(&[Start, List], [(Char('q'), NONE)], Action::Quit),
    bind!(&[Start], [(Esc, NONE)], Action::Quit),
    bind!(EVERYWHERE, [(Char('c'), CTRL)], Action::Quit),
];

/// The action a key asks for in `place`, if any.
pub fn action_for(place: Place, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let (code, mods) = normalized(key);
    let bound = BINDINGS
        .iter()
        .filter(|b| b.places.contains(&place))
        .find(|b| b.keys.contains(&(code, mods)))
        .map(|b| b.action.clone());
    if bound.is_some() {
        return bound;
    }
    match code {
        Char(c) if TYPING.contains(&place) && !mods.intersects(CTRL | ALT) => {
            Some(Action::Type { c })
        }
        _ => None,
    }
}

/// Terminals disagree on whether `G` comes with Shift; the character already says it.
fn normalized(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    let mods = key.modifiers & (CTRL | ALT | KeyModifiers::SHIFT);
    match key.code {
        Char(c) => (Char(c), mods - KeyModifiers::SHIFT),
        BackTab => (BackTab, NONE),
        code => (code, mods - KeyModifiers::SHIFT),
    }
}

/// The bindings that work in `place`, as (keys, what they do), for the help screen.
pub fn help_for(place: Place) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    if TYPING.contains(&place) {
        rows.push(("letters…".into(), Action::Type { c: ' ' }.doc()));
    }
    for binding in BINDINGS.iter().filter(|b| b.places.contains(&place)) {
        let keys: Vec<String> = binding.keys.iter().map(|&(c, m)| label(c, m)).collect();
        let doc = binding.action.doc();
        // Two bindings of one action (arrows everywhere, vim keys where letters are free)
        // are one line of help.
        match rows.iter_mut().find(|(_, d)| *d == doc) {
            Some((existing, _)) => {
                existing.push(' ');
                existing.push_str(&keys.join(" "));
            }
            None => rows.push((keys.join(" "), doc)),
        }
    }
    rows
}

/// Key hints for a status bar: for each entry, the first key of each action in `place`, then
/// what they do (`↑↓ select · Enter read`). Made from the bindings, so never out of date.
pub fn hints(place: Place, entries: &[(&[Action], &str)]) -> String {
    let mut parts = Vec::new();
    for (actions, what) in entries {
        let keys: String = actions
            .iter()
            .filter_map(|action| {
                BINDINGS
                    .iter()
                    .find(|b| b.places.contains(&place) && b.action == *action)
                    .and_then(|b| b.keys.first())
                    .map(|&(code, mods)| label(code, mods))
            })
            .collect();
        if !keys.is_empty() {
            parts.push(format!("{keys} {what}"));
        }
    }
    parts.join(" · ")
}

/// The actions a terminal event asks for in `place`: keys through the bindings, the mouse
/// wheel and clicks with where they happened, a resize, and a paste as typing.
pub fn actions_for(place: Place, event: Event) -> Vec<Action> {
    match event {
        Event::Key(key) => action_for(place, key).into_iter().collect(),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => vec![Action::Wheel {
                    down: true,
                    column,
                    row,
                }],
                MouseEventKind::ScrollUp => vec![Action::Wheel {
                    down: false,
                    column,
                    row,
                }],
                MouseEventKind::Down(MouseButton::Left) => vec![Action::Click { column, row }],
                _ => Vec::new(),
            }
        }
        Event::Resize(width, height) => vec![Action::Resize { width, height }],
        // A form's field takes a paste whole, line breaks and all where it can hold them.
        Event::Paste(text) if place == Form => vec![Action::Paste { text }],
        // A paste is typing, on one line: a line break must not open a note.
        Event::Paste(text) if TYPING.contains(&place) => text
            .chars()
            .map(|c| Action::Type {
                c: if c.is_control() { ' ' } else { c },
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// How a key is written for people: `Ctrl-F`, `↓`, `PgDn`, `G`.
pub fn label(code: KeyCode, mods: KeyModifiers) -> String {
    let key = match code {
        Char(' ') => "Space".to_owned(),
        Char(c) if mods.contains(CTRL) => c.to_ascii_uppercase().to_string(),
        Char(c) => c.to_string(),
        Down => "↓".into(),
        Up => "↑".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageDown => "PgDn".into(),
        PageUp => "PgUp".into(),
        BackTab => "Shift-Tab".into(),
        F(n) => format!("F{n}"),
        other => format!("{other}"),
    };
    let mut prefix = String::new();
    if mods.contains(CTRL) {
        prefix.push_str("Ctrl-");
    }
    if mods.contains(ALT) {
        prefix.push_str("Alt-");
    }
    prefix + &key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn letters_type_in_the_search_line_and_command_in_the_list() {
        let j = key(Char('j'), NONE);
        assert_eq!(action_for(Search, j), Some(Action::Type { c: 'j' }));
        assert_eq!(action_for(List, j), Some(Action::Down));
        assert_eq!(action_for(Note, j), Some(Action::Down));
        assert_eq!(
            action_for(Search, key(Char('q'), NONE)),
            Some(Action::Type { c: 'q' })
        );
        assert_eq!(action_for(List, key(Char('q'), NONE)), Some(Action::Quit));
    }

    #[test]
    fn arrows_move_everywhere_and_ctrl_c_always_quits() {
        for place in [Search, List, Note, Problems, Help, Filters] {
            assert_eq!(action_for(place, key(Down, NONE)), Some(Action::Down));
            assert_eq!(action_for(place, key(Up, NONE)), Some(Action::Up));
        }
        for place in [Start, Search, List, Note, Problems, Help, Filters] {
            assert_eq!(action_for(place, key(Char('c'), CTRL)), Some(Action::Quit));
        }
    }

    #[test]
    fn shifted_letters_match_whatever_the_terminal_reports() {
        let with_shift = key(Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(List, with_shift), Some(Action::Bottom));
        assert_eq!(action_for(List, key(Char('G'), NONE)), Some(Action::Bottom));
        assert_eq!(
            action_for(Search, with_shift),
            Some(Action::Type { c: 'G' })
        );
        assert_eq!(
            action_for(Note, key(BackTab, KeyModifiers::SHIFT)),
            Some(Action::PreviousLink)
        );
    }

    #[test]
    fn key_releases_do_nothing() {
        let mut release = key(Char('q'), NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(List, release), None);
    }

    #[test]
    fn help_lists_each_action_once_with_all_its_keys() {
        let rows = help_for(List);
        let down: Vec<_> = rows
            .iter()
            .filter(|(_, d)| d.contains("next note"))
            .collect();
        assert_eq!(down.len(), 1);
        assert_eq!(down[0].0, "↓ Ctrl-N j");
        assert!(
            rows.iter()
                .any(|(k, d)| k == "q Ctrl-C" && *d == "Quit fieldnotes")
        );
        let search = help_for(Search);
        assert_eq!(search[0].0, "letters…");
        assert!(!search.iter().any(|(k, _)| k == "j"));
    }
}
