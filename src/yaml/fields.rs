//! Reading typed fields out of a YAML mapping, reporting every problem with its position
//! instead of stopping at the first, and keeping the keys nobody asked for.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Key, Node, Pos, Value};
use crate::problem::Problem;

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it starts.
    pub pos: Pos,
}

/// Keys a reader did not recognise, kept in file order so a rewrite puts them back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extra(pub Vec<(Key, Node)>);

impl Extra {
    /// Whether there are no unknown keys.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, node) in &self.0 {
            map.serialize_entry(&key.name, node)?;
        }
        map.end()
    }
}

/// The entries of one mapping, taken out one known key at a time.
pub struct Fields {
    entries: Vec<(Key, Node)>,
    /// Where the mapping starts.
    pub pos: Pos,
}

impl Fields {
    /// The entries of `node`, or an error when it is not a mapping. `what` names the thing
    /// the mapping describes ("a note", "a finding") for the message.
    pub fn new(node: Node, what: &str, problems: &mut Vec<Problem>) -> Option<Fields> {
        match node.value {
            Value::Map(entries) => Some(Fields {
                entries,
                pos: node.pos,
            }),
            other => {
                problems.push(
                    Problem::error(
                        node.pos,
                        format!(
                            "expected {what} as `key: value` lines, found {}",
                            other.kind_name()
                        ),
                    )
                    .hint("write one `key: value` pair per line"),
                );
                None
            }
        }
    }

    /// The top-level mapping of a whole file; an empty file gives `None` and no problem.
    pub fn of_text(text: &str, what: &str, problems: &mut Vec<Problem>) -> Option<Fields> {
        match super::parse(text) {
            Ok(node) if node.value == Value::Null => None,
            Ok(node) => Fields::new(node, what, problems),
            Err(error) => {
                problems.push(super::syntax_problem(text, error));
                None
            }
        }
    }

    /// Removes and returns the value of `name`, if present.
    pub fn take(&mut self, name: &str) -> Option<Node> {
        let index = self.entries.iter().position(|(key, _)| key.name == name)?;
        Some(self.entries.remove(index).1)
    }

    /// Text under `name`. Numbers and booleans are read as text; blank text counts as absent.
    pub fn text(&mut self, name: &str, problems: &mut Vec<Problem>) -> Option<Located<String>> {
        let node = self.take(name)?;
        match node.value.scalar_text() {
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(Located {
                value: text,
                pos: node.pos,
            }),
            None if node.value == Value::Null => None,
            None => {
                problems.push(
                    Problem::error(
                        node.pos,
                        format!("`{name}` should be text, found {}", node.value.kind_name()),
                    )
                    .hint(format!("write `{name}: some text` on one line, or use `{name}: |` for several lines")),
                );
                None
            }
        }
    }

    /// Text under `name` that must be there.
    pub fn required_text(
        &mut self,
        name: &str,
        what: &str,
        example: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<Located<String>> {
        let key_pos = self
            .entries
            .iter()
            .find(|(key, _)| key.name == name)
            .map(|(key, _)| key.pos);
        let before = problems.len();
        let found = self.text(name, problems);
        if found.is_none() && problems.len() == before {
            let message = match key_pos {
                Some(_) => format!("`{name}` is empty, but {what} needs one"),
                None => format!("{what} has no `{name}`"),
            };
            problems.push(
                Problem::error(key_pos.unwrap_or(self.pos), message)
                    .hint(format!("add a line like `{name}: {example}`")),
            );
        }
        found
    }

    /// A list of words under `name`: `[a, b]`, a block list, or one bare word.
    pub fn words(&mut self, name: &str, problems: &mut Vec<Problem>) -> Vec<Located<String>> {
        let Some(node) = self.take(name) else {
            return Vec::new();
        };
        let items = match node.value {
            Value::Null => return Vec::new(),
            Value::Seq(items) => items,
            scalar => vec![Node {
                value: scalar,
                pos: node.pos,
            }],
        };
        let mut words = Vec::new();
        for item in items {
            match item.value.scalar_text() {
                Some(text) if !text.trim().is_empty() => words.push(Located {
                    value: text.trim().to_owned(),
                    pos: item.pos,
                }),
                Some(_) => {}
                None => problems.push(
                    Problem::error(
                        item.pos,
                        format!(
                            "items of `{name}` should be words, found {}",
                            item.value.kind_name()
                        ),
                    )
                    .hint(format!("write `{name}: [first, second]`")),
                ),
            }
        }
        words
    }

    /// A list of mappings under `name` (a single mapping is read as a list of one).
    pub fn maps(&mut self, name: &str, what: &str, problems: &mut Vec<Problem>) -> Vec<Fields> {
        let Some(node) = self.take(name) else {
            return Vec::new();
        };
        let items = match node.value {
            Value::Null => Vec::new(),
            Value::Seq(items) => items,
            single => vec![Node {
                value: single,
                pos: node.pos,
            }],
        };
        items
            .into_iter()
            .filter(|item| !is_blank(&item.value))
            .filter_map(|item| Fields::new(item, what, problems))
            .collect()
    }

    /// The keys nobody took, in file order.
    pub fn rest(self) -> Extra {
        Extra(self.entries)
    }
}

/// Whether a value holds nothing a user typed: empty text, nulls, empty lists, or a mapping of
/// those (the untouched entries of a template).
pub fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        Value::Seq(items) => items.iter().all(|n| is_blank(&n.value)),
        Value::Map(entries) => entries.iter().all(|(_, n)| is_blank(&n.value)),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => false,
    }
}
