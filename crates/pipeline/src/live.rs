//! A take assessed while it is recorded: the 16 kHz stream from the recorder goes to the
//! incremental transcriber as it arrives, and at stop only the tail is left before the full
//! assessment. The take is heard as it comes (speech activity, quality, the voice of each
//! frame) and its samples are not kept: they are on disk, and a take of any length holds a few
//! bytes per 10 ms. The app, `practice` and `bench` all run this, so the benchmark measures what
//! users get.

use crate::assess::{assess_heard, Listened};
use asr::{
    IncrementalConfig, IncrementalResult, IncrementalTranscriber, PartialUpdate, TranscribeError,
    TranscribeOptions, Transcriber,
};
use audio::filled_pause::FrameListener;
use audio::{SpeechAudio, SpeechListener, VadConfig};
use coach::TakeAssessment;
use coach::{Norms, Rubric};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Instant;

pub struct LiveTake {
    transcriber: IncrementalTranscriber,
    /// Listens for filled pauses as the audio comes, so the stop waits for the last frames only.
    voices: FrameListener,
    /// Hears where the speech is and how the recording sounds.
    speech: SpeechListener,
}

/// The assessment and how the incremental work went.
pub struct LiveOutcome {
    pub assessment: TakeAssessment,
    /// None when the take held no speech (nothing was transcribed).
    pub incremental: Option<IncrementalResult>,
    /// From `finish` to the complete assessment.
    pub stop_to_assessment_seconds: f64,
}

impl LiveTake {
    pub fn start(
        transcriber: Arc<Transcriber>,
        options: TranscribeOptions,
        config: IncrementalConfig,
        updates: Option<Sender<PartialUpdate>>,
    ) -> Result<Self, TranscribeError> {
        Ok(LiveTake {
            transcriber: IncrementalTranscriber::start(transcriber, options, config, updates)?,
            voices: FrameListener::new(),
            speech: SpeechListener::new(),
        })
    }

    /// The next block of the take, as the recorder streams it.
    pub fn push(&mut self, block: &SpeechAudio) {
        self.speech.push(block);
        self.voices.push(block);
        self.transcriber.push(block);
    }

    /// Transcribes the tail and assesses the whole take.
    pub fn finish(
        self,
        question_end: Option<f64>,
        rubric: Rubric,
        norms: &Norms,
    ) -> Result<LiveOutcome, TranscribeError> {
        let stopped = Instant::now();
        let mut incremental = None;
        let transcriber = self.transcriber;
        let listened = Listened {
            heard: self.speech.finish(&VadConfig::default()),
            seconds: stopped.elapsed().as_secs_f64(),
        };
        let voices = self.voices;
        let assessment = assess_heard(
            listened,
            question_end,
            rubric,
            norms,
            || voices.finish(),
            || {
                let started = Instant::now();
                let result = transcriber.finish()?;
                let transcript = result.transcript.clone();
                incremental = Some(result);
                Ok((transcript, 0.0, started.elapsed().as_secs_f64()))
            },
        )?;
        Ok(LiveOutcome {
            assessment,
            incremental,
            stop_to_assessment_seconds: stopped.elapsed().as_secs_f64(),
        })
    }
}
