//! What the board counts, read from the index: each note's facts are kept in a column, read
//! once per segment (segments never change) and kept, so the board over a large notebook and
//! any search reads no note file and decodes each note's facts once.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use tantivy::collector::DocSetCollector;
use tantivy::index::SegmentId;
use tantivy::{DocAddress, SegmentReader};

use super::SearchIndex;
use crate::board::NoteFacts;
use crate::board::kept::Kept;
use crate::error::Result;
use crate::query::Query;

/// The facts of each segment's documents, by segment (none for a broken file), and the order
/// of every document by path for the segments last read.
#[derive(Default)]
pub struct FactsCache {
    segments: Mutex<HashMap<SegmentId, Segment>>,
    order: Mutex<Option<Order>>,
}

/// Every document with facts of the segments named, in path order: (segment, document).
type Order = (Vec<SegmentId>, Arc<Vec<(u32, u32)>>);

/// A segment's documents' facts (none for a broken file), and its documents with facts in
/// path order.
type Segment = Arc<(Vec<Option<Kept>>, Vec<u32>)>;

impl SearchIndex {
    /// The facts of every note `query` finds (every note, for a query with no terms), in
    /// path order.
    pub fn facts_for(&self, query: &Query) -> Result<Vec<Kept>> {
        self.guarded(|| {
            let searcher = self.reader.searcher();
            let found: Option<HashSet<DocAddress>> = if query.groups.is_empty() {
                None
            } else {
                let codebook = self.codebook.get(&self.notebook);
                let mut analyzers = self.analyzers.clone();
                let (built, _) =
                    super::plan::Plan::new(self, &searcher, &codebook, &mut analyzers, false)
                        .build(query)?;
                Some(
                    searcher
                        .search(&*built, &DocSetCollector)
                        .map_err(|e| self.failed(e))?,
                )
            };
            let readers = searcher.segment_readers();
            let ids: Vec<SegmentId> = readers.iter().map(SegmentReader::segment_id).collect();
            let segments = readers
                .iter()
                .map(|r| self.segment_facts(r))
                .collect::<Result<Vec<_>>>()?;
            // Segments merged away are let go.
            if let Ok(mut cache) = self.facts.segments.lock() {
                cache.retain(|id, _| ids.contains(id));
            }
            let order = self.order(&ids, &segments);
            let alive: Vec<_> = readers.iter().map(SegmentReader::alive_bitset).collect();
            let mut out = Vec::with_capacity(order.len());
            for &(ord, doc) in order.iter() {
                let (s, d) = (ord as usize, doc as usize);
                if alive[s].is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                if found
                    .as_ref()
                    .is_none_or(|f| f.contains(&DocAddress::new(ord, doc)))
                    && let Some(Some(facts)) = segments[s].0.get(d)
                {
                    out.push(facts.clone());
                }
            }
            Ok(out)
        })
    }

    /// Every document with facts of `segments` (named `ids`), in path order: kept for a set
    /// of segments, and made by merging each segment's own order (a note saved adds a small
    /// segment: sorting 100,000 paths again would cost more than the rest of a read).
    fn order(&self, ids: &[SegmentId], segments: &[Segment]) -> Arc<Vec<(u32, u32)>> {
        let mut kept = self.facts.order.lock().ok();
        if let Some(Some((named, order))) = kept.as_deref()
            && named == ids
        {
            return order.clone();
        }
        let mut order: Vec<(u32, u32)> = Vec::new();
        for (ord, segment) in segments.iter().enumerate() {
            let ord = u32::try_from(ord).unwrap_or(u32::MAX);
            order.extend(segment.1.iter().map(|&doc| (ord, doc)));
        }
        let path = |&(ord, doc): &(u32, u32)| {
            segments[ord as usize].0[doc as usize]
                .as_ref()
                .map(|f| f.path.as_str())
        };
        // A stable sort finds the segments' runs already in order and merges them.
        order.sort_by(|a, b| path(a).cmp(&path(b)));
        let order = Arc::new(order);
        if let Some(kept) = kept.as_deref_mut() {
            *kept = Some((ids.to_vec(), order.clone()));
        }
        order
    }

    /// The facts of every document of `segment`, decoded once.
    fn segment_facts(&self, segment: &SegmentReader) -> Result<Segment> {
        let id = segment.segment_id();
        if let Some(kept) = self
            .facts
            .segments
            .lock()
            .ok()
            .and_then(|c| c.get(&id).cloned())
        {
            return Ok(kept);
        }
        let fail = |e: std::io::Error| self.failed(e);
        let docs = segment.max_doc() as usize;
        let mut facts: Vec<Option<Kept>> = vec![None; docs];
        // (value, document): the values are in path order.
        let mut by_value: Vec<(u32, u32)> = Vec::new();
        let column = segment
            .fast_fields()
            .bytes("facts")
            .map_err(|e| self.failed(e))?;
        if let Some(column) = column {
            // The column holds each distinct value once, in path order: decoded in one pass,
            // each note's names numbered as it is read, into one block in that order.
            let mut decoded: Vec<Option<(Arc<NoteFacts>, u32, u32)>> =
                Vec::with_capacity(column.num_terms());
            let mut stream = column.dictionary().stream().map_err(fail)?;
            let mut names = crate::board::names::write();
            let mut pool = crate::board::name::Pool::default();
            let mut numbers: Vec<u32> = Vec::new();
            let at = |numbers: &Vec<u32>| u32::try_from(numbers.len()).ok();
            while stream.advance() {
                let facts = NoteFacts::decode(stream.key(), &mut pool).and_then(|facts| {
                    let start = at(&numbers)?;
                    names.number_into(&facts, &mut numbers);
                    Some((Arc::new(facts), start, at(&numbers)?))
                });
                decoded.push(facts);
            }
            drop(names);
            numbers.shrink_to_fit();
            let numbers = Arc::new(numbers);
            let values: Vec<Option<Kept>> = decoded
                .into_iter()
                .map(|d| d.map(|(f, at, end)| Kept::new(f, numbers.clone(), at, end)))
                .collect();
            for (doc, slot) in facts.iter_mut().enumerate() {
                let doc = u32::try_from(doc).unwrap_or(u32::MAX);
                if let Some(ord) = column.term_ords(doc).next() {
                    *slot = values.get(ord as usize).cloned().flatten();
                    if slot.is_some() {
                        by_value.push((u32::try_from(ord).unwrap_or(u32::MAX), doc));
                    }
                }
            }
        }
        by_value.sort_unstable();
        let order = by_value.into_iter().map(|(_, doc)| doc).collect();
        let facts = Arc::new((facts, order));
        if let Ok(mut cache) = self.facts.segments.lock() {
            cache.insert(id, facts.clone());
        }
        Ok(facts)
    }
}
