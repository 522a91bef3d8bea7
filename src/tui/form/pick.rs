//! The choices under a picking field: why-codes narrowed fuzzily as the user types (with a new
//! code offered when none is the one), or notes found by searching, for an insight's evidence.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{Form, slot};
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
    let mut found: Vec<Suggestion> = if typed.is_empty() {
        free.map(suggestion).collect()
    } else {
        let pattern = Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let mut scored: Vec<(u32, usize, Suggestion)> = free
            .enumerate()
            .filter_map(|(i, code)| {
                let score = pattern.score(Utf32Str::new(&code.value, &mut buffer), &mut matcher)?;
                Some((score, i, suggestion(code)))
            })
            .collect();
        // Equal scores keep the most used first.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, s)| s).collect()
    };
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
