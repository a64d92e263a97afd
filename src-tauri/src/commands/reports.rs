//! Files to keep and to carry: a report of a take, a mock interview or the whole history in the
//! reports folder (`pipeline::reports`, `report`), and the history as an archive to import on
//! another machine (`store::archive`); the UI shows where each went.

use crate::error::{CommandError, ErrorKind};
use crate::services::{blocking, service, HistoryService};
use pipeline::reports::{build_report, ReportSubject};
use serde::Serialize;
use tauri::AppHandle;

#[derive(Serialize, ts_rs::TS)]
pub struct ExportedReport {
    pub path: String,
    pub takes: usize,
    pub bytes: usize,
}

/// Writes the report of `subject` as `format` into the reports folder; days and times in it
/// are `utc_offset_minutes` ahead of UTC, the page's zone.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    subject: ReportSubject,
    format: report::Format,
    utc_offset_minutes: i32,
) -> Result<ExportedReport, CommandError> {
    blocking(app, move |app| {
        let now = std::time::SystemTime::now();
        let report = service::<HistoryService>(app).with_store(|s| {
            build_report(
                s,
                subject,
                store::recordings::unix_ms(now),
                utc_offset_minutes,
                format.holds_audio(),
            )
        })?;
        let name = match subject {
            ReportSubject::Take { id } => format!("take-{id}"),
            ReportSubject::Session { id } => format!("session-{id}"),
            ReportSubject::History => "history".into(),
        };
        let dir = store::reports_dir();
        std::fs::create_dir_all(&dir).map_err(|e| {
            CommandError::new(
                ErrorKind::FileWrite,
                format!("cannot create the reports folder {}: {e}", dir.display()),
            )
        })?;
        let path = dir.join(format!(
            "star-coach-{name}-{}.{}",
            store::recordings::utc_stamp(now),
            format.extension()
        ));
        let text = format.render(&report);
        store::recordings::write_atomically(&path, text.as_bytes())?;
        Ok(ExportedReport {
            path: path.display().to_string(),
            takes: report.takes.len(),
            bytes: text.len(),
        })
    })
    .await
}

#[derive(Serialize, ts_rs::TS)]
pub struct ExportedArchive {
    pub path: String,
    #[serde(flatten)]
    pub summary: store::archive::ArchiveSummary,
}

/// Writes the whole history and its recordings as one archive into the data folder's
/// `archives/`, to carry to another machine.
#[tauri::command]
pub async fn export_archive(app: AppHandle) -> Result<ExportedArchive, CommandError> {
    blocking(app, move |app| {
        let now = std::time::SystemTime::now();
        let dir = store::data_dir().join("archives");
        std::fs::create_dir_all(&dir).map_err(|e| {
            CommandError::new(
                ErrorKind::FileWrite,
                format!("cannot create the folder {}: {e}", dir.display()),
            )
        })?;
        let path = dir.join(format!(
            "star-coach-{}.tar",
            store::recordings::utc_stamp(now)
        ));
        let summary = service::<HistoryService>(app)
            .with_archive(|s| s.export_archive(&path, store::recordings::unix_ms(now)))?;
        Ok(ExportedArchive {
            path: path.display().to_string(),
            summary,
        })
    })
    .await
}

/// Adds the takes of the archive at `path` to the history (checked whole first).
#[tauri::command]
pub async fn import_archive(
    app: AppHandle,
    path: String,
) -> Result<store::archive::ImportReport, CommandError> {
    blocking(app, move |app| {
        let now = store::recordings::unix_ms(std::time::SystemTime::now());
        service::<HistoryService>(app).with_archive(|s| {
            s.import_archive(
                std::path::Path::new(path.trim()),
                &store::recordings_dir(),
                now,
            )
        })
    })
    .await
}
