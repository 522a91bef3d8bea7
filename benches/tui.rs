//! How the terminal UI feels on a large notebook whose index is current:
//!
//! - the first frame with results, from launching the real binary in a tmux window;
//! - each keystroke in the search line (the query, the preview, and the redraw), in-process
//!   with the UI's own runtime drawing into a test terminal;
//! - the why board: opening it, typing on its search line, moving in its tree and wall, and
//!   its other views, in-process;
//! - the binary's peak resident memory after a round of searches.
//!
//! `benches/tui.sh` makes the corpus and the index, then runs this:
//!
//! ```sh
//! cargo bench --bench tui -- --notebook DIR --cache DIR [--runs N]
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fieldnotes::notebook::Notebook;
use fieldnotes::tui::runtime::{Host, Runtime};
use fieldnotes::tui::{Action, App, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// What a researcher types: the benchmark queries of `benches/search.sh`, letter by letter,
/// each followed by a few moves down the list and erased again; the whole round twice (the
/// first time, the index's files are read from disk).
const QUERIES: [&str; 6] = [
    "train headphones",
    "\"tape deck\"",
    "why:private-soundtrack kind:interview",
    "zanzibar",
    "cinnamon",
    "電車",
];

const SIZE: (u16, u16) = (100, 30);

struct Headless;

impl Host for Headless {
    fn suspended(&mut self, work: &mut dyn FnMut()) -> fieldnotes::error::Result<()> {
        work();
        Ok(())
    }
}

fn main() {
    // As the binary does.
    fieldnotes::memory::fewer_arenas();
    let mut args = std::env::args().skip(1);
    let (mut notebook, mut cache, mut runs) = (None, None, 10);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--notebook" => notebook = args.next().map(PathBuf::from),
            "--cache" => cache = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            // cargo bench passes --bench.
            _ => {}
        }
    }
    let (Some(notebook), Some(cache)) = (notebook, cache) else {
        eprintln!("usage: cargo bench --bench tui -- --notebook DIR --cache DIR [--runs N]");
        std::process::exit(2);
    };
    let tmux = Tmux::start(&cache);
    let launch = first_frames(&tmux, &notebook, &cache, runs);
    println!(
        "first frame with results, from launch: median {:.0} ms, slowest {:.0} ms ({runs} launches)",
        percentile(&launch, 50),
        percentile(&launch, 100)
    );
    println!(
        "peak resident memory of the binary after the searches: {} MB",
        launch_memory(&tmux, &notebook, &cache) / 1024
    );
    let (timed, written, board) = keystrokes(&notebook, &cache.join("fieldnotes"));
    let keys: Vec<f64> = timed.iter().map(|(_, ms)| *ms).collect();
    let slow = keys.iter().filter(|&&ms| ms > 16.0).count();
    println!(
        "keystrokes (query, preview and redraw): median {:.1} ms, 95th {:.1} ms, slowest {:.1} ms; {} of {} over 16 ms",
        percentile(&keys, 50),
        percentile(&keys, 95),
        percentile(&keys, 100),
        slow,
        keys.len()
    );
    for (what, ms) in timed.iter().filter(|(_, ms)| *ms > 16.0) {
        println!("  {ms:.1} ms: {what}");
    }
    let (saving, typing): (Vec<_>, Vec<_>) = written
        .iter()
        .partition(|(what, _)| what.starts_with("Save"));
    if let Some((what, ms)) = typing.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
        println!("  slowest key in the form, {ms:.1} ms: {what}");
    }
    let typing: Vec<f64> = typing.iter().map(|(_, ms)| *ms).collect();
    println!(
        "writing a note (form keys and the code picker): median {:.1} ms, slowest {:.1} ms of {}; saving it (file, index, list): {:.1} ms",
        percentile(&typing, 50),
        percentile(&typing, 100),
        typing.len(),
        saving.first().map_or(0.0, |(_, ms)| *ms)
    );
    println!("the why board (each with its redraw):");
    let mut steps: Vec<&str> = board.iter().map(|(what, _)| what.as_str()).collect();
    steps.dedup();
    for step in steps {
        let times: Vec<f64> = board
            .iter()
            .filter(|(what, _)| what == step)
            .map(|(_, ms)| *ms)
            .collect();
        if times.len() == 1 {
            println!("  {step}: {:.1} ms", times[0]);
        } else {
            println!(
                "  {step}: median {:.1} ms, slowest {:.1} ms ({} keys)",
                percentile(&times, 50),
                percentile(&times, 100),
                times.len()
            );
        }
    }
    println!(
        "peak resident memory of the in-process run, the board included: {} MB",
        peak_rss_kb("self") / 1024
    );
}

