//! The transcript of one take: the text and each word with its time in the take.
//! These field names are part of the public JSON contract (`transcript` in the README's JSON contract).

use serde::{Deserialize, Serialize};

/// One spoken word, timed in seconds from the start of the take.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    /// The word as the recogniser wrote it, with its punctuation, without surrounding spaces.
    pub text: String,
    pub start: f64,
    pub end: f64,
    /// The recogniser's confidence in this word, 0–1 (the lowest of its tokens).
    pub p: f64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    pub text: String,
    pub words: Vec<Word>,
}

impl Transcript {
    /// Builds a transcript whose text is its words joined by single spaces.
    pub fn from_words(words: Vec<Word>) -> Self {
        let text = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Transcript { text, words }
    }

    /// Moves every word by `offset` seconds: used when a transcript of a chunk is placed in take time.
    pub fn shifted(mut self, offset: f64) -> Self {
        for w in &mut self.words {
            w.start += offset;
            w.end += offset;
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A word as a lexicon sees it: lower-case, without surrounding punctuation ("Like," → "like").
pub fn bare_word(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .to_lowercase()
}

/// A time in the take as people read it: 75.25 → "1:15.2".
pub fn clock(seconds: f64) -> String {
    format!(
        "{}:{:04.1}",
        (seconds / 60.0).floor() as u64,
        seconds % 60.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, start: f64, end: f64) -> Word {
        Word {
            text: text.into(),
            start,
            end,
            p: 0.9,
        }
    }

    #[test]
    fn text_joins_words_and_shift_moves_every_time() {
        let t = Transcript::from_words(vec![word("Hello,", 0.0, 0.4), word("world.", 0.5, 0.9)]);
        assert_eq!(t.text, "Hello, world.");
        let t = t.shifted(10.0);
        assert_eq!((t.words[0].start, t.words[1].end), (10.0, 10.9));
    }

    #[test]
    fn helpers_for_lexicons_and_reports() {
        assert_eq!(bare_word("“Like,”"), "like");
        assert_eq!(bare_word("Don't."), "don't");
        assert_eq!(clock(75.25), "1:15.2");
        assert_eq!(clock(4.0), "0:04.0");
    }

    #[test]
    fn json_field_names_follow_the_contract() {
        let t = Transcript::from_words(vec![word("Hi", 0.0, 0.25)]);
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(v["words"][0]["start"], 0.0);
        assert_eq!(v["words"][0]["end"], 0.25);
        assert_eq!(v["words"][0]["p"], 0.9);
        assert_eq!(v["text"], "Hi");
    }
}
