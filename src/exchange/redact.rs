//! Personal data taken out of notes before they leave the team: participants' names and
//! contacts (any `name`, `email` or `phone` key), e-mail addresses, phone numbers and links in
//! the text, and the words the notebook's settings list under `redact:`. Each is replaced by a
//! stable placeholder: a person's name by their alias (`[P07]`), so that who said what still
//! reads; the rest by what it was (`[email]`, `[phone]`, `[url]`, `[redacted]`). Aliases stay:
//! they are the pseudonyms.

use regex::Regex;

use crate::note::Note;
use crate::yaml::fields::Extra;
use crate::yaml::{Node, Value};

/// Replaces personal data in notes, counting what it replaced.
pub struct Redactor {
    /// Every participant's names (whole, and each part of them) with the placeholder each
    /// becomes, longest first.
    names: Vec<Term>,
    /// The names of the note being redacted: they come first, so that a name two notes share
    /// becomes the alias it has in this one.
    own: Vec<Term>,
    /// The settings' words, each `[redacted]`.
    words: Vec<Term>,
    email: Regex,
    url: Regex,
    phone: Regex,
    /// How many pieces were replaced so far.
    pub replaced: usize,
}

/// The keys whose values are personal data wherever they stand in a note.
const PERSONAL: [(&str, &str); 3] = [("name", ""), ("email", "[email]"), ("phone", "[phone]")];

/// A word or name to replace, found in any case, and what it becomes.
struct Term {
    find: Regex,
    with: String,
}

impl Term {
    /// `word` in any case (as a whole word: checked where it is found), or none when it
    /// is blank.
    fn new(word: &str, with: &str) -> Option<Term> {
        let word = word.trim();
        let find = regex::RegexBuilder::new(&regex::escape(word))
            .case_insensitive(true)
            .build()
            .ok()
            .filter(|_| !word.is_empty())?;
        Some(Term {
            find,
            with: with.to_owned(),
        })
    }
}

/// The names the participants of `notes` are given under a `name` key (whole, and each part
/// of three letters or more), each with its alias as the placeholder, longest first.
fn names_of<'a>(notes: impl IntoIterator<Item = &'a Note>) -> Vec<Term> {
    let mut names: Vec<(String, String)> = Vec::new();
    for note in notes {
        for p in &note.participants {
            let placeholder = format!("[{}]", p.alias);
            for (key, node) in &p.extra.0 {
                let Value::Str(name) = &node.value else {
                    continue;
                };
                if !key.name.eq_ignore_ascii_case("name") || name.trim().is_empty() {
                    continue;
                }
                names.push((name.trim().to_owned(), placeholder.clone()));
                // "Ana said" names Ana Ruiz too.
                for part in name.split_whitespace().filter(|p| p.chars().count() > 2) {
                    names.push((part.to_owned(), placeholder.clone()));
                }
            }
        }
    }
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    names.dedup_by(|a, b| a.0.to_lowercase() == b.0.to_lowercase());
    names
        .iter()
        .filter_map(|(name, with)| Term::new(name, with))
        .collect()
}

impl Redactor {
    /// A redactor for `notes`: every participant's name is learnt first, so a person named in
    /// one note is recognised in every other; `words` are the settings' `redact:` list.
    pub fn new(notes: &[&Note], words: &[String]) -> Redactor {
        // The patterns are constants of this file, checked by its tests.
        let pattern = |p: &str| Regex::new(p).expect("a valid pattern");
        Redactor {
            names: names_of(notes.iter().copied()),
            own: Vec::new(),
            words: words
                .iter()
                .filter_map(|w| Term::new(w, "[redacted]"))
                .collect(),
            email: pattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
            url: pattern(r"(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\x22]"),
            phone: pattern(r"\+?\(?\d[\d\s().-]{5,}\d"),
            replaced: 0,
        }
    }

    /// `note` with its personal data replaced.
    pub fn note(&mut self, note: &mut Note) {
        self.own = names_of([&*note]);
        for p in &mut note.participants {
            let alias = format!("[{}]", p.alias);
            self.keys(&mut p.extra, &alias);
            for text in [&mut p.about, &mut p.consent].into_iter().flatten() {
                self.text(text);
            }
        }
        self.keys(&mut note.extra, "[redacted]");
        self.text(&mut note.title);
        for text in [&mut note.place, &mut note.body, &mut note.action]
            .into_iter()
            .flatten()
        {
            self.text(text);
        }
        for f in &mut note.findings {
            for text in [&mut f.did, &mut f.quote, &mut f.note]
                .into_iter()
                .flatten()
            {
                self.text(text);
            }
            self.keys(&mut f.extra, "[redacted]");
        }
        if let Some(source) = &mut note.source {
            if let Some(url) = &mut source.url {
                self.text(url);
            }
            self.keys(&mut source.extra, "[redacted]");
        }
    }

    /// The values of personal keys in `extra` (and below it) replaced, a name by `name_as`;
    /// every other text in it redacted as text.
    fn keys(&mut self, extra: &mut Extra, name_as: &str) {
        for (key, node) in &mut extra.0 {
            let personal = PERSONAL
                .iter()
                .find(|(k, _)| key.name.eq_ignore_ascii_case(k));
            match personal {
                Some((_, placeholder)) => {
                    let placeholder = if placeholder.is_empty() {
                        name_as
                    } else {
                        placeholder
                    };
                    self.replace_node(node, placeholder);
                }
                None => self.node(node, name_as),
            }
        }
    }

