//! The terminal UI on the sample notebook, drawn into a test terminal: every screen at
//! 100x30 and at 60x20, and the things a user does (search, read, follow evidence, filter,
//! edit, fix a problem) with the same runtime the real terminal uses.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::ui::{Headless, Ui, assert_harmless, draw, harmful_cells};
use fieldnotes::query::Filter;
use fieldnotes::tui::App;
use fieldnotes::tui::app::{Overlay, Screen, StartChoices};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 2] = [(100, 30), (60, 20)];

fn snapshot(name: &str, size: (u16, u16), screen: &str) {
    insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen);
}

#[test]
fn start_screen_offers_the_sample_and_init() {
    for size in SIZES {
        let app = App::start(
            StartChoices {
                here: PathBuf::from("/home/ana/street"),
                sample: Some(PathBuf::from("/home/ana/street/research")),
            },
            size,
        );
        snapshot("start", size, &draw(&app));
    }
}

#[test]
fn browsing_searching_and_reading_every_screen() {
    for size in SIZES {
        let mut ui = Ui::sample(size);
        snapshot("browse", size, &ui.screen());

        ui.type_text("whole carriage");
        ui.settle(|app| {
            app.browse
                .preview
                .as_ref()
                .is_some_and(|p| p.path.contains("teen-boombox"))
        });
        let screen = ui.screen();
        assert!(screen.contains("Teen carrying a boombox"), "{screen}");
        snapshot("search", size, &screen);
        // Snapshots keep the characters only; the marked words must also look marked.
        assert!(marked_on_screen(ui.runtime.app(), "whole"), "{screen}");
        assert!(!marked_on_screen(ui.runtime.app(), "boombox"), "{screen}");

        ui.press(KeyCode::Enter);
        ui.settle(|app| app.screen == Screen::Note);
        let screen = ui.screen();
        assert!(screen.contains("whole carriage"), "{screen}");
        snapshot("note", size, &screen);

        ui.press(KeyCode::F(1));
        snapshot("help_note", size, &ui.screen());
        ui.press(KeyCode::Esc);
        ui.press(KeyCode::Esc);
        assert_eq!(ui.runtime.app().screen, Screen::Browse);

        ui.press(KeyCode::F(1));
        snapshot("help_browse", size, &ui.screen());
        ui.press(KeyCode::Esc);

        ui.key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
        ui.settle(|app| matches!(&app.overlay, Some(Overlay::Filters(p)) if !p.choices.is_empty()));
        snapshot("filters", size, &ui.screen());
        ui.press(KeyCode::Esc);

        ui.press(KeyCode::Tab);
        ui.press(KeyCode::Char('p'));
        ui.settle(|app| app.problems.list.is_some());
        let screen = ui.screen();
        assert!(
            screen.contains("1979-03-30-unfinished.yaml:3:7"),
            "{screen}"
        );
        snapshot("problems", size, &screen);
    }
}

#[test]
fn the_problems_list_what_check_finds_and_are_a_key_away_from_the_search_line() {
    for size in SIZES {
        let mut ui = Ui::changed_sample(size, |root| {
            std::fs::write(
                root.join("portable-music/1979-03-31-typo.yaml"),
                "kind: intervew\ntitle: A kind typed in a hurry\ndate: 1979-03-31\n\
                 why: [no-such-code]\n",
            )
            .unwrap();
        });
        // The count says which key lists the problems, in the search line and in the list.
        let screen = ui.screen();
        let bar = screen.lines().last().unwrap_or_default().to_owned();
        assert!(bar.contains("1 broken file (Ctrl-X)"), "{screen}");
        ui.press(KeyCode::Tab);
        let screen = ui.screen();
        assert!(
            screen
                .lines()
                .last()
                .unwrap_or_default()
                .contains("1 broken file (p)"),
            "{screen}"
        );
        ui.press(KeyCode::Esc);
        ui.press(KeyCode::Tab);

        ui.ctrl('x');
        ui.settle(|app| app.problems.list.is_some());
        let screen = ui.screen();
        for said in [
            "error: `1979-03-32` is not a date: there is no day 32 in",
            "warning: `intervew` is not a kind of note here",
            "hint: did you mean `interview`?",
        ] {
            assert!(screen.contains(said), "{said}\n{screen}");
        }
        snapshot("problems_warnings", size, &screen);
        // Every problem of the file, not only the first.
        ui.press(KeyCode::Down);
        ui.press(KeyCode::Down);
        let screen = ui.screen();
        let said = "warning: the why-code `no-such-code` is not";
        assert!(screen.contains(said), "{said}\n{screen}");
    }
}

