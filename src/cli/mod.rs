//! The command line: argument definitions, notebook discovery and dispatch. Data goes to
//! stdout, messages and errors to stderr.

mod board;
mod check;
mod codes;
mod complete;
pub(crate) mod editor;
mod export;
mod history;
mod import;
pub(crate) mod init;
mod list;
mod matrix;
mod new;
mod output;
mod recode;
mod resolve;
mod rm;
mod search;
mod split;
mod sync;
mod tag;

pub use output::plural;
pub use search::wants_colour;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::dirs::Dirs;
use crate::error::{Error, Result};
use crate::notebook::{self, Notebook, Origin};

/// Exit code: the command did its job and found nothing wrong.
pub const EXIT_OK: u8 = 0;
/// Exit code: the command ran but found problems (`check` errors, `fmt --check` differences,
/// notes it could not rewrite, a new note left invalid).
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: the command line itself was wrong.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the command could not do its job (no notebook, no such note, a file that
/// cannot be read or written).
pub const EXIT_FAILURE: u8 = 3;

const EXIT_CODES: &str =
    "Exit codes: 0 success · 1 problems found · 2 wrong usage · 3 could not do the job";

/// A terminal notebook for qualitative customer research.
#[derive(Debug, Parser)]
#[command(name = "fieldnotes", version, about, after_help = EXIT_CODES, after_long_help = ROOT_HELP)]
pub struct Cli {
    /// The notebook folder (default: FIELDNOTES_NOTEBOOK, else the folder holding
    /// fieldnotes.yaml at or above the current one, else the default notebook)
    #[arg(long, short = 'C', global = true, value_name = "DIR")]
    pub notebook: Option<PathBuf>,

    /// What to do; without one, an overview of the notebook.
    #[command(subcommand)]
    pub command: Option<Command>,
}

const ROOT_HELP: &str = "Examples:
  fieldnotes --notebook research          overview of the sample notebook
  fieldnotes new interview --title 'Teen with a boombox'
  fieldnotes list --why private-soundtrack --since 1979-01-01
  fieldnotes check

Exit codes: 0 success · 1 problems found · 2 wrong usage · 3 could not do the job";

const TAG_HELP: &str = "Only the list of codes changes in the file: comments, unknown keys and
the rest stay as written. Codes must be in codebook.yaml, or are added to it with --new.

Examples:
  fieldnotes tag 1979-03-14-teen-boombox-shibuya social-courtesy
  fieldnotes tag 1979-03-14-teen-boombox-shibuya --finding 1 private-soundtrack portability";

const UNTAG_HELP: &str = "Only the list of codes changes in the file.

Examples:
  fieldnotes untag 1979-03-14-teen-boombox-shibuya social-courtesy
  fieldnotes untag 1979-03-14-teen-boombox-shibuya --finding 1 portability";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a folder a notebook: settings, a starter codebook, .gitignore, git.
    #[command(
        after_help = "Examples:\n  fieldnotes init                 the current folder\n  fieldnotes init ~/research/street --name 'Street study'"
    )]
    Init(init::InitArgs),
    /// Write a new note from a template, in your editor unless --no-edit.
    #[command(
        after_help = "Examples:\n  fieldnotes new interview --place 'Shibuya crossing' --participant P07\n  fieldnotes new observation --title 'Queue at the photo counter' --why trust --no-edit\n  fieldnotes new insight --dir insights"
    )]
    New(new::NewArgs),
    /// List notes, newest first, with filters.
    #[command(
        after_help = "Examples:\n  fieldnotes list --kind interview --study portable-music\n  fieldnotes list --why autonomy          (also finds its sub-codes)\n  fieldnotes list --since 2024-01-01 --until 2024-03-31 --json"
    )]
    List(list::ListArgs),
    /// Show one note.
    #[command(
        after_help = "Examples:\n  fieldnotes show 1979-03-14-teen-boombox-shibuya\n  fieldnotes show 1979-03-14-teen-boombox-shibuya --json | jq .findings"
    )]
    Show(list::ShowArgs),
    /// Report every problem in every file, with file:line:column and a hint.
    #[command(
        after_help = "Examples:\n  fieldnotes check\n  fieldnotes check --json\n\nExits with 1 when there are errors (warnings alone exit 0)."
    )]
    Check(check::CheckArgs),
    /// Rewrite notes in the canonical form (or, with --check, list those that are not).
    #[command(
        after_help = "Examples:\n  fieldnotes fmt --check\n  fieldnotes fmt\n\nNotes with YAML comments are not rewritten (the comments would be lost); fmt says which."
    )]
    Fmt(check::FmtArgs),
    /// Add why-codes to a note, or with --finding N to one of its findings.
    #[command(after_help = TAG_HELP)]
    Tag(tag::TagArgs),
    /// Take why-codes off a note, or with --finding N off one of its findings.
    #[command(after_help = UNTAG_HELP)]
    Untag(tag::TagArgs),
    /// Remove notes, asking first; git or a trash folder keeps them.
    #[command(
        after_help = "Examples:\n  fieldnotes rm 2024-05-02-gate\n  fieldnotes rm 2024-05-02-gate 2024-05-03-queue --yes\n\nA note git has committed unchanged is deleted (git restore brings it back); any other\nis moved to the trash folder in your data directory, and rm says where."
    )]
    Rm(rm::RmArgs),
    /// Share the notebook with the team through git: save, take theirs, share yours.
    #[command(
        after_help = "Examples:\n  fieldnotes sync\n  fieldnotes sync --message 'Shibuya, day 2'\n  fieldnotes sync --no-push\n\nYour notes' changes are committed, the team's taken (merged, never rebased or forced),\nand yours pushed. Exits with 1 when something is left to do: offline, a conflict, a file\nheld back."
    )]
    Sync(sync::SyncArgs),
    /// Every version of a note git keeps: who changed which fields and when; show, compare or bring one back.
    #[command(
        after_help = "Examples:\n  fieldnotes history 2024-05-02-gate\n  fieldnotes history 2024-05-02-gate --show a1b2c3d\n  fieldnotes history 2024-05-02-gate --diff a1b2c3d\n  fieldnotes history 2024-05-02-gate --restore a1b2c3d\n\nA version brought back is a new change; the versions since stay in the history."
    )]
    History(history::HistoryArgs),
    /// The conflicts a sync set aside: list them with both values, or settle them field by field.
    #[command(
        after_help = "Examples:\n  fieldnotes resolve\n  fieldnotes resolve 2024-05-02-gate --theirs\n  fieldnotes resolve 2024-05-02-gate --both --field 'finding 1 quote'\n\nThen `fieldnotes sync` shares what you chose."
    )]
    Resolve(resolve::ResolveArgs),
    /// Merge git's three versions of a notebook file (git runs this as the merge driver).
    #[command(hide = true)]
    MergeDriver(sync::DriverArgs),
    /// What a sync would do now: changes to save, commits to share and to take.
    #[command(after_help = "Examples:\n  fieldnotes status\n  fieldnotes status --json")]
    Status(sync::StatusArgs),
    /// The codebook as a tree, with how many notes, findings and participants use each code.
    #[command(
        after_help = "Examples:\n  fieldnotes codes\n  fieldnotes codes --json\n\nCounts include sub-codes."
    )]
    Codes(codes::CodesArgs),
    /// The why board: every code with how much it is used, or one code's evidence wall.
    #[command(
        after_help = "Examples:\n  fieldnotes board\n  fieldnotes board private-soundtrack\n  fieldnotes board trust study:photo-store after:2023 --group study\n  fieldnotes board belonging --format md > belonging.md\n  fieldnotes board --json kind:interview\n\nA first word that is a why-code picks the code; the rest is a query, as `search` takes it."
    )]
    Board(board::BoardArgs),
    /// Codes against participants, studies, places, researchers, kinds or each other.
    #[command(
        after_help = "Examples:\n  fieldnotes matrix --cols participants\n  fieldnotes matrix --cols codes --top\n  fieldnotes matrix --cols studies after:2008 --csv > codes-by-study.csv"
    )]
    Matrix(matrix::MatrixArgs),
    /// Notes out: a Markdown report, a spreadsheet, JSON; personal data out with --redact.
    #[command(
        after_help = "Examples:\n  fieldnotes export --format md -o report.md\n  fieldnotes export --format csv study:quiet-carriage > findings.csv\n  fieldnotes export --format csv --per-code -o exports/\n  fieldnotes export --format json --redact kind:interview\n\nThe words after the options are a query, as `search` takes it."
    )]
    Export(export::ExportArgs),
    /// Work from other tools in: a REFI-QDA codebook's codes added to the codebook.
    #[command(
        after_help = "Examples:\n  fieldnotes import colleague.qdc\n  fieldnotes import colleague.qdc --dry-run\n\nCodes the codebook has already are left as they are; the others are added with their place in the tree, colour and description."
    )]
    Import(import::ImportArgs),
    /// Find notes: words, "phrases", OR, -word, why:, #tag, kind:, study:, place:, by:, who:, dates.
    #[command(after_help = search::QUERY_HELP)]
    Search(search::SearchArgs),
    /// Bring the search index up to date (every command does this itself), or rebuild it.
    #[command(
        after_help = "Examples:\n  fieldnotes index\n  fieldnotes index --rebuild\n\nThe index lives in your cache folder, never in the notebook, and is safe to delete."
    )]
    Index(search::IndexArgs),
    /// Keep the search index current as files change, so searches in a large notebook need
    /// not check every file. Runs until stopped.
    #[command(
        after_help = "Examples:\n  fieldnotes watch                in a spare terminal or tmux window\n  fieldnotes watch &              in the background\n\nWithout a watcher every search checks each note file's size and times, which is\nalways correct and takes about a quarter of a second per 100,000 notes."
    )]
    Watch(search::WatchArgs),
    /// Print the shell code that completes ids, codes, kinds and studies from the notebook.
    #[command(
        after_help = "Examples:\n  echo 'source <(fieldnotes completions bash)' >> ~/.bashrc\n  echo 'source <(fieldnotes completions zsh)' >> ~/.zshrc\n\nIds, why-codes, kinds and studies are completed from the notebook as Tab is pressed."
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// What every command needs to know about the world it runs in.
pub struct Context {
    /// The user's directories.
    pub dirs: Dirs,
    /// The current folder.
    pub cwd: PathBuf,
    /// `--notebook`.
    pub notebook_flag: Option<PathBuf>,
    /// `FIELDNOTES_NOTEBOOK`.
    pub notebook_env: Option<PathBuf>,
}

