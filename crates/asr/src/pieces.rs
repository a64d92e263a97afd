//! Transcribing a take as pieces of at most one Whisper window, each prompted with the words
//! said before it — the way both the live worker and a whole recording are transcribed.
//!
//! Why not hand whisper.cpp the whole recording: it walks 30 s windows and moves on from the
//! last timestamp token it decoded. The filler-keeping prompt makes tiny.en leave timestamp
//! tokens out; whisper.cpp then counts a window that ends before the audio does as failed and
//! decodes it again with temperature sampling (0.2, 0.4, …). Measured on a 57 s answer: 15
//! windows instead of 2 and 8.3 s instead of 4.8 s. A piece that is one window long cannot fail
//! that way, it is cut at a pause rather than mid-word, and its encoder context fits it
//! ([`audio_ctx_for`]).
//!
//! Answers shorter than a window are pieces too, so a short take reads the same after the fact
//! as it did live. Trimming the quiet at the edges changed nothing measurable: on 32 clips of
//! 20–27 s, the trimmed piece and the whole recording (both with the full context) gave the
//! word error rate on every clip with q8_0 weights, and on all but one with f16.

use crate::chunker::{Chunker, ChunkerConfig};
use crate::error::TranscribeError;
use crate::loop_guard::{attempts, repeated_tail_start, Repetition};
use crate::transcriber::{TranscribeOptions, Transcriber};
use crate::window::{audio_ctx_for, FULL_AUDIO_CTX, SAMPLE_RATE};
use coach::{normalize_words, Transcript, Word};
use std::ops::Range;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// How many of the previous words condition the next piece (Whisper keeps at most 224 prompt
/// tokens; 60 words is well inside that).
const PROMPT_WORDS: usize = 60;

/// Quiet kept at the edges of a piece: more of it (a cut in a long pause) made tiny.en write
/// words nobody said in the room noise ("on the site." in a 3.5 s pause under pink noise).
pub const EDGE_QUIET_SECONDS: f64 = 0.5;

/// The words said so far in a take, which prompt the next piece.
#[derive(Debug, Default, Clone)]
pub struct Said {
    words: Vec<String>,
}

impl Said {
    pub fn extend(&mut self, words: impl IntoIterator<Item = String>) {
        self.words.extend(words);
    }

    pub fn extend_with(&mut self, words: &[Word]) {
        self.extend(words.iter().map(|w| w.text.clone()));
    }

    /// The prompt for the next piece: the caller's own (the filler-keeping style by default)
    /// followed by the newest words. The newest words alone lose the style wherever a stretch
    /// was written without a filler: on a real hesitant voice, pieces prompted by their words
    /// alone wrote no "uh" where the same pieces prompted by the style and the words wrote 5–6
    /// (`bench/RESULTS.md`, "Real hesitations").
    fn prompt(&self, initial: &Option<String>) -> Option<String> {
        let from = self.words.len().saturating_sub(PROMPT_WORDS);
        let newest = self.words[from..].join(" ");
        match (initial, newest.is_empty()) {
            (Some(initial), false) => Some(format!("{initial} {newest}")),
            (Some(initial), true) => Some(initial.clone()),
            (None, false) => Some(newest),
            (None, true) => None,
        }
    }
}

/// Transcribes a piece of a take, prompted by what was `said` before it. Word times are in take
/// time. A decode that loops (see [`crate::loop_guard`]) is done again, with the whole window
/// and then with Whisper's temperatures, until one does not.
pub fn transcribe_piece(
    transcriber: &Transcriber,
    state: &mut whisper_rs::WhisperState,
    piece: Piece<'_>,
    said: &Said,
    options: &TranscribeOptions,
) -> Result<Vec<Word>, TranscribeError> {
    let scaled_ctx = audio_ctx_for(piece.samples.len());
    let offset = piece.start as f64 / SAMPLE_RATE as f64;
    let limit = offset + piece.samples.len() as f64 / SAMPLE_RATE as f64;
    // The first decode that is not a loop, or else the least repetitive one.
    let mut chosen: Option<(Repetition, Transcript)> = None;
    for attempt in attempts(scaled_ctx < FULL_AUDIO_CTX) {
        let opts = TranscribeOptions {
            threads: piece.threads,
            audio_ctx: Some(if attempt.whole_window {
                FULL_AUDIO_CTX
            } else {
                scaled_ctx
            }),
            initial_prompt: attempt
                .prompted
                .then(|| said.prompt(&options.initial_prompt))
                .flatten(),
            temperature: attempt.temperature,
            abort: piece.abort.clone(),
            ..options.clone()
        };
        let transcript = transcriber.transcribe_window(state, piece.samples, &opts)?;
        let repetition = Repetition::of(&transcript.text);
        if !repetition.is_loop() {
            chosen = Some((repetition, transcript));
            break;
        }
        if let Some(trimmed) = without_repeated_tail(&transcript) {
            tracing::info!(
                from = offset,
                seconds = limit - offset,
                ?attempt,
                kept_words = trimmed.words.len(),
                of_words = transcript.words.len(),
                "the decoder wrote the end again; the copy is cut off"
            );
            chosen = Some((Repetition::of(&trimmed.text), trimmed));
            break;
        }
        tracing::info!(
            from = offset,
            seconds = limit - offset,
            ?attempt,
            compression_ratio = repetition.compression_ratio,
            repeated_words = repetition.repeated_words,
            "the decoder repeated itself; decoding the piece again"
        );
        if chosen
            .as_ref()
            .is_none_or(|(best, _)| repetition.badness() < best.badness())
        {
            chosen = Some((repetition, transcript));
        }
    }
    let words = chosen.map_or_else(Vec::new, |(_, t)| t.words);
    Ok(words
        .into_iter()
        .map(|w| Word {
            start: w.start + offset,
            end: (w.end + offset).min(limit),
            ..w
        })
        .collect())
}

