//! The history database on disk: created from nothing, migrated from every earlier schema,
//! refused (and left byte-for-byte untouched) when newer or damaged, readable while a take is
//! being written, and deletes that take the recording with the row.

use coach::{
    builtin_packs, judge_take, AudioQuality, HeardTake, Norms, Question, Span, TakeAssessment,
    Timing, Transcript, Word,
};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use store::{backup_path, NewTake, SessionKind, Store, StoreError, LATEST_VERSION, MIGRATIONS};

fn question() -> Question {
    builtin_packs()[0].questions[0].clone()
}

fn recording(dir: &Path, name: &str) -> PathBuf {
    let wav = dir.join(name);
    std::fs::write(&wav, b"RIFF....WAVE").unwrap();
    std::fs::write(wav.with_extension("json"), b"{}").unwrap();
    wav
}

/// A real assessment of a short STAR answer spoken at an even pace.
fn assessment() -> TakeAssessment {
    let text = "Last year our checkout page was slow. I had to fix it before the sale. I profiled \
                the service and cached the prices. Page load time fell by forty percent.";
    let words: Vec<Word> = text
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| Word {
            text: w.into(),
            start: 0.4 * i as f64,
            end: 0.4 * i as f64 + 0.35,
            p: 0.9,
        })
        .collect();
    let end = words.last().unwrap().end;
    judge_take(
        HeardTake {
            transcript: Transcript::from_words(words),
            segments: &[Span { start: 0.0, end }],
            total_seconds: end + 0.5,
            question_end: None,
            held_sounds: Vec::new(),
            quality: AudioQuality {
                clipped_share: 0.0,
                speech_dbfs: Some(-20.0),
            },
            timing: Timing {
                model_load_seconds: 0.0,
                speech_activity_seconds: 0.0,
                transcribe_seconds: 0.0,
            },
            rubric: coach::Rubric::Story,
        },
        &Norms::default(),
    )
}

fn save(store: &mut Store, session: Option<i64>, wav: &Path, at: i64, score: u32) -> i64 {
    let q = question();
    let assessment = assessment();
    store
        .save_take(&NewTake {
            session_id: session,
            pack_id: "backend-developer",
            question: &q,
            recorded_ms: at,
            wav_path: wav,
            total_seconds: 75.5,
            speaking_seconds: 70.25,
            score: Some(score),
            stop_reason: "requested",
            model_id: "tiny.en",
            scorer_version: coach::SCORER_VERSION,
            assessment: &assessment,
            follows_take: None,
            follow_up: None,
        })
        .unwrap()
}

#[test]
fn a_new_database_holds_sessions_and_takes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sub/history.sqlite3")).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let session = store
        .start_session(SessionKind::Mock, Some("backend-developer"), 1_000)
        .unwrap();
    let first = save(
        &mut store,
        Some(session),
        &recording(dir.path(), "a.wav"),
        2_000,
        61,
    );
    let second = save(
        &mut store,
        Some(session),
        &recording(dir.path(), "b.wav"),
        3_000,
        74,
    );
    store.finish_session(session, 4_000).unwrap();

    let all = store.takes().unwrap();
    assert_eq!(
        all.iter().map(|t| t.id).collect::<Vec<_>>(),
        [second, first],
        "newest first"
    );
    assert_eq!(all[1].question_text, question().text);
    assert_eq!(all[1].score, Some(61));
    assert_eq!(all[1].speaking_seconds, 70.25);
    let in_session = store.session_takes(session).unwrap();
    assert_eq!(
        in_session.iter().map(|t| t.id).collect::<Vec<_>>(),
        [first, second]
    );

    let record = store.take(second).unwrap();
    assert_eq!(record.summary.score, Some(74));
    assert_eq!(record.assessment, assessment(), "read back as it was saved");
    assert!(record.scored_by_current);
    assert_eq!(record.target_seconds, question().target_seconds);
    assert_eq!(record.model_id, "tiny.en");
    assert!(matches!(
        store.take(999),
        Err(StoreError::TakeNotFound(999))
    ));
    assert!(matches!(
        store.finish_session(999, 1),
        Err(StoreError::SessionNotFound(999))
    ));
}

