//! The app's state, one service per concern, each registered with Tauri on its own: practice
//! (the microphone's activity, the take and the mock interview), the speech model, the history,
//! the settings, and launches refused because the app already runs. Commands reach only the services they need.

pub mod activity;
pub mod history;
pub mod launches;
pub mod models;
pub mod practice;
pub mod settings;

pub use history::HistoryService;
pub use launches::LaunchWatch;
pub use models::ModelService;
pub use practice::PracticeService;
pub use settings::SettingsService;

use crate::error::{CommandError, ErrorKind};
use std::sync::{Mutex, MutexGuard};
use tauri::{AppHandle, Manager};

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not take the whole app down with a poisoned lock.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs file or database work off the main thread, for an `async` command.
pub async fn blocking<T: Send + 'static>(
    app: AppHandle,
    work: impl FnOnce(&AppHandle) -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(move || work(&app))
        .await
        .map_err(|e| CommandError::new(ErrorKind::Internal, e.to_string()))?
}

/// A service registered at start-up.
pub fn service<T: Send + Sync + 'static>(app: &AppHandle) -> tauri::State<'_, T> {
    app.state::<T>()
}
