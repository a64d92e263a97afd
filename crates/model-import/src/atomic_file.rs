//! Writing a converted model so that it appears whole or not at all.

use asr::hex;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file written under a temporary name beside its destination and renamed into place only by
/// [`AtomicFile::commit`]; dropped without commit, the temporary file is removed.
pub struct AtomicFile {
    temp: PathBuf,
    dest: PathBuf,
    writer: Option<HashingWriter<BufWriter<File>>>,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> io::Result<Self> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let file_name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dest.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
        let file = File::create(&temp)?;
        Ok(AtomicFile {
            temp,
            dest: dest.to_path_buf(),
            writer: Some(HashingWriter::new(BufWriter::new(file))),
        })
    }

    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Flushes, syncs and renames; returns (bytes written, sha256 hex).
    pub fn commit(mut self) -> io::Result<(u64, String)> {
        let writer = self
            .writer
            .take()
            .ok_or_else(|| io::Error::other("file already committed"))?;
        let (inner, bytes, sha) = writer.finish();
        let file = inner.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.temp, &self.dest)?;
        Ok((bytes, sha))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer
            .as_mut()
            .ok_or_else(|| io::Error::other("file already committed"))?
            .write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.as_mut().map_or(Ok(()), |w| w.flush())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Counts and hashes everything written through it.
pub struct HashingWriter<W: Write> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }
    pub fn finish(self) -> (W, u64, String) {
        (self.inner, self.bytes, hex(&self.hasher.finalize()))
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use asr::sha256_file;

    #[test]
    fn commit_renames_and_drop_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("model.bin");
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"abc").unwrap();
        assert!(!dest.exists(), "nothing at the destination before commit");
        let (n, sha) = f.commit().unwrap();
        assert_eq!(
            (n, sha.as_str()),
            (
                3,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            )
        );
        assert_eq!(sha256_file(&dest, |_| {}).unwrap(), (3, sha));

        let mut g = AtomicFile::create(&dir.path().join("other.bin")).unwrap();
        g.write_all(b"half").unwrap();
        drop(g);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("model.bin")]);
    }
}
