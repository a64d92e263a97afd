//! Storage for STAR Coach: where data lives on disk. The SQLite database of takes and the
//! recordings folder build on these paths (issue: desktop app and history).

pub mod paths;

pub use paths::{data_dir, journal_dir, models_dir, packs_dir, recordings_dir};
