//! Changing a note's why-codes in its file, keeping everything else the user wrote.

use super::Note;

/// What why-codes are attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coded {
    /// The note as a whole.
    Note,
    /// One finding, counted from 0.
    Finding(usize),
}

impl Note {
    /// The why-codes of `target`, or `None` when the note has no such finding.
    pub fn codes(&self, target: Coded) -> Option<&Vec<String>> {
        match target {
            Coded::Note => Some(&self.why),
            Coded::Finding(i) => self.findings.get(i).map(|f| &f.why),
        }
    }

    fn codes_mut(&mut self, target: Coded) -> Option<&mut Vec<String>> {
        match target {
            Coded::Note => Some(&mut self.why),
            Coded::Finding(i) => self.findings.get_mut(i).map(|f| &mut f.why),
        }
    }
}

/// The text of the note `text` (which reads as `note`) with the why-codes of `target` set to
/// `codes`, saved as [`super::edited`] saves any change: only the list changes when that can be
/// done, and the result always reads back as the note with the new codes.
pub fn with_codes(
    text: &str,
    note: &Note,
    target: Coded,
    codes: &[String],
) -> Result<String, String> {
    let mut wanted = note.clone();
    wanted
        .codes_mut(target)
        .ok_or_else(|| "the note has no such finding".to_owned())?
        .clone_from(&codes.to_vec());
    super::edited(text, note, &wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::parse;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| (*c).to_owned()).collect()
    }

    fn note_of(text: &str) -> Note {
        parse(text).note.expect("a note")
    }

    #[test]
    fn codes_change_in_place_and_the_rest_stays_byte_for_byte() {
        let text = "kind: interview  # street\ntitle: T\ndate: 2024-01-01\nodd: kept\nfindings:\n  - did: x\n";
        let note = note_of(text);
        let out = with_codes(text, &note, Coded::Finding(0), &codes(&["pace"])).unwrap();
        assert_eq!(out, format!("{text}    why: [pace]\n"));
        let out = with_codes(text, &note, Coded::Note, &codes(&["pace"])).unwrap();
        assert_eq!(
            out,
            text.replace("date: 2024-01-01\n", "date: 2024-01-01\nwhy: [pace]\n")
        );
    }

    #[test]
    fn a_note_that_cannot_be_changed_in_place_is_written_canonically_if_nothing_is_lost() {
        // The code list's order changes: not a line-by-line edit, and no comment to lose.
        let text = "kind: interview\ntitle: T\ndate: 2024-01-01\nwhy:\n  - a\n  - b\n";
        let note = note_of(text);
        let out = with_codes(text, &note, Coded::Note, &codes(&["b", "a"])).unwrap();
        assert_eq!(
            out,
            "kind: interview\ntitle: T\ndate: 2024-01-01\nwhy: [b, a]\n"
        );
        // With a comment that a rewrite would lose, nothing is written and the error says why.
        let commented = text.replace("  - a\n", "  - a # first\n");
        let error = with_codes(
            &commented,
            &note_of(&commented),
            Coded::Note,
            &codes(&["b", "a"]),
        )
        .unwrap_err();
        assert!(error.contains("comment"), "{error}");
    }

    #[test]
    fn a_missing_finding_is_an_error() {
        let text = "kind: interview\ntitle: T\ndate: 2024-01-01\n";
        let error = with_codes(text, &note_of(text), Coded::Finding(3), &codes(&["a"]));
        assert!(error.is_err());
    }
}
