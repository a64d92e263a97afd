//! The one error shape the UI sees: `{kind, message}`, `kind` from a closed list the front end
//! can branch on (exported to TypeScript). Library errors are mapped here.

use serde::{Deserialize, Serialize};

/// Every kind of error a command can return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The microphone is in use by a take or the microphone check.
    Busy,
    /// A fault in STAR Coach itself.
    Internal,
    /// No such take, session, pack or question.
    NotFound,
    /// A setting out of its range.
    InvalidSetting,
    /// The saved settings file cannot be read or holds a value out of its range.
    DamagedSettings,
    /// The speech model is not installed.
    NoModel,
    /// The speech model could not be loaded.
    ModelLoad,
    /// Downloading a model failed.
    ModelFetch,
    /// The model catalogue does not know the name.
    Catalogue,
    /// Whisper failed on the audio.
    TranscriptionFailed,
    /// No take is being recorded.
    NoTake,
    /// No mock interview is running.
    NoMockInterview,
    /// A follow-up was asked for an answer the session does not have.
    NoSuchAnswer,
    /// The history could not take the take; it is kept as files.
    HistoryUnavailable,
    /// The recorder stopped before the take was finished.
    RecorderGone,
    /// The recorder is already recording.
    AlreadyRecording,
    /// There is no microphone.
    NoInputDevice,
    /// The microphone cannot be opened.
    DeviceUnavailable,
    /// Another program holds the microphone.
    DeviceBusy,
    /// The system refused access to the microphone.
    PermissionDenied,
    /// The microphone offers no format STAR Coach can record.
    UnsupportedFormat,
    /// The sound system failed.
    AudioBackend,
    /// Converting the audio to 16 kHz failed.
    Resample,
    /// The take file could not be written.
    TakeFile,
    /// Sound could not be played.
    Playback,
    /// No text-to-speech voice is available.
    TtsUnavailable,
    /// The voice failed to speak.
    TtsFailed,
    /// No voice by that name.
    UnknownVoice,
    /// A question pack file is not valid.
    Pack,
    /// The story bank cannot be read or is not valid.
    Stories,
    /// A file could not be written.
    FileWrite,
    /// A file could not be deleted.
    FileDelete,
    /// The history database failed.
    Database,
    /// The history database could not be opened.
    DatabaseOpen,
    /// The history database is from a newer STAR Coach.
    DatabaseNewer,
    /// The history database is damaged.
    DatabaseCorrupt,
    /// A take was assessed by a version whose assessment this one cannot read.
    AssessmentOutdated,
    /// A take's recording is missing or cannot be read (drawing it, assessing it again).
    RecordingUnreadable,
    /// A history archive is damaged, cut short, or holds what an archive never does.
    ArchiveDamaged,
    /// A history archive was made by a newer STAR Coach.
    ArchiveNewer,
    /// A take ended before its first sample (stopped while the question was asked).
    NothingRecorded,
}

impl ErrorKind {
    /// The kind a library error names (its `kind()`). A name not in the list is a bug caught by
    /// the test below; at run time it is logged and shown as `internal`.
    pub fn named(name: &str) -> ErrorKind {
        serde_json::from_value(serde_json::Value::String(name.to_string())).unwrap_or_else(|_| {
            tracing::error!("error kind {name} is not in ErrorKind");
            ErrorKind::Internal
        })
    }
}

#[derive(Debug, Clone, Serialize, thiserror::Error, ts_rs::TS)]
#[error("{message}")]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
}

impl CommandError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            message: message.into(),
        }
    }
}

macro_rules! from_kinded {
    ($($error:ty),* $(,)?) => {$(
        impl From<$error> for CommandError {
            fn from(e: $error) -> Self {
                CommandError::new(ErrorKind::named(e.kind()), e.to_string())
            }
        }
    )*};
}

from_kinded!(
    store::StoreError,
    audio::capture::CaptureError,
    audio::voice::VoiceError,
    pipeline::SaveError,
    pipeline::StartError,
    pipeline::PracticeError,
    pipeline::ReassessError,
    pipeline::SettingsError,
    store::archive::ArchiveError,
    store::stories::StoryFileError,
    store::packs::PackFileError,
);

macro_rules! from_plain {
    ($($error:ty => $kind:ident),* $(,)?) => {$(
        impl From<$error> for CommandError {
            fn from(e: $error) -> Self {
                CommandError::new(ErrorKind::$kind, e.to_string())
            }
        }
    )*};
}

from_plain!(
    asr::CatalogueError => Catalogue,
    asr::TranscribeError => TranscriptionFailed,
    store::recordings::WriteError => FileWrite,
    pipeline::RecorderGone => RecorderGone,
    audio::AudioError => RecordingUnreadable,
);

#[cfg(test)]
mod tests {
    use super::ErrorKind;
    use std::path::Path;

    /// Every name a library error's `kind()` can return is a known `ErrorKind`: read from the
    /// source, so a kind added in a crate without adding it here fails this test.
    #[test]
    fn every_library_error_kind_is_known() {
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates");
        let mut names = Vec::new();
        let mut stack = vec![crates];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for body in text.split("fn kind(&self) -> &'static str {").skip(1) {
                        let body = &body[..body.find("\n    }\n").unwrap_or(body.len())];
                        if body.contains("StopReason::") {
                            continue; // why a take stopped, not an error
                        }
                        names.extend(
                            body.split('"')
                                .skip(1)
                                .step_by(2)
                                .map(|s| (s.to_string(), path.clone())),
                        );
                    }
                }
            }
        }
        assert!(names.len() > 20, "found only {names:?}");
        for (name, file) in &names {
            assert!(
                serde_json::from_value::<ErrorKind>(serde_json::Value::String(name.clone()))
                    .is_ok(),
                "{} names error kind \"{name}\", which ErrorKind does not list",
                file.display()
            );
        }
    }
}
