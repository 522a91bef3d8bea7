//! The UI with a team: one key syncs, the conflicts a sync sets aside open on a screen that
//! settles them field by field with both values side by side, and the versions of a note can
//! be read and brought back. Real git, a bare repository as the team's, two clones.

mod common;

use std::path::Path;

use common::team::{Team, edit, git};
use common::ui::{Headless, Ui};
use fieldnotes::tui::Action;
use fieldnotes::tui::app::Screen;
use ratatui::crossterm::event::KeyCode;

const NOTE: &str = "2024-05-02-teen-at-the-gate.yaml";

/// Ana and Ben, who both changed the title and the quote of one note: Ben has shared his.
fn quarrel() -> (Team, std::path::PathBuf, std::path::PathBuf) {
    let (team, ana) = Team::new();
    let path = team.note(&ana, "Teen at the gate");
    assert_eq!(path, NOTE);
    edit(
        &ana,
        NOTE,
        "date: 2024-05-02\n",
        "date: 2024-05-02\nfindings:\n  - did: Plays music aloud\n    quote: Nobody wants my music.\n",
    );
    team.sync(&ana).assert_code(0);
    let ben = team.clone_as("ben");
    edit(&ben, NOTE, "Teen at the gate", "Teen at the ticket gate");
    edit(
        &ben,
        NOTE,
        "Nobody wants my music.",
        "Nobody wants to hear it.",
    );
    team.sync(&ben).assert_code(0);
    edit(&ana, NOTE, "Teen at the gate", "Teen by the gate");
    edit(
        &ana,
        NOTE,
        "Nobody wants my music.",
        "Nobody ever wants my music.",
    );
    (team, ana, ben)
}

fn synced(ui: &mut Ui) -> String {
    ui.ctrl('g');
    ui.settle(|app| !app.syncing);
    ui.runtime.app().message.clone().unwrap_or_default()
}

fn text(clone: &Path) -> String {
    std::fs::read_to_string(clone.join(NOTE)).expect("read the note")
}

#[test]
fn one_key_syncs_and_the_conflicts_open_to_be_settled_field_by_field() {
    let (team, ana, ben) = quarrel();
    let mut ui = Ui::open(&ana, (100, 30));
    let said = synced(&mut ui);
    assert!(said.contains("Fields in conflict in 1 note"), "{said}");
    ui.settle(|app| app.settling.list.as_ref().is_some_and(|l| l.len() == 2));
    assert_eq!(ui.runtime.app().screen, Screen::Settling);
    let screen = ui.screen();
    for shown in [
        "Conflicts with the team: 2 fields in 1 note",
        "Yours",
        "The team's",
        "Teen by the gate",
        "Teen at the ticket gate",
    ] {
        assert!(screen.contains(shown), "{shown:?} in\n{screen}");
    }
    insta::assert_snapshot!("settling_100x30", screen);
    // The note keeps Ana's values until she chooses; nothing has git's markers.
    assert!(text(&ana).contains("title: Teen by the gate"));
    assert!(!text(&ana).contains("<<<<<<<"));

    // The team's title.
    ui.press(KeyCode::Char('T'));
    ui.settle(|app| app.settling.list.as_ref().is_some_and(|l| l.len() == 1));
    assert!(text(&ana).contains("title: Teen at the ticket gate\n"));
    // Both quotes, hers first; the side-by-side shows the quote now.
    let screen = ui.screen();
    assert!(screen.contains("Nobody ever wants my music."), "{screen}");
    assert!(screen.contains("Nobody wants to hear it."), "{screen}");
    ui.runtime.act(
        vec![Action::Resize {
            width: 60,
            height: 20,
        }],
        &mut Headless,
    );
    insta::assert_snapshot!("settling_60x20", ui.screen());
    ui.press(KeyCode::Char('B'));
    ui.settle(|app| app.settling.list.as_ref().is_some_and(Vec::is_empty));
    let now = text(&ana);
    assert!(
        now.contains("Nobody ever wants my music. / Nobody wants to hear it."),
        "{now}"
    );
    assert!(ui.screen().contains("Nothing to settle"), "{}", ui.screen());

    // The next sync shares what she chose, and Ben's sync brings it to him whole.
    let said = synced(&mut ui);
    assert!(said.starts_with("Synced: shared"), "{said}");
    team.sync(&ben).assert_code(0);
    assert_eq!(text(&ben), now);
    let listed = team.sandbox.run(&ana, &["resolve"]);
    listed.assert_code(0);
    assert!(listed.stdout.contains("no conflicts waiting"));
}

