//! The why board in the UI, on a copy of the sample notebook: one key opens it from the
//! search; each code with its use and its evidence wall; a quote opens its note at the
//! finding and Esc comes back to the same place; the board follows the search line; codes
//! together, codes by case, the insights and time. Snapshots at 100x30 and 60x20.

mod common;

use common::ui::{Ui, board_counted};
use fieldnotes::tui::app::Screen;
use fieldnotes::tui::board::{Pane, Tab};
use ratatui::crossterm::event::KeyCode;

/// The sample notebook's UI with the board open and counted.
fn board(size: (u16, u16)) -> Ui {
    let mut ui = Ui::sample(size);
    ui.open_board();
    ui
}

/// The note files under `dir` with a line that reads `line`.
fn notes_saying(dir: &std::path::Path, line: &str) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            count += notes_saying(&path, line);
        } else if path.extension().is_some_and(|e| e == "yaml")
            && std::fs::read_to_string(&path).is_ok_and(|t| t.lines().any(|l| l.trim_end() == line))
        {
            count += 1;
        }
    }
    count
}

/// Waits until every piece near the selection has its words.
fn words_read(ui: &mut Ui) {
    ui.settle(|app| {
        let b = &app.board;
        !b.texts.is_empty() && b.texts.values().all(Option::is_some)
    });
}

#[test]
fn what_people_said_that_shows_a_why_and_who_said_it_then_the_note_and_back() {
    let mut ui = board((100, 30));
    ui.select_code("private-soundtrack");
    words_read(&mut ui);
    let screen = ui.screen();
    for shown in [
        "private-soundtrack",
        "18 findings · 19 notes · 16 participants",
        "▸ P07 (portable-music)",
        "I don't want the whole carriage",
        "Codes │ Together │ Cases │ Insights │ Time",
    ] {
        assert!(screen.contains(shown), "{shown:?} in\n{screen}");
    }
    insta::assert_snapshot!("board_codes_100x30", screen);

    // Into the wall, down to the second piece, and into its note at that finding.
    ui.press(KeyCode::Enter);
    assert_eq!(ui.runtime.app().board.pane, Pane::Evidence);
    ui.press(KeyCode::Down);
    let selected = ui.runtime.app().board.wall.selected;
    assert_eq!(selected, 1);
    ui.press(KeyCode::Enter);
    ui.settle(|app| app.reading.last().is_some_and(|r| r.shown.is_some()));
    assert_eq!(ui.runtime.app().screen, Screen::Note);
    let screen = ui.screen();
    assert!(
        screen.contains("portable-music/1979-03-14-teen-boombox-shibuya.yaml"),
        "{screen}"
    );
    // Opened at the second finding: it is on screen, under the first line.
    assert!(
        screen.contains("It is heavy and I look stupid."),
        "{screen}"
    );
    assert!(
        !screen.contains("Participants"),
        "scrolled to the finding:\n{screen}"
    );

    ui.press(KeyCode::Esc);
    let app = ui.runtime.app();
    assert_eq!(app.screen, Screen::Board);
    assert_eq!(
        (app.board.tab, app.board.pane),
        (Tab::Codes, Pane::Evidence)
    );
    assert_eq!(app.board.wall.selected, selected);
    assert_eq!(
        app.board.selected_row().map(|r| r.name.as_str()),
        Some("private-soundtrack")
    );
    // Esc twice more: out of the wall, then off the board, back to the search.
    ui.press(KeyCode::Esc);
    ui.press(KeyCode::Esc);
    assert_eq!(ui.runtime.app().screen, Screen::Browse);
}

#[test]
fn the_board_counts_only_what_the_search_line_finds() {
    let mut ui = board((100, 30));
    let every = ui
        .runtime
        .app()
        .board
        .counted
        .as_ref()
        .map(|c| c.facts.len());
    ui.press(KeyCode::Char('/'));
    ui.type_text("study:photo-store");
    ui.press(KeyCode::Enter);
    ui.settle(board_counted);
    let app = ui.runtime.app();
    let counted = app.board.counted.as_ref().expect("counted");
    assert_eq!(counted.query, "study:photo-store");
    // Counted from the files themselves: every note that says it belongs to the study.
    let photo_store = notes_saying(&ui.root(), "study: photo-store");
    assert_eq!(counted.facts.len(), photo_store);
    assert!(Some(counted.facts.len()) < every);
    assert!(
        counted
            .facts
            .iter()
            .all(|f| f.study.as_deref() == Some("photo-store"))
    );
    // Trust is carried by 25 pieces of evidence in the photo store, none from portable music.
    let trust = counted
        .rows
        .iter()
        .find(|r| r.name == "trust")
        .expect("trust");
    assert_eq!(trust.usage.studies, 1);
    let screen = ui.screen();
    assert!(screen.contains("Board: study:photo-store"), "{screen}");
    // Leaving the board, the search shows the same notes.
    ui.press(KeyCode::Esc);
    ui.settle(|app| {
        app.browse
            .answered
            .as_ref()
            .is_some_and(|(q, _)| q == "study:photo-store")
    });
    assert_eq!(ui.runtime.app().browse.total, photo_store);
}

