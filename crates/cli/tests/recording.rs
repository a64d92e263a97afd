//! Recording through the real cpal path from a virtual microphone (a private PulseAudio server
//! fed with espeak-ng speech): what is recorded matches what was played, a take killed with
//! SIGKILL is recovered at the next start, a take the disk stops taking keeps what reached it,
//! and a missing or vanishing device is reported.

use e2e::speak;
use e2e::virtual_mic::VirtualMic;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const ANSWER: &str = "At my last job our checkout service kept timing out during the holiday \
    sale. I was asked to find the cause within a week. I traced the slow queries, added an index, \
    and moved the session cache to Redis. Checkout latency fell by sixty percent, and we had no \
    outages that season. I learned to measure before I change anything.";

fn star_coach(mic: &VirtualMic, data: &Path) -> Command {
    let mut cmd = mic.command(env!("CARGO_BIN_EXE_star-coach"));
    cmd.env("STAR_COACH_DATA", data);
    cmd
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// 10 ms RMS frames of a 16 kHz signal.
fn envelope(samples: &[f32]) -> Vec<f64> {
    samples
        .chunks_exact(160)
        .map(|f| (f.iter().map(|x| (*x as f64).powi(2)).sum::<f64>() / 160.0).sqrt())
        .collect()
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len()) as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma).powi(2);
        sbb += (y - mb).powi(2);
    }
    sab / (saa * sbb).sqrt()
}

/// The best correlation of `recorded`'s envelope against `source`'s at any lag, and that lag
/// (in 10 ms frames into the source).
fn best_alignment(source: &[f64], recorded: &[f64]) -> (f64, usize) {
    (0..=source.len().saturating_sub(recorded.len()))
        .map(|lag| (pearson(&source[lag..lag + recorded.len()], recorded), lag))
        .fold((f64::MIN, 0), |best, c| if c.0 > best.0 { c } else { best })
}

