//! The real binary in a real terminal (a tmux pane of its own server): type a query, see the
//! note, open it, quit, and find the shell's terminal as it was. Needs tmux.
#![cfg(unix)]

mod common;

use common::Sandbox;
use common::tmux::{Tmux, quoted};

#[test]
fn find_a_note_read_it_quit_and_get_the_terminal_back() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("research");
    common::copy_dir(&common::sample(), &notebook);
    let tmux = Tmux::start(&sandbox, 100, 30);
    tmux.text(
        "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' > before.txt; echo \"rea\"\"dy\"",
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("ready\n");
    let bin = assert_cmd::cargo::cargo_bin("fieldnotes");
    tmux.text(&format!(
        "{} --notebook {}",
        quoted(&bin),
        quoted(&notebook)
    ));
    tmux.keys(&["Enter"]);
    tmux.wait_for("57 notes");

    tmux.text("whole carriage");
    let screen = tmux.wait_for("3 notes · best first");
    assert!(
        screen.contains("▌Teen carrying a boombox"),
        "the best hit is selected:\n{screen}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("portable-music/1979-03-14-teen-boombox-shibuya.yaml");
    // A frame reaches tmux in pieces: the quote may come a moment after the header.
    tmux.wait_for("I don't want the whole carriage listening");

    tmux.keys(&["Escape"]);
    tmux.wait_for(" Search: whole carriage");
    tmux.keys(&["C-c"]);
    let screen = tmux.wait_for("fieldnotes' --notebook");
    assert!(
        !screen.contains("Search:"),
        "the alternate screen is gone:\n{screen}"
    );

    tmux.text("stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' > after.txt; echo \"check\"\"ed\"");
    tmux.keys(&["Enter"]);
    tmux.wait_for("checked\n");
    let read = |name: &str| std::fs::read_to_string(sandbox.path(name)).expect("stty output");
    assert_eq!(read("after.txt"), read("before.txt"));
    assert_eq!(
        read("after.txt").split_whitespace().collect::<Vec<_>>(),
        ["icanon", "echo"]
    );
}

#[test]
fn a_panic_gives_the_terminal_back_and_says_what_happened() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("research");
    common::copy_dir(&common::sample(), &notebook);
    let tmux = Tmux::start(&sandbox, 100, 30);
    let bin = assert_cmd::cargo::cargo_bin("fieldnotes");
    tmux.text(&format!(
        "FIELDNOTES_PANIC_AFTER_DRAW=1 {} --notebook {} 2> panic.txt; echo \"exit $?\"",
        quoted(&bin),
        quoted(&notebook)
    ));
    tmux.keys(&["Enter"]);
    tmux.wait_for("exit 101\n");
    let message = std::fs::read_to_string(sandbox.path("panic.txt")).expect("stderr");
    assert!(message.contains("asked to panic"), "{message}");
    tmux.text("stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo \"stty\"\"-done\"");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("stty-done\n");
    assert!(screen.contains("icanon echo stty-done"), "{screen}");
}

#[test]
fn one_key_syncs_and_a_conflict_is_settled_on_its_screen() {
    let (team, ana) = common::team::Team::new();
    let path = team.note(&ana, "Teen at the gate");
    team.sync(&ana).assert_code(0);
    let ben = team.clone_as("ben");
    common::team::edit(&ben, &path, "Teen at the gate", "Teen at the ticket gate");
    team.sync(&ben).assert_code(0);
    common::team::edit(&ana, &path, "Teen at the gate", "Teen by the gate");

    let tmux = Tmux::start(&team.sandbox, 100, 30);
    let bin = assert_cmd::cargo::cargo_bin("fieldnotes");
    tmux.text(&format!("{} --notebook {}", quoted(&bin), quoted(&ana)));
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 note");
    tmux.keys(&["C-g"]);
    let screen = tmux.wait_for("Conflicts with the team: 1 field in 1 note");
    assert!(
        screen.contains("Teen by the gate") && screen.contains("Teen at the ticket gate"),
        "both values side by side:\n{screen}"
    );
    tmux.keys(&["T"]);
    tmux.wait_for("Nothing to settle");
    tmux.keys(&["C-g"]);
    tmux.wait_for("Synced: shared");
    tmux.keys(&["C-c"]);
    let text = std::fs::read_to_string(ana.join(&path)).expect("read");
    assert!(text.contains("title: Teen at the ticket gate\n"), "{text}");
    team.sync(&ben).assert_code(0);
    assert_eq!(
        std::fs::read_to_string(ben.join(&path)).expect("read"),
        text
    );
}
