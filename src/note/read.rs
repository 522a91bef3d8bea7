//! From YAML text to a [`Note`], with every problem found on the way.

use super::{Finding, Note, NoteDate, Participant, Source};
use crate::problem::Problem;
use crate::yaml::fields::{Fields, Located};
use crate::yaml::{self, Pos};

/// The outcome of reading one note file.
#[derive(Debug)]
pub struct Parsed {
    /// The note, when the file has no errors (warnings allowed).
    pub note: Option<Note>,
    /// Where the parts that other files refer to were written.
    pub spots: Spots,
    /// Everything wrong with the file, errors and warnings, in file order.
    pub problems: Vec<Problem>,
}

/// Where the parts of a note that are checked against the rest of the notebook were written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spots {
    /// The `kind` value.
    pub kind: Pos,
    /// Every why-code, on the note and on its findings.
    pub codes: Vec<Located<String>>,
    /// Every evidence id.
    pub evidence: Vec<Located<String>>,
    /// The `study` value, when there is one.
    pub study: Option<Pos>,
}

/// Reads a note from its text.
pub fn parse(text: &str) -> Parsed {
    let mut problems = Vec::new();
    let mut spots = Spots::default();
    let note = match yaml::parse(text) {
        Ok(node) if node.value == yaml::Value::Null => {
            problems.push(
                Problem::error(Pos::START, "the file is empty")
                    .hint("a note needs at least `kind:`, `title:` and `date:` lines"),
            );
            None
        }
        Ok(node) => Fields::new(node, "a note", &mut problems)
            .and_then(|fields| read_note(fields, &mut spots, &mut problems)),
        Err(error) => {
            problems.push(yaml::syntax_problem(text, error));
            None
        }
    };
    problems.sort_by_key(|p| p.pos);
    let note = note.filter(|_| !problems.iter().any(Problem::is_error));
    Parsed {
        note,
        spots,
        problems,
    }
}

fn read_note(mut f: Fields, spots: &mut Spots, p: &mut Vec<Problem>) -> Option<Note> {
    let kind = f.required_text("kind", "a note", "interview", p);
    let title = f.required_text(
        "title",
        "a note",
        "Teen carrying a boombox through Shibuya",
        p,
    );
    let date = f
        .required_text("date", "a note", "2024-03-14T15:20+09:00", p)
        .and_then(|text| match NoteDate::parse(&text.value) {
            Ok(date) => Some(date),
            Err(reason) => {
                p.push(
                    Problem::error(text.pos, format!("`{}` is not a date: {reason}", text.value))
                        .hint("write it as YYYY-MM-DD, like 2024-03-14, or with a time, like 2024-03-14T15:20+09:00"),
                );
                None
            }
        });
    let study = f.text("study", p).map(|t| {
        spots.study = Some(t.pos);
        t.value
    });
    let place = text(&mut f, "place", p);
    let researcher = text(&mut f, "researcher", p);
    let participants = f
        .maps("participants", "a participant", p)
        .into_iter()
        .filter_map(|fields| read_participant(fields, p))
        .collect();
    let tags = words(&mut f, "tags", p);
    let why = f.words("why", p);
    repeated_codes(&why, p);
    let body = text(&mut f, "body", p);
    let findings = f
        .maps("findings", "a finding", p)
        .into_iter()
        .map(|fields| read_finding(fields, spots, p))
        .collect();
    let source = f.take("source").and_then(|node| {
        let mut s = Fields::new(node, "a source", p)?;
        Some(Source {
            url: text(&mut s, "url", p),
            author: text(&mut s, "author", p),
            platform: text(&mut s, "platform", p),
            extra: s.rest(),
        })
    });
    let evidence = f.words("evidence", p);
    let action = text(&mut f, "action", p);
    let status = text(&mut f, "status", p);

    let kind = kind?;
    spots.kind = kind.pos;
    spots.codes.splice(0..0, why.iter().cloned());
    spots.evidence = evidence.clone();
    Some(Note {
        kind: kind.value,
        title: title?.value,
        date: date?,
        study,
        place,
        researcher,
        participants,
        tags,
        why: why.into_iter().map(|w| w.value).collect(),
        body,
        findings,
        source,
        evidence: evidence.into_iter().map(|e| e.value).collect(),
        action,
        status,
        extra: f.rest(),
    })
}

fn read_participant(mut f: Fields, p: &mut Vec<Problem>) -> Option<Participant> {
    let alias = f.required_text("alias", "a participant", "P07", p);
    let about = text(&mut f, "about", p);
    let consent = text(&mut f, "consent", p);
    Some(Participant {
        alias: alias?.value,
        about,
        consent,
        extra: f.rest(),
    })
}