/// `star-coach record OUT --seconds N --json-progress`, running, its stdout piped for the events.
fn spawn_recorder(mic: &VirtualMic, data: &Path, out: &Path, seconds: &str) -> Child {
    star_coach(mic, data)
        .args([
            "record",
            out.to_str().unwrap(),
            "--seconds",
            seconds,
            "--json-progress",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn json_lines(child: &mut Child) -> impl Iterator<Item = Value> {
    let stdout = child.stdout.take().expect("piped stdout");
    BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str(&l).ok())
}

#[test]
fn ten_seconds_recorded_from_the_microphone_match_what_was_played() {
    let mic = VirtualMic::start();
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("answer.wav");
    speak(ANSWER, "en-us", 165, &source);
    let player = mic.play(&source);
    std::thread::sleep(Duration::from_millis(500));

    let out_wav = dir.path().join("take.wav");
    let started = Instant::now();
    let out = star_coach(&mic, dir.path())
        .args([
            "record",
            out_wav.to_str().unwrap(),
            "--seconds",
            "10",
            "--json-progress",
        ])
        .output()
        .unwrap();
    let wall = started.elapsed().as_secs_f64();
    drop(player);
    assert!(out.status.success(), "{}", stderr(&out));

    let events: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let started_event = events.iter().find(|e| e["event"] == "started").unwrap();
    let rate = started_event["take"]["sample_rate"].as_u64().unwrap();
    let levels = events.iter().filter(|e| e["event"] == "level").count();
    let finished = events.iter().find(|e| e["event"] == "finished").unwrap();
    assert_eq!(finished["take"]["stop"]["kind"], "max_duration");

    // Length: the WAV holds 10 s at the device's rate, to within one capture buffer.
    let reader = hound::WavReader::open(&out_wav).unwrap();
    let spec = reader.spec();
    let samples = reader.len() as f64;
    assert_eq!(spec.channels, 1);
    assert_eq!(spec.sample_rate as u64, rate);
    let buffer = rate as f64 * 0.1;
    assert!(
        (samples - 10.0 * rate as f64).abs() <= buffer,
        "{samples} samples at {rate} Hz"
    );
    // Paced in real time: a 10 s take cannot come back sooner.
    assert!(wall >= 9.9, "10 s recorded in {wall:.2} s of wall time");
    // The level meter: at most 30 updates a second, and it did run.
    assert!(
        (250..=300).contains(&levels),
        "{levels} level updates in 10 s"
    );

    // Content: the recording's envelope lines up with the source's.
    let recorded = audio::read_wav_16k_mono(&out_wav).unwrap();
    let played = audio::read_wav_16k_mono(&source).unwrap();
    let (corr, lag) = best_alignment(&envelope(&played.samples), &envelope(&recorded.samples));
    eprintln!(
        "recorded {:.3} s at {rate} Hz in {wall:.2} s; {levels} level updates; envelope \
         correlation {corr:.4} at {:.2} s into the source",
        samples / rate as f64,
        lag as f64 / 100.0
    );
    assert!(corr >= 0.95, "envelope correlation {corr:.4}");
}

#[test]
fn a_take_killed_mid_recording_is_playable_and_recovered_at_the_next_start() {
    let mic = VirtualMic::start();
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("answer.wav");
    speak(ANSWER, "en-gb", 150, &source);
    let player = mic.play(&source);
    let out_wav = dir.path().join("killed.wav");
    let mut recorder = spawn_recorder(&mic, dir.path(), &out_wav, "60");
    let mut captured = 0.0;
    for event in json_lines(&mut recorder) {
        if event["event"] == "level" {
            captured = event["elapsed"].as_f64().unwrap();
            if captured >= 6.0 {
                break;
            }
        }
    }
    // SIGKILL: no destructor, no flush, no finalize.
    recorder.kill().unwrap();
    recorder.wait().unwrap();
    drop(player);
    assert!(
        captured >= 6.0,
        "the recorder never reported 6 s ({captured})"
    );

    // Playable as it lies, up to the last header checkpoint.
    let as_left = hound::WavReader::open(&out_wav).expect("valid WAV right after the kill");
    let left_seconds = as_left.duration() as f64 / as_left.spec().sample_rate as f64;

    let out = star_coach(&mic, dir.path())
        .args(["recover"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(
        report.contains("Recovered an unfinished take") && report.contains("killed.wav"),
        "{report}"
    );
    let reader = hound::WavReader::open(&out_wav).expect("valid WAV after recovery");
    let recovered = reader.duration() as f64 / reader.spec().sample_rate as f64;
    let samples: Vec<i16> = reader.into_samples().map(Result::unwrap).collect();
    assert!(
        samples.iter().any(|s| s.unsigned_abs() > 1000),
        "the take holds the speech"
    );
    eprintln!(
        "killed after {captured:.2} s reported: {left_seconds:.2} s playable as left, \
         {recovered:.2} s after recovery ({:.1} %)",
        100.0 * recovered / captured
    );
    assert!(
        recovered >= 0.9 * captured,
        "{recovered:.2} s of {captured:.2} s"
    );

    // Recovered once: a second start finds nothing more to do.
    let again = star_coach(&mic, dir.path())
        .args(["recover"])
        .output()
        .unwrap();
    assert!(!stderr(&again).contains("Recovered an unfinished take"));
}

#[test]
fn no_microphone_is_a_clear_error_and_an_unknown_name_falls_back_to_the_default() {
    let mut mic = VirtualMic::start();
    let dir = tempfile::tempdir().unwrap();
    let fallback = dir.path().join("fallback.wav");
    let out = star_coach(&mic, dir.path())
        .args(["record", fallback.to_str().unwrap(), "--seconds", "1"])
        .args(["--device", "USB headset that is not plugged in"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("\"USB headset that is not plugged in\" was not found; using the default"),
        "{}",
        stderr(&out)
    );
    assert!(hound::WavReader::open(&fallback).unwrap().duration() > 0);

    // No sound server at all: the default ALSA device has nothing behind it.
    mic.kill_server();
    let missing = dir.path().join("missing.wav");
    let out = star_coach(&mic, dir.path())
        .args(["record", missing.to_str().unwrap(), "--seconds", "1"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("no microphone found"), "{err}");
    assert!(
        !missing.exists(),
        "no file is left behind for a take that never started"
    );
}

#[test]
fn a_microphone_that_vanishes_mid_take_keeps_what_was_recorded_and_says_so() {
    let mut mic = VirtualMic::start();
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("answer.wav");
    speak(ANSWER, "en-us", 165, &source);
    let player = mic.play(&source);
    let out_wav = dir.path().join("lost.wav");
    let mut recorder = spawn_recorder(&mic, dir.path(), &out_wav, "60");
    let mut events = json_lines(&mut recorder);
    for event in events.by_ref() {
        if event["event"] == "level" && event["elapsed"].as_f64().unwrap() >= 4.0 {
            break;
        }
    }
    drop(player);
    mic.kill_server();
    let finished = events
        .find(|e| e["event"] == "finished")
        .expect("the recorder reports the end of the take");
    let status = recorder.wait().unwrap();
    assert_eq!(
        finished["take"]["stop"]["kind"], "device_lost",
        "{finished}"
    );
    let kept = finished["take"]["seconds"].as_f64().unwrap();
    assert!(kept >= 4.0, "kept {kept:.2} s");
    assert!(!status.success(), "an early end is not a success");
    let reader = hound::WavReader::open(&out_wav).unwrap();
    let on_disk = reader.duration() as f64 / reader.spec().sample_rate as f64;
    assert!(
        (on_disk - kept).abs() < 0.01,
        "{on_disk} s on disk, {kept} s reported"
    );
    eprintln!(
        "device lost after {kept:.2} s: {}",
        finished["take"]["stop"]["message"]
    );
}

#[test]
fn both_voices_sound_through_the_speakers_and_know_when_they_finished() {
    let mic = VirtualMic::start();
    let dir = tempfile::tempdir().unwrap();
    let question = "Tell me about a time you had to learn a new technology quickly.";
    for backend in ["espeak", "system"] {
        let wav = dir.path().join(format!("{backend}.wav"));
        let mut recorder = spawn_recorder(&mic, dir.path(), &wav, "9");
        let mut events = json_lines(&mut recorder);
        assert!(events.any(|e| e["event"] == "capturing"));
        let said = star_coach(&mic, dir.path())
            .args(["say", question, "--voice-backend", backend])
            .output()
            .unwrap();
        assert!(said.status.success(), "{backend}: {}", stderr(&said));
        let report = stderr(&said);
        let reported: f64 = report
            .split(" in ")
            .nth(1)
            .and_then(|r| r.split(" s").next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("{backend}: {report}"));
        assert!(events.any(|e| e["event"] == "finished"));
        recorder.wait().unwrap();

        let recorded = audio::read_wav_16k_mono(&wav).unwrap();
        let activity = audio::detect_speech(&recorded.samples, &audio::VadConfig::default());
        let (first, last) = (
            activity.segments.first().expect("the question was heard"),
            activity.segments.last().unwrap(),
        );
        let span = last.end - first.start;
        eprintln!(
            "{backend}: heard for {span:.2} s ({:.2}–{:.2} s of the take); the voice reported \
             {reported:.2} s",
            first.start, last.end
        );
        assert!(span > 2.5, "{backend}: only {span:.2} s of speech heard");
        // The voice returns once the question has sounded: never before the audio could have
        // ended, and not long after it.
        assert!(
            reported >= span - 0.3,
            "{backend}: {reported:.2} s < {span:.2} s"
        );
        assert!(
            reported <= span + 2.0,
            "{backend}: {reported:.2} s ≫ {span:.2} s"
        );
    }
}

/// The disk fills mid-take (here a file-size limit, as `ulimit -f` sets; SIGXFSZ is ignored, so
/// a write fails as on a full disk instead of killing the process): the take stops and says so,
/// and what reached the disk plays, its header agreeing with the file.
#[test]
fn a_take_the_disk_stops_taking_keeps_what_reached_it_and_says_so() {
    let mic = VirtualMic::start();
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("answer.wav");
    speak(ANSWER, "en-us", 165, &source);
    let _player = mic.play(&source);
    let out_wav = dir.path().join("take.wav");
    const LIMIT_KIB: u64 = 256;
    let out = mic
        .command("bash")
        .env("STAR_COACH_DATA", dir.path().join("data"))
        .args([
            "-c",
            &format!("trap '' XFSZ; ulimit -f {LIMIT_KIB}; exec \"$@\""),
            "bash",
            env!("CARGO_BIN_EXE_star-coach"),
            "record",
            out_wav.to_str().unwrap(),
            "--seconds",
            "10",
            "--json-progress",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!out.status.success(), "a take cut short is an error: {err}");
    assert!(
        err.contains("the take ended early (")
            && err.contains("the disk stopped taking the recording after")
            && err.contains("everything up to then is kept"),
        "{err}"
    );
    let finished: Value = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|e| e["event"] == "finished")
        .expect("a finished event");
    assert_eq!(finished["take"]["stop"]["kind"], "write_failed");

    let bytes = std::fs::metadata(&out_wav).unwrap().len();
    assert!(bytes <= LIMIT_KIB * 1024, "{bytes} bytes");
    let mut reader = hound::WavReader::open(&out_wav).unwrap();
    let rate = reader.spec().sample_rate as f64;
    // The header covers every whole sample on disk: nothing claimed that is not there.
    assert_eq!(44 + 2 * reader.len() as u64, bytes - (bytes - 44) % 2);
    let samples: Vec<i16> = reader.samples::<i16>().map(|s| s.unwrap()).collect();
    let seconds = samples.len() as f64 / rate;
    let reported = finished["take"]["seconds"].as_f64().unwrap();
    eprintln!("cut short after {seconds:.2} s ({bytes} bytes); reported {reported:.2} s");
    assert!(
        (reported - seconds).abs() < 0.01,
        "reported {reported} s, kept {seconds} s"
    );
    assert!(seconds > 1.0, "{seconds} s kept");
    // The answer was being spoken: what was kept is not silence.
    let loud = samples.iter().filter(|s| s.unsigned_abs() > 1000).count();
    assert!(
        loud > samples.len() / 20,
        "{loud} loud samples of {}",
        samples.len()
    );
    // Nothing is left for recovery to repair at the next start.
    let journal = dir.path().join("data/journal");
    let left: Vec<_> = std::fs::read_dir(&journal)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}
