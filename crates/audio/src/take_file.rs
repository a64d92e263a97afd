//! A take on disk that survives a crash. The WAV (mono, 16-bit, at the device's rate) is written
//! as it is captured and its header is rewritten every checkpoint, so the file is playable at any
//! moment up to the last checkpoint. While a take is open, a small journal entry names its file;
//! a clean finish removes the entry. After a crash or `kill -9`, [`recover_unfinished_takes`]
//! finds the entries left behind, repairs each header to cover every whole sample that reached the
//! disk, and reports the takes so the caller can list them.

use hound::{SampleFormat, WavSpec, WavWriter};
use serde::Serialize;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// How much audio may sit in memory between header checkpoints (seconds). A crash loses at most
/// this much; flushing more often costs a seek and two small writes each time.
pub const CHECKPOINT_SECONDS: f64 = 0.25;

#[derive(Debug, thiserror::Error)]
pub enum TakeFileError {
    #[error("{path}: {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{path}: {action}: {message}")]
    Wav {
        path: PathBuf,
        action: &'static str,
        message: String,
    },
    #[error("{path}: cannot repair: {reason}")]
    Unrepairable { path: PathBuf, reason: String },
    /// The disk stopped taking the take (full, or past a file-size limit); the file was made to
    /// end at the last whole sample that reached it, and plays.
    #[error(
        "{path}: the disk stopped taking the recording after {kept_seconds:.1} s ({cause}); \
         everything up to then is kept"
    )]
    CutShort {
        path: PathBuf,
        kept_seconds: f64,
        cause: String,
    },
}

fn io_err<'a>(
    path: &'a Path,
    action: &'static str,
) -> impl FnOnce(io::Error) -> TakeFileError + 'a {
    move |source| TakeFileError::Io {
        path: path.to_path_buf(),
        action,
        source,
    }
}

fn wav_err<'a>(
    path: &'a Path,
    action: &'static str,
) -> impl FnOnce(hound::Error) -> TakeFileError + 'a {
    move |e| match e {
        hound::Error::IoError(source) => TakeFileError::Io {
            path: path.to_path_buf(),
            action,
            source,
        },
        other => TakeFileError::Wav {
            path: path.to_path_buf(),
            action,
            message: other.to_string(),
        },
    }
}

/// Writes one take: samples in, a valid WAV on disk at every checkpoint.
pub struct TakeWriter {
    path: PathBuf,
    journal_entry: Option<PathBuf>,
    writer: Option<WavWriter<BufWriter<File>>>,
    rate: u32,
    samples: u64,
    since_checkpoint: u64,
    checkpoint_every: u64,
}

