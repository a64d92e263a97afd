//! The take pipeline: a recorded answer to a complete assessment. `practice` is the session both
//! front ends run (ask, record, transcribe live, assess, save, next); `assess` runs the analysis
//! (speech activity, transcription only when there is speech, delivery, STAR, findings);
//! `live` transcribes while the take is recorded so only the tail is left at stop; `runner`
//! drives a live take from the recorder's events and reports what a live view shows; `saving`
//! puts an assessed take on disk and in the history; `recovery` repairs what a crash left and
//! assesses takes it kept out of the history.

pub mod assess;
pub mod attempts;
pub mod live;
pub mod mic_check;
pub mod model;
pub mod practice;
pub mod progress;
pub mod reassess;
pub mod recovery;
pub mod reports;
pub mod review;
pub mod runner;
pub mod saving;
pub mod settings;
pub mod start;

pub use assess::{assess_heard, assess_take, Listened};
pub use attempts::{attempt_of, Attempt};
pub use coach::{TakeAssessment, Timing};
pub use live::{LiveOutcome, LiveTake};
pub use mic_check::{check_microphone, MicCheck};
pub use model::{model_name, SpeechModel};
pub use practice::{PracticeError, PracticeEvent, PracticeSession, PracticeTake, SessionPlan};
pub use progress::{progress_view, PractisedQuestion, ProgressTargets, ProgressView};
pub use reassess::{
    reassess_take, reassess_takes, HistoryAccess, ReassessError, ReassessFailure, ReassessProgress,
    ReassessReport, Reassessed,
};
pub use recovery::{recover_takes, DataPlaces, Recovered, RecoveryReport};
pub use review::{review, review_questions, ReviewEntry};
pub use runner::{run_live_take, LiveTranscript, LiveView, RecorderGone, TakeEvent};
pub use saving::{save_assessed_take, SaveError, TakeFacts};
pub use settings::{Settings, SettingsError};
pub use start::{start_practice_take, PracticeLimits, StartError};
