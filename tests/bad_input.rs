//! The bad-input corpus: a notebook full of broken files beside a few good notes, driven
//! through the real binary. `check` must name every broken file with file:line:column and a
//! hint; `list` and `show` must keep serving the good notes and say how many files they
//! skipped; no command may panic, crash or hang.
//!
//! Small broken files are committed, byte for byte, in `tests/corpus/broken/` (see its
//! README). Files that are big, generated, or impossible to commit (a 10 MB note, an alias
//! bomb, deep nesting, two notes with the same id, a symbolic-link loop) are made at test time.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Run, Sandbox, squeeze};

/// Where the committed corpus lives.
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/broken");

const SETTINGS: &str = "name: Bad input corpus\n";
const CODEBOOK: &str = "codes:
  - name: trust
    description: Believes the store or the person will not let them down
  - name: autonomy
    description: Wants to decide for themselves
";

/// Good notes written at test time: (path, title, text).
const GOOD: &[(&str, &str, &str)] = &[
    (
        "good/2024-03-14-photo-walk.yaml",
        "Photographer on the store's photo walks",
        "kind: interview
title: Photographer on the store's photo walks
date: 2024-03-14T15:20+00:00
place: Camera shop, Leeds
participants:
  - alias: P03
    about: hobby photographer
tags: [events]
why: [trust]
findings:
  - did: joins every monthly photo walk the shop runs
    quote: \"The walks are why I buy here and not online.\"
    why: [trust]
",
    ),
    (
        "good/study/2024-03-15-queue-at-counter.yaml",
        "Queue at the photo counter",
        "kind: observation
title: Queue at the photo counter
date: 2024-03-15
why: [autonomy]
body: |
  People wait rather than use the self-service kiosk.
",
    ),
    (
        "insights/2024-03-20-events-build-trust.yaml",
        "Events build trust in the store",
        "kind: insight
title: Events build trust in the store
date: 2024-03-20
evidence: [2024-03-14-photo-walk, 2024-03-15-queue-at-counter]
action: a monthly photo walk in every store
",
    ),
];

/// Notes in the committed corpus that must read fine: (path, title).
const GOOD_IN_CORPUS: &[(&str, &str)] = &[
    (
        "broken/2024-01-07-bom.yaml",
        "Saved by Notepad with a byte-order mark",
    ),
    (
        "broken/2024-01-08-crlf.yaml",
        "Written on Windows with CRLF line ends",
    ),
    (
        "broken/2024-01-13-unknown-code.yaml",
        "Why-codes missing from the codebook",
    ),
];

/// Where a problem must be reported.
#[derive(Clone, Copy, Debug)]
enum At {
    /// This line and column.
    Exact(u32, u32),
    /// This line, any column.
    Line(u32),
    /// Any position (the line means nothing for this file, or it is a known weak spot).
    Anywhere,
}

/// One problem `check` must report.
#[derive(Clone, Debug)]
struct Expect {
    /// The file, relative to the notebook root, with `/` separators.
    path: String,
    /// `error` or `warning`.
    severity: &'static str,
    at: At,
    /// Words the message must contain.
    says: String,
    /// Words the hint must contain (every problem needs a non-empty hint anyway).
    hint_says: &'static str,
    /// Whether `list` and `show` leave the file out: every file with an error is, and only
    /// those (an unknown kind, dangling evidence or a shared id are warnings on a kept note).
    skipped: bool,
}

impl Expect {
    fn error(path: impl Into<String>, at: At, says: impl Into<String>) -> Expect {
        Expect {
            path: path.into(),
            severity: "error",
            at,
            says: says.into(),
            hint_says: "",
            skipped: true,
        }
    }

    fn warning(path: &str, at: At, says: &str) -> Expect {
        Expect {
            severity: "warning",
            skipped: false,
            ..Expect::error(path, at, says)
        }
    }

    fn hint(self, hint_says: &'static str) -> Expect {
        Expect { hint_says, ..self }
    }

    fn id(&self) -> &str {
        note_id(&self.path)
    }
}

