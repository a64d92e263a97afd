//! The STAR Coach desktop shell: window, commands and their wiring. Business logic lives in the
//! crates (coach, audio, asr, store); this crate only connects them to the web front end.

mod commands;
mod error;

pub use error::CommandError;

pub fn run() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,whisper_rs=warn")),
        )
        .try_init();
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::app_status])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("STAR Coach could not start: {e}");
        eprintln!("STAR Coach could not start: {e}");
        std::process::exit(1);
    }
}
