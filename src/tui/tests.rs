//! `update` and `receive` on their own: state in, state and effects out, no index or terminal.

use std::path::PathBuf;

use super::action::Action;
use super::app::{App, Focus, Overlay, Screen, Shown};
use super::effect::{Effect, Outcome};
use super::keymap::Place;
use super::receive::receive;
use super::update::{FIRST_PAGE, update};
use crate::index::{Hit, Results, Sort};
use crate::note::Note;
use crate::notebook::NoteFile;

fn hit(n: usize) -> Hit {
    Hit {
        id: format!("note-{n}"),
        path: format!("study/note-{n}.yaml"),
        title: format!("Note {n}"),
        title_marks: Vec::new(),
        date: "2024-03-01".into(),
        kind: "interview".into(),
        study: None,
        why: Vec::new(),
        score: 1.0,
        snippet: None,
    }
}

fn note_file(path: &str, evidence: &[&str]) -> NoteFile {
    let text = format!(
        "kind: insight\ntitle: T\ndate: 2024-03-01\nevidence: [{}]\n",
        evidence.join(", ")
    );
    let value = crate::yaml::decode(text.as_bytes()).expect("test YAML");
    let note: Note = crate::note::parse(value).note.expect("a valid note");
    NoteFile {
        id: path.trim_end_matches(".yaml").into(),
        path: PathBuf::from(path),
        note,
        spots: Default::default(),
    }
}

/// An app at 100x30 showing `count` hits for the query `q`, the first previewed.
/// `app` drawn on a terminal of its size, as the runtime draws after each key.
fn drawn(app: &App) {
    let (w, h) = app.size;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|frame| super::view::view(app, frame))
        .expect("drawn");
}

fn showing(count: usize) -> App {
    let mut app = App::new("Street", (100, 30));
    receive(
        &mut app,
        Outcome::Ready {
            notes: count,
            broken: 0,
        },
    );
    let effects = receive(
        &mut app,
        Outcome::Found {
            query: String::new(),
            results: Results {
                hits: (0..count.min(FIRST_PAGE)).map(hit).collect(),
                total: count,
                near: false,
            },
            highlighter: Default::default(),
        },
    );
    if let Some(Effect::Load { path }) = effects.first() {
        receive(
            &mut app,
            Outcome::Loaded(Box::new(Shown {
                path: path.clone(),
                file: Ok(note_file(path, &[])),
                links: Default::default(),
            })),
        );
    }
    app
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| update(app, Action::Type { c }))
        .collect()
}

#[test]
fn typing_searches_from_the_top_with_each_character() {
    let mut app = showing(5);
    update(&mut app, Action::Down);
    let effects = typed(&mut app, "tape");
    assert_eq!(effects.len(), 4);
    assert_eq!(
        effects.last(),
        Some(&Effect::Search {
            query: "tape".into(),
            sort: Sort::Relevance,
            limit: FIRST_PAGE
        })
    );
    assert_eq!(app.browse.selected, 0);
    // Moving the cursor is not a new question.
    assert!(update(&mut app, Action::CursorLeft).is_empty());
    assert_eq!(update(&mut app, Action::DeleteBack).len(), 1);
    assert_eq!(app.browse.line.text(), "tae");
}

#[test]
fn moving_the_selection_reads_the_note_it_lands_on() {
    let mut app = showing(5);
    let effects = update(&mut app, Action::Down);
    assert_eq!(
        effects,
        vec![Effect::Load {
            path: "study/note-1.yaml".into()
        }]
    );
    assert_eq!(app.browse.selected, 1);
    update(&mut app, Action::Bottom);
    assert_eq!(app.browse.selected, 4);
    update(&mut app, Action::Down);
    assert_eq!(
        app.browse.selected, 4,
        "the end of the list stops the selection"
    );
    update(&mut app, Action::Top);
    assert_eq!(app.browse.selected, 0);
}

#[test]
fn nearing_the_end_of_the_hits_asks_for_more() {
    let mut app = showing(1000);
    assert_eq!(app.browse.hits.len(), FIRST_PAGE);
    let mut asked = Vec::new();
    while app.browse.selected < 90 {
        asked.extend(update(&mut app, Action::PageDown));
    }
    assert!(asked.contains(&Effect::Search {
        query: String::new(),
        sort: Sort::Relevance,
        limit: 2 * FIRST_PAGE
    }));
    // The list scrolled with the selection.
    assert!(app.browse.top > 0);
    assert!(app.browse.top <= app.browse.selected);
}