impl TakeWriter {
    /// Creates `path` (and its folder) and, when `journal_dir` is given, an entry there naming it.
    pub fn create(
        path: &Path,
        rate: u32,
        journal_dir: Option<&Path>,
    ) -> Result<Self, TakeFileError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(io_err(dir, "cannot create the recordings folder"))?;
        }
        let spec = WavSpec {
            channels: 1,
            sample_rate: rate,
            bits_per_sample: 16,
            sample_format: SampleFormat::Int,
        };
        let journal_entry = match journal_dir {
            Some(dir) => Some(write_journal_entry(dir, path)?),
            None => None,
        };
        let mut writer =
            WavWriter::create(path, spec).map_err(wav_err(path, "cannot create the take"))?;
        // A header on disk from the first moment: even a take killed at once is a valid WAV.
        writer
            .flush()
            .map_err(wav_err(path, "cannot write the header"))?;
        Ok(TakeWriter {
            path: path.to_path_buf(),
            journal_entry,
            writer: Some(writer),
            rate,
            samples: 0,
            since_checkpoint: 0,
            checkpoint_every: ((rate as f64 * CHECKPOINT_SECONDS) as u64).max(1),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn rate(&self) -> u32 {
        self.rate
    }

    pub fn samples(&self) -> u64 {
        self.samples
    }

    pub fn seconds(&self) -> f64 {
        self.samples as f64 / self.rate as f64
    }

    /// Appends mono samples in −1..1 (clamped), checkpointing the header as it goes.
    pub fn write(&mut self, samples: &[f32]) -> Result<(), TakeFileError> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
        for &s in samples {
            let v = (s.clamp(-1.0, 1.0) * i16::MAX as f32).round() as i16;
            writer
                .write_sample(v)
                .map_err(wav_err(&self.path, "cannot write audio"))?;
        }
        self.samples += samples.len() as u64;
        self.since_checkpoint += samples.len() as u64;
        if self.since_checkpoint >= self.checkpoint_every {
            self.checkpoint()?;
        }
        Ok(())
    }

    /// Rewrites the header for everything written so far and pushes it to the disk.
    pub fn checkpoint(&mut self) -> Result<(), TakeFileError> {
        if let Some(writer) = self.writer.as_mut() {
            writer
                .flush()
                .map_err(wav_err(&self.path, "cannot update the header"))?;
        }
        self.since_checkpoint = 0;
        Ok(())
    }

    /// Completes the file and removes the journal entry. Returns the take's length in seconds.
    /// When the disk will not take the rest (it is full, or the file is past a size limit), the
    /// header is made to cover the whole samples that did reach it, so the take up to the
    /// failure plays, and [`TakeFileError::CutShort`] says how much that is.
    pub fn finish(mut self) -> Result<f64, TakeFileError> {
        if let Some(writer) = self.writer.take() {
            if let Err(e) = writer.finalize() {
                let error = wav_err(&self.path, "cannot finish the take")(e);
                return Err(self.salvage(error));
            }
        }
        self.remove_journal_entry();
        Ok(self.seconds())
    }

    fn salvage(&mut self, error: TakeFileError) -> TakeFileError {
        let cause = match &error {
            TakeFileError::Io { source, .. } => source.to_string(),
            other => other.to_string(),
        };
        match repair_wav(&self.path) {
            Ok(kept) => {
                self.remove_journal_entry();
                TakeFileError::CutShort {
                    path: self.path.clone(),
                    kept_seconds: kept.seconds,
                    cause,
                }
            }
            // The journal entry stays: recovery tries again at the next start.
            Err(e) => {
                tracing::warn!("{e}");
                error
            }
        }
    }

    fn remove_journal_entry(&mut self) {
        if let Some(entry) = self.journal_entry.take() {
            // The take is complete on disk; a stale entry would only make recovery re-check it.
            if let Err(e) = fs::remove_file(&entry) {
                tracing::warn!("{}: cannot remove journal entry: {e}", entry.display());
            }
        }
    }
}

fn write_journal_entry(dir: &Path, take: &Path) -> Result<PathBuf, TakeFileError> {
    fs::create_dir_all(dir).map_err(io_err(dir, "cannot create the journal folder"))?;
    let absolute = std::path::absolute(take).map_err(io_err(take, "cannot resolve the path"))?;
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let entry = dir.join(format!("take-{stamp}-{}.journal", std::process::id()));
    let mut file = File::create(&entry).map_err(io_err(&entry, "cannot create journal entry"))?;
    file.write_all(absolute.to_string_lossy().as_bytes())
        .and_then(|_| file.sync_all())
        .map_err(io_err(&entry, "cannot write journal entry"))?;
    Ok(entry)
}

/// A take that a crash left open, repaired and playable again.
#[derive(Debug, Clone, Serialize)]
pub struct RecoveredTake {
    pub path: PathBuf,
    pub seconds: f64,
    pub sample_rate: u32,
    /// True when the header had to be rewritten (samples after the last checkpoint were found).
    pub header_repaired: bool,
}

/// An entry that could not be turned back into a take, and why.
#[derive(Debug, Clone, Serialize)]
pub struct UnrecoverableTake {
    pub path: PathBuf,
    pub reason: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Recovery {
    pub recovered: Vec<RecoveredTake>,
    pub failed: Vec<UnrecoverableTake>,
}

/// Repairs every take named in `journal_dir` whose writer never finished. Entries of takes that
/// are still being written by a live process are left alone.
pub fn recover_unfinished_takes(journal_dir: &Path) -> Recovery {
    let mut recovery = Recovery::default();
    let Ok(entries) = fs::read_dir(journal_dir) else {
        return recovery;
    };
    let mut entries: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "journal"))
        .collect();
    entries.sort();
    for entry in entries {
        if writer_is_alive(&entry) {
            continue;
        }
        let take = match fs::read_to_string(&entry) {
            Ok(text) => PathBuf::from(text.trim()),
            Err(e) => {
                tracing::warn!("{}: unreadable journal entry: {e}", entry.display());
                continue;
            }
        };
        if !take.exists() {
            // Deleted by the user after the crash: nothing left to recover.
            let _ = fs::remove_file(&entry);
            continue;
        }
        match repair_wav(&take) {
            Ok(repaired) => {
                recovery.recovered.push(repaired);
                let _ = fs::remove_file(&entry);
            }
            Err(e) => recovery.failed.push(UnrecoverableTake {
                path: take,
                reason: e.to_string(),
            }),
        }
    }
    recovery
}

