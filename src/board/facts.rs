//! What the board needs to know of a note, without its text: who, where, when, and which
//! why-codes sit on the note and on each finding. Small enough to keep for every note of a
//! large notebook in memory, and to store in the index beside the note.

use super::name::{Name, Pool};
use crate::note::Note;

/// A note, as the board counts it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteFacts {
    /// The note's id.
    pub id: String,
    /// Its file, relative to the notebook root.
    pub path: String,
    /// interview, observation, …
    pub kind: Name,
    /// The study, if any.
    pub study: Option<Name>,
    /// Where it happened.
    pub place: Option<Name>,
    /// Who recorded it.
    pub researcher: Option<Name>,
    /// The day it happened, `YYYY-MM-DD`: sorts as a date, and its first seven characters are
    /// the month.
    pub day: Name,
    /// The participants' aliases.
    pub people: Vec<Name>,
    /// Why-codes on the note as a whole.
    pub codes: Vec<Name>,
    /// The findings, in order.
    pub findings: Vec<FindingFacts>,
    /// For insights: the ids of the notes that back it.
    pub evidence: Vec<String>,
    /// For insights: where the decision stands.
    pub status: Option<Name>,
    /// Its names as numbers, for counting: filled when first counted, never compared.
    pub numbered: super::names::Numbered,
}

/// A finding, as the board counts it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingFacts {
    /// Its why-codes.
    pub codes: Vec<Name>,
    /// The participants its `who` names; empty when it names none, for then it is about
    /// every participant of the note (see [`FindingFacts::about`]).
    pub people: Vec<Name>,
}

/// A participant: the same alias in two studies is two people.
pub type Person = (Option<Name>, Name);

impl AsRef<NoteFacts> for NoteFacts {
    fn as_ref(&self) -> &NoteFacts {
        self
    }
}

