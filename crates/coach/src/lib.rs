//! STAR Coach's domain model: what a transcript is, how text is compared with a script,
//! and (as later work lands) how an answer is tagged and scored. Pure functions only:
//! no audio, no files, no Whisper, so every rule here is testable in microseconds.

/// Which scorer judged a take: stored with every take, so history can tell old scores apart.
/// Raised whenever a change alters what an assessment says (0.2.0: fillers found in the audio,
/// filler bursts; 0.3.0: the learned STAR tagger, and a rubric per question type; 0.3.1: fewer false
/// fillers on real read speech).
pub const SCORER_VERSION: &str = "0.3.1";

pub mod assessment;
pub mod compare;
pub mod delivery;
pub mod filler_clusters;
pub mod fillers;
pub mod findings;
pub mod follow_ups;
pub mod hesitations;
pub mod job_ad;
pub mod norms;
pub mod numbers;
pub mod packs;
pub mod progress;
pub mod quantity;
pub mod repetition;
pub mod review;
pub mod rubrics;
pub mod session;
pub mod span;
pub mod speech;
pub mod star;
pub mod stories;
pub mod transcript;
pub mod wer;

pub use assessment::{
    assess_answer, judge_take, HeardTake, StarAssessment, TakeAssessment, Timing,
};
pub use delivery::{delivery_report, DeliveryReport};
pub use fillers::HeldSound;
pub use findings::{
    delivery_findings, quality_findings, unintelligible_finding, AudioQuality, Finding,
    FindingKind, Severity,
};
pub use follow_ups::{
    judge_follow_up, next_follow_up, FollowUp, FollowUpJudgement, FollowUpMode, FollowUpReply, Gap,
};
pub use norms::Norms;
pub use packs::{builtin_packs, parse_pack, Category, PackError, Question, QuestionPack};
pub use repetition::{longest_repeated_stretch, longest_repeated_stretch_in, RepeatedStretch};
pub use rubrics::{Element, Rubric};
pub use session::{session_summary, AnsweredQuestion, SessionSummary};
pub use span::Span;
pub use speech::{speech_report, SpeechReport};
pub use transcript::{Transcript, Word};
pub use wer::{normalize_words, word_error_rate, WerCounts};

#[cfg(test)]
mod test_support;
