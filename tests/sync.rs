//! `sync` and `status` with real git: a bare repository as the team's, and clones of it as the
//! researchers, driven through the real binary.

mod common;

use common::Sandbox;
use common::team::{Team, edit, git};
use std::path::Path;

#[test]
fn two_researchers_adding_notes_both_end_with_both() {
    let (team, ana) = Team::new();
    let ben = team.clone_as("ben");
    let hers = team.note(&ana, "Busker at the south exit");
    let his = team.note(&ben, "Commuter with one earbud");
    let run = team.sync(&ana);
    run.assert_code(0);
    assert!(
        run.stdout.contains("saved: fieldnotes: 1 note added"),
        "{}",
        run.describe()
    );
    assert!(run.stdout.contains("shared 1 commit"), "{}", run.describe());
    // Ben's branch went another way: his commit and Ana's are merged, never rebased.
    let run = team.sync(&ben);
    run.assert_code(0);
    assert!(
        run.stdout.contains("took 1 from the team"),
        "{}",
        run.describe()
    );
    team.sync(&ana).assert_code(0);
    for clone in [&ana, &ben] {
        assert!(clone.join(&hers).is_file() && clone.join(&his).is_file());
    }
    let parents = git(&ben, &["log", "-1", "--format=%P"]);
    assert_eq!(parents.split_whitespace().count(), 2, "a merge commit");
    // Nothing left to do: a second sync says so.
    let run = team.sync(&ben);
    run.assert_code(0);
    assert!(
        run.stdout.contains("nothing new to save") && run.stdout.contains("up to date"),
        "{}",
        run.describe()
    );
    let status = team.sandbox.run(&ben, &["status"]);
    status.assert_code(0);
    assert!(
        status.stdout.contains("nothing new to save"),
        "{}",
        status.describe()
    );
}

#[test]
fn the_same_field_changed_both_ways_is_set_aside_and_settled_field_by_field() {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Quote to argue about");
    edit(
        &ana,
        &path,
        "date: 2024-05-02\n",
        "date: 2024-05-02\nplace: Shibuya  # south exit\nfindings:\n  - quote: The radio is heavy.\n",
    );
    team.sync(&ana).assert_code(0);
    let ben = team.clone_as("ben");
    edit(
        &ana,
        &path,
        "The radio is heavy.",
        "The radio is too heavy.",
    );
    edit(&ben, &path, "The radio is heavy.", "The radio is too loud.");
    edit(
        &ben,
        &path,
        "title: Quote to argue about",
        "title: A quote both heard",
    );
    team.sync(&ana).assert_code(0);
    // The merge goes on: Ben's title change and Ana's are both fine, the quote is set aside.
    let run = team.sync(&ben);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("1 note has fields both you and the team changed")
            && run
                .stdout
                .contains("2024-05-02-quote-to-argue-about: finding 1 quote"),
        "{}",
        run.describe()
    );
    let text = std::fs::read_to_string(ben.join(&path)).expect("read");
    assert!(!text.contains("<<<<<<<"), "no conflict markers: {text}");
    assert!(
        text.contains("quote: The radio is too loud.\n"),
        "his stays: {text}"
    );
    assert!(text.contains("title: A quote both heard\n"), "{text}");
    assert!(!ben.join(".git/MERGE_HEAD").exists(), "no half-done merge");
    let kept = git(
        &ben,
        &["for-each-ref", "--format=%(refname)", "refs/fieldnotes/"],
    );
    assert_eq!(kept.lines().count(), 2, "both tips kept: {kept}");
    // Both values, side by side, then settled: both kept, one after the other.
    let listed = team.sandbox.run(&ben, &["resolve"]);
    listed.assert_code(1);
    assert!(
        listed.stdout.contains("yours   The radio is too loud.")
            && listed.stdout.contains("theirs  The radio is too heavy."),
        "{}",
        listed.describe()
    );
    let check = team.sandbox.run(&ben, &["check"]);
    assert!(
        check
            .stdout
            .contains("warning: both you and the team changed `finding 1 quote`"),
        "{}",
        check.describe()
    );
    let id = "2024-05-02-quote-to-argue-about";
    team.sandbox
        .run(&ben, &["resolve", id, "--both"])
        .assert_code(0);
    let text = std::fs::read_to_string(ben.join(&path)).expect("read");
    assert!(
        text.contains("quote: The radio is too loud. / The radio is too heavy.\n"),
        "{text}"
    );
    assert!(
        text.contains("place: Shibuya  # south exit\n"),
        "comments stay: {text}"
    );
    let run = team.sync(&ben);
    run.assert_code(0);
    team.sync(&ana).assert_code(0);
    let hers = std::fs::read_to_string(ana.join(&path)).expect("read");
    assert_eq!(hers, text, "both clones agree");
    team.sandbox.run(&ben, &["resolve"]).assert_code(0);
}

