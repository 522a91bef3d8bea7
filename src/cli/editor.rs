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
/// settings like `code --wait` or `emacsclient -t` work as they do for git.
pub fn edit(path: &Path) -> Result<()> {
    edit_at(path, None)
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

/// Opens `path` in the user's editor at `line` when the editor is known to understand it.
pub fn edit_at(path: &Path, line: Option<u32>) -> Result<()> {
    let editor = editor_command();
    let program = editor.split_whitespace().next().unwrap_or_default();
    let program = Path::new(program).file_name().unwrap_or_default();
    let at = match line {
        Some(line) if TAKES_PLUS_LINE.iter().any(|known| program == *known) => {
            format!(" +{line}")
        }
        _ => String::new(),
    };
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor}{at} \"$1\""))
        .arg("fieldnotes-editor")
        .arg(path)
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

/// Asks a yes/no question on the terminal; `default` when the answer is empty, and `false`
/// when nobody is there to answer.
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
    if stdin.lock().read_line(&mut answer).is_err() {
        return false;
    }
    match answer.trim().to_lowercase().as_str() {
        "" => default,
        a => a.starts_with('y'),
    }
}
