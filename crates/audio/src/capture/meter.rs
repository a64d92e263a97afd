//! Level meter for the live display: RMS and peak of the newest audio, reported at a bounded
//! rate measured in samples (not wall time), so tests can count updates exactly.

use serde::Serialize;

/// The most level updates per second of audio that any consumer receives.
pub const MAX_LEVEL_UPDATES_PER_SECOND: u32 = 30;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Level {
    /// Root mean square of the window, 0–1 (full scale).
    pub rms: f32,
    /// Largest absolute sample of the window, 0–1.
    pub peak: f32,
}

impl Level {
    pub fn rms_dbfs(&self) -> f32 {
        to_dbfs(self.rms)
    }

    pub fn peak_dbfs(&self) -> f32 {
        to_dbfs(self.peak)
    }
}

pub fn to_dbfs(amplitude: f32) -> f32 {
    signal::amplitude_db(amplitude)
}

pub struct LevelMeter {
    window: usize,
    sum_squares: f64,
    peak: f32,
    count: usize,
}

impl LevelMeter {
    /// A meter for audio at `rate` that reports at most `updates_per_second` times per second
    /// (capped at [`MAX_LEVEL_UPDATES_PER_SECOND`]).
    pub fn new(rate: u32, updates_per_second: u32) -> Self {
        let per_second = updates_per_second.clamp(1, MAX_LEVEL_UPDATES_PER_SECOND);
        LevelMeter {
            window: (rate as usize).div_ceil(per_second as usize).max(1),
            sum_squares: 0.0,
            peak: 0.0,
            count: 0,
        }
    }

    /// Feeds samples; returns the level of each window completed by them, newest last.
    pub fn push(&mut self, samples: &[f32]) -> Vec<Level> {
        let mut levels = Vec::new();
        for &s in samples {
            self.sum_squares += (s as f64) * (s as f64);
            self.peak = self.peak.max(s.abs());
            self.count += 1;
            if self.count == self.window {
                levels.push(Level {
                    rms: (self.sum_squares / self.count as f64).sqrt() as f32,
                    peak: self.peak,
                });
                self.sum_squares = 0.0;
                self.peak = 0.0;
                self.count = 0;
            }
        }
        levels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_scale_sine_reads_minus_3_db_rms_and_0_db_peak() {
        let rate = 48_000;
        let mut meter = LevelMeter::new(rate, 30);
        let sine: Vec<f32> = (0..rate)
            .map(|i| (2.0 * std::f32::consts::PI * 1000.0 * i as f32 / rate as f32).sin())
            .collect();
        let levels = meter.push(&sine);
        assert_eq!(levels.len(), 30);
        let last = levels.last().unwrap();
        assert!((last.rms_dbfs() + 3.01).abs() < 0.05, "{}", last.rms_dbfs());
        assert!(last.peak_dbfs().abs() < 0.01);
    }

    #[test]
    fn never_more_than_30_updates_per_second_of_audio_however_it_is_asked() {
        for rate in [8_000, 16_000, 44_100, 48_000, 96_000] {
            let mut meter = LevelMeter::new(rate, 1_000);
            let mut updates = 0;
            for block in vec![0.1f32; rate as usize * 3].chunks(441) {
                updates += meter.push(block).len();
            }
            assert!(updates <= 90, "{rate} Hz: {updates} updates in 3 s");
            assert!(updates >= 87, "{rate} Hz: {updates} updates in 3 s");
        }
    }
}
