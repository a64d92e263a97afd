//! Turns whisper's timed BPE tokens into words. A token that begins with a space starts a new
//! word; punctuation tokens attach to the word before them. Times are made monotonic and kept
//! inside the audio, since whisper's token timestamps occasionally step backwards or overshoot.

use coach::Word;

/// One text token as whisper produced it: raw bytes (a token may hold part of a UTF-8
/// character), times in seconds, probability.
#[derive(Debug, Clone)]
pub struct TimedToken {
    pub bytes: Vec<u8>,
    pub start: f64,
    pub end: f64,
    pub p: f64,
}

struct Building {
    bytes: Vec<u8>,
    start: f64,
    end: f64,
    p: f64,
}

fn starts_new_word(bytes: &[u8]) -> bool {
    bytes.first().is_some_and(|b| b.is_ascii_whitespace())
}

fn is_punctuation_only(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|b| b.is_ascii_punctuation())
}

pub fn words_from_tokens(tokens: &[TimedToken], audio_seconds: f64) -> Vec<Word> {
    let mut built: Vec<Building> = Vec::new();
    for t in tokens {
        let attach = match built.last() {
            None => false,
            Some(_) if starts_new_word(&t.bytes) => false,
            Some(_) => true,
        };
        if attach {
            if let Some(w) = built.last_mut() {
                w.bytes.extend_from_slice(&t.bytes);
                w.end = w.end.max(t.end);
                // Punctuation carries no acoustic evidence about the word: keep the word's own p.
                if !is_punctuation_only(&t.bytes) {
                    w.p = w.p.min(t.p);
                }
            }
        } else {
            built.push(Building { bytes: t.bytes.clone(), start: t.start, end: t.end, p: t.p });
        }
    }
    let mut words = Vec::with_capacity(built.len());
    let mut floor = 0.0f64;
    for b in built {
        let text = String::from_utf8_lossy(&b.bytes).trim().to_string();
        if text.is_empty() {
            continue;
        }
        let start = b.start.max(floor).min(audio_seconds);
        let end = b.end.max(start).min(audio_seconds);
        floor = start;
        words.push(Word { text, start, end, p: b.p.clamp(0.0, 1.0) });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(s: &str, start: f64, end: f64, p: f64) -> TimedToken {
        TimedToken { bytes: s.as_bytes().to_vec(), start, end, p }
    }

    #[test]
    fn joins_subword_tokens_and_punctuation() {
        let words = words_from_tokens(
            &[tok(" We", 0.0, 0.2, 0.9), tok(" mig", 0.2, 0.4, 0.8), tok("rated", 0.4, 0.7, 0.6), tok(".", 0.7, 0.7, 0.1)],
            10.0,
        );
        let texts: Vec<_> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["We", "migrated."]);
        assert_eq!((words[1].start, words[1].end, words[1].p), (0.2, 0.7, 0.6));
    }

    #[test]
    fn rebuilds_utf8_split_across_tokens() {
        let e_acute = "é".as_bytes();
        let words = words_from_tokens(
            &[
                TimedToken { bytes: [b" caf".as_slice(), &e_acute[..1]].concat(), start: 0.0, end: 0.3, p: 0.9 },
                TimedToken { bytes: e_acute[1..].to_vec(), start: 0.3, end: 0.4, p: 0.9 },
            ],
            1.0,
        );
        assert_eq!(words[0].text, "café");
    }

    #[test]
    fn times_are_monotonic_and_inside_the_audio() {
        let words = words_from_tokens(&[tok(" a", 1.0, 1.5, 0.9), tok(" b", 0.8, 0.9, 0.9), tok(" c", 2.5, 9.0, 0.9)], 3.0);
        assert_eq!((words[1].start, words[1].end), (1.0, 1.0));
        assert_eq!((words[2].start, words[2].end), (2.5, 3.0));
    }
}
