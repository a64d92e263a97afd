//! Practising: record a take (progress over a channel), stop it, repeat the question aloud,
//! and run a mock interview (its questions, then its summary).

use crate::error::{CommandError, ErrorKind};
use crate::services::practice::{session_plan, TakeProgress};
use crate::services::{
    blocking, service, HistoryService, ModelService, PracticeService, SettingsService,
};
use coach::{Question, SessionSummary};
use serde::Serialize;
use store::SessionKind;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

/// Starts recording an answer to one question; progress and the result's take id arrive on
/// `on_progress`. Only one take at a time, and not during the microphone check.
#[tauri::command]
pub fn start_take(
    app: AppHandle,
    practice: State<'_, PracticeService>,
    pack_id: String,
    question_id: String,
    mock: bool,
    on_progress: Channel<TakeProgress>,
) -> Result<(), CommandError> {
    let question = find_question(&pack_id, &question_id)?;
    let follow_ups = service::<SettingsService>(&app).get().follow_ups;
    let claim = practice.claim_take(pack_id.clone(), question, mock, follow_ups)?;
    std::thread::Builder::new()
        .name("take".into())
        .spawn(move || {
            let plan = |kind| {
                let model = service::<ModelService>(&app).model()?;
                let settings = service::<SettingsService>(&app).get();
                Ok(session_plan(&pack_id, kind, &settings, model))
            };
            service::<PracticeService>(&app).run_take(claim, plan, &on_progress);
        })
        .map_err(|e| {
            CommandError::new(ErrorKind::Internal, format!("cannot start the take: {e}"))
        })?;
    Ok(())
}

/// Stops the take being recorded (its assessment follows on the take's channel).
#[tauri::command]
pub fn stop_take(practice: State<'_, PracticeService>) -> Result<(), CommandError> {
    practice.stop()
}

/// Says the question again. Without a working voice the question stays on screen only, as it
/// does during a take.
#[tauri::command]
pub async fn speak_question(app: AppHandle, text: String) -> Result<(), CommandError> {
    blocking(app, move |app| {
        let voice = service::<SettingsService>(app).get().voice;
        let spoken = audio::voice::open_voice(audio::voice::VoiceBackend::Auto)
            .and_then(|mut v| v.speak(&text, &voice));
        if let Err(e) = spoken {
            tracing::warn!("{e}; the question is shown as text only");
        }
        Ok(())
    })
    .await
}

#[derive(Serialize, ts_rs::TS)]
pub struct MockStart {
    #[ts(type = "number")]
    session_id: i64,
    questions: Vec<Question>,
    /// The pack of each question, in order.
    pack_ids: Vec<String>,
}

/// Starts a mock interview: the first `count` questions of a pack (the seed's coach asks 8),
/// or with `review` its questions due for review, then its weakest (`coach::review`), or with
/// `job_ad` those that best fit the advertisement (`coach::job_ad`), from the pack or, with
/// none, from the packs of the ad's role. Waits for the speech model, off the main thread.
#[tauri::command]
pub async fn start_mock(
    app: AppHandle,
    pack_id: Option<String>,
    count: usize,
    review: bool,
    job_ad: Option<String>,
) -> Result<MockStart, CommandError> {
    blocking(app, move |app| {
        let (questions, pack_ids): (Vec<Question>, Vec<String>) = if let Some(text) = job_ad {
            let picked = crate::commands::job_ad::picked_for(&text, pack_id.as_deref(), count)?;
            picked.into_iter().map(|p| (p.question, p.pack_id)).unzip()
        } else {
            let pack_id = pack_id.ok_or_else(|| {
                CommandError::new(ErrorKind::InvalidSetting, "choose a pack for the interview")
            })?;
            let pack = store::packs::find_pack(&pack_id)?;
            let questions: Vec<Question> = if review {
                let now = store::recordings::unix_ms(std::time::SystemTime::now());
                let chosen = service::<HistoryService>(app)
                    .with_store(|s| pipeline::review_questions(s, &pack, count.max(1), now))?;
                if chosen.is_empty() {
                    return Err(CommandError::new(
                        ErrorKind::NotFound,
                        format!(
                            "no question of '{}' has been practised yet: a review interview asks \
                             those you have answered before",
                            pack.name
                        ),
                    ));
                }
                chosen
            } else {
                pack.questions.into_iter().take(count.max(1)).collect()
            };
            let pack_ids = vec![pack_id; questions.len()];
            (questions, pack_ids)
        };
        let model = service::<ModelService>(app).model()?;
        let settings = service::<SettingsService>(app).get();
        // The session belongs to the pack of its first question (a job ad's role's pack).
        let first = pack_ids.first().map_or("", String::as_str);
        let plan = session_plan(first, SessionKind::Mock, &settings, model);
        let session_id = service::<PracticeService>(app).start_mock(plan)?;
        Ok(MockStart {
            session_id,
            questions,
            pack_ids,
        })
    })
    .await
}

/// Ends the mock interview: every answer's score and time, the weakest STAR part, what next.
#[tauri::command]
pub async fn finish_mock(app: AppHandle) -> Result<SessionSummary, CommandError> {
    blocking(app, |app| service::<PracticeService>(app).finish_mock()).await
}

fn find_question(pack_id: &str, question_id: &str) -> Result<Question, CommandError> {
    store::packs::find_pack(pack_id)?
        .questions
        .into_iter()
        .find(|q| q.id == question_id)
        .ok_or_else(|| {
            CommandError::new(
                ErrorKind::NotFound,
                format!("pack '{pack_id}' has no question '{question_id}'"),
            )
        })
}
