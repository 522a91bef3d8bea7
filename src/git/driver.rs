//! The merge driver git runs for a notebook's YAML files, in a sync and in a plain `git pull`
//! alike: notes merge field by field and the codebook code by code, each written into our
//! version in place so its comments stay. What cannot be merged is never written with
//! conflict markers: our version stays as it was and git records the conflict, with theirs
//! kept in its index.

use std::path::Path;

use super::Repo;
use super::conflicts::{self, Record};
use super::merge::{Conflicts, merge_notes};
use crate::codebook::{Codebook, with_code_added};
use crate::error::{Error, Result};
use crate::note::{edited, parse};
use crate::notebook::Notebook;

/// The `.gitattributes` line that sends a notebook's YAML files through the driver.
const ATTRIBUTE: &str = "*.yaml merge=fieldnotes";

/// How a file merged.
#[derive(Clone, Debug, PartialEq)]
pub enum Merged {
    /// Both sides' changes are in it.
    Clean,
    /// Merged, but these fields of the note both sides changed differently: ours is in the
    /// note, theirs set aside for `resolve`.
    SetAside(Conflicts),
    /// Not merged: ours is left as it was, and git records a conflict.
    Conflict(Conflicts),
}

/// Merges git's three versions of `name` into `ours`.
pub fn merge_file(base: &Path, ours: &Path, theirs: &Path, name: &str) -> Result<Merged> {
    // A version that is not text fieldnotes reads (too large, not UTF-8) is not merged here:
    // ours stays as it is, and git records the conflict.
    let read = |path: &Path| -> Result<Option<String>> {
        let bytes = std::fs::read(path).map_err(|e| Error::io("cannot read", path, e))?;
        Ok(crate::yaml::decode(&bytes).ok().map(str::to_owned))
    };
    let (Some(was), Some(mine), Some(other)) = (read(base)?, read(ours)?, read(theirs)?) else {
        return Ok(Merged::Conflict(vec![
            "a version that is not text fieldnotes reads".into(),
        ]));
    };
    let merged = if name.ends_with("codebook.yaml") {
        codebook(&was, &mine, &other).map(|text| (text, Vec::new()))
    } else {
        note(&was, &mine, &other)
    };
    let (text, set_aside) = match merged {
        Ok(merged) => merged,
        Err(conflicts) => return Ok(Merged::Conflict(conflicts)),
    };
    std::fs::write(ours, text).map_err(|e| Error::io("cannot write", ours, e))?;
    if set_aside.is_empty() {
        return Ok(Merged::Clean);
    }
    // Git runs the driver at the top of the working tree.
    let repo = Repo::open(Path::new("."), false)?.ok_or_else(|| {
        Error::invalid(
            "the merge driver ran outside a repository",
            "run it through git",
        )
    })?;
    let id = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    conflicts::keep(
        &repo,
        Record {
            id,
            path: name.to_owned(),
            fields: set_aside.clone(),
            theirs: other,
        },
    )?;
    Ok(Merged::SetAside(set_aside))
}

/// The merged note's text, written into ours in place, and the fields in conflict (ours kept).
fn note(was: &str, mine: &str, other: &str) -> std::result::Result<(String, Conflicts), Conflicts> {
    let (Some(base), Some(ours), Some(theirs)) =
        (parse(was).note, parse(mine).note, parse(other).note)
    else {
        return line_merge(was, mine, other).map(|text| (text, Vec::new()));
    };
    let (merged, conflicts) = merge_notes(&base, &ours, &theirs);
    let text =
        edited(mine, &ours, &merged).map_err(|why| vec![format!("the merged note: {why}")])?;
    Ok((text, conflicts))
}

/// Codes matched by name: each side's new codes kept, a code changed on one side taken from
/// it. New codes are appended to our file in place; anything else is written in the canonical
/// form when that loses no comment.
fn codebook(was: &str, mine: &str, other: &str) -> std::result::Result<String, Conflicts> {
    let (base, ours, theirs) = (
        Codebook::parse(was).0,
        Codebook::parse(mine).0,
        Codebook::parse(other).0,
    );
    let mut conflicts = Vec::new();
    let mut merged = ours.clone();
    merged.codes.retain(|code| {
        let before = base.get(&code.name);
        let after = theirs.get(&code.name);
        // Taken away by them, untouched by us: gone.
        !(before == Some(code) && after.is_none())
    });
    for code in &mut merged.codes {
        if let (Some(before), Some(after)) = (base.get(&code.name), theirs.get(&code.name))
            && after != before
            && after != code
        {
            if code == before {
                *code = after.clone();
            } else {
                conflicts.push(format!("code {}", code.name));
            }
        }
    }
    let added: Vec<_> = theirs
        .codes
        .iter()
        .filter(|c| base.get(&c.name).is_none() && ours.get(&c.name).is_none())
        .cloned()
        .collect();
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    let only_added = merged.codes == ours.codes;
    merged.codes.extend(added.iter().cloned());
    if only_added {
        let mut text = mine.to_owned();
        for code in &added {
            text = with_code_added(&text, code).map_err(|why| vec![why])?;
        }
        return Ok(text);
    }
    if let Some((at, why, _)) = crate::yaml::unkeepable(mine) {
        return Err(vec![format!("the codebook ({why}, line {})", at.line)]);
    }
    Ok(merged.to_yaml())
}

