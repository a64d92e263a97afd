//! The background worker of incremental transcription: one Whisper state for the whole take,
//! jobs in order, each piece prompted with the words said before it.

use crate::error::TranscribeError;
use crate::pieces::{transcribe_piece, Piece, Said};
use crate::transcriber::{TranscribeOptions, Transcriber, SAMPLE_RATE};
use coach::Word;
use std::borrow::Cow;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// Words that become part of the transcript and of later prompts.
    Commit,
    /// A look at the growing chunk; its words are provisional.
    Speculate,
}

/// A piece to transcribe.
pub(super) struct Request {
    pub kind: Kind,
    pub start: u64,
    pub samples: Vec<f32>,
    pub threads: usize,
    /// Raised when the result is no longer worth the cores (at stop).
    pub abort: Arc<AtomicBool>,
    /// Words heard before the piece that are not said yet (the pass over the chunk that this
    /// piece extends): they prompt this piece only.
    pub heard_before: Vec<String>,
}

pub(super) enum Job {
    Transcribe(Request),
    /// Words decided without a commit (taken from a speculation) that later prompts should know.
    Adopt(Vec<Word>),
}

/// The words of a piece (in take time), answered in the order the pieces were sent.
pub(super) type Done = Result<Vec<Word>, TranscribeError>;

pub(super) fn seconds(samples: u64) -> f64 {
    samples as f64 / SAMPLE_RATE as f64
}

pub(super) fn run(
    transcriber: Arc<Transcriber>,
    mut state: whisper_rs::WhisperState,
    options: TranscribeOptions,
    jobs: Receiver<Job>,
    done: Sender<Done>,
) {
    let mut said = Said::default();
    for job in jobs {
        let Request {
            kind,
            start,
            samples,
            threads,
            abort,
            heard_before,
        } = match job {
            Job::Adopt(words) => {
                said.extend_with(&words);
                continue;
            }
            Job::Transcribe(request) => request,
        };
        let prompt = if heard_before.is_empty() {
            Cow::Borrowed(&said)
        } else {
            let mut with_heard = said.clone();
            with_heard.extend(heard_before);
            Cow::Owned(with_heard)
        };
        let piece = Piece {
            start,
            samples: &samples,
            threads,
            abort: Some(abort),
        };
        let began = std::time::Instant::now();
        let result = transcribe_piece(&transcriber, &mut state, piece, &prompt, &options);
        tracing::debug!(
            ?kind,
            from = seconds(start),
            seconds = seconds(samples.len() as u64),
            threads,
            took = began.elapsed().as_secs_f64(),
            outcome = %result.as_ref().map_or_else(|e| e.to_string(), |_| "ok".into()),
            "piece transcribed"
        );
        // A speculation's words are provisional: they must not prompt what comes next.
        if let (Kind::Commit, Ok(words)) = (kind, &result) {
            said.extend_with(words);
        }
        if done.send(result).is_err() {
            break;
        }
    }
}
