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
use crate::error::Result;
use crate::query::Query;

/// The facts of each segment's documents, by segment: none for a broken file.
#[derive(Default)]
pub struct FactsCache(Mutex<HashMap<SegmentId, Segment>>);

/// A segment's documents' facts: none for a broken file.
type Segment = Arc<Vec<Option<Arc<NoteFacts>>>>;

impl SearchIndex {
    /// The facts of every note `query` finds (every note, for a query with no terms), in
    /// path order.
    pub fn facts_for(&self, query: &Query) -> Result<Vec<Arc<NoteFacts>>> {
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
            let mut out = Vec::new();
            let mut live = HashSet::new();
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                live.insert(segment.segment_id());
                let facts = self.segment_facts(segment)?;
                let alive = segment.alive_bitset();
                for (doc, facts) in facts.iter().enumerate() {
                    let Some(facts) = facts else { continue };
                    let doc = u32::try_from(doc).unwrap_or(u32::MAX);
                    if alive.is_some_and(|a| !a.is_alive(doc)) {
                        continue;
                    }
                    let address = DocAddress::new(u32::try_from(ord).unwrap_or(u32::MAX), doc);
                    if found.as_ref().is_none_or(|f| f.contains(&address)) {
                        out.push(facts.clone());
                    }
                }
            }
            // Segments merged away are let go.
            if let Ok(mut cache) = self.facts.0.lock() {
                cache.retain(|id, _| live.contains(id));
            }
            out.sort_by(|a, b| a.path.cmp(&b.path));
            Ok(out)
        })
    }

    /// The facts of every document of `segment`, decoded once.
    fn segment_facts(&self, segment: &SegmentReader) -> Result<Segment> {
        let id = segment.segment_id();
        if let Some(kept) = self.facts.0.lock().ok().and_then(|c| c.get(&id).cloned()) {
            return Ok(kept);
        }
        let fail = |e: std::io::Error| self.failed(e);
        let docs = segment.max_doc() as usize;
        let mut facts: Vec<Option<Arc<NoteFacts>>> = vec![None; docs];
        let column = segment
            .fast_fields()
            .bytes("facts")
            .map_err(|e| self.failed(e))?;
        if let Some(column) = column {
            // The column holds each distinct value once, in order: decoded in one pass.
            let mut values: Vec<Option<Arc<NoteFacts>>> = Vec::with_capacity(column.num_terms());
            let mut stream = column.dictionary().stream().map_err(fail)?;
            while stream.advance() {
                values.push(serde_json::from_slice(stream.key()).ok().map(Arc::new));
            }
            for (doc, slot) in facts.iter_mut().enumerate() {
                let doc = u32::try_from(doc).unwrap_or(u32::MAX);
                if let Some(ord) = column.term_ords(doc).next() {
                    *slot = values.get(ord as usize).cloned().flatten();
                }
            }
        }
        let facts = Arc::new(facts);
        if let Ok(mut cache) = self.facts.0.lock() {
            cache.insert(id, facts.clone());
        }
        Ok(facts)
    }
}
