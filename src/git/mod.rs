//! The `git` command line, run for a notebook. Git is the engine that shares a notebook: the
//! user's hooks, credentials, signing and configuration all apply, because fieldnotes runs
//! `git` itself rather than reimplementing any of it. Nothing here rewrites history, forces,
//! resets or stashes.

pub mod changes;
pub mod conflicts;
pub mod driver;
pub mod history;
pub mod markers;
pub mod merge;
pub mod resolve;
pub mod settle;
pub mod sync;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// A notebook inside a git repository.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The notebook's folder.
    pub notebook: PathBuf,
    /// The notebook's folder relative to the top of the working tree (empty when it is the
    /// top): nothing outside it is ever staged.
    pub scope: String,
    /// Whether git may ask for a password or passphrase on the terminal. The UI owns the
    /// terminal, so there a prompt fails at once instead of hanging.
    pub prompts: bool,
}

/// What one `git` command said.
#[derive(Clone, Debug, Default)]
pub struct Ran {
    /// Whether it exited with 0.
    pub ok: bool,
    /// Its standard output.
    pub stdout: String,
    /// Its standard error.
    pub stderr: String,
    /// It ran past its time limit and was stopped.
    pub timed_out: bool,
}

/// Something git is in the middle of, during which a sync would make things worse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    /// A merge with conflicts left to resolve.
    Merge,
    /// A rebase.
    Rebase,
    /// A cherry-pick.
    CherryPick,
    /// A revert.
    Revert,
    /// A bisect.
    Bisect,
    /// No branch is checked out.
    Detached,
}

impl Busy {
    /// What is going on, and the way out of it, for a person who may not know git.
    pub fn explain(self) -> (&'static str, &'static str) {
        match self {
            Busy::Merge => (
                "git is in the middle of a merge",
                "finish it (`git status` lists what is left, then `git commit`) or give it up with `git merge --abort`, then sync again",
            ),
            Busy::Rebase => (
                "git is in the middle of a rebase",
                "finish it with `git rebase --continue` or give it up with `git rebase --abort`, then sync again",
            ),
            Busy::CherryPick => (
                "git is in the middle of a cherry-pick",
                "finish it with `git cherry-pick --continue` or give it up with `git cherry-pick --abort`, then sync again",
            ),
            Busy::Revert => (
                "git is in the middle of a revert",
                "finish it with `git revert --continue` or give it up with `git revert --abort`, then sync again",
            ),
            Busy::Bisect => (
                "git is in the middle of a bisect",
                "end it with `git bisect reset`, then sync again",
            ),
            Busy::Detached => (
                "no branch is checked out (a detached HEAD)",
                "go back to your branch, e.g. `git switch main`, then sync again",
            ),
        }
    }
}

impl Repo {
    /// The repository `notebook` is in; `None` when it is in none.
    pub fn open(notebook: &Path, prompts: bool) -> Result<Option<Repo>> {
        let probe = Repo {
            notebook: notebook.to_path_buf(),
            scope: String::new(),
            prompts,
        };
        let ran = probe.git(&["rev-parse", "--show-prefix"])?;
        if !ran.ok {
            return Ok(None);
        }
        Ok(Some(Repo {
            scope: ran.stdout.trim_end_matches('\n').to_owned(),
            ..probe
        }))
    }

    /// Runs `git args` in the notebook and waits for it.
    pub fn git(&self, args: &[&str]) -> Result<Ran> {
        self.run(args, None, None)
    }

    /// Runs `git args` with `input` on its standard input.
    pub fn git_with_input(&self, args: &[&str], input: &[u8]) -> Result<Ran> {
        self.run(args, Some(input), None)
    }

    /// Runs a `git` command that talks to a remote, stopped after `limit`.
    pub fn git_network(&self, args: &[&str], limit: Duration) -> Result<Ran> {
        if self.prompts {
            return self.run(args, None, Some(limit));
        }
        // ssh as the user set it up (their key, their options), but never stopping to ask:
        // found where git looks, in git's order.
        let set = self.git(&["config", "--get", "core.sshCommand"])?;
        let ssh = match (std::env::var("GIT_SSH_COMMAND"), set.stdout.trim()) {
            (Ok(ssh), _) => ssh,
            (Err(_), "") => match std::env::var("GIT_SSH") {
                Ok(program) => format!("'{}'", program.replace('\'', r"'\''")),
                Err(_) => "ssh".to_owned(),
            },
            (Err(_), ssh) => ssh.to_owned(),
        };
        let batch = format!("{ssh} -o BatchMode=yes");
        self.run_with(args, None, Some(limit), Some(&batch))
    }

    fn run(&self, args: &[&str], input: Option<&[u8]>, limit: Option<Duration>) -> Result<Ran> {
        self.run_with(args, input, limit, None)
    }

