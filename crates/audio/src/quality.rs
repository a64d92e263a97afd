//! What the recording itself is like: clipping, and how loud the speech is.

use crate::vad::{SpeechActivity, RATE};
use coach::AudioQuality;

/// Samples at or beyond this magnitude count as clipped.
const FULL_SCALE: f32 = 0.999;

pub fn measure_quality(samples: &[f32], activity: &SpeechActivity) -> AudioQuality {
    let clipped = samples.iter().filter(|x| x.abs() >= FULL_SCALE).count();
    let clipped_share = if samples.is_empty() {
        0.0
    } else {
        clipped as f64 / samples.len() as f64
    };
    let (mut sum, mut count) = (0.0f64, 0usize);
    for s in &activity.segments {
        let from = ((s.start * RATE as f64) as usize).min(samples.len());
        let to = ((s.end * RATE as f64) as usize).min(samples.len());
        sum += samples[from..to]
            .iter()
            .map(|x| (*x as f64).powi(2))
            .sum::<f64>();
        count += to - from;
    }
    let speech_dbfs = (count > 0).then(|| signal::mean_square_db(sum / count as f64));
    AudioQuality {
        clipped_share,
        speech_dbfs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vad::{detect_speech, VadConfig};

    #[test]
    fn measures_clipping_and_speech_level() {
        let tone: Vec<f32> = (0..32_000)
            .map(|i| {
                if (8_000..24_000).contains(&i) {
                    0.1 * ((i as f32) * 0.2).sin()
                } else {
                    0.0
                }
            })
            .collect();
        let q = measure_quality(&tone, &detect_speech(&tone, &VadConfig::default()));
        assert_eq!(q.clipped_share, 0.0);
        // A sine of peak 0.1 has RMS 0.0707: -23 dBFS.
        assert!(
            (q.speech_dbfs.unwrap() + 23.0).abs() < 0.5,
            "{:?}",
            q.speech_dbfs
        );
        let mut loud = tone.clone();
        loud[100..200].fill(1.0);
        assert!(
            (measure_quality(&loud, &detect_speech(&loud, &VadConfig::default())).clipped_share
                - 100.0 / 32_000.0)
                .abs()
                < 1e-9
        );
        let silent = vec![0.0; 16_000];
        assert_eq!(
            measure_quality(&silent, &detect_speech(&silent, &VadConfig::default())).speech_dbfs,
            None
        );
    }
}
