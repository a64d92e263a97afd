//! Cuts a live 16 kHz stream into chunks for incremental transcription: at pauses (never inside
//! a word), at least `min_chunk` long so Whisper has context, never longer than `max_chunk`, and
//! early once the speaker has stopped for `flush_pause` so that little is left at the end.
//! Works causally on 20 ms frames against a running noise floor.

use crate::transcriber::SAMPLE_RATE;

const FRAME: usize = (SAMPLE_RATE / 50) as usize;
const ABOVE_FLOOR_DB: f32 = 10.0;
const MIN_SPEECH_DBFS: f32 = -55.0;
/// The noise floor is the quietest frame of the last 3 s: speech always has gaps between words
/// within that span, and a noise that starts mid-take becomes the floor after 3 s.
const FLOOR_WINDOW_FRAMES: usize = 150;

#[derive(Debug, Clone)]
pub struct ChunkerConfig {
    /// A pause cuts only once the chunk holds this much audio (seconds).
    pub min_chunk: f64,
    /// The longest chunk; past it the quietest moment of the last seconds is the cut.
    pub max_chunk: f64,
    /// Quiet this long is a pause where a chunk may end.
    pub cut_pause: f64,
    /// Quiet this long after speech ends a chunk of any length (infinite: never).
    pub flush_pause: f64,
}

