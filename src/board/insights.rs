//! Insights on the board: what each one's evidence spans (notes, participants, studies, the
//! codes it carries) and what should worry the team: evidence that points at no note, and an
//! insight that rests on one person.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::{NoteFacts, Person};

/// An insight and what backs it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct InsightRow {
    /// The insight's place in the notes counted.
    pub note: usize,
    /// Where its decision stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Notes its evidence names that exist.
    pub notes: usize,
    /// Distinct participants of those notes.
    pub participants: usize,
    /// Distinct studies of those notes.
    pub studies: usize,
    /// The codes those notes carry, with how many of them carry each, most first.
    pub codes: Vec<(String, usize)>,
    /// Evidence that names no note.
    pub missing: Vec<String>,
    /// Whether all its evidence is about one participant (or names none at all).
    pub one_person: bool,
}

/// Every insight among `notes` (a note of kind `insight`, or one that names evidence).
pub fn insights(notes: &[impl AsRef<NoteFacts>]) -> Vec<InsightRow> {
    let by_id: HashMap<&str, usize> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_ref().id.as_str(), i))
        .collect();
    let mut rows = Vec::new();
    for (i, insight) in notes.iter().map(AsRef::as_ref).enumerate() {
        if insight.kind != "insight" && insight.evidence.is_empty() {
            continue;
        }
        let mut row = InsightRow {
            note: i,
            status: insight.status.clone(),
            ..InsightRow::default()
        };
        let mut people: HashSet<Person> = HashSet::new();
        let mut studies = HashSet::new();
        let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
        let mut seen = HashSet::new();
        for id in &insight.evidence {
            let Some(&j) = by_id.get(id.as_str()) else {
                row.missing.push(id.clone());
                continue;
            };
            if !seen.insert(j) {
                continue;
            }
            let note = notes[j].as_ref();
            people.extend(note.people.iter().map(|a| note.person(a)));
            studies.extend(note.study.as_deref());
            let carried: HashSet<&str> = note
                .codes
                .iter()
                .chain(note.findings.iter().flat_map(|f| &f.codes))
                .map(String::as_str)
                .collect();
            for code in carried {
                *codes.entry(code).or_default() += 1;
            }
        }
        row.notes = seen.len();
        row.participants = people.len();
        row.studies = studies.len();
        row.one_person = row.participants <= 1;
        let mut codes: Vec<(String, usize)> =
            codes.into_iter().map(|(c, n)| (c.to_owned(), n)).collect();
        codes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        row.codes = codes;
        rows.push(row);
    }
    rows
}

/// The insights among `rows` whose evidence carries any of `codes`.
pub fn backed_by<'a>(rows: &'a [InsightRow], codes: &[&str]) -> Vec<&'a InsightRow> {
    rows.iter()
        .filter(|r| r.codes.iter().any(|(c, _)| codes.contains(&c.as_str())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::note;
    use super::*;

    #[test]
    fn an_insight_counts_what_its_evidence_spans_and_warns_of_one_person_and_dangling_ids() {
        let mut notes = vec![
            note("a", "walk", "2024-01-05", &[(&["trust"], &["P1"])]),
            note("b", "walk", "2024-01-06", &[(&["trust", "calm"], &["P1"])]),
            note("c", "shop", "2024-01-07", &[(&["calm"], &["P2"])]),
        ];
        let mut narrow = note("i1", "", "2024-02-01", &[]);
        narrow.kind = "insight".into();
        narrow.evidence = vec!["a".into(), "b".into(), "gone".into()];
        let mut broad = narrow.clone();
        broad.id = "i2".into();
        broad.evidence = vec!["b".into(), "c".into()];
        notes.extend([narrow, broad]);
        let rows = insights(&notes);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].notes, rows[0].participants, rows[0].studies),
            (2, 1, 1)
        );
        assert!(rows[0].one_person);
        assert_eq!(rows[0].missing, ["gone"]);
        assert_eq!(
            rows[0].codes,
            [("trust".to_owned(), 2), ("calm".to_owned(), 1)]
        );
        assert!(!rows[1].one_person);
        assert_eq!(rows[1].studies, 2);
        let calm: Vec<usize> = backed_by(&rows, &["calm"]).iter().map(|r| r.note).collect();
        assert_eq!(calm, [3, 4]);
        assert!(backed_by(&rows, &["price"]).is_empty());
    }
}
