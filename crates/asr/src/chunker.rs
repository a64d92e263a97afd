//! Cuts a live 16 kHz stream into chunks for incremental transcription: at pauses (never inside
//! a word), as long as Whisper's own 30 s windows allow, and early once the speaker has stopped
//! for `flush_pause` so that little is left at the end. Works causally on 20 ms frames against a
//! running noise floor.
//!
//! The cut is chosen in hindsight: nothing is cut until the chunk is `max_chunk` long, then it
//! ends at the latest pause after `min_chunk`. Cutting at the first pause instead left short
//! pieces (a 28 s answer became 24 s + 4 s) that Whisper transcribed clearly worse on their own.

use crate::window::SAMPLE_RATE;

const FRAME: usize = (SAMPLE_RATE / 50) as usize;
const FRAMES_PER_SECOND: f64 = 50.0;
const ABOVE_FLOOR_DB: f32 = 10.0;
const MIN_SPEECH_DBFS: f32 = -55.0;
/// The noise floor is the quietest frame of the last 3 s: speech always has gaps between words
/// within that span, and a noise that starts mid-take becomes the floor after 3 s.
const FLOOR_WINDOW_FRAMES: usize = 150;

#[derive(Debug, Clone)]
pub struct ChunkerConfig {
    /// A chunk never ends at a pause before this (seconds).
    pub min_chunk: f64,
    /// The longest chunk: when the pending audio reaches it, it is cut at the latest pause after
    /// `min_chunk`, or at the quietest moment of the last seconds when there was none.
    pub max_chunk: f64,
    /// Quiet this long is a pause where a chunk may end.
    pub cut_pause: f64,
    /// Quiet this long after speech ends a chunk of any length (infinite: never).
    pub flush_pause: f64,
    /// While [`Chunker::hold`] is on, the cut at `max_chunk` waits this much longer (it still
    /// falls at a pause before `max_chunk`).
    pub hold_for: f64,
}

