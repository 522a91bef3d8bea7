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
    tmux.wait_for("58 notes");

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

#[test]
fn a_sync_that_needs_a_passphrase_lets_git_ask_on_the_next_key_then_comes_back() {
    let (team, ana) = common::team::Team::new();
    // The team's repository behind "ssh", whose key wants a passphrase: a stand-in for ssh
    // that refuses in batch mode and otherwise asks on the terminal, as ssh does.
    let ssh = team.sandbox.path("fake-ssh");
    std::fs::write(
        &ssh,
        "#!/bin/sh\n\
         case \"$1\" in -G) exit 0;; esac\n\
         for a; do last=$a; done\n\
         case \" $* \" in *BatchMode=yes*) echo 'Permission denied (publickey).' >&2; exit 255;; esac\n\
         printf 'Enter passphrase for key: ' > /dev/tty\n\
         read pass < /dev/tty\n\
         [ \"$pass\" = 'open sesame' ] || { echo 'Permission denied' >&2; exit 255; }\n\
         exec sh -c \"$last\"\n",
    )
    .expect("write");
    std::process::Command::new("chmod")
        .args(["+x", &ssh.to_string_lossy()])
        .status()
        .expect("chmod");
    let url = format!("ssh://team.example{}", team.remote.display());
    common::team::git(&ana, &["remote", "set-url", "origin", &url]);
    common::team::git(&ana, &["config", "core.sshCommand", &ssh.to_string_lossy()]);
    team.note(&ana, "Teen at the gate");

    let tmux = Tmux::start(&team.sandbox, 100, 30);
    let bin = assert_cmd::cargo::cargo_bin("fieldnotes");
    tmux.text(&format!("{} --notebook {}", quoted(&bin), quoted(&ana)));
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 note");
    tmux.keys(&["C-g"]);
    tmux.wait_for("Ctrl-G again lets git ask here");
    tmux.keys(&["C-g"]);
    tmux.wait_for("Enter passphrase for key:");
    tmux.text("open sesame");
    tmux.keys(&["Enter"]);
    // The fetch and the push each connect: without an agent, ssh asks twice.
    tmux.wait_for("sesame\nEnter passphrase for key:");
    tmux.text("open sesame");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Synced: shared 1 commit");
    tmux.keys(&["C-c"]);
    let log = common::team::git(&team.remote, &["log", "--oneline", "main"]);
    assert!(log.contains("1 note added"), "{log}");
}

#[test]
fn the_why_board_drills_from_a_code_to_a_quote_to_its_note_and_back() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("research");
    common::copy_dir(&common::sample(), &notebook);
    let tmux = Tmux::start(&sandbox, 100, 30);
    tmux.launch(&notebook, "58 notes");
    // From the search line, one key; then down the tree to private-soundtrack.
    tmux.keys(&["C-b"]);
    tmux.wait_for("Codes │ Together │ Cases │ Insights │ Time");
    tmux.keys(&["Down"]);
    let screen = tmux.wait_for("16 participants");
    assert!(screen.contains("private-soundtrack"), "{screen}");
    tmux.wait_for("▸ P07 (portable-music)");
    // Into the wall, to the second quote, and into its note.
    tmux.keys(&["Enter", "Down"]);
    tmux.wait_for("› Teen carrying a boombox");
    tmux.keys(&["Enter"]);
    tmux.wait_for("portable-music/1979-03-14-teen-boombox-shibuya.yaml");
    tmux.wait_for("It is heavy and I look stupid.");
    // Esc: the board again, at the same piece.
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("› Teen carrying a boombox");
    assert!(screen.contains("Codes │ Together"), "{screen}");
    // Esc out of the wall (a terminal may join two quick Escs into one key), then off the board.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter evidence");
    tmux.keys(&["Escape"]);
    tmux.wait_for(" Search: ");
    tmux.keys(&["C-c"]);
    tmux.wait_for("fieldnotes' --notebook");
}

#[test]
fn a_code_renamed_on_the_board_in_the_real_binary_changes_the_notes_on_disk() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("research");
    common::copy_dir(&common::sample(), &notebook);
    let tmux = Tmux::start(&sandbox, 100, 30);
    tmux.launch(&notebook, "58 notes");
    tmux.keys(&["C-b"]);
    tmux.wait_for("Codes │ Together");
    tmux.keys(&["Down", "Down"]);
    tmux.wait_for("│ own-pace");
    tmux.keys(&["r", "C-u"]);
    tmux.text("own-tempo");
    tmux.wait_for("Would rename own-pace to own-tempo in 4 notes (4 findings)");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Renamed own-pace to own-tempo in 4 notes (4 findings).");
    let screen = tmux.wait_for("│ own-tempo");
    assert!(screen.contains("own-tempo             4     4"), "{screen}");
    tmux.keys(&["C-c"]);
    tmux.wait_for("fieldnotes' --notebook");
    let codes = sandbox.run(&notebook, &["codes", "--json"]);
    codes.assert_code(0);
    assert!(
        codes.stdout.contains("\"own-tempo\"") && !codes.stdout.contains("\"own-pace\""),
        "{}",
        codes.describe()
    );
}
