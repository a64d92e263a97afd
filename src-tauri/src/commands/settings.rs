//! Settings, and the microphones and speakers to choose from.

use crate::error::CommandError;
use crate::services::{blocking, service, SettingsService};
use crate::settings::Settings;
use audio::capture::DeviceList;
use tauri::{AppHandle, State};

#[tauri::command]
pub fn get_settings(settings: State<'_, SettingsService>) -> Settings {
    settings.get()
}

#[tauri::command]
pub async fn save_settings(app: AppHandle, settings: Settings) -> Result<(), CommandError> {
    blocking(app, |app| service::<SettingsService>(app).save(settings)).await
}

/// Listed fresh each time (devices come and go), off the main thread: ALSA can take a while.
#[tauri::command]
pub async fn list_devices(app: AppHandle) -> Result<DeviceList, CommandError> {
    blocking(app, |_| Ok(audio::capture::list_devices()?)).await
}
