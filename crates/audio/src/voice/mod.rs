//! Asking the question aloud. A [`Voice`] speaks a text and returns when it has finished
//! sounding, with that moment, so think time can be measured from the end of the question.
//! Two backends: the platform's text-to-speech ([`SystemVoice`]: speech-dispatcher on Linux,
//! AVSpeechSynthesizer on macOS, SAPI/WinRT on Windows, through the `tts` crate) and espeak-ng
//! ([`EspeakVoice`]), which synthesizes to audio that we play through cpal ourselves.

mod espeak;
mod system;

pub use espeak::EspeakVoice;
pub use system::SystemVoice;

use serde::{Deserialize, Serialize};
use std::time::Instant;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VoiceSettings {
    /// A voice id from [`Voice::voices`]; `None` is the backend's default (English).
    pub voice: Option<String>,
    /// Speaking rate in words per minute (an interviewer's pace: 150–170).
    pub words_per_minute: u32,
    /// 0.0–1.0 of the backend's full volume.
    pub volume: f32,
    /// Output device by name or id; `None` is the default speaker.
    pub output_device: Option<String>,
}

impl Default for VoiceSettings {
    fn default() -> Self {
        VoiceSettings {
            voice: None,
            words_per_minute: 160,
            volume: 1.0,
            output_device: None,
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct VoiceInfo {
    pub id: String,
    pub name: String,
    pub language: String,
}

/// The question has been spoken.
#[derive(Debug, Clone, Copy)]
pub struct Spoken {
    /// When the last of it sounded.
    pub finished_at: Instant,
    /// How long it took to say.
    pub seconds: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum VoiceError {
    #[error("text-to-speech is not available: {0}")]
    Unavailable(String),
    #[error("text-to-speech failed: {0}")]
    Synthesis(String),
    #[error(transparent)]
    Playback(#[from] crate::playback::PlaybackError),
    #[error("no voice named \"{0}\"")]
    UnknownVoice(String),
}

impl VoiceError {
    pub fn kind(&self) -> &'static str {
        match self {
            VoiceError::Unavailable(_) => "tts_unavailable",
            VoiceError::Synthesis(_) => "tts_failed",
            VoiceError::Playback(_) => "playback",
            VoiceError::UnknownVoice(_) => "unknown_voice",
        }
    }
}

pub trait Voice: Send {
    /// A short name for settings and messages ("espeak-ng", "system").
    fn backend(&self) -> &'static str;
    fn voices(&self) -> Result<Vec<VoiceInfo>, VoiceError>;
    /// Speaks `text` and returns once it has finished sounding. Calling it again with the same
    /// text is "repeat the question".
    fn speak(&mut self, text: &str, settings: &VoiceSettings) -> Result<Spoken, VoiceError>;
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum VoiceBackend {
    /// The platform voice when it works, else espeak-ng.
    #[default]
    Auto,
    System,
    Espeak,
}

impl std::str::FromStr for VoiceBackend {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(VoiceBackend::Auto),
            "system" => Ok(VoiceBackend::System),
            "espeak" | "espeak-ng" => Ok(VoiceBackend::Espeak),
            other => Err(format!(
                "unknown voice backend \"{other}\" (auto, system or espeak)"
            )),
        }
    }
}

/// Opens the requested backend. With `Auto`, a failing platform voice falls back to espeak-ng;
/// when neither works, the error says why each failed so the caller can show the question as
/// text instead.
pub fn open_voice(backend: VoiceBackend) -> Result<Box<dyn Voice>, VoiceError> {
    match backend {
        VoiceBackend::System => Ok(Box::new(SystemVoice::open()?)),
        VoiceBackend::Espeak => Ok(Box::new(EspeakVoice::open()?)),
        VoiceBackend::Auto => match SystemVoice::open() {
            Ok(v) => Ok(Box::new(v)),
            Err(system) => match EspeakVoice::open() {
                Ok(v) => Ok(Box::new(v)),
                Err(espeak) => Err(VoiceError::Unavailable(format!(
                    "platform voice: {system}; espeak-ng: {espeak}"
                ))),
            },
        },
    }
}
