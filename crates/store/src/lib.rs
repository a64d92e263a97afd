//! Storage for STAR Coach: where data lives on disk (`paths`), and the SQLite history of
//! practice sessions and takes (`db`), with versioned migrations (`schema`).

mod answers;
pub mod archive;
mod db;
mod error;
pub mod instance;
pub mod packs;
pub mod paths;
mod reassessed;
pub mod recordings;
mod schema;
pub mod stories;

pub use answers::StoredAnswer;
pub use db::{NewTake, SessionKind, Store, TakeRecord, TakeSummary};
pub use error::StoreError;
pub use paths::{
    data_dir, database_path, journal_dir, model_path, models_dir, packaged_models_dir, packs_dir,
    recordings_dir, reports_dir,
};
pub use reassessed::{EarlierAssessment, TakeToReassess};
pub use schema::{backup_path, LATEST_VERSION, MIGRATIONS};
