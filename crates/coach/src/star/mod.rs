//! STAR structure: units of the answer, the part each one plays, the time each part took, and
//! the rubric that scores it and says what to say differently next time.

pub mod cues;
pub mod evaluation;
pub mod labelled;
pub mod learned;
pub mod length;
pub mod live;
pub mod report;
pub mod rubric;
pub mod tagger;
pub mod units;

pub use cues::Part;
pub use length::length_finding;
pub use report::{star_report, star_report_so_far, PerPart, Present, StarReport, StarUnit};
pub use rubric::{delivery_feedback, score, star_findings, Score};
