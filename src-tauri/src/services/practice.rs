//! Practice in the app: a take or a mock interview, each run as a `pipeline::PracticeSession`
//! (the same session `star-coach practice` runs) on its own thread, with the microphone claimed
//! through the activity guard and every step told to the UI over the take's channel.

use super::activity::{Activity, ActivityGuard, ActivitySlot};
use super::lock;
use crate::error::{CommandError, ErrorKind};
use crate::settings::Settings;
use audio::capture::{StopReason, Stopper};
use audio::voice::VoiceBackend;
use coach::{FollowUp, FollowUpMode, Norms, Question, SessionSummary};
use pipeline::{
    LiveTranscript, PracticeEvent, PracticeSession, PracticeTake, SessionPlan, SpeechModel,
    TakeEvent,
};
use serde::Serialize;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use store::SessionKind;
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
    /// The answer left something out: this follow-up is asked next, and its reply recorded
    /// with the same progress events (`Asking`, `Recording`, …).
    FollowUp(FollowUp),
    /// The follow-up's reply could not be recorded or assessed (the microphone went away, say);
    /// the answer before it is saved and assessed, and `Done` names it next.
    FollowUpFailed(CommandError),
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

/// Level updates sent to the UI at most this often (the meter needs no more).
const LEVEL_EVERY: f64 = 1.0 / 30.0;

#[derive(Default)]
pub struct PracticeService {
    activity: ActivitySlot,
    /// Stops the take being recorded.
    stopper: Mutex<Option<Stopper>>,
    /// The mock interview in progress; out of its slot while one of its takes runs.
    mock: Mutex<Option<PracticeSession>>,
    /// Cancels the re-assessing of old takes under way.
    reassess_cancel: Mutex<Option<Arc<AtomicBool>>>,
}

/// A take about to run: the microphone is claimed, the question known.
pub struct TakeClaim {
    guard: ActivityGuard,
    /// The pack the question is from (in a mock interview, not always the session's).
    pack_id: String,
    question: Question,
    mock: bool,
    follow_ups: FollowUpMode,
}

impl PracticeService {
    pub fn activity(&self) -> Activity {
        self.activity.current()
    }

    /// Claims the microphone for a microphone check.
    pub fn claim_check(&self) -> Result<ActivityGuard, CommandError> {
        self.activity.claim(Activity::CheckingMicrophone)
    }

    /// Claims the microphone for a take (before its thread starts, so two quick presses cannot
    /// start two).
    pub fn claim_take(
        &self,
        pack_id: String,
        question: Question,
        mock: bool,
        follow_ups: FollowUpMode,
    ) -> Result<TakeClaim, CommandError> {
        if mock && lock(&self.mock).is_none() {
            return Err(no_mock());
        }
        Ok(TakeClaim {
            guard: self.activity.claim(Activity::Recording)?,
            pack_id,
            question,
            mock,
            follow_ups,
        })
    }

    /// Claims the app for assessing old takes again; the flag cancels it.
    pub fn claim_reassess(&self) -> Result<(ActivityGuard, Arc<AtomicBool>), CommandError> {
        let guard = self.activity.claim(Activity::Reassessing)?;
        let cancel = Arc::new(AtomicBool::new(false));
        *lock(&self.reassess_cancel) = Some(cancel.clone());
        Ok((guard, cancel))
    }

    /// Cancels re-assessing after the take under way; false when none is running.
    pub fn cancel_reassess(&self) -> bool {
        match lock(&self.reassess_cancel).as_ref() {
            Some(cancel) if self.activity.current() == Activity::Reassessing => {
                cancel.store(true, Ordering::Relaxed);
                true
            }
            _ => false,
        }
    }

    pub fn stop(&self) -> Result<(), CommandError> {
        match lock(&self.stopper).as_ref() {
            Some(stopper) => {
                stopper.stop();
                Ok(())
            }
            None => Err(CommandError::new(
                ErrorKind::NoTake,
                "no take is being recorded",
            )),
        }
    }

    /// Starts a mock interview of `pack_id` (its questions are the caller's to choose).
    pub fn start_mock(&self, plan: SessionPlan) -> Result<i64, CommandError> {
        let _guard = self.activity.claim(Activity::Preparing)?;
        let session = PracticeSession::open(plan).map_err(CommandError::from)?;
        let id = session.session_id().ok_or_else(|| {
            CommandError::new(
                ErrorKind::HistoryUnavailable,
                session
                    .history_problem()
                    .unwrap_or("the history could not start a session")
                    .to_string(),
            )
        })?;
        *lock(&self.mock) = Some(session);
        Ok(id)
    }

    /// Ends the mock interview with its summary.
    pub fn finish_mock(&self) -> Result<SessionSummary, CommandError> {
        let _guard = self.activity.claim(Activity::Preparing)?;
        let session = lock(&self.mock).take().ok_or_else(no_mock)?;
        session
            .finish(&Norms::default())
            .map_err(CommandError::from)
    }

