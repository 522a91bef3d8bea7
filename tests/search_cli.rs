//! `search` and `index` through the real binary: output for people and programs, query
//! errors, the one-line notice on a first build, and several processes sharing an index.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Sandbox, copy_dir, sample};

#[test]
fn search_prints_titles_ids_and_the_matching_quote() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&sample(), &["search", "whole", "carriage", "--limit", "1"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("Teen carrying a boombox through Shibuya  1979-03-14"),
        "{}",
        run.stdout
    );
    assert_eq!(lines[1], "  1979-03-14-teen-boombox-shibuya");
    assert_eq!(
        lines[2],
        "  “I don't want the whole carriage listening to my music.”"
    );
    // Piped output carries no colour codes.
    assert!(!run.stdout.contains('\x1b'));
    assert!(
        run.stderr.contains("building the search index"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("match; showing the first 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_first_search_builds_the_index_with_one_line_and_later_ones_say_nothing() {
    let sandbox = Sandbox::new();
    let first = sandbox.run(&sample(), &["search", "napkin"]);
    let notices: Vec<&str> = first.stderr.lines().collect();
    assert_eq!(notices.len(), 1, "{}", first.stderr);
    assert!(notices[0].starts_with("fieldnotes: building the search index (there is none yet)"));
    let second = sandbox.run(&sample(), &["search", "napkin"]);
    assert_eq!(second.stderr, "");
    assert_eq!(second.stdout, first.stdout);
}

#[test]
fn json_results_carry_ids_codes_snippets_and_byte_ranges() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&sample(), &["search", "--json", "napkin"]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(json["total"], 1);
    assert_eq!(json["near"], false);
    let hit = &json["hits"][0];
    assert_eq!(hit["id"], "2008-11-18-town-hall-boise");
    assert_eq!(hit["kind"], "meeting");
    assert!(
        hit["why"]
            .as_array()
            .is_some_and(|w| w.iter().any(|c| c == "being-heard"))
    );
    let text = hit["snippet"]["text"].as_str().expect("a snippet");
    let mark = &hit["snippet"]["marks"][0];
    let range = mark["start"].as_u64().expect("start") as usize
        ..mark["end"].as_u64().expect("end") as usize;
    assert_eq!(&text[range], "napkin");
}

#[test]
fn a_malformed_query_is_a_usage_error_that_points_at_the_bad_part() {
    let sandbox = Sandbox::new();
    for (query, words) in [
        ("why: trust", "why:"),
        ("\"tape deck", "\"tape deck"),
        ("date:2024-13", "2024-13"),
        ("colour:red", "colour:"),
    ] {
        let run = sandbox.run(&sample(), &["search", query]);
        assert_eq!(run.code, Some(2), "{query}: {}", run.describe());
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains(words), "{query}: {}", run.stderr);
        // miette draws the query with the bad part underlined.
        assert!(
            run.stderr.contains('─') || run.stderr.contains('^'),
            "{query}: {}",
            run.stderr
        );
    }
}

#[test]
fn the_limit_must_be_positive_and_may_be_huge() {
    let sandbox = Sandbox::new();
    let zero = sandbox.run(&sample(), &["search", "-n", "0", "boombox"]);
    assert_eq!(zero.code, Some(2), "{}", zero.describe());
    let huge = sandbox.run(
        &sample(),
        &["search", "-n", "18446744073709551615", "boombox"],
    );
    assert_eq!(huge.code, Some(0), "{}", huge.describe());
    assert_eq!(huge.stdout.matches("\n\n").count(), 5, "{}", huge.stdout);
}

#[test]
fn no_match_says_so_and_near_spellings_are_labelled() {
    let sandbox = Sandbox::new();
    let none = sandbox.run(&sample(), &["search", "xylophone"]);
    assert_eq!(none.code, Some(0));
    assert!(none.stdout.is_empty());
    assert!(none.stderr.contains("No notes match."), "{}", none.stderr);
    let near = sandbox.run(&sample(), &["search", "napkn"]);
    assert!(
        near.stdout.contains("2008-11-18-town-hall-boise"),
        "{}",
        near.stdout
    );
    assert!(near.stderr.contains("near spellings"), "{}", near.stderr);
}