#[test]
fn taking_theirs_settles_a_conflict() {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Teen at the gate");
    team.sync(&ana).assert_code(0);
    let ben = team.clone_as("ben");
    edit(
        &ana,
        &path,
        "title: Teen at the gate",
        "title: Teen at the barrier",
    );
    edit(
        &ben,
        &path,
        "title: Teen at the gate",
        "title: Boy at the gate",
    );
    team.sync(&ana).assert_code(0);
    team.sync(&ben).assert_code(1);
    team.sandbox
        .run(
            &ben,
            &["resolve", "2024-05-02-teen-at-the-gate", "--theirs"],
        )
        .assert_code(0);
    let text = std::fs::read_to_string(ben.join(&path)).expect("read");
    assert!(text.contains("title: Teen at the barrier\n"), "{text}");
    team.sync(&ben).assert_code(0);
}

#[test]
fn offline_the_commit_waits_and_is_shared_once_the_team_is_back() {
    let (team, ana) = Team::new();
    team.note(&ana, "Written on the train");
    let away = team.sandbox.path("team-away.git");
    std::fs::rename(&team.remote, &away).expect("take the remote away");
    let run = team.sync(&ana);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("saved locally, 1 commit is not yet shared"),
        "{}",
        run.describe()
    );
    assert!(
        git(&ana, &["status", "--porcelain"]).is_empty(),
        "committed"
    );
    let status = team.sandbox.run(&ana, &["status", "--json"]);
    status.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&status.stdout).expect("json");
    assert_eq!(json["ahead"], 1, "{}", status.describe());
    assert_eq!(json["behind"], 0, "{}", status.describe());
    assert_eq!(json["upstream"], "origin/main", "{}", status.describe());
    std::fs::rename(&away, &team.remote).expect("bring it back");
    let run = team.sync(&ana);
    run.assert_code(0);
    assert!(run.stdout.contains("shared 1 commit"), "{}", run.describe());
}

#[test]
fn without_a_remote_sync_saves_here_and_says_how_to_share() {
    let sandbox = Sandbox::new();
    let notebook = sandbox.path("nb");
    std::fs::create_dir(&notebook).expect("mkdir");
    git(&notebook, &["init", "-q", "-b", "main"]);
    git(&notebook, &["config", "user.name", "solo"]);
    git(&notebook, &["config", "user.email", "solo@example.org"]);
    sandbox.command_in(&notebook, &["init"]).assert().success();
    let run = sandbox.run(&notebook, &["sync"]);
    run.assert_code(0);
    assert!(run.stdout.contains("saved here only"), "{}", run.describe());
    assert!(
        run.stdout.contains("git remote add origin"),
        "{}",
        run.describe()
    );
    let log = git(&notebook, &["log", "--format=%s"]);
    assert!(log.starts_with("fieldnotes: "), "{log}");
}

#[test]
fn sync_refuses_outside_git_mid_merge_and_on_a_detached_head() {
    let sandbox = Sandbox::new();
    let lone = sandbox.path("lone");
    // A notebook in no repository (the sandbox is outside any).
    std::fs::create_dir_all(&lone).expect("mkdir");
    std::fs::write(lone.join("fieldnotes.yaml"), "name: lone\n").expect("write");
    let run = sandbox.run(&lone, &["sync"]);
    run.assert_code(3);
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.describe()
    );
    assert!(run.stderr.contains("git init"), "{}", run.describe());

    let (team, ana) = Team::new();
    let head = git(&ana, &["rev-parse", "HEAD"]);
    git(&ana, &["checkout", "-q", "--detach", head.trim()]);
    let run = team.sync(&ana);
    run.assert_code(3);
    assert!(run.stderr.contains("detached HEAD"), "{}", run.describe());
    git(&ana, &["checkout", "-q", "main"]);

    std::fs::write(ana.join(".git/MERGE_HEAD"), head).expect("a merge in progress");
    team.note(&ana, "Written mid-merge");
    let run = team.sync(&ana);
    run.assert_code(3);
    assert!(
        run.stderr.contains("middle of a merge"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr.contains("git merge --abort"),
        "{}",
        run.describe()
    );
    assert_eq!(
        git(&ana, &["rev-list", "--count", "HEAD"]).trim(),
        "1",
        "nothing committed"
    );
}

