//! What the recording itself is like: clipping, and how loud the speech is. Worked out from
//! what [`crate::vad::SpeechListener`] keeps of each 10 ms hop, so a take heard as it streams
//! needs none of its samples.

use crate::vad::{SpeechActivity, HOP, RATE};
use coach::AudioQuality;

/// Samples at or beyond this magnitude count as clipped.
const FULL_SCALE: f32 = 0.999;

pub(crate) fn is_clipped(x: f32) -> bool {
    x.abs() >= FULL_SCALE
}

/// `hops`: the sum of squares over each whole 10 ms hop; `clipped` of `samples` were at full
/// scale.
pub(crate) fn quality_of(
    hops: &[f64],
    clipped: u64,
    samples: u64,
    activity: &SpeechActivity,
) -> AudioQuality {
    let clipped_share = if samples == 0 {
        0.0
    } else {
        clipped as f64 / samples as f64
    };
    // Speech spans start and end on hop boundaries.
    let hop_of = |t: f64| ((t * (RATE / HOP) as f64).round() as usize).min(hops.len());
    let (mut sum, mut count) = (0.0f64, 0usize);
    for s in &activity.segments {
        let (from, to) = (hop_of(s.start), hop_of(s.end));
        sum += hops[from..to].iter().sum::<f64>();
        count += (to - from) * HOP;
    }
    let speech_dbfs = (count > 0).then(|| signal::mean_square_db(sum / count as f64));
    AudioQuality {
        clipped_share,
        speech_dbfs,
    }
}

#[cfg(test)]
mod tests {
    use crate::vad::{hear, VadConfig};

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
        let config = VadConfig::default();
        let q = hear(&tone, &config).quality;
        assert_eq!(q.clipped_share, 0.0);
        // A sine of peak 0.1 has RMS 0.0707: -23 dBFS.
        assert!(
            (q.speech_dbfs.unwrap() + 23.0).abs() < 0.5,
            "{:?}",
            q.speech_dbfs
        );
        let mut loud = tone.clone();
        loud[100..200].fill(1.0);
        assert!((hear(&loud, &config).quality.clipped_share - 100.0 / 32_000.0).abs() < 1e-9);
        let silent = vec![0.0; 16_000];
        assert_eq!(hear(&silent, &config).quality.speech_dbfs, None);
    }
}
