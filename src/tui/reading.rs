//! Reading a note full screen: scrolling, an insight's evidence links, and where to start
//! reading (the first matched word).

use super::action::Action;
use super::app::{App, Overlay, Reading, Removing, Screen, Shown};
use super::effect::Effect;
use super::layout;
use super::theme::Theme;
use super::update::{WHEEL_LINES, scrolled};
use super::view::note::{Rendered, render};
use crate::index::Highlighter;

/// Applies an action on the note screen.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let page = usize::from(layout::page(app.size).body.height.saturating_sub(2).max(1));
    let Some(reading) = app.reading.last_mut() else {
        app.screen = Screen::Browse;
        return Vec::new();
    };
    match action {
        Action::Down => reading.scroll = reading.scroll.saturating_add(1),
        Action::Up => reading.scroll = reading.scroll.saturating_sub(1),
        Action::PageDown => reading.scroll = reading.scroll.saturating_add(page),
        Action::PageUp => reading.scroll = reading.scroll.saturating_sub(page),
        Action::Top => reading.scroll = 0,
        // Clamped to the last screenful once the note is laid out (`clamp_scrolls`).
        Action::Bottom => reading.scroll = usize::MAX,
        Action::Wheel { down, .. } => reading.scroll = scrolled(reading.scroll, down, WHEEL_LINES),
        Action::NextLink | Action::PreviousLink => {
            let links = evidence(reading).len();
            if links > 0 {
                reading.link = Some(match (reading.link, action == Action::NextLink) {
                    (None, true) => 0,
                    (None, false) => links - 1,
                    (Some(i), true) => (i + 1) % links,
                    (Some(i), false) => (i + links - 1) % links,
                });
                scroll_to_link(app);
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
            if app.reading.is_empty() {
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

/// Lays out a note read from disk as the screen shows it `width` columns wide.
fn laid_out(
    shown: Option<&Shown>,
    hl: &Highlighter,
    width: u16,
    link: Option<usize>,
    app: &App,
) -> Option<Rendered> {
    match shown.map(|s| &s.file) {
        Some(Ok(file)) => Some(render(
            file,
            &shown.map(|s| s.links.clone()).unwrap_or_default(),
            hl,
            layout::text_width(width),
            link,
            &Theme::new(app.colour),
        )),
        _ => None,
    }
}

/// Scrolls the note being read so its selected evidence link shows.
fn scroll_to_link(app: &mut App) {
    let body = layout::page(app.size).body;
    let height = usize::from(body.height);
    let Some(reading) = app.reading.last() else {
        return;
    };
    let Some(link) = reading.link else {
        return;
    };
    let rendered = laid_out(
        reading.shown.as_ref(),
        &reading.highlighter,
        body.width,
        Some(link),
        app,
    );
    if let (Some(rendered), Some(reading)) = (rendered, app.reading.last_mut())
        && let Some(&line) = rendered.links.get(link)
        && (line < reading.scroll || line >= reading.scroll.saturating_add(height))
    {
        reading.scroll = line.saturating_sub(height / 2);
    }
}

/// Scrolls a note just opened in the reader, or just shown in the preview, to the first
/// matched word when it is below the fold.
pub fn scroll_to_first_match(app: &mut App) {
    let body = layout::page(app.size).body;
    if let Some(reading) = app.reading.last()
        && reading.scroll == 0
        && let Some(rendered) = laid_out(
            reading.shown.as_ref(),
            &reading.highlighter,
            body.width,
            None,
            app,
        )
        && let Some(reading) = app.reading.last_mut()
    {
        reading.scroll = fold(rendered.first_match, body.height);
    }
    let preview = layout::browse(app.size).preview;
    let b = &app.browse;
    if b.preview_scroll == 0
        && let Some(rendered) =
            laid_out(b.preview.as_ref(), &b.highlighter, preview.width, None, app)
    {
        app.browse.preview_scroll = fold(rendered.first_match, preview.height);
    }
}

/// Keeps the reader and the preview from scrolling past the end of their note.
pub fn clamp_scrolls(app: &mut App) {
    let body = layout::page(app.size).body;
    if let Some(reading) = app.reading.last() {
        let lines = laid_out(
            reading.shown.as_ref(),
            &reading.highlighter,
            body.width,
            reading.link,
            app,
        )
        .map_or(0, |r| r.lines.len());
        if let Some(reading) = app.reading.last_mut() {
            reading.scroll = reading
                .scroll
                .min(lines.saturating_sub(usize::from(body.height)));
        }
    }
    let preview = layout::browse(app.size).preview;
    let b = &app.browse;
    let lines = laid_out(b.preview.as_ref(), &b.highlighter, preview.width, None, app)
        .map_or(0, |r| r.lines.len());
    app.browse.preview_scroll = app
        .browse
        .preview_scroll
        .min(lines.saturating_sub(usize::from(preview.height)));
}

/// The scroll that shows `line` a little below the top, or none when it is already shown.
fn fold(line: Option<usize>, height: u16) -> usize {
    match line {
        Some(line) if line >= usize::from(height) => line.saturating_sub(2),
        _ => 0,
    }
}
