//! `export` through the real binary on a copy of the sample notebook: the report holds every
//! quote, the spreadsheet reads back with a CSV parser row by row, the JSON parses with every
//! note, a query narrows them all, and `--redact` leaves nothing of the personal data planted.

mod common;

use std::path::PathBuf;

use common::{Sandbox, copy_dir, sample};
use serde_json::Value;

/// A note with personal data where people put it: contact keys on the participant, a name,
/// an address, a phone number and a link in the words, and a shop the settings list.
const PLANTED: &str = "\
kind: interview
title: Talking to Marguerite Oyelaran at the Hanamura record shop
date: 2024-06-03
study: quiet-carriage
participants:
  - alias: Q09
    about: record collector, 60
    name: Marguerite Oyelaran
    email: m.oyelaran@example.org
    phone: +44 7700 900123
body: |
  Marguerite said to write to marguerite.o@example.net or call 020 7946 0991, and sent
  https://example.org/her-playlist?id=7 after the walk. Oyelaran is a name she is proud of.
findings:
  - did: hands over a card with her number, 07700 900456
    quote: Call me Marguerite, everyone at Hanamura does.
    why: [belonging]
";

const SECRETS: [&str; 9] = [
    "Marguerite",
    "Oyelaran",
    "m.oyelaran@example.org",
    "marguerite.o@example.net",
    "7700 900123",
    "020 7946 0991",
    "07700 900456",
    "example.org/her-playlist",
    "Hanamura",
];

fn notebook() -> (tempfile::TempDir, PathBuf, Sandbox) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("research");
    copy_dir(&sample(), &root);
    std::fs::write(root.join("quiet-carriage/2024-06-03-planted.yaml"), PLANTED).expect("write");
    let settings = std::fs::read_to_string(root.join("fieldnotes.yaml")).expect("settings");
    std::fs::write(
        root.join("fieldnotes.yaml"),
        format!("{settings}redact: [Hanamura]\n"),
    )
    .expect("write");
    (dir, root, Sandbox::new())
}

/// Every quote in the notebook's notes (not insights), read here as plain YAML.
fn quotes(root: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for bytes in common::codes::files(root).values() {
        let value: Value = serde_saphyr::from_slice(bytes).unwrap_or(Value::Null);
        if value["kind"].is_null() || value["kind"] == "insight" {
            continue;
        }
        for f in value["findings"].as_array().into_iter().flatten() {
            if let Some(q) = f["quote"].as_str() {
                found.push(q.to_owned());
            }
        }
    }
    found
}

#[test]
fn the_report_holds_every_quote_under_its_study_and_code() {
    let (_dir, root, sandbox) = notebook();
    let run = sandbox.run(&root, &["export", "--format", "md"]);
    run.assert_code(0);
    let report = &run.stdout;
    assert!(
        report.starts_with("# Listening in the street"),
        "{}",
        run.describe()
    );
    assert!(report.contains("## Codes by study"));
    assert!(report.contains("## Study: portable-music"));
    assert!(report.contains("## Insights"));
    let all = quotes(&root);
    assert!(all.len() > 40, "{} quotes", all.len());
    for quote in all {
        // Markdown escapes the characters it would act on.
        let escaped = quote
            .replace('*', "\\*")
            .replace('_', "\\_")
            .replace('#', "\\#");
        assert!(report.contains(&escaped), "{quote:?} missing");
    }
}

#[test]
fn the_spreadsheet_has_a_row_a_finding_and_reads_back() {
    let (_dir, root, sandbox) = notebook();
    let out = root.parent().expect("parent").join("findings.csv");
    let run = sandbox.run(
        &root,
        &["export", "--format", "csv", "-o", &out.to_string_lossy()],
    );
    run.assert_code(0);
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "note",
            "date",
            "kind",
            "study",
            "place",
            "researcher",
            "participants",
            "did",
            "quote",
            "remark",
            "why",
            "tags"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let planted: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[0] == "2024-06-03-planted")
        .collect();
    assert_eq!(planted.len(), 1);
    assert_eq!(
        &planted[0][8],
        "Call me Marguerite, everyone at Hanamura does."
    );
    assert_eq!(&planted[0][10], "belonging");
    assert_eq!(&planted[0][6], "Q09");
    let quoted = rows.iter().filter(|r| !r[8].is_empty()).count();
    assert_eq!(quoted, quotes(&root).len());
    // One row a code for a pivot table.
    let pivot = sandbox.run(&root, &["export", "--format", "csv", "--per-code"]);
    pivot.assert_code(0);
    let mut reader = csv::Reader::from_reader(pivot.stdout.as_bytes());
    let codes: usize = reader.records().filter(|r| r.is_ok()).count();
    assert!(
        codes > rows.len(),
        "{codes} rows a code, {} a finding",
        rows.len()
    );
}

