//! The errors a command can end with. Problems inside notes are not errors: they are
//! [`crate::problem::Problem`]s, reported while the rest of the notebook keeps working.

use std::fmt;
use std::path::PathBuf;

use miette::Diagnostic;

use crate::safe;

/// Why a command could not do its job.
#[derive(Debug)]
pub enum Error {
    /// No notebook was found where the user asked or where we looked.
    NoNotebook {
        /// Where we looked.
        where_: String,
    },

    /// A folder named as a notebook has no `fieldnotes.yaml`.
    NotANotebook(PathBuf),

    /// A file could not be read or written.
    Io {
        /// What we were doing ("cannot read").
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said; told once, in the message, not again as a cause.
        reason: std::io::Error,
        /// What to do about it, where the reason says.
        help: Option<String>,
    },

    /// No note has the id the user gave.
    NoSuchNote {
        /// The id asked for.
        id: String,
        /// Ids that look close.
        suggestions: Vec<String>,
    },

    /// A file that fieldnotes was about to rewrite changed on disk since it was read.
    ChangedOnDisk(PathBuf),

    /// A request that would write outside the notebook.
    OutsideNotebook(String),

    /// The search index could not be read or written.
    Index {
        /// The index folder.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },

    /// The command line asks for something that cannot be (exit code 2, like clap's own).
    Usage {
        /// What is wrong.
        message: String,
        /// What to type instead.
        help: String,
    },

    /// The user's request does not make sense as given.
    Invalid {
        /// What is wrong.
        message: String,
        /// What to do instead.
        help: Option<String>,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, reason: std::io::Error) -> Self {
        let help = match reason.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => Some(
                "the disk is full: free some space and run the command again; the file on disk is as it was",
            ),
            std::io::ErrorKind::ReadOnlyFilesystem => Some(
                "the notebook is on a read-only disk: mount it writable, or copy the notebook somewhere that is; the file on disk is as it was",
            ),
            std::io::ErrorKind::PermissionDenied => {
                Some("check the permissions of the file and its folder")
            }
            _ => None,
        };
        Error::Io {
            action,
            path: path.into(),
            reason,
            help: help.map(str::to_owned),
        }
    }

    /// A mistake on the command line, with what to type instead (exit code 2).
    pub fn usage(message: impl Into<String>, help: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            help: help.into(),
        }
    }

    /// A request that cannot be carried out as given, with what to do instead.
    pub fn invalid(message: impl Into<String>, help: impl Into<String>) -> Self {
        Error::Invalid {
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

/// The message. Errors quote paths, ids and notebook text, so the whole message is made
/// safe for the terminal here, where no variant can forget it.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match self {
            Error::NoNotebook { where_ } => format!("no notebook found {where_}"),
            Error::NotANotebook(path) => format!(
                "{} is not a notebook: it has no fieldnotes.yaml",
                path.display()
            ),
            Error::Io {
                action,
                path,
                reason,
                ..
            } => format!("{action} {}: {}", path.display(), in_words(reason)),
            Error::NoSuchNote { id, .. } => format!("no note with id `{id}`"),
            Error::ChangedOnDisk(path) => format!(
                "{} changed on disk while fieldnotes was working on it; nothing was written",
                path.display()
            ),
            Error::Index { path, message } => format!(
                "the search index in {} could not be used: {message}",
                path.display()
            ),
            Error::OutsideNotebook(message)
            | Error::Usage { message, .. }
            | Error::Invalid { message, .. } => message.clone(),
        };
        f.write_str(&safe::line(&message))
    }
}

// No variant gives a source: the system's reason is in the message, and said once.
impl std::error::Error for Error {}

/// What the system said, without the error number people cannot use.
fn in_words(reason: &std::io::Error) -> String {
    let text = reason.to_string();
    match text.find(" (os error ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// What to do about it, made safe as the message is; a help may span lines (a problem and
/// its hint), so notebook text inside one is made safe for a line where it is quoted.
impl Diagnostic for Error {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let help = match self {
            Error::NoNotebook { .. } => "create one with `fieldnotes init [DIR]`, or point at \
                one with `--notebook DIR` or FIELDNOTES_NOTEBOOK"
                .to_owned(),
            Error::NotANotebook(path) => format!(
                "run `fieldnotes init {}` to make it one",
                safe::line(&path.to_string_lossy())
            ),
            Error::Io { help, .. } => help.clone()?,
            Error::NoSuchNote { suggestions, .. } if suggestions.is_empty() => {
                "`fieldnotes list` shows every note and its id".to_owned()
            }
            Error::NoSuchNote { suggestions, .. } => {
                let ids: Vec<String> = suggestions.iter().map(|id| safe::line(id)).collect();
                format!("did you mean: {}", ids.join(", "))
            }
            Error::ChangedOnDisk(_) => {
                "run the command again: it will start from the new version".to_owned()
            }
            Error::OutsideNotebook(_) => {
                "give a folder inside the notebook, written relative to its root".to_owned()
            }
            Error::Index { .. } => "run `fieldnotes index --rebuild`; the index is a cache of \
                the notes and safe to delete"
                .to_owned(),
            Error::Usage { help, .. } => help.clone(),
            Error::Invalid { help, .. } => help.clone()?,
        };
        Some(Box::new(safe::text(&help)))
    }
}

/// The result of a library call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_names_the_note_says_why_once_and_what_to_do() {
        let error = Error::io(
            "cannot write",
            "street/2024-05-02-gate.yaml",
            std::io::Error::from_raw_os_error(28),
        );
        let shown = format!("{:?}", miette::Report::new(error));
        assert!(
            shown.contains("cannot write street/2024-05-02-gate.yaml: No space left on device"),
            "{shown}"
        );
        assert_eq!(shown.matches("No space left").count(), 1, "{shown}");
        assert!(
            !shown.contains("os error") && shown.contains("free some space"),
            "{shown}"
        );
    }
}