/// The problems of the committed corpus.
fn corpus_expectations() -> Vec<Expect> {
    use At::*;
    vec![
        // An unquoted `: ` inside a title: the parser stops at the second colon.
        Expect::error(
            "broken/2024-01-01-invalid-yaml.yaml",
            Exact(2, 29),
            "invalid YAML",
        )
        .hint("quotes"),
        // The participants list indented with a tab on line 5.
        Expect::error("broken/2024-01-02-tab-indent.yaml", Line(5), "invalid YAML").hint("tabs"),
        // A tab-indented key after a plain value: the test of the tab hint below says where
        // it points.
        Expect::error(
            "broken/2024-01-03-tab-after-value.yaml",
            Anywhere,
            "invalid YAML",
        ),
        Expect::error(
            "broken/2024-01-04-wrong-types.yaml",
            Line(3),
            "`title` should be text, found a list",
        ),
        Expect::error("broken/2024-01-04-wrong-types.yaml", Line(6), "participant"),
        Expect::error(
            "broken/2024-01-05-missing-fields.yaml",
            Exact(1, 1),
            "no `title`",
        )
        .hint("title:"),
        Expect::error(
            "broken/2024-01-05-missing-fields.yaml",
            Exact(1, 1),
            "no `date`",
        )
        .hint("date:"),
        Expect::error("broken/2024-01-06-empty.yaml", Exact(1, 1), "empty"),
        // `Caf\xe9`: the first byte that is not UTF-8 is the 11th character of line 2.
        Expect::error("broken/2024-01-09-latin1.yaml", Exact(2, 11), "not UTF-8").hint("UTF-8"),
        Expect::error(
            "broken/2024-01-10-conflict.yaml",
            Exact(3, 1),
            "merge conflict",
        )
        .hint("<<<<<<<"),
        Expect::error("broken/2024-01-11-binary.yaml", Anywhere, "binary"),
        // A note with a kind the notebook does not know is still listed and searched.
        Expect::warning(
            "broken/2024-01-12-unknown-kind.yaml",
            Exact(1, 7),
            "`podcast` is not a kind",
        )
        .hint("kinds:"),
        Expect::warning(
            "broken/2024-01-13-unknown-code.yaml",
            Exact(4, 14),
            "`no-such-code` is not in the codebook",
        )
        .hint("codebook.yaml"),
        Expect::warning(
            "broken/2024-01-13-unknown-code.yaml",
            Line(7),
            "`another-missing-code` is not in the codebook",
        ),
        Expect::warning(
            "broken/2024-01-14-dangling-evidence.yaml",
            Exact(6, 5),
            "`1999-12-31-no-such-note` is not a note",
        ),
        Expect::error("broken/2024-01-15-bad-date.yaml", Exact(3, 7), "not a date").hint("2024-"),
        // Positions count lines and columns the same with CRLF line ends.
        Expect::error(
            "broken/2024-01-16-crlf-bad-date.yaml",
            Exact(3, 7),
            "not a date",
        ),
        // UTF-16 (Windows "Unicode"): its message is checked by its own test below.
        Expect::error("broken/2024-01-17-utf16.yaml", Anywhere, ""),
        Expect::error(
            "broken/2024-01-18-not-a-mapping.yaml",
            Exact(1, 1),
            "found a list",
        ),
        Expect::error(
            "broken/2024-01-19-duplicate-key.yaml",
            Exact(3, 1),
            "appears twice",
        )
        .hint("once"),
        // A second YAML document starts at the `---` on line 4.
        Expect::error("broken/2024-01-20-two-documents.yaml", Line(4), ""),
    ]
}

/// A notebook holding the whole corpus, the generated bad files and the good notes.
struct Corpus {
    sandbox: Sandbox,
    root: PathBuf,
    expected: Vec<Expect>,
    /// Every note file, relative to the root with `/` separators.
    note_files: BTreeSet<String>,
}

impl Corpus {
    /// The whole corpus.
    fn new() -> Corpus {
        Corpus::build(true)
    }

    /// The corpus without the alias bomb, which takes a second of every run of a debug build
    /// to refuse: for tests that run the binary many times.
    fn without_alias_bomb() -> Corpus {
        Corpus::build(false)
    }

