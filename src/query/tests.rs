//! Tests of the query language: the operators here, dates, strict errors and typing mode in the
//! submodules.

use std::ops::Range;

use jiff::civil::date;

use super::*;

mod dates;
mod props;
mod strict;
mod typing;

/// The query `text` parsed in strict mode, which must succeed.
fn strict(text: &str) -> Query {
    parse(text, Mode::Strict).unwrap_or_else(|e| panic!("{text:?} failed: {}", e.message()))
}

/// The query `text` parsed in typing mode.
fn typing(text: &str) -> Query {
    parse(text, Mode::Typing).unwrap_or_else(|e| panic!("typing mode failed: {}", e.message()))
}

/// `text` parsed in both modes, which must agree (so no term may be a prefix).
fn both(text: &str) -> Query {
    let query = strict(text);
    assert_eq!(typing(&format!("{text} ")), query, "typing {text:?}");
    query
}

fn term(atom: Atom, span: Range<usize>) -> Term {
    Term {
        negated: false,
        atom,
        span,
    }
}

fn word(text: &str, span: Range<usize>) -> Term {
    term(
        Atom::Word {
            text: text.into(),
            prefix: false,
        },
        span,
    )
}

fn phrase(text: &str, span: Range<usize>) -> Term {
    term(
        Atom::Phrase {
            text: text.into(),
            prefix: false,
        },
        span,
    )
}

fn filter(field: Filter, value: &str, span: Range<usize>) -> Term {
    term(
        Atom::Filter {
            field,
            value: value.into(),
            prefix: false,
        },
        span,
    )
}

fn not(mut term: Term) -> Term {
    term.negated = true;
    term
}

/// `term`, marked as still being typed.
fn prefix(mut term: Term) -> Term {
    match &mut term.atom {
        Atom::Word { prefix, .. } | Atom::Phrase { prefix, .. } | Atom::Filter { prefix, .. } => {
            *prefix = true
        }
        Atom::Dates(_) => panic!("dates have no prefix"),
    }
    term
}

/// A query of the given groups.
fn groups(groups: Vec<Vec<Term>>) -> Query {
    Query {
        groups: groups
            .into_iter()
            .map(|alternatives| Group { alternatives })
            .collect(),
    }
}

/// A query where every term must match on its own.
fn all(terms: Vec<Term>) -> Query {
    groups(terms.into_iter().map(|term| vec![term]).collect())
}

#[test]
fn empty_and_blank_queries_are_empty() {
    for text in ["", " ", "  \t\n ", "\u{3000}"] {
        assert_eq!(strict(text), Query::default(), "{text:?}");
        assert_eq!(typing(text), Query::default(), "{text:?}");
        assert!(strict(text).is_empty());
    }
    assert!(!strict("a").is_empty());
}

#[test]
fn every_word_is_its_own_group() {
    assert_eq!(
        both("quiet  train"),
        all(vec![word("quiet", 0..5), word("train", 7..12)])
    );
    assert_eq!(
        both("\tquiet\ntrain"),
        all(vec![word("quiet", 1..6), word("train", 7..12)])
    );
}

#[test]
fn uppercase_or_joins_terms_into_one_group() {
    assert_eq!(
        both("walkman OR boombox"),
        groups(vec![vec![word("walkman", 0..7), word("boombox", 11..18)]])
    );
    assert_eq!(
        both("a OR b OR c d"),
        groups(vec![
            vec![word("a", 0..1), word("b", 5..6), word("c", 10..11)],
            vec![word("d", 12..13)],
        ])
    );
    assert_eq!(
        both("-a OR #b"),
        groups(vec![vec![
            not(word("a", 0..2)),
            filter(Filter::Tag, "b", 6..8)
        ]])
    );
}

#[test]
fn only_a_standalone_uppercase_or_is_an_operator() {
    assert_eq!(
        both("a or b"),
        all(vec![word("a", 0..1), word("or", 2..4), word("b", 5..6)])
    );
    assert_eq!(
        both("a Or ORANGE \"OR\" -OR"),
        all(vec![
            word("a", 0..1),
            word("Or", 2..4),
            word("ORANGE", 5..11),
            phrase("OR", 12..16),
            not(word("OR", 17..20)),
        ])
    );
}

#[test]
fn phrases_are_literal() {
    assert_eq!(
        both("\"exact phrase\" x"),
        all(vec![phrase("exact phrase", 0..14), word("x", 15..16)])
    );
    assert_eq!(
        both("\"why: OR -x #t date:..\""),
        all(vec![phrase("why: OR -x #t date:..", 0..23)])
    );
    // A closing quote ends the term even with no space after it.
    assert_eq!(
        both("\"a b\"c"),
        all(vec![phrase("a b", 0..5), word("c", 5..6)])
    );
    // A quote inside a word is part of the word.
    assert_eq!(both("say\"hi"), all(vec![word("say\"hi", 0..6)]));
}

