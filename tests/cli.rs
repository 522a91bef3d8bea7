//! The command line as a user drives it: the real binary, a notebook in a temp folder, and
//! the user's directories pointed away from the real home.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/research");

mod common;

struct Sandbox {
    inner: common::Sandbox,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            inner: common::Sandbox::new(),
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.inner.path(relative)
    }

    /// The binary, run in `dir`, with every per-user directory inside the sandbox.
    fn run_in(&self, dir: &Path, args: &[&str]) -> Command {
        self.inner.command_in(dir, args)
    }

    /// A fresh notebook at `nb/` with the starter codebook.
    fn notebook(&self) -> PathBuf {
        let nb = self.path("nb");
        self.run_in(self.inner.home(), &["init", "nb"])
            .assert()
            .success();
        nb
    }

    fn run(&self, nb: &Path, args: &[&str]) -> Command {
        let mut cmd = self.run_in(self.inner.home(), &["--notebook", nb.to_str().unwrap()]);
        cmd.args(args);
        cmd
    }

    fn editor_writing(&self, text: &str) -> String {
        self.inner.editor_writing(text)
    }
}

fn stdout_of(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn init_makes_a_notebook_and_refuses_to_redo_it() {
    let s = Sandbox::new();
    let nb = s.notebook();
    for file in ["fieldnotes.yaml", "codebook.yaml", ".gitignore"] {
        assert!(nb.join(file).is_file(), "{file}");
    }
    assert!(nb.join(".git").is_dir(), "git init ran");
    assert_eq!(
        std::fs::read_to_string(nb.join("fieldnotes.yaml")).unwrap(),
        "name: nb\nlanguage: en\n"
    );
    std::fs::write(nb.join("codebook.yaml"), "codes: []\n").unwrap();
    s.run_in(s.inner.home(), &["init", "nb"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("already a notebook"));
    assert_eq!(
        std::fs::read_to_string(nb.join("codebook.yaml")).unwrap(),
        "codes: []\n"
    );
    s.run(&nb, &["check"]).assert().success();
}

#[test]
fn new_without_editor_writes_a_canonical_note_named_by_date_and_title() {
    let s = Sandbox::new();
    let nb = s.notebook();
    let args = [
        "new",
        "interview",
        "--no-edit",
        "--title",
        "Teen: boombox at Shibuya",
        "--date",
        "1979-03-14T15:20+09:00",
        "--participant",
        "P07",
        "--why",
        "autonomy",
        "--place",
        "Shibuya crossing",
    ];
    let out = stdout_of(s.run(&nb, &args).assert().success());
    assert_eq!(out.trim(), "1979-03-14-teen-boombox-at-shibuya.yaml");
    let text = std::fs::read_to_string(nb.join(out.trim())).unwrap();
    assert_eq!(
        text,
        "kind: interview\ntitle: \"Teen: boombox at Shibuya\"\ndate: 1979-03-14T15:20+09:00\nplace: Shibuya crossing\nparticipants:\n  - alias: P07\nwhy: [autonomy]\n"
    );
    let again = stdout_of(s.run(&nb, &args).assert().success());
    assert_eq!(
        again.trim(),
        "1979-03-14-teen-boombox-at-shibuya-2.yaml",
        "a second note never overwrites the first"
    );
    s.run(&nb, &["fmt", "--check"]).assert().success();
    s.run(&nb, &["new", "interview", "--no-edit"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--title"));
}

#[test]
fn new_in_the_editor_keeps_what_the_user_typed_and_drops_blank_template_keys() {
    let s = Sandbox::new();
    let nb = s.notebook();
    std::fs::create_dir(nb.join("street")).unwrap();
    let editor = s.editor_writing(
        "kind: observation\ntitle: Queue at the photo counter\ndate: 2024-03-02\nstudy: street\nplace:\nfindings:\n  - did: waits twenty minutes rather than use the kiosk\n    why: [trust]\n  - did:\n    quote:\n",
    );
    let run =
        s.inner
            .run_on_terminal_editing(&nb, &["new", "observation", "--study", "street"], &editor);
    run.assert_code(0);
    let out = "street/2024-03-02-queue-at-the-photo-counter.yaml";
    assert_eq!(run.stdout.trim(), out, "goes into the study's folder");
    let text = std::fs::read_to_string(nb.join(out)).unwrap();
    assert!(!text.contains("place"), "blank keys are dropped: {text}");
    assert!(
        text.contains(
            "  - did: waits twenty minutes rather than use the kiosk\n    why: [trust]\n"
        ),
        "{text}"
    );
    let drafts = s.path("data/fieldnotes/drafts");
    assert_eq!(
        std::fs::read_dir(drafts).unwrap().count(),
        0,
        "the draft is removed once saved"
    );
}

#[test]
fn a_study_is_a_name_that_maps_to_one_folder_never_a_path() {
    let s = Sandbox::new();
    let nb = s.notebook();
    std::fs::create_dir(nb.join("Photo Store")).unwrap();
    let new = |study: &str, title: &str| {
        s.run(
            &nb,
            &[
                "new",
                "interview",
                "--no-edit",
                "--title",
                title,
                "--study",
                study,
            ],
        )
        .assert()
        .success()
    };
    // An existing folder is found whatever the case or spelling of the study.
    let out = new("photo store", "Counter at noon");
    let written = stdout_of(out);
    assert!(written.starts_with("Photo Store/"), "{written}");
    // A new study: one folder named with its slug, and a word about it.
    let out = new("New Study/with sub", "First of a new study");
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let written = stdout_of(out);
    assert!(written.starts_with("new-study-with-sub/"), "{written}");
    assert!(!nb.join("New Study").exists(), "no nested folders");
    assert!(
        stderr.contains("is a new study: its notes go in the new folder new-study-with-sub/"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(nb.join(written.trim())).unwrap();
    assert!(
        text.contains("study: New Study/with sub\n"),
        "kept as typed: {text}"
    );
    // The next note of that study goes to the same folder, quietly.
    let out = new("New Study/with sub", "Second of the new study");
    assert!(out.get_output().stderr.is_empty());
    assert!(stdout_of(out).starts_with("new-study-with-sub/"));
    // Nothing leads outside.
    let written = stdout_of(new("../../outside", "Escape attempt"));
    assert!(written.starts_with("outside/"), "{written}");
    assert!(!s.path("outside").exists());
}

#[test]
fn new_without_a_terminal_refuses_before_any_editor_or_draft() {
    let s = Sandbox::new();
    let nb = s.notebook();
    let marker = s.path("editor-ran");
    let editor = s.path("editor.sh");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\ntouch '{}'\n", marker.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let before = std::fs::read_dir(&nb).unwrap().count();
    // Piped in and out, and no terminal to come from: a script, a cron job, CI.
    let mut command = s
        .inner
        .command_without_terminal(&nb, &["new", "interview", "--title", "From a script"]);
    command.env("EDITOR", &editor).write_stdin("");
    let assert = command.assert().code(2);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no terminal to run the editor in"),
        "{stderr}"
    );
    assert!(stderr.contains("--no-edit"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing on stdout");
    assert!(!marker.exists(), "the editor never started");
    assert_eq!(std::fs::read_dir(&nb).unwrap().count(), before, "no file");
    let drafts = s.path("data/fieldnotes/drafts");
    assert!(
        std::fs::read_dir(&drafts).map_or(true, |d| d.count() == 0),
        "no draft left behind"
    );
}

#[test]
fn an_invalid_note_from_the_editor_is_kept_and_reported() {
    let s = Sandbox::new();
    let nb = s.notebook();
    let editor = s.editor_writing(
        "kind: interview\ntitle: Lost words\ndate: last tuesday\nbody: |\n  Everything she said.\n",
    );
    // On a terminal, where the editor runs; stdout and stderr arrive together there.
    let run = s
        .inner
        .run_on_terminal_editing(&nb, &["new", "interview"], &editor);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains(":3:7: error: `last tuesday` is not a date"),
        "{}",
        run.describe()
    );
    let saved = run
        .stdout
        .lines()
        .map(str::trim)
        .find(|l| l.ends_with(".yaml") && !l.contains(' '))
        .expect("the path of the kept note")
        .to_owned();
    assert!(
        std::fs::read_to_string(nb.join(&saved))
            .unwrap()
            .contains("Everything she said.")
    );
    s.run(&nb, &["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not a date"));
}

#[test]
fn new_refuses_unknown_kinds_and_folders_outside_the_notebook() {
    let s = Sandbox::new();
    let nb = s.notebook();
    s.run(&nb, &["new", "podcast", "--no-edit", "--title", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "interview, observation, meeting, social, insight",
        ));
    // An absolute folder outside the notebook, inside the sandbox so a regression writes
    // nowhere real.
    let elsewhere = s.path("elsewhere");
    for dir in ["../outside", elsewhere.to_str().unwrap(), ".git"] {
        s.run(
            &nb,
            &[
                "new",
                "interview",
                "--no-edit",
                "--title",
                "x",
                "--dir",
                dir,
            ],
        )
        .assert()
        .code(3);
    }
    assert!(!s.path("outside").exists() && !elsewhere.exists());
    // A broken fieldnotes.yaml is named when its kinds are lost.
    let settings = std::fs::read_to_string(nb.join("fieldnotes.yaml")).unwrap();
    std::fs::write(nb.join("fieldnotes.yaml"), "kinds: [diary]\n\tbad: 1\n").unwrap();
    s.run(&nb, &["new", "diary", "--no-edit", "--title", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "fieldnotes.yaml:2:1: error: invalid YAML",
        ));
    std::fs::write(nb.join("fieldnotes.yaml"), settings).unwrap();
    // A link inside the notebook that points out of it: refused before anything is created
    // at its far end.
    #[cfg(unix)]
    {
        let far = s.path("far");
        std::fs::create_dir_all(&far).unwrap();
        std::os::unix::fs::symlink(&far, nb.join("escape")).unwrap();
        s.run(
            &nb,
            &[
                "new",
                "interview",
                "--no-edit",
                "--title",
                "x",
                "--dir",
                "escape/deep/er",
            ],
        )
        .assert()
        .code(3)
        .stderr(predicate::str::contains("leads outside the notebook"));
        assert!(!far.join("deep").exists(), "nothing made outside");
    }
}

#[test]
fn list_filters_by_kind_study_code_with_children_and_dates() {
    let s = Sandbox::new();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--notebook", SAMPLE, "list"];
        all.extend_from_slice(args);
        stdout_of(s.run_in(s.inner.home(), &all).assert().success())
            .lines()
            .map(|l| l.split_whitespace().next().unwrap_or("").to_owned())
            .collect()
    };
    let everything = ids(&[]);
    assert!(everything.len() >= 40);
    assert!(
        everything.windows(2).all(|w| w[0][..10] >= w[1][..10]),
        "newest first"
    );
    let insights = ids(&["--kind", "insight"]);
    assert!(!insights.is_empty() && insights.len() < everything.len());
    // The study's own folder plus the two insights filed under it.
    let music = ids(&["--study", "portable-music", "--until", "1979-12-31"]);
    assert_eq!(music.len(), 17, "{music:?}");
    assert!(music.iter().all(|id| id.starts_with("1979-")), "{music:?}");
    let parent = ids(&["--why", "autonomy"]);
    let child = ids(&["--why", "private-soundtrack"]);
    assert!(!child.is_empty());
    assert!(
        child.iter().all(|id| parent.contains(id)) && parent.len() > child.len(),
        "a parent code finds its children's notes as well as its own"
    );
    assert!(parent.contains(&"1979-03-14-teen-boombox-shibuya".to_owned()));
    let since = ids(&["--since", "2024-01-01"]);
    let expected: Vec<&String> = everything
        .iter()
        .filter(|id| id.as_str() >= "2024-01-01")
        .collect();
    assert!(!since.is_empty() && since.len() < everything.len());
    assert_eq!(since.iter().collect::<Vec<_>>(), expected);
    s.run_in(
        s.inner.home(),
        &["--notebook", SAMPLE, "list", "--since", "March"],
    )
    .assert()
    .code(2);
}

#[test]
fn show_prints_a_note_for_people_and_for_programs() {
    let s = Sandbox::new();
    let id = "1979-03-14-teen-boombox-shibuya";
    let text = stdout_of(
        s.run_in(s.inner.home(), &["--notebook", SAMPLE, "show", id])
            .assert()
            .success(),
    );
    assert!(text.starts_with("Teen carrying a boombox through Shibuya\n"));
    assert!(text.contains("I don't want the whole carriage listening to my music."));
    let json = stdout_of(
        s.run_in(
            s.inner.home(),
            &["--notebook", SAMPLE, "show", id, "--json"],
        )
        .assert()
        .success(),
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["id"], id);
    assert_eq!(value["findings"][0]["why"][0], "private-soundtrack");
    s.run_in(s.inner.home(), &["--notebook", SAMPLE, "show", "boombox"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("1979-03-14-teen-boombox-shibuya"));
}

#[test]
fn the_sample_notebook_is_clean_and_canonical() {
    let s = Sandbox::new();
    s.run_in(s.inner.home(), &["--notebook", SAMPLE, "check"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("note files: no problems"));
    s.run_in(s.inner.home(), &["--notebook", SAMPLE, "fmt", "--check"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn fmt_rewrites_keeps_unknown_keys_and_refuses_notes_it_would_change() {
    let s = Sandbox::new();
    let nb = s.notebook();
    let messy = "date: 2024-01-05\ntitle:   Photo walk\nkind: observation\nmood: rainy\ntags:\n- walk\n- 'trust'\n";
    let commented =
        "kind: observation  # seen, not asked\ntitle: Counter\ndate: 2024-01-06\ntags: [a,b]\n";
    std::fs::write(nb.join("2024-01-05-photo-walk.yaml"), messy).unwrap();
    std::fs::write(nb.join("2024-01-06-counter.yaml"), commented).unwrap();
    let numbered = "kind: observation\ntitle: Room 1.10\ndate: 2024-01-07\nroom:  007\n";
    let bom = "\u{feff}kind: observation\ntitle:  Bom\ndate: 2024-01-08\n";
    std::fs::write(nb.join("2024-01-08-bom.yaml"), bom).unwrap();
    std::fs::write(nb.join("2024-01-07-room.yaml"), numbered).unwrap();
    s.run(&nb, &["fmt", "--check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2024-01-05-photo-walk.yaml"));
    assert_eq!(
        std::fs::read_to_string(nb.join("2024-01-05-photo-walk.yaml")).unwrap(),
        messy,
        "--check changes nothing"
    );
    s.run(&nb, &["fmt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "2024-01-06-counter.yaml:1:20: error: not rewritten: this note has YAML comments",
        ))
        .stderr(predicate::str::contains(
            "2024-01-07-room.yaml:4:8: error: not rewritten: `007` reads as the number 7",
        ));
    assert_eq!(
        std::fs::read_to_string(nb.join("2024-01-07-room.yaml")).unwrap(),
        numbered
    );
    assert_eq!(
        std::fs::read_to_string(nb.join("2024-01-08-bom.yaml")).unwrap(),
        "kind: observation\ntitle: Bom\ndate: 2024-01-08\n"
    );
    assert_eq!(
        std::fs::read_to_string(nb.join("2024-01-05-photo-walk.yaml")).unwrap(),
        "kind: observation\ntitle: Photo walk\ndate: 2024-01-05\ntags: [walk, trust]\nmood: rainy\n"
    );
    assert_eq!(
        std::fs::read_to_string(nb.join("2024-01-06-counter.yaml")).unwrap(),
        commented
    );
}

#[test]
fn codes_counts_notes_findings_and_people_including_sub_codes() {
    let s = Sandbox::new();
    let json = stdout_of(
        s.run_in(s.inner.home(), &["--notebook", SAMPLE, "codes", "--json"])
            .assert()
            .success(),
    );
    let codes: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let get = |name: &str| codes.iter().find(|c| c["name"] == name).unwrap().clone();
    let (parent, child) = (get("autonomy"), get("private-soundtrack"));
    assert_eq!(child["parent"], "autonomy");
    assert!(child["notes"].as_u64().unwrap() > 0);
    assert!(parent["notes"].as_u64() >= child["notes"].as_u64());
    assert!(parent["findings"].as_u64() >= child["findings"].as_u64());
    let tree = stdout_of(
        s.run_in(s.inner.home(), &["--notebook", SAMPLE, "codes"])
            .assert()
            .success(),
    );
    assert!(
        tree.lines().any(|l| l.starts_with("  private-soundtrack")),
        "children are indented"
    );
}

#[test]
fn the_notebook_is_found_from_flag_variable_or_enclosing_folder() {
    let s = Sandbox::new();
    let nb = s.notebook();
    let deep = nb.join("study/2024");
    std::fs::create_dir_all(&deep).unwrap();
    s.run(
        &nb,
        &[
            "new",
            "observation",
            "--no-edit",
            "--title",
            "Rainy day",
            "--date",
            "2024-05-01",
        ],
    )
    .assert()
    .success();
    s.run_in(&deep, &["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2024-05-01-rainy-day"));
    s.run_in(s.inner.home(), &["list"])
        .env("FIELDNOTES_NOTEBOOK", &nb)
        .assert()
        .success()
        .stdout(predicate::str::contains("2024-05-01-rainy-day"));
    s.run_in(s.inner.home(), &["list"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("fieldnotes init"));
    s.run_in(
        s.inner.home(),
        &["--notebook", s.inner.home().to_str().unwrap(), "list"],
    )
    .assert()
    .code(3)
    .stderr(predicate::str::contains("not a notebook"));
}

#[test]
fn new_creates_the_default_notebook_on_first_use() {
    let s = Sandbox::new();
    s.run_in(
        s.inner.home(),
        &[
            "new",
            "observation",
            "--no-edit",
            "--title",
            "First note",
            "--date",
            "2024-02-01",
        ],
    )
    .assert()
    .success();
    assert!(
        s.path("data/fieldnotes/notebook/2024-02-01-first-note.yaml")
            .is_file()
    );
    s.run_in(s.inner.home(), &["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("First note"));
}

#[test]
fn every_command_documents_examples_and_completions_are_generated() {
    let s = Sandbox::new();
    for command in [
        "init",
        "new",
        "list",
        "show",
        "check",
        "fmt",
        "codes",
        "search",
        "index",
        "watch",
        "completions",
    ] {
        s.run_in(s.inner.home(), &[command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
    s.run_in(s.inner.home(), &["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("fieldnotes"));
    s.run_in(s.inner.home(), &["list", "--bogus"])
        .assert()
        .code(2);
}

#[test]
fn show_refuses_an_id_that_two_files_share() {
    let s = Sandbox::new();
    let nb = s.notebook();
    for dir in ["a", "b"] {
        std::fs::create_dir(nb.join(dir)).unwrap();
        std::fs::write(
            nb.join(dir).join("2024-02-04-same.yaml"),
            format!("kind: diary\ntitle: {dir}\ndate: 2024-02-04\n"),
        )
        .unwrap();
    }
    s.run(&nb, &["show", "2024-02-04-same"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("belongs to more than one note"));
}

#[test]
fn a_reader_that_stops_reading_ends_the_command_quietly() {
    let s = common::Sandbox::new();
    let sample = std::path::Path::new(SAMPLE);
    // `check` writes to stdout only when it finds something.
    let broken = s.path("broken");
    common::copy_dir(sample, &broken);
    std::fs::write(
        broken.join("1979-01-01-bad.yaml"),
        "kind: interview\ntitle: [\n",
    )
    .expect("write a broken note");
    let mut child = s.spawn(&broken, &["check"]);
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("it ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "check: {stderr}");
    assert_eq!(output.status.code(), Some(0), "check: {stderr}");
    for args in [
        &["list"][..],
        &["codes"],
        &["show", "1979-03-14-teen-boombox-shibuya"],
        &[],
    ] {
        let mut child = s.spawn(sample, args);
        // `| head -0`: the reading end is closed before anything is written.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("it ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

#[test]
fn a_typo_in_a_kind_is_a_warning_served_everywhere_and_counts_agree() {
    let s = Sandbox::new();
    let nb = s.notebook();
    std::fs::write(
        nb.join("2024-05-01-typo.yaml"),
        "kind: intervew\ntitle: A typo\ndate: 2024-05-01\nwhy: [nowhere, nowhere]\n",
    )
    .unwrap();
    std::fs::write(
        nb.join("2024-05-02-bad.yaml"),
        "kind: interview\ntitle: Bad\ndate: 2024-13-45\n",
    )
    .unwrap();
    std::fs::write(nb.join("codebook.yaml"), "codes:\n  - name: nowhere\n").unwrap();
    s.run(&nb, &["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "warning: `intervew` is not a kind of note here\n  hint: did you mean `interview`?",
        ))
        .stdout(predicate::str::contains("warning: the why-code `nowhere` is listed twice here"))
        .stdout(predicate::str::contains("hint: the code `nowhere` has no description"))
        .stdout(predicate::str::contains("`2024-13-45` is not a date: there is no month 13\n"))
        .stderr(predicate::str::contains(
            "checked 2 note files: 1 error, 2 warnings, 1 hint; 1 file left out of lists and search",
        ));
    s.run(&nb, &["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2024-05-01-typo"))
        .stderr(predicate::str::contains("1 file with errors left out"));
    s.run(&nb, &["show", "2024-05-01-typo"]).assert().success();
    // Counts in the singular where there is one.
    s.run(&nb, &["codes"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 note       0 findings   0 people    (no description yet)",
        ));
}

#[test]
fn show_reflows_hand_broken_paragraphs_and_wraps_them_to_the_width() {
    let sandbox = common::Sandbox::new();
    let notebook = sandbox.path("nb");
    common::copy_dir(&common::sample(), &notebook);
    let id = "1979-03-14-teen-boombox-shibuya";
    // Piped: each paragraph on one line, as written but joined.
    let piped = sandbox.run(&notebook, &["show", id]);
    piped.assert_code(0);
    assert!(
        piped
            .stdout
            .contains("radio-cassette (ラジカセ) on his right shoulder, the handle"),
        "{}",
        piped.stdout
    );
    // At 80 columns: no line longer, and no line of a word or two left behind by the file's
    // own line breaks.
    let wrapped = sandbox
        .command(&notebook, &["show", id])
        .env("COLUMNS", "80")
        .output()
        .expect("show runs");
    let text = String::from_utf8_lossy(&wrapped.stdout);
    let body: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("Found him waiting"))
        .take_while(|l| !l.starts_with("Cited as evidence by"))
        .collect();
    assert!(body.len() > 10, "{text}");
    for (i, line) in body.iter().enumerate() {
        assert!(unicode_width::UnicodeWidthStr::width(*line) <= 80, "{line}");
        let next_blank = body.get(i + 1).is_none_or(|n| n.trim().is_empty());
        if !line.trim().is_empty() && !next_blank {
            assert!(line.len() > 50, "a ragged line: {line:?}\n{text}");
        }
    }
    // A very wide terminal: prose stops at 100 columns, where lines are still easy to follow.
    let wide = sandbox
        .command(&notebook, &["show", id])
        .env("COLUMNS", "200")
        .output()
        .expect("show runs");
    let text = String::from_utf8_lossy(&wide.stdout);
    let widths: Vec<usize> = text
        .lines()
        .skip_while(|l| !l.contains("Found him waiting"))
        .take_while(|l| !l.starts_with("Cited as evidence by"))
        .map(unicode_width::UnicodeWidthStr::width)
        .collect();
    assert!(widths.iter().all(|&w| w <= 100), "{text}");
    assert!(widths.iter().any(|&w| w > 90), "{text}");
}