#[test]
fn json_and_ndjson_carry_every_note_and_a_query_narrows_them() {
    let (_dir, root, sandbox) = notebook();
    let all = sandbox.run(&root, &["export", "--format", "json"]);
    all.assert_code(0);
    let notes: Vec<Value> = serde_json::from_str(&all.stdout).expect("a JSON array");
    assert_eq!(notes.len(), 59);
    let planted = notes
        .iter()
        .find(|n| n["id"] == "2024-06-03-planted")
        .expect("the planted note");
    assert_eq!(planted["path"], "quiet-carriage/2024-06-03-planted.yaml");
    assert_eq!(planted["participants"][0]["alias"], "Q09");
    let lines = sandbox.run(
        &root,
        &["export", "--format", "ndjson", "study:quiet-carriage"],
    );
    lines.assert_code(0);
    let narrowed: Vec<Value> = lines
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a note a line"))
        .collect();
    assert!(!narrowed.is_empty() && narrowed.len() < notes.len());
    assert!(narrowed.iter().all(|n| n["study"] == "quiet-carriage"));
}

#[test]
fn redacted_nothing_planted_survives_in_any_format_and_aliases_stay() {
    let (_dir, root, sandbox) = notebook();
    for format in ["md", "csv", "json", "ndjson"] {
        let run = sandbox.run(&root, &["export", "--format", format, "--redact"]);
        run.assert_code(0);
        for secret in SECRETS {
            assert!(
                !run.stdout.contains(secret),
                "{secret:?} in the {format} export"
            );
        }
        assert!(run.stdout.contains("Q09"), "the alias stays in {format}");
        // Markdown escapes the brackets, which then read as they are.
        let placeholder = if format == "md" { "\\[Q09\\]" } else { "[Q09]" };
        assert!(
            run.stdout.contains(placeholder),
            "the name is the alias in {format}"
        );
        assert!(
            run.stderr.contains("of personal data with placeholders"),
            "{}",
            run.describe()
        );
    }
    // The notebook itself is untouched.
    let planted = std::fs::read_to_string(root.join("quiet-carriage/2024-06-03-planted.yaml"));
    assert_eq!(planted.expect("read"), PLANTED);
}

#[test]
fn an_export_is_never_written_as_a_note() {
    let (_dir, root, sandbox) = notebook();
    let inside = root.join("report.yaml");
    let run = sandbox.run(
        &root,
        &[
            "export",
            "--format",
            "json",
            "-o",
            &inside.to_string_lossy(),
        ],
    );
    assert_ne!(run.code, Some(0), "{}", run.describe());
    assert!(!inside.exists());
    std::fs::create_dir(root.join("exports")).expect("mkdir");
    let run = sandbox.run(
        &root,
        &[
            "export",
            "--format",
            "md",
            "-o",
            &root.join("exports").to_string_lossy(),
        ],
    );
    run.assert_code(0);
    let written: Vec<_> = std::fs::read_dir(root.join("exports"))
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 1);
    assert!(written[0].ends_with(".md"), "{written:?}");
}

