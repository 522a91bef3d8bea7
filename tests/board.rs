//! The board's counts on the sample notebook, checked against counts made here independently,
//! straight from the YAML files (parsed as plain data, without fieldnotes' note model).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fieldnotes::board::matrix::{Cases, Row, co_occurrence, code_by_case};
use fieldnotes::board::{NoteFacts, insights::insights, tree, usage};
use fieldnotes::codebook::Codebook;
use fieldnotes::notebook::Notebook;
use serde_json::Value;

/// Every note of the sample, as plain data: (id, the YAML as JSON values).
fn raw_notes(root: &Path) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml")
                && !["codebook.yaml", "fieldnotes.yaml"]
                    .contains(&path.file_name().and_then(|n| n.to_str()).unwrap_or(""))
            {
                let text = std::fs::read_to_string(&path).expect("read");
                let value: Value = serde_saphyr::from_str(&text).expect("the sample is YAML");
                let id = path
                    .file_stem()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned();
                found.push((id, value));
            }
        }
    }
    found
}

fn list<'a>(value: &'a Value, key: &str) -> Vec<&'a str> {
    value[key]
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn findings(value: &Value) -> Vec<&Value> {
    value["findings"]
        .as_array()
        .map(|f| f.iter().collect())
        .unwrap_or_default()
}

fn facts() -> (Vec<NoteFacts>, Codebook) {
    let notebook = Notebook::open(&common::sample()).expect("the sample");
    let loaded = notebook.load();
    assert!(loaded.skipped == 0, "the sample has no broken note");
    let facts = loaded
        .notes
        .iter()
        .map(|f| NoteFacts::of(&f.note, &f.id, &f.path.to_string_lossy()))
        .collect();
    let text = std::fs::read_to_string(common::sample().join("codebook.yaml")).expect("read");
    (facts, Codebook::parse(&text).0)
}

#[test]
fn every_code_s_counts_match_the_files() {
    let raw = raw_notes(&common::sample());
    let (facts, codebook) = facts();
    assert_eq!(raw.len(), facts.len());
    let rows = tree(&codebook, &facts);
    let mut checked = 0;
    for row in rows.iter().filter(|r| r.in_codebook) {
        let codes = codebook.with_descendants(&row.name);
        let carries = |v: &Value| list(v, "why").iter().any(|c| codes.contains(c));
        let mut expected = (0, 0);
        let mut people = BTreeSet::new();
        let mut studies = BTreeSet::new();
        for (_, note) in &raw {
            let in_findings = findings(note).into_iter().filter(|f| carries(f)).count();
            if in_findings == 0 && !carries(note) {
                continue;
            }
            expected.0 += in_findings;
            expected.1 += 1;
            let study = note["study"].as_str().map(str::to_owned);
            for person in note["participants"].as_array().into_iter().flatten() {
                people.insert((
                    study.clone(),
                    person["alias"].as_str().unwrap_or("").to_owned(),
                ));
            }
            studies.extend(study);
        }
        let got = &row.usage;
        assert_eq!(
            (got.findings, got.notes, got.participants, got.studies),
            (expected.0, expected.1, people.len(), studies.len()),
            "{}",
            row.name
        );
        checked += usize::from(got.findings > 0);
    }
    assert!(
        checked >= 10,
        "the sample uses most of its codes: {checked}"
    );
}

#[test]
fn co_occurrence_and_the_code_by_study_matrix_match_the_files() {
    let raw = raw_notes(&common::sample());
    let (facts, codebook) = facts();
    let names = [
        "private-soundtrack",
        "social-courtesy",
        "trust",
        "community",
    ];
    let rows: Vec<Row> = names
        .iter()
        .map(|n| Row {
            name: (*n).to_owned(),
            codes: vec![(*n).to_owned()],
        })
        .collect();
    assert!(names.iter().all(|n| codebook.get(n).is_some()));
    let matrix = co_occurrence(&facts, &rows);
    for (a, first) in names.iter().enumerate() {
        for (b, second) in names.iter().enumerate() {
            let both = raw
                .iter()
                .flat_map(|(_, n)| findings(n))
                .filter(|f| list(f, "why").contains(first) && list(f, "why").contains(second))
                .count();
            assert_eq!(matrix[a][b].findings, both, "{first} × {second}");
        }
    }
    assert!(
        matrix[0][1].findings > 0,
        "the sample has private-soundtrack with social-courtesy"
    );

    let by_study = code_by_case(&facts, &rows, Cases::Studies);
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (_, note) in &raw {
        let study = note["study"].as_str().unwrap_or("(none)").to_owned();
        for code in names {
            let in_findings = findings(note)
                .into_iter()
                .filter(|f| list(f, "why").contains(&code))
                .count();
            let pieces = match in_findings {
                0 if list(note, "why").contains(&code) => 1,
                n => n,
            };
            if pieces > 0 {
                *expected
                    .entry((code.to_owned(), study.clone()))
                    .or_default() += pieces;
            }
        }
    }
    for (r, code) in by_study.rows.iter().enumerate() {
        for (c, study) in by_study.cols.iter().enumerate() {
            let want = expected
                .get(&(code.clone(), study.clone()))
                .copied()
                .unwrap_or(0);
            assert_eq!(by_study.cells[r][c], want, "{code} in {study}");
        }
    }
    assert!(by_study.cols.len() >= 3, "{:?}", by_study.cols);
}

