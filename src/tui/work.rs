//! The work the runtime hands off: the index thread, and reading what a screen needs from the
//! notebook and the index.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

use super::app::{Choice, Shown};
use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::index::Links;
use crate::index::{Refresh, SearchIndex, SearchOptions};
use crate::notebook::Notebook;
use crate::problem::Problem;
use crate::query::{self, Filter, Mode};

/// News from the thread that opens the index and follows the notebook.
pub enum News {
    /// The index is open.
    Ready(Arc<SearchIndex>, Refresh),
    /// The index took in changes made on disk.
    Refreshed(Refresh),
    /// A line for the status bar.
    Notice(String),
    /// The index is damaged and must be built again, for this reason.
    Damaged(String),
    /// A sync ended.
    Synced(super::syncing::Said),
    /// Where the notebook stands with its team; none outside git.
    Standing(Option<crate::git::changes::Standing>),
    /// Walls of the board arranged ahead.
    Arranged(Box<super::board::Arranged>),
    /// Work done on a thread of its own, as its outcome.
    Done(Box<super::effect::Outcome>),
}

/// The index thread: opens the index as it is (so the first screen comes at once), or builds
/// it again when `rebuild` says why, then follows the notebook, which starts by taking in
/// what changed while nobody watched.
pub fn follow(
    notebook: &Notebook,
    cache: &Path,
    rebuild: Option<&str>,
    stop: &AtomicBool,
    post: &Sender<News>,
) {
    let notice = |text: &str| {
        let text = text.strip_prefix("fieldnotes: ").unwrap_or(text);
        let _ = post.send(News::Notice(capitalised(text)));
    };
    let opened = match rebuild {
        None => SearchIndex::open_as_is(notebook, cache, &notice),
        Some(why) => SearchIndex::rebuild(notebook, cache, &notice, why),
    };
    let index = match opened {
        Ok((index, refresh)) => {
            let index = Arc::new(index);
            let _ = post.send(News::Ready(index.clone(), refresh));
            index
        }
        Err(e) => return notice(&one_line(&e)),
    };
    let mut refreshed = |refresh: &Refresh| {
        let _ = post.send(News::Refreshed(refresh.clone()));
    };
    // The board's facts are decoded once the first look at the files is over, in the memory
    // that look freed.
    let mut facts = || warm_facts(&index);
    let followed = warm_up(&index).and_then(|()| {
        crate::index::watch::follow(&index, true, stop, &mut refreshed, &mut facts, &notice)
    });
    let Err(e) = followed else { return };
    match crate::index::damage(&e) {
        // The runtime builds it again, on a thread of its own; a session that ended needs
        // nothing more.
        Some(why) if !stop.load(Ordering::Relaxed) => {
            let _ = post.send(News::Damaged(why));
        }
        Some(_) => {}
        None => notice(&format!(
            "Changes on disk are no longer followed: {}",
            one_line(&e)
        )),
    }
}

/// Tantivy builds the automata for word beginnings and near spellings the first time it needs
/// them; doing that now, off the UI thread, keeps it out of the user's first keystrokes. An
/// index found damaged on the way is an error.
fn warm_up(index: &SearchIndex) -> Result<()> {
    for (text, mode) in [("qzxv", Mode::Typing), ("qzxvjkwp", Mode::Strict)] {
        if let Ok(query) = query::parse(text, mode) {
            let options = SearchOptions {
                limit: 1,
                snippets: false,
                ..SearchOptions::default()
            };
            // Damage is worth knowing now; anything else shows when the user searches.
            if let Err(e) = index.search_with(&query, options)
                && crate::index::damage(&e).is_some()
            {
                return Err(e);
            }
        }
    }
    Ok(())
}

/// The why board counts from every note's facts, decoded from the index the first time they
/// are asked for (a quarter of a second for 100,000 notes): decoding them now, off the UI
/// thread, keeps that out of opening the board. An index found damaged is an error.
fn warm_facts(index: &SearchIndex) -> Result<()> {
    match index.facts_for(&query::Query::default()) {
        Err(e) if crate::index::damage(&e).is_some() => Err(e),
        _ => Ok(()),
    }
}

