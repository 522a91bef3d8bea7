//! The form's logic without a runtime: actions in, state and effects out.

use super::slot::Slot;
use super::{Editing, Form};
use crate::note::{NoteForm, parse};
use crate::query::Filter;
use crate::tui::action::Action;
use crate::tui::app::{App, Choice, Overlay, Screen};
use crate::tui::effect::Effect;
use crate::tui::update::update;

fn kinds() -> Vec<String> {
    ["interview", "observation", "meeting", "social", "insight"]
        .map(String::from)
        .to_vec()
}

/// An app with a blank interview open, and two codes to pick from.
fn writing() -> App {
    let mut app = App::new("test", (100, 30));
    let note = NoteForm {
        kind: "interview".into(),
        date: "2026-11-22T09:30".into(),
        ..NoteForm::default()
    };
    let mut form = Form::new(note, kinds(), None, Screen::Browse);
    form.codes = ["private-soundtrack", "social-courtesy"]
        .iter()
        .map(|name| Choice {
            filter: Filter::Why,
            value: (*name).into(),
            count: 1,
            about: None,
            active: false,
        })
        .collect();
    app.form = Some(form);
    app.screen = Screen::Form;
    app
}

/// An app with a blank interview open and the cursor in `slot`.
fn writing_in(slot: Slot) -> App {
    let mut app = writing();
    app.form.as_mut().expect("form").focus_on(slot);
    app
}

fn form(app: &App) -> &Form {
    app.form.as_ref().expect("a form")
}

fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| update(app, Action::Type { c }))
        .collect()
}

#[test]
fn the_kind_changes_with_the_arrows_and_with_its_first_letter() {
    let mut app = writing();
    type_text(&mut app, "Busker");
    update(&mut app, Action::PreviousField);
    assert_eq!(
        form(&app).note.kind,
        "interview",
        "moving there changes nothing"
    );
    assert_eq!(form(&app).note.title, "Busker");
    assert_eq!(form(&app).focus, Slot::Kind);
    update(&mut app, Action::CursorRight);
    assert_eq!(form(&app).note.kind, "observation");
    update(&mut app, Action::CursorLeft);
    update(&mut app, Action::CursorLeft);
    assert_eq!(form(&app).note.kind, "insight", "the arrows wrap around");
    type_text(&mut app, "i");
    assert_eq!(form(&app).note.kind, "interview");
    type_text(&mut app, "i");
    assert_eq!(
        form(&app).note.kind,
        "insight",
        "the next kind with that letter"
    );
}

#[test]
fn typing_fills_the_focused_field_and_asks_for_a_draft() {
    let mut app = writing();
    let effects = type_text(&mut app, "Busker");
    assert_eq!(form(&app).note.title, "Busker");
    assert!(effects.contains(&Effect::DraftChanged));
    update(&mut app, Action::DeleteWord);
    assert_eq!(form(&app).note.title, "");
    // Moving between fields changes nothing worth a draft.
    assert!(!update(&mut app, Action::NextField).contains(&Effect::DraftChanged));
    assert_eq!(form(&app).focus, Slot::Place);
}

#[test]
fn the_body_takes_line_breaks_and_the_arrows_leave_it_at_its_ends() {
    let mut app = writing_in(Slot::Body);
    type_text(&mut app, "first");
    update(&mut app, Action::Advance);
    type_text(&mut app, "second");
    assert_eq!(form(&app).note.body, "first\nsecond");
    update(&mut app, Action::Up);
    assert_eq!(form(&app).focus, Slot::Body, "up a line, still in the body");
    update(&mut app, Action::Up);
    assert_ne!(
        form(&app).focus,
        Slot::Body,
        "up from the first line leaves it"
    );
    // Enter in a one-line field goes on to the next field.
    app.form.as_mut().expect("form").focus_on(Slot::Title);
    update(&mut app, Action::Advance);
    assert_eq!(form(&app).focus, Slot::Place);
}

