//! The real binary in a real terminal (a tmux pane of its own server): type a query, see the
//! note, open it, quit, and find the shell's terminal as it was. Needs tmux.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::Sandbox;

/// A tmux server used by this test alone, so it never touches the user's sessions.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn start(sandbox: &Sandbox, width: u16, height: u16) -> Tmux {
        let found = Command::new("tmux").arg("-V").output();
        assert!(
            found.as_ref().is_ok_and(|o| o.status.success()),
            "the end-to-end test drives fieldnotes in tmux: install tmux (apt install tmux)"
        );
        let tmux = Tmux {
            socket: sandbox.path("tmux.sock"),
        };
        let home = sandbox.home().display().to_string();
        let shell = format!(
            "env HOME={} XDG_DATA_HOME={} XDG_CACHE_HOME={} XDG_CONFIG_HOME={} TERM=xterm-256color sh",
            quoted(sandbox.home()),
            quoted(&sandbox.path("data")),
            quoted(&sandbox.path("cache")),
            quoted(&sandbox.path("config")),
        );
        let size = (width.to_string(), height.to_string());
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-c",
            &home,
            "-x",
            &size.0,
            "-y",
            &size.1,
            &shell,
        ]);
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    fn screen(&self) -> String {
        let output = self.run(&["capture-pane", "-p", "-t", "0"]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits until the screen shows `wanted`, and returns the screen.
    fn wait_for(&self, wanted: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(wanted) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "waited for {wanted:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display())
}

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
