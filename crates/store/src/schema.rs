//! The database schema as a list of migrations. Version N of the schema is the first N
//! entries applied in order; `PRAGMA user_version` records how many have run. A migration is
//! never edited once released: a change is a new entry at the end, so every earlier database
//! can be brought forward (the tests replay each prefix and migrate from it).

use crate::error::StoreError;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub const MIGRATIONS: &[&str] = &[
    // 1: sessions, the questions asked (a copy, so history keeps the wording even when a pack
    //    changes or is removed) and takes with their full assessment.
    r#"
    CREATE TABLE sessions (
        id           INTEGER PRIMARY KEY,
        kind         TEXT    NOT NULL CHECK (kind IN ('single', 'mock')),
        pack_id      TEXT,
        started_ms   INTEGER NOT NULL,
        finished_ms  INTEGER
    );
    CREATE TABLE questions (
        id              TEXT    PRIMARY KEY,
        pack_id         TEXT    NOT NULL,
        text            TEXT    NOT NULL,
        category        TEXT    NOT NULL,
        target_seconds  INTEGER NOT NULL
    );
    CREATE TABLE takes (
        id                INTEGER PRIMARY KEY,
        session_id        INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
        question_id       TEXT    NOT NULL REFERENCES questions(id),
        recorded_ms       INTEGER NOT NULL,
        wav_path          TEXT    NOT NULL,
        total_seconds     REAL    NOT NULL,
        speaking_seconds  REAL    NOT NULL,
        score             INTEGER,
        stop_reason       TEXT    NOT NULL,
        model_id          TEXT    NOT NULL,
        scorer_version    TEXT    NOT NULL,
        transcript_json   TEXT    NOT NULL,
        assessment_json   TEXT    NOT NULL
    );
    CREATE INDEX takes_by_time ON takes (recorded_ms DESC);
    CREATE INDEX takes_by_question ON takes (question_id, recorded_ms DESC);
    CREATE INDEX takes_by_session ON takes (session_id);
    "#,
    // 2: a follow-up question's reply is a take of its own, linked to the answer it follows,
    //    with what was asked and how the reply was judged together with the answer.
    r#"
    ALTER TABLE takes ADD COLUMN follows_take INTEGER REFERENCES takes(id) ON DELETE SET NULL;
    ALTER TABLE takes ADD COLUMN follow_up_json TEXT;
    CREATE INDEX takes_by_answer ON takes (follows_take);
    "#,
    // 3: when a take is assessed again (a newer scorer), the assessment it replaces is kept
    //    here whole, with the scorer and model that made it, for comparison.
    r#"
    CREATE TABLE earlier_assessments (
        id                INTEGER PRIMARY KEY,
        take_id           INTEGER NOT NULL REFERENCES takes(id) ON DELETE CASCADE,
        replaced_ms       INTEGER NOT NULL,
        scorer_version    TEXT    NOT NULL,
        model_id          TEXT    NOT NULL,
        score             INTEGER,
        total_seconds     REAL    NOT NULL,
        speaking_seconds  REAL    NOT NULL,
        transcript_json   TEXT    NOT NULL,
        assessment_json   TEXT    NOT NULL
    );
    CREATE INDEX earlier_by_take ON earlier_assessments (take_id, replaced_ms);
    "#,
    // 4: the story of the user's bank a take told (recognised, or chosen by the user).
    r#"
    ALTER TABLE takes ADD COLUMN story_json TEXT;
    "#,
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Reads the schema version without writing anything, so a damaged or newer database is
/// refused before it is touched.
pub(crate) fn check(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    let corrupt = |e: rusqlite::Error| StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    // Reading the schema table is the first thing that fails on a file that is not SQLite.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(corrupt)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(corrupt)?;
    if version > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    if version > 0 {
        let has_takes: bool = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'takes'",
                [],
                |r| r.get::<_, i64>(0).map(|n| n == 1),
            )
            .map_err(corrupt)?;
        if !has_takes {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: format!("schema version {version} but no takes table"),
            });
        }
    }
    Ok(version)
}

/// Where the copy of a database at schema `version` is kept before it is migrated.
pub fn backup_path(path: &Path, version: i64) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}.backup"));
    path.with_file_name(name)
}

/// Before an older history is migrated, a copy of it as it was is written beside it (SQLite's
/// `VACUUM INTO`: a consistent copy, even of a database in WAL mode), so an upgrade that went
/// wrong loses nothing. A copy already there, from an earlier attempt at the same version, is
/// kept as it is.
pub(crate) fn back_up_before_migrating(
    conn: &Connection,
    path: &Path,
    version: i64,
) -> Result<Option<PathBuf>, StoreError> {
    if version == 0 || version >= LATEST_VERSION {
        return Ok(None);
    }
    let backup = backup_path(path, version);
    if backup.exists() {
        return Ok(Some(backup));
    }
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])
        .map_err(|source| StoreError::Backup {
            path: path.to_path_buf(),
            backup: backup.clone(),
            source,
        })?;
    tracing::info!(
        "history database {} at schema version {version} copied to {} before migrating",
        path.display(),
        backup.display()
    );
    Ok(Some(backup))
}

/// Applies the migrations after `from`, each in its own transaction with its version bump.
pub(crate) fn migrate(conn: &mut Connection, from: i64, path: &Path) -> Result<(), StoreError> {
    let sql = |source| StoreError::Sql {
        path: path.to_path_buf(),
        source,
    };
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let version = index as i64 + 1;
        let tx = conn.transaction().map_err(sql)?;
        tx.execute_batch(migration).map_err(sql)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(sql)?;
        tx.commit().map_err(sql)?;
        tracing::info!(
            "history database {} now at schema version {version}",
            path.display()
        );
    }
    Ok(())
}
