//! Drawing: every screen from the state alone. Nothing here reads a file or changes state.

mod ask;
mod board;
mod browse;
mod form;
mod naming;
pub mod note;
pub mod overlay;
mod page;
mod pages;
mod team;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::keymap::hints;
use super::theme::Theme;
use crate::cli::plural;

/// Draws the whole UI for `app`.
pub fn view(app: &App, frame: &mut Frame) {
    let theme = Theme::new(app.colour);
    match &app.screen {
        Screen::Start(choices) => pages::start(app, choices, frame, &theme),
        Screen::Browse => browse::draw(app, frame, &theme),
        Screen::Note => note::draw(app, frame, &theme),
        Screen::Problems => pages::problems(app, frame, &theme),
        Screen::Form => form::draw(app, frame, &theme),
        Screen::Settling => team::settling(app, frame, &theme),
        Screen::Versions => team::versions(app, frame, &theme),
        Screen::Board => board::draw(app, frame, &theme),
    }
    match &app.overlay {
        Some(Overlay::Help { place, scroll, .. }) => {
            overlay::help(app, *place, scroll, frame, &theme)
        }
        Some(Overlay::Filters(picker)) => overlay::filters(app, picker, frame, &theme),
        Some(Overlay::Leaving { quitting }) => ask::leaving(app, *quitting, frame, &theme),
        Some(Overlay::Restore(drafts)) => ask::restore(app, drafts, frame, &theme),
        Some(Overlay::Conflict(conflict)) => ask::conflict(app, conflict, frame, &theme),
        Some(Overlay::Removing(asked)) => ask::removing(app, asked, frame, &theme),
        None => {}
    }
}

/// The bottom line: the message of the moment, or the notebook and its counts, then the
/// keys that matter here.
fn status_bar(app: &App, frame: &mut Frame, area: Rect, keys: &str, theme: &Theme) {
    let left = match &app.message {
        Some(message) => message.clone(),
        None if app.notebook_name.is_empty() => String::new(),
        None => {
            // A small terminal keeps the counts and the key hints, not the name.
            let mut parts = Vec::new();
            if area.width >= 80 {
                parts.push(app.notebook_name.clone());
            }
            if app.browse.ready {
                parts.push(plural(app.browse.notes, "note"));
            }
            if app.syncing {
                parts.push("syncing…".to_owned());
            }
            if let Some(standing) = app.standing {
                parts.extend(standing_words(standing));
                if standing.conflicts > 0 {
                    let notes = format!("{} in conflict", plural(standing.conflicts, "note"));
                    parts.push(with_key(notes, app, Action::Conflicts));
                }
            }
            if app.browse.broken > 0 {
                // With the key that lists them, wherever the keys are going now.
                let files = match app.browse.broken {
                    1 => "1 broken file".to_owned(),
                    n => format!("{n} broken files"),
                };
                parts.push(with_key(files, app, Action::Problems));
            }
            parts.join(" · ")
        }
    };
    let left = super::text::clean(&left);
    let width = usize::from(area.width);
    // At least three spaces between what is said and the keys, so they never run together.
    let room = width.saturating_sub(left.width() + 5);
    let keys = if keys.width() <= room {
        keys.to_owned()
    } else {
        // The hints most worth keeping come first; cut at a separator.
        let mut kept = String::new();
        for hint in keys.split(" · ") {
            let next = if kept.is_empty() {
                hint.to_owned()
            } else {
                format!("{kept} · {hint}")
            };
            if next.width() > room {
                break;
            }
            kept = next;
        }
        kept
    };
    let gap = width.saturating_sub(left.width() + keys.width() + 2);
    let line = Line::from(vec![
        Span::raw(" "),
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        Span::raw(keys),
        Span::raw(" "),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.bar), area);
}

/// `words`, with the key that shows more, when it works where the keys are going now.
fn with_key(words: String, app: &App, action: Action) -> String {
    let key = hints(app.place(), &[(&[action], "")]);
    match key.trim() {
        "" => words,
        key => format!("{words} ({key})"),
    }
}

/// What is not shared yet, and what the team has that is not here, in a few words.
fn standing_words(standing: crate::git::changes::Standing) -> Vec<String> {
    let mut words = Vec::new();
    let to_share = standing.changed + standing.ahead;
    if to_share > 0 {
        words.push(format!("{to_share} to share"));
    }
    if standing.behind > 0 {
        words.push(format!("{} new from the team", standing.behind));
    }

    words
}
