//! `check`: every problem in every file of a notebook, each with its place and a hint.

use std::collections::HashSet;

use crate::codebook::{CODEBOOK_FILE, Codebook};
use crate::notebook::{Loaded, Notebook, Settings};
use crate::problem::Problem;
use crate::yaml::Pos;

/// The outcome of checking a notebook.
#[derive(Debug)]
pub struct Report {
    /// Every problem, sorted by file and position.
    pub problems: Vec<Problem>,
    /// How many note files were looked at.
    pub files: usize,
}

impl Report {
    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    /// How many problems are warnings.
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
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
    problems.extend(cross_references(loaded, &settings, &codebook));
    let files = loaded.notes.len() + loaded.skipped;
    problems.extend(loaded.problems.iter().cloned());
    problems.sort_by(|a, b| (&a.path, a.pos).cmp(&(&b.path, b.pos)));
    Report { problems, files }
}

/// Problems that only show when notes are set against the settings, the codebook and each
/// other: unknown kinds, unknown why-codes, evidence that points nowhere, odd file names.
pub fn cross_references(loaded: &Loaded, settings: &Settings, codebook: &Codebook) -> Vec<Problem> {
    let kinds = settings.kinds();
    let ids: HashSet<&str> = loaded.notes.iter().map(|n| n.id.as_str()).collect();
    let mut problems = Vec::new();
    for file in &loaded.notes {
        let at = |p: Problem| p.in_file(&file.path);
        if !kinds.contains(&file.note.kind.as_str()) {
            problems.push(at(Problem::error(
                file.spots.kind,
                format!("`{}` is not a kind of note here", file.note.kind),
            )
            .hint(format!(
                "use one of: {}; or add it under `kinds:` in fieldnotes.yaml",
                kinds.join(", ")
            ))));
        }
        for code in &file.spots.codes {
            if codebook.get(&code.value).is_none() {
                problems.push(at(Problem::warning(code.pos, format!("the why-code `{}` is not in the codebook", code.value))
                    .hint(format!("add it to {CODEBOOK_FILE}, or correct the spelling (`fieldnotes codes` lists the codes)"))));
            }
        }
        for evidence in &file.spots.evidence {
            if !ids.contains(evidence.value.as_str()) {
                problems.push(at(Problem::error(evidence.pos, format!("the evidence `{}` is not a note in this notebook", evidence.value))
                    .hint("evidence lists note ids (file names without .yaml); `fieldnotes list` shows them")));
            }
        }
        if !is_canonical_id(&file.id) {
            problems.push(at(Problem::warning(Pos::START, format!("the file name `{}` does not follow YYYY-MM-DD-slug", file.id))
                .hint("notes made by fieldnotes are named by date and title; renaming is safe if no insight cites this id")));
        }
    }
    problems
}

fn is_canonical_id(id: &str) -> bool {
    // Split where a `YYYY-MM-DD-` prefix would end; a name with other characters there
    // (non-ASCII ones included) is simply not canonical.
    id.split_at_checked(11).is_some_and(|(day, slug)| {
        day.ends_with('-')
            && jiff::civil::Date::strptime("%Y-%m-%d", &day[..10]).is_ok()
            && crate::codebook::is_slug(slug)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_ids() {
        assert!(is_canonical_id("2024-03-14-photo-walk"));
        assert!(is_canonical_id("2024-03-14-photo-walk-2"));
        assert!(!is_canonical_id("photo-walk"));
        assert!(!is_canonical_id("2024-13-14-photo"));
        assert!(!is_canonical_id("2024-03-14-Photo Walk"));
        assert!(!is_canonical_id("2024-03-14"));
        // Byte 11 inside a character must not panic.
        assert!(!is_canonical_id("日本語のノート"));
        assert!(!is_canonical_id("2024-03-1日-photo"));
    }
}