    fn build(alias_bomb: bool) -> Corpus {
        let sandbox = Sandbox::new();
        let root = sandbox.path("notebook");
        fs::create_dir_all(&root).unwrap();
        fs::write(root.join("fieldnotes.yaml"), SETTINGS).unwrap();
        fs::write(root.join("codebook.yaml"), CODEBOOK).unwrap();
        let mut corpus = Corpus {
            sandbox,
            root,
            expected: corpus_expectations(),
            note_files: BTreeSet::new(),
        };
        corpus.copy_committed();
        for (path, _, text) in GOOD {
            corpus.write(path, text.as_bytes());
        }
        corpus.add_generated();
        if alias_bomb {
            corpus.add_alias_bomb();
        }
        corpus
    }

    /// Copies every `*.yaml` of the committed corpus into `broken/`, bytes unchanged.
    fn copy_committed(&mut self) {
        let mut copied = 0;
        for entry in fs::read_dir(CORPUS).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let name = path.file_name().unwrap().to_str().unwrap();
                self.write(&format!("broken/{name}"), &fs::read(&path).unwrap());
                copied += 1;
            }
        }
        assert_eq!(copied, 20, "the committed corpus in {CORPUS}");
    }

    fn add_generated(&mut self) {
        use At::*;
        // Twice the size limit, and otherwise a perfectly good note.
        let mut huge = String::from(
            "kind: interview\ntitle: A transcript pasted whole\ndate: 2024-02-01\nbody: |\n",
        );
        while huge.len() <= 10 * 1024 * 1024 {
            huge.push_str("  and then she said the photo walks were the reason she came back\n");
        }
        self.write("generated/2024-02-01-ten-megabytes.yaml", huge.as_bytes());
        self.expected.push(
            Expect::error(
                "generated/2024-02-01-ten-megabytes.yaml",
                Exact(1, 1),
                "MiB",
            )
            .hint("split"),
        );

        // Ten thousand nested flow sequences on line 4.
        let deep = format!(
            "kind: interview\ntitle: Deeply nested\ndate: 2024-02-03\nbody: {}{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        self.write("generated/2024-02-03-deep-nesting.yaml", deep.as_bytes());
        self.expected.push(Expect::error(
            "generated/2024-02-03-deep-nesting.yaml",
            Line(4),
            "",
        ));

        // Two valid notes with the same file name, hence the same id, in two folders.
        for (folder, other) in [("a", "b"), ("b", "a")] {
            let text =
                format!("kind: observation\ntitle: Same name in {folder}\ndate: 2024-02-04\n");
            let path = format!("generated/{folder}/2024-02-04-same-name.yaml");
            self.write(&path, text.as_bytes());
            let says = format!(
                "is also used by {}",
                native(&format!("generated/{other}/2024-02-04-same-name.yaml"))
            );
            self.expected
                .push(Expect::warning(&path, Exact(1, 1), &says).hint("unique"));
        }

        // Two symbolic links pointing at each other.
        #[cfg(unix)]
        {
            let dir = self.root.join("generated");
            std::os::unix::fs::symlink(
                "2024-02-06-loop-b.yaml",
                dir.join("2024-02-05-loop-a.yaml"),
            )
            .unwrap();
            std::os::unix::fs::symlink(
                "2024-02-05-loop-a.yaml",
                dir.join("2024-02-06-loop-b.yaml"),
            )
            .unwrap();
            for path in [
                "generated/2024-02-05-loop-a.yaml",
                "generated/2024-02-06-loop-b.yaml",
            ] {
                self.note_files.insert(path.to_owned());
                self.expected.push(
                    Expect::error(path, Exact(1, 1), "cannot read the file").hint("symbolic link"),
                );
            }
        }
    }

    /// "Billion laughs": 10^12 strings once every alias is expanded.
    fn add_alias_bomb(&mut self) {
        let mut bomb = String::from("kind: interview\ntitle: Billion laughs\ndate: 2024-02-02\n");
        bomb.push_str("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..12 {
            let p = i - 1;
            let refs = vec![format!("*a{p}"); 10].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        self.write("generated/2024-02-02-alias-bomb.yaml", bomb.as_bytes());
        self.expected.push(Expect::error(
            "generated/2024-02-02-alias-bomb.yaml",
            At::Anywhere,
            "alias",
        ));
    }

    fn write(&mut self, relative: &str, bytes: &[u8]) {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        self.note_files.insert(relative.to_owned());
    }

    fn run(&self, args: &[&str]) -> Run {
        self.sandbox.run(&self.root, args)
    }

    /// Files `list` and `show` must leave out.
    fn skipped_files(&self) -> BTreeSet<&str> {
        self.expected
            .iter()
            .filter(|e| e.skipped)
            .map(|e| e.path.as_str())
            .collect()
    }

    /// Ids of the notes `list` must show: the good ones, and those whose only problems are
    /// warnings.
    fn good_ids(&self) -> Vec<&'static str> {
        GOOD.iter()
            .map(|(path, _, _)| *path)
            .chain(GOOD_IN_CORPUS.iter().map(|(path, _)| *path))
            .map(note_id)
            .collect()
    }

    /// Files with at least one expected error.
    fn files_with_errors(&self) -> BTreeSet<String> {
        self.expected
            .iter()
            .filter(|e| e.severity == "error")
            .map(|e| native(&e.path))
            .collect()
    }
}