impl Default for ChunkerConfig {
    fn default() -> Self {
        ChunkerConfig {
            // Measured on 28–111 s answers (tests/incremental.rs): 8 s chunks lost 2–16 points
            // of word error rate against one-shot; chunks close to Whisper's own 30 s windows
            // did as well as one-shot or better.
            min_chunk: 20.0,
            // Short of the 30 s window, so an answer that ends just under it stays one piece.
            max_chunk: 29.0,
            cut_pause: 0.3,
            flush_pause: f64::INFINITY,
            // A pass over a whole chunk takes up to about 5 s on one thread.
            hold_for: 6.0,
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
    /// Stream index of its first speech frame.
    pub first_speech_start: Option<u64>,
}

impl Chunk {
    #[cfg(test)]
    pub fn start_seconds(&self) -> f64 {
        self.start as f64 / SAMPLE_RATE as f64
    }

    #[cfg(test)]
    pub fn seconds(&self) -> f64 {
        self.samples.len() as f64 / SAMPLE_RATE as f64
    }

    /// Stream index just past its last sample.
    pub fn end(&self) -> u64 {
        self.start + self.samples.len() as u64
    }

    /// Its speech with at most `margin` seconds of quiet on either side, as a range of its
    /// samples (all of it when it has no speech). A cut in the middle of a long pause leaves
    /// seconds of room noise at the edges, where Whisper makes up words.
    pub fn speech_span(&self, margin: f64) -> std::ops::Range<usize> {
        let (Some(first), Some(last)) = (self.first_speech_start, self.last_speech_end) else {
            return 0..self.samples.len();
        };
        let margin = (margin * SAMPLE_RATE as f64) as u64;
        let from = first.saturating_sub(margin).max(self.start) - self.start;
        let to = (last + margin).min(self.end()) - self.start;
        from as usize..to as usize
    }
}

/// One whole 20 ms frame of the pending audio.
#[derive(Debug, Clone, Copy)]
struct Frame {
    db: f32,
    speech: bool,
}

pub struct Chunker {
    config: ChunkerConfig,
    buffer: Vec<f32>,
    buffer_start: u64,
    /// Every whole frame in the buffer, oldest first.
    frames: Vec<Frame>,
    partial: usize,
    recent_db: std::collections::VecDeque<f32>,
    /// Quiet frames at the end of the stream so far.
    quiet_frames: usize,
    /// Speech frames in the buffer.
    speech_frames: usize,
    /// Frame index (in `frames`) of the middle of the latest pause long enough to cut at.
    latest_pause: Option<usize>,
    /// Whether the cut at `max_chunk` waits (see [`Chunker::hold`]).
    held: bool,
}

impl Chunker {
    pub fn new(config: ChunkerConfig) -> Self {
        Chunker {
            config,
            buffer: Vec::new(),
            buffer_start: 0,
            frames: Vec::new(),
            partial: 0,
            recent_db: std::collections::VecDeque::with_capacity(FLOOR_WINDOW_FRAMES),
            quiet_frames: 0,
            speech_frames: 0,
            latest_pause: None,
            held: false,
        }
    }

    /// Holds off the cut at `max_chunk` (by up to `hold_for`) while a pass that may decide where
    /// the chunk ends is under way; [`Chunker::cut_at`] or the next cut ends the hold.
    pub fn hold(&mut self, on: bool) {
        self.held = on;
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

    /// Stream index just past the pending audio's last speech frame.
    pub fn last_speech_end(&self) -> Option<u64> {
        let last = self.frames.iter().rposition(|f| f.speech)?;
        Some(self.buffer_start + ((last + 1) * FRAME) as u64)
    }

    /// Whether the pending audio holds speech after stream sample `at`.
    pub fn speech_after(&self, at: u64) -> bool {
        let first = (at.saturating_sub(self.buffer_start) as usize).div_ceil(FRAME);
        self.frames.iter().skip(first).any(|f| f.speech)
    }

    /// Stream index of the pending audio's first speech frame at or after stream sample `at`.
    pub fn first_speech_from(&self, at: u64) -> Option<u64> {
        let first = (at.saturating_sub(self.buffer_start) as usize).div_ceil(FRAME);
        let i = first + self.frames.iter().skip(first).position(|f| f.speech)?;
        Some(self.buffer_start + (i * FRAME) as u64)
    }

    /// Cuts the pending audio at stream sample `at` (rounded down to a whole frame), because a
    /// pass over everything before it has been decided on. None when `at` is not inside it.
    pub fn cut_at(&mut self, at: u64) -> Option<Chunk> {
        let offset = at.checked_sub(self.buffer_start)? as usize / FRAME * FRAME;
        (offset > 0 && offset <= self.frames.len() * FRAME).then(|| self.cut(offset))
    }

    /// Seconds of quiet at the end of the stream so far.
    pub fn quiet_seconds(&self) -> f64 {
        self.quiet_frames as f64 / FRAMES_PER_SECOND
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
        let db = signal::power_db(&self.buffer[self.buffer.len() - FRAME..]);
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
        self.frames.push(Frame { db, speech });
        if speech {
            self.quiet_frames = 0;
            self.speech_frames += 1;
        } else {
            self.quiet_frames += 1;
        }
        let frames = self.frames.len();
        let seconds = self.buffered_seconds();
        let quiet = self.quiet_seconds();
        // Cut in the middle of the pause so both chunks keep a little silence around words.
        let mid_pause = frames - self.quiet_frames / 2;
        let has_spoken = self.speech_frames as f64 / FRAMES_PER_SECOND >= 0.3;
        let mid_pause_at = mid_pause as f64 / FRAMES_PER_SECOND;
        if has_spoken
            && quiet >= self.config.cut_pause
            && (self.config.min_chunk..=self.config.max_chunk).contains(&mid_pause_at)
        {
            self.latest_pause = Some(mid_pause);
        }
        if has_spoken && quiet >= self.config.flush_pause {
            return Some(self.cut(mid_pause * FRAME));
        }
        let longest = self.config.max_chunk + if self.held { self.config.hold_for } else { 0.0 };
        if seconds >= longest {
            let at = match self.latest_pause {
                Some(frame) => frame * FRAME,
                None => self.quietest_cut(),
            };
            return Some(self.cut(at));
        }
        None
    }

    /// The quietest 100 ms in the last 3 s of the buffer: the least bad place for a forced cut.
    fn quietest_cut(&self) -> usize {
        let frames = self.frames.len();
        let from = frames.saturating_sub(150);
        let window = 5;
        let level = |i: usize| -> f32 {
            self.frames[i..(i + window).min(frames)]
                .iter()
                .map(|f| f.db)
                .sum()
        };
        let best = (from..frames.saturating_sub(window).max(from + 1))
            .min_by(|&a, &b| level(a).total_cmp(&level(b)))
            .unwrap_or(frames);
        ((best + window / 2) * FRAME).min(self.buffer.len())
    }

    fn cut(&mut self, at: usize) -> Chunk {
        let at = at.min(self.buffer.len());
        let rest = self.buffer.split_off(at);
        let samples = std::mem::replace(&mut self.buffer, rest);
        let frames_cut = (at / FRAME).min(self.frames.len());
        let start = self.buffer_start;
        // Cuts fall on frame boundaries; only the last one (finish) may hold a partial frame,
        // which never counts as speech.
        let last_speech_frame = self.frames[..frames_cut].iter().rposition(|f| f.speech);
        let first_speech_frame = self.frames[..frames_cut].iter().position(|f| f.speech);
        let chunk = Chunk {
            start,
            samples,
            has_speech: last_speech_frame.is_some(),
            last_speech_end: last_speech_frame.map(|i| start + ((i + 1) * FRAME) as u64),
            first_speech_start: first_speech_frame.map(|i| start + (i * FRAME) as u64),
        };
        self.buffer_start += at as u64;
        self.frames.drain(..frames_cut);
        self.speech_frames = self.frames.iter().filter(|f| f.speech).count();
        self.quiet_frames = self.quiet_frames.min(self.frames.len());
        self.latest_pause = None;
        self.held = false;
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
            // The latest pause before the longest chunk: within one 3.4 s speech-and-pause
            // of it.
            let longest = ChunkerConfig::default().max_chunk;
            assert!(
                c.seconds() >= longest - 3.4 && c.seconds() <= longest,
                "{} s",
                c.seconds()
            );
        }
        assert!(chunks.len() >= 2, "{} chunks", chunks.len());
    }

    #[test]
    fn an_answer_shorter_than_the_longest_chunk_stays_whole() {
        // 27 s of speech with pauses, then a second of quiet before stop: one chunk, not a
        // long one and a scrap.
        let (samples, _) = bursts(&[
            (2.6, 0.4),
            (2.6, 0.4),
            (2.6, 0.4),
            (2.6, 0.4),
            (2.6, 0.4),
            (2.6, 0.4),
            (2.6, 0.4),
            (2.6, 0.4),
            (2.6, 1.0),
        ]);
        let chunks = run(&samples, 480);
        assert_eq!(chunks.len(), 1);
        assert!(chunks[0].has_speech);
    }

    #[test]
    fn speech_after_a_point_is_found_in_the_pending_audio() {
        let (samples, speech) = bursts(&[(2.0, 1.0), (1.0, 1.0)]);
        let mut chunker = Chunker::new(ChunkerConfig::default());
        assert!(chunker.push(&samples).is_empty());
        let at = |s: f64| (s * SAMPLE_RATE as f64) as u64;
        assert!(chunker.speech_after(at(speech[0].1 + 0.5)));
        assert!(!chunker.speech_after(at(speech[1].1 + 0.1)));
    }

    #[test]
    fn a_cut_asked_for_splits_the_pending_audio_where_asked() {
        let (samples, speech) = bursts(&[(2.0, 1.0), (3.0, 1.0)]);
        let mut chunker = Chunker::new(ChunkerConfig::default());
        assert!(chunker.push(&samples).is_empty());
        let at = |s: f64| (s * SAMPLE_RATE as f64) as u64;
        assert_eq!(chunker.cut_at(at(100.0)), None, "past the audio");
        let first = chunker.cut_at(at(2.5)).unwrap();
        assert_eq!((first.start, first.end()), (0, at(2.5)));
        assert_eq!(first.last_speech_end, Some(at(speech[0].1)));
        assert_eq!(chunker.pending().0, at(2.5));
        assert_eq!(chunker.cut_at(at(1.0)), None, "already cut");
        let next_speech = chunker.first_speech_from(at(2.5)).unwrap();
        assert!((next_speech as i64 - at(speech[1].0) as i64).abs() <= FRAME as i64);
        assert_eq!(chunker.first_speech_from(at(speech[1].1 + 0.1)), None);
    }

    #[test]
    fn a_held_cut_waits_but_still_falls_in_a_pause_before_the_longest_chunk() {
        // Pauses at about 21 s, 26 s and 31 s.
        let (samples, speech) = bursts(&[(21.0, 0.5), (4.5, 0.5), (4.5, 0.5), (6.0, 0.5)]);
        let mut chunker = Chunker::new(ChunkerConfig::default());
        chunker.hold(true);
        let at = |s: f64| (s * SAMPLE_RATE as f64) as usize;
        assert!(
            chunker.push(&samples[..at(33.0)]).is_empty(),
            "held past 29 s"
        );
        let chunks = chunker.push(&samples[at(33.0)..]);
        assert_eq!(chunks.len(), 1);
        let first_end = chunks[0].seconds();
        assert!(
            (first_end - (speech[2].0 - 0.25)).abs() < 0.1,
            "cut at {first_end:.2} s, not in the pause before {:.2} s",
            speech[2].0
        );
    }

    #[test]
    fn the_cut_falls_in_the_latest_pause_not_the_first() {
        // Pauses at about 21 s and 26 s: the cut is in the second one.
        let (samples, speech) = bursts(&[(21.0, 0.5), (4.5, 0.5), (6.0, 0.5)]);
        let chunks = run(&samples, 320);
        let first_end = chunks[0].seconds();
        let (_, second_start) = (speech[1].0, speech[2].0);
        assert!(
            (first_end - (second_start - 0.25)).abs() < 0.1,
            "cut at {first_end:.2} s, pause before {second_start:.2} s"
        );
        assert!(chunks[0].last_speech_end.is_some());
    }

    #[test]
    fn the_speech_span_keeps_a_margin_of_quiet_and_no_more() {
        let (samples, speech) = bursts(&[(0.0, 2.0), (3.0, 2.5)]);
        let mut chunker = Chunker::new(ChunkerConfig::default());
        chunker.push(&samples);
        let chunk = chunker.finish().unwrap();
        let span = chunk.speech_span(0.5);
        let seconds = |i: usize| i as f64 / SAMPLE_RATE as f64;
        assert!(
            (seconds(span.start) - (speech[1].0 - 0.5)).abs() < 0.03,
            "{span:?}"
        );
        assert!(
            (seconds(span.end) - (speech[1].1 + 0.5)).abs() < 0.03,
            "{span:?}"
        );
    }

    #[test]
    fn a_long_stretch_without_pauses_is_cut_at_the_longest_chunk() {
        let (samples, _) = bursts(&[(40.0, 0.0)]);
        let chunks = run(&samples, 800);
        let first = chunks[0].seconds();
        assert!((26.0..=29.0).contains(&first), "{first}");
    }

    #[test]
    fn when_the_speaker_stops_the_last_words_are_cut_off_without_waiting_for_more() {
        // 10 s of answer, a short pause, 2 s more, then silence: all of it must be flushed once
        // the speaker has been quiet for the flush pause, long before any stop (the short pause
        // is not one to cut at: the chunk would be a scrap).
        let (samples, speech) = bursts(&[(10.0, 0.4), (2.0, 1.5)]);
        let mut chunker = Chunker::new(ChunkerConfig {
            min_chunk: 8.0,
            flush_pause: 0.8,
            ..ChunkerConfig::default()
        });
        let chunks: Vec<Chunk> = samples.chunks(320).flat_map(|b| chunker.push(b)).collect();
        assert_eq!(
            chunks.len(),
            1,
            "{:?}",
            chunks.iter().map(Chunk::seconds).collect::<Vec<_>>()
        );
        assert!(chunks[0].has_speech);
        assert!(chunks[0].seconds() > speech[1].1);
        assert!(chunker.buffered_seconds() < 1.5);
        let tail = chunker.finish().unwrap();
        assert!(!tail.has_speech);
    }
}
