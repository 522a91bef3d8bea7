//! The disk side of removing a note from the UI: the same removal as `fieldnotes rm`.

use std::path::Path;

use crate::error::{Error, Result};
use crate::notebook::Notebook;

/// Removes the note file at `file` as it is now, and says where it can be had back.
pub fn remove(notebook: &Notebook, file: &Path, path: &str, data: Option<&Path>) -> Result<String> {
    let bytes = std::fs::read(file).map_err(|e| Error::io("cannot read", path, e))?;
    let keep = match data {
        Some(data) => notebook.keep_removed_at(data, file),
        None => None,
    };
    if data.is_none() && !crate::notebook::git_holds(&notebook.root, file) {
        return Err(Error::invalid(
            format!("{path} was not removed: git does not hold it and there is no trash folder"),
            "remove it with `fieldnotes rm`",
        ));
    }
    Ok(
        match notebook.remove(file, &bytes, keep.as_deref(), &|_| {})? {
            crate::notebook::Removed::Deleted => {
                format!("Removed {path}; git has it (git restore brings it back).")
            }
            crate::notebook::Removed::Kept(to) => {
                format!("Removed {path}; moved to {}.", to.display())
            }
        },
    )
}
