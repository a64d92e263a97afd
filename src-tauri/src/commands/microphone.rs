//! The microphone check in Settings: a few seconds recorded from the chosen microphone, its
//! level shown live, then judged like a real take (speech heard? too quiet? clipped?).

use crate::error::{CommandError, ErrorKind};
use crate::services::PracticeService;
use audio::capture::{Recorder, RecorderEvent, TakeSpec};
use pipeline::MicCheck;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

/// How long the check records.
const CHECK_SECONDS: f64 = 5.0;

#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MicProgress {
    /// Recording from this device.
    Listening {
        device: String,
        seconds: f64,
    },
    Level {
        rms_dbfs: f32,
        peak: f32,
        elapsed: f64,
    },
    Done(MicCheck),
    Failed(CommandError),
}

#[tauri::command]
pub fn check_microphone(
    practice: State<'_, PracticeService>,
    device: Option<String>,
    on_progress: Channel<MicProgress>,
) -> Result<(), CommandError> {
    let claim = practice.claim_check()?;
    std::thread::Builder::new()
        .name("mic-check".into())
        .spawn(move || {
            let result = listen(&device, &on_progress);
            drop(claim);
            let _ = on_progress.send(match result {
                Ok(check) => MicProgress::Done(check),
                Err(e) => MicProgress::Failed(e),
            });
        })
        .map_err(|e| CommandError::new(ErrorKind::Internal, e.to_string()))?;
    Ok(())
}

fn listen(
    device: &Option<String>,
    channel: &Channel<MicProgress>,
) -> Result<MicCheck, CommandError> {
    let scratch = tempfile_path();
    let (recorder, events) = Recorder::spawn();
    let started = recorder.open(TakeSpec {
        path: scratch.clone(),
        device: device.clone(),
        max_seconds: Some(CHECK_SECONDS),
        silence_stop_seconds: None,
        journal_dir: None,
        stream_16k: true,
        armed: false,
    })?;
    let _ = channel.send(MicProgress::Listening {
        device: started.device,
        seconds: CHECK_SECONDS,
    });
    let mut samples = audio::SpeechAudio::default();
    let outcome = loop {
        match events.recv() {
            Ok(RecorderEvent::Level { level, elapsed }) => {
                let _ = channel.send(MicProgress::Level {
                    rms_dbfs: level.rms_dbfs(),
                    peak: level.peak,
                    elapsed,
                });
            }
            Ok(RecorderEvent::Audio16k(block)) => samples.extend_16k(&block),
            Ok(RecorderEvent::Finished(_)) => break Ok(()),
            Ok(_) => {}
            Err(_) => {
                break Err(CommandError::new(
                    ErrorKind::RecorderGone,
                    "the recorder stopped",
                ))
            }
        }
    };
    // The check is not a take: nothing of it is kept.
    let _ = std::fs::remove_file(&scratch);
    outcome?;
    Ok(pipeline::check_microphone(
        &samples,
        &coach::Norms::default(),
    ))
}

fn tempfile_path() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("star-coach-mic-check-{}.wav", std::process::id()))
}