#[test]
fn an_insight_leads_to_its_evidence_and_back() {
    for size in SIZES {
        let mut ui = Ui::sample(size);
        ui.type_text("kind:insight forty-five");
        ui.settle(|app| {
            app.browse.total == 1 && app.browse.preview.as_ref().is_some_and(|p| p.file.is_ok())
        });
        ui.press(KeyCode::Enter);
        ui.press(KeyCode::Tab);
        ui.press(KeyCode::Tab);
        let screen = ui.screen();
        // Evidence shows each note's title, kind and date, with its id.
        assert!(
            screen.contains("› Commuter for whom headphones"),
            "{screen}"
        );
        assert!(screen.contains("interview · 2024-09-17"), "{screen}");
        assert!(
            screen.contains("2024-09-17-noise-cancelling-commuter"),
            "{screen}"
        );
        snapshot("insight", size, &screen);
        ui.press(KeyCode::Enter);
        ui.settle(|app| app.reading.len() == 2 && app.reading[1].shown.is_some());
        let screen = ui.screen();
        assert!(screen.contains("1 deep"), "{screen}");
        assert!(screen.contains("Commuter for whom headphones"), "{screen}");
        // The note cited lists the insights that cite it, and Enter goes there.
        ui.press(KeyCode::Tab);
        let screen = ui.screen();
        assert!(screen.contains("Cited as evidence by"), "{screen}");
        assert!(screen.contains("› Forty-five years on"), "{screen}");
        ui.press(KeyCode::Enter);
        ui.settle(|app| app.reading.len() == 3 && app.reading[2].shown.is_some());
        assert!(ui.runtime.app().reading[2].path.starts_with("insights/"));
        ui.press(KeyCode::Esc);
        ui.press(KeyCode::Esc);
        assert_eq!(ui.runtime.app().reading.len(), 1);
        assert!(ui.screen().contains("Forty-five years on"));
    }
}

#[test]
fn a_filter_chosen_from_the_keyboard_narrows_the_search() {
    let mut ui = Ui::sample((100, 30));
    ui.key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    ui.settle(|app| matches!(&app.overlay, Some(Overlay::Filters(p)) if !p.choices.is_empty()));
    ui.type_text("meeting");
    ui.press(KeyCode::Enter);
    let app = ui.runtime.app();
    assert_eq!(app.browse.line.text(), "kind:meeting ");
    assert!(app.overlay.is_none());
    assert!(app.browse.total > 0);
    assert!(app.browse.hits.iter().all(|hit| hit.kind == "meeting"));
    let meetings = app.browse.total;
    // Counted again, the choices count only the meetings the search line now finds.
    ui.key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    ui.settle(|app| matches!(&app.overlay, Some(Overlay::Filters(p)) if !p.choices.is_empty()));
    let Some(Overlay::Filters(picker)) = &ui.runtime.app().overlay else {
        panic!("the chooser is open");
    };
    let count = |filter: Filter, value: &str| {
        picker
            .choices
            .iter()
            .find(|c| c.filter == filter && c.value == value)
            .map(|c| c.count)
    };
    assert_eq!(count(Filter::Kind, "meeting"), Some(meetings));
    assert_eq!(
        count(Filter::Kind, "interview"),
        Some(0),
        "still offered, with none"
    );
    let studies: usize = picker
        .choices
        .iter()
        .filter(|c| c.filter == Filter::Study)
        .map(|c| c.count)
        .sum();
    assert!(studies <= meetings, "{studies} > {meetings}");
    ui.press(KeyCode::Esc);
    // Choosing it again takes it away.
    ui.key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    ui.settle(|app| matches!(&app.overlay, Some(Overlay::Filters(p)) if !p.choices.is_empty()));
    ui.type_text("meeting");
    ui.press(KeyCode::Enter);
    assert_eq!(ui.runtime.app().browse.line.text(), "");
    assert!(ui.runtime.app().browse.total > 50);
}

