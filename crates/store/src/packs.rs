//! Question packs on disk: the built-in ones (in the program) and the user's (TOML files in
//! the packs folder, imported or made in the pack editor). Errors name the file and, for a bad
//! pack, line and column; a pack edited in the app is told the field (`coach::PackProblem`).
//! Packs are written atomically, and a built-in pack is never replaced.

use crate::paths::packs_dir;
use crate::recordings::{create_parent, write_atomically, WriteError};
use coach::packs::{check_pack, pack_to_toml, PackProblem};
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
    #[error("'{id}' is the id of a built-in pack: give the pack another id")]
    BuiltIn { id: String },
    #[error("a pack with id '{id}' already exists ({path})")]
    Exists { id: String, path: PathBuf },
    #[error(transparent)]
    Problem(#[from] PackProblem),
    #[error("the pack was not saved: {0}")]
    Write(#[from] WriteError),
    #[error("cannot delete the pack {path}: {source}")]
    Delete {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl PackFileError {
    pub fn kind(&self) -> &'static str {
        match self {
            PackFileError::Write(_) => "file_write",
            PackFileError::Delete { .. } => "file_delete",
            _ => "pack",
        }
    }
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
    all_packs_in(&packs_dir())
}

/// `all_packs`, the user's read from `dir`.
pub fn all_packs_in(dir: &Path) -> Result<Vec<(QuestionPack, String)>, PackFileError> {
    let mut packs: Vec<(QuestionPack, String)> = builtin_packs()
        .into_iter()
        .map(|p| (p, "built-in".to_string()))
        .collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
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
    find_pack_in(&packs_dir(), id)
}

/// `find_pack`, the user's packs read from `dir`.
pub fn find_pack_in(dir: &Path, id: &str) -> Result<QuestionPack, PackFileError> {
    let packs = all_packs_in(dir)?;
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

/// The file in `dir` of the user's pack `id`, if there is one.
pub fn user_pack_file(dir: &Path, id: &str) -> Result<Option<PathBuf>, PackFileError> {
    Ok(all_packs_in(dir)?
        .into_iter()
        .find(|(p, origin)| p.id == id && origin != "built-in")
        .map(|(_, origin)| PathBuf::from(origin)))
}

fn refuse_builtin(id: &str) -> Result<(), PackFileError> {
    if builtin_packs().iter().any(|p| p.id == id) {
        return Err(PackFileError::BuiltIn { id: id.into() });
    }
    Ok(())
}

fn write_pack_file(dest: &Path, text: &str) -> Result<(), PackFileError> {
    create_parent(dest)?;
    Ok(write_atomically(dest, text.as_bytes())?)
}

/// Saves a pack made or changed in the editor into `dir`. `replacing` is the id the pack had when the
/// editor opened it (none for a new pack): the same id overwrites its file, a new id is written
/// first and the old file removed after. Refused, with nothing written: a problem with the pack,
/// a built-in id, or the id of another of the user's packs.
pub fn save_pack(
    dir: &Path,
    pack: &QuestionPack,
    replacing: Option<&str>,
) -> Result<PathBuf, PackFileError> {
    check_pack(pack)?;
    refuse_builtin(&pack.id)?;
    let existing = user_pack_file(dir, &pack.id)?;
    if let Some(path) = &existing {
        if replacing != Some(pack.id.as_str()) {
            return Err(PackFileError::Exists {
                id: pack.id.clone(),
                path: path.clone(),
            });
        }
    }
    let old = match replacing {
        Some(old) if old != pack.id => user_pack_file(dir, old)?,
        _ => None,
    };
    let dest = existing.unwrap_or_else(|| dir.join(format!("{}.toml", pack.id)));
    write_pack_file(&dest, &pack_to_toml(pack))?;
    if let Some(old) = old {
        std::fs::remove_file(&old).map_err(|source| PackFileError::Delete { path: old, source })?;
    }
    Ok(dest)
}

/// Deletes the user's pack `id` in `dir` (its takes stay in the history); a built-in pack is refused.
pub fn delete_pack(dir: &Path, id: &str) -> Result<PathBuf, PackFileError> {
    refuse_builtin(id)?;
    let Some(path) = user_pack_file(dir, id)? else {
        // Says so, naming the packs there are.
        find_pack_in(dir, id)?;
        return Err(PackFileError::BuiltIn { id: id.into() });
    };
    std::fs::remove_file(&path).map_err(|source| PackFileError::Delete {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Adds the pack in `file` to the user's packs in `dir`, kept as written (comments and all). Refused: a
/// bad pack (with line and column), a built-in id, or an id already imported unless `replace`.
pub fn import_pack(
    dir: &Path,
    file: &Path,
    replace: bool,
) -> Result<(QuestionPack, PathBuf), PackFileError> {
    let pack = read_pack_file(file)?;
    // Read again as text to keep it as written; the size was checked above.
    let text = std::fs::read_to_string(file).map_err(|source| PackFileError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    refuse_builtin(&pack.id)?;
    let existing = user_pack_file(dir, &pack.id)?;
    if let (Some(path), false) = (&existing, replace) {
        return Err(PackFileError::Exists {
            id: pack.id.clone(),
            path: path.clone(),
        });
    }
    let dest = existing.unwrap_or_else(|| dir.join(format!("{}.toml", pack.id)));
    write_pack_file(&dest, &text)?;
    Ok((pack, dest))
}

/// Writes pack `id` (built-in, or the user's in `dir`) as TOML to `dest`.
pub fn export_pack(dir: &Path, id: &str, dest: &Path) -> Result<QuestionPack, PackFileError> {
    let pack = find_pack_in(dir, id)?;
    write_pack_file(dest, &pack_to_toml(&pack))?;
    Ok(pack)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn my_pack() -> QuestionPack {
        let mut pack = builtin_packs().remove(1);
        pack.id = "my-pack".into();
        pack.name = "My pack".into();
        pack
    }

    /// The editor's round: a new pack saved, found again, renamed, refused where it would
    /// overwrite another or a built-in pack, exported, imported back and deleted.
    #[test]
    fn a_pack_is_saved_renamed_exported_imported_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let shelf = dir.path().join("packs");
        let path = save_pack(&shelf, &my_pack(), None).unwrap();
        assert_eq!(path, shelf.join("my-pack.toml"));
        let found = user_pack_file(&shelf, "my-pack").unwrap();
        assert_eq!(found.as_deref(), Some(path.as_path()));
        assert_eq!(read_pack_file(&path).unwrap(), my_pack());
        // Saved again as new: refused, the first is kept.
        let err = save_pack(&shelf, &my_pack(), None).unwrap_err();
        assert!(matches!(err, PackFileError::Exists { .. }), "{err}");
        // Renamed: the new file is in, the old one gone.
        let mut renamed = my_pack();
        renamed.id = "renamed".into();
        save_pack(&shelf, &renamed, Some("my-pack")).unwrap();
        assert!(!path.exists());
        assert!(user_pack_file(&shelf, "renamed").unwrap().is_some());
        // A built-in id, and a problem: refused, nothing written.
        let mut builtin = my_pack();
        builtin.id = "backend-developer".into();
        let err = save_pack(&shelf, &builtin, None).unwrap_err();
        assert!(err.to_string().contains("built-in"), "{err}");
        let mut bad = my_pack();
        bad.questions[3].text.clear();
        match save_pack(&shelf, &bad, None).unwrap_err() {
            PackFileError::Problem(p) => {
                assert_eq!((p.question, p.field.as_str()), (Some(3), "text"))
            }
            other => panic!("{other}"),
        }
        assert!(!shelf.join("my-pack.toml").exists());
        // Out and back in.
        let out = dir.path().join("out.toml");
        export_pack(&shelf, "renamed", &out).unwrap();
        let err = import_pack(&shelf, &out, false).unwrap_err();
        assert!(matches!(err, PackFileError::Exists { .. }), "{err}");
        let (pack, dest) = import_pack(&shelf, &out, true).unwrap();
        assert_eq!(pack.id, "renamed");
        assert_eq!(dest, shelf.join("renamed.toml"));
        // Deleted; a built-in pack cannot be.
        assert!(delete_pack(&shelf, "backend-developer").is_err());
        delete_pack(&shelf, "renamed").unwrap();
        assert_eq!(user_pack_file(&shelf, "renamed").unwrap(), None);
        let err = delete_pack(&shelf, "renamed").unwrap_err().to_string();
        assert!(err.contains("no pack with id 'renamed'"), "{err}");
        assert_eq!(
            std::fs::read_dir(&shelf).unwrap().count(),
            0,
            "no partial file left"
        );
    }

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
