//! The board's keys on counts made in the test, without a runtime: what each key changes and
//! what it asks the runtime for.

use std::sync::Arc;

use super::{Counted, Pane, Tab, Wanted};
use crate::board::tests::note;
use crate::board::tree;
use crate::codebook::Codebook;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::{Effect, Outcome};
use crate::tui::receive::receive;
use crate::tui::scroll::Aim;
use crate::tui::update::update;

/// autonomy with own-pace under it, and trust.
fn codebook() -> Codebook {
    Codebook::parse(
        "codes:\n  - name: autonomy\n  - name: own-pace\n    parent: autonomy\n  - name: trust\n",
    )
    .0
}

/// Counts over three notes, as the runtime would make them for `query`.
fn counted(query: &str) -> Arc<Counted> {
    let codebook = codebook();
    let mut facts = vec![
        note(
            "a",
            "walk",
            "2024-01-05",
            &[(&["own-pace", "trust"], &["P1"]), (&["trust"], &["P2"])],
        ),
        note("b", "shop", "2024-02-01", &[(&["autonomy"], &["P3"])]),
    ];
    let mut insight = note("i", "walk", "2024-03-01", &[]);
    insight.kind = "insight".into();
    insight.evidence = vec!["a".into()];
    facts.push(insight);
    let facts: Vec<crate::board::Kept> = facts.into_iter().map(Into::into).collect();
    let rows = tree(&codebook, &facts);
    let sets = rows.iter().map(|r| r.codes(&codebook)).collect();
    Arc::new(Counted {
        query: query.to_owned(),
        all: facts.clone(),
        postings: Default::default(),
        facts,
        problem: None,
        rows,
        sets,
    })
}

/// The board open over the search screen, counted.
fn board() -> App {
    let mut app = App::new("test", (100, 30));
    app.browse.ready = true;
    let asked = update(&mut app, Action::Board);
    assert_eq!(
        asked,
        [Effect::Board {
            query: String::new()
        }]
    );
    receive(&mut app, Outcome::Board(counted("")));
    app
}

#[test]
fn the_board_opens_from_the_search_and_shows_the_first_codes_wall() {
    let app = board();
    assert_eq!(app.screen, Screen::Board);
    let b = &app.board;
    assert_eq!(b.selected_row().map(|r| r.name.as_str()), Some("autonomy"));
    // autonomy with own-pace under it: the finding of a and the one of b.
    assert_eq!(b.wall.pieces.len(), 2);
    assert_eq!(b.wall.title, "autonomy");
}

#[test]
fn moving_down_the_tree_shows_the_next_codes_wall_and_asks_for_its_words() {
    let mut app = board();
    let words = |effects: &[Effect]| -> Vec<Wanted> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::BoardTexts { wanted } => Some(wanted.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    };
    let arranged = |effects: &[Effect]| -> Vec<usize> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Arrange { walls } => Some(walls.iter().map(|w| w.row)),
                _ => None,
            })
            .flatten()
            .collect()
    };
    // autonomy's words were asked for as the board opened; own-pace's one piece is among them.
    let effects = update(&mut app, Action::Down);
    assert!(words(&effects).is_empty(), "{effects:?}");
    assert_eq!(app.board.wall.title, "own-pace");
    // The wall below is arranged ahead; the one above is kept as it was.
    assert_eq!(arranged(&effects), [2]);
    let effects = update(&mut app, Action::Down);
    assert_eq!(app.board.wall.title, "trust");
    let wanted = words(&effects);
    // trust's second piece is new: the first, a's first finding, was asked for already.
    assert_eq!(wanted.len(), 1, "{effects:?}");
    assert_eq!(wanted[0].key, ("a.yaml".to_owned(), Some(1)));
    // Asked once: moving back and forth does not ask again, for words or walls.
    update(&mut app, Action::Up);
    let again = update(&mut app, Action::Down);
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn enter_goes_into_the_wall_and_again_opens_the_note_at_the_finding() {
    let mut app = board();
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    assert_eq!(app.board.wall.title, "trust");
    update(&mut app, Action::Drill);
    assert_eq!(app.board.pane, Pane::Evidence);
    update(&mut app, Action::Down);
    let effects = update(&mut app, Action::Drill);
    assert_eq!(
        effects,
        [Effect::Load {
            path: "a.yaml".into()
        }]
    );
    assert_eq!(app.screen, Screen::Note);
    // Grouped by participant, P2's finding (the second) comes second.
    assert_eq!(app.reading[0].scroll.aiming(), Some(Aim::Finding(1)));
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Board);
    assert_eq!(app.board.wall.selected, 1);
    assert_eq!(app.board.pane, Pane::Evidence);
}