fn percentile(values: &[f64], p: usize) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let i = (sorted.len().saturating_sub(1) * p).div_ceil(100);
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

/// Process `pid`'s peak resident memory, in kB (Linux).
fn peak_rss_kb(pid: &str) -> u64 {
    memory_kb(pid, "VmHWM:")
}

/// A memory `field` of process `pid`'s status, in kB (Linux).
fn memory_kb(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}

/// A private tmux server with one idle window, so each launch pays for the binary, not tmux.
struct Tmux(PathBuf);

impl Tmux {
    fn start(dir: &Path) -> Tmux {
        let tmux = Tmux(dir.join("bench-tmux.sock"));
        let (w, h) = (SIZE.0.to_string(), SIZE.1.to_string());
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "bench",
            "-x",
            &w,
            "-y",
            &h,
        ]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&self.0)
            .args(args)
            .output()
            .expect("tmux runs (install tmux)");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Launches fieldnotes in a new window and returns how long until its results show.
    fn launch(&self, notebook: &Path, cache: &Path) -> Duration {
        // Every per-user folder beside the cache, so the user's own are never touched.
        let home = cache.parent().unwrap_or(cache).display().to_string();
        let command = format!(
            "env HOME='{home}' XDG_CACHE_HOME='{}' XDG_DATA_HOME='{home}/data' \
             XDG_CONFIG_HOME='{home}/config' '{}' --notebook '{}'",
            cache.display(),
            env!("CARGO_BIN_EXE_fieldnotes"),
            notebook.display()
        );
        let started = Instant::now();
        self.run(&["new-window", "-d", "-t", "bench:1", &command]);
        loop {
            let screen = self.run(&["capture-pane", "-p", "-t", "bench:1"]);
            let mut lines = screen.lines();
            let top = lines.next().unwrap_or_default();
            if top.contains(" notes · ") && lines.nth(1).is_some_and(|l| l.starts_with('▌')) {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "no results after a minute:\n{screen}"
            );
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn first_frames(tmux: &Tmux, notebook: &Path, cache: &Path, runs: usize) -> Vec<f64> {
    // The first launch warms the page cache; it is not counted.
    tmux.launch(notebook, cache);
    tmux.run(&["kill-window", "-t", "bench:1"]);
    (0..runs)
        .map(|_| {
            let took = tmux.launch(notebook, cache);
            tmux.run(&["kill-window", "-t", "bench:1"]);
            took.as_secs_f64() * 1000.0
        })
        .collect()
}

fn launch_memory(tmux: &Tmux, notebook: &Path, cache: &Path) -> u64 {
    tmux.launch(notebook, cache);
    for query in QUERIES {
        tmux.run(&["send-keys", "-t", "bench:1", "-l", query]);
        std::thread::sleep(Duration::from_millis(300));
        tmux.run(&["send-keys", "-t", "bench:1", "C-u"]);
    }
    for _ in 0..40 {
        tmux.run(&["send-keys", "-t", "bench:1", "Down"]);
    }
    std::thread::sleep(Duration::from_millis(500));
    let pid = tmux.run(&["display", "-p", "-t", "bench:1", "#{pane_pid}"]);
    peak_rss_kb(pid.trim())
}

/// Keys pressed, each as what it did and how long it took in milliseconds.
type Timed = Vec<(String, f64)>;

/// Each keystroke, as what the search line held after it, and how long it took; then each
/// key of writing a street interview in the form, and saving it.
fn keystrokes(notebook: &Path, cache: &Path) -> (Timed, Timed, Timed) {
    let root = notebook.to_path_buf();
    let notebook = Notebook::open(notebook).expect("the corpus is a notebook");
    let mut runtime = Runtime::new(App::new(&notebook.name(), SIZE), cache);
    runtime.open(notebook);
    let start = Instant::now();
    while !runtime.app().browse.ready {
        runtime.listen(Duration::from_millis(20), &mut Headless);
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the index never opened"
        );
    }
    // The index thread's first look at the files is not what a keystroke costs.
    std::thread::sleep(Duration::from_secs(3));
    runtime.listen(Duration::ZERO, &mut Headless);
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test terminal");
    let (mut searching, mut writing) = (Vec::new(), Vec::new());
    let mut press = |runtime: &mut Runtime, timings: &mut Timed, action: Action| {
        let started = Instant::now();
        runtime.act(vec![action.clone()], &mut Headless);
        let acted = started.elapsed().as_secs_f64() * 1000.0;
        terminal
            .draw(|frame| view(runtime.app(), frame))
            .expect("draw");
        let line = format!(
            "{action:?} → {:?} (update and effects {acted:.1} ms)",
            runtime.app().browse.line.text()
        );
        timings.push((line, started.elapsed().as_secs_f64() * 1000.0));
    };
    for query in QUERIES.iter().chain(QUERIES.iter()) {
        for c in query.chars() {
            press(&mut runtime, &mut searching, Action::Type { c });
        }
        for _ in 0..5 {
            press(&mut runtime, &mut searching, Action::Down);
        }
        for _ in query.chars() {
            press(&mut runtime, &mut searching, Action::DeleteBack);
        }
    }
    let mut keys = vec![Action::NewNote];
    keys.extend(
        "Commuter with earbuds at the gate"
            .chars()
            .map(|c| Action::Type { c }),
    );
    keys.push(Action::NextEmptyFinding);
    keys.extend("takes one earbud out".chars().map(|c| Action::Type { c }));
    keys.push(Action::NextField);
    keys.extend("it is my bubble".chars().map(|c| Action::Type { c }));
    keys.push(Action::NextField);
    keys.extend("privsou".chars().map(|c| Action::Type { c }));
    keys.extend([Action::Advance, Action::Save]);
    for key in keys {
        press(&mut runtime, &mut writing, key);
    }
    // The note is not left in the corpus.
    if let Some(saved) = runtime
        .app()
        .message
        .as_deref()
        .and_then(|m| m.strip_prefix("Saved as "))
    {
        let _ = std::fs::remove_file(root.join(saved.trim_end_matches('.')));
    }
    (searching, writing, board(&mut runtime, &mut terminal))
}

/// The why board: opening it, typing a query on its search line, moving down the code tree
/// and down a code's wall, and each of its other views; every step with its redraw.
fn board(runtime: &mut Runtime, terminal: &mut Terminal<TestBackend>) -> Timed {
    let mut timed = Vec::new();
    let mut press = |runtime: &mut Runtime, what: &str, action: Action| {
        let started = Instant::now();
        runtime.act(vec![action], &mut Headless);
        terminal
            .draw(|frame| view(runtime.app(), frame))
            .expect("draw");
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if std::env::var_os("FIELDNOTES_BENCH_EACH").is_some() {
            let wall = &runtime.app().board.wall;
            eprintln!(
                "{what}: {ms:.1} ms ({}, {} pieces)",
                wall.title,
                wall.pieces.len()
            );
        }
        timed.push((what.to_owned(), ms));
    };
    runtime.act(
        vec![Action::FocusSearch, Action::ClearSearch],
        &mut Headless,
    );
    let before = resident_kb();
    press(runtime, "open", Action::Board);
    let opened = resident_kb();
    // A held key repeats 25 to 33 times a second: between two, the runtime takes in what its
    // threads finished (the walls beside the selected code, arranged ahead), as its loop does.
    for _ in 0..20 {
        idle(runtime, Duration::from_millis(30));
        press(runtime, "move in the tree", Action::Down);
    }
    // Keys faster than walls are arranged: each wall is arranged on the spot.
    for _ in 0..20 {
        press(runtime, "move up the tree, keys back to back", Action::Up);
    }
    press(runtime, "into the wall", Action::Drill);
    for _ in 0..20 {
        press(runtime, "move in the wall", Action::Down);
    }
    press(runtime, "out of the wall", Action::Back);
    press(runtime, "to the search line", Action::FocusSearch);
    for c in "kind:interview after:2008".chars() {
        press(runtime, "type on the search line", Action::Type { c });
    }
    press(runtime, "leave the search line", Action::FocusList);
    press(runtime, "codes together", Action::NextView);
    press(runtime, "codes by participant", Action::NextView);
    press(runtime, "codes by study", Action::Columns);
    press(runtime, "insights", Action::NextView);
    press(runtime, "time", Action::NextView);
    println!(
        "resident memory: before the board {} MB, once it is open {} MB, after every view {} MB",
        before / 1024,
        opened / 1024,
        resident_kb() / 1024
    );
    timed
}

/// Lets `runtime` take in what its threads post for `pause`, as its loop does between keys.
fn idle(runtime: &mut Runtime, pause: Duration) {
    let until = Instant::now() + pause;
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        runtime.listen(left, &mut Headless);
    }
}

/// This process's resident memory now, in kB (Linux).
fn resident_kb() -> u64 {
    memory_kb("self", "VmRSS:")
}