#[test]
fn a_notebook_in_a_larger_repository_commits_only_its_own_files() {
    let (team, ana) = Team::new();
    let outside = team.sandbox.path("project");
    std::fs::create_dir(&outside).expect("mkdir");
    git(&outside, &["init", "-q", "-b", "main"]);
    git(&outside, &["config", "user.name", "ana"]);
    git(&outside, &["config", "user.email", "ana@example.org"]);
    std::fs::write(outside.join("plan.md"), "draft\n").expect("write");
    git(&outside, &["add", "plan.md"]);
    let research = outside.join("research");
    team.sandbox
        .command_in(&outside, &["init", "research"])
        .assert()
        .success();
    std::fs::write(research.join("photo.jpg"), "not a note").expect("write");
    let run = team.sandbox.run(&research, &["sync"]);
    run.assert_code(0);
    let committed = git(&outside, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        committed.lines().all(|l| l.starts_with("research/")),
        "{committed}"
    );
    assert!(!committed.contains("photo.jpg"), "{committed}");
    assert!(
        run.stderr.contains("left out: 1 file"),
        "{}",
        run.describe()
    );
    // What the user staged outside the notebook stays staged, uncommitted.
    let staged = git(&outside, &["diff", "--cached", "--name-only"]);
    assert_eq!(staged.trim(), "plan.md");
    drop(ana);
}