    fn run_with(
        &self,
        args: &[&str],
        input: Option<&[u8]>,
        limit: Option<Duration>,
        ssh: Option<&str>,
    ) -> Result<Ran> {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.notebook)
            .args(args)
            // Messages are read for what happened (offline, refused): in one language.
            .env("LC_ALL", "C")
            .env("GIT_OPTIONAL_LOCKS", "0")
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if !self.prompts {
            command.env("GIT_TERMINAL_PROMPT", "0");
        }
        if let Some(ssh) = ssh {
            command.env("GIT_SSH_COMMAND", ssh);
        }
        let mut child = command.spawn().map_err(|e| {
            Error::invalid(
                format!("git cannot be run: {e}"),
                "install git (https://git-scm.com) and make sure `git` is on your PATH",
            )
        })?;
        // Written on a thread of its own, so a command that answers before it has read all
        // of a long list never waits on us while we wait on it.
        let writer = match (input, child.stdin.take()) {
            (Some(input), Some(mut stdin)) => {
                let input = input.to_vec();
                Some(std::thread::spawn(move || {
                    use std::io::Write;
                    let _ = stdin.write_all(&input);
                }))
            }
            _ => None,
        };
        // Read both pipes on their own threads, so a chatty command never blocks on a full one.
        let read = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut pipe) = pipe {
                    let _ = pipe.read_to_end(&mut bytes);
                }
                String::from_utf8_lossy(&bytes).into_owned()
            })
        };
        let stdout = read(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let stderr = read(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let started = Instant::now();
        let mut timed_out = false;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if limit.is_some_and(|l| started.elapsed() > l) => {
                    let _ = child.kill();
                    timed_out = true;
                    break child.wait().ok();
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => break None,
            }
        };
        if let Some(writer) = writer {
            let _ = writer.join();
        }
        Ok(Ran {
            ok: status.is_some_and(|s| s.success()) && !timed_out,
            stdout: stdout.join().unwrap_or_default(),
            stderr: stderr.join().unwrap_or_default(),
            timed_out,
        })
    }

    /// What git is in the middle of, if anything.
    pub fn busy(&self) -> Result<Option<Busy>> {
        for (file, busy) in [
            ("MERGE_HEAD", Busy::Merge),
            ("rebase-merge", Busy::Rebase),
            ("rebase-apply", Busy::Rebase),
            ("CHERRY_PICK_HEAD", Busy::CherryPick),
            ("REVERT_HEAD", Busy::Revert),
            ("BISECT_LOG", Busy::Bisect),
        ] {
            let ran = self.git(&["rev-parse", "--git-path", file])?;
            let path = PathBuf::from(ran.stdout.trim_end_matches('\n'));
            let path = if path.is_relative() {
                self.notebook.join(path)
            } else {
                path
            };
            if ran.ok && path.exists() {
                return Ok(Some(busy));
            }
        }
        if !self.git(&["symbolic-ref", "-q", "HEAD"])?.ok {
            return Ok(Some(Busy::Detached));
        }
        Ok(None)
    }

    /// The checked-out branch's name.
    pub fn branch(&self) -> Result<String> {
        let ran = self.git(&["symbolic-ref", "--short", "-q", "HEAD"])?;
        Ok(ran.stdout.trim().to_owned())
    }

    /// Whether the branch has a commit yet (a new repository has none).
    pub fn has_commits(&self) -> Result<bool> {
        Ok(self.git(&["rev-parse", "-q", "--verify", "HEAD"])?.ok)
    }

    /// The remote-tracking branch the current branch follows (`origin/main`), if any.
    pub fn upstream(&self) -> Result<Option<String>> {
        let ran = self.git(&["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"])?;
        Ok(ran
            .ok
            .then(|| ran.stdout.trim().to_owned())
            .filter(|u| !u.is_empty()))
    }

    /// The remotes, `origin` first when there is one.
    pub fn remotes(&self) -> Result<Vec<String>> {
        let ran = self.git(&["remote"])?;
        let mut remotes: Vec<String> = ran.stdout.lines().map(str::to_owned).collect();
        remotes.sort_by_key(|r| r != "origin");
        Ok(remotes)
    }

    /// Commits on this branch not on `upstream`, and the other way round.
    pub fn ahead_behind(&self, upstream: &str) -> Result<(usize, usize)> {
        let range = format!("HEAD...{upstream}");
        let ran = self.git(&["rev-list", "--left-right", "--count", &range])?;
        let mut counts = ran
            .stdout
            .split_whitespace()
            .map(|n| n.parse::<usize>().unwrap_or(0));
        Ok((counts.next().unwrap_or(0), counts.next().unwrap_or(0)))
    }
}
