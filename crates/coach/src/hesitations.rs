//! Fillers from the words and from the audio, put together. `audio::filled_pause` finds voiced
//! sounds held still ([`HeldSound`]) and places them to the hundredth of a second; Whisper's
//! words say what was said, but its times for them often run late by a word (measured on the
//! synthesized set: a transcribed "um" 0.4–0.8 s after the sound). So:
//!
//! 1. each filler the transcript holds ("um", "like", "you know") is matched to a held sound
//!    near it, which then gives its time; it is counted once;
//! 2. a held sound left over where a short word people draw out while thinking ("so", "and",
//!    "well") was said is that word drawn out: "so…";
//! 3. one that no word covers, or that lies past the time its word could take to say, is a
//!    filled pause the recogniser left out: "(um)" at its moment;
//! 4. one held inside any other word is the speaker lingering on it (a read sentence's last
//!    word, a call sign spelled slowly), not a hesitation;
//! 5. one amid speech the recogniser wrote nothing for (it skipped a phrase, or stretched one
//!    word over several seconds) cannot be told from a vowel of the words it missed, and is
//!    left out: that speech makes the count a lower bound instead;
//! 6. one held on a close vowel ("ee", "oo") is a word's vowel the recogniser dated late or
//!    left out ("Pleeease"): a filled pause is said with the mouth half open.

use crate::fillers::{is_hesitation_word, FoundFiller, HeldSound};
use crate::norms::FilledPauseNorms;
use crate::transcript::{bare_word, Word};
use crate::Span;
use serde::{Deserialize, Serialize};

/// Where a filler was found.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FillerSource {
    /// A word of the transcript (its time from the audio when a held sound matched it).
    #[default]
    Transcript,
    /// A sound in the audio that the transcript left out or drew out.
    Audio,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FillerItem {
    /// The filler as said: "um", "like", "you know"; "so…" for a drawn-out word.
    pub text: String,
    pub start: f64,
    // Takes saved before fillers came from the audio have only text and start.
    #[serde(default)]
    pub end: f64,
    #[serde(default)]
    pub source: FillerSource,
    /// 0–1: the recogniser's probability for a word, how clearly the sound was held for audio.
    #[serde(default)]
    pub confidence: f64,
}

/// Words people draw out while they think of what comes next.
const DRAWN_OUT_WORDS: &[&str] = &["so", "and", "but", "well", "like", "then", "because", "or"];

/// How far from a transcribed filler its sound may be (Whisper's words run late).
const MATCH_SECONDS: f64 = 1.2;
/// A take's first word, a hesitation the recogniser wrote but no held sound backs, is kept from
/// this probability.
const MIN_UNHEARD_PROBABILITY: f64 = 0.4;
/// How much later than the sound Whisper may report the word said during it.
const LAG: f64 = 0.8;

/// Speech around a sound that no word accounts for, beyond the sound itself, above which the
/// recogniser missed words there. Whisper's late times leave up to `LAG` of the next word
/// uncovered next to a dropped "um".
const MISSED_WORDS_SECONDS: f64 = 1.0;

/// How long a word can take to say at a slow, oratorical pace: a base plus a little per letter
/// (JFK's "Americans," 1.1 s, is within it). Past this, the rest of a word's span in Whisper's
/// times is something else.
fn longest_saying(word: &str) -> f64 {
    // A digit is said as a word ("1234": "one two three four").
    let letters: usize = bare_word(word)
        .chars()
        .map(|c| if c.is_ascii_digit() { 5 } else { 1 })
        .sum();
    0.25 + 0.12 * letters as f64
}

/// A word written with a mark after it: a comma, a dash, an ellipsis, a full stop.
fn ends_a_phrase(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_some_and(|c| !c.is_alphanumeric() && c != '\'' && c != '’')
}

