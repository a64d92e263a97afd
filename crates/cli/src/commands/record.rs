//! `star-coach record OUT.wav`: record from a microphone until Enter, Ctrl-C, `--seconds` or the
//! silence auto-stop. The WAV is on disk and playable throughout; a take cut off by a crash is
//! recovered at the next start.

use crate::takes::{repair_before_recording, spawn_enter_listener, RecordingUi};
use anyhow::{bail, Result};
use audio::capture::{Recorder, RecorderEvent, StopReason, TakeSpec};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct RecordArgs {
    /// The WAV to write (mono, 16-bit, at the microphone's own rate).
    pub out: PathBuf,
    /// Stop after this many seconds.
    #[arg(long)]
    pub seconds: Option<f64>,
    /// Input device, by name or id (see `star-coach devices`); the default if missing.
    #[arg(long)]
    pub device: Option<String>,
    /// Stop after this many seconds of quiet, once speech has started.
    #[arg(long)]
    pub silence_stop: Option<f64>,
    /// Print progress as JSON lines on stdout (started, level, finished) for scripts.
    #[arg(long)]
    pub json_progress: bool,
}

pub fn run(args: RecordArgs) -> Result<()> {
    repair_before_recording(args.json_progress);
    if let Some(s) = args.seconds.filter(|s| !(*s > 0.0 && s.is_finite())) {
        bail!("--seconds: {s} is not a positive number of seconds");
    }
    let (recorder, events) = Recorder::spawn();
    let started = recorder.open(TakeSpec {
        path: args.out.clone(),
        device: args.device.clone(),
        max_seconds: args.seconds,
        silence_stop_seconds: args.silence_stop,
        journal_dir: Some(store::journal_dir()),
        stream_16k: false,
        armed: false,
    })?;
    let mut ui = RecordingUi::new(args.json_progress);
    ui.started(&started);
    spawn_enter_listener(recorder.stopper());
    let summary = loop {
        match events.recv()? {
            RecorderEvent::Capturing => ui.capturing(),
            RecorderEvent::Level { level, elapsed } => ui.level(level, elapsed),
            RecorderEvent::SpeechStarted { at } => ui.speech_started(at),
            RecorderEvent::Audio16k(_) => {}
            RecorderEvent::Finished(summary) => break summary,
        }
    };
    ui.finished(&summary);
    match &summary.stop {
        StopReason::DeviceLost { message } | StopReason::WriteFailed { message } => {
            bail!(
                "the take ended early ({message}); the {:.1} s recorded are kept in {}",
                summary.seconds,
                summary.path.display()
            )
        }
        _ => Ok(()),
    }
}
