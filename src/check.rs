//! `check`: every problem in every file of a notebook, each with its place and a hint. This is
//! the one place that decides what is wrong with a file; `check`, `list`, the overview and the
//! UI's problems all report what it finds.
//!
//! An error means the file cannot be read as a note, so it is left out of lists and search
//! until fixed; everything a readable note gets wrong (an unknown kind, a why-code missing from
//! the codebook, evidence that points nowhere) is a warning, and the note is served as it is.

mod notes;

use crate::notebook::{Loaded, Notebook};
use crate::problem::{Problem, Severity};

pub use notes::{Known, note_problems};

/// The outcome of checking a notebook.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, sorted by file and position.
    pub problems: Vec<Problem>,
    /// How many note files were looked at.
    pub files: usize,
    /// How many note files have errors and are left out of lists and search.
    pub left_out: usize,
}

impl Report {
    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many problems are warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// How many problems are hints.
    pub fn hints(&self) -> usize {
        self.count(Severity::Hint)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// `2 errors, 1 warning, 3 hints`, or `no problems`: the words every surface uses.
    pub fn counts(&self) -> String {
        let parts: Vec<String> = [
            (self.errors(), "error"),
            (self.warnings(), "warning"),
            (self.hints(), "hint"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| crate::cli::plural(n, word))
        .collect();
        if parts.is_empty() {
            "no problems".into()
        } else {
            parts.join(", ")
        }
    }

    /// The counts, then the files left out: the words `check`, the overview and the UI's
    /// problems end with.
    pub fn summary(&self) -> String {
        let mut text = self.counts();
        if self.left_out > 0 {
            text.push_str(&format!(
                "; {} left out of lists and search",
                crate::cli::plural(self.left_out, "file")
            ));
        }
        text
    }
}

/// Checks the settings, the codebook and every note.
pub fn check(notebook: &Notebook) -> Report {
    check_loaded(notebook, &notebook.load())
}

/// Checks the settings, the codebook and notes already read.
pub fn check_loaded(notebook: &Notebook, loaded: &Loaded) -> Report {
    let (settings, mut problems) = notebook.settings();
    let (codebook, codebook_problems) = notebook.codebook();
    problems.extend(codebook_problems);
    let known = Known::new(notebook, loaded, &settings, &codebook);
    for file in &loaded.notes {
        problems.extend(note_problems(file, &known));
    }
    problems.extend(loaded.problems.iter().cloned());
    problems.extend(conflicts(notebook, loaded));
    problems.sort_by(|a, b| (&a.path, a.pos, a.severity).cmp(&(&b.path, b.pos, b.severity)));
    Report {
        problems,
        files: loaded.notes.len() + loaded.skipped,
        left_out: loaded.skipped,
    }
}

/// The fields a sync set aside because both sides changed them, as warnings on their notes.
fn conflicts(notebook: &Notebook, loaded: &Loaded) -> Vec<Problem> {
    let Ok(Some(repo)) = crate::git::Repo::open(&notebook.root, false) else {
        return Vec::new();
    };
    let records = crate::git::conflicts::waiting(&repo).unwrap_or_default();
    let mut problems = Vec::new();
    for record in records {
        let Some(file) = loaded.find(&record.id) else {
            continue;
        };
        for field in &record.fields {
            let message = match field.as_str() {
                crate::git::conflicts::DELETED_BY_THE_TEAM => {
                    "the team deleted this note while you edited it: your version is kept"
                        .to_owned()
                }
                crate::git::conflicts::DELETED_BY_YOU => {
                    "you deleted this note while the team edited it: their version is kept"
                        .to_owned()
                }
                _ => format!(
                    "both you and the team changed `{field}`: yours is here, theirs is kept aside"
                ),
            };
            problems.push(
                Problem::warning(crate::yaml::Pos::START, message)
                .hint(format!(
                    "`fieldnotes resolve` shows both; `fieldnotes resolve {} --theirs` (or --mine, --both) settles it",
                    record.id
                ))
                .in_file(&file.path),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notebook(files: &[(&str, &str)]) -> (tempfile::TempDir, Notebook) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("fieldnotes.yaml"), "").unwrap();
        std::fs::write(
            dir.path().join("codebook.yaml"),
            "codes:\n  - name: escape\n    description: Wants out\n  - name: bare\n",
        )
        .unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let notebook = Notebook::open(dir.path()).unwrap();
        (dir, notebook)
    }

    fn said(report: &Report) -> Vec<String> {
        report
            .problems
            .iter()
            .map(|p| {
                format!(
                    "{}:{} {}: {} ({})",
                    p.path.display(),
                    p.pos.line,
                    p.severity.word(),
                    p.message,
                    p.hint.as_deref().unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn a_readable_note_gets_warnings_for_every_slip_and_is_served() {
        let (_dir, notebook) = notebook(&[
            (
                "street/2024-05-01-typo.yaml",
                "kind: intervew\ntitle: Typo\ndate: 2024-05-01\nstudy: shop\n\
                 why: [escape, escape, nowhere]\nfindings:\n  - did: left\n    why: [escape, escape]\n",
            ),
            (
                "street/2024-05-02-street.yaml",
                "kind: interview\ntitle: Street\ndate: 2024-05-02\nstudy: street\n",
            ),
            (
                "street/2024-05-04-cased.yaml",
                "kind: interview\ntitle: Cased\ndate: 2024-05-04\nstudy: Street\n",
            ),
            (
                "shop/2024-05-03-bad.yaml",
                "kind: interview\ntitle: Bad\ndate: 2024-13-45\nstudy: shop\n",
            ),
        ]);
        let loaded = notebook.load();
        let report = check_loaded(&notebook, &loaded);
        let said = said(&report);
        let typo = "street/2024-05-01-typo.yaml";
        for expected in [
            format!(
                "{typo}:1 warning: `intervew` is not a kind of note here (did you mean `interview`?"
            ),
            format!("{typo}:4 warning: the study is `shop`, but the note sits in `street/`"),
            format!("{typo}:5 warning: the why-code `escape` is listed twice here"),
            format!("{typo}:5 warning: the why-code `nowhere` is not in the codebook"),
            format!("{typo}:8 warning: the why-code `escape` is listed twice here"),
            "codebook.yaml:4 hint: the code `bare` has no description".into(),
            "shop/2024-05-03-bad.yaml:3 error: `2024-13-45` is not a date: there is no month 13"
                .into(),
        ] {
            assert!(
                said.iter().any(|s| s.starts_with(&expected)),
                "{expected}\nnot in {said:#?}"
            );
        }
        // A study spelt in another case, or as its slug, names the same folder.
        assert!(
            !said.iter().any(|s| s.contains("the study is `Street`")),
            "{said:#?}"
        );
        // Errors are exactly the files left out; the note with warnings is served.
        assert_eq!((report.errors(), report.left_out), (1, 1));
        assert!(loaded.find("2024-05-01-typo").is_some());
        assert_eq!(
            report.counts(),
            format!("1 error, {} warnings, 1 hint", report.warnings())
        );
    }
}
