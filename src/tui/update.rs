//! Turning an action into new state and the effects the runtime must perform. No I/O here:
//! everything the disk or the index must do comes back as an [`Outcome`] (see `receive`).

use super::action::Action;
use super::app::{App, Focus, Overlay, Picker, Reading, Removing, Screen};
use super::effect::Effect;
use super::keymap::Place;
use super::layout;
use super::scroll::{Aim, Scroll};
use crate::index::Sort;

/// Hits asked for at first; more are asked for as the selection nears the end.
pub const FIRST_PAGE: usize = 100;

/// How far the mouse wheel scrolls text per step.
pub const WHEEL_LINES: usize = 3;

/// Problems one page moves by: each takes three or four lines.
const PROBLEMS_PAGE: usize = 5;

/// Hits asked for at most to show the bottom of a long list: more would hold the screen up.
const BOTTOM_MOST: usize = 5000;

/// `scroll` moved `lines` down or up.
pub fn scrolled(scroll: usize, down: bool, lines: usize) -> usize {
    if down {
        scroll.saturating_add(lines)
    } else {
        scroll.saturating_sub(lines)
    }
}

/// Applies `action` to `app` and says what the runtime must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        // A note being written is never lost to a quit: the form asks, or keeps a draft.
        Action::Quit if matches!(app.place(), Place::Form | Place::Leaving) => {}
        Action::Quit if app.form.is_some() => {
            app.quit = true;
            return vec![Effect::FlushDraft];
        }
        // A codebook change half written would leave notes changed and others not.
        Action::Quit if app.board.changing.as_ref().is_some_and(|c| c.making()) => {
            return super::board::changing::update(app, action);
        }
        Action::Quit => {
            app.quit = true;
            return Vec::new();
        }
        Action::Conflicts if matches!(app.place(), Place::List | Place::Note) => {
            return super::team::open_conflicts(app);
        }
        Action::Board
            if matches!(
                app.place(),
                Place::Search
                    | Place::List
                    | Place::Note
                    | Place::Problems
                    | Place::Settling
                    | Place::Versions
            ) =>
        {
            app.message = None;
            return super::board::open(app);
        }
        Action::Versions if matches!(app.place(), Place::List | Place::Note) => {
            return super::team::open_versions(app);
        }
        Action::Sync
            if matches!(
                app.place(),
                Place::Search | Place::List | Place::Note | Place::Settling | Place::Board
            ) =>
        {
            if app.syncing {
                app.message = Some("A sync is running: its result comes here.".into());
                return Vec::new();
            }
            app.syncing = true;
            app.message = None;
            if app.sync_asks {
                return vec![Effect::SyncAsking];
            }
            return vec![Effect::Sync];
        }
        Action::Resize { width, height } => {
            app.size = (width, height);
            keep_selection_visible(app);
            return Vec::new();
        }
        Action::Help => {
            let place = app.place();
            app.overlay = match app.overlay.take() {
                // Closing the help gives back the window it was opened over.
                Some(Overlay::Help { below, .. }) => below.map(|b| *b),
                below => Some(Overlay::Help {
                    place,
                    scroll: Scroll::default(),
                    below: below.map(Box::new),
                }),
            };
            return Vec::new();
        }
        _ => {}
    }
    app.message = None;
    match app.place() {
        Place::Start => start(app, action),
        Place::Search | Place::List => browse(app, action),
        Place::Note => super::reading::update(app, action),
        Place::Problems => problems(app, action),
        Place::Help => help(app, action),
        Place::Filters => super::filters::update(app, action),
        Place::Form => super::form::update(app, action),
        Place::Leaving | Place::Restore | Place::Conflict => super::form::ask::update(app, action),
        Place::Removing => removing(app, action),
        Place::Settling => super::team::settling(app, action),
        Place::Versions => super::team::versions(app, action),
        Place::Board | Place::BoardSearch => super::board::update(app, action),
        Place::Changing | Place::Splitting => super::board::changing::update(app, action),
    }
}

fn start(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Start(choices) = &app.screen else {
        return Vec::new();
    };
    match action {
        Action::OpenSample => match &choices.sample {
            Some(root) => vec![Effect::OpenNotebook { root: root.clone() }],
            None => {
                app.message = Some("There is no sample notebook `research/` here.".into());
                Vec::new()
            }
        },
        Action::InitHere => vec![Effect::Init {
            dir: choices.here.clone(),
        }],
        _ => Vec::new(),
    }
}

