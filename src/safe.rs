//! Text from a notebook made harmless for a terminal. Notes, codebooks, settings and file
//! names come from anyone with access to a shared folder, and a terminal obeys what is
//! written to it: an escape sequence can set the clipboard or retitle the window, a C1
//! control can start one, a bidirectional control can make text read as something else,
//! and an invisible character can hide a difference. So every text of theirs reaches a
//! terminal through [`text`] or [`line`] (the command line's output and messages, errors,
//! problems, the UI's screens) or through [`Json`] (every `--json`).

use std::io::{self, Write};

use serde_json::ser::{Formatter, PrettyFormatter};

/// Text that may span lines (a body, a message with a hint), made safe to print: controls,
/// bidirectional controls and invisible characters are shown as visible escapes such as
/// `\u{1b}`; line breaks and tabs stay.
pub fn text(text: &str) -> String {
    escape(text, true)
}

/// Text for a single line (a title, a path, an id, a code), made safe to print as [`text`]
/// makes it, with a line break shown as `\n` so that it cannot print a line of its own.
pub fn line(text: &str) -> String {
    escape(text, false)
}

fn escape(text: &str, keep_breaks: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    for (at, c) in to_escape(text) {
        out.push_str(&text[start..at]);
        match c {
            '\n' if keep_breaks => out.push(c),
            '\t' => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.extend(c.escape_unicode()),
        }
        start = at + c.len_utf8();
    }
    out.push_str(&text[start..]);
    out
}

/// The characters of `text` that must not reach a terminal as they are, with where they
/// start.
fn to_escape(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut before = None;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((at, c)) = chars.next() {
            let after = chars.peek().map(|&(_, c)| c);
            let harmful = hidden(c) && !joins(before, c, after);
            before = Some(c);
            if harmful {
                return Some((at, c));
            }
        }
        None
    })
}

/// Whether `c` acts on a terminal or hides text: a control character (C0, DEL, C1), a
/// bidirectional control, or an invisible zero-width character.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
            | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Whether `c` is a joiner shaping the two characters around it, as the zero-width joiner
/// holds an emoji family together and the non-joiner spells Persian and Hindi words. Beside
/// ASCII, beside another invisible character or at either end, a joiner only hides.
fn joins(before: Option<char>, c: char, after: Option<char>) -> bool {
    let shaped =
        |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !hidden(c));
    matches!(c, '\u{200c}' | '\u{200d}') && shaped(before) && shaped(after)
}

/// serde_json's pretty output with every character [`text`] would escape written as a
/// `\uXXXX` escape: the JSON decodes to exactly the notebook's text, and nothing in it acts
/// on a terminal. (serde_json escapes C0 controls itself, but writes DEL, C1 controls and
/// the invisible characters as they are.)
#[derive(Default)]
pub struct Json(PrettyFormatter<'static>);

impl Formatter for Json {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in to_escape(fragment) {
            writer.write_all(&fragment.as_bytes()[start..at])?;
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The layout is the pretty formatter's.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]52;c;TkFNRQ==\u{7}b\u{1b}]0;t\u{7}\u{9b}31m\u{7f}\u{85}\r\
        \u{200b}\u{200c}\u{200d}\u{2060}\u{2061}\u{2062}\u{2063}\u{2064}\u{feff}\u{61c}\
        \u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}";

    #[test]
    fn controls_bidi_and_invisible_characters_become_visible_escapes() {
        let shown = line(HOSTILE);
        assert!(shown.chars().all(|c| c.is_ascii_graphic()), "{shown}");
        assert!(shown.starts_with("a\\u{1b}]52;c;TkFNRQ==\\u{7}b\\u{1b}]0;t\\u{7}\\u{9b}31m"));
        assert!(shown.contains("\\u{7f}\\u{85}\\r\\u{200b}\\u{200c}\\u{200d}\\u{2060}"));
        assert!(shown.ends_with("\\u{feff}\\u{61c}\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{202e}\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{200e}\\u{200f}"));
        // Escaping what is already escaped changes nothing: safe text can be made safe again.
        assert_eq!(text(&shown), shown);
    }

    #[test]
    fn one_line_shows_a_line_break_and_text_keeps_it() {
        assert_eq!(line("title\nFAKE LINE"), "title\\nFAKE LINE");
        assert_eq!(
            text("first\nsecond\twith a tab"),
            "first\nsecond\twith a tab"
        );
        assert_eq!(line("a\tb"), "a\tb");
    }

    #[test]
    fn readable_text_passes_unchanged() {
        for readable in [
            "Teen carrying a boombox through Shibuya",
            "渋谷のスクランブル交差点 café naïve Ünïcödé — “quoted” 🎧",
            "👩\u{200d}👩\u{200d}👧 ❤\u{fe0f}\u{200d}🔥 👩🏽\u{200d}💻",
            "می\u{200c}خواهم",
            "soft\u{ad}hyphen",
        ] {
            assert_eq!(line(readable), readable);
        }
        // A joiner between ASCII letters or at an end hides something.
        assert_eq!(line("ad\u{200d}min"), "ad\\u{200d}min");
        assert_eq!(line("👩\u{200d}"), "👩\\u{200d}");
    }

    fn json(value: &str) -> String {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, Json::default());
        serde::Serialize::serialize(&[value], &mut serializer).expect("serialise");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn json_escapes_c1_bidi_and_invisible_characters_and_reads_back_exactly() {
        let written = json(HOSTILE);
        assert!(
            written
                .chars()
                .all(|c| c.is_ascii_graphic() || c == '\n' || c == ' '),
            "{written}"
        );
        assert!(written.contains("\\u009b31m\\u007f\\u0085"), "{written}");
        assert!(written.contains("\\u202e"), "{written}");
        let read: Vec<String> = serde_json::from_str(&written).expect("valid JSON");
        assert_eq!(read, [HOSTILE]);
        // The layout is serde_json's pretty one, and readable text stays as it is.
        let readable = "渋谷 café 👩\u{200d}👩\u{200d}👧";
        assert_eq!(json(readable), format!("[\n  \"{readable}\"\n]"));
    }
}
