//! How fast the why board counts on a large notebook whose index is current: every note's
//! facts read from the index (the first time, then from what was kept), narrowed by a query,
//! and each synthesis over them: the code tree, the insights, the board as it opens and after
//! a query, a code's wall, codes together, codes by study and by participant. Best of
//! `--runs`.
//!
//! `benches/board.sh` makes the corpus and the index, then runs this:
//!
//! ```sh
//! cargo bench --bench board -- --notebook DIR --cache DIR [--runs N]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fieldnotes::board::insights::insights;
use fieldnotes::board::matrix::{Cases, Row, co_occurrence, code_by_case};
use fieldnotes::board::postings::Postings;
use fieldnotes::board::wall::{Group, Order, lay_out, wall};
use fieldnotes::board::{Kept, tree};
use fieldnotes::index::SearchIndex;
use fieldnotes::notebook::Notebook;
use fieldnotes::query::{self, Mode};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut notebook, mut cache, mut runs) = (None, None, 5);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--notebook" => notebook = args.next().map(PathBuf::from),
            "--cache" => cache = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            _ => {}
        }
    }
    let (Some(notebook), Some(cache)) = (notebook, cache) else {
        eprintln!("usage: cargo bench --bench board -- --notebook DIR --cache DIR [--runs N]");
        std::process::exit(2);
    };
    let notebook = Notebook::open(&notebook).expect("a notebook");
    let (codebook, _) = notebook.codebook();
    let (index, _) = SearchIndex::open_as_is(&notebook, &cache, &|_| {}).expect("the index");
    let all = query::Query::default();
    let narrowed = query::parse("kind:interview after:2008", Mode::Strict).expect("a query");

    let started = Instant::now();
    let facts = index.facts_for(&all).expect("facts");
    let first = started.elapsed();
    println!("notes: {}", facts.len());
    println!("every note's facts, first time (decoded from the index): {first:.1?}");
    // The memory a process holding every note's facts keeps (Linux only).
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| -> String {
        let line = status
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default();
        line.trim_start_matches(name).trim().to_owned()
    };
    if !status.is_empty() {
        let (all, heap, files) = (field("VmRSS:"), field("RssAnon:"), field("RssFile:"));
        println!("resident memory, every note's facts kept: {all} ({heap} heap, {files} files)");
    }
    let best = |name: &str, work: &mut dyn FnMut()| {
        let mut fastest = Duration::MAX;
        for _ in 0..runs {
            let started = Instant::now();
            work();
            fastest = fastest.min(started.elapsed());
        }
        println!("{name}: {fastest:.1?}");
    };
    best("every note's facts, kept", &mut || {
        index.facts_for(&all).expect("facts");
    });
    let mut some: Vec<Kept> = Vec::new();
    best("the facts of `kind:interview after:2008`", &mut || {
        some = index.facts_for(&narrowed).expect("facts");
    });
    println!("  ({} notes)", some.len());
    let mut rows = Vec::new();
    best("the code tree with every code's use", &mut || {
        rows = tree(&codebook, &facts);
    });
    best("the insights and what backs them", &mut || {
        insights(&facts);
    });
    // What the board pays when it opens, and again after a keystroke in its search line.
    best(
        "the board over every note (facts kept, tree, insights)",
        &mut || {
            let facts = index.facts_for(&all).expect("facts");
            tree(&codebook, &facts);
            insights(&facts);
        },
    );
    best(
        "the board after a query (facts, tree, insights)",
        &mut || {
            let facts = index.facts_for(&narrowed).expect("facts");
            tree(&codebook, &facts);
            insights(&facts);
        },
    );
    let busiest = rows
        .iter()
        .filter(|r| r.depth > 0)
        .max_by_key(|r| r.usage.findings)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let codes = codebook.with_descendants(&busiest);
    best(
        &format!("the wall of `{busiest}`, grouped by participant"),
        &mut || {
            wall(&facts, &codes, Group::Participant, Order::Date);
        },
    );
    let mut postings = Postings::default();
    best(
        "where each code is used (the board's postings)",
        &mut || {
            postings = Postings::new(&facts);
        },
    );
    // A top-level code counts all its sub-codes: the largest wall the board shows.
    let top = rows
        .iter()
        .filter(|r| r.depth == 0)
        .max_by_key(|r| r.usage.findings)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let top_codes = codebook.with_descendants(&top);
    let mut pieces = 0;
    best(
        &format!("the wall of top-level `{top}` from the postings"),
        &mut || {
            let evidence = postings.evidence(&top_codes);
            pieces = evidence.len();
            lay_out(&facts, evidence, Group::Participant, Order::Date);
        },
    );
    println!("  ({pieces} pieces)");
    best(
        &format!("  of which finding the pieces of `{top}`"),
        &mut || {
            postings.evidence(&top_codes);
        },
    );
    best(
        &format!("the wall of `{busiest}` from the postings"),
        &mut || {
            lay_out(
                &facts,
                postings.evidence(&codes),
                Group::Participant,
                Order::Date,
            );
        },
    );
    // A code of middling use, as most codes are.
    let middling = {
        let mut used: Vec<&fieldnotes::board::CodeRow> =
            rows.iter().filter(|r| r.usage.findings > 0).collect();
        used.sort_by_key(|r| r.usage.findings);
        used.get(used.len() / 2)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    };
    let some = codebook.with_descendants(&middling);
    best(
        &format!("the wall of `{middling}` from the postings"),
        &mut || {
            lay_out(
                &facts,
                postings.evidence(&some),
                Group::Participant,
                Order::Date,
            );
        },
    );
    let matrix_rows: Vec<Row> = rows
        .iter()
        .map(|r| Row {
            name: r.name.clone(),
            codes: codebook
                .with_descendants(&r.name)
                .into_iter()
                .map(str::to_owned)
                .collect(),
        })
        .collect();
    best(
        &format!("codes together, {0} x {0}", matrix_rows.len()),
        &mut || {
            co_occurrence(&facts, &matrix_rows);
        },
    );
    best("codes by study", &mut || {
        code_by_case(&facts, &matrix_rows, Cases::Studies);
    });
    best("codes by participant", &mut || {
        code_by_case(&facts, &matrix_rows, Cases::Participants);
    });
}
