//! The search index is a cache, so damage to it is never the user's problem: whatever is
//! wrong with it (garbage in any of its files, a file cut short or gone, a build killed
//! half-way, a file or folder where the other should be), the next search says so in one
//! line, builds it again and answers as if nothing had happened, and the terminal UI does
//! the same without a panic.

mod common;

use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::ui::{Headless, Ui};
use common::{Sandbox, copy_dir, sample};
use fieldnotes::index::FileMeta;

/// A copy of the sample notebook, with what a healthy index answers.
struct Case {
    sandbox: Sandbox,
    notebook: PathBuf,
    healthy: Vec<String>,
}

const QUERY: &str = "boombox";

impl Case {
    fn new() -> Case {
        let sandbox = Sandbox::new();
        let notebook = sandbox.path("nb");
        copy_dir(&sample(), &notebook);
        // A note written within the last two seconds is indexed again by the next search;
        // once they are older, a search only reads the index, and the damage is met where a
        // reader meets it, whatever the machine's speed.
        std::thread::sleep(Duration::from_millis(2_100));
        let mut case = Case {
            sandbox,
            notebook,
            healthy: Vec::new(),
        };
        case.healthy = case.search().0;
        assert!(!case.healthy.is_empty());
        case
    }

    /// The index's folder.
    fn folder(&self) -> PathBuf {
        fieldnotes::index::location(&self.sandbox.path("cache/fieldnotes"), &self.notebook)
    }

    /// Tantivy's files in it.
    fn files(&self) -> PathBuf {
        self.folder().join("tantivy")
    }

