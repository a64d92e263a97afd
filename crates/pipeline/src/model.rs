//! The speech model a take is transcribed with, and the name stored with every take (the
//! catalogue's name when it knows the file, else the file's name).

use asr::{Catalogue, TranscribeError, Transcriber};
use std::path::Path;
use std::sync::Arc;

#[derive(Clone)]
pub struct SpeechModel {
    pub transcriber: Arc<Transcriber>,
    pub name: String,
}

impl SpeechModel {
    pub fn load(path: &Path) -> Result<Self, TranscribeError> {
        Ok(SpeechModel {
            transcriber: Arc::new(Transcriber::load(path)?),
            name: model_name(path),
        })
    }
}

/// The catalogue name of a model file, else its file name.
pub fn model_name(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    Catalogue::builtin()
        .models
        .iter()
        .find(|m| m.file == file)
        .map_or(file, |m| m.name.clone())
}
