//! What the board needs to know of a note, without its text: who, where, when, and which
//! why-codes sit on the note and on each finding. Small enough to keep for every note of a
//! large notebook in memory, and to store in the index beside the note.

use serde::{Deserialize, Serialize};

use crate::note::Note;

/// A note, as the board counts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteFacts {
    /// The note's id.
    pub id: String,
    /// Its file, relative to the notebook root.
    pub path: String,
    /// interview, observation, …
    pub kind: String,
    /// The study, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study: Option<String>,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Who recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub researcher: Option<String>,
    /// The day it happened, `YYYY-MM-DD`: sorts as a date, and its first seven characters are
    /// the month.
    pub day: String,
    /// The participants' aliases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// Why-codes on the note as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// The findings, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<FindingFacts>,
    /// For insights: the ids of the notes that back it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// For insights: where the decision stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Its names as numbers, for counting: filled when first counted, never compared.
    #[serde(skip)]
    pub numbered: super::names::Numbered,
}

/// A finding, as the board counts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingFacts {
    /// Its why-codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// The participants its `who` names; empty when it names none, for then it is about
    /// every participant of the note (see [`FindingFacts::about`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
}

/// A participant: the same alias in two studies is two people.
pub type Person = (Option<String>, String);

impl AsRef<NoteFacts> for NoteFacts {
    fn as_ref(&self) -> &NoteFacts {
        self
    }
}

impl NoteFacts {
    /// The facts of `note`, kept at `path` (relative to the notebook) under `id`.
    pub fn of(note: &Note, id: &str, path: &str) -> NoteFacts {
        let people: Vec<String> = note.participants.iter().map(|p| p.alias.clone()).collect();
        let findings = note
            .findings
            .iter()
            .map(|finding| {
                // `who: P07` (or a list) on a finding says whose it is, when it names someone
                // the note has.
                let named: Vec<String> = who(&finding.extra)
                    .into_iter()
                    .filter(|alias| people.contains(alias))
                    .collect();
                FindingFacts {
                    codes: crate::note::once(finding.why.iter().cloned()),
                    // None named: the note's participants, said by an empty list rather than
                    // a copy of theirs for each finding of a hundred thousand notes.
                    people: if named.is_empty() || named == people {
                        Vec::new()
                    } else {
                        named
                    },
                }
            })
            .collect();
        NoteFacts {
            id: id.to_owned(),
            path: path.to_owned(),
            kind: note.kind.clone(),
            study: note.study.clone(),
            place: note.place.clone(),
            researcher: note.researcher.clone(),
            day: note.date.day().to_string(),
            people,
            codes: crate::note::once(note.why.iter().cloned()),
            findings,
            evidence: note.evidence.clone(),
            status: note.status.clone(),
            numbered: super::names::Numbered::default(),
        }
    }

    /// The month it happened, `YYYY-MM`.
    pub fn month(&self) -> &str {
        self.day.get(..7).unwrap_or(&self.day)
    }

    /// A participant of this note, as a person across the notebook.
    pub fn person(&self, alias: &str) -> Person {
        (self.study.clone(), alias.to_owned())
    }

    /// Whether any of `codes` is on the note or on one of its findings.
    pub fn carries(&self, codes: &[&str]) -> bool {
        let on = |list: &[String]| list.iter().any(|c| codes.contains(&c.as_str()));
        on(&self.codes) || self.findings.iter().any(|f| on(&f.codes))
    }
}

impl FindingFacts {
    /// The participants it is about: those its `who` names, else every participant of
    /// `note`, the note it belongs to (a note's findings are its participants' unless it
    /// says otherwise).
    pub fn about<'a>(&'a self, note: &'a NoteFacts) -> &'a [String] {
        if self.people.is_empty() {
            &note.people
        } else {
            &self.people
        }
    }

    /// Whether any of `codes` is on this finding.
    pub fn carries(&self, codes: &[&str]) -> bool {
        self.codes.iter().any(|c| codes.contains(&c.as_str()))
    }
}

