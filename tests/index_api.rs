//! The index as a program hosting it uses it (the terminal UI): opening without a scan,
//! searching without passages, highlighting whole notes, facets, broken files, and following
//! the notebook from another thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use fieldnotes::index::{Facets, Highlighter, Part, SearchIndex, SearchOptions, Sort};
use fieldnotes::query::{self, Mode};

mod common;

use common::TempNotebook as Fixture;

/// Three notes: two in a study spelled two ways, one of another study.
fn fixture() -> Fixture {
    let f = Fixture::new();
    f.write("trains/2024-01-10-a.yaml", "kind: interview\ntitle: Commuter with headphones\ndate: 2024-01-10\nstudy: Portable Music\nplace: Shibuya station\nresearcher: Aiko Tanaka\nparticipants:\n  - alias: P07\n    about: night nurse who walks\nwhy: [private-soundtrack]\nbody: She walks to the Shibuya train every morning.\n");
    f.write("trains/2024-02-20-b.yaml", "kind: observation\ntitle: Boombox on the platform\ndate: 2024-02-20\nstudy: portable music\nplace: Shinjuku platform\nresearcher: Ben Ortiz\nwhy: [autonomy]\nfindings:\n  - did: turns the radio down\n    quote: the tape deck is my whole room\n    why: [private-soundtrack]\n    note: walks away laughing\n");
    f.write("photo/2024-03-31-c.yaml", "kind: Interview\ntitle: Photographer at the store\ndate: 2024-03-31\nstudy: photo\nresearcher: Aiko Tanaka\nbody: Trust came from the walks.\n");
    f
}

fn parse(text: &str) -> query::Query {
    query::parse(text, Mode::Strict).expect("a valid query")
}

fn ids(index: &SearchIndex, text: &str) -> Vec<String> {
    let results = index
        .search(&parse(text), Sort::Relevance, 50)
        .expect("search");
    let mut ids: Vec<String> = results.hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

/// The words `highlighter` marks in `text` as `part`.
fn marked<'t>(highlighter: &Highlighter, part: Part, text: &'t str) -> Vec<&'t str> {
    highlighter
        .marks(part, text)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn opening_as_is_skips_the_scan_and_builds_only_what_is_missing() {
    let f = fixture();
    let notices = std::cell::RefCell::new(Vec::new());
    let notice = |line: &str| notices.borrow_mut().push(line.to_owned());
    let (index, refresh) =
        SearchIndex::open_as_is(&f.notebook(), f.cache.path(), &notice).expect("built");
    assert!(refresh.rebuilt);
    assert_eq!((refresh.read, refresh.notes), (3, 3));
    assert_eq!(notices.borrow().len(), 1, "{:?}", notices.borrow());
    drop(index);
    f.write(
        "2024-06-01-e.yaml",
        "kind: interview\ntitle: Zanzibar trip\ndate: 2024-06-01\n",
    );
    let index = open_as_is_past_a_silent_watcher(&f);
    assert!(ids(&index, "zanzibar").is_empty(), "no scan was made");
    let refresh = index.refresh(&|_| {}).expect("refresh");
    assert_eq!((refresh.read, refresh.added, refresh.notes), (1, 1, 4));
    assert_eq!(ids(&index, "zanzibar"), ["2024-06-01-e"]);
    // A damaged index, or one for another language, is built as `open` builds it.
    std::fs::write(index.folder().join("tantivy/meta.json"), "{ not json").expect("damage");
    drop(index);
    let open_as_is = || SearchIndex::open_as_is(&f.notebook(), f.cache.path(), &|_| {});
    let (index, refresh) = open_as_is().expect("rebuilt");
    assert!(refresh.rebuilt);
    assert_eq!(ids(&index, "zanzibar"), ["2024-06-01-e"]);
    f.write("fieldnotes.yaml", "name: test\nlanguage: none\n");
    assert!(open_as_is().expect("rebuilt").1.rebuilt);
}

/// `open_as_is` with a socket where a watcher would answer, which never does: asking it would
/// take a second and a notice.
fn open_as_is_past_a_silent_watcher(f: &Fixture) -> SearchIndex {
    let folder = fieldnotes::index::location(f.cache.path(), f.root());
    #[cfg(unix)]
    let _silent = std::os::unix::net::UnixListener::bind(folder.join("watch.sock"))
        .expect("a socket nobody answers on");
    let notices = std::cell::RefCell::new(Vec::new());
    let started = Instant::now();
    let (index, refresh) = SearchIndex::open_as_is(&f.notebook(), f.cache.path(), &|l| {
        notices.borrow_mut().push(l.to_owned())
    })
    .expect("opens");
    assert!(started.elapsed() < Duration::from_millis(900));
    assert!(notices.into_inner().is_empty());
    assert!(!refresh.rebuilt && !refresh.watched, "{refresh:?}");
    assert_eq!((refresh.read, refresh.notes), (0, 3));
    #[cfg(unix)]
    let _ = std::fs::remove_file(folder.join("watch.sock"));
    index
}

