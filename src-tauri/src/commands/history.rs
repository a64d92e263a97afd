//! History: every take, one take with its feedback, and deleting (the UI confirms first).
//! Database work runs off the main thread.

use crate::error::CommandError;
use crate::services::{blocking, service, HistoryService};
use store::{TakeRecord, TakeSummary};
use tauri::AppHandle;

#[tauri::command]
pub async fn list_takes(app: AppHandle) -> Result<Vec<TakeSummary>, CommandError> {
    blocking(app, |app| {
        service::<HistoryService>(app).with_store(|s| s.takes())
    })
    .await
}

#[tauri::command]
pub async fn get_take(app: AppHandle, id: i64) -> Result<TakeRecord, CommandError> {
    blocking(app, move |app| {
        service::<HistoryService>(app).with_store(|s| s.take(id))
    })
    .await
}

/// The outline of a take's recording, drawn without decoding the audio in the web view.
#[tauri::command]
pub async fn take_waveform(app: AppHandle, id: i64) -> Result<audio::Waveform, CommandError> {
    blocking(app, move |app| {
        let take = service::<HistoryService>(app).with_store(|s| s.take(id))?;
        let recording = audio::read_wav_mono(std::path::Path::new(&take.summary.wav_path))?;
        Ok(audio::waveform(&recording, audio::WAVEFORM_POINTS))
    })
    .await
}

#[tauri::command]
pub async fn delete_take(app: AppHandle, id: i64) -> Result<(), CommandError> {
    blocking(app, move |app| {
        service::<HistoryService>(app).with_store(|s| s.delete_take(id))
    })
    .await
}

/// Which attempt at its question a take is, the best so far, and what changed since the last.
#[tauri::command]
pub async fn take_attempt(app: AppHandle, id: i64) -> Result<pipeline::Attempt, CommandError> {
    blocking(app, move |app| {
        service::<HistoryService>(app).with_store(|s| pipeline::attempt_of(s, id))
    })
    .await
}

/// Two takes side by side: score deltas, STAR shares, findings gone and new, the word diff.
#[tauri::command]
pub async fn compare_takes(
    app: AppHandle,
    before: i64,
    after: i64,
) -> Result<coach::compare::TakeComparison, CommandError> {
    blocking(app, move |app| {
        service::<HistoryService>(app).with_store(|s| {
            let (a, b) = (s.take(before)?, s.take(after)?);
            Ok(coach::compare::compare_takes(&a.assessment, &b.assessment))
        })
    })
    .await
}

/// Returns how many takes were deleted.
#[tauri::command]
pub async fn delete_all_takes(app: AppHandle) -> Result<usize, CommandError> {
    blocking(app, |app| {
        service::<HistoryService>(app).with_store(|s| s.delete_all())
    })
    .await
}

/// What to practise next: the questions practised before, due ones first (`coach::review`).
#[tauri::command]
pub async fn review_queue(app: AppHandle) -> Result<Vec<pipeline::ReviewEntry>, CommandError> {
    blocking(app, move |app| {
        let packs: Vec<coach::QuestionPack> = store::packs::all_packs()?
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        let now = store::recordings::unix_ms(std::time::SystemTime::now());
        service::<HistoryService>(app).with_store(|s| pipeline::review(s, &packs, now))
    })
    .await
}

/// Every answer's figures over time in one scope, with personal bests and days practised
/// (`coach::progress`); days are counted `utc_offset_minutes` ahead of UTC, the page's zone.
#[tauri::command]
pub async fn progress(
    app: AppHandle,
    scope: coach::progress::ProgressScope,
    utc_offset_minutes: i32,
) -> Result<pipeline::ProgressView, CommandError> {
    blocking(app, move |app| {
        let now = store::recordings::unix_ms(std::time::SystemTime::now());
        service::<HistoryService>(app)
            .with_store(|s| pipeline::progress_view(s, scope, now, utc_offset_minutes))
    })
    .await
}
