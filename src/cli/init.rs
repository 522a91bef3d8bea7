//! `init`: make a folder a notebook.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::Args;

use super::output::warn;
use super::{Context, EXIT_OK};
use crate::codebook::CODEBOOK_FILE;
use crate::error::{Error, Result};
use crate::notebook::{Notebook, SETTINGS_FILE};
use crate::safe;

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder (created if missing; default: the current folder).
    dir: Option<PathBuf>,
    /// A name for the notebook (default: the folder's name).
    #[arg(long)]
    name: Option<String>,
}

const STARTER_CODEBOOK: &str = "codes:
  - name: autonomy
    description: Wants to decide for themselves what, when and how
    color: \"#46AA00\"
  - name: convenience
    description: Wants it with less effort, time or planning
    color: \"#1F77B4\"
  - name: trust
    description: Needs to believe the product, the seller or the claim before acting
    color: \"#FF7F0E\"
  - name: belonging
    description: Wants to be part of a group, or to be seen as part of it
    color: \"#9467BD\"
  - name: control-of-cost
    description: Watches what it costs in money, and what happens if it goes wrong
    color: \"#8C564B\"
  - name: self-image
    description: Acts to be, or to look like, the person they want to be
    color: \"#E377C2\"
";

const GITIGNORE: &str = "# fieldnotes writes through temporary files; never commit a leftover one\n.fieldnotes-tmp/\n.fieldnotes-*.tmp\n";

/// Creates `fieldnotes.yaml`, a starter codebook and a `.gitignore`, and runs `git init`
/// when git is installed and the folder is not already in a repository. Existing files are
/// left as they are.
pub fn run(args: InitArgs, context: &Context) -> Result<u8> {
    // `init .` names the folder itself, not `folder/.`.
    let dir: std::path::PathBuf = context
        .cwd
        .join(args.dir.unwrap_or_default())
        .components()
        .collect();
    if dir.join(SETTINGS_FILE).exists()
        && let Ok(Some(repo)) = crate::git::Repo::open(&dir, true)
        && !crate::git::driver::installed(&repo)
    {
        // A clone of a shared notebook: what git keeps per clone is what is missing.
        let notebook = Notebook { root: dir.clone() };
        crate::git::driver::install(&repo, &notebook, &super::notice)?;
        warn(format!(
            "{} is already a notebook; this clone is now set up so that a `git pull` or \
             `git merge` by hand merges notes field by field, as `fieldnotes sync` does",
            safe::line(&dir.to_string_lossy())
        ));
        return Ok(EXIT_OK);
    }
    init(&dir, args.name.as_deref())?;
    warn(format!(
        "Notebook ready in {}. Next: fieldnotes new interview",
        safe::line(&dir.to_string_lossy())
    ));
    Ok(EXIT_OK)
}

/// Makes `dir` a notebook (see [`run`]).
pub fn init(dir: &Path, name: Option<&str>) -> Result<()> {
    if dir.join(SETTINGS_FILE).exists() {
        return Err(Error::invalid(
            format!("{} is already a notebook", dir.display()),
            "nothing to do: `fieldnotes check` tells whether it is in good shape",
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    let name = name.map(str::to_owned).unwrap_or_else(|| {
        let folder = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Field notes".into())
    });
    let settings = crate::notebook::Settings {
        name: Some(name),
        language: Some("en".into()),
        ..Default::default()
    };
    let settings =
        crate::yaml::to_canonical_string(&settings).unwrap_or_else(|_| "language: en\n".into());
    write_new(dir, SETTINGS_FILE, &settings)?;
    write_new(dir, CODEBOOK_FILE, STARTER_CODEBOOK)?;
    write_new(dir, ".gitignore", GITIGNORE)?;
    if git_available() && !inside_git(dir) {
        let status = Command::new("git")
            .args(["init", "-q"])
            .current_dir(dir)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            warn(format!(
                "note: `git init` failed in {}; the notebook works without git",
                safe::line(&dir.to_string_lossy())
            ));
        }
    }
    // Notes merge field by field from the first pull on, by hand or by `sync`.
    if let Ok(Some(repo)) = crate::git::Repo::open(dir, true) {
        let notebook = Notebook {
            root: dir.to_path_buf(),
        };
        crate::git::driver::install(&repo, &notebook, &super::notice)?;
    }
    Ok(())
}

fn write_new(dir: &Path, name: &str, text: &str) -> Result<()> {
    let path = dir.join(name);
    if path.exists() {
        warn(format!(
            "kept the existing {}",
            safe::line(&path.to_string_lossy())
        ));
        return Ok(());
    }
    // Not yet a notebook, but written the way every notebook file is.
    let notebook = Notebook {
        root: dir.to_path_buf(),
    };
    notebook.create(&super::notice, text.as_bytes(), || Ok(path))?;
    Ok(())
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn inside_git(dir: &Path) -> bool {
    Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
