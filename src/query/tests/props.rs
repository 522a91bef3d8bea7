//! Properties over arbitrary text: typing mode never fails, spans are always sound, and
//! whatever strict mode accepts, typing mode reads the same way.

use proptest::prelude::*;

use super::*;

/// Text built mostly from the language's own pieces, so that odd combinations come up often.
fn query_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_owned()),
        Just("-".to_owned()),
        Just("#".to_owned()),
        Just(":".to_owned()),
        Just(".".to_owned()),
        Just("..".to_owned()),
        Just(" ".to_owned()),
        Just("OR".to_owned()),
        Just(" OR ".to_owned()),
        Just("why:".to_owned()),
        Just("Date:".to_owned()),
        Just("after:".to_owned()),
        Just("foo:".to_owned()),
        Just("2026".to_owned()),
        Just("-02".to_owned()),
        Just("-29".to_owned()),
        Just("9999".to_owned()),
        Just("私".to_owned()),
        Just("🎵".to_owned()),
        Just("é".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\u{3000}".to_owned()),
        Just("\t\n".to_owned()),
        "[a-zA-Z0-9/]{1,3}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// Every span lies within `text` on char boundaries, and terms come in order without overlap.
fn check_spans(text: &str, query: &Query) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for group in &query.groups {
        prop_assert!(!group.alternatives.is_empty());
        for term in &group.alternatives {
            let span = &term.span;
            prop_assert!(span.start < span.end, "empty span {span:?}");
            prop_assert!(span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert!(span.start >= last_end, "{span:?} overlaps the term before");
            last_end = span.end;
        }
    }
    Ok(())
}

/// The query with every prefix mark cleared.
fn without_prefixes(mut query: Query) -> Query {
    for group in &mut query.groups {
        for term in &mut group.alternatives {
            if let Atom::Word { prefix, .. }
            | Atom::Phrase { prefix, .. }
            | Atom::Filter { prefix, .. } = &mut term.atom
            {
                *prefix = false;
            }
        }
    }
    query
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let typed = parse(text, Mode::Typing);
    prop_assert!(typed.is_ok(), "typing mode failed on {text:?}");
    let typed = typed.unwrap_or_default();
    check_spans(text, &typed)?;

    // Only a term reaching the end of the text can be a prefix, and at most one is.
    let prefixes: Vec<&Term> = typed
        .terms()
        .filter(|term| match &term.atom {
            Atom::Word { prefix, .. }
            | Atom::Phrase { prefix, .. }
            | Atom::Filter { prefix, .. } => *prefix,
            Atom::Dates(_) => false,
        })
        .collect();
    prop_assert!(prefixes.len() <= 1);
    for term in prefixes {
        prop_assert!(!term.negated && term.span.end == text.len());
    }

    match parse(text, Mode::Strict) {
        Ok(query) => {
            check_spans(text, &query)?;
            prop_assert_eq!(query, without_prefixes(typed));
        }
        Err(error) => {
            let span = error.span();
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert!(!error.message().is_empty() && !error.hint().is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn operator_soup_parses_soundly(text in query_text()) {
        check(&text)?;
    }

    #[test]
    fn any_text_parses_soundly(text in any::<String>()) {
        check(&text)?;
    }
}