#[test]
fn a_dash_excludes_only_at_the_start() {
    assert_eq!(
        both("-word -\"a phrase\" -why:price -#gift"),
        all(vec![
            not(word("word", 0..5)),
            not(phrase("a phrase", 6..17)),
            not(filter(Filter::Why, "price", 18..28)),
            not(filter(Filter::Tag, "gift", 29..35)),
        ])
    );
    assert_eq!(
        both("well-known x-"),
        all(vec![word("well-known", 0..10), word("x-", 11..13)])
    );
    assert_eq!(both("--x"), all(vec![not(word("-x", 0..3))]));
}

#[test]
fn every_filter_by_name_in_any_case() {
    let cases = [
        ("why:price", Filter::Why, "price"),
        ("tag:commute", Filter::Tag, "commute"),
        ("#commute", Filter::Tag, "commute"),
        ("kind:interview", Filter::Kind, "interview"),
        ("study:portable-music", Filter::Study, "portable-music"),
        ("place:Shibuya", Filter::Place, "Shibuya"),
        ("by:ms", Filter::By, "ms"),
        ("who:P07", Filter::Who, "P07"),
        ("WHY:Private-Soundtrack", Filter::Why, "Private-Soundtrack"),
        ("Tag:a:b", Filter::Tag, "a:b"),
        ("##x", Filter::Tag, "#x"),
        ("who:\"P07\"", Filter::Who, "P07"),
    ];
    for (text, field, value) in cases {
        assert_eq!(
            both(text),
            all(vec![filter(field, value, 0..text.len())]),
            "{text}"
        );
    }
}

#[test]
fn quoted_filter_values_keep_spaces_and_operators() {
    assert_eq!(
        both("place:\"Shibuya station\" x"),
        all(vec![
            filter(Filter::Place, "Shibuya station", 0..23),
            word("x", 24..25),
        ])
    );
    assert_eq!(
        both("#\"photo walk\" tag:\"a..b OR c\""),
        all(vec![
            filter(Filter::Tag, "photo walk", 0..13),
            filter(Filter::Tag, "a..b OR c", 14..29),
        ])
    );
}

#[test]
fn things_that_are_not_field_names_stay_words() {
    for text in [
        "https://example.com/a?b=c",
        "ftp:/x",
        "12:30",
        "why2:x",
        "私:x",
        ":x",
        "a-b:c",
        "x#y",
    ] {
        assert_eq!(both(text), all(vec![word(text, 0..text.len())]), "{text}");
    }
}

#[test]
fn multibyte_text_has_byte_spans() {
    let text = "私だけのもの -\"音楽 🎵\" #写真 why:理由";
    assert_eq!(
        both(text),
        all(vec![
            word("私だけのもの", 0..18),
            not(phrase("音楽 🎵", 19..33)),
            filter(Filter::Tag, "写真", 34..41),
            filter(Filter::Why, "理由", 42..52),
        ])
    );
}

#[test]
fn control_characters_are_part_of_words() {
    assert_eq!(
        both("a\u{0}b \u{7}"),
        all(vec![word("a\u{0}b", 0..3), word("\u{7}", 4..5)])
    );
}

#[test]
fn filter_names_round_trip() {
    for field in Filter::ALL {
        assert_eq!(Filter::from_name(field.name()), Some(field));
        assert_eq!(Filter::from_name(&field.name().to_uppercase()), Some(field));
    }
    assert_eq!(Filter::Why.name(), "why");
    assert_eq!(Filter::from_name("date"), None);
    assert_eq!(Filter::from_name("#"), None);
}

#[test]
fn day_ranges_are_half_open() {
    let march = DayRange {
        from: Some(date(2026, 3, 1)),
        until: Some(date(2026, 4, 1)),
    };
    assert!(march.contains(date(2026, 3, 1)));
    assert!(march.contains(date(2026, 3, 31)));
    assert!(!march.contains(date(2026, 4, 1)));
    assert!(!march.contains(date(2026, 2, 28)));
    let open = DayRange {
        from: None,
        until: None,
    };
    assert!(open.contains(date(1979, 3, 14)));
}

#[test]
fn terms_lists_every_term_in_order() {
    let query = strict("a OR b c");
    let texts: Vec<_> = query.terms().map(|term| term.span.clone()).collect();
    assert_eq!(texts, vec![0..1, 5..6, 7..8]);
}