#[test]
fn a_commit_hook_that_refuses_stops_the_sync_and_loses_nothing() {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Hook will refuse this");
    let hook = ana.join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\necho 'no notes on Fridays' >&2\nexit 1\n").expect("hook");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let run = team.sync(&ana);
    run.assert_code(3);
    assert!(
        run.stderr.contains("no notes on Fridays"),
        "{}",
        run.describe()
    );
    assert!(ana.join(&path).is_file());
    assert_eq!(git(&ana, &["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn a_broken_note_and_a_huge_file_are_held_back_and_said() {
    let (team, ana) = Team::new();
    std::fs::write(
        ana.join("2024-05-03-broken.yaml"),
        "kind: interview\ntitle: [\n",
    )
    .expect("write");
    std::fs::write(
        ana.join("fieldnotes.yaml"),
        "name: Street study\nsync_limit_mb: 1\n",
    )
    .expect("write");
    let big = format!(
        "kind: interview\ntitle: Long\ndate: 2024-05-04\nbody: {}\n",
        "x".repeat(2 << 20)
    );
    std::fs::write(ana.join("2024-05-04-long.yaml"), big).expect("write");
    let good = team.note(&ana, "A good one");
    let run = team.sync(&ana);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("not shared: 2024-05-03-broken.yaml (it has errors"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr
            .contains("not shared: 2024-05-04-long.yaml (3 MB, over the 1 MB"),
        "{}",
        run.describe()
    );
    let committed = git(&ana, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        committed.contains(&good) && committed.contains("fieldnotes.yaml"),
        "{committed}"
    );
    assert!(
        !committed.contains("broken") && !committed.contains("long"),
        "{committed}"
    );
}

#[test]
fn different_fields_of_one_note_and_new_codes_merge_with_no_question() {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Teen at the gate");
    edit(
        &ana,
        &path,
        "date: 2024-05-02\n",
        "date: 2024-05-02\ntags: [commute]  # seen twice\nfindings:\n  - did: turns the radio off\n    why: [autonomy]\n",
    );
    team.sync(&ana).assert_code(0);
    let ben = team.clone_as("ben");
    // Ana: a new title, a code on the finding, a new code in the codebook.
    edit(
        &ana,
        &path,
        "title: Teen at the gate",
        "title: Teen at the ticket gate",
    );
    edit(&ana, &path, "why: [autonomy]", "why: [autonomy, shame]");
    team.sandbox
        .run(
            &ana,
            &["tag", "2024-05-02-teen-at-the-gate", "--new", "shame"],
        )
        .assert_code(0);
    // Ben: a second finding, another code on the first, another new code.
    edit(
        &ben,
        &path,
        "why: [autonomy]\n",
        "why: [autonomy, courtesy]\n  - did: walks on\n",
    );
    team.sandbox
        .run(
            &ben,
            &["tag", "2024-05-02-teen-at-the-gate", "--new", "courtesy"],
        )
        .assert_code(0);
    team.sync(&ana).assert_code(0);
    let run = team.sync(&ben);
    run.assert_code(0);
    assert!(
        run.stdout.contains("took 1 from the team"),
        "{}",
        run.describe()
    );
    let text = std::fs::read_to_string(ben.join(&path)).expect("read");
    assert!(text.contains("title: Teen at the ticket gate\n"), "{text}");
    assert!(
        text.contains("why: [autonomy, courtesy, shame]\n"),
        "{text}"
    );
    assert!(text.contains("  - did: walks on\n"), "{text}");
    assert!(
        text.contains("tags: [commute]  # seen twice\n"),
        "comments stay: {text}"
    );
    assert!(!text.contains("<<<<<<<"), "{text}");
    let codebook = std::fs::read_to_string(ben.join("codebook.yaml")).expect("read");
    assert!(
        codebook.contains("- name: shame") && codebook.contains("- name: courtesy"),
        "{codebook}"
    );
    team.sandbox.run(&ben, &["check"]).assert_code(0);
}

#[test]
fn a_plain_git_pull_merges_notes_field_by_field_too() {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Teen at the gate");
    team.sync(&ana).assert_code(0);
    let ben = team.clone_as("ben");
    team.sync(&ben).assert_code(0);
    edit(
        &ben,
        &path,
        "title: Teen at the gate",
        "title: Teen at the ticket gate",
    );
    team.sync(&ben).assert_code(0);
    // Ana uses git by hand: a commit and a pull, with the driver her first sync set up.
    edit(
        &ana,
        &path,
        "date: 2024-05-02\n",
        "date: 2024-05-02\nplace: Shibuya\n",
    );
    git(&ana, &["commit", "-q", "-am", "place"]);
    git(&ana, &["pull", "-q", "--no-rebase", "--no-edit"]);
    let text = std::fs::read_to_string(ana.join(&path)).expect("read");
    assert!(
        text.contains("title: Teen at the ticket gate\n") && text.contains("place: Shibuya\n"),
        "{text}"
    );
    let attributes = std::fs::read_to_string(ana.join(".gitattributes")).expect("read");
    assert!(
        attributes.contains("*.yaml merge=fieldnotes"),
        "{attributes}"
    );
}

#[test]
fn history_shows_who_changed_which_field_and_brings_a_version_back() {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Teen at the gate");
    edit(
        &ana,
        &path,
        "date: 2024-05-02\n",
        "date: 2024-05-02\nfindings:\n  - quote: Nobody wants my music.\n",
    );
    team.sync(&ana).assert_code(0);
    let ben = team.clone_as("ben");
    edit(
        &ben,
        &path,
        "Nobody wants my music.",
        "Nobody wants to hear my music.",
    );
    team.sync(&ben).assert_code(0);
    team.sync(&ana).assert_code(0);
    let id = "2024-05-02-teen-at-the-gate";
    let run = team.sandbox.run(&ana, &["history", id]);
    run.assert_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.describe());
    assert!(
        lines[0].contains("  ben  finding 1 quote"),
        "{}",
        run.describe()
    );
    assert!(lines[1].contains("  ana  written"), "{}", run.describe());
    let first = lines[1].split_whitespace().next().expect("a commit");
    // What the quote said before Ben's edit.
    let shown = team.sandbox.run(&ana, &["history", id, "--show", first]);
    shown.assert_code(0);
    assert!(
        shown.stdout.contains("quote: Nobody wants my music."),
        "{}",
        shown.describe()
    );
    let diff = team.sandbox.run(&ana, &["history", id, "--diff", first]);
    diff.assert_code(0);
    assert!(diff.stdout.contains("{+to hear+}"), "{}", diff.describe());
    // Brought back as a new change; Ben's version stays in the history, and what Ana had
    // written since her last sync is kept under a ref.
    edit(
        &ana,
        &path,
        "Nobody wants to hear my music.",
        "Nobody, ever.",
    );
    let unsynced = std::fs::read_to_string(ana.join(&path)).expect("read");
    let back = team.sandbox.run(&ana, &["history", id, "--restore", first]);
    back.assert_code(0);
    let text = std::fs::read_to_string(ana.join(&path)).expect("read");
    assert!(text.contains("quote: Nobody wants my music.\n"), "{text}");
    let kept = back
        .stdout
        .split_whitespace()
        .find(|w| w.starts_with("refs/fieldnotes/replaced/"))
        .unwrap_or_else(|| panic!("{}", back.describe()));
    assert_eq!(git(&ana, &["cat-file", "blob", kept]), unsynced);
    let status = team.sandbox.run(&ana, &["status"]);
    assert!(
        status.stdout.contains("to save: 1 note changed"),
        "{}",
        status.describe()
    );
    team.sync(&ana).assert_code(0);
    let run = team.sandbox.run(&ana, &["history", id]);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.describe());
}

#[test]
fn settings_changed_on_the_same_line_are_not_merged_and_get_no_markers() {
    let (team, ana) = Team::new();
    let ben = team.clone_as("ben");
    let settings = |clone: &Path, name: &str| {
        std::fs::write(
            clone.join("fieldnotes.yaml"),
            format!("name: {name}\nlanguage: en\n"),
        )
        .expect("write");
    };
    settings(&ana, "Street study, Tokyo");
    settings(&ben, "Street study, Osaka");
    team.sync(&ana).assert_code(0);
    let run = team.sync(&ben);
    run.assert_code(1);
    assert!(
        run.stdout.contains("nothing was merged"),
        "{}",
        run.describe()
    );
    assert!(run.stdout.contains("fieldnotes.yaml"), "{}", run.describe());
    let text = std::fs::read_to_string(ben.join("fieldnotes.yaml")).expect("read");
    assert_eq!(text, "name: Street study, Osaka\nlanguage: en\n");
    assert!(!ben.join(".git/MERGE_HEAD").exists());
}

#[test]
fn one_key_in_the_ui_syncs_in_the_background_and_brings_the_teams_notes() {
    let team = Sandbox::new();
    let remote = team.path("team.git");
    git(
        team.home(),
        &["init", "-q", "--bare", "-b", "main", "team.git"],
    );
    let mut ui = common::ui::Ui::changed_sample((100, 30), |root| {
        git(root, &["init", "-q", "-b", "main"]);
        git(root, &["config", "user.name", "ana"]);
        git(root, &["config", "user.email", "ana@example.org"]);
        git(
            root,
            &["remote", "add", "origin", &remote.to_string_lossy()],
        );
    });
    let synced = |ui: &mut common::ui::Ui| {
        ui.ctrl('g');
        assert!(ui.runtime.app().syncing || ui.runtime.app().message.is_some());
        ui.settle(|app| !app.syncing);
        ui.runtime.app().message.clone().unwrap_or_default()
    };
    let said = synced(&mut ui);
    assert!(said.starts_with("Synced: shared 1 commit"), "{said}");
    assert!(said.contains("1 file held back"), "the broken note: {said}");
    // The status bar says what is not shared yet: the held-back note, then a note changed.
    ui.settle(|app| !app.looking);
    assert_eq!(ui.runtime.app().standing.map(|s| s.changed), Some(1));
    std::fs::write(
        ui.root().join("1979-04-10-late-entry.yaml"),
        "kind: observation\ntitle: Late entry\ndate: 1979-04-10\n",
    )
    .expect("write");
    ui.settle(|app| app.standing.is_some_and(|s| s.changed == 2));
    ui.runtime.act(
        vec![fieldnotes::tui::Action::Back],
        &mut common::ui::Headless,
    );
    assert!(ui.screen().contains("2 to share"), "{}", ui.screen());
    // A teammate adds a note and shares it; one key brings it, and search finds it.
    let ben = team.path("ben");
    git(
        team.home(),
        &["clone", "-q", &remote.to_string_lossy(), "ben"],
    );
    git(&ben, &["config", "user.name", "ben"]);
    git(&ben, &["config", "user.email", "ben@example.org"]);
    std::fs::write(
        ben.join("1979-04-09-cassette-swap-meet.yaml"),
        "kind: observation\ntitle: Cassette swap meet under the tracks\ndate: 1979-04-09\n",
    )
    .expect("write");
    git(&ben, &["add", "."]);
    git(&ben, &["commit", "-q", "-m", "swap meet"]);
    git(&ben, &["push", "-q"]);
    let said = synced(&mut ui);
    assert!(said.contains("took 1 from the team"), "{said}");
    ui.type_text("swap meet");
    ui.settle(|app| {
        app.browse
            .hits
            .iter()
            .any(|h| h.title.contains("Cassette swap meet"))
    });
}

#[test]
fn a_push_refused_because_the_team_pushed_first_is_merged_and_pushed_again() {
    let (team, ana) = Team::new();
    let ben = team.clone_as("ben");
    team.note(&ben, "Ben's note, pushed while Ana syncs");
    git(&ben, &["add", "."]);
    git(&ben, &["commit", "-q", "-m", "ben"]);
    team.note(&ana, "Ana's note");
    // Ben pushes between Ana's fetch and her push: her pre-push hook makes him, once.
    let mark = team.sandbox.path("ben-pushed");
    let hook = ana.join(".git/hooks/pre-push");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nif [ ! -e '{mark}' ]; then\n  touch '{mark}'\n  \
             env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE git -C '{ben}' push -q\nfi\n",
            mark = mark.display(),
            ben = ben.display()
        ),
    )
    .expect("hook");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let run = team.sync(&ana);
    run.assert_code(0);
    assert!(mark.exists(), "Ben pushed first");
    assert!(
        run.stdout.contains("took 1 from the team"),
        "{}",
        run.describe()
    );
    let remote_log = git(&team.remote, &["log", "--format=%an", "main"]);
    assert!(
        remote_log.contains("ben") && remote_log.contains("ana"),
        "{remote_log}"
    );
    assert_eq!(git(&ana, &["status", "--porcelain"]), "");
}