#[test]
fn results_for_the_same_question_keep_the_selected_note() {
    let mut app = showing(5);
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    let mut hits: Vec<Hit> = (0..5).map(hit).collect();
    hits.reverse();
    receive(
        &mut app,
        Outcome::Found {
            query: String::new(),
            results: Results {
                hits,
                total: 5,
                near: false,
            },
            highlighter: Default::default(),
        },
    );
    assert_eq!(app.selected_hit().map(|h| h.id.as_str()), Some("note-2"));
}

#[test]
fn answers_to_an_old_query_are_ignored() {
    let mut app = showing(5);
    typed(&mut app, "tape");
    receive(
        &mut app,
        Outcome::Found {
            query: "tap".into(),
            results: Results::default(),
            highlighter: Default::default(),
        },
    );
    assert_eq!(app.browse.hits.len(), 5);
}

#[test]
fn letters_are_commands_only_after_leaving_the_search_line() {
    let mut app = showing(5);
    assert_eq!(app.place(), Place::Search);
    update(&mut app, Action::FocusList);
    assert_eq!(app.place(), Place::List);
    assert_eq!(app.browse.focus, Focus::List);
    update(&mut app, Action::FocusSearch);
    assert_eq!(app.place(), Place::Search);
}

#[test]
fn reading_a_note_and_following_its_evidence_and_back() {
    let mut app = showing(3);
    let effects = update(&mut app, Action::Open);
    assert!(effects.is_empty(), "the preview's copy is used");
    assert_eq!(app.screen, Screen::Note);
    app.reading[0].shown = Some(Shown {
        path: "study/note-0.yaml".into(),
        file: Ok(note_file("study/note-0.yaml", &["a", "b"])),
        links: Default::default(),
    });
    update(&mut app, Action::NextLink);
    update(&mut app, Action::NextLink);
    assert_eq!(app.reading[0].link, Some(1));
    update(&mut app, Action::NextLink);
    assert_eq!(app.reading[0].link, Some(0), "links wrap around");
    update(&mut app, Action::PreviousLink);
    assert_eq!(
        update(&mut app, Action::Open),
        vec![Effect::Follow { id: "b".into() }]
    );
    let effects = receive(
        &mut app,
        Outcome::Followed {
            id: "b".into(),
            path: Some("b.yaml".into()),
        },
    );
    assert_eq!(
        effects,
        vec![Effect::Load {
            path: "b.yaml".into()
        }]
    );
    assert_eq!(app.reading.len(), 2);
    update(&mut app, Action::Back);
    assert_eq!(app.reading.len(), 1);
    assert_eq!(app.screen, Screen::Note);
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Browse);
}

#[test]
fn a_missing_evidence_note_is_said_not_followed() {
    let mut app = showing(1);
    update(&mut app, Action::Open);
    let effects = receive(
        &mut app,
        Outcome::Followed {
            id: "gone".into(),
            path: None,
        },
    );
    assert!(effects.is_empty());
    assert_eq!(app.reading.len(), 1);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("`gone`")));
}

#[test]
fn editing_asks_the_runtime_and_a_saved_edit_searches_again() {
    let mut app = showing(2);
    update(&mut app, Action::FocusList);
    assert_eq!(
        update(&mut app, Action::Edit),
        vec![Effect::Edit {
            path: "study/note-0.yaml".into(),
            line: None
        }]
    );
    let effects = receive(
        &mut app,
        Outcome::Edited {
            path: "study/note-0.yaml".into(),
            changed: true,
            notes: 2,
            broken: 1,
            errors: Vec::new(),
        },
    );
    assert!(matches!(effects[0], Effect::Search { .. }));
    assert_eq!(
        app.browse.broken, 1,
        "the counts are the index's after the edit"
    );
    assert!(effects.contains(&Effect::Load {
        path: "study/note-0.yaml".into()
    }));
}

#[test]
fn help_opens_over_any_screen_and_closes_again() {
    let mut app = showing(2);
    update(&mut app, Action::Help);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Help {
            place: Place::Search,
            ..
        })
    ));
    assert_eq!(app.place(), Place::Help);
    // Keys scroll the help rather than reach the screen below.
    update(&mut app, Action::Down);
    assert_eq!(app.browse.selected, 0);
    update(&mut app, Action::Help);
    assert!(app.overlay.is_none());
}

#[test]
fn sort_and_filters_are_questions_too() {
    let mut app = showing(2);
    let effects = update(&mut app, Action::ToggleSort);
    assert!(matches!(
        effects[..],
        [Effect::Search {
            sort: Sort::Date,
            ..
        }]
    ));
    let line = app.browse.line.text().to_owned();
    assert_eq!(
        update(&mut app, Action::Filters),
        vec![Effect::Choices { query: line }]
    );
    assert_eq!(app.place(), Place::Filters);
    update(&mut app, Action::Back);
    assert_eq!(app.place(), Place::Search);
}

