//! The choices under a picking field: why-codes narrowed fuzzily as the user types (with a new
//! code offered when none is the one), or notes found by searching, for an insight's evidence.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::Form;
use super::slot::{self, Slot};
use crate::codebook::is_slug;

/// One choice under a picking field.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// What picking it adds: a code, or a note id.
    pub value: String,
    /// The code's description, or the note's title.
    pub about: String,
    /// A code the codebook does not have yet: picking it adds it there.
    pub new: bool,
}

/// How many choices are shown under a field.
pub const SHOWN: usize = 6;

/// Narrows the codes to what was typed, best first, leaving out those already picked. When
/// what was typed is a code nobody has, it is offered as a new one.
pub fn narrow_codes(form: &mut Form) {
    let typed = form.typed();
    let typed = typed.trim();
    let picked = slot::list(&form.note, form.focus);
    let free = form
        .codes
        .iter()
        .filter(|c| !picked.iter().any(|p| p.eq_ignore_ascii_case(&c.value)));
    let free: Vec<&super::Choice> = free.collect();
    let names: Vec<&str> = free.iter().map(|c| c.value.as_str()).collect();
    let mut found: Vec<Suggestion> = ranked(typed, &names)
        .into_iter()
        .map(|i| suggestion(free[i]))
        .collect();
    let wanted = typed
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    let known = form
        .codes
        .iter()
        .any(|c| c.value.eq_ignore_ascii_case(&wanted))
        || picked.iter().any(|p| p.eq_ignore_ascii_case(&wanted));
    if is_slug(&wanted) && !known {
        found.push(Suggestion {
            value: wanted,
            about: "a new code: added to codebook.yaml".into(),
            new: true,
        });
    }
    form.suggestions = found;
    form.selected = 0;
}

/// Narrows the notebook's studies, or the places of its newest notes, to what is typed in the
/// study or place field. A study the notebook does not have is offered last, said to be new.
pub fn narrow_names(form: &mut Form) {
    let typed = form.typed();
    let typed = typed.trim();
    let (names, about): (Vec<&str>, &dyn Fn(usize) -> String) = match form.focus {
        Slot::Study => (
            form.recent
                .studies
                .iter()
                .map(|(s, _)| s.as_str())
                .collect(),
            &|i| crate::cli::plural(form.recent.studies[i].1, "note"),
        ),
        Slot::Place => (
            form.recent.places.iter().map(String::as_str).collect(),
            &|_| "a recent place".to_owned(),
        ),
        _ => return,
    };
    let mut found: Vec<Suggestion> = ranked(typed, &names)
        .into_iter()
        .map(|i| Suggestion {
            value: names[i].to_owned(),
            about: about(i),
            new: false,
        })
        .collect();
    let known = names.iter().any(|n| n.eq_ignore_ascii_case(typed));
    if form.focus == Slot::Study && !typed.is_empty() && !known {
        found.push(Suggestion {
            value: typed.to_owned(),
            about: "a new study: its notes go in a new folder".into(),
            new: true,
        });
    }
    form.suggestions = found;
    form.selected = 0;
}

/// Which of `values` match `typed` fuzzily, best first; all of them, in order, when nothing
/// is typed. Equal scores keep the order given (the most used first).
pub(crate) fn ranked(typed: &str, values: &[&str]) -> Vec<usize> {
    if typed.is_empty() {
        return (0..values.len()).collect();
    }
    let pattern = Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut scored: Vec<(u32, usize)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, value)| {
            let score = pattern.score(Utf32Str::new(value, &mut buffer), &mut matcher)?;
            Some((score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

fn suggestion(code: &super::Choice) -> Suggestion {
    Suggestion {
        value: code.value.clone(),
        about: code.about.clone().unwrap_or_default(),
        new: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::NoteForm;
    use crate::query::Filter;
    use crate::tui::app::{Choice, Screen};

    fn form_with_codes(codes: &[(&str, &str)]) -> Form {
        let note = NoteForm {
            kind: "interview".into(),
            ..NoteForm::default()
        };
        let mut form = Form::new(note, vec!["interview".into()], None, Screen::Browse);
        form.codes = codes
            .iter()
            .map(|(name, about)| Choice {
                filter: Filter::Why,
                value: (*name).into(),
                count: 1,
                about: Some((*about).into()),
                active: false,
            })
            .collect();
        form.focus_on(slot::Slot::FindingWhy(0));
        form
    }

    fn values(form: &Form) -> Vec<&str> {
        form.suggestions.iter().map(|s| s.value.as_str()).collect()
    }

    #[test]
    fn typing_narrows_the_codes_and_offers_a_new_one() {
        let mut form = form_with_codes(&[
            ("private-soundtrack", "own music"),
            ("social-courtesy", "not bothering others"),
        ]);
        assert_eq!(values(&form), ["private-soundtrack", "social-courtesy"]);
        form.editor.insert_str("prvsnd");
        narrow_codes(&mut form);
        assert_eq!(values(&form), ["private-soundtrack", "prvsnd"]);
        assert!(form.suggestions[1].new);
        form.editor.select_all();
        form.editor.cut();
        form.editor.insert_str("Social Courtesy");
        narrow_codes(&mut form);
        // The code exists, spelt otherwise: nothing new is offered.
        assert!(form.suggestions.iter().all(|s| !s.new));
    }

    #[test]
    fn codes_already_picked_are_not_offered_again() {
        let mut form = form_with_codes(&[("autonomy", "decides"), ("trust", "believes")]);
        slot::list_mut(&mut form.note, slot::Slot::FindingWhy(0))
            .expect("a code list")
            .push("autonomy".into());
        narrow_codes(&mut form);
        assert_eq!(values(&form), ["trust"]);
    }
}
