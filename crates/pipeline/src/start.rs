//! Opening a take the way practice does (the app and the terminal alike): the microphone opens
//! while the question is asked and the take is held until it ends, written with a crash journal
//! and streamed at 16 kHz for live transcription; a pending file beside the WAV says what it
//! answers, so a crash from here on cannot lose it.

use audio::capture::{CaptureError, Recorder, TakeSpec, TakeStarted};
use std::path::Path;
use store::recordings::{write_pending, PendingTake, WriteError};

/// How a practice take records.
pub struct PracticeLimits<'a> {
    /// Device id or name; `None` is the default microphone.
    pub device: Option<&'a str>,
    pub max_seconds: f64,
    /// Quiet after the answer that ends the take; `None` never stops on quiet.
    pub silence_stop_seconds: Option<f64>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Capture(#[from] CaptureError),
    #[error(transparent)]
    Pending(#[from] WriteError),
}

impl StartError {
    pub fn kind(&self) -> &'static str {
        match self {
            StartError::Capture(e) => e.kind(),
            StartError::Pending(_) => "file_write",
        }
    }
}

/// Opens an armed take into `wav` (record it with `recorder.record_from`) and writes its
/// pending file.
pub fn start_practice_take(
    recorder: &Recorder,
    wav: &Path,
    limits: &PracticeLimits,
    pending: &PendingTake,
) -> Result<TakeStarted, StartError> {
    let started = recorder.open(TakeSpec {
        path: wav.to_path_buf(),
        device: limits.device.map(str::to_string),
        max_seconds: Some(limits.max_seconds),
        silence_stop_seconds: limits.silence_stop_seconds,
        journal_dir: Some(store::journal_dir()),
        stream_16k: true,
        armed: true,
    })?;
    write_pending(wav, pending)?;
    Ok(started)
}
