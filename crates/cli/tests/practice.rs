//! `star-coach practice` end to end against the virtual microphone: questions spoken through
//! cpal (espeak-ng voice) into the sound server, answers played into the microphone when the
//! program says it is recording, silence auto-stop, the real model, two takes saved and scored.

use e2e::speak;
use e2e::virtual_mic::VirtualMic;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

const PACK: &str = r#"
id = "two-questions"
name = "Two questions"

[[question]]
id = "tq-incident"
text = "Tell me about a production incident you handled."
category = "behavioural"
target_seconds = 60

[[question]]
id = "tq-deadline"
text = "Describe a time you met a tight deadline."
category = "behavioural"
target_seconds = 60
"#;

const ANSWERS: [&str; 2] = [
    "Last spring our payment service went down during the evening peak. I was the engineer on \
     call, so I had to restore it quickly. I rolled back the latest deploy, I found a missing \
     database index, and I added an alert for slow queries. We were back within twenty minutes \
     and the same failure has not happened since.",
    "Two years ago a client moved their launch forward by a month. My task was to ship the \
     billing module in three weeks. I cut the scope to the features they needed first, I wrote \
     the tests before the code, and I paired with a junior developer every day. We shipped two \
     days early and the client signed a second contract.",
];

fn wav_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(wav_files(&path));
        } else if path.extension().is_some_and(|e| e == "wav") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// What a practice session printed, and how it ended.
struct Session {
    status: std::process::ExitStatus,
    stdout: String,
    /// Its standard error, line by line.
    log: Vec<String>,
    /// How many times it said it was recording.
    recording_prompts: usize,
}

/// Runs `practice` (its output piped) and, each time it says it is recording, waits `think`
/// and plays the next of `answers` into `mic` in real time.
fn run_practice(
    mut practice: std::process::Command,
    mic: &VirtualMic,
    answers: &[PathBuf],
    think: Duration,
) -> Session {
    let mut child = practice
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let collector = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    let mut recording_prompts = 0;
    let mut log = Vec::new();
    for line in BufReader::new(child.stderr.take().unwrap())
        .lines()
        .map_while(Result::ok)
    {
        if line.starts_with("● Recording") {
            std::thread::sleep(think);
            mic.play(&answers[recording_prompts]).wait();
            recording_prompts += 1;
        }
        log.push(line);
    }
    Session {
        status: child.wait().unwrap(),
        stdout: collector.join().unwrap().join("\n"),
        log,
        recording_prompts,
    }
}

#[test]
fn a_two_question_mock_interview_asks_records_assesses_and_saves_both_takes() {
    e2e::default_model();
    let mic = VirtualMic::start();
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, PACK).unwrap();
    let answers: Vec<PathBuf> = ANSWERS
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let wav = dir.path().join(format!("answer{i}.wav"));
            speak(text, "en-us", 165, &wav);
            wav
        })
        .collect();

    let mut practice = mic.command(env!("CARGO_BIN_EXE_star-coach"));
    practice
        .env("STAR_COACH_DATA", dir.path().join("data"))
        .args([
            "practice",
            "--pack-file",
            pack.to_str().unwrap(),
            "--questions",
            "2",
            "--follow-ups",
            "off",
        ])
        .args([
            "--voice-backend",
            "espeak",
            "--silence-stop",
            "2.5",
            "--threads",
            "2",
        ])
        .stdin(Stdio::piped());
    let started = Instant::now();
    // A second of thinking, then each answer, into the microphone in real time.
    let session = run_practice(practice, &mic, &answers, Duration::from_secs(1));
    let stdout = session.stdout;
    let log = session.log.join("\n");
    eprintln!("{stdout}\n--- stderr ---\n{log}");
    assert!(session.status.success(), "practice failed");
    assert_eq!(session.recording_prompts, 2);
    eprintln!(
        "whole interview took {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // Both questions were asked on screen, and both takes stopped by themselves on silence.
    assert!(stdout.contains("Tell me about a production incident you handled."));
    assert!(stdout.contains("Describe a time you met a tight deadline."));
    assert_eq!(
        log.matches("stopped after 2.5 s of quiet").count(),
        2,
        "{log}"
    );

    // Two takes on disk, each with its assessment, and the session summary.
    let takes = wav_files(&dir.path().join("data/recordings"));
    assert_eq!(takes.len(), 2, "{takes:?}");
    for (take, script) in takes.iter().zip(ANSWERS) {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(take.with_extension("json")).unwrap())
                .unwrap();
        let text = json["transcript"]["text"].as_str().unwrap();
        let wer = coach::word_error_rate(script, text).rate();
        let think = json["speech"]["think_seconds"].as_f64().unwrap();
        let total = json["score"]["total"].as_f64().unwrap();
        eprintln!(
            "{}: WER {:.1} %, think time {think:.2} s, score {total:.0}, present {}",
            take.display(),
            100.0 * wer,
            json["star"]["present"]
        );
        assert!(wer < 0.25, "WER {wer:.3}: {text}");
        // The answer started a second after the prompt, and the question's own end came
        // shortly before that: think time is measured from the end of the spoken question.
        assert!((0.8..1.8).contains(&think), "think time {think}");
        assert!(json["question"]["id"].as_str().unwrap().starts_with("tq-"));
        assert_eq!(json["star"]["present"]["action"], true);
        assert!(total > 0.0);
    }
    let session = takes[0].parent().unwrap().join("session.json");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(session).unwrap()).unwrap();
    assert_eq!(summary["answers"].as_array().unwrap().len(), 2);
    assert!(stdout.contains("Summary") && stdout.contains("Mean score"));

    // Both takes are in the history the app shows, in one finished session, and nothing is
    // left pending.
    let history = store::Store::open(&dir.path().join("data/star-coach.sqlite3")).unwrap();
    let listed = history.takes().unwrap();
    assert_eq!(listed.len(), 2, "{listed:?}");
    let session = listed[0]
        .session_id
        .expect("takes belong to the interview's session");
    assert_eq!(history.session_takes(session).unwrap().len(), 2);
    for take in &listed {
        assert!(take.score.is_some());
        assert!(!store::recordings::pending_path(std::path::Path::new(&take.wav_path)).exists());
    }
}

