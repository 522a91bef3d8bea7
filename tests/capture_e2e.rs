//! Writing notes with the real binary in a real terminal (tmux): a street interview recorded,
//! saved, found by `search`; and a note in progress that survives `kill -9`. Needs tmux.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Sandbox;
use common::tmux::Tmux;

/// A copy of the sample notebook open in a terminal, a new interview's form on screen.
fn writing_a_note() -> (Sandbox, PathBuf, Tmux) {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("research");
    common::copy_dir(&common::sample(), &notebook);
    let config = sandbox.path("config/fieldnotes");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.yaml"), "researcher: ms\n").expect("write config");
    let tmux = Tmux::start(&sandbox, 100, 30);
    tmux.launch(&notebook, "58 notes");
    tmux.keys(&["C-r"]);
    tmux.wait_for("New interview");
    (sandbox, notebook, tmux)
}

/// Saves the note with `Ctrl-S`, quits, and reads the one new note whose file name holds
/// `words`: in the folder of the study the form started with, the newest note's.
fn save_quit_and_read(tmux: &Tmux, notebook: &Path, words: &str) -> String {
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved as");
    tmux.keys(&["C-c"]);
    tmux.wait_for("fieldnotes' --notebook");
    let written: Vec<PathBuf> = std::fs::read_dir(notebook.join("quiet-carriage"))
        .expect("read the notebook")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(words))
        .collect();
    assert_eq!(written.len(), 1, "one new note: {written:?}");
    std::fs::read_to_string(&written[0]).expect("read the note")
}

#[test]
fn a_street_interview_recorded_in_the_terminal_is_in_its_file_and_found() {
    let (sandbox, notebook, tmux) = writing_a_note();
    tmux.text("Commuter with earbuds at the gate");
    tmux.keys(&["C-n"]);
    tmux.text("takes one earbud out to buy a ticket");
    tmux.keys(&["Tab"]);
    tmux.text("I keep the other one in, it is my bubble");
    tmux.keys(&["Tab"]);
    tmux.text("privsound");
    tmux.wait_for("private-soundtrack");
    tmux.keys(&["Enter"]);
    tmux.wait_for("[private-soundtrack]");
    let text = save_quit_and_read(&tmux, &notebook, "commuter-with-earbuds-at-the-gate");
    let body = text.split_once("\nfindings:\n").map(|(_, b)| b);
    assert_eq!(
        body,
        Some(
            "  - did: takes one earbud out to buy a ticket\n    \
             quote: I keep the other one in, it is my bubble\n    \
             why: [private-soundtrack]\n"
        ),
        "{text}"
    );
    assert!(text.starts_with("kind: interview\ntitle: Commuter with earbuds at the gate\n"));
    assert!(
        text.contains("\nresearcher: ms\n"),
        "from the user's config: {text}"
    );
    let found = sandbox.run(&notebook, &["search", "--json", "earbud bubble"]);
    found.assert_code(0);
    assert!(
        found.stdout.contains("commuter-with-earbuds-at-the-gate"),
        "{}",
        found.describe()
    );
}

#[test]
fn a_note_in_progress_survives_kill_9_and_is_offered_at_the_next_start() {
    let (sandbox, notebook, tmux) = writing_a_note();
    tmux.text("Woman humming on the escalator");
    tmux.keys(&["Tab"]);
    tmux.text("Shinjuku station");
    tmux.wait_for("Shinjuku station");
    let drafts = sandbox.path("data/fieldnotes/drafts");
    let typed = Instant::now();
    while !std::fs::read_dir(&drafts)
        .map(|d| {
            d.flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .unwrap_or(false)
    {
        assert!(
            typed.elapsed() < Duration::from_secs(5),
            "no draft in {drafts:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let killed = std::process::Command::new("pkill")
        .args(["-KILL", "-f", &notebook.display().to_string()])
        .status()
        .expect("run pkill");
    assert!(killed.success(), "the UI was running");
    tmux.wait_for("Killed");
    // A killed program cannot give the terminal back: the shell gets it back by hand, with a
    // line feed, since Enter sends a carriage return that a raw terminal leaves alone. What is
    // typed before `stty` has run may be thrown away with the raw terminal's input, so the
    // next command waits for the shell to say it is back (the quotes keep the words typed
    // from matching the words said).
    tmux.text("stty sane; clear; echo shell-is-''back");
    tmux.keys(&["C-j"]);
    tmux.wait_for("shell-is-back");

    tmux.launch(&notebook, "A note you were writing was not saved");
    tmux.wait_for("Woman humming on the escalator");
    tmux.wait_for("58 notes");
    tmux.keys(&["r"]);
    tmux.wait_for("Shinjuku station");
    let text = save_quit_and_read(&tmux, &notebook, "woman-humming-on-the-escalator");
    assert!(
        text.contains("title: Woman humming on the escalator\n"),
        "{text}"
    );
    assert!(text.contains("place: Shinjuku station\n"), "{text}");
    let left: Vec<_> = std::fs::read_dir(&drafts)
        .expect("drafts")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .collect();
    assert!(
        left.is_empty(),
        "the restored draft is gone once saved: {left:?}"
    );
}
