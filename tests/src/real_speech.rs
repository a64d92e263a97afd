//! The real-speech corpus: recordings of real people with their transcripts (and, for the
//! LibriVox clips, hand-placed speech labels), fetched by `scripts/fetch-real-speech.sh` into a
//! cache outside the clone. Answer-like recordings are built from the labelled clips with gaps
//! of known length, so speaking time and pauses have exact truth on real voices, and copies of
//! them are degraded the ways microphones and rooms degrade speech.

use crate::{rms, run, write_wav_16k, RATE};
use coach::Span;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where set-up put the corpus (`STAR_COACH_REAL_SPEECH`, or ~/.cache/star-coach/real-speech);
/// a clear failure when it has not run.
pub fn corpus_dir() -> PathBuf {
    let dir = std::env::var_os("STAR_COACH_REAL_SPEECH")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache")
                });
            cache.join("star-coach/real-speech")
        });
    let has = std::fs::read_to_string(dir.join("COMPLETE")).unwrap_or_default();
    let script = std::fs::read_to_string(crate::repo_root().join("scripts/fetch-real-speech.sh"))
        .expect("scripts/fetch-real-speech.sh reads");
    let wanted = script
        .lines()
        .find_map(|l| l.strip_prefix("corpus_version="))
        .expect("the script names its corpus version");
    assert!(
        has.lines().next() == Some(&format!("corpus {wanted}")),
        "the real-speech corpus in {} is not complete (version {wanted} wanted): run \
         ./scripts/fetch-real-speech.sh (./scripts/test.sh does)",
        dir.display()
    );
    dir
}

/// One real recording, 16 kHz mono, with what was said.
pub struct Clip {
    pub name: String,
    pub samples: Vec<f32>,
    pub reference: String,
    /// Hand-placed speech extent (seconds), where the package ships one.
    pub speech: Option<Span>,
}

impl Clip {
    pub fn seconds(&self) -> f64 {
        self.samples.len() as f64 / RATE
    }
}

const LIBRIVOX: [&str; 5] = ["0870", "0880", "0890", "0920", "0930"];
/// whisper.cpp's own expected text for its sample (a public-domain speech).
const JFK: &str = "And so my fellow Americans, ask not what your country can do for you, ask \
                   what you can do for your country.";

fn read(path: &Path) -> Vec<f32> {
    audio::read_wav_16k_mono(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .samples
        .into_samples()
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A pocketsphinx `.lab` file: `time time speech` then `time time silence`.
fn lab_span(path: &Path) -> Span {
    let times: Vec<f64> = text(path)
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(
        times.len(),
        2,
        "{}: expected a speech and a silence line",
        path.display()
    );
    Span {
        start: times[0],
        end: times[1],
    }
}

/// The five LibriVox sentences, each with its hand-placed speech label.
pub fn librivox() -> Vec<Clip> {
    let dir = corpus_dir().join("pocketsphinx/pocketsphinx-5.1.1/test/data/librivox");
    LIBRIVOX
        .iter()
        .map(|n| {
            let stem = dir.join(format!("sense_and_sensibility_01_austen_64kb-{n}"));
            Clip {
                name: format!("librivox-{n}"),
                samples: read(&stem.with_extension("wav")),
                reference: text(&stem.with_extension("txt")),
                speech: Some(lab_span(&stem.with_extension("lab"))),
            }
        })
        .collect()
}

/// Every clip of the corpus: the LibriVox sentences, JFK, the two-person telephone call,
/// pocketsphinx's "go forward" and card names, praatio's "Bobby".
pub fn all_clips() -> Vec<Clip> {
    let root = corpus_dir();
    let data = root.join("pocketsphinx/pocketsphinx-5.1.1/test/data");
    let mut clips = librivox();
    clips.push(Clip {
        name: "jfk".into(),
        samples: read(&root.join("pywhispercpp/pywhispercpp-1.5.1/whisper.cpp/samples/jfk.wav")),
        reference: JFK.into(),
        speech: None,
    });
    clips.push(call_clip());
    let raw = std::fs::read(data.join("goforward.raw")).expect("goforward.raw reads");
    clips.push(Clip {
        name: "goforward".into(),
        samples: raw
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]) as f32 / 32768.0)
            .collect(),
        reference: "go forward ten meters".into(),
        speech: None,
    });
    // "<s> ten of clubs </s> (001)"
    for line in text(&data.join("cards/cards.transcription")).lines() {
        let (words, id) = line.rsplit_once('(').expect("cards transcription line");
        let id = id.trim_end_matches(')');
        let words = words.replace("<s>", "").replace("</s>", "");
        clips.push(Clip {
            name: format!("cards-{id}"),
            samples: read(&data.join(format!("cards/{id}.wav"))),
            reference: words.split_whitespace().collect::<Vec<_>>().join(" "),
            speech: None,
        });
    }
    clips.push(Clip {
        name: "praatio-bobby".into(),
        samples: read(&root.join("praatio/praatio-6.2.2/examples/files/bobby.wav")),
        reference: "Bobby ripped the ledger".into(),
        speech: None,
    });
    clips
}

