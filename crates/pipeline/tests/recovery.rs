//! Recovery after a crash, through the one entry point the app and `star-coach recover` share:
//! a WAV left open is repaired first, takes a crash kept out of the history are then assessed
//! from their WAV and added; what cannot be read yet is left for later, and takes still being
//! recorded are not touched. Real model, real speech (espeak-ng).

use pipeline::{recover_takes, DataPlaces, Recovered, RecoveryReport, SpeechModel};
use std::path::Path;
use store::recordings::{pending_path, write_pending, PendingTake};
use store::Store;

fn pending(n: u32) -> PendingTake {
    PendingTake {
        pack_id: "backend-developer".into(),
        question: coach::builtin_packs()[0].questions[0].clone(),
        session_id: None,
        recorded_ms: 1_700_000_000_000 + n as i64,
        follows: None,
    }
}

#[test]
fn pending_takes_are_assessed_into_the_history_and_nothing_else_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let recordings = dir.path().join("recordings");
    let session = recordings.join("session-1");
    std::fs::create_dir_all(&session).unwrap();
    let journal = dir.path().join("journal");
    std::fs::create_dir_all(&journal).unwrap();
    let database = dir.path().join("h.sqlite3");
    let places = DataPlaces {
        journal: &journal,
        recordings: &recordings,
        database: &database,
    };
    let model = SpeechModel::load(&e2e::default_model()).unwrap();

    // 1. A complete recording whose assessment never happened.
    let script = "Last spring our checkout page was slow. I was asked to fix it before the sale. \
                  I profiled the service and cached the prices. Page load time fell by forty percent.";
    let spoken = session.join("01-a.wav");
    e2e::speak(script, "en-us", 165, &spoken);
    write_pending(&spoken, &pending(1)).unwrap();
    // ...and a crash left its header claiming no audio: it must be repaired before it is read.
    let full_length = std::fs::metadata(&spoken).unwrap().len();
    zero_wav_sizes(&spoken);
    std::fs::write(
        journal.join("take-1-999999999.journal"),
        spoken.to_string_lossy().as_bytes(),
    )
    .unwrap();
    // 2. A take whose recording never started.
    let never = session.join("02-b.wav");
    write_pending(&never, &pending(2)).unwrap();
    // 3. A damaged recording: kept for a later try.
    let damaged = session.join("03-c.wav");
    std::fs::write(&damaged, b"not a wav at all").unwrap();
    write_pending(&damaged, &pending(3)).unwrap();
    // 4. A take another program is recording right now.
    let live = session.join("04-d.wav");
    e2e::speak("Still talking.", "en-us", 165, &live);
    write_pending(&live, &pending(4)).unwrap();
    let mut writer = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .unwrap();
    std::fs::write(
        journal.join(format!("take-2-{}.journal", writer.id())),
        live.to_string_lossy().as_bytes(),
    )
    .unwrap();

    // Without a model the WAV is repaired, and the pending takes wait.
    let RecoveryReport {
        repaired, waiting, ..
    } = recover_takes(None, &places);
    assert_eq!(repaired.len(), 1, "{repaired:?}");
    assert!(repaired[0].header_repaired);
    assert_eq!(std::fs::metadata(&spoken).unwrap().len(), full_length);
    assert!(matches!(waiting, Some((4, _))), "{waiting:?}");

    let report = recover_takes(Some(&model), &places);
    let results = report.assessed;
    assert_eq!(results.len(), 3, "{results:?}");
    let store = Store::open(&database).unwrap();

    let added: Vec<i64> = results
        .iter()
        .filter_map(|r| match r {
            Recovered::Added { take_id, wav } if wav == &spoken => Some(*take_id),
            _ => None,
        })
        .collect();
    assert_eq!(added.len(), 1, "{results:?}");
    let take = store.take(added[0]).unwrap();
    assert_eq!(take.stop_reason, "recovered");
    assert_eq!(take.summary.recorded_ms, pending(1).recorded_ms);
    let text = take.assessment.transcript.text.clone();
    let wer = coach::word_error_rate(script, &text).rate();
    assert!(wer < 0.2, "WER {wer:.2}: {text}");
    assert!(take.summary.score.is_some(), "a spoken answer is scored");
    assert!(
        spoken.with_extension("json").is_file(),
        "sidecar JSON written"
    );
    assert!(
        !pending_path(&spoken).exists(),
        "pending file removed once saved"
    );

    assert!(results
        .iter()
        .any(|r| matches!(r, Recovered::NeverRecorded { wav } if wav == &never)));
    assert!(!pending_path(&never).exists());

    assert!(results
        .iter()
        .any(|r| matches!(r, Recovered::Failed { wav, .. } if wav == &damaged)));
    assert!(pending_path(&damaged).exists(), "kept for a later try");
    assert!(
        pending_path(&live).exists(),
        "a take being recorded is not touched"
    );
    assert_eq!(store.takes().unwrap().len(), 1);

    // A second start finds only what is still pending, and adds nothing twice.
    let again = recover_takes(Some(&model), &places).assessed;
    assert!(
        again.iter().all(|r| !matches!(r, Recovered::Added { .. })),
        "{again:?}"
    );
    assert_eq!(store.takes().unwrap().len(), 1);
    let _ = writer.kill();
    let _ = writer.wait();
}

/// What a recorder killed before its first checkpoint leaves: a header that claims no audio.
fn zero_wav_sizes(wav: &Path) {
    let mut bytes = std::fs::read(wav).unwrap();
    let data = bytes
        .windows(4)
        .position(|w| w == b"data")
        .expect("a data chunk");
    bytes[4..8].copy_from_slice(&36u32.to_le_bytes());
    bytes[data + 4..data + 8].copy_from_slice(&0u32.to_le_bytes());
    std::fs::write(wav, bytes).unwrap();
}
