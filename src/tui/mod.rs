//! The terminal UI: find, read and follow notes from the keyboard.
//!
//! One loop drives it (see DEVELOPERS.md): a key or mouse event becomes an [`Action`]
//! through the key map ([`keymap`]); [`update`] applies the action to the [`App`] state and
//! returns [`Effect`]s; the [`runtime`] performs them (searching, reading files, running the
//! editor) and hands what it found back through `receive`; [`view`] draws the state, and only
//! the state.

pub mod action;
pub mod app;
pub mod board;
mod boarding;
mod burst;
pub mod effect;
mod filters;
pub mod form;
mod keeping;
pub mod keymap;
pub mod layout;
mod line;
mod reading;
mod receive;
pub mod recent;
mod removing;
mod reshaping;
pub mod runtime;
pub mod scroll;
mod syncing;
mod team;
mod terminal;
#[cfg(test)]
mod tests;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;
mod work;
mod writing;

use std::path::PathBuf;

pub use action::Action;
pub use app::App;
pub use effect::{Effect, Outcome};
pub use receive::receive;
pub use update::update;
pub use view::view;

use crate::cli::{Context, EXIT_OK};
use crate::error::{Error, Result};
use app::StartChoices;
use runtime::Runtime;

/// Opens the UI on the notebook `context` finds, or on the start screen when there is none.
pub fn run(context: &Context) -> Result<u8> {
    let notebook = match context.notebook_as_is() {
        Ok(notebook) => Some(notebook),
        Err(Error::NoNotebook { .. }) => None,
        Err(e) => return Err(e),
    };
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = match &notebook {
        Some(notebook) => App::new(&notebook.name(), size),
        None => App::start(
            StartChoices {
                here: context.cwd.clone(),
                sample: sample_near(&context.cwd),
            },
            size,
        ),
    };
    app.colour = crate::cli::wants_colour(true, std::env::var_os("NO_COLOR"));
    app.researcher = crate::notebook::UserConfig::load(&context.dirs.config).researcher;
    let mut runtime = Runtime::new(app, &context.dirs.cache);
    if let Some(notebook) = notebook {
        runtime.open(notebook);
    }
    runtime.keep_drafts(crate::notebook::drafts::Drafts::new(context.dirs.drafts()));
    runtime.keep_removed_in(&context.dirs.data);
    let mut screen = terminal::open()?;
    let result = runtime.run(&mut screen);
    terminal::leave();
    result.map(|()| EXIT_OK)
}

/// The sample notebook, when the current folder is a clone of fieldnotes.
fn sample_near(cwd: &std::path::Path) -> Option<PathBuf> {
    let sample = cwd.join("research");
    sample
        .join(crate::notebook::SETTINGS_FILE)
        .is_file()
        .then_some(sample)
}
