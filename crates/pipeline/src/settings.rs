//! The user's settings: kept as JSON in the data folder, written atomically, read back
//! leniently (a missing field takes its default, so older files keep working) but never
//! trusted: a file edited by hand or damaged is checked like a save, so a take can never start
//! with a limit nobody could have set in Settings.

use audio::voice::VoiceSettings;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A value no one could set in Settings; `field` is as Settings names it.
    #[error("{field}: {why}")]
    Invalid {
        field: &'static str,
        why: &'static str,
    },
    #[error("{} is not a settings file: {reason}", path.display())]
    Damaged { path: PathBuf, reason: String },
    #[error("{}: {field}: {why}", path.display())]
    InvalidInFile {
        path: PathBuf,
        field: &'static str,
        why: &'static str,
    },
    #[error(transparent)]
    Write(#[from] store::recordings::WriteError),
}

impl SettingsError {
    pub fn kind(&self) -> &'static str {
        match self {
            SettingsError::Invalid { .. } => "invalid_setting",
            SettingsError::Damaged { .. } | SettingsError::InvalidInFile { .. } => {
                "damaged_settings"
            }
            SettingsError::Write(_) => "file_write",
        }
    }
}

impl Settings {
    /// The values a person can type, each within what Settings offers.
    pub fn check(&self) -> Result<(), SettingsError> {
        let bad = |field, why| Err(SettingsError::Invalid { field, why });
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
        if !(0.0..=1.0).contains(&self.voice.volume) {
            return bad("voice volume", "must be between 0 and 100 %");
        }
        if !["system", "light", "dark"].contains(&self.theme.as_str()) {
            return bad("theme", "must be system, light or dark");
        }
        Ok(())
    }

    /// Reads a settings file's text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Settings, SettingsError> {
        let settings: Settings =
            serde_json::from_str(text).map_err(|e| SettingsError::Damaged {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        match settings.check() {
            Err(SettingsError::Invalid { field, why }) => Err(SettingsError::InvalidInFile {
                path: path.to_path_buf(),
                field,
                why,
            }),
            _ => Ok(settings),
        }
    }

    /// The settings saved at `path`: defaults when there are none, and defaults with the
    /// reason when the file cannot be used (it is left in place until the user saves).
    pub fn load(path: &Path) -> (Settings, Option<SettingsError>) {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                match Settings::parse(path, &text) {
                    Ok(settings) => (settings, None),
                    Err(e) => {
                        tracing::warn!("using the default settings: {e}");
                        (Settings::default(), Some(e))
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
            Err(e) => {
                let problem = SettingsError::Damaged {
                    path: path.to_path_buf(),
                    reason: format!("cannot be read: {e}"),
                };
                tracing::warn!("using the default settings: {problem}");
                (Settings::default(), Some(problem))
            }
        }
    }

    /// Checks the settings and saves them at `path`, atomically.
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        self.check()?;
        store::recordings::create_parent(path)?;
        store::recordings::write_json_atomically(path, self)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_file_keeps_its_values_and_takes_defaults_for_the_rest() {
        let path = Path::new("settings.json");
        let s = Settings::parse(path, r#"{"max_seconds": 90, "theme": "dark"}"#).unwrap();
        assert_eq!(s.max_seconds, 90.0);
        assert_eq!(s.theme, "dark");
        assert_eq!(
            s.silence_stop_seconds,
            Settings::default().silence_stop_seconds
        );
    }

    #[test]
    fn a_file_with_a_value_settings_would_refuse_is_refused_naming_file_and_field() {
        let path = Path::new("/data/settings.json");
        for (text, says) in [
            (r#"{"max_seconds": 1e12}"#, "longest take"),
            (r#"{"silence_stop_seconds": -1}"#, "silence stop"),
            (r#"{"voice": {"volume": 7}}"#, "voice volume"),
            (r#"{"voice": {"words_per_minute": 4000000}}"#, "voice rate"),
            (r#"{"theme": "<script>"}"#, "theme"),
        ] {
            let e = Settings::parse(path, text).unwrap_err();
            let message = e.to_string();
            assert!(
                message.starts_with("/data/settings.json: ") && message.contains(says),
                "{text}: {message}"
            );
            assert_eq!(e.kind(), "damaged_settings");
        }
        for text in ["", "{", "[1, 2]", r#"{"max_seconds": "long"}"#, "\u{0}"] {
            let e = Settings::parse(path, text).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with("/data/settings.json is not a settings file: "),
                "{e}"
            );
        }
    }

    #[test]
    fn saved_settings_load_back_and_a_damaged_file_gives_defaults_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new folder").join("settings.json");
        assert_eq!(Settings::load(&path).0, Settings::default());
        assert!(Settings::load(&path).1.is_none(), "no file is no problem");
        let mine = Settings {
            max_seconds: 240.0,
            theme: "light".into(),
            ..Settings::default()
        };
        mine.save(&path).unwrap();
        let (loaded, problem) = Settings::load(&path);
        assert_eq!(loaded, mine);
        assert!(problem.is_none());
        let refused = Settings {
            max_seconds: 5.0,
            ..mine.clone()
        };
        assert_eq!(refused.save(&path).unwrap_err().kind(), "invalid_setting");
        assert_eq!(
            Settings::load(&path).0,
            mine,
            "a refused save leaves the file"
        );
        std::fs::write(&path, "{\"max_seconds\": 240").unwrap();
        let (settings, problem) = Settings::load(&path);
        assert_eq!(settings, Settings::default());
        assert!(problem.unwrap().to_string().contains("settings.json"));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"max_seconds\": 240",
            "the damaged file is left for the user"
        );
    }
}
