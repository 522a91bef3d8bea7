//! Changes to the codebook asked for on the board, off the UI thread: a large notebook takes a
//! second or more to read for a preview, and several to change. Previews run on one thread
//! that counts only the latest change asked for; a change is made on a thread of its own,
//! then the index takes in every file it wrote, so the board counts the new codes at once.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};

use super::effect::Outcome;
use super::work::{News, one_line};
use crate::codebook::change::{Change, make, preview};
use crate::index::SearchIndex;
use crate::notebook::Notebook;

/// The thread that counts what changes would do; started on first use.
#[derive(Default)]
pub struct Previewer {
    ask: Option<Sender<(Notebook, Change)>>,
}

impl Previewer {
    /// Counts what `change` would do in `notebook`, posting [`Outcome::Previewed`]; a change
    /// asked for while another is counted replaces any still waiting.
    pub fn ask(&mut self, notebook: Notebook, change: Change, post: &Sender<News>) {
        let asked = self
            .ask
            .as_ref()
            .is_some_and(|ask| ask.send((notebook.clone(), change.clone())).is_ok());
        if asked {
            return;
        }
        let (ask, asks) = channel::<(Notebook, Change)>();
        let post = post.clone();
        std::thread::spawn(move || {
            while let Ok(mut job) = asks.recv() {
                while let Ok(later) = asks.try_recv() {
                    job = later;
                }
                let (notebook, change) = job;
                let answer = preview(&notebook, &change)
                    .map(|plan| format!("Would {}{}.", change.said(false), plan.counts()))
                    .map_err(|e| one_line(&e));
                let outcome = Outcome::Previewed {
                    change: Box::new(change),
                    answer,
                };
                if post.send(News::Done(Box::new(outcome))).is_err() {
                    return;
                }
            }
        });
        let _ = ask.send((notebook, change));
        self.ask = Some(ask);
    }
}

/// Makes `change` in `notebook` on a thread of its own, then brings `index` up to date with
/// the files it wrote; posts [`Outcome::Changed`].
pub fn start(
    notebook: Notebook,
    index: Option<Arc<SearchIndex>>,
    change: Change,
    post: Sender<News>,
) {
    std::thread::spawn(move || {
        let said = |text: &str| {
            let text = text.strip_prefix("fieldnotes: ").unwrap_or(text);
            let _ = post.send(News::Notice(super::work::capitalised(text)));
        };
        // Whatever happens, the form hears how it ended: it waits for this answer.
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            make(&notebook, &change, &said)
        }))
        .unwrap_or_else(|_| {
            Err(crate::error::Error::invalid(
                "the change stopped half-way through a fault in fieldnotes",
                "quit and start fieldnotes again: it undoes what was written",
            ))
        });
        let mut counts = None;
        let answer = match made {
            Ok(done) => {
                let written: HashSet<_> = done
                    .files
                    .iter()
                    .map(|(path, _, _)| notebook.root.join(path))
                    .collect();
                if let Some(index) = &index
                    && let Ok(refresh) = index.refresh_around(&written, &|_| {})
                {
                    counts = Some((refresh.notes, refresh.broken));
                }
                Ok(super::work::capitalised(&format!(
                    "{}{}.",
                    change.said(true),
                    done.counts()
                )))
            }
            Err(e) => Err(one_line(&e)),
        };
        let outcome = Outcome::Changed {
            change: Box::new(change),
            answer,
            counts,
        };
        let _ = post.send(News::Done(Box::new(outcome)));
    });
}

/// Lists every use of `code` on a thread of its own, posting [`Outcome::SplitUses`].
pub fn uses(notebook: Notebook, code: String, parts: Vec<String>, post: Sender<News>) {
    std::thread::spawn(move || {
        let uses = crate::codebook::split::uses(&notebook, &code, &parts);
        let outcome = Outcome::SplitUses { code, parts, uses };
        let _ = post.send(News::Done(Box::new(outcome)));
    });
}
