//! The two screens the team's work brings: the conflicts a sync set aside, settled field by
//! field with both values side by side, and the versions of a note, with what changed since
//! each and a way to bring one back. Like `update` and `receive`, this only changes state and
//! asks for effects.

use super::action::Action;
use super::app::{App, Screen, Settling, Versions};
use super::effect::{Effect, Outcome};
use super::update::scrolled;
use crate::git::resolve::Choice;

/// Lines a page of the values or the difference scrolls by.
const PAGE: usize = 10;

/// Opens the conflicts screen and asks for what waits.
pub fn open_conflicts(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Settling;
    app.settling = Settling::default();
    vec![Effect::Conflicts]
}

/// Opens the versions of the note selected or read.
pub fn open_versions(app: &mut App) -> Vec<Effect> {
    let path = match app.screen {
        Screen::Note => app.reading.last().map(|r| r.path.clone()),
        _ => app.selected_hit().map(|hit| hit.path.clone()),
    };
    let Some(path) = path else {
        return Vec::new();
    };
    app.screen = Screen::Versions;
    app.versions = Versions {
        path: path.clone(),
        ..Versions::default()
    };
    vec![Effect::Versions { path }]
}

/// Applies an action on the conflicts screen.
pub fn settling(app: &mut App, action: Action) -> Vec<Effect> {
    let s = &mut app.settling;
    let count = s.list.as_ref().map_or(0, Vec::len);
    let before = s.selected;
    let choice = match action {
        Action::Down | Action::Wheel { down: true, .. } => {
            s.selected = (s.selected + 1).min(count.saturating_sub(1));
            None
        }
        Action::Up | Action::Wheel { down: false, .. } => {
            s.selected = s.selected.saturating_sub(1);
            None
        }
        Action::Top => {
            s.selected = 0;
            None
        }
        Action::Bottom => {
            s.selected = count.saturating_sub(1);
            None
        }
        Action::PreviewDown | Action::PageDown => {
            s.scroll = scrolled(s.scroll, true, PAGE);
            None
        }
        Action::PreviewUp | Action::PageUp => {
            s.scroll = scrolled(s.scroll, false, PAGE);
            None
        }
        Action::KeepMine => Some(Choice::Mine),
        Action::TakeTheirs => Some(Choice::Theirs),
        Action::KeepBoth => Some(Choice::Both),
        Action::Edit => {
            return s
                .list
                .as_ref()
                .and_then(|l| l.get(s.selected))
                .map(|d| Effect::Edit {
                    path: d.path.clone(),
                    line: None,
                })
                .into_iter()
                .collect();
        }
        Action::Back => {
            app.screen = Screen::Browse;
            None
        }
        _ => None,
    };
    if s.selected != before {
        s.scroll = 0;
    }
    let Some(choice) = choice else {
        return Vec::new();
    };
    let Some(field) = s.list.as_ref().and_then(|l| l.get(s.selected)) else {
        return Vec::new();
    };
    if choice == Choice::Both && !field.both {
        app.message = Some(format!(
            "`{}` cannot be kept both ways: M keeps yours, T takes the team's.",
            field.field
        ));
        return Vec::new();
    }
    vec![Effect::Settle {
        id: field.id.clone(),
        field: field.field.clone(),
        choice,
    }]
}

/// Applies an action on the versions screen.
pub fn versions(app: &mut App, action: Action) -> Vec<Effect> {
    let v = &mut app.versions;
    let count = v
        .list
        .as_ref()
        .and_then(|l| l.as_ref().ok())
        .map_or(0, Vec::len);
    let before = v.selected;
    match action {
        Action::Down | Action::Wheel { down: true, .. } => {
            v.selected = (v.selected + 1).min(count.saturating_sub(1))
        }
        Action::Up | Action::Wheel { down: false, .. } => v.selected = v.selected.saturating_sub(1),
        Action::Top => v.selected = 0,
        Action::Bottom => v.selected = count.saturating_sub(1),
        Action::PreviewDown | Action::PageDown => v.scroll = scrolled(v.scroll, true, PAGE),
        Action::PreviewUp | Action::PageUp => v.scroll = scrolled(v.scroll, false, PAGE),
        Action::BringBack => {
            return selected_version(v)
                .map(|(commit, at)| Effect::BringBack {
                    path: v.path.clone(),
                    commit,
                    at,
                })
                .into_iter()
                .collect();
        }
        Action::Back => {
            app.screen = if app.reading.is_empty() {
                Screen::Browse
            } else {
                Screen::Note
            };
        }
        _ => {}
    }
    if v.selected != before {
        v.scroll = 0;
        return difference(v);
    }
    Vec::new()
}

/// The selected version's commit and path, when the versions are listed.
fn selected_version(v: &Versions) -> Option<(String, String)> {
    let list = v.list.as_ref()?.as_ref().ok()?;
    let version = list.get(v.selected)?;
    Some((version.commit.clone(), version.path.clone()))
}

/// Asks what changed from the selected version to now.
fn difference(v: &mut Versions) -> Vec<Effect> {
    v.difference = None;
    selected_version(v)
        .map(|(commit, at)| Effect::Difference {
            path: v.path.clone(),
            commit,
            at,
        })
        .into_iter()
        .collect()
}

