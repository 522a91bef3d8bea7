//! Insights on the board: what each one's evidence spans (notes, participants, studies, the
//! codes it carries) and what should worry the team: evidence that points at no note, and an
//! insight that rests on one person.

use serde::Serialize;

use super::Facts;
use super::names::{self, FxMap, Ids, NONE};

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
pub fn insights(notes: &[impl Facts]) -> Vec<InsightRow> {
    // Kinds as numbers, and notes found by a hash of their id: reading each note's kind and
    // id as text costs more than all the rest.
    let insight = names::write().kinds.id("insight");
    let is_insight = |ids: Ids| ids.kind() == insight || ids.evidence() > 0;
    let mut by_id: FxMap<u64, usize> =
        FxMap::with_capacity_and_hasher(notes.len(), Default::default());
    let mut any = false;
    for (i, note) in notes.iter().enumerate() {
        let ids = note.ids();
        by_id.insert(ids.id_hash(), i);
        any |= is_insight(ids);
    }
    if !any {
        return Vec::new();
    }
    // The last note with the id, as a map from id to note keeps; two ids with one hash
    // (never seen) are told apart by looking through every note.
    let find = |id: &str| -> Option<usize> {
        let &j = by_id.get(&names::id_hash(id))?;
        if notes[j].as_ref().id == id {
            return Some(j);
        }
        notes.iter().rposition(|n| n.as_ref().id == id)
    };
    let mut rows = Vec::new();
    let (mut people, mut studies, mut carried) = (Vec::new(), Vec::new(), Vec::new());
    for (i, insight) in notes.iter().enumerate() {
        if !is_insight(insight.ids()) {
            continue;
        }
        let insight = insight.as_ref();
        let mut row = InsightRow {
            note: i,
            status: insight.status.as_deref().map(str::to_owned),
            ..InsightRow::default()
        };
        people.clear();
        studies.clear();
        let mut codes: FxMap<u32, usize> = FxMap::default();
        let mut seen = Vec::new();
        for id in &insight.evidence {
            let Some(j) = find(id) else {
                row.missing.push(id.clone());
                continue;
            };
            if seen.contains(&j) {
                continue;
            }
            seen.push(j);
            let ids = notes[j].ids();
            people.extend_from_slice(ids.people(None));
            if ids.study() != NONE {
                studies.push(ids.study());
            }
            carried.clear();
            carried.extend(ids.all_codes());
            carried.sort_unstable();
            carried.dedup();
            for &code in &carried {
                *codes.entry(code).or_default() += 1;
            }
        }
        people.sort_unstable();
        people.dedup();
        studies.sort_unstable();
        studies.dedup();
        row.notes = seen.len();
        row.participants = people.len();
        row.studies = studies.len();
        row.one_person = row.participants <= 1;
        let names = names::read();
        let mut codes: Vec<(String, usize)> = codes
            .into_iter()
            .map(|(c, n)| (names.codes.name(c).clone(), n))
            .collect();
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
