//! A team sharing one notebook through git: a bare repository as the team's, and clones of
//! it as the researchers.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Run, Sandbox};

/// A team's repository and the researchers' clones of it, in one sandbox.
pub struct Team {
    pub sandbox: Sandbox,
    pub remote: PathBuf,
}

impl Team {
    /// A bare repository, and Ana's clone holding a new notebook she has shared.
    pub fn new() -> (Team, PathBuf) {
        let sandbox = Sandbox::new();
        let remote = sandbox.path("team.git");
        let team = Team { sandbox, remote };
        git(
            team.sandbox.home(),
            &["init", "-q", "--bare", "-b", "main", "team.git"],
        );
        let ana = team.clone_as("ana");
        team.sandbox
            .command_in(&ana, &["init", "--name", "Street study"])
            .assert()
            .success();
        team.sync(&ana).assert_code(0);
        (team, ana)
    }

    /// A clone of the team's repository, with git told who the researcher is.
    pub fn clone_as(&self, who: &str) -> PathBuf {
        let path = self.sandbox.path(who);
        git(
            self.sandbox.home(),
            &["clone", "-q", &self.remote.to_string_lossy(), who],
        );
        git(&path, &["config", "user.name", who]);
        git(
            &path,
            &["config", "user.email", &format!("{who}@example.org")],
        );
        path
    }

    pub fn sync(&self, notebook: &Path) -> Run {
        self.sandbox.run(notebook, &["sync"])
    }

    /// Writes a note with `new --no-edit`; its path relative to the notebook.
    pub fn note(&self, notebook: &Path, title: &str) -> String {
        let run = self.sandbox.run(
            notebook,
            &[
                "new",
                "interview",
                "--no-edit",
                "--title",
                title,
                "--date",
                "2024-05-02",
            ],
        );
        run.assert_code(0);
        run.stdout.trim().to_owned()
    }
}

/// Runs git in `dir`, which must succeed; its output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Changes the note at `path` in `clone` by replacing `from` with `to` in its text.
pub fn edit(clone: &Path, path: &str, from: &str, to: &str) {
    let file = clone.join(path);
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains(from), "{from:?} in {text}");
    std::fs::write(&file, text.replacen(from, to, 1)).expect("write");
}
