//! What the app holds while it runs: the history database, the speech model (loaded once, in
//! the background at start-up), the take being recorded and the mock interview in progress.

use crate::error::CommandError;
use crate::settings::Settings;
use asr::Transcriber;
use audio::capture::Stopper;
use coach::Question;
use pipeline::TakeAssessment;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use store::Store;

pub struct AppState {
    store: Mutex<Result<Store, CommandError>>,
    model: ModelSlot,
    pub settings: Mutex<Settings>,
    /// Stops the take being recorded.
    pub take: Mutex<Option<Stopper>>,
    /// A take is being recorded or assessed (set before its thread starts, so two quick
    /// presses cannot start two).
    pub busy: AtomicBool,
    pub mock: Mutex<Option<MockInterview>>,
}

/// A mock interview in progress: its session row and folder, and each answer so far.
pub struct MockInterview {
    pub session_id: i64,
    pub folder: PathBuf,
    pub answers: Vec<(Question, TakeAssessment)>,
}

/// A loaded model and its catalogue name (stored with every take).
#[derive(Clone)]
pub struct LoadedModel {
    pub transcriber: Arc<Transcriber>,
    pub name: String,
}

/// The speech model, loaded once on a background thread; takes wait for it.
struct ModelSlot {
    loaded: Mutex<Option<Result<LoadedModel, CommandError>>>,
    ready: Condvar,
}

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not take the whole app down with a poisoned lock.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    pub fn new() -> AppState {
        let store = Store::open(&store::database_path()).map_err(CommandError::from);
        if let Err(e) = &store {
            tracing::error!("{e}");
        }
        AppState {
            store: Mutex::new(store),
            model: ModelSlot {
                loaded: Mutex::new(None),
                ready: Condvar::new(),
            },
            settings: Mutex::new(Settings::load()),
            take: Mutex::new(None),
            busy: AtomicBool::new(false),
            mock: Mutex::new(None),
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

    pub fn store_error(&self) -> Option<CommandError> {
        lock(&self.store).as_ref().err().cloned()
    }

    /// Forgets the loaded model (takes wait for the next `load_model`).
    pub fn unload_model(&self) {
        *lock(&self.model.loaded) = None;
    }

    /// Loads the chosen model; called at start-up and when the choice changes, on its own
    /// thread.
    pub fn load_model(&self) {
        let entry = active_model(&lock(&self.settings));
        let path = store::models_dir().join(&entry.file);
        let result = if !path.is_file() {
            Err(CommandError::new(
                "no_model",
                format!(
                    "the speech model is not installed: {} is missing. Run ./scripts/run.sh \
                         (or `star-coach models fetch`) to install it.",
                    path.display()
                ),
            ))
        } else {
            Transcriber::load(&path)
                .map(|t| LoadedModel {
                    transcriber: Arc::new(t),
                    name: entry.name.clone(),
                })
                .map_err(|e| CommandError::new("model_load", format!("{}: {e}", path.display())))
        };
        if let Err(e) = &result {
            tracing::error!("{e}");
        }
        *lock(&self.model.loaded) = Some(result);
        self.model.ready.notify_all();
    }

    /// Assesses the takes a crash kept out of the history and adds them. Runs once the model is
    /// loaded, with its own connection to the database so the UI is never kept waiting.
    pub fn recover_pending_takes(&self) {
        let Ok(model) = self.transcriber() else {
            return;
        };
        let mut store = match Store::open(&store::database_path()) {
            Ok(store) => store,
            Err(e) => return tracing::warn!("no recovery of pending takes: {e}"),
        };
        let being_written = audio::take_file::takes_being_written(&store::journal_dir());
        for result in pipeline::recover_pending_takes(
            &mut store,
            &model.transcriber,
            &store::recordings_dir(),
            &being_written,
            &model.name,
        ) {
            match result {
                pipeline::Recovered::Added { wav, take_id } => {
                    tracing::info!(
                        "recovered {} into the history as take {take_id}",
                        wav.display()
                    )
                }
                pipeline::Recovered::NeverRecorded { wav } => {
                    tracing::info!("{} was never recorded; nothing to recover", wav.display())
                }
                pipeline::Recovered::Failed { wav, reason } => {
                    tracing::warn!("cannot recover {} yet: {reason}", wav.display())
                }
            }
        }
    }

    /// The speech model, waiting for the start-up load to finish.
    pub fn transcriber(&self) -> Result<LoadedModel, CommandError> {
        let mut loaded = lock(&self.model.loaded);
        while loaded.is_none() {
            loaded = self
                .model
                .ready
                .wait(loaded)
                .unwrap_or_else(|e| e.into_inner());
        }
        loaded.as_ref().expect("checked above").clone()
    }
}

/// The model chosen in Settings when the catalogue knows it, else the catalogue's default.
pub fn active_model(settings: &Settings) -> asr::ModelEntry {
    let catalogue = asr::Catalogue::builtin();
    settings
        .model
        .as_deref()
        .and_then(|name| catalogue.get(name).ok().cloned())
        .unwrap_or_else(|| catalogue.default_model().clone())
}