#[test]
fn insights_say_what_their_evidence_spans() {
    let raw = raw_notes(&common::sample());
    let (facts, _) = facts();
    let rows = insights(&facts);
    let raw_insights: Vec<&(String, Value)> = raw
        .iter()
        .filter(|(_, n)| n["kind"] == "insight" || !list(n, "evidence").is_empty())
        .collect();
    assert_eq!(rows.len(), raw_insights.len());
    for row in &rows {
        let id = &facts[row.note].id;
        let (_, note) = raw_insights
            .iter()
            .find(|(i, _)| i == id)
            .expect("the insight");
        let ids: BTreeSet<&str> = list(note, "evidence").into_iter().collect();
        let backing: Vec<&Value> = raw
            .iter()
            .filter(|(i, _)| ids.contains(i.as_str()))
            .map(|(_, n)| n)
            .collect();
        let people: BTreeSet<(String, String)> = backing
            .iter()
            .flat_map(|n| {
                let study = n["study"].as_str().unwrap_or("").to_owned();
                n["participants"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(move |p| (study.clone(), p["alias"].as_str().unwrap_or("").to_owned()))
            })
            .collect();
        assert_eq!(row.notes, backing.len(), "{id}");
        assert_eq!(row.participants, people.len(), "{id}");
        assert_eq!(row.missing.len(), ids.len() - backing.len(), "{id}");
    }
    // The month a code was first seen: the oldest note that carries it.
    let soundtrack = usage(&facts, &["private-soundtrack"]);
    assert_eq!(soundtrack.first.as_deref().map(|d| &d[..4]), Some("1979"));
}

#[test]
fn the_index_holds_the_same_facts_and_narrows_them_by_a_query() {
    let (facts, _) = facts();
    let cache = tempfile::tempdir().expect("temp dir");
    let notebook = Notebook::open(&common::sample()).expect("the sample");
    let (index, _) = fieldnotes::index::SearchIndex::open(&notebook, cache.path(), &|_| {})
        .expect("the index opens");
    let all = fieldnotes::query::Query::default();
    let mut from_files = facts.clone();
    from_files.sort_by(|a, b| a.path.cmp(&b.path));
    let read = |query| -> Vec<NoteFacts> {
        let facts = index.facts_for(query).expect("facts");
        facts.iter().map(|f| NoteFacts::clone(f)).collect()
    };
    assert_eq!(read(&all), from_files);
    // Asked twice, the second time from what was kept.
    assert_eq!(read(&all), from_files);
    let query = fieldnotes::query::parse("study:portable-music", fieldnotes::query::Mode::Strict)
        .expect("a query");
    let narrowed = read(&query);
    let expected: Vec<&NoteFacts> = from_files
        .iter()
        .filter(|f| f.study.as_deref() == Some("portable-music"))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(narrowed.iter().collect::<Vec<_>>(), expected);
}

#[test]
fn notes_added_after_the_index_was_read_are_counted_in_path_order_like_the_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("research");
    common::copy_dir(&common::sample(), &root);
    let cache = tempfile::tempdir().expect("temp dir");
    let notebook = Notebook::open(&root).expect("the copy");
    let (index, _) = fieldnotes::index::SearchIndex::open(&notebook, cache.path(), &|_| {})
        .expect("the index opens");
    let all = fieldnotes::query::Query::default();
    let before = index.facts_for(&all).expect("facts").len();
    // Two notes whose paths sort first and in the middle, taken in as a segment of their own.
    let model = root.join("portable-music/1979-03-14-teen-boombox-shibuya.yaml");
    let text = std::fs::read_to_string(&model).expect("read");
    std::fs::create_dir_all(root.join("aaa")).expect("folder");
    std::fs::write(root.join("aaa/1990-01-01-first.yaml"), &text).expect("write");
    std::fs::write(root.join("portable-music/1990-01-02-middle.yaml"), &text).expect("write");
    index.refresh(&|_| {}).expect("refresh");
    let kept = index.facts_for(&all).expect("facts");
    assert_eq!(kept.len(), before + 2);
    let paths: Vec<&str> = kept.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(paths.contains(&"aaa/1990-01-01-first.yaml"));
    // Counted from the index's numbers, the tree is the one the files give.
    let loaded = notebook.load();
    let mut from_files: Vec<NoteFacts> = loaded
        .notes
        .iter()
        .map(|f| {
            let path = f.path.strip_prefix(&root).unwrap_or(&f.path);
            NoteFacts::of(&f.note, &f.id, &path.to_string_lossy())
        })
        .collect();
    from_files.sort_by(|a, b| a.path.cmp(&b.path));
    let codebook = notebook.codebook().0;
    assert_eq!(tree(&codebook, &kept), tree(&codebook, &from_files));
}