/// One problem as `check` printed it.
#[derive(Clone, Debug, PartialEq)]
struct Reported {
    path: String,
    line: u32,
    column: u32,
    severity: String,
    message: String,
    hint: Option<String>,
}

/// Reads `check`'s text output: `path:line:column: severity: message`, each problem
/// optionally followed by `  hint: ...`. Panics on any other line.
fn parse_check_text(stdout: &str) -> Vec<Reported> {
    let mut problems: Vec<Reported> = Vec::new();
    for line in stdout.lines() {
        if let Some(hint) = line.strip_prefix("  hint: ") {
            let last = problems
                .last_mut()
                .unwrap_or_else(|| panic!("a hint before any problem: {line:?}\n{stdout}"));
            assert!(last.hint.is_none(), "two hints for one problem:\n{stdout}");
            last.hint = Some(hint.to_owned());
            continue;
        }
        let parts: Vec<&str> = line.splitn(5, ':').collect();
        let number = |text: &str| -> u32 {
            text.parse()
                .unwrap_or_else(|_| panic!("not `path:line:column: severity: message`: {line:?}"))
        };
        assert_eq!(
            parts.len(),
            5,
            "not `path:line:column: severity: message`: {line:?}"
        );
        let severity = parts[3]
            .strip_prefix(' ')
            .unwrap_or_else(|| panic!("no space before the severity: {line:?}"));
        let message = parts[4]
            .strip_prefix(' ')
            .unwrap_or_else(|| panic!("no space before the message: {line:?}"));
        problems.push(Reported {
            path: parts[0].to_owned(),
            line: number(parts[1]),
            column: number(parts[2]),
            severity: severity.to_owned(),
            message: message.to_owned(),
            hint: None,
        });
    }
    problems
}

/// The note id of a relative path.
fn note_id(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".yaml").unwrap_or(name)
}

/// A `/`-separated relative path as the program prints it on this platform.
fn native(path: &str) -> String {
    path.replace('/', std::path::MAIN_SEPARATOR_STR)
}

/// Finds the reported problem that `expect` describes, or panics listing what was reported
/// for that file.
fn find<'a>(reported: &'a [Reported], expect: &Expect) -> &'a Reported {
    let path = native(&expect.path);
    let position_fits = |r: &Reported| match expect.at {
        At::Exact(line, column) => r.line == line && r.column == column,
        At::Line(line) => r.line == line,
        At::Anywhere => true,
    };
    reported
        .iter()
        .find(|r| {
            r.path == path
                && r.severity == expect.severity
                && position_fits(r)
                && r.message.contains(&expect.says)
                && r.hint
                    .as_deref()
                    .is_some_and(|h| h.contains(expect.hint_says))
        })
        .unwrap_or_else(|| {
            let for_file: Vec<&Reported> = reported.iter().filter(|r| r.path == path).collect();
            panic!("check did not report {expect:#?}\nit reported for this file: {for_file:#?}")
        })
}

/// The summary `check` prints on stderr (and the overview on stdout): the counts of each
/// severity there is, then the files left out.
fn check_summary(reported: &[Reported], left_out: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let counts: Vec<String> = ["error", "warning", "hint"]
        .into_iter()
        .map(|word| (reported.iter().filter(|r| r.severity == word).count(), word))
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
    let mut text = counts.join(", ");
    if left_out > 0 {
        text.push_str(&format!(
            "; {} left out of lists and search",
            plural(left_out, "file")
        ));
    }
    text
}

