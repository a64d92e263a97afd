//! Every answer in the history with its pack and assessment, for views over many takes
//! (progress): replies to follow-up questions are not answers and are left out.

use crate::db::{summary_of, Store, TakeSummary, SUMMARY_COLUMNS};
use crate::error::StoreError;
use coach::TakeAssessment;

/// An answer as the history holds it.
#[derive(Debug, Clone)]
pub struct StoredAnswer {
    pub summary: TakeSummary,
    pub pack_id: String,
    /// `None` when an older scorer's assessment no longer reads as today's type (the score and
    /// times in `summary` still hold).
    pub assessment: Option<TakeAssessment>,
}

impl Store {
    /// Every answer, oldest first.
    pub fn answers(&self) -> Result<Vec<StoredAnswer>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT {SUMMARY_COLUMNS}, q.pack_id, t.assessment_json
                 FROM takes t JOIN questions q ON q.id = t.question_id
                 WHERE t.follows_take IS NULL AND t.follow_up_json IS NULL
                 ORDER BY t.recorded_ms, t.id"
            ))
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    summary_of(row)?,
                    row.get::<_, String>(10)?,
                    row.get::<_, String>(11)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut answers = Vec::new();
        for row in rows {
            let (summary, pack_id, json) = row.map_err(|e| self.sql(e))?;
            let assessment = match serde_json::from_str(&json) {
                Ok(a) => Some(a),
                Err(e) => {
                    tracing::warn!(take = summary.id, "assessment left out of progress: {e}");
                    None
                }
            };
            answers.push(StoredAnswer {
                summary,
                pack_id,
                assessment,
            });
        }
        Ok(answers)
    }
}
