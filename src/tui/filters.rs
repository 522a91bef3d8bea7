//! The filter chooser: every kind, study and why-code in the notebook, narrowed by fuzzy
//! typing. Choosing one adds its term (`kind:interview`) to the search line, or takes it out
//! when it is already there, so the search line always says what is being searched.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::action::Action;
use super::app::{App, Choice, Overlay, Picker};
use super::effect::Effect;
use super::update::restart;
use crate::query::{self, Atom, Filter, Mode};

/// Applies an action while the chooser is open.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Filters(picker)) = &mut app.overlay else {
        return Vec::new();
    };
    if let Some(edited) = picker.line.apply(&action) {
        if edited {
            narrow(picker);
        }
        return Vec::new();
    }
    match action {
        Action::Down | Action::Wheel { down: true, .. } => {
            picker.selected = (picker.selected + 1).min(picker.shown.len().saturating_sub(1))
        }
        Action::Up | Action::Wheel { down: false, .. } => {
            picker.selected = picker.selected.saturating_sub(1)
        }
        Action::PageDown => {
            picker.selected = (picker.selected + 10).min(picker.shown.len().saturating_sub(1))
        }
        Action::PageUp => picker.selected = picker.selected.saturating_sub(10),
        Action::Back => app.overlay = None,
        Action::Choose => {
            let chosen = picker
                .shown
                .get(picker.selected)
                .and_then(|&i| picker.choices.get(i))
                .cloned();
            app.overlay = None;
            if let Some(choice) = chosen {
                toggle(app, &choice);
                return restart(app);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Fills the chooser with what the index counted, marking the filters already in use.
pub fn receive(app: &mut App, mut choices: Vec<Choice>) {
    let query = app.browse.line.text().to_owned();
    let Some(Overlay::Filters(picker)) = &mut app.overlay else {
        return;
    };
    let in_use = filters_in(&query);
    for choice in &mut choices {
        choice.active = in_use.iter().any(|used| used.is(choice));
    }
    picker.choices = choices;
    picker.counted = true;
    narrow(picker);
}

/// Shows the choices that match what was typed, best first; all of them, in order, when
/// nothing was typed.
fn narrow(picker: &mut Picker) {
    picker.selected = 0;
    let typed = picker.line.text();
    if typed.trim().is_empty() {
        picker.shown = (0..picker.choices.len()).collect();
        return;
    }
    let pattern = Pattern::parse(typed, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut scored: Vec<(u32, usize)> = picker
        .choices
        .iter()
        .enumerate()
        .filter_map(|(i, choice)| {
            let haystack = format!("{} {}", choice.filter.name(), choice.value);
            let score = pattern.score(Utf32Str::new(&haystack, &mut buffer), &mut matcher)?;
            Some((score, i))
        })
        .collect();
    // Equal scores keep the chooser's order (kinds, studies, codes; most used first).
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    picker.shown = scored.into_iter().map(|(_, i)| i).collect();
}

/// Adds the choice's term to the search line, or removes it when it is there.
fn toggle(app: &mut App, choice: &Choice) {
    let text = app.browse.line.text().to_owned();
    let new = match span_of(&text, choice) {
        Some(span) => {
            let (before, after) = (text[..span.start].trim_end(), text[span.end..].trim_start());
            match (before.is_empty(), after.is_empty()) {
                (false, false) => format!("{before} {after}"),
                _ => format!("{before}{after}"),
            }
        }
        None if text.trim().is_empty() => format!("{} ", choice.term()),
        None => format!("{} {} ", text.trim_end(), choice.term()),
    };
    app.browse.line.set(&new);
}

/// Where the search line already filters by `choice`, if it does.
fn span_of(text: &str, choice: &Choice) -> Option<std::ops::Range<usize>> {
    filters_in(text)
        .into_iter()
        .find(|used| used.is(choice))
        .map(|used| used.span)
}

/// A filter the search line applies, and where it is written.
struct InUse {
    field: Filter,
    value: String,
    span: std::ops::Range<usize>,
}

impl InUse {
    fn is(&self, choice: &Choice) -> bool {
        choice.filter == self.field && self.value.eq_ignore_ascii_case(&choice.value)
    }
}

/// The filters the search line applies (the excluded ones are not).
fn filters_in(text: &str) -> Vec<InUse> {
    let Ok(query) = query::parse(text, Mode::Strict).or_else(|_| query::parse(text, Mode::Typing))
    else {
        return Vec::new();
    };
    query
        .terms()
        .filter(|term| !term.negated)
        .filter_map(|term| match &term.atom {
            Atom::Filter { field, value, .. } => Some(InUse {
                field: *field,
                value: value.clone(),
                span: term.span.clone(),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(filter: Filter, value: &str) -> Choice {
        Choice {
            filter,
            value: value.into(),
            count: 1,
            about: None,
            active: false,
        }
    }

    fn picked(query: &str, choice: &Choice) -> String {
        let mut app = App::new("test", (100, 30));
        app.browse.line.set(query);
        toggle(&mut app, choice);
        app.browse.line.text().to_owned()
    }

    #[test]
    fn choosing_adds_the_term_and_choosing_again_removes_it() {
        let kind = choice(Filter::Kind, "interview");
        assert_eq!(picked("", &kind), "kind:interview ");
        assert_eq!(picked("tape deck", &kind), "tape deck kind:interview ");
        assert_eq!(picked("tape kind:interview deck", &kind), "tape deck");
        assert_eq!(picked("kind:Interview", &kind), "");
        let study = choice(Filter::Study, "quiet carriage");
        assert_eq!(picked("", &study), "study:\"quiet carriage\" ");
        assert_eq!(picked("study:\"quiet carriage\" train", &study), "train");
    }

    #[test]
    fn an_excluded_filter_is_not_the_filter() {
        let kind = choice(Filter::Kind, "interview");
        assert_eq!(
            picked("-kind:interview", &kind),
            "-kind:interview kind:interview "
        );
    }

    #[test]
    fn typing_narrows_fuzzily_and_best_first() {
        let mut picker = Picker {
            choices: vec![
                choice(Filter::Kind, "interview"),
                choice(Filter::Why, "private-soundtrack"),
                choice(Filter::Why, "social-courtesy"),
            ],
            ..Picker::default()
        };
        narrow(&mut picker);
        assert_eq!(picker.shown, vec![0, 1, 2]);
        "prvsnd".chars().for_each(|c| picker.line.insert(c));
        narrow(&mut picker);
        assert_eq!(picker.shown, vec![1]);
    }
}
