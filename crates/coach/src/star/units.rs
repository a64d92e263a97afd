//! Splits an answer into units — sentences, and clauses of run-on sentences — that each get one
//! STAR label. Whisper's punctuation comes first; without it, long pauses and discourse markers
//! ("so", "then", "in the end") mark the breaks; run-ons split at ", and I", ", so she",
//! ", and now nobody", ", and the page load time fell", ", which".

use crate::transcript::{bare_word as bare, Word};

/// A unit: a run of words, with times when the words had them.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub text: String,
    /// Index range into the words it was cut from.
    pub words: std::ops::Range<usize>,
    pub start: Option<f64>,
    pub end: Option<f64>,
}

/// A pause this long between words ends a unit when the transcript has no punctuation there.
const PAUSE_BREAK_SECONDS: f64 = 0.7;
/// Units without punctuation are cut at markers only once they are this long (words).
const MIN_WORDS_BEFORE_MARKER: usize = 6;

/// Markers that open a new clause in unpunctuated speech.
const MARKERS: &[&[&str]] = &[
    &["so"],
    &["then"],
    &["and", "then"],
    &["after", "that"],
    &["in", "the", "end"],
    &["as", "a", "result"],
    &["eventually"],
    &["finally"],
    &["afterwards"],
];

fn marker_at(words: &[Word], i: usize) -> bool {
    MARKERS.iter().any(|m| {
        m.iter()
            .enumerate()
            .all(|(k, w)| words.get(i + k).is_some_and(|x| bare(&x.text) == *w))
    })
}

/// Words that open a clause as its subject. "you" is left out: "and you know" is a filler.
const SUBJECTS: &[&str] = &[
    "i",
    "we",
    "i'd",
    "we'd",
    "he",
    "she",
    "they",
    "it",
    "nobody",
    "everyone",
    "everybody",
];
/// Words that open a clause's subject noun: ", and the page load time fell".
const DETERMINERS: &[&str] = &[
    "the", "our", "my", "their", "its", "his", "her", "this", "that", "every", "each", "no",
];
/// Words that may stand between the join and the subject: "and now nobody watches".
const CLAUSE_ADVERBS: &[&str] = &["now", "then", "later", "soon", "afterwards", "eventually"];

/// A run-on join: a comma, then "and"/"so"/"but" and a subject (a pronoun, perhaps after
/// "now" or "then", or a noun after "the", "our" …), or "which".
fn run_on_at(words: &[Word], i: usize) -> bool {
    if i == 0 || !words[i - 1].text.ends_with(',') {
        return false;
    }
    let w = bare(&words[i].text);
    let at = |k: usize| words.get(i + k).map(|x| bare(&x.text)).unwrap_or_default();
    let subject = |k: usize| SUBJECTS.contains(&at(k).as_str());
    (matches!(w.as_str(), "and" | "so" | "but")
        && (subject(1)
            || (CLAUSE_ADVERBS.contains(&at(1).as_str()) && subject(2))
            || DETERMINERS.contains(&at(1).as_str())))
        || w == "which"
}

pub fn split_units(words: &[Word], timed: bool) -> Vec<Unit> {
    let punctuated = words.iter().any(|w| w.text.ends_with(['.', '?', '!']));
    let mut units = Vec::new();
    let mut start = 0;
    for i in 0..words.len() {
        let len = i - start;
        let cut_before = len > 0
            && (run_on_at(words, i)
                || (!punctuated
                    && ((timed && words[i].start - words[i - 1].end >= PAUSE_BREAK_SECONDS)
                        || (len >= MIN_WORDS_BEFORE_MARKER && marker_at(words, i)))));
        if cut_before {
            units.push(make_unit(words, start..i, timed));
            start = i;
        }
        if words[i].text.ends_with(['.', '?', '!']) {
            units.push(make_unit(words, start..i + 1, timed));
            start = i + 1;
        }
    }
    if start < words.len() {
        units.push(make_unit(words, start..words.len(), timed));
    }
    units
}

fn make_unit(words: &[Word], range: std::ops::Range<usize>, timed: bool) -> Unit {
    let slice = &words[range.clone()];
    Unit {
        text: slice
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        start: timed.then(|| slice.first().map_or(0.0, |w| w.start)),
        end: timed.then(|| slice.last().map_or(0.0, |w| w.end)),
        words: range,
    }
}

/// Words from plain text, untimed (for `assess --transcript`).
pub fn untimed_words(text: &str) -> Vec<Word> {
    text.split_whitespace()
        .map(|t| Word {
            text: t.to_string(),
            start: 0.0,
            end: 0.0,
            p: 1.0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(units: &[Unit]) -> Vec<&str> {
        units.iter().map(|u| u.text.as_str()).collect()
    }

    #[test]
    fn sentences_and_run_ons() {
        let words = untimed_words("Our API was slow. I profiled it, and I found a bad index, which I rebuilt. Latency fell 40%.");
        assert_eq!(
            texts(&split_units(&words, false)),
            [
                "Our API was slow.",
                "I profiled it,",
                "and I found a bad index,",
                "which I rebuilt.",
                "Latency fell 40%."
            ]
        );
    }

    #[test]
    fn a_result_joined_to_the_action_is_a_unit_of_its_own() {
        let words = untimed_words(
            "I found a missing index, so I added it, and the page load time fell by forty percent.",
        );
        assert_eq!(
            texts(&split_units(&words, false)),
            [
                "I found a missing index,",
                "so I added it,",
                "and the page load time fell by forty percent."
            ]
        );
    }

    #[test]
    fn unpunctuated_speech_breaks_at_markers_and_pauses() {
        let words = untimed_words("our checkout was timing out every friday so I added a cache in front of pricing and then latency dropped");
        assert_eq!(
            texts(&split_units(&words, false)),
            [
                "our checkout was timing out every friday",
                "so I added a cache in front of pricing",
                "and then latency dropped"
            ]
        );
        let mut timed = untimed_words("we had an outage I restarted the queue");
        for (i, w) in timed.iter_mut().enumerate() {
            w.start = i as f64 * 0.4 + if i >= 4 { 1.0 } else { 0.0 };
            w.end = w.start + 0.3;
        }
        let units = split_units(&timed, true);
        assert_eq!(texts(&units), ["we had an outage", "I restarted the queue"]);
        assert_eq!(units[1].start, Some(2.6));
        assert!((units[1].end.unwrap() - 4.1).abs() < 1e-9);
    }
}
