//! Hesitation sounds found in the audio itself: the "um", "uh", "er" Whisper leaves out of its
//! transcripts, and words drawn out while thinking ("sooo"). Both are one held, voiced sound:
//! the pitch stays level and the spectrum stays still for far longer than any vowel of fluent
//! speech, where the mouth is always on its way to the next sound. The detector finds stretches
//! of such steady voicing, frame by frame, on features that can be explained:
//!
//! - **voicing**: the normalised autocorrelation peak at the pitch period (a held vowel or
//!   nasal is strongly periodic; fricatives, stops and noise are not);
//! - **pitch stability**: the period may drift but not jump between neighbouring frames (a
//!   short glide of the mouth with the pitch running on, as "u" closes to "m", is part of the
//!   sound);
//! - **spectral flux**: how much the energy in six bands across the formant range changes over
//!   20 ms (low while the mouth holds one shape);
//! - **level**: within reach of the take's speech level (a breath or a hum in the room is not
//!   a hesitation);
//! - **opening**: the 700–1100 Hz band against the two bands below it, where a vowel's first
//!   formant lies (high when the mouth is open, as for "uh"; low for a close vowel such as the
//!   "ee" of "please", whose first formant is under 400 Hz).
//!
//! What each stretch is (a filled pause, or a drawn-out word) and whether the transcript already
//! has it is decided in `coach::fillers`, which knows the words. Every threshold is in
//! `norms.toml` (`[filled_pauses]`) with the measurement it came from.

use crate::filters::{BandPower, Biquad};
use crate::vad::SpeechActivity;
use coach::norms::FilledPauseNorms;
use coach::HeldSound;

const RATE: usize = 16_000;
/// One frame every 10 ms.
const HOP: usize = RATE / 100;
/// Pitch is read at 8 kHz (speech pitch lies far below 4 kHz) over a 40 ms window, long enough
/// for two and a half periods of a 60 Hz voice.
const PITCH_RATE: usize = 8_000;
const PITCH_WINDOW: usize = PITCH_RATE * 40 / 1000;
const PITCH_HOP: usize = PITCH_RATE / 100;
/// Pitch periods searched: 60–400 Hz covers low men's voices at the bottom of a falling "uh"
/// to children's voices.
const MIN_LAG: usize = PITCH_RATE / 400;
const MAX_LAG: usize = PITCH_RATE / 60;
/// Bands for the spectral flux: across the first and second formants of every vowel.
const BANDS: [(f64, f64); 6] = [
    (200.0, 400.0),
    (400.0, 700.0),
    (700.0, 1100.0),
    (1100.0, 1700.0),
    (1700.0, 2600.0),
    (2600.0, 4000.0),
];
/// Flux compares frames this many hops apart (20 ms).
const FLUX_SPAN: usize = 2;
/// Band levels are measured over this many hops (30 ms): a 10 ms window holds a varying part of
/// a low voice's 10–13 ms period, which makes a held sound's level ripple by ±3 dB.
const BAND_WINDOW: usize = 3;

/// What one 10 ms frame sounds like.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameVoice {
    /// Power in dB relative to full scale.
    pub level_db: f32,
    /// Normalised autocorrelation at the pitch period, 0–1.
    pub voicing: f32,
    /// Pitch in Hz (meaningful when voiced).
    pub pitch_hz: f32,
    /// Mean absolute change of the band levels over 20 ms, in dB.
    pub flux_db: f32,
    /// The 700–1100 Hz band against the stronger of the 200–400 and 400–700 Hz bands, in dB.
    pub opening_db: f32,
}

/// The voice of every 10 ms frame of 16 kHz mono `samples`.
pub fn frame_voices(samples: &[f32]) -> Vec<FrameVoice> {
    let mut listener = FrameListener::new();
    listener.push(samples);
    listener.finish()
}

/// Follows a take frame by frame as its audio arrives: the costly part (the filters and the
/// pitch search) is done on each block, so that when a live take stops only its last frames
/// are left ([`frame_voices`] is the same on a whole recording).
pub struct FrameListener {
    bands: BandPower<6>,
    /// Each whole hop's power in each band, and in all (sums of squares).
    band_hops: Vec<[f32; 6]>,
    level_hops: Vec<f32>,
    band_sum: [f32; 6],
    level_sum: f32,
    in_hop: usize,
    /// Low-pass at 3.4 kHz before every other sample is kept for the pitch search.
    narrowing: (Biquad, Biquad),
    /// The narrowed samples the pitch windows still to come will read: the ones before are
    /// let go, so a take of any length holds a window's worth, not its audio.
    narrow: std::collections::VecDeque<f32>,
    /// Index (in the narrowed stream) of `narrow`'s first sample.
    narrow_start: usize,
    samples: usize,
    /// (voicing, pitch in Hz) of each frame whose pitch window has arrived.
    pitch: Vec<(f32, f32)>,
}