#[test]
fn typing_on_the_board_counts_again_and_stale_counts_are_dropped() {
    let mut app = board();
    update(&mut app, Action::FocusSearch);
    assert_eq!(app.board.pane, Pane::Search);
    let effects = update(&mut app, Action::Type { c: 'w' });
    assert_eq!(effects, [Effect::Board { query: "w".into() }]);
    // Counts for what was typed before arrive late: they are not shown.
    receive(&mut app, Outcome::Board(counted("")));
    assert_eq!(app.board.asked.as_deref(), Some("w"));
    receive(&mut app, Outcome::Board(counted("w")));
    assert!(app.board.asked.is_none());
    update(&mut app, Action::FocusList);
    assert_eq!(app.board.pane, Pane::Main);
    // Leaving the board, the search follows the line typed there.
    let effects = update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Browse);
    assert!(
        matches!(&effects[..], [Effect::Search { query, .. }] if query == "w"),
        "{effects:?}"
    );
}

#[test]
fn the_views_count_their_matrices_when_first_shown() {
    let mut app = board();
    update(&mut app, Action::NextView);
    assert_eq!(app.board.tab, Tab::Together);
    let (rows, pairs) = app.board.together.clone().expect("counted");
    // autonomy, own-pace and trust are all used.
    assert_eq!(rows.len(), 3);
    // own-pace and trust share the first finding of a.
    assert_eq!(pairs[1][2].findings, 1);
    update(&mut app, Action::Fold);
    assert_eq!(app.board.together.as_ref().map(|(r, _)| r.len()), Some(2));
    update(&mut app, Action::NextView);
    update(&mut app, Action::Columns);
    let (_, matrix) = app.board.matrix.clone().expect("counted");
    assert_eq!(matrix.cols, ["shop", "walk"]);
    update(&mut app, Action::Right);
    update(&mut app, Action::Drill);
    assert_eq!(app.board.wall.title, "autonomy in walk");
    assert_eq!(app.board.wall.pieces.len(), 1);
    update(&mut app, Action::Back);
    let effects = update(&mut app, Action::NextView);
    assert_eq!(app.board.tab, Tab::Insights);
    // Counted as the view opens; their titles are read from their files.
    assert_eq!(
        effects,
        [Effect::InsightWords {
            paths: vec!["i.yaml".into()]
        }]
    );
    update(&mut app, Action::Drill);
    // The insight itself, then the one note its evidence names.
    assert_eq!(app.board.wall.pieces.len(), 2);
}

#[test]
fn a_code_leads_to_the_insights_it_backs() {
    let mut app = board();
    update(&mut app, Action::Down);
    update(&mut app, Action::Backs);
    assert_eq!(app.board.tab, Tab::Insights);
    assert_eq!(app.board.insights_shown().len(), 1);
    update(&mut app, Action::Back);
    assert!(app.board.backed_by.is_none());
    assert_eq!(app.screen, Screen::Board);
}

#[test]
fn leaving_the_board_goes_back_to_the_screen_it_was_opened_over() {
    let mut app = App::new("test", (100, 30));
    app.screen = Screen::Problems;
    update(&mut app, Action::Board);
    assert_eq!(app.screen, Screen::Board);
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Problems);
}

/// `counted`, narrowed to the notes `keep` names, as a query would find them.
fn narrowed(query: &str, keep: &[&str]) -> Arc<Counted> {
    let every = counted(query);
    let facts: Vec<_> = every
        .all
        .iter()
        .filter(|f| keep.contains(&f.id.as_str()))
        .cloned()
        .collect();
    let rows = tree(&codebook(), &facts);
    Arc::new(Counted {
        query: query.to_owned(),
        postings: Default::default(),
        facts,
        all: every.all.clone(),
        problem: None,
        rows,
        sets: every.sets.clone(),
    })
}

#[test]
fn an_insight_found_by_the_query_keeps_its_evidence_outside_it() {
    let mut app = board();
    update(&mut app, Action::FocusSearch);
    update(&mut app, Action::Type { c: 'i' });
    receive(&mut app, Outcome::Board(narrowed("i", &["i"])));
    update(&mut app, Action::FocusList);
    for _ in 0..3 {
        update(&mut app, Action::NextView);
    }
    assert_eq!(app.board.tab, Tab::Insights);
    let insights = app.board.insights.as_ref().expect("counted");
    assert_eq!(insights.rows.len(), 1);
    // Note a is outside the query, and still the insight's evidence, about one person.
    assert!(insights.rows[0].missing.is_empty());
    assert_eq!(insights.rows[0].notes, 1);
    update(&mut app, Action::Drill);
    assert_eq!(app.board.wall.pieces.len(), 2);
    update(&mut app, Action::Down);
    let (_, note) = app.board.selected_piece().expect("a piece");
    assert_eq!(note.id, "a");
}

