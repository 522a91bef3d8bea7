//! What the index holds for each note file, and how a note becomes an index document.

use jiff::civil::{Date, Time};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::fresh::FileMeta;
use super::starts::STARTS;
use super::text::{NAMES, PROSE};
use crate::note::{Note, NoteDate};

/// Bump when the schema, the analyzers or what goes into a field changes: older indexes are
/// then rebuilt.
pub const SCHEMA_VERSION: u32 = 6;

/// The `state` of a file that read without errors.
pub const OK: &str = "ok";
/// The `state` of a file with errors: indexed so it is not re-read, but never a result.
pub const BROKEN: &str = "broken";

/// The index's fields.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The file, relative to the notebook root, with `/` separators.
    pub path: Field,
    /// The note id (file name without `.yaml`).
    pub id: Field,
    /// What the board counts of the note (`board::NoteFacts`, as `NoteFacts::encode` makes
    /// it), kept in a column so the board reads every note's without reading the notes.
    pub facts: Field,
    /// `ok` or `broken`.
    pub state: Field,
    /// The title.
    pub title: Field,
    /// Each finding's quote, in order.
    pub quote: Field,
    /// Each finding's `did`, in order.
    pub did: Field,
    /// Each finding's `note` (the researcher's remark), in order.
    pub remark: Field,
    /// The body.
    pub body: Field,
    /// The place.
    pub place: Field,
    /// Participants' aliases and descriptions, and a social post's author.
    pub who: Field,
    /// The researcher.
    pub by: Field,
    /// An insight's action and status, a social post's platform and url.
    pub other: Field,
    /// The beginnings of the title's words, for words still being typed.
    pub title_starts: Field,
    /// The beginnings of the words of every other prose field.
    pub starts: Field,
    /// Tags, lower case.
    pub tag: Field,
    /// Why-codes on the note and its findings, lower case.
    pub why: Field,
    /// The kind, lower case.
    pub kind: Field,
    /// The study, lower case.
    pub study: Field,
    /// The study as written.
    pub study_text: Field,
    /// The date as written.
    pub date: Field,
    /// The local date and time as seconds, for date filters and sorting.
    pub when: Field,
    /// File size in bytes, for freshness.
    pub size: Field,
    /// Modification time in nanoseconds, for freshness.
    pub mtime: Field,
    /// Status-change time in nanoseconds, for freshness.
    pub ctime: Field,
    /// A hash of the file's bytes.
    pub hash: Field,
    /// The ids an insight gives as evidence, so a note can list what cites it.
    pub cites: Field,
}

