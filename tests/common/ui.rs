//! The terminal UI driven without a terminal: the real runtime, index thread and all, on a
//! copy of the sample notebook, drawn into a `TestBackend`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fieldnotes::notebook::Notebook;
use fieldnotes::notebook::drafts::Drafts;
use fieldnotes::tui::keymap::action_for;
use fieldnotes::tui::runtime::{Host, Runtime};
use fieldnotes::tui::{App, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

/// Runs the editor and init without a terminal to give back.
pub struct Headless;

impl Host for Headless {
    fn suspended(&mut self, work: &mut dyn FnMut()) -> fieldnotes::error::Result<()> {
        work();
        Ok(())
    }
}

/// The UI on a copy of the sample notebook with one broken note added.
pub struct Ui {
    pub dir: TempDir,
    pub runtime: Runtime,
}

impl Ui {
    pub fn sample(size: (u16, u16)) -> Ui {
        Ui::changed_sample(size, |_| {})
    }

    /// The UI on a copy of the sample notebook with one broken note added, and whatever
    /// `change` writes into its folder before the UI starts.
    pub fn changed_sample(size: (u16, u16), change: impl FnOnce(&std::path::Path)) -> Ui {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("research");
        super::copy_dir(&super::sample(), &root);
        std::fs::write(
            root.join("portable-music/1979-03-30-unfinished.yaml"),
            "kind: interview\ntitle: Unfinished\ndate: 1979-03-32\n",
        )
        .expect("write a broken note");
        change(&root);
        let runtime = Ui::start(dir.path(), size);
        let mut ui = Ui { dir, runtime };
        ui.settle(|app| app.browse.ready && app.browse.preview.is_some());
        ui
    }

    /// The UI on the notebook at `root`, with its cache and drafts in a temp folder.
    pub fn open(root: &std::path::Path, size: (u16, u16)) -> Ui {
        let dir = tempfile::tempdir().expect("temp dir");
        let runtime = Ui::start_on(root, dir.path(), size);
        let mut ui = Ui { dir, runtime };
        ui.settle(|app| app.browse.ready);
        ui
    }

    /// A runtime on the notebook in `dir`, with its cache and drafts there too.
    fn start(dir: &std::path::Path, size: (u16, u16)) -> Runtime {
        Ui::start_on(&dir.join("research"), dir, size)
    }

    /// A runtime on the notebook at `root`, with its cache and drafts in `dir`.
    fn start_on(root: &std::path::Path, dir: &std::path::Path, size: (u16, u16)) -> Runtime {
        let notebook = Notebook::open(root).expect("a notebook");
        let mut runtime = Runtime::new(App::new(&notebook.name(), size), &dir.join("cache"));
        runtime.open(notebook);
        runtime.keep_drafts(Drafts::new(dir.join("drafts")));
        runtime.keep_removed_in(&dir.join("data"));
        runtime
    }

    /// Ends this UI as a crash would (nothing saved, nothing cleaned up beyond what the
    /// system does for a dead process) and starts another on the same notebook.
    pub fn restart(&mut self) {
        let size = self.runtime.app().size;
        // The old one goes first: a draft is offered only once its session is gone.
        self.runtime = Runtime::new(App::new("", size), &self.dir.path().join("cache"));
        self.runtime = Ui::start(self.dir.path(), size);
        self.settle(|app| app.browse.ready);
    }

    /// The drafts folder.
    pub fn drafts(&self) -> PathBuf {
        self.dir.path().join("drafts")
    }

    pub fn ctrl(&mut self, c: char) {
        self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("research")
    }

    /// Takes in news from the index until `done` holds.
    pub fn settle(&mut self, done: impl Fn(&App) -> bool) {
        let start = Instant::now();
        while !done(self.runtime.app()) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the UI never settled"
            );
            self.runtime
                .listen(Duration::from_millis(50), &mut Headless);
        }
    }

    pub fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    pub fn key(&mut self, key: KeyEvent) {
        let place = self.runtime.app().place();
        let actions = action_for(place, key).into_iter().collect();
        self.runtime.act(actions, &mut Headless);
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    pub fn screen(&self) -> String {
        draw(self.runtime.app())
    }
}

/// Whether the board holds the counts of what its search line asks.
pub fn board_counted(app: &App) -> bool {
    app.board.asked.is_none() && app.board.counted.is_some()
}

impl Ui {
    /// Opens the why board (`Ctrl-B`) and waits for its counts.
    pub fn open_board(&mut self) {
        self.ctrl('b');
        self.settle(|app| app.screen == fieldnotes::tui::app::Screen::Board && board_counted(app));
    }

    /// Selects `code` in the board's code tree, going down from its top.
    pub fn select_code(&mut self, code: &str) {
        self.press(KeyCode::Home);
        for _ in 0..40 {
            let at = self
                .runtime
                .app()
                .board
                .selected_row()
                .map(|r| r.name.clone());
            if at.as_deref() == Some(code) {
                return;
            }
            self.press(KeyCode::Down);
        }
        panic!("no code {code} on the board");
    }
}

/// The screen `app` draws, as text.
pub fn draw(app: &App) -> String {
    terminal(app).backend().to_string()
}

/// A test terminal `app` was drawn on.
pub fn terminal(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("a test terminal");
    terminal.draw(|frame| view(app, frame)).expect("draw");
    terminal
}

/// Cells of a screen, each as column, row and what it holds.
pub type Cells = Vec<(u16, u16, String)>;

/// Fails naming every screen of `screens` (each named, with its harmful cells) that drew a
/// harmful character.
pub fn assert_harmless(screens: &[(&str, Cells)]) {
    let bad: Vec<_> = screens
        .iter()
        .filter(|(_, found)| !found.is_empty())
        .collect();
    assert!(
        bad.is_empty(),
        "{} of {} screens draw harmful characters: {bad:?}",
        bad.len(),
        screens.len()
    );
}

/// The cells of the screen `app` draws that hold a harmful character (see
/// [`super::hostile::harmful`]), or any control at all: where, and what.
pub fn harmful_cells(app: &App) -> Cells {
    let terminal = terminal(app);
    let buffer = terminal.backend().buffer();
    let mut found = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if !super::hostile::harmful_in(symbol).is_empty() || symbol.contains(char::is_control) {
                found.push((x, y, symbol.escape_unicode().to_string()));
            }
        }
    }
    found
}
