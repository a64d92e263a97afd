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

/// The speech model, loaded once on a background thread; takes wait for it.
struct ModelSlot {
    loaded: Mutex<Option<Result<Arc<Transcriber>, CommandError>>>,
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

    /// Loads the default model; called once at start-up on its own thread.
    pub fn load_model(&self) {
        let result = model_path().and_then(|path| {
            if !path.is_file() {
                return Err(CommandError::new(
                    "no_model",
                    format!(
                        "the speech model is not installed: {} is missing. Run ./scripts/run.sh \
                         (or `star-coach models fetch`) to install it.",
                        path.display()
                    ),
                ));
            }
            Transcriber::load(&path)
                .map(Arc::new)
                .map_err(|e| CommandError::new("model_load", format!("{}: {e}", path.display())))
        });
        if let Err(e) = &result {
            tracing::error!("{e}");
        }
        *lock(&self.model.loaded) = Some(result);
        self.model.ready.notify_all();
    }

    /// The speech model, waiting for the start-up load to finish.
    pub fn transcriber(&self) -> Result<Arc<Transcriber>, CommandError> {
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

pub fn model_path() -> Result<PathBuf, CommandError> {
    let catalogue = asr::Catalogue::builtin();
    Ok(store::models_dir().join(&catalogue.default_model().file))
}

pub fn model_id() -> String {
    asr::Catalogue::builtin().default_model().name.clone()
}
