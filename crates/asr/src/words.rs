//! Turns whisper's timed BPE tokens into words. A token that begins with a space starts a new
//! word; punctuation tokens attach to the word before them.
//!
//! Timing: when whisper.cpp computed DTW timestamps (cross-attention alignment), each token has
//! an onset; a word starts at its first token's onset and ends where the token after its last
//! spoken token begins (a following punctuation token marks the end of the sound well). Without
//! DTW, whisper's own t0/t1 are used; they are coarse (the first word of a segment starts at the
//! segment start). Times are made monotonic and kept inside the audio either way.

use coach::Word;

/// One text token as whisper produced it: raw bytes (a token may hold part of a UTF-8
/// character), times in seconds, probability.
#[derive(Debug, Clone)]
pub struct TimedToken {
    pub bytes: Vec<u8>,
    pub start: f64,
    pub end: f64,
    pub p: f64,
    /// Onset from DTW alignment, when available.
    pub dtw: Option<f64>,
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

/// A "word" that is only a mark Whisper writes between words: the dash that opens a speaker's
/// turn ("- Hello? - Hello.") or a lone ellipsis. Nobody said it, so it is no word of the answer
/// (it would count towards words and pace).
fn is_unspoken_mark(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, '-' | '–' | '—' | '.' | '…'))
}

/// The longest note of a sound Whisper writes in brackets ("[BLANK_AUDIO]", "(upbeat music)"),
/// in words: an opening bracket not closed within this many words is kept as it is.
const LONGEST_SOUND_NOTE: usize = 4;

/// Drops the notes of sounds Whisper writes in brackets instead of words: "[BLANK_AUDIO]" over
/// the quiet after an answer, "(laughs)", "[MUSIC]". Nobody said them; counted, they would be
/// words of the answer (pace, STAR, the transcript shown).
fn without_sound_notes(words: Vec<Word>) -> Vec<Word> {
    let closing = |text: &str| match text.chars().next() {
        Some('[') => Some(']'),
        Some('(') => Some(')'),
        _ => None,
    };
    let mut kept = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let note_end = closing(&words[i].text).and_then(|close| {
            words[i..]
                .iter()
                .take(LONGEST_SOUND_NOTE)
                .position(|w| w.text.contains(close))
        });
        match note_end {
            Some(last) => i += last + 1,
            None => {
                kept.push(words[i].clone());
                i += 1;
            }
        }
    }
    kept
}

pub fn words_from_tokens(tokens: &[TimedToken], audio_seconds: f64) -> Vec<Word> {
    let use_dtw = !tokens.is_empty() && tokens.iter().all(|t| t.dtw.is_some());
    let retimed: Vec<TimedToken>;
    let tokens = if use_dtw {
        retimed = dtw_timed(tokens, audio_seconds);
        &retimed[..]
    } else {
        tokens
    };
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
            built.push(Building {
                bytes: t.bytes.clone(),
                start: t.start,
                end: t.end,
                p: t.p,
            });
        }
    }
    let mut words = Vec::with_capacity(built.len());
    let mut floor = 0.0f64;
    for b in built {
        let text = String::from_utf8_lossy(&b.bytes).trim().to_string();
        if text.is_empty() || is_unspoken_mark(&text) {
            continue;
        }
        let start = b.start.max(floor).min(audio_seconds);
        let end = b.end.max(start).min(audio_seconds);
        floor = start;
        words.push(Word {
            text,
            start,
            end,
            p: b.p.clamp(0.0, 1.0),
        });
    }
    without_sound_notes(words)
}

