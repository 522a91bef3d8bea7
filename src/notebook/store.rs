//! Writing files so that nothing is ever half-written or silently overwritten, and naming new
//! notes.

use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically: a temp file in the same folder, fsync, rename over the
/// target, fsync of the folder. Readers see the old file or the new one, never a mix. With
/// `replace` false an existing file is never touched.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".fieldnotes-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io("cannot create a temporary file in", dir, e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::io("cannot write", temp.path().to_path_buf(), e))?;
    let persisted = if replace {
        temp.persist(path).map(drop)
    } else {
        temp.persist_noclobber(path).map(drop)
    };
    persisted.map_err(|e| Error::io("cannot write", path, e.error))?;
    sync_dir(dir)
}

/// Replaces `path` with `bytes` only if it still holds `expected`, the bytes it had when it was
/// read; otherwise nothing is written and [`Error::ChangedOnDisk`] says so.
pub fn replace_if_unchanged(path: &Path, expected: &[u8], bytes: &[u8]) -> Result<()> {
    let now = std::fs::read(path).map_err(|e| Error::io("cannot read", path, e))?;
    if now != expected {
        return Err(Error::ChangedOnDisk(path.to_path_buf()));
    }
    write_atomic(path, bytes, true)
}

fn sync_dir(dir: &Path) -> Result<()> {
    // Directories cannot be opened for syncing on every platform; where they can, the rename
    // is only durable once the folder itself is flushed.
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io("cannot flush the folder", dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The folder `relative` inside `root`, created if needed, refusing anything that would lead
/// outside the notebook: absolute paths, `..`, hidden folders, or symlinks pointing elsewhere.
pub fn folder_inside(root: &Path, relative: &Path) -> Result<PathBuf> {
    for part in relative.components() {
        match part {
            Component::Normal(name) if !name.to_string_lossy().starts_with('.') => {}
            Component::CurDir => {}
            _ => {
                return Err(Error::OutsideNotebook(format!(
                    "`{}` is not a folder inside the notebook",
                    relative.display()
                )));
            }
        }
    }
    let real_root = root
        .canonicalize()
        .map_err(|e| Error::io("cannot resolve", root, e))?;
    // One level at a time, each checked before anything is made inside it, so a symbolic
    // link pointing elsewhere never gets folders created at its far end.
    let mut dir = root.to_path_buf();
    for part in relative.components() {
        dir.push(part);
        if !dir.exists() {
            std::fs::create_dir(&dir)
                .map_err(|e| Error::io("cannot create the folder", &dir, e))?;
        }
        let real_dir = dir
            .canonicalize()
            .map_err(|e| Error::io("cannot resolve", &dir, e))?;
        if !real_dir.starts_with(&real_root) {
            return Err(Error::OutsideNotebook(format!(
                "`{}` leads outside the notebook (to {})",
                relative.display(),
                real_dir.display()
            )));
        }
    }
    Ok(dir)
}

/// A file-name slug from a title: lowercase ASCII letters and digits joined by hyphens, at most
/// about 48 characters, cut at a word boundary.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() && slug.len() + word.len() >= 48 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug.truncate(48);
    slug
}

/// A new note id `YYYY-MM-DD-slug`, with `-2`, `-3`... added until `taken` says it is free.
pub fn new_id(
    day: jiff::civil::Date,
    title: &str,
    fallback: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let slug = match slug(title) {
        s if s.is_empty() => slug(fallback),
        s => s,
    };
    let base = format!("{}-{slug}", day.strftime("%Y-%m-%d"));
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_and_short() {
        assert_eq!(
            slug("Teen carrying a boombox: Shibuya!"),
            "teen-carrying-a-boombox-shibuya"
        );
        assert_eq!(slug("渋谷の若者"), "");
        let long = slug(&"word ".repeat(40));
        assert!(long.len() <= 48 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn ids_get_a_suffix_on_collision() {
        let day = jiff::civil::date(2024, 3, 14);
        let taken = ["2024-03-14-photo-walk", "2024-03-14-photo-walk-2"];
        assert_eq!(
            new_id(day, "Photo walk", "interview", |id| taken.contains(&id)),
            "2024-03-14-photo-walk-3"
        );
        assert_eq!(
            new_id(day, "渋谷", "interview", |_| false),
            "2024-03-14-interview"
        );
    }

    #[test]
    fn atomic_write_never_clobbers_when_told_not_to() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        write_atomic(&path, b"one", false).unwrap();
        assert!(write_atomic(&path, b"two", false).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        let leftovers = std::fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temp files left behind");
    }

    #[test]
    fn a_changed_file_is_not_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        std::fs::write(&path, "edited elsewhere").unwrap();
        let err = replace_if_unchanged(&path, b"as we read it", b"ours").unwrap_err();
        assert!(matches!(err, Error::ChangedOnDisk(_)));
        assert_eq!(std::fs::read(&path).unwrap(), b"edited elsewhere");
    }

    #[test]
    fn folders_outside_the_notebook_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("nb");
        std::fs::create_dir_all(&root).unwrap();
        for bad in ["../x", "/etc", ".git", "a/../../x"] {
            assert!(folder_inside(&root, Path::new(bad)).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path(), root.join("escape")).unwrap();
            assert!(folder_inside(&root, Path::new("escape")).is_err());
        }
        assert!(
            folder_inside(&root, Path::new("study/2024"))
                .unwrap()
                .is_dir()
        );
    }
}