#[test]
fn a_note_deleted_on_one_side_and_edited_on_the_other_is_kept_until_settled() {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Edited here, deleted there");
    let other = team.note(&ana, "Deleted here, edited there");
    team.sync(&ana).assert_code(0);
    let ben = team.clone_as("ben");
    std::fs::remove_file(ben.join(&path)).expect("Ben deletes one");
    edit(
        &ben,
        &other,
        "date: 2024-05-02\n",
        "date: 2024-05-02\nplace: Osaka\n",
    );
    team.sync(&ben).assert_code(0);
    edit(
        &ana,
        &path,
        "date: 2024-05-02\n",
        "date: 2024-05-02\nplace: Tokyo\n",
    );
    std::fs::remove_file(ana.join(&other)).expect("Ana deletes the other");
    let run = team.sync(&ana);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("2024-05-02-edited-here-deleted-there: deleted by the team")
            && run
                .stdout
                .contains("2024-05-02-deleted-here-edited-there: deleted by you"),
        "{}",
        run.describe()
    );
    // Both edited versions are there, whole; nothing is lost until a choice is made.
    let kept = std::fs::read_to_string(ana.join(&path)).expect("hers is kept");
    assert!(kept.contains("place: Tokyo"), "{kept}");
    let theirs = std::fs::read_to_string(ana.join(&other)).expect("his is kept");
    assert!(theirs.contains("place: Osaka"), "{theirs}");
    let check = team.sandbox.run(&ana, &["check"]);
    assert!(
        check
            .stdout
            .contains("the team deleted this note while you edited it"),
        "{}",
        check.describe()
    );
    // She agrees with Ben about the first, and keeps her deletion of the second.
    team.sandbox
        .run(
            &ana,
            &[
                "resolve",
                "2024-05-02-edited-here-deleted-there",
                "--theirs",
            ],
        )
        .assert_code(0);
    team.sandbox
        .run(
            &ana,
            &["resolve", "2024-05-02-deleted-here-edited-there", "--mine"],
        )
        .assert_code(0);
    assert!(!ana.join(&path).exists() && !ana.join(&other).exists());
    team.sync(&ana).assert_code(0);
    team.sync(&ben).assert_code(0);
    assert!(!ben.join(&path).exists() && !ben.join(&other).exists());
    team.sandbox.run(&ana, &["resolve"]).assert_code(0);
}