#[test]
fn index_reports_what_it_read_and_rebuild_starts_over() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    let first = sandbox.run(&notebook, &["index"]);
    assert!(
        first.stdout.starts_with("Search index built from 58 files"),
        "{}",
        first.stdout
    );
    let again = sandbox.run(&notebook, &["index"]);
    assert!(
        again.stdout.starts_with("Search index already current"),
        "{}",
        again.stdout
    );
    // Once the copies' times are old enough to trust, touching one file reads only it.
    std::thread::sleep(Duration::from_millis(2100));
    sandbox.run(&notebook, &["index"]);
    let touched = notebook.join("photo-store/2023-05-06-photographer-walks-built-trust.yaml");
    std::fs::File::options()
        .write(true)
        .open(&touched)
        .and_then(|f| f.set_modified(std::time::SystemTime::now() - Duration::from_secs(60)))
        .expect("touch");
    let checked = sandbox.run(&notebook, &["index"]);
    assert!(
        checked
            .stdout
            .starts_with("Search index already current (1 file touched but unchanged)"),
        "{}",
        checked.stdout
    );
    std::fs::remove_file(notebook.join("photo-store/2024-03-02-first-camera-with-dad.yaml"))
        .expect("delete");
    let after = sandbox.run(&notebook, &["index"]);
    assert!(
        after
            .stdout
            .starts_with("Search index 0 files read (0 new), 1 removed"),
        "{}",
        after.stdout
    );
    assert!(after.stdout.contains(": 57 notes at "), "{}", after.stdout);
    let rebuilt = sandbox.run(&notebook, &["index", "--rebuild"]);
    assert!(
        rebuilt
            .stdout
            .starts_with("Search index built from 57 files"),
        "{}",
        rebuilt.stdout
    );
    assert!(
        rebuilt
            .stderr
            .contains("building the search index (as asked)"),
        "{}",
        rebuilt.stderr
    );
}

#[test]
fn processes_searching_and_writing_at_once_never_see_a_lock_error() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    let searchers: Vec<_> = (0..4)
        .map(|i| {
            let query = if i % 2 == 0 { "boombox" } else { "napkin" };
            sandbox.spawn(&notebook, &["search", query])
        })
        .collect();
    // Meanwhile, notes are written and searched for.
    for n in 0..5 {
        let title = format!("Parallel note number {n} about zanzibar");
        let made = sandbox.run(
            &notebook,
            &["new", "interview", "--title", &title, "--no-edit"],
        );
        assert_eq!(made.code, Some(0), "{}", made.describe());
        let found = sandbox.run_within(
            &notebook,
            &["search", "zanzibar", "--json"],
            Duration::from_secs(60),
        );
        assert_eq!(found.code, Some(0), "{}", found.describe());
        let json: serde_json::Value = serde_json::from_str(&found.stdout).expect("JSON");
        assert_eq!(json["total"], n + 1, "{}", found.describe());
    }
    for child in searchers {
        let output = child.wait_with_output().expect("the search ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(!stderr.to_lowercase().contains("lock"), "{stderr}");
        assert!(!output.stdout.is_empty());
    }
}

#[test]
fn many_first_searches_at_once_all_build_or_wait_for_one_index() {
    // Every round starts from an empty cache, so the processes race to create the index's
    // folder: none may take another's new folder for damage and clear it.
    for round in 0..6 {
        let sandbox = Sandbox::new();
        let notebook = sandbox.path("nb");
        copy_dir(&sample(), &notebook);
        let searchers: Vec<_> = (0..6)
            .map(|_| sandbox.spawn(&notebook, &["search", "boombox"]))
            .collect();
        for child in searchers {
            let output = child.wait_with_output().expect("the search ends");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "round {round}: {stderr}");
            assert!(!stderr.contains("damaged"), "round {round}: {stderr}");
            assert!(String::from_utf8_lossy(&output.stdout).contains("boombox"));
        }
    }
}

/// A process that is resumed and stopped when the test ends, however it ends, so a failed
/// assertion never leaves a suspended watcher behind.
struct Background(std::process::Child);