#[test]
fn deleting_a_take_deletes_its_recording_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let keep = recording(dir.path(), "keep.wav");
    let gone = recording(dir.path(), "gone.wav");
    let kept = save(&mut store, None, &keep, 1, 50);
    let deleted = save(&mut store, None, &gone, 2, 60);
    store.delete_take(deleted).unwrap();
    assert!(!gone.exists() && !gone.with_extension("json").exists());
    assert!(keep.exists());
    assert_eq!(store.takes().unwrap().len(), 1);
    assert!(matches!(
        store.delete_take(deleted),
        Err(StoreError::TakeNotFound(_))
    ));

    save(&mut store, None, &recording(dir.path(), "c.wav"), 3, 70);
    assert_eq!(store.delete_all().unwrap(), 2);
    assert!(store.takes().unwrap().is_empty());
    assert!(!keep.exists());
    let _ = kept;
}

/// Rows a database of schema version `version` could hold, written with that version's SQL.
fn fill(conn: &Connection, version: usize) {
    if version >= 1 {
        conn.execute_batch(
            "INSERT INTO sessions (id, kind, pack_id, started_ms) VALUES (7, 'single', 'p', 5);
             INSERT INTO questions VALUES ('q1', 'p', 'Tell me about a time…', 'behavioral', 90);
             INSERT INTO takes (id, session_id, question_id, recorded_ms, wav_path, total_seconds,
                 speaking_seconds, score, stop_reason, model_id, scorer_version, transcript_json,
                 assessment_json)
             VALUES (3, 7, 'q1', 10, '/nowhere/x.wav', 80.0, 72.0, 66, 'silence', 'tiny.en', '1',
                 '{}', '{\"score\":{\"total\":66}}');",
        )
        .unwrap();
    }
}

#[test]
fn every_earlier_schema_is_migrated_with_its_data() {
    for version in 0..=MIGRATIONS.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            for migration in &MIGRATIONS[..version] {
                conn.execute_batch(migration).unwrap();
            }
            conn.pragma_update(None, "user_version", version as i64)
                .unwrap();
            fill(&conn, version);
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            LATEST_VERSION,
            "from {version}"
        );
        // The history as it was is kept beside it, readable by the version that wrote it.
        let backup = backup_path(&path, version as i64);
        if version >= 1 && (version as i64) < LATEST_VERSION {
            let copy = Connection::open(&backup).unwrap();
            let kept: i64 = copy
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(kept, version as i64, "{}", backup.display());
            let takes: i64 = copy
                .query_row("SELECT count(*) FROM takes", [], |r| r.get(0))
                .unwrap();
            assert_eq!(takes, 1, "the copy of version {version} has its take");
        } else {
            assert!(!backup.exists(), "nothing to keep from {version}");
        }
        let takes = store.takes().unwrap();
        if version >= 1 {
            assert_eq!(takes.len(), 1, "from {version}");
            assert_eq!(takes[0].score, Some(66));
            // Its assessment is from a scorer this version cannot read: said so, not guessed.
            match store.take(3) {
                Err(e @ StoreError::OlderAssessment { .. }) => {
                    assert_eq!(e.kind(), "assessment_outdated");
                    assert!(e.to_string().contains("take 3"), "{e}");
                }
                other => panic!("from {version}: {other:?}"),
            }
        } else {
            assert!(takes.is_empty());
        }
    }
}

