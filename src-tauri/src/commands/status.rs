//! Where the app keeps its data, whether the speech model and the history are usable.

use crate::error::CommandError;
use crate::services::activity::Activity;
use crate::services::models::active_model;
use crate::services::{
    HistoryService, LaunchWatch, ModelService, PracticeService, SettingsService,
};
use coach::{Category, Element, Rubric};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

#[derive(Serialize, ts_rs::TS)]
pub struct ModelStatus {
    name: String,
    path: String,
    present: bool,
    /// Why it cannot be used (damaged, unloadable), once its load has finished.
    problem: Option<CommandError>,
}

#[derive(Serialize, ts_rs::TS)]
pub struct AppStatus {
    version: String,
    /// The version of the scorer this build judges takes with (`coach::SCORER_VERSION`).
    scorer_version: String,
    data_dir: String,
    recordings_dir: String,
    model: ModelStatus,
    /// Why the history cannot be used (a newer or damaged database), if it cannot.
    database_error: Option<CommandError>,
    /// Why the saved settings are not in use (a damaged file, a value out of range), if so.
    settings_error: Option<CommandError>,
    /// Target share of an answer's time for each STAR part (norms.toml).
    star_targets: StarTargets,
    /// The sweet spot for an answer's speaking time (norms.toml, `[length]`).
    length_window: LengthWindow,
    /// What each question category's answers are judged as, and the parts that rubric asks
    /// for (empty for a story, whose parts are STAR's).
    rubrics: Vec<CategoryRubric>,
    /// What the microphone is being used for right now.
    activity: Activity,
}

#[derive(Serialize, ts_rs::TS)]
pub struct StarTargets {
    situation: f64,
    task: f64,
    action: f64,
    result: f64,
}

#[derive(Serialize, ts_rs::TS)]
pub struct LengthWindow {
    min_seconds: f64,
    max_seconds: f64,
}

#[derive(Serialize, ts_rs::TS)]
pub struct CategoryRubric {
    category: Category,
    rubric: Rubric,
    parts: Vec<RubricPart>,
}

#[derive(Serialize, ts_rs::TS)]
pub struct RubricPart {
    element: Element,
    title: String,
}

fn category_rubrics() -> Vec<CategoryRubric> {
    [
        Category::Behavioural,
        Category::Technical,
        Category::Situational,
        Category::Competency,
        Category::Vision,
    ]
    .into_iter()
    .map(|category| {
        let rubric = Rubric::for_category(category);
        CategoryRubric {
            category,
            rubric,
            parts: rubric
                .elements()
                .iter()
                .map(|&element| RubricPart {
                    element,
                    title: element.title().into(),
                })
                .collect(),
        }
    })
    .collect()
}

#[tauri::command]
pub fn app_status(
    settings: State<'_, SettingsService>,
    history: State<'_, HistoryService>,
    practice: State<'_, PracticeService>,
    models: State<'_, ModelService>,
) -> Result<AppStatus, CommandError> {
    let entry = active_model(&settings.get());
    let path = store::model_path(&entry.file);
    let norms = coach::Norms::default();
    let star = norms.star;
    let present = std::fs::metadata(&path)
        .map(|m| m.len() == entry.bytes)
        .unwrap_or(false);
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION").into(),
        scorer_version: coach::SCORER_VERSION.into(),
        data_dir: store::data_dir().display().to_string(),
        recordings_dir: store::recordings_dir().display().to_string(),
        model: ModelStatus {
            name: entry.name.clone(),
            path: path.display().to_string(),
            present,
            problem: models.problem().filter(|_| present),
        },
        database_error: history.problem(),
        settings_error: settings.problem(),
        star_targets: StarTargets {
            situation: star.situation_share,
            task: star.task_share,
            action: star.action_share,
            result: star.result_share,
        },
        length_window: LengthWindow {
            min_seconds: norms.length.sweet_spot_min_seconds,
            max_seconds: norms.length.sweet_spot_max_seconds,
        },
        rubrics: category_rubrics(),
        activity: practice.activity(),
    })
}

/// Tells the page, on `on_launch`, each time another launch was refused because this app
/// already runs on the data folder (its window was brought forward instead).
#[tauri::command]
pub fn watch_launches(watch: State<'_, LaunchWatch>, on_launch: Channel<u32>) {
    watch.watch(on_launch);
}
