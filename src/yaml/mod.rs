//! The YAML layer: an order-preserving tree that remembers where every node came from, read
//! through `serde-saphyr` with resource limits, and written back in one canonical style.

pub mod fields;
mod flow;
mod lines;
mod lists;
#[cfg(test)]
mod lists_tests;
pub mod patch;
#[cfg(test)]
mod patch_tests;
mod tree;

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_saphyr::{FlowSeq, Spanned};

use crate::problem::Problem;

/// A 1-based line and column in a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Pos {
    /// Line, counting from 1.
    pub line: u32,
    /// Column in characters, counting from 1.
    pub column: u32,
}

impl Pos {
    /// The start of a file, used for problems that concern the whole file.
    pub const START: Pos = Pos { line: 1, column: 1 };

    /// The position of the character at `byte` in `text`.
    pub fn of_byte(text: &str, byte: usize) -> Pos {
        let before = &text[..byte.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Pos {
            line: saturate(line),
            column: saturate(column),
        }
    }

    fn of_location(location: serde_saphyr::Location) -> Pos {
        Pos {
            line: saturate(location.line()),
            column: saturate(location.column()),
        }
        .or_start()
    }

    fn or_start(self) -> Pos {
        if self.line == 0 { Pos::START } else { self }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

fn saturate<T: TryInto<u32>>(n: T) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

/// A YAML value together with where it was read. Equality ignores the position.
#[derive(Clone, Debug)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value starts in its file ([`Pos::START`] for values built in memory).
    pub pos: Pos,
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl From<Value> for Node {
    fn from(value: Value) -> Self {
        Node {
            value,
            pos: Pos::START,
        }
    }
}

/// A YAML value. Mappings keep their keys in file order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing at all.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it was written. Equality ignores the position.
#[derive(Clone, Debug)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Where the key starts.
    pub pos: Pos,
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl From<&str> for Key {
    fn from(name: &str) -> Self {
        Key {
            name: name.to_owned(),
            pos: Pos::START,
        }
    }
}

impl Value {
    /// A short name for the kind of value, for error messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The value as text when it is a scalar: numbers and booleans keep their usual spelling.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Float(x) => Some(x.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    fn is_flow_scalar(&self) -> bool {
        match self {
            Value::Str(s) => !s.contains('\n'),
            Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => true,
            Value::Seq(_) | Value::Map(_) => false,
        }
    }
}

/// Why a text could not be read as YAML.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// What is wrong, in the parser's words.
    pub message: String,
    /// Where it went wrong.
    pub pos: Pos,
}

/// Nesting deeper than any note needs; deeper input is refused rather than risking the stack.
const MAX_DEPTH: usize = 32;
/// Parser events a single note may produce (a note of a few megabytes stays far below it).
const MAX_EVENTS: usize = 2_000_000;

/// Events that aliases may replay in one note: generous for hand-written anchors, and small
/// enough that a "billion laughs" file is refused in milliseconds.
const MAX_REPLAYED_EVENTS: usize = 100_000;

/// Parses one YAML document into a positioned tree, within limits that stop alias bombs and
/// pathological nesting.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let parsed = parse_counting_yaml_lines(text);
    match lines::YamlLines::with_lone_cr(text) {
        Some(lines) => lines.recount(parsed),
        None => parsed,
    }
}

fn parse_counting_yaml_lines(text: &str) -> Result<Node, SyntaxError> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_events: MAX_EVENTS,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
        },
        strict_booleans: true,
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options::<Node>(text, options).map_err(|error| SyntaxError {
        message: plain_message(&error),
        pos: error
            .location()
            .map(Pos::of_location)
            .filter(|pos| *pos != Pos::START)
            .or_else(|| pos_in_message(&error.to_string()))
            .unwrap_or(Pos::START),
    })
}

/// The position our own checks write into a message they raise through the parser, which
/// knows no position for them.
fn pos_in_message(message: &str) -> Option<Pos> {
    let (_, at) = message.split_once(" at line ")?;
    let (line, rest) = at.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Pos {
        line: line.parse().ok()?,
        column: column.parse().ok()?,
    })
}

