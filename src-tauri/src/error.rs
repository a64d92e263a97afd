//! The one error shape the UI sees: `{kind, message}`. Library errors are mapped here, so the
//! front end can branch on `kind` and show `message` as is.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, thiserror::Error, ts_rs::TS)]
#[error("{message}")]
pub struct CommandError {
    pub kind: String,
    pub message: String,
}

impl CommandError {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        CommandError {
            kind: kind.to_string(),
            message: message.into(),
        }
    }
}

macro_rules! from_kinded {
    ($($error:ty),* $(,)?) => {$(
        impl From<$error> for CommandError {
            fn from(e: $error) -> Self {
                CommandError::new(e.kind(), e.to_string())
            }
        }
    )*};
}

from_kinded!(
    store::StoreError,
    audio::capture::CaptureError,
    audio::voice::VoiceError,
);

macro_rules! from_plain {
    ($($error:ty => $kind:literal),* $(,)?) => {$(
        impl From<$error> for CommandError {
            fn from(e: $error) -> Self {
                CommandError::new($kind, e.to_string())
            }
        }
    )*};
}

from_plain!(
    asr::CatalogueError => "catalogue",
    asr::TranscribeError => "transcription_failed",
    store::packs::PackFileError => "pack",
    store::recordings::WriteError => "file_write",
    pipeline::RecorderGone => "recorder_gone",
);

from_kinded!(pipeline::SaveError, pipeline::StartError);
