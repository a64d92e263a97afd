//! One practice session, the same for the desktop app and `star-coach practice`: for each
//! question, open the microphone, ask the question aloud, record the answer while it is
//! transcribed, assess it, and save the WAV's assessment beside it and the take in the history.
//! A front end only shows the events and decides when to stop (ARCHITECTURE.md, "The way of one
//! take").

use crate::live::LiveTake;
use crate::model::SpeechModel;
use crate::runner::{run_live_take, LiveView, RecorderGone, TakeEvent};
use crate::saving::{discard_empty_take, save_assessed_take, SaveError, TakeFacts};
use crate::start::{start_practice_take, PracticeLimits, StartError};
use asr::{IncrementalConfig, TranscribeError, TranscribeOptions};
use audio::capture::{RecordedTake, Recorder, RecorderEvent, StopReason, Stopper, TakeStarted};
use audio::voice::{open_voice, Voice, VoiceBackend, VoiceSettings};
use coach::TakeAssessment;
use coach::{judge_follow_up, next_follow_up, FollowUp, FollowUpMode, FollowUpReply, Gap};
use coach::{session_summary, AnsweredQuestion, Norms, Question, Rubric, SessionSummary};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Instant, SystemTime};
use store::recordings::{
    new_session_dir, unix_ms, write_json_atomically, PendingFollowUp, PendingTake, WriteError,
};
use store::{SessionKind, Store};

/// Everything a session needs to know before its first question.
pub struct SessionPlan {
    pub pack_id: String,
    /// A mock interview has a session row in the history and a summary at the end; a single
    /// question practised on its own has neither.
    pub kind: SessionKind,
    pub model: SpeechModel,
    pub options: TranscribeOptions,
    pub live: IncrementalConfig,
    pub microphone: Option<String>,
    pub max_seconds: f64,
    /// Say while answering when the part being told runs long (`coach::star::live`).
    pub live_hints: bool,
    /// How far past its share a part may run before the hint (norms.toml's
    /// `[live] part_slack_seconds` when `None`).
    pub live_hint_margin_seconds: Option<f64>,
    /// Quiet after the answer that ends the take; `None` never stops on quiet.
    pub silence_stop_seconds: Option<f64>,
    /// `None` shows the questions as text only.
    pub voice: Option<VoiceBackend>,
    pub voice_settings: VoiceSettings,
    /// Where the session's folder is made.
    pub recordings: PathBuf,
    /// The history database.
    pub database: PathBuf,
}

/// What a front end hears while a take is asked, recorded and assessed.
#[derive(Debug)]
pub enum PracticeEvent {
    /// The microphone is open (it opens before the question, so no first word is lost).
    MicrophoneOpen(TakeStarted),
    /// The question is being spoken.
    Asking,
    /// The voice failed; the questions are shown as text only from now on.
    VoiceFailed(String),
    /// The take is being recorded.
    Recording(TakeEvent),
    /// The take stopped; its assessment is being prepared.
    Assessing(RecordedTake),
}

/// One answered question.
#[derive(Debug)]
pub struct PracticeTake {
    /// 1 for the session's first take.
    pub number: usize,
    /// The pack the question is from (a mock interview for a job ad asks from several).
    pub pack_id: String,
    pub question: Question,
    pub wav: PathBuf,
    pub recorded_seconds: f64,
    pub stop: StopReason,
    pub assessment: TakeAssessment,
    /// The take's id in the history; `None` when the history could not take it, in which case
    /// `not_in_history` says why. The WAV and its JSON are saved either way, and the take joins
    /// the history at the next recovery once the history can be written.
    pub take_id: Option<i64>,
    pub not_in_history: Option<String>,
    pub stop_to_assessment_seconds: f64,
    /// For the reply to a follow-up question: the number of the answer it follows, what was
    /// asked and how the reply was judged with the answer.
    pub follows: Option<usize>,
    pub follow_up: Option<FollowUpReply>,
}

