//! `tag` and `untag` through the real binary: only the list of codes changes in the file.

mod common;

use common::{Sandbox, TempNotebook};

const NOTE: &str = "\
kind: interview   # met at the gate
title: Teen at the ticket gate
date: 2024-05-02
tags: [commute]
weather: rain     # not a fieldnotes key: kept
findings:
  - did: turns the radio off at the gate
    quote: Nobody wants my music.
    why:
      - private-soundtrack   # the code we agreed on first
  - did: walks on
";

fn notebook() -> (Sandbox, TempNotebook, std::path::PathBuf) {
    let f = TempNotebook::new();
    let path = f.write("gate/2024-05-02-gate.yaml", NOTE);
    (Sandbox::new(), f, path)
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn tagging_changes_only_the_code_lines_and_search_finds_it_at_once() {
    let (sandbox, f, path) = notebook();
    let root = f.root();
    let run = sandbox.run(
        root,
        &["tag", "2024-05-02-gate", "--finding", "1", "autonomy"],
    );
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("finding 1: why: private-soundtrack, autonomy"),
        "{}",
        run.describe()
    );
    assert_eq!(
        read(&path),
        NOTE.replace(
            "      - private-soundtrack   # the code we agreed on first\n",
            "      - private-soundtrack   # the code we agreed on first\n      - autonomy\n"
        )
    );
    sandbox
        .run(root, &["tag", "2024-05-02-gate", "autonomy"])
        .assert_code(0);
    assert_eq!(
        read(&path),
        NOTE.replace("tags: [commute]\n", "tags: [commute]\nwhy: [autonomy]\n")
            .replace(
                "      - private-soundtrack   # the code we agreed on first\n",
                "      - private-soundtrack   # the code we agreed on first\n      - autonomy\n"
            )
    );
    sandbox
        .run(
            root,
            &["tag", "2024-05-02-gate", "--finding", "2", "autonomy"],
        )
        .assert_code(0);
    assert!(read(&path).ends_with("  - did: walks on\n    why: [autonomy]\n"));
    let found = sandbox.run(root, &["search", "why:autonomy", "--json"]);
    found.assert_code(0);
    assert!(
        found.stdout.contains("2024-05-02-gate"),
        "{}",
        found.describe()
    );
}

