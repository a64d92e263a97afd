//! A take that has been assessed goes to disk twice: a JSON beside its WAV (readable without
//! the app) and a row in the history. Live takes and recovered takes are saved the same way.

use audio::capture::RecordedTake;
use coach::Question;
use coach::{FollowUpReply, TakeAssessment};
use serde::Serialize;
use std::path::Path;
use store::recordings::{remove_pending, write_json_atomically, PendingTake};
use store::{NewTake, Store};

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    File(#[from] store::recordings::WriteError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("cannot encode the assessment: {0}")]
    Encode(#[from] serde_json::Error),
}

impl SaveError {
    pub fn kind(&self) -> &'static str {
        match self {
            SaveError::File(_) => "file_write",
            SaveError::Store(e) => e.kind(),
            SaveError::Encode(_) => "internal",
        }
    }
}

/// The JSON beside the WAV: what was asked and the full assessment.
#[derive(Serialize)]
struct SavedTake<'a> {
    question: &'a Question,
    audio: &'a Path,
    recorded_seconds: f64,
    question_end_in_take: Option<f64>,
    #[serde(flatten)]
    assessment: &'a TakeAssessment,
}

/// What a saved take needs besides its assessment.
pub struct TakeFacts<'a> {
    pub wav: &'a Path,
    pub pending: &'a PendingTake,
    pub recorded_seconds: f64,
    pub question_end_in_take: Option<f64>,
    pub stop_reason: &'a str,
    pub model_id: &'a str,
    /// For the reply to a follow-up question: what was asked and how the reply was judged.
    pub follow_up: Option<&'a FollowUpReply>,
}

impl<'a> TakeFacts<'a> {
    /// The facts of a live take the recorder has finished.
    pub fn of_recorded(
        take: &'a RecordedTake,
        pending: &'a PendingTake,
        question_end_in_take: f64,
        model_id: &'a str,
    ) -> Self {
        TakeFacts {
            wav: &take.path,
            pending,
            recorded_seconds: take.seconds,
            question_end_in_take: Some(question_end_in_take),
            stop_reason: take.stop.kind(),
            model_id,
            follow_up: None,
        }
    }
}

/// Writes the JSON sidecar, adds the take to the history and removes its pending file.
/// Returns the take's id in the history. Without a history (a database that could not be
/// opened) only the sidecar is written and the pending file stays, so the take is added the
/// next time the history can be used.
pub fn save_assessed_take(
    store: Option<&mut Store>,
    facts: &TakeFacts,
    assessment: &TakeAssessment,
) -> Result<Option<i64>, SaveError> {
    let saved = SavedTake {
        question: &facts.pending.question,
        audio: facts.wav,
        recorded_seconds: facts.recorded_seconds,
        question_end_in_take: facts.question_end_in_take,
        assessment,
    };
    write_json_atomically(&facts.wav.with_extension("json"), &saved)?;
    let Some(store) = store else {
        return Ok(None);
    };
    let id = store.save_take(&NewTake {
        session_id: facts.pending.session_id,
        pack_id: &facts.pending.pack_id,
        question: &facts.pending.question,
        recorded_ms: facts.pending.recorded_ms,
        wav_path: facts.wav,
        total_seconds: assessment.speech.total_seconds,
        speaking_seconds: assessment.speech.speaking_seconds,
        score: assessment.score.map(|s| s.total.round() as u32),
        stop_reason: facts.stop_reason,
        model_id: facts.model_id,
        scorer_version: coach::SCORER_VERSION,
        assessment,
        follows_take: facts.pending.follows.as_ref().and_then(|f| f.answer_take),
        follow_up: facts.follow_up,
    })?;
    remove_pending(facts.wav);
    if facts.pending.follows.is_none() {
        link_told_story(store, id, assessment);
    }
    Ok(Some(id))
}

/// Links an answer to the story of the user's bank it told, when one clearly matches
/// (`coach::stories::matching`). A bank that cannot be read links nothing: the take is saved
/// all the same.
/// A take's recording that holds no sample is no take: its WAV and pending file go, so nothing
/// is assessed, listed or tried again at the next start.
pub(crate) fn discard_empty_take(wav: &Path) {
    remove_pending(wav);
    if let Err(e) = std::fs::remove_file(wav) {
        tracing::warn!("cannot remove the empty {}: {e}", wav.display());
    }
}

fn link_told_story(store: &Store, id: i64, assessment: &TakeAssessment) {
    let bank = match store::stories::read_stories(&store::stories::stories_path()) {
        Ok(bank) if !bank.stories.is_empty() => bank,
        Ok(_) => return,
        Err(e) => {
            tracing::warn!("the story bank was not read: {e}");
            return;
        }
    };
    let told = coach::stories::matching::recognise_story(&assessment.transcript.text, &bank);
    if let Some(told) = told {
        if let Err(e) = store.link_story(id, Some(&told)) {
            tracing::warn!("take {id} not linked to its story: {e}");
        }
    }
}