#[test]
fn without_any_text_to_speech_the_questions_are_shown_and_the_interview_goes_on() {
    e2e::default_model();
    let mic = VirtualMic::start();
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, PACK).unwrap();
    let empty_path = dir.path().join("no-programs");
    std::fs::create_dir_all(&empty_path).unwrap();
    // espeak-ng cannot be found, and the take ends after a second of silence.
    let out = mic
        .command(env!("CARGO_BIN_EXE_star-coach"))
        .env("STAR_COACH_DATA", dir.path().join("data"))
        .env("PATH", &empty_path)
        .args([
            "practice",
            "--pack-file",
            pack.to_str().unwrap(),
            "--questions",
            "1",
        ])
        .args(["--voice-backend", "espeak", "--max-seconds", "1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("text-to-speech is not available")
            && stderr.contains("The questions are shown as text only"),
        "{stderr}"
    );
    assert!(stdout.contains("Tell me about a production incident you handled."));
    assert!(stdout.contains("no speech"), "{stdout}");
    assert_eq!(wav_files(&dir.path().join("data/recordings")).len(), 1);
}

/// A long answer through the real capture path: `STAR_COACH_LONG_TAKE=answer.wav` (20 minutes
/// in bench/RESULTS.md) is played into the microphone as one take; prints the recorder's and
/// assessment's figures and the peak memory of `star-coach practice`. Takes as long as the
/// answer, so it is run by hand: `cargo test --release -p cli --test practice long -- --ignored
/// --nocapture`.
#[test]
#[ignore = "as long as the answer it plays; run by hand with STAR_COACH_LONG_TAKE"]
fn a_long_take_through_the_microphone_is_recorded_transcribed_and_assessed() {
    let Some(answer) = std::env::var_os("STAR_COACH_LONG_TAKE").map(PathBuf::from) else {
        return;
    };
    let seconds = audio::wav::wav_seconds(&answer).unwrap();
    e2e::default_model();
    let mic = VirtualMic::start();
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, PACK).unwrap();
    let mut practice = mic.command("/usr/bin/time");
    practice
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_star-coach"))
        .env("STAR_COACH_DATA", dir.path().join("data"))
        .args(["practice", "--pack-file", pack.to_str().unwrap()])
        .args([
            "--questions",
            "1",
            "--follow-ups",
            "off",
            "--voice-backend",
            "none",
        ])
        .args(["--silence-stop", "3", "--threads", "2"])
        .args(["--max-seconds", &format!("{}", seconds + 60.0)])
        .stdin(Stdio::null());
    let Session {
        status,
        stdout,
        log,
        ..
    } = run_practice(
        practice,
        &mic,
        std::slice::from_ref(&answer),
        Duration::ZERO,
    );
    assert!(status.success(), "{}", log.join("\n"));
    let peak_mb = log
        .iter()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .expect("time -v reports the peak");
    let take = &wav_files(&dir.path().join("data/recordings"))[0];
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(take.with_extension("json")).unwrap())
            .unwrap();
    let recorded = audio::wav::wav_seconds(take).unwrap();
    let text = json["transcript"]["text"].as_str().unwrap();
    let script = std::fs::read_to_string(answer.with_extension("txt")).ok();
    let wer = script.map(|s| coach::word_error_rate(&s, text).rate());
    let after_stop = stdout
        .split("(assessed ")
        .nth(1)
        .and_then(|rest| rest.split(" s after").next())
        .expect("the saved line says when the take was assessed");
    eprintln!(
        "answer {seconds:.1} s, recorded {recorded:.1} s, speaking {:.1} s, {} words, WER {}, \
         assessed {after_stop} s after stop, peak RSS {peak_mb:.0} MB",
        json["speech"]["speaking_seconds"].as_f64().unwrap(),
        json["transcript"]["words"].as_array().unwrap().len(),
        wer.map_or("-".into(), |w| format!("{:.1} %", 100.0 * w)),
    );
    assert!(recorded >= seconds, "the whole answer is in the take");
}
