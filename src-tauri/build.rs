//! Tauri embeds the built front end at compile time. On a fresh clone `ui/dist` does not exist
//! yet; rather than failing the whole workspace build, leave a page that says how to build it.
fn main() {
    let dist = std::path::Path::new("../ui/dist");
    if !dist.join("index.html").exists() {
        let _ = std::fs::create_dir_all(dist);
        let _ = std::fs::write(
            dist.join("index.html"),
            "<!doctype html><meta charset=utf-8><title>STAR Coach</title>\
             <p>The interface has not been built. Run <code>./scripts/run.sh</code> from the repository.</p>",
        );
    }
    println!("cargo:rerun-if-changed=../ui/dist/index.html");
    // Every app command gets an allow-/deny- permission; capabilities/default.json grants the
    // window exactly the ones the front end calls.
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build");
}

const COMMANDS: &[&str] = &[
    "app_status",
    "list_packs",
    "get_pack",
    "save_pack",
    "delete_pack",
    "import_pack",
    "export_pack",
    "start_take",
    "stop_take",
    "speak_question",
    "start_mock",
    "finish_mock",
    "list_takes",
    "get_take",
    "take_waveform",
    "take_attempt",
    "review_queue",
    "progress",
    "reassess_takes",
    "cancel_reassess",
    "export_report",
    "watch_launches",
    "export_archive",
    "import_archive",
    "job_ad_plan",
    "get_stories",
    "save_stories",
    "import_stories",
    "export_stories",
    "new_story_id",
    "suggest_stories_for",
    "story_coverage_of",
    "link_story",
    "compare_takes",
    "delete_take",
    "delete_all_takes",
    "get_settings",
    "save_settings",
    "list_devices",
    "list_models",
    "fetch_model",
    "import_model",
    "use_model",
    "check_microphone",
];
