//! Typed errors of the audio crate; every error about a file names it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    EmptyFile { path: PathBuf },
    #[error("{path}: not a WAV file ({reason})")]
    NotWav { path: PathBuf, reason: String },
    #[error("{path}: unsupported WAV format: {reason}")]
    Unsupported { path: PathBuf, reason: String },
    #[error("{path}: holds no audio samples")]
    NoSamples { path: PathBuf },
    #[error(
        "{path}: truncated: the header promises {declared} samples but the file holds {found}"
    )]
    Truncated {
        path: PathBuf,
        declared: u64,
        found: u64,
    },
    #[error("{path}: damaged: sample {index} is {value} (floating-point audio lies near -1 to 1)")]
    DamagedSamples {
        path: PathBuf,
        index: u64,
        value: f32,
    },
    #[error("resampler: {0}")]
    Resample(String),
}
