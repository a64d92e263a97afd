//! A portable archive of the whole history: one tar file holding `history.json` (every row of
//! sessions, questions, takes and earlier assessments), each take's recording and the JSON
//! beside it, and `manifest.json` with every file's size and SHA-256. Importing it on another
//! machine checks everything before anything is written: a newer or damaged archive, or one
//! with a file it should not have (a path outside its folders, a link), is refused with what
//! was wrong; then its recordings go to a folder of their own and its rows join the history in
//! one transaction, takes already there left out.

use crate::db::Store;
use crate::error::StoreError;
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const ARCHIVE_FORMAT: &str = "star-coach-archive";
/// The archive layout this build writes and the newest it reads.
pub const ARCHIVE_VERSION: u32 = 1;
/// `history.json` and `manifest.json` are read into memory: larger is not an archive of ours.
const MAX_TEXT_BYTES: u64 = 512 << 20;
const TABLES: [&str; 4] = ["sessions", "questions", "takes", "earlier_assessments"];

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a STAR Coach archive that can be read: {why}. Nothing was imported.")]
    Damaged { path: PathBuf, why: String },
    #[error(
        "{path} was made by a newer STAR Coach (archive version {found}; this one reads up to \
         {supported}). Nothing was imported: update STAR Coach first."
    )]
    Newer {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
}

impl ArchiveError {
    pub fn kind(&self) -> &'static str {
        match self {
            ArchiveError::Store(e) => e.kind(),
            ArchiveError::Io { .. } => "file_write",
            ArchiveError::Damaged { .. } => "archive_damaged",
            ArchiveError::Newer { .. } => "archive_newer",
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    /// The history's schema version the rows were read from.
    schema_version: i64,
    created_ms: i64,
    files: Vec<ManifestFile>,
}

#[derive(Serialize, Deserialize)]
struct ManifestFile {
    path: String,
    bytes: u64,
    sha256: String,
}

type Row = Map<String, Value>;

/// What an archive holds.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchiveSummary {
    pub takes: usize,
    pub recordings: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

/// What an import added.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub takes_added: usize,
    /// Takes the history already had (the same question at the same moment).
    pub takes_already_here: usize,
    pub sessions_added: usize,
    /// Where the archive's recordings now are.
    pub recordings_folder: String,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ArchiveError + '_ {
    move |source| ArchiveError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn json_of(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => Value::from(f),
        SqlValue::Text(t) => Value::String(t),
        SqlValue::Blob(b) => Value::String(sha256_hex(&b)),
    }
}

