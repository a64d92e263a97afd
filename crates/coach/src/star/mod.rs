//! STAR structure: units of the answer, the part each one plays, and the time each part took.

pub mod cues;
pub mod tagger;
pub mod units;

pub use cues::Part;
