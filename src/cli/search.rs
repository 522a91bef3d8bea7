//! `search` and `index`: finding notes through the notebook's search index, which every
//! command brings up to date with the files first.

use std::io::{self, IsTerminal, Write};
use std::ops::Range;
use std::time::Instant;

use clap::Args;

use super::list::stdout_error;
use super::output::{plural, print_json, report, say, warn};
use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::error::Result;
use crate::index::{Hit, Refresh, SearchIndex, Sort};
use crate::query::{self, Mode};
use crate::safe;

/// Arguments of `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", OR, -word, and filters (see below). Several arguments are
    /// joined with spaces.
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    /// Print JSON (matched words as byte ranges) instead of text.
    #[arg(long)]
    json: bool,
    /// Show at most this many notes.
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    limit: u64,
    /// Best match first, or newest first.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    sort: Sort,
}

/// Arguments of `index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Build the index again from every file, instead of reading only what changed.
    #[arg(long)]
    rebuild: bool,
}

/// The query language, for `search --help` and the README.
pub const QUERY_HELP: &str = "\
Query language:
  photo walk            notes with every word (any form: walks, walking), best first;
                        title and quotes count most
  \"tape deck\"           the exact phrase
  walkman OR boombox    either word
  -gift                 leave out notes with the word (also -\"a phrase\", -why:price)
  why:trust             notes coded trust or any code below it in the codebook
  #commute  tag:commute tagged commute
  kind:interview  study:portable-music  place:shibuya  by:aiko  who:P07
  on:2024-03            on a day, in a month or a year (YYYY, YYYY-MM, YYYY-MM-DD)
  after:2024-03         after the whole period (from 2024-04-01)
  before:2024           before the period (up to 2023-12-31)
  date:2024-01..2024-03 from the start of the first period to the end of the last
Words in Japanese or Chinese are found as typed. When no note has the exact words,
near spellings are shown instead, and the output says so. Quote a query that holds a
-word (the shell would pass it as an option), or put -- before the query.

Examples:
  fieldnotes search photo walks trust
  fieldnotes search 'boombox -train'
  fieldnotes search --limit 5 -- walkman OR boombox -gift
  fieldnotes search '\"shift's soundtrack\"' --json
  fieldnotes search why:belonging kind:interview after:2008 --sort date
  fieldnotes search 私だけのもの";

/// Searches the notebook and prints the best notes.
pub fn search(args: SearchArgs, context: &Context) -> Result<u8> {
    let text = args.query.join(" ");
    let query = match query::parse(&text, Mode::Strict) {
        Ok(query) => query,
        Err(error) => {
            report(error);
            return Ok(EXIT_USAGE);
        }
    };
    let limit = usize::try_from(args.limit).unwrap_or(usize::MAX);
    let notebook = context.notebook()?;
    let (index, refresh) = SearchIndex::open(&notebook, &context.dirs.cache, &super::notice)?;
    let results = match index.search(&query, args.sort, limit) {
        Ok(results) => results,
        // Damage that only shows when a part of the index is read: build it again, once.
        Err(e) => {
            let why = crate::index::damage(&e).ok_or(e)?;
            drop(index);
            let (index, _) =
                SearchIndex::rebuild(&notebook, &context.dirs.cache, &super::notice, &why)?;
            index.search(&query, args.sort, limit)?
        }
    };
    if args.json {
        print_json(&results).map_err(stdout_error)?;
    } else {
        let colour = wants_colour(io::stdout().is_terminal(), std::env::var_os("NO_COLOR"));
        let mut out = io::stdout().lock();
        for hit in &results.hits {
            write_hit(&mut out, hit, colour).map_err(stdout_error)?;
        }
    }
    if results.near {
        warn("No note has these exact words; these have near spellings.");
    }
    match results.total {
        0 => warn("No notes match."),
        n if n > results.hits.len() => warn(format!(
            "{} match; showing the first {} (--limit to see more).",
            plural(n, "note"),
            results.hits.len()
        )),
        _ => {}
    }
    report_broken(&refresh);
    Ok(EXIT_OK)
}

/// Brings the index up to date, or builds it again, and says what it did.
pub fn index(args: IndexArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    let started = Instant::now();
    let (index, refresh) = if args.rebuild {
        SearchIndex::rebuild(&notebook, &context.dirs.cache, &super::notice, "as asked")?
    } else {
        SearchIndex::open(&notebook, &context.dirs.cache, &super::notice)?
    };
    let seconds = started.elapsed().as_secs_f64();
    let what = if refresh.watched {
        "kept current by `fieldnotes watch`".to_string()
    } else if refresh.rebuilt {
        format!("built from {}", plural(refresh.read, "file"))
    } else if refresh.read + refresh.removed == 0 && refresh.rechecked > 0 {
        format!(
            "already current ({} touched but unchanged)",
            plural(refresh.rechecked, "file")
        )
    } else if refresh.read + refresh.removed == 0 {
        "already current".to_string()
    } else {
        format!(
            "{} read ({} new), {} removed",
            plural(refresh.read, "file"),
            refresh.added,
            refresh.removed
        )
    };
    say(format!(
        "Search index {what} in {seconds:.2} s: {} at {}",
        plural(refresh.notes, "note"),
        index.folder().display()
    ))?;
    report_broken(&refresh);
    Ok(EXIT_OK)
}

/// Arguments of `watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {}

/// Keeps the index current until stopped, so searches need not look at every file.
pub fn watch(_args: WatchArgs, context: &Context) -> Result<u8> {
    let notebook = context.notebook()?;
    #[cfg(unix)]
    {
        crate::index::watch::serve(&notebook, &context.dirs.cache, &super::notice)?;
        Ok(EXIT_OK)
    }
    #[cfg(not(unix))]
    {
        let _ = notebook;
        Err(crate::error::Error::Invalid {
            message: "`fieldnotes watch` works on Linux, macOS and other Unix systems only".into(),
            help: Some("searches check the files themselves, which is always correct".into()),
        })
    }
}

fn report_broken(refresh: &Refresh) {
    super::list::report_left_out(refresh.broken);
}

/// Whether to colour output: only for a person at a terminal who has not asked for none
/// (no-color.org: any non-empty NO_COLOR).
pub fn wants_colour(terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty())
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// One result: the title with its date, kind and codes; the id; the passage that matched.
fn write_hit(out: &mut impl Write, hit: &Hit, colour: bool) -> io::Result<()> {
    let paint = |code: &'static str| if colour { code } else { "" };
    let title = marked(
        &hit.title,
        &hit.title_marks,
        paint(MATCH),
        paint(RESET),
        paint(BOLD),
        safe::line,
    );
    // The day and time are enough to place a note; the offset stays in the file.
    let when: String = hit
        .date
        .chars()
        .take(16)
        .collect::<String>()
        .replace('T', " ");
    let mut facts = vec![when, hit.kind.clone()];
    if !hit.why.is_empty() {
        facts.push(hit.why.join(", "));
    }
    writeln!(
        out,
        "{}{title}{}  {}",
        paint(BOLD),
        paint(RESET),
        safe::line(&facts.join(" · "))
    )?;
    writeln!(
        out,
        "  {}{}{}",
        paint(DIM),
        safe::line(&hit.id),
        paint(RESET)
    )?;
    if let Some(snippet) = &hit.snippet {
        let text = marked(
            &snippet.text,
            &snippet.marks,
            paint(MATCH),
            paint(RESET),
            "",
            safe::text,
        );
        // The passage is shown on one line, its line breaks and tabs as spaces.
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match snippet.field {
            "quote" => writeln!(out, "  “{text}”")?,
            "body" => writeln!(out, "  {text}")?,
            field => writeln!(out, "  {field}: {text}")?,
        }
    }
    writeln!(out)
}

/// `text` made safe for the terminal by `escape`, with each marked range between `on` and
/// `off`; `after` restores the surrounding style.
fn marked(
    text: &str,
    marks: &[Range<usize>],
    on: &str,
    off: &str,
    after: &str,
    escape: fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let mut at = 0;
    for range in marks {
        let (Some(before), Some(inside)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        out.push_str(&escape(before));
        out.push_str(on);
        out.push_str(&escape(inside));
        out.push_str(off);
        out.push_str(after);
        at = range.end;
    }
    out.push_str(&escape(text.get(at..).unwrap_or_default()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_is_for_terminals_without_no_color() {
        assert!(wants_colour(true, None));
        assert!(wants_colour(true, Some("".into())));
        assert!(!wants_colour(true, Some("1".into())));
        assert!(!wants_colour(false, None));
    }

    #[test]
    fn marked_words_are_wrapped_and_control_characters_defused() {
        let text = "a walk\x1b[2J here";
        assert_eq!(
            marked(text, &[0..0, 2..6], "<", ">", "|", safe::line),
            "<>|a <walk>|\\u{1b}[2J here"
        );
        // A range that does not fall on character boundaries is skipped, not a panic.
        assert_eq!(
            marked("ヘッド", &[1..2, 3..3], "<", ">", "", safe::line),
            "ヘ<>ッド"
        );
    }
}
