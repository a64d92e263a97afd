//! After a crash, in one call that the app's start-up and `star-coach recover` share: first
//! the WAVs a killed recorder left open are repaired from the crash journal so they play, then
//! the takes that never reached the history (each has a pending file beside its WAV, see
//! `store::recordings::PendingTake`) are assessed from their WAV and added. A recorded take is
//! never lost; one that cannot be finished now is left as it is for the next start.

use crate::assess::assess_take;
use crate::model::SpeechModel;
use crate::saving::{discard_empty_take, save_assessed_take, TakeFacts};
use asr::{TranscribeOptions, Transcriber};
use audio::take_file::UnrecoverableTake;
use audio::take_file::{recover_unfinished_takes, repair_wav, takes_being_written, RecoveredTake};
use coach::{Norms, Rubric};
use std::path::{Path, PathBuf};
use store::recordings::{find_pending, remove_pending};
use store::Store;

/// Where recovery looks.
pub struct DataPlaces<'a> {
    pub journal: &'a Path,
    pub recordings: &'a Path,
    pub database: &'a Path,
}

impl DataPlaces<'_> {
    /// The places of the data folder in use (`STAR_COACH_DATA` or the platform's).
    pub fn with<T>(f: impl FnOnce(&DataPlaces) -> T) -> T {
        let (journal, recordings, database) = (
            store::journal_dir(),
            store::recordings_dir(),
            store::database_path(),
        );
        f(&DataPlaces {
            journal: &journal,
            recordings: &recordings,
            database: &database,
        })
    }
}

/// What recovery did.
#[derive(Debug, Default)]
pub struct RecoveryReport {
    /// WAVs a crash left open, now playable.
    pub repaired: Vec<RecoveredTake>,
    pub not_repaired: Vec<UnrecoverableTake>,
    /// What became of each take that was missing from the history.
    pub assessed: Vec<Recovered>,
    /// Takes missing from the history that were left for later, and why.
    pub waiting: Option<(usize, String)>,
}

/// Repairs unfinished WAVs, then (given a model) assesses every take missing from the history
/// and adds it. Without a model or a history the pending takes wait, and the report says how
/// many and why.
pub fn recover_takes(model: Option<&SpeechModel>, places: &DataPlaces) -> RecoveryReport {
    let repair = recover_unfinished_takes(places.journal);
    let mut report = RecoveryReport {
        repaired: repair.recovered,
        not_repaired: repair.failed,
        ..RecoveryReport::default()
    };
    let pending = find_pending(places.recordings).len();
    if pending == 0 {
        return report;
    }
    let Some(model) = model else {
        report.waiting = Some((pending, "no speech model is loaded".into()));
        return report;
    };
    let mut store = match Store::open(places.database) {
        Ok(store) => store,
        Err(e) => {
            report.waiting = Some((pending, e.to_string()));
            return report;
        }
    };
    let being_written = takes_being_written(places.journal);
    report.assessed = recover_pending_takes(
        &mut store,
        &model.transcriber,
        places.recordings,
        &being_written,
        &model.name,
    );
    report
}

/// What became of one pending take.
#[derive(Debug)]
pub enum Recovered {
    /// Assessed and added to the history under this id.
    Added { wav: PathBuf, take_id: i64 },
    /// Its recording never started (no WAV) or was cut off before its first sample: the
    /// pending file and the empty WAV were removed.
    NeverRecorded { wav: PathBuf },
    /// Left as it is, to be tried again at the next start.
    Failed { wav: PathBuf, reason: String },
}

/// Assesses and saves every pending take under `recordings`, except those named in
/// `being_written` (another program is still recording them).
fn recover_pending_takes(
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
        // Counted from the file's length, not its header, which a crash without a journal entry
        // may have left claiming nothing (reading trusts the header and would find no samples):
        // a WAV with no frames after its header holds nothing said, so there is no take, and it
        // is not left to fail again at every start.
        if matches!(repair_wav(&wav), Ok(file) if file.seconds == 0.0) {
            discard_empty_take(&wav);
            results.push(Recovered::NeverRecorded { wav });
            continue;
        }
        let outcome = audio::read_wav_16k_mono(&wav)
            .map_err(|e| e.to_string())
            .and_then(|audio| {
                let assessment = assess_take(
                    &audio.samples,
                    None,
                    Rubric::for_category(pending.question.category),
                    || Ok::<_, asr::TranscribeError>(transcriber),
                    &TranscribeOptions::default(),
                    &norms,
                )
                .map_err(|e| e.to_string())?;
                // A follow-up's reply keeps what was asked; it was never judged with its answer.
                let follow_up = pending.follows.as_ref().map(|f| coach::FollowUpReply {
                    asked: f.asked.clone(),
                    judgement: None,
                });
                let facts = TakeFacts {
                    wav: &wav,
                    pending: &pending,
                    recorded_seconds: audio.samples.len() as f64 / asr::SAMPLE_RATE as f64,
                    question_end_in_take: None,
                    stop_reason: "recovered",
                    model_id,
                    follow_up: follow_up.as_ref(),
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
