//! The three questions a note being written can raise: leave without saving? go on with a
//! note an earlier session left unsaved? keep which version of a note changed on disk?

use super::update::{close, leaving, save};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::effect::Effect;
use crate::tui::update::scrolled;

/// Applies an action to the question open over the screen.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match &mut app.overlay {
        Some(Overlay::Leaving { quitting }) => {
            let quitting = *quitting;
            leaving(app, action, quitting)
        }
        Some(Overlay::Restore(drafts)) => match action {
            Action::Restore => {
                let Some(left) = drafts.first().cloned() else {
                    return Vec::new();
                };
                app.overlay = None;
                let restored = Some(Box::new(left.draft.clone()));
                let open = match &left.draft.editing {
                    Some(path) => Effect::EditNote {
                        path: path.to_string_lossy().into_owned(),
                        tag: false,
                        restored,
                    },
                    None => Effect::StartNote { restored },
                };
                // Once the form holds it, the draft goes on in this session's own file.
                app.restoring = Some(left.path);
                vec![open]
            }
            Action::Discard if !drafts.is_empty() => {
                let path = drafts.remove(0).path;
                if drafts.is_empty() {
                    app.overlay = None;
                }
                vec![Effect::DropLeftBehind { path }]
            }
            // Later: the drafts stay on disk and are offered at the next start.
            Action::Back => {
                app.overlay = None;
                Vec::new()
            }
            _ => Vec::new(),
        },
        Some(Overlay::Conflict(conflict)) => match action {
            Action::KeepMine => {
                let on_disk = conflict.on_disk.clone();
                app.overlay = None;
                if let Some(form) = &mut app.form {
                    form.editing = Some(*on_disk);
                }
                save(app)
            }
            Action::TakeTheirs => {
                close(app);
                app.message = Some("Your changes were dropped; the note is as on disk.".into());
                vec![Effect::DropDraft]
            }
            Action::Back => {
                app.overlay = None;
                Vec::new()
            }
            Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
                let lines = match action {
                    Action::Down | Action::Up => 1,
                    _ => 10,
                };
                let down = matches!(action, Action::Down | Action::PageDown);
                conflict.scroll = scrolled(conflict.scroll, down, lines);
                Vec::new()
            }
            Action::Top => {
                conflict.scroll = 0;
                Vec::new()
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}