fn browse(app: &mut App, action: Action) -> Vec<Effect> {
    let b = &mut app.browse;
    if let Some(edited) = b.line.apply(&action) {
        return if edited { restart(app) } else { Vec::new() };
    }
    let edited = match action {
        Action::FocusSearch => {
            b.focus = Focus::Search;
            false
        }
        Action::FocusList => {
            b.focus = Focus::List;
            false
        }
        Action::ToggleSort => {
            b.sort = match b.sort {
                Sort::Relevance => Sort::Date,
                Sort::Date => Sort::Relevance,
            };
            true
        }
        Action::Down => return select(app, Step::By(1)),
        Action::Up => return select(app, Step::By(-1)),
        Action::PageDown => return select(app, Step::Page(1)),
        Action::PageUp => return select(app, Step::Page(-1)),
        Action::Top => return select(app, Step::To(0)),
        Action::Bottom => {
            let mut effects = select(app, Step::To(usize::MAX));
            let b = &mut app.browse;
            // The bottom of the whole list, not of the hits fetched so far.
            if b.hits.len() < b.total && b.limit < BOTTOM_MOST {
                b.limit = b.total.min(BOTTOM_MOST);
                b.to_bottom = true;
                effects.retain(|e| !matches!(e, Effect::Search { .. }));
                effects.push(search(app));
            }
            return effects;
        }
        Action::PreviewDown | Action::PreviewUp => {
            b.preview_scroll
                .by(action == Action::PreviewDown, WHEEL_LINES);
            false
        }
        Action::Open => return open_selected(app),
        Action::Remove => {
            app.overlay = app.selected_hit().map(|hit| {
                Overlay::Removing(Removing {
                    path: hit.path.clone(),
                    title: hit.title.clone(),
                })
            });
            return Vec::new();
        }
        Action::Edit => {
            return app
                .selected_hit()
                .map(|hit| Effect::Edit {
                    path: hit.path.clone(),
                    line: None,
                })
                .into_iter()
                .collect();
        }
        Action::Filters => {
            app.overlay = Some(Overlay::Filters(Picker::default()));
            return vec![Effect::Choices {
                query: app.browse.line.text().to_owned(),
            }];
        }
        Action::NewNote => return vec![Effect::StartNote { restored: None }],
        Action::EditHere | Action::Tag => {
            return app
                .selected_hit()
                .map(|hit| Effect::EditNote {
                    path: hit.path.clone(),
                    tag: action == Action::Tag,
                    restored: None,
                })
                .into_iter()
                .collect();
        }
        Action::Problems => {
            app.screen = Screen::Problems;
            app.problems.selected = 0;
            return vec![Effect::Problems];
        }
        Action::Wheel { down, column, row } => {
            let areas = layout::browse(app.size);
            if layout::contains(areas.preview, column, row) {
                let b = &mut app.browse;
                b.preview_scroll.by(down, WHEEL_LINES);
                return Vec::new();
            }
            return select(app, Step::By(if down { 1 } else { -1 }));
        }
        Action::Click { column, row } => {
            let list = layout::browse(app.size).list;
            if !layout::contains(list, column, row) {
                return Vec::new();
            }
            // The list's last row may be half a hit: a click there is a click on nothing.
            let offset = usize::from((row - list.y) / layout::ROWS_PER_HIT);
            let index = app.browse.top + offset;
            if offset >= layout::hits_shown(app.size) || index >= app.browse.hits.len() {
                return Vec::new();
            }
            // The focus stays: a click is no reason for the next letters to become commands.
            return select(app, Step::To(index));
        }
        _ => false,
    };
    if !edited {
        return Vec::new();
    }
    restart(app)
}

/// A new question: from the best hit, the first page, the preview at its top.
pub fn restart(app: &mut App) -> Vec<Effect> {
    let b = &mut app.browse;
    b.selected = 0;
    b.top = 0;
    b.preview_scroll = Scroll::default();
    b.limit = FIRST_PAGE;
    b.to_bottom = false;
    vec![search(app)]
}

/// The effect that runs the search line's query.
pub fn search(app: &App) -> Effect {
    Effect::Search {
        query: app.browse.line.text().to_owned(),
        sort: app.browse.sort,
        limit: app.browse.limit,
    }
}

enum Step {
    By(isize),
    Page(isize),
    To(usize),
}

