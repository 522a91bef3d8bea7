//! A real terminal for end-to-end tests: a tmux server of the test's own, with every per-user
//! directory inside the sandbox.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::Sandbox;

/// A tmux server used by this test alone, so it never touches the user's sessions.
pub struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    pub fn start(sandbox: &Sandbox, width: u16, height: u16) -> Tmux {
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

    /// Starts fieldnotes on `notebook` at the shell prompt and waits until `ready` shows.
    pub fn launch(&self, notebook: &Path, ready: &str) {
        let bin = assert_cmd::cargo::cargo_bin("fieldnotes");
        self.text(&format!("{} --notebook {}", quoted(&bin), quoted(notebook)));
        self.keys(&["Enter"]);
        self.wait_for(ready);
    }

    pub fn run(&self, args: &[&str]) -> Output {
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

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    pub fn screen(&self) -> String {
        let output = self.run(&["capture-pane", "-p", "-t", "0"]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits until the screen shows `wanted`, and returns the screen.
    pub fn wait_for(&self, wanted: &str) -> String {
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

pub fn quoted(path: &Path) -> String {
    format!("'{}'", path.display())
}
