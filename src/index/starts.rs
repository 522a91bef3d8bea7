//! The beginnings of words, indexed so that a word still being typed is a lookup in one field.
//!
//! Expanding a short prefix (`tra`) over nine prose fields reads thousands of terms and their
//! postings: in a large notebook that alone can miss a keystroke's time. So each word's first
//! three and four letters are indexed as terms of their own, and longer words whole: a prefix
//! of three or four letters is then one term, and a longer one expands over the words of one
//! field, which begin with five letters far more rarely. The words are as written (lower
//! case, accents folded, not stemmed), which keeps a word found at every letter typed: `walki`
//! begins `walking`, though it begins no stem (`walk`).

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::text::{is_cjk, names, terms};

/// The analyzer name for word beginnings.
pub const STARTS: &str = "fieldnotes-starts";

/// The shortest beginning indexed: shorter ones begin too many words to narrow anything.
const SHORTEST: usize = 3;
/// The longest beginning indexed as a term of its own; longer words are indexed whole.
const LONGEST: usize = 4;

/// The analyzer for word beginnings.
pub fn starts() -> TextAnalyzer {
    TextAnalyzer::from(Starts::default())
}

/// How `text`, typed as the start of a word, is looked up in the beginnings.
#[derive(Debug, PartialEq)]
pub enum Beginning {
    /// A beginning indexed as it is: one term.
    Term(String),
    /// Longer than any indexed beginning: a prefix of the words indexed whole.
    Prefix(String),
}

impl Beginning {
    /// The beginning to look up for `text`, when the index holds it: one word of an
    /// alphabetic script, of three letters or more.
    pub fn of(text: &str) -> Option<Beginning> {
        let mut words = terms(&mut names(), text);
        let word = words.pop()?.text;
        if !words.is_empty() || is_cjk_word(&word) {
            return None;
        }
        let letters = word.chars().count();
        if letters < SHORTEST {
            None
        } else if letters <= LONGEST {
            Some(Beginning::Term(word))
        } else {
            Some(Beginning::Prefix(word))
        }
    }

    /// The letters typed, lower case and folded.
    pub fn letters(&self) -> &str {
        match self {
            Beginning::Term(word) | Beginning::Prefix(word) => word,
        }
    }
}

fn is_cjk_word(word: &str) -> bool {
    word.chars().any(is_cjk)
}

/// Splits text into words as the names analyzer does, then gives each word's beginnings.
#[derive(Clone)]
struct Starts {
    words: TextAnalyzer,
    /// The tokens of the last text, reused so indexing does not allocate for each of them.
    tokens: Vec<Token>,
    used: usize,
}

impl Default for Starts {
    fn default() -> Starts {
        Starts {
            words: names(),
            tokens: Vec::new(),
            used: 0,
        }
    }
}

impl Starts {
    fn push(&mut self, word: &Token, text: &str) {
        if self.used == self.tokens.len() {
            self.tokens.push(Token::default());
        }
        let token = &mut self.tokens[self.used];
        token.text.clear();
        token.text.push_str(text);
        token.offset_from = word.offset_from;
        token.offset_to = word.offset_to;
        token.position = word.position;
        token.position_length = 1;
        self.used += 1;
    }
}

impl Tokenizer for Starts {
    type TokenStream<'a> = StartsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> StartsStream<'a> {
        self.used = 0;
        let mut words = std::mem::take(&mut self.words);
        words.token_stream(text).process(&mut |word| {
            // CJK text is already indexed in pairs of characters, which a prefix finds.
            if is_cjk_word(&word.text) {
                return;
            }

            let mut ends = word.text.char_indices().map(|(i, _)| i).skip(SHORTEST);
            let mut letters = SHORTEST;
            while letters <= LONGEST {
                match ends.next() {
                    Some(end) => self.push(word, &word.text[..end]),
                    None => {
                        // The word itself is this short: it is its own last beginning.
                        if word.text.chars().count() == letters {
                            self.push(word, &word.text);
                        }
                        return;
                    }
                }
                letters += 1;
            }
            self.push(word, &word.text);
        });
        self.words = words;
        StartsStream {
            tokens: &mut self.tokens[..self.used],
            next: 0,
        }
    }
}

/// The beginnings of one text's words.
struct StartsStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for StartsStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beginnings_of(text: &str) -> Vec<String> {
        terms(&mut starts(), text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn words_give_their_first_three_and_four_letters_then_themselves_as_written() {
        assert_eq!(
            beginnings_of("Walking to a Café, walks"),
            [
                "wal", "walk", "walking", "caf", "cafe", "wal", "walk", "walks"
            ]
        );
        assert_eq!(beginnings_of("tram"), ["tra", "tram"]);
    }

    #[test]
    fn cjk_and_short_words_give_none_and_letters_are_counted_not_bytes() {
        assert!(beginnings_of("私だけ tv a").is_empty());
        assert_eq!(beginnings_of("ñandú"), ["nan", "nand", "nandu"]);
        assert_eq!(beginnings_of("தமிழ்"), ["தமி", "தமிழ", "தமிழ்"]);
    }

    #[test]
    fn a_beginning_is_one_term_up_to_four_letters_and_a_prefix_after() {
        let term = |t: &str| Some(Beginning::Term(t.into()));
        let prefix = |t: &str| Some(Beginning::Prefix(t.into()));
        assert_eq!(Beginning::of("Wal"), term("wal"));
        assert_eq!(Beginning::of("Café"), term("cafe"));
        assert_eq!(Beginning::of("walki"), prefix("walki"));
        assert_eq!(Beginning::of("tv"), None);
        assert_eq!(Beginning::of("ticket-b"), None);
        assert_eq!(Beginning::of("電車"), None);
    }
}
