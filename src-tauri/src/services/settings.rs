//! The user's settings while the app runs (the file format is `pipeline::settings`).

use super::lock;
use crate::error::CommandError;
use crate::settings::{settings_path, Settings};
use std::sync::Mutex;

pub struct SettingsService {
    current: Mutex<Settings>,
    /// Why the saved settings could not be used at start (they are left in place and the
    /// defaults apply until the user saves).
    problem: Mutex<Option<CommandError>>,
}

impl SettingsService {
    pub fn load() -> Self {
        let (settings, problem) = Settings::load(&settings_path());
        SettingsService {
            current: Mutex::new(settings),
            problem: Mutex::new(problem.map(CommandError::from)),
        }
    }

    pub fn get(&self) -> Settings {
        lock(&self.current).clone()
    }

    pub fn problem(&self) -> Option<CommandError> {
        lock(&self.problem).clone()
    }

    /// Checks and saves `settings`; they apply from the next take.
    pub fn save(&self, settings: Settings) -> Result<(), CommandError> {
        let mut current = lock(&self.current);
        settings.save(&settings_path())?;
        *current = settings;
        *lock(&self.problem) = None;
        Ok(())
    }

    /// Changes one thing and saves.
    pub fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<(), CommandError> {
        let mut next = self.get();
        change(&mut next);
        self.save(next)
    }
}