    /// Runs a claimed take to its end (on the take's own thread) and tells the UI how it ended.
    /// A panic anywhere in the take is caught here: the UI hears that the take failed, the
    /// microphone is released, and a mock interview keeps its earlier answers.
    pub fn run_take(
        &self,
        claim: TakeClaim,
        plan: impl FnOnce(SessionKind) -> Result<SessionPlan, CommandError>,
        channel: &Channel<TakeProgress>,
    ) {
        let TakeClaim {
            guard,
            pack_id,
            question,
            mock,
            follow_ups,
        } = claim;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            self.take_in_session(
                mock,
                (&pack_id, &question),
                follow_ups,
                plan,
                &guard,
                channel,
            )
        }));
        drop(guard);
        match outcome {
            Ok(Ok(done)) => {
                let _ = channel.send(done);
            }
            Ok(Err(e)) => fail(channel, &question, e),
            Err(_) => fail(
                channel,
                &question,
                CommandError::new(
                    ErrorKind::Internal,
                    "the take failed unexpectedly; anything recorded is kept in the recordings \
                     folder and added to the history at the next start",
                ),
            ),
        }
    }

    /// The take in the mock interview's session, or in a session of its own.
    fn take_in_session(
        &self,
        mock: bool,
        (pack_id, question): (&str, &Question),
        follow_ups: FollowUpMode,
        plan: impl FnOnce(SessionKind) -> Result<SessionPlan, CommandError>,
        guard: &ActivityGuard,
        channel: &Channel<TakeProgress>,
    ) -> Result<TakeProgress, CommandError> {
        let mut session = if mock {
            lock(&self.mock).take().ok_or_else(no_mock)?
        } else {
            PracticeSession::open(plan(SessionKind::Single)?).map_err(CommandError::from)?
        };
        *lock(&self.stopper) = Some(session.stopper());
        let result = catch_unwind(AssertUnwindSafe(|| {
            record_and_assess(
                &mut session,
                (pack_id, question),
                follow_ups,
                guard,
                channel,
            )
        }));
        *lock(&self.stopper) = None;
        if mock {
            *lock(&self.mock) = Some(session);
        } else if let Err(e) = session.finish(&Norms::default()) {
            tracing::warn!("closing the take's session: {e}");
        }
        result.unwrap_or_else(|panic| resume_unwind(panic))
    }
}

/// Asks, records, assesses and saves one take, then the follow-ups its gaps call for (each
/// reply a take linked to it); the `Done` to send (naming the answer's take), or why the take
/// failed. A follow-up that fails ends the follow-ups, not the take.
fn record_and_assess(
    session: &mut PracticeSession,
    (pack_id, question): (&str, &Question),
    follow_ups: FollowUpMode,
    guard: &ActivityGuard,
    channel: &Channel<TakeProgress>,
) -> Result<TakeProgress, CommandError> {
    let send = |p: TakeProgress| {
        let _ = channel.send(p);
    };
    let mut last_level = f64::NEG_INFINITY;
    let mut on_event = |event: PracticeEvent| match event {
        PracticeEvent::MicrophoneOpen(started) => send(TakeProgress::MicrophoneOpen {
            device: started.device,
            fell_back_from: started.fell_back_from,
        }),
        PracticeEvent::Asking => send(TakeProgress::Asking),
        PracticeEvent::Recording(TakeEvent::Capturing) => send(TakeProgress::Recording),
        PracticeEvent::Recording(TakeEvent::Level { level, elapsed })
            if elapsed - last_level >= LEVEL_EVERY =>
        {
            last_level = elapsed;
            send(TakeProgress::Level {
                rms_dbfs: level.rms_dbfs(),
                peak: level.peak,
                elapsed,
            });
        }
        PracticeEvent::Recording(TakeEvent::Transcript(t)) => send(TakeProgress::Transcript(t)),
        PracticeEvent::Recording(TakeEvent::Behind { waiting_seconds }) => {
            send(TakeProgress::Behind { waiting_seconds })
        }
        PracticeEvent::Assessing(recorded) => {
            guard.advance(Activity::Assessing);
            send(TakeProgress::Assessing {
                recorded_seconds: recorded.seconds,
                stop: recorded.stop,
            })
        }
        _ => {}
    };
    let norms = Norms::default();
    let take = session
        .take_from(pack_id, question, &norms, &mut on_event)
        .map_err(CommandError::from)?;
    let (answer, answered) = (take.number, done(take)?);
    while let Some(asked) = session.next_follow_up(answer, follow_ups) {
        guard.advance(Activity::Recording);
        send(TakeProgress::FollowUp(asked.clone()));
        if let Err(e) = session.follow_up(answer, &asked, &norms, &mut on_event) {
            // The answer stands on its own: its feedback is shown, with what went wrong after.
            tracing::warn!("the follow-up to take {answer} failed: {e}");
            send(TakeProgress::FollowUpFailed(CommandError::from(e)));
            break;
        }
    }
    Ok(answered)
}

