//! Every figure the app reports, checked on real human speech (the corpus that
//! `scripts/fetch-real-speech.sh` fetches): transcripts against the packages' own transcripts,
//! never a repeated stretch, the live path against one-shot, and speaking time and pauses against
//! hand-placed labels, also on noisy, quiet, clipped and telephone-band copies. Each failing
//! figure names the clip and by how much; `--nocapture` prints every figure.

use asr::{IncrementalConfig, IncrementalTranscriber, TranscribeOptions, Transcriber};
use audio::{detect_speech, VadConfig};
use coach::{
    longest_repeated_stretch_in, speech_report, word_error_rate, Norms, Span, SpeechReport,
};
use e2e::real_speech::{
    all_clips, librivox, librivox_answer, pyannote_call, Degradation, RealAnswer,
};
use e2e::{default_model, log_to_test_output, real_speech, RATE};
use std::sync::{Arc, OnceLock};

/// A stretch this long written twice is a loop (the transcriber's own guard uses the same).
const LOOP: usize = asr::LOOP_STRETCH_WORDS;

fn transcriber() -> Arc<Transcriber> {
    static T: OnceLock<Arc<Transcriber>> = OnceLock::new();
    T.get_or_init(|| Arc::new(Transcriber::load(&default_model()).expect("default model loads")))
        .clone()
}

fn one_shot(samples: &[f32]) -> String {
    let _turn = e2e::whisper_turn();
    transcriber()
        .transcribe(
            &audio::SpeechAudio::from_16k(samples.to_vec()),
            &TranscribeOptions::default(),
        )
        .expect("transcribes")
        .text
}

fn live(samples: &[f32]) -> String {
    let _turn = e2e::whisper_turn();
    let config = IncrementalConfig {
        live_threads: 2,
        ..IncrementalConfig::default()
    };
    let mut take =
        IncrementalTranscriber::start(transcriber(), TranscribeOptions::default(), config, None)
            .expect("live transcriber starts");
    // Capture-sized blocks, not paced: quality does not depend on pace (the bench paces).
    for block in samples.chunks(1_600) {
        take.push(block);
    }
    take.finish().expect("live take finishes").transcript.text
}

fn repeated(text: &str) -> usize {
    longest_repeated_stretch_in(text).map_or(0, |r| r.words)
}

/// Word error rate bounds per clip, as measured on 2026-12-02 (tiny.en, q8_0, the default
/// options) with the measured value in the comment; a clip not listed gets `OTHER_CLIP`.
const CLIP_BOUNDS: &[(&str, f64)] = &[
    ("librivox-0870", 0.10), // 4.5 % (22 words)
    // "ill-disposed" is heard as "old-(a)sposed" in one of these two sentences or the other,
    // as rounding moves: with llamafile's kernels 0880 went 0 → 25 % and 0890 14.3 → 0 %
    // (faster-whisper int8 writes it in 0880 too). The pooled bound is the accuracy guard.
    ("librivox-0880", 0.26), // 25 % (8 words: one error is 12.5 %)
    ("librivox-0890", 0.22), // 0 %
    ("librivox-0920", 0.12), // 5.3 % (the reader's own "a more a amiable")
    ("librivox-0930", 0.13), // 0 % (8 words)
    ("jfk", 0.10),           // 0 %
    ("pyannote-call", 0.22), // 17.3 % (telephone line, two speakers)
    ("goforward", 0.25),     // 0 % (4 words)
    ("praatio-bobby", 0.25), // 0 % (4 words)
];
/// The card names (measured 0–25 %: "clubs" heard as "clothes" or "close"): one error in
/// four words, not two.
const OTHER_CLIP: f64 = 0.40;
/// Every clip's words pooled.
const MAX_POOLED_WER: f64 = 0.12;

