//! History: every take, one take with its feedback, and deleting (the UI confirms first).

use crate::error::CommandError;
use crate::state::AppState;
use store::{TakeRecord, TakeSummary};
use tauri::State;

#[tauri::command]
pub fn list_takes(state: State<'_, AppState>) -> Result<Vec<TakeSummary>, CommandError> {
    state.with_store(|s| s.takes())
}

#[tauri::command]
pub fn get_take(state: State<'_, AppState>, id: i64) -> Result<TakeRecord, CommandError> {
    state.with_store(|s| s.take(id))
}

#[tauri::command]
pub fn delete_take(state: State<'_, AppState>, id: i64) -> Result<(), CommandError> {
    state.with_store(|s| s.delete_take(id))
}

/// Returns how many takes were deleted.
#[tauri::command]
pub fn delete_all_takes(state: State<'_, AppState>) -> Result<usize, CommandError> {
    state.with_store(|s| s.delete_all())
}
