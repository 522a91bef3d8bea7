//! From tokens to a [`Query`]. Each token becomes a term, an `OR`, or a problem; strict mode
//! stops at the first problem, typing mode drops it and carries on.

use std::ops::Range;

use super::dates::{self, DateField};
use super::lex::{self, Quote, Token, TokenKind, Value};
use super::{Atom, Filter, Group, Mode, Query, QueryError, Term};

/// Parse `text` as a query; in [`Mode::Typing`] this never fails.
pub fn parse(text: &str, mode: Mode) -> Result<Query, QueryError> {
    let tokens = lex::lex(text);
    let mut items = Vec::with_capacity(tokens.len());
    for (index, token) in tokens.iter().enumerate() {
        let before = index.checked_sub(1).and_then(|i| tokens.get(i));
        match item(token, before, tokens.get(index + 1), text, mode) {
            Ok(item) => items.push(item),
            Err(problem) => match mode {
                Mode::Strict => return Err(problem.into_error(text)),
                Mode::Typing => {}
            },
        }
    }
    Ok(group(items))
}

enum Item {
    Or,
    Term(Term),
}

/// A mistake found in one token, not yet tied to the query text.
struct Problem {
    span: Range<usize>,
    message: String,
    label: &'static str,
    hint: String,
}

impl Problem {
    fn into_error(self, text: &str) -> QueryError {
        QueryError::new(text, self.span, self.message, self.label, self.hint)
    }
}

/// Join terms separated by `OR` into groups. `OR`s with no term on one side are skipped here,
/// which is what typing mode wants; strict mode has rejected them already.
fn group(items: Vec<Item>) -> Query {
    let mut groups: Vec<Group> = Vec::new();
    let mut join = false;
    for item in items {
        match item {
            Item::Or => join = !groups.is_empty(),
            Item::Term(term) => {
                match groups.last_mut() {
                    Some(group) if join => group.alternatives.push(term),
                    _ => groups.push(Group {
                        alternatives: vec![term],
                    }),
                }
                join = false;
            }
        }
    }
    Query { groups }
}

/// What `token` stands for; `before` and `after` are its neighbours, which `OR` needs.
fn item(
    token: &Token<'_>,
    before: Option<&Token<'_>>,
    after: Option<&Token<'_>>,
    text: &str,
    mode: Mode,
) -> Result<Item, Problem> {
    // Only the term the cursor is in can be unfinished: it touches the end of the text.
    let prefix = mode == Mode::Typing
        && !token.negated
        && token.span.end == text.len()
        && !text.ends_with(char::is_whitespace);
    let atom = match &token.kind {
        TokenKind::Or => {
            if mode == Mode::Strict {
                let is_or = |token: &Token<'_>| matches!(token.kind, TokenKind::Or);
                if before.is_none_or(is_or) {
                    return Err(or_problem(token.span.clone(), "before"));
                }
                if after.is_none_or(is_or) {
                    return Err(or_problem(token.span.clone(), "after"));
                }
            }
            return Ok(Item::Or);
        }
        TokenKind::LoneDash => {
            return Err(Problem {
                span: token.span.clone(),
                message: "a lone `-` leaves nothing out".into(),
                label: "nothing after the dash",
                hint: "write what to leave out right after the dash, like -boombox or -why:price"
                    .into(),
            });
        }
        TokenKind::Word(word) => Atom::Word {
            text: (*word).to_owned(),
            prefix,
        },
        TokenKind::Phrase {
            text: phrase,
            quote,
            closed,
        } => {
            if !closed && mode == Mode::Strict {
                return Err(unclosed(*quote..text.len()));
            }
            if phrase.trim().is_empty() {
                return Err(Problem {
                    span: token.span.clone(),
                    message: "this phrase is empty".into(),
                    label: "nothing between the quotes",
                    hint: "put words between the quotes, like \"quiet train\", or remove them"
                        .into(),
                });
            }
            Atom::Phrase {
                text: (*phrase).to_owned(),
                prefix: prefix && !closed,
            }
        }
        TokenKind::Field {
            name,
            name_span,
            value,
        } => field(token, *name, name_span, value, text, mode, prefix)?,
    };
    Ok(Item::Term(Term {
        negated: token.negated,
        atom,
        span: token.span.clone(),
    }))
}

