//! A CTranslate2 model folder the user already has (faster-whisper's), taken into the models
//! folder as the catalogue model it converts to. The converter writes the same bytes every time,
//! so the catalogue's `[model.import]` sha256 names the result: the folder is converted the way
//! each importable model is stored (the default model's way first) until one conversion matches.
//! Only a recognised model is kept, under its catalogue name, so the app can check it at every
//! start like any other.

use crate::error::ImportError;
use crate::import::import_ct2_reporting;
use asr::{Catalogue, ModelEntry, Progress, Quantization};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Numbers each conversion's scratch file, so two imports at once never write the same one.
static CONVERSIONS: AtomicUsize = AtomicUsize::new(0);

/// Converts `folder` into `dir` as the catalogue model it turns out to be, reporting tensors
/// converted as [`Progress::Converting`]. Returns that model and where it now is; a folder that
/// converts to none of the catalogue's models leaves nothing behind.
pub fn import_as_catalogue_model(
    catalogue: &Catalogue,
    folder: &Path,
    dir: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<(ModelEntry, PathBuf), ImportError> {
    let mut ways: Vec<Quantization> = Vec::new();
    let importable = catalogue
        .models
        .iter()
        .filter(|m| m.default)
        .chain(catalogue.models.iter().filter(|m| !m.default))
        .filter_map(|m| m.import.as_ref());
    for import in importable {
        if !ways.contains(&import.quantize) {
            ways.push(import.quantize);
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| ImportError::io(dir, e))?;
    let mut tried = Vec::new();
    for (attempt, quantization) in ways.iter().enumerate() {
        let number = CONVERSIONS.fetch_add(1, Ordering::Relaxed);
        let converted = dir.join(format!(".import-{number}-{quantization}.bin"));
        let passes = ways.len() as u64;
        let report =
            import_ct2_reporting(folder, &converted, *quantization, &mut |done, total| {
                progress(Progress::Converting {
                    done: attempt as u64 * total as u64 + done as u64,
                    total: passes * total as u64,
                })
            })?;
        let recognised = catalogue
            .models
            .iter()
            .find(|m| m.bytes == report.bytes && m.accepts_sha256(&report.sha256));
        if let Some(entry) = recognised {
            let path = dir.join(&entry.file);
            std::fs::rename(&converted, &path).map_err(|e| ImportError::io(&path, e))?;
            return Ok((entry.clone(), path));
        }
        let _ = std::fs::remove_file(&converted);
        tried.push(format!("{quantization}: sha256 {}", report.sha256));
    }
    Err(ImportError::format(
        folder,
        format!(
            "it converts to none of the catalogue's models ({}); \
             `star-coach models import FOLDER --out FILE` converts it anyway",
            tried.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import_ct2_as;
    use crate::import::tests::{tiny_model, write_model_dir};

    /// A catalogue whose default model is what the miniature model converts to with q8_0
    /// weights (`sha256`, `bytes`), beside an f16 model it is not.
    fn catalogue(bytes: u64, sha256: &str) -> Catalogue {
        let other = "0".repeat(64);
        let text = format!(
            r#"
[[model]]
name = "mini-q8_0"
file = "ggml-mini-q8_0.bin"
bytes = {bytes}
sha256 = "{other}"
url = "https://example.invalid/mini"
languages = ["en"]
default = true
[model.import]
wheels = []
wheel_sha256 = []
dir = "model"
quantize = "q8_0"
sha256 = "{sha256}"

[[model]]
name = "mini"
file = "ggml-mini.bin"
bytes = 1
sha256 = "{other}"
url = "https://example.invalid/mini"
languages = ["en"]
[model.import]
wheels = []
wheel_sha256 = []
dir = "model"
sha256 = "{other}"
"#
        );
        Catalogue::parse(Path::new("catalogue.toml"), &text).unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_folder_is_taken_in_as_the_catalogue_model_it_converts_to() {
        let source = tempfile::tempdir().unwrap();
        write_model_dir(source.path(), &tiny_model().bytes());
        let scratch = tempfile::tempdir().unwrap();
        let expected = import_ct2_as(
            source.path(),
            &scratch.path().join("x.bin"),
            Quantization::Q8_0,
        )
        .unwrap();
        let models = tempfile::tempdir().unwrap();
        let mut reported = Vec::new();
        let (entry, path) = import_as_catalogue_model(
            &catalogue(expected.bytes, &expected.sha256),
            source.path(),
            models.path(),
            &mut |p| reported.push(p),
        )
        .unwrap();
        assert_eq!(entry.name, "mini-q8_0");
        assert_eq!(path, models.path().join("ggml-mini-q8_0.bin"));
        assert_eq!(names(models.path()), ["ggml-mini-q8_0.bin"]);
        assert_eq!(asr::sha256_file(&path, |_| {}).unwrap().1, expected.sha256);
        // The default's way (q8_0) was tried first and matched: one pass of two reported.
        let Some(Progress::Converting { done, total }) = reported.last().copied() else {
            panic!("no progress: {reported:?}");
        };
        assert!(done < total / 2 + 1 && total > 0, "{done} of {total}");
    }

    #[test]
    fn a_folder_of_no_catalogue_model_says_so_and_leaves_nothing() {
        let source = tempfile::tempdir().unwrap();
        write_model_dir(source.path(), &tiny_model().bytes());
        let models = tempfile::tempdir().unwrap();
        let err = import_as_catalogue_model(
            &catalogue(1, &"1".repeat(64)),
            source.path(),
            models.path(),
            &mut |_| {},
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains(&source.path().display().to_string())
                && err.contains("none of the catalogue's models")
                && err.contains("q8_0: sha256")
                && err.contains("f16: sha256"),
            "{err}"
        );
        assert!(
            names(models.path()).is_empty(),
            "{:?}",
            names(models.path())
        );
    }
}