/// `text` with a capital first letter, for the status bar.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// An error as one line for the status bar.
pub fn one_line(error: &Error) -> String {
    let text = match error {
        Error::Invalid {
            message,
            help: Some(help),
        } => format!("{message} ({help})"),
        other => other.to_string(),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads one note file for showing.
pub fn load(notebook: &Notebook, path: &str) -> Shown {
    let file = notebook.root.join(path);
    let mut loaded = notebook.load_paths(vec![file.clone()]);
    let errors: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(Problem::to_string)
        .collect();
    let file = match loaded.notes.pop() {
        Some(note) => Ok(note),
        None if !errors.is_empty() => Err(format!(
            "This file has errors and cannot be shown.\n{}",
            errors.join("\n")
        )),
        None if !file.exists() => Err("This note was deleted.".into()),
        None => Err("This file cannot be read.".into()),
    };
    Shown {
        path: path.to_owned(),
        file,
        links: Links::default(),
    }
}

/// What the note `shown` names as evidence and what cites it, as the index has them.
pub fn links(index: &SearchIndex, shown: &Shown) -> Result<Links> {
    match &shown.file {
        Ok(file) => index.links(file),
        Err(_) => Ok(Links::default()),
    }
}

/// Every value to filter by: kinds, then studies, then why-codes, most used first, with the
/// codebook's codes nobody has used yet at the end.
pub fn choices(notebook: &Notebook, index: &SearchIndex, line: &str) -> Result<Vec<Choice>> {
    let everywhere = index.facets()?;
    let query = crate::query::parse(line, crate::query::Mode::Typing).unwrap_or_default();
    let mut facets = index.facets_for(&query)?;
    // Values the search leaves out stay choosable (to switch a kind, say), counted 0, last.
    let add_missing = |within: &mut Vec<(String, usize)>, all: Vec<(String, usize)>| {
        for (value, _) in all {
            if !within.iter().any(|(v, _)| *v == value) {
                within.push((value, 0));
            }
        }
    };
    add_missing(&mut facets.kinds, everywhere.kinds);
    add_missing(&mut facets.studies, everywhere.studies);
    add_missing(&mut facets.codes, everywhere.codes);
    let codebook: Codebook = notebook.codebook().0;
    let choice = |filter, (value, count): (String, usize)| Choice {
        about: (filter == Filter::Why)
            .then(|| codebook.get(&value).and_then(|c| c.description.clone()))
            .flatten(),
        filter,
        value,
        count,
        active: false,
    };
    let mut all: Vec<Choice> = Vec::new();
    all.extend(facets.kinds.into_iter().map(|f| choice(Filter::Kind, f)));
    all.extend(facets.studies.into_iter().map(|f| choice(Filter::Study, f)));
    let used: Vec<String> = facets.codes.iter().map(|(c, _)| c.to_lowercase()).collect();
    all.extend(facets.codes.into_iter().map(|f| choice(Filter::Why, f)));
    for code in &codebook.codes {
        if !used.contains(&code.name.to_lowercase()) {
            all.push(choice(Filter::Why, (code.name.clone(), 0)));
        }
    }
    Ok(all)
}

/// Opens the note at `path` in the user's editor with the terminal given back, then brings
/// the index up to date with it.
pub fn edit(
    notebook: &Notebook,
    index: Option<&SearchIndex>,
    path: String,
    line: Option<u32>,
    host: &mut dyn super::runtime::Host,
) -> Result<Option<super::effect::Outcome>> {
    use super::effect::Outcome;
    let file = notebook.root.join(&path);
    let before = std::fs::read(&file).ok();
    let mut done = Ok(());
    host.suspended(&mut || done = crate::cli::editor::edit_at(&file, line))?;
    if let Err(Error::Invalid { message, .. }) = done {
        return Ok(Some(Outcome::Notice(format!(
            "{}; {path} is as the editor left it.",
            capitalised(&message)
        ))));
    }
    done?;
    let changed = std::fs::read(&file).ok() != before;
    let errors = notebook
        .load_paths(vec![file.clone()])
        .problems
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    // Before the index is open, the index thread takes the change in when it is.
    let Some(index) = index else {
        return Ok(None);
    };
    let refresh = index.refresh_around(&std::collections::HashSet::from([file]), &|_| {})?;
    Ok(Some(Outcome::Edited {
        path,
        changed,
        notes: refresh.notes,
        broken: refresh.broken,
        errors,
    }))
}
