//! Helpers for this crate's tests.

use crate::transcript::{Transcript, Word};

/// An answer spoken without pauses: each sentence over the seconds given, its words evenly
/// spaced. Returns the transcript and its length in seconds.
pub fn spoken_evenly(sentences: &[(&str, f64)]) -> (Transcript, f64) {
    let mut words = Vec::new();
    let mut at = 0.0;
    for (sentence, seconds) in sentences {
        let parts: Vec<&str> = sentence.split_whitespace().collect();
        let each = seconds / parts.len() as f64;
        for (i, text) in parts.iter().enumerate() {
            let start = at + i as f64 * each;
            words.push(Word {
                text: text.to_string(),
                start,
                end: start + each,
                p: 0.9,
            });
        }
        at += seconds;
    }
    (Transcript::from_words(words), at)
}
