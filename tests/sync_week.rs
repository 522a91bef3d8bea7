//! A week of fieldwork shared through git: Ana and Ben never touch git, and only run
//! fieldnotes (`new`, `tag`, their editor, `rm`, `resolve`, `sync`); Cleo uses git by hand
//! (`commit`, `pull`, `push`) after setting the notebook up once with `fieldnotes init`. Every
//! word anyone wrote is tracked: at the end, each is in every clone, unless a researcher chose
//! another value in a conflict, and then it is still in the history.

mod common;

use std::path::Path;

use common::team::{Team, edit, git};

/// Words written during the week, which must all be found at the end.
#[derive(Default)]
struct Ledger {
    kept: Vec<String>,
    replaced: Vec<String>,
}

impl Ledger {
    /// A new word, unique in the week, that must survive.
    fn word(&mut self, who: &str, day: &str) -> String {
        let word = format!("w{}{who}{day}", self.kept.len() + self.replaced.len());
        self.kept.push(word.clone());
        word
    }

    /// `word` was replaced by a choice in a conflict: it need only be in the history.
    fn replaced(&mut self, word: &str) {
        self.kept.retain(|w| w != word);
        self.replaced.push(word.to_owned());
    }
}

/// Every note's text in `clone`, one after the other.
fn all_notes(clone: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(clone)
        .expect("read the notebook")
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            text.push_str(&std::fs::read_to_string(&path).expect("read"));
        }
    }
    text
}

/// A new note with a finding that holds `words`.
fn interview(team: &Team, clone: &Path, title: &str, words: &[String]) -> String {
    let path = team.note(clone, title);
    let finding = format!(
        "date: 2024-05-02\nfindings:\n  - did: {}\n    quote: {}\n",
        words[0], words[1]
    );
    edit(clone, &path, "date: 2024-05-02\n", &finding);
    path
}

fn sync_ok(team: &Team, clone: &Path) -> String {
    let run = team.sync(clone);
    run.assert_code(0);
    run.stdout
}

