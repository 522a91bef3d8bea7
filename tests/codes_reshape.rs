//! Merges, moves, retirements and splits of codes across every note, through the real binary
//! on a copy of the sample notebook, each file read here as plain data; and a change killed
//! half-way, undone by the next command.

mod common;

use std::path::{Path, PathBuf};

use common::Sandbox;
use common::codes::{HAND_WRITTEN, WINDOWS, files, lists, notebook, refused, value};

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

/// `codes split escape shut-out mood-change --plan PLAN`.
fn split_args(plan: &str) -> [&str; 7] {
    [
        "codes",
        "split",
        "escape",
        "shut-out",
        "mood-change",
        "--plan",
        plan,
    ]
}

#[test]
fn a_split_writes_every_use_to_a_plan_then_applies_the_parts_chosen() {
    let (dir, root, sandbox) = notebook();
    let plan = dir.path().join("split.yaml");
    let plan_arg = plan.to_string_lossy().into_owned();
    let split = split_args(&plan_arg);
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
    let split = split_args(&plan_arg);
    sandbox.run(&root, &split).assert_code(0);
    std::fs::write(
        root.join("planted/later.yaml"),
        "kind: interview\ntitle: Later\ndate: 2024-06-04\nwhy: [escape]\n",
    )
    .expect("write");
    refused(&sandbox, &root, &split, "not in its plan");
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
    let split = split_args(&plan_arg);
    sandbox.run(&root, &split).assert_code(0);
    // A teammate rewrites the finding the plan chose for.
    let hand = root.join("planted/hand-written.yaml");
    let text = std::fs::read_to_string(&hand).expect("read");
    std::fs::write(
        &hand,
        text.replace("holds the radio to his ear", "turns the radio off"),
    )
    .expect("write");
    refused(&sandbox, &root, &split, "as it is now");
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
