//! Question packs on disk: the built-in ones (in the program) and those the user imported
//! (TOML files in the packs folder). Errors name the file and, for a bad pack, line and column.

use crate::paths::packs_dir;
use coach::{builtin_packs, parse_pack, PackError, QuestionPack};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PackFileError {
    #[error("cannot read the question pack {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Invalid(#[from] PackError),
    #[error("no pack with id '{id}' (known: {known})")]
    Unknown { id: String, known: String },
    #[error(
        "{path}: {bytes} bytes is far more than a question pack (at most {LARGEST_PACK_BYTES})"
    )]
    TooLarge { path: PathBuf, bytes: u64 },
}

/// The largest pack file read: the built-in pack of 21 questions is 9 KB, so a megabyte holds
/// thousands; a larger file is not a pack, and parsing it would take seconds and memory.
pub const LARGEST_PACK_BYTES: u64 = 1 << 20;

/// A pack from a TOML file.
pub fn read_pack_file(file: &Path) -> Result<QuestionPack, PackFileError> {
    let read_error = |source| PackFileError::Read {
        path: file.to_path_buf(),
        source,
    };
    let bytes = std::fs::metadata(file).map_err(read_error)?.len();
    if bytes > LARGEST_PACK_BYTES {
        return Err(PackFileError::TooLarge {
            path: file.to_path_buf(),
            bytes,
        });
    }
    let text = std::fs::read_to_string(file).map_err(read_error)?;
    Ok(parse_pack(&file.display().to_string(), &text)?)
}

/// Built-in packs first, then the user's (by file name), each with where it came from.
pub fn all_packs() -> Result<Vec<(QuestionPack, String)>, PackFileError> {
    let mut packs: Vec<(QuestionPack, String)> = builtin_packs()
        .into_iter()
        .map(|p| (p, "built-in".to_string()))
        .collect();
    if let Ok(entries) = std::fs::read_dir(packs_dir()) {
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for file in files {
            packs.push((read_pack_file(&file)?, file.display().to_string()));
        }
    }
    Ok(packs)
}

/// A built-in or imported pack by id.
pub fn find_pack(id: &str) -> Result<QuestionPack, PackFileError> {
    let packs = all_packs()?;
    let known: Vec<String> = packs.iter().map(|(p, _)| p.id.clone()).collect();
    packs
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.id == id)
        .ok_or_else(|| PackFileError::Unknown {
            id: id.to_string(),
            known: known.join(", "),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_far_larger_than_a_pack_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("million.toml");
        let question =
            "[[question]]\nid = \"q\"\ntext = \"Tell me.\"\ncategory = \"behavioural\"\n";
        std::fs::write(&path, question.repeat(20_000)).unwrap();
        let err = read_pack_file(&path).unwrap_err().to_string();
        assert!(
            err.contains("million.toml") && err.contains("far more than a question pack"),
            "{err}"
        );
    }
}