#[test]
fn a_field_that_cannot_be_kept_both_ways_says_so_and_editing_settles_it_by_hand() {
    let (team, ana) = Team::new();
    team.note(&ana, "Teen at the gate");
    team.sync(&ana).assert_code(0);
    let ben = team.clone_as("ben");
    edit(&ben, NOTE, "kind: interview", "kind: observation");
    team.sync(&ben).assert_code(0);
    edit(&ana, NOTE, "kind: interview", "kind: meeting");
    let mut ui = Ui::open(&ana, (100, 30));
    synced(&mut ui);
    ui.settle(|app| app.settling.list.as_ref().is_some_and(|l| l.len() == 1));
    let screen = ui.screen();
    assert!(!screen.contains("keep both"), "{screen}");
    ui.press(KeyCode::Char('B'));
    let said = ui.runtime.app().message.clone().unwrap_or_default();
    assert!(said.contains("cannot be kept both ways"), "{said}");
    assert!(text(&ana).contains("kind: meeting"), "nothing was written");
    // Keeping hers settles it; the note is as she left it.
    ui.press(KeyCode::Char('M'));
    ui.settle(|app| app.settling.list.as_ref().is_some_and(Vec::is_empty));
    assert!(text(&ana).contains("kind: meeting"));
    ui.press(KeyCode::Esc);
    assert_eq!(ui.runtime.app().screen, Screen::Browse);
}

#[test]
fn the_versions_of_a_note_show_what_changed_and_one_is_brought_back() {
    let (team, ana, ben) = quarrel();
    // Ana takes Ben's changes first, so the note has a version from each.
    git(&ana, &["checkout", "--", NOTE]);
    team.sync(&ana).assert_code(0);
    let first = text(&ben);
    assert_eq!(text(&ana), first);
    let mut ui = Ui::open(&ana, (100, 30));
    ui.press(KeyCode::Tab);
    ui.settle(|app| app.selected_hit().is_some());
    ui.press(KeyCode::Char('H'));
    ui.settle(|app| {
        app.versions
            .list
            .as_ref()
            .is_some_and(|l| l.as_ref().is_ok_and(|l| l.len() == 2))
            && app.versions.difference.is_some()
    });
    let screen = ui.screen();
    assert!(
        screen.contains("Versions of 2024-05-02-teen-at-the-gate.yaml"),
        "{screen}"
    );
    assert!(screen.contains("ben  title, finding 1 quote"), "{screen}");
    assert!(screen.contains("The note is as it was then."), "{screen}");
    // The version before Ben's: what he changed shows, word by word.
    ui.press(KeyCode::Char('j'));
    ui.settle(|app| app.versions.difference.is_some());
    let screen = ui.screen();
    assert!(screen.contains("What changed from"), "{screen}");
    assert!(
        screen.contains("quote: Nobody wants [-my music.-]{+to hear it.+}"),
        "{screen}"
    );

    // Ana writes something, then brings the older version back: what she wrote is kept.
    edit(
        &ana,
        NOTE,
        "Plays music aloud",
        "Plays music aloud on the platform",
    );
    let written = text(&ana);
    ui.press(KeyCode::Char('R'));
    ui.settle(|app| {
        app.message
            .as_ref()
            .is_some_and(|m| m.starts_with("Brought back"))
    });
    let said = ui.runtime.app().message.clone().unwrap_or_default();
    assert!(text(&ana).contains("quote: Nobody wants my music."));
    let kept = said
        .split_whitespace()
        .find(|w| w.starts_with("refs/fieldnotes/replaced/"))
        .map(|w| w.trim_end_matches('.'))
        .unwrap_or_else(|| panic!("the replaced text is kept: {said}"));
    assert_eq!(git(&ana, &["cat-file", "blob", kept]), written);
    ui.press(KeyCode::Esc);
    assert_eq!(ui.runtime.app().screen, Screen::Browse);
}
