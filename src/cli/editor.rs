//! Running the user's editor on a file.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};

/// The user's editor: `$VISUAL`, then `$EDITOR`, then `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// Opens `path` in the user's editor and waits for it. The command goes through `sh` so that
/// settings like `code --wait` or `emacsclient -t` work as they do for git. With input or
/// output piped while a person is at a terminal, the editor runs on that terminal, and its
/// screen never lands in the pipe; with no terminal at all, nothing runs.
pub fn edit(path: &Path) -> Result<()> {
    run_editor(path, None, !on_a_terminal())
}

/// Editors known to read `+LINE` before a file as "put the cursor on that line".
const TAKES_PLUS_LINE: [&str; 12] = [
    "vi",
    "vim",
    "nvim",
    "view",
    "nano",
    "emacs",
    "emacsclient",
    "micro",
    "hx",
    "helix",
    "kak",
    "mg",
];

/// Opens `path` in the user's editor at `line` when the editor is known to understand it, on
/// the terminal the UI holds.
pub fn edit_at(path: &Path, line: Option<u32>) -> Result<()> {
    run_editor(path, line, false)
}

fn run_editor(path: &Path, line: Option<u32>, on_tty: bool) -> Result<()> {
    let editor = editor_command();
    let program = editor.split_whitespace().next().unwrap_or_default();
    let program = Path::new(program).file_name().unwrap_or_default();
    let at = match line {
        Some(line) if TAKES_PLUS_LINE.iter().any(|known| program == *known) => {
            format!(" +{line}")
        }
        _ => String::new(),
    };
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("{editor}{at} \"$1\""))
        .arg("fieldnotes-editor")
        .arg(path);
    if on_tty {
        let tty = controlling_terminal().ok_or_else(no_terminal)?;
        let input = tty
            .try_clone()
            .map_err(|e| Error::io("cannot use the terminal", Path::new(TTY), e))?;
        command.stdin(input).stdout(tty);
    }
    let status = command
        .status()
        .map_err(|e| Error::io("cannot start the editor for", path, e))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::invalid(
            format!("the editor `{editor}` exited with {status}"),
            format!("your text is kept in {}", path.display()),
        ))
    }
}

const TTY: &str = "/dev/tty";

/// Whether standard input and output are both a terminal.
fn on_a_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// The terminal this process was started from, when it has one.
fn controlling_terminal() -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(TTY)
        .ok()
}

fn no_terminal() -> Error {
    Error::usage(
        "there is no terminal to run the editor in",
        "from a script, write the note with --no-edit and its fields as flags, e.g. \
         fieldnotes new interview --no-edit --title 'what happened' --place 'where'",
    )
}

/// Refuses, before anything is written, when no editor could run: neither standard input
/// and output nor the terminal the command was started from is a terminal.
pub fn editor_can_run() -> Result<()> {
    if on_a_terminal() || controlling_terminal().is_some() {
        Ok(())
    } else {
        Err(no_terminal())
    }
}

/// Asks a yes/no question on the terminal; `default` when the answer is empty, and `false`
/// when nobody is there to answer (no terminal, or the end of its input).
pub fn confirm(question: &str, default: bool) -> bool {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return false;
    }
    let choices = if default { "[Y/n]" } else { "[y/N]" };
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "{question} {choices} ");
    let _ = stderr.flush();
    let mut answer = String::new();
    // End of input (Ctrl-D, a closed terminal) is nobody answering, not the default.
    if !matches!(stdin.lock().read_line(&mut answer), Ok(n) if n > 0) {
        let _ = writeln!(stderr);
        return false;
    }
    match answer.trim().to_lowercase().as_str() {
        "" => default,
        a => a.starts_with('y'),
    }
}
