//! Search through the library: relevance on the sample notebook, every query operator on a
//! small notebook written here, and freshness after every kind of change on disk.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use fieldnotes::index::{Results, SearchIndex, Sort};
use fieldnotes::notebook::Notebook;
use fieldnotes::query::{self, Mode};
use tempfile::TempDir;

/// A notebook in a temp folder with its own cache folder.
struct Fixture {
    dir: TempDir,
    cache: TempDir,
}

const CODEBOOK: &str = "codes:
  - name: autonomy
    description: decides for themselves
  - name: private-soundtrack
    description: their own music
    parent: autonomy
  - name: trust-through-people
    description: trusts people before products
";

impl Fixture {
    fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
            cache: tempfile::tempdir().expect("temp dir"),
        };
        fixture.write("fieldnotes.yaml", "name: test\nlanguage: en\n");
        fixture.write("codebook.yaml", CODEBOOK);
        fixture
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, path: &str, text: &str) -> PathBuf {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        path
    }

    fn note(&self, id: &str, fields: &str) -> PathBuf {
        self.write(&format!("{id}.yaml"), fields)
    }

    fn open(&self) -> SearchIndex {
        let notebook = Notebook::open(self.root()).expect("a notebook");
        SearchIndex::open(&notebook, self.cache.path(), &|_| {})
            .expect("the index opens")
            .0
    }

    fn ids(&self, text: &str) -> Vec<String> {
        ids(&search(&self.open(), text))
    }
}

fn search(index: &SearchIndex, text: &str) -> Results {
    let query = query::parse(text, Mode::Strict).expect("a valid query");
    index
        .search(&query, Sort::Relevance, 50)
        .expect("search works")
}

fn ids(results: &Results) -> Vec<String> {
    let mut ids: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
    ids.sort();
    ids
}

fn sample() -> (SearchIndex, TempDir) {
    let cache = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("research");
    let notebook = Notebook::open(&root).expect("the sample notebook");
    let index = SearchIndex::open(&notebook, cache.path(), &|_| {})
        .expect("opens")
        .0;
    (index, cache)
}

#[test]
fn the_expected_note_ranks_first_in_the_sample_notebook() {
    let (index, _cache) = sample();
    let cases = [
        (
            "photo walks made her trust",
            "2023-05-06-photographer-walks-built-trust",
        ),
        ("shift's soundtrack", "2008-10-08-night-nurse-follow-up"),
        ("私だけのもの", "1979-03-18-harajuku-dancer-train-home"),
        ("wrong box", "2024-03-02-first-camera-with-dad"),
        ("napkin", "2008-11-18-town-hall-boise"),
        ("\"whole carriage\"", "1979-03-14-teen-boombox-shibuya"),
        ("boombox shibuya", "1979-03-14-teen-boombox-shibuya"),
        ("night nurse", "2008-10-08-night-nurse-follow-up"),
    ];
    for (text, expected) in cases {
        let results = search(&index, text);
        let first = results.hits.first().map(|h| h.id.as_str());
        assert_eq!(first, Some(expected), "first result for {text:?}");
    }
}

#[test]
fn a_matching_quote_is_the_snippet_with_the_words_marked() {
    let (index, _cache) = sample();
    let results = search(&index, "whole carriage");
    let hit = &results.hits[0];
    let snippet = hit.snippet.as_ref().expect("a snippet");
    assert_eq!(snippet.field, "quote");
    assert_eq!(
        snippet.text,
        "I don't want the whole carriage listening to my music."
    );
    let marked: Vec<&str> = snippet
        .marks
        .iter()
        .map(|r| &snippet.text[r.clone()])
        .collect();
    assert_eq!(marked, ["whole", "carriage"]);
}

#[test]
fn title_marks_point_at_the_matched_words() {
    let (index, _cache) = sample();
    let hit = &search(&index, "boombox")
        .hits
        .into_iter()
        .find(|h| h.id == "1979-03-14-teen-boombox-shibuya")
        .expect("the boombox interview");
    let marked: Vec<&str> = hit
        .title_marks
        .iter()
        .map(|r| &hit.title[r.clone()])
        .collect();
    assert_eq!(marked, ["boombox"]);
}

