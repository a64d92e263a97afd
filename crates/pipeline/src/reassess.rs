//! Assessing old takes again from their recordings, when the scorer has changed: each take is
//! heard and judged anew by this build, the history keeps the assessment it replaces
//! (`store::Store::replace_assessment`), and the JSON beside the WAV is brought up to date.
//! Many takes go one at a time with progress and a cancel flag checked between takes, so a
//! cancel never leaves a take half done.

use crate::assess::assess_take;
use crate::model::SpeechModel;
use asr::{TranscribeError, TranscribeOptions};
use coach::compare::{compare_takes, TakeComparison};
use coach::{Norms, Rubric, TakeAssessment};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;
use store::recordings::{unix_ms, write_json_atomically};
use store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ReassessError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot read the recording of take {take} ({path}): {source}")]
    Recording {
        take: i64,
        path: PathBuf,
        source: audio::AudioError,
    },
    #[error(transparent)]
    Transcribe(#[from] TranscribeError),
    #[error("the history cannot be used: {0}")]
    HistoryUnavailable(String),
}

/// The history as re-assessing uses it: briefly, to read a take and to save its new
/// assessment, and not while the take is heard (which takes seconds), so other work can read
/// the history meanwhile.
pub trait HistoryAccess {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, ReassessError>;
}

impl HistoryAccess for std::sync::Mutex<Store> {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, ReassessError> {
        let mut store = self.lock().unwrap_or_else(|e| e.into_inner());
        Ok(f(&mut store)?)
    }
}

impl ReassessError {
    pub fn kind(&self) -> &'static str {
        match self {
            ReassessError::Store(e) => e.kind(),
            ReassessError::Recording { .. } => "recording_unreadable",
            ReassessError::Transcribe(_) => "transcription_failed",
            ReassessError::HistoryUnavailable(_) => "history_unavailable",
        }
    }
}

/// One take assessed again: its score before and after, and what changed (when the earlier
/// assessment still reads as today's type).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Reassessed {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub take_id: i64,
    pub scorer_before: String,
    pub score_before: Option<u32>,
    pub score_after: Option<u32>,
    pub change: Option<TakeComparison>,
}

/// Assesses take `id` again from its recording with `model`.
pub fn reassess_take(
    history: &impl HistoryAccess,
    model: &SpeechModel,
    options: &TranscribeOptions,
    id: i64,
) -> Result<Reassessed, ReassessError> {
    let take = history.with_store(|s| s.take_to_reassess(id))?;
    let audio =
        audio::read_wav_16k_mono(&take.wav_path).map_err(|source| ReassessError::Recording {
            take: id,
            path: take.wav_path.clone(),
            source,
        })?;
    let question_end = question_end_in_take(&take.wav_path);
    let assessment = assess_take(
        &audio.samples,
        question_end,
        Rubric::for_category(take.category),
        || Ok::<_, TranscribeError>(model.transcriber.as_ref()),
        options,
        &Norms::default(),
    )?;
    history.with_store(|s| {
        s.replace_assessment(id, &model.name, &assessment, unix_ms(SystemTime::now()))
    })?;
    update_sidecar(&take.wav_path, &assessment);
    Ok(Reassessed {
        take_id: id,
        scorer_before: take.scorer_version,
        score_before: take.score,
        score_after: assessment.score.map(|s| s.total.round() as u32),
        change: take
            .assessment
            .as_ref()
            .map(|before| compare_takes(before, &assessment)),
    })
}

/// Where a take stands while many are assessed again.
#[derive(Debug)]
pub enum ReassessProgress<'a> {
    /// About to assess take `id`, number `done + 1` of `total`.
    Starting { id: i64, done: usize, total: usize },
    /// Take `id` is done (or failed), `done` of `total`.
    Finished {
        id: i64,
        done: usize,
        total: usize,
        outcome: &'a Result<Reassessed, ReassessError>,
    },
}

/// What assessing many takes again came to.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReassessReport {
    pub reassessed: Vec<Reassessed>,
    /// Takes left as they were, with why.
    pub failed: Vec<ReassessFailure>,
    /// Takes not reached because the work was cancelled.
    pub not_reached: usize,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct ReassessFailure {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub take_id: i64,
    pub kind: String,
    pub message: String,
}

/// Assesses `ids` again one after another; `cancel` is checked before each take. A take that
/// fails (its recording deleted by hand, say) is reported and the rest go on.
pub fn reassess_takes(
    history: &impl HistoryAccess,
    model: &SpeechModel,
    options: &TranscribeOptions,
    ids: &[i64],
    cancel: &AtomicBool,
    mut progress: impl FnMut(ReassessProgress),
) -> ReassessReport {
    let mut report = ReassessReport::default();
    let total = ids.len();
    for (done, &id) in ids.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            report.not_reached = total - done;
            break;
        }
        progress(ReassessProgress::Starting { id, done, total });
        let outcome = reassess_take(history, model, options, id);
        progress(ReassessProgress::Finished {
            id,
            done: done + 1,
            total,
            outcome: &outcome,
        });
        match outcome {
            Ok(r) => report.reassessed.push(r),
            Err(e) => {
                tracing::warn!("take {id} not assessed again: {e}");
                report.failed.push(ReassessFailure {
                    take_id: id,
                    kind: e.kind().to_string(),
                    message: e.to_string(),
                })
            }
        }
    }
    report
}

/// When the question ended, as the JSON beside the WAV recorded it (None when it is missing or
/// says nothing: think time is then measured from the start of the take).
fn question_end_in_take(wav: &Path) -> Option<f64> {
    let text = std::fs::read_to_string(wav.with_extension("json")).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("question_end_in_take")?.as_f64()
}

/// Puts the new assessment in the JSON beside the WAV, keeping what else it says (the
/// question, the audio's length). A missing or unreadable file is left alone: the history is
/// what the app reads, and it holds both assessments.
fn update_sidecar(wav: &Path, assessment: &TakeAssessment) {
    let path = wav.with_extension("json");
    let Some(mut sidecar) = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&t).ok())
    else {
        tracing::warn!(
            "{} not brought up to date: missing or unreadable",
            path.display()
        );
        return;
    };
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(assessment) else {
        return;
    };
    sidecar.extend(fields);
    sidecar.insert(
        "scorer_version".into(),
        serde_json::Value::String(coach::SCORER_VERSION.into()),
    );
    if let Err(e) = write_json_atomically(&path, &sidecar) {
        tracing::warn!("{e}");
    }
}
