//! "Is my microphone all right?": a few seconds of audio judged by the same speech detector and
//! quality rules as a real take (is there speech, is it too quiet, is it clipped).

use crate::assess::listen;
use audio::SpeechAudio;
use coach::{quality_findings, Norms};
use serde::Serialize;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct MicCheck {
    pub speech_heard: bool,
    /// RMS of the speech in dBFS, when there was speech.
    pub speech_dbfs: Option<f64>,
    /// What to change, in words; empty when the level is fine.
    pub advice: Vec<String>,
}

/// Judges a few seconds of the microphone.
pub fn check_microphone(samples: &SpeechAudio, norms: &Norms) -> MicCheck {
    let (_, speech, quality) = listen(samples, None, norms);
    let advice = if speech.has_speech() {
        quality_findings(&quality, &speech, norms)
            .into_iter()
            .map(|f| f.message)
            .collect()
    } else {
        vec![
            "No speech was heard: check that the right microphone is chosen, switched on and \
              not muted, then try again."
                .to_string(),
        ]
    };
    MicCheck {
        speech_heard: speech.has_speech(),
        speech_dbfs: quality.speech_dbfs,
        advice,
    }
}
