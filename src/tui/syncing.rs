//! Syncing from the UI: the round runs on a thread of its own, so typing never waits for the
//! network, and its end comes back as one line for the status bar. Git may not ask for a
//! password here (the UI holds the terminal): a sync that needs one says what to set up.

use std::sync::mpsc::Sender;

use super::work::News;
use crate::git::sync::{Asked, largest_shared, one_line, preflight, sync};
use crate::notebook::Notebook;

/// Starts a sync of `notebook`; its result is posted as [`News::Synced`].
pub fn start(notebook: Notebook, post: Sender<News>) {
    std::thread::spawn(move || {
        let (line, ask) = said(round(&notebook, false));
        let _ = post.send(News::Synced(line, ask));
    });
}

/// A sync in the terminal the UI gave back, where git may ask for a password or passphrase.
pub fn asking(notebook: &Notebook) -> (String, bool) {
    crate::cli::notice(
        "fieldnotes: syncing with the team; git may ask for your password or passphrase",
    );
    said(round(notebook, true))
}

fn said(result: crate::error::Result<(String, bool)>) -> (String, bool) {
    match result {
        Ok(said) => said,
        Err(e) => (format!("Not synced: {}", super::work::one_line(&e)), false),
    }
}

/// Finds out where `notebook` stands with its team; posted as [`News::Standing`].
pub fn look(notebook: Notebook, post: Sender<News>) {
    std::thread::spawn(move || {
        let standing = crate::git::Repo::open(&notebook.root, false)
            .ok()
            .flatten()
            .and_then(|repo| crate::git::changes::standing(&repo, &notebook).ok());
        let _ = post.send(News::Standing(standing));
    });
}

fn round(notebook: &Notebook, prompts: bool) -> crate::error::Result<(String, bool)> {
    let repo = preflight(notebook, prompts)?;
    crate::git::driver::install(&repo, notebook, &|_| {})?;
    let asked = Asked {
        message: None,
        no_push: false,
        largest: largest_shared(notebook),
    };
    let report = sync(notebook, &repo, &asked)?;
    let ask = matches!(report.shared, crate::git::sync::Shared::NotAllowed { .. });
    Ok((one_line(&report), ask))
}
