//! `tag` and `untag`: add why-codes to a note or one of its findings, or take them off, changing
//! only that list in the file.

use clap::Args;

use super::list::one_note;
use super::{Context, EXIT_OK, notice, output};
use crate::codebook::{Code, Codebook, is_slug};
use crate::error::{Error, Result};
use crate::note::{self, Coded};
use crate::safe;
use crate::yaml;

/// Arguments of `tag` and `untag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The note's id (its file name without `.yaml`).
    #[arg(add = super::complete::ids())]
    id: String,
    /// The finding to tag or untag, counting from 1 as `show` numbers them (default: the whole note).
    #[arg(long, short, value_name = "N")]
    finding: Option<usize>,
    /// Add codes the codebook does not have yet to codebook.yaml (tag only).
    #[arg(long)]
    new: bool,
    /// With --new: one line on what the new code means, written with it.
    #[arg(long, requires = "new", value_name = "TEXT")]
    description: Option<String>,
    /// With --new: the code the new code sits under (one the codebook has).
    #[arg(long, requires = "new", value_name = "CODE", add = super::complete::codes())]
    parent: Option<String>,
    /// The why-codes.
    #[arg(required = true, value_name = "CODE", add = super::complete::codes())]
    codes: Vec<String>,
}

/// Adds the codes (`add`) or takes them off, and says what the list is now.
pub fn run(args: TagArgs, add: bool, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let codes = note::once(args.codes.iter().map(|c| c.trim().to_lowercase()));
    if let Some(bad) = codes.iter().find(|c| !is_slug(c)) {
        return Err(Error::usage(
            format!("`{bad}` is not a why-code"),
            "codes are lowercase letters, digits and hyphens, like `private-soundtrack`",
        ));
    }
    let (codebook, _) = notebook.codebook();
    let file = one_note(&notebook, &args.id, "changed")?;
    if add && !args.new {
        refuse_unknown(&codebook, &codes)?;
    }
    let parent = args.parent.as_deref().map(|p| p.trim().to_lowercase());
    if args.description.is_some() || parent.is_some() {
        describable(&codebook, &codes, parent.as_deref())?;
    }
    let target = match args.finding {
        None => Coded::Note,
        Some(n) if n >= 1 && n <= file.note.findings.len() => Coded::Finding(n - 1),
        Some(n) => {
            return Err(Error::usage(
                format!("`{}` has no finding {n}", file.id),
                match file.note.findings.len() {
                    0 => "it has no findings yet: tag the whole note by leaving out --finding"
                        .to_owned(),
                    count => format!(
                        "its findings are numbered 1 to {count}, as `fieldnotes show` lists them"
                    ),
                },
            ));
        }
    };
    let what = match target {
        Coded::Note => file.id.clone(),
        Coded::Finding(i) => format!("{} finding {}", file.id, i + 1),
    };
    if add && args.new {
        let mut added = Vec::new();
        for code in codes.iter().filter(|c| codebook.get(c).is_none()) {
            let described = Code {
                description: args.description.clone().filter(|d| !d.trim().is_empty()),
                parent: parent.clone(),
                ..Code::named(code)
            };
            if !added.contains(&code) && notebook.add_code(&described, &notice)? {
                added.push(code);
            }
        }
        if !added.is_empty() {
            let names: Vec<String> = added.iter().map(|c| format!("`{c}`")).collect();
            output::warn(format!("added {} to codebook.yaml", names.join(", ")));
        }
    }
    let path = notebook.root.join(&file.path);
    let (mut before, mut after) = (Vec::new(), Vec::new());
    // The new list is computed from the note as it is on disk under the write lock, so a
    // change another writer made a moment ago is kept.
    notebook.change(&path, &notice, |bytes| {
        let bytes = bytes.ok_or_else(|| {
            Error::invalid(
                format!("{} is gone", file.path.display()),
                "check that the file is still there",
            )
        })?;
        let text = yaml::decode(bytes)
            .map_err(|p| Error::invalid(p.message.clone(), "run `fieldnotes check` for details"))?;
        let now = note::parse(text).note.ok_or_else(|| {
            Error::invalid(
                format!("{} has errors now and was not changed", file.path.display()),
                "run `fieldnotes check` for details",
            )
        })?;
        before = now.codes(target).cloned().ok_or_else(|| {
            Error::invalid(
                format!("{what} is no longer there"),
                "`fieldnotes show` lists the note's findings as they are now",
            )
        })?;
        // A code the note already held twice is collapsed while the list is being written.
        after = note::once(before.iter().cloned());
        if add {
            after.extend(codes.iter().filter(|c| !before.contains(c)).cloned());
        } else {
            after.retain(|c| !codes.contains(c));
        }
        if after == before {
            return Ok(None);
        }
        let written = note::with_codes(text, &now, target, &after).map_err(|why| {
            Error::invalid(
                format!("{} was not changed: {why}", file.path.display()),
                "edit the file by hand, or remove what is in the way and run the command again",
            )
        })?;
        // The text was read without its byte-order mark; the file keeps it.
        let bom: &[u8] = if bytes.starts_with(b"\xEF\xBB\xBF") {
            b"\xEF\xBB\xBF"
        } else {
            b""
        };
        Ok(Some([bom, written.as_bytes()].concat()))
    })?;
    for code in codes.iter().filter(|c| before.contains(c) == add) {
        let state = if add { "already has" } else { "does not have" };
        output::warn(format!("{} {state} `{code}`", safe::line(&what)));
    }
    let list = if after.is_empty() {
        "no why-codes".to_owned()
    } else {
        format!("why: {}", after.join(", "))
    };
    output::warn(safe::line(&format!("{what}: {list}")));
    Ok(EXIT_OK)
}

