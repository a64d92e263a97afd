//! Recovery after a crash, through the one entry point the app and `star-coach recover` share:
//! a WAV left open is repaired first, takes a crash kept out of the history are then assessed
//! from their WAV and added; what cannot be read yet is left for later, and takes still being
//! recorded are not touched; a take an older scorer judged is assessed again from its recording.
//! Real model, real speech (espeak-ng).

use pipeline::{recover_takes, DataPlaces, Recovered, RecoveryReport, SpeechModel};
use std::path::{Path, PathBuf};
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

/// A data folder: its recordings (with one session folder), journal and history.
struct DataFolder {
    recordings: PathBuf,
    session: PathBuf,
    journal: PathBuf,
    database: PathBuf,
}

impl DataFolder {
    fn places(&self) -> DataPlaces<'_> {
        DataPlaces {
            journal: &self.journal,
            recordings: &self.recordings,
            database: &self.database,
        }
    }
}

fn data_folder(root: &Path) -> DataFolder {
    let recordings = root.join("recordings");
    let session = recordings.join("session-1");
    std::fs::create_dir_all(&session).unwrap();
    let journal = root.join("journal");
    std::fs::create_dir_all(&journal).unwrap();
    DataFolder {
        recordings,
        session,
        journal,
        database: root.join("h.sqlite3"),
    }
}

#[test]
fn pending_takes_are_assessed_into_the_history_and_nothing_else_is_touched() {
    let _turn = e2e::whisper_turn();
    let dir = tempfile::tempdir().unwrap();
    let folder = data_folder(dir.path());
    let places = folder.places();
    let model = SpeechModel::load(&e2e::default_model()).unwrap();

    // 1. A complete recording whose assessment never happened.
    let script = "Last spring our checkout page was slow. I was asked to fix it before the sale. \
                  I profiled the service and cached the prices. Page load time fell by forty percent.";
    let spoken = folder.session.join("01-a.wav");
    e2e::speak(script, "en-us", 165, &spoken);
    write_pending(&spoken, &pending(1)).unwrap();
    // ...and a crash left its header claiming no audio: it must be repaired before it is read.
    let full_length = std::fs::metadata(&spoken).unwrap().len();
    zero_wav_sizes(&spoken);
    std::fs::write(
        folder.journal.join("take-1-999999999.journal"),
        spoken.to_string_lossy().as_bytes(),
    )
    .unwrap();
    // 2. A take whose recording never started.
    let never = folder.session.join("02-b.wav");
    write_pending(&never, &pending(2)).unwrap();
    // ...and one killed as it opened: a header and not one sample.
    let empty = folder.session.join("02-e.wav");
    audio::take_file::TakeWriter::create(&empty, 16_000, None)
        .unwrap()
        .finish()
        .unwrap();
    write_pending(&empty, &pending(5)).unwrap();
    // 3. A damaged recording: kept for a later try.
    let damaged = folder.session.join("03-c.wav");
    std::fs::write(&damaged, b"not a wav at all").unwrap();
    write_pending(&damaged, &pending(3)).unwrap();
    // 4. A take another program is recording right now.
    let live = folder.session.join("04-d.wav");
    e2e::speak("Still talking.", "en-us", 165, &live);
    write_pending(&live, &pending(4)).unwrap();
    let mut writer = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .unwrap();
    std::fs::write(
        folder
            .journal
            .join(format!("take-2-{}.journal", writer.id())),
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
    assert!(matches!(waiting, Some((5, _))), "{waiting:?}");

    let report = recover_takes(Some(&model), &places);
    let results = report.assessed;
    assert_eq!(results.len(), 4, "{results:?}");
    let store = Store::open(&folder.database).unwrap();

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
        .any(|r| matches!(r, Recovered::NeverRecorded { wav } if wav == &empty)));
    assert!(
        !pending_path(&empty).exists() && !empty.exists(),
        "nothing said, no take"
    );

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

    // The scorer changes: an older one's assessment, which no longer reads, is made again from
    // the recording, and the old one is kept.
    drop(store);
    rusqlite::Connection::open(&folder.database)
        .unwrap()
        .execute(
            "UPDATE takes SET scorer_version = '0.0.1', score = 12, \
             assessment_json = '{\"from\": \"0.0.1\"}' WHERE id = ?1",
            [added[0]],
        )
        .unwrap();
    let store = std::sync::Mutex::new(Store::open(&folder.database).unwrap());
    let older = store
        .lock()
        .unwrap()
        .takes_scored_before(coach::SCORER_VERSION)
        .unwrap();
    assert_eq!(older, [added[0]]);
    let options = asr::TranscribeOptions::default();
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let none = pipeline::reassess_takes(&store, &model, &options, &older, &cancel, |_| {});
    assert_eq!((none.reassessed.len(), none.not_reached), (0, 1));
    // A recording moved away by hand: reported, the take left as it was.
    let aside = spoken.with_extension("moved");
    std::fs::rename(&spoken, &aside).unwrap();
    cancel.store(false, std::sync::atomic::Ordering::Relaxed);
    let failed = pipeline::reassess_takes(&store, &model, &options, &older, &cancel, |_| {});
    assert_eq!(failed.failed.len(), 1, "{failed:?}");
    assert_eq!(failed.failed[0].kind, "recording_unreadable");
    assert!(failed.failed[0].message.contains("01-a.wav"), "{failed:?}");
    std::fs::rename(&aside, &spoken).unwrap();
    let mut seen = Vec::new();
    let done = pipeline::reassess_takes(&store, &model, &options, &older, &cancel, |p| {
        seen.push(
            format!("{p:?}")
                .split_whitespace()
                .next()
                .unwrap()
                .to_string(),
        )
    });
    assert_eq!(seen, ["Starting", "Finished"]);
    assert_eq!(done.reassessed.len(), 1, "{done:?}");
    let r = &done.reassessed[0];
    assert_eq!(
        (r.scorer_before.as_str(), r.score_before),
        ("0.0.1", Some(12))
    );
    assert!(r.change.is_none(), "the old assessment does not read");
    let store = store.into_inner().unwrap();
    let take = store.take(added[0]).unwrap();
    assert!(take.scored_by_current);
    assert_eq!(take.summary.score, r.score_after);
    let wer = coach::word_error_rate(script, &take.assessment.transcript.text).rate();
    assert!(wer < 0.2, "WER {wer:.2}");
    assert_eq!(take.earlier.len(), 1);
    assert_eq!(take.earlier[0].scorer_version, "0.0.1");
    assert_eq!(take.earlier[0].score, Some(12));
    let sidecar: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(spoken.with_extension("json")).unwrap())
            .unwrap();
    assert_eq!(sidecar["scorer_version"], coach::SCORER_VERSION);
    assert_eq!(sidecar["question"]["id"], pending(1).question.id.as_str());
    assert_eq!(
        sidecar["transcript"]["text"],
        take.assessment.transcript.text.as_str()
    );
    assert!(store
        .takes_scored_before(coach::SCORER_VERSION)
        .unwrap()
        .is_empty());
}

