//! Where a new note of a study goes. A study is a name, never a path: `Tokyo/Shibuya` or
//! `../x` in the study field names one folder at the top of the notebook, not a tree.

use std::path::{Path, PathBuf};

use super::{Notebook, store};
use crate::error::Result;

impl Notebook {
    /// The folder a new note of `study` goes in: the folder at the top of the notebook named
    /// like the study (in any case, or as its slug) when there is one; otherwise a new folder
    /// named with the study's slug, said through `notice`. No study: the root.
    pub fn study_folder(&self, study: Option<&str>, notice: &dyn Fn(&str)) -> Result<PathBuf> {
        let Some(study) = study.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(self.root.clone());
        };
        let wanted = folder_name(study);
        if wanted.is_empty() {
            return Ok(self.root.clone());
        }
        if let Some(existing) = self.existing_folder(study, &wanted) {
            return Ok(self.root.join(existing));
        }
        let folder = store::folder_inside(&self.root, Path::new(&wanted))?;
        notice(&format!(
            "`{}` is a new study: its notes go in the new folder {wanted}/",
            crate::safe::line(study)
        ));
        Ok(folder)
    }

    /// The top-level folder named `study` exactly, else in another case, else whose slug is
    /// `wanted`.
    fn existing_folder(&self, study: &str, wanted: &str) -> Option<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.root)
            .ok()?
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        let find = |matches: &dyn Fn(&str) -> bool| names.iter().find(|n| matches(n)).cloned();
        find(&|n| n == study)
            .or_else(|| find(&|n| n.eq_ignore_ascii_case(study)))
            .or_else(|| find(&|n| folder_name(n) == wanted))
    }
}

/// Whether `folder` (a name at the top of the notebook) is where notes of `study` go.
pub fn names_folder(study: &str, folder: &str) -> bool {
    let study = study.trim();
    folder == study || folder.eq_ignore_ascii_case(study) || {
        let wanted = folder_name(study);
        !wanted.is_empty() && folder_name(folder) == wanted
    }
}

/// The one folder name a study maps to: its slug, or, for a name with no ASCII letters or
/// digits (`渋谷`), the name with anything that could make it a path taken out.
fn folder_name(study: &str) -> String {
    let slug = store::slug(study);
    if !slug.is_empty() {
        return slug;
    }
    let kept: String = study
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect();
    kept.trim_matches(|c| c == '-' || c == '.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_study_names_one_folder_never_a_path() {
        assert_eq!(folder_name("New Study/with sub"), "new-study-with-sub");
        assert_eq!(folder_name("../../etc"), "etc");
        assert_eq!(folder_name("Photo Store"), "photo-store");
        assert_eq!(folder_name("渋谷/調査"), "渋谷-調査");
        assert_eq!(folder_name("./.."), "");
    }

    #[test]
    fn an_existing_folder_is_found_by_name_case_or_slug_and_a_new_one_is_said() {
        let dir = tempfile::tempdir().expect("a temp dir");
        std::fs::create_dir(dir.path().join("Photo Store")).expect("a folder");
        std::fs::create_dir(dir.path().join("quiet-carriage")).expect("a folder");
        let notebook = Notebook {
            root: dir.path().to_path_buf(),
        };
        let said = std::cell::RefCell::new(Vec::new());
        let notice = |s: &str| said.borrow_mut().push(s.to_owned());
        let folder = |study| {
            notebook
                .study_folder(Some(study), &notice)
                .expect("a folder")
        };
        assert_eq!(folder("photo store"), dir.path().join("Photo Store"));
        assert_eq!(folder("photo-store"), dir.path().join("Photo Store"));
        assert_eq!(folder("Quiet Carriage"), dir.path().join("quiet-carriage"));
        assert!(said.borrow().is_empty());
        assert_eq!(
            folder("Night Markets/Osaka"),
            dir.path().join("night-markets-osaka")
        );
        assert!(dir.path().join("night-markets-osaka").is_dir());
        assert!(!dir.path().join("Night Markets").exists());
        assert_eq!(said.borrow().len(), 1, "{:?}", said.borrow());
        assert_eq!(
            notebook.study_folder(Some("  "), &notice).expect("root"),
            dir.path()
        );
    }
}
