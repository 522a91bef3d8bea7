//! `codes split`: every use of a code written to a plan for the researcher to choose which
//! part each meant; the second time, the plan they chose read back to be applied.

use super::output::say;
use super::recode::How;
use super::{Context, plural};
use crate::codebook::change::split_parts;
use crate::codebook::split::{self as splitting, Plan};
use crate::error::{Error, Result};

/// The plan in `file` when there is one, for the split to apply; otherwise the plan written
/// there (or, with --dry-run, said) and none.
pub fn chosen(
    context: &Context,
    code: &str,
    parts: [String; 2],
    file: &std::path::Path,
    how: &How,
) -> Result<Option<Plan>> {
    let notebook = context.notebook()?;
    split_parts(code, &parts).map_err(|why| {
        Error::invalid(
            format!("`{code}` was not split: {why}"),
            "choose other parts",
        )
    })?;
    // A plan among the notes would be read as a note.
    let inside = std::path::absolute(file).is_ok_and(|f| f.starts_with(&notebook.root));
    if inside && file.extension().is_some_and(|e| e == "yaml") {
        return Err(Error::invalid(
            format!(
                "{} is inside the notebook, where it would be read as a note",
                file.display()
            ),
            "keep the plan outside the notebook, or name it with another ending (split.plan)",
        ));
    }
    let Ok(text) = std::fs::read_to_string(file) else {
        let uses = splitting::uses(&notebook, code, &parts);
        let name = crate::safe::line(&file.to_string_lossy());
        if how.dry_run {
            say(format!(
                "would write the {} of {code} to {name}; nothing was written (--dry-run)",
                plural(uses.len(), "use"),
            ))?;
            return Ok(None);
        }
        let plan = Plan {
            split: code.to_owned(),
            parts: parts.to_vec(),
            uses,
        };
        let text = splitting::to_text(&plan).map_err(|why| Error::invalid(why, "report this"))?;
        crate::notebook::write_atomic(file, text.as_bytes(), false)?;
        say(format!(
            "wrote the {} of {code} to {name}: leave in each `into` the part it meant, then run the same command again",
            plural(plan.uses.len(), "use"),
        ))?;
        return Ok(None);
    };
    let unreadable = |why: String| {
        Error::invalid(
            format!("{} cannot be read as a split plan: {why}", file.display()),
            "correct it, or delete it and run the command again to write a new one",
        )
    };
    let chosen = splitting::read(&text).map_err(unreadable)?;
    if chosen.split != code || chosen.parts != parts {
        return Err(unreadable(format!(
            "it splits {} into {}",
            chosen.split,
            chosen.parts.join(" and ")
        )));
    }
    Ok(Some(chosen))
}