#[test]
fn which_whys_come_together_and_the_findings_behind_a_cell() {
    let mut ui = board((100, 30));
    ui.press(KeyCode::Tab);
    assert_eq!(ui.runtime.app().board.tab, Tab::Together);
    // Folded to the top-level codes: trust is the third, belonging the second.
    ui.press(KeyCode::Char('f'));
    ui.press(KeyCode::Down);
    ui.press(KeyCode::Down);
    ui.press(KeyCode::Right);
    let screen = ui.screen();
    assert!(screen.contains("trust × belonging:"), "{screen}");
    insta::assert_snapshot!("board_together_100x30", screen);
    let (rows, pairs) = ui.runtime.app().board.together.clone().expect("counted");
    assert_eq!(rows.len(), 11);
    let together = pairs[2][1].findings;
    assert!(together > 0);
    ui.press(KeyCode::Enter);
    words_read(&mut ui);
    let app = ui.runtime.app();
    assert_eq!(app.board.pane, Pane::Evidence);
    assert_eq!(app.board.wall.pieces.len(), together);
    let screen = ui.screen();
    assert!(screen.contains("trust × belonging"), "{screen}");
    ui.press(KeyCode::Esc);
    assert_eq!(ui.runtime.app().board.pane, Pane::Main);
}

#[test]
fn which_studies_carry_a_why_and_their_quotes() {
    let mut ui = board((100, 30));
    ui.press(KeyCode::Tab);
    ui.press(KeyCode::Tab);
    ui.press(KeyCode::Char('f'));
    ui.press(KeyCode::Char('c'));
    let app = ui.runtime.app();
    assert_eq!(app.board.tab, Tab::Cases);
    let (_, matrix) = app.board.matrix.clone().expect("counted");
    assert_eq!(
        matrix.cols,
        [
            "listener-town-halls",
            "photo-store",
            "portable-music",
            "quiet-carriage",
            "social-listening"
        ]
    );
    // belonging across the studies, as `fieldnotes matrix --cols studies --top` counts it.
    assert_eq!(matrix.rows[1], "belonging");
    assert_eq!(matrix.cells[1], [10, 17, 14, 7, 4]);
    ui.press(KeyCode::Down);
    ui.press(KeyCode::Right);
    let screen = ui.screen();
    assert!(
        screen.contains("belonging in photo-store: 17 pieces of evidence"),
        "{screen}"
    );
    insta::assert_snapshot!("board_cases_100x30", screen);
    ui.press(KeyCode::Enter);
    words_read(&mut ui);
    assert_eq!(ui.runtime.app().board.wall.pieces.len(), 17);
}

#[test]
fn the_insight_that_rests_on_one_person_says_so() {
    let mut ui = board((100, 30));
    for _ in 0..3 {
        ui.press(KeyCode::Tab);
    }
    ui.settle(|app| {
        app.board
            .insights
            .as_ref()
            .is_some_and(|s| s.words.len() == s.rows.len())
    });
    let app = ui.runtime.app();
    assert_eq!(app.board.tab, Tab::Insights);
    let insights = app.board.insights.as_ref().expect("counted");
    let lonely: Vec<String> = (0..insights.rows.len())
        .filter(|&i| insights.rows[i].one_person && insights.rows[i].participants == 1)
        .map(|i| app.board.insight_words(i).0)
        .collect();
    assert_eq!(
        lonely,
        ["A station could follow the listener's clock, changing its mood with the hour"]
    );
    let screen = ui.screen();
    assert!(screen.contains("rests on one person"), "{screen}");
    insta::assert_snapshot!("board_insights_100x30", screen);
    // Its evidence, and the insight itself, open from the list.
    ui.press(KeyCode::Enter);
    words_read(&mut ui);
    let screen = ui.screen();
    assert!(screen.contains("▸ The insight"), "{screen}");
    assert!(screen.contains("▸ Its evidence"), "{screen}");
}

#[test]
fn a_codes_use_over_time() {
    let mut ui = board((100, 30));
    ui.select_code("trust");
    ui.press(KeyCode::BackTab);
    assert_eq!(ui.runtime.app().board.tab, Tab::Time);
    let screen = ui.screen();
    assert!(
        screen.contains("first seen 2009-02-10 · last seen 2024-04-15"),
        "{screen}"
    );
    insta::assert_snapshot!("board_time_100x30", screen);
    ui.press(KeyCode::Char('m'));
    let screen = ui.screen();
    assert!(screen.contains("by study"), "{screen}");
    assert!(screen.contains("photo-store"), "{screen}");
}