impl Default for FrameListener {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameListener {
    pub fn new() -> Self {
        FrameListener {
            bands: BandPower::new(RATE as f64, &BANDS),
            band_hops: Vec::new(),
            level_hops: Vec::new(),
            band_sum: [0.0; 6],
            level_sum: 0.0,
            in_hop: 0,
            narrowing: (
                Biquad::low_pass(RATE as f64, 3_400.0),
                Biquad::low_pass(RATE as f64, 3_400.0),
            ),
            narrow: std::collections::VecDeque::new(),
            narrow_start: 0,
            samples: 0,
            pitch: Vec::new(),
        }
    }

    /// More 16 kHz mono audio.
    pub fn push(&mut self, samples: &[f32]) {
        for &x in samples {
            self.bands.add(x, &mut self.band_sum);
            self.level_sum += x * x;
            self.in_hop += 1;
            if self.in_hop == HOP {
                self.band_hops.push(std::mem::take(&mut self.band_sum));
                self.level_hops.push(std::mem::take(&mut self.level_sum));
                self.in_hop = 0;
            }
            let y = self.narrowing.1.process(self.narrowing.0.process(x));
            if self.samples.is_multiple_of(RATE / PITCH_RATE) {
                self.narrow.push_back(y);
            }
            self.samples += 1;
        }
        while self.pitch.len() * PITCH_HOP + PITCH_WINDOW + MAX_LAG
            <= self.narrow_start + self.narrow.len()
        {
            let at = self.pitch.len() * PITCH_HOP - self.narrow_start;
            self.pitch.push(pitch_at(self.narrow.make_contiguous(), at));
        }
        let done = (self.pitch.len() * PITCH_HOP - self.narrow_start).min(self.narrow.len());
        self.narrow.drain(..done);
        self.narrow_start += done;
    }

    /// Every whole frame's voice.
    pub fn finish(mut self) -> Vec<FrameVoice> {
        let frames = self.samples / HOP;
        // The last frames' pitch windows run past the end: no pitch there.
        self.pitch.resize(frames, (0.0, 0.0));
        let bands = self.band_levels(frames);
        let pitch = &self.pitch;
        // The median of three neighbours: one frame whose window straddles a glottal
        // irregularity does not break a held sound.
        let voicing = |i: usize| {
            let mut three = [
                pitch[i.saturating_sub(1)].0,
                pitch[i].0,
                pitch[(i + 1).min(frames - 1)].0,
            ];
            three.sort_by(f32::total_cmp);
            three[1]
        };
        (0..frames)
            .map(|i| {
                let flux_db = if i >= FLUX_SPAN {
                    bands[i]
                        .iter()
                        .zip(&bands[i - FLUX_SPAN])
                        .map(|(a, b)| (a - b).abs())
                        .sum::<f32>()
                        / BANDS.len() as f32
                } else {
                    f32::INFINITY
                };
                FrameVoice {
                    level_db: signal::mean_square_db((self.level_hops[i] / HOP as f32) as f64)
                        as f32,
                    voicing: voicing(i),
                    pitch_hz: pitch[i].1,
                    flux_db,
                    opening_db: bands[i][2] - bands[i][0].max(bands[i][1]),
                }
            })
            .collect()
    }

