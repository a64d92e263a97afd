//! The user's settings while the app runs (the file format is `crate::settings`).

use super::lock;
use crate::error::CommandError;
use crate::settings::Settings;
use std::sync::Mutex;

pub struct SettingsService(Mutex<Settings>);

impl SettingsService {
    pub fn load() -> Self {
        SettingsService(Mutex::new(Settings::load()))
    }

    pub fn get(&self) -> Settings {
        lock(&self.0).clone()
    }

    /// Checks and saves `settings`; they apply from the next take.
    pub fn save(&self, settings: Settings) -> Result<(), CommandError> {
        let mut current = lock(&self.0);
        settings.save()?;
        *current = settings;
        Ok(())
    }

    /// Changes one thing and saves.
    pub fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<(), CommandError> {
        let mut next = self.get();
        change(&mut next);
        self.save(next)
    }
}
