//! The question packs: listed on Home, and made, changed, imported, exported and deleted in
//! the pack editor (`store::packs` does the work and the checking).

use crate::error::CommandError;
use crate::services::blocking;
use coach::packs::PackProblem;
use coach::{Question, QuestionPack};
use serde::Serialize;
use store::packs::PackFileError;
use tauri::AppHandle;

#[derive(Serialize, ts_rs::TS)]
pub struct PackInfo {
    id: String,
    name: String,
    description: String,
    /// "built-in" or the file it was imported from.
    origin: String,
    questions: Vec<Question>,
}

#[tauri::command]
pub fn list_packs() -> Result<Vec<PackInfo>, CommandError> {
    Ok(store::packs::all_packs()?
        .into_iter()
        .map(|(p, origin)| PackInfo {
            id: p.id,
            name: p.name,
            description: p.description,
            origin,
            questions: p.questions,
        })
        .collect())
}

/// A whole pack for the editor.
#[tauri::command]
pub async fn get_pack(app: AppHandle, id: String) -> Result<QuestionPack, CommandError> {
    blocking(app, move |_| Ok(store::packs::find_pack(&id)?)).await
}

/// Saves a pack from the editor (`replacing`: the id it had when opened, none when new).
/// A problem with the pack comes back as the question and field to fix, nothing written.
#[tauri::command]
pub async fn save_pack(
    app: AppHandle,
    pack: QuestionPack,
    replacing: Option<String>,
) -> Result<Option<PackProblem>, CommandError> {
    blocking(app, move |_| {
        match store::packs::save_pack(&store::packs_dir(), &pack, replacing.as_deref()) {
            Ok(_) => Ok(None),
            Err(PackFileError::Problem(problem)) => Ok(Some(problem)),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

/// Deletes one of the user's packs (the UI confirms first; the takes stay in the history).
#[tauri::command]
pub async fn delete_pack(app: AppHandle, id: String) -> Result<(), CommandError> {
    blocking(app, move |_| {
        store::packs::delete_pack(&store::packs_dir(), &id)?;
        Ok(())
    })
    .await
}

/// Adds the pack file at `path` to the user's packs; `replace` overwrites one with its id.
#[tauri::command]
pub async fn import_pack(
    app: AppHandle,
    path: String,
    replace: bool,
) -> Result<String, CommandError> {
    blocking(app, move |_| {
        let file = std::path::Path::new(path.trim());
        let (pack, _) = store::packs::import_pack(&store::packs_dir(), file, replace)?;
        Ok(pack.id)
    })
    .await
}

/// Writes pack `id` as TOML into the data folder's `exports` folder; returns the file's path.
#[tauri::command]
pub async fn export_pack(app: AppHandle, id: String) -> Result<String, CommandError> {
    blocking(app, move |_| {
        let dest = store::data_dir().join("exports").join(format!("{id}.toml"));
        store::packs::export_pack(&store::packs_dir(), &id, &dest)?;
        Ok(dest.display().to_string())
    })
    .await
}
