//! Ground truth for the filled-pause detector: answers spoken by espeak-ng with "um", "uh",
//! "erm" and drawn-out words ("sooo", "andd") put in at known moments and held for known
//! lengths, across voices, speeds and room noise. A third of the set is held out: tuning never
//! looks at it.

use crate::{convert, rms, run, speak, RATE};
use std::path::Path;
use std::process::Command;

/// One recording of the set and what it holds.
pub struct HesitantAnswer {
    pub name: String,
    /// 16 kHz mono.
    pub samples: Vec<f32>,
    /// Each hesitation: start, end (seconds) and what it is ("um", "so…").
    pub truth: Vec<(f64, f64, String)>,
    /// What is said, hesitations left out.
    pub script: String,
    pub held_out: bool,
}

/// A way the set is spoken.
#[derive(Clone, Copy)]
struct Delivery {
    voice: &'static str,
    words_per_minute: u32,
    noise_snr_db: Option<f64>,
    held_out: bool,
}

const DELIVERIES: [Delivery; 9] = [
    Delivery {
        voice: "en-us",
        words_per_minute: 150,
        noise_snr_db: None,
        held_out: false,
    },
    Delivery {
        voice: "en-us",
        words_per_minute: 185,
        noise_snr_db: Some(20.0),
        held_out: false,
    },
    Delivery {
        voice: "en-gb-x-rp",
        words_per_minute: 150,
        noise_snr_db: Some(20.0),
        held_out: false,
    },
    Delivery {
        voice: "en-gb-x-rp",
        words_per_minute: 185,
        noise_snr_db: None,
        held_out: false,
    },
    Delivery {
        voice: "en-us+f3",
        words_per_minute: 150,
        noise_snr_db: None,
        held_out: false,
    },
    Delivery {
        voice: "en-us+f3",
        words_per_minute: 185,
        noise_snr_db: Some(20.0),
        held_out: false,
    },
    // Held out: a voice tuning never heard, and a speed it never heard.
    Delivery {
        voice: "en-gb-scotland",
        words_per_minute: 150,
        noise_snr_db: Some(20.0),
        held_out: true,
    },
    Delivery {
        voice: "en-gb-scotland",
        words_per_minute: 185,
        noise_snr_db: None,
        held_out: true,
    },
    Delivery {
        voice: "en-us+f3",
        words_per_minute: 165,
        noise_snr_db: Some(15.0),
        held_out: true,
    },
];

/// The answers' sentences, each cut where a hesitation goes (`|`).
const SENTENCES: [&str; 9] = [
    "Last spring our checkout service | slowed down every evening.",
    "I was asked to | find the cause before the holiday sale.",
    "I profiled the database | and found a missing index.",
    "Then I added the index | and wrote a load test for it.",
    "The page load time fell | by forty percent.",
    "We also | set up an alert for slow queries.",
    "My manager | asked me to share the fix with other teams.",
    "I learned to | measure before I change anything.",
    "Since then | the sale has run without a single outage.",
];

/// The held-out answers' own sentences and hesitations: nothing of them was looked at while the
/// thresholds were chosen.
const HELD_OUT_SENTENCES: [&str; 9] = [
    "Our mobile release | failed review two days before launch.",
    "I had to | get it approved without cutting the new features.",
    "I read the rejection notes | and rebuilt the privacy screen.",
    "Then I called the reviewer | to check the new flow.",
    "The app went live | on the planned date.",
    "Downloads | doubled in the first week.",
    "The product lead | asked me to write a review checklist.",
    "I learned to | read the store rules before design starts.",
    "Every release since | has passed on the first try.",
];
const HELD_OUT_HESITATIONS: [(&str, f64); 9] = [
    ("uh", 0.4),
    ("um", 0.6),
    ("so", 0.5),
    ("er", 0.45),
    ("um", 0.3),
    ("and", 0.7),
    ("uh", 0.75),
    ("um", 0.5),
    ("like", 0.55),
];

/// What is put in at each `|`, in turn, with how long it is held (seconds).
const HESITATIONS: [(&str, f64); 9] = [
    ("um", 0.45),
    ("uh", 0.3),
    ("so", 0.6),
    ("erm", 0.7),
    ("um", 0.8),
    ("and", 0.5),
    ("uh", 0.55),
    ("um", 0.35),
    ("well", 0.65),
];

/// Sounds that are not words.
const FILLED: [&str; 4] = ["um", "uh", "erm", "er"];

