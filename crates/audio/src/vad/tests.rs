//! Speech activity on signals with exactly known structure: bursts of a voiced-like sound
//! (harmonics with a syllable-rate envelope) separated by silences of known length, alone, under
//! steady noise, under a mains hum, and very quiet.

use super::*;

/// A 150 Hz buzz with harmonics to 3 kHz, amplitude-modulated at a syllable rate of 4 Hz
/// (never fully off, like connected speech).
fn voiced(seconds: f64, level: f32) -> Vec<f32> {
    let n = (seconds * RATE as f64) as usize;
    (0..n)
        .map(|i| {
            let t = i as f64 / RATE as f64;
            let harmonics: f64 = (1..20)
                .map(|k| (2.0 * std::f64::consts::PI * 150.0 * k as f64 * t).sin() / k as f64)
                .sum();
            let envelope = 0.6 + 0.4 * (2.0 * std::f64::consts::PI * 4.0 * t).sin();
            (level as f64 * 0.5 * envelope * harmonics) as f32
        })
        .collect()
}

fn silence(seconds: f64) -> Vec<f32> {
    vec![0.0; (seconds * RATE as f64) as usize]
}

/// Deterministic white-ish noise (xorshift), scaled to an RMS.
fn noise(len: usize, rms: f32, seed: u64) -> Vec<f32> {
    let mut s = seed | 1;
    (0..len)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            ((s >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0) as f32 * rms * 3f32.sqrt()
        })
        .collect()
}

/// think 1.0 s, talk 3 s, pause 0.6 s, talk 2 s, pause 2.0 s, talk 2.5 s, trailing 1.5 s.
fn take(level: f32) -> (Vec<f32>, Vec<(f64, f64)>) {
    let parts = [
        (false, 1.0),
        (true, 3.0),
        (false, 0.6),
        (true, 2.0),
        (false, 2.0),
        (true, 2.5),
        (false, 1.5),
    ];
    let mut samples = Vec::new();
    let mut truth = Vec::new();
    for (speech, secs) in parts {
        let start = samples.len() as f64 / RATE as f64;
        samples.extend(if speech {
            voiced(secs, level)
        } else {
            silence(secs)
        });
        if speech {
            truth.push((start, start + secs));
        }
    }
    (samples, truth)
}

fn assert_matches(found: &SpeechActivity, truth: &[(f64, f64)], tolerance: f64, label: &str) {
    let spans: Vec<(f64, f64)> = found.segments.iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(
        spans.len(),
        truth.len(),
        "{label}: found {spans:?}, truth {truth:?}"
    );
    for (f, t) in spans.iter().zip(truth) {
        assert!(
            (f.0 - t.0).abs() <= tolerance && (f.1 - t.1).abs() <= tolerance,
            "{label}: found {f:?}, truth {t:?}"
        );
    }
}

#[test]
fn finds_each_burst_within_a_frame_or_two() {
    let (samples, truth) = take(0.3);
    assert_matches(
        &detect_speech(&samples, &VadConfig::default()),
        &truth,
        0.03,
        "clean",
    );
}

#[test]
fn holds_under_steady_noise_20_db_down_and_a_mains_hum() {
    let (mut samples, truth) = take(0.3);
    let speech_rms = 0.3 * 0.5 * 0.62 * 0.9; // roughly; the noise is set 20 dB under it
    let hiss = noise(samples.len(), speech_rms / 10.0, 7);
    for (x, n) in samples.iter_mut().zip(hiss) {
        *x += n;
    }
    assert_matches(
        &detect_speech(&samples, &VadConfig::default()),
        &truth,
        0.08,
        "noise",
    );

    let (mut hummed, truth) = take(0.3);
    for (i, x) in hummed.iter_mut().enumerate() {
        *x += 0.2 * (2.0 * std::f64::consts::PI * 50.0 * i as f64 / RATE as f64).sin() as f32;
    }
    assert_matches(
        &detect_speech(&hummed, &VadConfig::default()),
        &truth,
        0.05,
        "hum",
    );
}

#[test]
fn a_quiet_speaker_at_minus_40_dbfs_is_still_found() {
    let (samples, truth) = take(0.01);
    assert_matches(
        &detect_speech(&samples, &VadConfig::default()),
        &truth,
        0.03,
        "quiet",
    );
}

#[test]
fn silence_and_steady_noise_alone_hold_no_speech() {
    assert!(detect_speech(&silence(5.0), &VadConfig::default())
        .segments
        .is_empty());
    assert!(
        detect_speech(&noise(80_000, 0.05, 3), &VadConfig::default())
            .segments
            .is_empty()
    );
    assert!(detect_speech(&[], &VadConfig::default())
        .segments
        .is_empty());
}

#[test]
fn one_short_word_in_a_long_silent_take_is_still_speech() {
    // 0.8 s of voice in 30 s (under 3 % of the frames), under light noise, and a lone click.
    let mut samples = silence(12.0);
    samples.extend(voiced(0.8, 0.3));
    samples.extend(silence(17.2));
    let hiss = noise(samples.len(), 0.001, 11);
    for (x, n) in samples.iter_mut().zip(hiss) {
        *x += n;
    }
    samples[5 * RATE] = 0.9;
    let found = detect_speech(&samples, &VadConfig::default());
    assert_matches(&found, &[(12.0, 12.8)], 0.05, "short word");
}

#[test]
fn a_breath_and_a_decay_far_under_the_voice_are_not_speech() {
    // In a quiet room: a 100 ms noise burst before the voice starts (a breath), then the voice,
    // then 300 ms of noise (a breath out, the room's decay), each about 20 dB under the voice
    // in the band where the voice is weakest (above 3 kHz) and more elsewhere.
    // The voice has breathy, fricative energy above 3 kHz too, as a real one does.
    let voiced_part = voiced(2.0, 0.3);
    let rms = |x: &[f32]| (x.iter().map(|v| v * v).sum::<f32>() / x.len() as f32).sqrt();
    let voice_rms = rms(&voiced_part);
    let under = |db: f32| voice_rms * 10f32.powf(-db / 20.0);
    let voice: Vec<f32> = voiced_part
        .iter()
        .zip(noise(voiced_part.len(), under(12.0), 6))
        .map(|(v, n)| v + n)
        .collect();
    let room = noise((0.6 * RATE as f64) as usize, under(50.0), 7);
    let mut samples = room.clone();
    samples.extend(noise((0.1 * RATE as f64) as usize, under(32.0), 8));
    samples.extend(&room[..(0.15 * RATE as f64) as usize]);
    let voice_start = samples.len() as f64 / RATE as f64;
    samples.extend(&voice);
    let voice_end = samples.len() as f64 / RATE as f64;
    samples.extend(noise((0.3 * RATE as f64) as usize, under(34.0), 9));
    samples.extend(&room);
    let found = detect_speech(&samples, &VadConfig::default()).segments;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        (found[0].start - voice_start).abs() <= 0.03,
        "{found:?} against {voice_start}"
    );
    assert!(
        (found[0].end - voice_end).abs() <= 0.03,
        "{found:?} against {voice_end}"
    );
    // Without the depth limits the breath and the decay were speech (what real recordings
    // showed before them).
    let unlimited = VadConfig {
        onset_depth_db: 100.0,
        offset_depth_db: 100.0,
        edge_depth_db: 100.0,
        ..VadConfig::default()
    };
    let before = detect_speech(&samples, &unlimited).segments;
    assert!(
        before.first().is_some_and(|s| s.start < voice_start - 0.1)
            || before.last().is_some_and(|s| s.end > voice_end + 0.1),
        "{before:?}"
    );
}
