//! Ending a decode that has run past its audio, while whisper.cpp is still decoding it.
//!
//! When the decoder reaches the end of a piece without writing a timestamp there, nothing stops
//! it: it writes the last sentence again ("Please try again. Please try again. …") until its
//! token limit (about 220), then whisper.cpp calls the decode failed and starts over at higher
//! temperatures. On a 1.3 s piece that is 1.7–3.3 s of work for a decode that takes 0.2 s when it
//! stops (bench/RESULTS.md, "A decode that runs past its audio"). [`crate::loop_guard`] only sees
//! the text afterwards, when the time is already spent.
//!
//! So while the decode runs, each step's logits pass through [`end_runaway_decode`]: when the
//! text so far closes with copies of itself ([`closing_copies`]) or holds more tokens than
//! anyone says in that much audio ([`max_text_tokens`]), the only token left to choose is the
//! timestamp at the end of the audio. whisper.cpp takes that as the decode reaching the end and
//! completes it normally; the copies are then cut from the text ([`Copies::cut_from`]).
//!
//! The filter cannot tell where in the audio the decoder is, and people do repeat themselves,
//! so copies end a decode only once its text is dense enough to have reached the end of the
//! speech; a decode they ended with too few words is decoded again with the budget alone
//! ([`RunawayBound::left_speech_unheard`], [`RunawayBound::budget_only`]).

use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use whisper_rs::whisper_rs_sys::{whisper_context, whisper_state, whisper_token_data};

/// Nobody says more than this many tokens a second for long (fast speech is about 4 words a
/// second, 1.3 tokens a word with punctuation).
const MAX_TOKENS_PER_SECOND: f64 = 8.0;
/// Room for the shortest pieces: a one-second piece may still hold "Okay, so, um, yeah."
const MAX_TOKENS_ANY_PIECE: usize = 12;
/// A stretch written this many times in a row, end to end, is a loop however short it is;
/// people repeat themselves ("I think, I think"), but not a whole phrase three times over.
const LOOPING_COPIES: usize = 3;
/// A stretch this many tokens long written twice in a row is a loop (about the six words of
/// [`crate::loop_guard::LOOP_STRETCH_WORDS`]).
const LOOPING_STRETCH_TOKENS: usize = 8;
/// Copies end a decode only once it has written at least this many tokens a second of its
/// audio, leaving out the last [`UNSPOKEN_END_SECONDS`]: a decode that has written less has not
/// reached the end of the speech, whatever it repeats (a real call's "Hello? Hello? Hello?"
/// opened a 20 s piece). Slow speech is about 2 tokens a second.
const MIN_TOKENS_PER_SECOND: f64 = 1.0;
/// Pieces end at a pause, so their speech runs to within about this much of their end.
const UNSPOKEN_END_SECONDS: f64 = 2.0;
/// Whisper's timestamps count 20 ms steps; the last one is 30 s.
const LAST_TIMESTAMP_STEP: i32 = 1500;

/// How many text tokens a decode of `seconds` of audio may write before it has run away.
pub fn max_text_tokens(seconds: f64) -> usize {
    MAX_TOKENS_ANY_PIECE + (MAX_TOKENS_PER_SECOND * seconds.max(0.0)).ceil() as usize
}

/// The same stretch of tokens written `copies` times in a row at the very end of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copies {
    pub stretch: usize,
    pub copies: usize,
}

impl Copies {
    /// The text without the copies after the first one. A loop need not start where a sentence
    /// does ("… mailbox options. Press 0 for mailbox options. Press 0 for mailbox"): the first
    /// copy cut keeps its words up to a sentence's end when one falls inside it.
    pub fn cut_from<T>(&self, tokens: &mut Vec<T>, ends_sentence: impl Fn(&T) -> bool) {
        let start = tokens
            .len()
            .saturating_sub(self.stretch * (self.copies - 1));
        let finishes_a_sentence = tokens[start..]
            .iter()
            .take(self.stretch)
            .position(ends_sentence)
            .filter(|&i| i + 1 < self.stretch)
            .map_or(0, |i| i + 1);
        tokens.truncate(start + finishes_a_sentence);
    }
}

