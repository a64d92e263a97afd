//! Where STAR Coach keeps its data. One place decides, so the CLI, the app and the tests agree.
//!
//! - data folder: `$STAR_COACH_DATA`, else `$XDG_DATA_HOME/star-coach`, else
//!   `~/.local/share/star-coach` (the platform data folder on macOS and Windows);
//! - models: `$STAR_COACH_MODELS`, else `models/` of the source checkout the program was built
//!   from (when it is still there, as for everything built by the README's scripts), else
//!   `<data folder>/models`;
//! - recordings: `<data folder>/recordings`; imported question packs: `<data folder>/packs`;
//!   the journal of takes being recorded: `<data folder>/journal`; the history database:
//!   `<data folder>/star-coach.sqlite3`.

use std::path::{Path, PathBuf};

pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("STAR_COACH_DATA") {
        return PathBuf::from(dir);
    }
    platform_data_home().join("star-coach")
}

fn platform_data_home() -> PathBuf {
    let home = || {
        std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .map(PathBuf::from)
    };
    if cfg!(target_os = "macos") {
        if let Some(h) = home() {
            return h.join("Library/Application Support");
        }
    }
    if cfg!(windows) {
        if let Some(appdata) = std::env::var_os("APPDATA") {
            return PathBuf::from(appdata);
        }
    }
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."))
}

pub fn models_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("STAR_COACH_MODELS") {
        return PathBuf::from(dir);
    }
    let checkout = checkout_models_dir();
    if checkout.join("catalogue.toml").is_file() {
        // Shown to people: /repo/models, not /repo/crates/store/../../models.
        return checkout.canonicalize().unwrap_or(checkout);
    }
    data_dir().join("models")
}

/// `models/` of the checkout this crate was compiled from (crates/store/../../models).
fn checkout_models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

/// Question packs the user imported (the built-in ones live in the program).
pub fn packs_dir() -> PathBuf {
    data_dir().join("packs")
}

/// The SQLite history of sessions and takes.
pub fn database_path() -> PathBuf {
    data_dir().join("star-coach.sqlite3")
}

pub fn recordings_dir() -> PathBuf {
    data_dir().join("recordings")
}

/// Reports the app exports (`report`), each a file of its own.
pub fn reports_dir() -> PathBuf {
    data_dir().join("reports")
}

/// Entries naming takes being recorded; what a crash leaves here is recovered at the next start.
pub fn journal_dir() -> PathBuf {
    data_dir().join("journal")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checkout_models_folder_is_the_one_with_the_catalogue() {
        let dir = checkout_models_dir();
        assert!(dir.join("catalogue.toml").is_file(), "{}", dir.display());
        assert!(dir.join("../Cargo.toml").is_file());
    }
}
