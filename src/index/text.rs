//! How note text becomes search terms: words for alphabetic scripts, overlapping two-character
//! pieces for Chinese, Japanese and Korean (which do not put spaces between words), then
//! lower case, accents folded, and stemmed in the notebook's language.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// The analyzer name for prose fields.
pub const PROSE: &str = "fieldnotes-prose";
/// The analyzer name for names (researchers): no stemming.
pub const NAMES: &str = "fieldnotes-names";

/// The analyzer for prose in `language` (an ISO 639-1 code or an English name).
pub fn prose(language: &str) -> TextAnalyzer {
    let mut builder = TextAnalyzer::builder(Words::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .dynamic();
    // Stemmers expect the language's own letters, so accents are folded after stemming.
    if let Some(language) = stemming(language) {
        builder = builder.filter_dynamic(RememberedStems(language));
    }
    builder.filter_dynamic(AsciiFoldingFilter).build()
}

/// The analyzer for names: words, lower case, accents folded.
pub fn names() -> TextAnalyzer {
    TextAnalyzer::builder(Words::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The terms `analyzer` makes of `text`, with their byte offsets.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |t| tokens.push(t.clone()));
    tokens
}

/// Whether fieldnotes can stem `language`; languages without a stemmer are still searchable
/// word by word.
pub fn is_known_language(language: &str) -> bool {
    stemming(language).is_some() || UNSTEMMED.contains(&language.to_lowercase().as_str())
}

const UNSTEMMED: [&str; 8] = [
    "ja", "japanese", "zh", "chinese", "ko", "korean", "none", "other",
];

fn stemming(language: &str) -> Option<Language> {
    use Language::*;
    Some(match language.trim().to_lowercase().as_str() {
        "" | "en" | "english" => English,
        "ar" | "arabic" => Arabic,
        "da" | "danish" => Danish,
        "nl" | "dutch" => Dutch,
        "fi" | "finnish" => Finnish,
        "fr" | "french" => French,
        "de" | "german" => German,
        "el" | "greek" => Greek,
        "hu" | "hungarian" => Hungarian,
        "it" | "italian" => Italian,
        "no" | "nb" | "nn" | "norwegian" => Norwegian,
        "pt" | "portuguese" => Portuguese,
        "ro" | "romanian" => Romanian,
        "ru" | "russian" => Russian,
        "es" | "spanish" => Spanish,
        "sv" | "swedish" => Swedish,
        "ta" | "tamil" => Tamil,
        "tr" | "turkish" => Turkish,
        _ => return None,
    })
}

/// Whether `c` belongs to a script written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x31F0..=0x31FF    // katakana extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width katakana
        | 0x1100..=0x11FF    // hangul jamo
        | 0x3130..=0x318F    // hangul compatibility jamo
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0x20000..=0x2FFFF) // CJK extensions B and later
}

/// Whether `c` is a combining mark that belongs to the letter before it (Tamil and Devanagari
/// vowel signs and viramas, accents typed as separate characters): it must not end a word.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F          // combining diacritics
        | 0x0483..=0x0489        // Cyrillic
        | 0x0591..=0x05C7        // Hebrew points
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED // Arabic
        | 0x0900..=0x0963 | 0x0966..=0x0DFF // Indic scripts, without the danda punctuation
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E // Thai
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Splits text into words (runs of letters and digits) and, inside runs of CJK characters,
/// overlapping pairs of characters, so that any word of two or more characters is found as a
/// phrase of pairs without a dictionary. A lone CJK character is its own token.
#[derive(Clone, Default)]
pub struct Words {
    token: Token,
}

/// The tokens of one text.
pub struct WordStream<'a> {
    text: &'a str,
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

impl WordStream<'_> {
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.at..];
        let Some((skip, first)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            self.at = self.text.len();
            return false;
        };
        let from = self.at + skip;
        if is_cjk(first) {
            let after_first = from + first.len_utf8();
            return match self.text[after_first..].chars().next() {
                Some(second) if is_cjk(second) => {
                    // The pair's second character starts the next pair, unless the run ends.
                    let to = after_first + second.len_utf8();
                    let run_goes_on = self.text[to..].chars().next().is_some_and(is_cjk);
                    self.at = if run_goes_on { after_first } else { to };
                    self.emit(from, to)
                }
                _ => {
                    self.at = after_first;
                    self.emit(from, after_first)
                }
            };
        }
        let to = self.text[from..]
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || is_mark(*c)) || is_cjk(*c))
            .map_or(self.text.len(), |(i, _)| from + i);
        self.at = to;
        self.emit(from, to)
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Stemming that remembers each word's stem: prose repeats its words, and the stemmer is the
/// costliest step of indexing.
#[derive(Clone)]
struct RememberedStems(Language);

