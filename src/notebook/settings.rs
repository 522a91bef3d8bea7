//! `fieldnotes.yaml` (the notebook's settings, shared by the team) and `config.yaml` (the
//! user's own, in their config directory).

use std::path::Path;

use crate::note::BUILT_IN_KINDS;
use crate::problem::Problem;
use crate::yaml;
use crate::yaml::fields::{Extra, Fields};

/// The notebook's settings. Every key is optional; an empty file is valid.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Settings {
    /// A name to show for the notebook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The language of the notes, for search stemming (`en` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Kinds of note added to the built-in ones.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "crate::note::flow"
    )]
    pub kinds: Vec<String>,
    /// The largest file `sync` shares, in MB (20 when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_limit_mb: Option<u64>,
    /// Keys fieldnotes does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Settings {
    /// The words an export with `--redact` takes out: the `redact:` list (or one word).
    pub fn redact_words(&self) -> Vec<String> {
        let Some((_, node)) = self.extra.0.iter().find(|(k, _)| k.name == "redact") else {
            return Vec::new();
        };
        let text = |n: &crate::yaml::Node| match &n.value {
            crate::yaml::Value::Str(s) => Some(s.clone()),
            crate::yaml::Value::Int(i) => Some(i.to_string()),
            _ => None,
        };
        match &node.value {
            crate::yaml::Value::Seq(items) => items.iter().filter_map(text).collect(),
            _ => text(node).into_iter().collect(),
        }
    }

    /// Reads settings from YAML text; problems are returned beside defaults.
    pub fn parse(text: &str) -> (Settings, Vec<Problem>) {
        let mut problems = Vec::new();
        let Some(mut f) = Fields::of_text(text, "the notebook settings", &mut problems) else {
            return (Settings::default(), problems);
        };
        let language = f.text("language", &mut problems);
        if let Some(unknown) = language
            .as_ref()
            .filter(|l| !crate::index::text::is_known_language(&l.value))
        {
            problems.push(
                Problem::warning(
                    unknown.pos,
                    format!(
                        "fieldnotes cannot stem `{}`: search will match words only as written",
                        unknown.value
                    ),
                )
                .hint("use a code such as en, de, fr, es, pt, it, nl, sv, ru, ja or zh, or `none`"),
            );
        }
        let sync_limit_mb = f.text("sync_limit_mb", &mut problems).and_then(|limit| {
            let parsed = limit.value.trim().parse::<u64>().ok().filter(|n| *n > 0);
            if parsed.is_none() {
                problems.push(
                    Problem::warning(
                        limit.pos,
                        format!("`{}` is not a number of megabytes", limit.value),
                    )
                    .hint("write a whole number, like `sync_limit_mb: 50`; sync uses 20 meanwhile"),
                );
            }
            parsed
        });
        let settings = Settings {
            name: f.text("name", &mut problems).map(|t| t.value),
            language: language.map(|t| t.value),
            kinds: f
                .words("kinds", &mut problems)
                .into_iter()
                .map(|k| k.value)
                .collect(),
            sync_limit_mb,
            extra: f.rest(),
        };
        (settings, problems)
    }

    /// Every kind of note this notebook accepts.
    pub fn kinds(&self) -> Vec<&str> {
        let mut kinds: Vec<&str> = BUILT_IN_KINDS.to_vec();
        for kind in &self.kinds {
            if !kinds.contains(&kind.as_str()) {
                kinds.push(kind);
            }
        }
        kinds
    }
}

/// The user's own settings, kept on their machine.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserConfig {
    /// The initials or handle written as `researcher:` on new notes.
    pub researcher: Option<String>,
}

impl UserConfig {
    /// Reads `config.yaml` from `dir`; a missing or unreadable file gives the defaults.
    pub fn load(dir: &Path) -> UserConfig {
        let Ok(text) = std::fs::read_to_string(dir.join("config.yaml")) else {
            return UserConfig::default();
        };
        let mut problems = Vec::new();
        let researcher = yaml::parse(&text)
            .ok()
            .and_then(|node| Fields::new(node, "the user settings", &mut problems))
            .and_then(|mut f| f.text("researcher", &mut problems))
            .map(|t| t.value);
        UserConfig { researcher }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_settings_are_valid() {
        assert_eq!(Settings::parse(""), (Settings::default(), vec![]));
    }

    #[test]
    fn notebook_kinds_extend_the_built_in_ones() {
        let (settings, problems) = Settings::parse("name: Street\nkinds: [diary, interview]\n");
        assert!(problems.is_empty());
        assert_eq!(settings.kinds().len(), 6);
        assert!(settings.kinds().contains(&"diary"));
    }

    #[test]
    fn a_language_without_a_stemmer_is_a_warning_at_its_place() {
        let (settings, problems) = Settings::parse("name: Street\nlanguage: klingon\n");
        assert_eq!(settings.language.as_deref(), Some("klingon"));
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].is_error());
        assert_eq!((problems[0].pos.line, problems[0].pos.column), (2, 11));
        assert!(Settings::parse("language: ja\n").1.is_empty());
    }
}
