//! A take assessed while it is recorded: the 16 kHz stream from the recorder goes to the
//! incremental transcriber as it arrives, and at stop only the tail is left before the full
//! assessment. The app, `practice` and `bench` all run this, so the benchmark measures what
//! users get.

use crate::assess::assess_take_with;
use asr::{
    IncrementalConfig, IncrementalResult, IncrementalTranscriber, PartialUpdate, TranscribeError,
    TranscribeOptions, Transcriber,
};
use audio::filled_pause::FrameListener;
use audio::SpeechAudio;
use coach::TakeAssessment;
use coach::{Norms, Rubric};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Instant;

pub struct LiveTake {
    transcriber: IncrementalTranscriber,
    /// Listens for filled pauses as the audio comes, so the stop waits for the last frames only.
    listener: FrameListener,
    audio: SpeechAudio,
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
            listener: FrameListener::new(),
            audio: SpeechAudio::default(),
        })
    }

    /// The next block of the take, as the recorder streams it.
    pub fn push(&mut self, block: &SpeechAudio) {
        self.audio.extend_16k(block);
        self.listener.push(block);
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
        let voices = Some(self.listener.finish());
        let assessment =
            assess_take_with(&self.audio, question_end, rubric, norms, voices, || {
                let started = Instant::now();
                let result = transcriber.finish()?;
                let transcript = result.transcript.clone();
                incremental = Some(result);
                Ok((transcript, 0.0, started.elapsed().as_secs_f64()))
            })?;
        Ok(LiveOutcome {
            assessment,
            incremental,
            stop_to_assessment_seconds: stopped.elapsed().as_secs_f64(),
        })
    }
}
