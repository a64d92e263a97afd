//! Catching a decoder that has lost its place ("a loop": the same sentences written again) and
//! deciding how to decode the piece again.
//!
//! Why loops happen: a piece is encoded with a context scaled to its length (a fraction of the
//! cost of Whisper's 30 s window), so the decoder sees little of the padding after the audio
//! that tells it where speech ends. When it does not emit timestamps (the filler-keeping prompt
//! makes tiny.en leave them out), nothing stops it at the end of the audio and it starts the
//! piece again. Seen on a real two-person call: the first 20 s written three times. The whole
//! window decodes the same piece once.
//!
//! The commonest loop is the smallest: the decoder reaches the end of the audio and writes the
//! last sentence (or the start of an earlier one) again. When the text ends in a copy of an
//! earlier stretch of [`LOOP_STRETCH_WORDS`] or more words, and what precedes that copy is no
//! loop, the copy is cut off ([`repeated_tail_start`]) rather than the piece decoded again: the
//! redo costs a whole pass, and on a real call it lost a sentence the first decode had right.
//!
//! A decode is suspect when its text compresses too well (Whisper's own guard: a gzip ratio
//! above 2.4 marks repetitive output) or when a stretch of [`LOOP_STRETCH_WORDS`] words appears
//! twice in one piece, which people almost never say within half a minute. A suspect decode is
//! redone with the encoder's whole window, then with rising temperature (Whisper's fallback),
//! and the first decode that is not suspect wins; when none passes, the least repetitive one.

use coach::{longest_repeated_stretch, normalize_words};
use flate2::write::ZlibEncoder;
use flate2::Compression;
use std::io::Write;

/// Whisper's `compression_ratio_threshold`: output that compresses better than this is
/// repetitive.
pub const MAX_COMPRESSION_RATIO: f64 = 2.4;
/// A stretch this many words long written twice in one piece marks a loop.
pub const LOOP_STRETCH_WORDS: usize = 6;
/// Whisper's temperature schedule after a failed greedy decode.
pub const FALLBACK_TEMPERATURES: [f32; 5] = [0.2, 0.4, 0.6, 0.8, 1.0];
/// Above this temperature the previous words no longer prompt the decode (Whisper's
/// `prompt_reset_on_temperature`): a prompt can be what the loop copies.
pub const PROMPT_RESET_TEMPERATURE: f32 = 0.5;

/// How repetitive one decode's text is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Repetition {
    pub compression_ratio: f64,
    /// The longest stretch of words written twice.
    pub repeated_words: usize,
}

impl Repetition {
    pub fn of(text: &str) -> Repetition {
        Repetition {
            compression_ratio: compression_ratio(text),
            repeated_words: longest_repeated_stretch(&normalize_words(text)).map_or(0, |r| r.words),
        }
    }

    /// Whether the decoder looks to have lost its place.
    pub fn is_loop(&self) -> bool {
        self.compression_ratio > MAX_COMPRESSION_RATIO || self.repeated_words >= LOOP_STRETCH_WORDS
    }

    /// Orders decodes from least to most repetitive (to pick one when every retry looped).
    pub fn badness(&self) -> (usize, u64) {
        (
            self.repeated_words,
            (self.compression_ratio * 1000.0) as u64,
        )
    }
}

/// Bytes of text over bytes of its zlib stream, as Whisper computes it (1.0 or less for short
/// text, where the stream's own overhead dominates).
pub fn compression_ratio(text: &str) -> f64 {
    if text.is_empty() {
        return 0.0;
    }
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    // Writing into a Vec cannot fail.
    let compressed = encoder
        .write_all(text.as_bytes())
        .and_then(|()| encoder.finish())
        .map_or(text.len(), |c| c.len());
    text.len() as f64 / compressed.max(1) as f64
}

/// Where a text's closing copy of an earlier stretch starts, as an index into `words` (already
/// normalised, one entry per word), when its last [`LOOP_STRETCH_WORDS`] or more words repeat,
/// word for word, a stretch that ends before them. None when the text does not end that way.
pub fn repeated_tail_start(words: &[String]) -> Option<usize> {
    let n = words.len();
    (LOOP_STRETCH_WORDS..=n / 2).rev().find_map(|k| {
        let tail = &words[n - k..];
        words[..n - k]
            .windows(k)
            .any(|earlier| earlier == tail)
            .then_some(n - k)
    })
}

/// One way to decode a piece: with its own scaled encoder context or the whole window, at a
/// temperature, with or without the words said before it as prompt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempt {
    pub whole_window: bool,
    pub temperature: f32,
    pub prompted: bool,
}