    /// Band levels in dB for each frame, over a window centred on it.
    fn band_levels(&self, frames: usize) -> Vec<[f32; 6]> {
        (0..frames)
            .map(|i| {
                let from = i.saturating_sub(BAND_WINDOW / 2);
                let to = (from + BAND_WINDOW).min(frames);
                let mut sums = [0f32; 6];
                for hop in &self.band_hops[from..to] {
                    for (s, h) in sums.iter_mut().zip(hop) {
                        *s += h;
                    }
                }
                let n = ((to - from) * HOP) as f32;
                sums.map(|s| signal::mean_square_db((s / n) as f64) as f32)
            })
            .collect()
    }
}

/// (voicing, pitch in Hz) of the frame whose 8 kHz window starts at `start`: the peak of the
/// normalised cross-correlation of the signal with itself over the pitch lags.
fn pitch_at(narrow: &[f32], start: usize) -> (f32, f32) {
    let x = &narrow[start..start + PITCH_WINDOW];
    let energy_x: f32 = x.iter().map(|v| v * v).sum();
    if energy_x <= 1e-9 {
        return (0.0, 0.0);
    }
    let mut best = (0.0f32, 0usize);
    for lag in MIN_LAG..=MAX_LAG {
        let y = &narrow[start + lag..start + lag + PITCH_WINDOW];
        let (mut dot, mut energy_y) = (0.0f32, 0.0f32);
        for (a, b) in x.iter().zip(y) {
            dot += a * b;
            energy_y += b * b;
        }
        let r = dot / (energy_x * energy_y).sqrt().max(1e-12);
        if r > best.0 {
            best = (r, lag);
        }
    }
    let pitch = if best.1 > 0 {
        PITCH_RATE as f32 / best.1 as f32
    } else {
        0.0
    };
    (best.0.max(0.0), pitch)
}

/// The median pitch of the take's voiced frames at speech level: the speaker's typical pitch.
fn typical_pitch(voices: &[FrameVoice], speech_level: f32, n: &FilledPauseNorms) -> Option<f64> {
    let mut pitches: Vec<f32> = voices
        .iter()
        .filter(|f| {
            f.pitch_hz > 0.0
                && f.voicing >= n.min_voicing as f32
                && f.level_db >= speech_level - n.max_below_speech_db as f32
        })
        .map(|f| f.pitch_hz)
        .collect();
    if pitches.is_empty() {
        return None;
    }
    let middle = pitches.len() / 2;
    Some(*pitches.select_nth_unstable_by(middle, f32::total_cmp).1 as f64)
}

/// How a frame continues a held sound, given the one before it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hold {
    /// Voiced, level pitch, still spectrum: the sound is held.
    Steady,
    /// Voiced and the pitch runs on, but the mouth moves (the "u" of "um" closing to "m").
    Gliding,
    /// Anything else.
    Broken,
}

fn hold(
    frame: &FrameVoice,
    before: &FrameVoice,
    speech_level_db: f32,
    n: &FilledPauseNorms,
) -> Hold {
    let semitones = if before.pitch_hz > 0.0 && frame.pitch_hz > 0.0 {
        12.0 * (frame.pitch_hz / before.pitch_hz).log2().abs()
    } else {
        f32::INFINITY
    };
    let voiced = frame.voicing >= n.min_voicing as f32
        && semitones <= n.max_pitch_step_semitones as f32
        && frame.level_db >= speech_level_db - n.max_below_speech_db as f32;
    match (voiced, frame.flux_db <= n.max_flux_db as f32) {
        (true, true) => Hold::Steady,
        (true, false) => Hold::Gliding,
        (false, _) => Hold::Broken,
    }
}

/// The stretch of sound around frames `first..=last`: outwards until a pause (quiet frames
/// for `PAUSE_FRAMES` in a row).
fn island(voices: &[FrameVoice], first: usize, last: usize, pause_below_db: f32) -> (usize, usize) {
    const PAUSE_FRAMES: usize = 5;
    let quiet = |f: &FrameVoice| f.level_db < pause_below_db;
    let mut start = first;
    let mut run = 0;
    while start > 0 && run < PAUSE_FRAMES {
        start -= 1;
        run = if quiet(&voices[start]) { run + 1 } else { 0 };
    }
    if run == PAUSE_FRAMES {
        start += PAUSE_FRAMES;
    }
    let mut end = last;
    run = 0;
    while end + 1 < voices.len() && run < PAUSE_FRAMES {
        end += 1;
        run = if quiet(&voices[end]) { run + 1 } else { 0 };
    }
    if run == PAUSE_FRAMES {
        end -= PAUSE_FRAMES;
    }
    (start, end)
}

/// Every stretch of held, steady voicing in the take that lasts at least
/// `norms.min_seconds`, with how steady it was.
pub fn held_sounds(
    samples: &[f32],
    activity: &SpeechActivity,
    norms: &FilledPauseNorms,
) -> Vec<HeldSound> {
    held_sounds_in(&frame_voices(samples), activity, norms)
}

