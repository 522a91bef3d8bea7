//! `import`: work from other tools taken into the notebook. A file's ending picks its reader;
//! each says what it made, and nothing already in the notebook is written over.

use std::path::PathBuf;

use clap::Args;

use super::output::say;
use super::{Context, EXIT_OK, notice, plural};
use crate::error::{Error, Result};
use crate::exchange::qdc_in;

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files: REFI-QDA codebooks (.qdc).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Say what would be made, and write nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Takes each file in, in the order given.
pub fn run(args: ImportArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    for file in &args.files {
        let name = crate::safe::line(&file.to_string_lossy());
        let ending = file
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if ending != "qdc" {
            return Err(Error::invalid(
                format!("{name} was not imported: fieldnotes reads REFI-QDA codebooks (.qdc)"),
                "export the codebook from your QDA tool as a REFI-QDA codebook (.qdc)",
            ));
        }
        let unreadable = |why: String| {
            Error::invalid(
                format!("{name} cannot be read as a REFI-QDA codebook: {why}"),
                "nothing was changed; check the file, or export it again",
            )
        };
        let size = std::fs::metadata(file)
            .map_err(|e| Error::io("cannot read", file, e))?
            .len();
        if size > qdc_in::MAX_BYTES as u64 {
            return Err(unreadable(format!(
                "it is larger than the {} MiB a codebook may be",
                qdc_in::MAX_BYTES >> 20
            )));
        }
        let bytes = std::fs::read(file).map_err(|e| Error::io("cannot read", file, e))?;
        let codes = qdc_in::read(&bytes).map_err(unreadable)?;
        if args.dry_run {
            let (book, _) = notebook.codebook();
            let new: Vec<&str> = codes
                .iter()
                .filter(|c| book.get(&c.name).is_none())
                .map(|c| c.name.as_str())
                .collect();
            say(format!(
                "would add {} from {name}{}; nothing was changed (--dry-run)",
                plural(new.len(), "code"),
                listed(&new)
            ))?;
            continue;
        }
        let merged = qdc_in::merge(&notebook, &codes, &notice)?;
        let added: Vec<&str> = merged.added.iter().map(String::as_str).collect();
        let kept: Vec<&str> = merged.kept.iter().map(String::as_str).collect();
        let mut said = format!(
            "imported {name}: added {}{}",
            plural(added.len(), "code"),
            listed(&added)
        );
        if !kept.is_empty() {
            said.push_str(&format!(
                "; {} the codebook has already, left as they are{}",
                plural(kept.len(), "code"),
                listed(&kept)
            ));
        }
        say(said)?;
    }
    Ok(EXIT_OK)
}

/// ` (a, b, c)`, or nothing for none.
fn listed(names: &[&str]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(" ({})", names.join(", "))
    }
}
