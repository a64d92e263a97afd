//! Assessing old takes again with this version's scorer (`pipeline::reassess`), from History
//! or a take's Results: on a thread of its own, one take at a time, with progress on a channel
//! and a cancel that takes effect between takes. It holds the app like a take does, so no take
//! starts while old ones are heard.

use crate::error::{CommandError, ErrorKind};
use crate::services::{service, HistoryService, ModelService, PracticeService};
use pipeline::{HistoryAccess, ReassessError, ReassessProgress, ReassessReport};
use serde::Serialize;
use store::{Store, StoreError};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReassessEvent {
    /// Take `take_id` is being assessed; `done` of `total` are finished.
    Working {
        #[ts(type = "number")]
        take_id: i64,
        done: usize,
        total: usize,
    },
    Done(ReassessReport),
    Failed(CommandError),
}

/// The app's history, used a moment at a time.
struct AppHistory<'a>(&'a HistoryService);

impl HistoryAccess for AppHistory<'_> {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, ReassessError> {
        // A store error keeps its own kind; only a history that never opened is "unavailable".
        match self.0.with_store(|s| Ok(f(s))) {
            Ok(result) => Ok(result?),
            Err(e) => Err(ReassessError::HistoryUnavailable(e.message)),
        }
    }
}

/// Assesses `ids` again, or with none every take an older scorer assessed. Returns at once;
/// the work reports on `on_progress` and ends with `done` or `failed`.
#[tauri::command]
pub fn reassess_takes(
    app: AppHandle,
    practice: State<'_, PracticeService>,
    ids: Option<Vec<i64>>,
    on_progress: Channel<ReassessEvent>,
) -> Result<(), CommandError> {
    let (claim, cancel) = practice.claim_reassess()?;
    std::thread::Builder::new()
        .name("reassess".into())
        .spawn(move || {
            let result = (|| {
                let history = service::<HistoryService>(&app);
                let ids = match ids {
                    Some(ids) => ids,
                    None => history.with_store(|s| s.takes_scored_before(coach::SCORER_VERSION))?,
                };
                let model = service::<ModelService>(&app).model()?;
                let access = AppHistory(&history);
                Ok::<_, CommandError>(pipeline::reassess_takes(
                    &access,
                    &model,
                    &asr::TranscribeOptions::default(),
                    &ids,
                    &cancel,
                    |p| {
                        if let ReassessProgress::Starting { id, done, total } = p {
                            let _ = on_progress.send(ReassessEvent::Working {
                                take_id: id,
                                done,
                                total,
                            });
                        }
                    },
                ))
            })();
            drop(claim);
            let _ = on_progress.send(match result {
                Ok(report) => ReassessEvent::Done(report),
                Err(e) => ReassessEvent::Failed(e),
            });
        })
        .map_err(|e| CommandError::new(ErrorKind::Internal, e.to_string()))?;
    Ok(())
}

/// Stops re-assessing after the take under way; false when nothing was running.
#[tauri::command]
pub fn cancel_reassess(practice: State<'_, PracticeService>) -> bool {
    practice.cancel_reassess()
}
