//! The take pipeline: a recorded answer to a complete assessment. `assess` runs the analysis
//! (speech activity, transcription only when there is speech, delivery, STAR, findings);
//! `live` transcribes while the take is recorded so only the tail is left at stop; `runner`
//! drives a live take from the recorder's events and reports what a live view shows.

pub mod assess;
pub mod live;
pub mod runner;

pub use assess::{assess_take, assess_take_with, TakeAssessment, Timing};
pub use live::{LiveOutcome, LiveTake};
pub use runner::{run_live_take, LiveTranscript, RecorderGone, TakeEvent};
