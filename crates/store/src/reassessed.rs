//! Assessing a take again: the new assessment takes the row's place and the one it replaces is
//! kept whole in `earlier_assessments`, with the scorer and model that made it, in one
//! transaction (a crash keeps either the old state or the new, never neither).

use crate::db::Store;
use crate::error::StoreError;
use coach::{Category, TakeAssessment};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::path::PathBuf;

/// An assessment a take had before it was assessed again.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarlierAssessment {
    pub id: i64,
    /// When it was replaced.
    pub replaced_ms: i64,
    pub scorer_version: String,
    pub model_id: String,
    pub score: Option<u32>,
}

/// What assessing a take again needs from the history; the current assessment only when it
/// still reads as today's type (an older scorer's may not, and is kept all the same).
#[derive(Debug, Clone)]
pub struct TakeToReassess {
    pub id: i64,
    pub wav_path: PathBuf,
    pub category: Category,
    pub scorer_version: String,
    pub score: Option<u32>,
    pub assessment: Option<TakeAssessment>,
}

impl Store {
    /// The take `id` as assessing it again needs it.
    pub fn take_to_reassess(&self, id: i64) -> Result<TakeToReassess, StoreError> {
        type Row = (String, String, String, Option<u32>, String);
        let (wav, category, scorer_version, score, json): Row = self
            .conn()
            .query_row(
                "SELECT t.wav_path, q.category, t.scorer_version, t.score, t.assessment_json
                 FROM takes t JOIN questions q ON q.id = t.question_id WHERE t.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or(StoreError::TakeNotFound(id))?;
        let category = serde_json::from_value(serde_json::Value::String(category.clone()))
            .map_err(|source| StoreError::BadJson {
                take: id,
                what: "question category",
                source,
            })?;
        Ok(TakeToReassess {
            id,
            wav_path: PathBuf::from(wav),
            category,
            scorer_version,
            score,
            assessment: serde_json::from_str(&json).ok(),
        })
    }

    /// The takes (answers and replies) whose assessment an older scorer made, oldest first.
    pub fn takes_scored_before(&self, scorer_version: &str) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id FROM takes WHERE scorer_version <> ?1 ORDER BY recorded_ms, id")
            .map_err(|e| self.sql(e))?;
        let ids = stmt
            .query_map([scorer_version], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<i64>>>())
            .map_err(|e| self.sql(e))?;
        Ok(ids)
    }

    /// Puts `assessment` (made by this build's scorer with `model_id`) in take `id`'s place
    /// and keeps the one it replaces.
    pub fn replace_assessment(
        &mut self,
        id: i64,
        model_id: &str,
        assessment: &TakeAssessment,
        replaced_ms: i64,
    ) -> Result<(), StoreError> {
        let transcript_json = serde_json::to_string(&assessment.transcript)?;
        let assessment_json = serde_json::to_string(assessment)?;
        let path = self.path().to_path_buf();
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self.conn_mut().transaction().map_err(sql)?;
        let kept = tx
            .execute(
                "INSERT INTO earlier_assessments (take_id, replaced_ms, scorer_version, model_id,
                     score, total_seconds, speaking_seconds, transcript_json, assessment_json)
                 SELECT id, ?2, scorer_version, model_id, score, total_seconds, speaking_seconds,
                        transcript_json, assessment_json
                 FROM takes WHERE id = ?1",
                params![id, replaced_ms],
            )
            .map_err(sql)?;
        if kept == 0 {
            return Err(StoreError::TakeNotFound(id));
        }
        tx.execute(
            "UPDATE takes SET scorer_version = ?2, model_id = ?3, score = ?4, total_seconds = ?5,
                 speaking_seconds = ?6, transcript_json = ?7, assessment_json = ?8
             WHERE id = ?1",
            params![
                id,
                coach::SCORER_VERSION,
                model_id,
                assessment.score.map(|s| s.total.round() as u32),
                assessment.speech.total_seconds,
                assessment.speech.speaking_seconds,
                transcript_json,
                assessment_json,
            ],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)
    }

    /// The assessments take `id` had before, oldest first.
    pub fn earlier_assessments(&self, id: i64) -> Result<Vec<EarlierAssessment>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT id, replaced_ms, scorer_version, model_id, score
                 FROM earlier_assessments WHERE take_id = ?1 ORDER BY replaced_ms, id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(EarlierAssessment {
                    id: r.get(0)?,
                    replaced_ms: r.get(1)?,
                    scorer_version: r.get(2)?,
                    model_id: r.get(3)?,
                    score: r.get(4)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql(e))?;
        Ok(rows)
    }

    /// An earlier assessment, whole, when it still reads as today's type.
    pub fn earlier_assessment(&self, earlier_id: i64) -> Result<TakeAssessment, StoreError> {
        let (take, scorer_version, json): (i64, String, String) = self
            .conn()
            .query_row(
                "SELECT take_id, scorer_version, assessment_json FROM earlier_assessments
                 WHERE id = ?1",
                [earlier_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or(StoreError::EarlierAssessmentNotFound(earlier_id))?;
        serde_json::from_str(&json).map_err(|source| StoreError::OlderAssessment {
            take,
            scorer_version,
            source,
        })
    }
}
