//! The keys of a change being set up: typing in its lines, choosing among the codes offered,
//! giving each use of a split code its part, and Enter.

use super::{Changing, Field, Kind, Preview};
use crate::codebook::change::split_parts;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::board::Tab;
use crate::tui::effect::Effect;
use crate::tui::line::LineEditor;
use crate::tui::scroll::Scroll;

/// Starts `kind` of change on the selected code (a new code needs none).
pub fn begin(app: &mut App, kind: Kind) -> Vec<Effect> {
    let b = &mut app.board;
    let selected = b.selected_row().map(|r| r.name.clone());
    let code = match selected {
        Some(code) if b.tab == Tab::Codes => code,
        _ if kind == Kind::Add => String::new(),
        _ => {
            app.message = Some("Select a code in the Codes view first.".into());
            return Vec::new();
        }
    };
    let mut fields: Vec<Field> = kind
        .fields()
        .iter()
        .map(|&(label, takes_code)| Field {
            label,
            line: LineEditor::default(),
            takes_code,
        })
        .collect();
    // A rename starts from the name to edit; a new code under the one selected.
    match kind {
        Kind::Rename => fields[0].line.set(&code),
        Kind::Add => fields[1].line.set(&code),
        _ => {}
    }
    b.changing = Some(Changing {
        kind,
        code,
        fields,
        focus: 0,
        offered: Vec::new(),
        offer: None,
        previewed: None,
        preview: Preview::Counting,
        uses: None,
        at: 0,
        uses_top: Scroll::default(),
        then_quit: false,
    });
    offer(app);
    ask(app)
}

/// Applies an action to the change being set up.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(c) = &mut app.board.changing else {
        return Vec::new();
    };
    if c.making() {
        if action == Action::Quit {
            // A second Ctrl-C quits at once: a change cut short is undone by the next start.
            if c.then_quit {
                app.quit = true;
                return Vec::new();
            }
            c.then_quit = true;
            app.message =
                Some("The change is being written: fieldnotes quits when it is done (Ctrl-C again quits now, and the next start undoes it).".into());
        }
        return Vec::new();
    }
    if c.choosing() {
        return choose(app, action);
    }
    if let Some(edited) = c
        .fields
        .get_mut(c.focus)
        .and_then(|f| f.line.apply(&action))
    {
        if !edited {
            return Vec::new();
        }
        offer(app);
        return ask(app);
    }
    match action {
        Action::NextField | Action::PreviousField => {
            let n = c.fields.len();
            c.focus = if action == Action::NextField {
                (c.focus + 1) % n
            } else {
                (c.focus + n - 1) % n
            };
            offer(app);
        }
        Action::Down | Action::Up if !c.offered.is_empty() => {
            let last = c.offered.len() - 1;
            let at = match (c.offer, action == Action::Down) {
                (None, true) => 0,
                (None, false) => last,
                (Some(i), true) => (i + 1).min(last),
                (Some(i), false) => i.saturating_sub(1),
            };
            c.offer = Some(at);
            let code = c.offered[at].clone();
            c.fields[c.focus].line.set(&code);
            return ask(app);
        }
        Action::ConfirmChange if c.kind == Kind::Split => {
            return match c.wanted() {
                Err(_) if split_parts(&c.code, &[c.text(0).into(), c.text(1).into()]).is_ok() => {
                    c.preview = Preview::Counting;
                    vec![Effect::SplitUses {
                        code: c.code.clone(),
                        parts: vec![c.text(0).to_owned(), c.text(1).to_owned()],
                    }]
                }
                _ => Vec::new(),
            };
        }
        Action::ConfirmChange => return confirm(app),
        Action::Back => app.board.changing = None,
        _ => {}
    }
    Vec::new()
}

/// Keys while a split's uses are chosen: one key a use, then Enter.
fn choose(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(c) = &mut app.board.changing else {
        return Vec::new();
    };
    let count = c.uses.as_ref().map_or(0, Vec::len);
    let last = count.saturating_sub(1);
    if let Some(at) = crate::tui::scroll::moved(c.at, count, 10, &action) {
        c.at = at;
        return Vec::new();
    }
    let parts = [c.text(0).to_owned(), c.text(1).to_owned()];
    let chosen = match action {
        Action::FirstPart => vec![parts[0].clone()],
        Action::SecondPart => vec![parts[1].clone()],
        Action::BothParts => parts.to_vec(),
        Action::ConfirmChange => return confirm(app),
        Action::Back => {
            c.uses = None;
            return ask(app);
        }
        _ => return Vec::new(),
    };
    if let Some(u) = c.uses.as_mut().and_then(|uses| uses.get_mut(c.at)) {
        u.into = chosen;
    }
    // On to the next use still to choose, or the next one.
    let uses = c.uses.as_deref().unwrap_or_default();
    c.at = (c.at + 1..count)
        .chain(0..c.at)
        .find(|&i| uses[i].into.is_empty())
        .unwrap_or((c.at + 1).min(last));
    ask(app)
}

/// Makes the change, when its preview is of the change the form asks for now.
fn confirm(app: &mut App) -> Vec<Effect> {
    let Some(c) = &mut app.board.changing else {
        return Vec::new();
    };
    match (&c.preview, c.wanted()) {
        (Preview::Would(_), Ok(change)) if c.previewed.as_ref() == Some(&change) => {
            c.preview = Preview::Making;
            vec![Effect::MakeChange {
                change: Box::new(change),
            }]
        }
        (Preview::Counting, _) => {
            app.message = Some("Still counting what it changes.".into());
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Offers the codes that match the line in focus, when it names one.
fn offer(app: &mut App) {
    let b = &mut app.board;
    let Some(c) = &mut b.changing else { return };
    c.offer = None;
    c.offered.clear();
    let Some(field) = c.fields.get(c.focus).filter(|f| f.takes_code) else {
        return;
    };
    let Some(counted) = &b.counted else { return };
    let codes: Vec<&str> = counted
        .rows
        .iter()
        .map(|r| r.name.as_str())
        .filter(|name| *name != c.code)
        .collect();
    let typed = field.line.text().trim();
    c.offered = crate::tui::form::pick::ranked(typed, &codes)
        .into_iter()
        .map(|i| codes[i].to_owned())
        .collect();
}

/// Asks for what the form's change would do, or says what it still needs.
pub(super) fn ask(app: &mut App) -> Vec<Effect> {
    let Some(c) = &mut app.board.changing else {
        return Vec::new();
    };
    match c.wanted() {
        Ok(change) => {
            c.preview = Preview::Counting;
            c.previewed = Some(change.clone());
            vec![Effect::PreviewChange {
                change: Box::new(change),
            }]
        }
        Err(hint) => {
            c.preview = Preview::Hint(hint);
            c.previewed = None;
            Vec::new()
        }
    }
}