#[test]
fn a_week_of_three_researchers_loses_no_word_and_ends_with_one_notebook() {
    let (team, ana) = Team::new();
    let ben = team.clone_as("ben");
    let mut ledger = Ledger::default();

    // Monday: each writes two interviews; the notes cross in both directions.
    let mon = |l: &mut Ledger, who| [l.word(who, "mon"), l.word(who, "mon")];
    let a1 = interview(&team, &ana, "Teen at the gate", &mon(&mut ledger, "ana"));
    let a2 = interview(
        &team,
        &ana,
        "Busker by the stairs",
        &mon(&mut ledger, "ana"),
    );
    let b1 = interview(
        &team,
        &ben,
        "Commuter with one earbud",
        &mon(&mut ledger, "ben"),
    );
    let b2 = interview(&team, &ben, "Kiosk owner at dawn", &mon(&mut ledger, "ben"));
    sync_ok(&team, &ana);
    sync_ok(&team, &ben);
    sync_ok(&team, &ana);
    for path in [&a1, &a2, &b1, &b2] {
        assert!(
            ana.join(path).is_file() && ben.join(path).is_file(),
            "{path}"
        );
    }

    // Tuesday: different fields of one note on each side, and codes added on both: no question.
    let id = |path: &str| path.trim_end_matches(".yaml").to_owned();
    let title = ledger.word("ben", "tue");
    edit(
        &ben,
        &a1,
        "Teen at the gate",
        &format!("Teen at the gate {title}"),
    );
    let run = team
        .sandbox
        .run(&ben, &["tag", &id(&a1), "--new", "belonging"]);
    run.assert_code(0);
    let place = ledger.word("ana", "tue");
    edit(
        &ana,
        &a1,
        "date: 2024-05-02\n",
        &format!("date: 2024-05-02\nplace: {place}\n"),
    );
    let run = team
        .sandbox
        .run(&ana, &["tag", &id(&b1), "--new", "privacy"]);
    run.assert_code(0);
    sync_ok(&team, &ana);
    let said = sync_ok(&team, &ben);
    assert!(!said.contains("conflict"), "{said}");
    sync_ok(&team, &ana);
    let codebook = std::fs::read_to_string(ana.join("codebook.yaml")).expect("codebook");
    assert!(
        codebook.contains("belonging") && codebook.contains("privacy"),
        "{codebook}"
    );

    // Wednesday: both change the same quote. Ben, second to sync, keeps both.
    let quote_b1 = all_notes(&ana)
        .lines()
        .find(|l| l.contains("quote: w") && l.contains("benmon"))
        .map(|l| l.trim().trim_start_matches("quote: ").to_owned())
        .expect("Ben's first quote");
    let hers = ledger.word("ana", "wed");
    let his = ledger.word("ben", "wed");
    edit(&ana, &b1, &quote_b1, &format!("{quote_b1} {hers}"));
    edit(&ben, &b1, &quote_b1, &format!("{quote_b1} {his}"));
    // And the same title, where Ben takes Ana's.
    let (her_title, his_title) = (ledger.word("ana", "wed"), ledger.word("ben", "wed"));
    let busker = "Busker by the stairs";
    edit(&ana, &a2, busker, &format!("{busker} {her_title}"));
    edit(&ben, &a2, busker, &format!("{busker} {his_title}"));
    ledger.replaced(&his_title);
    sync_ok(&team, &ana);
    let run = team.sync(&ben);
    assert!(run.stdout.contains("resolve"), "{}", run.describe());
    let run = team.sandbox.run(&ben, &["resolve", &id(&b1), "--both"]);
    run.assert_code(0);
    let run = team
        .sandbox
        .run(&ben, &["resolve", &id(&a2), "--theirs", "--field", "title"]);
    run.assert_code(0);
    sync_ok(&team, &ben);
    sync_ok(&team, &ana);

    // Thursday: Ana removes a note Ben is still adding to; Ben keeps it. Ana is offline for
    // the afternoon: her work waits, then goes.
    let run = team.sandbox.run(&ana, &["rm", &id(&b2), "--yes"]);
    run.assert_code(0);
    let late = ledger.word("ben", "thu");
    edit(
        &ben,
        &b2,
        "date: 2024-05-02\n",
        &format!("date: 2024-05-02\nbody: {late}\n"),
    );
    sync_ok(&team, &ana);
    let run = team.sync(&ben);
    assert!(run.stdout.contains("resolve"), "{}", run.describe());
    team.sandbox
        .run(&ben, &["resolve", &id(&b2), "--mine"])
        .assert_code(0);
    sync_ok(&team, &ben);
    let away = team.sandbox.path("team-away.git");
    std::fs::rename(&team.remote, &away).expect("take the team's repository away");
    let offline = ledger.word("ana", "thu");
    let a3 = interview(
        &team,
        &ana,
        "Night bus driver",
        &[offline, ledger.word("ana", "thu")],
    );
    let run = team.sync(&ana);
    assert!(run.stdout.contains("saved locally"), "{}", run.describe());
    std::fs::rename(&away, &team.remote).expect("bring it back");
    sync_ok(&team, &ana);
    assert!(ana.join(&b2).is_file(), "Ben kept the note Ana removed");

    // Friday: Cleo joins with git alone, after setting the notebook up once.
    let cleo = team.clone_as("cleo");
    team.sandbox.command_in(&cleo, &["init"]).assert().success();
    assert!(
        git(&cleo, &["config", "merge.fieldnotes.driver"]).contains("merge-driver"),
        "init sets up the merge driver in Cleo's clone"
    );
    let body = ledger.word("ana", "fri");
    edit(
        &ana,
        &a3,
        "date: 2024-05-02\n",
        &format!("date: 2024-05-02\nbody: {body}\n"),
    );
    sync_ok(&team, &ana);
    let study = ledger.word("cleo", "fri");
    edit(
        &cleo,
        &a3,
        "date: 2024-05-02\n",
        &format!("date: 2024-05-02\nstudy: {study}\n"),
    );
    let hers = ledger.word("cleo", "fri");
    std::fs::write(
        cleo.join("2024-05-03-flower-seller.yaml"),
        format!("kind: observation\ntitle: Flower seller\ndate: 2024-05-03\nbody: {hers}\n"),
    )
    .expect("write");
    git(&cleo, &["add", "."]);
    git(&cleo, &["commit", "-q", "-m", "Friday"]);
    git(&cleo, &["pull", "-q", "--no-rebase", "--no-edit"]);
    git(&cleo, &["push", "-q"]);
    let merged = std::fs::read_to_string(cleo.join(&a3)).expect("read");
    assert!(
        merged.contains(&body) && merged.contains(&study),
        "{merged}"
    );
    assert!(!merged.contains("<<<<<<<"), "{merged}");

    // The week ends: everyone takes everything.
    sync_ok(&team, &ana);
    sync_ok(&team, &ben);
    sync_ok(&team, &ana);
    git(&cleo, &["pull", "-q", "--no-rebase", "--no-edit"]);
    let head = |clone: &Path| git(clone, &["rev-parse", "HEAD^{tree}"]);
    assert_eq!(head(&ana), head(&ben));
    assert_eq!(head(&ana), head(&cleo));
    for clone in [&ana, &ben, &cleo] {
        let text = all_notes(clone);
        for word in &ledger.kept {
            assert!(
                text.contains(word.as_str()),
                "{word} in {}",
                clone.display()
            );
        }
        assert!(!text.contains("<<<<<<<"));
        let check = team.sandbox.run(clone, &["check"]);
        assert!(
            !check.stdout.contains("error") && !check.stderr.contains("error"),
            "{}",
            check.describe()
        );
        let status = team.sandbox.run(clone, &["status", "--json"]);
        let status: serde_json::Value = serde_json::from_str(&status.stdout).expect("json");
        assert_eq!(status["ahead"], 0, "{status}");
        assert_eq!(status["behind"], 0, "{status}");
        assert_eq!(status["conflicts"], serde_json::json!([]), "{status}");
    }
    // What was replaced by a choice is still in the history.
    // The choice took effect everywhere, and what it replaced is still in the history.
    let history = git(&ana, &["log", "--all", "-p"]);
    for word in &ledger.replaced {
        assert!(
            !all_notes(&ana).contains(word.as_str()),
            "{word} was replaced"
        );
        assert!(history.contains(word.as_str()), "{word} in the history");
    }
}