/// `--description` and `--parent` describe a code being made: refused for codes the codebook
/// has (its entry is edited in codebook.yaml), and a parent must be a code it has.
fn describable(codebook: &Codebook, codes: &[String], parent: Option<&str>) -> Result<()> {
    if let Some(known) = codes.iter().find(|c| codebook.get(c).is_some()) {
        return Err(Error::usage(
            format!("`{known}` is in the codebook already"),
            "--description and --parent describe a new code; change an existing one in \
             codebook.yaml, or tag without them",
        ));
    }
    let Some(parent) = parent else {
        return Ok(());
    };
    if !is_slug(parent) {
        return Err(Error::usage(
            format!("the parent `{}` is not a why-code", safe::line(parent)),
            "codes are lowercase letters, digits and hyphens, like `social-courtesy`",
        ));
    }
    if codes.iter().any(|c| c == parent) {
        return Err(Error::usage(
            format!("`{parent}` cannot sit under itself"),
            "give --parent a code the codebook already has",
        ));
    }
    if codebook.get(parent).is_none() {
        let near = near(codebook, parent);
        return Err(Error::usage(
            format!("the parent `{parent}` is not in the codebook"),
            if near.is_empty() {
                "add the parent first, or pick one of `fieldnotes codes`".to_owned()
            } else {
                format!("did you mean {near}? Otherwise add the parent first")
            },
        ));
    }
    Ok(())
}

/// A code the codebook does not define is almost always a typo: it is refused, with the codes
/// it may have meant.
fn refuse_unknown(codebook: &Codebook, codes: &[String]) -> Result<()> {
    let Some(unknown) = codes.iter().find(|c| codebook.get(c).is_none()) else {
        return Ok(());
    };
    let near = near(codebook, unknown);
    let hint = if near.is_empty() {
        "add it to codebook.yaml with --new, or pick one of `fieldnotes codes`".to_owned()
    } else {
        format!("did you mean {near}? Otherwise add it with --new")
    };
    Err(Error::usage(
        format!("`{unknown}` is not in the codebook"),
        hint,
    ))
}

/// The codebook's codes spelt close to `unknown`, as "`a` or `b`"; empty when none is.
fn near(codebook: &Codebook, unknown: &str) -> String {
    codebook
        .codes
        .iter()
        .map(|c| c.name.as_str())
        .filter(|name| {
            name.contains(unknown)
                || unknown.contains(name)
                || crate::index::edits_within(name, unknown, 2)
        })
        .take(5)
        .map(|n| format!("`{}`", safe::line(n)))
        .collect::<Vec<_>>()
        .join(" or ")
}
