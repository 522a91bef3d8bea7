//! Date filters: every form, month ends, leap years and the ends of the calendar.

use jiff::civil::{Date, date};

use super::*;

/// The day range of the single date term `text`, parsed in both modes.
fn days(text: &str) -> DayRange {
    let query = both(text);
    match query.groups.as_slice() {
        [group] => match group.alternatives.as_slice() {
            [
                Term {
                    negated: false,
                    atom: Atom::Dates(range),
                    span,
                },
            ] if *span == (0..text.len()) => *range,
            other => panic!("{text}: expected one date term, got {other:?}"),
        },
        other => panic!("{text}: expected one group, got {other:?}"),
    }
}

fn between(from: Date, until: Date) -> DayRange {
    DayRange {
        from: Some(from),
        until: Some(until),
    }
}

fn since(from: Date) -> DayRange {
    DayRange {
        from: Some(from),
        until: None,
    }
}

fn until(until: Date) -> DayRange {
    DayRange {
        from: None,
        until: Some(until),
    }
}

#[test]
fn on_and_date_cover_the_whole_period() {
    for name in ["on", "date", "ON", "Date"] {
        assert_eq!(
            days(&format!("{name}:2026")),
            between(date(2026, 1, 1), date(2027, 1, 1))
        );
        assert_eq!(
            days(&format!("{name}:2026-03")),
            between(date(2026, 3, 1), date(2026, 4, 1))
        );
        assert_eq!(
            days(&format!("{name}:2026-03-14")),
            between(date(2026, 3, 14), date(2026, 3, 15))
        );
    }
}

#[test]
fn month_ends_and_year_ends() {
    assert_eq!(
        days("on:2026-12"),
        between(date(2026, 12, 1), date(2027, 1, 1))
    );
    assert_eq!(
        days("on:2026-12-31"),
        between(date(2026, 12, 31), date(2027, 1, 1))
    );
    assert_eq!(
        days("on:2026-04-30"),
        between(date(2026, 4, 30), date(2026, 5, 1))
    );
    assert_eq!(
        days("on:2026-01-31"),
        between(date(2026, 1, 31), date(2026, 2, 1))
    );
}

#[test]
fn leap_years() {
    assert_eq!(
        days("on:2028-02"),
        between(date(2028, 2, 1), date(2028, 3, 1))
    );
    assert_eq!(
        days("on:2028-02-29"),
        between(date(2028, 2, 29), date(2028, 3, 1))
    );
    assert_eq!(days("after:2024-02-28"), since(date(2024, 2, 29)));
    assert_eq!(days("after:2024-02-29"), since(date(2024, 3, 1)));
    assert_eq!(days("after:2026-02-28"), since(date(2026, 3, 1)));
    assert_eq!(days("on:2000-02-29").from, Some(date(2000, 2, 29)));
    for not_leap in ["on:2026-02-29", "on:1900-02-29", "on:2100-02-29"] {
        assert!(parse(not_leap, Mode::Strict).is_err(), "{not_leap}");
    }
}

#[test]
fn after_is_strictly_after_the_whole_period() {
    assert_eq!(days("after:2026"), since(date(2027, 1, 1)));
    assert_eq!(days("after:2026-02"), since(date(2026, 3, 1)));
    assert_eq!(days("after:2024-02"), since(date(2024, 3, 1)));
    assert_eq!(days("after:2026-01-31"), since(date(2026, 2, 1)));
    assert_eq!(days("after:2026-12-31"), since(date(2027, 1, 1)));
}

#[test]
fn before_is_strictly_before_the_period_starts() {
    assert_eq!(days("before:2026"), until(date(2026, 1, 1)));
    assert_eq!(days("before:2026-03"), until(date(2026, 3, 1)));
    assert_eq!(days("before:2026-03-14"), until(date(2026, 3, 14)));
}

#[test]
fn ranges_include_both_ends() {
    assert_eq!(
        days("date:2026-01..2026-03"),
        between(date(2026, 1, 1), date(2026, 4, 1))
    );
    assert_eq!(
        days("date:2026..2027"),
        between(date(2026, 1, 1), date(2028, 1, 1))
    );
    assert_eq!(
        days("date:2024-02-10..2024-02"),
        between(date(2024, 2, 10), date(2024, 3, 1))
    );
    assert_eq!(
        days("date:2026-03-14..2026-03-14"),
        between(date(2026, 3, 14), date(2026, 3, 15))
    );
    // Overlapping periods are not reversed: the range still has days in it.
    assert_eq!(
        days("date:2026-05..2026"),
        between(date(2026, 5, 1), date(2027, 1, 1))
    );
}

#[test]
fn ranges_may_leave_one_end_open() {
    assert_eq!(days("date:2026-01-15.."), since(date(2026, 1, 15)));
    assert_eq!(days("date:..2026-02"), until(date(2026, 3, 1)));
    assert_eq!(days("date:..2024-02"), until(date(2024, 3, 1)));
}

#[test]
fn quoted_dates_and_date_terms_with_others() {
    assert_eq!(
        days("date:\"2026-01..2026-03\""),
        between(date(2026, 1, 1), date(2026, 4, 1))
    );
    assert_eq!(
        both("boombox -on:1979-03 OR before:1970"),
        groups(vec![
            vec![word("boombox", 0..7)],
            vec![
                not(term(
                    Atom::Dates(between(date(1979, 3, 1), date(1979, 4, 1))),
                    8..19
                )),
                term(Atom::Dates(until(date(1970, 1, 1))), 23..34),
            ],
        ])
    );
}

#[test]
fn the_ends_of_the_calendar() {
    assert_eq!(days("on:9999"), since(date(9999, 1, 1)));
    assert_eq!(days("on:9999-12-31"), since(date(9999, 12, 31)));
    assert_eq!(days("date:2026..9999"), since(date(2026, 1, 1)));
    assert_eq!(days("on:0000"), between(date(0, 1, 1), date(1, 1, 1)));
    assert_eq!(days("before:0000"), until(date(0, 1, 1)));
    // Nothing is after the last day; strict mode says so and typing mode drops the term.
    let error = parse("after:9999-12", Mode::Strict).unwrap_err();
    assert_eq!(error.message(), "no day comes after 9999-12");
    assert_eq!(error.span(), 6..13);
    assert_eq!(typing("after:9999 "), Query::default());
}
