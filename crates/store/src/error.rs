//! Why the store refused: each error names the database file and what was wrong, and has a
//! stable `kind()` for the UI.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the history database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot create the folder {path} for the history database: {source}")]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the history database {path} was written by a newer STAR Coach (schema version {found}; \
         this version reads up to {supported}). It was left untouched: update STAR Coach, or \
         point STAR_COACH_DATA at another folder."
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "the history database {path} is damaged or is not a STAR Coach database ({detail}). \
         It was left untouched: move it aside to start a fresh history, or restore a backup."
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("the history database {path}: {source}")]
    Sql {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "could not keep a copy of the history database {path} at {backup} before updating it \
         ({source}); it was left as it was"
    )]
    Backup {
        path: PathBuf,
        backup: PathBuf,
        source: rusqlite::Error,
    },
    #[error("take {0} is not in the history")]
    TakeNotFound(i64),
    #[error("session {0} is not in the history")]
    SessionNotFound(i64),
    #[error("earlier assessment {0} is not in the history")]
    EarlierAssessmentNotFound(i64),
    #[error("the stored {what} of take {take} cannot be read: {source}")]
    BadJson {
        take: i64,
        what: &'static str,
        source: serde_json::Error,
    },
    #[error(
        "take {take} was assessed by an older version of STAR Coach ({scorer_version}) whose \
         assessment this version cannot read: {source}"
    )]
    OlderAssessment {
        take: i64,
        scorer_version: String,
        source: serde_json::Error,
    },
    #[error("cannot encode the assessment: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("cannot delete the recording {path}: {source}")]
    DeleteFile {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl StoreError {
    /// A stable name for the UI to branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            StoreError::Open { .. } | StoreError::CreateFolder { .. } => "database_open",
            StoreError::NewerSchema { .. } => "database_newer",
            StoreError::Corrupt { .. } => "database_corrupt",
            StoreError::Sql { .. } => "database",
            StoreError::Backup { .. } => "file_write",
            StoreError::TakeNotFound(_)
            | StoreError::SessionNotFound(_)
            | StoreError::EarlierAssessmentNotFound(_) => "not_found",
            StoreError::BadJson { .. } => "database_corrupt",
            StoreError::OlderAssessment { .. } => "assessment_outdated",
            StoreError::Encode(_) => "internal",
            StoreError::DeleteFile { .. } => "file_delete",
        }
    }
}
