//! Hears a take as it streams: keeps only what deciding where the speech is and how the
//! recording sounds needs (each 10 ms hop's energy in the three bands and overall, and the
//! clipped samples), not the samples themselves. A live take of any length therefore holds a
//! few bytes per hop (2 KB a second) instead of its audio (64 KB a second); ARCHITECTURE.md,
//! "Long takes".

use super::{decide, SpeechActivity, VadConfig, BANDS, HOP, RATE};
use crate::filters::BandPower;
use crate::quality::{is_clipped, quality_of};
use coach::AudioQuality;

/// What hearing a take found: where the speech is and how the recording sounds.
#[derive(Debug, Clone)]
pub struct Heard {
    pub activity: SpeechActivity,
    pub quality: AudioQuality,
}

/// Listens to 16 kHz mono audio block by block; [`SpeechListener::finish`] gives what
/// [`super::hear`] gives for the same samples at once.
pub struct SpeechListener {
    filters: BandPower<3>,
    /// Each band's sum of squares over every whole hop so far.
    band_hops: [Vec<f32>; 3],
    /// The unfiltered sum of squares over every whole hop so far.
    hops: Vec<f64>,
    /// The hop being filled: its samples so far and their sums.
    in_hop: usize,
    band_sums: [f32; 3],
    sum: f64,
    samples: u64,
    clipped: u64,
}

impl Default for SpeechListener {
    fn default() -> Self {
        Self::new()
    }
}

impl SpeechListener {
    pub fn new() -> Self {
        SpeechListener {
            filters: BandPower::new(RATE as f64, &BANDS),
            band_hops: Default::default(),
            hops: Vec::new(),
            in_hop: 0,
            band_sums: [0.0; 3],
            sum: 0.0,
            samples: 0,
            clipped: 0,
        }
    }

    pub fn push(&mut self, samples: &[f32]) {
        self.samples += samples.len() as u64;
        for &x in samples {
            self.filters.add(x, &mut self.band_sums);
            self.sum += (x as f64).powi(2);
            self.clipped += u64::from(is_clipped(x));
            self.in_hop += 1;
            if self.in_hop == HOP {
                for (hops, sum) in self.band_hops.iter_mut().zip(self.band_sums) {
                    hops.push(sum);
                }
                self.hops.push(self.sum);
                self.in_hop = 0;
                self.band_sums = [0.0; 3];
                self.sum = 0.0;
            }
        }
    }

    /// Seconds heard so far.
    pub fn seconds(&self) -> f64 {
        self.samples as f64 / RATE as f64
    }

    pub fn finish(self, config: &VadConfig) -> Heard {
        // A hop cut short at the end is left out of the decision, as it always was: 10 ms at most.
        let activity = decide(&self.band_hops, self.seconds(), config);
        let quality = quality_of(&self.hops, self.clipped, self.samples, &activity);
        Heard { activity, quality }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hearing_block_by_block_finds_what_hearing_at_once_finds() {
        // Bursts of a 200 Hz tone with hiss, some loud enough to clip, 3.3 s.
        let mut seed = 11u32;
        let samples: Vec<f32> = (0..52_807)
            .map(|i| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let t = i as f32 / RATE as f32;
                let on = (t * 1.5).fract() < 0.5;
                let tone = if on {
                    1.2 * (2.0 * std::f32::consts::PI * 200.0 * t).sin()
                } else {
                    0.0
                };
                (tone + 0.003 * (seed as f32 / u32::MAX as f32 - 0.5)).clamp(-1.0, 1.0)
            })
            .collect();
        let config = VadConfig::default();
        let whole = super::super::hear(&samples, &config);
        let mut listener = SpeechListener::new();
        for block in samples.chunks(333) {
            listener.push(block);
        }
        let streamed = listener.finish(&config);
        assert_eq!(streamed.activity.segments, whole.activity.segments);
        assert_eq!(streamed.quality, whole.quality);
        assert_eq!(
            whole.activity.segments.len(),
            5,
            "{:?}",
            whole.activity.segments
        );
        assert!(whole.quality.clipped_share > 0.01);
    }

    #[test]
    fn listening_to_a_long_take_keeps_a_few_bytes_per_hop_not_its_audio() {
        // Three minutes of a tone with hiss, in the recorder's 100 ms blocks.
        let mut seed = 5u32;
        let block: Vec<f32> = (0..1_600)
            .map(|i| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                0.2 * (i as f32 * 0.07).sin() + 0.01 * (seed as f32 / u32::MAX as f32 - 0.5)
            })
            .collect();
        let seconds = 180;
        let mut speech = SpeechListener::new();
        let mut voices = crate::filled_pause::FrameListener::new();
        let kept = crate::test_alloc::bytes_kept_on_this_thread(|| {
            for _ in 0..seconds * 10 {
                speech.push(&block);
                voices.push(&block);
            }
        });
        let audio_bytes = seconds * RATE * 4;
        let hops = seconds * 100;
        // What both keep is per hop (band energies, level, pitch): 56 bytes a hop, up to twice
        // that while a vector has just doubled, against 640 bytes of audio. Keeping even the
        // pitch search's 8 kHz copy of the audio would add 320 a hop.
        assert!(
            kept <= (hops * 2 * 56) as isize,
            "{kept} bytes kept for {hops} hops ({audio_bytes} bytes of audio)"
        );
    }
}