impl Context {
    /// The notebook to work on, which must exist; a change a killed command left half made
    /// is undone first, and said on stderr.
    pub fn notebook(&self) -> Result<Notebook> {
        let notebook = self.notebook_as_is()?;
        // Undone before anything reads the notes.
        if let Err(e) = notebook.recover(&notice) {
            notice(&format!("fieldnotes: {e}"));
        }
        Ok(notebook)
    }

    /// The notebook to work on, as it is: for the UI, which undoes a change cut short itself
    /// and says so on its own screen.
    pub fn notebook_as_is(&self) -> Result<Notebook> {
        let (root, origin) = self.find()?;
        if origin == Origin::Default && !root.join(notebook::SETTINGS_FILE).is_file() {
            return Err(Error::NoNotebook {
                // In the order `find_root` looks.
                where_: format!(
                    "(no --notebook, no FIELDNOTES_NOTEBOOK, no fieldnotes.yaml in {} or a folder \
                     above it, no default notebook at {})",
                    self.cwd.display(),
                    root.display()
                ),
            });
        }
        Notebook::open(&root)
    }

    fn find(&self) -> Result<(PathBuf, Origin)> {
        notebook::find_root(
            self.notebook_flag.as_deref(),
            self.notebook_env.as_deref(),
            &self.cwd,
            &self.dirs.default_notebook(),
        )
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    crate::memory::fewer_arenas();
    // While the shell asks for completions (`COMPLETE` set), this answers and exits.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .bin("fieldnotes")
        .complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_OK
            });
        }
    };
    let context = Context {
        dirs: Dirs::from_env(),
        cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        notebook_flag: cli.notebook.clone(),
        notebook_env: std::env::var_os("FIELDNOTES_NOTEBOOK").map(PathBuf::from),
    };
    match run(cli.command, &context) {
        Ok(code) => ExitCode::from(code),
        // A reader that stopped reading (`| head`) is not a failure to report.
        Err(Error::Io { reason, .. }) if reason.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(EXIT_OK)
        }
        Err(error) => {
            let code = match error {
                Error::Usage { .. } => EXIT_USAGE,
                _ => EXIT_FAILURE,
            };
            output::report(error);
            ExitCode::from(code)
        }
    }
}