fn operators_fixture() -> Fixture {
    let f = Fixture::new();
    f.note("2024-01-10-a", "kind: interview\ntitle: Commuter with headphones\ndate: 2024-01-10\nstudy: Trains\nplace: Shibuya station\nresearcher: Aiko Tanaka\nparticipants:\n  - alias: P07\n    about: night nurse\ntags: [commute, Music]\nwhy: [private-soundtrack]\nbody: She walks to the train every morning.\n");
    f.note("2024-02-20-b", "kind: observation\ntitle: Boombox on the platform\ndate: 2024-02-20T08:15\nstudy: trains\nplace: Shinjuku platform\nresearcher: Ben Ortiz\ntags: [boombox]\nwhy: [autonomy]\nfindings:\n  - did: turns the radio down\n    quote: the tape deck is my whole room\n    why: [trust-through-people]\n");
    f.note("2024-03-31-c", "kind: interview\ntitle: Photographer at the store\ndate: 2024-03-31\nstudy: photo\nplace: Camera store\nresearcher: Aiko Tanaka\nparticipants:\n  - alias: P12\n    about: wedding photographer\ntags: [camera]\nwhy: [trust-through-people]\nbody: Trust came from the walks, not the deck of prices.\n");
    f.note("2023-12-31-d", "kind: meeting\ntitle: 帰りの電車で音楽を聴く\ndate: 2023-12-31\nbody: みんなで踊る時は大きい音がいい。私だけのもの。\n");
    f
}