/// Re-times tokens from their DTW onsets: a spoken token lasts until the next token's onset.
fn dtw_timed(tokens: &[TimedToken], audio_seconds: f64) -> Vec<TimedToken> {
    let onset = |t: &TimedToken| t.dtw.unwrap_or(t.start);
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let start = onset(t);
            let end = match tokens.get(i + 1) {
                Some(next) => onset(next),
                None => t.end.max(start).min(audio_seconds),
            };
            // Punctuation has no duration of its own.
            let (start, end) = if is_punctuation_only(&t.bytes) {
                (start, start)
            } else {
                (start, end.max(start))
            };
            TimedToken {
                bytes: t.bytes.clone(),
                start,
                end,
                p: t.p,
                dtw: t.dtw,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(s: &str, start: f64, end: f64, p: f64) -> TimedToken {
        TimedToken {
            bytes: s.as_bytes().to_vec(),
            start,
            end,
            p,
            dtw: None,
        }
    }

    fn dtw(s: &str, onset: f64) -> TimedToken {
        TimedToken {
            bytes: s.as_bytes().to_vec(),
            start: 0.0,
            end: 0.0,
            p: 0.9,
            dtw: Some(onset),
        }
    }

    #[test]
    fn dtw_onsets_time_words_and_punctuation_closes_them() {
        let words = words_from_tokens(
            &[
                dtw(" In", 2.18),
                dtw(" my", 2.36),
                dtw(" role", 2.64),
                dtw(",", 3.1),
                dtw(" I", 3.3),
                dtw(" cut", 3.5),
            ],
            4.0,
        );
        let spans: Vec<_> = words
            .iter()
            .map(|w| (w.text.as_str(), w.start, w.end))
            .collect();
        assert_eq!(spans[0], ("In", 2.18, 2.36));
        // "role," ends where the comma begins, not at the next word.
        assert_eq!(spans[2], ("role,", 2.64, 3.1));
        assert_eq!(spans[4], ("cut", 3.5, 3.5));
    }

    #[test]
    fn notes_of_sounds_in_brackets_are_no_words() {
        let words = words_from_tokens(
            &[
                tok(" Go", 0.0, 0.2, 0.9),
                tok(" ahead", 0.2, 0.5, 0.9),
                tok(".", 0.5, 0.5, 0.9),
                tok(" [", 0.6, 0.6, 0.5),
                tok("BL", 0.6, 0.7, 0.5),
                tok("ANK", 0.7, 0.8, 0.5),
                tok("_", 0.8, 0.8, 0.5),
                tok("AUDIO", 0.8, 0.9, 0.5),
                tok("]", 0.9, 0.9, 0.5),
                tok(" (", 1.0, 1.0, 0.5),
                tok("upbeat", 1.0, 1.2, 0.5),
                tok(" music", 1.2, 1.4, 0.5),
                tok(")", 1.4, 1.4, 0.5),
                tok(" Thanks", 1.5, 1.8, 0.9),
                tok(" (and", 1.8, 2.0, 0.9),
                tok(" more", 2.0, 2.2, 0.9),
                tok(" words", 2.2, 2.4, 0.9),
                tok(" than", 2.4, 2.6, 0.9),
                tok(" a", 2.6, 2.7, 0.9),
                tok(" note)", 2.7, 2.9, 0.9),
            ],
            10.0,
        );
        let texts: Vec<_> = words.iter().map(|w| w.text.as_str()).collect();
        // A bracket that does not close within a note's length is what was said.
        assert_eq!(
            texts,
            ["Go", "ahead.", "Thanks", "(and", "more", "words", "than", "a", "note)"]
        );
    }

    #[test]
    fn joins_subword_tokens_and_punctuation() {
        let words = words_from_tokens(
            &[
                tok(" We", 0.0, 0.2, 0.9),
                tok(" mig", 0.2, 0.4, 0.8),
                tok("rated", 0.4, 0.7, 0.6),
                tok(".", 0.7, 0.7, 0.1),
            ],
            10.0,
        );
        let texts: Vec<_> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["We", "migrated."]);
        assert_eq!((words[1].start, words[1].end, words[1].p), (0.2, 0.7, 0.6));
    }

    #[test]
    fn a_speaker_dash_or_lone_ellipsis_is_no_word() {
        let words = words_from_tokens(
            &[
                tok(" -", 0.0, 0.1, 0.9),
                tok(" Hello", 0.1, 0.5, 0.9),
                tok("?", 0.5, 0.5, 0.9),
                tok(" -", 0.6, 0.6, 0.9),
                tok(" ...", 0.7, 0.8, 0.9),
                tok(" R", 0.9, 1.0, 0.9),
                tok(" &", 1.0, 1.1, 0.9),
                tok(" D", 1.1, 1.2, 0.9),
                tok(" well", 1.3, 1.5, 0.9),
                tok("-", 1.5, 1.5, 0.9),
                tok("known", 1.5, 1.8, 0.9),
            ],
            2.0,
        );
        let texts: Vec<_> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Hello?", "R", "&", "D", "well-known"]);
    }

    #[test]
    fn rebuilds_utf8_split_across_tokens() {
        let e_acute = "é".as_bytes();
        let words = words_from_tokens(
            &[
                TimedToken {
                    bytes: [b" caf".as_slice(), &e_acute[..1]].concat(),
                    start: 0.0,
                    end: 0.3,
                    p: 0.9,
                    dtw: None,
                },
                TimedToken {
                    bytes: e_acute[1..].to_vec(),
                    start: 0.3,
                    end: 0.4,
                    p: 0.9,
                    dtw: None,
                },
            ],
            1.0,
        );
        assert_eq!(words[0].text, "café");
    }

    #[test]
    fn times_are_monotonic_and_inside_the_audio() {
        let words = words_from_tokens(
            &[
                tok(" a", 1.0, 1.5, 0.9),
                tok(" b", 0.8, 0.9, 0.9),
                tok(" c", 2.5, 9.0, 0.9),
            ],
            3.0,
        );
        assert_eq!((words[1].start, words[1].end), (1.0, 1.0));
        assert_eq!((words[2].start, words[2].end), (2.5, 3.0));
    }
}
