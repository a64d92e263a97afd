//! Typed errors of the speech-recognition crate. Every error that concerns a file names it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("no model named '{name}' in the catalogue (known: {known})")]
    UnknownModel { name: String, known: String },
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("download of {url} failed: {message}")]
    Http { url: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: expected {expected} bytes, got {actual}")]
    SizeMismatch {
        path: PathBuf,
        expected: u64,
        actual: u64,
    },
    #[error("{path} is not a model STAR Coach knows: {detail}")]
    NotInCatalogue { path: PathBuf, detail: String },
    #[error("{path}: sha256 is {actual}, the catalogue says {expected}")]
    ChecksumMismatch {
        path: PathBuf,
        expected: String,
        actual: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum TranscribeError {
    #[error(
        "model file {path} not found: run `star-coach models fetch` or `star-coach models import`"
    )]
    ModelMissing { path: PathBuf },
    #[error("model file {path} cannot be loaded: {message}")]
    ModelLoad { path: PathBuf, message: String },
    #[error("transcription failed: {0}")]
    Whisper(String),
    #[error("audio is empty: nothing to transcribe")]
    EmptyAudio,
    #[error("transcription was cancelled")]
    Aborted,
}