#[test]
fn every_operator_finds_what_it_says() {
    let f = operators_fixture();
    let index = f.open();
    let cases: [(&str, &[&str]); 28] = [
        ("headphones", &["2024-01-10-a"]),
        ("walking train", &["2024-01-10-a"]),
        ("train boombox", &[]),
        ("\"tape deck\"", &["2024-02-20-b"]),
        ("\"deck tape\"", &[]),
        ("deck", &["2024-02-20-b", "2024-03-31-c"]),
        ("headphones OR boombox", &["2024-01-10-a", "2024-02-20-b"]),
        ("deck -prices", &["2024-02-20-b"]),
        ("deck -\"tape deck\"", &["2024-03-31-c"]),
        ("why:autonomy", &["2024-01-10-a", "2024-02-20-b"]),
        ("why:private-soundtrack", &["2024-01-10-a"]),
        (
            "why:trust-through-people",
            &["2024-02-20-b", "2024-03-31-c"],
        ),
        ("-why:autonomy kind:interview", &["2024-03-31-c"]),
        ("#music", &["2024-01-10-a"]),
        ("tag:Boombox", &["2024-02-20-b"]),
        ("kind:observation", &["2024-02-20-b"]),
        ("study:trains", &["2024-01-10-a", "2024-02-20-b"]),
        ("place:shibuya", &["2024-01-10-a"]),
        ("by:aiko", &["2024-01-10-a", "2024-03-31-c"]),
        ("who:nurse", &["2024-01-10-a"]),
        ("on:2024-02", &["2024-02-20-b"]),
        // The last day of a period belongs to it, not to what comes after.
        (
            "before:2024-03-31",
            &["2023-12-31-d", "2024-01-10-a", "2024-02-20-b"],
        ),
        ("headphones OR -deck", &["2023-12-31-d", "2024-01-10-a"]),
        (
            "after:2024-01 before:2024-04",
            &["2024-02-20-b", "2024-03-31-c"],
        ),
        ("date:2023..2024-01", &["2023-12-31-d", "2024-01-10-a"]),
        ("電車", &["2023-12-31-d"]),
        // A term with nothing searchable in it matches nothing, never everything.
        ("!!!", &[]),
        ("headphones \"...\"", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(ids(&search(&index, text)), expected, "query {text:?}");
    }
}

#[test]
fn cjk_is_found_by_any_word_inside_it() {
    let f = operators_fixture();
    assert_eq!(f.ids("私だけのもの"), ["2023-12-31-d"]);
    assert_eq!(f.ids("音楽"), ["2023-12-31-d"]);
    assert_eq!(f.ids("私"), ["2023-12-31-d"]);
    assert!(f.ids("私の電車").is_empty());
}

#[test]
fn typing_matches_the_last_word_as_a_prefix() {
    let f = operators_fixture();
    let index = f.open();
    let typed = |text: &str| {
        let query = query::parse(text, Mode::Typing).expect("typing never fails");
        ids(&index.search(&query, Sort::Relevance, 50).expect("search"))
    };
    assert_eq!(typed("photogr"), ["2024-03-31-c"]);
    assert_eq!(typed("commuter head"), ["2024-01-10-a"]);
    assert_eq!(typed("why:priv"), ["2024-01-10-a"]);
    assert_eq!(typed("\"tape de"), ["2024-02-20-b"]);
    // Strictly, an unfinished word is a word.
    assert!(f.ids("photogr").is_empty());
}

#[test]
fn a_lone_letter_being_typed_narrows_nothing_yet() {
    let f = operators_fixture();
    let index = f.open();
    let typed = |text: &str| {
        let query = query::parse(text, Mode::Typing).expect("typing never fails");
        index.search(&query, Sort::Relevance, 50).expect("search")
    };
    let tape = typed("tape w");
    assert_eq!(ids(&tape), ["2024-02-20-b"]);
    assert!(!tape.near);
    // Highlighted as `tape` alone is: the letter is not looked for anywhere.
    assert_eq!(tape.hits[0].snippet, typed("tape").hits[0].snippet);
    let all = [
        "2023-12-31-d",
        "2024-01-10-a",
        "2024-02-20-b",
        "2024-03-31-c",
    ];
    assert_eq!(ids(&typed("w")), all);
    assert_eq!(ids(&typed("place:s")), all);
    // Two letters that are a word count as that word; two that are none narrow nothing
    // yet. A CJK character and a finished one-letter word count.
    assert_eq!(ids(&typed("my")), ["2024-02-20-b"]);
    assert_eq!(ids(&typed("wh")), all);
    assert_eq!(ids(&typed("tape wh")), ["2024-02-20-b"]);
    assert_eq!(ids(&typed("私")), ["2023-12-31-d"]);
    assert!(ids(&typed("tape w ")).is_empty());
    assert!(f.ids("tape w").is_empty());
}

#[test]
fn an_open_index_sees_the_codebook_change() {
    let f = operators_fixture();
    let index = f.open();
    assert_eq!(
        ids(&search(&index, "why:autonomy")),
        ["2024-01-10-a", "2024-02-20-b"]
    );
    // Same size, so only the file's times tell.
    let moved = CODEBOOK.replace("    parent: autonomy\n", "    parent: autonomx\n");
    assert_eq!(moved.len(), CODEBOOK.len());
    f.write("codebook.yaml", &moved);
    assert_eq!(ids(&search(&index, "why:autonomy")), ["2024-02-20-b"]);
    std::fs::remove_file(f.root().join("codebook.yaml")).expect("remove");
    assert_eq!(ids(&search(&index, "why:autonomy")), ["2024-02-20-b"]);
    f.write("codebook.yaml", CODEBOOK);
    assert_eq!(
        ids(&search(&index, "why:autonomy")),
        ["2024-01-10-a", "2024-02-20-b"]
    );
}

#[test]
fn near_spellings_are_offered_only_when_nothing_matches_exactly() {
    let f = operators_fixture();
    let index = f.open();
    let results = search(&index, "photgrapher");
    assert!(results.near);
    assert_eq!(ids(&results), ["2024-03-31-c"]);
    let exact = search(&index, "photographer");
    assert!(!exact.near);
}

#[test]
fn sorting_by_date_puts_the_newest_first() {
    let f = operators_fixture();
    let index = f.open();
    let query = query::parse("deck OR headphones", Mode::Strict).expect("valid");
    let results = index.search(&query, Sort::Date, 10).expect("search");
    let order: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(order, ["2024-03-31-c", "2024-02-20-b", "2024-01-10-a"]);
}

#[test]
fn broken_files_are_counted_and_never_returned() {
    let f = operators_fixture();
    f.note("2024-05-01-broken", "kind: interview\ntitle: [unclosed\n");
    let notebook = Notebook::open(f.root()).expect("notebook");
    let (index, refresh) = SearchIndex::open(&notebook, f.cache.path(), &|_| {}).expect("opens");
    assert_eq!((refresh.notes, refresh.broken), (4, 1));
    assert_eq!(search(&index, "").total, 4);
    assert_eq!(search(&index, "-headphones").total, 3);
}

#[test]
fn every_change_on_disk_is_seen_by_the_next_search() {
    let f = operators_fixture();
    assert!(f.ids("zanzibar").is_empty());
    // Added.
    f.note(
        "2024-06-01-e",
        "kind: interview\ntitle: Zanzibar trip\ndate: 2024-06-01\n",
    );
    assert_eq!(f.ids("zanzibar"), ["2024-06-01-e"]);
    // Edited in place.
    f.note(
        "2024-06-01-e",
        "kind: interview\ntitle: Mombasa trip\ndate: 2024-06-01\n",
    );
    assert!(f.ids("zanzibar").is_empty());
    assert_eq!(f.ids("mombasa"), ["2024-06-01-e"]);
    // Renamed (into a folder).
    std::fs::create_dir_all(f.root().join("trips")).expect("mkdir");
    std::fs::rename(
        f.root().join("2024-06-01-e.yaml"),
        f.root().join("trips/2024-06-01-f.yaml"),
    )
    .expect("rename");
    assert_eq!(f.ids("mombasa"), ["2024-06-01-f"]);
    // Deleted.
    std::fs::remove_file(f.root().join("trips/2024-06-01-f.yaml")).expect("delete");
    assert!(f.ids("mombasa").is_empty());
}

#[test]
fn an_old_modification_time_put_back_does_not_hide_a_change() {
    let f = operators_fixture();
    let path = f.note(
        "2024-06-01-e",
        "kind: interview\ntitle: Zanzibar trip\ndate: 2024-06-01\n",
    );
    let old = SystemTime::now() - Duration::from_secs(3600);
    let set_time = |path: &Path| {
        let file = std::fs::File::options()
            .write(true)
            .open(path)
            .expect("open");
        file.set_modified(old).expect("set the modification time");
    };
    set_time(&path);
    // A file changed in the last two seconds is re-read anyway (its times are not trusted
    // yet); wait until only the status-change time can reveal the next change.
    std::thread::sleep(Duration::from_millis(2100));
    assert_eq!(f.ids("zanzibar"), ["2024-06-01-e"]);
    // Same size, same modification time, different words: what a checkout restoring
    // times would leave. Only the status-change time tells.
    let before = std::fs::metadata(&path).expect("metadata").len();
    std::fs::write(
        &path,
        "kind: interview\ntitle: Kilimani trip\ndate: 2024-06-01\n",
    )
    .expect("write");
    set_time(&path);
    assert_eq!(std::fs::metadata(&path).expect("metadata").len(), before);
    assert!(f.ids("zanzibar").is_empty());
    assert_eq!(f.ids("kilimani"), ["2024-06-01-e"]);
}

#[test]
fn a_corrupt_index_is_rebuilt_with_a_notice() {
    let f = operators_fixture();
    let index = f.open();
    let folder = index.folder().to_path_buf();
    drop(index);
    std::fs::write(folder.join("tantivy/meta.json"), "{ not json").expect("corrupt it");
    let notebook = Notebook::open(f.root()).expect("notebook");
    let notices = std::cell::RefCell::new(Vec::new());
    let (index, refresh) = SearchIndex::open(&notebook, f.cache.path(), &|line| {
        notices.borrow_mut().push(line.to_owned())
    })
    .expect("rebuilt");
    assert!(refresh.rebuilt);
    let notices = notices.into_inner();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("building the search index"),
        "{notices:?}"
    );
    assert_eq!(ids(&search(&index, "headphones")), ["2024-01-10-a"]);
}

