//! Finding the notebook a command works on.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file whose presence marks a notebook's root.
pub const SETTINGS_FILE: &str = "fieldnotes.yaml";

/// How the notebook was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `--notebook DIR`.
    Flag,
    /// The `FIELDNOTES_NOTEBOOK` environment variable.
    Env,
    /// The current folder or one above it.
    Enclosing,
    /// The default notebook in the user's data directory.
    Default,
}

/// Finds the notebook root: `flag`, then `env`, then `cwd` and its ancestors, then `default`.
/// A folder named by the flag or the variable must be a notebook; the default notebook is
/// returned even when it does not exist yet, so that the caller can create it.
pub fn find_root(
    flag: Option<&Path>,
    env: Option<&Path>,
    cwd: &Path,
    default: &Path,
) -> Result<(PathBuf, Origin)> {
    for (named, origin) in [(flag, Origin::Flag), (env, Origin::Env)] {
        if let Some(dir) = named.filter(|d| !d.as_os_str().is_empty()) {
            let dir = cwd.join(dir);
            return if dir.join(SETTINGS_FILE).is_file() {
                Ok((dir, origin))
            } else if dir.is_dir() {
                Err(Error::NotANotebook(dir))
            } else {
                Err(Error::NoNotebook {
                    where_: format!("at {} (no such folder)", dir.display()),
                })
            };
        }
    }
    if let Some(root) = cwd
        .ancestors()
        .find(|dir| dir.join(SETTINGS_FILE).is_file())
    {
        return Ok((root.to_path_buf(), Origin::Enclosing));
    }
    Ok((default.to_path_buf(), Origin::Default))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notebook(dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(SETTINGS_FILE), "").unwrap();
    }

    #[test]
    fn order_is_flag_env_enclosing_default() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            tmp.path().join("a"),
            tmp.path().join("b"),
            tmp.path().join("c"),
        );
        notebook(&a);
        notebook(&b);
        notebook(&c);
        let deep = c.join("study/2024");
        std::fs::create_dir_all(&deep).unwrap();
        let default = tmp.path().join("default");
        let find = |flag, env| find_root(flag, env, &deep, &default).unwrap();
        assert_eq!(find(Some(&a), Some(&b)), (a.clone(), Origin::Flag));
        assert_eq!(find(None, Some(&b)), (b.clone(), Origin::Env));
        assert_eq!(find(None, None), (c.clone(), Origin::Enclosing));
        let outside = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&outside).unwrap();
        assert_eq!(
            find_root(None, None, &outside, &default).unwrap(),
            (default, Origin::Default)
        );
    }

    #[test]
    fn a_named_folder_must_be_a_notebook() {
        let tmp = tempfile::tempdir().unwrap();
        let err = find_root(Some(tmp.path()), None, tmp.path(), tmp.path()).unwrap_err();
        assert!(matches!(err, Error::NotANotebook(_)));
    }
}