/// [`held_sounds`] from frames already listened to (a live take's [`FrameListener`]).
pub fn held_sounds_in(
    voices: &[FrameVoice],
    activity: &SpeechActivity,
    norms: &FilledPauseNorms,
) -> Vec<HeldSound> {
    let speech_level = activity.speech_level_db as f32;
    // A pause is well under the voice and, in a noisy room, clearly over the noise: a third of
    // the way from the noise floor up to the voice.
    let floor = activity.noise_floor_db as f32;
    let pause_below = (speech_level - norms.pause_below_speech_db as f32)
        .max(floor + (speech_level - floor) / 3.0);
    let frame_seconds = HOP as f64 / RATE as f64;
    let typical_pitch = typical_pitch(voices, speech_level, norms);
    let mut found = Vec::new();
    // The run being followed: its first steady frame, its last steady frame, and the broken
    // frames since then.
    let mut run: Option<(usize, usize, usize)> = None;
    let holds: Vec<Hold> = std::iter::once(Hold::Broken)
        .chain((1..voices.len()).map(|i| hold(&voices[i], &voices[i - 1], speech_level, norms)))
        .collect();
    let flush = |first: usize, last: usize, found: &mut Vec<HeldSound>| {
        let frames = &voices[first..=last];
        let seconds = frames.len() as f64 * frame_seconds;
        if seconds < norms.min_seconds {
            return;
        }
        let n = frames.len() as f64;
        let steady: Vec<&FrameVoice> = frames
            .iter()
            .zip(&holds[first..=last])
            .filter(|(_, h)| **h == Hold::Steady)
            .map(|(f, _)| f)
            .collect();
        let steady_share = steady.len() as f64 / n;
        let flux_db = frames
            .iter()
            .filter(|f| f.flux_db.is_finite())
            .map(|f| f.flux_db as f64)
            .sum::<f64>()
            / n;
        let (island_first, island_last) = island(voices, first, last, pause_below);
        let alone = n / (island_last + 1 - island_first) as f64;
        let to_pause = (first - island_first).min(island_last - last) as f64 * frame_seconds;
        // A hesitation is held still nearly all through, touches a pause, and is either held
        // longer than a vowel of fluent speech or stands alone between pauses.
        if steady_share < norms.min_steady_share
            || flux_db > norms.max_mean_flux_db
            || to_pause > norms.max_pause_distance_seconds
            || (seconds < norms.long_seconds && alone < norms.min_alone_share)
        {
            return;
        }
        let pitch_hz = frames.iter().map(|f| f.pitch_hz as f64).sum::<f64>() / n;
        let pitch_above_typical_semitones =
            typical_pitch.map_or(0.0, |typical| 12.0 * (pitch_hz / typical).log2());
        if pitch_above_typical_semitones > norms.max_above_typical_pitch_semitones {
            return;
        }
        // At its most open (the upper quartile of its still frames): an "um" closes to "m",
        // whose murmur is as low as a close vowel's, for part of its length.
        let mut opening: Vec<f32> = steady.iter().map(|f| f.opening_db).collect();
        opening.sort_by(f32::total_cmp);
        let opening_db = opening.get(opening.len() * 3 / 4).copied().unwrap_or(0.0) as f64;
        let (low, high) = steady.iter().fold((f32::INFINITY, 0f32), |(lo, hi), f| {
            (lo.min(f.pitch_hz), hi.max(f.pitch_hz))
        });
        found.push(HeldSound {
            start: first as f64 * frame_seconds,
            end: (last + 1) as f64 * frame_seconds,
            sounding_start: island_first as f64 * frame_seconds,
            sounding_end: (island_last + 1) as f64 * frame_seconds,
            voicing: frames.iter().map(|f| f.voicing as f64).sum::<f64>() / n,
            flux_db,
            pitch_hz,
            steady_share,
            pitch_range_semitones: (12.0 * (high / low.max(1.0)).log2()).max(0.0) as f64,
            pitch_above_typical_semitones,
            opening_db,
        });
    };
    for (i, &h) in holds.iter().enumerate().skip(1) {
        run = match (run, h) {
            (None, Hold::Steady) => Some((i, i, 0)),
            (None, _) => None,
            (Some((first, _, _)), Hold::Steady) => Some((first, i, 0)),
            (Some((first, last, broken)), _) => {
                let broken = broken + (h == Hold::Broken) as usize;
                if i - last <= norms.max_glide_frames && broken <= norms.max_gap_frames {
                    Some((first, last, broken))
                } else {
                    flush(first, last, &mut found);
                    None
                }
            }
        };
    }
    if let Some((first, last, _)) = run {
        flush(first, last, &mut found);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listening_block_by_block_hears_what_listening_at_once_hears() {
        // A tone gliding up (150 Hz at 1 s) with a little hiss, 2.3 s.
        let mut seed = 7u32;
        let samples: Vec<f32> = (0..36_800)
            .map(|i| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let t = i as f32 / RATE as f32;
                let f0 = 110.0 + 20.0 * t;
                0.3 * (2.0 * std::f32::consts::PI * f0 * t).sin()
                    + 0.01 * (seed as f32 / u32::MAX as f32 - 0.5)
            })
            .collect();
        let whole = frame_voices(&samples);
        let mut listener = FrameListener::new();
        for block in samples.chunks(733) {
            listener.push(block);
        }
        assert_eq!(listener.finish(), whole);
        assert_eq!(whole.len(), 230);
        assert!(whole[100].voicing > 0.9 && (whole[100].pitch_hz - 150.0).abs() < 6.0);
    }
}
