//! Takes that never reached the history (the program crashed or was killed while recording or
//! assessing) are assessed from their WAV and added, so a recorded take is never lost. Each
//! such take has a pending file beside its WAV (see `store::recordings::PendingTake`).

use crate::assess::assess_take;
use crate::saving::{save_assessed_take, TakeFacts};
use asr::{TranscribeOptions, Transcriber};
use coach::Norms;
use std::path::{Path, PathBuf};
use store::recordings::{find_pending, remove_pending};
use store::Store;

/// What became of one pending take.
#[derive(Debug)]
pub enum Recovered {
    /// Assessed and added to the history under this id.
    Added { wav: PathBuf, take_id: i64 },
    /// Its recording never started (no WAV): the pending file was removed.
    NeverRecorded { wav: PathBuf },
    /// Left as it is, to be tried again at the next start.
    Failed { wav: PathBuf, reason: String },
}

/// Assesses and saves every pending take under `recordings`, except those named in
/// `being_written` (another program is still recording them).
pub fn recover_pending_takes(
    store: &mut Store,
    transcriber: &Transcriber,
    recordings: &Path,
    being_written: &[PathBuf],
    model_id: &str,
) -> Vec<Recovered> {
    let norms = Norms::default();
    let mut results = Vec::new();
    for (wav, pending) in find_pending(recordings) {
        if being_written.iter().any(|w| same_file(w, &wav)) {
            continue;
        }
        let pending = match pending {
            Ok(p) => p,
            Err(reason) => {
                results.push(Recovered::Failed { wav, reason });
                continue;
            }
        };
        if !wav.exists() {
            remove_pending(&wav);
            results.push(Recovered::NeverRecorded { wav });
            continue;
        }
        let outcome = audio::read_wav_16k_mono(&wav)
            .map_err(|e| e.to_string())
            .and_then(|audio| {
                let assessment = assess_take(
                    &audio,
                    None,
                    || Ok::<_, asr::TranscribeError>(transcriber),
                    &TranscribeOptions::default(),
                    &norms,
                )
                .map_err(|e| e.to_string())?;
                let facts = TakeFacts {
                    wav: &wav,
                    pending: &pending,
                    recorded_seconds: audio.samples.len() as f64 / asr::SAMPLE_RATE as f64,
                    question_end_in_take: None,
                    stop_reason: "recovered",
                    model_id,
                };
                save_assessed_take(Some(&mut *store), &facts, &assessment)
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| "not saved".to_string())
            });
        results.push(match outcome {
            Ok(take_id) => Recovered::Added { wav, take_id },
            Err(reason) => Recovered::Failed { wav, reason },
        });
    }
    results
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}
