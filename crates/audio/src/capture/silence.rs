//! Live speech gate for the silence auto-stop: has the speaker started, and how long have they
//! been quiet since? Works in 20 ms frames at any rate. The offline VAD (`vad.rs`) is
//! the measure of speaking time; this only has to decide, causally, when an answer is over.

const FRAMES_PER_SECOND: u32 = 50; // 20 ms frames
/// A frame is speech when it stands this far above the running noise floor...
const ABOVE_FLOOR_DB: f32 = 12.0;
/// ...and above this absolute level, so that dead silence with a hiss is not speech.
const MIN_SPEECH_DBFS: f32 = -50.0;
/// Speech has started after this much speech within a short span (a click is not a start).
const START_SECONDS: f32 = 0.2;
/// How fast the floor may rise while nothing louder is heard (dB per second).
const FLOOR_RISE_DB_PER_SECOND: f32 = 3.0;

pub struct SpeechGate {
    frame_len: usize,
    frame: Vec<f32>,
    floor_db: Option<f32>,
    speech_run: f32,
    quiet_run: f32,
    started: bool,
    frame_seconds: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GateEvent {
    /// The speaker has started, this many seconds into the take.
    SpeechStarted,
}

impl SpeechGate {
    pub fn new(rate: u32) -> Self {
        let frame_len = (rate / FRAMES_PER_SECOND).max(1) as usize;
        SpeechGate {
            frame_len,
            frame: Vec::with_capacity(frame_len),
            floor_db: None,
            speech_run: 0.0,
            quiet_run: 0.0,
            started: false,
            frame_seconds: frame_len as f32 / rate.max(1) as f32,
        }
    }

    pub fn speech_started(&self) -> bool {
        self.started
    }

    /// Seconds of continuous quiet since the last speech frame (0 before speech starts).
    pub fn quiet_seconds(&self) -> f32 {
        if self.started {
            self.quiet_run
        } else {
            0.0
        }
    }

    pub fn push(&mut self, samples: &[f32]) -> Option<GateEvent> {
        let mut event = None;
        for &s in samples {
            self.frame.push(s);
            if self.frame.len() == self.frame_len {
                if self.frame_done() {
                    event = Some(GateEvent::SpeechStarted);
                }
                self.frame.clear();
            }
        }
        event
    }

    /// Returns true when this frame is the one at which speech started.
    fn frame_done(&mut self) -> bool {
        let db = signal::power_db(&self.frame);
        let floor = *self.floor_db.get_or_insert(db);
        let is_speech = db > MIN_SPEECH_DBFS && db > floor + ABOVE_FLOOR_DB;
        // The floor follows quiet frames down at once and creeps up slowly, so that speech
        // never becomes the floor but a fan switched on mid-take does, after a few seconds.
        self.floor_db = Some(if db < floor {
            db
        } else if !is_speech {
            floor + FLOOR_RISE_DB_PER_SECOND * self.frame_seconds
        } else {
            floor
        });
        if is_speech {
            self.speech_run += self.frame_seconds;
            self.quiet_run = 0.0;
        } else {
            self.quiet_run += self.frame_seconds;
            if self.quiet_run > 0.1 {
                self.speech_run = 0.0;
            }
        }
        if !self.started && self.speech_run >= START_SECONDS {
            self.started = true;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noise(n: usize, amp: f32, seed: &mut u32) -> Vec<f32> {
        (0..n)
            .map(|_| {
                *seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (*seed as f32 / u32::MAX as f32 - 0.5) * 2.0 * amp
            })
            .collect()
    }

    fn voice(n: usize) -> Vec<f32> {
        (0..n).map(|i| (i as f32 * 0.08).sin() * 0.2).collect()
    }

    #[test]
    fn quiet_time_counts_only_after_speech_and_resets_on_speech() {
        let mut seed = 7;
        let mut gate = SpeechGate::new(16_000);
        gate.push(&noise(16_000 * 3, 0.002, &mut seed));
        assert!(!gate.speech_started());
        assert_eq!(gate.quiet_seconds(), 0.0);
        assert_eq!(gate.push(&voice(16_000)), Some(GateEvent::SpeechStarted));
        gate.push(&noise(16_000 * 2, 0.002, &mut seed));
        assert!(
            (gate.quiet_seconds() - 2.0).abs() < 0.05,
            "{}",
            gate.quiet_seconds()
        );
        gate.push(&voice(8_000));
        assert!(gate.quiet_seconds() < 0.05);
    }

    #[test]
    fn a_click_does_not_start_speech() {
        let mut seed = 3;
        let mut gate = SpeechGate::new(16_000);
        gate.push(&noise(16_000, 0.002, &mut seed));
        gate.push(&voice(800)); // 50 ms
        gate.push(&noise(16_000, 0.002, &mut seed));
        assert!(!gate.speech_started());
    }
}