fn select(app: &mut App, step: Step) -> Vec<Effect> {
    let b = &mut app.browse;
    if b.hits.is_empty() {
        return Vec::new();
    }
    let page = layout::hits_shown(app.size) as isize;
    let last = b.hits.len() - 1;
    b.selected = match step {
        Step::By(n) => b.selected.saturating_add_signed(n).min(last),
        Step::Page(n) => b.selected.saturating_add_signed(n * page).min(last),
        Step::To(i) => i.min(last),
    };
    keep_selection_visible(app);
    let mut effects = preview_selected(app);
    // More hits are fetched before the user reaches the end of those already here.
    let b = &mut app.browse;
    if b.hits.len() < b.total && b.selected + 2 * (page as usize) >= b.hits.len() {
        b.limit = b.hits.len() + FIRST_PAGE;
        effects.push(search(app));
    }
    effects
}

/// Scrolls the list so the selected hit is on screen.
pub fn keep_selection_visible(app: &mut App) {
    let shown = layout::hits_shown(app.size);
    let b = &mut app.browse;
    if b.selected < b.top {
        b.top = b.selected;
    } else if b.selected >= b.top + shown {
        b.top = b.selected + 1 - shown;
    }
}

/// Asks for the selected note when the preview shows another.
pub fn preview_selected(app: &mut App) -> Vec<Effect> {
    let Some(hit) = app.selected_hit() else {
        app.browse.preview = None;
        return Vec::new();
    };
    if app
        .browse
        .preview
        .as_ref()
        .is_some_and(|p| p.path == hit.path)
    {
        return Vec::new();
    }
    let path = hit.path.clone();
    app.browse.preview_scroll = Scroll::default();
    vec![Effect::Load { path }]
}

fn open_selected(app: &mut App) -> Vec<Effect> {
    let Some(hit) = app.selected_hit() else {
        return Vec::new();
    };
    let path = hit.path.clone();
    let shown = app
        .browse
        .preview
        .as_ref()
        .filter(|p| p.path == path)
        .cloned();
    let effects = match shown {
        Some(_) => Vec::new(),
        None => vec![Effect::Load { path: path.clone() }],
    };
    app.reading = vec![Reading {
        path,
        shown,
        scroll: Scroll::aimed(Aim::FirstMatch),
        link: None,
        highlighter: app.browse.highlighter.clone(),
    }];
    app.board_depth = None;
    app.screen = Screen::Note;
    effects
}

fn problems(app: &mut App, action: Action) -> Vec<Effect> {
    let count = app.problems.list.as_ref().map_or(0, Vec::len);
    let p = &mut app.problems;
    if let Some(to) = super::scroll::moved(p.selected, count, PROBLEMS_PAGE, &action) {
        p.selected = to;
        return Vec::new();
    }
    match action {
        Action::Back => app.screen = Screen::Browse,
        Action::Edit => {
            if let Some(problem) = p.list.as_ref().and_then(|l| l.get(p.selected)) {
                return vec![Effect::Edit {
                    path: problem.path.display().to_string(),
                    line: Some(problem.pos.line).filter(|&l| l > 0),
                }];
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Scrolls the help; the drawing keeps it to the last screenful.
fn help(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Help { scroll, .. }) = &mut app.overlay else {
        return Vec::new();
    };
    match action {
        Action::Down | Action::Wheel { down: true, .. } => scroll.by(true, 1),
        Action::Up | Action::Wheel { down: false, .. } => scroll.by(false, 1),
        Action::PageDown => scroll.by(true, 10),
        Action::PageUp => scroll.by(false, 10),
        Action::Top => scroll.set(0),
        Action::Bottom => scroll.set(usize::MAX),
        _ => {}
    }
    Vec::new()
}

/// The answer to "remove this note?": yes removes it and leaves the reader for the list.
fn removing(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Removing(asked)) = app.overlay.take() else {
        return Vec::new();
    };
    match action {
        Action::ConfirmRemove => {
            // A note read from the board goes back to the board, which counts again.
            let depth = app.board_depth.take();
            app.reading.truncate(depth.unwrap_or(0));
            app.screen = match depth {
                Some(_) => Screen::Board,
                None => Screen::Browse,
            };
            vec![Effect::Remove { path: asked.path }]
        }
        Action::Back => Vec::new(),
        _ => {
            app.overlay = Some(Overlay::Removing(asked));
            Vec::new()
        }
    }
}
