//! Each code's pieces of evidence among a list of notes, found in one pass and kept, so that
//! the board can show the wall of code after code (and the findings behind a matrix's cell)
//! without going through every note for each.

use super::Evidence;
use super::Facts;
use super::names::{self, FxMap};

/// Where each code is used: by code number, each place as its note (high half) and its
/// finding counted from 1 (low half; 0 for the note as a whole), in note order.
#[derive(Debug, Default)]
pub struct Postings(FxMap<u32, Vec<u64>>);

impl Postings {
    /// The postings of every code among `notes`.
    pub fn new(notes: &[impl Facts]) -> Postings {
        let mut by_code: FxMap<u32, Vec<u64>> = FxMap::default();
        for (i, note) in notes.iter().enumerate() {
            let ids = note.ids();
            let note = (i as u64) << 32;
            for &code in ids.codes(None) {
                by_code.entry(code).or_default().push(note);
            }
            for j in 0..ids.findings() {
                for &code in ids.codes(Some(j)) {
                    by_code.entry(code).or_default().push(note | (j as u64 + 1));
                }
            }
        }
        Postings(by_code)
    }

    /// Every piece of evidence for any of `codes`, in note order: the same as
    /// [`super::evidence`] over the notes these postings were made from.
    pub fn evidence(&self, codes: &[&str]) -> Vec<Evidence> {
        let mut places: Vec<u64> = {
            let names = names::read();
            codes
                .iter()
                .filter_map(|code| names.codes.get(*code))
                .filter_map(|code| self.0.get(&code))
                .flatten()
                .copied()
                .collect()
        };
        // Each code's places are in order already: a stable sort merges the runs.
        places.sort();
        places.dedup();
        let mut found = Vec::with_capacity(places.len());
        let mut at = 0;
        while at < places.len() {
            let note = places[at] >> 32;
            let end = places[at..]
                .iter()
                .position(|p| p >> 32 != note)
                .map_or(places.len(), |n| at + n);
            let of_note = &places[at..end];
            // The note as a whole is evidence only where none of its findings is.
            let findings = of_note.iter().filter(|p| *p & 0xffff_ffff > 0);
            let mut any = false;
            for place in findings {
                any = true;
                found.push(Evidence {
                    note: note as usize,
                    finding: Some((place & 0xffff_ffff) as usize - 1),
                });
            }
            if !any {
                found.push(Evidence {
                    note: note as usize,
                    finding: None,
                });
            }
            at = end;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::super::evidence;
    use super::super::tests::note;
    use super::*;

    #[test]
    fn postings_find_the_same_evidence_as_going_through_the_notes() {
        let mut whole = note("c", "walk", "2024-03-01", &[(&["calm"], &["P1"])]);
        whole.codes = vec!["trust".into(), "calm".into()];
        let notes = vec![
            note(
                "a",
                "walk",
                "2024-01-05",
                &[(&["trust", "trust"], &["P1"]), (&["calm"], &["P2"])],
            ),
            note(
                "b",
                "shop",
                "2024-02-01",
                &[(&[], &["P3"]), (&["trust"], &["P3"])],
            ),
            whole,
        ];
        let postings = Postings::new(&notes);
        for codes in [
            &["trust"][..],
            &["calm"],
            &["trust", "calm"],
            &["nowhere"],
            &[],
        ] {
            assert_eq!(
                postings.evidence(codes),
                evidence(&notes, codes),
                "{codes:?}"
            );
        }
    }
}
