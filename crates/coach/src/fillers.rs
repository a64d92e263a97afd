//! Filler words in a transcript, with the context rules that keep ordinary words ordinary:
//! "like" is a filler only when set off ("it was, like, slow"), not as a verb ("I like Rust") or
//! a preposition ("things like caching"); "you know" and "I mean" only when set off by
//! punctuation; "so" opening a sentence is a discourse marker, counted apart from fillers.

use crate::transcript::{bare_word as bare, Word};
use serde::{Deserialize, Serialize};

/// A voiced sound held steady, found in the audio (`audio::filled_pause`): a candidate
/// filled pause or drawn-out word, before the words are known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldSound {
    pub start: f64,
    pub end: f64,
    /// The sound around it, from the pause before to the pause after (a filled pause often
    /// stands alone between pauses; a vowel of fluent speech never does).
    pub sounding_start: f64,
    pub sounding_end: f64,
    /// Mean normalised autocorrelation at the pitch period, 0–1.
    pub voicing: f64,
    /// Mean change of the formant bands over 20 ms, dB.
    pub flux_db: f64,
    pub pitch_hz: f64,
    /// Share of its frames that are held still (the rest glide, as "u" closes to "m").
    pub steady_share: f64,
    /// Lowest to highest pitch of its still frames, in semitones.
    pub pitch_range_semitones: f64,
    /// Its pitch against the take's typical voiced pitch (the median), in semitones.
    #[serde(default)]
    pub pitch_above_typical_semitones: f64,
    /// How open the mouth was held (`audio::filled_pause`): the 700–1100 Hz band against the
    /// stronger band below it, in dB, at the openest quarter of its still frames. Near 0 for
    /// "uh" and "um"; far below for a close vowel ("ee", "oo") or a hum.
    #[serde(default)]
    pub opening_db: f64,
}

/// Hesitation sounds: always fillers.
const HESITATIONS: &[&str] = &[
    "um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "mm", "mhm",
];
/// Words that are fillers when set off by punctuation or opening a sentence.
const SET_OFF_FILLERS: &[&str] = &["like", "basically", "literally"];

#[derive(Debug, Clone, PartialEq)]
pub struct FoundFiller {
    pub text: String,
    pub start: f64,
    /// Index of the (first) word.
    pub word: usize,
}

/// Whether a transcribed word is a hesitation sound ("um", "Uh,").
pub fn is_hesitation_word(text: &str) -> bool {
    HESITATIONS.contains(&bare(text).as_str())
}

fn ends_clause(text: &str) -> bool {
    text.ends_with([',', '.', '?', '!', ';', ':', '…'])
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '?', '!', '…'])
}

/// Fillers and sentence-opening "so"s, in order of time.
pub fn find_fillers(words: &[Word]) -> (Vec<FoundFiller>, Vec<FoundFiller>) {
    let mut fillers = Vec::new();
    let mut markers = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = bare(&words[i].text);
        let sentence_start = i == 0 || ends_sentence(&words[i - 1].text);
        let after_break = i == 0 || ends_clause(&words[i - 1].text);
        let set_off_after = ends_clause(&words[i].text);
        let found = |text: &str| FoundFiller {
            text: text.to_string(),
            start: words[i].start,
            word: i,
        };
        if HESITATIONS.contains(&w.as_str()) {
            fillers.push(found(&w));
        } else if SET_OFF_FILLERS.contains(&w.as_str()) {
            // ", like," and "Like," are fillers; "I like it" and "Like most teams" are not.
            if set_off_after || (after_break && !sentence_start) {
                fillers.push(found(&w));
            }
        } else if (w == "you" || w == "i") && i + 1 < words.len() {
            let next = bare(&words[i + 1].text);
            let phrase = match (w.as_str(), next.as_str()) {
                ("you", "know") => Some("you know"),
                ("i", "mean") => Some("I mean"),
                _ => None,
            };
            if let Some(p) = phrase.filter(|_| ends_clause(&words[i + 1].text)) {
                fillers.push(found(p));
                i += 2;
                continue;
            }
        } else if w == "so" && sentence_start {
            markers.push(found("so"));
        }
        i += 1;
    }
    (fillers, markers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(i, t)| Word {
                text: t.into(),
                start: i as f64,
                end: i as f64 + 0.5,
                p: 0.9,
            })
            .collect()
    }

    fn fillers(text: &str) -> Vec<String> {
        find_fillers(&words(text))
            .0
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn hesitations_always_count() {
        assert_eq!(
            fillers("Um, we shipped it, uh, on Friday. Hmm."),
            ["um", "uh", "hmm"]
        );
    }

    #[test]
    fn like_counts_only_when_set_off() {
        assert_eq!(fillers("It was, like, really slow."), ["like"]);
        assert_eq!(fillers("Like, nobody knew."), ["like"]);
        assert!(fillers("I like Rust and things like caching.").is_empty());
        assert!(fillers("It felt like a week.").is_empty());
        assert!(
            fillers("Like most teams we used Postgres.").is_empty(),
            "sentence-initial preposition"
        );
    }

    #[test]
    fn phrases_count_when_set_off_and_so_is_a_marker() {
        assert_eq!(
            fillers("It was, you know, hard. I mean, we tried."),
            ["you know", "I mean"]
        );
        assert!(fillers("Do you know the answer? I mean it.").is_empty());
        let (f, markers) = find_fillers(&words("So I rewrote it. It was so slow. So, we won."));
        assert!(f.is_empty());
        assert_eq!(
            markers.iter().map(|m| m.start).collect::<Vec<_>>(),
            vec![0.0, 8.0]
        );
    }
}
