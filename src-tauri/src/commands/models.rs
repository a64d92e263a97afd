//! Speech models in Settings: which are known and installed, fetching one with progress, and
//! choosing the one in use.

use crate::error::{CommandError, ErrorKind};
use crate::services::models::active_model;
use crate::services::{service, ModelService, SettingsService};
use asr::{Catalogue, Progress};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

#[derive(Serialize, ts_rs::TS)]
pub struct ModelInfo {
    name: String,
    file: String,
    #[ts(type = "number")]
    bytes: u64,
    languages: Vec<String>,
    /// The file is in the models folder with the catalogue's size.
    present: bool,
    /// The catalogue's recommendation.
    default: bool,
    /// The model takes are transcribed with.
    active: bool,
    /// How it did on the project's bench machine (catalogue), when it was measured.
    measured: Option<MeasuredOnBench>,
}

/// `asr::ModelMeasured` for the screens.
#[derive(Serialize, ts_rs::TS)]
pub struct MeasuredOnBench {
    one_shot_rtf: f64,
    live_p50_seconds: f64,
    real_speech_wer: f64,
    held_out_wer: f64,
}

impl From<&asr::ModelMeasured> for MeasuredOnBench {
    fn from(m: &asr::ModelMeasured) -> Self {
        MeasuredOnBench {
            one_shot_rtf: m.one_shot_rtf,
            live_p50_seconds: m.live_p50_seconds,
            real_speech_wer: m.real_speech_wer,
            held_out_wer: m.held_out_wer,
        }
    }
}

#[tauri::command]
pub fn list_models(settings: State<'_, SettingsService>) -> Result<Vec<ModelInfo>, CommandError> {
    let catalogue = Catalogue::builtin();
    let active = active_model(&settings.get());
    Ok(catalogue
        .models
        .iter()
        .map(|m| ModelInfo {
            name: m.name.clone(),
            file: m.file.clone(),
            bytes: m.bytes,
            languages: m.languages.clone(),
            present: std::fs::metadata(store::model_path(&m.file))
                .is_ok_and(|f| f.len() == m.bytes),
            default: m.default,
            active: m.name == active.name,
            measured: m.measured.as_ref().map(MeasuredOnBench::from),
        })
        .collect())
}

#[derive(Clone, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ModelProgress {
    Downloading {
        #[ts(type = "number")]
        done: u64,
        #[ts(type = "number")]
        total: u64,
    },
    Verifying {
        #[ts(type = "number")]
        done: u64,
        #[ts(type = "number")]
        total: u64,
    },
    /// Tensors of a model folder converted so far.
    Converting {
        #[ts(type = "number")]
        done: u64,
        #[ts(type = "number")]
        total: u64,
    },
    Done,
    Failed(CommandError),
}

/// Downloads and verifies a catalogue model (the only network use of the app, and only when
/// asked). Progress arrives on `on_progress`, at most 10 times a second.
#[tauri::command]
pub fn fetch_model(
    app: AppHandle,
    name: String,
    on_progress: Channel<ModelProgress>,
) -> Result<(), CommandError> {
    let catalogue = Catalogue::builtin();
    let entry = catalogue.get(&name)?.clone();
    install_in_background(app, on_progress, move |report| {
        asr::fetch_model(&entry, &entry.url, &store::models_dir(), report)
            .map(|_| entry.name)
            .map_err(|e| e.to_string())
    })
}

/// Takes in a model the user picked, recognised among the catalogue's models by its sha256: a
/// model file (downloaded elsewhere, copied from another install), or a CTranslate2
/// (faster-whisper) folder, converted first. Progress as for [`fetch_model`].
#[tauri::command]
pub fn import_model(
    app: AppHandle,
    path: String,
    on_progress: Channel<ModelProgress>,
) -> Result<(), CommandError> {
    let source = std::path::PathBuf::from(path.trim());
    if source.as_os_str().is_empty() {
        return Err(CommandError::new(
            ErrorKind::ModelFetch,
            "say which model file or folder to import: its path",
        ));
    }
    install_in_background(app, on_progress, move |report| {
        let (catalogue, dir) = (Catalogue::builtin(), store::models_dir());
        let installed = if source.is_dir() {
            model_import::import_as_catalogue_model(&catalogue, &source, &dir, report)
                .map_err(|e| e.to_string())
        } else {
            asr::copy_in_model(&catalogue, &source, &dir, report).map_err(|e| e.to_string())
        };
        installed.map(|(entry, _)| entry.name)
    })
}

/// Runs an install on its own thread, reporting at most 10 times a second. A fresh copy of the
/// model in use (the old one was missing or damaged) is loaded at once, so takes need no restart.
fn install_in_background(
    app: AppHandle,
    on_progress: Channel<ModelProgress>,
    install: impl FnOnce(&mut dyn FnMut(Progress)) -> Result<String, String> + Send + 'static,
) -> Result<(), CommandError> {
    std::thread::Builder::new()
        .name("model-install".into())
        .spawn(move || {
            let mut last = std::time::Instant::now() - std::time::Duration::from_secs(1);
            let mut report = |p: Progress| {
                if last.elapsed().as_millis() < 100 {
                    return;
                }
                last = std::time::Instant::now();
                let _ = on_progress.send(match p {
                    Progress::Downloading { done, total } => {
                        ModelProgress::Downloading { done, total }
                    }
                    Progress::Verifying { done, total } => ModelProgress::Verifying { done, total },
                    Progress::Converting { done, total } => {
                        ModelProgress::Converting { done, total }
                    }
                });
            };
            let result = install(&mut report);
            if let Ok(name) = &result {
                let settings = service::<SettingsService>(&app).get();
                if active_model(&settings).name == *name {
                    let models = service::<ModelService>(&app);
                    let ticket = models.begin_load();
                    models.load(ticket, &settings);
                }
            }
            let _ = on_progress.send(match result {
                Ok(_) => ModelProgress::Done,
                Err(e) => ModelProgress::Failed(CommandError::new(ErrorKind::ModelFetch, e)),
            });
        })
        .map_err(|e| CommandError::new(ErrorKind::Internal, e.to_string()))?;
    Ok(())
}

/// Makes an installed model the one takes are transcribed with; it loads in the background
/// (a newer choice made while it loads wins).
#[tauri::command]
pub fn use_model(
    app: AppHandle,
    settings: State<'_, SettingsService>,
    models: State<'_, ModelService>,
    name: String,
) -> Result<(), CommandError> {
    let catalogue = Catalogue::builtin();
    let entry = catalogue.get(&name)?;
    let path = store::model_path(&entry.file);
    if !std::fs::metadata(&path).is_ok_and(|f| f.len() == entry.bytes) {
        return Err(CommandError::new(
            ErrorKind::NoModel,
            format!(
                "{} is not installed ({} is missing): fetch it first",
                name,
                path.display()
            ),
        ));
    }
    settings.update(|s| s.model = Some(name))?;
    let ticket = models.begin_load();
    let chosen = settings.get();
    std::thread::Builder::new()
        .name("model-load".into())
        .spawn(move || service::<ModelService>(&app).load(ticket, &chosen))
        .map_err(|e| CommandError::new(ErrorKind::Internal, e.to_string()))?;
    Ok(())
}
