//! What a change to the codebook does to the notes: every code list that names a code taken
//! away is changed, in place, and nothing else in the file. A note whose list cannot be
//! changed that way (a comment among its items) blocks the change, rather than being written
//! again whole.

use crate::note::{Coded, Note, edited_in_place, parse};

/// A note file's code lists changed by a codebook operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recoded {
    /// The file's new text.
    pub text: String,
    /// Whether the note's own list changed.
    pub note: bool,
    /// How many of its findings' lists changed.
    pub findings: usize,
}

/// `codes` with each code replaced by what `map` makes of it (none, itself, or others), each
/// code kept once. A code the list has already and keeps stays where it stands: merging
/// `quiet` into `calm` in `[quiet, other, calm]` gives `[other, calm]`, a line removed rather
/// than two moved.
pub fn recoded(codes: &[String], map: &dyn Fn(&str) -> Vec<String>) -> Vec<String> {
    let keeps = |code: &String| map(code).as_slice() == std::slice::from_ref(code);
    let mut out: Vec<String> = Vec::with_capacity(codes.len());
    for code in codes {
        for new in map(code) {
            let stands_elsewhere = new != *code && codes.contains(&new) && keeps(&new);
            if !stands_elsewhere && !out.contains(&new) {
                out.push(new);
            }
        }
    }
    out
}

/// A code list's new codes, from the note as read, where the list is, and the list.
pub type ListChange<'a> = dyn Fn(&Note, Coded, &[String]) -> Vec<String> + 'a;

/// The note file `text` with each code list (the note's, each finding's) as `change` makes
/// it from the note as read, where the list is, and the list; `None` when no list changes. An error says why the file
/// cannot be changed in place.
pub fn recode_note(text: &str, change: &ListChange) -> Result<Option<Recoded>, String> {
    let parsed = parse(text);
    let Some(before) = parsed.note else {
        let why = parsed.problems.iter().find(|p| p.is_error()).map_or_else(
            || "it cannot be read as a note".to_owned(),
            |p| p.to_string(),
        );
        return Err(why);
    };
    let mut after: Note = before.clone();
    after.why = change(&before, Coded::Note, &before.why);
    let note = after.why != before.why;
    let mut findings = 0;
    for (i, finding) in after.findings.iter_mut().enumerate() {
        let new = change(&before, Coded::Finding(i), &finding.why);
        if new != finding.why {
            finding.why = new;
            findings += 1;
        }
    }
    if !note && findings == 0 {
        return Ok(None);
    }
    let text = edited_in_place(text, &before, &after)?;
    Ok(Some(Recoded {
        text,
        note,
        findings,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename<'a>(
        from: &'a str,
        to: &'a str,
    ) -> impl Fn(&Note, Coded, &[String]) -> Vec<String> + 'a {
        move |_, _, codes| {
            recoded(codes, &|c| {
                vec![if c == from {
                    to.to_owned()
                } else {
                    c.to_owned()
                }]
            })
        }
    }

    #[test]
    fn only_the_lists_that_name_the_code_change_and_every_other_byte_stays() {
        let text = "\u{feff}kind: interview  # street\r\ntitle: T\r\ndate: 2024-01-01\r\nodd: kept\r\nwhy: [quiet, trust]\r\nfindings:\r\n  - did: x\r\n    why:\r\n      - quiet\r\n      - calm\r\n  - did: y\r\n    why: [calm]\r\n";
        let Ok(Some(out)) = recode_note(text, &rename("quiet", "courtesy")) else {
            panic!("changed");
        };
        assert_eq!(
            out.text,
            text.replace("[quiet, trust]", "[courtesy, trust]")
                .replace("      - quiet\r\n", "      - courtesy\r\n")
        );
        assert_eq!((out.note, out.findings), (true, 1));
        // Back again: the same bytes.
        let Ok(Some(back)) = recode_note(&out.text, &rename("courtesy", "quiet")) else {
            panic!("changed back");
        };
        assert_eq!(back.text, text);
        assert_eq!(recode_note(text, &rename("absent", "x")), Ok(None));
    }

    #[test]
    fn merging_into_a_code_already_there_keeps_it_once() {
        let merged = recoded(&["quiet".into(), "courtesy".into(), "calm".into()], &|c| {
            vec![if c == "quiet" {
                "courtesy".into()
            } else {
                c.to_owned()
            }]
        });
        assert_eq!(merged, ["courtesy", "calm"]);
        let into_stands = recoded(&["quiet".into(), "other".into(), "calm".into()], &|c| {
            vec![if c == "quiet" {
                "calm".into()
            } else {
                c.to_owned()
            }]
        });
        assert_eq!(into_stands, ["other", "calm"]);
    }

    #[test]
    fn a_code_split_in_both_parts_keeps_its_line_and_comment_and_the_list_its_order() {
        let text = "kind: interview\ntitle: T\ndate: 2024-01-01\nwhy:\n  - escape   # asked twice\n  - calm\n";
        let split = |_: &Note, _: Coded, codes: &[String]| {
            recoded(codes, &|c| {
                if c == "escape" {
                    vec!["shut-out".into(), "mood".into()]
                } else {
                    vec![c.to_owned()]
                }
            })
        };
        let Ok(Some(out)) = recode_note(text, &split) else {
            panic!("split");
        };
        assert_eq!(
            out.text,
            text.replace(
                "  - escape   # asked twice\n",
                "  - shut-out   # asked twice\n  - mood\n"
            )
        );
    }

    #[test]
    fn a_code_dropped_under_a_comment_that_speaks_of_it_is_refused() {
        let text = "kind: interview\ntitle: T\ndate: 2024-01-01\nwhy:\n  - calm\n  # escape: only because of the rain\n  - escape\n  - trust\n";
        let drop = |_: &Note, _: Coded, codes: &[String]| {
            recoded(codes, &|c| {
                if c == "escape" {
                    Vec::new()
                } else {
                    vec![c.to_owned()]
                }
            })
        };
        let refused = recode_note(text, &drop);
        assert!(
            refused.as_ref().is_err_and(|why| why.contains("comment")),
            "{refused:?}"
        );
    }
}
