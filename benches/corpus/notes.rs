//! Notes and the codebook, built as fieldnotes' own types: written by the same code that
//! writes a user's notes, the corpus is in canonical form by construction.

use std::fmt::Write as _;

use fieldnotes::codebook::{Code, Codebook};
use fieldnotes::note::{Finding, Note, NoteDate, Participant, Source};
use fieldnotes::yaml::fields::Extra;
use jiff::civil::Date;

use crate::tables::{CODES, COLORS, CONSENTS, NEEDLE_QUOTE, PLATFORMS, RESEARCHERS, STATUSES};
use crate::text::Corpus;
use crate::words::JA_PLACES;

/// What is decided about a note before its text is written.
pub struct Plan<'a> {
    pub kind: &'static str,
    pub date: NoteDate,
    pub study: &'static str,
    pub japanese: bool,
    pub cinnamon: bool,
    pub rare: Option<&'static str>,
    pub phrase: Option<&'static str>,
    pub evidence: &'a [String],
}

impl Corpus {
    pub fn codebook(&mut self) -> Codebook {
        let mut codes = Vec::new();
        for (i, (parent, children)) in CODES.iter().enumerate() {
            codes.push(Code {
                name: parent.to_string(),
                description: Some(self.sentence(6, 14)),
                parent: None,
                include: None,
                exclude: None,
                example: None,
                color: Some(COLORS[i].to_string()),
                extra: Extra::default(),
            });
            for child in children {
                let description = Some(self.sentence(6, 14));
                let include = self.rng.chance(700).then(|| self.phrase(4, 10));
                let exclude = self.rng.chance(600).then(|| {
                    let other = self.any_code();
                    format!("{} (use {other})", self.phrase(3, 8))
                });
                let example = self.rng.chance(800).then(|| self.sentence(4, 12));
                codes.push(Code {
                    name: child.to_string(),
                    description,
                    parent: Some(parent.to_string()),
                    include,
                    exclude,
                    example,
                    color: None,
                    extra: Extra::default(),
                });
            }
        }
        Codebook {
            codes,
            extra: Extra::default(),
        }
    }

    /// One note and the slug of its id.
    pub fn note(&mut self, plan: &Plan) -> (String, Note) {
        let kind = plan.kind;
        let ja = plan.japanese;
        let title = if ja { self.ja_title() } else { self.title() };
        let place = (kind != "social" && kind != "insight" && self.rng.chance(900)).then(|| {
            if ja {
                self.rng.pick(&JA_PLACES).to_string()
            } else {
                self.place()
            }
        });
        let researcher = self.rng.pick(&RESEARCHERS).to_string();
        let people = match kind {
            "interview" => self.rng.range(1, 2),
            "observation" => self.rng.range(0, 2),
            "meeting" => self.rng.range(2, 6),
            _ => 0,
        };
        let mut participants = Vec::with_capacity(people);
        if people > 0 {
            let first = self.rng.range(1, 900);
            for p in 0..people {
                let about = if ja { self.ja_phrase() } else { self.about() };
                let consent = self
                    .rng
                    .chance(900)
                    .then(|| self.rng.pick(&CONSENTS).to_string());
                participants.push(Participant {
                    alias: format!("P{:03}", first + p),
                    about: Some(about),
                    consent,
                    extra: Extra::default(),
                });
            }
        }
        let tags = self.tags();
        // Japanese titles have no ASCII to make a slug of; the tags always do.
        let slug = if ja {
            slug(&tags.join(" "))
        } else {
            slug(&title)
        };
        let why = self.codes(1, 3);
        let body = self.body(plan);
        let findings = match kind {
            "insight" => 0,
            "social" => self.rng.range(1, 2),
            _ => self.rng.range(1, 5),
        };
        let findings = (0..findings).map(|f| self.finding(plan, f == 0)).collect();
        let source = (kind == "social").then(|| {
            let (platform, host) = self.rng.pick(&PLATFORMS);
            let author = format!("{}_{}", self.word_from_tail(), self.rng.below(1000));
            let url = format!("https://{host}/{}-{}", slug, self.rng.below(100_000));
            Source {
                url: Some(url),
                author: Some(author),
                platform: Some(platform.to_string()),
                ..Source::default()
            }
        });
        let (mut action, mut status) = (None, None);
        if kind == "insight" {
            action = Some(self.sentence(6, 18));
            status = self
                .rng
                .chance(900)
                .then(|| self.rng.pick(&STATUSES).to_string());
        }
        let note = Note {
            kind: kind.to_string(),
            title,
            date: plan.date.clone(),
            study: Some(plan.study.to_string()),
            place,
            researcher: Some(researcher),
            participants,
            tags,
            why: why.into_iter().map(String::from).collect(),
            body: Some(body),
            findings,
            source,
            evidence: plan.evidence.to_vec(),
            action,
            status,
            extra: Extra::default(),
        };
        (slug, note)
    }