/// Allison Smith's Asterisk telephone prompts (8 kHz): 357 s of one professional voice reading,
/// the corpus's longest stretch of real read speech. Their texts have no word-level truth.
pub fn asterisk_prompts() -> Vec<(String, Vec<f32>)> {
    recordings_in("asterisk", 17, |_| true)
}

/// The same voice's 226 shorter prompts (1.5–10 s) joined, in name order, into answers of about
/// a minute with a second of silence after each prompt: the 3–10 s prompts make 8 answers, the
/// 1.5–3 s ones 7. Each comes with the seconds of reading in it (its prompts, not the gaps).
pub fn asterisk_read_answers() -> Vec<(String, Vec<f32>, f64)> {
    let prompts = recordings_in("asterisk-read", 226, |_| true);
    let seconds = |s: &[f32]| s.len() as f64 / RATE;
    let gap = vec![0.0f32; RATE as usize];
    let mut answers = Vec::new();
    for (set, shortest, longest) in [("3-10s", 3.0, 10.0), ("1.5-3s", 1.5, 3.0)] {
        let mut answer: (Vec<f32>, f64) = (Vec::new(), 0.0);
        let in_set = prompts.iter().filter(|(_, s)| {
            let length = seconds(s);
            (shortest..longest).contains(&length)
        });
        for (_, prompt) in in_set {
            answer.0.extend_from_slice(prompt);
            answer.0.extend_from_slice(&gap);
            answer.1 += seconds(prompt);
            if seconds(&answer.0) >= 60.0 {
                let (samples, read) = std::mem::take(&mut answer);
                answers.push((
                    format!("asterisk-{set}-{}", answers.len() + 1),
                    samples,
                    read,
                ));
            }
        }
        if !answer.0.is_empty() {
            answers.push((
                format!("asterisk-{set}-{}", answers.len() + 1),
                answer.0,
                answer.1,
            ));
        }
    }
    answers
}

/// The codec2 project's test recordings of people reading (8 kHz, several voices: Harvard
/// sentences, test phrases, call signs and counts; 67 s), held out from all tuning.
pub fn codec2_read() -> Vec<(String, Vec<f32>)> {
    recordings_in("codec2", 9, |stem| stem != CODEC2_SPONTANEOUS)
}

const CODEC2_SPONTANEOUS: &str = "ve9qrp";

/// A radio amateur talking freely for 112 s (8 kHz, codec2's `ve9qrp`): real spontaneous speech
/// with many hesitations, and no transcript shipped.
pub fn codec2_spontaneous() -> Vec<f32> {
    read(&corpus_dir().join(format!("codec2/{CODEC2_SPONTANEOUS}.wav")))
}

/// The WAVs in one folder of the corpus whose names `wanted` takes, by name, as `folder-stem`.
fn recordings_in(
    folder: &str,
    expected: usize,
    wanted: impl Fn(&str) -> bool,
) -> Vec<(String, Vec<f32>)> {
    let dir = corpus_dir().join(folder);
    let stem = |p: &Path| {
        p.file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wav") && wanted(&stem(p)))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= expected,
        "{}: recordings are missing; run ./scripts/fetch-real-speech.sh",
        dir.display()
    );
    paths
        .iter()
        .map(|p| (format!("{folder}-{}", stem(p)), read(p)))
        .collect()
}

fn call_dir() -> PathBuf {
    corpus_dir().join("pyannote/pyannote/audio/sample")
}

/// The two-person telephone call, with what was said (its `.stm`).
fn call_clip() -> Clip {
    let sample = call_dir();
    Clip {
        name: "pyannote-call".into(),
        samples: read(&sample.join("sample.wav")),
        // STM lines: file channel speaker start end words...
        reference: text(&sample.join("sample.stm"))
            .lines()
            .map(|l| l.split_whitespace().skip(5).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(" "),
        speech: None,
    }
}

/// The telephone call's speech as its `.rttm` gives it (each speaker's turns, placed by hand),
/// overlapping turns joined: where someone is speaking.
pub fn pyannote_call() -> (Clip, Vec<Span>) {
    let sample = call_dir();
    let mut turns: Vec<Span> = text(&sample.join("sample.rttm"))
        .lines()
        .filter_map(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            let start: f64 = fields.get(3)?.parse().ok()?;
            let length: f64 = fields.get(4)?.parse().ok()?;
            Some(Span {
                start,
                end: start + length,
            })
        })
        .collect();
    turns.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut joined: Vec<Span> = Vec::new();
    for t in turns {
        match joined.last_mut() {
            Some(last) if t.start <= last.end => last.end = last.end.max(t.end),
            _ => joined.push(t),
        }
    }
    (call_clip(), joined)
}

/// Real sentences joined into one answer with quiet of known length between them.
pub struct RealAnswer {
    pub samples: Vec<f32>,
    /// Where each sentence's speech is (its hand label, moved into answer time).
    pub speech: Vec<Span>,
    pub reference: String,
}