/// The copies a text closes with, when they look like a loop: a stretch written
/// [`LOOPING_COPIES`] times in a row, or one of [`LOOPING_STRETCH_TOKENS`] or more written twice.
/// The shortest such stretch wins (so "a b a b a b" is three copies of "a b").
pub fn closing_copies<T: PartialEq>(tokens: &[T]) -> Option<Copies> {
    let n = tokens.len();
    (1..=n / 2).find_map(|stretch| {
        let tail = &tokens[n - stretch..];
        let copies = 1 + tokens[..n - stretch]
            .rchunks_exact(stretch)
            .take_while(|earlier| *earlier == tail)
            .count();
        let looping = copies >= LOOPING_COPIES && stretch >= 2
            || copies >= 2 && stretch >= LOOPING_STRETCH_TOKENS;
        looping.then_some(Copies { stretch, copies })
    })
}

/// Why a decode was made to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    OverBudget,
    Copies,
}

/// What one decode's logit filter needs to know; it must outlive the `whisper_full` call it is
/// given to.
pub struct RunawayBound {
    /// Text tokens are the ids below this one (end of text, then timestamps and the rest).
    first_special: i32,
    n_vocab: usize,
    max_text_tokens: usize,
    /// The timestamp token at (or just past) the end of the audio.
    end_of_audio: i32,
    /// Whether copies end the decode (over budget always does).
    end_on_copies: bool,
    /// Copies end a decode only once it holds this many text tokens.
    min_text_tokens_at_end: usize,
    /// Set when copies ended a decode: whisper.cpp's own fallback may decode more than once.
    ended_on_copies: AtomicBool,
    /// Set when a decode was ended for either reason.
    ended: AtomicBool,
}

impl RunawayBound {
    /// For one window of audio (at most 30 s: whisper.cpp walks longer audio window by window,
    /// where the end of the audio is not the end of the decode, so they get no bound).
    pub fn for_window(
        seconds: f64,
        token_eot: i32,
        token_beg: i32,
        n_vocab: usize,
    ) -> Option<Self> {
        let steps = (seconds * 50.0).ceil() as i32 + 1;
        (steps <= LAST_TIMESTAMP_STEP).then(|| RunawayBound {
            first_special: token_eot,
            n_vocab,
            max_text_tokens: max_text_tokens(seconds),
            end_of_audio: token_beg + steps,
            end_on_copies: true,
            min_text_tokens_at_end: (MIN_TOKENS_PER_SECOND
                * (seconds - UNSPOKEN_END_SECONDS).max(0.0))
                as usize,
            ended_on_copies: AtomicBool::new(false),
            ended: AtomicBool::new(false),
        })
    }

    /// The same bound without the copies rule, for a decode again after copies ended one too
    /// early: people do say "Hello? Hello? Hello?", and the filter cannot tell where in the audio
    /// the decoder is (each token's timestamp guess swings over the whole piece).
    pub fn budget_only(&self) -> RunawayBound {
        RunawayBound {
            end_on_copies: false,
            ended_on_copies: AtomicBool::new(false),
            ended: AtomicBool::new(false),
            ..*self
        }
    }

    /// Whether copies ended a decode with this bound.
    pub fn ended_on_copies(&self) -> bool {
        self.ended_on_copies.load(Ordering::Relaxed)
    }

    /// Whether this bound ended a decode (so the copies it closes with are the decoder's, to be
    /// cut, and not what was said).
    pub fn ended_a_decode(&self) -> bool {
        self.ended.load(Ordering::Relaxed)
    }

    /// Whether a decode that copies ended, left with `words` once they are cut, is too sparse to
    /// have heard all of its audio; then it is decoded again with [`Self::budget_only`].
    pub fn left_speech_unheard(&self, words: usize) -> bool {
        self.ended_on_copies() && words < self.min_text_tokens_at_end
    }

