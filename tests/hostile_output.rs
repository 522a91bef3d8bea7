//! A notebook whose titles, fields, codes, settings and file names hold escape sequences,
//! controls, invisible and bidirectional characters and line breaks, driven through every
//! command that prints, piped and on a pseudo-terminal: none of it may reach the terminal as
//! it is, no one-line field may print a line of its own, and readable text stays as written.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::hostile::{self, FOLDER, FULL_ID, NEWLINE_ID, ONE, OSC_ID, READABLE};
use common::{Run, Sandbox};

/// What the outputs held that they must not have.
#[derive(Default)]
struct Tally {
    commands: usize,
    outputs: usize,
    harmful: BTreeMap<&'static str, usize>,
    fake_lines: usize,
    failures: Vec<String>,
}

impl Tally {
    /// Checks one command's stdout and stderr; on a terminal the colours fieldnotes writes
    /// itself, and the terminal's own line endings, are allowed.
    fn check(&mut self, what: &str, stdout: &str, stderr: &str, terminal: bool) {
        self.commands += 1;
        for (stream, text) in [("stdout", stdout), ("stderr", stderr)] {
            self.outputs += 1;
            let text = if terminal {
                without_colours(text).replace("\r\n", "\n")
            } else {
                text.to_owned()
            };
            let harmful = hostile::harmful_in(&text);
            let fake = hostile::fake_lines(&text);
            if !harmful.is_empty() || fake > 0 {
                for &c in &harmful {
                    *self.harmful.entry(kind(c)).or_default() += 1;
                }
                self.fake_lines += fake;
                let seen: String = harmful.iter().take(8).map(|c| format!("{c:?} ")).collect();
                let start: String = text.chars().take(600).collect();
                self.failures.push(format!(
                    "`{}` {stream}: {} harmful ({seen}), {fake} fake lines\n{start:?}",
                    what.escape_debug(),
                    harmful.len()
                ));
            }
        }
    }

    fn run(&mut self, run: &Run) {
        self.check(&run.args, &run.stdout, &run.stderr, false);
    }
}

/// What kind of harmful character `c` is, for the tally.
fn kind(c: char) -> &'static str {
    match c {
        '\u{1b}' => "ESC",
        '\u{7}' => "BEL",
        '\u{80}'..='\u{9f}' => "C1",
        c if c.is_control() => "other control",
        _ => "bidi or invisible",
    }
}