#[test]
fn the_mouse_scrolls_what_it_is_over_and_clicks_select() {
    let mut app = showing(5);
    reading_long_note(&mut app, 100);
    app.browse.preview = app.reading.pop().and_then(|r| r.shown);
    app.screen = Screen::Browse;
    // The preview is on the right at 100 columns.
    update(
        &mut app,
        Action::Wheel {
            down: true,
            column: 90,
            row: 10,
        },
    );
    assert_eq!(app.browse.selected, 0);
    assert_eq!(app.browse.preview_scroll.get(), 3);
    update(
        &mut app,
        Action::Wheel {
            down: true,
            column: 5,
            row: 10,
        },
    );
    assert_eq!(app.browse.selected, 1);
    // Rows 2-3 are the first hit, 4-5 the second, 6-7 the third.
    update(&mut app, Action::Click { column: 5, row: 7 });
    assert_eq!(app.browse.selected, 2);
}

#[test]
fn problems_open_on_their_own_screen_and_edit_at_the_line() {
    let mut app = showing(1);
    assert_eq!(update(&mut app, Action::Problems), vec![Effect::Problems]);
    assert_eq!(app.screen, Screen::Problems);
    let problem = crate::problem::Problem::error(
        crate::yaml::Pos { line: 4, column: 7 },
        "`date` is not a date",
    )
    .in_file("study/bad.yaml");
    receive(&mut app, report(vec![problem]));
    assert_eq!(
        update(&mut app, Action::Edit),
        vec![Effect::Edit {
            path: "study/bad.yaml".into(),
            line: Some(4)
        }]
    );
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Browse);
}

#[test]
fn quitting_works_from_anywhere() {
    for action in [
        Action::Problems,
        Action::Open,
        Action::Help,
        Action::Filters,
    ] {
        let mut app = showing(1);
        update(&mut app, action);
        update(&mut app, Action::Quit);
        assert!(app.quit);
    }
}

fn reading_long_note(app: &mut App, lines: usize) {
    update(app, Action::Open);
    // List items keep a line each, as reflowing would join plain lines.
    let body: String = (0..lines).map(|i| format!("- line {i}\n")).collect();
    let text = format!(
        "kind: interview\ntitle: Long\ndate: 2024-03-01\nbody: |\n  {}\n",
        body.trim_end().replace('\n', "\n  ")
    );
    let value = crate::yaml::decode(text.as_bytes()).expect("test YAML");
    let note = crate::note::parse(value).note.expect("a valid note");
    app.reading[0].shown = Some(Shown {
        path: "study/note-0.yaml".into(),
        file: Ok(NoteFile {
            id: "note-0".into(),
            path: PathBuf::from("study/note-0.yaml"),
            note,
            spots: Default::default(),
        }),
        links: Default::default(),
    });
}

#[test]
fn the_bottom_of_a_note_is_its_last_screenful_and_up_moves_from_there() {
    let mut app = showing(1);
    reading_long_note(&mut app, 200);
    // Scrolling is kept within the note by drawing it, as each key is followed by a frame.
    let press = |app: &mut App, action: Action| {
        update(app, action);
        drawn(app);
    };
    press(&mut app, Action::Bottom);
    let bottom = app.reading[0].scroll.get();
    // 200 body lines and a header, on a 28-row page.
    assert!((170..200).contains(&bottom), "{bottom}");
    press(&mut app, Action::Up);
    assert_eq!(app.reading[0].scroll.get(), bottom - 1);
    for _ in 0..10 {
        press(&mut app, Action::PageDown);
    }
    assert_eq!(
        app.reading[0].scroll.get(),
        bottom,
        "paging stops at the end"
    );
}

#[test]
fn a_click_below_the_last_whole_hit_selects_nothing() {
    let mut app = showing(30);
    // At 100x30 the list has 27 rows: 13 hits and a half row.
    update(&mut app, Action::Click { column: 5, row: 28 });
    assert_eq!(app.browse.selected, 0);
    assert_eq!(app.browse.top, 0);
    assert_eq!(
        app.place(),
        Place::Search,
        "a click leaves the focus where it was"
    );
}

#[test]
fn help_over_the_filter_chooser_gives_it_back() {
    let mut app = showing(2);
    update(&mut app, Action::Filters);
    update(&mut app, Action::Type { c: 'm' });
    update(&mut app, Action::Help);
    assert_eq!(app.place(), Place::Help);
    update(&mut app, Action::Help);
    assert_eq!(app.place(), Place::Filters);
    match &app.overlay {
        Some(Overlay::Filters(picker)) => assert_eq!(picker.line.text(), "m"),
        _ => panic!("the chooser is back"),
    }
}

