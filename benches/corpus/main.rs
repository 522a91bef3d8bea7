//! Writes a synthetic notebook for the search benchmarks (see `benches/README.md`).
//!
//! `cargo bench --bench corpus -- --notes N --out DIR [--seed S]`
//!
//! The notebook looks like `research/` grown to N notes: every kind of note, every field a
//! note can have, files of about 1.8 KB, and text drawn from a 20,000-word vocabulary with a
//! Zipf-like law, so that an index meets a few very common words and a long tail of rare ones,
//! as it would in years of real field notes. A few fixed needles give the benchmark queries
//! known answers. The same seed and N always give the same bytes, so timings taken on
//! different days or machines are taken on the same notebook.

mod notes;
mod random;
mod tables;
mod text;
mod words;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use fieldnotes::codebook::CODEBOOK_FILE;
use fieldnotes::notebook::SETTINGS_FILE;
use jiff::ToSpan;
use jiff::civil::Date;

use notes::Plan;
use tables::{INSIGHTS_FOLDER, KIND_SHARES, PHRASE_SENTENCES, RARE_SENTENCES, STUDIES};
use text::Corpus;

/// Seed used when none is given; the benchmark script relies on it to reuse corpora.
const DEFAULT_SEED: u64 = 1979;

/// Writes a synthetic notebook for the search benchmarks.
#[derive(Parser)]
#[command(name = "corpus", bin_name = "cargo bench --bench corpus --")]
struct Args {
    /// How many notes to write
    #[arg(long)]
    notes: usize,
    /// Where to write the notebook: a missing or empty folder
    #[arg(long)]
    out: PathBuf,
    /// Another seed gives another notebook of the same shape
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Cargo passes `--bench` to every benchmark it runs.
    #[arg(long, hide = true)]
    bench: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("corpus: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let (notes, out) = (args.notes, &args.out);
    prepare_folder(out)?;
    let started = Instant::now();
    let bytes = write_notebook(out, notes, args.seed)?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "corpus: {notes} notes, {bytes} bytes (mean {} B) in {seconds:.1}s -> {}",
        bytes / notes.max(1) as u64,
        out.display()
    );
    Ok(())
}

/// Refuses to mix a corpus into anything else: the output folder must be missing or empty.
fn prepare_folder(out: &Path) -> Result<(), String> {
    match std::fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(format!(
                    "{} is not empty; give a new folder or delete it first",
                    out.display()
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(out)
            .map_err(|e| format!("cannot create {}: {e}", out.display())),
        Err(e) => Err(format!("cannot read {}: {e}", out.display())),
    }
}

/// Writes the whole notebook and returns the bytes written.
fn write_notebook(out: &Path, notes: usize, seed: u64) -> Result<u64, String> {
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let mut corpus = Corpus::new(seed);
    write(
        out.join(SETTINGS_FILE),
        &format!("name: Benchmark notebook, {notes} synthetic notes\nlanguage: en\n"),
    )?;
    write(out.join(CODEBOOK_FILE), &corpus.codebook().to_yaml())?;
    for folder in STUDIES.iter().chain([&INSIGHTS_FOLDER]) {
        let path = out.join(folder);
        std::fs::create_dir_all(&path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    }

    let cinnamon_at = notes / 2;
    let rare_at: Vec<usize> = (0..6).map(|k| k * notes / 6 + 1).collect();
    let phrase_at: Vec<usize> = (0..4).map(|k| k * notes / 4 + 3).collect();
    let mut ids: Vec<String> = Vec::with_capacity(notes);
    let mut days: Vec<Date> = Vec::with_capacity(notes);
    let mut taken = HashSet::with_capacity(notes);
    let mut evidence = Vec::new();
    let mut bytes = 0u64;
    for i in 0..notes {
        let share = corpus.rng.below(1000) as u32;
        let mut kind = KIND_SHARES.iter().find(|(end, _)| share < *end).unwrap().1;
        // Insights cite earlier notes, so the first few notes cannot be insights.
        if i == cinnamon_at || (kind == "insight" && i < 10) {
            kind = "interview";
        }
        let study = corpus.study();
        evidence.clear();
        let day = if kind == "insight" {
            // Insights are written soon after the notes they draw on.
            let recent = i.min(400);
            let mut latest = Date::MIN;
            for _ in 0..corpus.rng.range(2, 6) {
                let cited = i - 1 - corpus.rng.below(recent);
                if !evidence.contains(&ids[cited]) {
                    evidence.push(ids[cited].clone());
                    latest = latest.max(days[cited]);
                }
            }
            latest + (corpus.rng.range(1, 30) as i64).days()
        } else {
            study_start(study) + (corpus.rng.below(730) as i64).days()
        };
        let date = corpus.date(day);
        let plan = Plan {
            kind,
            japanese: i != cinnamon_at && corpus.rng.chance(10),
            cinnamon: i == cinnamon_at,
            rare: rare_at
                .iter()
                .position(|&at| at == i)
                .map(|k| RARE_SENTENCES[k % RARE_SENTENCES.len()]),
            phrase: phrase_at
                .iter()
                .position(|&at| at == i)
                .map(|k| PHRASE_SENTENCES[k % PHRASE_SENTENCES.len()]),
            evidence: &evidence,
            date,
            study,
        };
        let (slug, note) = corpus.note(&plan);
        let id = unused_id(&mut taken, format!("{day}-{slug}"));
        let folder = if kind == "insight" {
            INSIGHTS_FOLDER
        } else {
            study
        };
        let text = note.to_yaml();
        write(out.join(folder).join(format!("{id}.yaml")), &text)?;
        bytes += text.len() as u64;
        ids.push(id);
        days.push(day);
    }
    Ok(bytes)
}

/// `base`, or `base-2`, `base-3`... whichever is free first, as `fieldnotes new` does when two
/// notes of a day have the same title; it is taken from then on.
fn unused_id(taken: &mut HashSet<String>, base: String) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| taken.insert(candidate.clone()))
        .unwrap()
}

/// The first day of a study: each one spans its own two years between 2008 and 2024.
fn study_start(study: &str) -> Date {
    let index = STUDIES.iter().position(|s| *s == study).unwrap_or(0) as i16;
    jiff::civil::date(2008 + (index * 7) % 15, 1, 1) + (index * 11).days()
}
