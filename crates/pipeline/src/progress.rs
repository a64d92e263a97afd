//! Progress over the history (`coach::progress` decides; this joins): the answers in a scope
//! with their figures, the questions practised (to choose a scope from), and the windows the
//! charts draw as bands.

use coach::progress::{progress, Progress, ProgressScope, ProgressTake};
use coach::Norms;
use serde::Serialize;
use store::{Store, StoreError};

/// A question with answers in the history, to pick as a scope.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PractisedQuestion {
    pub pack_id: String,
    pub question_id: String,
    /// The wording it was asked in, last time.
    pub question_text: String,
    pub answers: usize,
}

/// What a chart shades as the aim (norms.toml `[length]` and `[pace]`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressTargets {
    pub speaking_min_seconds: f64,
    pub speaking_max_seconds: f64,
    pub pace_min_wpm: f64,
    pub pace_max_wpm: f64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressView {
    pub progress: Progress,
    /// Every question answered, in any scope, most answered first.
    pub practised: Vec<PractisedQuestion>,
    pub targets: ProgressTargets,
}

/// Progress in `scope` at `now_ms`, days counted `utc_offset_minutes` ahead of UTC.
pub fn progress_view(
    history: &Store,
    scope: ProgressScope,
    now_ms: i64,
    utc_offset_minutes: i32,
) -> Result<ProgressView, StoreError> {
    let answers = history.answers()?;
    let mut practised: Vec<PractisedQuestion> = Vec::new();
    for a in &answers {
        match practised
            .iter_mut()
            .find(|q| q.question_id == a.summary.question_id)
        {
            Some(q) => {
                q.answers += 1;
                q.question_text.clone_from(&a.summary.question_text);
            }
            None => practised.push(PractisedQuestion {
                pack_id: a.pack_id.clone(),
                question_id: a.summary.question_id.clone(),
                question_text: a.summary.question_text.clone(),
                answers: 1,
            }),
        }
    }
    practised.sort_by(|a, b| {
        b.answers
            .cmp(&a.answers)
            .then(a.question_id.cmp(&b.question_id))
    });
    let takes: Vec<ProgressTake> = answers
        .into_iter()
        .map(|a| ProgressTake {
            take_id: a.summary.id,
            pack_id: a.pack_id,
            question_id: a.summary.question_id,
            recorded_ms: a.summary.recorded_ms,
            score: a.summary.score,
            speaking_seconds: a.summary.speaking_seconds,
            assessment: a.assessment,
        })
        .collect();
    let norms = Norms::default();
    Ok(ProgressView {
        progress: progress(&takes, scope, now_ms, utc_offset_minutes),
        practised,
        targets: ProgressTargets {
            speaking_min_seconds: norms.length.sweet_spot_min_seconds,
            speaking_max_seconds: norms.length.sweet_spot_max_seconds,
            pace_min_wpm: norms.pace.good_min_wpm,
            pace_max_wpm: norms.pace.good_max_wpm,
        },
    })
}