fn sql_of(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

impl Store {
    fn rows(&self, table: &str) -> Result<Vec<Row>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .map_err(|e| self.sql(e))?;
        let names: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let rows = stmt
            .query_map([], |r| {
                let mut row = Row::new();
                for (i, name) in names.iter().enumerate() {
                    row.insert(name.clone(), json_of(r.get::<_, SqlValue>(i)?));
                }
                Ok(row)
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql(e))?;
        Ok(rows)
    }

    fn columns(&self, table: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .map_err(|e| self.sql(e))?;
        let names = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
            .map_err(|e| self.sql(e))?;
        Ok(names)
    }

    /// Writes the whole history and its recordings to `out` (through a `.partial` file, so a
    /// crash never leaves half an archive under its name).
    pub fn export_archive(&self, out: &Path, now_ms: i64) -> Result<ArchiveSummary, ArchiveError> {
        let mut tables = BTreeMap::new();
        for table in TABLES {
            tables.insert(table, self.rows(table)?);
        }
        let mut archive = ArchiveWriter::create(out, now_ms)?;
        let mut recordings = 0;
        for take in &tables["takes"] {
            let (Some(id), Some(wav)) = (take["id"].as_i64(), take["wav_path"].as_str()) else {
                continue;
            };
            // A recording deleted by hand is left out; its take still travels.
            let Ok(audio) = std::fs::read(wav) else {
                tracing::warn!("take {id}: recording {wav} not found, left out of the archive");
                continue;
            };
            archive.add(&format!("recordings/{id}.wav"), &audio)?;
            recordings += 1;
            if let Ok(sidecar) = std::fs::read(Path::new(wav).with_extension("json")) {
                archive.add(&format!("recordings/{id}.json"), &sidecar)?;
            }
        }
        let history = serde_json::to_vec(&tables).map_err(StoreError::from)?;
        archive.add("history.json", &history)?;
        archive.finish(self.schema_version()?)?;
        Ok(ArchiveSummary {
            takes: tables["takes"].len(),
            recordings,
            bytes: std::fs::metadata(out).map_err(io(out))?.len(),
        })
    }

    /// Adds the archive at `archive` to this history; its recordings go to a new folder under
    /// `recordings`. Nothing is written unless the whole archive checks out.
    pub fn import_archive(
        &mut self,
        archive: &Path,
        recordings: &Path,
        now_ms: i64,
    ) -> Result<ImportReport, ArchiveError> {
        let damaged = |why: String| ArchiveError::Damaged {
            path: archive.to_path_buf(),
            why,
        };
        let folder = recordings.join(format!("imported-{now_ms}"));
        let staging = recordings.join(format!(".importing-{now_ms}"));
        std::fs::create_dir_all(&staging).map_err(io(&staging))?;
        let unpacked = unpack(archive, &staging, &damaged);
        let checked = unpacked.and_then(|(manifest, history, sums)| {
            check(archive, &manifest, &sums, &damaged)?;
            let manifest: Manifest = serde_json::from_slice(&manifest)
                .map_err(|e| damaged(format!("manifest.json: {e}")))?;
            let tables: BTreeMap<String, Vec<Row>> = serde_json::from_slice(&history)
                .map_err(|e| damaged(format!("history.json: {e}")))?;
            Ok((manifest, tables))
        });
        let (_, tables) = match checked {
            Ok(ok) => ok,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        std::fs::rename(&staging, &folder).map_err(io(&folder))?;
        match self.add_rows(&tables, &folder) {
            Ok(mut report) => {
                report.recordings_folder = folder.display().to_string();
                Ok(report)
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&folder);
                Err(e)
            }
        }
    }

    fn add_rows(
        &mut self,
        tables: &BTreeMap<String, Vec<Row>>,
        folder: &Path,
    ) -> Result<ImportReport, ArchiveError> {
        let empty = Vec::new();
        let table = |name: &str| tables.get(name).unwrap_or(&empty);
        let mut columns = HashMap::new();
        for name in TABLES {
            columns.insert(name, self.columns(name)?);
        }
        let path = self.path().to_path_buf();
        let sql = |source| StoreError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self.conn_mut().transaction().map_err(sql)?;
        // Only this build's columns are written, each value bound as a parameter: an
        // archive's names never reach the SQL text.
        let insert = |table: &str, row: &Row, skip: &[&str]| -> rusqlite::Result<i64> {
            let cols: Vec<&String> = columns[table]
                .iter()
                .filter(|c| row.contains_key(*c) && !skip.contains(&c.as_str()))
                .collect();
            let names: Vec<&str> = cols.iter().map(|c| c.as_str()).collect();
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let values: Vec<SqlValue> = cols.iter().map(|c| sql_of(&row[*c])).collect();
            tx.execute(
                &format!(
                    "INSERT OR IGNORE INTO {table} ({}) VALUES ({})",
                    names.join(", "),
                    marks.join(", ")
                ),
                rusqlite::params_from_iter(values),
            )?;
            Ok(tx.last_insert_rowid())
        };
        let mut sessions = HashMap::new();
        for row in table("sessions") {
            let id = insert("sessions", row, &["id"]).map_err(sql)?;
            sessions.insert(row.get("id").and_then(Value::as_i64), id);
        }
        for row in table("questions") {
            insert("questions", row, &[]).map_err(sql)?;
        }
        let mut takes = HashMap::new();
        let mut already = 0;
        for row in table("takes") {
            let old_id = row.get("id").and_then(Value::as_i64);
            let here: Option<i64> = tx
                .query_row(
                    "SELECT id FROM takes WHERE question_id = ?1 AND recorded_ms = ?2",
                    rusqlite::params![
                        sql_of(row.get("question_id").unwrap_or(&Value::Null)),
                        sql_of(row.get("recorded_ms").unwrap_or(&Value::Null))
                    ],
                    |r| r.get(0),
                )
                .ok();
            if here.is_some() {
                already += 1;
                continue;
            }
            let mut row = row.clone();
            let session = row.get("session_id").and_then(Value::as_i64);
            row.insert(
                "session_id".into(),
                session
                    .and_then(|s| sessions.get(&Some(s)))
                    .map_or(Value::Null, |s| Value::from(*s)),
            );
            let wav = folder.join(format!("{}.wav", old_id.unwrap_or_default()));
            row.insert("wav_path".into(), Value::String(wav.display().to_string()));
            row.insert("follows_take".into(), Value::Null);
            let id = insert("takes", &row, &["id"]).map_err(sql)?;
            takes.insert(old_id, id);
        }
        // The links between replies and answers, once every take has its new id.
        for row in table("takes") {
            let old_id = row.get("id").and_then(Value::as_i64);
            let follows = row.get("follows_take").and_then(Value::as_i64);
            if let (Some(id), Some(answer)) = (takes.get(&old_id), follows) {
                if let Some(answer_id) = takes.get(&Some(answer)) {
                    tx.execute(
                        "UPDATE takes SET follows_take = ?2 WHERE id = ?1",
                        [id, answer_id],
                    )
                    .map_err(sql)?;
                }
            }
        }
        for row in table("earlier_assessments") {
            let take = row.get("take_id").and_then(Value::as_i64);
            if let Some(id) = takes.get(&take) {
                let mut row = row.clone();
                row.insert("take_id".into(), Value::from(*id));
                insert("earlier_assessments", &row, &["id"]).map_err(sql)?;
            }
        }
        tx.commit().map_err(sql)?;
        Ok(ImportReport {
            takes_added: takes.len(),
            takes_already_here: already,
            sessions_added: sessions.len(),
            recordings_folder: String::new(),
        })
    }
}

/// An archive written entry by entry, with the manifest of what it holds (sizes and SHA-256)
/// added last; it takes its name only once whole. Export writes the history with it; tests and
/// the fuzzer wrap a history of their own in one.
pub struct ArchiveWriter {
    out: PathBuf,
    partial: PathBuf,
    now_ms: i64,
    tar: tar::Builder<std::io::BufWriter<std::fs::File>>,
    files: Vec<ManifestFile>,
}

impl ArchiveWriter {
    pub fn create(out: &Path, now_ms: i64) -> Result<Self, ArchiveError> {
        let mut partial = out.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let file = std::fs::File::create(&partial).map_err(io(&partial))?;
        Ok(ArchiveWriter {
            out: out.to_path_buf(),
            tar: tar::Builder::new(std::io::BufWriter::new(file)),
            partial,
            now_ms,
            files: Vec::new(),
        })
    }

    fn append(&mut self, path: &str, bytes: &[u8]) -> Result<(), ArchiveError> {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime((self.now_ms / 1000).max(0) as u64);
        header.set_entry_type(tar::EntryType::Regular);
        self.tar
            .append_data(&mut header, path, bytes)
            .map_err(io(&self.partial))
    }

    /// Adds `bytes` as the file `path` (`history.json`, `recordings/ID.wav`, …).
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> Result<(), ArchiveError> {
        self.files.push(ManifestFile {
            path: path.into(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        });
        self.append(path, bytes)
    }

    /// Adds the manifest (rows read from history schema `schema_version`), writes the archive
    /// out to disk and gives it its name.
    pub fn finish(mut self, schema_version: i64) -> Result<(), ArchiveError> {
        let manifest = serde_json::to_vec_pretty(&Manifest {
            format: ARCHIVE_FORMAT.into(),
            version: ARCHIVE_VERSION,
            schema_version,
            created_ms: self.now_ms,
            files: std::mem::take(&mut self.files),
        })
        .map_err(StoreError::from)?;
        self.append("manifest.json", &manifest)?;
        let partial = self.partial.clone();
        let mut writer = self.tar.into_inner().map_err(io(&partial))?;
        writer.flush().map_err(io(&partial))?;
        writer
            .into_inner()
            .map_err(|e| io(&partial)(e.into_error()))?
            .sync_all()
            .map_err(io(&partial))?;
        std::fs::rename(&partial, &self.out).map_err(io(&self.out))
    }
}

/// The files an archive may hold, and nothing else.
fn allowed(path: &str) -> bool {
    if path == "manifest.json" || path == "history.json" {
        return true;
    }
    let Some(name) = path.strip_prefix("recordings/") else {
        return false;
    };
    let Some((id, ext)) = name.split_once('.') else {
        return false;
    };
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && (ext == "wav" || ext == "json")
}

/// Reads every entry: recordings into `staging` (named by their take), the manifest and the
/// history into memory; the SHA-256 of each file is worked out as it is read.
#[allow(clippy::type_complexity)]
fn unpack(
    archive: &Path,
    staging: &Path,
    damaged: &dyn Fn(String) -> ArchiveError,
) -> Result<(Vec<u8>, Vec<u8>, BTreeMap<String, (u64, String)>), ArchiveError> {
    let file = std::fs::File::open(archive).map_err(io(archive))?;
    let mut tar = tar::Archive::new(std::io::BufReader::new(file));
    let (mut manifest, mut history) = (None, None);
    let mut sums = BTreeMap::new();
    let entries = tar
        .entries()
        .map_err(|e| damaged(format!("not a tar file ({e})")))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| damaged(format!("cut short or not a tar file ({e})")))?;
        let path = entry
            .path()
            .map_err(|e| damaged(format!("an entry's name cannot be read ({e})")))?
            .to_string_lossy()
            .into_owned();
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(damaged(format!(
                "{path} is not a plain file (a link or a folder)"
            )));
        }
        if !allowed(&path) {
            return Err(damaged(format!(
                "it holds {path}, which an archive never does"
            )));
        }
        if sums.contains_key(&path) {
            return Err(damaged(format!("{path} is in it twice")));
        }
        let mut hasher = Sha256::new();
        let mut bytes = 0u64;
        let mut buffer = vec![0u8; 1 << 16];
        let mut text = Vec::new();
        let mut out = match path.strip_prefix("recordings/") {
            Some(name) => {
                Some(std::fs::File::create(staging.join(name)).map_err(io(&staging.join(name)))?)
            }
            None => None,
        };
        loop {
            let n = entry
                .read(&mut buffer)
                .map_err(|e| damaged(format!("{path} is cut short ({e})")))?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
            bytes += n as u64;
            match out.as_mut() {
                Some(file) => file
                    .write_all(&buffer[..n])
                    .map_err(io(&staging.join(&path)))?,
                None if bytes > MAX_TEXT_BYTES => {
                    return Err(damaged(format!(
                        "{path} is larger than {MAX_TEXT_BYTES} bytes"
                    )))
                }
                None => text.extend_from_slice(&buffer[..n]),
            }
        }
        let digest: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        match path.as_str() {
            "manifest.json" => manifest = Some(text),
            "history.json" => {
                sums.insert(path.clone(), (bytes, digest));
                history = Some(text);
            }
            _ => {
                sums.insert(path, (bytes, digest));
            }
        }
    }
    let manifest = manifest.ok_or_else(|| damaged("it has no manifest.json".into()))?;
    let history = history.ok_or_else(|| damaged("it has no history.json".into()))?;
    Ok((manifest, history, sums))
}

