//! One practice take, on its own thread: open the microphone, ask the question aloud, record
//! the answer while it is transcribed, assess it, save the WAV's assessment beside it and the
//! take in the history, and tell the UI each step over its channel.

use crate::error::CommandError;
use crate::state::{lock, AppState, MockInterview};
use audio::capture::{Recorder, StopReason};
use audio::voice::{open_voice, VoiceBackend};
use coach::{Norms, Question};
use pipeline::{
    run_live_take, save_assessed_take, start_practice_take, LiveTake, LiveTranscript,
    PracticeLimits, TakeEvent, TakeFacts,
};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Instant, SystemTime};
use store::recordings::PendingTake;
use tauri::ipc::Channel;

/// What the practice screen hears while a take is recorded and assessed.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TakeProgress {
    /// The microphone is open; `fell_back_from` names a chosen microphone that was missing.
    MicrophoneOpen {
        device: String,
        fell_back_from: Option<String>,
    },
    /// The question is being spoken.
    Asking,
    /// The user is being recorded.
    Recording,
    Level {
        rms_dbfs: f32,
        peak: f32,
        elapsed: f64,
    },
    Transcript(LiveTranscript),
    /// Transcription is behind by this much audio; it catches up.
    Behind {
        waiting_seconds: f64,
    },
    /// The take stopped; the feedback is being prepared.
    Assessing {
        recorded_seconds: f64,
        stop: StopReason,
    },
    Done {
        take_id: i64,
        stop_to_feedback_seconds: f64,
    },
    Failed(CommandError),
}

/// What to record: the question, and the mock interview it belongs to, if any.
pub struct TakeRequest {
    pub pack_id: String,
    pub question: Question,
    pub mock: bool,
}

/// Level updates sent to the UI at most this often (the meter needs no more).
const LEVEL_EVERY: f64 = 1.0 / 30.0;

pub fn run_take(state: &AppState, request: TakeRequest, channel: &Channel<TakeProgress>) {
    let result = record_and_assess(state, &request, channel);
    *lock(&state.take) = None;
    if let Err(e) = result {
        tracing::warn!("take of {} failed: {e}", request.question.id);
        let _ = channel.send(TakeProgress::Failed(e));
    }
}

fn record_and_assess(
    state: &AppState,
    request: &TakeRequest,
    channel: &Channel<TakeProgress>,
) -> Result<(), CommandError> {
    let send = |p: TakeProgress| {
        let _ = channel.send(p);
    };
    let settings = lock(&state.settings).clone();
    let model = state.transcriber()?;
    let (folder, session_id, number) = take_folder(state, request)?;
    let wav = folder.join(format!("{number:02}-{}.wav", request.question.id));

    let (recorder, events) = Recorder::spawn();
    *lock(&state.take) = Some(recorder.stopper());
    // From the moment the microphone opens, a crash leaves enough beside the WAV to assess the
    // take at the next start.
    let pending = PendingTake {
        pack_id: request.pack_id.clone(),
        question: request.question.clone(),
        session_id,
        recorded_ms: store::recordings::unix_ms(SystemTime::now()),
    };
    let limits = PracticeLimits {
        device: settings.microphone.as_deref(),
        max_seconds: settings.max_seconds,
        silence_stop_seconds: Some(settings.silence_stop_seconds).filter(|s| *s > 0.0),
    };
    let started = start_practice_take(&recorder, &wav, &limits, &pending)?;
    send(TakeProgress::MicrophoneOpen {
        device: started.device.clone(),
        fell_back_from: started.fell_back_from.clone(),
    });
    let (partials_tx, partials) = mpsc::channel();
    let mut live = LiveTake::start(
        model.transcriber.clone(),
        asr::TranscribeOptions::default(),
        asr::IncrementalConfig::default(),
        Some(partials_tx),
    )?;

    // The microphone is already open, so the first word after the question is never cut.
    let question_end = if settings.speak_questions {
        send(TakeProgress::Asking);
        speak(&request.question.text, &settings.voice)
    } else {
        Instant::now()
    };
    recorder.begin(question_end);

    let mut last_level = f64::NEG_INFINITY;
    let take = run_live_take(&events, &mut live, Some(&partials), |event| match event {
        TakeEvent::Capturing => send(TakeProgress::Recording),
        TakeEvent::Level { level, elapsed } if elapsed - last_level >= LEVEL_EVERY => {
            last_level = elapsed;
            send(TakeProgress::Level {
                rms_dbfs: level.rms_dbfs(),
                peak: level.peak,
                elapsed,
            });
        }
        TakeEvent::Transcript(t) => send(TakeProgress::Transcript(t)),
        TakeEvent::Behind { waiting_seconds } => send(TakeProgress::Behind { waiting_seconds }),
        _ => {}
    })?;
    drop(recorder);
    send(TakeProgress::Assessing {
        recorded_seconds: take.seconds,
        stop: take.stop.clone(),
    });
    let question_end_in_take = take.take_time_of(question_end).unwrap_or(0.0);
    let outcome = live.finish(Some(question_end_in_take), &Norms::default())?;
    let assessment = outcome.assessment;

    let facts = TakeFacts::of_recorded(&take, &pending, question_end_in_take, &model.name);
    let take_id = state
        .with_store(|s| Ok(save_assessed_take(Some(s), &facts, &assessment)))??
        .expect("a take saved with a history has an id");
    if request.mock {
        if let Some(mock) = lock(&state.mock).as_mut() {
            mock.answers.push((request.question.clone(), assessment));
        }
    }
    send(TakeProgress::Done {
        take_id,
        stop_to_feedback_seconds: outcome.stop_to_assessment_seconds,
    });
    Ok(())
}

/// The folder, session and number of a new take: the mock interview's, or a fresh folder for a
/// single question.
fn take_folder(
    state: &AppState,
    request: &TakeRequest,
) -> Result<(PathBuf, Option<i64>, usize), CommandError> {
    if request.mock {
        if let Some(MockInterview {
            session_id,
            folder,
            answers,
        }) = lock(&state.mock).as_ref()
        {
            return Ok((folder.clone(), Some(*session_id), answers.len() + 1));
        }
        return Err(CommandError::new(
            "no_mock_interview",
            "no mock interview is running: start one from Home",
        ));
    }
    let folder = store::recordings::new_session_dir(&store::recordings_dir())?;
    Ok((folder, None, 1))
}

/// Speaks the question; returns when it finished sounding. Without a working voice the
/// question is only on screen, and the take starts at once.
pub fn speak(text: &str, settings: &audio::voice::VoiceSettings) -> Instant {
    match open_voice(VoiceBackend::Auto).and_then(|mut v| v.speak(text, settings)) {
        Ok(spoken) => spoken.finished_at,
        Err(e) => {
            tracing::warn!("{e}; the question is shown as text only");
            Instant::now()
        }
    }
}
