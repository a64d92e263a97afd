//! Speech activity against exact ground truth: answers built sentence by sentence with
//! espeak-ng, joined by silences of known length, then measured by the same code as the app.

use audio::{detect_speech, VadConfig};
use coach::{speech_report, Norms, Span, SpeechReport};
use e2e::{build_answer, BuiltAnswer, Piece, RATE};

const SENTENCES: [&str; 6] = [
    "Last spring two product managers wanted the same engineers for different launches.",
    "My job was to agree on a plan that both of them could accept.",
    "I wrote down the deadlines and estimated each feature in a shared document.",
    "Then I showed them the trade-offs in one short meeting.",
    "We shipped the billing change first and the search feature two weeks later.",
    "I learned to put conflicting requests side by side early.",
];

const THINK: f64 = 1.5;
/// Silences inserted between the sentences, in order.
const INSERTED: [f64; 5] = [0.5, 0.8, 1.2, 2.0, 3.5];
const TRAILING: f64 = 2.0;

fn answer(voice: &str, wpm: u32) -> BuiltAnswer {
    let mut pieces = vec![Piece::Silence(THINK)];
    for (i, s) in SENTENCES.iter().enumerate() {
        pieces.push(Piece::Say(s));
        pieces.push(Piece::Silence(INSERTED.get(i).copied().unwrap_or(TRAILING)));
    }
    build_answer(&pieces, voice, wpm)
}

fn truth(built: &BuiltAnswer) -> SpeechReport {
    let spans: Vec<Span> = built
        .sentences
        .iter()
        .map(|(s, e)| Span { start: *s, end: *e })
        .collect();
    speech_report(
        &spans,
        built.samples.len() as f64 / RATE,
        None,
        &Norms::default().speech,
    )
}

fn measure(samples: &[f32]) -> SpeechReport {
    let activity = detect_speech(samples, &VadConfig::default());
    speech_report(
        &activity.segments,
        activity.total_seconds,
        None,
        &Norms::default().speech,
    )
}

struct Errors {
    speaking_pct: f64,
    think_ms: f64,
    worst_pause_edge_ms: f64,
    missed: usize,
    spurious: usize,
}

fn compare(found: &SpeechReport, truth: &SpeechReport, tolerance: f64) -> Errors {
    let mut worst: f64 = 0.0;
    let mut missed = 0;
    for t in truth.pauses.iter().filter(|p| p.seconds() >= 0.5) {
        match found
            .pauses
            .iter()
            .find(|f| f.start < t.end && t.start < f.end)
        {
            Some(f) => {
                worst = worst
                    .max((f.start - t.start).abs())
                    .max((f.end - t.end).abs())
            }
            None => missed += 1,
        }
    }
    let spurious = found
        .pauses
        .iter()
        .filter(|f| {
            !truth.pauses.iter().any(|t| {
                (f.start - t.start).abs() <= tolerance && (f.end - t.end).abs() <= tolerance
            })
        })
        .count();
    Errors {
        speaking_pct: 100.0 * (found.speaking_seconds - truth.speaking_seconds)
            / truth.speaking_seconds,
        think_ms: 1000.0 * (found.think_seconds - truth.think_seconds),
        worst_pause_edge_ms: 1000.0 * worst,
        missed,
        spurious,
    }
}

fn report(label: &str, e: &Errors) {
    eprintln!(
        "{label:<28} speaking {:+5.2} %  think {:+4.0} ms  worst pause edge {:3.0} ms  missed {}  spurious {}",
        e.speaking_pct, e.think_ms, e.worst_pause_edge_ms, e.missed, e.spurious
    );
}

fn assert_within_bounds(label: &str, e: &Errors) {
    report(label, e);
    assert!(
        e.speaking_pct.abs() <= 3.0,
        "{label}: speaking time off by {:.2} %",
        e.speaking_pct
    );
    assert!(
        e.think_ms.abs() <= 150.0,
        "{label}: think time off by {:.0} ms",
        e.think_ms
    );
    assert_eq!(e.missed, 0, "{label}: inserted pauses missed");
    assert!(
        e.worst_pause_edge_ms <= 120.0,
        "{label}: a pause edge is {:.0} ms off",
        e.worst_pause_edge_ms
    );
    assert_eq!(
        e.spurious, 0,
        "{label}: pauses reported where none was inserted"
    );
}

#[test]
fn the_synthesizer_leaves_no_pause_of_its_own_inside_a_sentence() {
    // Measured first: the longest quiet stretch (10 ms frames under -50 dBFS) inside a sentence,
    // which must stay under the 250 ms pause threshold for the bounds below to mean anything.
    for (voice, wpm) in [("en-us", 140), ("en-gb", 190)] {
        let built = answer(voice, wpm);
        let mut longest: f64 = 0.0;
        for (s, e) in &built.sentences {
            let mut run = 0;
            for frame in built.samples[(s * RATE) as usize..(e * RATE) as usize].chunks(160) {
                run = if 20.0 * (e2e::rms(frame) + 1e-12).log10() < -50.0 {
                    run + 1
                } else {
                    0
                };
                longest = longest.max(run as f64 * 0.01);
            }
        }
        eprintln!("{voice} {wpm} wpm: longest gap inside a sentence {longest:.2} s");
        assert!(longest < 0.2, "{voice} {wpm}: {longest} s");
    }
}

