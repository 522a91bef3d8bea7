//! Strict mode: every error, its message, the part it points at and its hint.

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use super::*;

/// The error strict mode gives for `text`; typing mode must still succeed on it.
fn error(text: &str) -> QueryError {
    assert!(parse(text, Mode::Typing).is_ok(), "typing {text:?}");
    match parse(text, Mode::Strict) {
        Ok(query) => panic!("{text:?} parsed as {query:?}"),
        Err(error) => error,
    }
}

/// Asserts the message and the text the error points at, and returns the hint.
fn check(text: &str, message: &str, bad: &str) -> String {
    let error = error(text);
    assert_eq!(error.message(), message, "{text:?}");
    assert_eq!(&text[error.span()], bad, "{text:?}");
    assert_eq!(error.query(), text);
    error.hint().to_owned()
}

#[test]
fn unclosed_quotes_point_from_the_quote_to_the_end() {
    let hint = check(
        "quiet \"train ride",
        "this quote is never closed",
        "\"train ride",
    );
    assert_eq!(hint, "add a closing \" at the end of the quoted text");
    assert_eq!(error("quiet \"train ride").span(), 6..17);
    check("a -\"b c ", "this quote is never closed", "\"b c ");
    check(
        "place:\"Shibuya st",
        "this quote is never closed",
        "\"Shibuya st",
    );
    check("#\"photo", "this quote is never closed", "\"photo");
    check("\"", "this quote is never closed", "\"");
    check("\"a\" \"", "this quote is never closed", "\"");
}

#[test]
fn or_needs_a_term_on_both_sides() {
    let hint = check("OR walkman", "`OR` has nothing before it", "OR");
    assert!(hint.contains("walkman OR boombox"), "{hint}");
    assert!(hint.contains("\"OR\""), "{hint}");
    check("walkman OR", "`OR` has nothing after it", "OR");
    check("walkman OR ", "`OR` has nothing after it", "OR");
    check("OR", "`OR` has nothing before it", "OR");
    assert_eq!(error("a OR OR b").span(), 2..4);
    check("a OR OR b", "`OR` has nothing after it", "OR");
}

#[test]
fn lone_dash_and_lone_hash() {
    let hint = check("a - b", "a lone `-` leaves nothing out", "-");
    assert!(hint.contains("-boombox"), "{hint}");
    assert_eq!(error("a - b").span(), 2..3);
    check("-", "a lone `-` leaves nothing out", "-");
    let hint = check("a #", "a lone `#` names no tag", "#");
    assert_eq!(hint, "write the tag right after the #, like #commute");
    check("-# x", "a lone `#` names no tag", "-#");
    check("#\"\"", "a lone `#` names no tag", "#\"\"");
}

#[test]
fn empty_filter_values() {
    let hint = check("quiet why:", "`why:` has no value", "why:");
    assert_eq!(
        hint,
        "write the value right after the colon, like why:something; if it has spaces, quote \
         it: why:\"two words\""
    );
    check("-Place: x", "`Place:` has no value", "-Place:");
    check("who:\"\"", "`who:` has no value", "who:\"\"");
    check("who:\" \"", "`who:` has no value", "who:\" \"");
    let hint = check("after:", "`after:` has no date", "after:");
    assert_eq!(
        hint,
        "write the date right after the colon, like after:2026-03"
    );
}

#[test]
fn unknown_fields_point_at_the_name() {
    let hint = check(
        "a foo:bar",
        "`foo` is not a field you can search by",
        "foo:",
    );
    assert_eq!(
        hint,
        "the fields are why: tag: kind: study: place: by: who: on: after: before: date: (and \
         #tag); to search for the text itself, put it in quotes: \"foo:bar\""
    );
    check("-Re:", "`Re` is not a field you can search by", "Re:");
    let hint = check(
        "note:\"a b\"",
        "`note` is not a field you can search by",
        "note:",
    );
    assert!(hint.ends_with("put it in quotes"), "{hint}");
    // Typing mode keeps the whole thing as a word.
    assert_eq!(typing("foo:bar "), all(vec![word("foo:bar", 0..7)]));
    assert_eq!(typing("-Re: "), all(vec![not(word("Re:", 0..4))]));
}

