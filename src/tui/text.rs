//! Note text made ready for the screen: made harmless, marked, cut and wrapped to a width in
//! terminal columns (CJK and most emoji take two).

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text from a note made safe to draw on one line, as [`crate::safe::text`] makes it for
/// the command line, with a tab as a few spaces and a line break as a space.
pub fn clean(text: &str) -> String {
    crate::safe::text(text)
        .replace('\t', "    ")
        .replace('\n', " ")
}

/// `text` as spans: the `marks` ranges in `marked`, the rest in `plain`, each piece cleaned.
pub fn marked_spans(
    text: &str,
    marks: &[Range<usize>],
    plain: Style,
    marked: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for range in marks {
        let (start, end) = (range.start.max(at), range.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if at < start {
            spans.push(Span::styled(clean(&text[at..start]), plain));
        }
        spans.push(Span::styled(clean(&text[start..end]), marked));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(clean(&text[at..]), plain));
    }
    spans
}

/// The width of `spans` in columns.
pub fn width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// `spans` cut to `max` columns, ending in `…` when something was cut.
pub fn truncate(spans: Vec<Span<'static>>, max: usize) -> Vec<Span<'static>> {
    if width(&spans) <= max {
        return spans;
    }
    let mut out = Vec::new();
    let mut used = 0;
    let room = max.saturating_sub(1);
    for span in spans {
        let mut kept = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            kept.push(c);
        }
        let full = kept.len() == span.content.len();
        out.push(Span::styled(kept, span.style));
        if !full {
            break;
        }
    }
    if max > 0 {
        out.push(Span::raw("…"));
    }
    out
}

/// `text` cut from its start to at most `max` columns, with `…` where it was cut: the end of a
/// path (the file's name) is the part worth keeping.
pub fn truncate_start(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut kept: Vec<char> = Vec::new();
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    if max == 0 {
        return String::new();
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// `spans` wrapped into lines of at most `max` columns, breaking after spaces where it can
/// and inside a word only when the word is longer than a line. Each line starts with
/// `indent`.
pub fn wrap(spans: Vec<Span<'static>>, max: usize, indent: &str) -> Vec<Line<'static>> {
    let max = max.max(indent.width() + 1);
    // Pieces that stay together: a word with the spaces after it, one style at a time.
    let mut words: Vec<(String, Style)> = Vec::new();
    for span in spans {
        for piece in span.content.split_inclusive(' ') {
            words.extend(breakable(piece).into_iter().map(|part| (part, span.style)));
        }
    }
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = vec![Span::raw(indent.to_owned())];
    let mut used = indent.width();
    for (word, style) in words {
        let needed = word.trim_end().width();
        if used + needed > max && used > indent.width() {
            lines.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::raw(indent.to_owned()));
            used = indent.width();
        }
        if used + needed <= max {
            used += word.width();
            line.push(Span::styled(word, style));
            continue;
        }
        // A word longer than a line is cut where the line ends.
        let mut piece = String::new();
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > max {
                line.push(Span::styled(std::mem::take(&mut piece), style));
                lines.push(Line::from(std::mem::take(&mut line)));
                line.push(Span::raw(indent.to_owned()));
                used = indent.width();
            }
            used += w;
            piece.push(c);
        }
        line.push(Span::styled(piece, style));
    }
    lines.push(Line::from(line));
    lines
}

/// Punctuation and small kana a line never starts with.
const NO_BREAK_BEFORE: &str =
    "。、，．・：；？！」』）〕］｝〉》ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥";
/// Opening brackets a line never ends with.
const NO_BREAK_AFTER: &str = "「『（〔［｛〈《";

/// `piece` (a word with the spaces after it) in the parts a line may break between: Chinese
/// and Japanese are written without spaces, so a line may break beside any wide character,
/// though not before closing punctuation or after an opening bracket.
fn breakable(piece: &str) -> Vec<String> {
    let wide = |c: char| c.width() == Some(2);
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in piece.chars() {
        let breaks = previous.is_some_and(|p| {
            (wide(p) || wide(c)) && !NO_BREAK_BEFORE.contains(c) && !NO_BREAK_AFTER.contains(p)
        });
        if breaks && !current.is_empty() && !c.is_whitespace() {
            parts.push(std::mem::take(&mut current));
        }
        current.push(c);
        previous = Some(c);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn escapes_and_overrides_become_visible_text() {
        let shown = clean("ok\x1b]0;pwned\x07 \u{202E}evil\ttab");
        assert_eq!(shown, "ok\\u{1b}]0;pwned\\u{7} \\u{202e}evil    tab");
        assert_eq!(clean("zero\u{200b}width\nline"), "zero\\u{200b}width line");
        // Emoji joiners are not controls: families stay one picture.
        assert_eq!(clean("👩‍👩‍👧"), "👩‍👩‍👧");
    }

    #[test]
    fn marks_split_text_into_styled_spans() {
        let bold = Style::new().bold();
        let spans = marked_spans("tape deck tape", &[0..4, 10..14], Style::new(), bold);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["tape", " deck ", "tape"]);
        assert_eq!(spans[0].style, bold);
        assert_eq!(spans[1].style, Style::new());
    }

    #[test]
    fn wrapping_counts_columns_not_bytes() {
        let text = vec![Span::raw("東京の電車で音楽を聴く teen with a boombox")];
        let lines = wrap(text, 12, "");
        for line in &lines {
            assert!(line.width() <= 12, "{line:?}");
        }
        assert_eq!(plain(&lines)[0], "東京の電車で");
        let indented = wrap(vec![Span::raw("one two three four")], 10, "  ");
        assert_eq!(plain(&indented), ["  one two ", "  three ", "  four"]);
    }

    #[test]
    fn truncating_keeps_wide_characters_whole() {
        let cut = truncate(vec![Span::raw("渋谷のスクランブル交差点")], 7);
        assert_eq!(width(&cut), 7);
        assert_eq!(
            cut.iter().map(|s| s.content.as_ref()).collect::<String>(),
            "渋谷の…"
        );
    }

    #[test]
    fn japanese_breaks_between_characters_but_not_before_closing_punctuation() {
        let text = "P12: 聴けないです。でも頭の中では今日の曲がずっと鳴ってる。";
        let lines = plain(&wrap(vec![Span::raw(text)], 20, ""));
        // The turn's text starts on the speaker's line, and no line is wider than asked.
        assert!(lines[0].starts_with("P12: 聴け"), "{lines:?}");
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('。')), "{lines:?}");
        assert_eq!(lines.concat(), text);
        // Words written with spaces still break only at the spaces.
        let lines = plain(&wrap(
            vec![Span::raw("radio cassette on his shoulder")],
            16,
            "",
        ));
        assert_eq!(lines, ["radio cassette ", "on his shoulder"]);
    }

    #[test]
    fn a_path_cut_from_its_start_keeps_its_file_name() {
        let path = "portable-music/1979-03-14-teen-boombox-shibuya.yaml";
        assert_eq!(truncate_start(path, 60), path);
        let cut = truncate_start(path, 30);
        assert_eq!(cut.width(), 30);
        assert_eq!(cut, "…-14-teen-boombox-shibuya.yaml");
        assert_eq!(truncate_start("ラジカセ/テープ.yaml", 8), "…プ.yaml");
        assert_eq!(truncate_start(path, 0), "");
    }
}
