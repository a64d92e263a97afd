//! Verified, resumable model downloads. Bytes go to `<file>.partial`; an interrupted download
//! resumes with an HTTP Range request (or starts over when the server ignores Range); the file
//! is renamed into place only once its size and sha256 match the catalogue.

use crate::catalogue::ModelEntry;
use crate::error::FetchError;
use crate::files::sha256_file;
use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a download reports as it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Bytes on disk so far, of the total.
    Downloading { done: u64, total: u64 },
    /// Hashing the finished file.
    Verifying { done: u64, total: u64 },
    /// Converting a CTranslate2 model folder: tensors written so far, of the total.
    Converting { done: u64, total: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    AlreadyPresent(PathBuf),
    Downloaded(PathBuf),
}

pub fn partial_path(final_path: &Path) -> PathBuf {
    let mut name = final_path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    final_path.with_file_name(name)
}

/// Checks a model file against its catalogue entry (size first, then sha256).
pub fn verify_file(
    entry: &ModelEntry,
    path: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), FetchError> {
    let io = |source| FetchError::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len != entry.bytes {
        return Err(FetchError::SizeMismatch {
            path: path.to_path_buf(),
            expected: entry.bytes,
            actual: len,
        });
    }
    let (_, sha) = sha256_file(path, |done| {
        progress(Progress::Verifying { done, total: len })
    })
    .map_err(io)?;
    if !entry.accepts_sha256(&sha) {
        return Err(FetchError::ChecksumMismatch {
            path: path.to_path_buf(),
            expected: entry.sha256.clone(),
            actual: sha,
        });
    }
    Ok(())
}

/// Downloads `entry` into `dir` from `url` (normally `entry.url`; tests point it elsewhere).
pub fn fetch_model(
    entry: &ModelEntry,
    url: &str,
    dir: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Fetched, FetchError> {
    let final_path = dir.join(&entry.file);
    if final_path.is_file() && verify_file(entry, &final_path, progress).is_ok() {
        return Ok(Fetched::AlreadyPresent(final_path));
    }
    std::fs::create_dir_all(dir).map_err(|source| FetchError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let partial = partial_path(&final_path);
    download(entry, url, &partial, progress)?;
    let on_disk = std::fs::metadata(&partial).map(|m| m.len()).unwrap_or(0);
    if on_disk < entry.bytes {
        // Keep what arrived: the next fetch resumes from here.
        return Err(FetchError::SizeMismatch {
            path: partial,
            expected: entry.bytes,
            actual: on_disk,
        });
    }
    if let Err(e) = verify_file(entry, &partial, progress) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &final_path).map_err(|source| FetchError::Io {
        path: final_path.clone(),
        source,
    })?;
    Ok(Fetched::Downloaded(final_path))
}

fn download(
    entry: &ModelEntry,
    url: &str,
    partial: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), FetchError> {
    let http = |message: String| FetchError::Http {
        url: url.to_string(),
        message,
    };
    let io = |source| FetchError::Io {
        path: partial.to_path_buf(),
        source,
    };
    let mut have = std::fs::metadata(partial).map(|m| m.len()).unwrap_or(0);
    if have > entry.bytes {
        std::fs::remove_file(partial).map_err(io)?;
        have = 0;
    }
    if have == entry.bytes {
        return Ok(());
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(15)))
        // A stalled connection fails instead of hanging forever; the partial file is kept.
        .timeout_recv_body(Some(Duration::from_secs(60)))
        .build()
        .into();
    let mut request = agent.get(url);
    if have > 0 {
        request = request.header("Range", format!("bytes={have}-"));
    }
    let response = request.call().map_err(|e| http(e.to_string()))?;
    let status = response.status().as_u16();
    let append = match status {
        206 => true,
        200 => false, // the server ignored Range (or there was none): start from the beginning
        other => return Err(http(format!("server answered HTTP {other}"))),
    };
    let mut file = OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(partial)
        .map_err(io)?;
    let mut done = if append { have } else { 0 };
    let mut reader = response.into_body().into_reader();
    let mut buf = vec![0u8; 256 * 1024];
    progress(Progress::Downloading {
        done,
        total: entry.bytes,
    });
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                file.sync_all().map_err(io)?;
                return Err(http(format!(
                    "transfer broke off after {done} of {} bytes: {e}",
                    entry.bytes
                )));
            }
        };
        if done + n as u64 > entry.bytes {
            drop(file);
            let _ = std::fs::remove_file(partial);
            return Err(http(format!(
                "server sent more than the {} bytes the catalogue lists",
                entry.bytes
            )));
        }
        file.write_all(&buf[..n]).map_err(io)?;
        done += n as u64;
        progress(Progress::Downloading {
            done,
            total: entry.bytes,
        });
    }
    file.sync_all().map_err(io)?;
    Ok(())
}

mod copy_in;
pub use copy_in::copy_in_model;

#[cfg(test)]
mod tests;
