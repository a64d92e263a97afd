//! Speech recognition for STAR Coach: the Whisper models we know (catalogue), getting them onto
//! the machine (verified download, or import from CTranslate2), and transcribing 16 kHz mono
//! audio with word timestamps through whisper.cpp (whisper-rs). No Tauri, no audio devices.

pub mod bpe_bytes;
pub mod chunker;
pub mod ct2;
pub mod error;
pub mod files;
pub mod ggml;
pub mod import;
pub mod loop_guard;
pub mod mel;
pub mod model_check;
pub mod pieces;

pub use error::{CatalogueError, FetchError, ImportError, TranscribeError};
pub use import::{import_ct2, import_ct2_as, ImportReport, Quantization};
pub mod incremental;
pub mod transcriber;
pub mod window;
pub mod words;

pub use incremental::{
    Engine, IncrementalConfig, IncrementalResult, IncrementalTranscriber, PartialUpdate,
    WhisperEngine,
};
pub use transcriber::{TranscribeOptions, Transcriber};
pub use window::SAMPLE_RATE;
pub mod catalogue;
pub mod fetch;

pub use catalogue::{Catalogue, ModelEntry};
pub use fetch::{fetch_model, verify_file, Fetched, Progress};
