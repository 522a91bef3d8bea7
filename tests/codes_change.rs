//! Changes to the codebook across every note, through the real binary on a copy of the sample
//! notebook, checked by reading every YAML file here as plain data: exactly the code lists
//! that had to change did, and every other byte stayed.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Sandbox, copy_dir, sample};
use serde_json::Value;

/// A note written by hand: comments, a key fieldnotes does not know, a block list whose item
/// carries a comment.
const HAND_WRITTEN: &str = "\
kind: observation   # seen twice
title: Man with a radio at the bus stop
date: 2024-06-01
weather: drizzle    # not a fieldnotes key
findings:
  - did: holds the radio to his ear
    why:
      - private-soundtrack   # agreed at the first meeting
      - escape
";

/// A note saved on Windows: a byte-order mark, CRLF line ends, a flow list.
const WINDOWS: &str = "\u{feff}kind: interview\r\ntitle: Student with earbuds\r\ndate: 2024-06-02\r\nwhy: [private-soundtrack, escape]\r\n";

/// A copy of the sample notebook with the two notes above, and a sandbox to run in.
fn notebook() -> (tempfile::TempDir, PathBuf, Sandbox) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("research");
    copy_dir(&sample(), &root);
    std::fs::create_dir_all(root.join("planted")).expect("mkdir");
    std::fs::write(root.join("planted/hand-written.yaml"), HAND_WRITTEN).expect("write");
    std::fs::write(root.join("planted/windows.yaml"), WINDOWS).expect("write");
    (dir, root, Sandbox::new())
}

/// Every YAML file under `root`, by path, as bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read").flatten() {
            let path = entry.path();
            if path.is_dir() && !entry.file_name().to_string_lossy().starts_with('.') {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let relative = path.strip_prefix(root).expect("inside").to_path_buf();
                found.insert(relative, std::fs::read(&path).expect("read"));
            }
        }
    }
    found
}

/// `bytes` as plain data.
fn value(bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    serde_saphyr::from_str(text.trim_start_matches('\u{feff}')).expect("YAML")
}

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

/// Runs `args` on `root`, and checks that it is refused, says `says`, and changes no file.
fn refused(sandbox: &Sandbox, root: &Path, args: &[&str], says: &str) {
    let before = files(root);
    let run = sandbox.run(root, args);
    assert_ne!(run.code, Some(0), "{}", run.describe());
    assert!(run.stderr.contains(says), "{}", run.describe());
    assert_eq!(files(root), before, "nothing changed");
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

/// Each note's code lists (the note's, then each finding's), by file.
fn lists(files: &BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<PathBuf, Vec<Vec<String>>> {
    let words = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|w| w.as_str().map(str::to_owned))
            .collect()
    };
    files
        .iter()
        .filter(|(path, _)| !path.ends_with("codebook.yaml") && !path.ends_with("fieldnotes.yaml"))
        .map(|(path, bytes)| {
            let note = value(bytes);
            let mut found = vec![words(note.get("why"))];
            for finding in note
                .get("findings")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                found.push(words(finding.get("why")));
            }
            (path.clone(), found)
        })
        .collect()
}

