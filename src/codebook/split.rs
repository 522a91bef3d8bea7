//! Splitting a code in two: no rule can say which part each use meant, so every use is listed
//! for the researcher to choose (one part, the other, or both), in a plan they edit and then
//! apply.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::note::{Coded, Note, parse};
use crate::notebook::Notebook;

/// One use of a code: a note's own list, or a finding's, with what it says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Use {
    /// The note's file, relative to the notebook root.
    pub note: PathBuf,
    /// The finding, counted from 1; none for the note's own codes (0 reads as none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<usize>,
    /// The note's title, to know it by.
    pub title: String,
    /// What the person did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did: Option<String>,
    /// What they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The codes this use becomes: one part, the other, or both.
    pub into: Vec<String>,
}

impl Use {
    /// Where in its note the use is.
    pub fn at(&self) -> Coded {
        match self.finding {
            Some(n) if n > 0 => Coded::Finding(n - 1),
            _ => Coded::Note,
        }
    }
}

/// A split as the researcher edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The code split.
    pub split: String,
    /// The two parts.
    pub parts: Vec<String>,
    /// Every use, with the parts each becomes.
    pub uses: Vec<Use>,
}

/// Every use of `code` in `notebook`'s notes, each first given both `parts`.
pub fn uses(notebook: &Notebook, code: &str, parts: &[String]) -> Vec<Use> {
    let mut found = Vec::new();
    for path in notebook.note_paths() {
        let Ok(text) = crate::notebook::read_text(&path) else {
            continue;
        };
        if !text.contains(code) {
            continue;
        }
        let Some(note) = parse(&text).note else {
            continue;
        };
        let relative = notebook.relative(&path).to_path_buf();
        let mut add = |finding: Option<usize>, did: Option<&String>, quote: Option<&String>| {
            found.push(Use {
                note: relative.clone(),
                finding,
                title: note.title.clone(),
                did: did.cloned(),
                quote: quote.cloned(),
                into: parts.to_vec(),
            });
        };
        if note.why.iter().any(|c| c == code) {
            add(None, None, None);
        }
        for (i, f) in note.findings.iter().enumerate() {
            if f.why.iter().any(|c| c == code) {
                add(Some(i + 1), f.did.as_ref(), f.quote.as_ref());
            }
        }
    }
    found
}

/// The plan as a file to edit, with what to do at its top.
pub fn to_text(plan: &Plan) -> Result<String, String> {
    let [a, b] = plan.parts.as_slice() else {
        return Err("a split has two parts".into());
    };
    let body = crate::yaml::to_canonical_string(plan)?;
    Ok(format!(
        "# Splitting `{}` into `{a}` and `{b}`. For each use below, leave in `into` the part it\n# meant: [{a}], [{b}] or both. Then run the same command again to apply it.\n{body}",
        plan.split
    ))
}

/// The plan in `text`, checked: each use's parts among the plan's own.
pub fn read(text: &str) -> Result<Plan, String> {
    let plan: Plan = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    for u in &plan.uses {
        if u.into.is_empty() || u.into.iter().any(|p| !plan.parts.contains(p)) {
            return Err(format!(
                "{}{}: `into` must hold {}",
                u.note.display(),
                u.finding
                    .map_or(String::new(), |n| format!(", finding {n}")),
                plan.parts.join(", or "),
            ));
        }
    }
    Ok(plan)
}

/// The parts `plan` chose for the use at `at` in `note` (at `path`), when it lists that use
/// there saying what the note says now; none for a use added or changed since.
pub fn chosen_for<'a>(plan: &'a Plan, path: &Path, note: &Note, at: Coded) -> Option<&'a [String]> {
    let listed = plan.uses.iter().find(|u| u.note == path && u.at() == at)?;
    let (did, quote) = match at {
        Coded::Note => (None, None),
        Coded::Finding(i) => {
            let finding = note.findings.get(i)?;
            (finding.did.as_ref(), finding.quote.as_ref())
        }
    };
    (listed.did.as_ref() == did && listed.quote.as_ref() == quote).then_some(listed.into.as_slice())
}