    fn finding(&mut self, plan: &Plan, first: bool) -> Finding {
        let ja = plan.japanese;
        let did = if ja {
            self.ja_phrase()
        } else {
            self.phrase(5, 12)
        };
        let quote = if plan.cinnamon && first {
            Some(NEEDLE_QUOTE.to_string())
        } else if self.rng.chance(800) {
            Some(if ja {
                self.ja_sentence()
            } else {
                self.sentence(5, 18)
            })
        } else {
            None
        };
        let why = if self.rng.chance(900) {
            self.codes(1, 2).into_iter().map(String::from).collect()
        } else {
            Vec::new()
        };
        let note = self.rng.chance(500).then(|| {
            if ja {
                self.ja_phrase()
            } else {
                self.phrase(3, 9)
            }
        });
        Finding {
            did: Some(did),
            quote,
            why,
            note,
            ..Finding::default()
        }
    }

    /// Paragraphs of sentences, with the plan's planted sentences put in at random places.
    fn body(&mut self, plan: &Plan) -> String {
        let sentences = self.rng.range(2, 15);
        let mut paragraphs: Vec<Vec<String>> = Vec::new();
        let mut left = sentences;
        while left > 0 {
            let take = self.rng.range(2, 5).min(left);
            let paragraph = (0..take)
                .map(|_| {
                    if plan.japanese {
                        self.ja_sentence()
                    } else {
                        self.sentence(8, 30)
                    }
                })
                .collect();
            paragraphs.push(paragraph);
            left -= take;
        }
        for planted in [plan.rare, plan.phrase].into_iter().flatten() {
            let at = self.rng.below(paragraphs.len());
            let within = self.rng.range(0, paragraphs[at].len());
            paragraphs[at].insert(within, planted.to_string());
        }
        let mut body = String::new();
        for (i, paragraph) in paragraphs.iter().enumerate() {
            if i > 0 {
                body.push('\n');
            }
            // Japanese is wider on screen and not spaced, so its lines are shorter and break
            // between sentences.
            let (separator, width) = if plan.japanese { ("", 40) } else { (" ", 98) };
            wrap(&mut body, paragraph, separator, width);
        }
        body
    }

    /// A day as a note's `date:`, in each of the spellings fieldnotes reads: most notes give
    /// the day alone, some a time, and a few an offset as well.
    pub fn date(&mut self, day: Date) -> NoteDate {
        let mut date = day.to_string();
        if self.rng.chance(400) {
            let _ = write!(
                date,
                "T{:02}:{:02}",
                self.rng.range(7, 21),
                self.rng.below(12) * 5
            );
            if self.rng.chance(300) {
                date.push_str(self.rng.pick(&["+09:00", "-05:00", "+01:00", "+00:00"]));
            }
        }
        NoteDate::parse(&date).expect("every spelling above is one fieldnotes reads")
    }
}

/// The id's slug: the first six words of a title, apostrophes dropped.
///
/// Not `fieldnotes::notebook::store::slug`, which `fieldnotes new` uses: it keeps words up to 48
/// characters and splits at apostrophes (`that-s`), which would change more than half the ids
/// of a corpus, and with them the bytes a seed has always given.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title.split_whitespace().take(6) {
        let clean: String = word
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if clean.is_empty() || slug.len() + clean.len() > 50 {
            continue;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&clean);
    }
    if slug.is_empty() {
        slug.push_str("note");
    }
    slug
}

/// Lines of at most `width` characters, as a researcher would break them in an editor.
fn wrap(out: &mut String, sentences: &[String], separator: &str, width: usize) {
    let mut line = String::new();
    let mut line_chars = 0;
    let pieces = sentences.iter().flat_map(|s| {
        if separator.is_empty() {
            vec![s.as_str()]
        } else {
            s.split(' ').collect()
        }
    });
    for piece in pieces {
        let piece_chars = piece.chars().count();
        if line_chars > 0 && line_chars + separator.len() + piece_chars > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
            line_chars = 0;
        }
        if line_chars > 0 {
            line.push_str(separator);
            line_chars += separator.len();
        }
        line.push_str(piece);
        line_chars += piece_chars;
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
}