impl NoteFacts {
    /// The facts as the index keeps them: compact, every list and string sized exactly when
    /// read back (JSON read back leaves room for four in every short list).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        // The path first, ended by a zero byte no path holds: the index keeps the values in
        // byte order, so they are read back in path order, the order the board counts them
        // in, and each note's facts sit in memory beside the next one's.
        out.extend(self.path.bytes().filter(|b| *b != 0));
        out.push(0);
        // The id usually ends the path: said in one byte then.
        if self
            .path
            .strip_suffix(".yaml")
            .and_then(|p| p.strip_suffix(&self.id))
            .is_some_and(|f| (f.is_empty() || f.ends_with('/')) && !self.id.contains('/'))
        {
            put_num(&mut out, 0);
        } else {
            put_num(&mut out, self.id.len() + 1);
            out.extend_from_slice(self.id.as_bytes());
        }
        put_str(&mut out, &self.kind);
        for value in [&self.study, &self.place, &self.researcher] {
            put_opt(&mut out, value);
        }
        put_str(&mut out, &self.day);
        put_list(&mut out, &self.people);
        put_list(&mut out, &self.codes);
        put_num(&mut out, self.findings.len());
        for finding in &self.findings {
            put_list(&mut out, &finding.codes);
            // Most findings are about every participant of the note: said in one byte.
            if finding.people.is_empty() || finding.people == self.people {
                put_num(&mut out, 0);
            } else {
                put_num(&mut out, finding.people.len() + 1);
                finding.people.iter().for_each(|p| put_str(&mut out, p));
            }
        }
        put_list(&mut out, &self.evidence);
        put_opt(&mut out, &self.status);
        out
    }

    /// The facts [`NoteFacts::encode`] made, or none for bytes it did not make.
    pub fn decode(bytes: &[u8]) -> Option<NoteFacts> {
        let end = bytes.iter().position(|b| *b == 0)?;
        let path = std::str::from_utf8(&bytes[..end]).ok()?.to_owned();
        let mut r = Reader(&bytes[end + 1..]);
        let id = match r.opt()? {
            Some(id) => id,
            None => {
                let name = path.rsplit('/').next().unwrap_or(&path);
                name.strip_suffix(".yaml")?.to_owned()
            }
        };
        let kind = r.string()?;
        let (study, place, researcher) = (r.opt()?, r.opt()?, r.opt()?);
        let day = r.string()?;
        let people = r.list()?;
        let codes = r.list()?;
        let count = r.count()?;
        let mut findings = Vec::with_capacity(count);
        for _ in 0..count {
            let codes = r.list()?;
            let people = match r.num()? {
                0 => Vec::new(),
                n => r.strings(n - 1)?,
            };
            findings.push(FindingFacts { codes, people });
        }
        let evidence = r.list()?;
        let status = r.opt()?;
        r.0.is_empty().then_some(NoteFacts {
            id,
            path,
            kind,
            study,
            place,
            researcher,
            day,
            people,
            codes,
            findings,
            evidence,
            status,
            numbered: super::names::Numbered::default(),
        })
    }
}

fn put_num(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_num(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: &Option<String>) {
    match s {
        Some(s) => {
            put_num(out, s.len() + 1);
            out.extend_from_slice(s.as_bytes());
        }
        None => put_num(out, 0),
    }
}

fn put_list(out: &mut Vec<u8>, list: &[String]) {
    put_num(out, list.len());
    list.iter().for_each(|s| put_str(out, s));
}

/// Bytes being decoded, from the front.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn num(&mut self) -> Option<usize> {
        let mut n = 0usize;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.0.split_first()?;
            self.0 = rest;
            n |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    /// A count of items, each at least a byte: never more than the bytes left.
    fn count(&mut self) -> Option<usize> {
        self.num().filter(|n| *n <= self.0.len())
    }

    fn bytes(&mut self, len: usize) -> Option<&'a str> {
        let (s, rest) = (self.0.get(..len)?, self.0.get(len..)?);
        self.0 = rest;
        std::str::from_utf8(s).ok()
    }

    fn str(&mut self) -> Option<&'a str> {
        let len = self.num()?;
        self.bytes(len)
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_owned)
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.num()? {
            0 => Some(None),
            n => self.bytes(n - 1).map(|s| Some(s.to_owned())),
        }
    }

    fn strings(&mut self, n: usize) -> Option<Vec<String>> {
        let mut list = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            list.push(self.string()?);
        }
        Some(list)
    }

    fn list(&mut self) -> Option<Vec<String>> {
        let n = self.count()?;
        self.strings(n)
    }
}

/// The aliases a finding's `who` key names: one, or a list.
fn who(extra: &crate::yaml::fields::Extra) -> Vec<String> {
    use crate::yaml::Value;
    let Some((_, node)) = extra.0.iter().find(|(key, _)| key.name == "who") else {
        return Vec::new();
    };
    let text = |value: &Value| match value {
        Value::Str(s) => Some(s.trim().to_owned()),
        _ => None,
    };
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(|n| text(&n.value)).collect(),
        value => text(value).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_form_reads_back_the_same_facts_and_refuses_other_bytes() {
        let mut facts = crate::board::tests::note(
            "2024-01-05-a",
            "walk",
            "2024-01-05",
            &[(&["trust"], &["P1", "P2"]), (&["calm", "trust"], &["P2"])],
        );
        facts.path = "walk/2024-01-05-a.yaml".into();
        facts.codes = vec!["price".into()];
        facts.evidence = vec!["2023-12-01-b".into()];
        facts.place = Some("Shibuya, Tokyo".into());
        // The first finding is about both participants, as one that names nobody is.
        facts.findings[0].people.clear();
        assert_eq!(NoteFacts::decode(&facts.encode()), Some(facts.clone()));
        // A path that does not end in the id keeps both.
        facts.path = "elsewhere.yaml".into();
        facts.status = Some("decided".into());
        assert_eq!(NoteFacts::decode(&facts.encode()), Some(facts.clone()));
        let bytes = facts.encode();
        assert_eq!(NoteFacts::decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(NoteFacts::decode(b"{\"id\":\"a\"}"), None);
    }
}