#[test]
fn clean_quiet_and_noisy_answers_are_measured_within_the_bounds() {
    for (voice, wpm) in [("en-us", 165), ("en-gb", 145)] {
        let built = answer(voice, wpm);
        let t = truth(&built);
        assert_eq!(t.pauses.len(), INSERTED.len());
        let label = |what: &str| format!("{voice} {wpm} wpm {what}");
        assert_within_bounds(
            &label("clean"),
            &compare(&measure(&built.samples), &t, 0.12),
        );
        assert_within_bounds(
            &label("-30 dBFS"),
            &compare(&measure(&built.scaled_to(-30.0)), &t, 0.12),
        );
        assert_within_bounds(
            &label("pink noise 20 dB"),
            &compare(&measure(&built.with_pink_noise(20.0)), &t, 0.12),
        );
        // 10 dB: what holds, measured on 2026-11-29: think time and every inserted pause; speaking
        // time within 4 % (en-gb 145 wpm: -3.8 %, a weak sentence ending lost in the noise,
        // which also moved that pause's start by 245 ms and split off one extra pause).
        let e = compare(&measure(&built.with_pink_noise(10.0)), &t, 0.12);
        report(&label("pink noise 10 dB"), &e);
        assert!(
            e.think_ms.abs() <= 150.0 && e.missed == 0,
            "{}: think or pauses lost",
            label("10 dB")
        );
        assert!(
            e.speaking_pct.abs() <= 5.0 && e.spurious <= 1,
            "{}: worse than measured",
            label("10 dB")
        );
    }
}

/// Speech activity, transcription and the delivery report, as the app runs them.
fn measure_delivery(
    transcriber: &asr::Transcriber,
    samples: &[f32],
) -> (coach::Transcript, coach::DeliveryReport) {
    let activity = detect_speech(samples, &VadConfig::default());
    let speech = speech_report(
        &activity.segments,
        activity.total_seconds,
        None,
        &Norms::default().speech,
    );
    let transcript = transcriber
        .transcribe(
            &audio::SpeechAudio::from_16k(samples.to_vec()),
            &asr::TranscribeOptions::default(),
        )
        .expect("transcribes");
    let norms = Norms::default();
    let held = audio::filled_pause::held_sounds(samples, &activity, &norms.filled_pauses);
    let d = coach::delivery_report(&transcript, &speech, &activity.segments, &held, &norms);
    (transcript, d)
}

#[test]
fn words_per_minute_match_the_script_over_true_speaking_time() {
    let _turn = e2e::whisper_turn();
    let transcriber = asr::Transcriber::load(&e2e::default_model()).expect("model loads");
    for (voice, wpm) in [("en-us", 165), ("en-gb", 145)] {
        let built = answer(voice, wpm);
        let t = truth(&built);
        let script_words = coach::normalize_words(&built.script).len() as f64;
        let expected = script_words / (t.speaking_seconds / 60.0);
        for (what, samples) in [
            ("clean", built.samples.clone()),
            ("pink noise 20 dB", built.with_pink_noise(20.0)),
        ] {
            let d = measure_delivery(&transcriber, &samples).1;
            let error = 100.0 * (d.wpm - expected) / expected;
            eprintln!("{voice} {wpm} {what:<16} measured {:.1} wpm, script {expected:.1} wpm ({error:+.1} %), {} of {script_words} words", d.wpm, d.words);
            // Speaking time is measured to about 1 %; the rest is tiny.en's word count. Clean
            // speech reads 72–73 of 73 words. Under pink noise at 20 dB it read 68–78 of 73
            // (−7.0 % to +6.6 %) depending on where the recording was cut into pieces, with
            // words made up or run together ("them could" → "MCLD"); so noise gets 8 %.
            let bound = if what == "clean" { 5.0 } else { 8.0 };
            assert!(error.abs() <= bound, "{voice} {wpm} {what}: {error:+.1} %");
        }
    }
}

#[test]
fn spoken_fillers_are_counted_and_so_is_a_marker() {
    let _turn = e2e::whisper_turn();
    let transcriber = asr::Transcriber::load(&e2e::default_model()).expect("model loads");
    let built = build_answer(
        &[
            Piece::Say("So, we had a problem."),
            Piece::Say("ummm"),
            Piece::Say("The database was, like, really slow, you know, at peak."),
        ],
        "en-us",
        150,
    );
    let (transcript, d) = measure_delivery(&transcriber, &built.samples);
    let found: Vec<&str> = d.fillers.items.iter().map(|i| i.text.as_str()).collect();
    eprintln!(
        "heard: {}\nfillers: {found:?}, lower bound {}",
        transcript.text, d.fillers.lower_bound
    );
    assert!(
        found.contains(&"you know") && found.contains(&"like"),
        "{found:?}"
    );
    // The synthesizer's "ummm" is either transcribed (thanks to the prompt) or left as speech
    // with no word on it, which marks the count as a lower bound.
    assert!(
        found.iter().any(|f| ["um", "uh", "umm", "uhm"].contains(f)) || d.fillers.lower_bound,
        "{found:?}"
    );
    assert_eq!(d.fillers.so_openers.len(), 1);
}