fn bytes_of(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn assert_left_untouched(path: &Path, before: &[u8]) {
    assert_eq!(bytes_of(path), before, "{} was changed", path.display());
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        assert!(!side.exists(), "{} was created", side.display());
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
    }
    let before = bytes_of(&path);
    let err = Store::open(&path)
        .err()
        .expect("a newer database must be refused");
    assert_eq!(err.kind(), "database_newer");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("newer"), "{message}");
    assert_left_untouched(&path, &before);
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("garbage.sqlite3", vec![0x5au8; 8192]),
        (
            "text.sqlite3",
            b"these are my notes, not a database\n".repeat(200),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &content).unwrap();
        let err = Store::open(&path)
            .err()
            .expect("a damaged database must be refused");
        assert_eq!(err.kind(), "database_corrupt", "{name}: {err}");
        assert!(err.to_string().contains(name), "{err}");
        assert_left_untouched(&path, &content);
    }
}

#[test]
fn the_history_can_be_read_while_a_take_is_being_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    let mut store = Store::open(&path).unwrap();
    save(&mut store, None, &recording(dir.path(), "a.wav"), 1, 50);

    // A second writer (another window, the CLI) holds a write transaction open.
    let writer = Connection::open(&path).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    writer
        .execute_batch(
            "INSERT INTO takes (session_id, question_id, recorded_ms, wav_path, total_seconds,
                 speaking_seconds, score, stop_reason, model_id, scorer_version, transcript_json,
                 assessment_json)
             SELECT NULL, question_id, 99, 'b.wav', 1, 1, 1, 'requested', 'm', '1', '{}', '{}'
             FROM takes LIMIT 1",
        )
        .unwrap();
    let reader = Store::open(&path).unwrap();
    let started = std::time::Instant::now();
    assert_eq!(reader.takes().unwrap().len(), 1, "uncommitted take seen");
    // WAL readers never wait for the writer (the busy timeout would be 5 s).
    assert!(
        started.elapsed().as_secs_f64() < 2.0,
        "{:?}",
        started.elapsed()
    );
    writer.execute_batch("COMMIT").unwrap();
    assert_eq!(reader.takes().unwrap().len(), 2);
}

#[test]
fn a_follow_up_reply_is_linked_to_its_answer_both_ways_and_outlives_its_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("history.sqlite3")).unwrap();
    let answer = save(&mut store, None, &recording(dir.path(), "a.wav"), 1_000, 40);
    let asked = coach::FollowUp {
        gap: coach::Gap::MissingResult,
        text: "How did it turn out?".into(),
        from_pack: false,
    };
    let judged = assessment();
    let reply = coach::FollowUpReply {
        judgement: Some(coach::judge_follow_up(
            &judged,
            &judged,
            asked.gap,
            &Norms::default(),
        )),
        asked,
    };
    let mut follow_up_question = question();
    follow_up_question.id.push_str(".follow-up-1");
    follow_up_question.text = reply.asked.text.clone();
    let wav = recording(dir.path(), "b.wav");
    let reply_id = store
        .save_take(&NewTake {
            session_id: None,
            pack_id: "backend-developer",
            question: &follow_up_question,
            recorded_ms: 2_000,
            wav_path: &wav,
            total_seconds: 8.0,
            speaking_seconds: 6.0,
            score: None,
            stop_reason: "requested",
            model_id: "tiny.en",
            scorer_version: coach::SCORER_VERSION,
            assessment: &judged,
            follows_take: Some(answer),
            follow_up: Some(&reply),
        })
        .unwrap();
    assert_eq!(store.take(answer).unwrap().replies, [reply_id]);
    let read = store.take(reply_id).unwrap();
    assert_eq!(read.follows_take, Some(answer));
    assert_eq!(read.follow_up, Some(reply));
    assert_eq!(read.summary.question_text, "How did it turn out?");
    // The reply is not another attempt at the question.
    assert_eq!(store.attempts(&question().id).unwrap().len(), 1);
    store.delete_take(answer).unwrap();
    assert_eq!(store.take(reply_id).unwrap().follows_take, None);
}

