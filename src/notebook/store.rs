//! Where new notes go and what they are named.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

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