#[test]
fn every_real_clip_transcribes_within_its_bound_and_never_repeats_itself() {
    log_to_test_output();
    let mut failures = Vec::new();
    let (mut errors, mut words) = (0usize, 0usize);
    for clip in all_clips() {
        let text = one_shot(&clip.samples);
        let wer = word_error_rate(&clip.reference, &text);
        errors += wer.substitutions + wer.deletions + wer.insertions;
        words += wer.reference_words;
        let bound = CLIP_BOUNDS
            .iter()
            .find(|(n, _)| *n == clip.name)
            .map_or(OTHER_CLIP, |(_, b)| *b);
        let stretch = repeated(&text);
        eprintln!(
            "{:<15} {:5.1} s  WER {:5.1} % (bound {:4.1} %)  longest repeat {stretch} words  {text}",
            clip.name,
            clip.seconds(),
            100.0 * wer.rate(),
            100.0 * bound
        );
        if wer.rate() > bound {
            failures.push(format!(
                "{}: WER {:.1} % over its bound {:.1} % by {:.1} points",
                clip.name,
                100.0 * wer.rate(),
                100.0 * bound,
                100.0 * (wer.rate() - bound)
            ));
        }
        if stretch >= LOOP {
            failures.push(format!(
                "{}: {stretch} words written twice: {text}",
                clip.name
            ));
        }
    }
    let pooled = errors as f64 / words as f64;
    eprintln!(
        "pooled WER {:.1} % over {words} words (bound {:.1} %)",
        100.0 * pooled,
        100.0 * MAX_POOLED_WER
    );
    if pooled > MAX_POOLED_WER {
        failures.push(format!(
            "pooled WER {:.1} % over {:.1} %",
            100.0 * pooled,
            100.0 * MAX_POOLED_WER
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_live_path_reads_real_speech_as_one_shot_does() {
    log_to_test_output();
    let answer = librivox_answer();
    let mut recordings = vec![(
        "librivox answer".to_string(),
        answer.samples,
        answer.reference,
    )];
    for clip in all_clips()
        .into_iter()
        .filter(|c| c.name == "pyannote-call" || c.name == "jfk")
    {
        recordings.push((clip.name, clip.samples, clip.reference));
    }
    let mut failures = Vec::new();
    for (name, samples, reference) in recordings {
        let (once, streamed) = (one_shot(&samples), live(&samples));
        let w1 = word_error_rate(&reference, &once).rate();
        let w2 = word_error_rate(&reference, &streamed).rate();
        eprintln!(
            "{name:<16} one-shot {:5.1} %  live {:5.1} %",
            100.0 * w1,
            100.0 * w2
        );
        if (w1 - w2).abs() > 0.02 {
            failures.push(format!(
                "{name}: one-shot {:.1} % and live {:.1} % differ by more than 2 points\n  one-shot: {once}\n  live:     {streamed}",
                100.0 * w1,
                100.0 * w2
            ));
        }
        for (path, text) in [("one-shot", &once), ("live", &streamed)] {
            if repeated(text) >= LOOP {
                failures.push(format!("{name} ({path}) repeats itself: {text}"));
            }
        }
    }
    // A real voice talking freely for 112 s with many "uh"s (codec2's `ve9qrp`, 8 kHz radio),
    // the kind of recording that once made the transcript repeat itself. No transcript ships
    // with it: the two paths are held to each other, and neither may loop.
    let spontaneous = real_speech::codec2_spontaneous();
    let (once, streamed) = (one_shot(&spontaneous), live(&spontaneous));
    let apart = word_error_rate(&once, &streamed);
    eprintln!(
        "codec2-ve9qrp    live against one-shot {:5.1} % of {} words; longest repeat {:?} and {:?}",
        100.0 * apart.rate(),
        apart.reference_words,
        longest_repeated_stretch_in(&once),
        longest_repeated_stretch_in(&streamed)
    );
    if apart.rate() > SPONTANEOUS_LIVE_APART {
        failures.push(format!(
            "codec2-ve9qrp: live and one-shot {:.1} % apart\n  one-shot: {once}\n  live:     {streamed}",
            100.0 * apart.rate()
        ));
    }
    for (path, text) in [("one-shot", &once), ("live", &streamed)] {
        if let Some(at) = loop_within_half_a_minute(text) {
            failures.push(format!(
                "codec2-ve9qrp ({path}) repeats itself from word {at}: {text}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where a stretch of `LOOP` words comes twice within 80 words (half a minute of speech, the
/// longest piece the decoder reads at once), if anywhere: a loop. In a long recording people
/// do say a phrase again minutes apart (the radio amateur gives his call sign and "here is" at
/// the start and at the end), which the whole-text measure would take for one.
fn loop_within_half_a_minute(text: &str) -> Option<usize> {
    const WINDOW: usize = 80;
    let words = coach::normalize_words(text);
    (0..words.len().max(1)).step_by(WINDOW / 2).find(|&from| {
        let to = (from + WINDOW).min(words.len());
        coach::longest_repeated_stretch(&words[from..to]).is_some_and(|r| r.words >= LOOP)
    })
}

/// How far live may read the free talk from one-shot (measured 2026-12-03: 0.0 % of 243 words,
/// the same text; each path decides its own pieces, so a hesitation or a call sign could go
/// either way).
const SPONTANEOUS_LIVE_APART: f64 = 0.05;

fn report(spans: &[Span], seconds: f64) -> SpeechReport {
    speech_report(spans, seconds, None, &Norms::default().speech)
}

/// The copies every speech measure is checked on.
const COPIES: [Degradation; 5] = [
    Degradation::Clean,
    Degradation::RoomNoise(20.0),
    Degradation::Quiet(-40.0),
    Degradation::Clipped(12.0),
    Degradation::Telephone,
];

/// Bounds per copy, as measured on 2026-12-02 (measured values in the comments): the worst
/// distance of a speech edge from its hand label (ms) and speaking time (%), on the LibriVox
/// recordings one by one.
const EDGE_BOUNDS: [(f64, f64); 5] = [
    (100.0, 3.0), // clean: 47 ms, −0.40 %
    (100.0, 3.0), // room noise: 47 ms, −0.31 %
    (100.0, 3.0), // quiet: 47 ms, −0.40 %
    (100.0, 3.0), // clipped: 47 ms, −0.40 %
    // 269 ms, +0.59 %: in the telephone band a breath before librivox-0930's first word comes
    // within 18 dB of the voice (VadConfig::onset_depth_db) and counts as speech.
    (300.0, 3.0),
];

#[test]
fn speech_edges_and_speaking_time_match_the_hand_labels_of_each_recording() {
    let clips = librivox();
    let mut failures = Vec::new();
    for (degradation, (edge_bound, speaking_bound)) in COPIES.iter().zip(EDGE_BOUNDS) {
        let (mut worst, mut found_total, mut label_total) = (0.0f64, 0.0, 0.0);
        let mut worst_clip = String::new();
        for clip in &clips {
            let label = clip.speech.expect("labelled");
            let samples = degradation.apply(&clip.samples, &[label]);
            let activity = detect_speech(&samples, &VadConfig::default());
            let found = report(&activity.segments, clip.seconds());
            let (Some(first), Some(last)) = (activity.segments.first(), activity.segments.last())
            else {
                failures.push(format!(
                    "{} ({}): no speech found",
                    clip.name,
                    degradation.label()
                ));
                continue;
            };
            let edge = (first.start - label.start)
                .abs()
                .max((last.end - label.end).abs());
            if edge > worst {
                worst = edge;
                worst_clip = format!(
                    "{} ({:.3}–{:.3} s against {:.3}–{:.3} s)",
                    clip.name, first.start, last.end, label.start, label.end
                );
            }
            found_total += found.speaking_seconds;
            label_total += label.end - label.start;
        }
        let speaking = 100.0 * (found_total - label_total) / label_total;
        let label = degradation.label();
        eprintln!(
            "{label:<26} worst edge {:4.0} ms ({worst_clip})  speaking {speaking:+5.2} %",
            1000.0 * worst
        );
        if 1000.0 * worst > edge_bound {
            failures.push(format!("{label}: a speech edge is {:.0} ms from its hand label (bound {edge_bound} ms): {worst_clip}", 1000.0 * worst));
        }
        if speaking.abs() > speaking_bound {
            failures.push(format!(
                "{label}: speaking time off by {speaking:+.2} % (bound {speaking_bound} %)"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How the speech measures of one copy of the answer compare with the truth.
struct Measured {
    speaking_pct: f64,
    missed_pauses: usize,
    worst_pause_edge_ms: f64,
}

fn measure_against_truth(answer: &RealAnswer, samples: &[f32]) -> Measured {
    let seconds = samples.len() as f64 / RATE;
    let activity = detect_speech(samples, &VadConfig::default());
    let found = report(&activity.segments, seconds);
    let truth = report(&answer.speech, seconds);
    let mut worst: f64 = 0.0;
    let mut missed_pauses = 0;
    for t in truth.pauses.iter().filter(|t| t.seconds() >= 0.5) {
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
            None => missed_pauses += 1,
        }
    }
    Measured {
        speaking_pct: 100.0 * (found.speaking_seconds - truth.speaking_seconds)
            / truth.speaking_seconds,
        missed_pauses,
        worst_pause_edge_ms: 1000.0 * worst,
    }
}

/// Bounds for the joined answer per copy (measured values in the comments): pause edge (ms),
/// speaking time (%), word error rate.
const ANSWER_BOUNDS: [(f64, f64, f64); 5] = [
    (100.0, 3.0, 0.06), // in the room: 19 ms, −0.49 %, 2.8 % (2 of 71 words)
    (100.0, 3.0, 0.12), // room noise 20 dB: 22 ms, −0.63 %, 8.5 %
    (100.0, 3.0, 0.12), // quiet: 19 ms, −0.49 %, 8.5 %
    (100.0, 3.0, 0.06), // clipped: 19 ms, −0.45 %, 2.8 %
    (150.0, 3.0, 0.08), // telephone: 124 ms (the end of a sentence lost in the band), −1.08 %, 4.2 %
];

#[test]
fn pauses_speaking_time_and_words_hold_on_an_answer_of_real_sentences() {
    log_to_test_output();
    let answer = librivox_answer();
    // The recordings' own room tones differ by 7 dB; joined by digital silence they are no room
    // at all. A room: pink noise 30 dB under the speech, then each copy's degradation.
    let in_room = Degradation::RoomNoise(30.0).apply(&answer.samples, &answer.speech);
    let mut failures = Vec::new();
    for (degradation, (edge_ms, speaking_pct, max_wer)) in COPIES.iter().zip(ANSWER_BOUNDS) {
        let samples = match degradation {
            Degradation::Clean => in_room.clone(),
            other => other.apply(&in_room, &answer.speech),
        };
        let m = measure_against_truth(&answer, &samples);
        let text = one_shot(&samples);
        let wer = word_error_rate(&answer.reference, &text).rate();
        let label = degradation.label();
        eprintln!(
            "{label:<26} worst pause edge {:4.0} ms  speaking {:+5.2} %  missed pauses {}  WER {:4.1} %  repeat {}",
            m.worst_pause_edge_ms,
            m.speaking_pct,
            m.missed_pauses,
            100.0 * wer,
            repeated(&text)
        );
        if m.worst_pause_edge_ms > edge_ms {
            failures.push(format!(
                "{label}: a pause edge is {:.0} ms off (bound {edge_ms} ms)",
                m.worst_pause_edge_ms
            ));
        }
        if m.speaking_pct.abs() > speaking_pct {
            failures.push(format!(
                "{label}: speaking time off by {:+.2} % (bound {speaking_pct} %)",
                m.speaking_pct
            ));
        }
        if m.missed_pauses > 0 {
            failures.push(format!(
                "{label}: {} inserted pauses of 0.5 s or more not found",
                m.missed_pauses
            ));
        }
        if wer > max_wer {
            failures.push(format!(
                "{label}: WER {:.1} % over {:.1} %",
                100.0 * wer,
                100.0 * max_wer
            ));
        }
        if repeated(&text) >= LOOP {
            failures.push(format!("{label}: repeats itself: {text}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Held out: the call's speech turns were placed by hand by pyannote's authors, and nothing here
/// was tuned on them. Measured on 2026-12-02: every edge within 110 ms, speaking time −1.4 %.
#[test]
fn speech_found_in_a_real_two_person_call_matches_its_hand_placed_turns() {
    let (clip, turns) = pyannote_call();
    let activity = detect_speech(&clip.samples, &VadConfig::default());
    let found: Vec<(f64, f64)> = activity.segments.iter().map(|s| (s.start, s.end)).collect();
    let truth: Vec<(f64, f64)> = turns.iter().map(|s| (s.start, s.end)).collect();
    eprintln!("found {found:.2?}\nturns {truth:.2?}");
    assert_eq!(
        found.len(),
        truth.len(),
        "found {found:.2?}, turns {truth:.2?}"
    );
    for (f, t) in found.iter().zip(&truth) {
        let off = (f.0 - t.0).abs().max((f.1 - t.1).abs());
        assert!(
            off <= 0.15,
            "speech {f:.2?} is {:.0} ms from the turn {t:.2?}",
            1000.0 * off
        );
    }
    let spoken = |s: &[(f64, f64)]| s.iter().map(|(a, b)| b - a).sum::<f64>();
    let error = 100.0 * (spoken(&found) - spoken(&truth)) / spoken(&truth);
    eprintln!(
        "speaking time {:.2} s against {:.2} s ({error:+.1} %)",
        spoken(&found),
        spoken(&truth)
    );
    assert!(error.abs() <= 3.0, "speaking time off by {error:+.1} %");
}