/// The decode without its closing copy of an earlier stretch (see
/// [`crate::loop_guard::repeated_tail_start`]), when that copy is all that made it a loop.
fn without_repeated_tail(transcript: &Transcript) -> Option<Transcript> {
    let keys: Vec<String> = transcript
        .words
        .iter()
        .map(|w| normalize_words(&w.text).join(" "))
        .collect();
    let keep = repeated_tail_start(&keys)?;
    let trimmed = Transcript::from_words(transcript.words[..keep].to_vec());
    (!Repetition::of(&trimmed.text).is_loop()).then_some(trimmed)
}

/// One piece of audio to transcribe and how.
pub struct Piece<'a> {
    /// Its first sample's index in the take.
    pub start: u64,
    pub samples: &'a [f32],
    pub threads: usize,
    pub abort: Option<Arc<AtomicBool>>,
}

/// Audio cut at pauses into pieces of at most one window, each with at most
/// [`EDGE_QUIET_SECONDS`] of quiet at its edges, as ranges of `samples`. Pieces without speech
/// are left out (Whisper invents text on silence).
pub fn speech_pieces(samples: &[f32]) -> Vec<Range<usize>> {
    let mut chunker = Chunker::new(ChunkerConfig::default());
    let mut chunks = chunker.push(samples);
    chunks.extend(chunker.finish());
    chunks
        .iter()
        .filter(|c| c.has_speech)
        .map(|c| {
            let span = c.speech_span(EDGE_QUIET_SECONDS);
            let start = c.start as usize;
            start + span.start..start + span.end
        })
        .collect()
}

impl Transcriber {
    /// Transcribes a whole recording in pieces cut at pauses, as the live worker does (see
    /// [`crate::pieces`] for why), so a take reads the same whether transcribed while it was
    /// recorded or afterwards.
    pub fn transcribe(
        &self,
        audio: &signal::SpeechAudio,
        options: &TranscribeOptions,
    ) -> Result<Transcript, TranscribeError> {
        if audio.is_empty() {
            return Err(TranscribeError::EmptyAudio);
        }
        transcribe_in_pieces(self, audio, options)
    }
}

/// A whole recording: cut into [`speech_pieces`], transcribed in order with one state.
fn transcribe_in_pieces(
    transcriber: &Transcriber,
    samples: &[f32],
    options: &TranscribeOptions,
) -> Result<Transcript, TranscribeError> {
    let mut state = transcriber.new_state()?;
    let mut said = Said::default();
    let mut words = Vec::new();
    for span in speech_pieces(samples) {
        let piece = Piece {
            start: span.start as u64,
            samples: &samples[span],
            threads: options.threads,
            abort: options.abort.clone(),
        };
        let heard = transcribe_piece(transcriber, &mut state, piece, &said, options)?;
        said.extend_with(&heard);
        words.extend(heard);
    }
    Ok(Transcript::from_words(words))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcriber::FILLER_KEEPING_PROMPT;

    #[test]
    fn every_piece_is_prompted_in_the_callers_style_then_the_newest_words() {
        let style = Some(FILLER_KEEPING_PROMPT.to_string());
        let mut said = Said::default();
        assert_eq!(said.prompt(&style), style);
        assert_eq!(said.prompt(&None), None);
        said.extend((0..100).map(|i| format!("w{i}")));
        let prompt = said.prompt(&style).expect("a prompt");
        let newest: Vec<String> = (100 - PROMPT_WORDS..100).map(|i| format!("w{i}")).collect();
        assert_eq!(
            prompt,
            format!("{FILLER_KEEPING_PROMPT} {}", newest.join(" "))
        );
        assert_eq!(said.prompt(&None), Some(newest.join(" ")));
    }
}