#[test]
fn every_view_fits_a_small_terminal() {
    let mut ui = board((60, 20));
    ui.select_code("private-soundtrack");
    insta::assert_snapshot!("board_codes_60x20", ui.screen());
    ui.press(KeyCode::Enter);
    words_read(&mut ui);
    insta::assert_snapshot!("board_wall_60x20", ui.screen());
    ui.press(KeyCode::Esc);
    for name in ["together", "cases", "insights", "time"] {
        ui.press(KeyCode::Tab);
        insta::assert_snapshot!(format!("board_{name}_60x20"), ui.screen());
    }
}

#[test]
fn nothing_from_a_hostile_notebook_reaches_the_board_as_it_is() {
    use common::ui::{assert_harmless, harmful_cells};
    let mut ui = Ui::changed_sample((100, 30), common::hostile::write);
    ui.ctrl('b');
    ui.settle(|app| app.screen == Screen::Board && board_counted(app));
    let mut screens = Vec::new();
    let codes = ui
        .runtime
        .app()
        .board
        .counted
        .as_ref()
        .map_or(0, |c| c.rows.len());
    // Every code of the tree, each with its wall read.
    let mut shown_as_escapes = false;
    for _ in 0..codes {
        words_read(&mut ui);
        screens.push(("codes", harmful_cells(ui.runtime.app())));
        shown_as_escapes |= ui.screen().contains("\\u{1b}");
        ui.press(KeyCode::Down);
    }
    // The hostile code and its evidence were on screen, their escapes shown as text.
    assert!(shown_as_escapes);
    ui.press(KeyCode::Tab);
    screens.push(("together", harmful_cells(ui.runtime.app())));
    ui.press(KeyCode::Tab);
    for _ in 0..5 {
        // Across every column, the hostile study, place and researcher among them.
        let columns = ui
            .runtime
            .app()
            .board
            .matrix
            .as_ref()
            .map_or(0, |(_, m)| m.cols.len());
        for _ in 0..columns {
            screens.push(("cases", harmful_cells(ui.runtime.app())));
            ui.press(KeyCode::Right);
        }
        ui.press(KeyCode::Char('c'));
    }
    ui.press(KeyCode::Tab);
    let insights = ui.runtime.app().board.insights_shown().len();
    for _ in 0..insights {
        screens.push(("insights", harmful_cells(ui.runtime.app())));
        ui.press(KeyCode::Enter);
        words_read(&mut ui);
        screens.push(("an insight's evidence", harmful_cells(ui.runtime.app())));
        ui.press(KeyCode::Esc);
        ui.press(KeyCode::Down);
    }
    ui.press(KeyCode::Tab);
    ui.press(KeyCode::Char('m'));
    screens.push(("time", harmful_cells(ui.runtime.app())));
    assert_harmless(&screens);
}

#[test]
fn a_query_the_board_cannot_read_is_said_on_its_line() {
    let mut ui = board((100, 30));
    ui.press(KeyCode::Char('/'));
    ui.type_text("after:2099-99");
    ui.settle(board_counted);
    let screen = ui.screen();
    let line = screen.lines().next().unwrap_or_default();
    // What the finished query would say, beside what is counted meanwhile.
    assert!(line.contains("58 notes"), "{screen}");
    let problem = ui
        .runtime
        .app()
        .board
        .counted
        .as_ref()
        .and_then(|c| c.problem.clone());
    let problem = problem.expect("the query's problem");
    let start: String = problem.chars().take(20).collect();
    assert!(line.contains(&start), "{problem:?} in {screen}");
}

#[test]
fn the_boards_counts_are_those_the_files_give() {
    use fieldnotes::board::{NoteFacts, tree};
    // What tests/board.rs checks against the YAML read by hand, counted from the files here;
    // the board counts the same from what the index keeps.
    let ui = board((100, 30));
    let notebook = fieldnotes::notebook::Notebook::open(&ui.root()).expect("the notebook");
    let loaded = notebook.load();
    let facts: Vec<NoteFacts> = loaded
        .notes
        .iter()
        .map(|f| NoteFacts::of(&f.note, &f.id, &f.path.to_string_lossy()))
        .collect();
    let (codebook, _) = notebook.codebook();
    let from_files = tree(&codebook, &facts);
    let counted = ui.runtime.app().board.counted.as_ref().expect("counted");
    assert_eq!(counted.rows, from_files);
    assert_eq!(counted.facts.len(), facts.len());
}