/// Every filler of the take, once, in time order: the transcript's `found` (from
/// [`crate::fillers::find_fillers`] over `words`) and the held `sounds` they do not account for.
pub fn place_fillers(
    found: &[FoundFiller],
    sounds: &[HeldSound],
    words: &[Word],
    speech: &[Span],
    norms: &FilledPauseNorms,
) -> Vec<FillerItem> {
    let mut used = vec![false; sounds.len()];
    let mut items = Vec::new();
    for f in found {
        let word = &words[f.word];
        let mut item = FillerItem {
            text: f.text.clone(),
            start: word.start,
            end: word.end,
            source: FillerSource::Transcript,
            confidence: word.p,
        };
        // Only a hesitation sound is held: "like" and "you know" are said, not held.
        if is_hesitation_word(&word.text) {
            let centre = (word.start + word.end) / 2.0;
            // Whisper's words run late: a sound before the word is the likelier match.
            let cost = |s: &HeldSound| {
                let d = (s.start + s.end) / 2.0 - centre;
                if d <= 0.0 {
                    -d
                } else {
                    2.0 * d
                }
            };
            let nearest = sounds
                .iter()
                .enumerate()
                .filter(|(i, _)| !used[*i])
                .map(|(i, s)| (i, cost(s)))
                .filter(|(_, c)| *c <= MATCH_SECONDS)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match nearest {
                Some((i, _)) => {
                    used[i] = true;
                    item.start = sounds[i].start;
                    item.end = sounds[i].end;
                }
                // Heard by the recogniser only, as the take's first word, and doubtfully:
                // Whisper, primed by a prompt full of fillers, now and then opens a take with a
                // stray "uh".
                None if f.word == 0 && word.p < MIN_UNHEARD_PROBABILITY => continue,
                None => {}
            }
        }
        items.push(item);
    }
    let counted: Vec<usize> = found.iter().map(|f| f.word).collect();
    for (i, sound) in sounds.iter().enumerate() {
        if used[i] {
            continue;
        }
        let over: Vec<&Word> = words
            .iter()
            .filter(|w| w.start < sound.end && sound.start < w.end.max(w.start + 0.05))
            .collect();
        if over.iter().any(|w| is_hesitation_word(&w.text)) {
            continue; // a transcribed "um" already placed on another sound
        }
        // The word said during the sound is reported up to `LAG` later. Drawn out while
        // thinking, it ends a phrase, and the recogniser marks the break ("so, we…", "and…");
        // drawn out for emphasis or in a list it runs on ("now and forevermore", "7 or 9"), and
        // the sound is the speaker lingering.
        let drawn = words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.start >= sound.start - 0.4 && w.start <= sound.end + LAG)
            .find(|(_, w)| DRAWN_OUT_WORDS.contains(&bare_word(&w.text).as_str()))
            .filter(|(_, w)| ends_a_phrase(&w.text));
        if let Some((index, _)) = drawn.filter(|(index, _)| counted.contains(index)) {
            // The transcript counts this word already (", like,"): it is the sound.
            if let Some(item) = items
                .iter_mut()
                .find(|f| f.source == FillerSource::Transcript && words[index].start == f.start)
            {
                item.start = sound.start;
                item.end = sound.end;
            }
            continue;
        }
        let drawn = drawn.map(|(_, w)| w);
        let text = match drawn {
            Some(w) => format!("{}…", bare_word(&w.text)),
            // Under no word, or past what the words over it could take to say: a filled pause
            // (Whisper often stretches the word before a dropped "uh" over it). Standing alone
            // between pauses is not enough: JFK's "Americans," ends alone, and is a word.
            None if over
                .iter()
                .all(|w| sound.start >= w.start + longest_saying(&w.text))
                && unaccounted_speech(sound, sounds, words, speech) <= MISSED_WORDS_SECONDS
                && sound.opening_db >= norms.min_opening_db =>
            {
                "um".to_string()
            }
            // Held inside a word: the speaker lingering on it; amid speech the recogniser
            // wrote nothing for, perhaps a vowel of a word it missed; or on a close vowel.
            None => continue,
        };
        items.push(FillerItem {
            text,
            start: sound.start,
            end: sound.end,
            source: FillerSource::Audio,
            confidence: confidence(sound),
        });
    }
    items.sort_by(|a, b| a.start.total_cmp(&b.start));
    items
}

/// Seconds of `speech` around `sound` that no word and no other held sound accounts for: from
/// where the words before it could have been said to where the next word begins.
fn unaccounted_speech(
    sound: &HeldSound,
    sounds: &[HeldSound],
    words: &[Word],
    speech: &[Span],
) -> f64 {
    let from = words
        .iter()
        .filter(|w| w.start < sound.start)
        .map(|w| w.end.min(w.start + longest_saying(&w.text)))
        .fold(f64::NEG_INFINITY, f64::max);
    let to = words
        .iter()
        .filter(|w| w.start >= sound.start)
        .map(|w| w.start)
        .fold(f64::INFINITY, f64::min);
    let overlap = |(a, b): (f64, f64), (c, d): (f64, f64)| (b.min(d) - a.max(c)).max(0.0);
    let within = |a: f64, b: f64| -> f64 {
        let spoken: f64 = speech
            .iter()
            .map(|s| overlap((a, b), (s.start, s.end)))
            .sum();
        let held: f64 = sounds
            .iter()
            .map(|h| overlap((a, b), (h.start, h.end)))
            .sum();
        (spoken - held).max(0.0)
    };
    within(from, sound.start) + within(sound.end, to)
}

