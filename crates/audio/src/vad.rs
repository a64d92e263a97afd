//! Speech activity on the 16 kHz mono stream: which stretches of a take hold speech.
//!
//! Energy is measured in 10 ms frames in three bands: 150–1000 Hz (voicing), 1–3 kHz (formants)
//! and 3–7 kHz (fricatives such as "s"). Noise is rarely flat: a fan or pink noise buries the low
//! band while the high band stays clear, hiss does the opposite, a hum sits below 150 Hz and is
//! cut. Each band's thresholds adapt to the take: its noise floor is a low percentile of its frame
//! energies and its speech level a high one, so steady noise and a quiet speaker shift both.
//! A frame is speech-like when any band stands far enough above its own floor. Speech starts
//! when a frame rises above the upper threshold and ends when frames stay below the lower one
//! (hysteresis); boundaries are walked out to where the energy leaves the noise floor, so soft
//! word onsets and endings are kept. Offline over a whole take it needs no model and no
//! download, and runs in milliseconds a minute.

pub const RATE: usize = 16_000;
pub(crate) const HOP: usize = RATE / 100; // 10 ms
const WINDOW: usize = 2 * HOP; // 20 ms

/// Tunables, each with why it is what it is. Defaults suit speech recorded at a desk.
#[derive(Debug, Clone, Copy)]
pub struct VadConfig {
    /// Percentile of frame energies taken as the noise floor. Answers are rarely silent for
    /// less than 5 % of a take (think time, pauses, stop closures between words).
    pub noise_percentile: f64,
    /// Percentile taken as the speech level.
    pub speech_percentile: f64,
    /// Speech starts this far above the floor (dB), or this share of the floor-to-speech range.
    pub onset_db: f64,
    pub onset_share: f64,
    /// Speech ends below this (dB above the floor), or this share of the range.
    pub offset_db: f64,
    pub offset_share: f64,
    /// Boundaries extend while a frame is this far above the floor (dB).
    pub edge_db: f64,
    /// Thresholds never sit lower than this far under the speech level: with digital silence
    /// the floor is meaningless and reverberation tails would count as speech.
    pub max_depth_db: f64,
    /// Speech starts only within this many dB of the speech level: a breath, a lip smack or the
    /// tail of a sound before the take can stand well above a quiet room's floor, but stays
    /// 20 dB or more under the voice. Soft onsets are still kept, by walking the boundaries out.
    pub onset_depth_db: f64,
    /// Boundaries are walked out no further than this many dB under the speech level: a real
    /// room's decay after a word (reverberation, a breath out) stays above a quiet floor for
    /// a quarter second after the voice has stopped.
    pub edge_depth_db: f64,
    /// Speech goes on only while within this many dB of the speech level.
    pub offset_depth_db: f64,
    /// Shorter bursts are clicks, not speech (ms).
    pub min_speech_ms: usize,
    /// Dips shorter than this do not end speech (ms). Kept under the 250 ms pause threshold so
    /// that no countable pause is ever bridged; stop closures last 50–150 ms.
    pub bridge_ms: usize,
}

impl Default for VadConfig {
    fn default() -> Self {
        VadConfig {
            noise_percentile: 0.05,
            speech_percentile: 0.95,
            onset_db: 9.0,
            onset_share: 0.30,
            offset_db: 5.0,
            offset_share: 0.18,
            edge_db: 3.0,
            max_depth_db: 45.0,
            onset_depth_db: 18.0,
            edge_depth_db: 24.0,
            offset_depth_db: 21.0,
            min_speech_ms: 60,
            bridge_ms: 200,
        }
    }
}

pub use coach::Span;

#[derive(Debug, Clone)]
pub struct SpeechActivity {
    /// Raw speech stretches, before any merging.
    pub segments: Vec<Span>,
    pub total_seconds: f64,
    /// The loudest band's noise floor and speech level (dBFS), for quality checks.
    pub noise_floor_db: f64,
    pub speech_level_db: f64,
}

const BANDS: [(f64, f64); 3] = [(150.0, 1000.0), (1000.0, 3000.0), (3000.0, 7000.0)];

/// Energy in dB of each 10 ms frame (a 20 ms window: the frame and the one after it) in one
/// band, from the band's sum of squares over each hop.
fn frame_energies(hops: &[f32]) -> Vec<f64> {
    (0..hops.len())
        .map(|i| {
            let (sum, count) = match hops.get(i + 1) {
                Some(next) => (hops[i] as f64 + *next as f64, WINDOW),
                None => (hops[i] as f64, HOP),
            };
            signal::mean_square_db(sum / count as f64)
        })
        .collect()
}