#[test]
fn dates_that_are_not_dates() {
    let shapes = "write a year (2026), a month (2026-03) or a day (2026-03-14)";
    for bad in [
        "2026-0",
        "26",
        "2026-3",
        "2026-03-1",
        "2026/03",
        "2026-03-14-1",
        "２０２６",
    ] {
        let hint = check(&format!("on:{bad}"), &format!("`{bad}` is not a date"), bad);
        assert_eq!(hint, shapes);
    }
    check("before:x", "`x` is not a date", "x");
    let hint = check(
        "on:2026-02-29",
        "`2026-02-29` is not a real day",
        "2026-02-29",
    );
    assert_eq!(hint, "February 2026 has days 01 to 28");
    let hint = check(
        "after:2028-02-30",
        "`2028-02-30` is not a real day",
        "2028-02-30",
    );
    assert_eq!(hint, "February 2028 has days 01 to 29");
    check(
        "on:2026-04-31",
        "`2026-04-31` is not a real day",
        "2026-04-31",
    );
    check(
        "on:2026-01-00",
        "`2026-01-00` is not a real day",
        "2026-01-00",
    );
    let hint = check(
        "on:2026-13",
        "`2026-13` is not a date: there is no month 13",
        "2026-13",
    );
    assert_eq!(hint, "months go from 01 to 12");
    check(
        "on:2026-00-01",
        "`2026-00-01` is not a date: there is no month 0",
        "2026-00-01",
    );
    // Inside quotes the error points at the date itself.
    check("date:\"2026-1\"", "`2026-1` is not a date", "2026-1");
}

#[test]
fn bad_ends_of_a_range_are_pointed_at() {
    check(
        "date:2026-13..2027",
        "`2026-13` is not a date: there is no month 13",
        "2026-13",
    );
    check("date:2026..2027-1", "`2027-1` is not a date", "2027-1");
    check(
        "date:2026..2027..2028",
        "`2027..2028` is not a date",
        "2027..2028",
    );
    let hint = check(
        "date:..",
        "this date range has neither a start nor an end",
        "..",
    );
    assert!(hint.contains("date:2026.."), "{hint}");
}

#[test]
fn reversed_ranges() {
    let hint = check(
        "date:2026-03..2026-01",
        "this date range ends before it starts: 2026-01 comes before 2026-03",
        "2026-03..2026-01",
    );
    assert_eq!(hint, "put the earlier date first: date:2026-01..2026-03");
    check(
        "date:2026-01-02..2026-01-01",
        "this date range ends before it starts: 2026-01-01 comes before 2026-01-02",
        "2026-01-02..2026-01-01",
    );
    check(
        "date:2027..2026-12-31",
        "this date range ends before it starts: 2026-12-31 comes before 2027",
        "2027..2026-12-31",
    );
}

#[test]
fn only_date_takes_a_range() {
    let hint = check(
        "on:2026..2027",
        "`on:` takes one date, not a range",
        "2026..2027",
    );
    assert_eq!(
        hint,
        "for a range of dates use date:, like date:2026-01..2026-03"
    );
    check(
        "after:2026..",
        "`after:` takes one date, not a range",
        "2026..",
    );
    check(
        "BEFORE:..2026",
        "`before:` takes one date, not a range",
        "..2026",
    );
    let hint = check("tag:a..b", "`tag:` does not take a range", "a..b");
    assert!(hint.contains("quotes"), "{hint}");
    check("#a..", "`tag:` does not take a range", "a..");
    // Quoted, the dots are just text.
    assert_eq!(
        strict("tag:\"a..b\""),
        all(vec![filter(Filter::Tag, "a..b", 0..10)])
    );
}

#[test]
fn empty_phrases_are_errors() {
    check("a \"\" b", "this phrase is empty", "\"\"");
    check("-\"  \"", "this phrase is empty", "-\"  \"");
}

#[test]
fn the_first_problem_wins() {
    check("why: \"x", "`why:` has no value", "why:");
    check("a OR - \"b", "a lone `-` leaves nothing out", "-");
    check("on:2026-1 foo:x", "`2026-1` is not a date", "2026-1");
}

#[test]
fn strict_mode_marks_no_prefix() {
    assert_eq!(
        strict("tra \"x\" why:pr"),
        all(vec![
            word("tra", 0..3),
            phrase("x", 4..7),
            filter(Filter::Why, "pr", 8..14),
        ])
    );
}

#[test]
fn errors_are_diagnostics_pointing_at_the_bad_part() {
    let error = error("quiet 私 \"train");
    assert_eq!(error.to_string(), "this quote is never closed");
    assert_eq!(
        error.help().map(|help| help.to_string()),
        Some("add a closing \" at the end of the quoted text".into())
    );
    let labels: Vec<_> = error.labels().into_iter().flatten().collect();
    assert_eq!(labels.len(), 1);
    assert_eq!(labels[0].offset(), 10);
    assert_eq!(labels[0].len(), 6);
    assert_eq!(labels[0].label(), Some("opened here, never closed"));
    assert!(error.source_code().is_some());

    let mut report = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .render_report(&mut report, &error)
        .unwrap();
    for expected in [
        "this quote is never closed",
        "quiet 私 \"train",
        "opened here, never closed",
        "add a closing",
    ] {
        assert!(report.contains(expected), "{expected:?} not in\n{report}");
    }
}