#[test]
fn a_language_change_rebuilds_the_index() {
    let f = operators_fixture();
    assert_eq!(f.ids("walking"), ["2024-01-10-a", "2024-03-31-c"]);
    f.write("fieldnotes.yaml", "name: test\nlanguage: none\n");
    let notebook = Notebook::open(f.root()).expect("notebook");
    let (index, refresh) = SearchIndex::open(&notebook, f.cache.path(), &|_| {}).expect("opens");
    assert!(refresh.rebuilt);
    // Without stemming, "walking" no longer finds "walks" or "walk".
    assert!(ids(&search(&index, "walking")).is_empty());
    assert_eq!(
        ids(&search(&index, "walks")),
        ["2024-01-10-a", "2024-03-31-c"]
    );
}

#[test]
fn a_branch_switch_is_seen_by_the_next_search() {
    let f = operators_fixture();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(f.root())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "notes"]);
    // Files changed in the last two seconds are always read again; past that, only their
    // sizes and times can tell a branch switch (`headphones` and `earmuffsss` are the same
    // length), which is what this test is about.
    let settle = || {
        std::thread::sleep(std::time::Duration::from_millis(2100));
        f.ids("headphones")
    };
    assert_eq!(f.ids("headphones"), ["2024-01-10-a"]);
    assert_eq!(settle(), ["2024-01-10-a"]);
    git(&["checkout", "-q", "-b", "other"]);
    let a = f.root().join("2024-01-10-a.yaml");
    let text = std::fs::read_to_string(&a).expect("read");
    std::fs::write(&a, text.replace("headphones", "earmuffsss")).expect("edit");
    git(&["commit", "-qam", "earmuffs"]);
    assert!(f.ids("headphones").is_empty());
    assert!(settle().is_empty());
    git(&["checkout", "-q", "main"]);
    assert_eq!(f.ids("headphones"), ["2024-01-10-a"]);
    assert!(f.ids("earmuffsss").is_empty());
}

#[test]
fn an_index_opened_before_a_language_change_never_writes_old_stems_into_the_new_one() {
    let f = operators_fixture();
    let old = f.open();
    f.write("fieldnotes.yaml", "name: test\nlanguage: none\n");
    let rebuilt = f.open();
    f.note(
        "2024-06-01-e",
        "kind: interview\ntitle: Zorbings galore\ndate: 2024-06-01\n",
    );
    assert!(
        old.refresh(&|_| {}).is_err(),
        "the old index refuses to write"
    );
    // The new one indexes the note without stemming.
    rebuilt.refresh(&|_| {}).expect("refresh");
    assert_eq!(ids(&search(&rebuilt, "zorbings")), ["2024-06-01-e"]);
    // Only as a near spelling, since nothing was stemmed.
    assert!(search(&rebuilt, "zorbing").near);
}