#[test]
fn untagging_takes_codes_off_and_an_emptied_list_goes_away() {
    let (sandbox, f, path) = notebook();
    let root = f.root();
    sandbox
        .run(root, &["tag", "2024-05-02-gate", "autonomy"])
        .assert_code(0);
    sandbox
        .run(root, &["untag", "2024-05-02-gate", "autonomy"])
        .assert_code(0);
    assert_eq!(read(&path), NOTE);
    // Taking off a code the note does not have changes nothing and says so.
    let run = sandbox.run(root, &["untag", "2024-05-02-gate", "autonomy"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("does not have `autonomy`"),
        "{}",
        run.describe()
    );
    assert_eq!(read(&path), NOTE);
}

#[test]
fn a_change_that_would_lose_a_comment_writes_nothing_and_says_why() {
    let (sandbox, f, path) = notebook();
    // The last code goes, and its list with it: the comment on its line would go too.
    let run = sandbox.run(
        f.root(),
        &[
            "untag",
            "2024-05-02-gate",
            "--finding",
            "1",
            "private-soundtrack",
        ],
    );
    assert_ne!(run.code, Some(0), "{}", run.describe());
    assert!(run.stderr.contains("comment"), "{}", run.describe());
    assert_eq!(read(&path), NOTE);
}

#[test]
fn unknown_codes_missing_findings_and_notes_are_refused_with_what_to_do() {
    let (sandbox, f, path) = notebook();
    let root = f.root();
    let typo = sandbox.run(root, &["tag", "2024-05-02-gate", "privat-soundtrack"]);
    typo.assert_code(2);
    assert!(
        typo.stderr.contains("did you mean `private-soundtrack`"),
        "{}",
        typo.describe()
    );
    let finding = sandbox.run(
        root,
        &["tag", "2024-05-02-gate", "--finding", "3", "autonomy"],
    );
    finding.assert_code(2);
    assert!(
        finding.stderr.contains("numbered 1 to 2"),
        "{}",
        finding.describe()
    );
    let not_a_code = sandbox.run(root, &["tag", "2024-05-02-gate", "Two Words"]);
    not_a_code.assert_code(2);
    let missing = sandbox.run(root, &["tag", "2024-05-02-gat", "autonomy"]);
    missing.assert_code(3);
    assert!(
        missing.stderr.contains("2024-05-02-gate"),
        "{}",
        missing.describe()
    );
    assert_eq!(read(&path), NOTE);
}

#[test]
fn a_code_the_codebook_lacks_is_added_to_it_with_new() {
    let (sandbox, f, path) = notebook();
    let book = f.root().join("codebook.yaml");
    let before = read(&book);
    let run = sandbox.run(
        f.root(),
        &["tag", "2024-05-02-gate", "--new", "pace", "autonomy"],
    );
    run.assert_code(0);
    assert!(
        run.stderr.contains("added `pace` to codebook.yaml"),
        "{}",
        run.describe()
    );
    assert_eq!(read(&book), format!("{before}  - name: pace\n"));
    assert!(read(&path).contains("why: [pace, autonomy]\n"));
    let check = sandbox.run(f.root(), &["check"]);
    check.assert_code(0);
}

#[test]
fn a_new_code_is_written_with_its_description_and_parent() {
    let (sandbox, f, path) = notebook();
    let book = f.root().join("codebook.yaml");
    let before = read(&book);
    let refused = [
        // Only a new code is described here.
        vec!["tag", "2024-05-02-gate", "pace", "--description", "x"],
        vec![
            "tag",
            "2024-05-02-gate",
            "--new",
            "autonomy",
            "--description",
            "x",
        ],
        // A parent the codebook has, spelt as a code.
        vec![
            "tag",
            "2024-05-02-gate",
            "--new",
            "pace",
            "--parent",
            "autonomi",
        ],
        vec![
            "tag",
            "2024-05-02-gate",
            "--new",
            "pace",
            "--parent",
            "Not A Code",
        ],
        vec![
            "tag",
            "2024-05-02-gate",
            "--new",
            "pace",
            "--parent",
            "pace",
        ],
    ];
    for args in &refused {
        let run = sandbox.run(f.root(), args);
        run.assert_code(2);
        assert_eq!(read(&book), before, "{}", run.describe());
        assert_eq!(read(&path), NOTE, "{}", run.describe());
    }
    let run = sandbox.run(
        f.root(),
        &[
            "tag",
            "2024-05-02-gate",
            "--new",
            "pace",
            "--parent",
            "autonomi",
        ],
    );
    assert!(
        run.stderr.contains("did you mean `autonomy`?"),
        "{}",
        run.describe()
    );

    let run = sandbox.run(
        f.root(),
        &[
            "tag",
            "2024-05-02-gate",
            "--new",
            "pace",
            "--description",
            "Keeps to a speed of their own choosing",
            "--parent",
            "autonomy",
        ],
    );
    run.assert_code(0);
    let written = read(&book);
    assert_eq!(
        written,
        format!(
            "{before}  - name: pace\n    description: Keeps to a speed of their own choosing\n    \
             parent: autonomy\n"
        )
    );
    assert!(read(&path).contains("why: [pace]\n"), "{}", read(&path));
    // It reads back as a code under its parent.
    let codes = sandbox.run(f.root(), &["codes"]);
    codes.assert_code(0);
    assert!(
        codes
            .stdout
            .contains("Keeps to a speed of their own choosing"),
        "{}",
        codes.describe()
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_stay_as_they_were() {
    let (sandbox, f, _) = notebook();
    let text =
        "\u{feff}kind: interview\r\ntitle: T\r\ndate: 2024-05-02\r\nwhy:\r\n  - autonomy\r\n";
    let path = f.write("2024-05-03-crlf.yaml", text);
    sandbox
        .run(f.root(), &["tag", "2024-05-03-crlf", "private-soundtrack"])
        .assert_code(0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("{text}  - private-soundtrack\r\n")
    );
}

#[test]
fn a_code_given_twice_or_already_held_twice_is_written_once() {
    let (sandbox, f, path) = notebook();
    let root = f.root();
    sandbox
        .run(root, &["tag", "2024-05-02-gate", "autonomy", "autonomy"])
        .assert_code(0);
    assert!(read(&path).contains("why: [autonomy]\n"), "{}", read(&path));

    let twice = f.write(
        "gate/2024-05-03-twice.yaml",
        "kind: interview\ntitle: Twice\ndate: 2024-05-03\nwhy: [autonomy, autonomy]\n",
    );
    let run = sandbox.run(root, &["tag", "2024-05-03-twice", "private-soundtrack"]);
    run.assert_code(0);
    assert!(
        read(&twice).contains("why: [autonomy, private-soundtrack]\n"),
        "{}\n{}",
        read(&twice),
        run.describe()
    );

    let made = sandbox.run(
        root,
        &[
            "new",
            "interview",
            "--title",
            "Once",
            "--why",
            "autonomy",
            "--why",
            "autonomy",
            "--tag",
            "gate",
            "--tag",
            "gate",
            "--no-edit",
        ],
    );
    made.assert_code(0);
    let written = read(&root.join(made.stdout.trim()));
    assert!(written.contains("why: [autonomy]\n"), "{written}");
    assert!(written.contains("tags: [gate]\n"), "{written}");
}
