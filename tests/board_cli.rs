//! `board` and `matrix` on the sample notebook, through the real binary: the same numbers as
//! `codes`, a code's evidence wall with the words of each finding, a query that narrows both,
//! and JSON, CSV and Markdown that other tools read.

mod common;

use common::Sandbox;
use serde_json::Value;

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let run = sandbox.run(&common::sample(), args);
    run.assert_code(0);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.describe()))
}

#[test]
fn the_board_counts_as_codes_does_and_lists_every_code() {
    let sandbox = Sandbox::new();
    let board = json(&sandbox, &["board", "--json"]);
    let codes = json(&sandbox, &["codes", "--json"]);
    let board = board.as_array().expect("a list");
    let codes = codes.as_array().expect("a list");
    assert_eq!(board.len(), codes.len());
    for (row, code) in board.iter().zip(codes) {
        assert_eq!(row["name"], code["name"]);
        for count in ["notes", "findings", "participants"] {
            assert_eq!(row["usage"][count], code[count], "{} {count}", row["name"]);
        }
    }
    let text = sandbox.run(&common::sample(), &["board"]);
    text.assert_code(0);
    assert!(
        text.stdout.contains("  private-soundtrack"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_code_s_wall_shows_each_finding_with_who_said_it_and_a_query_narrows_it() {
    let sandbox = Sandbox::new();
    let wall = json(&sandbox, &["board", "private-soundtrack", "--json"]);
    let pieces: Vec<&Value> = wall["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["pieces"].as_array().expect("pieces"))
        .collect();
    let teen = pieces
        .iter()
        .find(|p| p["quote"] == "I don't want the whole carriage listening to my music.")
        .expect("the boombox teen's quote");
    assert_eq!(teen["people"][0]["alias"], "P07");
    assert_eq!(teen["finding"], 1);
    assert_eq!(teen["also"], serde_json::json!(["social-courtesy"]));
    let section = wall["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["heading"] == "P07 (portable-music)")
        .expect("P07's section");
    assert!(!section["pieces"].as_array().expect("pieces").is_empty());
    // The participants' sections first, evidence naming nobody last.
    let last = wall["sections"]
        .as_array()
        .and_then(|s| s.last())
        .expect("a section");
    assert_eq!(last["heading"], "(no participant named)");

    let narrowed = json(
        &sandbox,
        &[
            "board",
            "trust",
            "study:photo-store",
            "--group",
            "study",
            "--json",
        ],
    );
    let headings: Vec<&Value> = narrowed["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| &s["heading"])
        .collect();
    assert_eq!(headings, ["photo-store"]);
    assert!(narrowed["usage"]["findings"].as_u64().unwrap_or(0) > 0);

    let md = sandbox.run(&common::sample(), &["board", "trust", "--format", "md"]);
    md.assert_code(0);
    assert!(md.stdout.starts_with("## Why: trust\n"), "{}", md.stdout);
    assert!(md.stdout.contains("\n### "), "{}", md.stdout);
    assert!(md.stdout.contains("- “"), "{}", md.stdout);
}

#[test]
fn the_matrix_as_a_table_csv_and_json_says_the_same() {
    let sandbox = Sandbox::new();
    let table = json(&sandbox, &["matrix", "--cols", "studies", "--json"]);
    let csv = sandbox.run(&common::sample(), &["matrix", "--cols", "studies", "--csv"]);
    csv.assert_code(0);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let heading: Vec<String> = reader
        .headers()
        .expect("a heading")
        .iter()
        .map(str::to_owned)
        .collect();
    let cols: Vec<String> = table["cols"]
        .as_array()
        .expect("cols")
        .iter()
        .map(|c| c.as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(heading[1..heading.len() - 1], cols[..]);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let rows = table["rows"].as_array().expect("rows");
    // A row per code, then the totals.
    assert_eq!(records.len(), rows.len() + 1);
    for (i, record) in records.iter().take(rows.len()).enumerate() {
        assert_eq!(record.get(0), rows[i].as_str());
        for (j, _) in cols.iter().enumerate() {
            let cell = table["cells"][i][j].as_u64().expect("a count");
            assert_eq!(record.get(j + 1), Some(cell.to_string().as_str()));
        }
    }
    let codes = json(&sandbox, &["matrix", "--cols", "codes", "--top", "--json"]);
    let n = codes["rows"].as_array().expect("rows").len();
    for a in 0..n {
        for b in 0..n {
            // Together is symmetric, and never more than either alone.
            assert_eq!(codes["cells"][a][b], codes["cells"][b][a]);
            assert!(codes["cells"][a][b].as_u64() <= codes["cells"][a][a].as_u64());
        }
    }
    let text = sandbox.run(&common::sample(), &["matrix", "--cols", "kinds"]);
    text.assert_code(0);
    assert!(
        text.stdout
            .lines()
            .last()
            .unwrap_or("")
            .starts_with("total")
    );
}
