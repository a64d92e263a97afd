//! The question packs on Home.

use crate::error::CommandError;
use coach::Question;
use serde::Serialize;

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