/// Runs one command; `Ok` carries the exit code.
pub fn run(command: Option<Command>, context: &Context) -> Result<u8> {
    match command {
        None if interactive() => crate::tui::run(context),
        None => list::overview(context),
        Some(Command::Init(args)) => init::run(args, context),
        Some(Command::New(args)) => new::run(args, context),
        Some(Command::List(args)) => list::list(args, context),
        Some(Command::Show(args)) => list::show(args, context),
        Some(Command::Check(args)) => check::check(args, context),
        Some(Command::Fmt(args)) => check::fmt(args, context),
        Some(Command::Codes(args)) => codes::run(args, context),
        Some(Command::Tag(args)) => tag::run(args, true, context),
        Some(Command::Untag(args)) => tag::run(args, false, context),
        Some(Command::Rm(args)) => rm::run(args, context),
        Some(Command::Sync(args)) => sync::run(args, context),
        Some(Command::Status(args)) => sync::status(args, context),
        Some(Command::History(args)) => history::run(args, context),
        Some(Command::Resolve(args)) => resolve::run(args, context),
        Some(Command::Board(args)) => board::run(args, context),
        Some(Command::Matrix(args)) => matrix::run(args, context),
        Some(Command::Export(args)) => export::run(args, context),
        Some(Command::Import(args)) => import::run(args, context),
        Some(Command::MergeDriver(args)) => sync::driver(args),
        Some(Command::Search(args)) => search::search(args, context),
        Some(Command::Index(args)) => search::index(args, context),
        Some(Command::Watch(args)) => search::watch(args, context),
        Some(Command::Completions { shell }) => {
            completions(shell)?;
            Ok(EXIT_OK)
        }
    }
}

/// Tells the person at the terminal, on stderr, one line on what a command is doing (waiting
/// for another writer, building the index).
pub fn notice(line: &str) {
    output::warn(crate::safe::line(line));
}

/// Whether a person is at the terminal: the UI needs both a keyboard and a screen; otherwise
/// `fieldnotes` alone prints the overview, which scripts and pipes can read.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Prints the shell code that asks `fieldnotes` itself for completions, so that ids, codes,
/// kinds and studies come from the notebook at the moment Tab is pressed.
fn completions(shell: clap_complete::Shell) -> Result<()> {
    let name = shell.to_string();
    let builtins = clap_complete::env::Shells::builtins();
    let Some(shell) = builtins.completer(&name) else {
        return Err(Error::usage(
            format!("fieldnotes cannot complete in {name}"),
            "use bash, zsh, fish, elvish or powershell",
        ));
    };
    let mut script = Vec::new();
    shell
        .write_registration(
            "COMPLETE",
            "fieldnotes",
            "fieldnotes",
            "fieldnotes",
            &mut script,
        )
        .map_err(|e| Error::io("cannot write", "standard output", e))?;
    output::say(String::from_utf8_lossy(&script).trim_end())
}