#[test]
fn a_parent_codes_insights_include_those_its_sub_codes_back() {
    let mut app = board();
    // autonomy: the insight rests on a, which carries own-pace, under autonomy.
    update(&mut app, Action::Backs);
    assert_eq!(app.board.insights_shown().len(), 1);
}

#[test]
fn a_matrix_cell_stays_within_the_matrix_when_the_counts_shrink() {
    let mut app = board();
    update(&mut app, Action::NextView);
    update(&mut app, Action::Bottom);
    update(&mut app, Action::Right);
    update(&mut app, Action::Right);
    assert_eq!(app.board.cell, (2, 2));
    update(&mut app, Action::FocusSearch);
    update(&mut app, Action::Type { c: 'b' });
    // Only b: autonomy alone is used.
    receive(&mut app, Outcome::Board(narrowed("b", &["b"])));
    assert_eq!(app.board.cell, (0, 0));
    assert_eq!(app.board.together.as_ref().map(|(r, _)| r.len()), Some(1));
}

#[test]
fn counted_again_the_wall_keeps_the_same_piece_selected() {
    let mut app = board();
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    update(&mut app, Action::Drill);
    update(&mut app, Action::Down);
    let before = app
        .board
        .selected_piece()
        .map(|(p, n)| (n.id.clone(), p.finding));
    assert_eq!(before, Some(("a".to_owned(), Some(1))));
    // A change on disk: counted again, the same piece is still the one selected.
    let effects = super::reload(&mut app);
    assert_eq!(
        effects,
        [Effect::Board {
            query: String::new()
        }]
    );
    receive(&mut app, Outcome::Board(counted("")));
    let after = app
        .board
        .selected_piece()
        .map(|(p, n)| (n.id.clone(), p.finding));
    assert_eq!(after, before);
}

#[test]
fn the_board_opened_over_a_note_gives_the_note_back() {
    let mut app = App::new("test", (100, 30));
    app.reading.push(crate::tui::app::Reading {
        path: "first.yaml".into(),
        shown: None,
        scroll: Default::default(),
        link: None,
        highlighter: Default::default(),
    });
    app.screen = Screen::Note;
    update(&mut app, Action::Board);
    receive(&mut app, Outcome::Board(counted("")));
    update(&mut app, Action::Drill);
    update(&mut app, Action::Drill);
    assert_eq!(app.screen, Screen::Note);
    assert_eq!(app.reading.len(), 2);
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Board);
    update(&mut app, Action::Back);
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Note);
    assert_eq!(app.reading.len(), 1);
    assert_eq!(app.reading[0].path, "first.yaml");
}

#[test]
fn only_the_titles_of_the_insights_near_the_selection_are_read() {
    let base = counted("");
    let mut all: Vec<crate::board::Kept> = base.all.clone();
    for n in 0..100 {
        let mut insight = note(&format!("insight-{n:03}"), "walk", "2024-03-01", &[]);
        insight.kind = "insight".into();
        insight.evidence = vec!["a".into()];
        all.push(insight.into());
    }
    all.sort_by(|a, b| a.path.cmp(&b.path));
    let many = Arc::new(Counted {
        query: String::new(),
        facts: all.clone(),
        all,
        problem: None,
        postings: Default::default(),
        rows: base.rows.clone(),
        sets: base.sets.clone(),
    });
    let mut app = App::new("test", (100, 30));
    update(&mut app, Action::Board);
    receive(&mut app, Outcome::Board(many));
    let mut effects = Vec::new();
    for _ in 0..3 {
        effects = update(&mut app, Action::NextView);
    }
    let asked = |effects: &[Effect]| match effects {
        [Effect::InsightWords { paths }] => paths.len(),
        _ => 0,
    };
    // 101 insights (the sample's own and a hundred more): the first 40, then at the bottom the
    // 41 from 60 to 100.
    assert_eq!(asked(&effects), 40);
    assert_eq!(asked(&update(&mut app, Action::Bottom)), 41);
    // Back where it was read already: nothing more.
    assert_eq!(asked(&update(&mut app, Action::Top)), 0);
}

mod changing;
mod walls;
