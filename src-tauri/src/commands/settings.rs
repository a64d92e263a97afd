//! Settings, and the microphones and speakers to choose from.

use crate::error::CommandError;
use crate::settings::Settings;
use crate::state::{lock, AppState};
use audio::capture::DeviceList;
use tauri::State;

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    lock(&state.settings).clone()
}

#[tauri::command]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> Result<(), CommandError> {
    settings.save()?;
    *lock(&state.settings) = settings;
    Ok(())
}

/// Listed fresh each time (devices come and go), off the main thread: ALSA can take a while.
#[tauri::command]
pub async fn list_devices() -> Result<DeviceList, CommandError> {
    tauri::async_runtime::spawn_blocking(audio::capture::list_devices)
        .await
        .map_err(|e| CommandError::new("internal", e.to_string()))?
        .map_err(CommandError::from)
}