#[test]
fn committed_corpus_keeps_its_exact_bytes() {
    // If git rewrote line ends or encodings (see .gitattributes), the other tests would test
    // something else than they say.
    let read = |name: &str| fs::read(Path::new(CORPUS).join(name)).unwrap();
    assert!(read("2024-01-06-empty.yaml").is_empty());
    assert!(read("2024-01-07-bom.yaml").starts_with(b"\xef\xbb\xbfkind: "));
    let crlf = read("2024-01-08-crlf.yaml");
    assert_eq!(crlf.windows(2).filter(|w| w == b"\r\n").count(), 6);
    assert!(
        !crlf
            .iter()
            .zip(crlf.iter().skip(1))
            .any(|(a, b)| *a != b'\r' && *b == b'\n')
    );
    assert!(read("2024-01-09-latin1.yaml").contains(&0xe9));
    assert!(read("2024-01-11-binary.yaml").starts_with(b"\x89PNG\r\n\x1a\n\0"));
    assert!(read("2024-01-16-crlf-bad-date.yaml").ends_with(b"\r\n"));
    assert!(read("2024-01-17-utf16.yaml").starts_with(b"\xff\xfek\0"));
    assert!(read("2024-01-02-tab-indent.yaml").contains(&b'\t'));
}

#[test]
fn check_names_every_broken_file_with_line_column_and_hint() {
    let corpus = Corpus::new();
    let run = corpus.run(&["check"]);
    run.assert_code(1);
    let reported = parse_check_text(&run.stdout);

    for expect in &corpus.expected {
        find(&reported, expect);
    }
    for problem in &reported {
        assert!(
            problem.line >= 1 && problem.column >= 1,
            "positions count from 1: {problem:?}"
        );
        assert!(
            problem
                .hint
                .as_deref()
                .is_some_and(|h| !h.trim().is_empty()),
            "every problem comes with a hint: {problem:?}"
        );
        assert!(
            problem.severity == "error" || problem.severity == "warning",
            "{problem:?}"
        );
    }

    // Exactly the broken files have errors; the good notes have no problem at all.
    let with_errors: BTreeSet<String> = reported
        .iter()
        .filter(|r| r.severity == "error")
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(with_errors, corpus.files_with_errors());
    let good_paths: Vec<String> = GOOD
        .iter()
        .map(|(path, _, _)| *path)
        .chain(GOOD_IN_CORPUS.iter().map(|(path, _)| *path))
        .filter(|path| !corpus.expected.iter().any(|e| e.path == *path))
        .map(native)
        .collect();
    assert_eq!(good_paths.len(), GOOD.len() + 2, "the BOM and CRLF notes");
    for path in &good_paths {
        let problems: Vec<&Reported> = reported.iter().filter(|r| &r.path == path).collect();
        assert!(problems.is_empty(), "{path} is a good note: {problems:#?}");
    }

    let summary = format!(
        "checked {} note files: {}",
        corpus.note_files.len(),
        check_summary(&reported, corpus.files_with_errors().len())
    );
    assert!(
        run.stderr.lines().any(|line| line == summary),
        "stderr should say `{summary}`\n{}",
        run.describe()
    );
}

#[test]
fn check_json_gives_the_same_problems_as_the_text() {
    let corpus = Corpus::new();
    let text = parse_check_text(&corpus.run(&["check"]).stdout);
    let run = corpus.run(&["check", "--json"]);
    run.assert_code(1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("check --json is not JSON ({e})\n{}", run.describe()));
    let items = json.as_array().expect("check --json prints an array");
    let from_json: Vec<Reported> = items
        .iter()
        .map(|item| {
            let object = item.as_object().expect("each problem is an object");
            let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                BTreeSet::from(["path", "line", "column", "severity", "message", "hint"]),
                "{item}"
            );
            let string = |key: &str| {
                item[key]
                    .as_str()
                    .unwrap_or_else(|| panic!("`{key}` is text: {item}"))
                    .to_owned()
            };
            let number = |key: &str| {
                item[key]
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or_else(|| panic!("`{key}` is a number: {item}"))
            };
            Reported {
                path: string("path"),
                line: number("line"),
                column: number("column"),
                severity: string("severity"),
                message: string("message"),
                hint: Some(string("hint")),
            }
        })
        .collect();
    assert_eq!(from_json, text);
    for expect in &corpus.expected {
        find(&from_json, expect);
    }
}

