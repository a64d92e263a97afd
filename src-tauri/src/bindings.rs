//! The TypeScript declarations of everything the front end receives, generated from the Rust
//! types (and the STAR parts' names) into `ui/src/bindings/`. The test fails when the committed files are out of date;
//! `UPDATE_BINDINGS=1 cargo test -p star-coach-app bindings` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

fn export_all(dir: &Path) {
    // Ids and times are far below 2^53: plain numbers, not bigint.
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    macro_rules! export {
        ($($t:ty),* $(,)?) => {$( <$t>::export_all(&cfg).expect(stringify!($t)); )*};
    }
    export!(
        crate::CommandError,
        crate::commands::status::AppStatus,
        crate::commands::packs::PackInfo,
        crate::commands::practice::MockStart,
        crate::services::practice::TakeProgress,
        crate::settings::Settings,
        crate::commands::models::ModelInfo,
        crate::commands::models::MeasuredOnBench,
        crate::commands::models::ModelProgress,
        crate::commands::microphone::MicProgress,
        audio::capture::DeviceList,
        audio::Waveform,
        store::TakeSummary,
        store::TakeRecord,
        pipeline::TakeAssessment,
        pipeline::Attempt,
        pipeline::ReviewEntry,
        pipeline::ProgressView,
        crate::commands::reassess::ReassessEvent,
        crate::commands::reports::ExportedReport,
        crate::commands::job_ad::JobPlan,
        crate::commands::reports::ExportedArchive,
        store::archive::ImportReport,
        coach::stories::StoryBank,
        coach::QuestionPack,
        coach::packs::PackProblem,
        coach::stories::matching::StorySuggestion,
        coach::stories::matching::Coverage,
        pipeline::reports::ReportSubject,
        report::Format,
        coach::progress::ProgressScope,
        coach::SessionSummary,
    );
    // Values, not types: what each STAR part and each rubric is called, so no screen spells it.
    let entries = |pairs: Vec<(&str, &str)>| -> String {
        pairs
            .iter()
            .map(|(key, title)| format!("  {key}: \"{title}\",\n"))
            .collect()
    };
    let parts = entries(
        coach::star::Part::ALL
            .iter()
            .map(|p| (p.name(), p.title()))
            .collect(),
    );
    let rubrics = entries(
        coach::Rubric::ALL
            .iter()
            .map(|r| (r.name(), r.title()))
            .collect(),
    );
    // For each category, the gaps its questions' follow-ups may name, with what each asks for.
    let gaps: String = coach::Category::ALL
        .iter()
        .map(|c| {
            let list: Vec<String> = coach::follow_ups::gaps_for(*c)
                .into_iter()
                .map(|g| {
                    let name = serde_json::to_value(g).expect("a gap's name");
                    format!("[{name}, \"{}\"]", g.title())
                })
                .collect();
            format!("  {}: [{}],\n", c.name(), list.join(", "))
        })
        .collect();
    std::fs::write(
        dir.join("partNames.ts"),
        format!(
            "// Generated from coach::star::Part::title, coach::Rubric::title and\n\
             // coach::follow_ups::gaps_for by src-tauri/src/bindings.rs. Do not edit.\n\
             export const PART_NAMES = {{\n{parts}}} as const;\n\n\
             export const RUBRIC_TITLES = {{\n{rubrics}}} as const;\n\n\
             export const FOLLOW_UP_GAPS = {{\n{gaps}}} as const;\n"
        ),
    )
    .expect("partNames.ts");
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ts") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    files
}

#[test]
fn typescript_bindings_are_current() {
    let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let fresh = tempfile::tempdir().unwrap();
    export_all(fresh.path());
    let generated = read_dir(fresh.path());
    assert!(
        generated.contains_key("TakeProgress.ts"),
        "{:?}",
        generated.keys()
    );
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &generated {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = read_dir(&committed_dir);
    let stale: Vec<&String> = generated
        .iter()
        .filter(|(name, text)| committed.get(*name) != Some(text))
        .map(|(name, _)| name)
        .chain(committed.keys().filter(|n| !generated.contains_key(*n)))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is out of date ({stale:?}): run \
         `UPDATE_BINDINGS=1 cargo test -p star-coach-app bindings`"
    );
}
