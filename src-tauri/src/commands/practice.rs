//! Practising: record a take (progress over a channel), stop it, repeat the question aloud,
//! and run a mock interview (its questions, then its summary).

use crate::error::CommandError;
use crate::practice::{run_take, speak, TakeProgress, TakeRequest};
use crate::state::{lock, AppState, MockInterview};
use coach::{session_summary, AnsweredQuestion, Norms, Question, SessionSummary};
use serde::Serialize;
use std::sync::atomic::Ordering;
use store::SessionKind;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

/// Starts recording an answer to one question; progress and the result's take id arrive on
/// `on_progress`. Only one take at a time.
#[tauri::command]
pub fn start_take(
    app: AppHandle,
    state: State<'_, AppState>,
    pack_id: String,
    question_id: String,
    mock: bool,
    on_progress: Channel<TakeProgress>,
) -> Result<(), CommandError> {
    let question = find_question(&pack_id, &question_id)?;
    if state.busy.swap(true, Ordering::SeqCst) {
        return Err(CommandError::new(
            "take_running",
            "a take is already being recorded: stop it first",
        ));
    }
    let request = TakeRequest {
        pack_id,
        question,
        mock,
    };
    std::thread::Builder::new()
        .name("take".into())
        .spawn(move || {
            let state = app.state::<AppState>();
            run_take(&state, request, &on_progress);
            state.busy.store(false, Ordering::SeqCst);
        })
        .map_err(|e| {
            state.busy.store(false, Ordering::SeqCst);
            CommandError::new("internal", format!("cannot start the take: {e}"))
        })?;
    Ok(())
}

/// Stops the take being recorded (its assessment follows on the take's channel).
#[tauri::command]
pub fn stop_take(state: State<'_, AppState>) -> Result<(), CommandError> {
    match lock(&state.take).as_ref() {
        Some(stopper) => {
            stopper.stop();
            Ok(())
        }
        None => Err(CommandError::new("no_take", "no take is being recorded")),
    }
}

/// Says the question again.
#[tauri::command]
pub async fn speak_question(app: AppHandle, text: String) -> Result<(), CommandError> {
    tauri::async_runtime::spawn_blocking(move || {
        let settings = lock(&app.state::<AppState>().settings).voice.clone();
        speak(&text, &settings);
    })
    .await
    .map_err(|e| CommandError::new("internal", e.to_string()))
}

#[derive(Serialize, ts_rs::TS)]
pub struct MockStart {
    #[ts(type = "number")]
    session_id: i64,
    questions: Vec<Question>,
}

/// Starts a mock interview: the first `count` questions of a pack (the seed's coach asks 8).
#[tauri::command]
pub fn start_mock(
    state: State<'_, AppState>,
    pack_id: String,
    count: usize,
) -> Result<MockStart, CommandError> {
    let pack = store::packs::find_pack(&pack_id)?;
    let questions: Vec<Question> = pack.questions.into_iter().take(count.max(1)).collect();
    let now = store::recordings::unix_ms(std::time::SystemTime::now());
    let session_id =
        state.with_store(|s| s.start_session(SessionKind::Mock, Some(&pack_id), now))?;
    let folder = store::recordings::new_session_dir(&store::recordings_dir())?;
    *lock(&state.mock) = Some(MockInterview {
        session_id,
        folder,
        answers: Vec::new(),
    });
    Ok(MockStart {
        session_id,
        questions,
    })
}

/// Ends the mock interview: every answer's score and time, the weakest STAR part, what next.
#[tauri::command]
pub fn finish_mock(state: State<'_, AppState>) -> Result<SessionSummary, CommandError> {
    let mock = lock(&state.mock)
        .take()
        .ok_or_else(|| CommandError::new("no_mock_interview", "no mock interview is running"))?;
    let now = store::recordings::unix_ms(std::time::SystemTime::now());
    state.with_store(|s| s.finish_session(mock.session_id, now))?;
    let answered: Vec<AnsweredQuestion> = mock
        .answers
        .iter()
        .map(|(q, a)| AnsweredQuestion {
            question: &q.text,
            speaking_seconds: a.speech.speaking_seconds,
            star: a.star.as_ref(),
            score: a.score,
            feedback: &a.feedback,
        })
        .collect();
    Ok(session_summary(&answered, &Norms::default().star))
}

fn find_question(pack_id: &str, question_id: &str) -> Result<Question, CommandError> {
    store::packs::find_pack(pack_id)?
        .questions
        .into_iter()
        .find(|q| q.id == question_id)
        .ok_or_else(|| {
            CommandError::new(
                "not_found",
                format!("pack '{pack_id}' has no question '{question_id}'"),
            )
        })
}
