//! `codes split`: every use of a code written to a plan for the researcher to choose which
//! part each meant, then the plan applied.

use super::output::say;
use super::recode::{How, finish};
use super::{Context, EXIT_OK, notice, plural};
use crate::codebook::apply::{Operation, apply, plan};
use crate::codebook::recode::recoded;
use crate::codebook::reshape;
use crate::error::{Error, Result};

/// `codes split`: the plan written, or applied.
pub fn run(
    context: &Context,
    code: &str,
    parts: [String; 2],
    file: &std::path::Path,
    how: &How,
) -> Result<u8> {
    use crate::codebook::split::{self as splitting, Plan};
    let notebook = context.notebook()?;
    let refused = |why: String| {
        Error::invalid(
            format!("`{code}` was not split: {why}"),
            "choose other parts",
        )
    };
    for part in &parts {
        if !crate::codebook::is_slug(part) {
            return Err(refused(format!(
                "`{part}` is not a code name (lowercase letters, digits and hyphens)"
            )));
        }
        if part == code {
            return Err(refused(format!("`{code}` cannot be one of its own parts")));
        }
    }
    if parts[0] == parts[1] {
        return Err(refused("its two parts are one code".into()));
    }
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
    let uses = splitting::uses(&notebook, code, &parts);
    let Ok(text) = std::fs::read_to_string(file) else {
        if how.dry_run {
            say(format!(
                "would write the {} of {code} to {}; nothing was written (--dry-run)",
                plural(uses.len(), "use"),
                crate::safe::line(&file.to_string_lossy())
            ))?;
            return Ok(EXIT_OK);
        }
        let plan = Plan {
            split: code.to_owned(),
            parts: parts.to_vec(),
            uses,
        };
        let text = splitting::to_text(&plan).map_err(|why| Error::invalid(why, "report this"))?;
        crate::notebook::write_atomic(file, text.as_bytes(), false)?;
        say(format!(
            "wrote the {} of {code} to {}: leave in each `into` the part it meant, then run the same command again",
            plural(plan.uses.len(), "use"),
            crate::safe::line(&file.to_string_lossy())
        ))?;
        return Ok(EXIT_OK);
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
    // Each use must be the one the plan lists at its place, saying what it said then: a
    // finding removed above it would shift the choices onto the wrong findings.
    let missing = uses
        .iter()
        .filter(|u| !splitting::listed(&chosen, u))
        .count();
    if missing > 0 {
        return Err(Error::invalid(
            format!(
                "{} of {code} are not in {} as they are now (added or changed since it was written): nothing was changed",
                plural(missing, "use"),
                file.display()
            ),
            "delete the plan and run the command again to write a new one",
        ));
    }
    let codebook = |text: &str| reshape::split(text, code, &parts);
    let lists = |path: &std::path::Path, at, list: &[String]| {
        recoded(list, &|c| {
            if c != code {
                return vec![c.to_owned()];
            }
            splitting::parts_at(&chosen, path, at)
                .map_or_else(|| parts.to_vec(), <[String]>::to_vec)
        })
    };
    let operation = Operation {
        codes: vec![code.to_owned()],
        taken: Vec::new(),
        codebook: &codebook,
        lists: &lists,
    };
    let done = if how.dry_run {
        plan(&notebook, &operation)?
    } else {
        apply(&notebook, &operation, &notice)?
    };
    let [a, b] = &parts;
    finish(
        context,
        &done,
        how,
        &format!("split {code} into {a} and {b}"),
        &format!("split {code} into {a} and {b}"),
    )
}
