//! Ground truth for end-to-end tests: answers spoken by espeak-ng from known scripts, turned into
//! other layouts and padded with silences of known length by sox. Nothing here is mocked: the
//! tests run the real model on this audio.

pub mod desktop;
pub mod hesitations;
pub mod real_speech;
pub mod virtual_mic;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

/// The repository root (this package lives in `tests/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The scripts under `tests/fixtures/scripts`, as (name, text), sorted by name.
pub fn scripts() -> Vec<(String, String)> {
    let dir = repo_root().join("tests/fixtures/scripts");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (
                p.file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    out.sort();
    out
}

pub(crate) fn run(cmd: &mut Command) {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e} (run the README's set-up)"));
    assert!(
        out.status.success(),
        "{shown} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Speaks `text` into a WAV (espeak-ng writes 22.05 kHz mono 16-bit).
pub fn speak(text: &str, voice: &str, words_per_minute: u32, out: &Path) {
    run(Command::new("espeak-ng")
        .args(["-v", voice, "-s", &words_per_minute.to_string(), "-w"])
        .arg(out)
        .arg(text));
}

/// Converts a WAV to another rate / channel count / bit depth with sox.
pub fn convert(input: &Path, out: &Path, rate: u32, channels: u32, bits: u32) {
    // -R: the same dither on every run. tiny.en (q8_0 most) reads a clip differently when only
    // its dither differs, so without it a fixture would change from run to run.
    run(Command::new("sox")
        .arg("-R")
        .arg(input)
        .args([
            "-r",
            &rate.to_string(),
            "-c",
            &channels.to_string(),
            "-b",
            &bits.to_string(),
        ])
        .arg(out));
}

/// Writes 16 kHz mono samples as a 32-bit float WAV (for sox, the CLI and the bench).
pub fn write_wav_16k(path: &Path, samples: &[f32]) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 16_000,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let mut writer =
        hound::WavWriter::create(path, spec).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for s in samples {
        writer.write_sample(*s).expect("sample writes");
    }
    writer.finalize().expect("WAV finalizes");
}

/// Sends the code's tracing to the test's output when `RUST_LOG` asks for it (e.g.
/// `RUST_LOG=asr=debug` shows every piece the live worker transcribes).
pub fn log_to_test_output() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
}

/// A turn at the speech model: hold it while a test transcribes (in the test or through a
/// `star-coach` it runs). whisper.cpp uses every core and its threads spin while they wait, so
/// on two cores two tests transcribing side by side take several times as long as one after the
/// other (bench/RESULTS.md, "The test command's own time"). Tests that only wait on real time,
/// a microphone playing, need no turn.
pub fn whisper_turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    // A test that failed holding its turn leaves nothing half done for the next one.
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

/// The default model (tiny.en, q8_0 weights) as set-up leaves it; a clear failure when set-up has not run.
pub fn default_model() -> PathBuf {
    let catalogue = asr::Catalogue::builtin();
    let path = store::model_path(&catalogue.default_model().file);
    assert!(
        path.is_file(),
        "{} is missing: run ./scripts/test.sh (or ./scripts/setup.sh) once to install the default model",
        path.display()
    );
    path
}

/// A piece of a synthesized answer.
pub enum Piece<'a> {
    Say(&'a str),
    Silence(f64),
}

/// An answer built sentence by sentence, with the exact extent of each sentence's sound.
pub struct BuiltAnswer {
    /// 16 kHz mono samples.
    pub samples: Vec<f32>,
    /// Where each sentence's sound starts and ends (seconds).
    pub sentences: Vec<(f64, f64)>,
    pub script: String,
}

pub const RATE: f64 = 16_000.0;

/// Level under which espeak-ng's output counts as silent when trimming a sentence (−60 dBFS).
const SILENT: f32 = 0.001;

/// Speaks each sentence on its own, trims the synthesizer's own leading and trailing silence,
/// and joins them with silences of exactly the given lengths.
pub fn build_answer(pieces: &[Piece], voice: &str, words_per_minute: u32) -> BuiltAnswer {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut samples = Vec::new();
    let mut sentences = Vec::new();
    let mut script = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Silence(seconds) => samples.extend(std::iter::repeat_n(
                0.0f32,
                (seconds * RATE).round() as usize,
            )),
            Piece::Say(text) => {
                let raw = dir.path().join(format!("s{i}.wav"));
                let at16k = dir.path().join(format!("s{i}-16k.wav"));
                speak(text, voice, words_per_minute, &raw);
                convert(&raw, &at16k, 16_000, 1, 16);
                let audio = audio::read_wav_mono(&at16k).expect("sentence reads");
                let first = audio
                    .samples
                    .iter()
                    .position(|x| x.abs() > SILENT)
                    .unwrap_or(0);
                let last = audio
                    .samples
                    .iter()
                    .rposition(|x| x.abs() > SILENT)
                    .map_or(0, |p| p + 1);
                let start = samples.len() as f64 / RATE;
                samples.extend_from_slice(&audio.samples[first..last]);
                sentences.push((start, samples.len() as f64 / RATE));
                script.push(*text);
            }
        }
    }
    BuiltAnswer {
        samples,
        sentences,
        script: script.join(" "),
    }
}

