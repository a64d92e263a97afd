//! The speech model takes are transcribed with: loaded on a background thread at start-up and
//! whenever the choice changes; takes wait for it. Loads are numbered, so when the user
//! changes the model twice in quick succession the older load cannot finish last and win.

use super::lock;
use crate::error::{CommandError, ErrorKind};
use crate::settings::Settings;
use pipeline::SpeechModel;
use std::sync::{Condvar, Mutex};

#[derive(Default)]
pub struct ModelService {
    slot: Mutex<Slot>,
    ready: Condvar,
}

#[derive(Default)]
struct Slot {
    /// The number of the newest load asked for.
    newest: u64,
    loaded: Option<Result<SpeechModel, CommandError>>,
}

/// A load asked for, to be finished by [`ModelService::finish_load`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadTicket(u64);

impl ModelService {
    /// Forgets the loaded model and numbers a new load; takes wait until it is finished.
    pub fn begin_load(&self) -> LoadTicket {
        let mut slot = lock(&self.slot);
        slot.newest += 1;
        slot.loaded = None;
        LoadTicket(slot.newest)
    }

    /// Loads the model chosen in `settings` and publishes it (slow: run it on its own thread).
    pub fn load(&self, ticket: LoadTicket, settings: &Settings) {
        self.finish_load(ticket, load_chosen(settings));
    }

    /// Publishes a load's result, unless a newer load was asked for meanwhile. Returns whether
    /// it was kept.
    pub fn finish_load(
        &self,
        ticket: LoadTicket,
        result: Result<SpeechModel, CommandError>,
    ) -> bool {
        let mut slot = lock(&self.slot);
        if ticket.0 != slot.newest {
            tracing::info!("a newer model was chosen while this one loaded; it is dropped");
            return false;
        }
        slot.loaded = Some(result);
        self.ready.notify_all();
        true
    }

    /// Why the newest load failed, once it has finished; None while it loads or if it worked.
    pub fn problem(&self) -> Option<CommandError> {
        match &lock(&self.slot).loaded {
            Some(Err(e)) => Some(e.clone()),
            _ => None,
        }
    }

    /// The speech model, waiting for the newest load to finish.
    pub fn model(&self) -> Result<SpeechModel, CommandError> {
        let mut slot = lock(&self.slot);
        while slot.loaded.is_none() {
            slot = self.ready.wait(slot).unwrap_or_else(|e| e.into_inner());
        }
        slot.loaded.as_ref().expect("checked above").clone()
    }
}

/// Loads the model chosen in `settings`, or says why it cannot be used.
pub fn load_chosen(settings: &Settings) -> Result<SpeechModel, CommandError> {
    let entry = active_model(settings);
    let path = store::model_path(&entry.file);
    let result = if !path.is_file() {
        Err(CommandError::new(
            ErrorKind::NoModel,
            format!(
                "the speech model {} is not installed ({} is missing): fetch it in Settings, \
                 Speech model",
                entry.name,
                path.display()
            ),
        ))
    } else if let Err(e) = asr::verify_file(&entry, &path, &mut |_| {}) {
        // Checked at every start: a model damaged on disk would otherwise load and write
        // nonsense, or fail deep inside whisper.cpp with no word of which file.
        Err(CommandError::new(
            ErrorKind::ModelLoad,
            format!(
                "the speech model {} is damaged ({e}): fetch it again in Settings, Speech model",
                entry.name
            ),
        ))
    } else {
        SpeechModel::load(&path)
            .map(|model| SpeechModel {
                name: entry.name.clone(),
                ..model
            })
            .map_err(|e| {
                CommandError::new(ErrorKind::ModelLoad, format!("{}: {e}", path.display()))
            })
    };
    if let Err(e) = &result {
        tracing::error!("{e}");
    }
    result
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn failed(name: &str) -> Result<SpeechModel, CommandError> {
        Err(CommandError::new(ErrorKind::ModelLoad, name))
    }

    /// A model file of the right size whose bytes are not the catalogue's (a damaged download,
    /// a disk fault) is refused before whisper.cpp reads it, and the message says what to do.
    #[test]
    fn a_damaged_model_is_refused_at_load_with_the_way_to_a_fresh_copy() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::default();
        let entry = active_model(&settings);
        let file = std::fs::File::create(dir.path().join(&entry.file)).unwrap();
        file.set_len(entry.bytes).unwrap();
        // The only test here that reads the models folder, so setting it cannot race.
        std::env::set_var("STAR_COACH_MODELS", dir.path());
        let error = load_chosen(&settings)
            .err()
            .expect("a damaged model is refused");
        std::env::remove_var("STAR_COACH_MODELS");
        assert_eq!(error.kind, ErrorKind::ModelLoad);
        assert!(
            error.message.contains("is damaged") && error.message.contains("Settings"),
            "{}",
            error.message
        );
        let models = ModelService::default();
        let ticket = models.begin_load();
        assert!(models.problem().is_none(), "nothing to say while it loads");
        models.finish_load(ticket, Err(error));
        assert!(models.problem().is_some());
    }

    #[test]
    fn a_stale_load_cannot_win_and_takes_wait_for_the_newest() {
        let models = Arc::new(ModelService::default());
        let first = models.begin_load();
        let second = models.begin_load();
        let waiter = {
            let models = models.clone();
            std::thread::spawn(move || models.model().err().unwrap().message)
        };
        // The first load finishes last in real time, but second in the user's choices.
        assert!(!models.finish_load(first, failed("first choice")));
        assert!(models.finish_load(second, failed("second choice")));
        assert_eq!(waiter.join().unwrap(), "second choice");
        assert!(!models.finish_load(first, failed("first choice")));
        assert_eq!(models.model().err().unwrap().message, "second choice");
    }
}
