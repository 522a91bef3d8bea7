//! Writing notes in the UI, driven key by key through the real key map and runtime: a street
//! interview in a few keys, the form of every kind, drafts that survive a crash, leaving that
//! asks, tagging in place, and edits that never overwrite a change made on disk.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::ui::Ui;
use fieldnotes::note::parse;
use fieldnotes::tui::app::{Overlay, Screen};
use ratatui::crossterm::event::KeyCode::{BackTab, Char, Down, Enter, Esc, Right, Tab};
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

const TEAMMATE: &str = "kind: interview\n\
title: Busker counting coins by the ticket gate\n\
date: 2024-05-02T08:10+09:00\n\
# checked against the recording\n\
place: Shibuya\n\
findings:\n  - did: plays louder when the train pulls in\n    why: [belonging]  # first guess\n\
weather: drizzle\n";

/// Draws the screen at sizes too small for it, then at 100x30 again: drawing must not fail.
fn draw_tiny(ui: &mut Ui) {
    for (width, height) in [(20, 5), (1, 1), (0, 24), (10, 4), (100, 3), (100, 30)] {
        let resize = fieldnotes::tui::Action::Resize { width, height };
        ui.runtime.act(vec![resize], &mut common::ui::Headless);
        common::ui::terminal(ui.runtime.app());
    }
}