#[test]
fn a_note_left_with_conflict_markers_by_hand_is_settled_field_by_field() {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Teen at the gate");
    let file = ana.join(&path);
    let text = std::fs::read_to_string(&file).expect("read");
    // What a hand merge with git's line merge leaves.
    let marked = text.replace(
        "title: Teen at the gate\n",
        "<<<<<<< HEAD\ntitle: Teen at the barrier\nplace: Shibuya\n=======\ntitle: Boy at the gate\nplace: Shibuya\n>>>>>>> origin/main\n",
    );
    std::fs::write(&file, marked).expect("write");
    let check = team.sandbox.run(&ana, &["check"]);
    check.assert_code(1);
    assert!(
        check.stdout.contains("fieldnotes resolve ID"),
        "{}",
        check.describe()
    );
    let run = team.sandbox.run(
        &ana,
        &["resolve", "2024-05-02-teen-at-the-gate", "--theirs"],
    );
    run.assert_code(0);
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(
        !text.contains("<<<<<<<") && !text.contains("======="),
        "{text}"
    );
    assert!(
        text.contains("title: Boy at the gate\n") && text.contains("place: Shibuya\n"),
        "{text}"
    );
    team.sandbox.run(&ana, &["check"]).assert_code(0);
    team.sandbox.run(&ana, &["resolve"]).assert_code(0);
}

