//! Speech recognition for STAR Coach: the Whisper models we know (catalogue), getting them onto
//! the machine (verified download), checking a model file before whisper.cpp reads it, and
//! transcribing 16 kHz mono audio with word timestamps through whisper.cpp (whisper-rs), in one
//! pass or live while a take is recorded. No Tauri, no audio devices.
//!
//! The words this crate uses (ARCHITECTURE.md, "Glossary"): a **piece** is the stretch of audio
//! one decode covers, cut at a pause; the live transcriber's growing piece is its **chunk**; a
//! **pass** is one decode of a piece, **speculative** while the chunk still grows; the
//! **window** is Whisper's 30 s encoder input; a **loop** is a decode that writes the same words
//! again.
//!
//! Only what other crates use is public; whisper-rs's types never leave the crate. The model
//! converter (CTranslate2 → ggml) is the `model-import` crate.

mod catalogue;
mod chunker;
mod error;
mod fetch;
mod files;
pub mod ggml;
mod incremental;
mod loop_guard;
mod model_check;
mod pieces;
mod runaway;
mod transcriber;
mod window;
mod words;

pub use catalogue::{Catalogue, ModelEntry, ModelMeasured};
pub use chunker::ChunkerConfig;
pub use error::{CatalogueError, FetchError, TranscribeError};
pub use fetch::{copy_in_model, fetch_model, verify_file, Fetched, Progress};
pub use files::{hex, sha256_file};
pub use ggml::Quantization;
pub use incremental::{
    IncrementalConfig, IncrementalResult, IncrementalTranscriber, PartialUpdate,
};
pub use loop_guard::LOOP_STRETCH_WORDS;
pub use model_check::{check_model, ModelTable};
pub use transcriber::{TranscribeOptions, Transcriber};
pub use window::SAMPLE_RATE;
