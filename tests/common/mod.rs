//! Helpers shared by integration tests: the real `fieldnotes` binary, run with every per-user
//! directory pointed into a temp folder, under a time limit, and checked for crashes.
//!
//! Use it from a test file with `mod common;`.

#![allow(dead_code)]

pub mod codes;
pub mod hostile;
pub mod team;
pub mod tmux;
pub mod ui;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use tempfile::TempDir;

/// How long one command may take before the test calls it a hang.
pub const TIME_LIMIT: Duration = Duration::from_secs(30);

/// A temp folder standing in for the user's home: HOME and the XDG directories point inside
/// it, so a test never reads or writes the real ones.
pub struct Sandbox {
    home: TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    /// A fresh, empty sandbox.
    pub fn new() -> Sandbox {
        Sandbox {
            home: tempfile::tempdir().expect("create a temp dir"),
        }
    }

    /// The sandbox's home folder.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// A path inside the sandbox.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.home.path().join(relative)
    }

    /// The binary working on the notebook at `notebook`, run from the sandbox's home with
    /// `args`, the user's directories inside the sandbox, and [`TIME_LIMIT`].
    pub fn command(&self, notebook: &Path, args: &[&str]) -> Command {
        let mut cmd = self.command_in(self.home(), &["--notebook"]);
        cmd.arg(notebook).args(args);
        cmd
    }

    /// The binary run in `dir` with `args` and no notebook named: discovery is its own.
    pub fn command_in(&self, dir: &Path, args: &[&str]) -> Command {
        let mut std_command =
            std::process::Command::new(assert_cmd::cargo::cargo_bin("fieldnotes"));
        self.isolate(&mut std_command);
        std_command.current_dir(dir).args(args);
        let mut cmd = Command::from_std(std_command);
        cmd.timeout(TIME_LIMIT);
        cmd
    }

    /// The binary on `notebook` with `args`, as a script or a cron job runs it: in a session of
    /// its own, so it has no terminal to reach even when the tests run in one.
    pub fn command_without_terminal(&self, notebook: &Path, args: &[&str]) -> Command {
        let mut std_command =
            std::process::Command::new(assert_cmd::cargo::cargo_bin("fieldnotes"));
        self.isolate(&mut std_command);
        std_command
            .current_dir(self.home())
            .arg("--notebook")
            .arg(notebook)
            .args(args);
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            unsafe extern "C" {
                fn setsid() -> i32;
            }
            // SAFETY: setsid is async-signal-safe and changes only the child, after the fork.
            unsafe {
                std_command.pre_exec(|| {
                    if setsid() == -1 {
                        Err(std::io::Error::last_os_error())
                    } else {
                        Ok(())
                    }
                });
            }
        }
        let mut cmd = Command::from_std(std_command);
        cmd.timeout(TIME_LIMIT);
        cmd
    }

    /// Points every per-user directory into the sandbox and clears what the user's own
    /// environment could change.
    fn isolate(&self, command: &mut std::process::Command) {
        command
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("EDITOR", "false")
            .env_remove("VISUAL")
            .env_remove("FIELDNOTES_NOTEBOOK")
            .env_remove("RUST_BACKTRACE");
    }

    /// Runs `fieldnotes --notebook <notebook> <args>` on a pseudo-terminal (through
    /// `script`), as a person at a terminal would; stdout and stderr both land in
    /// [`Run::stdout`], with the terminal's line endings.
    pub fn run_on_terminal(&self, notebook: &Path, args: &[&str]) -> Run {
        self.run_on_terminal_editing(notebook, args, "false")
    }

    /// [`Self::run_on_terminal`] with `editor` as the user's `$EDITOR`.
    pub fn run_on_terminal_editing(&self, notebook: &Path, args: &[&str], editor: &str) -> Run {
        let quote = |arg: &str| format!("'{}'", arg.replace('\'', r"'\''"));
        let bin = assert_cmd::cargo::cargo_bin("fieldnotes");
        let mut line = format!(
            "{} --notebook {}",
            quote(&bin.to_string_lossy()),
            quote(&notebook.to_string_lossy(),)
        );
        for arg in args {
            line.push(' ');
            line.push_str(&quote(arg));
        }
        let mut command = std::process::Command::new("script");
        self.isolate(&mut command);
        command
            .current_dir(self.home())
            .env("TERM", "xterm-256color")
            .env("EDITOR", editor)
            .env_remove("NO_COLOR")
            .args(["--quiet", "--return", "--command", &line, "/dev/null"]);
        let started = Instant::now();
        let output = Command::from_std(command)
            .timeout(TIME_LIMIT)
            .output()
            .expect("run fieldnotes through `script` (util-linux)");
        let run = Run::new(args, output, started.elapsed());
        run.assert_finished_cleanly(TIME_LIMIT);
        run
    }

    /// A script that stands in for the user's editor: it replaces the file with `text`.
    pub fn editor_writing(&self, text: &str) -> String {
        let content = self.path("typed.yaml");
        std::fs::write(&content, text).expect("write the typed text");
        let script = self.path("editor.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\ncp '{}' \"$1\"\n", content.display()),
        )
        .expect("write the editor script");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
                .expect("make the editor script runnable");
        }
        script.display().to_string()
    }

    /// Starts `fieldnotes --notebook <notebook> <args>` in the background, with the user's
    /// directories inside the sandbox and stdout and stderr captured.
    pub fn spawn(&self, notebook: &Path, args: &[&str]) -> std::process::Child {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("fieldnotes"));
        self.isolate(&mut command);
        command
            .current_dir(self.home())
            .arg("--notebook")
            .arg(notebook)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start fieldnotes")
    }

    /// Runs `fieldnotes --notebook <notebook> <args>` to the end and checks that it neither
    /// hung, crashed, nor panicked.
    pub fn run(&self, notebook: &Path, args: &[&str]) -> Run {
        self.run_within(notebook, args, TIME_LIMIT)
    }

    /// [`Sandbox::run`] with another time limit.
    pub fn run_within(&self, notebook: &Path, args: &[&str], limit: Duration) -> Run {
        let started = Instant::now();
        let output = self
            .command(notebook, args)
            .timeout(limit)
            .output()
            .expect("start fieldnotes");
        let run = Run::new(args, output, started.elapsed());
        run.assert_finished_cleanly(limit);
        run
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The arguments after `--notebook DIR`, for messages.
    pub args: String,
    /// The exit code; `None` when the process was killed (by a crash or the time limit).
    pub code: Option<i32>,
    /// Standard output, decoded leniently.
    pub stdout: String,
    /// Standard error, decoded leniently.
    pub stderr: String,
    /// How long it took.
    pub elapsed: Duration,
}

