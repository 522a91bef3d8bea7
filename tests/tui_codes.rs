//! Reshaping the codebook from the why board, on a copy of the sample notebook: the selected
//! code renamed, split one key a use, merged and retired, each counted before Enter makes it,
//! the files on disk changed in their code lists only, and the board counting the new codes
//! at once. Snapshots of the form at 100x30 and 60x20.

mod common;

use std::path::Path;

use common::ui::{Ui, board_counted};
use fieldnotes::tui::board::changing::Preview;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Splits private-soundtrack into inner-world and shut-out-noise, and waits for its uses.
fn split_listed(ui: &mut Ui) {
    ui.select_code("private-soundtrack");
    ui.press(KeyCode::Char('S'));
    ui.type_text("inner-world");
    ui.press(KeyCode::Tab);
    ui.type_text("shut-out-noise");
    ui.press(KeyCode::Enter);
    ui.settle(|app| app.board.changing.as_ref().is_some_and(|c| c.choosing()));
}

/// Waits for the form's count of what the change would do, or its refusal.
fn counted_change(ui: &mut Ui) -> Preview {
    ui.settle(|app| {
        app.board
            .changing
            .as_ref()
            .is_some_and(|c| matches!(c.preview, Preview::Would(_) | Preview::Refused(_)))
    });
    let c = ui.runtime.app().board.changing.as_ref();
    c.map(|c| c.preview.clone()).expect("a change")
}

/// Presses Enter and waits for the change to be written and the board counted again.
fn make_it(ui: &mut Ui) {
    ui.press(KeyCode::Enter);
    ui.settle(|app| app.board.changing.is_none() && board_counted(app));
}

/// Every YAML file under `dir` with how many of its lines name `code` as a list item.
fn uses(dir: &Path, code: &str) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            count += uses(&path, code);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).expect("read");
            count += text
                .lines()
                .filter(|l| {
                    let l = l.trim();
                    l == format!("- {code}")
                        || (l.starts_with("why: [") && l.contains(code))
                        || l.ends_with(&format!("name: {code}"))
                })
                .count();
        }
    }
    count
}

#[test]
fn a_code_renamed_on_the_board_is_renamed_in_every_note_and_counted_at_once() {
    let mut ui = Ui::sample((100, 30));
    ui.open_board();
    ui.select_code("own-pace");
    let before = uses(&ui.root(), "own-pace");
    assert!(before > 3);
    ui.press(KeyCode::Char('r'));
    ui.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    ui.type_text("own-tempo");
    let Preview::Would(would) = counted_change(&mut ui) else {
        panic!("not counted:\n{}", ui.screen());
    };
    assert_eq!(
        would,
        "Would rename own-pace to own-tempo in 4 notes (4 findings)."
    );
    insta::assert_snapshot!("board_rename_100x30", ui.screen());
    make_it(&mut ui);
    assert_eq!(uses(&ui.root(), "own-pace"), 0);
    assert_eq!(uses(&ui.root(), "own-tempo"), before);
    let app = ui.runtime.app();
    assert_eq!(
        app.board.selected_row().map(|r| r.name.as_str()),
        Some("own-tempo")
    );
    assert_eq!(
        app.message.as_deref(),
        Some("Renamed own-pace to own-tempo in 4 notes (4 findings).")
    );
    let screen = ui.screen();
    assert!(screen.contains("own-tempo             4     4"), "{screen}");
}

#[test]
fn a_code_split_on_the_board_takes_one_key_for_each_use() {
    let mut ui = Ui::sample((100, 30));
    ui.open_board();
    split_listed(&mut ui);
    let (_, all) = ui
        .runtime
        .app()
        .board
        .changing
        .as_ref()
        .expect("a split")
        .chosen();
    assert!(all > 20, "{all} uses");
    insta::assert_snapshot!("board_split_100x30", ui.screen());
    // The first use both parts, the second the second part, every other the first.
    ui.press(KeyCode::Char('3'));
    ui.press(KeyCode::Char('2'));
    for _ in 2..all {
        ui.press(KeyCode::Char('1'));
    }
    let Preview::Would(would) = counted_change(&mut ui) else {
        panic!("not counted:\n{}", ui.screen());
    };
    assert!(
        would.starts_with("Would split private-soundtrack into inner-world and shut-out-noise in")
    );
    make_it(&mut ui);
    let root = ui.root();
    assert_eq!(uses(&root, "private-soundtrack"), 0);
    assert_eq!(
        uses(&root, "shut-out-noise"),
        3,
        "two uses and the codebook"
    );
    assert_eq!(uses(&root, "inner-world"), all);
}

