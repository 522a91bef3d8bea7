//! `rm` through the real binary: it asks, it keeps what git does not, and it never takes a
//! file changed since it was read.

mod common;

use common::{Sandbox, copy_dir, sample};

const BOOMBOX: &str = "1979-03-14-teen-boombox-shibuya";
const BOOMBOX_FILE: &str = "portable-music/1979-03-14-teen-boombox-shibuya.yaml";

fn git(root: &std::path::Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.email=t@example.org", "-c", "user.name=T"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn rm_without_a_terminal_asks_for_yes_and_removes_nothing() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    let run = sandbox.run(&notebook, &["rm", BOOMBOX]);
    run.assert_code(2);
    assert!(run.stderr.contains("--yes"), "{}", run.describe());
    assert!(notebook.join(BOOMBOX_FILE).is_file());
}

#[test]
fn a_note_git_does_not_hold_goes_to_the_trash_and_the_insights_citing_it_are_named() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    let before = std::fs::read(notebook.join(BOOMBOX_FILE)).expect("the note");
    // Before: the insight names it by title, and it names the insights that cite it.
    let insight = "2024-09-30-headphones-are-still-about-courtesy";
    let shown = sandbox.run(&notebook, &["show", insight]);
    assert!(
        shown.stdout.contains("Teen carrying a boombox through Shibuya  (interview · 1979-03-14 · 1979-03-14-teen-boombox-shibuya)"),
        "{}",
        shown.stdout
    );
    let cited = sandbox.run(&notebook, &["show", BOOMBOX]);
    let after_heading = cited
        .stdout
        .split("Cited as evidence by")
        .nth(1)
        .unwrap_or_default();
    assert!(after_heading.contains(insight), "{}", cited.stdout);
    let run = sandbox.run(&notebook, &["rm", BOOMBOX, "--yes", "--json"]);
    run.assert_code(0);
    assert!(!notebook.join(BOOMBOX_FILE).exists());
    assert!(
        run.stderr.contains("will show a broken link"),
        "{}",
        run.describe()
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let kept = json[0]["kept"].as_str().expect("a trash path");
    assert!(
        kept.starts_with(&*sandbox.home().to_string_lossy()),
        "{kept}"
    );
    assert_eq!(std::fs::read(kept).expect("kept"), before);
    // The insight now shows the broken link.
    let shown = sandbox.run(&notebook, &["show", insight]);
    assert!(
        shown
            .stdout
            .contains("1979-03-14-teen-boombox-shibuya  (broken link"),
        "{}",
        shown.stdout
    );
    // The search no longer finds it.
    let found = sandbox.run(&notebook, &["search", "boombox", "--json"]);
    assert!(!found.stdout.contains(BOOMBOX), "{}", found.describe());
}

#[test]
fn a_note_git_holds_is_deleted_and_git_restore_brings_it_back() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    git(&notebook, &["init", "-q"]);
    git(&notebook, &["add", "-A"]);
    git(&notebook, &["commit", "-qm", "notes"]);
    let run = sandbox.run(&notebook, &["rm", BOOMBOX, "--yes"]);
    run.assert_code(0);
    assert!(run.stderr.contains("restore"), "{}", run.describe());
    assert!(!notebook.join(BOOMBOX_FILE).exists());
    git(&notebook, &["restore", "--", BOOMBOX_FILE]);
    assert!(notebook.join(BOOMBOX_FILE).is_file());

    // Changed since the commit: git does not have this version, so it is kept in the trash.
    let path = notebook.join(BOOMBOX_FILE);
    let changed = std::fs::read_to_string(&path).expect("note") + "# a last thought\n";
    std::fs::write(&path, &changed).expect("write");
    let run = sandbox.run(&notebook, &["rm", BOOMBOX, "--yes", "--json"]);
    run.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let kept = json[0]["kept"].as_str().expect("kept in the trash");
    assert_eq!(std::fs::read_to_string(kept).expect("kept"), changed);
}

#[test]
fn an_unknown_id_removes_nothing_at_all() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    copy_dir(&sample(), &notebook);
    let run = sandbox.run(&notebook, &["rm", BOOMBOX, "no-such-note", "--yes"]);
    assert_ne!(run.code, Some(0));
    assert!(notebook.join(BOOMBOX_FILE).is_file());
}
