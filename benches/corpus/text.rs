//! Text drawn from the vocabulary: words by their Zipf law, and the phrases, sentences, tags
//! and codes that notes are made of.

use std::collections::HashSet;

use crate::random::{Rng, Zipf};
use crate::tables::{CITIES, CODES, PLACE_KINDS, STUDIES};
use crate::words::{JA_ENDINGS, JA_NOUNS, JA_PARTICLES, VOCABULARY, WORDS};

/// Everything a note is made of, drawn from one seeded generator.
pub struct Corpus {
    pub rng: Rng,
    words: Vec<String>,
    word_law: Zipf,
    tags: Vec<String>,
    tag_law: Zipf,
    codes: Vec<&'static str>,
    code_law: Zipf,
    study_law: Zipf,
    ja_nouns: Vec<&'static str>,
    ja_endings: Vec<&'static str>,
}

impl Corpus {
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let mut words: Vec<String> = WORDS.split_whitespace().map(String::from).collect();
        let real = words.len();
        let mut seen: HashSet<String> = words.iter().cloned().collect();
        // The needles' words must occur only where they are planted.
        for needle in ["zanzibar", "cinnamon", "deck"] {
            seen.insert(needle.to_string());
        }
        while words.len() < VOCABULARY {
            let word = made_up_word(&mut rng);
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }

        let mut tags = Vec::new();
        let mut seen_tags = HashSet::new();
        while tags.len() < 200 {
            let mut tag = topic_word(&mut rng, &words[100..real]).to_string();
            if rng.chance(300) {
                tag.push('-');
                tag.push_str(topic_word(&mut rng, &words[100..real]));
            }
            if seen_tags.insert(tag.clone()) {
                tags.push(tag);
            }
        }
        // Codes are drawn in a shuffled order so the most used code is not always a parent.
        let mut codes: Vec<&'static str> = CODES
            .iter()
            .flat_map(|(parent, children)| std::iter::once(*parent).chain(children.iter().copied()))
            .collect();
        for i in (1..codes.len()).rev() {
            codes.swap(i, rng.below(i + 1));
        }

        Corpus {
            word_law: Zipf::new(words.len(), real),
            tag_law: Zipf::new(tags.len(), usize::MAX),
            code_law: Zipf::new(codes.len(), usize::MAX),
            study_law: Zipf::new(STUDIES.len(), usize::MAX),
            rng,
            words,
            tags,
            codes,
            ja_nouns: JA_NOUNS.split_whitespace().collect(),
            ja_endings: JA_ENDINGS.split_whitespace().collect(),
        }
    }

    /// The study a note belongs to; studies differ in size, as in a real notebook.
    pub fn study(&mut self) -> &'static str {
        STUDIES[self.study_law.sample(&mut self.rng)]
    }

    /// Any code of the codebook, for an `exclude:` to point to.
    pub fn any_code(&mut self) -> &'static str {
        self.rng.pick(&self.codes)
    }

    fn word(&mut self) -> &str {
        &self.words[self.word_law.sample(&mut self.rng)]
    }

    /// A word from the long tail, so that names made of it seldom repeat.
    pub fn word_from_tail(&mut self) -> String {
        let at = self.rng.range(4000, self.words.len() - 1);
        self.words[at].clone()
    }

    /// Lower-case words, as in a `did:` or a `note:`.
    pub fn phrase(&mut self, min: usize, max: usize) -> String {
        let mut out = String::new();
        for i in 0..self.rng.range(min, max) {
            if i > 0 {
                out.push(' ');
            }
            let word = self.words[self.word_law.sample(&mut self.rng)].as_str();
            if word == "i" || word.starts_with("i'") {
                out.push('I');
                out.push_str(&word[1..]);
            } else {
                out.push_str(word);
            }
        }
        out
    }

    pub fn sentence(&mut self, min: usize, max: usize) -> String {
        let mut text = capitalised(&self.phrase(min, max));
        // An occasional comma, so that sentences are not all one breath.
        if let Some(at) = text.match_indices(' ').nth(3).map(|(at, _)| at)
            && self.rng.chance(250)
        {
            text.insert(at, ',');
        }
        text.push(if self.rng.chance(60) { '?' } else { '.' });
        text
    }

    pub fn title(&mut self) -> String {
        capitalised(&self.phrase(4, 10))
    }

    pub fn place(&mut self) -> String {
        let name = capitalised(self.word());
        let kind = self.rng.pick(&PLACE_KINDS);
        format!("{name} {kind}, {}", self.rng.pick(&CITIES))
    }

    pub fn about(&mut self) -> String {
        let mut about = self.phrase(3, 7);
        if self.rng.chance(500) {
            about.push_str(", ");
            about.push_str(&self.phrase(2, 6));
        }
        about
    }

    pub fn tags(&mut self) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..self.rng.range(1, 6) {
            let tag = &self.tags[self.tag_law.sample(&mut self.rng)];
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
        tags
    }

    pub fn codes(&mut self, min: usize, max: usize) -> Vec<&'static str> {
        let mut codes = Vec::new();
        for _ in 0..self.rng.range(min, max) {
            let code = self.codes[self.code_law.sample(&mut self.rng)];
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    }

    fn ja_noun(&mut self) -> &'static str {
        self.ja_nouns[self.rng.below(self.ja_nouns.len())]
    }

    pub fn ja_sentence(&mut self) -> String {
        let mut out = String::new();
        for i in 0..self.rng.range(2, 4) {
            if i > 0 && self.rng.chance(300) {
                out.push('、');
            }
            out.push_str(self.ja_noun());
            out.push_str(self.rng.pick(&JA_PARTICLES));
        }
        out.push_str(self.ja_endings[self.rng.below(self.ja_endings.len())]);
        out.push('。');
        out
    }

    pub fn ja_phrase(&mut self) -> String {
        let mut out = String::new();
        out.push_str(self.ja_noun());
        out.push('の');
        out.push_str(self.ja_noun());
        out.push_str(self.rng.pick(&JA_PARTICLES));
        out.push_str(self.ja_endings[self.rng.below(self.ja_endings.len())]);
        out
    }

    pub fn ja_title(&mut self) -> String {
        format!(
            "{}で{}の{}を聞く",
            self.ja_noun(),
            self.ja_noun(),
            self.ja_noun()
        )
    }
}

/// A pronounceable word that is in no dictionary, for the long tail of the vocabulary.
fn made_up_word(rng: &mut Rng) -> String {
    const ONSETS: [&str; 30] = [
        "b", "br", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "kl", "l", "m", "n", "p",
        "pl", "pr", "r", "s", "sh", "sk", "st", "t", "th", "tr", "v", "w", "",
    ];
    const VOWELS: [&str; 9] = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "oo"];
    const CODAS: [&str; 13] = [
        "", "", "", "n", "r", "l", "s", "m", "nd", "st", "ck", "x", "t",
    ];
    let mut word = String::new();
    for _ in 0..rng.range(2, 3) {
        word.push_str(rng.pick(&ONSETS));
        word.push_str(rng.pick(&VOWELS));
    }
    word.push_str(rng.pick(&CODAS));
    word
}

/// A real word fit to be a topic: letters only and long enough to mean something.
fn topic_word<'a>(rng: &mut Rng, words: &'a [String]) -> &'a str {
    loop {
        let word = &words[rng.below(words.len())];
        if word.len() >= 4 && word.bytes().all(|b| b.is_ascii_lowercase()) {
            return word;
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
