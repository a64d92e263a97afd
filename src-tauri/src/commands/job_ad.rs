//! Questions picked for a job advertisement (`coach::job_ad`): what the ad asks for and the
//! questions of a pack that fit it, each with why; `start_mock` asks them.

use crate::error::{CommandError, ErrorKind};
use crate::services::blocking;
use coach::job_ad::{pick_questions, role_pack, JobAd, PickedQuestion, RoleFit, LONGEST_AD_CHARS};
use coach::QuestionPack;
use serde::Serialize;
use tauri::AppHandle;

#[derive(Serialize, ts_rs::TS)]
pub struct JobPlan {
    pub ad: JobAd,
    /// The role the ad is for, as the packs name roles.
    pub role: RoleFit,
    /// The pack the questions are from: the one asked for, or the ad's role's.
    pub pack_id: String,
    pub pack_name: String,
    pub questions: Vec<PickedQuestion>,
}

fn check_ad(text: &str) -> Result<(), CommandError> {
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
    Ok(())
}

/// The plan for `text` from pack `pack_id`, or with none from the pack of the ad's role.
fn plan(text: &str, pack_id: Option<&str>, count: usize) -> Result<JobPlan, CommandError> {
    check_ad(text)?;
    let packs: Vec<QuestionPack> = store::packs::all_packs()?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let (role, fitting) = role_pack(text, &packs);
    let pack = match pack_id {
        Some(id) => store::packs::find_pack(id)?,
        None => fitting
            .cloned()
            .ok_or_else(|| CommandError::new(ErrorKind::NotFound, "there is no question pack"))?,
    };
    let (ad, questions) = pick_questions(text, std::slice::from_ref(&pack), count.max(1));
    Ok(JobPlan {
        ad,
        role,
        pack_id: pack.id,
        pack_name: pack.name,
        questions,
    })
}

/// The questions of `pack` that fit the ad, refused when none does.
pub fn picked_for(
    text: &str,
    pack: &QuestionPack,
    count: usize,
) -> Result<Vec<PickedQuestion>, CommandError> {
    check_ad(text)?;
    let (_, questions) = pick_questions(text, std::slice::from_ref(pack), count.max(1));
    if questions.is_empty() {
        return Err(CommandError::new(
            ErrorKind::NotFound,
            format!(
                "nothing in this advertisement matches a question of '{}'",
                pack.name
            ),
        ));
    }
    Ok(questions)
}

/// What the ad asks for, the role it is for and the `count` questions that fit it best, from
/// pack `pack_id` or, with none, from the pack of the ad's role.
#[tauri::command]
pub async fn job_ad_plan(
    app: AppHandle,
    text: String,
    pack_id: Option<String>,
    count: usize,
) -> Result<JobPlan, CommandError> {
    blocking(app, move |_| plan(&text, pack_id.as_deref(), count)).await
}