/// Quiet before the first sentence, between the sentences (in order) and after the last.
pub const THINK: f64 = 1.5;
pub const GAPS: [f64; 4] = [0.6, 1.0, 1.6, 2.5];
pub const TRAILING: f64 = 1.5;

/// The LibriVox sentences as one answer: [`THINK`], the sentences with [`GAPS`] of digital
/// silence between them (each sentence keeps its own quarter second of room at its edges), and
/// [`TRAILING`] quiet. Use it through [`Degradation::apply`], which puts it in a room.
pub fn librivox_answer() -> RealAnswer {
    let silence = |seconds: f64| std::iter::repeat_n(0.0f32, (seconds * RATE).round() as usize);
    let mut samples: Vec<f32> = silence(THINK).collect();
    let mut speech = Vec::new();
    let mut reference = Vec::new();
    for (i, clip) in librivox().iter().enumerate() {
        let offset = samples.len() as f64 / RATE;
        let label = clip.speech.expect("LibriVox clips are labelled");
        speech.push(Span {
            start: offset + label.start,
            end: offset + label.end,
        });
        samples.extend_from_slice(&clip.samples);
        samples.extend(silence(GAPS.get(i).copied().unwrap_or(TRAILING)));
        reference.push(clip.reference.trim().to_string());
    }
    RealAnswer {
        samples,
        speech,
        reference: reference.join(" "),
    }
}

/// The ways a real take goes wrong that the tests hold the measures to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Degradation {
    Clean,
    /// Pink room noise this many dB under the speech.
    RoomNoise(f64),
    /// The speech's RMS at this level (dBFS): a microphone far away or turned down.
    Quiet(f64),
    /// Driven this many dB too hot and clipped at full scale.
    Clipped(f64),
    /// Through a telephone: 8 kHz, 300–3400 Hz.
    Telephone,
}

impl Degradation {
    pub fn label(&self) -> String {
        match self {
            Degradation::Clean => "clean".into(),
            Degradation::RoomNoise(db) => format!("room noise {db} dB SNR"),
            Degradation::Quiet(db) => format!("quiet ({db} dBFS)"),
            Degradation::Clipped(db) => format!("clipped (+{db} dB)"),
            Degradation::Telephone => "telephone band (8 kHz)".into(),
        }
    }

    /// The answer's samples degraded this way; `speech` says where the speech is (for levels).
    pub fn apply(&self, samples: &[f32], speech: &[Span]) -> Vec<f32> {
        let speech_rms = || {
            let inside: Vec<f32> = speech
                .iter()
                .flat_map(|s| samples[(s.start * RATE) as usize..(s.end * RATE) as usize].to_vec())
                .collect();
            rms(&inside)
        };
        match *self {
            Degradation::Clean => samples.to_vec(),
            Degradation::RoomNoise(snr_db) => {
                let noise = pink_noise(samples.len());
                let gain = speech_rms() / 10f64.powf(snr_db / 20.0) / rms(&noise);
                samples
                    .iter()
                    .zip(noise)
                    .map(|(x, n)| x + (n as f64 * gain) as f32)
                    .collect()
            }
            Degradation::Quiet(dbfs) => {
                let gain = 10f64.powf(dbfs / 20.0) / speech_rms();
                samples.iter().map(|x| (*x as f64 * gain) as f32).collect()
            }
            Degradation::Clipped(db) => {
                let gain = 10f64.powf(db / 20.0) as f32;
                samples
                    .iter()
                    .map(|x| (x * gain).clamp(-1.0, 1.0))
                    .collect()
            }
            Degradation::Telephone => telephone_band(samples),
        }
    }
}

fn sox_file(samples: &[f32], dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    write_wav_16k(&path, samples);
    path
}

/// Pink noise from sox (fixed seed: the same on every run).
pub fn pink_noise(len: usize) -> Vec<f32> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pink.wav");
    let seconds = format!("{:.3}", len as f64 / RATE + 0.1);
    run(Command::new("sox")
        .args([
            "-R",
            "-n",
            "-r",
            "16000",
            "-c",
            "1",
            "-b",
            "32",
            "-e",
            "floating-point",
        ])
        .arg(&path)
        .args(["synth", &seconds, "pinknoise"]));
    let mut noise = read(&path);
    noise.truncate(len);
    noise
}

/// Down to 8 kHz through a 300–3400 Hz band and back to 16 kHz (sox).
pub fn telephone_band(samples: &[f32]) -> Vec<f32> {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = sox_file(samples, dir.path(), "in.wav");
    let narrow = dir.path().join("narrow.wav");
    let back = dir.path().join("back.wav");
    run(Command::new("sox")
        .arg("-R")
        .arg(&input)
        .args(["-r", "8000", "-b", "16"])
        .arg(&narrow)
        .args(["sinc", "300-3400"]));
    run(Command::new("sox")
        .arg("-R")
        .arg(&narrow)
        .args(["-r", "16000", "-e", "floating-point", "-b", "32"])
        .arg(&back));
    let mut out = read(&back);
    out.resize(samples.len(), 0.0);
    out
}
