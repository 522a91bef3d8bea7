//! Taking in what the runtime found: search results, notes read from disk, changes seen on
//! disk. Like `update`, this only changes state and asks for more effects.

use super::app::{App, Browse, Overlay, Reading, Screen};
use super::effect::{Effect, Outcome};
use super::form;
use super::keymap::Place;
use super::scroll::{Aim, Scroll};
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
            // What the index said while opening ("building the search index") is over;
            // anything said since (a note saved) stays.
            if app.message.is_some() && app.message == app.index_said.take() {
                app.message = None;
            }
            app.browse.notes = notes;
            app.browse.broken = broken;
            // What was asked for before the index opened is asked again.
            let mut effects = vec![super::update::search(app)];
            if app.screen == Screen::Problems {
                effects.push(Effect::Problems);
            }
            effects.extend(look_standing(app));
            effects.extend(super::board::reload(app));
            if matches!(&app.overlay, Some(Overlay::Filters(p)) if !p.counted) {
                effects.push(Effect::Choices {
                    query: app.browse.line.text().to_owned(),
                });
            }
            effects
        }
        Outcome::Refreshed { notes, broken } => {
            app.browse.notes = notes;
            app.browse.broken = broken;
            let mut effects = reload(app);
            effects.extend(look_standing(app));
            effects
        }
        Outcome::Edited {
            path,
            changed,
            notes,
            broken,
            errors,
        } => {
            app.browse.notes = notes;
            app.browse.broken = broken;
            let saved = if changed { "Saved" } else { "No changes" };
            app.message = Some(match errors.first() {
                // Where, so that the user can go straight back to it.
                Some(first) => format!(
                    "{saved}, but it still has {}, so search leaves it out: {}:{}: {}",
                    crate::cli::plural(errors.len(), "error"),
                    path,
                    first.pos,
                    first.message
                ),
                None if changed => format!("Saved: the search has {path} as it is now."),
                None => format!("No changes to {path}."),
            });
            reload(app)
        }
        Outcome::Removed {
            said,
            notes,
            broken,
        } => {
            app.browse.notes = notes;
            app.browse.broken = broken;
            app.message = Some(said);
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
            let was = b.select.take().or_else(|| {
                b.hits
                    .get(b.selected)
                    .filter(|_| same_question)
                    .map(|hit| hit.path.clone())
            });
            b.answered = Some((query, b.sort));
            b.hits = results.hits;
            b.total = results.total;
            b.near = results.near;
            b.highlighter = std::sync::Arc::new(highlighter);
            b.selected = match &was {
                // A note that no longer matches leaves the selection where it was.
                Some(was) => b
                    .hits
                    .iter()
                    .position(|hit| &hit.path == was)
                    .unwrap_or(b.selected),
                None => 0,
            };
            if std::mem::take(&mut b.to_bottom) {
                b.selected = b.hits.len();
            }
            b.selected = b.selected.min(b.hits.len().saturating_sub(1));
            if !same_question
                && b.hits.first().map(|h| &h.path) == b.preview.as_ref().map(|p| &p.path)
            {
                // The same note answers another query: mark and find its words again.
                b.preview_scroll = Scroll::aimed(Aim::FirstMatch);
            }
            keep_selection_visible(app);
            preview_selected(app)
        }
        Outcome::Loaded(shown) => {
            // A note read again after a change on disk keeps its place; only a note shown
            // for the first time starts at its first matched word.
            for reading in app.reading.iter_mut().filter(|r| r.path == shown.path) {
                // A note opened at a finding stays aimed there.
                if reading.shown.is_none() && reading.scroll.aiming().is_none() {
                    reading.scroll.aim(Aim::FirstMatch);
                }
                reading.shown = Some((*shown).clone());
            }
            if app.selected_hit().is_some_and(|hit| hit.path == shown.path) {
                let b = &mut app.browse;
                if b.preview.as_ref().is_none_or(|p| p.path != shown.path) {
                    b.preview_scroll.aim(Aim::FirstMatch);
                }
                b.preview = Some(*shown);
            }
            Vec::new()
        }
        Outcome::Followed { id, path } => match path {
            Some(path) => {
                app.reading.push(Reading {
                    path: path.clone(),
                    shown: None,
                    scroll: Scroll::default(),
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
        Outcome::Problems(report) => {
            let list = report.problems.len();
            app.problems.selected = app.problems.selected.min(list.saturating_sub(1));
            app.problems.summary = report.summary();
            app.problems.list = Some(report.problems);
            Vec::new()
        }
        Outcome::Notice(text) => {
            app.message = Some(text);
            Vec::new()
        }
        Outcome::IndexNotice(text) => {
            app.index_said = Some(text.clone());
            app.message = Some(text);
            Vec::new()
        }
        Outcome::LeftBehind(drafts) => {
            if !drafts.is_empty() && app.overlay.is_none() {
                app.overlay = Some(Overlay::Restore(drafts));
            }
            Vec::new()
        }
        Outcome::NewForm {
            kinds,
            now,
            restored,
        } => form::open::new_form(app, kinds, now, restored),
        Outcome::EditForm {
            kinds,
            editing,
            tag,
            restored,
        } => form::open::edit_form(app, kinds, *editing, tag, restored),
        Outcome::Recent(recent) => form::open::recent(app, recent),
        Outcome::Synced {
            line,
            ask,
            conflicts,
        } => {
            app.syncing = false;
            app.sync_asks = ask;
            app.message = Some(if ask {
                format!("{line} Ctrl-G again lets git ask here.")
            } else {
                line
            });
            let mut effects = look_standing(app);
            // Conflicts open their screen, unless the user is writing or answering something.
            let free = matches!(app.place(), Place::Search | Place::List | Place::Note);
            if conflicts > 0 && (free || app.screen == Screen::Settling) {
                effects.extend(super::team::open_conflicts(app));
            } else if app.screen == Screen::Settling || app.screen == Screen::Versions {
                effects.extend(reload(app));
            }
            effects
        }
        Outcome::Settled { said, counts } => {
            if let Some((notes, broken)) = counts {
                app.browse.notes = notes;
                app.browse.broken = broken;
            }
            app.message = Some(said);
            let mut effects = reload(app);
            effects.extend(look_standing(app));
            effects
        }
        outcome @ (Outcome::Conflicts(_)
        | Outcome::Versions { .. }
        | Outcome::Difference { .. }) => super::team::receive(app, outcome),
        Outcome::Standing(standing) => {
            app.looking = false;
            app.standing = standing;
            if std::mem::take(&mut app.look_again) {
                return look_standing(app);
            }
            Vec::new()
        }
        Outcome::Previewed { change, answer } => {
            super::board::changing::previewed(app, &change, answer);
            Vec::new()
        }
        Outcome::SplitUses { code, parts, uses } => {
            super::board::changing::uses_read(app, &code, &parts, uses)
        }
        Outcome::Changed {
            change,
            answer,
            counts,
        } => {
            if let Some((notes, broken)) = counts {
                app.browse.notes = notes;
                app.browse.broken = broken;
            }
            if super::board::changing::changed(app, &change, answer) {
                reload(app)
            } else {
                Vec::new()
            }
        }
        outcome @ (Outcome::Board(_)
        | Outcome::Arranged(_)
        | Outcome::BoardTexts(_)
        | Outcome::InsightWords(_)) => super::board::receive(app, outcome),
        Outcome::Codes(codes) => {
            form::open::codes(app, codes);
            Vec::new()
        }
        Outcome::Candidates { query, notes } => {
            form::open::candidates(app, &query, notes);
            Vec::new()
        }
        Outcome::Saved {
            path,
            counts,
            then_quit,
        } => {
            if let Some((notes, broken)) = counts {
                app.browse.notes = notes;
                app.browse.broken = broken;
            }
            let effects = form::open::saved(app, &path);
            app.quit |= then_quit;
            effects
        }
        Outcome::Conflict(conflict) => {
            form::open::conflict(app, *conflict);
            Vec::new()
        }
    }
}

/// After files changed: search again, and read again the notes on screen.
fn reload(app: &mut App) -> Vec<Effect> {
    let mut effects = vec![super::update::search(app)];
    let mut paths: Vec<String> = app.reading.iter().map(|r| r.path.clone()).collect();
    paths.extend(app.browse.preview.as_ref().map(|p| p.path.clone()));
    // The note open is usually the one previewed: one read updates both.
    paths.sort();
    paths.dedup();
    effects.extend(paths.into_iter().map(|path| Effect::Load { path }));
    if app.screen == Screen::Problems {
        effects.push(Effect::Problems);
    }
    effects.extend(super::team::reload(app));
    effects.extend(super::board::reload(app));
    effects
}

/// Asks where the notebook stands with its team, unless that is being found out already.
fn look_standing(app: &mut App) -> Vec<Effect> {
    if app.looking {
        app.look_again = true;
        return Vec::new();
    }
    app.looking = true;
    vec![Effect::LookStanding]
}
