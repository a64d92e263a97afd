//! Where STAR Coach keeps its data. One place decides, so the CLI, the app and the tests agree.
//!
//! - data folder: `$STAR_COACH_DATA`, else `$XDG_DATA_HOME/star-coach`, else
//!   `~/.local/share/star-coach` (the platform data folder on macOS and Windows);
//! - models: written to `$STAR_COACH_MODELS`, else `models/` of the source checkout the program
//!   was built from (when it is still there, as for everything built by the README's scripts,
//!   and never for an installed package), else `<data folder>/models`; read from there, else
//!   from the installed package's own folder (`share/star-coach/models` beside the program's
//!   `bin`, read-only), so a model fetched because the packaged one was damaged is the one used;
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
    // An installed program never reads the checkout it happened to be built from.
    if packaged_models_dir().is_none() && checkout.join("catalogue.toml").is_file() {
        // Shown to people: /repo/models, not /repo/crates/store/../../models.
        return checkout.canonicalize().unwrap_or(checkout);
    }
    data_dir().join("models")
}

/// The models an installed package ships (`/usr/bin/star-coach` → `/usr/share/star-coach/models`),
/// when the running program is installed that way.
pub fn packaged_models_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?.canonicalize().ok()?;
    let dir = exe.parent()?.parent()?.join("share/star-coach/models");
    dir.is_dir().then_some(dir)
}

/// Where the model file `file` is read from: the models folder, else the package's own copy;
/// when neither has it, where it would be fetched to (so a "missing" message names that).
pub fn model_path(file: &str) -> PathBuf {
    let own = models_dir().join(file);
    if own.is_file() {
        return own;
    }
    packaged_models_dir()
        .map(|dir| dir.join(file))
        .filter(|p| p.is_file())
        .unwrap_or(own)
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
