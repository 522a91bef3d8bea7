//! The styles the screens use, in colour or, for `NO_COLOR` and monochrome terminals, with
//! bold, underline and reverse alone.

use ratatui::style::{Color, Modifier, Style};

/// The styles of every part of the UI.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    /// A word the search matched.
    pub mark: Style,
    /// A note's title.
    pub title: Style,
    /// Dates, kinds, codes and other details.
    pub meta: Style,
    /// Field labels (did, said, why).
    pub label: Style,
    /// The selected row.
    pub selected: Style,
    /// Why-codes.
    pub code: Style,
    /// The status bar.
    pub bar: Style,
    /// Errors.
    pub error: Style,
    /// Warnings: something looks unintended.
    pub warning: Style,
    /// Hints and prompts.
    pub hint: Style,
}

impl Theme {
    /// The theme for a terminal that shows colour, or not.
    pub fn new(colour: bool) -> Theme {
        if colour {
            Theme {
                mark: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                title: Style::new().add_modifier(Modifier::BOLD),
                meta: Style::new().fg(Color::Gray),
                label: Style::new().fg(Color::Cyan),
                selected: Style::new().bg(Color::Indexed(237)),
                code: Style::new().fg(Color::Magenta),
                bar: Style::new().fg(Color::Black).bg(Color::Gray),
                error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                warning: Style::new().fg(Color::Yellow),
                hint: Style::new().fg(Color::DarkGray),
            }
        } else {
            let plain = Style::new();
            Theme {
                mark: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                title: plain.add_modifier(Modifier::BOLD),
                meta: plain,
                label: plain,
                selected: plain.add_modifier(Modifier::REVERSED),
                code: plain,
                bar: plain.add_modifier(Modifier::REVERSED),
                error: plain.add_modifier(Modifier::BOLD),
                warning: plain,
                hint: plain,
            }
        }
    }
}