/// The parser's message without the location it appends, which we report separately.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let text = error.to_string();
    let text = text.lines().next().unwrap_or_default();
    let text = match text.find(" at line ") {
        Some(i) => &text[..i],
        None => text,
    };
    in_plain_words(text.trim())
}

/// The parser's wording for resource limits and duplicate keys, said the way a user thinks.
fn in_plain_words(message: &str) -> String {
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key);
        return format!("the key `{key}` appears twice");
    }
    if message.contains("Documents") {
        return "the file holds more than one YAML document (a `---` line)".into();
    }
    if message.contains("alias") && message.contains("limit") {
        return "aliases (`*name`) expand into far too much data: this looks like a YAML alias bomb".into();
    }
    if message.contains("Depth") || message.contains("recursion") {
        return format!("values are nested more than {MAX_DEPTH} levels deep");
    }
    if message.contains("null into string") {
        return "a key is empty (`~` or `null`)".into();
    }
    message.replace("budget breached: ", "limit reached: ")
}

/// The largest file read as a note or setting; anything bigger is not hand-written text.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Turns a file's bytes into text fit for the YAML parser, or says why it is not: too large,
/// binary, not UTF-8, or an unresolved git merge. A byte-order mark is dropped.
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::error(Pos::START, "the file is UTF-16 text, not UTF-8")
            .hint("re-save it as UTF-8 in your editor (\"UTF-8\" or \"UTF-8 without BOM\" in the encoding menu)"));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let pos = Pos::of_byte(std::str::from_utf8(valid).unwrap_or_default(), valid.len());
            return Err(if bytes.contains(&0) {
                binary_problem(bytes)
            } else {
                Problem::error(pos, "the file is not UTF-8 text")
                    .hint("re-save it as UTF-8 in your editor (notes written in Latin-1 or UTF-16 are not read)")
            });
        }
    };
    if text.contains('\0') {
        return Err(binary_problem(bytes));
    }
    if let Some(start) = conflict_marker(text) {
        return Err(Problem::error(Pos::of_byte(text, start), "unresolved git merge conflict")
            .hint("`fieldnotes resolve ID --mine` (or --theirs, --both) chooses field by field; or keep the version you want between the <<<<<<< / ======= / >>>>>>> lines, delete the markers, and save"));
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The problem with a file of `size` bytes, over [`MAX_FILE_BYTES`].
pub fn too_large(size: u64) -> Problem {
    Problem::error(
        Pos::START,
        format!(
            "the file is {:.1} MiB; a note may be at most {} MiB",
            size as f64 / 1048576.0,
            MAX_FILE_BYTES / 1048576
        ),
    )
    .hint("move recordings and long transcripts out of the notebook and link to them, or split the note")
}

fn binary_problem(bytes: &[u8]) -> Problem {
    let nul = bytes.iter().position(|&b| b == 0).unwrap_or(0);
    let before = String::from_utf8_lossy(&bytes[..nul]);
    Problem::error(
        Pos::of_byte(&before, before.len()),
        "this is a binary file, not a YAML note",
    )
    .hint("move it out of the notebook or rename it so it does not end in .yaml")
}

/// The byte offset of the first line that opens a git conflict.
fn conflict_marker(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("<<<<<<<") {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// A parse failure as a problem, with a hint for the usual causes.
pub fn syntax_problem(text: &str, error: SyntaxError) -> Problem {
    let at = error.pos.line.saturating_sub(1) as usize;
    // The scanner often notices a tab one line late or early; point at the tab itself.
    let tab = text
        .lines()
        .enumerate()
        .skip(at.saturating_sub(1))
        .take(3)
        .find(|(_, line)| line.trim_start_matches(' ').starts_with('\t'));
    if let Some((index, line)) = tab {
        let column = line.len() - line.trim_start_matches(' ').len() + 1;
        let pos = Pos {
            line: saturate(index + 1),
            column: saturate(column),
        };
        return Problem::error(pos, "invalid YAML: a tab is used for indentation").hint(
            "YAML indentation must use spaces, not tabs: replace the tabs at the start of the line",
        );
    }
    let message = &error.message;
    let hint = if message.contains("appears twice") {
        "each key may appear once: merge the two entries or rename one"
    } else if message.contains("alias") {
        "notes need no anchors (`&name`) or aliases (`*name`): write the values out"
    } else if message.contains("nested") {
        "notes nest a few levels at most: flatten this value"
    } else if message.contains("document") {
        "a note is one document: remove the `---` line, or split the file into two notes"
    } else if message.contains("key is empty") {
        "give the key a name, or remove the line"
    } else {
        "check the indentation and quoting on this line and the one above; text containing `: ` or ` #` must be put in quotes"
    };
    Problem::error(error.pos, format!("invalid YAML: {message}")).hint(hint)
}

/// The positions of every YAML comment in `text` (empty when the text does not parse).
pub fn comment_positions(text: &str) -> Vec<Pos> {
    use serde_saphyr::granit_parser::{Event, Parser};
    let mut found = Vec::new();
    for event in Parser::new_from_str(text) {
        match event {
            Ok((Event::Comment(..), span)) => found.push(Pos {
                line: saturate(span.start.line()),
                column: saturate(span.start.col() + 1),
            }),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    found
}

/// Plain scalars in `text` that read as numbers but would be written back differently
/// (`007`, `1.10`, `0x1F`, `1e3`), with their positions and how they would be written: a
/// rewrite would change what the user typed.
pub fn respelled_numbers(text: &str) -> Vec<(Pos, String, String)> {
    use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
    let mut found = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((Event::Scalar(source, ScalarStyle::Plain, _, None), span)) = event else {
            if event.is_err() {
                break;
            }
            continue;
        };
        let Ok(node) = parse(&source) else {
            continue;
        };
        if let Value::Int(_) | Value::Float(_) = node.value {
            let written = node.value.scalar_text().unwrap_or_default();
            if written != source.trim() {
                let pos = Pos {
                    line: saturate(span.start.line()),
                    column: saturate(span.start.col() + 1),
                };
                found.push((pos, source.into_owned(), written));
            }
        }
    }
    found
}

/// Why rewriting `text` in the canonical form would lose something the user wrote, and where:
/// a comment, or a number the writer would spell differently.
pub fn unkeepable(text: &str) -> Option<(Pos, String, String)> {
    if let Some(at) = comment_positions(text).first() {
        return Some((
            *at,
            "this note has YAML comments, which the canonical form cannot keep".into(),
            "move the comment's words into the note (a finding's `note:` or the body) and delete the `#` line".into(),
        ));
    }
    respelled_numbers(text).into_iter().next().map(|(at, source, written)| {
        (
            at,
            format!("`{source}` reads as the number {written} and would not be written back as typed"),
            format!("put it in quotes (\"{source}\") to keep it exactly as typed"),
        )
    })
}

/// Writes a value in the canonical style: two-space indents, lists of scalars in flow style,
/// multi-line text as literal blocks, long single lines left unfolded. Quoting follows YAML
/// 1.2, the version notes are read with, so dates stay unquoted.
pub fn to_canonical_string<T: Serialize>(value: &T) -> Result<String, String> {
    let options = serde_saphyr::ser_options! {
        indent_step: 2,
        compact_list_indent: false,
        folded_wrap_chars: usize::MAX,
        yaml_12: true,
        no_lang_directive: true,
    };
    serde_saphyr::to_string_with_options(value, options).map_err(|e| e.to_string())
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Int(n) => serializer.serialize_i64(*n),
            Value::Float(x) => serializer.serialize_f64(*x),
            Value::Str(s) => serializer.serialize_str(s),
            Value::Seq(items) if items.iter().all(|n| n.value.is_flow_scalar()) => {
                FlowSeq(items).serialize(serializer)
            }
            Value::Seq(items) => items.serialize(serializer),
            Value::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, node) in entries {
                    map.serialize_entry(&key.name, node)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        Ok(Node {
            value: spanned.value,
            pos: Pos::of_location(spanned.referenced),
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Int(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(i64::try_from(n).map_or(Value::Float(n as f64), Value::Int))
    }
    fn visit_i128<E>(self, n: i128) -> Result<Value, E> {
        Ok(i64::try_from(n).map_or(Value::Float(n as f64), Value::Int))
    }
    fn visit_u128<E>(self, n: u128) -> Result<Value, E> {
        Ok(i64::try_from(n).map_or(Value::Float(n as f64), Value::Int))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Value, E> {
        Ok(Value::Float(x))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::Str(s))
    }
    fn visit_bytes<E>(self, bytes: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(bytes).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            // The parser tells `why` and `!x why` apart by their tags; the notes do not, and
            // writing both back would make two `why` keys.
            if entries
                .iter()
                .any(|(k, _): &(Key, Node)| k.name == key.value)
            {
                let at = Pos::of_location(key.referenced);
                return Err(serde::de::Error::custom(format_args!(
                    "duplicate mapping key: {} at line {} column {}",
                    key.value, at.line, at.column
                )));
            }
            let node = map.next_value::<Node>()?;
            let key = Key {
                name: key.value,
                pos: Pos::of_location(key.referenced),
            };
            entries.push((key, node));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tagged_key_is_the_same_key_as_the_plain_one() {
        // Written back, both would be `why:`; read, they must already clash.
        let error = parse("why: [autonomy]\n!x why: [trust]\n").unwrap_err();
        assert!(error.message.contains("`why` appears twice"), "{error:?}");
        assert_eq!(error.pos.line, 2, "{error:?}");
    }

    #[test]
    fn keeps_key_order_and_positions() {
        let node = parse("b: 1\na:\n  - x\n  - y\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!("not a map")
        };
        let names: Vec<_> = entries.iter().map(|(k, _)| k.name.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
        assert_eq!(entries[1].0.pos, Pos { line: 2, column: 1 });
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("not a seq")
        };
        assert_eq!(items[1].pos, Pos { line: 4, column: 5 });
    }

    #[test]
    fn syntax_error_points_at_the_problem() {
        let error = parse("title: ok\nbody: [unclosed\n").unwrap_err();
        assert!(error.pos.line >= 2, "{error:?}");
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&text).is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("x: {}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&text).is_err());
    }

    #[test]
    fn finds_comments_but_not_hashes_in_text() {
        let text = "title: a #1 # trailing\nbody: |\n  # heading\n# own line\n";
        let lines: Vec<u32> = comment_positions(text).iter().map(|p| p.line).collect();
        assert_eq!(lines, [1, 4]);
    }

    #[test]
    fn canonical_style() {
        let node = parse("tags: [a, b]\nbody: \"one\\ntwo\\n\"\nlist:\n- k: v\n").unwrap();
        assert_eq!(
            to_canonical_string(&node).unwrap(),
            "tags: [a, b]\nbody: |\n  one\n  two\nlist:\n  - k: v\n"
        );
    }

    #[test]
    fn byte_positions_count_characters() {
        let text = "ab\nçd€x";
        assert_eq!(
            Pos::of_byte(text, text.find('x').unwrap()),
            Pos { line: 2, column: 4 }
        );
    }

    #[test]
    fn numbers_that_would_be_respelled_are_found() {
        let text =
            "title: 1.10\nplace: \"007\"\nzip: 01234\nrating: 4\nscore: 2.5\nhex: 0x1F\nok: true\n";
        let found: Vec<(u32, String, String)> = respelled_numbers(text)
            .into_iter()
            .map(|(pos, source, written)| (pos.line, source, written))
            .collect();
        assert_eq!(
            found,
            [
                (1, "1.10".to_string(), "1.1".to_string()),
                (3, "01234".to_string(), "1234".to_string()),
                (6, "0x1F".to_string(), "31".to_string()),
            ]
        );
        assert!(unkeepable("title: 1.10\n").is_some_and(|(_, why, _)| why.contains("number 1.1 ")));
        assert!(unkeepable("title: plain\nrating: 4\n").is_none());
        assert!(unkeepable("# a comment\ntitle: x\n").is_some());
    }
}