#[test]
fn going_to_the_bottom_of_a_long_list_fetches_it() {
    let mut app = showing(1000);
    let effects = update(&mut app, Action::Bottom);
    assert_eq!(
        effects.last(),
        Some(&Effect::Search {
            query: String::new(),
            sort: Sort::Relevance,
            limit: 1000
        })
    );
    receive(
        &mut app,
        Outcome::Found {
            query: String::new(),
            results: Results {
                hits: (0..1000).map(hit).collect(),
                total: 1000,
                near: false,
            },
            highlighter: Default::default(),
        },
    );
    assert_eq!(app.browse.selected, 999);
}

#[test]
fn an_edit_that_changed_nothing_says_so() {
    let mut app = showing(1);
    receive(
        &mut app,
        Outcome::Edited {
            path: "study/note-0.yaml".into(),
            changed: false,
            notes: 1,
            broken: 0,
            errors: Vec::new(),
        },
    );
    assert_eq!(
        app.message.as_deref(),
        Some("No changes to study/note-0.yaml.")
    );
}

#[test]
fn problems_page_through_entries() {
    let mut app = showing(1);
    update(&mut app, Action::Problems);
    let problems: Vec<crate::problem::Problem> = (0..12)
        .map(|i| {
            crate::problem::Problem::error(crate::yaml::Pos { line: 1, column: 1 }, "bad")
                .in_file(format!("bad-{i}.yaml"))
        })
        .collect();
    receive(&mut app, report(problems));
    update(&mut app, Action::PageDown);
    assert_eq!(app.problems.selected, 5);
    update(&mut app, Action::PageDown);
    update(&mut app, Action::PageDown);
    assert_eq!(app.problems.selected, 11);
    update(&mut app, Action::PageUp);
    assert_eq!(app.problems.selected, 6);
}

fn report(problems: Vec<crate::problem::Problem>) -> Outcome {
    Outcome::Problems(crate::check::Report {
        problems,
        ..Default::default()
    })
}

#[test]
fn an_edit_that_leaves_errors_says_where() {
    let mut app = showing(1);
    let error = crate::problem::Problem::error(
        crate::yaml::Pos { line: 3, column: 7 },
        "`2024-13-45` is not a date: there is no month 13",
    )
    .in_file("study/note-0.yaml");
    receive(
        &mut app,
        Outcome::Edited {
            path: "study/note-0.yaml".into(),
            changed: true,
            notes: 0,
            broken: 1,
            errors: vec![error],
        },
    );
    let message = app.message.unwrap_or_default();
    assert!(
        message.starts_with("Saved, but it still has 1 error, so search leaves it out: study/note-0.yaml:3:7: `2024-13-45`"),
        "{message}"
    );
    assert!(!message.contains("as it is now"));
}

#[test]
fn problems_open_from_the_search_line_with_a_control_key() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = showing(1);
    assert_eq!(app.place(), Place::Search);
    let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
    let action = super::keymap::action_for(Place::Search, ctrl_x);
    assert_eq!(action, Some(Action::Problems));
    assert_eq!(update(&mut app, Action::Problems), vec![Effect::Problems]);
    assert_eq!(app.screen, Screen::Problems);
    // Among the first keys the help lists.
    let help = super::keymap::help_for(Place::Search);
    let at = help.iter().position(|(keys, _)| keys == "Ctrl-X");
    assert!(at.is_some_and(|at| at < 4), "{help:?}");
}

#[test]
fn a_sync_that_needs_a_password_gives_git_the_terminal_the_next_time() {
    let mut app = showing(3);
    assert_eq!(update(&mut app, Action::Sync), vec![Effect::Sync]);
    assert!(app.syncing);
    // A second key while it runs starts nothing.
    assert!(update(&mut app, Action::Sync).is_empty());
    receive(
        &mut app,
        Outcome::Synced {
            conflicts: 0,
            line: "Saved locally: the team's repository did not let you in.".into(),
            ask: true,
        },
    );
    assert!(!app.syncing);
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("Ctrl-G again lets git ask here"), "{said}");
    assert_eq!(update(&mut app, Action::Sync), vec![Effect::SyncAsking]);
    receive(
        &mut app,
        Outcome::Synced {
            conflicts: 0,
            line: "Synced: shared 1 commit.".into(),
            ask: false,
        },
    );
    assert_eq!(update(&mut app, Action::Sync), vec![Effect::Sync]);
}
