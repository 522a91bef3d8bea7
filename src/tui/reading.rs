//! Reading a note full screen: scrolling, an insight's evidence links, and where to start
//! reading (the first matched word).

use super::action::Action;
use super::app::{App, Reading, Screen};
use super::effect::Effect;
use super::layout;
use super::update::WHEEL_LINES;
use super::view::note::render;

/// Applies an action on the note screen.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let page = layout::page(app.size).body.height.saturating_sub(2).max(1);
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
        Action::Bottom => reading.scroll = u16::MAX,
        Action::Wheel { down: true, .. } => {
            reading.scroll = reading.scroll.saturating_add(WHEEL_LINES)
        }
        Action::Wheel { down: false, .. } => {
            reading.scroll = reading.scroll.saturating_sub(WHEEL_LINES)
        }
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
        _ => {}
    }
    Vec::new()
}

/// The evidence ids of the note being read.
fn evidence(reading: &Reading) -> Vec<String> {
    match reading.shown.as_ref().map(|s| &s.file) {
        Some(Ok(file)) => file.note.evidence.clone(),
        _ => Vec::new(),
    }
}

/// Scrolls the note being read so its selected evidence link shows.
fn scroll_to_link(app: &mut App) {
    let width = layout::page(app.size).body.width;
    let height = layout::page(app.size).body.height;
    let Some(reading) = app.reading.last_mut() else {
        return;
    };
    let (Some(Ok(file)), Some(link)) = (reading.shown.as_ref().map(|s| &s.file), reading.link)
    else {
        return;
    };
    let rendered = render(file, &reading.highlighter, width, Some(link));
    if let Some(&line) = rendered.links.get(link) {
        let line = u16::try_from(line).unwrap_or(u16::MAX);
        if line < reading.scroll || line >= reading.scroll.saturating_add(height) {
            reading.scroll = line.saturating_sub(height / 2);
        }
    }
}

/// Scrolls the note being read, and the preview, to the first matched word below the fold.
pub fn scroll_to_first_match(app: &mut App) {
    let page = layout::page(app.size).body;
    if let Some(reading) = app.reading.last_mut()
        && let Some(Ok(file)) = reading.shown.as_ref().map(|s| &s.file)
        && reading.scroll == 0
    {
        let rendered = render(file, &reading.highlighter, page.width, None);
        reading.scroll = fold(rendered.first_match, page.height);
    }
    let preview = layout::browse(app.size).preview;
    let b = &mut app.browse;
    if let Some(Ok(file)) = b.preview.as_ref().map(|s| &s.file)
        && b.preview_scroll == 0
    {
        let rendered = render(file, &b.highlighter, preview.width, None);
        b.preview_scroll = fold(rendered.first_match, preview.height);
    }
}

/// The scroll that shows `line` a little below the top, or none when it is already shown.
fn fold(line: Option<usize>, height: u16) -> u16 {
    match line {
        Some(line) if line >= usize::from(height) => u16::try_from(line - 2).unwrap_or(0),
        _ => 0,
    }
}