/// Git's own line merge, for a file that is not a note: taken only when it is clean.
fn line_merge(was: &str, mine: &str, other: &str) -> std::result::Result<String, Conflicts> {
    let dir = tempfile::tempdir().map_err(|e| vec![e.to_string()])?;
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).map(|_| path)
    };
    let files = (
        write("base", was),
        write("ours", mine),
        write("theirs", other),
    );
    let (Ok(base), Ok(ours), Ok(theirs)) = files else {
        return Err(vec!["the file".into()]);
    };
    let output = std::process::Command::new("git")
        .arg("merge-file")
        .arg("-p")
        .args([&ours, &base, &theirs])
        .output()
        .map_err(|e| vec![e.to_string()])?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(vec!["lines both sides changed".into()])
    }
}

/// The program git runs as the driver: this one, where it is installed, so it works without
/// being on PATH; a program that embeds the library under another name (a test) leaves git
/// to find `fieldnotes` on PATH.
fn program() -> Option<String> {
    std::env::current_exe()
        .ok()
        .filter(|exe| {
            exe.file_stem()
                .is_some_and(|name| name.to_string_lossy().starts_with("fieldnotes"))
        })
        .map(|exe| exe.to_string_lossy().into_owned())
}

/// Whether this clone's git configuration names the driver.
pub fn installed(repo: &Repo) -> bool {
    repo.git(&["config", "--get", "merge.fieldnotes.driver"])
        .is_ok_and(|ran| ran.ok)
}

/// Sets the driver up for this repository: the attribute in the notebook's `.gitattributes`
/// (shared with the team, through the one way notebook files are written) and the command in
/// the repository's own configuration (each clone's, as git wants it).
pub fn install(repo: &Repo, notebook: &Notebook, notice: &dyn Fn(&str)) -> Result<()> {
    let attributes = notebook.root.join(".gitattributes");
    notebook.change(&attributes, notice, |bytes| {
        let text = String::from_utf8_lossy(bytes.unwrap_or_default()).into_owned();
        if text.lines().any(|l| l.trim() == ATTRIBUTE) {
            return Ok(None);
        }
        let mut text = text;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTE);
        text.push('\n');
        Ok(Some(text.into_bytes()))
    })?;
    let set = repo.git(&["config", "--get", "merge.fieldnotes.driver"])?;
    // fieldnotes run under another name (a program embedding it) keeps a driver already set.
    let program = match program() {
        Some(program) => program,
        None if set.ok => return Ok(()),
        None => "fieldnotes".to_owned(),
    };
    let driver = format!(
        "'{}' merge-driver %O %A %B %P",
        program.replace('\'', r"'\''")
    );
    if set.stdout.trim() != driver {
        repo.git(&[
            "config",
            "merge.fieldnotes.name",
            "fieldnotes: notes field by field",
        ])?;
        repo.git(&["config", "merge.fieldnotes.driver", &driver])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(base: &str, ours: &str, theirs: &str) -> (tempfile::TempDir, [std::path::PathBuf; 3]) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let paths = ["base", "ours", "theirs"].map(|n| dir.path().join(n));
        for (path, text) in paths.iter().zip([base, ours, theirs]) {
            std::fs::write(path, text).expect("write");
        }
        (dir, paths)
    }

    #[test]
    fn a_version_too_large_to_read_is_never_overwritten() {
        let big = format!(
            "kind: interview\ntitle: Long\ndate: 2024-05-02\nbody: {}\n",
            "x".repeat(6 << 20)
        );
        let small = "kind: interview\ntitle: Long\ndate: 2024-05-02\n";
        let (_dir, [base, ours, theirs]) = files(small, &big, small);
        let merged = merge_file(&base, &ours, &theirs, "a/2024-05-02-long.yaml").expect("ran");
        assert!(matches!(merged, Merged::Conflict(_)), "{merged:?}");
        assert_eq!(std::fs::read_to_string(&ours).expect("read"), big);
    }

    #[test]
    fn independent_changes_are_written_into_ours_with_its_comments() {
        let base = "kind: interview\ntitle: Gate\ndate: 2024-05-02\n";
        let ours = "kind: interview  # asked twice\ntitle: Ticket gate\ndate: 2024-05-02\n";
        let theirs = "kind: interview\ntitle: Gate\ndate: 2024-05-02\nplace: Shibuya\n";
        let (_dir, [b, o, t]) = files(base, ours, theirs);
        assert_eq!(
            merge_file(&b, &o, &t, "2024-05-02-gate.yaml").expect("ran"),
            Merged::Clean
        );
        assert_eq!(
            std::fs::read_to_string(&o).expect("read"),
            "kind: interview  # asked twice\ntitle: Ticket gate\ndate: 2024-05-02\nplace: Shibuya\n"
        );
    }
}