impl Drop for Background {
    fn drop(&mut self) {
        let pid = self.0.id().to_string();
        let _ = std::process::Command::new("kill")
            .args(["-CONT", &pid])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One field of every hit `search --json QUERY` gives.
fn hits(sandbox: &Sandbox, notebook: &Path, query: &str, field: &str) -> Vec<String> {
    let run = sandbox.run(notebook, &["search", "--json", query]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    json["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h[field].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[cfg(unix)]
#[test]
fn with_a_watcher_every_change_is_still_seen_by_the_next_search() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    let mut watcher = Background(sandbox.spawn(&notebook, &["watch"]));
    let index = fieldnotes::index::location(&sandbox.path("cache/fieldnotes"), &notebook);
    let socket = index.join("watch.sock");
    let started = std::time::Instant::now();
    while !socket.exists() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(socket.exists(), "the watcher did not start");
    let ids = |query: &str| hits(&sandbox, &notebook, query, "id");
    let paths = |query: &str| hits(&sandbox, &notebook, query, "path");
    assert_eq!(ids("napkin"), ["2008-11-18-town-hall-boise"]);
    // Edited in place, right before the search: the watcher must have seen it.
    let boise = notebook.join("listener-town-halls/2008-11-18-town-hall-boise.yaml");
    let text = std::fs::read_to_string(&boise).expect("read");
    std::fs::write(&boise, text.replace("napkin", "tissue")).expect("write");
    assert!(ids("napkin").is_empty());
    assert_eq!(ids("tissue"), ["2008-11-18-town-hall-boise"]);
    // The searches asked the watcher rather than checking the files themselves.
    std::fs::write(&boise, text.replace("napkin", "tissus")).expect("write");
    let vouched = sandbox.run(&notebook, &["index"]);
    assert!(
        vouched
            .stdout
            .starts_with("Search index kept current by `fieldnotes watch`"),
        "{}",
        vouched.describe()
    );
    assert_eq!(ids("tissus"), ["2008-11-18-town-hall-boise"]);
    // Added, renamed, removed.
    std::fs::write(
        notebook.join("2024-06-01-zanzibar.yaml"),
        "kind: interview\ntitle: Zanzibar trip\ndate: 2024-06-01\n",
    )
    .expect("add");
    assert_eq!(ids("zanzibar"), ["2024-06-01-zanzibar"]);
    std::fs::rename(
        notebook.join("2024-06-01-zanzibar.yaml"),
        notebook.join("insights/2024-06-02-zanzibar.yaml"),
    )
    .expect("rename");
    assert_eq!(ids("zanzibar"), ["2024-06-02-zanzibar"]);
    std::fs::remove_file(notebook.join("insights/2024-06-02-zanzibar.yaml")).expect("remove");
    assert!(ids("zanzibar").is_empty());
    // A whole folder renamed, then ignored through .gitignore, then removed.
    std::fs::rename(notebook.join("photo-store"), notebook.join("camera-shop")).expect("rename");
    assert_eq!(
        paths("\"wrong box\""),
        ["camera-shop/2024-03-02-first-camera-with-dad.yaml"]
    );
    std::fs::write(notebook.join(".gitignore"), "camera-shop/\n").expect("ignore");
    assert!(paths("\"wrong box\"").is_empty());
    std::fs::remove_file(notebook.join(".gitignore")).expect("unignore");
    assert_eq!(paths("\"wrong box\"").len(), 1);
    std::fs::write(notebook.join(".ignore"), "camera-shop/\n").expect("ignore");
    assert!(paths("\"wrong box\"").is_empty());
    std::fs::remove_file(notebook.join(".ignore")).expect("unignore");
    // A change inside a folder the root's .gitignore excludes stays out of search.
    std::fs::write(notebook.join(".gitignore"), "drafts/\n").expect("ignore drafts");
    std::fs::create_dir_all(notebook.join("drafts")).expect("drafts");
    std::fs::write(
        notebook.join("drafts/2024-06-03-draft.yaml"),
        "kind: interview\ntitle: Quokka draft\ndate: 2024-06-03\n",
    )
    .expect("a draft");
    assert!(ids("quokka").is_empty());
    std::fs::remove_dir_all(notebook.join("camera-shop")).expect("remove a folder");
    assert!(paths("\"wrong box\"").is_empty());
    // A second watcher on the same notebook refuses to start.
    let second = sandbox.run(&notebook, &["watch"]);
    assert_eq!(second.code, Some(3), "{}", second.describe());
    assert!(
        second.stderr.contains("is already watched") && second.stderr.contains("fieldnotes UI"),
        "{}",
        second.stderr
    );
    // A watcher suspended with Ctrl-Z holds no search up for long.
    let pid = watcher.0.id().to_string();
    let signal = |name: &str| {
        let sent = std::process::Command::new("kill")
            .args([name, &pid])
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "kill {name}");
    };
    signal("-STOP");
    let stuck = sandbox.run(&notebook, &["search", "napkin"]);
    signal("-CONT");
    assert_eq!(stuck.code, Some(0), "{}", stuck.describe());
    assert!(stuck.stderr.contains("does not answer"), "{}", stuck.stderr);
    assert!(
        stuck.elapsed < Duration::from_secs(20),
        "{:?}",
        stuck.elapsed
    );
    // Searches go on working, from the files, once the watcher is gone.
    watcher.0.kill().expect("stop the watcher");
    let _ = watcher.0.wait();
    let alone = sandbox.run(&notebook, &["index"]);
    assert!(
        !alone.stdout.contains("fieldnotes watch"),
        "{}",
        alone.stdout
    );
    std::fs::write(&boise, text).expect("put it back");
    assert_eq!(ids("napkin"), ["2008-11-18-town-hall-boise"]);
}

#[test]
fn an_id_or_its_slug_finds_that_note_first() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    let id = "1979-03-15-salaryman-yamanote-line";
    for typed in [id, "salaryman-yamanote-line", "SALARYMAN-YAMANOTE-LINE"] {
        let found = sandbox.run(&notebook, &["search", typed, "--json"]);
        assert_eq!(found.code, Some(0), "{}", found.describe());
        let json: serde_json::Value = serde_json::from_str(&found.stdout).expect("JSON");
        assert_eq!(json["hits"][0]["id"], id, "{typed}: {}", found.stdout);
        let ids: Vec<&str> = json["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .filter_map(|h| h["id"].as_str())
            .collect();
        assert_eq!(ids.iter().filter(|i| **i == id).count(), 1, "{ids:?}");
        assert_eq!(json["total"].as_u64(), Some(ids.len() as u64), "{typed}");
    }
    // A word that is a slug nowhere searches as before.
    let found = sandbox.run(&notebook, &["search", "boombox"]);
    assert!(
        found.stdout.contains("Teen carrying a boombox"),
        "{}",
        found.describe()
    );
}