#[test]
fn list_serves_every_good_note_and_counts_the_skipped_files() {
    let corpus = Corpus::new();
    let skipped = corpus.skipped_files();
    let skipped_line = format!("{} files with errors left out", skipped.len());
    // `check` counts the same files.
    let check = corpus.run(&["check"]);
    let left_out = format!("{} files left out of lists and search", skipped.len());
    assert!(check.stderr.contains(&left_out), "{}", check.describe());

    let run = corpus.run(&["list"]);
    run.assert_code(0);
    let listed: BTreeSet<&str> = run
        .stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    for id in corpus.good_ids() {
        assert!(listed.contains(id), "{id} is listed\n{}", run.describe());
    }
    for path in &skipped {
        let id = note_id(path);
        assert!(!listed.contains(id), "{id} is broken\n{}", run.describe());
    }
    assert!(
        run.stderr.contains(&skipped_line),
        "stderr should say `{skipped_line}`\n{}",
        run.describe()
    );

    let run = corpus.run(&["list", "--json"]);
    run.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: BTreeSet<&str> = json
        .as_array()
        .expect("list --json prints an array")
        .iter()
        .map(|note| note["id"].as_str().expect("each note has an id"))
        .collect();
    for id in corpus.good_ids() {
        assert!(
            ids.contains(id),
            "{id} is in list --json\n{}",
            run.describe()
        );
    }
    for path in &skipped {
        assert!(!ids.contains(note_id(path)), "{path}\n{}", run.describe());
    }
    assert!(run.stderr.contains(&skipped_line), "{}", run.describe());
}

#[test]
fn show_serves_good_notes_and_explains_why_a_broken_one_cannot_be_shown() {
    let corpus = Corpus::without_alias_bomb();
    let titles = GOOD
        .iter()
        .map(|(path, title, _)| (*path, *title))
        .chain(GOOD_IN_CORPUS.iter().copied());
    for (path, title) in titles {
        let run = corpus.run(&["show", note_id(path)]);
        run.assert_code(0);
        assert!(
            run.stdout.lines().next() == Some(title),
            "show {path} starts with its title\n{}",
            run.describe()
        );
    }

    // The byte-order mark is not part of the first key; CRLF does not leak into the text.
    let run = corpus.run(&["show", "2024-01-07-bom", "--json"]);
    run.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["kind"], "interview", "{}", run.describe());
    assert_eq!(
        json["why"],
        serde_json::json!(["trust"]),
        "{}",
        run.describe()
    );
    let run = corpus.run(&["show", "2024-01-08-crlf", "--json"]);
    run.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["body"],
        "First line of the body.\nSecond line of the body.\n",
        "{}",
        run.describe()
    );
    let run = corpus.run(&["show", "2024-01-08-crlf"]);
    run.assert_code(0);
    assert!(
        !run.stdout.contains('\r') && !run.stdout.contains("\\u{d}"),
        "{}",
        run.describe()
    );
    // Reflowed for reading: the two lines of one paragraph join.
    assert!(
        run.stdout
            .contains("  First line of the body. Second line of the body.\n"),
        "{}",
        run.describe()
    );

    // A broken note: exit 3, and the reason with its place, not "no such note".
    let mut first_problem: BTreeMap<&str, &Expect> = BTreeMap::new();
    for expect in corpus.expected.iter().filter(|e| e.skipped) {
        first_problem.entry(&expect.path).or_insert(expect);
    }
    // Each run reads the whole notebook, alias bomb included: spread them over the cores.
    let cases: Vec<(&str, &Expect)> = first_problem.into_iter().collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    std::thread::scope(|scope| {
        for chunk in cases.chunks(cases.len().div_ceil(threads)) {
            let corpus = &corpus;
            scope.spawn(move || {
                for (path, expect) in chunk {
                    assert_show_explains_errors(corpus, path, expect);
                }
            });
        }
    });

    let run = corpus.run(&["show", "2099-01-01-no-such-note"]);
    run.assert_code(3);
    assert!(run.stderr.contains("no note with id"), "{}", run.describe());
}

