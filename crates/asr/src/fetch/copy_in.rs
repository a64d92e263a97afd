//! A model file the user already has (downloaded on another machine, copied from another
//! install) taken into the models folder: recognised by its sha256 among the catalogue's models,
//! copied to `<file>.partial` and renamed into place, so a half-copied file is never taken for
//! a model.

use super::{partial_path, Progress};
use crate::catalogue::{Catalogue, ModelEntry};
use crate::error::FetchError;
use crate::files::sha256_file;
use std::path::{Path, PathBuf};

/// Copies the model file `source` into `dir` under its catalogue name, once its size and
/// sha256 show which catalogue model it is. Returns that model and where it now is.
pub fn copy_in_model(
    catalogue: &Catalogue,
    source: &Path,
    dir: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<(ModelEntry, PathBuf), FetchError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| FetchError::Io { path, source }
    };
    let unknown = |detail: String| FetchError::NotInCatalogue {
        path: source.to_path_buf(),
        detail,
    };
    let meta = std::fs::metadata(source).map_err(io(source))?;
    if !meta.is_file() {
        return Err(unknown(
            "it is a folder, not a model file; a CTranslate2 (faster-whisper) folder is \
             converted with `star-coach models import FOLDER --name NAME`"
                .into(),
        ));
    }
    let len = meta.len();
    if !catalogue.models.iter().any(|m| m.bytes == len) {
        return Err(unknown(format!(
            "its size, {len} bytes, is that of none of the catalogue's models"
        )));
    }
    let (_, sha) = sha256_file(source, |done| {
        progress(Progress::Verifying { done, total: len })
    })
    .map_err(io(source))?;
    let entry = catalogue
        .models
        .iter()
        .find(|m| m.bytes == len && m.accepts_sha256(&sha))
        .ok_or_else(|| unknown(format!("its sha256 {sha} is that of none of them")))?
        .clone();
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let final_path = dir.join(&entry.file);
    let partial = partial_path(&final_path);
    let copied = std::fs::copy(source, &partial).map_err(io(&partial))?;
    let synced = std::fs::File::open(&partial).and_then(|f| f.sync_all());
    if let Err(e) = synced {
        let _ = std::fs::remove_file(&partial);
        return Err(io(&partial)(e));
    }
    if copied != len {
        let _ = std::fs::remove_file(&partial);
        return Err(FetchError::SizeMismatch {
            path: partial,
            expected: len,
            actual: copied,
        });
    }
    std::fs::rename(&partial, &final_path).map_err(io(&final_path))?;
    Ok((entry, final_path))
}
