//! The STAR Coach desktop shell: window, services, commands and their wiring. Business logic
//! lives in the crates (coach, audio, asr, pipeline, store); this crate only connects them to
//! the web front end (ARCHITECTURE.md, "The desktop shell").

mod commands;
mod error;
mod services;
mod settings;

#[cfg(test)]
mod bindings;

pub use error::CommandError;

use services::{
    service, HistoryService, LaunchWatch, ModelService, PracticeService, SettingsService,
};
use tauri::Manager;

pub fn run() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,whisper_rs=off")),
        )
        .try_init();
    // One app per data folder: a second launch brings the first window forward and ends
    // here, before it opens the history or the microphone.
    let data = store::data_dir();
    let instance = match store::instance::claim(&data) {
        Ok(store::instance::Instance::First(lock)) => Some(lock),
        Ok(store::instance::Instance::Running) => {
            if let Err(e) = store::instance::wake_running(&data) {
                tracing::warn!("the STAR Coach already open did not answer: {e}");
            }
            eprintln!(
                "STAR Coach is already open with the data folder {}: its window was brought \
                 forward.",
                data.display()
            );
            return;
        }
        Err(e) => {
            tracing::warn!("cannot tell whether another STAR Coach is open: {e}");
            None
        }
    };
    let result = tauri::Builder::default()
        .setup(move |app| {
            app.manage(LaunchWatch::default());
            if let Some(instance) = instance {
                let handle = app.handle().clone();
                instance.listen(move || {
                    if let Some(window) = handle.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                    service::<LaunchWatch>(&handle).refused();
                })?;
            }
            // Only the recordings folder may be played through the asset protocol.
            let recordings = store::recordings_dir();
            std::fs::create_dir_all(&recordings)?;
            app.asset_protocol_scope()
                .allow_directory(&recordings, true)?;
            // Takes a crash left open are repaired before anything else can touch them.
            log_recovery(&pipeline::DataPlaces::with(|places| {
                pipeline::recover_takes(None, places)
            }));
            let settings = SettingsService::load();
            let models = ModelService::default();
            let ticket = models.begin_load();
            let chosen = settings.get();
            app.manage(settings);
            app.manage(models);
            app.manage(HistoryService::open());
            app.manage(PracticeService::default());
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("model-load".into())
                .spawn(move || load_model_then_recover(&handle, ticket, &chosen))?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::status::app_status,
            commands::status::watch_launches,
            commands::packs::list_packs,
            commands::packs::get_pack,
            commands::packs::save_pack,
            commands::packs::delete_pack,
            commands::packs::import_pack,
            commands::packs::export_pack,
            commands::practice::start_take,
            commands::practice::stop_take,
            commands::practice::speak_question,
            commands::practice::start_mock,
            commands::practice::finish_mock,
            commands::job_ad::job_ad_plan,
            commands::history::list_takes,
            commands::history::get_take,
            commands::history::take_waveform,
            commands::history::take_attempt,
            commands::history::review_queue,
            commands::history::progress,
            commands::reassess::reassess_takes,
            commands::reassess::cancel_reassess,
            commands::reports::export_report,
            commands::reports::export_archive,
            commands::reports::import_archive,
            commands::stories::get_stories,
            commands::stories::save_stories,
            commands::stories::import_stories,
            commands::stories::export_stories,
            commands::stories::new_story_id,
            commands::stories::suggest_stories_for,
            commands::stories::story_coverage_of,
            commands::stories::link_story,
            commands::history::compare_takes,
            commands::history::delete_take,
            commands::history::delete_all_takes,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::list_devices,
            commands::models::list_models,
            commands::models::fetch_model,
            commands::models::import_model,
            commands::models::use_model,
            commands::microphone::check_microphone,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("STAR Coach could not start: {e}");
        eprintln!("STAR Coach could not start: {e}");
        std::process::exit(1);
    }
}

/// Loads the chosen model, then assesses the takes a crash kept out of the history, the same
/// way `star-coach recover` does. Takes the user starts meanwhile wait for the model, so none of
/// them can be mistaken for one a crash left behind.
fn load_model_then_recover(
    app: &tauri::AppHandle,
    ticket: services::models::LoadTicket,
    chosen: &settings::Settings,
) {
    let loaded = services::models::load_chosen(chosen);
    if let Ok(model) = &loaded {
        log_recovery(&pipeline::DataPlaces::with(|places| {
            pipeline::recover_takes(Some(model), places)
        }));
    }
    service::<ModelService>(app).finish_load(ticket, loaded);
}

fn log_recovery(report: &pipeline::RecoveryReport) {
    for take in &report.repaired {
        tracing::info!(
            "recovered an unfinished take: {} ({:.1} s)",
            take.path.display(),
            take.seconds
        );
    }
    for failed in &report.not_repaired {
        tracing::warn!(
            "could not recover {}: {}",
            failed.path.display(),
            failed.reason
        );
    }
    for result in &report.assessed {
        match result {
            pipeline::Recovered::Added { wav, take_id } => tracing::info!(
                "recovered {} into the history as take {take_id}",
                wav.display()
            ),
            pipeline::Recovered::NeverRecorded { wav } => {
                tracing::info!("{} was never recorded; nothing to recover", wav.display())
            }
            pipeline::Recovered::Failed { wav, reason } => {
                tracing::warn!("cannot recover {} yet: {reason}", wav.display())
            }
        }
    }
    if let Some((count, why)) = &report.waiting {
        tracing::warn!("{count} take(s) wait to be added to the history: {why}");
    }
}
