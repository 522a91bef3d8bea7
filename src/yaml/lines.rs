//! Positions in files whose lines end with a lone carriage return (old Mac style). YAML sees a
//! line break at each CR; git, grep, less and a terminal editor see one long line. Positions
//! are told the way those tools count, so "line 3" is never past the end of what they show.

use super::{Node, Pos, SyntaxError, Value};

/// Where each line, as YAML counts them, starts in the text.
pub(super) struct YamlLines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> YamlLines<'t> {
    /// The lines of `text` when a lone CR breaks some of them; `None` when YAML and the
    /// terminal count alike.
    pub(super) fn with_lone_cr(text: &'t str) -> Option<Self> {
        let bytes = text.as_bytes();
        let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if !(0..bytes.len()).any(lone) {
            return None;
        }
        let mut starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            if byte == b'\n' || lone(i) {
                starts.push(i + 1);
            }
        }
        Some(YamlLines { text, starts })
    }

    /// `pos`, counted as YAML counts, counted at line feeds only.
    pub(super) fn at_line_feeds(&self, pos: Pos) -> Pos {
        let Some(&start) = self.starts.get(pos.line.saturating_sub(1) as usize) else {
            return pos;
        };
        let column = pos.column.saturating_sub(1) as usize;
        let byte = self.text[start..]
            .char_indices()
            .nth(column)
            .map_or(self.text.len(), |(i, _)| start + i);
        Pos::of_byte(self.text, byte)
    }

    /// Every position in what the parser gave, counted at line feeds only.
    pub(super) fn recount(&self, parsed: Result<Node, SyntaxError>) -> Result<Node, SyntaxError> {
        match parsed {
            Ok(mut node) => {
                self.recount_node(&mut node);
                Ok(node)
            }
            Err(mut error) => {
                error.pos = self.at_line_feeds(error.pos);
                Err(error)
            }
        }
    }

    fn recount_node(&self, node: &mut Node) {
        node.pos = self.at_line_feeds(node.pos);
        match &mut node.value {
            Value::Seq(items) => items.iter_mut().for_each(|item| self.recount_node(item)),
            Value::Map(entries) => {
                for (key, value) in entries {
                    key.pos = self.at_line_feeds(key.pos);
                    self.recount_node(value);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    #[test]
    fn a_file_of_lone_carriage_returns_is_one_line_long() {
        let text = "kind: interview\rtitle: T\rdate: [\r";
        let error = parse(text).unwrap_err();
        assert_eq!(error.pos.line, 1, "{error:?}");
        let node = parse("kind: interview\rtitle: T\r").unwrap();
        let super::Value::Map(entries) = node.value else {
            panic!("a mapping")
        };
        assert_eq!((entries[1].0.pos.line, entries[1].0.pos.column), (1, 17));
    }

    #[test]
    fn line_feeds_and_crlf_count_as_before() {
        let error = parse("kind: interview\r\ntitle: T\r\ndate: [\r\n").unwrap_err();
        assert!(error.pos.line >= 3, "{error:?}");
    }
}
