//! The STAR Coach desktop shell: window, commands and their wiring. Business logic lives in the
//! crates (coach, audio, asr, pipeline, store); this crate only connects them to the web front
//! end.

mod commands;
mod error;
mod practice;
mod settings;
mod state;

#[cfg(test)]
mod bindings;

pub use error::CommandError;

use tauri::Manager;

pub fn run() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,whisper_rs=off")),
        )
        .try_init();
    let result = tauri::Builder::default()
        .setup(|app| {
            // Only the recordings folder may be played through the asset protocol.
            let recordings = store::recordings_dir();
            std::fs::create_dir_all(&recordings)?;
            app.asset_protocol_scope()
                .allow_directory(&recordings, true)?;
            report_recovered_takes();
            app.manage(state::AppState::new());
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("model-load".into())
                .spawn(move || {
                    let state = handle.state::<state::AppState>();
                    state.load_model();
                    state.recover_pending_takes();
                })?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::status::app_status,
            commands::packs::list_packs,
            commands::practice::start_take,
            commands::practice::stop_take,
            commands::practice::speak_question,
            commands::practice::start_mock,
            commands::practice::finish_mock,
            commands::history::list_takes,
            commands::history::get_take,
            commands::history::delete_take,
            commands::history::delete_all_takes,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::list_devices,
            commands::models::list_models,
            commands::models::fetch_model,
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

/// Takes left unfinished by a crash are repaired so they play (they are never deleted).
fn report_recovered_takes() {
    let recovery = audio::take_file::recover_unfinished_takes(&store::journal_dir());
    for take in &recovery.recovered {
        tracing::info!(
            "recovered an unfinished take: {} ({:.1} s)",
            take.path.display(),
            take.seconds
        );
    }
    for failed in &recovery.failed {
        tracing::warn!(
            "could not recover {}: {}",
            failed.path.display(),
            failed.reason
        );
    }
}
