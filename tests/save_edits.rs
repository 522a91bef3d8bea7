//! Saving an edited note: each changed value is written in place, and comments, unknown keys
//! and every untouched line stay as the user wrote them.

use fieldnotes::note::{Finding, Note, NoteDate, Participant, edited, parse};

const NOTE: &str = "\
kind: interview   # at the gate
title: Teen at the gate
date: 2024-05-02T08:10+09:00
participants:
  - alias: P07
    about: student   # asked twice
    mood: tired
tags: [commute]
body: |
  First line.
  Second line.
findings:
  - did: turns the radio off
    why: [private-soundtrack]
    heard_by: ms
weather: rain   # not a fieldnotes key
";

fn note() -> Note {
    parse(NOTE).note.expect("the note reads")
}

/// Saves `after` over NOTE and checks it reads back as `after` and kept every comment.
fn saved(after: &Note) -> String {
    let text = edited(NOTE, &note(), after).expect("saved");
    assert_eq!(parse(&text).note.as_ref(), Some(after), "{text}");
    for comment in ["# at the gate", "# asked twice", "# not a fieldnotes key"] {
        assert!(text.contains(comment), "lost {comment}:\n{text}");
    }
    text
}

#[test]
fn changed_text_is_written_in_place() {
    let mut after = note();
    after.title = "Teen at the ticket gate: \"no\"".into();
    after.place = Some("Shibuya".into());
    after.participants[0].about = Some("high-school student".into());
    after.findings[0].quote = Some("Nobody wants my music.".into());
    let text = saved(&after);
    assert_eq!(
        text,
        NOTE.replace(
            "title: Teen at the gate\n",
            "title: \"Teen at the ticket gate: \\\"no\\\"\"\n"
        )
        .replace(
            "date: 2024-05-02T08:10+09:00\n",
            "date: 2024-05-02T08:10+09:00\nplace: Shibuya\n"
        )
        .replace("about: student   #", "about: high-school student   #")
        .replace(
            "  - did: turns the radio off\n",
            "  - did: turns the radio off\n    quote: Nobody wants my music.\n"
        )
    );
}

#[test]
fn a_new_body_and_date_replace_the_old_and_nothing_else() {
    let mut after = note();
    after.body = Some("Only line now.\nAnd another.\n".into());
    after.date = NoteDate::parse("2024-05-03").expect("a date");
    let text = saved(&after);
    assert_eq!(
        text,
        NOTE.replace(
            "  First line.\n  Second line.\n",
            "  Only line now.\n  And another.\n"
        )
        .replace("2024-05-02T08:10+09:00", "2024-05-03")
    );
}

#[test]
fn findings_and_participants_are_added_and_removed_at_the_end() {
    let mut after = note();
    after.findings.push(Finding {
        quote: Some("It is heavy.".into()),
        why: vec!["portability".into()],
        ..Finding::default()
    });
    after.participants.push(Participant {
        alias: "P08".into(),
        about: None,
        consent: Some("verbal".into()),
        extra: Default::default(),
    });
    let text = saved(&after);
    assert!(
        text.contains(
            "    heard_by: ms\n  - quote: It is heavy.\n    why: [portability]\nweather: rain"
        ),
        "{text}"
    );
    assert!(
        text.contains("    mood: tired\n  - alias: P08\n    consent: verbal\ntags:"),
        "{text}"
    );
    // And taken off again, back to the very same bytes.
    assert_eq!(edited(&text, &after, &note()).expect("saved"), NOTE);
}

#[test]
fn a_note_without_findings_gets_them_after_the_body() {
    let text =
        "kind: meeting  # weekly\ntitle: Debrief\ndate: 2024-05-02\nbody: Short.\nstatus: open\n";
    let before = parse(text).note.expect("a note");
    let mut after = before.clone();
    after.findings.push(Finding {
        did: Some("votes".into()),
        ..Finding::default()
    });
    let out = edited(text, &before, &after).expect("saved");
    assert_eq!(
        out,
        "kind: meeting  # weekly\ntitle: Debrief\ndate: 2024-05-02\nbody: Short.\nfindings:\n  - did: votes\nstatus: open\n"
    );
}

#[test]
fn what_cannot_be_changed_in_place_is_written_canonically_unless_a_comment_would_be_lost() {
    // The only finding goes, and the comment inside it would go with it.
    let text = "kind: interview\ntitle: T\ndate: 2024-05-02\nfindings:\n  - did: x  # why?\n";
    let before = parse(text).note.expect("a note");
    let mut after = before.clone();
    after.findings.clear();
    let error = edited(text, &before, &after).expect_err("refused");
    assert!(error.contains("comment"), "{error}");
    // Without the comment it is simply removed.
    let plain = text.replace("  # why?", "");
    let before = parse(&plain).note.expect("a note");
    let out = edited(&plain, &before, &after).expect("saved");
    assert_eq!(out, "kind: interview\ntitle: T\ndate: 2024-05-02\n");
}