#[test]
fn an_id_typed_in_the_search_line_finds_its_note_first() {
    let mut ui = Ui::sample((100, 30));
    ui.type_text("1979-03-22-couple-sharing-one-earphone");
    let first = ui.runtime.app().browse.hits.first().map(|h| h.id.clone());
    assert_eq!(
        first.as_deref(),
        Some("1979-03-22-couple-sharing-one-earphone"),
        "{}",
        ui.screen()
    );
}

#[test]
fn a_note_is_removed_only_after_a_yes_and_kept_in_the_trash() {
    let mut ui = Ui::sample((100, 30));
    ui.type_text("1979-03-14-teen-boombox-shibuya");
    ui.press(KeyCode::Esc);
    let file = ui
        .root()
        .join("portable-music/1979-03-14-teen-boombox-shibuya.yaml");
    let before = std::fs::read(&file).expect("the note");
    ui.press(KeyCode::Delete);
    assert!(ui.screen().contains("Remove this note?"), "{}", ui.screen());
    // Any other key keeps the question; `n` keeps the note.
    ui.type_text("q");
    assert!(ui.screen().contains("Remove this note?"));
    ui.type_text("n");
    assert!(file.is_file());
    ui.press(KeyCode::Delete);
    ui.type_text("y");
    ui.settle(|app| {
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("Removed"))
    });
    assert!(!file.exists());
    let said = ui.runtime.app().message.clone().unwrap_or_default();
    let kept = said
        .split("moved to ")
        .nth(1)
        .map(|p| p.trim_end_matches('.'))
        .expect("where it went");
    assert_eq!(std::fs::read(kept).expect("kept"), before);
    assert!(
        ui.runtime
            .app()
            .browse
            .hits
            .iter()
            .all(|h| h.id != "1979-03-14-teen-boombox-shibuya")
    );
}

#[test]
fn sorting_by_date_puts_the_newest_first() {
    let mut ui = Ui::sample((100, 30));
    ui.type_text("headphones");
    ui.key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let dates: Vec<String> = ui
        .runtime
        .app()
        .browse
        .hits
        .iter()
        .map(|h| h.date.clone())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert!(dates.len() > 3);
    assert_eq!(dates, sorted);
    assert!(ui.screen().contains("newest first"));
}

#[cfg(unix)]
#[test]
fn a_change_on_disk_shows_up_without_a_restart() {
    let mut ui = Ui::sample((100, 30));
    ui.type_text("zanzibar");
    assert_eq!(ui.runtime.app().browse.total, 0);
    let note = ui
        .root()
        .join("portable-music/1979-04-01-zanzibar-stall.yaml");
    std::fs::write(
        &note,
        "kind: observation\ntitle: A cassette stall on Zanzibar street\ndate: 1979-04-01\n",
    )
    .expect("write a note");
    let written = Instant::now();
    ui.settle(|app| app.browse.total == 1);
    assert!(written.elapsed() < Duration::from_secs(5));
    assert!(ui.screen().contains("A cassette stall on Zanzibar street"));
    std::fs::remove_file(&note).expect("delete the note");
    ui.settle(|app| app.browse.total == 0);
    assert!(ui.screen().contains("No notes match"));
}