fn assert_show_explains_errors(corpus: &Corpus, path: &str, expect: &Expect) {
    let run = corpus.run(&["show", expect.id()]);
    run.assert_code(3);
    let stderr = squeeze(&run.stderr);
    for wanted in [
        format!("`{}`haserrorsandcannotbeshown", expect.id()),
        format!("{}:", native(path)),
        "fieldnotescheck".to_owned(),
    ] {
        assert!(
            stderr.contains(&wanted),
            "show {path}: stderr should contain {wanted:?}\n{}",
            run.describe()
        );
    }
    assert!(run.stdout.is_empty(), "{}", run.describe());
}

#[test]
fn every_command_survives_the_corpus_without_panic_or_hang() {
    let corpus = Corpus::new();
    let check = corpus.run(&["check"]);
    check.assert_code(1);
    let reported = parse_check_text(&check.stdout);

    for (args, code) in [
        (&["list", "--kind", "interview"][..], 0),
        (&["list", "--why", "trust", "--since", "2024-01-01"][..], 0),
        (&["codes"][..], 0),
        (&["codes", "--json"][..], 0),
        (&["fmt", "--check"][..], 1),
    ] {
        corpus.run(args).assert_code(code);
    }

    // The overview counts the same problems as check.
    let overview = corpus.run(&[]);
    let counts = check_summary(&reported, corpus.files_with_errors().len());
    assert!(
        overview.stdout.contains(&counts),
        "the overview should say `{counts}`\n{}",
        overview.describe()
    );

    // `show` with the alias bomb in the notebook (the show test runs without it).
    let bomb = corpus
        .expected
        .iter()
        .find(|e| e.path.ends_with("alias-bomb.yaml"))
        .expect("the full corpus has the alias bomb");
    assert_show_explains_errors(&corpus, &bomb.path, bomb);
    let run = corpus.run(&["show", "2024-03-14-photo-walk"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .starts_with("Photographer on the store's photo walks\n")
    );
}

#[test]
fn duplicate_ids_are_reported_on_both_files() {
    let corpus = Corpus::new();
    let run = corpus.run(&["check", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let on_duplicates: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("2024-02-04-same-name.yaml"))
        })
        .collect();
    assert_eq!(on_duplicates.len(), 2, "{}", run.describe());
    assert_ne!(on_duplicates[0]["path"], on_duplicates[1]["path"]);
    for problem in on_duplicates {
        assert_eq!(problem["severity"], "warning");
        assert!(
            problem["message"]
                .as_str()
                .unwrap()
                .contains("`2024-02-04-same-name`"),
            "{problem}"
        );
    }
}

/// A notebook with one good note and the given extra files.
fn small_notebook(sandbox: &Sandbox, files: &[(&str, &[u8])]) -> PathBuf {
    let root = sandbox.path("notebook");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("fieldnotes.yaml"), "").unwrap();
    fs::write(root.join("codebook.yaml"), CODEBOOK).unwrap();
    let (path, _, text) = GOOD[0];
    let good = root.join(path);
    fs::create_dir_all(good.parent().unwrap()).unwrap();
    fs::write(good, text).unwrap();
    for (name, bytes) in files {
        fs::write(root.join(name), bytes).unwrap();
    }
    root
}