impl Fields {
    /// The schema and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let prose = text_options(PROSE);
        let names = text_options(NAMES);
        // Counted for ranking, but a beginning is never part of a phrase.
        let beginnings = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(STARTS)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let keyword = STRING | STORED;
        let number = FAST | STORED;
        let fields = Fields {
            path: b.add_text_field("path", STRING | STORED | FAST),
            id: b.add_text_field("id", keyword.clone()),
            state: b.add_text_field("state", STRING),
            title: b.add_text_field("title", prose.clone()),
            quote: b.add_text_field("quote", prose.clone()),
            did: b.add_text_field("did", prose.clone()),
            remark: b.add_text_field("remark", prose.clone()),
            body: b.add_text_field("body", prose.clone()),
            place: b.add_text_field("place", prose.clone()),
            who: b.add_text_field("who", prose.clone()),
            by: b.add_text_field("by", names),
            other: b.add_text_field("other", prose),
            title_starts: b.add_text_field("title_starts", beginnings.clone()),
            starts: b.add_text_field("starts", beginnings),
            tag: b.add_text_field("tag", keyword.clone()),
            why: b.add_text_field("why", keyword.clone()),
            kind: b.add_text_field("kind", keyword.clone()),
            study: b.add_text_field("study", STRING),
            study_text: b.add_text_field("study_text", STORED),
            date: b.add_text_field("date", STORED),
            when: b.add_i64_field("when", INDEXED | FAST | STORED),
            size: b.add_u64_field("size", number.clone()),
            mtime: b.add_u64_field("mtime", number.clone()),
            ctime: b.add_u64_field("ctime", number.clone()),
            hash: b.add_u64_field("hash", number),
            cites: b.add_text_field("cites", STRING),
            facts: b.add_bytes_field("facts", FAST),
        };
        (b.build(), fields)
    }

    /// The fields a plain word is looked for in, with how much a match there counts.
    pub fn prose_weights(&self) -> [(Field, f32); 9] {
        [
            (self.title, 3.0),
            (self.quote, 2.0),
            (self.did, 1.0),
            (self.remark, 1.0),
            (self.body, 1.0),
            (self.place, 1.0),
            (self.who, 1.0),
            (self.by, 1.0),
            (self.other, 1.0),
        ]
    }

    /// The document for a note that read well.
    pub fn note(&self, id: &str, path: &str, meta: FileMeta, note: &Note) -> TantivyDocument {
        let mut doc = self.file(path, meta, OK);
        doc.add_text(self.id, id);
        doc.add_text(self.title, &note.title);
        doc.add_text(self.title_starts, &note.title);
        let mut prose = |field: Field, text: &str| {
            doc.add_text(field, text);
            doc.add_text(self.starts, text);
        };
        for finding in &note.findings {
            // Kept aligned across findings, so a result can show the finding that matched.
            prose(self.quote, finding.quote.as_deref().unwrap_or(""));
            prose(self.did, finding.did.as_deref().unwrap_or(""));
            prose(self.remark, finding.note.as_deref().unwrap_or(""));
        }
        let written = [
            (self.body, &note.body),
            (self.place, &note.place),
            (self.by, &note.researcher),
        ];
        for (field, text) in written {
            if let Some(text) = text {
                prose(field, text);
            }
        }
        for person in &note.participants {
            prose(self.who, &person.alias);
            if let Some(about) = &person.about {
                prose(self.who, about);
            }
        }
        let mut others = Vec::new();
        if let Some(source) = &note.source {
            if let Some(author) = &source.author {
                prose(self.who, author);
            }
            others.extend([&source.platform, &source.url]);
        }
        others.extend([&note.action, &note.status]);
        for text in others.into_iter().flatten() {
            prose(self.other, text);
        }
        for tag in &note.tags {
            doc.add_text(self.tag, tag.to_lowercase());
        }
        for id in &note.evidence {
            doc.add_text(self.cites, id.trim());
        }
        for code in note.all_codes() {
            doc.add_text(self.why, code.to_lowercase());
        }
        doc.add_text(self.kind, note.kind.to_lowercase());
        if let Some(study) = &note.study {
            doc.add_text(self.study, study.to_lowercase());
            doc.add_text(self.study_text, study);
        }
        doc.add_text(self.date, note.date.as_str());
        doc.add_i64(self.when, seconds(&note.date));
        let facts = crate::board::NoteFacts::of(note, id, path);
        doc.add_bytes(self.facts, &facts.encode());
        doc
    }

    /// The document for a file that did not read: it only records the file.
    pub fn broken(&self, path: &str, meta: FileMeta) -> TantivyDocument {
        self.file(path, meta, BROKEN)
    }

    fn file(&self, path: &str, meta: FileMeta, state: &str) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.path, path);
        doc.add_text(self.state, state);
        doc.add_u64(self.size, meta.size);
        doc.add_u64(self.mtime, meta.mtime);
        doc.add_u64(self.ctime, meta.ctime);
        doc.add_u64(self.hash, meta.hash);
        doc
    }
}

fn text_options(analyzer: &str) -> TextOptions {
    TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// A note's local date and time as seconds since 1970 on the wall clock, ignoring offsets,
/// so notes sort and filter by the day the researcher wrote.
pub fn seconds(date: &NoteDate) -> i64 {
    day_seconds(date.day())
        + date.time().map_or(0, |t| {
            i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60 + i64::from(t.second())
        })
}

/// The first second of `day`, on the same scale as [`seconds`].
pub fn day_seconds(day: Date) -> i64 {
    day.to_datetime(Time::midnight())
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map_or(0, |z| z.timestamp().as_second())
}