/// Longer and stiller is surer: half from how long it was held (full at 0.6 s), half from how
/// still it was held.
fn confidence(sound: &HeldSound) -> f64 {
    let held = ((sound.end - sound.start) / 0.6).min(1.0);
    (0.5 * held + 0.5 * sound.steady_share).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`place_fillers`] with the built-in norms.
    fn place(
        found: &[FoundFiller],
        sounds: &[HeldSound],
        words: &[Word],
        speech: &[Span],
    ) -> Vec<FillerItem> {
        let norms = crate::Norms::default().filled_pauses;
        place_fillers(found, sounds, words, speech, &norms)
    }

    fn sound(start: f64, end: f64) -> HeldSound {
        within(start, end, (start, end))
    }

    /// A held sound inside a longer stretch of sound between pauses.
    fn within(start: f64, end: f64, (from, to): (f64, f64)) -> HeldSound {
        HeldSound {
            start,
            end,
            sounding_start: from,
            sounding_end: to,
            voicing: 0.9,
            flux_db: 1.0,
            pitch_hz: 110.0,
            steady_share: 0.9,
            pitch_above_typical_semitones: 0.0,
            pitch_range_semitones: 2.0,
            opening_db: -1.0,
        }
    }

    fn word(text: &str, start: f64, end: f64) -> Word {
        Word {
            text: text.into(),
            start,
            end,
            p: 0.9,
        }
    }

    fn texts(found: &[FillerItem]) -> Vec<&str> {
        found.iter().map(|h| h.text.as_str()).collect()
    }

    /// Audio only: what the held sounds add to a transcript with no fillers of its own.
    fn audio_hesitations(sounds: &[HeldSound], words: &[Word]) -> Vec<FillerItem> {
        let (found, _) = crate::fillers::find_fillers(words);
        place(&found, sounds, words, &[])
            .into_iter()
            .filter(|f| f.source == FillerSource::Audio)
            .collect()
    }

    #[test]
    fn a_sound_between_words_is_a_filled_pause_the_transcript_left_out() {
        let words = [word("We", 0.0, 0.3), word("shipped.", 1.2, 1.6)];
        let found = audio_hesitations(&[sound(0.45, 0.95)], &words);
        assert_eq!(texts(&found), ["um"]);
        assert_eq!((found[0].start, found[0].end), (0.45, 0.95));
        assert!(found[0].confidence > 0.8, "{found:?}");
    }

    #[test]
    fn a_transcribed_um_is_counted_once_at_the_time_of_its_sound() {
        // Whisper placed the "um" a word late, over "shipped"'s time.
        let words = [
            word("We", 0.0, 0.3),
            word("shipped,", 0.3, 1.4),
            word("um,", 1.5, 1.7),
            word("on", 1.8, 1.9),
            word("Friday.", 1.9, 2.4),
        ];
        let (found, _) = crate::fillers::find_fillers(&words);
        let items = place(&found, &[sound(0.9, 1.35)], &words, &[]);
        assert_eq!(texts(&items), ["um"]);
        assert_eq!(items[0].source, FillerSource::Transcript);
        assert_eq!((items[0].start, items[0].end), (0.9, 1.35));
    }

    #[test]
    fn a_doubtful_uh_opening_the_take_with_no_sound_is_the_prompt_talking() {
        let mut uh = word("Uh,", 0.3, 0.5);
        uh.p = 0.24;
        let words = [uh.clone(), word("we", 0.6, 0.8), word("shipped.", 0.8, 1.3)];
        let (found, _) = crate::fillers::find_fillers(&words);
        assert!(place(&found, &[], &words, &[]).is_empty());
        // Sure of it, or later in the take: a filler the detector did not hear is still one.
        uh.p = 0.9;
        let words = [uh.clone(), word("we", 0.6, 0.8), word("shipped.", 0.8, 1.3)];
        let (found, _) = crate::fillers::find_fillers(&words);
        assert_eq!(texts(&place(&found, &[], &words, &[])), ["uh"]);
        uh.p = 0.24;
        let words = [word("We", 0.0, 0.2), uh, word("shipped.", 0.8, 1.3)];
        let (found, _) = crate::fillers::find_fillers(&words);
        assert_eq!(texts(&place(&found, &[], &words, &[])), ["uh"]);
    }

    #[test]
    fn a_sound_past_what_its_word_could_take_is_a_pause_whisper_stretched_the_word_over() {
        // "is." said in 0.2 s, then "uhhh": Whisper's word runs to 36.5 s.
        let words = [word("is.", 34.9, 36.5), word("The", 36.5, 37.6)];
        assert_eq!(
            texts(&audio_hesitations(&[sound(35.9, 36.5)], &words)),
            ["um"]
        );
    }

    #[test]
    fn a_drawn_out_so_counts_and_a_lingering_content_word_does_not() {
        let words = [word("So,", 0.0, 0.8), word("we", 1.0, 1.2)];
        assert_eq!(
            texts(&audio_hesitations(&[sound(0.1, 0.7)], &words)),
            ["so…"]
        );
        let words = [word("Kilo", 2.1, 3.0), word("five", 3.0, 3.7)];
        let held = within(2.2, 2.8, (1.1, 3.7));
        assert!(audio_hesitations(&[held], &words).is_empty());
    }

    #[test]
    fn a_sound_amid_speech_the_recogniser_skipped_is_not_taken_for_an_um() {
        let words = [word("that's", 48.94, 49.2), word("there", 53.76, 54.42)];
        let held = sound(50.64, 50.84);
        let span = |start, end| Span { start, end };
        // Alone between pauses, nothing else unwritten: a dropped "um".
        let alone = [span(48.9, 49.3), span(50.6, 50.9), span(53.7, 54.5)];
        let found = place(&[], std::slice::from_ref(&held), &words, &alone);
        assert_eq!(texts(&found), ["um"]);
        // Two seconds of speech around it with no word: a phrase Whisper skipped.
        let skipped = [span(48.9, 49.3), span(49.8, 52.6), span(53.7, 54.5)];
        assert!(place(&[], &[held], &words, &skipped).is_empty());
    }

    #[test]
    fn a_number_takes_as_long_to_say_as_its_digits_in_words() {
        // "…extension 1234 and password…": the held "four" is the number, not a dropped "um".
        let words = [word("1234", 43.84, 45.52), word("and", 45.52, 46.1)];
        let held = within(45.11, 45.35, (45.08, 45.37));
        assert!(audio_hesitations(std::slice::from_ref(&held), &words).is_empty());
        let words = [word("at", 43.84, 45.52), word("and", 45.52, 46.1)];
        assert_eq!(texts(&audio_hesitations(&[held], &words)), ["um"]);
    }

    #[test]
    fn a_word_drawn_out_for_emphasis_runs_on_and_is_not_a_hesitation() {
        // A reader's "now and forevermore": Whisper writes no break after "and".
        let words = [
            word("menus,", 14.3, 14.84),
            word("now", 15.26, 15.54),
            word("and", 15.54, 15.84),
            word("forevermore.", 15.84, 16.86),
        ];
        let held = within(14.73, 15.08, (14.69, 15.13));
        assert!(audio_hesitations(std::slice::from_ref(&held), &words).is_empty());
        // The same sound with "and," written as a break is a drawn-out "and".
        let words = [
            word("menus,", 14.3, 14.84),
            word("now", 15.26, 15.54),
            word("and,", 15.54, 15.84),
        ];
        assert_eq!(texts(&audio_hesitations(&[held], &words)), ["and…"]);
    }

    #[test]
    fn a_close_vowel_the_recogniser_dated_late_is_a_word_not_an_um() {
        // "…not in service. Please check…": the "ee" of "Please" held, the word dated 0.4 s
        // after it.
        let words = [word("service.", 41.72, 42.14), word("Please", 42.54, 42.82)];
        let mut held = within(42.18, 42.4, (42.1, 42.43));
        held.opening_db = -8.6;
        assert!(audio_hesitations(std::slice::from_ref(&held), &words).is_empty());
        held.opening_db = -1.0;
        assert_eq!(texts(&audio_hesitations(&[held], &words)), ["um"]);
    }
}
