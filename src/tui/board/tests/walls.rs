//! The walls as the tree moves: arranged ahead, dropped when counted again, and the one
//! chosen on another view.

use std::sync::Arc;

use super::{board, codebook, counted, narrowed};
use crate::board::tests::note;
use crate::board::tree;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::board::{Arranged, Counted, Pane, Tab, Wall};
use crate::tui::effect::{Effect, Outcome};
use crate::tui::receive::receive;
use crate::tui::update::update;

#[test]
fn counted_again_the_walls_arranged_before_are_not_put_up() {
    let mut app = board();
    // autonomy's wall (two pieces) is kept beside own-pace's.
    update(&mut app, Action::Down);
    app.board.asked = Some("b".into());
    receive(&mut app, Outcome::Board(narrowed("b", &["b"])));
    assert_eq!(app.board.wall.title, "own-pace");
    update(&mut app, Action::Up);
    assert_eq!(app.board.wall.title, "autonomy");
    // Among the notes found now, autonomy has b's finding only.
    assert_eq!(app.board.wall.pieces.len(), 1);
}

#[test]
fn a_wall_arranged_ahead_is_put_up_with_its_words() {
    let mut app = board();
    let effects = update(&mut app, Action::Down);
    let Some(Effect::Arrange { walls }) = effects.first() else {
        panic!("the wall below is asked for: {effects:?}");
    };
    // What the runtime's thread does, here.
    let Some(counted) = app.board.counted.clone() else {
        panic!("counted");
    };
    let arranged: Vec<Wall> = walls
        .iter()
        .filter_map(|&of| Wall::of_code(&counted, of))
        .collect();
    let texts = arranged
        .iter()
        .flat_map(|w| w.wanted(&counted.facts, &Default::default()))
        .map(|w| (w.key, crate::board::shown::Shown::default()))
        .collect();
    let answer = Arranged {
        asked: walls.clone(),
        walls: arranged,
        texts,
    };
    receive(&mut app, Outcome::Arranged(Box::new(answer)));
    let effects = update(&mut app, Action::Down);
    assert_eq!(app.board.wall.title, "trust");
    assert_eq!(app.board.wall.pieces.len(), 2);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::BoardTexts { .. })),
        "its words came with it: {effects:?}"
    );
}

#[test]
fn counted_again_with_a_note_before_it_the_same_piece_stays_selected() {
    let mut app = board();
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    update(&mut app, Action::Drill);
    update(&mut app, Action::Down);
    let selected = |app: &App| {
        app.board
            .selected_piece()
            .map(|(p, n)| (n.id.clone(), p.finding))
    };
    let before = selected(&app);
    assert_eq!(before, Some(("a".to_owned(), Some(1))));
    // A note added whose file comes first: every note after it moves down one place.
    let every = counted("");
    let mut facts = vec![crate::board::Kept::from(note(
        "0",
        "walk",
        "2023-12-01",
        &[(&["trust"], &["P9"])],
    ))];
    facts.extend(every.facts.iter().cloned());
    let rows = tree(&codebook(), &facts);
    let shifted = Arc::new(Counted {
        query: String::new(),
        postings: Default::default(),
        all: facts.clone(),
        facts,
        problem: None,
        rows,
        sets: every.sets.clone(),
    });
    crate::tui::board::reload(&mut app);
    receive(&mut app, Outcome::Board(shifted));
    assert_eq!(selected(&app), before);
}

#[test]
fn enter_on_the_time_view_shows_the_wall_of_the_code_chosen_there() {
    let mut app = board();
    for _ in 0..4 {
        update(&mut app, Action::NextView);
    }
    assert_eq!(app.board.tab, Tab::Time);
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    update(&mut app, Action::Drill);
    assert_eq!(
        (app.board.tab, app.board.pane),
        (Tab::Codes, Pane::Evidence)
    );
    assert_eq!(app.board.wall.title, "trust");
    assert_eq!(app.board.wall.pieces.len(), 2);
}
