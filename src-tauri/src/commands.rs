//! Tauri commands: a few lines each, calling into the crates.

use crate::error::CommandError;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelStatus {
    name: String,
    path: String,
    present: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    version: &'static str,
    data_dir: String,
    model: ModelStatus,
}

/// Where the app keeps its data and whether the default speech model is installed.
#[tauri::command]
pub fn app_status() -> Result<AppStatus, CommandError> {
    let catalogue = asr::Catalogue::builtin();
    let entry = catalogue.default_model();
    let path = store::models_dir().join(&entry.file);
    let present = std::fs::metadata(&path)
        .map(|m| m.len() == entry.bytes)
        .unwrap_or(false);
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: store::data_dir().display().to_string(),
        model: ModelStatus {
            name: entry.name.clone(),
            path: path.display().to_string(),
            present,
        },
    })
}
