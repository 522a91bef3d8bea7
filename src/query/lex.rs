//! Splitting query text into tokens. Lexing never fails: every oddity is carried in the token
//! so that the parser can decide, per mode, whether it is an error or something to drop.
//!
//! Every position here is either 0, the text's length, or next to an ASCII character found by
//! scanning, so all spans fall on char boundaries whatever the text holds.

use std::ops::Range;

/// One whitespace-separated piece of the query (quotes may hold whitespace).
#[derive(Debug)]
pub(super) struct Token<'a> {
    /// The whole token, including `-` and quotes.
    pub span: Range<usize>,
    /// Written with a leading `-`.
    pub negated: bool,
    pub kind: TokenKind<'a>,
}

#[derive(Debug)]
pub(super) enum TokenKind<'a> {
    /// A standalone uppercase `OR`.
    Or,
    /// A `-` with nothing after it.
    LoneDash,
    /// `"..."`; `quote` is where the opening quote is.
    Phrase {
        text: &'a str,
        quote: usize,
        closed: bool,
    },
    /// Anything else without a field name.
    Word(&'a str),
    /// `name:value` where the name is ASCII letters, or `#value` (then `name` is `None`).
    Field {
        name: Option<&'a str>,
        /// The name and its colon, or the `#`.
        name_span: Range<usize>,
        value: Value<'a>,
    },
}

/// The part after `name:` or `#`.
#[derive(Debug)]
pub(super) struct Value<'a> {
    /// Without quotes.
    pub text: &'a str,
    /// Including quotes, if any.
    pub span: Range<usize>,
    pub quote: Quote,
}

/// Whether a value was quoted, and whether the quote was closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Quote {
    None,
    Closed,
    Unclosed,
}

/// The tokens of `text`, in order.
pub(super) fn lex(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(start) = skip_whitespace(text, at) {
        let token = token(text, start);
        // Every token holds at least one character, so this always moves forward.
        at = token.span.end.max(start + 1);
        tokens.push(token);
    }
    tokens
}

/// The start of the next non-whitespace character at or after `at`.
fn skip_whitespace(text: &str, at: usize) -> Option<usize> {
    text.get(at..)?
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(offset, _)| at + offset)
}

/// Where the run of non-whitespace starting at `at` ends.
fn word_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.find(char::is_whitespace))
        .map_or(text.len(), |offset| at + offset)
}

/// The quoted text whose opening quote is at `quote`: its inner range, and whether it closed.
/// An unclosed quote runs to the end of the text.
fn quoted(text: &str, quote: usize) -> (Range<usize>, bool) {
    let inner = quote + 1;
    match text.get(inner..).and_then(|rest| rest.find('"')) {
        Some(offset) => (inner..inner + offset, true),
        None => (inner..text.len(), false),
    }
}

/// The token starting at `start`, which is not whitespace.
fn token(text: &str, start: usize) -> Token<'_> {
    let end = word_end(text, start);
    let bare = &text[start..end];
    if bare == "OR" {
        return Token {
            span: start..end,
            negated: false,
            kind: TokenKind::Or,
        };
    }
    let negated = bare.starts_with('-');
    if bare == "-" {
        return Token {
            span: start..end,
            negated: false,
            kind: TokenKind::LoneDash,
        };
    }
    let body = start + usize::from(negated);
    let rest = &text[body..];

    if rest.starts_with('"') {
        let (inner, closed) = quoted(text, body);
        // A closing quote ends the term even when more text follows straight after it.
        let span_end = if closed { inner.end + 1 } else { inner.end };
        return Token {
            span: start..span_end,
            negated,
            kind: TokenKind::Phrase {
                text: &text[inner],
                quote: body,
                closed,
            },
        };
    }

    if rest.starts_with('#') {
        let value = value(text, body + 1);
        return Token {
            span: start..value.span.end,
            negated,
            kind: TokenKind::Field {
                name: None,
                name_span: body..body + 1,
                value,
            },
        };
    }

    let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    if name_len > 0 && rest.as_bytes().get(name_len) == Some(&b':') {
        let colon = body + name_len;
        let value = value(text, colon + 1);
        return Token {
            span: start..value.span.end,
            negated,
            kind: TokenKind::Field {
                name: Some(&text[body..colon]),
                name_span: body..colon + 1,
                value,
            },
        };
    }

    Token {
        span: start..end,
        negated,
        kind: TokenKind::Word(&text[body..end]),
    }
}

/// The field value starting at `at`, right after the colon or `#`.
fn value(text: &str, at: usize) -> Value<'_> {
    if text.get(at..).is_some_and(|rest| rest.starts_with('"')) {
        let (inner, closed) = quoted(text, at);
        let end = if closed { inner.end + 1 } else { inner.end };
        return Value {
            text: &text[inner],
            span: at..end,
            quote: if closed {
                Quote::Closed
            } else {
                Quote::Unclosed
            },
        };
    }
    let end = word_end(text, at);
    Value {
        text: &text[at..end],
        span: at..end,
        quote: Quote::None,
    }
}