#[test]
fn a_merge_makes_two_codes_one_in_every_list_and_in_the_codebook() {
    let (_dir, root, sandbox) = notebook();
    let before = files(&root);
    let run = sandbox.run(&root, &["codes", "merge", "escape", "private-soundtrack"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("merged escape into private-soundtrack in "),
        "{}",
        run.describe()
    );
    let after = files(&root);
    // Every list is the list it was with escape become private-soundtrack, kept once.
    let merged = |list: &Vec<String>| {
        let mut out: Vec<String> = Vec::new();
        for code in list {
            let code = if code == "escape" {
                "private-soundtrack".to_owned()
            } else {
                code.clone()
            };
            if !out.contains(&code) {
                out.push(code);
            }
        }
        out
    };
    for ((path, was), (_, now)) in lists(&before).iter().zip(lists(&after).iter()) {
        let expected: Vec<Vec<String>> = was.iter().map(merged).collect();
        assert_eq!(now, &expected, "{}", path.display());
    }
    assert_eq!(
        String::from_utf8_lossy(&after[Path::new("planted/windows.yaml")]),
        WINDOWS.replace("[private-soundtrack, escape]", "[private-soundtrack]")
    );
    let hand = String::from_utf8_lossy(&after[Path::new("planted/hand-written.yaml")]).into_owned();
    assert_eq!(hand, HAND_WRITTEN.replace("      - escape\n", ""));
    // The codebook: escape gone, what it said kept under private-soundtrack's own words.
    let book = value(&after[Path::new("codebook.yaml")]);
    let codes = book["codes"].as_array().expect("codes");
    assert!(codes.iter().all(|c| c["name"] != "escape"));
    let kept = codes
        .iter()
        .find(|c| c["name"] == "private-soundtrack")
        .expect("kept");
    assert!(
        kept["description"]
            .as_str()
            .is_some_and(|d| d.contains("\nFrom escape: Uses music")),
        "{kept}"
    );
    // Files that never named escape are untouched.
    for (path, was) in &before {
        if !String::from_utf8_lossy(was).contains("escape") {
            assert_eq!(was, &after[path], "{}", path.display());
        }
    }
}

#[test]
fn a_merge_into_a_code_the_codebook_lacks_is_refused() {
    let (_dir, root, sandbox) = notebook();
    let merge = ["codes", "merge", "escape", "getaway"];
    refused(&sandbox, &root, &merge, "has no `getaway`");
}

#[test]
fn a_move_changes_one_parent_and_refuses_a_tree_that_goes_round() {
    let (_dir, root, sandbox) = notebook();
    let before = files(&root);
    let run = sandbox.run(&root, &["codes", "move", "escape", "--parent", "autonomy"]);
    run.assert_code(0);
    assert!(
        run.stdout.contains("moved escape under autonomy"),
        "{}",
        run.describe()
    );
    let after = files(&root);
    let changed: Vec<&PathBuf> = before.keys().filter(|p| before[*p] != after[*p]).collect();
    assert_eq!(changed, [Path::new("codebook.yaml")]);
    let round = sandbox.run(
        &root,
        &["codes", "move", "autonomy", "--parent", "own-pace"],
    );
    assert_ne!(round.code, Some(0));
    assert!(round.stderr.contains("go round"), "{}", round.describe());
    let top = sandbox.run(&root, &["codes", "move", "escape", "--top"]);
    top.assert_code(0);
    assert!(
        top.stdout.contains("moved escape to the top"),
        "{}",
        top.describe()
    );
    assert_eq!(
        files(&root),
        before,
        "moved back, the codebook is as it was"
    );
}

#[test]
fn a_code_in_use_is_retired_only_into_another_or_dropped_from_every_note() {
    let (_dir, root, sandbox) = notebook();
    let before = files(&root);
    let refused = sandbox.run(&root, &["codes", "retire", "escape"]);
    assert_ne!(refused.code, Some(0));
    assert!(
        refused.stderr.contains("still use it"),
        "{}",
        refused.describe()
    );
    assert_eq!(files(&root), before);
    let added = sandbox.run(
        &root,
        &[
            "codes",
            "add",
            "sound-shield",
            "--parent",
            "escape",
            "--description",
            "Shields themselves with sound",
        ],
    );
    added.assert_code(0);
    let dropped = sandbox.run(&root, &["codes", "retire", "escape", "--drop"]);
    dropped.assert_code(0);
    // The lines dropped are listed before the one line that says what was done.
    assert!(
        dropped
            .stdout
            .contains("planted/windows.yaml:4: - why: [private-soundtrack, escape]"),
        "{}",
        dropped.describe()
    );
    let after = files(&root);
    for (path, lists) in lists(&after) {
        assert!(
            lists.iter().flatten().all(|c| c != "escape"),
            "{}",
            path.display()
        );
    }
    assert_eq!(
        String::from_utf8_lossy(&after[Path::new("planted/windows.yaml")]),
        WINDOWS.replace("[private-soundtrack, escape]", "[private-soundtrack]")
    );
    let book = value(&after[Path::new("codebook.yaml")]);
    let codes = book["codes"].as_array().expect("codes");
    assert!(codes.iter().all(|c| c["name"] != "escape"));
    // Its sub-code moved up to where it stood: the top.
    let shield = codes
        .iter()
        .find(|c| c["name"] == "sound-shield")
        .expect("added");
    assert!(shield.get("parent").is_none(), "{shield}");
    let checked = sandbox.run(&root, &["check"]);
    checked.assert_code(0);
}

#[test]
fn a_split_writes_every_use_to_a_plan_then_applies_the_parts_chosen() {
    let (dir, root, sandbox) = notebook();
    let plan = dir.path().join("split.yaml");
    let plan_arg = plan.to_string_lossy().into_owned();
    let split = [
        "codes",
        "split",
        "escape",
        "shut-out",
        "mood-change",
        "--plan",
        &plan_arg,
    ];
    let before = files(&root);
    let wrote = sandbox.run(&root, &split);
    wrote.assert_code(0);
    assert!(
        wrote.stdout.contains("run the same command again"),
        "{}",
        wrote.describe()
    );
    assert_eq!(files(&root), before, "writing the plan changes no note");
    let text = std::fs::read_to_string(&plan).expect("the plan");
    // The hand-written note's finding means shutting out; the Windows note's list, a change
    // of mood; every other use keeps both parts.
    let both = "    into:\n      - shut-out\n      - mood-change\n";
    let hand = "  - note: planted/hand-written.yaml\n    finding: 1\n";
    let windows = "  - note: planted/windows.yaml\n";
    let chosen = text
        .replace(
            &format!("{hand}    title: Man with a radio at the bus stop\n    did: holds the radio to his ear\n{both}"),
            &format!("{hand}    title: Man with a radio at the bus stop\n    did: holds the radio to his ear\n    into: [shut-out]\n"),
        )
        .replace(
            &format!("{windows}    title: Student with earbuds\n{both}"),
            &format!("{windows}    title: Student with earbuds\n    into: [mood-change]\n"),
        );
    assert_ne!(chosen, text, "{text}");
    std::fs::write(&plan, chosen).expect("edit the plan");
    let applied = sandbox.run(&root, &split);
    applied.assert_code(0);
    assert!(
        applied
            .stdout
            .contains("split escape into shut-out and mood-change in "),
        "{}",
        applied.describe()
    );
    let after = files(&root);
    assert_eq!(
        String::from_utf8_lossy(&after[Path::new("planted/windows.yaml")]),
        WINDOWS.replace("escape", "mood-change")
    );
    assert_eq!(
        String::from_utf8_lossy(&after[Path::new("planted/hand-written.yaml")]),
        HAND_WRITTEN.replace("      - escape\n", "      - shut-out\n")
    );
    for (path, lists) in lists(&after) {
        assert!(
            lists.iter().flatten().all(|c| c != "escape"),
            "{}",
            path.display()
        );
    }
    let book = value(&after[Path::new("codebook.yaml")]);
    let names: Vec<&str> = book["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(
        names.contains(&"shut-out") && names.contains(&"mood-change") && !names.contains(&"escape")
    );
}

#[test]
fn a_split_whose_plan_misses_a_use_added_since_changes_nothing() {
    let (dir, root, sandbox) = notebook();
    let plan = dir.path().join("split.yaml");
    let plan_arg = plan.to_string_lossy().into_owned();
    let split = [
        "codes",
        "split",
        "escape",
        "shut-out",
        "mood-change",
        "--plan",
        &plan_arg,
    ];
    sandbox.run(&root, &split).assert_code(0);
    std::fs::write(
        root.join("planted/later.yaml"),
        "kind: interview\ntitle: Later\ndate: 2024-06-04\nwhy: [escape]\n",
    )
    .expect("write");
    let before = files(&root);
    let run = sandbox.run(&root, &split);
    assert_ne!(run.code, Some(0), "{}", run.describe());
    assert!(run.stderr.contains("not in"), "{}", run.describe());
    assert_eq!(files(&root), before);
}

#[test]
fn a_name_no_note_or_code_has_and_a_name_only_notes_use_are_refused() {
    let (_dir, root, sandbox) = notebook();
    std::fs::write(
        root.join("planted/typo.yaml"),
        "kind: interview\ntitle: T\ndate: 2024-06-05\nwhy: [escpe]\n",
    )
    .expect("write");
    let typo = ["codes", "rename", "nosuchcode", "other"];
    refused(&sandbox, &root, &typo, "nothing to change");
    let onto = ["codes", "rename", "escape", "escpe"];
    refused(&sandbox, &root, &onto, "notes use `escpe` already");
}

#[test]
fn a_split_plan_whose_finding_says_something_else_now_changes_nothing() {
    let (dir, root, sandbox) = notebook();
    let plan = dir.path().join("split.plan");
    let plan_arg = plan.to_string_lossy().into_owned();
    let split = [
        "codes",
        "split",
        "escape",
        "shut-out",
        "mood-change",
        "--plan",
        &plan_arg,
    ];
    sandbox.run(&root, &split).assert_code(0);
    // A teammate rewrites the finding the plan chose for.
    let hand = root.join("planted/hand-written.yaml");
    let text = std::fs::read_to_string(&hand).expect("read");
    std::fs::write(
        &hand,
        text.replace("holds the radio to his ear", "turns the radio off"),
    )
    .expect("write");
    let before = files(&root);
    let run = sandbox.run(&root, &split);
    assert_ne!(run.code, Some(0), "{}", run.describe());
    assert!(run.stderr.contains("as they are now"), "{}", run.describe());
    assert_eq!(files(&root), before);
}

#[test]
fn a_rename_killed_half_way_is_undone_by_the_next_command_which_says_so() {
    let sandbox = Sandbox::new();
    let root = sandbox.path("many");
    std::fs::create_dir_all(root.join("notes")).expect("mkdir");
    std::fs::write(root.join("fieldnotes.yaml"), "name: many\n").expect("write");
    std::fs::write(
        root.join("codebook.yaml"),
        "codes:\n  - name: escape\n    description: Gets away\n",
    )
    .expect("write");
    for n in 0..3000 {
        std::fs::write(
            root.join(format!("notes/{n:04}.yaml")),
            format!("kind: observation\ntitle: Walk {n}\ndate: 2024-01-01\nwhy: [escape]\n"),
        )
        .expect("write");
    }
    let journal = root.join(".fieldnotes-tmp/change.journal");
    // Killed while it writes (the journal is there only then); a run that ends first is tried
    // again the other way round, from where it ended.
    let mut killed = false;
    for (old, new) in [("escape", "getaway"), ("getaway", "escape")]
        .iter()
        .cycle()
        .take(6)
    {
        let mut child = sandbox.spawn(&root, &["codes", "rename", old, new]);
        let start = files(&root);
        while child.try_wait().expect("wait").is_none() {
            // Killed once the journal is there and some notes are written.
            if journal.exists() && files(&root) != start && journal.exists() {
                child.kill().expect("kill");
                killed = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        let _ = child.wait();
        if killed {
            break;
        }
    }
    assert!(killed, "no rename was caught half-way");
    assert!(journal.exists());
    let next = sandbox.run(&root, &["codes"]);
    next.assert_code(0);
    assert!(
        next.stderr.contains("was cut short before it was done"),
        "{}",
        next.describe()
    );
    assert!(!journal.exists());
    let after = files(&root);
    // Every note holds one name again: all the old one, as before the killed rename.
    let renamed = after
        .values()
        .filter(|b| b.ends_with(b"[getaway]\n"))
        .count();
    assert!(renamed == 0 || renamed == 3000, "{renamed} of 3000 renamed");
    let book = String::from_utf8_lossy(&after[Path::new("codebook.yaml")]).into_owned();
    assert_eq!(book.contains("getaway"), renamed == 3000, "{book}");
}
