//! Taking in what the runtime found: search results, notes read from disk, changes seen on
//! disk. Like `update`, this only changes state and asks for more effects.

use super::app::{App, Browse, Reading, Screen};
use super::effect::{Effect, Outcome};
use super::reading::scroll_to_first_match;
use super::update::{FIRST_PAGE, keep_selection_visible, preview_selected};

/// Applies what the runtime reports to `app` and says what to do next.
pub fn receive(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Opened { name } => {
            app.notebook_name = name;
            app.screen = Screen::Browse;
            app.browse = Browse {
                limit: FIRST_PAGE,
                ..Browse::default()
            };
            Vec::new()
        }
        Outcome::Ready { notes, broken } => {
            app.browse.ready = true;
            // "Building the search index" is over.
            app.message = None;
            app.browse.notes = notes;
            app.browse.broken = broken;
            vec![super::update::search(app)]
        }
        Outcome::Refreshed { notes, broken } => {
            app.browse.notes = notes;
            app.browse.broken = broken;
            reload(app)
        }
        Outcome::Edited {
            path,
            notes,
            broken,
        } => {
            app.browse.notes = notes;
            app.browse.broken = broken;
            app.message = Some(format!("Saved changes to {path} are in the search."));
            reload(app)
        }
        Outcome::Found {
            query,
            results,
            highlighter,
        } => {
            if query != app.browse.line.text() {
                return Vec::new();
            }
            let b = &mut app.browse;
            // After a change on disk or more hits, the same note stays selected; a new
            // query starts at its best hit.
            let same_question = b.answered == Some((query.clone(), b.sort));
            let was = b
                .hits
                .get(b.selected)
                .filter(|_| same_question)
                .map(|hit| hit.path.clone());
            b.answered = Some((query, b.sort));
            b.hits = results.hits;
            b.total = results.total;
            b.near = results.near;
            b.highlighter = std::sync::Arc::new(highlighter);
            b.selected = match &was {
                Some(was) => b.hits.iter().position(|hit| &hit.path == was).unwrap_or(0),
                None => 0,
            };
            if !same_question
                && b.hits.first().map(|h| &h.path) == b.preview.as_ref().map(|p| &p.path)
            {
                // The same note answers another query: mark and find its words again.
                b.preview_scroll = 0;
                scroll_to_first_match(app);
            }
            keep_selection_visible(app);
            preview_selected(app)
        }
        Outcome::Loaded(shown) => {
            let mut found = false;
            for reading in app.reading.iter_mut().filter(|r| r.path == shown.path) {
                reading.shown = Some((*shown).clone());
                found = true;
            }
            if app.selected_hit().is_some_and(|hit| hit.path == shown.path) {
                app.browse.preview = Some(*shown);
                found = true;
            }
            if found {
                scroll_to_first_match(app);
            }
            Vec::new()
        }
        Outcome::Followed { id, path } => match path {
            Some(path) => {
                app.reading.push(Reading {
                    path: path.clone(),
                    shown: None,
                    scroll: 0,
                    link: None,
                    highlighter: Default::default(),
                });
                vec![Effect::Load { path }]
            }
            None => {
                app.message = Some(format!(
                    "No note has the id `{id}`: was it renamed or deleted?"
                ));
                Vec::new()
            }
        },
        Outcome::Choices(choices) => {
            super::filters::receive(app, choices);
            Vec::new()
        }
        Outcome::Problems(list) => {
            app.problems.selected = app.problems.selected.min(list.len().saturating_sub(1));
            app.problems.list = Some(list);
            Vec::new()
        }
        Outcome::Notice(text) => {
            app.message = Some(text);
            Vec::new()
        }
    }
}

/// After files changed: search again, and read again the notes on screen.
fn reload(app: &mut App) -> Vec<Effect> {
    let mut effects = vec![super::update::search(app)];
    let mut paths: Vec<String> = app.reading.iter().map(|r| r.path.clone()).collect();
    paths.extend(app.browse.preview.as_ref().map(|p| p.path.clone()));
    paths.dedup();
    effects.extend(paths.into_iter().map(|path| Effect::Load { path }));
    if app.screen == Screen::Problems {
        effects.push(Effect::Problems);
    }
    effects
}
