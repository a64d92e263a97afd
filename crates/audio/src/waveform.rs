//! The outline of a recording for the screen: the loudest and quietest sample of each short
//! stretch, so the front end draws a take's waveform without decoding its audio. Decoding in
//! the web view meant starting a media pipeline just to draw, and WebKitGTK's pipeline can
//! deadlock the page when it is torn down mid-load (ARCHITECTURE.md, "Replay").

use crate::wav::MonoAudio;
use serde::Serialize;

/// How many stretches a take's outline has: a few per pixel of the widest waveform drawn.
pub const WAVEFORM_POINTS: usize = 4_000;

/// A recording's outline: `peaks` holds, for each stretch in time order, its largest then its
/// smallest sample (in -1..=1), as wavesurfer.js draws from pre-computed peaks.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waveform {
    pub seconds: f64,
    pub peaks: Vec<f32>,
}

/// The outline of `audio` in at most `points` stretches (fewer when it has fewer samples).
pub fn waveform(audio: &MonoAudio, points: usize) -> Waveform {
    let samples = &audio.samples;
    let points = points.clamp(1, samples.len().max(1));
    let mut peaks = Vec::with_capacity(points * 2);
    if !samples.is_empty() {
        for i in 0..points {
            // Stretch boundaries spread the remainder evenly instead of piling it at the end.
            let stretch = &samples[i * samples.len() / points..(i + 1) * samples.len() / points];
            let (high, low) = stretch
                .iter()
                .fold((f32::MIN, f32::MAX), |(h, l), &s| (h.max(s), l.min(s)));
            peaks.push(high.clamp(-1.0, 1.0));
            peaks.push(low.clamp(-1.0, 1.0));
        }
    }
    Waveform {
        seconds: audio.seconds(),
        peaks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mono(samples: Vec<f32>) -> MonoAudio {
        MonoAudio {
            samples,
            rate: 16_000,
            source_rate: 16_000,
            source_channels: 1,
            source_bits: 16,
            source_float: false,
        }
    }

    #[test]
    fn each_stretch_keeps_its_loudest_and_quietest_sample_in_time_order() {
        // Two seconds: silence, then a tone of amplitude 0.5 with one click of 0.9.
        let mut samples = vec![0.0; 16_000];
        samples.extend((0..16_000).map(|i| 0.5 * (i as f32 * 0.3).sin()));
        samples[24_000] = 0.9;
        let w = waveform(&mono(samples), 4);
        assert_eq!(w.seconds, 2.0);
        assert_eq!(w.peaks.len(), 8);
        assert_eq!(&w.peaks[..4], &[0.0, 0.0, 0.0, 0.0]);
        assert!((w.peaks[4] - 0.5).abs() < 0.01 && (w.peaks[5] + 0.5).abs() < 0.01);
        assert_eq!(w.peaks[6], 0.9);
        assert!((w.peaks[7] + 0.5).abs() < 0.01);
    }

    #[test]
    fn short_and_empty_recordings_have_as_many_stretches_as_samples() {
        let w = waveform(&mono(vec![0.25, -2.0, 0.5]), 4_000);
        assert_eq!(w.peaks, vec![0.25, 0.25, -1.0, -1.0, 0.5, 0.5]);
        let empty = waveform(&mono(vec![]), 4_000);
        assert!(empty.peaks.is_empty());
        assert_eq!(empty.seconds, 0.0);
    }
}