#[test]
fn escape_sequences_in_notes_never_reach_the_terminal_and_wide_text_lines_up() {
    let mut ui = Ui::sample((100, 30));
    std::fs::write(
        ui.root().join("portable-music/1979-04-02-escapes.yaml"),
        "kind: observation\ntitle: \"Zebra \\e]0;pwned\\a crossing \\e[2J\"\ndate: 1979-04-02\n\
         body: \"Zebra \\e[31mred\\e[0m \\u202Eevil\"\n",
    )
    .expect("write a note");
    std::fs::write(
        ui.root().join("portable-music/1979-04-03-wide.yaml"),
        "kind: observation\ntitle: 🎧 Zebra 渋谷のスクランブル交差点で音楽を聴く人々と観光客\ndate: 1979-04-03\n",
    )
    .expect("write a note");
    ui.type_text("zebra");
    ui.settle(|app| app.browse.total == 2);
    let terminal = common::ui::terminal(ui.runtime.app());
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| !cell.symbol().chars().any(|c| c.is_control())),
        "no control character is drawn"
    );
    let screen = ui.screen();
    assert!(screen.contains("\\u{1b}]0;pwned"), "{screen}");
    assert!(screen.contains("\\u{202e}evil"), "{screen}");
    // A title of wide characters is cut with `…` and leaves the divider where it is on every
    // row; the dates below the titles line up.
    let column_of = |y: u16, wanted: &dyn Fn(u16) -> bool| {
        (0..100)
            .find(|&x| wanted(x))
            .unwrap_or_else(|| panic!("nothing found on row {y}\n{screen}"))
    };
    let dividers: Vec<u16> = (2..6)
        .map(|y| column_of(y, &|x| buffer[(x, y)].symbol() == "│"))
        .collect();
    assert!(dividers.iter().all(|&x| x == dividers[0]), "{screen}");
    assert!(screen.contains("人… │"), "{screen}");
    let dates: Vec<u16> = [3, 5]
        .iter()
        .map(|&y| {
            column_of(y, &|x| {
                buffer[(x, y)].symbol() == "1" && buffer[(x + 1, y)].symbol() == "9"
            })
        })
        .collect();
    assert_eq!(dates[0], dates[1], "{screen}");
}

#[test]
fn nothing_from_a_hostile_notebook_is_drawn_as_it_is() {
    let mut ui = Ui::changed_sample((100, 30), common::hostile::write);
    let mut screens = vec![("browse", harmful_cells(ui.runtime.app()))];
    ui.type_text("hostile");
    ui.settle(|app| app.browse.total >= 6 && app.browse.preview.is_some());
    let total = ui.runtime.app().browse.total;
    let mut full_note = String::new();
    for _ in 0..total {
        ui.settle(|app| app.browse.preview.as_ref().is_some_and(|p| p.file.is_ok()));
        screens.push(("preview", harmful_cells(ui.runtime.app())));
        let preview = ui.runtime.app().browse.preview.as_ref();
        let full = preview.is_some_and(|p| p.path.contains(common::hostile::FULL_ID));
        ui.press(KeyCode::Enter);
        ui.settle(|app| app.screen == Screen::Note);
        screens.push(("note", harmful_cells(ui.runtime.app())));
        if full {
            // The note with hostile text in every field, read to its end.
            full_note = ui.screen();
            for _ in 0..4 {
                ui.press(KeyCode::PageDown);
                screens.push(("note, further down", harmful_cells(ui.runtime.app())));
            }
        }
        ui.press(KeyCode::Esc);
        ui.press(KeyCode::Down);
    }
    ui.key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    ui.settle(|app| matches!(&app.overlay, Some(Overlay::Filters(p)) if !p.choices.is_empty()));
    screens.push(("filters", harmful_cells(ui.runtime.app())));
    ui.press(KeyCode::Esc);
    ui.press(KeyCode::Tab);
    ui.press(KeyCode::Char('p'));
    ui.settle(|app| app.problems.list.is_some());
    screens.push(("problems", harmful_cells(ui.runtime.app())));
    assert_harmless(&screens);
    // Shown as escapes, not merely left out.
    for escape in [
        "\\u{1b}]52;c;TkFNRQ==",
        "\\u{200b}",
        "\\u{61c}",
        "\\u{202e}",
    ] {
        assert!(full_note.contains(escape), "{escape} in {full_note}");
    }
}

#[test]
fn keys_typed_faster_than_the_index_answers_still_do_what_they_say() {
    let mut ui = Ui::sample((100, 30));
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    // One burst: open the chooser, narrow it, choose; then type and open the best hit.
    let mut burst = vec![Event::Key(KeyEvent::new(
        KeyCode::Char('f'),
        KeyModifiers::CONTROL,
    ))];
    burst.extend("meeting".chars().map(|c| key(KeyCode::Char(c))));
    burst.push(key(KeyCode::Enter));
    burst.extend("tape recorder".chars().map(|c| key(KeyCode::Char(c))));
    burst.push(key(KeyCode::Enter));
    ui.runtime.events(burst, &mut Headless);
    ui.settle(|app| app.reading.first().is_some_and(|r| r.shown.is_some()));
    let app = ui.runtime.app();
    assert_eq!(app.browse.line.text(), "kind:meeting tape recorder");
    assert_eq!(app.screen, Screen::Note);
    assert!(ui.screen().contains("Debrief with the tape recorder"));
}