#[test]
fn codes_are_picked_with_enter_and_taken_back_with_backspace() {
    let mut app = writing();
    update(&mut app, Action::NextEmptyFinding);
    assert_eq!(form(&app).focus, Slot::Did(0));
    app.form
        .as_mut()
        .expect("form")
        .focus_on(Slot::FindingWhy(0));
    // Enter with nothing typed or chosen is the next field, not a code picked blindly.
    update(&mut app, Action::Advance);
    assert_eq!(form(&app).focus, Slot::Remark(0));
    update(&mut app, Action::PreviousField);
    type_text(&mut app, "courtesy");
    update(&mut app, Action::Advance);
    assert_eq!(form(&app).note.findings[0].why, ["social-courtesy"]);
    update(&mut app, Action::Down);
    update(&mut app, Action::Advance);
    assert_eq!(
        form(&app).note.findings[0].why,
        ["social-courtesy", "private-soundtrack"],
        "choosing with the arrows picks too"
    );
    update(&mut app, Action::DeleteBack);
    assert_eq!(form(&app).note.findings[0].why, ["social-courtesy"]);
    // The finding is in use: a blank one follows it, and Ctrl-N goes there.
    update(&mut app, Action::NextEmptyFinding);
    assert_eq!(form(&app).focus, Slot::Did(1));
}

#[test]
fn a_new_code_is_picked_and_sent_to_the_codebook() {
    let mut app = writing_in(Slot::Why);
    type_text(&mut app, "Street Safety");
    let offered: Vec<_> = form(&app)
        .suggestions
        .iter()
        .map(|s| s.value.clone())
        .collect();
    assert_eq!(offered, ["street-safety"]);
    let effects = update(&mut app, Action::Advance);
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::AddCode { .. })),
        "asked about first"
    );
    assert_eq!(form(&app).note.why, ["street-safety"]);
    // Esc skips the questions: the code goes to the codebook bare.
    let effects = update(&mut app, Action::Back);
    assert!(effects.contains(&Effect::AddCode {
        name: "street-safety".into(),
        description: None,
        parent: None,
    }));
    assert!(app.form.is_some(), "Esc left the questions, not the note");
}

#[test]
fn saving_an_unfinished_note_says_what_is_missing_and_goes_there() {
    let mut app = writing();
    update(&mut app, Action::NextField);
    assert!(update(&mut app, Action::Save).is_empty());
    assert_eq!(form(&app).focus, Slot::Title);
    assert_eq!(
        app.message.as_deref(),
        Some("Not saved: title: say in one line what happened.")
    );
    type_text(&mut app, "Busker");
    let effects = update(&mut app, Action::Save);
    assert!(
        matches!(&effects[..], [Effect::SaveNote { note, editing: None, then_quit: false }] if note.title == "Busker")
    );
}

#[test]
fn leaving_asks_only_when_there_are_changes_and_quitting_keeps_a_draft() {
    let mut app = writing();
    assert_eq!(update(&mut app, Action::Back), [Effect::DropDraft]);
    assert_eq!(app.screen, Screen::Browse);

    let mut app = writing();
    type_text(&mut app, "Busker");
    update(&mut app, Action::Quit);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Leaving { quitting: true })
    ));
    assert!(!app.quit);
    assert_eq!(update(&mut app, Action::Quit), [Effect::FlushDraft]);
    assert!(app.quit);
}

#[test]
fn an_edit_opened_and_left_unchanged_asks_nothing() {
    let text = "kind: diary\ntitle: Walk\ndate: 2024-04-06\nfindings:\n  - did: waves\n";
    let base = parse(text).note.expect("a note");
    let editing = Editing {
        path: "walk.yaml".into(),
        bytes: text.as_bytes().to_vec(),
        base: base.clone(),
        began_from: 0,
    };
    let mut app = App::new("test", (100, 30));
    app.form = Some(Form::new(
        NoteForm::of(&base),
        kinds(),
        Some(editing),
        Screen::Note,
    ));
    app.screen = Screen::Form;
    // A kind the notebook adds still gets its findings.
    assert!(super::slots(&form(&app).note).contains(&Slot::Did(0)));
    update(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Note);
    assert!(app.overlay.is_none());
}

#[test]
fn a_click_on_a_field_goes_there() {
    let mut app = writing();
    // Row 0 is the title line; the form starts with kind, then title, then place.
    update(&mut app, Action::Click { column: 30, row: 3 });
    assert_eq!(form(&app).focus, Slot::Place);
    update(&mut app, Action::Click { column: 2, row: 29 });
    assert_eq!(form(&app).focus, Slot::Place, "the status bar is no field");
    update(
        &mut app,
        Action::Wheel {
            down: true,
            column: 0,
            row: 0,
        },
    );
    assert_eq!(form(&app).focus, Slot::Alias(0));
}