#[test]
fn assessing_a_take_again_keeps_the_assessment_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let wav = recording(dir.path(), "a.wav");
    let id = save(&mut store, None, &wav, 1_000, 41);
    // An older scorer made it: what it wrote no longer reads as today's type.
    let conn = Connection::open(store.path()).unwrap();
    conn.execute(
        "UPDATE takes SET scorer_version = '0.1.0', assessment_json = '{\"old\": true}' \
         WHERE id = ?1",
        [id],
    )
    .unwrap();
    assert_eq!(
        store.takes_scored_before(coach::SCORER_VERSION).unwrap(),
        [id]
    );
    let before = store.take_to_reassess(id).unwrap();
    assert!(
        before.assessment.is_none(),
        "an older assessment need not read"
    );
    assert_eq!(before.category, question().category);
    assert_eq!(before.wav_path, wav);

    let new = assessment();
    store
        .replace_assessment(id, "base.en", &new, 5_000)
        .unwrap();
    let take = store.take(id).unwrap();
    assert!(take.scored_by_current);
    assert_eq!(take.model_id, "base.en");
    assert_eq!(
        take.summary.score,
        new.score.map(|s| s.total.round() as u32)
    );
    assert_eq!(take.assessment, new);
    let earlier = &take.earlier;
    assert_eq!(earlier.len(), 1);
    assert_eq!(
        (
            earlier[0].replaced_ms,
            earlier[0].scorer_version.as_str(),
            earlier[0].model_id.as_str(),
            earlier[0].score
        ),
        (5_000, "0.1.0", "tiny.en", Some(41))
    );
    // Kept whole: the old JSON is there to read, and says why it does not read as today's.
    let kept: String = conn
        .query_row(
            "SELECT assessment_json FROM earlier_assessments WHERE id = ?1",
            [earlier[0].id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, "{\"old\": true}");
    assert!(matches!(
        store.earlier_assessment(earlier[0].id),
        Err(StoreError::OlderAssessment { .. })
    ));
    assert!(store
        .takes_scored_before(coach::SCORER_VERSION)
        .unwrap()
        .is_empty());

    // Again: the second replacement keeps the first re-assessment, readable whole.
    store
        .replace_assessment(id, "tiny.en", &new, 6_000)
        .unwrap();
    let earlier = store.earlier_assessments(id).unwrap();
    assert_eq!(earlier.len(), 2);
    assert_eq!(store.earlier_assessment(earlier[1].id).unwrap(), new);
    assert!(matches!(
        store.replace_assessment(999, "tiny.en", &new, 7_000),
        Err(StoreError::TakeNotFound(999))
    ));

    // Deleting the take deletes what it had before.
    store.delete_take(id).unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM earlier_assessments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

/// A history with a mock interview of two answers (one assessed again), a reply to a
/// follow-up, and their recordings; returns the store and the answer ids.
fn history_to_carry(dir: &Path) -> (Store, i64, i64) {
    let mut store = Store::open(&dir.join("h.sqlite3")).unwrap();
    let session = store
        .start_session(SessionKind::Mock, Some("backend-developer"), 1_000)
        .unwrap();
    let first = save(
        &mut store,
        Some(session),
        &recording(dir, "a.wav"),
        2_000,
        61,
    );
    let second = save(
        &mut store,
        Some(session),
        &recording(dir, "b.wav"),
        3_000,
        74,
    );
    std::fs::write(dir.join("a.wav"), b"RIFF first recording WAVE").unwrap();
    store
        .replace_assessment(first, "base.en", &assessment(), 4_000)
        .unwrap();
    let mut reply_q = question();
    reply_q.id.push_str(".follow-up-1");
    let a = assessment();
    store
        .save_take(&NewTake {
            session_id: Some(session),
            pack_id: "backend-developer",
            question: &reply_q,
            recorded_ms: 3_500,
            wav_path: &recording(dir, "c.wav"),
            total_seconds: 5.0,
            speaking_seconds: 4.0,
            score: None,
            stop_reason: "requested",
            model_id: "tiny.en",
            scorer_version: coach::SCORER_VERSION,
            assessment: &a,
            follows_take: Some(second),
            follow_up: None,
        })
        .unwrap();
    (store, first, second)
}

#[test]
fn an_archive_carries_the_history_and_its_recordings_to_another_machine() {
    let here = tempfile::tempdir().unwrap();
    let (store, first, second) = history_to_carry(here.path());
    let archive = here.path().join("carry.tar");
    let made = store.export_archive(&archive, 9_000).unwrap();
    assert_eq!((made.takes, made.recordings), (3, 3));

    let there = tempfile::tempdir().unwrap();
    let mut other = Store::open(&there.path().join("h.sqlite3")).unwrap();
    let recordings = there.path().join("recordings");
    let report = other.import_archive(&archive, &recordings, 10_000).unwrap();
    assert_eq!((report.takes_added, report.sessions_added), (3, 1));
    let takes = other.takes().unwrap();
    assert_eq!(takes.len(), 3);
    for original in [first, second] {
        let before = store.take(original).unwrap();
        let after = takes
            .iter()
            .find(|t| t.recorded_ms == before.summary.recorded_ms)
            .map(|t| other.take(t.id).unwrap())
            .unwrap();
        assert_eq!(after.assessment, before.assessment);
        assert_eq!(after.summary.score, before.summary.score);
        assert_eq!(after.model_id, before.model_id);
        assert_eq!(after.earlier.len(), before.earlier.len());
        // The recording came along byte for byte, into the new machine's recordings folder.
        assert!(after
            .summary
            .wav_path
            .starts_with(&report.recordings_folder));
        assert_eq!(
            std::fs::read(&after.summary.wav_path).unwrap(),
            std::fs::read(&before.summary.wav_path).unwrap()
        );
        assert!(after.summary.session_id.is_some());
    }
    let answer = takes.iter().find(|t| t.recorded_ms == 3_000).unwrap().id;
    assert_eq!(
        other.take(answer).unwrap().replies.len(),
        1,
        "the reply's link"
    );

    // The same archive again adds nothing.
    let again = other.import_archive(&archive, &recordings, 11_000).unwrap();
    assert_eq!((again.takes_added, again.takes_already_here), (0, 3));
    assert_eq!(other.takes().unwrap().len(), 3);
}

/// Rewrites one file of a tar archive in place (same length), keeping its header.
fn tamper(archive: &Path, needle: &[u8], with: &[u8]) {
    let mut bytes = std::fs::read(archive).unwrap();
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("found in the archive");
    bytes[at..at + with.len()].copy_from_slice(with);
    std::fs::write(archive, bytes).unwrap();
}

fn refused(archive: &Path, there: &Path) -> (String, &'static str) {
    let mut other = Store::open(&there.join("h.sqlite3")).unwrap();
    let recordings = there.join("recordings");
    let err = other
        .import_archive(archive, &recordings, 10_000)
        .unwrap_err();
    assert!(other.takes().unwrap().is_empty(), "nothing imported");
    let left: Vec<_> = std::fs::read_dir(&recordings)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "no file left behind: {left:?}");
    (err.to_string(), err.kind())
}