    fn replace_node(&mut self, node: &mut Node, placeholder: &str) {
        match &mut node.value {
            Value::Null => {}
            Value::Seq(items) => items
                .iter_mut()
                .for_each(|i| self.replace_node(i, placeholder)),
            value => {
                *value = Value::Str(placeholder.to_owned());
                self.replaced += 1;
            }
        }
    }

    fn node(&mut self, node: &mut Node, name_as: &str) {
        match &mut node.value {
            Value::Str(text) => self.text(text),
            Value::Seq(items) => items.iter_mut().for_each(|i| self.node(i, name_as)),
            Value::Map(entries) => {
                let mut extra = Extra(std::mem::take(entries));
                self.keys(&mut extra, name_as);
                *entries = extra.0;
            }
            _ => {}
        }
    }

    /// `text` with names, the settings' words, addresses, links and phone numbers replaced.
    pub fn text(&mut self, text: &mut String) {
        let mut out = std::mem::take(text);
        for term in self.own.iter().chain(&self.names).chain(&self.words) {
            out = replace_words(&out, term, &mut self.replaced);
        }
        for (pattern, placeholder) in [(&self.email, "[email]"), (&self.url, "[url]")] {
            let found = pattern.find_iter(&out).count();
            if found > 0 {
                self.replaced += found;
                out = pattern.replace_all(&out, placeholder).into_owned();
            }
        }
        let mut phones = 0;
        out = self
            .phone
            .replace_all(&out, |c: &regex::Captures| {
                let found = c.get(0).map_or("", |m| m.as_str());
                if is_phone(found) {
                    phones += 1;
                    "[phone]".to_owned()
                } else {
                    found.to_owned()
                }
            })
            .into_owned();
        self.replaced += phones;
        *text = out;
    }
}

/// Whether digits and separators read as a phone number rather than a date, a year range or
/// a count: nine digits or more, or a leading `+`, or seven or eight in the groups a local
/// number is written in (`555 1234`, `555-12-34`).
fn is_phone(found: &str) -> bool {
    let digits = found.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return false;
    }
    if found.starts_with('+') || digits >= 9 {
        return true;
    }
    let groups: Vec<usize> = found
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(str::len)
        .collect();
    // A date (1979-03-14, 14.03.1979) or a span of years (1979-1985) has a four-digit group.
    groups.len() >= 2 && groups.iter().all(|&g| g <= 3 || (g == 4 && groups[0] == 3))
}

/// `text` with every whole-word occurrence of `term` (in any case) replaced, counted.
fn replace_words(text: &str, term: &Term, count: &mut usize) -> String {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for found in term.find.find_iter(text) {
        let before = text[..found.start()].chars().next_back();
        let after = text[found.end()..].chars().next();
        if is_word(before) || is_word(after) {
            continue;
        }
        out.push_str(&text[copied..found.start()]);
        out.push_str(&term.with);
        copied = found.end();
        *count += 1;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redacted(text: &str) -> (String, usize) {
        let mut r = Redactor::new(&[], &["Hanamura".to_owned()]);
        let mut out = text.to_owned();
        r.text(&mut out);
        (out, r.replaced)
    }

    #[test]
    fn addresses_links_and_phone_numbers_go_but_dates_and_years_stay() {
        let (out, n) = redacted(
            "Mail ana.ruiz+tape@example.co.jp or call +81 3-1234-5678 or 555 1234; see https://example.com/a?b=1. On 1979-03-14, 1979-1985, 14.03.1979, 70 minutes, 2 records.",
        );
        assert_eq!(
            out,
            "Mail [email] or call [phone] or [phone]; see [url]. On 1979-03-14, 1979-1985, 14.03.1979, 70 minutes, 2 records."
        );
        assert_eq!(n, 4);
    }

    #[test]
    fn a_name_goes_in_any_case_and_as_the_alias_it_has_in_its_own_note() {
        let note = |alias: &str, name: &str, title: &str| {
            let text = format!(
                "kind: interview\ntitle: {title}\ndate: 2024-01-01\nparticipants:\n  - alias: {alias}\n    name: {name}\n"
            );
            crate::note::parse(&text)
                .note
                .unwrap_or_else(|| panic!("a note"))
        };
        let mut a = note("P01", "Ana Ruiz", "interview with ana ruiz");
        let mut b = note("P02", "Ana Soto", "Ana again");
        let mut r = Redactor::new(&[&a, &b], &[]);
        r.note(&mut a);
        r.note(&mut b);
        assert_eq!(a.title, "interview with [P01]");
        assert_eq!(b.title, "[P02] again");
    }

    #[test]
    fn the_settings_words_go_as_whole_words_only() {
        let (out, n) = redacted("Hanamura's shop, not Hanamuras.");
        assert_eq!(out, "[redacted]'s shop, not Hanamuras.");
        assert_eq!(n, 1);
    }
}