fn read_finding(mut f: Fields, spots: &mut Spots, p: &mut Vec<Problem>) -> Finding {
    let at = f.pos;
    let did = text(&mut f, "did", p);
    let quote = text(&mut f, "quote", p);
    let why = f.words("why", p);
    repeated_codes(&why, p);
    let note = text(&mut f, "note", p);
    if did.is_none() && quote.is_none() {
        p.push(
            Problem::warning(at, "this finding has neither `did` nor `quote`")
                .hint("say what the person did (`did:`) or said (`quote:`)"),
        );
    }
    spots.codes.extend(why.iter().cloned());
    Finding {
        did,
        quote,
        why: why.into_iter().map(|w| w.value).collect(),
        note,
        extra: f.rest(),
    }
}

/// A code listed twice in one `why` list counts once everywhere, so the second is a slip.
fn repeated_codes(why: &[Located<String>], p: &mut Vec<Problem>) {
    for (i, code) in why.iter().enumerate() {
        if why[..i].iter().any(|c| c.value == code.value) {
            p.push(
                Problem::warning(
                    code.pos,
                    format!("the why-code `{}` is listed twice here", code.value),
                )
                .hint("remove the repeat: a code counts once for a note or a finding"),
            );
        }
    }
}

fn text(f: &mut Fields, name: &str, p: &mut Vec<Problem>) -> Option<String> {
    f.text(name, p).map(|t| t.value)
}

fn words(f: &mut Fields, name: &str, p: &mut Vec<Problem>) -> Vec<String> {
    f.words(name, p).into_iter().map(|w| w.value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEEN: &str = "kind: interview
title: Teen carrying a boombox through Shibuya
date: 1979-03-14T15:20+09:00
study: portable-music
participants:
  - alias: P07
    about: high-school student
tags: [commute, boombox]
why: [private-soundtrack]
body: |
  He turns it off on the train.
findings:
  - did: turns the boombox off when the train comes
    quote: \"I don't want the whole carriage listening to my music.\"
    why: [private-soundtrack, social-courtesy]
mood: cheerful
";

    #[test]
    fn reads_a_full_note() {
        let parsed = parse(TEEN);
        assert_eq!(parsed.problems, []);
        let note = parsed.note.unwrap();
        assert_eq!(note.kind, "interview");
        assert_eq!(note.participants[0].alias, "P07");
        assert_eq!(
            note.findings[0].why,
            ["private-soundtrack", "social-courtesy"]
        );
        assert_eq!(note.extra.0[0].0.name, "mood");
        let code_lines: Vec<u32> = parsed.spots.codes.iter().map(|c| c.pos.line).collect();
        assert_eq!(code_lines, [9, 15, 15]);
    }

    #[test]
    fn canonical_text_reads_back_the_same_and_is_stable() {
        let note = parse(TEEN).note.unwrap();
        let written = note.to_yaml();
        assert_eq!(parse(&written).note.unwrap(), note);
        assert_eq!(parse(&written).note.unwrap().to_yaml(), written);
        assert!(written.ends_with("mood: cheerful\n"), "{written}");
    }

    #[test]
    fn reports_every_problem_with_its_place() {
        let parsed =
            parse("kind: interview\ndate: someday\ntags: {a: 1}\nparticipants:\n  - about: x\n");
        let found: Vec<(u32, &str)> = parsed
            .problems
            .iter()
            .map(|p| (p.pos.line, p.message.as_str()))
            .collect();
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].1.contains("no `title`"));
        assert_eq!(found[1].0, 2);
        assert!(found[1].1.contains("not a date"));
        assert_eq!(found[2].0, 3);
        assert!(found[3].1.contains("participant has no `alias`"));
        assert!(parsed.note.is_none());
    }

    #[test]
    fn empty_file_is_an_error_not_a_panic() {
        let parsed = parse("");
        assert!(parsed.problems[0].message.contains("empty"));
        assert!(
            parse("- just\n- a list\n").problems[0]
                .message
                .contains("found a list")
        );
    }

    #[test]
    fn lenient_with_hand_written_shapes() {
        let parsed =
            parse("kind: observation\ntitle: 1984\ndate: 2024-01-05\ntags: commute\nplace: ''\n");
        let note = parsed.note.unwrap();
        assert_eq!(note.title, "1984");
        assert_eq!(note.tags, ["commute"]);
        assert_eq!(note.place, None);
    }
}
