//! Property tests of the canonical YAML writer: whatever a note holds, writing it and reading
//! it back gives the same note, and writing is idempotent.

use fieldnotes::note::{Finding, Note, NoteDate, Participant, Source, parse};
use fieldnotes::yaml::fields::Extra;
use fieldnotes::yaml::{Key, Node, Value};
use proptest::prelude::*;

/// Text a researcher might type: quotes, colons, hashes, dashes, brackets, accents, CJK,
/// emoji, tabs, blank lines, leading and trailing spaces.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ -~\t\n\u{e9}\u{fc}\u{3042}\u{6e0b}\u{1f3a7}]{1,60}")
        .unwrap()
        .prop_filter("blank text reads as absent", |s| !s.trim().is_empty())
}

fn line() -> impl Strategy<Value = String> {
    text()
        .prop_map(|s| s.replace(['\n', '\t'], " ").trim().to_owned())
        .prop_filter("non-blank", |s| !s.is_empty())
}

fn word() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z0-9][a-z0-9-]{0,15}|[A-Za-z\u{e9}\u{3042}:#'\" ,.]{1,12}")
        .unwrap()
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("non-blank", |s| !s.is_empty())
}

fn date() -> impl Strategy<Value = NoteDate> {
    prop_oneof![
        Just("1979-03-14"),
        Just("1979-03-14T15:20+09:00"),
        Just("2024-02-29T08:05:59Z"),
        Just("2026-11-22T23:59"),
    ]
    .prop_map(|s| NoteDate::parse(s).unwrap())
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        text().prop_map(Value::Str),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| Value::Seq(v.into_iter().map(Node::from).collect())),
            prop::collection::vec(("[a-z_]{1,8}", inner), 0..4).prop_map(|entries| {
                let mut seen = Vec::new();
                Value::Map(
                    entries
                        .into_iter()
                        .filter(|(k, _)| {
                            !seen.contains(k) && {
                                seen.push(k.clone());
                                true
                            }
                        })
                        .map(|(k, v)| (Key::from(k.as_str()), Node::from(v)))
                        .collect(),
                )
            }),
        ]
    })
}

/// Unknown keys: names no reader knows, with values of any shape.
fn extra() -> impl Strategy<Value = Extra> {
    prop::collection::vec(value(), 0..3).prop_map(|values| {
        Extra(
            values
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Key::from(format!("custom_{i}").as_str()), Node::from(v)))
                .collect(),
        )
    })
}

fn finding() -> impl Strategy<Value = Finding> {
    (
        proptest::option::of(text()),
        proptest::option::of(text()),
        prop::collection::vec(word(), 0..3),
        proptest::option::of(line()),
        extra(),
    )
        // A list item with nothing but blanks reads as absent (an untouched template row).
        .prop_filter(
            "a finding that says something",
            |(did, quote, why, note, _)| {
                did.is_some() || quote.is_some() || !why.is_empty() || note.is_some()
            },
        )
        .prop_map(|(did, quote, why, note, extra)| Finding {
            did,
            quote,
            why,
            note,
            extra,
        })
}

fn note() -> impl Strategy<Value = Note> {
    let head = (
        prop_oneof![Just("interview"), Just("insight"), Just("diary")].prop_map(String::from),
        line(),
        date(),
        proptest::option::of(line()),
        proptest::option::of(line()),
        proptest::option::of(word()),
    );
    let people = prop::collection::vec(
        (
            line(),
            proptest::option::of(line()),
            proptest::option::of(line()),
            extra(),
        )
            .prop_map(|(alias, about, consent, extra)| Participant {
                alias,
                about,
                consent,
                extra,
            }),
        0..3,
    );
    let lists = (
        prop::collection::vec(word(), 0..4),
        prop::collection::vec(word(), 0..3),
        proptest::option::of(text()),
        prop::collection::vec(finding(), 0..3),
    );
    let tail = (
        proptest::option::of(
            (
                proptest::option::of(line()),
                proptest::option::of(line()),
                proptest::option::of(word()),
            )
                .prop_filter("some source", |(u, a, p)| {
                    u.is_some() || a.is_some() || p.is_some()
                })
                .prop_map(|(url, author, platform)| Source {
                    url,
                    author,
                    platform,
                    extra: Extra::default(),
                }),
        ),
        prop::collection::vec(word(), 0..3),
        proptest::option::of(text()),
        proptest::option::of(word()),
        extra(),
    );
    (head, people, lists, tail).prop_map(
        |(
            (kind, title, date, study, place, researcher),
            participants,
            (tags, why, body, findings),
            (source, evidence, action, status, extra),
        )| Note {
            kind,
            title,
            date,
            study,
            place,
            researcher,
            participants,
            tags,
            why,
            body,
            findings,
            source,
            evidence,
            action,
            status,
            extra,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn written_notes_read_back_unchanged(note in note()) {
        let written = note.to_yaml();
        let parsed = parse(&written);
        prop_assert!(parsed.problems.iter().all(|p| !p.is_error()), "{:?}\n{}", parsed.problems, written);
        prop_assert_eq!(parsed.note.as_ref(), Some(&note), "{}", written);
    }

    #[test]
    fn writing_is_idempotent(note in note()) {
        let once = note.to_yaml();
        let twice = parse(&once).note.map(|n| n.to_yaml());
        prop_assert_eq!(Some(once), twice);
    }
}
