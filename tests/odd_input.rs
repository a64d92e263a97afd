//! Odd recordings get an honest answer, not a confident wrong one: music, a mains hum, a voice
//! with a DC offset, a microphone at −50 dBFS and two voices at once, each through the whole
//! assessment the app runs (speech activity, transcription, findings, scores).

use asr::{TranscribeOptions, Transcriber};
use audio::SpeechAudio;
use coach::{word_error_rate, Norms};
use e2e::{build_answer, default_model, Piece, RATE};
use pipeline::{assess_take, TakeAssessment};
use std::f64::consts::PI;

const ANSWER: &str = "Last year our checkout service kept timing out during sales. My job was \
    to find the cause before the next sale. I profiled the database calls and added an index. \
    Checkout errors fell by ninety percent.";
const OTHER: &str = "I think the best way to learn a new language is to read code written by \
    other people every single day, and to build something small with it.";

fn assess(transcriber: &Transcriber, samples: Vec<f32>) -> TakeAssessment {
    let audio = SpeechAudio::from_16k(samples);
    assess_take(
        &audio,
        None,
        coach::Rubric::Story,
        || Ok::<_, asr::TranscribeError>(transcriber),
        &TranscribeOptions::default(),
        &Norms::default(),
    )
    .expect("assessment runs")
}

fn kinds(a: &TakeAssessment) -> Vec<&'static str> {
    a.findings.iter().map(|f| f.kind.as_str()).collect()
}

fn seconds(n: f64) -> usize {
    (n * RATE) as usize
}

/// Plucked-sounding notes with harmonics over a bass line, 20 s.
fn music() -> Vec<f32> {
    let notes = [261.6, 329.6, 392.0, 440.0, 349.2, 293.7, 493.9, 523.3];
    (0..40)
        .flat_map(|k| {
            let (f, bass) = (notes[(k * 3) % notes.len()], notes[k % 4] / 2.0);
            (0..seconds(0.5)).map(move |i| {
                let t = i as f64 / RATE;
                let harmonics: f64 = (1..6)
                    .map(|h| (2.0 * PI * f * h as f64 * t).sin() / h as f64)
                    .sum();
                (0.25 * (-3.0 * t).exp() * harmonics + 0.15 * (2.0 * PI * bass * t).sin()) as f32
            })
        })
        .collect()
}

/// 50 Hz mains hum with its odd harmonics, 15 s.
fn hum() -> Vec<f32> {
    (0..seconds(15.0))
        .map(|i| {
            let t = i as f64 / RATE;
            (0.2 * (2.0 * PI * 50.0 * t).sin()
                + 0.08 * (2.0 * PI * 150.0 * t).sin()
                + 0.05 * (2.0 * PI * 250.0 * t).sin()) as f32
        })
        .collect()
}

#[test]
fn odd_recordings_get_a_finding_or_no_speech_never_a_score_built_on_garbage() {
    let transcriber = Transcriber::load(&default_model()).expect("model loads");
    let answer = build_answer(
        &[Piece::Silence(1.0), Piece::Say(ANSWER), Piece::Silence(1.0)],
        "en-us",
        160,
    );
    let other = build_answer(
        &[Piece::Silence(1.0), Piece::Say(OTHER), Piece::Silence(1.0)],
        "en-gb",
        150,
    );
    let mut failures = Vec::new();
    let mut check = |what: &str, a: &TakeAssessment, ok: bool| {
        eprintln!(
            "{what:<20} score {:?}  findings {:?}  words {:?}",
            a.score.as_ref().map(|s| s.total.round()),
            kinds(a),
            a.transcript.text
        );
        if !ok {
            failures.push(format!(
                "{what}: score {:?}, findings {:?}, transcript {:?}",
                a.score.as_ref().map(|s| s.total),
                kinds(a),
                a.transcript.text
            ));
        }
    };

    for (what, samples) in [("music", music()), ("mains hum", hum())] {
        let a = assess(&transcriber, samples);
        let honest = a.score.is_none()
            && kinds(&a)
                .iter()
                .any(|k| ["no_speech", "unintelligible"].contains(k));
        check(what, &a, honest);
    }

    // Two voices at once: neither answer can be judged.
    let n = answer.samples.len().max(other.samples.len());
    let both: Vec<f32> = (0..n)
        .map(|i| answer.samples.get(i).unwrap_or(&0.0) + other.samples.get(i).unwrap_or(&0.0))
        .collect();
    let a = assess(&transcriber, both);
    check(
        "two voices at once",
        &a,
        a.score.is_none() && kinds(&a).contains(&"unintelligible"),
    );

    // A microphone at −50 dBFS: either it is said to be too quiet, or nothing is scored.
    let a = assess(&transcriber, answer.scaled_to(-50.0));
    let honest = kinds(&a).contains(&"quiet") && (a.score.is_none() || !a.transcript.is_empty());
    check("-50 dBFS", &a, honest);

    // A DC offset is harmless: the answer is heard and judged as without it.
    let clean = assess(&transcriber, answer.samples.clone());
    let offset = assess(
        &transcriber,
        answer.samples.iter().map(|x| x + 0.2).collect(),
    );
    let (w_clean, w_offset) = (
        word_error_rate(ANSWER, &clean.transcript.text).rate(),
        word_error_rate(ANSWER, &offset.transcript.text).rate(),
    );
    eprintln!(
        "DC offset: WER {:.1} % against {:.1} % without",
        100.0 * w_offset,
        100.0 * w_clean
    );
    check(
        "DC offset",
        &offset,
        offset.score.is_some()
            && w_offset <= w_clean + 0.05
            && !kinds(&offset).contains(&"unintelligible"),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
