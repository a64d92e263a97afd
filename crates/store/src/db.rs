//! The history: sessions and takes in SQLite (WAL, so the UI can read while a take is saved).
//! Recordings stay files in the recordings folder; a row names its WAV, and deleting a take
//! deletes both.

use crate::error::StoreError;
use crate::schema;
use coach::{FollowUpReply, Question, TakeAssessment};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// One question practised on its own.
    Single,
    /// A mock interview: several questions in a row, summarised at the end.
    Mock,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Single => "single",
            SessionKind::Mock => "mock",
        }
    }
}

/// What is saved when a take has been assessed.
pub struct NewTake<'a> {
    pub session_id: Option<i64>,
    pub pack_id: &'a str,
    pub question: &'a Question,
    pub recorded_ms: i64,
    pub wav_path: &'a Path,
    pub total_seconds: f64,
    pub speaking_seconds: f64,
    pub score: Option<u32>,
    pub stop_reason: &'a str,
    pub model_id: &'a str,
    pub scorer_version: &'a str,
    pub assessment: &'a TakeAssessment,
    /// For the reply to a follow-up question: the answer's take, when it is in the history.
    pub follows_take: Option<i64>,
    /// For the reply to a follow-up question: what was asked, and how the reply was judged
    /// (absent for a reply recovered after a crash, which was never judged).
    pub follow_up: Option<&'a FollowUpReply>,
}

/// One line of the history list.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TakeSummary {
    pub id: i64,
    pub session_id: Option<i64>,
    pub question_id: String,
    pub question_text: String,
    pub recorded_ms: i64,
    pub total_seconds: f64,
    pub speaking_seconds: f64,
    pub score: Option<u32>,
    pub wav_path: String,
    /// The version of the scorer that made the take's assessment (`coach::SCORER_VERSION`).
    pub scorer_version: String,
}

/// A take with everything needed to replay it beside its feedback.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct TakeRecord {
    #[serde(flatten)]
    pub summary: TakeSummary,
    pub question_category: String,
    pub target_seconds: u32,
    pub stop_reason: String,
    pub model_id: String,
    /// Whether the scorer of this build made the assessment (an older one may have judged
    /// differently).
    pub scored_by_current: bool,
    /// The take's assessment, read back as the type it was saved from.
    pub assessment: TakeAssessment,
    /// When this take is the reply to a follow-up question: the answer's take.
    pub follows_take: Option<i64>,
    /// When this take is the reply to a follow-up question: what was asked and how the reply
    /// was judged with the answer.
    pub follow_up: Option<FollowUpReply>,
    /// The replies to follow-up questions asked after this take, oldest first.
    pub replies: Vec<i64>,
    /// The assessments this take had before it was assessed again, oldest first.
    pub earlier: Vec<crate::EarlierAssessment>,
    /// The story of the user's bank this take told, and the words that say so.
    pub story: Option<coach::stories::matching::StoryMatch>,
}

pub(crate) const SUMMARY_COLUMNS: &str =
    "t.id, t.session_id, t.question_id, q.text, t.recorded_ms, \
     t.total_seconds, t.speaking_seconds, t.score, t.wav_path, t.scorer_version";

