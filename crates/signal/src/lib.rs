//! The arithmetic every speech detector shares, in one place so they cannot drift apart: the
//! rate speech is analysed and transcribed at (and the audio type that carries it), and the
//! power of a frame in dB. The three
//! detectors built on it differ on purpose (ARCHITECTURE.md, "Speech activity"): `audio::vad`
//! measures speaking time after the take, `audio::capture::SpeechGate` decides live when an
//! answer is over, `asr`'s chunker finds pauses to cut at; each documents its thresholds.

/// Whisper's input rate, and the rate of every stream analysed for speech (mono).
pub const SPEECH_RATE: u32 = 16_000;

/// Mono audio at [`SPEECH_RATE`]: what the speech detectors and the recogniser read. It can
/// only be made from 16 kHz samples, so nothing downstream can be handed audio at another rate
/// (a 48 kHz buffer read as 16 kHz would be three times too long and an octave and a half low).
/// It reads as a slice of samples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeechAudio(Vec<f32>);

impl SpeechAudio {
    pub const RATE: u32 = SPEECH_RATE;

    /// Samples already at 16 kHz, mono (from a resampler to [`SPEECH_RATE`] or a 16 kHz file).
    pub fn from_16k(samples: Vec<f32>) -> SpeechAudio {
        SpeechAudio(samples)
    }

    pub fn seconds(&self) -> f64 {
        self.0.len() as f64 / Self::RATE as f64
    }

    /// Appends samples that are also at 16 kHz.
    pub fn extend_16k(&mut self, samples: &[f32]) {
        self.0.extend_from_slice(samples);
    }

    pub fn into_samples(self) -> Vec<f32> {
        self.0
    }
}

impl std::ops::Deref for SpeechAudio {
    type Target = [f32];
    fn deref(&self) -> &[f32] {
        &self.0
    }
}

/// The quietest level reported, so that digital silence has a finite power.
pub const FLOOR_DBFS: f32 = -120.0;

/// Mean power of `frame` in dB relative to full scale (a full-scale square wave is 0 dB, a
/// full-scale sine −3 dB); [`FLOOR_DBFS`] for silence or an empty frame.
pub fn power_db(frame: &[f32]) -> f32 {
    if frame.is_empty() {
        return FLOOR_DBFS;
    }
    let mean_square = frame.iter().map(|x| x * x).sum::<f32>() / frame.len() as f32;
    mean_square_db(mean_square as f64) as f32
}

/// A mean square (power) in dB, floored at [`FLOOR_DBFS`].
pub fn mean_square_db(mean_square: f64) -> f64 {
    (10.0 * mean_square.log10()).max(FLOOR_DBFS as f64)
}

/// An amplitude (a peak, an RMS) in dB relative to full scale, floored at [`FLOOR_DBFS`].
pub fn amplitude_db(amplitude: f32) -> f32 {
    (20.0 * amplitude.log10()).max(FLOOR_DBFS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_levels() {
        assert!(power_db(&[1.0, -1.0, 1.0, -1.0]).abs() < 1e-6);
        let sine: Vec<f32> = (0..1600)
            .map(|i| (i as f32 * 2.0 * std::f32::consts::PI / 32.0).sin())
            .collect();
        assert!((power_db(&sine) + 3.0103).abs() < 0.01);
        let half: Vec<f32> = sine.iter().map(|x| x * 0.1).collect();
        assert!((power_db(&half) + 23.0103).abs() < 0.01);
        assert_eq!(power_db(&[0.0; 320]), FLOOR_DBFS);
        assert_eq!(power_db(&[]), FLOOR_DBFS);
        assert!((amplitude_db(0.5) + 6.0206).abs() < 1e-3);
        assert_eq!(amplitude_db(0.0), FLOOR_DBFS);
    }
}