#[test]
fn a_change_one_note_blocks_is_refused_with_that_note_and_changes_nothing() {
    let mut ui = Ui::changed_sample((100, 30), |root| {
        std::fs::write(
            root.join("portable-music/1979-04-01-commented.yaml"),
            "kind: observation\ntitle: A radio\ndate: 1979-04-01\nwhy:\n  - habit\n  # the word that fits best\n  - escape\n",
        )
        .expect("write");
    });
    ui.open_board();
    ui.select_code("escape");
    let before = uses(&ui.root(), "escape");
    ui.press(KeyCode::Char('M'));
    ui.type_text("habit");
    let Preview::Refused(why) = counted_change(&mut ui) else {
        panic!("not refused:\n{}", ui.screen());
    };
    assert!(why.contains("1979-04-01-commented.yaml"), "{why}");
    ui.press(KeyCode::Enter);
    assert!(ui.runtime.app().board.changing.is_some());
    assert_eq!(uses(&ui.root(), "escape"), before);
    ui.press(KeyCode::Esc);
    assert!(ui.runtime.app().board.changing.is_none());
}

#[test]
fn a_code_retired_on_the_board_goes_into_another() {
    let mut ui = Ui::sample((100, 30));
    ui.open_board();
    ui.select_code("discovery");
    let moved = uses(&ui.root(), "discovery") - 1;
    let habit = uses(&ui.root(), "habit");
    ui.press(KeyCode::Char('x'));
    // Dropping a code from every note is asked for in so many words, not by Enter.
    let asks = ui
        .runtime
        .app()
        .board
        .changing
        .as_ref()
        .map(|c| c.preview.clone());
    assert!(
        matches!(&asks, Some(Preview::Hint(hint)) if hint.contains("- to drop them")),
        "{asks:?}"
    );
    ui.press(KeyCode::Enter);
    assert_eq!(uses(&ui.root(), "discovery"), moved + 1);
    ui.type_text("-");
    let Preview::Would(would) = counted_change(&mut ui) else {
        panic!("not counted:\n{}", ui.screen());
    };
    assert!(would.contains("its uses dropped"), "{would}");
    ui.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    ui.type_text("habit");
    let Preview::Would(would) = counted_change(&mut ui) else {
        panic!("not counted:\n{}", ui.screen());
    };
    assert!(
        would.starts_with("Would retire discovery into habit"),
        "{would}"
    );
    make_it(&mut ui);
    assert_eq!(uses(&ui.root(), "discovery"), 0);
    assert!(uses(&ui.root(), "habit") > habit);
    assert!(uses(&ui.root(), "habit") <= habit + moved);
}

#[test]
fn the_form_fits_a_small_terminal() {
    let mut ui = Ui::sample((60, 20));
    ui.open_board();
    ui.select_code("own-pace");
    ui.press(KeyCode::Char('a'));
    ui.type_text("slow-days");
    ui.press(KeyCode::Tab);
    counted_change(&mut ui);
    insta::assert_snapshot!("board_add_60x20", ui.screen());
    ui.press(KeyCode::Esc);
    split_listed(&mut ui);
    ui.press(KeyCode::Char('1'));
    insta::assert_snapshot!("board_split_60x20", ui.screen());
}

#[test]
fn a_refusal_is_shown_whole_however_long() {
    let mut ui = Ui::sample((100, 30));
    ui.open_board();
    ui.select_code("own-pace");
    ui.press(KeyCode::Char('r'));
    ui.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    ui.type_text("Own Pace Too");
    let Preview::Refused(why) = counted_change(&mut ui) else {
        panic!("not refused:\n{}", ui.screen());
    };
    assert!(why.contains("use lowercase letters, digits and hyphens, like `own-pace-too`"));
    let shown = common::squeeze(
        &ui.screen()
            .lines()
            .map(|l| l.split('│').nth(1).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" "),
    );
    let wanted = common::squeeze("use lowercase letters, digits and hyphens, like `own-pace-too`");
    assert!(shown.contains(&wanted), "{shown}");
}
