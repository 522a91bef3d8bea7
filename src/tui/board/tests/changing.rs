//! Changing a code from the board, without a runtime: what each key asks for, that only the
//! preview of the change on the form can be confirmed, and a split chosen one key a use.

use super::board;
use crate::codebook::change::Change;
use crate::codebook::split::Use;
use crate::note::Coded;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::board::changing::Preview;
use crate::tui::effect::{Effect, Outcome};
use crate::tui::keymap::Place;
use crate::tui::receive::receive;
use crate::tui::update::update;

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| update(app, Action::Type { c }))
        .collect()
}

fn preview(app: &App) -> Preview {
    app.board
        .changing
        .as_ref()
        .map(|c| c.preview.clone())
        .expect("a change being set up")
}

/// The board with own-pace selected.
fn on_own_pace() -> App {
    let mut app = board();
    update(&mut app, Action::Down);
    assert_eq!(
        app.board.selected_row().map(|r| r.name.as_str()),
        Some("own-pace")
    );
    app
}

#[test]
fn a_rename_is_counted_as_it_is_typed_and_only_what_was_counted_is_made() {
    let mut app = on_own_pace();
    assert!(update(&mut app, Action::RenameCode).is_empty());
    assert_eq!(app.place(), Place::Changing);
    // The new name starts as the old one, to edit.
    assert_eq!(preview(&app), Preview::Hint("Type the new name.".into()));
    update(&mut app, Action::ClearSearch);
    let asked = typed(&mut app, "tempo");
    let change = |new: &str| Change::Rename {
        old: "own-pace".into(),
        new: new.into(),
    };
    assert_eq!(
        asked.last(),
        Some(&Effect::PreviewChange {
            change: Box::new(change("tempo"))
        })
    );
    assert_eq!(preview(&app), Preview::Counting);
    // Enter while it is counted makes nothing.
    assert!(update(&mut app, Action::ConfirmChange).is_empty());
    // A preview of what was typed before does not count for what is typed now.
    let answer = |new: &str| Outcome::Previewed {
        change: Box::new(change(new)),
        answer: Ok(format!("Would rename own-pace to {new} in 1 note.")),
    };
    receive(&mut app, answer("temp"));
    assert_eq!(preview(&app), Preview::Counting);
    receive(&mut app, answer("tempo"));
    assert_eq!(
        preview(&app),
        Preview::Would("Would rename own-pace to tempo in 1 note.".into())
    );
    assert_eq!(
        update(&mut app, Action::ConfirmChange),
        vec![Effect::MakeChange {
            change: Box::new(change("tempo"))
        }]
    );
    assert_eq!(preview(&app), Preview::Making);
    // Keys wait while it is written; quitting waits for it.
    assert!(typed(&mut app, "x").is_empty());
    update(&mut app, Action::Quit);
    assert!(!app.quit);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("Ctrl-C again"))
    );
    receive(
        &mut app,
        Outcome::Changed {
            change: Box::new(change("tempo")),
            answer: Ok("Renamed own-pace to tempo in 1 note.".into()),
            counts: None,
        },
    );
    assert!(app.board.changing.is_none());
    assert_eq!(app.board.select.as_deref(), Some("tempo"));
    assert!(app.quit);
}

