//! Changes to the codebook across every note, through the real binary on a copy of the sample
//! notebook, checked by reading every YAML file here as plain data: exactly the code lists
//! that had to change did, and every other byte stayed.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::codes::{WINDOWS, files, notebook, refused, value};
use serde_json::Value;

/// `value` (a note, or the codebook) with `old` renamed `new` where a code is named: a note's
/// and its findings' `why`, the codebook's `name` and `parent`.
fn renamed(mut value: Value, old: &str, new: &str) -> Value {
    let swap = |v: &mut Value| {
        if v.as_str() == Some(old) {
            *v = Value::String(new.to_owned());
        }
    };
    if let Some(list) = value.get_mut("why").and_then(Value::as_array_mut) {
        list.iter_mut().for_each(swap);
    }
    for finding in value
        .get_mut("findings")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(list) = finding.get_mut("why").and_then(Value::as_array_mut) {
            list.iter_mut().for_each(swap);
        }
    }
    for code in value
        .get_mut("codes")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        for key in ["name", "parent"] {
            if let Some(v) = code.get_mut(key) {
                swap(v);
            }
        }
    }
    value
}

/// Checks that `after` is `before` with `old` renamed `new`: as data, and line by line (each
/// line that differs is the same line with the code's name changed). Returns how many files
/// changed.
fn check_renamed(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
    old: &str,
    new: &str,
) -> usize {
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let mut changed = 0;
    for (path, was) in before {
        let now = &after[path];
        if was == now {
            continue;
        }
        changed += 1;
        assert_eq!(
            value(now),
            renamed(value(was), old, new),
            "{}",
            path.display()
        );
        let (was, now) = (String::from_utf8_lossy(was), String::from_utf8_lossy(now));
        let (was_lines, now_lines): (Vec<&str>, Vec<&str>) = (
            was.split_inclusive('\n').collect(),
            now.split_inclusive('\n').collect(),
        );
        assert_eq!(was_lines.len(), now_lines.len(), "{}", path.display());
        for (a, b) in was_lines.iter().zip(&now_lines) {
            if a != b {
                assert_eq!(a.replace(old, new), **b, "{}", path.display());
            }
        }
    }
    changed
}

#[test]
fn a_rename_changes_exactly_the_code_lists_and_the_reverse_gives_the_same_bytes() {
    let (_dir, root, sandbox) = notebook();
    let before = files(&root);
    let uses = before
        .iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("private-soundtrack"))
        .count();
    let run = sandbox.run(
        &root,
        &["codes", "rename", "private-soundtrack", "own-soundtrack"],
    );
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("renamed private-soundtrack to own-soundtrack in 21 notes"),
        "{}",
        run.describe()
    );
    let after = files(&root);
    let changed = check_renamed(&before, &after, "private-soundtrack", "own-soundtrack");
    // Every file that names the code as a code changed: the codebook and the notes.
    assert_eq!(changed, uses);
    let hand = String::from_utf8_lossy(&after[Path::new("planted/hand-written.yaml")]).into_owned();
    assert!(
        hand.contains("      - own-soundtrack   # agreed at the first meeting\n"),
        "{hand}"
    );
    let windows = &after[Path::new("planted/windows.yaml")];
    assert_eq!(
        String::from_utf8_lossy(windows),
        WINDOWS.replace("private-soundtrack", "own-soundtrack")
    );
    sandbox
        .run(
            &root,
            &["codes", "rename", "own-soundtrack", "private-soundtrack"],
        )
        .assert_code(0);
    assert_eq!(
        files(&root),
        before,
        "the reverse rename gives back every byte"
    );
}

/// Notes whose code lists are formatted by hand, each way a rename must keep byte for byte.
const HAND_FORMATTED: [(&str, &str); 6] = [
    (
        "spacing.yaml",
        "kind: interview\ntitle: Odd spacing\ndate: 2024-06-04\nwhy: [ trust,escape ]\nfindings:\n  - did: waits\n    why: [escape , trust]\n",
    ),
    (
        "lines.yaml",
        "kind: interview\ntitle: A list over lines\ndate: 2024-06-05\nwhy: [\n  escape,\n  trust\n]\n",
    ),
    (
        "word.yaml",
        "kind: observation\ntitle: One word\ndate: 2024-06-06\nwhy: trust   # for now\nfindings:\n  - did: nods\n    why: \"trust\"\n  - did: smiles\n    why: 'trust'\n",
    ),
    (
        "quoted.yaml",
        "kind: interview\ntitle: Quoted codes\ndate: 2024-06-07\nwhy: [\"trust\", 'escape']\nfindings:\n  - did: pays\n    why:\n      - 'trust'\n      - \"escape\"\n  - did: leaves\n    why: ['escape', 'trust']\n",
    ),
    (
        "blank.yaml",
        "kind: interview\ntitle: A blank item\ndate: 2024-06-08\nwhy:\n  - \"\"\n  - trust\n  - escape\n",
    ),
    (
        "windows-lines.yaml",
        "\u{feff}kind: interview\r\ntitle: 電車の中で\r\ndate: 2024-06-09\r\nwhy: [\r\n  escape ,\r\n  trust\r\n]\r\nfindings:\r\n  - did: 音楽を消す\r\n    why: 'trust'\r\n",
    ),
];

