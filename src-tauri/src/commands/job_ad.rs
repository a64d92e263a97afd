//! Questions picked for a job advertisement (`coach::job_ad`): what the ad asks for and the
//! questions of a pack that fit it, each with why; `start_mock` asks them.

use crate::error::{CommandError, ErrorKind};
use crate::services::blocking;
use coach::job_ad::{pick_questions, JobAd, PickedQuestion, LONGEST_AD_CHARS};
use coach::QuestionPack;
use serde::Serialize;
use tauri::AppHandle;

#[derive(Serialize, ts_rs::TS)]
pub struct JobPlan {
    pub ad: JobAd,
    pub questions: Vec<PickedQuestion>,
}

fn plan(text: &str, pack: &QuestionPack, count: usize) -> Result<JobPlan, CommandError> {
    if text.trim().is_empty() {
        return Err(CommandError::new(
            ErrorKind::InvalidSetting,
            "paste the text of a job advertisement first",
        ));
    }
    if text.chars().count() > LONGEST_AD_CHARS {
        return Err(CommandError::new(
            ErrorKind::InvalidSetting,
            format!("the text is longer than {LONGEST_AD_CHARS} characters, far more than a job advertisement"),
        ));
    }
    let (ad, questions) = pick_questions(text, std::slice::from_ref(pack), count.max(1));
    Ok(JobPlan { ad, questions })
}

/// The questions of `pack` that fit the ad, refused when none does.
pub fn picked_for(
    text: &str,
    pack: &QuestionPack,
    count: usize,
) -> Result<Vec<PickedQuestion>, CommandError> {
    let planned = plan(text, pack, count)?;
    if planned.questions.is_empty() {
        return Err(CommandError::new(
            ErrorKind::NotFound,
            format!(
                "nothing in this advertisement matches a question of '{}'",
                pack.name
            ),
        ));
    }
    Ok(planned.questions)
}

/// What the ad asks for and the `count` questions of pack `pack_id` that fit it best.
#[tauri::command]
pub async fn job_ad_plan(
    app: AppHandle,
    text: String,
    pack_id: String,
    count: usize,
) -> Result<JobPlan, CommandError> {
    blocking(app, move |_| {
        let pack = store::packs::find_pack(&pack_id)?;
        plan(&text, &pack, count)
    })
    .await
}