/// `text` without the colour and style sequences (`ESC [ … m`) the search results and
/// error reports use on a terminal; any other escape stays, to be caught.
fn without_colours(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn nothing_from_a_hostile_notebook_reaches_the_terminal() {
    let sandbox = Sandbox::new();
    let root = sandbox.path("notebook\u{1b}]0;root\u{7}\nFAKE LINE");
    hostile::write(&root);
    let fresh = "fresh\u{1b}]0;init\u{7}\nFAKE LINE".to_owned();
    let broken_id = "2024-01-05-broken\u{1b}]0;broken\u{7}";
    let commands: Vec<Vec<&str>> = vec![
        vec![],
        vec!["init", &fresh],
        vec!["init", &fresh],
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", FULL_ID],
        vec!["show", FULL_ID, "--json"],
        vec!["show", OSC_ID],
        vec!["show", NEWLINE_ID],
        vec!["show", "2024-01-06-insight"],
        vec!["show", broken_id],
        vec!["show", "hostile"],
        vec!["search", "hostile"],
        vec!["search", "hostile", "--json"],
        vec!["search", "hostile", "--sort", "date"],
        vec!["check"],
        vec!["check", "--json"],
        vec!["codes"],
        vec!["codes", "--json"],
        vec!["board"],
        vec!["board", "--json"],
        vec!["board", "--format", "md"],
        vec!["board", "trust"],
        vec!["board", "trust", "--json"],
        vec!["board", "trust", "--format", "md", "--group", "study"],
        vec!["matrix", "--cols", "participants"],
        vec!["matrix", "--cols", "places", "--csv"],
        vec!["matrix", "--cols", "codes", "--json"],
        vec!["fmt", "--check"],
        vec!["fmt"],
        vec!["tag", "hostile", "trust"],
        vec!["tag", FULL_ID, "trus"],
        vec!["tag", FULL_ID, "--finding", "9", "trust"],
        vec!["tag", OSC_ID, "trust"],
        vec!["tag", OSC_ID, "trust"],
        vec!["untag", OSC_ID, "trust", "soundtrack"],
        vec!["new", "nonsense", "--no-edit", "--title", "x"],
        vec![
            "new",
            "observation",
            "--title",
            ONE,
            "--dir",
            FOLDER,
            "--no-edit",
        ],
        vec!["index"],
        vec!["index", "--rebuild"],
    ];
    let mut tally = Tally::default();
    let mut runs = Vec::new();
    for args in &commands {
        let run = sandbox.run(&root, args);
        tally.run(&run);
        runs.push(run);
    }
    let ran = |args: &[&str]| {
        let index = commands
            .iter()
            .position(|c| c == args)
            .expect("a command that ran");
        &runs[index]
    };

    // A note typed in the editor with errors is reported, then kept as it is.
    let typed = format!(
        "kind: {}\ntitle: hostile typed\ndate: {}\n",
        hostile::quoted(ONE),
        { hostile::quoted(ONE) }
    );
    // On a terminal, where an editor can run.
    let run = sandbox.run_on_terminal_editing(
        &root,
        &["new", "interview", "--dir", FOLDER],
        &sandbox.editor_writing(&typed),
    );
    assert!(run.stdout.contains("error"), "{}", run.describe());
    tally.check("new interview (editor)", &run.stdout, "", true);

    let (stdout, stderr) = watch(&sandbox, &root);
    tally.check("watch", &stdout, &stderr, false);

    for args in [
        vec!["list"],
        vec!["show", FULL_ID],
        vec!["show", "hostile"],
        vec!["search", "hostile"],
        vec!["check"],
        vec!["codes"],
        vec!["fmt", "--check"],
        vec!["tag", "hostile", "trust"],
        vec!["index"],
    ] {
        let run = sandbox.run_on_terminal(&root, &args);
        tally.check(&format!("{} (terminal)", run.args), &run.stdout, "", true);
    }

    assert!(
        tally.failures.is_empty(),
        "{} of {} outputs of {} commands let harmful characters ({:?}) and {} fake lines \
         through:\n\n{}",
        tally.failures.len(),
        tally.outputs,
        tally.commands,
        tally.harmful,
        tally.fake_lines,
        tally.failures.join("\n\n")
    );
    eprintln!(
        "{} commands, {} outputs: no harmful character, no fake line",
        tally.commands, tally.outputs
    );

    // The commands did their work on the hostile notes, and showed them readably.
    let list = ran(&["list"]);
    list.assert_code(0);
    assert!(list.stdout.contains(READABLE), "{}", list.describe());
    assert!(
        list.stdout.contains("]52;c;TkFNRQ=="),
        "{}",
        list.describe()
    );
    assert!(list.stdout.contains("\\nFAKE LINE"), "{}", list.describe());
    let readable = sandbox.run(&root, &["show", "2024-01-07-readable"]);
    assert!(
        readable
            .stdout
            .contains(&format!("{READABLE}\tafter a tab")),
        "{}",
        readable.describe()
    );
    assert!(
        ran(&["tag", "hostile", "trust"])
            .stderr
            .contains("did you mean")
    );
    assert!(ran(&["check"]).stdout.contains("not a valid code name"));
    assert!(ran(&["fmt"]).stderr.contains("not rewritten"));
    let search = ran(&["search", "hostile"]);
    assert!(search.stdout.contains("]0;pwned"), "{}", search.describe());

    // JSON carries the exact text, with nothing raw in it.
    let shown: serde_json::Value =
        serde_json::from_str(&ran(&["show", FULL_ID, "--json"]).stdout).expect("JSON");
    assert_eq!(shown["title"], ONE);
    assert_eq!(shown["findings"][0]["quote"], ONE);
    let listed: serde_json::Value =
        serde_json::from_str(&ran(&["list", "--json"]).stdout).expect("JSON");
    let ids: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(
        ids.contains(&OSC_ID) && ids.contains(&NEWLINE_ID),
        "{ids:?}"
    );
}

/// What `watch` printed until it said it was watching, then stopped.
fn watch(sandbox: &Sandbox, root: &Path) -> (String, String) {
    let mut child = sandbox.spawn(root, &["watch"]);
    let stderr = child.stderr.take().expect("stderr");
    let (sender, lines) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut stderr = BufReader::new(stderr);
        let mut line = Vec::new();
        while stderr.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
            if sender.send(lossy(&line)).is_err() {
                break;
            }
            line.clear();
        }
    });
    let started = Instant::now();
    let mut seen = String::new();
    while !seen.contains("Watching") && started.elapsed() < Duration::from_secs(30) {
        if let Ok(line) = lines.recv_timeout(Duration::from_millis(100)) {
            seen.push_str(&line);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = reader.join();
    seen.extend(lines.try_iter());
    assert!(seen.contains("Watching"), "watch never started: {seen}");
    let mut stdout = String::new();
    if let Some(mut out) = child.stdout.take() {
        let mut bytes = Vec::new();
        let _ = out.read_to_end(&mut bytes);
        stdout = lossy(&bytes);
    }
    (stdout, seen)
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
