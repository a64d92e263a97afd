//! Where STAR Coach keeps its data. One place decides, so the CLI, the app and the tests agree.
//!
//! - data folder: `$STAR_COACH_DATA`, else `$XDG_DATA_HOME/star-coach`, else
//!   `~/.local/share/star-coach` (the platform data folder on macOS and Windows);
//! - models: `$STAR_COACH_MODELS`, else `models/` of the source checkout the program was built
//!   in (found by walking up from the executable to a `models/catalogue.toml`), else
//!   `<data folder>/models`;
//! - recordings: `<data folder>/recordings`.

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
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| checkout_models_dir(&exe))
    {
        return dir;
    }
    data_dir().join("models")
}

/// The `models/` folder of the checkout an executable was built in (target/<profile>/<exe>).
fn checkout_models_dir(exe: &Path) -> Option<PathBuf> {
    exe.ancestors()
        .skip(1)
        .take(5)
        .map(|a| a.join("models"))
        .find(|m| m.join("catalogue.toml").is_file())
}

pub fn recordings_dir() -> PathBuf {
    data_dir().join("recordings")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_checkout_models_folder_from_a_built_executable() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("models")).unwrap();
        std::fs::write(root.path().join("models/catalogue.toml"), "").unwrap();
        let exe = root.path().join("target/release/star-coach");
        assert_eq!(checkout_models_dir(&exe), Some(root.path().join("models")));
        assert_eq!(checkout_models_dir(Path::new("/usr/bin/star-coach")), None);
    }
}
