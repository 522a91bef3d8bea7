//! Problems found in notebook files: what is wrong, where, and what to do about it.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::safe;
use crate::yaml::Pos;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// The file works, but something looks unintended.
    Warning,
    /// Nothing is wrong, but the notebook would be better for a small addition.
    Hint,
}

impl Severity {
    /// The word shown before the message.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Hint => "hint",
        }
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// The file, relative to the notebook root.
    pub path: PathBuf,
    /// Where in the file.
    #[serde(flatten)]
    pub pos: Pos,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Problem {
    /// An error at `pos`.
    pub fn error(pos: Pos, message: impl Into<String>) -> Self {
        Problem {
            path: PathBuf::new(),
            pos,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `pos`.
    pub fn warning(pos: Pos, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(pos, message)
        }
    }

    /// A hint at `pos`: lower than a warning, for what would make the notebook better.
    pub fn suggestion(pos: Pos, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Hint,
            ..Problem::error(pos, message)
        }
    }

    /// The same problem with a hint on what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem, placed in `path`.
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = path.into();
        self
    }

    /// Whether this problem stops the file from being used.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `path:line:column: error: message`, then the hint on its own line: the shape editors and
/// terminals turn into links. Paths and messages quote the notebook, so each part is made
/// safe for the terminal here, where no caller can forget it.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity.word();
        write!(
            f,
            "{}:{}: {severity}: {}",
            safe::line(&self.path.to_string_lossy()),
            self.pos,
            safe::line(&self.message)
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", safe::line(hint))?;
        }
        Ok(())
    }
}