#[test]
fn going_round_every_field_of_every_sample_note_changes_nothing() {
    let notebook = crate::notebook::Notebook::open(std::path::Path::new("research"))
        .expect("the sample notebook");
    let loaded = notebook.load();
    assert!(loaded.notes.len() > 50);
    for file in loaded.notes {
        let mut app = App::new("test", (100, 30));
        let form_of_note = NoteForm::of(&file.note);
        app.form = Some(Form::new(
            form_of_note.clone(),
            kinds(),
            None,
            Screen::Browse,
        ));
        app.screen = Screen::Form;
        let fields = super::slots(&form_of_note).len();
        for action in [
            Action::NextField,
            Action::PreviousField,
            Action::Down,
            Action::Up,
        ] {
            for _ in 0..=fields {
                update(&mut app, action.clone());
            }
        }
        assert_eq!(form(&app).note, form_of_note, "{}", file.path.display());
        assert_eq!(
            form(&app).note.to_note(Some(&file.note)),
            Ok(file.note.clone())
        );
    }
}

#[test]
fn a_note_taller_than_a_terminal_can_count_is_drawn_at_any_field() {
    let mut app = writing();
    let note = &mut app.form.as_mut().expect("form").note;
    note.body = "a line of transcript\n".repeat(50_000);
    note.findings = vec![
        crate::note::FindingForm {
            did: "waits".into(),
            ..Default::default()
        };
        20_000
    ];
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("terminal");
    for slot in [
        Slot::Title,
        Slot::Did(19_999),
        Slot::Did(20_000),
        Slot::Body,
        Slot::Why,
    ] {
        app.form.as_mut().expect("form").focus_on(slot);
        terminal
            .draw(|frame| crate::tui::view(&app, frame))
            .expect("draw");
        let screen = terminal.backend().to_string();
        let label = slot.label("interview");
        assert!(
            screen.contains(&format!("›{label}")),
            "{slot:?} is on screen:\n{screen}"
        );
    }
    update(&mut app, Action::Click { column: 20, row: 5 });
}

#[test]
fn the_index_opening_late_does_not_wipe_what_a_save_said() {
    let mut app = writing();
    let ready = || crate::tui::effect::Outcome::Ready {
        notes: 1,
        broken: 0,
    };
    app.message = Some("Saved as a.yaml.".into());
    crate::tui::receive(&mut app, ready());
    assert_eq!(app.message.as_deref(), Some("Saved as a.yaml."));
    let building = "Building the search index (there is none yet)".to_owned();
    crate::tui::receive(&mut app, crate::tui::effect::Outcome::IndexNotice(building));
    crate::tui::receive(&mut app, ready());
    assert_eq!(app.message, None);
}

#[test]
fn answers_that_throw_words_away_take_a_capital_letter() {
    use crate::tui::keymap::{Place, action_for};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    for (place, letter) in [
        (Place::Leaving, 'd'),
        (Place::Restore, 'd'),
        (Place::Conflict, 'm'),
        (Place::Conflict, 't'),
    ] {
        assert_eq!(action_for(place, key(letter)), None, "{place:?} {letter}");
        assert!(action_for(place, key(letter.to_ascii_uppercase())).is_some());
    }
}

#[test]
fn ctrl_u_in_the_body_takes_the_line_not_the_transcript() {
    let mut app = writing_in(Slot::Body);
    type_text(&mut app, "first line");
    update(&mut app, Action::Advance);
    type_text(&mut app, "second");
    update(&mut app, Action::ClearSearch);
    assert_eq!(form(&app).note.body, "first line\n");
}

#[test]
fn a_paste_is_one_action_and_keeps_line_breaks_only_where_they_belong() {
    use crate::tui::keymap::{Place, actions_for};
    let text = "We met at the gate.\r\nShe laughed.".to_owned();
    let actions = actions_for(
        Place::Form,
        ratatui::crossterm::event::Event::Paste(text.clone()),
    );
    assert_eq!(actions, [Action::Paste { text: text.clone() }]);
    let mut app = writing();
    update(&mut app, actions[0].clone());
    assert_eq!(form(&app).note.title, "We met at the gate.  She laughed.");
    app.form.as_mut().expect("form").focus_on(Slot::Body);
    let effects = update(&mut app, actions[0].clone());
    assert_eq!(form(&app).note.body, "We met at the gate.\nShe laughed.");
    assert!(effects.contains(&Effect::DraftChanged));
}

