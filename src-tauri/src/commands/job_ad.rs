//! Questions picked for a job advertisement (`coach::job_ad`): the role it is for, what it asks
//! for and the questions that fit it (from one pack, or the role's packs), each with why;
//! `start_mock` asks them.

use crate::error::{CommandError, ErrorKind};
use crate::services::blocking;
use coach::job_ad::{
    packs_for_role, pick_for_role, pick_questions, JobAd, PickedQuestion, RoleFit, LONGEST_AD_CHARS,
};
use coach::QuestionPack;
use serde::Serialize;
use tauri::AppHandle;

#[derive(Serialize, ts_rs::TS)]
pub struct JobPlan {
    pub ad: JobAd,
    /// The role the ad is for, as the packs name roles.
    pub role: RoleFit,
    /// The pack asked for; none when the questions come from the packs of the ad's role.
    pub pack_id: Option<String>,
    /// Each from its own pack (`pack_id` of each).
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

/// The plan for `text`: from pack `pack_id`, or with none from the packs of the ad's role.
fn plan(text: &str, pack_id: Option<&str>, count: usize) -> Result<JobPlan, CommandError> {
    check_ad(text)?;
    let packs: Vec<QuestionPack> = store::packs::all_packs()?
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let count = count.max(1);
    let (ad, role, questions) = match pack_id {
        Some(id) => {
            let pack = packs.iter().find(|p| p.id == id).ok_or_else(|| {
                store::packs::PackFileError::Unknown {
                    id: id.into(),
                    known: packs
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                }
            })?;
            let (ad, questions) = pick_questions(text, std::slice::from_ref(pack), count);
            (ad, packs_for_role(text, &packs), questions)
        }
        None => pick_for_role(text, &packs, count),
    };
    Ok(JobPlan {
        ad,
        role,
        pack_id: pack_id.map(String::from),
        questions,
    })
}

/// The questions that fit the ad (from `pack_id`, or the packs of its role), refused when none
/// does.
pub fn picked_for(
    text: &str,
    pack_id: Option<&str>,
    count: usize,
) -> Result<Vec<PickedQuestion>, CommandError> {
    let planned = plan(text, pack_id, count)?;
    if planned.questions.is_empty() {
        let from = match pack_id {
            Some(id) => format!("the pack '{id}'"),
            None => "the packs for its role".to_string(),
        };
        return Err(CommandError::new(
            ErrorKind::NotFound,
            format!("nothing in this advertisement matches a question of {from}"),
        ));
    }
    Ok(planned.questions)
}

/// What the ad asks for, the role it is for and the `count` questions that fit it best, from
/// pack `pack_id` or, with none, from the packs of the ad's role.
#[tauri::command]
pub async fn job_ad_plan(
    app: AppHandle,
    text: String,
    pack_id: Option<String>,
    count: usize,
) -> Result<JobPlan, CommandError> {
    blocking(app, move |_| plan(&text, pack_id.as_deref(), count)).await
}