/// The manifest is of a format and version this build reads, and lists exactly the files the
/// archive holds, each with its size and checksum.
fn check(
    archive: &Path,
    manifest: &[u8],
    sums: &BTreeMap<String, (u64, String)>,
    damaged: &dyn Fn(String) -> ArchiveError,
) -> Result<(), ArchiveError> {
    let head: Value =
        serde_json::from_slice(manifest).map_err(|e| damaged(format!("manifest.json: {e}")))?;
    if head["format"] != ARCHIVE_FORMAT {
        return Err(damaged("its manifest is not a STAR Coach archive's".into()));
    }
    let version = head["version"].as_u64().unwrap_or(0) as u32;
    if version > ARCHIVE_VERSION {
        return Err(ArchiveError::Newer {
            path: archive.to_path_buf(),
            found: version,
            supported: ARCHIVE_VERSION,
        });
    }
    let manifest: Manifest =
        serde_json::from_slice(manifest).map_err(|e| damaged(format!("manifest.json: {e}")))?;
    for f in &manifest.files {
        match sums.get(&f.path) {
            None => return Err(damaged(format!("{} is missing", f.path))),
            Some((bytes, sum)) if *bytes != f.bytes || *sum != f.sha256 => {
                return Err(damaged(format!(
                    "{} does not match its checksum: it was changed or damaged",
                    f.path
                )))
            }
            Some(_) => {}
        }
    }
    if let Some(extra) = sums
        .keys()
        .find(|p| !manifest.files.iter().any(|f| &f.path == *p))
    {
        return Err(damaged(format!("{extra} is not in its manifest")));
    }
    Ok(())
}
