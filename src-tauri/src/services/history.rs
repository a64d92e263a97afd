//! The history database as the app's screens use it: one connection, opened at start-up. A
//! database that cannot be opened (newer or damaged) is reported by every history command and
//! by the status, and the takes are still saved as files (see `pipeline::PracticeSession`).

use super::lock;
use crate::error::CommandError;
use std::sync::Mutex;
use store::Store;

pub struct HistoryService {
    store: Mutex<Result<Store, CommandError>>,
}

impl HistoryService {
    pub fn open() -> Self {
        let store = Store::open(&store::database_path()).map_err(CommandError::from);
        if let Err(e) = &store {
            tracing::error!("{e}");
        }
        HistoryService {
            store: Mutex::new(store),
        }
    }

    /// Runs `f` with the database, or says why there is none.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, store::StoreError>,
    ) -> Result<T, CommandError> {
        let mut guard = lock(&self.store);
        match guard.as_mut() {
            Ok(store) => f(store).map_err(CommandError::from),
            Err(e) => Err(e.clone()),
        }
    }

    /// Runs archive work `f` with the database, or says why there is none.
    pub fn with_archive<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, store::archive::ArchiveError>,
    ) -> Result<T, CommandError> {
        let mut guard = lock(&self.store);
        match guard.as_mut() {
            Ok(store) => f(store).map_err(CommandError::from),
            Err(e) => Err(e.clone()),
        }
    }

    pub fn problem(&self) -> Option<CommandError> {
        lock(&self.store).as_ref().err().cloned()
    }
}