#[test]
fn searching_without_snippets_still_marks_titles() {
    let f = fixture();
    let index = f.open();
    let query = parse("walks");
    let options = SearchOptions {
        snippets: false,
        ..SearchOptions::default()
    };
    assert_eq!(SearchOptions::default().limit, 50);
    let (bare, _) = index.search_with(&query, options).expect("search");
    let full = index.search(&query, Sort::Relevance, 50).expect("search");
    assert_eq!(bare.total, 3);
    assert!(bare.hits.iter().all(|h| h.snippet.is_none()));
    assert!(full.hits.iter().all(|h| h.snippet.is_some()));
    for (b, f) in bare.hits.iter().zip(&full.hits) {
        assert_eq!((&b.id, &b.title_marks), (&f.id, &f.title_marks));
    }
    let (one, _) = index
        .search_with(&parse("photographer"), options)
        .expect("search");
    assert_eq!(one.hits[0].title_marks, vec![0..12]);
}

#[test]
fn the_highlighter_marks_each_part_as_the_search_matched_it() {
    let f = fixture();
    let index = f.open();
    let (results, hl) = index
        .search_with(
            &parse("walking place:shibuya by:aiko"),
            SearchOptions::default(),
        )
        .expect("search");
    assert_eq!(results.total, 1);
    let text = "Aiko walks through Shibuya";
    assert_eq!(marked(&hl, Part::Body, text), ["walks"]);
    assert_eq!(marked(&hl, Part::Place, text), ["walks", "Shibuya"]);
    assert_eq!(marked(&hl, Part::By, text), ["Aiko"]);
    assert_eq!(marked(&hl, Part::Who, "night nurse who walks"), ["walks"]);
    for part in [Part::Title, Part::Quote, Part::Did, Part::Note, Part::Other] {
        assert_eq!(marked(&hl, part, text), ["walks"], "{part:?}");
    }
    // It owns what it needs: it outlives the index and moves to another thread.
    drop(index);
    let moved = std::thread::spawn(move || hl.clone().marks(Part::Place, "Shibuya"))
        .join()
        .expect("the thread");
    assert_eq!(moved, vec![0..7]);
    assert!(Highlighter::default().marks(Part::Body, text).is_empty());
}

#[test]
fn the_highlighter_marks_near_spellings_when_the_search_fell_back_to_them() {
    let f = fixture();
    let index = f.open();
    let (results, hl) = index
        .search_with(&parse("photgrapher"), SearchOptions::default())
        .expect("search");
    assert!(results.near);
    assert_eq!(
        marked(&hl, Part::Title, "Photographer at the store"),
        ["Photographer"]
    );
    // Nothing to look for, nothing marked.
    let (_, everything) = index
        .search_with(&parse("kind:interview"), SearchOptions::default())
        .expect("search");
    assert!(everything.marks(Part::Title, "interview").is_empty());
}

#[test]
fn facets_count_live_notes_per_kind_study_and_code() {
    let f = fixture();
    f.write(
        "2024-05-01-broken.yaml",
        "kind: interview\ntitle: [unclosed\n",
    );
    let index = f.open();
    let pairs = |list: &[(&str, usize)]| -> Vec<(String, usize)> {
        list.iter().map(|(s, n)| (s.to_string(), *n)).collect()
    };
    let expected = Facets {
        kinds: pairs(&[("interview", 2), ("observation", 1)]),
        studies: pairs(&[("Portable Music", 2), ("photo", 1)]),
        // A code counts the notes of its sub-codes too, as `why:autonomy` finds them.
        codes: pairs(&[("autonomy", 2), ("private-soundtrack", 2)]),
    };
    assert_eq!(index.facets().expect("facets"), expected);
    for n in 1..=4 {
        let note = format!("kind: social\ntitle: Post {n}\ndate: 2024-04-0{n}\n");
        f.write(&format!("social/2024-04-0{n}-post.yaml"), &note);
    }
    // Files this fresh are read again by every refresh; once their times can be trusted, the
    // next refresh reads only what changed, and the documents it replaces stay in their
    // segment, marked deleted, until a merge.
    std::thread::sleep(Duration::from_millis(2100));
    index.refresh(&|_| {}).expect("refresh");
    f.write(
        "trains/2024-02-20-b.yaml",
        "kind: meeting\ntitle: Boombox on the platform\ndate: 2024-02-20\nstudy: photo\n",
    );
    f.write(
        "photo/2024-03-31-c.yaml",
        "kind: meeting\ntitle: Photographer at the store\ndate: 2024-03-31\nstudy: Photo\n",
    );
    index.refresh(&|_| {}).expect("refresh");
    let expected = Facets {
        kinds: pairs(&[("social", 4), ("meeting", 2), ("interview", 1)]),
        studies: pairs(&[("Photo", 2), ("Portable Music", 1)]),
        codes: pairs(&[("autonomy", 1), ("private-soundtrack", 1)]),
    };
    assert_eq!(index.facets().expect("facets"), expected);
}