#[test]
fn deeply_nested_mappings_are_refused_not_a_crash() {
    let sandbox = Sandbox::new();
    let mut block = String::from("kind: interview\ntitle: Nested blocks\ndate: 2024-02-07\nx:\n");
    for depth in 1..100 {
        block.push_str(&format!("{}a:\n", "  ".repeat(depth)));
    }
    let flow = format!(
        "kind: interview\ntitle: Nested mappings\ndate: 2024-02-08\nx: {}1{}\n",
        "{a: ".repeat(100),
        "}".repeat(100)
    );
    let root = small_notebook(
        &sandbox,
        &[
            ("2024-02-07-nested-blocks.yaml", block.as_bytes()),
            ("2024-02-08-nested-mappings.yaml", flow.as_bytes()),
        ],
    );
    let run = sandbox.run(&root, &["check"]);
    run.assert_code(1);
    let reported = parse_check_text(&run.stdout);
    for name in [
        "2024-02-07-nested-blocks.yaml",
        "2024-02-08-nested-mappings.yaml",
    ] {
        assert!(
            reported
                .iter()
                .any(|r| r.path == name && r.severity == "error" && r.line >= 4),
            "{name}\n{}",
            run.describe()
        );
    }
    let run = sandbox.run(&root, &["list"]);
    run.assert_code(0);
    assert!(run.stdout.contains("2024-03-14-photo-walk"));
    assert!(run.stderr.contains("2 files with errors left out"));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_reported_not_waited_on() {
    let sandbox = Sandbox::new();
    let root = small_notebook(&sandbox, &[]);
    let pipe = root.join("2024-02-09-pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let limit = Duration::from_secs(10);
    let run = sandbox.run_within(&root, &["check"], limit);
    run.assert_code(1);
    assert!(run.stdout.starts_with("2024-02-09-pipe.yaml:1:1: error: "));
    let run = sandbox.run_within(&root, &["list"], limit);
    run.assert_code(0);
    assert!(run.stdout.contains("2024-03-14-photo-walk"));
    // The codebook is read with the same guard.
    fs::remove_file(root.join("codebook.yaml")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("codebook.yaml"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let run = sandbox.run_within(&root, &["check"], limit);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("codebook.yaml:1:1: error: this is not a regular file"),
        "{}",
        run.stdout
    );
}

/// The first problem `check` reported in the file `name`.
fn problem_in(stdout: &str, name: &str) -> Reported {
    parse_check_text(stdout)
        .into_iter()
        .find(|p| p.path.ends_with(name))
        .unwrap_or_else(|| panic!("no problem reported in {name}:\n{stdout}"))
}

#[test]
fn a_tab_after_a_plain_value_is_pointed_at_with_the_tab_hint() {
    let sandbox = Sandbox::new();
    let text = fs::read(Path::new(CORPUS).join("2024-01-03-tab-after-value.yaml")).unwrap();
    let root = small_notebook(&sandbox, &[("2024-01-03-tab-after-value.yaml", &text)]);
    let run = sandbox.run(&root, &["check"]);
    let problem = &problem_in(&run.stdout, "2024-01-03-tab-after-value.yaml");
    assert_eq!(
        (problem.line, problem.column),
        (4, 1),
        "the tab is at 4:1\n{}",
        run.describe()
    );
    assert!(
        problem.hint.as_deref().is_some_and(|h| h.contains("tabs")),
        "{problem:?}"
    );
}

#[test]
fn a_utf16_note_is_told_to_be_saved_as_utf8() {
    let sandbox = Sandbox::new();
    let text = fs::read(Path::new(CORPUS).join("2024-01-17-utf16.yaml")).unwrap();
    let root = small_notebook(&sandbox, &[("2024-01-17-utf16.yaml", &text)]);
    let run = sandbox.run(&root, &["check"]);
    let problem = &problem_in(&run.stdout, "2024-01-17-utf16.yaml");
    assert!(problem.message.contains("UTF-16"), "{problem:?}");
    assert!(
        problem.hint.as_deref().is_some_and(|h| h.contains("UTF-8")),
        "{problem:?}"
    );
}

#[test]
fn messages_speak_the_users_language() {
    let corpus = Corpus::new();
    let reported = parse_check_text(&corpus.run(&["check"]).stdout);
    for problem in &reported {
        for jargon in [
            "budget breached",
            "Policy",
            "Options",
            "{ ",
            "replayed_events",
            "Option<",
        ] {
            assert!(
                !problem.message.contains(jargon),
                "{jargon:?} in {problem:#?}"
            );
        }
        assert!(
            !problem.message.ends_with("(used"),
            "cut short: {problem:#?}"
        );
    }
    let bomb = reported
        .iter()
        .find(|r| r.path.ends_with("alias-bomb.yaml"))
        .unwrap();
    assert!(
        !bomb.hint.as_deref().unwrap_or("").contains("quoting"),
        "the hint should be about anchors and aliases: {bomb:#?}"
    );
}