#[test]
fn emptying_a_field_another_kind_shows_keeps_it_in_view_while_focused() {
    let mut app = writing();
    let f = app.form.as_mut().expect("form");
    f.note.kind = "social".into();
    f.note.place = "Shibuya".into();
    f.focus_on(Slot::Place);
    update(&mut app, Action::ClearSearch);
    assert!(form(&app).note.place.is_empty());
    assert!(form(&app).order().contains(&Slot::Place));
    type_text(&mut app, "Harajuku");
    assert_eq!(form(&app).note.place, "Harajuku");
    let screen = drawn(&app, 100, 30);
    assert!(screen.contains("›place         Harajuku"), "{screen}");
}

/// The screen `app` draws at this size.
fn drawn(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    terminal
        .draw(|frame| crate::tui::view(app, frame))
        .expect("draw");
    terminal.backend().to_string()
}

#[test]
fn thousands_of_codes_and_a_short_terminal_still_draw_the_focused_field() {
    let mut app = writing();
    let f = app.form.as_mut().expect("form");
    f.note.why = (0..6000).map(|i| format!("code-{i}")).collect();
    f.focus_on(Slot::Why);
    drawn(&app, 100, 30);
    app.form.as_mut().expect("form").focus_on(Slot::Body);
    type_text(&mut app, "words");
    let screen = drawn(&app, 100, 6);
    assert!(screen.contains("›body"), "{screen}");
}

#[test]
fn only_the_save_asked_for_while_quitting_quits() {
    let mut app = writing();
    type_text(&mut app, "Busker");
    update(&mut app, Action::Quit);
    let effects = update(&mut app, Action::Save);
    assert!(matches!(
        &effects[..],
        [Effect::SaveNote {
            then_quit: true,
            ..
        }]
    ));
    // Say it hit a conflict and the user went back to writing: a later save does not quit.
    let effects = update(&mut app, Action::Save);
    assert!(matches!(
        &effects[..],
        [Effect::SaveNote {
            then_quit: false,
            ..
        }]
    ));
}

#[test]
fn a_code_typed_out_in_full_is_kept_by_tab_or_save_without_enter() {
    let mut app = writing();
    app.form
        .as_mut()
        .expect("form")
        .focus_on(Slot::FindingWhy(0));
    type_text(&mut app, "Social Courtesy");
    update(&mut app, Action::NextField);
    assert_eq!(form(&app).note.findings[0].why, ["social-courtesy"]);
    update(&mut app, Action::PreviousField);
    type_text(&mut app, "privat");
    update(&mut app, Action::NextField);
    assert_eq!(
        form(&app).note.findings[0].why,
        ["social-courtesy"],
        "a fragment is no code"
    );
    update(&mut app, Action::PreviousField);
    type_text(&mut app, "private-soundtrack");
    let effects = update(&mut app, Action::Save);
    assert!(effects.is_empty(), "no title yet");
    assert_eq!(form(&app).focus, Slot::Title);
    assert_eq!(
        form(&app).note.findings[0].why,
        ["social-courtesy", "private-soundtrack"]
    );
}

#[test]
fn a_place_typed_is_kept_and_a_study_typed_with_a_slip_finds_the_study() {
    let mut app = writing();
    let recent = crate::tui::recent::Recent {
        studies: vec![("photo-store".into(), 15), ("quiet-carriage".into(), 9)],
        places: vec!["Shibuya crossing, Tokyo".into(), "Harbour walk".into()],
        study: None,
    };
    crate::tui::form::open::recent(&mut app, recent);
    app.form.as_mut().expect("form").focus_on(Slot::Place);
    assert_eq!(form(&app).suggestions[0].value, "Shibuya crossing, Tokyo");
    // A new place typed and Enter: what was typed stays, though an old one looks alike.
    type_text(&mut app, "Shibuya");
    update(&mut app, Action::Advance);
    assert_eq!(form(&app).note.place, "Shibuya");
    // Chosen with the arrows, an old place is taken.
    app.form.as_mut().expect("form").focus_on(Slot::Place);
    update(&mut app, Action::ClearSearch);
    update(&mut app, Action::Down);
    update(&mut app, Action::Advance);
    assert_eq!(form(&app).note.place, "Harbour walk");
    // A study typed with a slip: Enter takes the study meant.
    app.form.as_mut().expect("form").focus_on(Slot::Study);
    type_text(&mut app, "qiet carage");
    let offered: Vec<&str> = form(&app)
        .suggestions
        .iter()
        .map(|s| s.value.as_str())
        .collect();
    assert_eq!(offered, ["quiet-carriage", "qiet carage"]);
    assert!(form(&app).suggestions[1].new);
    update(&mut app, Action::Advance);
    assert_eq!(form(&app).note.study, "quiet-carriage");
}