/// One band's frame energies and the thresholds set from them.
struct Band {
    energies: Vec<f64>,
    floor: f64,
    level: f64,
    onset: f64,
    offset: f64,
    edge: f64,
}

impl Band {
    fn measure(energies: Vec<f64>, config: &VadConfig) -> Band {
        let mut sorted = energies.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        let floor = percentile(&sorted, config.noise_percentile);
        // A short answer in a long take fills under 5 % of the frames: then the loudest frames
        // (a click is far fewer than 0.5 % of them) tell the speech level instead.
        let level =
            percentile(&sorted, config.speech_percentile).max(percentile(&sorted, 0.995) - 3.0);
        let range = (level - floor).max(0.0);
        let lowest = level - config.max_depth_db;
        let onset = (floor + config.onset_db.max(config.onset_share * range))
            .max(lowest)
            .max(level - config.onset_depth_db);
        let offset = (floor + config.offset_db.max(config.offset_share * range))
            .max(lowest)
            .max(level - config.offset_depth_db)
            .min(onset);
        // Where a boundary is walked out to: just above the floor.
        let edge = (floor + config.edge_db)
            .max(lowest)
            .max(level - config.edge_depth_db)
            .min(offset);
        Band {
            energies,
            floor,
            level,
            onset,
            offset,
            edge,
        }
    }

    /// Whether this band can tell speech from noise at all in this take.
    fn useful(&self, config: &VadConfig) -> bool {
        self.level - self.floor >= config.onset_db
    }
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return -120.0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// Where the speech is in 16 kHz mono `samples`, heard all at once.
pub fn detect_speech(samples: &[f32], config: &VadConfig) -> SpeechActivity {
    hear(samples, config).activity
}

/// Where the speech is and how the recording sounds, heard all at once: the same as a
/// [`SpeechListener`] fed block by block.
pub fn hear(samples: &[f32], config: &VadConfig) -> Heard {
    let mut listener = SpeechListener::new();
    listener.push(samples);
    listener.finish(config)
}

/// Decides where the speech is from each band's sum of squares over every 10 ms hop.
fn decide(hops: &[Vec<f32>; 3], total_seconds: f64, config: &VadConfig) -> SpeechActivity {
    let all: Vec<Band> = hops
        .iter()
        .map(|h| Band::measure(frame_energies(h), config))
        .collect();
    let noise_floor_db = all
        .iter()
        .map(|b| b.floor)
        .fold(f64::NEG_INFINITY, f64::max);
    let speech_level_db = all
        .iter()
        .map(|b| b.level)
        .fold(f64::NEG_INFINITY, f64::max);
    let bands: Vec<&Band> = all.iter().filter(|b| b.useful(config)).collect();
    let mut segments = Vec::new();
    // No band stands out of its floor: no speech (silence, or steady noise only).
    if bands.is_empty() {
        return SpeechActivity {
            segments,
            total_seconds,
            noise_floor_db,
            speech_level_db,
        };
    }
    let n = bands[0].energies.len();
    let above = |i: usize, pick: fn(&Band) -> f64| bands.iter().any(|b| b.energies[i] >= pick(b));
    let is_onset = |i: usize| above(i, |b| b.onset);
    let is_on = |i: usize| above(i, |b| b.offset);
    let is_edge = |i: usize| above(i, |b| b.edge);
    let mut i = 0;
    let min_frames = config.min_speech_ms.div_ceil(10);
    let bridge_frames = config.bridge_ms / 10;
    while i < n {
        if !is_onset(i) {
            i += 1;
            continue;
        }
        let mut end = i;
        loop {
            while end < n && is_on(end) {
                end += 1;
            }
            // A dip shorter than the bridge inside a word (a stop closure before a weak "t")
            // does not end the speech if sound comes back above the lower threshold.
            match (end..(end + bridge_frames).min(n)).find(|&j| is_on(j)) {
                Some(j) => end = j,
                None => break,
            }
        }
        let mut start = i;
        while start > 0 && is_edge(start - 1) {
            start -= 1;
        }
        let mut stop = end;
        while stop < n && is_edge(stop) {
            stop += 1;
        }
        if end - i >= min_frames {
            let span = Span {
                start: start as f64 * HOP as f64 / RATE as f64,
                end: stop as f64 * HOP as f64 / RATE as f64,
            };
            match segments.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => segments.push(span),
            }
        }
        i = end.max(i + 1);
    }
    SpeechActivity {
        segments,
        total_seconds,
        noise_floor_db,
        speech_level_db,
    }
}

mod listener;
pub use listener::{Heard, SpeechListener};

#[cfg(test)]
mod tests;
