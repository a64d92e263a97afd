//! Helpers for this crate's tests.

use crate::transcript::{Transcript, Word};

/// An answer spoken without pauses: each sentence over the seconds given, its words evenly
/// spaced. Returns the transcript and its length in seconds.
pub fn spoken_evenly(sentences: &[(&str, f64)]) -> (Transcript, f64) {
    let mut words = Vec::new();
    let mut at = 0.0;
    for (sentence, seconds) in sentences {
        let parts: Vec<&str> = sentence.split_whitespace().collect();
        let each = seconds / parts.len() as f64;
        for (i, text) in parts.iter().enumerate() {
            let start = at + i as f64 * each;
            words.push(Word {
                text: text.to_string(),
                start,
                end: start + each,
                p: 0.9,
            });
        }
        at += seconds;
    }
    (Transcript::from_words(words), at)
}

/// A take of `sentences`, each spoken over the seconds given, judged by `rubric` as the app
/// judges a recorded take.
pub fn judged(sentences: &[(&str, f64)], rubric: crate::Rubric) -> crate::TakeAssessment {
    let (transcript, seconds) = spoken_evenly(sentences);
    crate::judge_take(
        crate::HeardTake {
            transcript,
            segments: &[crate::Span {
                start: 0.0,
                end: seconds,
            }],
            total_seconds: seconds + 0.5,
            question_end: None,
            held_sounds: Vec::new(),
            quality: crate::AudioQuality {
                clipped_share: 0.0,
                speech_dbfs: Some(-20.0),
            },
            timing: crate::Timing {
                model_load_seconds: 0.0,
                speech_activity_seconds: 0.0,
                transcribe_seconds: 0.0,
            },
            rubric,
        },
        &crate::Norms::default(),
    )
}
