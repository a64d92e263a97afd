//! The recordings folder: one folder per practice session, named by its UTC start time so
//! they sort by date, each holding the session's WAVs and their assessment JSON.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// A fresh folder under `root` for one session's takes (never one that holds another
/// session's).
pub fn new_session_dir(root: &Path) -> Result<PathBuf, WriteError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError { path, source }
    };
    std::fs::create_dir_all(root).map_err(err(root))?;
    let stamp = utc_stamp(SystemTime::now());
    for n in 1.. {
        let name = if n == 1 {
            format!("session-{stamp}")
        } else {
            format!("session-{stamp}-{n}")
        };
        let dir = root.join(name);
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(err(&dir)(e)),
        }
    }
    unreachable!("some session folder name is free")
}

/// Writes JSON beside `path` and renames it into place, so a crash never leaves half a file.
pub fn write_json_atomically(path: &Path, value: &impl serde::Serialize) -> Result<(), WriteError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| WriteError {
        path: path.to_path_buf(),
        source: io::Error::other(e),
    })?;
    write_atomically(path, text.as_bytes())
}

/// Writes `bytes` to `path` through a `.partial` file renamed into place: a crash leaves the
/// old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes).map_err(|source| WriteError {
        path: partial.clone(),
        source,
    })?;
    std::fs::rename(&partial, path).map_err(|source| WriteError {
        path: path.to_path_buf(),
        source,
    })
}

/// What is known about a take before it is assessed, written beside its WAV when recording
/// starts and removed once the take is in the history. One left behind (a crash while recording
/// or assessing) says what the WAV answered, so the take can be assessed and added later.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PendingTake {
    pub pack_id: String,
    pub question: coach::Question,
    pub session_id: Option<i64>,
    pub recorded_ms: i64,
    /// For the reply to a follow-up question: the answer it follows and what was asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<PendingFollowUp>,
}

/// What a follow-up's reply is linked to, kept beside its WAV until it is in the history.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PendingFollowUp {
    /// The answer's take in the history, when it got there.
    pub answer_take: Option<i64>,
    pub asked: coach::FollowUp,
}

/// `01-q.wav` → `01-q.pending.json`.
pub fn pending_path(wav: &Path) -> PathBuf {
    wav.with_extension("pending.json")
}

pub fn write_pending(wav: &Path, take: &PendingTake) -> Result<(), WriteError> {
    create_parent(wav)?;
    write_json_atomically(&pending_path(wav), take)
}

/// Makes the folder `path` goes in, if it is not there yet.
pub fn create_parent(path: &Path) -> Result<(), WriteError> {
    match path.parent() {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|source| WriteError {
            path: dir.to_path_buf(),
            source,
        }),
        None => Ok(()),
    }
}

pub fn remove_pending(wav: &Path) {
    let path = pending_path(wav);
    if let Err(e) = std::fs::remove_file(&path) {
        if e.kind() != io::ErrorKind::NotFound {
            tracing::warn!("cannot remove {}: {e}", path.display());
        }
    }
}

/// Every pending take under `root`: its WAV and what the pending file says (or why it cannot
/// be read).
pub fn find_pending(root: &Path) -> Vec<(PathBuf, Result<PendingTake, String>)> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if let Some(stem) = name.strip_suffix(".pending.json") {
                let wav = path.with_file_name(format!("{stem}.wav"));
                let take = std::fs::read_to_string(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
                    .map_err(|e| format!("{}: {e}", path.display()));
                found.push((wav, take));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// Milliseconds since 1970 (what the history database stores).
pub fn unix_ms(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// `YYYYMMDD-HHMMSS` in UTC, for folder names that sort by time.
pub fn utc_stamp(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn stamps_are_utc_calendar_times() {
        let at = |s| UNIX_EPOCH + Duration::from_secs(s);
        assert_eq!(utc_stamp(at(0)), "19700101-000000");
        // 2024-02-29 23:59:59 UTC (leap day).
        assert_eq!(utc_stamp(at(1_709_251_199)), "20240229-235959");
        assert_eq!(utc_stamp(at(1_709_251_200)), "20240301-000000");
    }

    #[test]
    fn session_folders_are_never_shared() {
        let root = tempfile::tempdir().unwrap();
        let a = new_session_dir(root.path()).unwrap();
        let b = new_session_dir(root.path()).unwrap();
        assert_ne!(a, b);
        assert!(a.is_dir() && b.is_dir());
    }
}