    /// Whether (and why) a decode that has written `tokens` (text and timestamps) must end now.
    fn must_end(&self, tokens: &[whisper_token_data]) -> Option<Ending> {
        // After a timestamp the pairing rules decide; the end timestamp may not be allowed.
        if tokens
            .last()
            .is_none_or(|last| last.id >= self.first_special)
        {
            return None;
        }
        let text: Vec<i32> = tokens
            .iter()
            .map(|t| t.id)
            .filter(|&id| id < self.first_special)
            .collect();
        if text.len() >= self.max_text_tokens {
            Some(Ending::OverBudget)
        } else if self.end_on_copies
            && text.len() >= self.min_text_tokens_at_end
            && closing_copies(&text).is_some()
        {
            Some(Ending::Copies)
        } else {
            None
        }
    }

    /// Leaves the end-of-audio timestamp as the only token the decoder can choose.
    fn end_here(&self, logits: &mut [f32]) {
        logits.fill(f32::NEG_INFINITY);
        if let Some(end) = logits.get_mut(self.end_of_audio as usize) {
            *end = 0.0;
        }
    }
}

/// whisper.cpp's logit filter, called before each token is chosen.
///
/// # Safety
/// `user_data` must point to a live [`RunawayBound`]; `tokens` to `n_tokens` token records and
/// `logits` to one float per vocabulary entry, as whisper.cpp passes them (`whisper.h`,
/// `whisper_logits_filter_callback`). Only reads the context and state.
pub unsafe extern "C" fn end_runaway_decode(
    _ctx: *mut whisper_context,
    _state: *mut whisper_state,
    tokens: *const whisper_token_data,
    n_tokens: c_int,
    logits: *mut f32,
    user_data: *mut c_void,
) {
    if user_data.is_null() || logits.is_null() {
        return;
    }
    // SAFETY: the caller keeps the bound alive for the whole decode; only its atomic flags
    // change, so a shared reference is sound even if whisper.cpp samples decoders on threads.
    let bound = unsafe { &*(user_data as *const RunawayBound) };
    let tokens = match usize::try_from(n_tokens) {
        // SAFETY: whisper.cpp passes its current sequence: `n_tokens` records at `tokens`.
        Ok(n) if n > 0 && !tokens.is_null() => unsafe { std::slice::from_raw_parts(tokens, n) },
        _ => return,
    };
    if let Some(ending) = bound.must_end(tokens) {
        bound.ended.store(true, Ordering::Relaxed);
        if ending == Ending::Copies {
            bound.ended_on_copies.store(true, Ordering::Relaxed);
        }
        // SAFETY: whisper.cpp's logits buffer holds one float per vocabulary entry.
        let logits = unsafe { std::slice::from_raw_parts_mut(logits, bound.n_vocab) };
        bound.end_here(logits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    /// The copies `text` closes with, and the text once they are cut.
    fn cut(text: &str) -> (Copies, String) {
        let mut said = words(text);
        let copies = closing_copies(&said).expect("a loop");
        copies.cut_from(&mut said, |w| *w == ".");
        (copies, said.join(" "))
    }

    #[test]
    fn a_short_sentence_written_three_times_closes_with_copies() {
        let (copies, kept) = cut(
            "so I called them back . please try again . please try again \
             . please try again .",
        );
        assert_eq!((copies.stretch, copies.copies), (4, 3));
        assert_eq!(kept, "so I called them back . please try again .");
    }

    #[test]
    fn a_long_stretch_written_twice_closes_with_copies() {
        let (copies, kept) = cut("we shipped . the release went out on friday night . the \
             release went out on friday night .");
        assert_eq!((copies.stretch, copies.copies), (8, 2));
        assert_eq!(kept, "we shipped . the release went out on friday night .");
    }

    #[test]
    fn a_loop_that_starts_inside_a_sentence_keeps_that_sentence_whole() {
        let (copies, kept) = cut(
            "press 3 for advanced options . press 0 for mailbox options \
             . press 0 for mailbox options . press 0 for mailbox",
        );
        assert_eq!((copies.stretch, copies.copies), (6, 3));
        assert_eq!(
            kept,
            "press 3 for advanced options . press 0 for mailbox options ."
        );
    }

    #[test]
    fn what_people_repeat_is_not_a_loop() {
        for text in [
            "I think , I think the cache was cold",
            "no , no , no . we rolled back first",
            "it was very very slow",
            "please try again . please try again .",
            "we tried , we tried",
            "",
            "a",
        ] {
            assert_eq!(closing_copies(&words(text)), None, "{text}");
        }
    }

    #[test]
    fn the_budget_grows_with_the_audio() {
        assert_eq!(max_text_tokens(0.0), 12);
        assert_eq!(max_text_tokens(1.3), 23);
        assert_eq!(max_text_tokens(10.0), 92);
    }

    fn token(id: i32) -> whisper_token_data {
        whisper_token_data {
            id,
            tid: 0,
            p: 0.0,
            plog: 0.0,
            pt: 0.0,
            ptsum: 0.0,
            t0: 0,
            t1: 0,
            t_dtw: 0,
            vlen: 0.0,
        }
    }

    const EOT: i32 = 50_256;
    const BEG: i32 = 50_363;
    const VOCAB: usize = 51_864;

    #[test]
    fn a_runaway_decode_can_only_end_at_the_end_of_its_audio() {
        let bound = RunawayBound::for_window(1.3, EOT, BEG, VOCAB).unwrap();
        let looping: Vec<_> = [1, 2, 3, 7, 8, 11, 7, 8, 11, 7, 8, 11].map(token).to_vec();
        let mut logits = vec![0.5f32; VOCAB];
        // SAFETY: the pointers are a live bound, slice and vector of the sizes passed.
        unsafe {
            end_runaway_decode(
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                looping.as_ptr(),
                looping.len() as c_int,
                logits.as_mut_ptr(),
                &bound as *const RunawayBound as *mut c_void,
            );
        }
        let allowed: Vec<usize> = (0..VOCAB)
            .filter(|&i| logits[i].is_finite())
            .take(3)
            .collect();
        // 1.3 s is 65 steps of 20 ms; the timestamp after them marks the end.
        assert_eq!(allowed, vec![(BEG + 66) as usize]);
        assert!(bound.ended_on_copies() && bound.ended_a_decode());
    }

    #[test]
    fn a_decode_within_its_audio_is_left_alone() {
        let bound = RunawayBound::for_window(1.3, EOT, BEG, VOCAB).unwrap();
        let fine: Vec<_> = [7, 8, 9, 10, 11, 12].map(token).to_vec();
        assert_eq!(bound.must_end(&fine), None);
        // Just after a timestamp whisper.cpp's pairing rule decides what may follow.
        let mut after_ts = fine.clone();
        after_ts.extend([7, 8, 11, 7, 8, 11, 7, 8, 11].map(token));
        assert_eq!(bound.must_end(&after_ts), Some(Ending::Copies));
        assert_eq!(bound.budget_only().must_end(&after_ts), None);
        after_ts.push(token(BEG + 20));
        assert_eq!(bound.must_end(&after_ts), None);
        // Over budget, with or without the copies rule.
        let long: Vec<_> = (0..23).map(token).collect();
        assert_eq!(bound.must_end(&long), Some(Ending::OverBudget));
        assert_eq!(
            bound.budget_only().must_end(&long),
            Some(Ending::OverBudget)
        );
        assert_eq!(bound.must_end(&long[..22]), None);
        // Copies in the first words of a long piece are what was said, not a loop.
        let long_piece = RunawayBound::for_window(20.0, EOT, BEG, VOCAB).unwrap();
        let hellos: Vec<_> = [5, 6, 5, 6, 5, 6].map(token).to_vec();
        assert_eq!(long_piece.must_end(&hellos), None);
        let mut late = (100..120).map(token).collect::<Vec<_>>();
        late.extend(hellos);
        assert_eq!(long_piece.must_end(&late), Some(Ending::Copies));
        long_piece.ended_on_copies.store(true, Ordering::Relaxed);
        assert!(long_piece.left_speech_unheard(17));
        assert!(!long_piece.left_speech_unheard(18));
        // Longer than a window: whisper.cpp walks it, there is no single end to force.
        assert!(RunawayBound::for_window(31.0, EOT, BEG, VOCAB).is_none());
    }
}