/// The attempts in order: the cheap one first, then the whole window (a scaled context is the
/// usual cause: the decoder does not see where the audio ends), then Whisper's temperatures.
pub fn attempts(scaled_context: bool) -> Vec<Attempt> {
    let mut out = Vec::new();
    if scaled_context {
        out.push(Attempt {
            whole_window: false,
            temperature: 0.0,
            prompted: true,
        });
    }
    out.push(Attempt {
        whole_window: true,
        temperature: 0.0,
        prompted: true,
    });
    out.extend(FALLBACK_TEMPERATURES.iter().map(|&t| Attempt {
        whole_window: true,
        temperature: t,
        prompted: t <= PROMPT_RESET_TEMPERATURE,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAID_ONCE: &str = "Hello? Hello? Oh, hello. I didn't know you were there. Okay, I \
        thought, you know, I heard a beep. This is Diane in New Jersey. And I'm Sheila in Texas, \
        originally from Chicago. Oh, I'm originally from Chicago also.";

    #[test]
    fn a_transcript_written_three_times_is_a_loop_and_once_is_not() {
        let once = Repetition::of(SAID_ONCE);
        assert!(!once.is_loop(), "{once:?}");
        let thrice = Repetition::of(&[SAID_ONCE; 3].join(" "));
        assert!(thrice.is_loop(), "{thrice:?}");
        assert!(
            thrice.compression_ratio > MAX_COMPRESSION_RATIO,
            "{thrice:?}"
        );
    }

    #[test]
    fn one_sentence_written_twice_at_the_end_is_a_loop() {
        let text = "Well, there isn't that much difference. At least, you know, they all call \
            me a Yankee down here. Oh, I don't hear that New Jersey now. Oh, I don't hear that \
            New Jersey now.";
        let r = Repetition::of(text);
        assert!(r.compression_ratio < MAX_COMPRESSION_RATIO, "{r:?}");
        assert!(r.is_loop(), "{r:?}");
    }

    fn normalised(text: &str) -> Vec<String> {
        normalize_words(text)
    }

    #[test]
    fn a_closing_copy_of_an_earlier_stretch_is_found_where_it_starts() {
        let text = "Well, there isn't that much difference. Oh, I don't hear that New Jersey \
            now. Oh, I don't hear that New Jersey now.";
        let words = normalised(text);
        assert_eq!(repeated_tail_start(&words), Some(words.len() - 8));
        // Five words copied are not enough to call it a loop.
        let words = normalised(
            "I'm in New Jersey now, though. Well, there isn't that much difference. I'm in \
             New Jersey now",
        );
        assert_eq!(repeated_tail_start(&words), None);
        // A copy of a sentence further back, cut short by the end of the piece.
        let words = normalised(
            "I'm in New Jersey now, though. Well, there isn't that much difference. I'm in \
             New Jersey now, though",
        );
        assert_eq!(repeated_tail_start(&words), Some(words.len() - 6));
    }

    #[test]
    fn a_text_that_does_not_end_in_a_copy_has_no_repeated_tail() {
        for text in [
            SAID_ONCE,
            "",
            "one two three four five six one two three four five",
        ] {
            assert_eq!(repeated_tail_start(&normalised(text)), None, "{text}");
        }
        // Repeated in the middle, not at the end: a redo's business, not a trim's.
        let middle = format!("{SAID_ONCE} {SAID_ONCE} and then we went home");
        assert_eq!(repeated_tail_start(&normalised(&middle)), None);
    }

    #[test]
    fn what_people_say_twice_is_short_and_not_a_loop() {
        for text in [
            "And so my fellow Americans, ask not what your country can do for you, ask what \
             you can do for your country.",
            "I think, I think the real problem was the cache. The cache was cold.",
            "No, no, no. We rolled back first and then we looked at the logs.",
            "",
        ] {
            assert!(!Repetition::of(text).is_loop(), "{text}");
        }
    }

    #[test]
    fn the_whole_window_comes_before_any_temperature_and_the_prompt_goes_above_half() {
        let all = attempts(true);
        assert_eq!(all.len(), 2 + FALLBACK_TEMPERATURES.len());
        assert!(!all[0].whole_window && all[0].temperature == 0.0);
        assert!(all[1].whole_window && all[1].temperature == 0.0);
        assert!(all.windows(2).all(|w| w[0].temperature <= w[1].temperature));
        assert!(all.iter().all(|a| a.prompted == (a.temperature <= 0.5)));
        assert!(attempts(false)[0].whole_window);
    }
}