#[test]
fn the_codebook_as_refi_qda_validates_against_its_schema_and_is_the_same_twice() {
    let (_dir, root, sandbox) = notebook();
    let out = root.parent().expect("parent").join("codes.qdc");
    let export = || {
        let run = sandbox.run(
            &root,
            &["export", "--format", "qdc", "-o", &out.to_string_lossy()],
        );
        run.assert_code(0);
        std::fs::read(&out).expect("written")
    };
    let first = export();
    assert_eq!(export(), first, "the same ids and bytes every time");
    let schema =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/Codebook.xsd");
    let checked = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .arg(&out)
        .output()
        .expect("xmllint (libxml2-utils) is installed");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let xml = String::from_utf8(first).expect("UTF-8");
    let book = std::fs::read_to_string(root.join("codebook.yaml")).expect("codebook");
    let names: Vec<&str> = book
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- name: "))
        .collect();
    assert!(names.len() > 20);
    for name in names {
        assert!(xml.contains(&format!("name=\"{name}\"")), "{name} missing");
    }
    // A sub-code sits inside its parent's element, one level deeper.
    let depth = |name: &str| {
        xml.lines()
            .find(|l| l.contains(&format!("name=\"{name}\"")))
            .map(|l| l.len() - l.trim_start().len())
    };
    assert_eq!(depth("autonomy"), Some(4), "{xml}");
    assert_eq!(depth("own-pace"), Some(6), "{xml}");
}

#[test]
fn a_codebook_exported_then_imported_gives_the_codes_and_a_second_import_changes_nothing() {
    let (_dir, root, sandbox) = notebook();
    let qdc = root.parent().expect("parent").join("codes.qdc");
    sandbox
        .run(
            &root,
            &["export", "--format", "qdc", "-o", &qdc.to_string_lossy()],
        )
        .assert_code(0);
    // Into the same notebook: every code there already, not a byte changed.
    let book = std::fs::read(root.join("codebook.yaml")).expect("codebook");
    let again = sandbox.run(&root, &["import", &qdc.to_string_lossy()]);
    again.assert_code(0);
    assert!(
        again.stdout.contains("added 0 codes"),
        "{}",
        again.describe()
    );
    assert!(
        again.stdout.contains("left as they are"),
        "{}",
        again.describe()
    );
    assert_eq!(
        std::fs::read(root.join("codebook.yaml")).expect("codebook"),
        book
    );
    // Into a notebook with none of them: every code, under its parent.
    let other = root.parent().expect("parent").join("other");
    std::fs::create_dir(&other).expect("mkdir");
    std::fs::write(other.join("fieldnotes.yaml"), "name: other\n").expect("write");
    let dry = sandbox.run(&other, &["import", &qdc.to_string_lossy(), "--dry-run"]);
    dry.assert_code(0);
    assert!(!other.join("codebook.yaml").exists());
    let run = sandbox.run(&other, &["import", &qdc.to_string_lossy()]);
    run.assert_code(0);
    let codes = sandbox.run(&other, &["codes", "--json"]);
    let codes: Vec<Value> = serde_json::from_str(&codes.stdout).expect("codes as JSON");
    let own_pace = codes
        .iter()
        .find(|c| c["name"] == "own-pace")
        .expect("own-pace");
    assert_eq!(own_pace["parent"], "autonomy");
    assert!(codes.len() > 20);
}

#[test]
fn what_is_not_a_codebook_is_refused_and_named() {
    let (_dir, root, sandbox) = notebook();
    let book = std::fs::read(root.join("codebook.yaml")).expect("codebook");
    let dir = root.parent().expect("parent");
    let bomb = dir.join("bomb.qdc");
    std::fs::write(
        &bomb,
        "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY a \"aaaa\">]><CodeBook><Codes><Code name=\"&a;\"/></Codes></CodeBook>",
    )
    .expect("write");
    let text = dir.join("notes.txt");
    std::fs::write(&text, "hello").expect("write");
    for (file, says) in [
        (&bomb, "document type"),
        (&text, "reads REFI-QDA codebooks"),
    ] {
        let run = sandbox.run(&root, &["import", &file.to_string_lossy()]);
        assert_ne!(run.code, Some(0), "{}", run.describe());
        // The report wraps its lines: compared without the spaces and frame.
        let said = common::squeeze(&run.stderr.replace('│', ""));
        assert!(said.contains(&common::squeeze(says)), "{}", run.describe());
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(said.contains(&name), "{}", run.describe());
    }
    assert_eq!(
        std::fs::read(root.join("codebook.yaml")).expect("codebook"),
        book
    );
}