#[test]
fn a_rename_changes_only_the_code_in_hand_formatted_lists_and_the_reverse_gives_them_back() {
    let (_dir, root, sandbox) = notebook();
    for (name, text) in HAND_FORMATTED {
        std::fs::write(root.join("planted").join(name), text).expect("write");
    }
    let before = files(&root);
    sandbox
        .run(&root, &["codes", "rename", "trust", "calm"])
        .assert_code(0);
    let after = files(&root);
    for (name, text) in HAND_FORMATTED {
        // Only the code's own bytes change: spacing, commas, brackets, quotes stay.
        let path = Path::new("planted").join(name);
        assert_eq!(
            String::from_utf8_lossy(&after[&path]),
            text.replace("trust", "calm"),
            "{name}"
        );
    }
    sandbox
        .run(&root, &["codes", "rename", "calm", "trust"])
        .assert_code(0);
    let back = files(&root);
    for (path, bytes) in &before {
        assert!(
            back.get(path) == Some(bytes),
            "{} did not come back byte for byte",
            path.display()
        );
    }
    assert_eq!(back, before);
}

#[test]
fn a_dry_run_says_which_lines_would_change_and_changes_nothing() {
    let (_dir, root, sandbox) = notebook();
    let before = files(&root);
    let run = sandbox.run(
        &root,
        &["codes", "rename", "escape", "getaway", "--dry-run"],
    );
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("planted/windows.yaml:4: - why: [private-soundtrack, escape]"),
        "{}",
        run.describe()
    );
    assert!(
        run.stdout
            .contains("planted/windows.yaml:4: + why: [private-soundtrack, getaway]")
    );
    assert!(
        run.stdout.contains("nothing was changed"),
        "{}",
        run.describe()
    );
    let diff = sandbox.run(
        &root,
        &[
            "codes",
            "rename",
            "escape",
            "getaway",
            "--dry-run",
            "--diff",
        ],
    );
    diff.assert_code(0);
    assert!(
        diff.stdout.contains("--- a/planted/hand-written.yaml"),
        "{}",
        diff.describe()
    );
    assert!(
        diff.stdout.contains("-      - escape\n+      - getaway\n"),
        "{}",
        diff.describe()
    );
    // The Windows note's lines show as lines, without a carriage return shown at each end.
    assert!(
        diff.stdout
            .contains("-why: [private-soundtrack, escape]\n+why: [private-soundtrack, getaway]\n"),
        "{}",
        diff.describe()
    );
    assert!(!diff.stdout.contains('\r') && !diff.stdout.contains("\\r"));
    assert_eq!(files(&root), before);
}

#[test]
fn codes_json_reports_what_a_change_did_as_json() {
    let (_dir, root, sandbox) = notebook();
    let before = files(&root);
    let would = sandbox.run(
        &root,
        &[
            "codes",
            "--json",
            "rename",
            "escape",
            "getaway",
            "--dry-run",
        ],
    );
    would.assert_code(0);
    let said: Value = serde_json::from_str(&would.stdout).expect("JSON");
    assert_eq!(said["did"], "rename escape to getaway");
    assert_eq!(said["dry_run"], true);
    assert_eq!(files(&root), before);
    let done = sandbox.run(&root, &["codes", "--json", "rename", "escape", "getaway"]);
    done.assert_code(0);
    let said: Value = serde_json::from_str(&done.stdout).expect("JSON");
    assert_eq!(said["did"], "renamed escape to getaway");
    let changed: Vec<String> = files(&root)
        .into_iter()
        .filter(|(path, bytes)| before.get(path) != Some(bytes))
        .map(|(path, _)| path.display().to_string())
        .collect();
    let listed: Vec<String> = said["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().expect("path").to_owned())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, changed);
    let notes = changed.iter().filter(|f| *f != "codebook.yaml").count();
    assert_eq!(said["notes"], notes);
    assert!(said["findings"].as_u64().expect("findings") >= 1);
}

#[test]
fn a_rename_onto_a_code_there_or_to_a_name_that_is_no_slug_is_refused() {
    let (_dir, root, sandbox) = notebook();
    let rename = |new| ["codes", "rename", "escape", new];
    refused(
        &sandbox,
        &root,
        &rename("trust"),
        "codes merge escape trust",
    );
    refused(&sandbox, &root, &rename("Get Away"), "get-away");
}

#[test]
fn one_note_that_cannot_be_changed_in_place_changes_nothing_and_is_named() {
    let (_dir, root, sandbox) = notebook();
    // A comment inside a flow list: the list cannot be written again without losing it.
    std::fs::write(
        root.join("planted/in-the-way.yaml"),
        "kind: interview\ntitle: T\ndate: 2024-06-03\nwhy: [escape,  # asked twice\n  trust]\n",
    )
    .expect("write");
    let before = files(&root);
    let run = sandbox.run(&root, &["codes", "rename", "escape", "getaway"]);
    assert_ne!(run.code, Some(0), "{}", run.describe());
    assert!(
        run.stderr.contains("planted/in-the-way.yaml"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr.contains("nothing was changed"),
        "{}",
        run.describe()
    );
    assert_eq!(files(&root), before);
}

#[test]
fn after_a_rename_the_search_finds_the_new_code_and_not_the_old() {
    let (_dir, root, sandbox) = notebook();
    sandbox.run(&root, &["index"]).assert_code(0);
    sandbox
        .run(&root, &["codes", "rename", "escape", "getaway"])
        .assert_code(0);
    let new = sandbox.run(&root, &["search", "why:getaway", "--json"]);
    new.assert_code(0);
    assert!(new.stdout.contains("hand-written"), "{}", new.describe());
    let old = sandbox.run(&root, &["search", "why:escape", "--json"]);
    assert!(!old.stdout.contains("hand-written"), "{}", old.describe());
}
