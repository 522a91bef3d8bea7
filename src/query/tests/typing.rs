//! Typing mode: which term is a prefix, and what is dropped while it is half typed.

use super::*;

#[test]
fn the_word_being_typed_is_a_prefix() {
    assert_eq!(
        typing("quiet tra"),
        all(vec![word("quiet", 0..5), prefix(word("tra", 6..9))])
    );
    assert_eq!(
        typing("quiet tra "),
        all(vec![word("quiet", 0..5), word("tra", 6..9)])
    );
    assert_eq!(typing("tra\t"), all(vec![word("tra", 0..3)]));
    assert_eq!(typing("私だけ"), all(vec![prefix(word("私だけ", 0..9))]));
}

#[test]
fn negated_terms_are_never_prefixes() {
    assert_eq!(typing("-tra"), all(vec![not(word("tra", 0..4))]));
    assert_eq!(
        typing("-why:pri"),
        all(vec![not(filter(Filter::Why, "pri", 0..8))])
    );
    assert_eq!(typing("-\"a b"), all(vec![not(phrase("a b", 0..5))]));
}

#[test]
fn an_unclosed_phrase_is_a_prefix() {
    assert_eq!(
        typing("x \"quiet tra"),
        all(vec![word("x", 0..1), prefix(phrase("quiet tra", 2..12))])
    );
    // Trailing whitespace belongs to the phrase but means the last word is finished.
    assert_eq!(
        typing("\"quiet tra "),
        all(vec![phrase("quiet tra ", 0..11)])
    );
    assert_eq!(
        typing("\"quiet train\""),
        all(vec![phrase("quiet train", 0..13)])
    );
}

#[test]
fn a_filter_being_typed_is_a_prefix() {
    assert_eq!(
        typing("why:pri"),
        all(vec![prefix(filter(Filter::Why, "pri", 0..7))])
    );
    assert_eq!(
        typing("x #gi"),
        all(vec![
            word("x", 0..1),
            prefix(filter(Filter::Tag, "gi", 2..5))
        ])
    );
    assert_eq!(
        typing("place:\"Shibuya st"),
        all(vec![prefix(filter(Filter::Place, "Shibuya st", 0..17))])
    );
    // A closed quote means the value is finished.
    assert_eq!(
        typing("place:\"Shibuya\""),
        all(vec![filter(Filter::Place, "Shibuya", 0..15)])
    );
    // An unknown field is a word, and so can be a prefix.
    assert_eq!(typing("foo:ba"), all(vec![prefix(word("foo:ba", 0..6))]));
}

#[test]
fn only_the_term_at_the_end_can_be_a_prefix() {
    assert_eq!(typing("quiet why:"), all(vec![word("quiet", 0..5)]));
    assert_eq!(typing("quiet -"), all(vec![word("quiet", 0..5)]));
    assert_eq!(
        typing("\"quiet\"tra"),
        all(vec![phrase("quiet", 0..7), prefix(word("tra", 7..10))])
    );
    assert_eq!(
        typing("a OR b"),
        groups(vec![vec![word("a", 0..1), prefix(word("b", 5..6))]])
    );
}

#[test]
fn dates_are_complete_or_dropped() {
    assert_eq!(
        typing("after:2026"),
        all(vec![term(
            Atom::Dates(DayRange {
                from: Some(jiff::civil::date(2027, 1, 1)),
                until: None,
            }),
            0..10
        )])
    );
    for text in [
        "after:",
        "after:2",
        "after:2026-",
        "after:2026-0",
        "on:2026-02-3",
        "on:2026-02-30",
        "date:2026-03..2026-01",
        "date:..",
        "on:2026..2027",
    ] {
        assert_eq!(typing(text), Query::default(), "{text}");
    }
}

#[test]
fn half_typed_parts_are_dropped() {
    let quiet = || word("quiet", 2..7);
    assert_eq!(typing("- quiet "), all(vec![quiet()]));
    assert_eq!(typing("# quiet "), all(vec![quiet()]));
    assert_eq!(typing("OR quiet "), all(vec![word("quiet", 3..8)]));
    assert_eq!(typing("quiet OR"), all(vec![word("quiet", 0..5)]));
    assert_eq!(typing("quiet OR "), all(vec![word("quiet", 0..5)]));
    assert_eq!(typing("\"\" quiet "), all(vec![word("quiet", 3..8)]));
    assert_eq!(typing("why: quiet "), all(vec![word("quiet", 5..10)]));
    assert_eq!(typing("tag:a..b quiet "), all(vec![word("quiet", 9..14)]));
    assert_eq!(typing("\""), Query::default());
    assert_eq!(typing("OR"), Query::default());
    assert_eq!(typing("OR OR -"), Query::default());
}

#[test]
fn or_joins_across_dropped_parts() {
    assert_eq!(
        typing("a OR OR b "),
        groups(vec![vec![word("a", 0..1), word("b", 8..9)]])
    );
    assert_eq!(
        typing("a OR why: b "),
        groups(vec![vec![word("a", 0..1), word("b", 10..11)]])
    );
    assert_eq!(
        typing("a OR - OR b "),
        groups(vec![vec![word("a", 0..1), word("b", 10..11)]])
    );
}
