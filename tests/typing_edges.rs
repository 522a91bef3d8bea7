//! Typing-mode words, facets and ids at their edges: deleted notes, stems, small fields,
//! unfinished phrases, sub-codes, duplicate ids, and an index of another schema.

use fieldnotes::index::{SearchIndex, Sort};
use fieldnotes::query::{self, Mode};

mod common;

use common::TempNotebook;

/// Writes an interview note at `path` with `title` and `extra` lines.
fn note(f: &TempNotebook, path: &str, title: &str, extra: &str) {
    f.write(
        path,
        &format!("kind: interview\ntitle: {title}\ndate: 2024-01-01\n{extra}"),
    );
}

fn typed(index: &SearchIndex, text: &str) -> Vec<String> {
    let q = query::parse(text, Mode::Typing).unwrap();
    let mut ids: Vec<String> = index
        .search(&q, Sort::Relevance, 50)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

/// Two letters that were a word only in a deleted note narrow nothing, like one letter.
#[test]
fn two_letters_only_in_a_deleted_note_narrow_nothing() {
    let f = TempNotebook::new();
    note(&f, "2024-01-01-a.yaml", "Plain", "body: nothing here\n");
    let b = f.root().join("2024-01-02-b.yaml");
    note(&f, "2024-01-02-b.yaml", "Coupler", "body: the xq coupler\n");
    let index = f.open();
    assert_eq!(typed(&index, "xq"), ["2024-01-02-b"]);
    // Once the files' times can be trusted, a refresh leaves note a alone.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    index.refresh(&|_| {}).unwrap();
    std::fs::remove_file(b).unwrap();
    index.refresh(&|_| {}).unwrap();
    // "xq" is no word any more: like one letter, it should narrow nothing.
    assert_eq!(typed(&index, "xq"), ["2024-01-01-a"]);
}

/// Three typed letters narrow, even when their stem has two (`ads` is stemmed to `ad`).
#[test]
fn three_typed_letters_whose_stem_has_two_still_narrow() {
    let f = TempNotebook::new();
    note(&f, "2024-01-01-a.yaml", "Plain", "body: nothing here\n");
    note(
        &f,
        "2024-01-02-b.yaml",
        "Filters",
        "body: the adsorption filter\n",
    );
    let index = f.open();
    assert_eq!(typed(&index, "adso"), ["2024-01-02-b"]);
    assert_eq!(typed(&index, "ads"), ["2024-01-02-b"]);
}

/// A filter on a small field keeps matching word beginnings from two letters on.
#[test]
fn place_ny_still_finds_nyc_while_typing() {
    let f = TempNotebook::new();
    note(&f, "2024-01-01-a.yaml", "One", "place: NY\n");
    note(&f, "2024-01-02-b.yaml", "Two", "place: NYC\n");
    note(&f, "2024-01-03-c.yaml", "Three", "place: Boston\n");
    let index = f.open();
    assert_eq!(typed(&index, "place:ny"), ["2024-01-01-a", "2024-01-02-b"]);
}

/// An unfinished phrase whose last word has one letter so far is the phrase before it.
#[test]
fn an_unfinished_phrase_ending_in_one_letter_narrows_like_the_phrase_before_it() {
    let f = TempNotebook::new();
    // A note without the phrase, which a query that narrows nothing would also return.
    note(&f, "2024-01-02-b.yaml", "Plain", "body: nothing here\n");
    note(
        &f,
        "2024-01-01-a.yaml",
        "Tape deck",
        "body: the tape deck is my room\n",
    );
    // "tape" without a word beginning with d after it: found by the phrase before the d.
    note(
        &f,
        "2024-01-03-c.yaml",
        "Recorder",
        "body: a tape recorder\n",
    );
    let index = f.open();
    assert_eq!(typed(&index, "\"tape de"), ["2024-01-01-a"]);
    assert_eq!(typed(&index, "tape d"), ["2024-01-01-a", "2024-01-03-c"]);
    assert_eq!(typed(&index, "\"tape d"), ["2024-01-01-a", "2024-01-03-c"]);
}

/// A code's count is what `why:CODE` finds, its sub-codes included.
#[test]
fn a_code_facet_counts_what_choosing_it_finds() {
    let f = TempNotebook::new();
    note(&f, "2024-01-01-a.yaml", "One", "why: [autonomy]\n");
    note(
        &f,
        "2024-01-02-b.yaml",
        "Two",
        "why: [private-soundtrack]\n",
    );
    let index = f.open();
    let facets = index.facets().unwrap();
    let autonomy = facets
        .codes
        .iter()
        .find(|(c, _)| c == "autonomy")
        .unwrap()
        .1;
    assert_eq!(autonomy, 2, "its own note and its sub-code's");
    assert_eq!(autonomy, typed(&index, "why:autonomy").len());
}

/// A duplicate id leads where `show` goes: folder by folder (`a/` before `a-b/`).
#[test]
fn path_of_a_duplicate_id_agrees_with_show() {
    let f = TempNotebook::new();
    note(&f, "a/2024-01-01-x.yaml", "In a", "");
    note(&f, "a-b/2024-01-01-x.yaml", "In a-b", "");
    let index = f.open();
    let nb = f.notebook();
    let loaded = nb.load();
    let shown = loaded.find("2024-01-01-x").unwrap();
    let shown = shown.path.strip_prefix(f.root()).unwrap_or(&shown.path);
    assert_eq!(
        index.path_of("2024-01-01-x").unwrap().as_deref(),
        Some(shown.to_str().unwrap())
    );
}

/// An index whose payload is right but whose schema is not is built again.
#[test]
fn an_index_with_the_right_payload_but_another_schema_is_rebuilt() {
    let f = TempNotebook::new();
    note(&f, "2024-01-01-a.yaml", "One", "");
    let folder = fieldnotes::index::location(f.cache.path(), f.root());
    let dir = folder.join("tantivy");
    std::fs::create_dir_all(&dir).unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("path", tantivy::schema::STRING);
    let index = tantivy::Index::create_in_dir(&dir, b.build()).unwrap();
    let mut w: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    let mut p = w.prepare_commit().unwrap();
    p.set_payload(
        &serde_json::json!({"fieldnotes": fieldnotes::index::SCHEMA_VERSION, "language": "en"})
            .to_string(),
    );
    p.commit().unwrap();
    drop(w);
    let nb = f.notebook();
    let opened = std::panic::catch_unwind(|| {
        SearchIndex::open_as_is(&nb, f.cache.path(), &|_| {}).map(|(_, r)| r.rebuilt)
    });
    assert!(
        matches!(opened, Ok(Ok(true))),
        "{:?}",
        opened
            .as_ref()
            .map(|r| r.as_ref().map_err(|e| e.to_string()))
    );
}

/// A word being typed keeps finding its notes at every letter, even where the letters so far
/// are no beginning of the word's stem (`walki` of `walking`, stemmed to `walk`).
#[test]
fn a_word_being_typed_keeps_its_notes_at_every_letter() {
    let f = TempNotebook::new();
    note(&f, "2024-01-01-a.yaml", "Plain", "body: nothing here\n");
    note(
        &f,
        "2024-01-02-b.yaml",
        "Walkie-talkie at the gate",
        "body: Walking to the Ticket-barrier, she walked on\n",
    );
    let index = f.open();
    for typing in [
        "wal", "walk", "walki", "walkin", "walking", "ticke", "ticket-b",
    ] {
        assert_eq!(typed(&index, typing), ["2024-01-02-b"], "typing {typing}");
    }
    // What is marked is what the letters begin, as written.
    let hit = |text: &str| {
        let q = query::parse(text, Mode::Typing).unwrap();
        index.search(&q, Sort::Relevance, 1).unwrap().hits.remove(0)
    };
    let marked = |text: &str, ranges: &[std::ops::Range<usize>]| -> Vec<String> {
        ranges.iter().map(|r| text[r.clone()].to_owned()).collect()
    };
    let found = hit("walki");
    assert_eq!(marked(&found.title, &found.title_marks), ["Walkie"]);
    let snippet = found.snippet.expect("a passage from the body");
    assert_eq!(marked(&snippet.text, &snippet.marks), ["Walking"]);
    // A whole word typed finds and marks its other forms too, as it will once finished.
    let found = hit("walking");
    let snippet = found.snippet.expect("a passage from the body");
    assert_eq!(marked(&snippet.text, &snippet.marks), ["Walking", "walked"]);
    // A phrase of one word is that word: found by its beginning, and two letters that are no
    // word narrow nothing yet.
    assert_eq!(typed(&index, "\"walki"), ["2024-01-02-b"]);
    assert_eq!(typed(&index, "\"wa"), ["2024-01-01-a", "2024-01-02-b"]);
}