#[test]
fn a_second_ctrl_c_while_a_change_is_written_quits_at_once() {
    let mut app = on_own_pace();
    update(&mut app, Action::RenameCode);
    typed(&mut app, "x");
    let change = Change::Rename {
        old: "own-pace".into(),
        new: "own-pacex".into(),
    };
    receive(
        &mut app,
        Outcome::Previewed {
            change: Box::new(change),
            answer: Ok("Would rename.".into()),
        },
    );
    update(&mut app, Action::ConfirmChange);
    update(&mut app, Action::Quit);
    assert!(!app.quit);
    update(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn a_refused_change_says_why_and_stays_open_and_esc_leaves_it() {
    let mut app = on_own_pace();
    update(&mut app, Action::MergeCode);
    typed(&mut app, "trust");
    receive(
        &mut app,
        Outcome::Previewed {
            change: Box::new(Change::Merge {
                from: vec!["own-pace".into()],
                into: "trust".into(),
            }),
            answer: Err("`own-pace` not merged: a comment is in the way".into()),
        },
    );
    assert!(matches!(preview(&app), Preview::Refused(why) if why.contains("comment")));
    assert!(update(&mut app, Action::ConfirmChange).is_empty());
    update(&mut app, Action::Back);
    assert!(app.board.changing.is_none());
    assert_eq!(app.place(), Place::Board);
}

#[test]
fn the_arrows_offer_the_codes_that_match_what_is_typed() {
    let mut app = on_own_pace();
    update(&mut app, Action::MoveCode);
    // Empty, a move goes to the top: counted at once.
    assert!(matches!(
        update(&mut app, Action::Type { c: 't' }).last(),
        Some(Effect::PreviewChange { .. })
    ));
    let offered = &app.board.changing.as_ref().expect("changing").offered;
    assert_eq!(offered.first().map(String::as_str), Some("trust"));
    assert!(
        !offered.contains(&"own-pace".to_owned()),
        "not under itself"
    );
    let asked = update(&mut app, Action::Down);
    assert_eq!(
        asked,
        vec![Effect::PreviewChange {
            change: Box::new(Change::Move {
                code: "own-pace".into(),
                parent: Some("trust".into()),
            })
        }]
    );
}

#[test]
fn a_new_code_is_given_its_parent_and_what_it_means() {
    let mut app = on_own_pace();
    update(&mut app, Action::NewCode);
    typed(&mut app, "slow-days");
    update(&mut app, Action::NextField);
    update(&mut app, Action::NextField);
    let asked = typed(&mut app, "Waits");
    let Some(Effect::PreviewChange { change }) = asked.last() else {
        panic!("{asked:?}");
    };
    let Change::Add(code) = change.as_ref() else {
        panic!("{change:?}");
    };
    assert_eq!(code.name, "slow-days");
    // Under the code selected unless changed.
    assert_eq!(code.parent.as_deref(), Some("own-pace"));
    assert_eq!(code.description.as_deref(), Some("Waits"));
}

fn a_use(note: &str, finding: Option<usize>) -> Use {
    Use {
        note: note.into(),
        finding,
        title: "A walk".into(),
        did: None,
        quote: Some("Mine.".into()),
        into: vec!["calm".into(), "pace".into()],
    }
}

#[test]
fn a_split_lists_every_use_and_takes_one_key_for_each() {
    let mut app = on_own_pace();
    update(&mut app, Action::SplitCode);
    typed(&mut app, "calm");
    update(&mut app, Action::NextField);
    assert!(typed(&mut app, "pace").is_empty(), "nothing to count yet");
    let parts = vec!["calm".to_owned(), "pace".to_owned()];
    assert_eq!(
        update(&mut app, Action::ConfirmChange),
        vec![Effect::SplitUses {
            code: "own-pace".into(),
            parts: parts.clone(),
        }]
    );
    let uses = vec![
        a_use("a.yaml", None),
        a_use("a.yaml", Some(2)),
        a_use("b.yaml", Some(1)),
    ];
    let asked = receive(
        &mut app,
        Outcome::SplitUses {
            code: "own-pace".into(),
            parts: parts.clone(),
            uses,
        },
    );
    assert!(asked.is_empty(), "no use is chosen yet: {asked:?}");
    assert_eq!(app.place(), Place::Splitting);
    let c = app.board.changing.as_ref().expect("changing");
    assert_eq!(c.chosen(), (0, 3));
    // One key a use, each moving on to the next.
    assert!(update(&mut app, Action::SecondPart).is_empty());
    assert!(update(&mut app, Action::BothParts).is_empty());
    let asked = update(&mut app, Action::FirstPart);
    let Some(Effect::PreviewChange { change }) = asked.last() else {
        panic!("{asked:?}");
    };
    let Change::Split(plan) = change.as_ref() else {
        panic!("{change:?}");
    };
    let at = |note: &str, at| {
        let listed = plan
            .uses
            .iter()
            .find(|u| u.note.as_os_str() == note && u.at() == at);
        listed.map(|u| u.into.as_slice())
    };
    assert_eq!(at("a.yaml", Coded::Note), Some(&parts[1..]));
    assert_eq!(at("a.yaml", Coded::Finding(1)), Some(&parts[..]));
    assert_eq!(at("b.yaml", Coded::Finding(0)), Some(&parts[..1]));
    // Esc goes back to the parts, the choices put away.
    update(&mut app, Action::Back);
    assert_eq!(app.place(), Place::Changing);
}

#[test]
fn a_change_needs_a_code_selected_in_the_codes_view() {
    let mut app = board();
    update(&mut app, Action::NextView);
    assert!(update(&mut app, Action::RenameCode).is_empty());
    assert!(app.board.changing.is_none());
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("Codes view"))
    );
}