    /// The one file of the index's only segment ending in `.extension`.
    fn segment_file(&self, extension: &str) -> PathBuf {
        let found: Vec<PathBuf> = std::fs::read_dir(self.files())
            .expect("the index's files")
            .map(|entry| entry.expect("an entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == extension))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().expect("one file")
    }

    /// Builds a healthy index again, for the next damage.
    fn rebuild(&self) {
        self.sandbox
            .run(&self.notebook, &["index", "--rebuild"])
            .assert_code(0);
    }

    /// The ids `search --json` finds, sorted, and what it said on stderr; it must finish
    /// cleanly and successfully.
    fn search(&self) -> (Vec<String>, String) {
        let run = self
            .sandbox
            .run(&self.notebook, &["search", "--json", QUERY]);
        run.assert_code(0);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        let mut ids: Vec<String> = json["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| h["id"].as_str().unwrap_or_default().to_owned())
            .collect();
        ids.sort();
        (ids, run.stderr)
    }

    /// Searches after the damage called `what`: the right notes, and one line saying what
    /// was wrong (with `said` in it); then a search that has nothing to say.
    fn heals(&self, what: &str, said: &str) {
        let (ids, stderr) = self.search();
        assert_eq!(ids, self.healthy, "{what}: {stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{what}: one line, not {stderr}");
        assert!(
            lines[0].starts_with("fieldnotes: ") && lines[0].contains(said),
            "{what}: {stderr}"
        );
        let (ids, stderr) = self.search();
        assert_eq!((ids, stderr.as_str()), (self.healthy.clone(), ""), "{what}");
    }

    /// Makes the record the index keeps of its files vouch for them as they are now, as if
    /// the damage had come unseen (in the same instant as the writing): Tantivy then reads
    /// the garbage itself.
    fn unseen(&self) {
        let record = self.files().join("fieldnotes-files.json");
        let text = std::fs::read(&record).expect("the record of the index's files");
        let mut files: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&text).expect("a JSON object");
        for (name, stamp) in files.iter_mut() {
            let now = FileMeta::of(&std::fs::metadata(self.files().join(name)).expect("stat"));
            *stamp = serde_json::json!([now.size, now.mtime, now.ctime]);
        }
        let text = serde_json::to_vec(&files).expect("JSON");
        std::fs::write(&record, text).expect("write the record");
    }
}

/// Ways to damage a file.
#[derive(Clone, Copy, Debug)]
enum Harm {
    /// Every byte replaced, the length kept.
    Garbage,
    /// The second half gone.
    Cut,
    /// The file gone.
    Gone,
    /// The first half overwritten with 0xFF, in place.
    FirstHalf,
}

fn harm(path: &Path, harm: Harm) {
    let len = std::fs::metadata(path).expect("stat").len();
    match harm {
        Harm::Garbage => {
            let garbage: Vec<u8> = (0..len).map(|i| (i * 131 % 251) as u8).collect();
            std::fs::write(path, garbage).expect("write");
        }
        Harm::Cut => {
            let file = std::fs::File::options()
                .write(true)
                .open(path)
                .expect("open");
            file.set_len(len / 2).expect("truncate");
        }
        Harm::Gone => std::fs::remove_file(path).expect("remove"),
        Harm::FirstHalf => overwrite_first_half(path),
    }
}

/// Overwrites the first half of `path` with 0xFF without truncating it first, as a process
/// that maps the file sees it change.
fn overwrite_first_half(path: &Path) {
    let len = std::fs::metadata(path).expect("stat").len();
    let mut file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    file.seek(SeekFrom::Start(0)).expect("seek");
    file.write_all(&vec![0xFF; (len / 2) as usize])
        .expect("overwrite");
    file.sync_all().expect("sync");
}

#[test]
fn garbage_cut_or_missing_segment_files_are_rebuilt_with_one_line() {
    let case = Case::new();
    for extension in ["fast", "term", "idx", "pos", "store", "fieldnorm"] {
        for how in [Harm::Garbage, Harm::Cut, Harm::Gone, Harm::FirstHalf] {
            harm(&case.segment_file(extension), how);
            case.heals(&format!("{how:?} .{extension}"), "damaged");
            case.rebuild();
        }
    }
}

#[test]
fn damage_that_tantivy_itself_trips_over_is_caught_not_a_panic() {
    let case = Case::new();
    // A panic reading the fast fields, an unreadable term dictionary, a panic in postings.
    for extension in ["fast", "term", "idx"] {
        harm(&case.segment_file(extension), Harm::FirstHalf);
        case.unseen();
        case.heals(&format!("unseen damage to .{extension}"), "damaged");
        case.rebuild();
    }
}

#[test]
fn a_damaged_or_missing_meta_file_and_an_unfinished_build_are_rebuilt() {
    let case = Case::new();
    let meta = case.files().join("meta.json");
    for how in [Harm::Garbage, Harm::Cut, Harm::Gone] {
        harm(&meta, how);
        case.heals(&format!("{how:?} meta.json"), "damaged");
        case.rebuild();
    }
    // What a build killed before its commit leaves: an index with no segments, and without
    // the record every commit writes of what made it.
    let text = std::fs::read(&meta).expect("meta.json");
    let mut json: serde_json::Value = serde_json::from_slice(&text).expect("JSON");
    json["segments"] = serde_json::json!([]);
    json.as_object_mut().expect("an object").remove("payload");
    std::fs::write(&meta, json.to_string()).expect("write");
    case.heals("a build killed half-way", "left unfinished");
}

#[test]
fn whatever_stands_in_the_index_s_way_is_cleared_even_for_a_rebuild() {
    let case = Case::new();
    let lock = case.folder().join("lock");
    std::fs::remove_file(&lock).expect("remove the lock file");
    std::fs::create_dir_all(lock.join("inside")).expect("a folder in its place");
    case.heals("a folder for a lock", "lock was damaged");
    for folder in [case.files(), case.folder()] {
        std::fs::remove_dir_all(&folder).expect("remove");
        std::fs::write(&folder, "not a folder").expect("a file in its place");
        case.heals(&format!("a file for {}", folder.display()), "damaged");
    }
    // `index --rebuild`, which the messages of damage used to recommend, clears them too.
    std::fs::remove_dir_all(case.folder()).expect("remove");
    std::fs::write(case.folder(), "not a folder").expect("a file in its place");
    let run = case.sandbox.run(&case.notebook, &["index", "--rebuild"]);
    run.assert_code(0);
    assert!(case.folder().join("tantivy/meta.json").is_file());
    // Nothing beside the index was touched.
    assert!(case.notebook.join("fieldnotes.yaml").is_file());
}

#[test]
fn the_ui_reports_an_index_damaged_under_it_and_rebuilds_it_without_a_panic() {
    let mut ui = Ui::sample((100, 30));
    let folder = fieldnotes::index::location(&ui.dir.path().join("cache"), &ui.root());
    let fast: PathBuf = std::fs::read_dir(folder.join("tantivy"))
        .expect("the index's files")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| path.extension().is_some_and(|e| e == "fast"))
        .expect("a .fast file");
    // Damaged while the UI has it open: the next refresh reads garbage, and Tantivy panics.
    overwrite_first_half(&fast);
    std::fs::write(
        ui.root().join("2024-06-01-zanzibar.yaml"),
        "kind: interview\ntitle: Zanzibar market\ndate: 2024-06-01\n",
    )
    .expect("a new note");
    ui.settle(|app| {
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("the old one is damaged"))
    });
    ui.type_text("zanzibar");
    let started = Instant::now();
    while !ui
        .runtime
        .app()
        .browse
        .hits
        .iter()
        .any(|hit| hit.id == "2024-06-01-zanzibar")
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the rebuilt index never found the new note"
        );
        ui.runtime.listen(Duration::from_millis(50), &mut Headless);
    }
    assert!(!fast.exists(), "the damaged index is gone");
    assert!(!ui.screen().contains("panicked"), "{}", ui.screen());
}