#[test]
fn a_note_opens_at_its_first_matched_word_however_narrow_the_terminal() {
    let mut ui = Ui::sample((60, 20));
    let filler = "x".repeat(58);
    let body: String = (0..30).map(|_| format!("  {filler} y\n")).collect();
    std::fs::write(
        ui.root().join("portable-music/1979-04-04-long.yaml"),
        format!(
            "kind: observation\ntitle: Long\ndate: 1979-04-04\nbody: |\n{body}  the quokka sentence is here\n{body}"
        ),
    )
    .expect("write a note");
    ui.type_text("quokka");
    ui.settle(|app| app.browse.total == 1 && app.browse.preview.is_some());
    // The search line says `quokka` too: look below it, in the preview.
    let screen = ui.screen();
    let below: Vec<&str> = screen.lines().skip(2).collect();
    assert!(below.iter().any(|l| l.contains("quokka")), "{screen}");
    ui.press(KeyCode::Enter);
    assert!(ui.screen().contains("quokka"), "{}", ui.screen());
}

#[test]
fn tiny_terminals_draw_every_screen_without_failing() {
    let mut ui = Ui::sample((100, 30));
    ui.type_text("tape");
    let sizes = [
        (20, 5),
        (1, 1),
        (80, 0),
        (0, 24),
        (10, 4),
        (100, 3),
        (79, 6),
    ];
    let screens: [(&[KeyCode], &str); 7] = [
        (&[], "browse"),
        (&[KeyCode::Enter], "note"),
        (&[KeyCode::F(1)], "help"),
        (
            &[KeyCode::Esc, KeyCode::Esc, KeyCode::Tab, KeyCode::Char('p')],
            "problems",
        ),
        (&[KeyCode::Esc, KeyCode::Char('f')], "filters"),
        (&[KeyCode::Esc, KeyCode::Char('n')], "form"),
        (&[KeyCode::Char('x'), KeyCode::Esc], "leaving"),
    ];
    for (keys, wanted) in screens {
        for &code in keys {
            ui.press(code);
        }
        let app = ui.runtime.app();
        let reached = match (&app.overlay, &app.screen) {
            (Some(Overlay::Help { .. }), _) => "help",
            (Some(Overlay::Filters(_)), _) => "filters",
            (Some(Overlay::Leaving { .. }), _) => "leaving",
            (None, Screen::Form) => "form",
            (None, Screen::Note) => "note",
            (None, Screen::Problems) => "problems",
            (None, Screen::Browse) => "browse",
            _ => "another screen",
        };
        assert_eq!(
            reached, wanted,
            "the keys {keys:?} lead to the {wanted} screen"
        );
        for (width, height) in sizes {
            ui.runtime.act(
                vec![fieldnotes::tui::Action::Resize { width, height }],
                &mut Headless,
            );
            // Every key of this screen, at this size.
            for code in [KeyCode::Down, KeyCode::End, KeyCode::PageUp, KeyCode::Up] {
                ui.press(code);
            }
            // (The test terminal cannot print a screen 0 columns wide; drawing is the test.)
            common::ui::terminal(ui.runtime.app());
        }
        ui.runtime.act(
            vec![fieldnotes::tui::Action::Resize {
                width: 100,
                height: 30,
            }],
            &mut Headless,
        );
    }
}

/// Whether `word` appears below the search line drawn as a match (bold and underlined, as
/// without colour).
fn marked_on_screen(app: &App, word: &str) -> bool {
    let terminal = common::ui::terminal(app);
    let buffer = terminal.backend().buffer();
    let letters: Vec<String> = word.chars().map(String::from).collect();
    let width = buffer.area.width;
    (2..buffer.area.height).any(|y| {
        (0..width.saturating_sub(letters.len() as u16)).any(|x| {
            letters.iter().enumerate().all(|(i, letter)| {
                let cell = &buffer[(x + i as u16, y)];
                cell.symbol() == letter
                    && cell.modifier.contains(
                        ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED,
                    )
            })
        })
    })
}
