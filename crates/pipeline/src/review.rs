//! The review queue over the history and the packs (`coach::review` decides; this joins): each
//! practised question of a pack, with its pack and wording, when it is due again and why.

use coach::review::{review_interview, review_queue, PastAttempt, ReviewItem};
use coach::{Question, QuestionPack};
use serde::Serialize;
use store::{Store, StoreError};

/// One question of the queue, ready to practise.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct ReviewEntry {
    pub pack_id: String,
    pub question: Question,
    #[serde(flatten)]
    pub item: ReviewItem,
}

/// The queue at `now_ms` for the questions of `packs` practised in `history`.
pub fn review(
    history: &Store,
    packs: &[QuestionPack],
    now_ms: i64,
) -> Result<Vec<ReviewEntry>, StoreError> {
    let attempts: Vec<PastAttempt> = history
        .takes()?
        .into_iter()
        .map(|t| PastAttempt {
            question_id: t.question_id,
            recorded_ms: t.recorded_ms,
            score: t.score,
        })
        .collect();
    let known: Vec<&str> = packs
        .iter()
        .flat_map(|p| p.questions.iter().map(|q| q.id.as_str()))
        .collect();
    Ok(review_queue(&known, &attempts, now_ms)
        .into_iter()
        .filter_map(|item| {
            let (pack, question) = packs.iter().find_map(|p| {
                p.questions
                    .iter()
                    .find(|q| q.id == item.question_id)
                    .map(|q| (p, q))
            })?;
            Some(ReviewEntry {
                pack_id: pack.id.clone(),
                question: question.clone(),
                item,
            })
        })
        .collect())
}

/// The questions of a review interview of at most `count` from `pack`: its due questions
/// first, then its weakest (`coach::review::review_interview`); empty when none of its
/// questions has been practised.
pub fn review_questions(
    history: &Store,
    pack: &QuestionPack,
    count: usize,
    now_ms: i64,
) -> Result<Vec<Question>, StoreError> {
    let queue: Vec<ReviewItem> = review(history, std::slice::from_ref(pack), now_ms)?
        .into_iter()
        .map(|e| e.item)
        .collect();
    Ok(review_interview(&queue, count)
        .into_iter()
        .filter_map(|i| pack.questions.iter().find(|q| q.id == i.question_id))
        .cloned()
        .collect())
}