#[test]
fn notes_with_spaces_quotes_and_line_breaks_in_their_names_are_shared() {
    let (team, ana) = Team::new();
    let names = [
        "2024-05-02-a note with spaces.yaml",
        "2024-05-03-ä'ö \"quoted\".yaml",
        "2024-05-04-line\nbreak.yaml",
        "study one/2024-05-05-in a folder.yaml",
    ];
    for name in names {
        let path = ana.join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(
            &path,
            "kind: observation\ntitle: Odd name\ndate: 2024-05-02\n",
        )
        .expect("write");
    }
    // A note held back makes the sync name each file to git rather than the whole folder.
    std::fs::write(ana.join("2024-05-06-broken.yaml"), "kind: [\n").expect("write");
    let run = team.sync(&ana);
    run.assert_code(1);
    assert!(run.stdout.contains("4 notes added"), "{}", run.describe());
    let ben = team.clone_as("ben");
    assert!(!ben.join("2024-05-06-broken.yaml").exists());
    for name in names {
        assert!(ben.join(name).is_file(), "{name:?} reached the team");
    }
}

#[test]
fn hand_made_markers_in_codes_settle_and_a_deletion_taken_keeps_the_words_written_since() {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Teen at the gate");
    team.sync(&ana).assert_code(0);
    // A hand merge left the two versions' codes between markers.
    let file = ana.join(&path);
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(
        &file,
        text.replacen(
            "date: 2024-05-02\n",
            "date: 2024-05-02\n<<<<<<< HEAD\nwhy: [trust]\n=======\nwhy: [escape]\n>>>>>>> origin/main\n",
            1,
        ),
    )
    .expect("write");
    let id = path.trim_end_matches(".yaml");
    let listed = team.sandbox.run(&ana, &["resolve"]);
    assert!(
        listed.stdout.contains("theirs  - escape"),
        "{}",
        listed.describe()
    );
    team.sandbox
        .run(&ana, &["resolve", id, "--both"])
        .assert_code(0);
    let settled = std::fs::read_to_string(&file).expect("read");
    assert!(settled.contains("why: [trust, escape]"), "{settled}");
    assert!(!settled.contains("<<<<<<<"), "{settled}");
    team.sync(&ana).assert_code(0);

    // Ben deletes the note; Ana edits it, syncs, and takes the deletion: her words stay in git.
    let ben = team.clone_as("ben");
    git(&ben, &["rm", "-q", &path]);
    git(&ben, &["commit", "-q", "-m", "gone"]);
    git(&ben, &["push", "-q"]);
    edit(
        &ana,
        &path,
        "Teen at the gate",
        "Teen at the gate, seen again",
    );
    team.sync(&ana);
    edit(&ana, &path, "seen again", "seen again on Friday");
    let written = std::fs::read_to_string(&file).expect("read");
    let run = team.sandbox.run(&ana, &["resolve", id, "--theirs"]);
    run.assert_code(0);
    assert!(!file.exists());
    let kept = git(
        &ana,
        &[
            "for-each-ref",
            "--format=%(refname)",
            "refs/fieldnotes/replaced/",
        ],
    );
    let kept = kept
        .lines()
        .last()
        .unwrap_or_else(|| panic!("a ref: {}", run.describe()));
    assert_eq!(git(&ana, &["cat-file", "blob", kept]), written);
}
