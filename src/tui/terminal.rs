//! Taking over the terminal and giving it back: raw mode, the alternate screen, mouse and
//! paste reporting on the way in; all of it undone on the way out, whether the UI quits,
//! fails, suspends for the editor, or panics.

use std::io::{Stdout, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::error::{Error, Result};

/// The terminal the UI draws on.
pub type Screen = Terminal<CrosstermBackend<Stdout>>;

fn failed(e: std::io::Error) -> Error {
    Error::io("cannot take over the terminal", "standard output", e)
}

/// Puts the terminal in the UI's modes.
pub fn enter() -> Result<()> {
    enable_raw_mode().map_err(failed)?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
    .map_err(failed)
}

/// Puts the terminal back as it was. Safe to call twice.
pub fn leave() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Takes over the terminal, and makes a panic give it back before the message is printed
/// (otherwise the message would be lost on the alternate screen and the shell left raw).
pub fn open() -> Result<Screen> {
    let previous = std::panic::take_hook();
    // Only the thread that draws gives the terminal back; the UI goes on drawing after a
    // panic elsewhere (the index thread), and must keep its terminal.
    let drawing = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        // The index catches its own panics and reports them as damage, which it repairs:
        // the UI goes on, on its terminal, with nothing printed over it.
        if crate::index::catching() {
            return;
        }
        if std::thread::current().id() == drawing {
            leave();
        }
        previous(info);
    }));
    if let Err(e) = enter() {
        // Raw mode may be on though the screen could not be switched.
        leave();
        return Err(e);
    }
    let screen = Terminal::new(CrosstermBackend::new(stdout()));
    match screen {
        Ok(screen) => Ok(screen),
        Err(e) => {
            leave();
            Err(failed(e))
        }
    }
}

/// Runs `work` with the terminal given back (for the editor), then takes it over again and
/// redraws from scratch.
pub fn suspended(screen: &mut Screen, work: &mut dyn FnMut()) -> Result<()> {
    leave();
    work();
    enter()?;
    screen.clear().map_err(failed)
}

/// What the runtime needs from the terminal it runs in.
pub trait Host {
    /// Runs `work` (the editor) with the terminal given back to it.
    fn suspended(&mut self, work: &mut dyn FnMut()) -> Result<()>;
}

/// The real terminal. Failing to take it back after the editor ends the UI: nothing could
/// be drawn.
pub(super) struct TerminalHost<'a> {
    pub(super) screen: &'a mut Screen,
    pub(super) lost: Option<Error>,
}

impl Host for TerminalHost<'_> {
    fn suspended(&mut self, work: &mut dyn FnMut()) -> Result<()> {
        suspended(self.screen, work).inspect_err(|e| {
            self.lost = Some(Error::io(
                "cannot take the terminal back after the editor",
                "the terminal",
                std::io::Error::other(e.to_string()),
            ));
        })
    }
}
