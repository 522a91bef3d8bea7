//! Reading a note full screen: scrolling, an insight's evidence links, removing and editing.
//! Where the text starts (the first matched word, a finding, the selected link) is the
//! drawing's to work out, once the note is laid out (see `scroll`).

use super::action::Action;
use super::app::{App, Overlay, Reading, Removing, Screen, Shown};
use super::effect::Effect;
use super::layout;
use super::scroll::Aim;
use super::update::WHEEL_LINES;

/// Applies an action on the note screen.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let page = usize::from(layout::page(app.size).body.height.saturating_sub(2).max(1));
    let Some(reading) = app.reading.last_mut() else {
        app.screen = Screen::Browse;
        return Vec::new();
    };
    match action {
        Action::Down => reading.scroll.by(true, 1),
        Action::Up => reading.scroll.by(false, 1),
        Action::PageDown => reading.scroll.by(true, page),
        Action::PageUp => reading.scroll.by(false, page),
        Action::Top => reading.scroll.set(0),
        // The drawing keeps it to the last screenful.
        Action::Bottom => reading.scroll.set(usize::MAX),
        Action::Wheel { down, .. } => reading.scroll.by(down, WHEEL_LINES),
        Action::NextLink | Action::PreviousLink => {
            let links = evidence(reading).len();
            if links > 0 {
                reading.link = Some(match (reading.link, action == Action::NextLink) {
                    (None, true) => 0,
                    (None, false) => links - 1,
                    (Some(i), true) => (i + 1) % links,
                    (Some(i), false) => (i + links - 1) % links,
                });
                reading.scroll.aim(Aim::Link);
            }
        }
        Action::Open => {
            let links = evidence(reading);
            match reading.link.and_then(|i| links.get(i)) {
                Some(id) => return vec![Effect::Follow { id: id.clone() }],
                None if !links.is_empty() => {
                    app.message = Some("Tab selects an evidence note; Enter opens it.".into());
                }
                None => {}
            }
        }
        Action::Back => {
            app.reading.pop();
            if app.board_depth == Some(app.reading.len()) {
                app.board_depth = None;
                app.screen = Screen::Board;
            } else if app.reading.is_empty() {
                app.screen = Screen::Browse;
            }
        }
        Action::Edit => {
            return vec![Effect::Edit {
                path: reading.path.clone(),
                line: None,
            }];
        }
        Action::NewNote => return vec![Effect::StartNote { restored: None }],
        Action::Remove => {
            if let Some(Ok(file)) = reading.shown.as_ref().map(|s| &s.file) {
                app.overlay = Some(Overlay::Removing(Removing {
                    path: reading.path.clone(),
                    title: file.note.title.clone(),
                }));
            }
        }
        Action::EditHere | Action::Tag => {
            return vec![Effect::EditNote {
                path: reading.path.clone(),
                tag: action == Action::Tag,
                restored: None,
            }];
        }
        _ => {}
    }
    Vec::new()
}

/// The ids of the notes the note being read names as evidence, then of those citing it.
fn evidence(reading: &Reading) -> Vec<String> {
    match reading.shown.as_ref() {
        Some(Shown {
            file: Ok(file),
            links,
            ..
        }) => {
            let mut ids = links.ids();
            if links.evidence.is_empty() {
                // Read before the index was open: the ids as written.
                ids.splice(0..0, file.note.evidence.iter().cloned());
            }
            ids
        }
        _ => Vec::new(),
    }
}