impl NoteFacts {
    /// The facts of `note`, kept at `path` (relative to the notebook) under `id`.
    pub fn of(note: &Note, id: &str, path: &str) -> NoteFacts {
        let people: Vec<Name> = note
            .participants
            .iter()
            .map(|p| Name::from(&p.alias))
            .collect();
        let findings = note
            .findings
            .iter()
            .map(|finding| {
                // `who: P07` (or a list) on a finding says whose it is, when it names someone
                // the note has.
                let named: Vec<Name> = who(&finding.extra)
                    .into_iter()
                    .filter(|alias| people.iter().any(|p| p == alias))
                    .map(Name::from)
                    .collect();
                FindingFacts {
                    codes: names(crate::note::once(finding.why.iter().cloned())),
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
            kind: Name::from(&note.kind),
            study: note.study.as_ref().map(Name::from),
            place: note.place.as_ref().map(Name::from),
            researcher: note.researcher.as_ref().map(Name::from),
            day: Name::from(note.date.day().to_string()),
            people,
            codes: names(crate::note::once(note.why.iter().cloned())),
            findings,
            evidence: note.evidence.clone(),
            status: note.status.as_ref().map(Name::from),
            numbered: super::names::Numbered::default(),
        }
    }

    /// The month it happened, `YYYY-MM`.
    pub fn month(&self) -> &str {
        self.day.get(..7).unwrap_or(&self.day)
    }

    /// A participant of this note, as a person across the notebook.
    pub fn person(&self, alias: &Name) -> Person {
        (self.study.clone(), alias.clone())
    }

    /// Whether any of `codes` is on the note or on one of its findings.
    pub fn carries(&self, codes: &[&str]) -> bool {
        let on = |list: &[Name]| list.iter().any(|c| codes.contains(&c.as_str()));
        on(&self.codes) || self.findings.iter().any(|f| on(&f.codes))
    }
}

impl FindingFacts {
    /// The participants it is about: those its `who` names, else every participant of
    /// `note`, the note it belongs to (a note's findings are its participants' unless it
    /// says otherwise).
    pub fn about<'a>(&'a self, note: &'a NoteFacts) -> &'a [Name] {
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

    /// The facts [`NoteFacts::encode`] made, or none for bytes it did not make; each name
    /// shared through `pool` with the notes read before.
    pub fn decode(bytes: &[u8], pool: &mut Pool) -> Option<NoteFacts> {
        let end = bytes.iter().position(|b| *b == 0)?;
        let path = std::str::from_utf8(&bytes[..end]).ok()?.to_owned();
        let mut r = Reader(&bytes[end + 1..], pool);
        let id = match r.text()? {
            Some(id) => id.to_owned(),
            None => {
                let name = path.rsplit('/').next().unwrap_or(&path);
                name.strip_suffix(".yaml")?.to_owned()
            }
        };
        let kind = r.name()?;
        let (study, place, researcher) = (r.opt()?, r.opt()?, r.opt()?);
        let day = r.name()?;
        let people = r.list()?;
        let codes = r.list()?;
        let count = r.count()?;
        let mut findings = Vec::with_capacity(count);
        for _ in 0..count {
            let codes = r.list()?;
            let people = match r.num()? {
                0 => Vec::new(),
                n => r.names(n - 1)?,
            };
            findings.push(FindingFacts { codes, people });
        }
        let evidence = r.strings()?;
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

fn put_opt(out: &mut Vec<u8>, s: &Option<impl AsRef<str>>) {
    match s {
        Some(s) => {
            let s = s.as_ref();
            put_num(out, s.len() + 1);
            out.extend_from_slice(s.as_bytes());
        }
        None => put_num(out, 0),
    }
}

fn put_list(out: &mut Vec<u8>, list: &[impl AsRef<str>]) {
    put_num(out, list.len());
    list.iter().for_each(|s| put_str(out, s.as_ref()));
}

/// Bytes being decoded, from the front, and the names read so far.
struct Reader<'a, 'p>(&'a [u8], &'p mut Pool);

impl<'a> Reader<'a, '_> {
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

    fn name(&mut self) -> Option<Name> {
        let len = self.num()?;
        let text = self.bytes(len)?;
        Some(self.1.name(text))
    }

    /// Text that may be absent, said by its length plus one.
    fn text(&mut self) -> Option<Option<&'a str>> {
        match self.num()? {
            0 => Some(None),
            n => self.bytes(n - 1).map(Some),
        }
    }

    fn opt(&mut self) -> Option<Option<Name>> {
        let text = self.text()?;
        Some(text.map(|t| self.1.name(t)))
    }

    fn names(&mut self, n: usize) -> Option<Vec<Name>> {
        let mut list = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            list.push(self.name()?);
        }
        Some(list)
    }

    fn list(&mut self) -> Option<Vec<Name>> {
        let n = self.count()?;
        self.names(n)
    }

    /// A list of texts no other note shares (an insight's evidence ids), kept as they are.
    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.count()?;
        let mut list = Vec::with_capacity(n);
        for _ in 0..n {
            let len = self.num()?;
            list.push(self.bytes(len)?.to_owned());
        }
        Some(list)
    }
}

fn names(list: Vec<String>) -> Vec<Name> {
    list.into_iter().map(Name::from).collect()
}

/// The aliases a finding's `who` key names: one, or a list.
pub(crate) fn who(extra: &crate::yaml::fields::Extra) -> Vec<String> {
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
        let decode = |bytes: &[u8]| NoteFacts::decode(bytes, &mut Pool::default());
        assert_eq!(decode(&facts.encode()), Some(facts.clone()));
        // A path that does not end in the id keeps both.
        facts.path = "elsewhere.yaml".into();
        facts.status = Some("decided".into());
        assert_eq!(decode(&facts.encode()), Some(facts.clone()));
        let bytes = facts.encode();
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode(b"{\"id\":\"a\"}"), None);
    }
}