impl Run {
    fn new(args: &[&str], output: Output, elapsed: Duration) -> Run {
        Run {
            args: args.join(" "),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            elapsed,
        }
    }

    /// Panics unless the process ended by itself, in time, with no panic or crash message.
    pub fn assert_finished_cleanly(&self, limit: Duration) {
        assert!(
            self.elapsed < limit,
            "`fieldnotes {}` did not finish within {limit:?} (hang?)\n{}",
            self.args,
            self.describe()
        );
        assert!(
            self.code.is_some(),
            "`fieldnotes {}` was killed by a signal (crash, e.g. stack overflow or abort)\n{}",
            self.args,
            self.describe()
        );
        for text in [&self.stdout, &self.stderr] {
            for sign in ["panicked", "overflowed its stack", "RUST_BACKTRACE"] {
                assert!(
                    !text.contains(sign),
                    "`fieldnotes {}` crashed ({sign})\n{}",
                    self.args,
                    self.describe()
                );
            }
        }
    }

    /// Panics unless the exit code is `code`.
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "exit code of `fieldnotes {}`\n{}",
            self.args,
            self.describe()
        );
        self
    }

    /// Everything about the run, for assertion messages.
    pub fn describe(&self) -> String {
        format!(
            "exit code: {:?}, after {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.elapsed, self.stdout, self.stderr
        )
    }
}

/// `text` with all whitespace removed, so that messages wrapped to the terminal width (lines
/// broken at spaces or after hyphens) can be searched for a phrase.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Copies the folder `from` and everything in it to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The sample notebook of the repository.
pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("research")
}

/// A notebook in a temp folder, with a cache folder of its own, for tests of the library:
/// settings, and a codebook where `private-soundtrack` sits under `autonomy`.
pub struct TempNotebook {
    /// The notebook's folder.
    pub dir: TempDir,
    /// The cache folder its index goes in.
    pub cache: TempDir,
}

impl Default for TempNotebook {
    fn default() -> Self {
        Self::new()
    }
}

impl TempNotebook {
    /// An empty notebook.
    pub fn new() -> TempNotebook {
        let notebook = TempNotebook {
            dir: tempfile::tempdir().expect("temp dir"),
            cache: tempfile::tempdir().expect("temp dir"),
        };
        notebook.write("fieldnotes.yaml", "name: test\nlanguage: en\n");
        notebook.write(
            "codebook.yaml",
            "codes:\n  - name: autonomy\n  - name: private-soundtrack\n    parent: autonomy\n",
        );
        notebook
    }

    /// The notebook's folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `path` below the root, making folders.
    pub fn write(&self, path: &str, text: &str) -> PathBuf {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        path
    }

    /// The notebook.
    pub fn notebook(&self) -> fieldnotes::notebook::Notebook {
        fieldnotes::notebook::Notebook::open(self.root()).expect("a notebook")
    }

    /// Its index, current.
    pub fn open(&self) -> fieldnotes::index::SearchIndex {
        fieldnotes::index::SearchIndex::open(&self.notebook(), self.cache.path(), &|_| {})
            .expect("the index opens")
            .0
    }
}