/// Takes in what the runtime found about conflicts and versions.
pub fn receive(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Conflicts(list) => {
            let s = &mut app.settling;
            s.selected = s.selected.min(list.len().saturating_sub(1));
            // An empty list says so on the screen itself.
            s.list = Some(list);
        }
        Outcome::Versions { path, list } if path == app.versions.path => {
            let v = &mut app.versions;
            let count = list.as_ref().map_or(0, Vec::len);
            v.selected = v.selected.min(count.saturating_sub(1));
            v.list = Some(list);
            return difference(v);
        }
        Outcome::Difference { commit, lines } => {
            let v = &mut app.versions;
            if selected_version(v).is_some_and(|(c, _)| c == commit) {
                v.difference = Some((commit, lines));
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Keeps the screens of the team's work open after files changed, reading them again.
pub fn reload(app: &App) -> Vec<Effect> {
    match app.screen {
        Screen::Settling => vec![Effect::Conflicts],
        Screen::Versions => vec![Effect::Versions {
            path: app.versions.path.clone(),
        }],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::history::Version;
    use crate::git::settle::Disagreement;

    fn version(commit: &str) -> Version {
        Version {
            commit: commit.into(),
            author: "ana".into(),
            date: "2024-05-02T10:00:00+00:00".into(),
            subject: "fieldnotes: 1 note changed".into(),
            path: "note.yaml".into(),
            changed: Vec::new(),
            note: None,
        }
    }

    fn versions_of(app: &mut App, commits: &[&str]) -> Vec<Effect> {
        app.screen = Screen::Versions;
        app.versions.path = "note.yaml".into();
        receive(
            app,
            Outcome::Versions {
                path: "note.yaml".into(),
                list: Ok(commits.iter().map(|c| version(c)).collect()),
            },
        )
    }

    #[test]
    fn a_difference_that_comes_after_the_selection_moved_on_is_not_shown() {
        let mut app = App::new("street", (100, 30));
        let asked = versions_of(&mut app, &["bbb", "aaa"]);
        assert_eq!(
            asked,
            [Effect::Difference {
                path: "note.yaml".into(),
                commit: "bbb".into(),
                at: "note.yaml".into()
            }]
        );
        let moved = versions(&mut app, Action::Down);
        assert!(matches!(&moved[..], [Effect::Difference { commit, .. }] if commit == "aaa"));
        // The answer for the first version arrives late: it is not the one selected.
        receive(
            &mut app,
            Outcome::Difference {
                commit: "bbb".into(),
                lines: Vec::new(),
            },
        );
        assert!(app.versions.difference.is_none());
        receive(
            &mut app,
            Outcome::Difference {
                commit: "aaa".into(),
                lines: Vec::new(),
            },
        );
        assert_eq!(
            app.versions.difference.as_ref().map(|d| &d.0[..]),
            Some("aaa")
        );
        // Versions of another note, asked for before, change nothing here.
        let other = receive(
            &mut app,
            Outcome::Versions {
                path: "other.yaml".into(),
                list: Ok(vec![version("ccc")]),
            },
        );
        assert!(other.is_empty());
        assert_eq!(app.versions.selected, 1);
    }

    #[test]
    fn bringing_back_asks_for_the_selected_version_and_back_returns_where_it_came_from() {
        let mut app = App::new("street", (100, 30));
        versions_of(&mut app, &["bbb", "aaa"]);
        versions(&mut app, Action::Down);
        assert_eq!(
            versions(&mut app, Action::BringBack),
            [Effect::BringBack {
                path: "note.yaml".into(),
                commit: "aaa".into(),
                at: "note.yaml".into()
            }]
        );
        versions(&mut app, Action::Back);
        assert_eq!(app.screen, Screen::Browse);
    }

    #[test]
    fn settling_asks_for_the_selected_field_and_keeping_both_only_where_it_can() {
        let mut app = App::new("street", (100, 30));
        let field = |name: &str, both: bool| Disagreement {
            id: "note".into(),
            path: "note.yaml".into(),
            title: "Teen at the gate".into(),
            field: name.into(),
            mine: "a".into(),
            theirs: "b".into(),
            both,
        };
        assert_eq!(open_conflicts(&mut app), [Effect::Conflicts]);
        receive(
            &mut app,
            Outcome::Conflicts(vec![field("title", true), field("kind", false)]),
        );
        assert_eq!(
            settling(&mut app, Action::TakeTheirs),
            [Effect::Settle {
                id: "note".into(),
                field: "title".into(),
                choice: Choice::Theirs
            }]
        );
        settling(&mut app, Action::Down);
        assert!(settling(&mut app, Action::KeepBoth).is_empty());
        assert!(
            app.message
                .as_deref()
                .is_some_and(|m| m.contains("cannot be kept both ways"))
        );
        // The list shrinks as fields are settled: the selection stays on one that is left.
        receive(&mut app, Outcome::Conflicts(vec![field("title", true)]));
        assert_eq!(app.settling.selected, 0);
    }
}
