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
    let path = store::models_dir().join(&entry.file);
    let result = if !path.is_file() {
        Err(CommandError::new(
            ErrorKind::NoModel,
            format!(
                "the speech model is not installed: {} is missing. Run ./scripts/run.sh \
                 (or `star-coach models fetch`) to install it.",
                path.display()
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
