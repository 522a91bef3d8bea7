//! The codebook: the why-codes a team tags behaviour with, as a hierarchy.

pub mod apply;
pub mod change;
pub mod recode;
pub mod reshape;
pub mod split;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::problem::Problem;
use crate::yaml::fields::{Extra, Fields, Located};
use crate::yaml::{self, Pos};

/// The file name of the codebook at the notebook root.
pub const CODEBOOK_FILE: &str = "codebook.yaml";

/// All why-codes of a notebook.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Codebook {
    /// The codes, in file order.
    pub codes: Vec<Code>,
    /// Keys fieldnotes does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One why-code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Code {
    /// A slug: lowercase letters, digits and hyphens.
    pub name: String,
    /// What the code means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The broader code this one belongs under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// When to apply it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include: Option<String>,
    /// When not to apply it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude: Option<String>,
    /// A typical quote or behaviour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// A colour for displays, `#RRGGBB`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Keys fieldnotes does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Code {
    /// A code with a name and nothing else yet.
    pub fn named(name: &str) -> Code {
        Code {
            name: name.to_owned(),
            description: None,
            parent: None,
            include: None,
            exclude: None,
            example: None,
            color: None,
            extra: Extra::default(),
        }
    }
}

impl Codebook {
    /// Reads a codebook, checking names, colours and the hierarchy. Problems come beside
    /// whatever could be read, so a single bad code does not hide the others.
    pub fn parse(text: &str) -> (Codebook, Vec<Problem>) {
        let mut problems = Vec::new();
        let Some(mut f) = Fields::of_text(text, "the codebook", &mut problems) else {
            return (Codebook::default(), problems);
        };
        let mut codes = Vec::new();
        let mut parents = Vec::new();
        for mut c in f.maps("codes", "a code", &mut problems) {
            let Some(name) = c.required_text("name", "a code", "private-soundtrack", &mut problems)
            else {
                continue;
            };
            if !is_slug(&name.value) {
                problems.push(
                    Problem::error(
                        name.pos,
                        format!("`{}` is not a valid code name", name.value),
                    )
                    .hint(format!(
                        "use lowercase letters, digits and hyphens, like `{}`",
                        crate::notebook::store::slug(&name.value)
                    )),
                );
            }
            let parent = c.text("parent", &mut problems);
            let color = c.text("color", &mut problems);
            if let Some(color) = color.as_ref().filter(|c| !is_color(&c.value)) {
                problems.push(
                    Problem::warning(color.pos, format!("`{}` is not a colour", color.value))
                        .hint("write it as \"#RRGGBB\", in quotes, like \"#46AA00\""),
                );
            }
            parents.push((name.clone(), parent.clone()));
            let description = c
                .text("description", &mut problems)
                .map(|t| t.value)
                .filter(|d| !d.trim().is_empty());
            if description.is_none() {
                problems.push(
                    Problem::suggestion(
                        name.pos,
                        format!("the code `{}` has no description", name.value),
                    )
                    .hint("add a one-line `description:` under it, so that everyone codes alike"),
                );
            }
            codes.push(Code {
                name: name.value,
                description,
                parent: parent.map(|p| p.value),
                include: c.text("include", &mut problems).map(|t| t.value),
                exclude: c.text("exclude", &mut problems).map(|t| t.value),
                example: c.text("example", &mut problems).map(|t| t.value),
                color: color.map(|t| t.value),
                extra: c.rest(),
            });
        }
        problems.extend(hierarchy_problems(&parents));
        problems.sort_by_key(|p| p.pos);
        (
            Codebook {
                codes,
                extra: f.rest(),
            },
            problems,
        )
    }

    /// The code called `name`.
    pub fn get(&self, name: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.name == name)
    }

    /// The codes directly under `parent` (the top-level codes for `None`), in file order.
    pub fn children(&self, parent: Option<&str>) -> Vec<&Code> {
        let known: HashSet<&str> = self.codes.iter().map(|c| c.name.as_str()).collect();
        self.codes
            .iter()
            .filter(|c| match (parent, c.parent.as_deref()) {
                (None, None) => true,
                // A code whose parent is missing is shown at the top rather than lost.
                (None, Some(p)) => !known.contains(p),
                (Some(want), Some(p)) => p == want && c.name != want,
                (Some(_), None) => false,
            })
            .collect()
    }

    /// Every code with its depth, depth first in file order: each code followed by the codes
    /// under it. A tree that goes round (a broken codebook) gives each code once.
    pub fn depth_first(&self) -> Vec<(&Code, usize)> {
        let mut order = Vec::with_capacity(self.codes.len());
        let mut stack: Vec<(&Code, usize)> = self
            .children(None)
            .into_iter()
            .rev()
            .map(|c| (c, 0))
            .collect();
        let mut placed: HashSet<&str> = HashSet::new();
        while let Some((code, depth)) = stack.pop() {
            if !placed.insert(&code.name) {
                continue;
            }
            order.push((code, depth));
            for child in self.children(Some(&code.name)).into_iter().rev() {
                stack.push((child, depth + 1));
            }
        }
        order
    }

    /// `name` and every code below it.
    pub fn with_descendants<'a>(&'a self, name: &'a str) -> Vec<&'a str> {
        let mut found = vec![name];
        let mut i = 0;
        while i < found.len() {
            for child in self.children(Some(found[i])) {
                if !found.contains(&child.name.as_str()) {
                    found.push(&child.name);
                }
            }
            i += 1;
        }
        found
    }

    /// The codebook in canonical YAML.
    pub fn to_yaml(&self) -> String {
        yaml::to_canonical_string(self).unwrap_or_default()
    }
}

