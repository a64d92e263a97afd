//! The model catalogue (`models/catalogue.toml`): which Whisper models exist, where the
//! official files are, how big they are and what their sha256 is, and how set-up can obtain a
//! model offline from a PyPI wheel.

use crate::error::CatalogueError;
use crate::ggml::Quantization;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelImport {
    pub wheels: Vec<String>,
    pub wheel_sha256: Vec<String>,
    /// Folder inside the unpacked wheels that holds the CTranslate2 model.
    pub dir: String,
    /// How the importer stores the weight matrices for this model (f16 unless said).
    #[serde(default)]
    pub quantize: Quantization,
    /// sha256 of the ggml file our importer writes from these wheels.
    pub sha256: String,
}

/// How a model did in `bench/RESULTS.md` on this project's 2-core bench machine, so a user can
/// weigh speed against accuracy before fetching one. Figures for another machine scale with its
/// speed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelMeasured {
    /// Seconds to transcribe a second of speech after the fact (one-shot, 2 threads).
    pub one_shot_rtf: f64,
    /// Median seconds from stop to the assessment, live (held-out answers).
    pub live_p50_seconds: f64,
    /// Word error rate on the real-speech corpus, pooled (0.066 = 6.6 % of words wrong).
    pub real_speech_wer: f64,
    /// Word error rate one-shot on the held-out answers, pooled.
    pub held_out_wer: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    pub name: String,
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
    pub url: String,
    pub languages: Vec<String>,
    #[serde(default)]
    pub default: bool,
    #[serde(default)]
    pub import: Option<ModelImport>,
    #[serde(default)]
    pub measured: Option<ModelMeasured>,
}

impl ModelEntry {
    /// Whether a file with this hash is a good copy of the model, fetched or imported.
    pub fn accepts_sha256(&self, sha: &str) -> bool {
        sha == self.sha256 || self.import.as_ref().is_some_and(|i| i.sha256 == sha)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalogue {
    #[serde(rename = "model")]
    pub models: Vec<ModelEntry>,
}

impl Catalogue {
    pub fn parse(path: &Path, text: &str) -> Result<Self, CatalogueError> {
        let cat: Catalogue = toml::from_str(text).map_err(|e| CatalogueError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let problem = |message: String| CatalogueError::Parse {
            path: path.to_path_buf(),
            message,
        };
        let is_sha = |s: &str| s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit());
        for m in &cat.models {
            if !is_sha(&m.sha256) || m.import.as_ref().is_some_and(|i| !is_sha(&i.sha256)) {
                return Err(problem(format!(
                    "model {}: sha256 must be 64 hex digits",
                    m.name
                )));
            }
            if m.file.contains('/') || m.file.contains('\\') || m.file.starts_with('.') {
                return Err(problem(format!(
                    "model {}: file must be a plain file name",
                    m.name
                )));
            }
        }
        if cat.models.iter().filter(|m| m.default).count() != 1 {
            return Err(problem(
                "exactly one model must be marked default = true".into(),
            ));
        }
        Ok(cat)
    }

    pub fn load(path: &Path) -> Result<Self, CatalogueError> {
        let text = std::fs::read_to_string(path).map_err(|source| CatalogueError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// The catalogue compiled into the program, so the app works wherever it is installed.
    pub fn builtin() -> Self {
        Self::parse(
            Path::new("models/catalogue.toml"),
            include_str!("../../../models/catalogue.toml"),
        )
        .unwrap_or_else(|e| panic!("the built-in catalogue is invalid: {e}"))
    }

    pub fn get(&self, name: &str) -> Result<&ModelEntry, CatalogueError> {
        self.models
            .iter()
            .find(|m| m.name == name)
            .ok_or_else(|| CatalogueError::UnknownModel {
                name: name.into(),
                known: self
                    .models
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    pub fn default_model(&self) -> &ModelEntry {
        self.models
            .iter()
            .find(|m| m.default)
            .unwrap_or(&self.models[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_is_valid_and_has_the_default_model() {
        let cat = Catalogue::builtin();
        let d = cat.default_model();
        assert_eq!(d.name, "tiny.en-q8_0");
        assert_eq!(d.bytes, 43_550_795);
        assert_eq!(
            d.import.as_ref().map(|i| i.quantize),
            Some(Quantization::Q8_0)
        );
        let f16 = cat.get("tiny.en").unwrap();
        assert_eq!(
            f16.import.as_ref().map(|i| i.quantize),
            Some(Quantization::F16)
        );
        assert!(!f16.default && cat.get("base.en").is_ok());
        let err = cat.get("huge").unwrap_err().to_string();
        assert!(err.contains("huge") && err.contains("tiny.en"), "{err}");
    }

    #[test]
    fn malformed_catalogues_name_the_file_and_the_problem() {
        let p = Path::new("my/catalogue.toml");
        let err = Catalogue::parse(p, "[[model]]\nname = 3")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("my/catalogue.toml: "), "{err}");
        let entry = |sha: &str, file: &str| {
            format!("[[model]]\nname='a'\nfile='{file}'\nbytes=1\nsha256='{sha}'\nurl='http://x'\nlanguages=['en']\ndefault=true\n")
        };
        let err = Catalogue::parse(p, &entry("abc", "a.bin"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("64 hex digits"), "{err}");
        let err = Catalogue::parse(p, &entry(&"a".repeat(64), "../evil.bin"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("plain file name"), "{err}");
        assert!(Catalogue::parse(p, &entry(&"a".repeat(64), "a.bin")).is_ok());

        let import = |quantize: &str| {
            let sha = "a".repeat(64);
            format!("{}[model.import]\nwheels=['w']\nwheel_sha256=['{sha}']\ndir='d'\nquantize='{quantize}'\nsha256='{sha}'\n", entry(&sha, "a.bin"))
        };
        assert!(Catalogue::parse(p, &import("q8_0")).is_ok());
        let err = Catalogue::parse(p, &import("q4")).unwrap_err().to_string();
        assert!(err.contains("q4") && err.contains("q8_0"), "{err}");
    }
}
