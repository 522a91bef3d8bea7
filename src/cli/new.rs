//! `new`: write a note from a template, in the user's editor, keeping the text whatever happens.

use std::path::{Path, PathBuf};

use clap::Args;

use super::editor::{confirm, edit};
use super::output::{say, warn};
use super::{Context, EXIT_OK, EXIT_PROBLEMS};
use crate::error::{Error, Result};
use crate::note::{self, Draft, NoteDate};
use crate::notebook::{Notebook, Origin, UserConfig, store};
use crate::safe;

/// Arguments of `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// interview, observation, meeting, social, insight, or a kind the notebook adds.
    #[arg(add = super::complete::kinds())]
    kind: String,
    /// One line that says what happened.
    #[arg(long, short)]
    title: Option<String>,
    /// When (YYYY-MM-DD or YYYY-MM-DDTHH:MM[+HH:MM]); default: now.
    #[arg(long, value_parser = |s: &str| NoteDate::parse(s))]
    date: Option<NoteDate>,
    /// The study it belongs to.
    #[arg(long, short, add = super::complete::studies())]
    study: Option<String>,
    /// Where it happened.
    #[arg(long, short)]
    place: Option<String>,
    /// A participant's pseudonym (repeat for several).
    #[arg(long = "participant", value_name = "ALIAS")]
    participants: Vec<String>,
    /// A topic tag (repeat for several).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// A why-code for the whole note (repeat for several).
    #[arg(long = "why", value_name = "CODE", add = super::complete::codes())]
    why: Vec<String>,
    /// Who records it (default: `researcher` in the user's config.yaml).
    #[arg(long)]
    researcher: Option<String>,
    /// The folder inside the notebook (default: the study's folder if there is one, else the root).
    #[arg(long, value_name = "FOLDER")]
    dir: Option<PathBuf>,
    /// Write the note as given, without opening an editor (needs --title).
    #[arg(long, requires = "title")]
    no_edit: bool,
}

/// Writes the note and prints its path on stdout.
pub fn run(args: NewArgs, context: &Context) -> Result<u8> {
    if !args.no_edit {
        super::editor::editor_can_run()?;
    }
    let notebook = open_or_create(context)?;
    let (settings, problems) = notebook.settings();
    // A broken fieldnotes.yaml loses its `kinds:`; say why before "not a kind" confuses.
    for problem in &problems {
        warn(problem);
    }
    if !settings.kinds().contains(&args.kind.as_str()) {
        return Err(Error::usage(
            format!("`{}` is not a kind of note in this notebook", args.kind),
            format!(
                "use one of: {} (or add it under `kinds:` in fieldnotes.yaml)",
                safe::line(&settings.kinds().join(", "))
            ),
        ));
    }
    let dir = match &args.dir {
        Some(dir) => Some(store::folder_inside(&notebook.root, dir)?),
        None => None,
    };
    let draft = Draft {
        researcher: args
            .researcher
            .clone()
            .or_else(|| UserConfig::load(&context.dirs.config).researcher),
        kind: args.kind,
        title: args.title,
        date: args.date,
        study: args.study,
        place: args.place,
        participants: args.participants,
        tags: note::once(args.tags),
        why: note::once(args.why),
    };
    let template = note::template(&draft);
    if args.no_edit {
        let parsed = note::parse(&template);
        let Some(note) = parsed.note else {
            return Err(Error::invalid(
                "a note written with --no-edit needs a title",
                "add --title 'what happened'",
            ));
        };
        let folder = folder_for(&notebook, dir.as_deref(), note.study.as_deref())?;
        let path = notebook.write_note(&folder, &note, None, &super::notice)?;
        say(safe::line(&path.to_string_lossy()))?;
        return Ok(EXIT_OK);
    }
    edit_until_valid(&notebook, dir.as_deref(), &template, context)
}

/// The folder asked for with `--dir`, else that of the study the note was written with (the
/// editor may have changed it).
fn folder_for(notebook: &Notebook, dir: Option<&Path>, study: Option<&str>) -> Result<PathBuf> {
    match dir {
        Some(dir) => Ok(dir.to_path_buf()),
        None => notebook.study_folder(study, &super::notice),
    }
}

/// The notebook to write into; the default notebook is created on first use.
fn open_or_create(context: &Context) -> Result<Notebook> {
    let (root, origin) = context.find()?;
    if origin == Origin::Default && !root.join(crate::notebook::SETTINGS_FILE).exists() {
        super::init::init(&root, Some("Field notes"))?;
        warn(format!(
            "created the default notebook in {}",
            safe::line(&root.to_string_lossy())
        ));
    }
    Notebook::open(&root)
}

fn edit_until_valid(
    notebook: &Notebook,
    dir: Option<&Path>,
    template: &str,
    context: &Context,
) -> Result<u8> {
    let drafts = context.dirs.drafts();
    std::fs::create_dir_all(&drafts).map_err(|e| Error::io("cannot create", &drafts, e))?;
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let draft_path = drafts.join(format!("{stamp}-{}.yaml", std::process::id()));
    crate::notebook::write_atomic(&draft_path, template.as_bytes(), false)?;
    loop {
        edit(&draft_path)?;
        let text = std::fs::read_to_string(&draft_path)
            .map_err(|e| Error::io("cannot read", &draft_path, e))?;
        if text == template {
            let _ = std::fs::remove_file(&draft_path);
            warn("the template was left unchanged: no note written");
            return Ok(EXIT_OK);
        }
        let parsed = note::parse(&text);
        if let Some(note) = &parsed.note {
            // The user's own text is kept when the canonical form would lose some of it
            // (comments, a number's spelling); otherwise the blank template keys are dropped
            // by writing the canonical form.
            let keep_as_typed = crate::yaml::unkeepable(&text).is_some();
            let body = if keep_as_typed {
                text.clone()
            } else {
                note.to_yaml()
            };
            let folder = folder_for(notebook, dir, note.study.as_deref())?;
            let path = notebook.write_new(
                &folder,
                (&note.title, &note.date, &note.kind),
                &body,
                None,
                &super::notice,
            )?;
            let _ = std::fs::remove_file(&draft_path);
            say(safe::line(&path.to_string_lossy()))?;
            return Ok(EXIT_OK);
        }
        for problem in &parsed.problems {
            warn(problem.clone().in_file(&draft_path));
        }
        if confirm("The note has errors. Open it again to fix them?", true) {
            continue;
        }
        // Keep the words in the notebook, where `check` will point at what to fix.
        let title = crate::yaml::parse(&text)
            .ok()
            .and_then(|n| title_of(&n))
            .unwrap_or_default();
        let folder = dir.unwrap_or(&notebook.root);
        let path = notebook.write_new(
            folder,
            (&title, &NoteDate::now(), "note"),
            &text,
            None,
            &super::notice,
        )?;
        let _ = std::fs::remove_file(&draft_path);
        let path = safe::line(&path.to_string_lossy());
        warn(format!(
            "saved as it is in {path}: `fieldnotes check` shows what to fix"
        ));
        say(path)?;
        return Ok(EXIT_PROBLEMS);
    }
}

fn title_of(node: &crate::yaml::Node) -> Option<String> {
    let crate::yaml::Value::Map(entries) = &node.value else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.name == "title")
        .and_then(|(_, v)| v.value.scalar_text())
}