#[test]
fn a_damaged_newer_or_hostile_archive_is_refused_and_nothing_is_written() {
    let here = tempfile::tempdir().unwrap();
    let (store, _, _) = history_to_carry(here.path());
    let archive = here.path().join("carry.tar");
    store.export_archive(&archive, 9_000).unwrap();

    let damaged = here.path().join("damaged.tar");
    std::fs::copy(&archive, &damaged).unwrap();
    tamper(&damaged, b"first recording", b"FIRST recording");
    let there = tempfile::tempdir().unwrap();
    let (message, kind) = refused(&damaged, there.path());
    assert_eq!(kind, "archive_damaged");
    assert!(
        message.contains("recordings/1.wav does not match its checksum"),
        "{message}"
    );

    let newer = here.path().join("newer.tar");
    std::fs::copy(&archive, &newer).unwrap();
    tamper(&newer, b"\"version\": 1,", b"\"version\": 7,");
    let there = tempfile::tempdir().unwrap();
    let (message, kind) = refused(&newer, there.path());
    assert_eq!(kind, "archive_newer");
    assert!(message.contains("archive version 7"), "{message}");

    let cut = here.path().join("cut.tar");
    let bytes = std::fs::read(&archive).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let there = tempfile::tempdir().unwrap();
    assert_eq!(refused(&cut, there.path()).1, "archive_damaged");

    // Entries that would write outside the recordings folder, or a link: refused by name.
    for (name, kind) in [
        ("../escape.wav", tar::EntryType::Regular),
        ("/tmp/absolute.wav", tar::EntryType::Regular),
        ("recordings/1.wav", tar::EntryType::Symlink),
    ] {
        let hostile = here.path().join("hostile.tar");
        let mut builder = tar::Builder::new(std::fs::File::create(&hostile).unwrap());
        let mut header = tar::Header::new_gnu();
        header.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
        header.set_entry_type(kind);
        header.set_size(if kind == tar::EntryType::Symlink {
            0
        } else {
            4
        });
        if kind == tar::EntryType::Symlink {
            header.set_link_name("/etc/passwd").unwrap();
        }
        header.set_cksum();
        let data: &[u8] = if kind == tar::EntryType::Symlink {
            b""
        } else {
            b"RIFF"
        };
        builder.append(&header, data).unwrap();
        builder.finish().unwrap();
        drop(builder);
        let there = tempfile::tempdir().unwrap();
        let (message, kind) = refused(&hostile, there.path());
        assert_eq!(kind, "archive_damaged", "{message}");
        assert!(message.contains(name), "{message}");
        assert!(!there.path().join("escape.wav").exists());
        assert!(!Path::new("/tmp/absolute.wav").exists());
    }
}