impl TokenFilter for RememberedStems {
    type Tokenizer<T: Tokenizer> = Remembering<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> Remembering<T> {
        Remembering {
            inner,
            stems: Arc::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(self.0))
                .build(),
        }
    }
}

/// The memory is shared by copies until one of them learns a new word: a search copies its
/// analyzer for each long passage (Tantivy's snippets copy it again), and those copies only
/// read words the original has just stemmed.
#[derive(Clone)]
struct Remembering<T> {
    inner: T,
    stems: Arc<HashMap<String, String>>,
    stemmer: TextAnalyzer,
}

/// Enough for the vocabulary of years of notes; past it the memory starts afresh.
const REMEMBERED: usize = 200_000;

impl<T: Tokenizer> Tokenizer for Remembering<T> {
    type TokenStream<'a> = RememberingStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.stems.len() > REMEMBERED {
            self.stems = Arc::default();
        }
        RememberingStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: &mut self.stemmer,
        }
    }
}

struct RememberingStream<'a, T> {
    tail: T,
    stems: &'a mut Arc<HashMap<String, String>>,
    stemmer: &'a mut TextAnalyzer,
}

impl<T: TokenStream> TokenStream for RememberingStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let mut stemmed = self.stemmer.token_stream(&token.text);
        let stem = if stemmed.advance() {
            stemmed.token().text.clone()
        } else {
            token.text.clone()
        };
        drop(stemmed);
        let word = std::mem::replace(&mut token.text, stem.clone());
        Arc::make_mut(self.stems).insert(word, stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(language: &str, text: &str) -> Vec<String> {
        terms(&mut prose(language), text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn english_words_are_lowered_folded_and_stemmed() {
        assert_eq!(
            texts("en", "Walking to the Café, she TRUSTED photographers"),
            ["walk", "to", "the", "cafe", "she", "trust", "photograph"]
        );
    }

    #[test]
    fn cjk_runs_become_overlapping_pairs() {
        assert_eq!(
            texts("en", "私だけのもの"),
            ["私だ", "だけ", "けの", "のも", "もの"]
        );
        assert_eq!(
            texts("en", "Walkmanが好き 駅"),
            ["walkman", "が好", "好き", "駅"]
        );
    }

    #[test]
    fn offsets_point_at_the_original_text() {
        let text = "ヘッドホン, music";
        let tokens = terms(&mut prose("en"), text);
        let spans: Vec<&str> = tokens
            .iter()
            .map(|t| &text[t.offset_from..t.offset_to])
            .collect();
        assert_eq!(spans, ["ヘッ", "ッド", "ドホ", "ホン", "music"]);
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn combining_marks_stay_inside_their_word() {
        assert_eq!(texts("none", "தமிழ் नमस्ते café"), ["தமிழ்", "नमस्ते", "cafe"]);
        // A decomposed accent stays one word (found by the same spelling).
        assert_eq!(texts("none", "e\u{301}te\u{301}!"), ["e\u{301}te\u{301}"]);
    }

    #[test]
    fn copies_of_an_analyzer_stem_alike_whatever_each_remembers() {
        let mut first = prose("en");
        let terms_of = |analyzer: &mut TextAnalyzer, text: &str| -> Vec<String> {
            terms(analyzer, text).into_iter().map(|t| t.text).collect()
        };
        assert_eq!(
            terms_of(&mut first, "walking photographers"),
            ["walk", "photograph"]
        );
        let mut copy = first.clone();
        assert_eq!(
            terms_of(&mut copy, "photographers trusted"),
            ["photograph", "trust"]
        );
        assert_eq!(terms_of(&mut first, "trusted walking"), ["trust", "walk"]);
        assert_eq!(terms_of(&mut copy, "walking"), ["walk"]);
    }

    #[test]
    fn other_languages_stem_their_own_way_and_unknown_ones_do_not_stem() {
        assert_eq!(texts("de", "Kopfhörern"), ["kopfhor"]);
        assert_eq!(texts("ja", "walking"), ["walking"]);
        assert!(is_known_language("ja") && is_known_language("French"));
        assert!(!is_known_language("klingon"));
    }
}