/// The whole set: nine answers of three sentences (one of each delivery), each sentence with one
/// hesitation, so 27 hesitations, 9 of them held out.
pub fn hesitant_answers() -> Vec<HesitantAnswer> {
    let dir = tempfile::tempdir().expect("temp dir");
    DELIVERIES
        .iter()
        .enumerate()
        .map(|(n, d)| {
            let mut samples = Vec::new();
            let mut truth = Vec::new();
            let mut script = Vec::new();
            let (sentences, hesitations) = if d.held_out {
                (&HELD_OUT_SENTENCES, &HELD_OUT_HESITATIONS)
            } else {
                (&SENTENCES, &HESITATIONS)
            };
            for k in 0..3 {
                let which = (n + 3 * k + n / 3) % sentences.len();
                let (before, after) = sentences[which].split_once(" | ").expect("a | cut");
                let (sound, seconds) = hesitations[(which + n) % hesitations.len()];
                let tag = format!("{n}-{k}");
                push(
                    &mut samples,
                    &trimmed(before, d, dir.path(), &format!("{tag}a")),
                );
                silence(&mut samples, 0.12);
                let held = held(sound, seconds, d, dir.path(), &tag);
                let start = samples.len() as f64 / RATE;
                samples.extend_from_slice(&held);
                let label = if FILLED.contains(&sound) {
                    sound.to_string()
                } else {
                    format!("{sound}…")
                };
                truth.push((start, samples.len() as f64 / RATE, label));
                silence(&mut samples, 0.15);
                push(
                    &mut samples,
                    &trimmed(after, d, dir.path(), &format!("{tag}b")),
                );
                silence(&mut samples, 0.6);
                script.push(if FILLED.contains(&sound) {
                    format!("{before} {after}")
                } else {
                    format!("{before} {sound} {after}")
                });
            }
            if let Some(snr) = d.noise_snr_db {
                samples = with_noise(&samples, snr);
            }
            HesitantAnswer {
                name: format!(
                    "{}-{}wpm{}",
                    d.voice,
                    d.words_per_minute,
                    d.noise_snr_db
                        .map_or(String::new(), |s| format!("-noise{s:.0}dB"))
                ),
                samples,
                truth,
                script: script.join(" "),
                held_out: d.held_out,
            }
        })
        .collect()
}

/// The same sentences spoken with no hesitation at all, in every delivery.
pub fn fluent_answers() -> Vec<(String, Vec<f32>)> {
    let dir = tempfile::tempdir().expect("temp dir");
    DELIVERIES
        .iter()
        .map(|d| {
            let mut samples = Vec::new();
            let sentences = if d.held_out {
                &HELD_OUT_SENTENCES
            } else {
                &SENTENCES
            };
            for (i, sentence) in sentences.iter().enumerate() {
                let text = sentence.replace(" | ", " ");
                push(
                    &mut samples,
                    &trimmed(&text, d, dir.path(), &format!("f{i}")),
                );
                silence(&mut samples, 0.6);
            }
            if let Some(snr) = d.noise_snr_db {
                samples = with_noise(&samples, snr);
            }
            (format!("{}-{}wpm", d.voice, d.words_per_minute), samples)
        })
        .collect()
}

fn push(samples: &mut Vec<f32>, more: &[f32]) {
    samples.extend_from_slice(more);
}

fn silence(samples: &mut Vec<f32>, seconds: f64) {
    samples.extend(std::iter::repeat_n(
        0.0f32,
        (seconds * RATE).round() as usize,
    ));
}

/// `text` spoken at 16 kHz with the synthesizer's own silence trimmed off.
fn trimmed(text: &str, d: &Delivery, dir: &Path, tag: &str) -> Vec<f32> {
    let raw = dir.join(format!("{tag}.wav"));
    let at16k = dir.join(format!("{tag}-16k.wav"));
    speak(text, d.voice, d.words_per_minute, &raw);
    convert(&raw, &at16k, 16_000, 1, 16);
    trim(&audio::read_wav_mono(&at16k).expect("speech reads").samples)
}

fn trim(samples: &[f32]) -> Vec<f32> {
    const SILENT: f32 = 0.001;
    let first = samples.iter().position(|x| x.abs() > SILENT).unwrap_or(0);
    let last = samples
        .iter()
        .rposition(|x| x.abs() > SILENT)
        .map_or(0, |p| p + 1);
    samples[first..last.max(first)].to_vec()
}

/// `sound` held for about `seconds`: spoken slowly enough by espeak-ng itself (which draws the
/// vowel out as a person does), and stretched by sox's `tempo` only past the slowest rate.
fn held(sound: &str, seconds: f64, d: &Delivery, dir: &Path, tag: &str) -> Vec<f32> {
    let at = |rate: u32, n: &str| {
        let delivery = Delivery {
            words_per_minute: rate,
            ..*d
        };
        trimmed(sound, &delivery, dir, &format!("{tag}h{n}"))
    };
    let quick = at(175, "q");
    let quick_seconds = quick.len() as f64 / RATE;
    let rate = ((175.0 * quick_seconds / seconds).round() as u32).clamp(80, 450);
    let spoken = at(rate, "s");
    let spoken_seconds = spoken.len() as f64 / RATE;
    if spoken_seconds >= 0.9 * seconds {
        return spoken;
    }
    let plain = dir.join(format!("{tag}h-plain.wav"));
    crate::write_wav_16k(&plain, &spoken);
    let stretched = dir.join(format!("{tag}h-held.wav"));
    run(Command::new("sox").arg(&plain).arg(&stretched).args([
        "tempo",
        "-s",
        &format!("{:.4}", spoken_seconds / seconds),
    ]));
    trim(
        &audio::read_wav_mono(&stretched)
            .expect("held sound reads")
            .samples,
    )
}

fn with_noise(samples: &[f32], snr_db: f64) -> Vec<f32> {
    let noise = crate::real_speech::pink_noise(samples.len());
    let speech: Vec<f32> = samples
        .iter()
        .copied()
        .filter(|x| x.abs() > 0.001)
        .collect();
    let gain = rms(&speech) / 10f64.powf(snr_db / 20.0) / rms(&noise);
    samples
        .iter()
        .zip(noise)
        .map(|(x, n)| x + (n as f64 * gain) as f32)
        .collect()
}
