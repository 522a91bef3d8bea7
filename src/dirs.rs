//! Where per-machine state lives: the user's data, cache and config directories, never the
//! notebook (which is shared through git).

use std::path::PathBuf;

/// The user's directories for fieldnotes.
#[derive(Clone, Debug)]
pub struct Dirs {
    /// Drafts and the default notebook.
    pub data: PathBuf,
    /// Search indexes (safe to delete at any time).
    pub cache: PathBuf,
    /// The user's settings (`config.yaml`).
    pub config: PathBuf,
}

impl Dirs {
    /// The platform's usual places (XDG on Linux), or folders under the temp dir when the
    /// system has no home directory.
    pub fn from_env() -> Dirs {
        match directories::ProjectDirs::from("", "", "fieldnotes") {
            Some(p) => Dirs {
                data: p.data_dir().to_path_buf(),
                cache: p.cache_dir().to_path_buf(),
                config: p.config_dir().to_path_buf(),
            },
            None => {
                let base = std::env::temp_dir().join("fieldnotes");
                Dirs {
                    data: base.join("data"),
                    cache: base.join("cache"),
                    config: base.join("config"),
                }
            }
        }
    }

    /// The notebook used when none is found in or above the current folder.
    pub fn default_notebook(&self) -> PathBuf {
        self.data.join("notebook")
    }

    /// Where notes being written in an editor wait until they are valid.
    pub fn drafts(&self) -> PathBuf {
        self.data.join("drafts")
    }
}