fn done(take: &PracticeTake) -> Result<TakeProgress, CommandError> {
    match take.take_id {
        Some(take_id) => Ok(TakeProgress::Done {
            take_id,
            stop_to_feedback_seconds: take.stop_to_assessment_seconds,
        }),
        None => Err(CommandError::new(
            ErrorKind::HistoryUnavailable,
            format!(
                "your take is saved in {} with its feedback beside it, but the history could \
                 not take it ({}); it is added once the history can be written",
                take.wav.display(),
                take.not_in_history.as_deref().unwrap_or("unknown reason")
            ),
        )),
    }
}

/// What a session of `kind` needs, from the settings and the loaded model.
pub fn session_plan(
    pack_id: &str,
    kind: SessionKind,
    settings: &Settings,
    model: SpeechModel,
) -> SessionPlan {
    SessionPlan {
        pack_id: pack_id.to_string(),
        kind,
        model,
        options: asr::TranscribeOptions::default(),
        live: asr::IncrementalConfig::default(),
        microphone: settings.microphone.clone(),
        max_seconds: settings.max_seconds,
        live_hints: settings.live_hints,
        live_hint_margin_seconds: Some(settings.live_hint_margin_seconds),
        silence_stop_seconds: Some(settings.silence_stop_seconds).filter(|s| *s > 0.0),
        voice: settings.speak_questions.then_some(VoiceBackend::Auto),
        voice_settings: settings.voice.clone(),
        recordings: store::recordings_dir(),
        database: store::database_path(),
    }
}

fn fail(channel: &Channel<TakeProgress>, question: &Question, e: CommandError) {
    tracing::warn!("take of {} failed: {e}", question.id);
    let _ = channel.send(TakeProgress::Failed(e));
}

fn no_mock() -> CommandError {
    CommandError::new(
        ErrorKind::NoMockInterview,
        "no mock interview is running: start one from Home",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex as StdMutex};
    use tauri::ipc::InvokeResponseBody;

    /// A channel that keeps what the UI would have been sent.
    fn recording_channel() -> (Channel<TakeProgress>, Arc<StdMutex<Vec<serde_json::Value>>>) {
        let sent = Arc::new(StdMutex::new(Vec::new()));
        let keep = sent.clone();
        let channel = Channel::new(move |body| {
            if let InvokeResponseBody::Json(json) = body {
                keep.lock()
                    .unwrap()
                    .push(serde_json::from_str(&json).unwrap());
            }
            Ok(())
        });
        (channel, sent)
    }

    fn question() -> Question {
        coach::builtin_packs()[0].questions[0].clone()
    }

    #[test]
    fn a_panic_in_a_take_is_told_to_the_ui_and_frees_the_microphone() {
        let practice = PracticeService::default();
        let claim = practice
            .claim_take(
                "backend-developer".into(),
                question(),
                false,
                FollowUpMode::Off,
            )
            .unwrap();
        assert_eq!(practice.activity(), Activity::Recording);
        assert_eq!(practice.claim_check().err().unwrap().kind, ErrorKind::Busy);
        let (channel, sent) = recording_channel();
        practice.run_take(
            claim,
            |_| panic!("a bug while preparing the take"),
            &channel,
        );
        let sent = sent.lock().unwrap();
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert_eq!(sent[0]["type"], "failed");
        assert_eq!(sent[0]["kind"], "internal");
        assert_eq!(practice.activity(), Activity::Idle);
        assert!(practice.stop().is_err(), "no take left to stop");
        assert!(practice.claim_check().is_ok());
    }

    #[test]
    fn a_take_that_cannot_start_says_why_and_frees_the_microphone() {
        let practice = PracticeService::default();
        let claim = practice
            .claim_take(
                "backend-developer".into(),
                question(),
                false,
                FollowUpMode::Off,
            )
            .unwrap();
        let (channel, sent) = recording_channel();
        let no_model = |_| {
            Err(CommandError::new(
                ErrorKind::NoModel,
                "the speech model is not installed",
            ))
        };
        practice.run_take(claim, no_model, &channel);
        let sent = sent.lock().unwrap();
        assert_eq!(sent[0]["kind"], "no_model", "{sent:?}");
        assert_eq!(practice.activity(), Activity::Idle);
    }

    #[test]
    fn a_mock_take_needs_a_mock_interview() {
        let practice = PracticeService::default();
        let refused = practice
            .claim_take(
                "backend-developer".into(),
                question(),
                true,
                FollowUpMode::Off,
            )
            .err()
            .unwrap();
        assert_eq!(refused.kind, ErrorKind::NoMockInterview);
        assert_eq!(practice.activity(), Activity::Idle);
        assert_eq!(
            practice.finish_mock().err().unwrap().kind,
            ErrorKind::NoMockInterview
        );
    }
}
