//! Text of a note laid out for reading: the line breaks typed to keep a file narrow are not
//! the writer's meaning, so the lines of a paragraph are joined and wrapped again to the
//! screen. What is clearly structure keeps its own line: list items, speaker turns (`P07:`,
//! `Q:`), timestamps, indented blocks. The file is never changed by this.

use unicode_width::UnicodeWidthChar;

/// `text` as the lines to show before wrapping: each paragraph, list item or speaker turn on
/// one line, each indented line as written, and an empty string between paragraphs.
pub fn reflow(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open: Option<String> = None;
    let close = |open: &mut Option<String>, out: &mut Vec<String>| {
        if let Some(line) = open.take() {
            out.push(line);
        }
    };
    for raw in text.lines() {
        let line = raw.trim_end();
        if line.is_empty() {
            close(&mut open, &mut out);
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
        } else if is_indented(line) {
            close(&mut open, &mut out);
            out.push(line.to_owned());
        } else if starts_on_its_own(line) {
            close(&mut open, &mut out);
            open = Some(line.to_owned());
        } else {
            match &mut open {
                Some(joined) => join(joined, line.trim_start()),
                None => open = Some(line.to_owned()),
            }
        }
    }
    close(&mut open, &mut out);
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Joins `next` to the paragraph so far with a space, or with nothing between two wide
/// characters: Japanese and Chinese put no space between words.
fn join(joined: &mut String, next: &str) {
    let wide = |c: Option<char>| c.and_then(UnicodeWidthChar::width).is_some_and(|w| w > 1);
    if !(wide(joined.chars().next_back()) && wide(next.chars().next())) {
        joined.push(' ');
    }
    joined.push_str(next);
}

/// A line that starts with blanks is laid out by hand (a quotation, a table, code).
fn is_indented(line: &str) -> bool {
    line.starts_with('\t') || line.starts_with("  ")
}

/// Whether `line` begins something of its own: a list item, a speaker turn, a timestamp, a
/// heading, a quoted line or a table row. Lines after it that are none of these continue it.
fn starts_on_its_own(line: &str) -> bool {
    let line = line.trim_start();
    let bullet = ["- ", "* ", "+ ", "• ", "– ", "> ", "| "]
        .iter()
        .any(|b| line.starts_with(b))
        || line.starts_with('#');
    bullet || numbered(line) || timestamp(line) || speaker(line)
}

/// `1. `, `12) `, `a) `.
fn numbered(line: &str) -> bool {
    let marker: String = line
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let rest = &line[marker.len()..];
    let short = !marker.is_empty()
        && (marker.chars().all(|c| c.is_ascii_digit()) && marker.len() <= 3
            || marker.len() == 1 && marker.chars().all(|c| c.is_ascii_lowercase()));
    short && (rest.starts_with(". ") || rest.starts_with(") "))
}

/// `12:31`, `00:12:31`, `[00:12]`, `(1:02:03)` at the start of a line.
fn timestamp(line: &str) -> bool {
    let inner = line.trim_start_matches(['[', '(']);
    let stamp: String = inner
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':' || *c == '.')
        .collect();
    let fields: Vec<&str> = stamp.split(':').collect();
    (2..=3).contains(&fields.len())
        && fields[0].len() <= 2
        && fields
            .iter()
            .all(|f| !f.is_empty() && f.len() <= 2 || f.contains('.'))
        && fields[0].chars().all(|c| c.is_ascii_digit())
}

/// A speaker's turn: a short name (`P07`, `Q`, `Interviewer`, `Ms Tanaka`, or a researcher's
/// initials such as `ms`) then a colon and a space, or the colon ending the line.
fn speaker(line: &str) -> bool {
    let Some((name, rest)) = line.split_once(':') else {
        return false;
    };
    let words = name.split(' ').count();
    let initials = (1..=3).contains(&name.len()) && name.chars().all(|c| c.is_ascii_lowercase());
    !name.is_empty()
        && name.chars().count() <= 24
        && words <= 3
        && (initials
            || name
                .starts_with(|c: char| c.is_alphabetic() && c.is_uppercase() || c.is_ascii_digit()))
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '\'' | '-' | '_'))
        && (rest.is_empty() || rest.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        reflow(text)
    }

    #[test]
    fn the_lines_of_a_paragraph_join_and_a_blank_line_separates_paragraphs() {
        let text = "Found him waiting at the crossing, a radio-cassette on his\nright shoulder.\n\n\nI walked with him\nto the gate.\n";
        assert_eq!(
            lines(text),
            [
                "Found him waiting at the crossing, a radio-cassette on his right shoulder.",
                "",
                "I walked with him to the gate."
            ]
        );
    }

    #[test]
    fn lists_speaker_turns_timestamps_and_indented_blocks_keep_their_lines() {
        let text = "Asked three things:\n- why the radio\n- why now\n  (he laughed)\n1. first\n2) second\nP07: I do not want the whole\ncarriage listening.\nQ: Why?\nInterviewer: go on\nMs Tanaka: fine\nms: and on the train?\n[00:12:31] he stops\n00:13 starts again\n    indented quote\n\tcode line";
        assert_eq!(
            lines(text),
            [
                "Asked three things:",
                "- why the radio",
                "- why now",
                "  (he laughed)",
                "1. first",
                "2) second",
                "P07: I do not want the whole carriage listening.",
                "Q: Why?",
                "Interviewer: go on",
                "Ms Tanaka: fine",
                "ms: and on the train?",
                "[00:12:31] he stops",
                "00:13 starts again",
                "    indented quote",
                "\tcode line",
            ]
        );
    }

    #[test]
    fn prose_with_a_colon_or_a_time_inside_still_flows() {
        let text = "He said it plainly: the music,\nnot the radio. We met at 10:30\nnear the gate. Also: no.\n2 of them laughed.";
        assert_eq!(
            lines(text),
            [
                "He said it plainly: the music, not the radio. We met at 10:30 near the gate. Also: no. 2 of them laughed."
            ]
        );
    }

    #[test]
    fn japanese_lines_join_without_a_space_and_crlf_and_trailing_blanks_go() {
        assert_eq!(
            lines("電車の中で\r\n音楽を聴く  \r\n"),
            ["電車の中で音楽を聴く"]
        );
        assert_eq!(lines("radio (ラジカセ)\non"), ["radio (ラジカセ) on"]);
        assert_eq!(lines(""), Vec::<String>::new());
        assert_eq!(lines("\n\none long line\n\n"), ["one long line"]);
    }

    #[test]
    fn every_word_is_kept_in_order() {
        let text = "a b\nc\n\n- d e\nf\n  g\nP1: h\ni\n\nj";
        let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(words(&lines(text).join(" ")), words(text));
    }
}
