//! How fast this machine transcribes, learned from the take's own pieces: at stop it decides
//! whether a pass already running is worth waiting for, or cheaper to redo with every core.

use crate::window::audio_ctx_for;
use std::collections::HashMap;

/// Share of each extra thread that turns into speed (whisper.cpp on two cores: two threads are
/// not twice as fast as one).
const PARALLEL_EFFICIENCY: f64 = 0.8;
/// Weight of the newest piece in the running estimate.
const NEWEST_WEIGHT: f64 = 0.5;

/// The encoder's context for `samples`, in seconds: the unit a piece's cost is counted in
/// (the encoder's work follows it, and the decoder's follows the speech inside it).
pub(super) fn context_seconds(samples: usize) -> f64 {
    audio_ctx_for(samples) as f64 / 50.0
}

#[derive(Debug, Default)]
pub(super) struct Pace {
    /// Seconds of work per second of context, one thread, by the threads it was measured with.
    per_context_second: HashMap<usize, f64>,
}

fn speedup(threads: usize) -> f64 {
    1.0 + PARALLEL_EFFICIENCY * (threads.max(1) - 1) as f64
}

impl Pace {
    /// A piece of `samples` took `elapsed` seconds on `threads` threads.
    pub fn record(&mut self, samples: usize, threads: usize, elapsed: f64) {
        let rate = elapsed / context_seconds(samples);
        self.per_context_second
            .entry(threads)
            .and_modify(|r| *r += NEWEST_WEIGHT * (rate - *r))
            .or_insert(rate);
    }

    /// Expected seconds for a piece of `samples` on `threads` threads; None before any piece
    /// has been timed.
    pub fn estimate(&self, samples: usize, threads: usize) -> Option<f64> {
        let rate = match self.per_context_second.get(&threads) {
            Some(&r) => r,
            None => {
                let (&measured_threads, &r) = self.per_context_second.iter().next()?;
                r * speedup(measured_threads) / speedup(threads)
            }
        };
        Some(rate * context_seconds(samples))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_follow_the_measured_pace_and_scale_with_threads() {
        let mut pace = Pace::default();
        let ten_s = 160_000;
        assert_eq!(pace.estimate(ten_s, 1), None);
        pace.record(ten_s, 1, 1.1); // 11 s of context
        assert!((pace.estimate(ten_s, 1).unwrap() - 1.1).abs() < 1e-9);
        // More context costs more in proportion; two threads cost less, not half.
        let fifteen_s = 3 * ten_s / 2; // 16 s of context
        let one = pace.estimate(fifteen_s, 1).unwrap();
        let two = pace.estimate(fifteen_s, 2).unwrap();
        assert!((one - 1.6).abs() < 0.01, "{one}");
        assert!(two < one && two > one / 2.0, "{two}");
        // A slower piece moves the estimate halfway.
        pace.record(ten_s, 1, 2.2);
        assert!((pace.estimate(ten_s, 1).unwrap() - 1.65).abs() < 1e-9);
    }
}
