//! A take as one attempt in the series of takes of its question (across sessions): which
//! attempt it is, the best score so far, and what changed since the attempt before it.

use coach::compare::{compare_takes, TakeComparison};
use serde::Serialize;
use store::{Store, StoreError};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    /// 1 for the first take of the question.
    pub number: usize,
    /// How many takes of the question the history holds.
    pub of: usize,
    /// The best score among this attempt and those before it, and the take that made it.
    pub best_so_far: Option<u32>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub best_take_id: Option<i64>,
    /// The attempt before this one, and what changed since.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub previous_take_id: Option<i64>,
    pub since_previous: Option<TakeComparison>,
}

/// Where take `id` stands among the takes of its question.
pub fn attempt_of(history: &Store, id: i64) -> Result<Attempt, StoreError> {
    let take = history.take(id)?;
    let series = history.attempts(&take.summary.question_id)?;
    let index = series.iter().position(|t| t.id == id).unwrap_or(0);
    let best = series[..=index.min(series.len().saturating_sub(1))]
        .iter()
        .filter_map(|t| t.score.map(|s| (s, t.id)))
        .max_by_key(|(s, _)| *s);
    let previous = index.checked_sub(1).map(|i| series[i].id);
    let since_previous = match previous {
        Some(p) => Some(compare_takes(
            &history.take(p)?.assessment,
            &take.assessment,
        )),
        None => None,
    };
    Ok(Attempt {
        number: index + 1,
        of: series.len(),
        best_so_far: best.map(|(s, _)| s),
        best_take_id: best.map(|(_, id)| id),
        previous_take_id: previous,
        since_previous,
    })
}
