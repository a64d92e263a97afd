//! The story bank: read and save it, import TOML into it and export it, the stories that fit a
//! question, the coverage of a pack, and the story a take is linked to (`coach::stories`,
//! `store::stories`). File work runs off the main thread.

use crate::error::CommandError;
use crate::services::{blocking, service, HistoryService};
use coach::stories::matching::{story_coverage, suggest_stories, Coverage, StorySuggestion};
use coach::stories::StoryBank;
use store::stories::{read_stories, stories_path, write_stories};
use tauri::AppHandle;

#[tauri::command]
pub async fn get_stories(app: AppHandle) -> Result<StoryBank, CommandError> {
    blocking(app, |_| Ok(read_stories(&stories_path())?)).await
}

/// Replaces the bank with `bank` (checked first: the old one stays when it is refused).
#[tauri::command]
pub async fn save_stories(app: AppHandle, bank: StoryBank) -> Result<(), CommandError> {
    blocking(app, move |_| Ok(write_stories(&stories_path(), &bank)?)).await
}

/// Adds the stories of `text` (TOML), replacing those with the same id; returns the bank.
#[tauri::command]
pub async fn import_stories(app: AppHandle, text: String) -> Result<StoryBank, CommandError> {
    blocking(app, move |_| {
        let incoming = coach::stories::parse_stories("the pasted stories", &text)
            .map_err(store::stories::StoryFileError::from)?;
        let bank = read_stories(&stories_path())?.merged(incoming);
        write_stories(&stories_path(), &bank)?;
        Ok(bank)
    })
    .await
}

#[tauri::command]
pub async fn export_stories(app: AppHandle) -> Result<String, CommandError> {
    blocking(app, |_| {
        Ok(coach::stories::stories_to_toml(&read_stories(
            &stories_path(),
        )?))
    })
    .await
}

/// A new story's id from its title, unique in the bank.
#[tauri::command]
pub async fn new_story_id(app: AppHandle, title: String) -> Result<String, CommandError> {
    blocking(app, move |_| {
        Ok(coach::stories::story_id(
            &title,
            &read_stories(&stories_path())?,
        ))
    })
    .await
}

/// The stories that fit question `question_id` of pack `pack_id`, best first.
#[tauri::command]
pub async fn suggest_stories_for(
    app: AppHandle,
    pack_id: String,
    question_id: String,
) -> Result<Vec<StorySuggestion>, CommandError> {
    blocking(app, move |_| {
        let pack = store::packs::find_pack(&pack_id)?;
        let bank = read_stories(&stories_path())?;
        Ok(pack
            .questions
            .iter()
            .find(|q| q.id == question_id)
            .map(|q| suggest_stories(q, &bank))
            .unwrap_or_default())
    })
    .await
}

/// Which questions of pack `pack_id` have a story, and which competencies none.
#[tauri::command]
pub async fn story_coverage_of(app: AppHandle, pack_id: String) -> Result<Coverage, CommandError> {
    blocking(app, move |_| {
        let pack = store::packs::find_pack(&pack_id)?;
        Ok(story_coverage(
            &pack.questions,
            &read_stories(&stories_path())?,
        ))
    })
    .await
}

/// Links take `take_id` to story `story_id` (chosen by the user), or to none.
#[tauri::command]
pub async fn link_story(
    app: AppHandle,
    take_id: i64,
    story_id: Option<String>,
) -> Result<(), CommandError> {
    blocking(app, move |app| {
        let bank = read_stories(&stories_path())?;
        let chosen = story_id.and_then(|id| bank.stories.into_iter().find(|s| s.id == id));
        let link = chosen.map(|s| coach::stories::matching::StoryMatch {
            story_id: s.id,
            title: s.title,
            similarity: 1.0,
            words: Vec::new(),
        });
        service::<HistoryService>(app).with_store(|s| s.link_story(take_id, link.as_ref()))
    })
    .await
}