#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    #[error(transparent)]
    Folder(#[from] WriteError),
    #[error(transparent)]
    Start(#[from] StartError),
    #[error(transparent)]
    Transcribe(#[from] TranscribeError),
    #[error(transparent)]
    RecorderGone(#[from] RecorderGone),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("there is no answer number {0} in this session to follow up")]
    NoSuchAnswer(usize),
    /// The take ended before its first sample: there is nothing to assess, and no take.
    #[error("{}", nothing_recorded(.0))]
    NothingRecorded(StopReason),
}

fn nothing_recorded(stop: &StopReason) -> String {
    match stop {
        StopReason::Requested => {
            "stopped before the answer began: nothing was recorded, and no take was saved"
                .to_string()
        }
        StopReason::DeviceLost { message } | StopReason::WriteFailed { message } => {
            format!("the take ended before anything was recorded ({message}); no take was saved")
        }
        other => format!(
            "the take ended ({}) before anything was recorded; no take was saved",
            other.kind()
        ),
    }
}

impl PracticeError {
    pub fn kind(&self) -> &'static str {
        match self {
            PracticeError::Folder(_) => "file_write",
            PracticeError::Start(e) => e.kind(),
            PracticeError::Transcribe(_) => "transcription_failed",
            PracticeError::RecorderGone(_) => "recorder_gone",
            PracticeError::Save(e) => e.kind(),
            PracticeError::NoSuchAnswer(_) => "no_such_answer",
            PracticeError::NothingRecorded(_) => "nothing_recorded",
        }
    }
}

/// A follow-up's reply to be: the answer it follows (its number in the session) and what the
/// pending file keeps of the link.
struct Link {
    answer: usize,
    pending: PendingFollowUp,
}

pub struct PracticeSession {
    plan: SessionPlan,
    folder: PathBuf,
    history: Option<Store>,
    /// Why there is no history (or no session row in it), when so.
    history_problem: Option<String>,
    session_id: Option<i64>,
    voice: Option<Box<dyn Voice>>,
    voice_problem: Option<String>,
    recorder: Recorder,
    events: Receiver<RecorderEvent>,
    takes: Vec<PracticeTake>,
}

impl PracticeSession {
    /// Makes the session's folder and opens its own connection to the history. A history that
    /// cannot be opened does not stop practice: the takes are saved as files and join the
    /// history later (`history_problem` says why).
    pub fn open(plan: SessionPlan) -> Result<Self, PracticeError> {
        let folder = new_session_dir(&plan.recordings)?;
        let (history, session_id, history_problem) = open_history(&plan);
        let (voice, voice_problem) = match plan.voice.map(open_voice) {
            None => (None, None),
            Some(Ok(voice)) => (Some(voice), None),
            Some(Err(e)) => {
                tracing::warn!("{e}; the questions are shown as text only");
                (None, Some(e.to_string()))
            }
        };
        let (recorder, events) = Recorder::spawn();
        Ok(PracticeSession {
            plan,
            folder,
            history,
            history_problem,
            session_id,
            voice,
            voice_problem,
            recorder,
            events,
            takes: Vec::new(),
        })
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    pub fn session_id(&self) -> Option<i64> {
        self.session_id
    }

    pub fn history_problem(&self) -> Option<&str> {
        self.history_problem.as_deref()
    }

    /// Why the questions are not spoken although a voice was asked for.
    pub fn voice_problem(&self) -> Option<&str> {
        self.voice_problem.as_deref()
    }

    /// Stops the take being recorded, from any thread.
    pub fn stopper(&self) -> Stopper {
        self.recorder.stopper()
    }

    pub fn takes(&self) -> &[PracticeTake] {
        &self.takes
    }

    /// Asks `question`, records and assesses the answer, and saves it. The take stops on the
    /// stopper, the silence auto-stop or the time limit; `on_event` sees every step (a
    /// `Recording(Tick)` about every 30 ms is the place to poll for a stop request).
    pub fn take(
        &mut self,
        question: &Question,
        norms: &Norms,
        on_event: &mut dyn FnMut(PracticeEvent),
    ) -> Result<&PracticeTake, PracticeError> {
        let pack_id = self.plan.pack_id.clone();
        self.record(&pack_id, question, None, norms, on_event)
    }

    /// `take` of a question from pack `pack_id`, which need not be the session's (a mock
    /// interview for a job ad asks the role's questions and some any interview asks).
    pub fn take_from(
        &mut self,
        pack_id: &str,
        question: &Question,
        norms: &Norms,
        on_event: &mut dyn FnMut(PracticeEvent),
    ) -> Result<&PracticeTake, PracticeError> {
        self.record(pack_id, question, None, norms, on_event)
    }

    /// The follow-up to ask after the take numbered `answer` (its gaps, less those asked about
    /// already), as many as `mode` allows; `None` for no such take or nothing to ask.
    pub fn next_follow_up(&self, answer: usize, mode: FollowUpMode) -> Option<FollowUp> {
        let taken = self.takes.get(answer.checked_sub(1)?)?;
        if taken.follows.is_some() {
            return None;
        }
        let asked: Vec<Gap> = self
            .takes
            .iter()
            .filter(|t| t.follows == Some(answer))
            .filter_map(|t| t.follow_up.as_ref().map(|f| f.asked.gap))
            .collect();
        next_follow_up(&taken.question, &taken.assessment, &asked, mode)
    }

    /// Asks `follow_up` after the take numbered `answer`, records and assesses the reply, judges
    /// it with the answer, and saves it linked to the answer.
    pub fn follow_up(
        &mut self,
        answer: usize,
        follow_up: &FollowUp,
        norms: &Norms,
        on_event: &mut dyn FnMut(PracticeEvent),
    ) -> Result<&PracticeTake, PracticeError> {
        let Some(taken) = answer.checked_sub(1).and_then(|i| self.takes.get(i)) else {
            return Err(PracticeError::NoSuchAnswer(answer));
        };
        let n = self
            .takes
            .iter()
            .filter(|t| t.follows == Some(answer))
            .count()
            + 1;
        let question = Question {
            id: format!("{}.follow-up-{n}", taken.question.id),
            text: follow_up.text.clone(),
            // Typically a sentence or two: a quarter of the answer's target, 15 s at least.
            target_seconds: (taken.question.target_seconds / 4).max(15),
            hints: Vec::new(),
            follow_ups: Vec::new(),
            source: None,
            ..taken.question.clone()
        };
        let link = Link {
            answer,
            pending: PendingFollowUp {
                answer_take: taken.take_id,
                asked: follow_up.clone(),
            },
        };
        let pack_id = taken.pack_id.clone();
        self.record(&pack_id, &question, Some(link), norms, on_event)
    }

    fn record(
        &mut self,
        pack_id: &str,
        question: &Question,
        link: Option<Link>,
        norms: &Norms,
        on_event: &mut dyn FnMut(PracticeEvent),
    ) -> Result<&PracticeTake, PracticeError> {
        let number = self.takes.len() + 1;
        let wav = self.folder.join(format!("{number:02}-{}.wav", question.id));
        // From the moment the microphone opens, a crash leaves enough beside the WAV to assess
        // the take at the next start.
        let pending = PendingTake {
            pack_id: pack_id.to_string(),
            question: question.clone(),
            session_id: self.session_id,
            recorded_ms: unix_ms(SystemTime::now()),
            follows: link.as_ref().map(|l| l.pending.clone()),
        };
        let limits = PracticeLimits {
            device: self.plan.microphone.as_deref(),
            max_seconds: self.plan.max_seconds,
            silence_stop_seconds: self.plan.silence_stop_seconds,
        };
        let started = start_practice_take(&self.recorder, &wav, &limits, &pending)?;
        on_event(PracticeEvent::MicrophoneOpen(started));
        let (partials_tx, partials) = mpsc::channel();
        let mut live = LiveTake::start(
            self.plan.model.transcriber.clone(),
            self.plan.options.clone(),
            self.plan.live.clone(),
            Some(partials_tx),
        )?;
        let question_end = self.ask(&question.text, on_event);
        self.recorder.record_from(question_end);
        let rubric = Rubric::for_category(question.category);
        let mut live_norms = norms.clone();
        if let Some(margin) = self.plan.live_hint_margin_seconds {
            live_norms.live.part_slack_seconds = margin;
        }
        let live_view = LiveView {
            rubric,
            norms: &live_norms,
            hints: self.plan.live_hints,
        };
        let recorded = run_live_take(
            &self.events,
            &mut live,
            Some(&partials),
            &live_view,
            |event| on_event(PracticeEvent::Recording(event)),
        )?;
        if recorded.seconds == 0.0 {
            // Stopped while the question was still being asked, or the microphone went before
            // its first sample: an empty recording is no take (recovery removes one the same way).
            drop(live);
            discard_empty_take(&wav);
            return Err(PracticeError::NothingRecorded(recorded.stop));
        }
        on_event(PracticeEvent::Assessing(recorded.clone()));
        // Normally 0 or just below: the take begins when the question ends, or as soon after as
        // the microphone delivers.
        let question_end_in_take = recorded.take_time_of(question_end).unwrap_or(0.0);
        let outcome = live.finish(Some(question_end_in_take), rubric, norms)?;
        let follow_up = link.as_ref().map(|l| FollowUpReply {
            asked: l.pending.asked.clone(),
            judgement: Some(judge_follow_up(
                &self.takes[l.answer - 1].assessment,
                &outcome.assessment,
                l.pending.asked.gap,
                norms,
            )),
        });
        let facts = TakeFacts {
            follow_up: follow_up.as_ref(),
            ..TakeFacts::of_recorded(
                &recorded,
                &pending,
                question_end_in_take,
                &self.plan.model.name,
            )
        };
        let (take_id, not_in_history) =
            match save_assessed_take(self.history.as_mut(), &facts, &outcome.assessment) {
                Ok(Some(id)) => (Some(id), None),
                Ok(None) => (None, self.history_problem.clone()),
                // The sidecar is written first, so only the history failed: the pending file
                // stays and the next recovery adds the take.
                Err(SaveError::Store(e)) => (None, Some(e.to_string())),
                Err(e) => return Err(e.into()),
            };
        self.takes.push(PracticeTake {
            number,
            pack_id: pack_id.to_string(),
            question: question.clone(),
            wav,
            recorded_seconds: recorded.seconds,
            stop: recorded.stop,
            assessment: outcome.assessment,
            take_id,
            not_in_history,
            stop_to_assessment_seconds: outcome.stop_to_assessment_seconds,
            follows: link.map(|l| l.answer),
            follow_up,
        });
        Ok(self.takes.last().expect("just pushed"))
    }

    /// Speaks the question; returns when it finished sounding (now, without a voice). A voice
    /// that fails is dropped for the rest of the session.
    fn ask(&mut self, text: &str, on_event: &mut dyn FnMut(PracticeEvent)) -> Instant {
        if let Some(voice) = self.voice.as_mut() {
            on_event(PracticeEvent::Asking);
            match voice.speak(text, &self.plan.voice_settings) {
                Ok(spoken) => return spoken.finished_at,
                Err(e) => {
                    tracing::warn!("{e}; the questions are shown as text only from now on");
                    on_event(PracticeEvent::VoiceFailed(e.to_string()));
                    self.voice = None;
                }
            }
        }
        Instant::now()
    }

    /// Every answer's score and time, the weakest part and what to practise next (replies to
    /// follow-ups are part of their answer's story, not answers of their own).
    pub fn summary(&self, norms: &Norms) -> SessionSummary {
        let answered: Vec<AnsweredQuestion> = self
            .takes
            .iter()
            .filter(|t| t.follows.is_none())
            .map(|t| AnsweredQuestion::from_assessment(&t.question.text, &t.assessment))
            .collect();
        session_summary(&answered, &norms.star)
    }

    /// Ends the session: its row in the history is closed and a mock interview's summary is
    /// written beside its takes as `session.json`.
    pub fn finish(self, norms: &Norms) -> Result<SessionSummary, PracticeError> {
        let summary = self.summary(norms);
        if let (Some(store), Some(id)) = (&self.history, self.session_id) {
            if let Err(e) = store.finish_session(id, unix_ms(SystemTime::now())) {
                tracing::warn!("the session could not be closed in the history: {e}");
            }
        }
        if self.plan.kind == SessionKind::Mock {
            write_json_atomically(&self.folder.join("session.json"), &summary)?;
        }
        Ok(summary)
    }
}

/// The history and, for a mock interview, its session row.
fn open_history(plan: &SessionPlan) -> (Option<Store>, Option<i64>, Option<String>) {
    let store = match Store::open(&plan.database) {
        Ok(store) => store,
        Err(e) => return (None, None, Some(e.to_string())),
    };
    if plan.kind != SessionKind::Mock {
        return (Some(store), None, None);
    }
    match store.start_session(
        SessionKind::Mock,
        Some(&plan.pack_id),
        unix_ms(SystemTime::now()),
    ) {
        Ok(id) => (Some(store), Some(id), None),
        Err(e) => (Some(store), None, Some(e.to_string())),
    }
}