/// The text of a codebook with `code` added after its last code, every other byte as it was.
/// Refused when the code is there already, when its name is no slug, or when the codebook has
/// errors: the result must read as the same codebook with one code more.
pub fn with_code_added(text: &str, code: &Code) -> Result<String, String> {
    if !is_slug(&code.name) {
        return Err(format!(
            "`{}` is not a code name: lowercase letters, digits and hyphens",
            code.name
        ));
    }
    let mut wanted = reshape::readable(text)?;
    if wanted.get(&code.name).is_some() {
        return Err(format!("the codebook has `{}` already", code.name));
    }
    wanted.codes.push(code.clone());
    let written = if text.trim().is_empty() {
        wanted.to_yaml()
    } else {
        let path = [yaml::patch::Step::Key("codes")];
        yaml::patch::append_item(text, &path, code, &[]).map_err(|r| r.0)?
    };
    if Codebook::parse(&written).0 == wanted {
        Ok(written)
    } else {
        Err("it would not read back as the same codebook with the new code".into())
    }
}

fn hierarchy_problems(parents: &[(Located<String>, Option<Located<String>>)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut first: HashMap<&str, Pos> = HashMap::new();
    for (name, _) in parents {
        if let Some(earlier) = first.insert(&name.value, name.pos) {
            first.insert(&name.value, earlier);
            problems.push(
                Problem::error(
                    name.pos,
                    format!("the code `{}` is defined twice", name.value),
                )
                .hint(format!("merge it with the one on line {}", earlier.line)),
            );
        }
    }
    let parent_of: HashMap<&str, &str> = parents
        .iter()
        .filter_map(|(n, p)| Some((n.value.as_str(), p.as_ref()?.value.as_str())))
        .collect();
    for (name, parent) in parents {
        let Some(parent) = parent else { continue };
        if !first.contains_key(parent.value.as_str()) {
            problems.push(
                Problem::error(
                    parent.pos,
                    format!(
                        "`{}` has the parent `{}`, which is not in the codebook",
                        name.value, parent.value
                    ),
                )
                .hint("add that code, or correct the parent's name"),
            );
            continue;
        }
        let mut seen = vec![name.value.as_str()];
        let mut at = parent.value.as_str();
        while let Some(next) = (!seen.contains(&at)).then(|| parent_of.get(at)).flatten() {
            seen.push(at);
            at = next;
        }
        if at == name.value {
            seen.push(at);
            problems.push(
                Problem::error(
                    parent.pos,
                    format!(
                        "the parents of `{}` go round in a circle: {}",
                        name.value,
                        seen.join(" → ")
                    ),
                )
                .hint("a code cannot be its own ancestor: remove one of these `parent:` lines"),
            );
        }
    }
    problems
}

/// Whether `name` is a valid code name.
pub fn is_slug(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_color(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "codes:
  - name: autonomy
    description: Wants to decide for themselves
    color: \"#46AA00\"
  - name: private-soundtrack
    parent: autonomy
  - name: own-pace
    parent: private-soundtrack
  - name: trust
";

    #[test]
    fn reads_the_hierarchy() {
        let (book, problems) = Codebook::parse(BOOK);
        // Codes without a description are hinted at, nothing more.
        assert!(
            problems
                .iter()
                .all(|p| p.severity == crate::problem::Severity::Hint)
        );
        assert_eq!(problems.len(), 3);
        let top: Vec<_> = book
            .children(None)
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(top, ["autonomy", "trust"]);
        assert_eq!(
            book.with_descendants("autonomy"),
            ["autonomy", "private-soundtrack", "own-pace"]
        );
        let (again, _) = Codebook::parse(&book.to_yaml());
        assert_eq!(again, book);
    }

    #[test]
    fn finds_unknown_parents_cycles_duplicates_and_bad_names() {
        let text = "codes:
  - name: a
    parent: b
  - name: b
    parent: a
  - name: c
    parent: nowhere
  - name: Bad Name
  - name: a
";
        let (_, problems) = Codebook::parse(text);
        let messages: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.pos.line, p.message))
            .collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("3:") && m.contains("circle")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("7:") && m.contains("not in the codebook")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("8:") && m.contains("not a valid code name")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("9:") && m.contains("defined twice")),
            "{messages:?}"
        );
    }

    fn code(name: &str, description: &str) -> Code {
        Code {
            description: Some(description.into()),
            ..Code::named(name)
        }
    }

    #[test]
    fn a_new_code_goes_at_the_end_and_the_rest_stays_as_written() {
        let text = "# The team's codes\ncodes:\n  - name: autonomy   # the root\n    description: Decides\nteam: street\n";
        let out = with_code_added(text, &code("pace", "Wants to go at their own speed")).unwrap();
        assert_eq!(
            out,
            text.replace(
                "    description: Decides\n",
                "    description: Decides\n  - name: pace\n    description: Wants to go at their own speed\n"
            )
        );
        assert_eq!(
            with_code_added("", &code("pace", "x")).unwrap(),
            "codes:\n  - name: pace\n    description: x\n"
        );
        assert!(with_code_added(text, &code("autonomy", "again")).is_err());
        assert!(with_code_added(text, &code("Two Words", "x")).is_err());
    }
}