pub(crate) fn summary_of(row: &Row) -> rusqlite::Result<TakeSummary> {
    Ok(TakeSummary {
        id: row.get(0)?,
        session_id: row.get(1)?,
        question_id: row.get(2)?,
        question_text: row.get(3)?,
        recorded_ms: row.get(4)?,
        total_seconds: row.get(5)?,
        speaking_seconds: row.get(6)?,
        score: row.get(7)?,
        wav_path: row.get(8)?,
        scorer_version: row.get(9)?,
    })
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A newer or damaged database is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateFolder {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(open_err)?;
        let version = schema::check(&conn, path)?;
        let sql = |source| StoreError::Sql {
            path: path.to_path_buf(),
            source,
        };
        // Only now that the file is known to be ours and not newer may it be changed.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(sql)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        schema::back_up_before_migrating(&conn, path, version)?;
        schema::migrate(&mut conn, version, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub(crate) fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.clone(),
            source,
        }
    }

    pub fn start_session(
        &self,
        kind: SessionKind,
        pack_id: Option<&str>,
        started_ms: i64,
    ) -> Result<i64, StoreError> {
        self.conn
            .execute(
                "INSERT INTO sessions (kind, pack_id, started_ms) VALUES (?1, ?2, ?3)",
                params![kind.as_str(), pack_id, started_ms],
            )
            .map_err(|e| self.sql(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_session(&self, id: i64, finished_ms: i64) -> Result<(), StoreError> {
        let changed = self
            .conn
            .execute(
                "UPDATE sessions SET finished_ms = ?2 WHERE id = ?1",
                params![id, finished_ms],
            )
            .map_err(|e| self.sql(e))?;
        if changed == 0 {
            return Err(StoreError::SessionNotFound(id));
        }
        Ok(())
    }

    /// Saves a take and the question it answered, in one transaction.
    pub fn save_take(&mut self, take: &NewTake) -> Result<i64, StoreError> {
        let transcript_json = serde_json::to_string(&take.assessment.transcript)?;
        let assessment_json = serde_json::to_string(take.assessment)?;
        let path = self.path.clone();
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sql)?;
        let q = take.question;
        tx.execute(
            "INSERT INTO questions (id, pack_id, text, category, target_seconds)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET pack_id = ?2, text = ?3, category = ?4,
                                            target_seconds = ?5",
            params![
                q.id,
                take.pack_id,
                q.text,
                format!("{:?}", q.category).to_lowercase(),
                q.target_seconds
            ],
        )
        .map_err(sql)?;
        let follow_up_json = take.follow_up.map(serde_json::to_string).transpose()?;
        tx.execute(
            "INSERT INTO takes (session_id, question_id, recorded_ms, wav_path, total_seconds,
                 speaking_seconds, score, stop_reason, model_id, scorer_version,
                 transcript_json, assessment_json, follows_take, follow_up_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                take.session_id,
                q.id,
                take.recorded_ms,
                take.wav_path.to_string_lossy(),
                take.total_seconds,
                take.speaking_seconds,
                take.score,
                take.stop_reason,
                take.model_id,
                take.scorer_version,
                transcript_json,
                assessment_json,
                take.follows_take,
                follow_up_json,
            ],
        )
        .map_err(sql)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(sql)?;
        Ok(id)
    }

    /// Every take, newest first.
    pub fn takes(&self) -> Result<Vec<TakeSummary>, StoreError> {
        self.list(
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM takes t JOIN questions q ON q.id = t.question_id
             ORDER BY t.recorded_ms DESC, t.id DESC"
            ),
            [],
        )
    }

    /// Every take of one question across sessions, oldest first: its attempt series.
    pub fn attempts(&self, question_id: &str) -> Result<Vec<TakeSummary>, StoreError> {
        self.list(
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM takes t JOIN questions q ON q.id = t.question_id
             WHERE t.question_id = ?1 ORDER BY t.recorded_ms, t.id"
            ),
            [question_id],
        )
    }

    /// The takes of one session, in the order they were recorded.
    pub fn session_takes(&self, session_id: i64) -> Result<Vec<TakeSummary>, StoreError> {
        self.list(
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM takes t JOIN questions q ON q.id = t.question_id
             WHERE t.session_id = ?1 ORDER BY t.recorded_ms, t.id"
            ),
            [session_id],
        )
    }

    fn list<P: rusqlite::Params>(&self, query: &str, p: P) -> Result<Vec<TakeSummary>, StoreError> {
        let mut stmt = self.conn.prepare(query).map_err(|e| self.sql(e))?;
        let rows = stmt.query_map(p, summary_of).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    pub fn take(&self, id: i64) -> Result<TakeRecord, StoreError> {
        let row = self
            .conn
            .query_row(
                &format!(
                    "SELECT {SUMMARY_COLUMNS}, q.category, q.target_seconds, t.stop_reason,
                            t.model_id, t.scorer_version, t.assessment_json, t.follows_take,
                            t.follow_up_json, t.story_json
                     FROM takes t JOIN questions q ON q.id = t.question_id WHERE t.id = ?1"
                ),
                [id],
                |row| {
                    Ok((
                        summary_of(row)?,
                        row.get::<_, String>(10)?,
                        row.get::<_, u32>(11)?,
                        row.get::<_, String>(12)?,
                        row.get::<_, String>(13)?,
                        row.get::<_, String>(14)?,
                        row.get::<_, String>(15)?,
                        row.get::<_, Option<i64>>(16)?,
                        row.get::<_, Option<String>>(17)?,
                        row.get::<_, Option<String>>(18)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or(StoreError::TakeNotFound(id))?;
        let (
            summary,
            category,
            target_seconds,
            stop_reason,
            model_id,
            scorer_version,
            json,
            follows_take,
            follow_up_json,
            story_json,
        ) = row;
        let assessment = serde_json::from_str(&json).map_err(|source| {
            if scorer_version == coach::SCORER_VERSION {
                StoreError::BadJson {
                    take: id,
                    what: "assessment",
                    source,
                }
            } else {
                StoreError::OlderAssessment {
                    take: id,
                    scorer_version: scorer_version.clone(),
                    source,
                }
            }
        })?;
        // A judgement that no longer reads (an older scorer's) is left out: the reply stays.
        let follow_up = follow_up_json.and_then(|j| serde_json::from_str(&j).ok());
        let replies = self
            .conn
            .prepare("SELECT id FROM takes WHERE follows_take = ?1 ORDER BY recorded_ms, id")
            .and_then(|mut st| {
                st.query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<i64>>>()
            })
            .map_err(|e| self.sql(e))?;
        Ok(TakeRecord {
            summary,
            question_category: category,
            target_seconds,
            stop_reason,
            model_id,
            scored_by_current: scorer_version == coach::SCORER_VERSION,
            assessment,
            follows_take,
            follow_up,
            replies,
            earlier: self.earlier_assessments(id)?,
            story: story_json.and_then(|j| serde_json::from_str(&j).ok()),
        })
    }

    /// Deletes a take and its recording (the WAV and any `.json` beside it). The row goes
    /// first: a recording left behind by a failed file delete is only wasted space, while a
    /// row naming a missing file would be a broken history entry.
    pub fn delete_take(&self, id: i64) -> Result<(), StoreError> {
        let wav: String = self
            .conn
            .query_row("SELECT wav_path FROM takes WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or(StoreError::TakeNotFound(id))?;
        self.conn
            .execute("DELETE FROM takes WHERE id = ?1", [id])
            .map_err(|e| self.sql(e))?;
        remove_recording(Path::new(&wav))
    }

    /// Deletes every take and session; returns how many takes went.
    pub fn delete_all(&mut self) -> Result<usize, StoreError> {
        let takes = self.takes()?;
        let path = self.path.clone();
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sql)?;
        tx.execute_batch("DELETE FROM takes; DELETE FROM sessions; DELETE FROM questions;")
            .map_err(sql)?;
        tx.commit().map_err(sql)?;
        let mut first_error = None;
        for take in &takes {
            if let Err(e) = remove_recording(Path::new(&take.wav_path)) {
                tracing::warn!("{e}");
                first_error.get_or_insert(e);
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(takes.len()),
        }
    }
}

fn remove_recording(wav: &Path) -> Result<(), StoreError> {
    for file in [wav.to_path_buf(), wav.with_extension("json")] {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(StoreError::DeleteFile { path: file, source }),
        }
    }
    Ok(())
}