/// One step of typing: words, or a key beside them.
enum Step {
    Words(&'static str),
    Key(KeyEvent),
}
use Step::{Key, Words};

/// The path of the note the status bar says was saved.
fn saved_path(ui: &Ui) -> String {
    let message = ui.runtime.app().message.clone().unwrap_or_default();
    message
        .strip_prefix("Saved as ")
        .and_then(|m| m.strip_suffix('.'))
        .unwrap_or_else(|| panic!("not saved: {message}"))
        .to_owned()
}

fn ui_drafts(drafts: &Path) -> Vec<String> {
    std::fs::read_dir(drafts)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_street_interview_takes_six_keys_beside_the_words_and_search_finds_it() {
    let mut ui = Ui::sample((100, 30));
    // The whole recording, as typed: words, and the keys beside them.
    let script = [
        Key(KeyEvent::new(Char('r'), KeyModifiers::CONTROL)),
        Words("Commuter with earbuds at the gate"),
        Key(KeyEvent::new(Char('n'), KeyModifiers::CONTROL)),
        Words("takes one earbud out to buy a ticket"),
        Key(KeyEvent::from(Tab)),
        Words("I keep the other one in, it is my bubble"),
        Key(KeyEvent::from(Tab)),
        Words("privsound"),
        Key(KeyEvent::from(Enter)),
        Key(KeyEvent::new(Char('s'), KeyModifiers::CONTROL)),
    ];
    let keys = script.iter().filter(|step| matches!(step, Key(_))).count();
    assert!(
        keys <= 10,
        "the street-speed limit is 10 keys; this takes {keys}"
    );
    for step in script {
        match step {
            Key(key) => ui.key(key),
            Words(words) => ui.type_text(words),
        }
    }

    let path = saved_path(&ui);
    let text = std::fs::read_to_string(ui.root().join(&path)).expect("the note was written");
    let note = parse(&text).note.expect("the note reads back");
    assert_eq!(note.kind, "interview");
    assert_eq!(note.title, "Commuter with earbuds at the gate");
    assert_eq!(note.findings.len(), 1, "{text}");
    let finding = &note.findings[0];
    assert_eq!(
        finding.did.as_deref(),
        Some("takes one earbud out to buy a ticket")
    );
    assert_eq!(
        finding.quote.as_deref(),
        Some("I keep the other one in, it is my bubble")
    );
    assert_eq!(finding.why, ["private-soundtrack"]);
    assert!(text.starts_with("kind: interview\ntitle: Commuter with earbuds at the gate\ndate: "));
    // Saved, the draft is gone; the list shows the new note, selected.
    assert!(ui_drafts(&ui.drafts()).is_empty());
    assert_eq!(ui.runtime.app().screen, Screen::Browse);
    assert_eq!(
        ui.runtime.app().selected_hit().map(|h| h.path.clone()),
        Some(path.clone())
    );

    ui.type_text("bubble earbud");
    let hits = &ui.runtime.app().browse.hits;
    assert_eq!(
        hits.first().map(|h| &h.path),
        Some(&path),
        "no wait for the watcher"
    );
}

#[test]
fn a_fuller_interview_takes_fourteen_keys_beside_the_words() {
    let mut ui = Ui::sample((100, 30));
    let ctrl = |c| Key(KeyEvent::new(Char(c), KeyModifiers::CONTROL));
    // Title, place, a participant, two findings with a code each, study and researcher.
    let script = [
        ctrl('r'),
        Words("Busker with a cassette deck under the bridge"),
        Key(KeyEvent::from(Tab)),
        Words("Shibuya south exit"),
        Key(KeyEvent::from(Tab)),
        Words("P12"),
        Key(KeyEvent::from(Tab)),
        Words("plays for commuters on the way home"),
        ctrl('n'),
        Words("turns the volume down as an office crowd passes"),
        Key(KeyEvent::from(Tab)),
        Words("They had a long day, I play for the ones who stop"),
        Key(KeyEvent::from(Tab)),
        Words("courtesy"),
        Key(KeyEvent::from(Enter)),
        ctrl('n'),
        Words("records every set on the deck"),
        Key(KeyEvent::from(Tab)),
        Words("Tonight's tape is my diary"),
        Key(KeyEvent::from(Tab)),
        Words("privsound"),
        Key(KeyEvent::from(Enter)),
        // The study is the last note's; the details key goes to the first empty detail.
        ctrl('d'),
        Words("ms"),
        ctrl('s'),
    ];
    let keys = script.iter().filter(|step| matches!(step, Key(_))).count();
    assert_eq!(keys, 14, "the README counts 14 keys for this interview");
    for step in script {
        match step {
            Key(key) => ui.key(key),
            Words(words) => ui.type_text(words),
        }
    }
    let path = saved_path(&ui);
    let text = std::fs::read_to_string(ui.root().join(&path)).expect("the note was written");
    let note = parse(&text).note.expect("the note reads back");
    // The newest note of the sample is in the quiet-carriage study.
    assert_eq!(note.study.as_deref(), Some("quiet-carriage"), "{text}");
    assert!(path.starts_with("quiet-carriage/"), "{path}");
    assert_eq!(note.place.as_deref(), Some("Shibuya south exit"), "{text}");
    assert_eq!(note.researcher.as_deref(), Some("ms"), "{text}");
    assert_eq!(note.participants.len(), 1, "{text}");
    assert_eq!(note.participants[0].alias, "P12", "{text}");
    let whys: Vec<&[String]> = note.findings.iter().map(|f| f.why.as_slice()).collect();
    assert_eq!(
        whys,
        [
            &["social-courtesy".to_owned()][..],
            &["private-soundtrack".to_owned()][..]
        ],
        "{text}"
    );
}

#[test]
fn the_study_field_offers_the_notebooks_studies_and_says_when_one_would_be_new() {
    let mut ui = Ui::sample((100, 30));
    let note = |ui: &Ui| {
        let form = ui.runtime.app().form.as_ref().expect("the form is open");
        form.note.clone()
    };
    ui.ctrl('r');
    assert_eq!(note(&ui).study, "quiet-carriage", "the newest note's study");
    // Leaving an untouched form asks nothing, though the study was filled in.
    ui.press(Esc);
    assert_eq!(ui.runtime.app().screen, Screen::Browse);
    ui.ctrl('r');
    // The study is filled in: the details key goes to the researcher, the study is just before.
    ui.ctrl('d');
    ui.press(BackTab);
    ui.ctrl('u');
    ui.type_text("photo stor");
    let screen = screen_at_a_fixed_time(&ui);
    assert!(screen.contains("photo-store"), "{screen}");
    assert!(screen.contains("+ photo stor"), "{screen}");
    assert!(screen.contains("a new study"), "{screen}");
    ui.press(Enter);
    assert_eq!(
        note(&ui).study,
        "photo-store",
        "Enter takes the study offered"
    );
    // A study nobody has is kept as typed.
    ui.press(BackTab);
    ui.ctrl('u');
    ui.type_text("Night markets");
    ui.press(Tab);
    assert_eq!(note(&ui).study, "Night markets");

    // The place field offers the places of the newest notes, newest first.
    ui.press(Esc);
    ui.press(Char('D'));
    ui.ctrl('r');
    let places = ui
        .runtime
        .app()
        .form
        .as_ref()
        .expect("form")
        .recent
        .places
        .clone();
    assert!(places.len() > 3, "{places:?}");
    ui.press(Tab);
    let screen = screen_at_a_fixed_time(&ui);
    assert!(screen.contains(&places[0]), "{screen}");
    ui.press(Down);
    ui.press(Enter);
    assert_eq!(note(&ui).place, places[1]);
}

#[test]
fn evidence_ids_of_any_length_keep_their_titles_in_one_column() {
    let mut ui = Ui::sample((100, 30));
    ui.ctrl('r');
    ui.press(BackTab);
    while ui.runtime.app().form.as_ref().map(|f| f.note.kind.as_str()) != Some("insight") {
        ui.press(Right);
    }
    ui.press(Tab);
    ui.type_text("Evidence of courtesy");
    ui.press(Tab);
    ui.type_text("headphones");
    ui.settle(|app| app.form.as_ref().is_some_and(|f| f.suggestions.len() >= 3));
    let screen = ui.screen();
    // Inside the window, each row is an id, a gap, then the note's title.
    let rows: Vec<&str> = screen
        .lines()
        .filter_map(|line| line.split_once('│').map(|(_, rest)| rest))
        .filter(|rest| {
            rest.contains('│') && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .collect();
    assert!(rows.len() >= 3, "{screen}");
    let ids: Vec<usize> = rows.iter().map(|r| r.find(' ').unwrap_or(0)).collect();
    assert!(
        ids.iter().any(|&w| w != ids[0]),
        "ids of several lengths: {screen}"
    );
    // Counted in characters: a cut id ends with a three-byte `…`.
    let titles: Vec<usize> = rows
        .iter()
        .map(|r| {
            let gap = r.find("  ").unwrap_or(0);
            r[..gap].chars().count() + r[gap..].chars().take_while(|c| *c == ' ').count()
        })
        .collect();
    assert!(
        titles.iter().all(|&t| t == titles[0]),
        "{titles:?}\n{screen}"
    );
}

/// The screen, the new note's date (now) shown as a fixed one of the same width.
fn screen_at_a_fixed_time(ui: &Ui) -> String {
    let form = ui.runtime.app().form.as_ref();
    let date = form.map(|f| f.note.date.clone()).unwrap_or_default();
    let fixed = "2026-11-22T09:30+09:00";
    // A window over the form may hide the end of the date: what shows of it is replaced.
    let mut screen = ui.screen();
    for end in (1..=date.len().min(fixed.len())).rev() {
        screen = screen.replace(
            &format!("date          {}", &date[..end]),
            &format!("date          {}", &fixed[..end]),
        );
    }
    screen
}

/// The form of `kind`, chosen with the arrows on the kind field, as drawn.
fn form_of(ui: &mut Ui, kind: &str) -> String {
    ui.ctrl('r');
    ui.press(BackTab);
    for _ in 0..6 {
        if ui.runtime.app().form.as_ref().map(|f| f.note.kind.as_str()) == Some(kind) {
            break;
        }
        ui.press(Right);
    }
    let screen = screen_at_a_fixed_time(ui);
    ui.press(Esc);
    screen
}

#[test]
fn each_kind_of_note_has_a_form_that_fits_it() {
    let mut ui = Ui::sample((100, 30));
    for kind in ["interview", "observation", "meeting", "social", "insight"] {
        let screen = form_of(&mut ui, kind);
        insta::assert_snapshot!(format!("form_{kind}_100x30"), screen);
    }
    assert_eq!(
        ui.runtime.app().screen,
        Screen::Browse,
        "an untouched form leaves at once"
    );
}

#[test]
fn a_narrow_form_keeps_the_chosen_kind_in_view_and_offers_only_what_the_kind_has() {
    let mut ui = Ui::sample((60, 20));
    for kind in [
        "interview",
        "observation",
        "meeting",
        "social",
        "insight",
        "diary",
    ] {
        let screen = form_of(&mut ui, kind);
        let row = screen.lines().nth(1).unwrap_or_default();
        assert!(row.contains(&format!("‹{kind}›")), "{kind}:\n{screen}");
        // An insight holds no findings, so no key offers one.
        if kind == "insight" {
            assert!(!screen.contains("new finding"), "{screen}");
        }
    }
}

#[test]
fn a_draft_is_saved_within_two_seconds_and_offered_after_a_crash() {
    let mut ui = Ui::sample((100, 30));
    ui.ctrl('r');
    ui.type_text("Woman humming on the escalator");
    ui.press(Tab);
    ui.type_text("Shinjuku station");
    let typed = Instant::now();
    while ui_drafts(&ui.drafts()).is_empty() {
        assert!(
            typed.elapsed() < Duration::from_secs(2),
            "no draft two seconds after typing"
        );
        ui.runtime
            .listen(Duration::from_millis(20), &mut common::ui::Headless);
    }
    ui.restart();
    let screen = ui.screen();
    assert!(
        matches!(ui.runtime.app().overlay, Some(Overlay::Restore(_))),
        "{screen}"
    );
    assert!(
        screen.contains("A note you were writing was not saved"),
        "{screen}"
    );
    assert!(
        screen.contains("Woman humming on the escalator"),
        "{screen}"
    );
    let Some(Overlay::Restore(drafts)) = &ui.runtime.app().overlay else {
        unreachable!("checked above");
    };
    // When it was typed changes with every run; the snapshot shows a fixed time.
    let typed_at = drafts[0].draft.saved[..16].replace('T', " ");
    insta::assert_snapshot!(
        "restore_100x30",
        screen.replace(&typed_at, "2026-11-22 09:30")
    );

    draw_tiny(&mut ui);
    ui.press(Char('r'));
    draw_tiny(&mut ui);
    let form = ui.runtime.app().form.as_ref().expect("the form is back");
    assert_eq!(form.note.title, "Woman humming on the escalator");
    assert_eq!(form.note.place, "Shinjuku station");
    ui.ctrl('s');
    let path = saved_path(&ui);
    assert!(ui.root().join(path).is_file());
    assert!(
        ui_drafts(&ui.drafts()).is_empty(),
        "{:?}",
        ui_drafts(&ui.drafts())
    );
}

#[test]
fn a_draft_of_an_edit_whose_file_was_deleted_comes_back_as_a_new_note() {
    let mut ui = Ui::sample((100, 30));
    let path = BUSKER;
    open_the_busker(&mut ui, 'E');
    ui.type_text(" at dusk");
    ui.runtime.save_draft();
    std::fs::remove_file(ui.root().join(path)).expect("delete");
    ui.restart();
    ui.press(Char('r'));
    let form = ui.runtime.app().form.as_ref().expect("the words are back");
    assert_eq!(
        form.note.title,
        "Busker counting coins by the ticket gate at dusk"
    );
    assert!(form.editing.is_none(), "saved as a new note");
    ui.ctrl('s');
    let text = std::fs::read_to_string(ui.root().join(saved_path(&ui))).expect("read");
    assert!(text.contains("title: Busker counting coins by the ticket gate at dusk\n"));
    assert!(ui_drafts(&ui.drafts()).is_empty());
}

#[test]
fn leaving_asks_only_when_something_would_be_lost() {
    let mut ui = Ui::sample((100, 30));
    ui.ctrl('r');
    ui.press(Esc);
    assert_eq!(
        ui.runtime.app().screen,
        Screen::Browse,
        "nothing typed: no question"
    );

    ui.ctrl('r');
    ui.type_text("Half a thought");
    ui.press(Esc);
    let screen = screen_at_a_fixed_time(&ui);
    assert!(
        screen.contains("This note has changes that are not saved."),
        "{screen}"
    );
    insta::assert_snapshot!("leaving_100x30", screen);
    ui.press(Esc);
    assert_eq!(
        ui.runtime
            .app()
            .form
            .as_ref()
            .map(|f| f.note.title.as_str()),
        Some("Half a thought")
    );
    ui.ctrl('c');
    assert!(!ui.runtime.app().quit, "Ctrl-C asks too");
    assert!(ui.screen().contains("Ctrl-C quit, keeping a draft"));
    ui.press(Char('d'));
    assert!(
        ui.runtime.app().form.is_some(),
        "a `d` typed by habit throws nothing away"
    );
    ui.press(Char('D'));
    assert!(ui.runtime.app().quit && ui.runtime.app().form.is_none());
    assert!(ui_drafts(&ui.drafts()).is_empty(), "discarded means gone");
}

/// The teammate's note, in the notebook the UI has open.
const BUSKER: &str = "portable-music/2024-05-02-busker.yaml";

/// Writes the teammate's note, starts the UI again so that it is indexed, selects it in the
/// list and presses `key` on it (`E` edit, `t` tag).
fn open_the_busker(ui: &mut Ui, key: char) {
    std::fs::write(ui.root().join(BUSKER), TEAMMATE).expect("write");
    ui.restart();
    ui.type_text("busker coins");
    ui.settle(|app| app.selected_hit().is_some_and(|h| h.path == BUSKER));
    ui.press(Esc);
    ui.press(Char(key));
}

#[test]
fn tagging_a_finding_changes_that_line_and_keeps_every_comment() {
    let mut ui = Ui::sample((100, 30));
    let path = BUSKER;
    open_the_busker(&mut ui, 't');
    let screen = ui.screen();
    assert!(
        screen.contains("›why"),
        "the picker opens on the finding's codes:\n{screen}"
    );
    ui.type_text("privsound");
    ui.press(Enter);
    ui.ctrl('s');
    let text = std::fs::read_to_string(ui.root().join(path)).expect("read");
    assert_eq!(
        text,
        TEAMMATE.replace("why: [belonging]", "why: [belonging, private-soundtrack]")
    );
    // The search knows at once.
    ui.press(Char('/'));
    ui.ctrl('u');
    ui.type_text("why:private-soundtrack coins");
    let hits = &ui.runtime.app().browse.hits;
    assert_eq!(
        hits.first().map(|h| h.path.as_str()),
        Some(path),
        "no wait for the watcher"
    );
}

#[test]
fn editing_a_field_here_changes_that_line_and_nothing_else() {
    let mut ui = Ui::sample((100, 30));
    let path = BUSKER;
    open_the_busker(&mut ui, 'E');
    ui.type_text(" at dusk");
    ui.press(Tab);
    ui.ctrl('u');
    ui.type_text("Shibuya, south exit");
    ui.ctrl('s');
    let text = std::fs::read_to_string(ui.root().join(path)).expect("read");
    let wanted = TEAMMATE
        .replace("ticket gate\n", "ticket gate at dusk\n")
        .replace("place: Shibuya\n", "place: Shibuya, south exit\n");
    assert_eq!(text, wanted, "comments and the unknown key stay");
    assert_eq!(
        ui.runtime.app().message.as_deref(),
        Some(format!("Saved {path}.").as_str())
    );
}

#[test]
fn the_why_picker_shows_each_code_with_its_description() {
    let mut ui = Ui::sample((100, 30));
    ui.ctrl('r');
    ui.ctrl('n');
    ui.press(Tab);
    ui.press(Tab);
    ui.type_text("court");
    let screen = screen_at_a_fixed_time(&ui);
    assert!(screen.contains("social-courtesy"), "{screen}");
    insta::assert_snapshot!("why_picker_100x30", screen);
}

#[test]
fn a_new_code_made_in_the_picker_goes_to_the_codebook() {
    let mut ui = Ui::sample((100, 30));
    ui.ctrl('r');
    ui.type_text("Jogger with one earbud");
    ui.ctrl('n');
    ui.type_text("keeps one ear free for traffic");
    ui.press(Tab);
    ui.press(Tab);
    ui.type_text("street safety");
    for _ in 0..6 {
        let form = ui.runtime.app().form.as_ref().expect("the form");
        if form.suggestions.get(form.selected).is_some_and(|s| s.new) {
            break;
        }
        ui.press(Down);
    }
    ui.press(Enter);
    // Right there: a line on what it means, then the code it sits under, found fuzzily.
    let screen = ui.screen();
    assert!(screen.contains("New code `street-safety`"), "{screen}");
    assert!(screen.contains("What does it mean?"), "{screen}");
    let form = ui.runtime.app().form.as_ref().expect("the form");
    assert!(
        form.suggestions.is_empty(),
        "no codes offered for a description: {screen}"
    );
    ui.type_text("Keeps an ear on the traffic while listening");
    ui.press(Enter);
    assert!(ui.screen().contains("Under which code?"), "{}", ui.screen());
    ui.type_text("soc court");
    ui.press(Enter);
    // A second new code, its questions skipped with Enter on nothing typed.
    ui.ctrl('n');
    ui.type_text("runs at night only");
    ui.press(Tab);
    ui.press(Tab);
    ui.type_text("night-only");
    ui.press(Enter);
    ui.press(Enter);
    ui.press(Enter);
    ui.ctrl('s');
    let codebook = std::fs::read_to_string(ui.root().join("codebook.yaml")).expect("read");
    assert!(
        codebook.ends_with(
            "  - name: street-safety\n    description: Keeps an ear on the traffic while listening\n    \
             parent: social-courtesy\n  - name: night-only\n"
        ),
        "{codebook}"
    );
    let text = std::fs::read_to_string(ui.root().join(saved_path(&ui))).expect("read");
    assert!(text.contains("why: [street-safety]"), "{text}");
    assert!(text.contains("why: [night-only]"), "{text}");
}

/// Opens the busker note in the form, changes its title, and has a teammate change the file.
fn edit_while_a_teammate_changes_it(ui: &mut Ui, path: &str) -> String {
    open_the_busker(ui, 'E');
    ui.type_text(" at dusk");
    let theirs = TEAMMATE.replace("place: Shibuya", "place: Shibuya, south exit");
    std::fs::write(ui.root().join(path), &theirs).expect("write");
    ui.ctrl('s');
    theirs
}

#[test]
fn a_note_changed_on_disk_while_edited_is_never_overwritten() {
    let mut ui = Ui::sample((100, 30));
    let path = BUSKER;
    let theirs = edit_while_a_teammate_changes_it(&mut ui, path);
    let read = |ui: &Ui| std::fs::read_to_string(ui.root().join(path)).expect("read");
    assert_eq!(read(&ui), theirs, "nothing was written");
    let screen = ui.screen();
    assert!(matches!(
        ui.runtime.app().overlay,
        Some(Overlay::Conflict(_))
    ));
    assert!(
        screen.contains("On disk now") && screen.contains("Yours"),
        "{screen}"
    );
    assert!(
        screen.contains("south exit") && screen.contains("at dusk"),
        "{screen}"
    );
    insta::assert_snapshot!("conflict_100x30", screen);
    draw_tiny(&mut ui);
    // Going back to editing and saving again still shows both: the choice is never skipped.
    ui.press(Esc);
    ui.ctrl('s');
    assert!(matches!(
        ui.runtime.app().overlay,
        Some(Overlay::Conflict(_))
    ));
    ui.press(Char('T'));
    assert_eq!(read(&ui), theirs);
    assert_eq!(ui.runtime.app().screen, Screen::Browse);
}

#[test]
fn keeping_mine_over_a_change_on_disk_writes_mine_into_their_file() {
    let mut ui = Ui::sample((100, 30));
    let path = BUSKER;
    let theirs = edit_while_a_teammate_changes_it(&mut ui, path);
    assert!(theirs.contains("south exit"));
    ui.press(Char('M'));
    let text = std::fs::read_to_string(ui.root().join(path)).expect("read");
    // My version whole (their place goes, as the conflict screen showed), written into
    // their file, so that their comments stay.
    assert_eq!(
        text,
        TEAMMATE.replace("ticket gate\n", "ticket gate at dusk\n")
    );
}