#[test]
fn broken_files_are_listed_by_path_until_they_are_mended() {
    let f = fixture();
    f.write(
        "z/2024-05-01-broken.yaml",
        "kind: interview\ntitle: [unclosed\n",
    );
    let mended = f.write("a/2024-05-02-broken.yaml", "title: no kind or date\n");
    let index = f.open();
    assert_eq!(
        index.broken_paths().expect("broken"),
        ["a/2024-05-02-broken.yaml", "z/2024-05-01-broken.yaml"]
    );
    std::fs::write(
        &mended,
        "kind: interview\ntitle: Mended\ndate: 2024-05-02\n",
    )
    .expect("mend");
    index.refresh(&|_| {}).expect("refresh");
    assert_eq!(
        index.broken_paths().expect("broken"),
        ["z/2024-05-01-broken.yaml"]
    );
}

#[test]
fn a_note_is_found_by_its_id() {
    let f = fixture();
    let index = f.open();
    let path = index.path_of("2024-03-31-c").expect("looked up");
    assert_eq!(path.as_deref(), Some("photo/2024-03-31-c.yaml"));
    assert_eq!(index.path_of("2024-03-31").expect("looked up"), None);
}

#[cfg(unix)]
mod following {
    use super::*;
    use fieldnotes::index::watch;
    use std::sync::mpsc;

    /// `follow` on its own thread; stopped and joined when dropped.
    struct Follower {
        stop: Arc<AtomicBool>,
        thread: Option<std::thread::JoinHandle<fieldnotes::error::Result<()>>>,
    }

    impl Follower {
        fn start(index: &Arc<SearchIndex>, answer: bool) -> (Follower, mpsc::Receiver<usize>) {
            let stop = Arc::new(AtomicBool::new(false));
            let (send, heard) = mpsc::channel();
            let (index, halt) = (Arc::clone(index), Arc::clone(&stop));
            let thread = std::thread::spawn(move || {
                let mut told = |r: &fieldnotes::index::Refresh| {
                    let _ = send.send(r.read + r.removed);
                };
                watch::follow(&index, answer, &halt, &mut told, &mut || Ok(()), &|_| {})
            });
            let follower = Follower {
                stop,
                thread: Some(thread),
            };
            (follower, heard)
        }

        /// Stops it and says how long it took to return.
        fn stop(mut self) -> Duration {
            self.stop.store(true, Ordering::Relaxed);
            let started = Instant::now();
            let thread = self.thread.take().expect("running");
            thread.join().expect("no panic").expect("no error");
            started.elapsed()
        }
    }

    impl Drop for Follower {
        fn drop(&mut self) {
            self.stop.store(true, Ordering::Relaxed);
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }

    fn wait_for(what: &str, done: impl Fn() -> bool) {
        let started = Instant::now();
        while !done() {
            assert!(started.elapsed() < Duration::from_secs(20), "{what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn a_follower_thread_keeps_a_shared_index_current_and_stops_when_asked() {
        let f = fixture();
        let index = Arc::new(f.open());
        // Made before the follower starts: its first refresh takes it in.
        f.write(
            "2024-06-01-e.yaml",
            "kind: interview\ntitle: Zanzibar trip\ndate: 2024-06-01\n",
        );
        let (follower, heard) = Follower::start(&index, false);
        assert_eq!(heard.recv_timeout(Duration::from_secs(20)), Ok(1));
        assert_eq!(ids(&index, "zanzibar"), ["2024-06-01-e"]);
        f.write(
            "2024-06-02-f.yaml",
            "kind: interview\ntitle: Mombasa trip\ndate: 2024-06-02\n",
        );
        assert_eq!(heard.recv_timeout(Duration::from_secs(20)), Ok(1));
        assert_eq!(ids(&index, "mombasa"), ["2024-06-02-f"]);
        // Without answering, it leaves no socket for searches to ask.
        assert!(!index.folder().join("watch.sock").exists());
        let took = follower.stop();
        assert!(took < Duration::from_millis(600), "{took:?}");
    }

    #[test]
    fn a_follower_answers_searches_only_when_no_other_watcher_does() {
        let f = fixture();
        let index = Arc::new(f.open());
        let socket = index.folder().join("watch.sock");
        let other_watcher = std::fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(index.folder().join("watch.lock"))
            .expect("the watch lock");
        other_watcher.try_lock().expect("taken");
        let (quiet, heard) = Follower::start(&index, true);
        f.write(
            "2024-06-01-e.yaml",
            "kind: interview\ntitle: Zanzibar trip\ndate: 2024-06-01\n",
        );
        assert_eq!(heard.recv_timeout(Duration::from_secs(20)), Ok(1));
        assert!(!socket.exists(), "another watcher answers");
        quiet.stop();
        drop(other_watcher);
        let (answering, _heard) = Follower::start(&index, true);
        wait_for("the follower listens", || socket.exists());
        let (_, refresh) =
            SearchIndex::open(&f.notebook(), f.cache.path(), &|_| {}).expect("opens");
        assert!(refresh.watched, "the follower vouched for the index");
        let took = answering.stop();
        assert!(took < Duration::from_millis(600), "{took:?}");
        assert!(
            !socket.exists(),
            "a stopped follower leaves no socket behind"
        );
        let (_, refresh) =
            SearchIndex::open(&f.notebook(), f.cache.path(), &|_| {}).expect("opens");
        assert!(!refresh.watched);
    }
}
