//! The user's settings: kept as JSON in the data folder, written atomically, and read back
//! leniently (a missing field takes its default, so older files keep working).

use crate::error::ErrorKind;
use audio::voice::VoiceSettings;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Settings {
    /// Microphone id or name; `None` is the system default.
    pub microphone: Option<String>,
    /// Ask each question aloud (it is always shown on screen too).
    pub speak_questions: bool,
    pub voice: VoiceSettings,
    /// Stop the take after this many seconds of quiet once the answer has started (0: never).
    pub silence_stop_seconds: f64,
    /// The longest take, in seconds.
    pub max_seconds: f64,
    /// Say while answering when the part being told runs long.
    pub live_hints: bool,
    /// ...once it runs this many seconds past its share of the answer.
    pub live_hint_margin_seconds: f64,
    /// Ask a follow-up question when an answer leaves something out: off, one, or probing (up
    /// to two).
    pub follow_ups: coach::FollowUpMode,
    /// "system", "light" or "dark".
    pub theme: String,
    /// The speech model takes are transcribed with (a catalogue name); `None` is the
    /// catalogue's default.
    pub model: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            microphone: None,
            speak_questions: true,
            voice: VoiceSettings::default(),
            silence_stop_seconds: 5.0,
            max_seconds: 180.0,
            live_hints: true,
            live_hint_margin_seconds: coach::Norms::default().live.part_slack_seconds,
            follow_ups: coach::FollowUpMode::One,
            theme: "system".into(),
            model: None,
        }
    }
}

impl Settings {
    pub fn path() -> PathBuf {
        store::data_dir().join("settings.json")
    }

    /// The saved settings; defaults when there are none. A damaged file is reported in the log
    /// and left in place (the defaults are used until the user saves).
    pub fn load() -> Settings {
        let path = Self::path();
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!("ignoring {}: {e}", path.display());
                Settings::default()
            }),
            Err(_) => Settings::default(),
        }
    }

    /// Checks the values a person can type and saves them.
    pub fn save(&self) -> Result<(), crate::CommandError> {
        let bad = |field: &str, why: &str| {
            Err(crate::CommandError::new(
                ErrorKind::InvalidSetting,
                format!("{field}: {why}"),
            ))
        };
        if !(0.0..=60.0).contains(&self.silence_stop_seconds) {
            return bad("silence stop", "must be between 0 and 60 seconds");
        }
        if !(10.0..=600.0).contains(&self.max_seconds) {
            return bad("longest take", "must be between 10 and 600 seconds");
        }
        if !(0.0..=60.0).contains(&self.live_hint_margin_seconds) {
            return bad("hint margin", "must be between 0 and 60 seconds");
        }
        if !(80..=400).contains(&self.voice.words_per_minute) {
            return bad("voice rate", "must be between 80 and 400 words per minute");
        }
        if !["system", "light", "dark"].contains(&self.theme.as_str()) {
            return bad("theme", "must be system, light or dark");
        }
        std::fs::create_dir_all(store::data_dir()).map_err(|e| {
            crate::CommandError::new(
                ErrorKind::FileWrite,
                format!("{}: {e}", store::data_dir().display()),
            )
        })?;
        store::recordings::write_json_atomically(&Self::path(), self)?;
        Ok(())
    }
}