/// The child of the test below: saves takes and rewrites a take's JSON without end, until it
/// is killed. Not a test on its own.
#[test]
#[ignore = "run only as the child of killed_mid_write_leaves_every_file_and_row_whole"]
fn writer_until_killed() {
    let Some(dir) = std::env::var_os("STAR_COACH_WRITER_DIR").map(PathBuf::from) else {
        return;
    };
    let mut store = Store::open(&dir.join("h.sqlite3")).unwrap();
    let a = assessment();
    let wav = recording(&dir, "w.wav");
    for n in 0.. {
        store::recordings::write_json_atomically(
            &dir.join("take.json"),
            &serde_json::json!({ "n": n, "assessment": &a }),
        )
        .unwrap();
        save(&mut store, None, &wav, n, 50);
    }
}

#[test]
fn killed_mid_write_leaves_every_file_and_row_whole() {
    let mut saved = Vec::new();
    for round in 0..6u64 {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "writer_until_killed", "--ignored"])
            .env("STAR_COACH_WRITER_DIR", dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Killed at a different moment each round, mid-write more often than not.
        std::thread::sleep(std::time::Duration::from_millis(300 + 67 * round));
        child.kill().unwrap(); // SIGKILL: no destructor, no flush
        child.wait().unwrap();
        // The take's JSON is the last whole one written, or not there yet; never half.
        let json = dir.path().join("take.json");
        if json.exists() {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&json).unwrap())
                    .expect("whole JSON after a kill");
            assert!(value["n"].as_u64().is_some());
        }
        // The history opens, is whole, and every row it holds reads back complete.
        let conn = Connection::open(dir.path().join("h.sqlite3")).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        drop(conn);
        let store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
        let takes = store.takes().unwrap();
        for t in &takes {
            assert_eq!(store.take(t.id).unwrap().assessment, assessment());
        }
        saved.push(takes.len());
    }
    eprintln!("takes saved before each kill: {saved:?}");
    assert!(
        saved.iter().any(|n| *n > 0),
        "the writer never got going: {saved:?}"
    );
}
