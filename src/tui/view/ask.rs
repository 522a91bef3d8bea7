//! The questions over the form: leave without saving, restore a note left unsaved, and which
//! version to keep of a note that changed on disk (both shown side by side).

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::overlay::centred;
use crate::notebook::drafts::LeftBehind;
use crate::tui::action::Action;
use crate::tui::app::{App, Conflict, Removing};
use crate::tui::keymap::{Place, hints};
use crate::tui::text::{clean, truncate, truncate_start, wrap};
use crate::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

fn window(
    app: &App,
    title: &str,
    mut lines: Vec<Line<'static>>,
    keys: String,
    frame: &mut Frame,
    theme: &Theme,
) {
    lines.push(Line::default());
    lines.push(Line::styled(keys, theme.label));
    let width = lines
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(title.len()) as u16
        + 4;
    let area = centred(app, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Asks what to do with the changes of a note being left.
pub fn leaving(app: &App, quitting: bool, frame: &mut Frame, theme: &Theme) {
    let mut keys = hints(
        Place::Leaving,
        &[
            (&[Action::Save], "save"),
            (&[Action::Discard], "discard"),
            (&[Action::Back], "go on writing"),
        ],
    );
    if quitting {
        keys.push_str(" · Ctrl-C quit, keeping a draft");
    }
    let lines = vec![Line::raw("This note has changes that are not saved.")];
    window(app, "Leave the note?", lines, keys, frame, theme);
}

/// Asks whether to remove a note, and says what keeps it.
pub fn removing(app: &App, asked: &Removing, frame: &mut Frame, theme: &Theme) {
    let keys = hints(
        Place::Removing,
        &[
            (&[Action::ConfirmRemove], "remove"),
            (&[Action::Back], "keep it"),
        ],
    );
    let room = usize::from(app.size.0.saturating_sub(8)).max(10);
    let lines = vec![
        Line::from(truncate(
            vec![Span::styled(clean(&asked.title), theme.title)],
            room,
        )),
        Line::from(truncate(vec![Span::raw(clean(&asked.path))], room)),
        Line::default(),
        Line::raw("Git keeps it if committed; otherwise it goes to the trash folder."),
    ];
    window(app, "Remove this note?", lines, keys, frame, theme);
}

/// Offers the notes earlier sessions left unsaved, newest first.
pub fn restore(app: &App, drafts: &[LeftBehind], frame: &mut Frame, theme: &Theme) {
    let Some(first) = drafts.first() else { return };
    let form = &first.draft.form;
    let title = if form.title.trim().is_empty() {
        "(no title yet)"
    } else {
        form.title.as_str()
    };
    let saved = first
        .draft
        .saved
        .get(..16)
        .unwrap_or(&first.draft.saved)
        .replace('T', " ");
    let mut lines = vec![
        Line::raw("A note you were writing was not saved:"),
        Line::default(),
        Line::from(truncate(
            vec![Span::styled(format!("  {}", clean(title)), theme.title)],
            70,
        )),
        Line::styled(
            format!("  {} · last typed {saved} UTC", clean(&form.kind)),
            theme.meta,
        ),
    ];
    if let Some(path) = &first.draft.editing {
        lines.push(Line::styled(
            format!("  an edit of {}", clean(&path.to_string_lossy())),
            theme.meta,
        ));
    }
    if drafts.len() > 1 {
        lines.push(Line::styled(
            format!("  ({} more after this one)", drafts.len() - 1),
            theme.hint,
        ));
    }
    let keys = hints(
        Place::Restore,
        &[
            (&[Action::Restore], "restore"),
            (&[Action::Discard], "discard"),
            (&[Action::Back], "later"),
        ],
    );
    window(app, "Unsaved note", lines, keys, frame, theme);
}

/// Both versions of a note that changed on disk, lines found in only one of them marked.
pub fn conflict(app: &App, conflict: &Conflict, frame: &mut Frame, theme: &Theme) {
    let area = crate::tui::layout::screen(app.size);
    if area.height < 6 || area.width < 20 {
        return;
    }
    frame.render_widget(Clear, area);
    // The question first: a long path is what a narrow terminal cuts.
    let question = " Changed on disk while you edited it. Keep which? ";
    let room = usize::from(area.width).saturating_sub(question.width() + 1);
    let heading = vec![Span::styled(
        format!("{question}{}", truncate_start(&clean(&conflict.path), room)),
        theme.error,
    )];
    frame.render_widget(
        Paragraph::new(Line::from(truncate(heading, usize::from(area.width)))),
        Rect { height: 1, ..area },
    );
    let half = area.width / 2;
    let panes = [
        (
            "On disk now",
            &conflict.disk,
            &conflict.mine,
            Rect {
                x: area.x,
                y: area.y + 1,
                width: half,
                height: area.height - 2,
            },
        ),
        (
            "Yours",
            &conflict.mine,
            &conflict.disk,
            Rect {
                x: area.x + half,
                y: area.y + 1,
                width: area.width - half,
                height: area.height - 2,
            },
        ),
    ];
    for (title, text, other, pane) in panes {
        let others: HashSet<&str> = other.lines().collect();
        let lines: Vec<Line<'static>> = text
            .lines()
            .flat_map(|line| {
                let style = if others.contains(line) {
                    theme.meta
                } else {
                    theme.mark
                };
                // Long lines wrap, their continuations indented under them.
                let room = usize::from(pane.width.saturating_sub(4));
                let mut rows = wrap(vec![Span::styled(clean(line), style)], room, "");
                for row in rows.iter_mut().skip(1) {
                    row.spans.insert(0, Span::raw("  "));
                }
                rows
            })
            .skip(conflict.scroll)
            .collect();
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" {title} "), theme.title));
        frame.render_widget(Paragraph::new(lines).block(block), pane);
    }
    let keys = hints(
        Place::Conflict,
        &[
            (&[Action::KeepMine], "keep yours"),
            (&[Action::TakeTheirs], "take theirs"),
            (&[Action::Back], "go on editing"),
            (&[Action::Down, Action::Up], "scroll"),
        ],
    );
    let bar = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {keys}"), theme.bar)).style(theme.bar),
        bar,
    );
}