pub fn rms(samples: &[f32]) -> f64 {
    (samples.iter().map(|x| (*x as f64).powi(2)).sum::<f64>() / samples.len().max(1) as f64).sqrt()
}

impl BuiltAnswer {
    /// RMS of the speech alone (inside the sentences).
    pub fn speech_rms(&self) -> f64 {
        let speech: Vec<f32> = self
            .sentences
            .iter()
            .flat_map(|(s, e)| {
                self.samples[(s * RATE) as usize..(e * RATE) as usize]
                    .iter()
                    .copied()
            })
            .collect();
        rms(&speech)
    }

    /// Scales the voice so that its speech RMS sits at `dbfs`.
    pub fn scaled_to(&self, dbfs: f64) -> Vec<f32> {
        let gain = 10f64.powf(dbfs / 20.0) / self.speech_rms();
        self.samples
            .iter()
            .map(|x| (*x as f64 * gain) as f32)
            .collect()
    }

    /// Mixes in pink noise (sox, repeatable) `snr_db` under the speech RMS.
    pub fn with_pink_noise(&self, snr_db: f64) -> Vec<f32> {
        let noise = real_speech::pink_noise(self.samples.len());
        let gain = self.speech_rms() / 10f64.powf(snr_db / 20.0) / rms(&noise);
        self.samples
            .iter()
            .zip(noise)
            .map(|(x, n)| x + (n as f64 * gain) as f32)
            .collect()
    }
}

/// An answer of about `seconds` (en-us, 165 wpm) spoken into `out` from whole sentences of the
/// scripts, taken in turn; returns its script. Used for timing and incremental-transcription
/// tests and for `bench/`.
pub fn answer_of_length(seconds: f64, out: &Path) -> String {
    let sentences: Vec<String> = scripts()
        .iter()
        .flat_map(|(_, text)| {
            text.split_inclusive(['.', '?', '!'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
        .collect();
    // espeak-ng at 165 wpm speaks these scripts at about 2.6 words a second, pauses included.
    let words_wanted = (seconds * 2.6) as usize;
    let mut script: Vec<&str> = Vec::new();
    let mut words = 0;
    for sentence in sentences.iter().cycle() {
        if words >= words_wanted {
            break;
        }
        words += sentence.split_whitespace().count();
        script.push(sentence);
    }
    let script = script.join(" ");
    speak(&script, "en-us", 165, out);
    script
}

/// The assessment of `text` as an answer spoken evenly (0.4 s a word, no pauses) and judged as
/// a story: for tests of what is built on assessments (history, reports), not of the coach.
pub fn text_answer(text: &str) -> coach::TakeAssessment {
    let words: Vec<coach::Word> = text
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| coach::Word {
            text: w.into(),
            start: 0.4 * i as f64,
            end: 0.4 * i as f64 + 0.35,
            p: 0.9,
        })
        .collect();
    let end = words.last().map_or(0.0, |w| w.end);
    coach::judge_take(
        coach::HeardTake {
            transcript: coach::Transcript::from_words(words),
            segments: &[coach::Span { start: 0.0, end }],
            total_seconds: end + 0.5,
            question_end: None,
            held_sounds: Vec::new(),
            quality: coach::AudioQuality {
                clipped_share: 0.0,
                speech_dbfs: Some(-20.0),
            },
            timing: coach::Timing {
                model_load_seconds: 0.0,
                speech_activity_seconds: 0.0,
                transcribe_seconds: 0.0,
            },
            rubric: coach::Rubric::Story,
        },
        &coach::Norms::default(),
    )
}
