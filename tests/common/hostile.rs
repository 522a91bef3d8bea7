//! A notebook whose every text tries to act on the terminal: escape sequences that set the
//! clipboard (OSC 52), retitle the window (OSC 0) or clear the screen (CSI), a bell, a C1
//! control some terminals read as CSI, invisible and bidirectional characters, and line
//! breaks that would print a line of their own, in titles, fields, codes, settings and file
//! names. Both the command line and the UI must show all of it as visible text.

use std::path::Path;

/// The words after a line break in one-line fields: a line that starts with them was made by
/// the note, not by fieldnotes.
pub const FAKE: &str = "FAKE LINE";

/// Text for a one-line field.
pub const ONE: &str = "hostile \u{1b}[2J\u{1b}]52;c;TkFNRQ==\u{7}\u{1b}]0;pwned\u{7} \
    csi\u{9b}31m nel\u{85} del\u{7f} cr\r zw\u{200b}\u{200c}\u{200d}\u{2060}\u{2061}\u{2062}\
    \u{2063}\u{2064}\u{feff} alm\u{61c} bidi\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\
    \u{2067}\u{2068}\u{2069}\u{200e}\u{200f} ad\u{200d}mi\u{200c}n end\nFAKE LINE";

/// Text for a field that may span lines.
pub const TEXT: &str = "body \u{1b}]0;pwned\u{7} csi\u{9b}31m zw\u{200b}\u{2060} \
    bidi\u{202e}\u{61c}\nsecond line\twith a tab";

/// Text that must come out exactly as written: letters of every script, an emoji family
/// held together by joiners.
pub const READABLE: &str = "渋谷 café naïve 👩\u{200d}👩\u{200d}👧";

/// Folder names and note ids holding escapes.
pub const FOLDER: &str = "study\u{1b}]0;folder\u{7}";
/// A note whose file name holds an OSC sequence.
pub const OSC_ID: &str = "2024-01-02-esc\u{1b}]0;file\u{7}";
/// A note whose file name holds a line break.
pub const NEWLINE_ID: &str = "2024-01-04-nl\nFAKE LINE";
/// The note with hostile text in every field.
pub const FULL_ID: &str = "2024-01-01-hostile";

/// Writes the hostile settings, codebook and notes into `root` (made if missing), over any
/// settings and codebook already there.
pub fn write(root: &Path) {
    let one = quoted(ONE);
    let text = quoted(TEXT);
    let files: Vec<(String, String)> = vec![
        (
            "fieldnotes.yaml".into(),
            format!("name: {one}\nlanguage: {one}\nkinds: [{one}]\n"),
        ),
        (
            "codebook.yaml".into(),
            format!(
                "codes:\n  - name: trust\n    description: {one}\n\
                 \x20 - name: {}\n    description: {one}\n    include: {one}\n    \
                 exclude: {one}\n    example: {one}\n    color: {one}\n\
                 \x20 - name: soundtrack\n    parent: {one}\n",
                quoted(&format!("trust{ONE}"))
            ),
        ),
        (
            format!("interviews/{FULL_ID}.yaml"),
            format!(
                "kind: interview\ntitle: {one}\ndate: 2024-01-01\nstudy: {one}\nplace: {one}\n\
                 researcher: {one}\nparticipants:\n  - alias: {one}\n    about: {one}\n    \
                 consent: {one}\ntags: [{one}]\nwhy: [{one}, trust]\nbody: {text}\nfindings:\n  \
                 - did: {one}\n    quote: {one}\n    why: [{one}]\n    note: {one}\n\
                 source: {{url: {one}, author: {one}, platform: {one}}}\n"
            ),
        ),
        (
            // Not canonical (title first): `fmt` rewrites it and names it.
            format!("{FOLDER}/{OSC_ID}.yaml"),
            format!("title: hostile by file name\nkind: {one}\ndate: 2024-01-02\n"),
        ),
        (
            // Not canonical and commented: `fmt` refuses it and says where.
            format!("{FOLDER}/2024-01-03-comment\u{9b}31m\u{202e}.yaml"),
            "title: hostile comment # kept\nkind: observation\ndate: 2024-01-03\n".into(),
        ),
        (
            format!("{NEWLINE_ID}.yaml"),
            "kind: observation\ntitle: hostile newline file\ndate: 2024-01-04\n".into(),
        ),
        (
            "2024-01-05-broken\u{1b}]0;broken\u{7}.yaml".into(),
            format!("kind: {one}\ntitle: hostile broken\ndate: {one}\n"),
        ),
        (
            "insights/2024-01-06-insight.yaml".into(),
            format!(
                "kind: insight\ntitle: hostile insight\ndate: 2024-01-06\n\
                 evidence: [{FULL_ID}, {one}]\naction: {one}\nstatus: {one}\n"
            ),
        ),
        (
            "2024-01-07-readable.yaml".into(),
            format!(
                "kind: observation\ntitle: hostile readable {READABLE}\ndate: 2024-01-07\n\
                 body: \"{READABLE}\\tafter a tab\"\n"
            ),
        ),
    ];
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write a hostile file");
    }
}

/// The characters that must never reach a terminal as they are: controls other than the line
/// break and the tab, the bidirectional controls, and the invisible zero-width characters.
pub fn harmful(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'
            | '\u{61c}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// The harmful characters in `text`, with the joiners of [`READABLE`]'s emoji family left
/// out: those are meant.
pub fn harmful_in(text: &str) -> Vec<char> {
    let family = READABLE.split(' ').next_back().unwrap_or_default();
    text.replace(family, "")
        .chars()
        .filter(|&c| harmful(c))
        .collect()
}

/// The lines of `text` that a one-line field broke out of its own.
pub fn fake_lines(text: &str) -> usize {
    text.lines()
        .filter(|line| line.trim_start().starts_with(FAKE))
        .count()
}

/// `text` as a double-quoted YAML scalar, every character that is not plainly printable
/// written as an escape.
pub fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if harmful(c) || c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
