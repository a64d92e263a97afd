//! The background worker of incremental transcription: one engine for the whole take, passes
//! in order, each prompted with the words said before it.

use super::scheduler::{Pass, PassId};
use crate::error::TranscribeError;
use crate::pieces::{transcribe_piece, Piece, Said};
use crate::transcriber::{TranscribeOptions, Transcriber};
use crate::window::SAMPLE_RATE;
use coach::Word;
use std::borrow::Cow;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Words that become part of the transcript and of later prompts.
    Commit,
    /// A look at the growing chunk; its words are provisional.
    Speculate,
}

/// What turns a piece of audio into words: whisper.cpp in the app, a script in tests.
pub trait Engine: Send + 'static {
    /// The words of `piece` (in take time), prompted by what was `said` before it.
    fn transcribe(&mut self, piece: Piece<'_>, said: &Said) -> Result<Vec<Word>, TranscribeError>;
}

/// The engine of the app: one whisper.cpp state kept for the whole take.
pub struct WhisperEngine {
    transcriber: Arc<Transcriber>,
    state: whisper_rs::WhisperState,
    options: TranscribeOptions,
}

impl WhisperEngine {
    /// `options` supplies language and the first prompt; threads and encoder context are chosen
    /// per piece.
    pub fn new(
        transcriber: Arc<Transcriber>,
        options: TranscribeOptions,
    ) -> Result<Self, TranscribeError> {
        let state = transcriber.new_state()?;
        Ok(WhisperEngine {
            transcriber,
            state,
            options,
        })
    }
}

impl Engine for WhisperEngine {
    fn transcribe(&mut self, piece: Piece<'_>, said: &Said) -> Result<Vec<Word>, TranscribeError> {
        transcribe_piece(
            &self.transcriber,
            &mut self.state,
            piece,
            said,
            &self.options,
        )
    }
}

pub(super) enum Job {
    Transcribe(Pass, Arc<AtomicBool>),
    /// Words decided without a commit (taken from a speculation) that later prompts should know.
    Adopt(Vec<Word>),
}

/// A pass answered, in the order the passes were sent.
pub(super) type Done = (PassId, Result<Vec<Word>, TranscribeError>);

pub(super) fn seconds(samples: u64) -> f64 {
    samples as f64 / SAMPLE_RATE as f64
}

pub(super) fn run(mut engine: impl Engine, jobs: Receiver<Job>, done: Sender<Done>) {
    let mut said = Said::default();
    for job in jobs {
        let (pass, abort) = match job {
            Job::Adopt(words) => {
                said.extend_with(&words);
                continue;
            }
            Job::Transcribe(pass, abort) => (pass, abort),
        };
        let prompt = if pass.heard_before.is_empty() {
            Cow::Borrowed(&said)
        } else {
            let mut with_heard = said.clone();
            with_heard.extend(pass.heard_before.iter().cloned());
            Cow::Owned(with_heard)
        };
        let piece = Piece {
            start: pass.start,
            samples: &pass.samples,
            threads: pass.threads,
            abort: Some(abort),
        };
        let began = std::time::Instant::now();
        let result = engine.transcribe(piece, &prompt);
        tracing::debug!(
            kind = ?pass.kind,
            from = seconds(pass.start),
            seconds = seconds(pass.samples.len() as u64),
            threads = pass.threads,
            took = began.elapsed().as_secs_f64(),
            outcome = %result.as_ref().map_or_else(|e| e.to_string(), |_| "ok".into()),
            "piece transcribed"
        );
        // A speculation's words are provisional: they must not prompt what comes next.
        if let (Kind::Commit, Ok(words)) = (pass.kind, &result) {
            said.extend_with(words);
        }
        if done.send((pass.id, result)).is_err() {
            break;
        }
    }
}
