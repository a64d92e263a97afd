//! Where the app keeps the user's settings. Their format and checks are
//! `pipeline::settings`, so they are tested and fuzzed without a window.

pub use pipeline::Settings;
use std::path::PathBuf;

pub fn settings_path() -> PathBuf {
    store::data_dir().join("settings.json")
}