impl Default for ChunkerConfig {
    fn default() -> Self {
        ChunkerConfig {
            // Measured on 28–111 s answers (tests/incremental.rs): 8 s chunks lost 2–16 points
            // of word error rate against one-shot; 24–28 s chunks, as long as Whisper's own
            // 30 s windows, did as well as one-shot or better.
            min_chunk: 24.0,
            max_chunk: 28.0,
            cut_pause: 0.3,
            flush_pause: f64::INFINITY,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// Index of the first sample in the whole stream.
    pub start: u64,
    pub samples: Vec<f32>,
    /// Whether any frame of it was speech (a chunk of silence is not worth transcribing).
    pub has_speech: bool,
    /// Stream index just past its last speech frame.
    pub last_speech_end: Option<u64>,
}

impl Chunk {
    pub fn start_seconds(&self) -> f64 {
        self.start as f64 / SAMPLE_RATE as f64
    }

    pub fn seconds(&self) -> f64 {
        self.samples.len() as f64 / SAMPLE_RATE as f64
    }
}

pub struct Chunker {
    config: ChunkerConfig,
    buffer: Vec<f32>,
    buffer_start: u64,
    /// Level of each whole frame in the buffer, in dBFS.
    frame_db: Vec<f32>,
    partial: usize,
    recent_db: std::collections::VecDeque<f32>,
    quiet_frames: usize,
    speech_frames: usize,
    last_speech_end: Option<u64>,
}

impl Chunker {
    pub fn new(config: ChunkerConfig) -> Self {
        Chunker {
            config,
            buffer: Vec::new(),
            buffer_start: 0,
            frame_db: Vec::new(),
            partial: 0,
            recent_db: std::collections::VecDeque::with_capacity(FLOOR_WINDOW_FRAMES),
            quiet_frames: 0,
            speech_frames: 0,
            last_speech_end: None,
        }
    }

    /// Samples waiting in the current chunk (seconds).
    pub fn buffered_seconds(&self) -> f64 {
        self.buffer.len() as f64 / SAMPLE_RATE as f64
    }

    /// The audio of the chunk not yet cut: its first sample's index in the stream, and samples.
    pub fn pending(&self) -> (u64, &[f32]) {
        (self.buffer_start, &self.buffer)
    }

    /// Whether the pending audio holds any speech.
    pub fn pending_has_speech(&self) -> bool {
        self.speech_frames > 0
    }

    /// Stream index just past the newest speech frame.
    pub fn last_speech_end(&self) -> Option<u64> {
        self.last_speech_end
    }

    /// Seconds of quiet at the end of the stream so far.
    pub fn quiet_seconds(&self) -> f64 {
        self.quiet_frames as f64 / 50.0
    }

    /// Feeds audio; returns the chunks it completed, in order.
    pub fn push(&mut self, samples: &[f32]) -> Vec<Chunk> {
        let mut done = Vec::new();
        for &s in samples {
            self.buffer.push(s);
            self.partial += 1;
            if self.partial == FRAME {
                self.partial = 0;
                if let Some(chunk) = self.frame_done() {
                    done.push(chunk);
                }
            }
        }
        done
    }

    /// The rest of the stream as a last chunk (None when nothing is left).
    pub fn finish(&mut self) -> Option<Chunk> {
        if self.buffer.is_empty() {
            return None;
        }
        let at = self.buffer.len();
        Some(self.cut(at))
    }

    fn frame_done(&mut self) -> Option<Chunk> {
        let frame = &self.buffer[self.buffer.len() - FRAME..];
        let energy = frame.iter().map(|x| x * x).sum::<f32>() / FRAME as f32;
        let db = 10.0 * energy.max(1e-12).log10();
        self.frame_db.push(db);
        if self.recent_db.len() == FLOOR_WINDOW_FRAMES {
            self.recent_db.pop_front();
        }
        self.recent_db.push_back(db);
        // Before any quiet has been heard (an answer that starts at once), assume a quiet room.
        let floor = self
            .recent_db
            .iter()
            .copied()
            .fold(f32::INFINITY, f32::min)
            .min(MIN_SPEECH_DBFS - ABOVE_FLOOR_DB + 20.0);
        let speech = db > MIN_SPEECH_DBFS && db > floor + ABOVE_FLOOR_DB;
        if speech {
            self.quiet_frames = 0;
            self.speech_frames += 1;
            self.last_speech_end = Some(self.buffer_start + self.buffer.len() as u64);
        } else {
            self.quiet_frames += 1;
        }
        let seconds = self.buffered_seconds();
        let quiet = self.quiet_frames as f64 / 50.0;
        let frames = self.frame_db.len();
        // Cut in the middle of the pause so both chunks keep a little silence around words.
        let mid_pause = (frames - self.quiet_frames / 2) * FRAME;
        let has_spoken = self.speech_frames as f64 / 50.0 >= 0.3;
        if has_spoken && quiet >= self.config.flush_pause {
            return Some(self.cut(mid_pause));
        }
        if seconds >= self.config.min_chunk && quiet >= self.config.cut_pause && has_spoken {
            return Some(self.cut(mid_pause));
        }
        if seconds >= self.config.max_chunk {
            return Some(self.cut(self.quietest_cut()));
        }
        None
    }

    /// The quietest 100 ms in the last 3 s of the buffer: the least bad place for a forced cut.
    fn quietest_cut(&self) -> usize {
        let frames = self.frame_db.len();
        let from = frames.saturating_sub(150);
        let window = 5;
        let best = (from..frames.saturating_sub(window).max(from + 1))
            .min_by(|&a, &b| {
                let sum = |i: usize| {
                    self.frame_db[i..(i + window).min(frames)]
                        .iter()
                        .sum::<f32>()
                };
                sum(a).total_cmp(&sum(b))
            })
            .unwrap_or(frames);
        ((best + window / 2) * FRAME).min(self.buffer.len())
    }

    fn cut(&mut self, at: usize) -> Chunk {
        let at = at.min(self.buffer.len());
        let rest = self.buffer.split_off(at);
        let samples = std::mem::replace(&mut self.buffer, rest);
        let frames_cut = at / FRAME;
        let speech_in_chunk = self.speech_frames > 0;
        let end = self.buffer_start + at as u64;
        let chunk = Chunk {
            start: self.buffer_start,
            samples,
            has_speech: speech_in_chunk,
            last_speech_end: self
                .last_speech_end
                .filter(|_| speech_in_chunk)
                .map(|e| e.min(end)),
        };
        self.buffer_start += at as u64;
        self.frame_db.drain(..frames_cut.min(self.frame_db.len()));
        // Whatever stays in the buffer was quiet (cuts happen in pauses), so the next chunk
        // starts without speech; the pause run continues into it.
        self.speech_frames = 0;
        self.quiet_frames = self.quiet_frames.min(self.frame_db.len());
        chunk
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bursts of "speech" (a loud tone) separated by silences, as (speech s, pause s) pairs.
    fn bursts(pattern: &[(f64, f64)]) -> (Vec<f32>, Vec<(f64, f64)>) {
        let mut out = Vec::new();
        let mut speech = Vec::new();
        let rate = SAMPLE_RATE as f64;
        for &(on, off) in pattern {
            let start = out.len() as f64 / rate;
            out.extend((0..(on * rate) as usize).map(|i| (i as f32 * 0.07).sin() * 0.3));
            speech.push((start, start + on));
            out.extend(std::iter::repeat_n(0.0005, (off * rate) as usize));
        }
        (out, speech)
    }

    fn run(samples: &[f32], block: usize) -> Vec<Chunk> {
        let mut chunker = Chunker::new(ChunkerConfig::default());
        let mut chunks: Vec<Chunk> = samples
            .chunks(block)
            .flat_map(|b| chunker.push(b))
            .collect();
        chunks.extend(chunker.finish());
        chunks
    }

    #[test]
    fn chunks_tile_the_stream_and_cut_only_in_pauses() {
        let (samples, speech) = bursts(&[(3.0, 0.4); 20]);
        let chunks = run(&samples, 1_600);
        // Nothing lost, nothing repeated.
        let joined: Vec<f32> = chunks.iter().flat_map(|c| c.samples.clone()).collect();
        assert_eq!(joined, samples);
        let mut next = 0;
        for c in &chunks {
            assert_eq!(c.start, next);
            next += c.samples.len() as u64;
        }
        for c in &chunks[..chunks.len() - 1] {
            let end = c.start_seconds() + c.seconds();
            assert!(
                !speech.iter().any(|&(a, b)| a < end && end < b),
                "cut at {end:.2} s falls inside speech"
            );
            assert!(
                c.seconds() >= 23.5 && c.seconds() <= 28.0,
                "{} s",
                c.seconds()
            );
        }
        assert!(chunks.len() >= 2, "{} chunks", chunks.len());
    }

    #[test]
    fn a_long_stretch_without_pauses_is_cut_at_the_longest_chunk() {
        let (samples, _) = bursts(&[(40.0, 0.0)]);
        let chunks = run(&samples, 800);
        let first = chunks[0].seconds();
        assert!((25.0..=28.0).contains(&first), "{first}");
    }

    #[test]
    fn when_the_speaker_stops_the_last_words_are_cut_off_without_waiting_for_more() {
        // 10 s of answer, a short pause, 2 s more, then silence: the 2 s must be flushed once the
        // speaker has been quiet for the flush pause, long before any stop.
        let (samples, _) = bursts(&[(10.0, 0.4), (2.0, 1.5)]);
        let mut chunker = Chunker::new(ChunkerConfig {
            min_chunk: 8.0,
            flush_pause: 0.8,
            ..ChunkerConfig::default()
        });
        let chunks: Vec<Chunk> = samples.chunks(320).flat_map(|b| chunker.push(b)).collect();
        assert_eq!(
            chunks.len(),
            2,
            "{:?}",
            chunks.iter().map(Chunk::seconds).collect::<Vec<_>>()
        );
        assert!(chunks.iter().all(|c| c.has_speech));
        assert!(chunker.buffered_seconds() < 1.5);
        let tail = chunker.finish().unwrap();
        assert!(!tail.has_speech);
    }
}