/// The atom for `name:value` or `#value` (when `name` is `None`).
fn field(
    token: &Token<'_>,
    name: Option<&str>,
    name_span: &Range<usize>,
    value: &Value<'_>,
    text: &str,
    mode: Mode,
    prefix: bool,
) -> Result<Atom, Problem> {
    enum Known {
        Filter(Filter),
        Date(DateField),
    }
    let known = match name {
        None => Some(Known::Filter(Filter::Tag)),
        Some(name) => Filter::from_name(name)
            .map(Known::Filter)
            .or_else(|| DateField::from_name(name).map(Known::Date)),
    };
    let Some(known) = known else {
        let raw = &text[name_span.start..token.span.end];
        // Links (`https://…`) and the like are text to find, not mistyped fields.
        let link = text[value.span.clone()].starts_with('/');
        if mode == Mode::Strict && !link {
            return Err(unknown_field(name.unwrap_or_default(), name_span, raw));
        }
        return Ok(Atom::Word {
            text: raw.to_owned(),
            prefix,
        });
    };

    if value.quote == Quote::Unclosed && mode == Mode::Strict {
        return Err(unclosed(value.span.start..text.len()));
    }
    if value.text.trim().is_empty() {
        return Err(empty_value(name, token.span.clone()));
    }
    match known {
        Known::Filter(field) => {
            if value.quote == Quote::None && value.text.contains("..") {
                return Err(Problem {
                    span: value.span.clone(),
                    message: format!("`{}:` does not take a range", field.name()),
                    label: "a range",
                    hint: "only date: takes a range, like date:2026-01..2026-03; to search for \
                           the dots themselves, put the value in quotes"
                        .into(),
                });
            }
            Ok(Atom::Filter {
                field,
                value: value.text.to_owned(),
                prefix: prefix && value.quote != Quote::Closed,
            })
        }
        Known::Date(field) => {
            let inner = value.span.start + usize::from(value.quote != Quote::None);
            dates::day_range(field, value.text)
                .map(Atom::Dates)
                .map_err(|problem| Problem {
                    span: inner + problem.span.start..inner + problem.span.end,
                    message: problem.message,
                    label: problem.label,
                    hint: problem.hint,
                })
        }
    }
}

fn or_problem(span: Range<usize>, side: &str) -> Problem {
    Problem {
        span,
        message: format!("`OR` has nothing {side} it"),
        label: if side == "before" {
            "nothing before this"
        } else {
            "nothing after this"
        },
        hint: "put a term on each side, like walkman OR boombox; to search for the word itself, \
               write it in lowercase (or) or in quotes (\"OR\")"
            .into(),
    }
}

fn unclosed(span: Range<usize>) -> Problem {
    Problem {
        span,
        message: "this quote is never closed".into(),
        label: "opened here, never closed",
        hint: "add a closing \" at the end of the quoted text".into(),
    }
}

fn empty_value(name: Option<&str>, span: Range<usize>) -> Problem {
    match name {
        None => Problem {
            span,
            message: "a lone `#` names no tag".into(),
            label: "no tag",
            hint: "write the tag right after the #, like #commute".into(),
        },
        Some(name) if DateField::from_name(name).is_some() => Problem {
            span,
            message: format!("`{name}:` has no date"),
            label: "no date",
            hint: format!("write the date right after the colon, like {name}:2026-03"),
        },
        Some(name) => Problem {
            span,
            message: format!("`{name}:` has no value"),
            label: "no value",
            hint: format!(
                "write the value right after the colon, like {name}:something; if it has \
                 spaces, quote it: {name}:\"two words\""
            ),
        },
    }
}

fn unknown_field(name: &str, name_span: &Range<usize>, raw: &str) -> Problem {
    let mut fields: Vec<String> = Filter::ALL
        .iter()
        .map(|field| format!("{}:", field.name()))
        .collect();
    fields.extend(["on:", "after:", "before:", "date:"].map(String::from));
    let literal = if raw.contains('"') {
        String::from("put it in quotes")
    } else {
        format!("put it in quotes: \"{raw}\"")
    };
    Problem {
        span: name_span.clone(),
        message: format!("`{name}` is not a field you can search by"),
        label: "unknown field",
        hint: format!(
            "the fields are {} (and #tag); to search for the text itself, {literal}",
            fields.join(" ")
        ),
    }
}