/// A header that claims no audio over audio there is, with no crash journal naming the file
/// (it was lost, or the take came from another machine): the take is assessed from every frame
/// the file holds, never taken for an empty recording and removed.
#[test]
fn a_header_claiming_no_audio_without_a_journal_is_no_empty_take() {
    let _turn = e2e::whisper_turn();
    let dir = tempfile::tempdir().unwrap();
    let folder = data_folder(dir.path());
    let places = folder.places();
    let wav = folder.session.join("01-a.wav");
    e2e::speak(
        "I cached the prices and the page got faster.",
        "en-us",
        165,
        &wav,
    );
    write_pending(&wav, &pending(1)).unwrap();
    zero_wav_sizes(&wav);

    let model = SpeechModel::load(&e2e::default_model()).unwrap();
    let results = recover_takes(Some(&model), &places).assessed;
    assert!(
        matches!(&results[..], [Recovered::Added { wav: added, .. }] if added == &wav),
        "{results:?}"
    );
    let takes = Store::open(&folder.database).unwrap().takes().unwrap();
    assert_eq!(takes.len(), 1);
    assert!(wav.is_file() && !pending_path(&wav).exists());
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

/// The history locked by another process (a write transaction held open) just as a take is
/// saved: the save gives up after the busy timeout and says why, the take's WAV and assessment
/// stay side by side with its pending file, and the next recovery, once the lock is gone, adds
/// it; nothing is lost and nothing half-written.
#[test]
fn a_take_saved_while_another_process_locks_the_history_joins_it_once_the_lock_is_gone() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let _turn = e2e::whisper_turn();
    let dir = tempfile::tempdir().unwrap();
    let folder = data_folder(dir.path());
    let mut history = Store::open(&folder.database).unwrap();
    let model = SpeechModel::load(&e2e::default_model()).unwrap();
    let wav = folder.session.join("01-a.wav");
    e2e::speak(
        "Last spring our checkout page was slow. I cached the prices, and it got faster.",
        "en-us",
        165,
        &wav,
    );
    let take = pending(7);
    write_pending(&wav, &take).unwrap();
    let audio = audio::read_wav_16k_mono(&wav).unwrap();
    let assessment = pipeline::assess_take(
        &audio.samples,
        None,
        coach::Rubric::Story,
        || Ok::<_, asr::TranscribeError>(&*model.transcriber),
        &asr::TranscribeOptions::default(),
        &coach::Norms::default(),
    )
    .unwrap();

    // Another process takes the database's write lock and holds it until told to let go.
    let mut locker = Command::new("python3")
        .args([
            "-c",
            "import sqlite3, sys\n\
             c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
             c.execute('BEGIN EXCLUSIVE')\n\
             print('locked', flush=True)\n\
             sys.stdin.read()\n\
             c.execute('ROLLBACK')",
        ])
        .arg(&folder.database)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut said = String::new();
    BufReader::new(locker.stdout.take().unwrap())
        .read_line(&mut said)
        .unwrap();
    assert_eq!(said.trim(), "locked");

    let facts = pipeline::TakeFacts {
        wav: &wav,
        pending: &take,
        recorded_seconds: audio.samples.len() as f64 / 16_000.0,
        question_end_in_take: None,
        stop_reason: "requested",
        model_id: &model.name,
        follow_up: None,
    };
    let refused = pipeline::save_assessed_take(Some(&mut history), &facts, &assessment)
        .expect_err("the history is locked");
    assert!(
        refused.to_string().contains("locked"),
        "the error says why: {refused}"
    );
    assert!(
        wav.with_extension("json").is_file(),
        "the assessment is kept beside the WAV"
    );
    assert!(
        pending_path(&wav).is_file(),
        "the take still waits for the history"
    );
    drop(history);

    // The lock goes; the next start's recovery adds the take.
    locker.stdin.take().unwrap().write_all(b"").unwrap();
    assert!(locker.wait().unwrap().success());
    let places = folder.places();
    let report = recover_takes(Some(&model), &places);
    assert!(
        matches!(report.assessed.as_slice(), [Recovered::Added { .. }]),
        "{report:?}"
    );
    assert!(!pending_path(&wav).exists());
    assert_eq!(
        Store::open(&folder.database)
            .unwrap()
            .takes()
            .unwrap()
            .len(),
        1
    );
}