/// The takes another live process is recording right now (their journal entries' writers are
/// running): not to be touched by recovery.
pub fn takes_being_written(journal_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(journal_dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "journal") && writer_is_alive(p))
        .filter_map(|entry| fs::read_to_string(entry).ok())
        .map(|text| PathBuf::from(text.trim()))
        .collect()
}

/// The entry's name carries the writer's pid; on Linux a live process with that pid means the
/// take may still be growing. Elsewhere, and when unsure, treat the writer as gone.
fn writer_is_alive(entry: &Path) -> bool {
    let pid = entry
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.rsplit('-').next())
        .and_then(|p| p.parse::<u32>().ok());
    match pid {
        Some(pid) if pid == std::process::id() => false,
        Some(pid) => cfg!(target_os = "linux") && process_is_running(pid),
        None => false,
    }
}

/// A zombie (killed, not yet reaped by its parent) still has a /proc entry but writes nothing.
fn process_is_running(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name, which is in parentheses and may contain spaces.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

/// Rewrites the RIFF and data sizes of a WAV so they cover every whole frame in the file.
/// A file whose header already agrees is left byte-for-byte alone.
pub fn repair_wav(path: &Path) -> Result<RecoveredTake, TakeFileError> {
    let unrepairable = |reason: &str| TakeFileError::Unrepairable {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(io_err(path, "cannot open the take"))?;
    let file_len = file
        .metadata()
        .map_err(io_err(path, "cannot read the take"))?
        .len();
    let mut head = vec![0u8; file_len.min(64 * 1024) as usize];
    file.read_exact(&mut head)
        .map_err(io_err(path, "cannot read the header"))?;
    if head.len() < 12 || &head[0..4] != b"RIFF" || &head[8..12] != b"WAVE" {
        return Err(unrepairable("no RIFF/WAVE header"));
    }
    let mut pos = 12usize;
    let mut block_align = 0u64;
    let mut sample_rate = 0u32;
    let data_at = loop {
        if pos + 8 > head.len() {
            return Err(unrepairable("no data chunk in the header"));
        }
        let id = &head[pos..pos + 4];
        let size = u32::from_le_bytes(head[pos + 4..pos + 8].try_into().unwrap()) as usize;
        if id == b"fmt " {
            if pos + 8 + 16 > head.len() {
                return Err(unrepairable("fmt chunk cut short"));
            }
            let fmt = &head[pos + 8..];
            sample_rate = u32::from_le_bytes(fmt[4..8].try_into().unwrap());
            block_align = u16::from_le_bytes(fmt[12..14].try_into().unwrap()) as u64;
        }
        if id == b"data" {
            break pos;
        }
        pos += 8 + size + (size & 1);
    };
    if block_align == 0 || sample_rate == 0 {
        return Err(unrepairable("no usable fmt chunk before the data"));
    }
    let data_start = data_at as u64 + 8;
    let frames = file_len.saturating_sub(data_start) / block_align;
    let data_len = frames * block_align;
    if data_start + data_len > u32::MAX as u64 {
        return Err(unrepairable("larger than a WAV can describe (4 GiB)"));
    }
    let declared_data = u32::from_le_bytes(head[data_at + 4..data_at + 8].try_into().unwrap());
    let declared_riff = u32::from_le_bytes(head[4..8].try_into().unwrap());
    let riff_len = (data_start + data_len - 8) as u32;
    let header_repaired = declared_data as u64 != data_len || declared_riff != riff_len;
    if header_repaired {
        let write = |file: &mut File, at: u64, value: u32| -> io::Result<()> {
            file.seek(SeekFrom::Start(at))?;
            file.write_all(&value.to_le_bytes())
        };
        write(&mut file, 4, riff_len)
            .and_then(|_| write(&mut file, data_at as u64 + 4, data_len as u32))
            .and_then(|_| file.set_len(data_start + data_len))
            .and_then(|_| file.sync_all())
            .map_err(io_err(path, "cannot rewrite the header"))?;
    }
    Ok(RecoveredTake {
        path: path.to_path_buf(),
        seconds: frames as f64 / sample_rate as f64,
        sample_rate,
        header_repaired,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(n: usize) -> Vec<f32> {
        (0..n).map(|i| (i as f32 * 0.05).sin() * 0.5).collect()
    }

    #[test]
    fn finished_take_is_complete_and_leaves_no_journal_entry() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        let path = dir.path().join("take.wav");
        let mut writer = TakeWriter::create(&path, 48_000, Some(&journal)).unwrap();
        writer.write(&tone(48_000)).unwrap();
        let seconds = writer.finish().unwrap();
        assert!((seconds - 1.0).abs() < 1e-9);
        assert_eq!(hound::WavReader::open(&path).unwrap().len(), 48_000);
        assert_eq!(fs::read_dir(&journal).unwrap().count(), 0);
        assert!(recover_unfinished_takes(&journal).recovered.is_empty());
    }

    #[test]
    fn abandoned_take_is_playable_up_to_the_last_checkpoint_and_recovered_whole() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        let path = dir.path().join("take.wav");
        let mut writer = TakeWriter::create(&path, 16_000, Some(&journal)).unwrap();
        writer.write(&tone(16_000)).unwrap();
        writer.checkpoint().unwrap();
        writer.write(&tone(1_000)).unwrap();
        // Simulate the process dying: the buffered tail reaches the disk, the header does not.
        let mut inner = writer.writer.take().unwrap();
        inner.flush().unwrap();
        let before_repair = hound::WavReader::open(&path).unwrap().len();
        std::mem::forget(inner);
        assert!(before_repair >= 16_000);
        // Append bytes past the header's length, as a crash between checkpoints leaves them.
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(&[1, 0, 2, 0, 3]).unwrap(); // two whole samples and half of one
        drop(file);
        // Journal entries name a pid; make ours look like a dead process.
        let entry = fs::read_dir(&journal)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        fs::rename(&entry, journal.join("take-1-4294967294.journal")).unwrap();

        let recovery = recover_unfinished_takes(&journal);
        assert!(recovery.failed.is_empty(), "{:?}", recovery.failed);
        assert_eq!(recovery.recovered.len(), 1);
        let take = &recovery.recovered[0];
        assert!(take.header_repaired);
        let reader = hound::WavReader::open(&path).unwrap();
        assert_eq!(reader.len() as u64, 17_000 + 2);
        assert!((take.seconds - 17_002.0 / 16_000.0).abs() < 1e-9);
        assert_eq!(fs::read_dir(&journal).unwrap().count(), 0);
    }

    #[test]
    fn header_only_take_recovers_as_empty_and_a_sound_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.wav");
        let writer = TakeWriter::create(&path, 44_100, None).unwrap();
        std::mem::forget(writer);
        let repaired = repair_wav(&path).unwrap();
        assert_eq!(repaired.seconds, 0.0);
        assert!(!repaired.header_repaired);
    }

    #[test]
    fn garbage_is_reported_with_the_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("garbage.wav");
        fs::write(&path, b"this is not audio at all").unwrap();
        let err = repair_wav(&path).unwrap_err().to_string();
        assert!(err.contains("garbage.wav") && err.contains("RIFF"), "{err}");
    }

    #[test]
    fn entries_of_a_live_writer_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        let path = dir.path().join("live.wav");
        let _writer = TakeWriter::create(&path, 16_000, Some(&journal)).unwrap();
        // Our own pid counts as gone (a process recovers its own leftovers at start), so name
        // the entry after a process that is surely alive: pid 1.
        let entry = fs::read_dir(&journal)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        fs::rename(&entry, journal.join("take-1-1.journal")).unwrap();
        let recovery = recover_unfinished_takes(&journal);
        if cfg!(target_os = "linux") {
            assert!(recovery.recovered.is_empty());
            assert_eq!(fs::read_dir(&journal).unwrap().count(), 1);
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod process_tests {
    use super::process_is_running;
    use std::process::Command;

    #[test]
    fn a_killed_writer_that_was_never_reaped_counts_as_gone() {
        let mut running = Command::new("sleep").arg("5").spawn().unwrap();
        assert!(process_is_running(running.id()));
        running.kill().unwrap();
        // Not waited for yet: a zombie, with a /proc entry but no life.
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(std::path::Path::new(&format!("/proc/{}", running.id())).exists());
        assert!(!process_is_running(running.id()));
        running.wait().unwrap();
        assert!(!process_is_running(running.id()));
    }
}
