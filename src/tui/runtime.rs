//! The loop that runs the UI: draw, wait for keys or news from the index, turn keys into
//! actions, apply them, and perform the effects they ask for. This is the only part of the
//! UI that reads files, searches, or starts programs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

use super::action::Action;
use super::app::App;
use super::burst::coalesced;
use super::effect::{Effect, Outcome};
use super::keeping::Keeper;
pub use super::terminal::Host;
use super::terminal::{Screen, TerminalHost};
use super::work::{News, choices, follow, load, one_line};
use super::{keymap, receive::receive, update::update, view::view, writing};
use crate::error::{Error, Result};
use crate::index::{SearchIndex, SearchOptions};
use crate::notebook::Notebook;
use crate::notebook::drafts::Drafts;
use crate::query::{self, Mode};

/// How long to wait for a key before looking for news from the index.
const TICK: Duration = Duration::from_millis(50);

/// The notebook being shown and the thread that keeps its index current.
struct Session {
    notebook: Notebook,
    index: Option<Arc<SearchIndex>>,
    stop: Arc<AtomicBool>,
    follower: Option<JoinHandle<()>>,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // A follower in the middle of building an index is not waited for: the index is
        // written in commits, and the next start finishes the job.
        let deadline = Instant::now() + Duration::from_millis(500);
        while self.follower.as_ref().is_some_and(|f| !f.is_finished()) {
            if Instant::now() > deadline {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Effects waiting for the end of a burst of keys.
#[derive(Default)]
struct Pending(Vec<Effect>);

impl Pending {
    fn take(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.0)
    }
}

/// Runs the UI until the user quits.
pub struct Runtime {
    app: App,
    cache: PathBuf,
    session: Option<Session>,
    news: Receiver<News>,
    post: Sender<News>,
    arranger: super::boarding::Arranger,
    previewer: super::reshaping::Previewer,
    drafts: Keeper,
    /// The data directory, whose trash folder keeps removed notes git does not hold.
    data: Option<PathBuf>,
}

impl Runtime {
    /// A runtime for `app`, keeping indexes in `cache`.
    pub fn new(app: App, cache: &Path) -> Runtime {
        let (post, news) = channel();
        Runtime {
            app,
            cache: cache.to_path_buf(),
            session: None,
            news,
            post,
            arranger: Default::default(),
            previewer: Default::default(),
            drafts: Keeper::default(),
            data: None,
        }
    }

    /// Keeps removed notes that git does not hold in `data`'s trash folder; without one, only
    /// notes git holds can be removed.
    pub fn keep_removed_in(&mut self, data: &Path) {
        self.data = Some(data.to_path_buf());
    }

    /// Keeps drafts of notes being written in `drafts`, and offers those left there unsaved.
    pub fn keep_drafts(&mut self, drafts: Drafts) {
        self.drafts = Keeper::new(drafts);
        self.offer_left_behind();
    }

    fn offer_left_behind(&mut self) {
        if let Some(session) = &self.session {
            let left = self.drafts.left_behind(&session.notebook.root);
            receive(&mut self.app, Outcome::LeftBehind(left));
        }
    }

    /// Saves the draft of the note being written now.
    pub fn save_draft(&mut self) {
        let Some(session) = &self.session else { return };
        if let Err(e) = self
            .drafts
            .save(&session.notebook.root, self.app.form.as_ref())
        {
            self.app.message = Some(format!("The draft is not saved: {}", one_line(&e)));
        }
    }

    /// Opens `notebook` and starts following it.
    pub fn open(&mut self, notebook: Notebook) {
        // A change a killed writer left half made is undone before the index reads the notes.
        let post = self.post.clone();
        let said = |text: &str| {
            let text = text.strip_prefix("fieldnotes: ").unwrap_or(text);
            let _ = post.send(News::Notice(super::work::capitalised(text)));
        };
        if let Err(e) = notebook.recover(&said) {
            said(&super::work::one_line(&e));
        }
        self.start(notebook, None);
        self.offer_left_behind();
    }

    /// Starts the thread that opens `notebook`'s index, or builds it again when `rebuild`
    /// says why, and follows the notebook.
    fn start(&mut self, notebook: Notebook, rebuild: Option<String>) {
        self.session = None;
        let stop = Arc::new(AtomicBool::new(false));
        let post = self.post.clone();
        let cache = self.cache.clone();
        let (book, halt) = (notebook.clone(), stop.clone());
        let follower = std::thread::Builder::new()
            .name("fieldnotes-index".into())
            .stack_size(16 << 20)
            .spawn(move || follow(&book, &cache, rebuild.as_deref(), &halt, &post))
            .ok();
        self.session = Some(Session {
            notebook,
            index: None,
            stop,
            follower,
        });
    }

    /// Builds the index again, off the UI thread, after it was found damaged (`why`). Until
    /// it is ready there is no index to search, nor to find damaged again.
    fn rebuild(&mut self, why: String) {
        if let Some(session) = &self.session
            && session.index.is_some()
        {
            let notebook = session.notebook.clone();
            self.start(notebook, Some(why));
        }
    }

    /// Draws and reacts until the user quits.
    pub fn run(&mut self, screen: &mut Screen) -> Result<()> {
        let io = |e: std::io::Error| Error::io("cannot draw on", "the terminal", e);
        let mut host = TerminalHost { screen, lost: None };
        let mut changed = true;
        loop {
            // Only a change is drawn: an idle UI costs nothing, whatever the note's size.
            if changed {
                host.screen
                    .draw(|frame| view(&self.app, frame))
                    .map_err(io)?;
            }
            if self.app.quit {
                return Ok(());
            }
            // Lets the end-to-end tests prove a panic gives the terminal back; never in a
            // release build.
            if cfg!(debug_assertions) && std::env::var_os("FIELDNOTES_PANIC_AFTER_DRAW").is_some() {
                panic!("asked to panic by FIELDNOTES_PANIC_AFTER_DRAW");
            }
            let mut burst = Vec::new();
            if event::poll(TICK).map_err(io)? {
                // Everything already typed is taken in one go.
                loop {
                    burst.push(event::read().map_err(io)?);
                    if !event::poll(Duration::ZERO).map_err(io)? {
                        break;
                    }
                }
            }
            changed = !burst.is_empty();
            self.events(burst, &mut host);
            changed |= self.listen(Duration::ZERO, &mut host);
            if let Some(lost) = host.lost.take() {
                return Err(lost);
            }
        }
    }

    /// The state, for drawing.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Applies terminal events that came in one burst (fast typing, a paste), each mapped to
    /// actions in the place the one before it left, and performs what they ask for.
    pub fn events(&mut self, events: Vec<Event>, host: &mut dyn Host) {
        let mut pending = Pending::default();
        for event in events {
            for action in keymap::actions_for(self.app.place(), event) {
                self.step(action, &mut pending, host);
            }
        }
        self.perform(pending.take(), host);
    }

    /// Applies `actions` as if typed in one burst, and performs what they ask for.
    pub fn act(&mut self, actions: Vec<Action>, host: &mut dyn Host) {
        let mut pending = Pending::default();
        for action in actions {
            self.step(action, &mut pending, host);
        }
        self.perform(pending.take(), host);
    }

    /// Applies one action. The searches that typing asks for wait for the end of the burst
    /// (only the last one matters); anything else first lets them run, so that `Enter` after
    /// fast typing opens a hit of what was typed, and is itself performed at once, so that
    /// the next key finds the state it needs (the filter chooser filled before `Enter`).
    fn step(&mut self, action: Action, pending: &mut Pending, host: &mut dyn Host) {
        if self.app.quit {
            return;
        }
        let typing = action.edits_line();
        if !typing {
            self.perform(pending.take(), host);
        }
        let effects = update(&mut self.app, action);
        if typing {
            pending.0.extend(effects);
        } else {
            self.perform(effects, host);
        }
    }

    /// Takes in the news from the index thread, waiting up to `wait` for the first; true when
    /// there was some.
    pub fn listen(&mut self, wait: Duration, host: &mut dyn Host) -> bool {
        let mut effects = Vec::new();
        let mut heard = false;
        if let Ok(news) = self.news.recv_timeout(wait) {
            effects.extend(self.hear(news));
            heard = true;
        }
        while let Ok(news) = self.news.try_recv() {
            effects.extend(self.hear(news));
        }
        self.perform(effects, host);
        if self.drafts.overdue() {
            self.save_draft();
        }
        heard
    }

    fn hear(&mut self, news: News) -> Vec<Effect> {
        let outcome = match news {
            News::Ready(index, refresh) => {
                if let Some(session) = &mut self.session {
                    session.index = Some(index);
                }
                Outcome::Ready {
                    notes: refresh.notes,
                    broken: refresh.broken,
                }
            }
            News::Refreshed(refresh) => Outcome::Refreshed {
                notes: refresh.notes,
                broken: refresh.broken,
            },
            News::Notice(text) => Outcome::IndexNotice(text),
            News::Synced(said) => said.into(),
            News::Standing(standing) => Outcome::Standing(standing),
            News::Arranged(arranged) => Outcome::Arranged(arranged),
            News::Done(outcome) => *outcome,
            News::Damaged(why) => {
                self.rebuild(why);
                return Vec::new();
            }
        };
        receive(&mut self.app, outcome)
    }

    fn perform(&mut self, mut effects: Vec<Effect>, host: &mut dyn Host) {
        while !effects.is_empty() {
            for effect in coalesced(std::mem::take(&mut effects)) {
                let outcome = match self.effect(effect, host) {
                    Ok(outcome) => outcome,
                    Err(e) => match crate::index::damage(&e) {
                        Some(why) => {
                            self.rebuild(why);
                            None
                        }
                        None => Some(Outcome::Notice(one_line(&e))),
                    },
                };
                if let Some(outcome) = outcome {
                    effects.extend(receive(&mut self.app, outcome));
                }
            }
        }
    }

    fn effect(&mut self, effect: Effect, host: &mut dyn Host) -> Result<Option<Outcome>> {
        match &effect {
            Effect::DraftChanged => {
                self.drafts.changed();
                return Ok(None);
            }
            Effect::FlushDraft => {
                self.save_draft();
                return Ok(None);
            }
            Effect::DropDraft => return self.drafts.discard().map(|()| None),
            Effect::DropLeftBehind { path } => {
                // Restoring: the old draft goes only once this session's own holds the words.
                if let (Some(session), Some(form)) = (&self.session, &self.app.form) {
                    self.drafts.save(&session.notebook.root, Some(form))?;
                }
                return self.drafts.remove(path).map(|()| None);
            }
            _ => {}
        }
        if let Effect::OpenNotebook { root } | Effect::Init { dir: root } = &effect {
            if matches!(effect, Effect::Init { .. }) {
                let mut done = Ok(());
                host.suspended(&mut || done = crate::cli::init::init(root, None))?;
                done?;
            }
            let notebook = Notebook::open(root)?;
            let name = notebook.name();
            self.open(notebook);
            return Ok(Some(Outcome::Opened { name }));
        }
        let Some(session) = &self.session else {
            return Ok(None);
        };
        let notebook = session.notebook.clone();
        let index = session.index.clone();
        if matches!(
            effect,
            Effect::StartNote { .. }
                | Effect::EditNote { .. }
                | Effect::Codes
                | Effect::Recent
                | Effect::Candidates { .. }
                | Effect::AddCode { .. }
                | Effect::SaveNote { .. }
        ) {
            return writing::perform(&effect, &notebook, index.as_deref());
        }
        if matches!(
            effect,
            Effect::Conflicts
                | Effect::Settle { .. }
                | Effect::Versions { .. }
                | Effect::Difference { .. }
                | Effect::BringBack { .. }
        ) {
            return super::syncing::perform(&effect, &notebook, index.as_deref());
        }
        if matches!(
            effect,
            Effect::Board { .. } | Effect::BoardTexts { .. } | Effect::InsightWords { .. }
        ) {
            return super::boarding::perform(&effect, &notebook, index.as_deref());
        }
        match effect {
            Effect::Arrange { walls } => {
                let board = &self.app.board;
                // Asked for counts replaced since, they would be arranged for nothing.
                let current = walls.iter().all(|w| w.era == board.ahead.era);
                if let Some(counted) = board.counted.clone().filter(|_| current) {
                    self.arranger
                        .ask(notebook, counted, walls.clone(), &self.post);
                }
                return Ok(None);
            }
            Effect::PreviewChange { change } => {
                self.previewer.ask(notebook, *change, &self.post);
                return Ok(None);
            }
            Effect::MakeChange { change } => {
                super::reshaping::start(notebook, index, *change, self.post.clone());
                return Ok(None);
            }
            Effect::SplitUses { code, parts } => {
                super::reshaping::uses(notebook, code, parts, self.post.clone());
                return Ok(None);
            }
            Effect::Sync => {
                super::syncing::start(notebook, self.post.clone());
                return Ok(None);
            }
            Effect::SyncAsking => {
                let mut said = None;
                host.suspended(&mut || said = Some(super::syncing::asking(&notebook)))?;
                return Ok(said.map(Outcome::from));
            }
            Effect::LookStanding => {
                super::syncing::look(notebook, self.post.clone());
                return Ok(None);
            }
            Effect::Load { path } => {
                let mut shown = load(&notebook, &path);
                if let Some(index) = &index {
                    shown.links = super::work::links(index, &shown)?;
                }
                return Ok(Some(Outcome::Loaded(Box::new(shown))));
            }
            Effect::Remove { path } => {
                let file = notebook.root.join(&path);
                let said = super::removing::remove(&notebook, &file, &path, self.data.as_deref())?;
                let refresh = match &index {
                    Some(index) => index.refresh_around(&HashSet::from([file]), &|_| {})?,
                    None => return Ok(Some(Outcome::Notice(said))),
                };
                return Ok(Some(Outcome::Removed {
                    said,
                    notes: refresh.notes,
                    broken: refresh.broken,
                }));
            }
            // The same check as `fieldnotes check`, from the files: the index is not needed.
            Effect::Problems => {
                return Ok(Some(Outcome::Problems(crate::check::check(&notebook))));
            }
            Effect::Edit { path, line } => {
                return super::work::edit(&notebook, index.as_deref(), path, line, host);
            }
            _ => {}
        }
        let Some(index) = index else {
            // A search waits for the index (`Ready` searches); the rest is said.
            return Ok(match effect {
                Effect::Search { .. } => None,
                _ => Some(Outcome::Notice(
                    "The search index is not open yet; try again in a moment.".into(),
                )),
            });
        };
        Ok(Some(match effect {
            Effect::Search { query, sort, limit } => {
                let parsed = query::parse(&query, Mode::Typing).unwrap_or_default();
                let options = SearchOptions {
                    sort,
                    limit,
                    snippets: false,
                };
                let (results, highlighter) = index.search_with(&parsed, options)?;
                Outcome::Found {
                    query,
                    results,
                    highlighter,
                }
            }
            Effect::Follow { id } => Outcome::Followed {
                path: index.path_of(&id)?,
                id,
            },
            Effect::Choices { query } => Outcome::Choices(choices(&notebook, &index, &query)?),
            _ => return Ok(None),
        }))
    }
}
