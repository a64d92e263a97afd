//! Incremental transcription: while the answer is being recorded, the audio is transcribed on a
//! background worker (one reused Whisper state, one thread while the user speaks, an encoder
//! context scaled to the audio, the previous words as prompt), so that at stop little is left.
//!
//! The work, all on the worker:
//! - speculative passes over the chunk still growing, started at a pause when the worker is
//!   idle. They feed the live transcript. Up to 12 s of chunk a pass covers all of it; from 12
//!   to 20 s it covers only what came after the newest such pass, prompted by its words, so
//!   that the pass stop may have to wait for stays short. Once a pass covers at least 20 s of
//!   the chunk it is committed as it is: the chunk is cut where the pass ended (a pause) and a
//!   new chunk begins. Pieces that long transcribe as well as Whisper's own windows (shorter
//!   ones measured clearly worse than one-shot), and nothing has to be transcribed twice.
//!   While such a pass is under way the chunker holds its own cut back (see [`Chunker::hold`]);
//! - when no such pass finished before the chunk reached 29 s (35 s while one was under way: the
//!   worker was slow, or the speaker never paused), [`Chunker`] cuts it at a pause before 29 s
//!   and it is transcribed whole.
//!
//! At stop, the newest speculation stands in for whatever has not been committed: a commit still
//! running is called off, the speculation's words are kept, and only the audio after it is
//! transcribed, with every core, as one piece. A pass still running is waited for instead when,
//! at the pace this take's pieces have gone, it will be done sooner than the redo.
//!
//! Word times are in take time. When the worker falls behind it says so and catches up; the
//! final result always covers the whole take.

mod pace;
mod worker;

use crate::chunker::{Chunk, Chunker, ChunkerConfig};
use crate::error::TranscribeError;
use crate::pieces::{speech_pieces, EDGE_QUIET_SECONDS};
use crate::transcriber::{TranscribeOptions, Transcriber, SAMPLE_RATE};
use coach::{Transcript, Word};
use pace::Pace;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use worker::{seconds, Done, Job, Kind, Request};

/// A speculative pass starts at a pause this long...
const SPECULATE_AT_PAUSE: f64 = 0.3;
/// ...once this much new audio has come since the last one.
const SPECULATE_EVERY: f64 = 2.0;
/// A speculation shorter than this is not kept at stop: short pieces transcribe worse (one
/// of 4.7 s cost 5 points of word error rate on a 31 s answer), and redoing it costs little
/// because a piece's encoder context is at least 10 s anyway.
const SHORTEST_KEPT_SPECULATION: f64 = 10.0;
/// The share of a pass that whisper.cpp spends in the encoder, which cannot be called off
/// midway (measured on one thread: 1.49 of 2.74 s for 22.9 s of audio, 2.20 of 3.52 s for 27.7 s).
const ENCODER_SHARE: f64 = 0.6;
/// A speculative pass over the growing chunk this long is committed as it is: the chunk is cut
/// where the pass ended. One-shot transcription cuts pieces of 20–29 s too.
const COMMIT_SPECULATION_FROM: f64 = 20.0;
/// Between this and [`COMMIT_SPECULATION_FROM`], a pass covers only the audio after the newest
/// pass over the whole chunk, prompted by its words: a pass over the whole chunk costs about
/// 0.12 s per second of audio on one thread, in an encoder that cannot be called off, and when
/// the answer ends it is this pass that stop waits for.
const EXTEND_FROM: f64 = 12.0;
/// The longest piece sent at stop: what is left is joined up to Whisper's 30 s window.
const LONGEST_PIECE: f64 = 30.0;

#[derive(Debug, Clone)]
pub struct IncrementalConfig {
    pub chunker: ChunkerConfig,
    /// Threads while the user speaks.
    pub live_threads: usize,
    /// Threads for what is left after stop.
    pub final_threads: usize,
    /// Passes over the growing chunk at pauses (live transcript, short tail at stop).
    pub speculate: bool,
}

impl Default for IncrementalConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        IncrementalConfig {
            chunker: ChunkerConfig::default(),
            live_threads: 1,
            final_threads: cores,
            speculate: true,
        }
    }
}

/// What the live view hears about.
#[derive(Debug, Clone)]
pub enum PartialUpdate {
    /// The best transcript so far, in take time, and how far into the take it reaches.
    Words { words: Vec<Word>, through: f64 },
    /// The worker has this many seconds of finished audio waiting: it is behind and will catch
    /// up (slow machine, big model).
    Behind { waiting_seconds: f64 },
}

/// The whole take's transcript and how the work went.
#[derive(Debug, Clone)]
pub struct IncrementalResult {
    pub transcript: Transcript,
    /// Chunks cut (speculative passes not counted).
    pub chunks: usize,
    /// Chunks skipped because they held no speech.
    pub silent_chunks: usize,
    pub speculative_passes: usize,
    /// Commits still running or waiting at stop that were called off in favour of a speculation.
    pub commits_called_off: usize,
    /// Audio left to transcribe when the take stopped (seconds).
    pub tail_seconds: f64,
    /// From `finish` being called to the complete transcript.
    pub finish_seconds: f64,
}

/// A finished speculative pass over the pending chunk: words for the audio from `start` to
/// `end` (stream samples).
struct Speculation {
    start: u64,
    end: u64,
    words: Vec<Word>,
}

impl Speculation {
    /// Whether it can stand for the audio from its start to `end`, whose speech ends at
    /// `speech_end`: it heard all of that speech (nothing would be redone), or enough of it to
    /// be kept beside a redo of the rest.
    fn stands_for(&self, end: u64, speech_end: Option<u64>) -> bool {
        let heard_all = speech_end.is_none_or(|e| e <= self.end);
        heard_all
            || seconds(self.end.min(end).saturating_sub(self.start)) >= SHORTEST_KEPT_SPECULATION
    }

    /// What of it covers `chunk`: it must start where the chunk starts and stand for it (see
    /// [`Self::stands_for`]); words past the chunk's end (a pass made after the pause the chunk
    /// was cut at) belong to the next chunk.
    fn covering(self, chunk: &Chunk) -> Option<Speculation> {
        if self.start != chunk.start || !self.stands_for(chunk.end(), chunk.last_speech_end) {
            return None;
        }
        let end = self.end.min(chunk.end());
        let limit = seconds(end);
        let words = self
            .words
            .into_iter()
            .filter(|w| (w.start + w.end) / 2.0 < limit)
            .collect();
        Some(Speculation {
            start: self.start,
            end,
            words,
        })
    }
}

/// A chunk being committed during the take, kept so that at stop it can be called off and
/// finished from its speculation instead.
struct Committing {
    chunk: Chunk,
    fallback: Option<Speculation>,
}

/// A job sent to the worker and not yet answered.
struct InFlight {
    kind: Kind,
    /// The audio it stands for (stream samples): a piece may leave out quiet at the edges.
    covers: Range<u64>,
    samples: usize,
    threads: usize,
    abort: Arc<AtomicBool>,
    committing: Option<Committing>,
}

pub struct IncrementalTranscriber {
    chunker: Chunker,
    jobs: Option<Sender<Job>>,
    results: Receiver<Done>,
    worker: Option<JoinHandle<()>>,
    updates: Option<Sender<PartialUpdate>>,
    config: IncrementalConfig,
    committed: Vec<Word>,
    in_flight: VecDeque<InFlight>,
    speculation: Option<Speculation>,
    /// Where the part of `speculation` that one pass over the chunk heard ends, and how many
    /// words it has: passes after it extend it.
    extends: Option<(u64, usize)>,
    /// End (stream sample) of the newest speculative pass sent.
    speculated_to: u64,
    streamed: u64,
    chunks: usize,
    silent: usize,
    speculative_passes: usize,
    /// Commits called off at stop, in order, to be finished from their speculations.
    called_off: Vec<Committing>,
    /// Raised at stop or at a cut: a speculative pass still running is obsolete.
    cancel_speculation: Arc<AtomicBool>,
    pace: Pace,
    /// When the oldest job in flight started (about: when the one before it was answered).
    front_started: Option<Instant>,
    error: Option<TranscribeError>,
}

impl IncrementalTranscriber {
    /// Starts the worker. `options` supplies language and the first prompt; threads and encoder
    /// context are chosen per piece.
    pub fn start(
        transcriber: Arc<Transcriber>,
        options: TranscribeOptions,
        config: IncrementalConfig,
        updates: Option<Sender<PartialUpdate>>,
    ) -> Result<Self, TranscribeError> {
        let state = transcriber.new_state()?;
        let (jobs_tx, jobs_rx) = mpsc::channel::<Job>();
        let (done_tx, done_rx) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("transcriber".into())
            .spawn(move || worker::run(transcriber, state, options, jobs_rx, done_tx))
            .map_err(|e| TranscribeError::Whisper(format!("cannot start the worker: {e}")))?;
        Ok(IncrementalTranscriber {
            chunker: Chunker::new(config.chunker.clone()),
            jobs: Some(jobs_tx),
            results: done_rx,
            worker: Some(worker),
            updates,
            config,
            committed: Vec::new(),
            in_flight: VecDeque::new(),
            speculation: None,
            extends: None,
            speculated_to: 0,
            streamed: 0,
            chunks: 0,
            silent: 0,
            speculative_passes: 0,
            called_off: Vec::new(),
            cancel_speculation: Arc::new(AtomicBool::new(false)),
            pace: Pace::default(),
            front_started: None,
            error: None,
        })
    }

    /// Feeds 16 kHz mono audio as it is captured. Never waits for transcription.
    pub fn push(&mut self, samples: &[f32]) {
        self.streamed += samples.len() as u64;
        for chunk in self.chunker.push(samples) {
            self.commit_during_take(chunk);
        }
        self.collect(false);
        if self.config.speculate
            && self.in_flight.is_empty()
            && self.chunker.pending_has_speech()
            && self.chunker.quiet_seconds() >= SPECULATE_AT_PAUSE
        {
            self.speculate();
        }
    }

    /// Starts a pass over the growing chunk if speech came since the last one: over all of it,
    /// or, from [`EXTEND_FROM`] to [`COMMIT_SPECULATION_FROM`], over what came after the newest
    /// pass over all of it.
    fn speculate(&mut self) {
        let (pending_start, pending) = self.chunker.pending();
        let end = pending_start + pending.len() as u64;
        let new_from = self.speculated_to.max(pending_start);
        if seconds(end - new_from) < SPECULATE_EVERY || !self.chunker.speech_after(new_from) {
            return;
        }
        // Quiet at the edges is left out, as for a commit (Whisper makes up words in it).
        let margin = (EDGE_QUIET_SECONDS * SAMPLE_RATE as f64) as u64;
        let (Some(first), Some(last)) = (
            self.chunker.first_speech_from(pending_start),
            self.chunker.last_speech_end(),
        ) else {
            return;
        };
        let mut from = first.saturating_sub(margin).max(pending_start);
        let to = (last + margin).min(end);
        let length = seconds(end - pending_start);
        let mut covers = pending_start..end;
        let mut heard_before = Vec::new();
        if let (Some((whole_end, whole_words)), Some(spec)) = (self.extends, &self.speculation) {
            if (EXTEND_FROM..COMMIT_SPECULATION_FROM).contains(&length) && whole_end < to {
                from = from.max(whole_end);
                covers = whole_end..end;
                heard_before = spec.words[..whole_words]
                    .iter()
                    .map(|w| w.text.clone())
                    .collect();
            }
        }
        let samples =
            pending[(from - pending_start) as usize..(to - pending_start) as usize].to_vec();
        if length >= COMMIT_SPECULATION_FROM {
            // This pass may decide where the chunk ends: the chunker waits for it.
            self.chunker.hold(true);
        }
        self.speculated_to = end;
        self.speculative_passes += 1;
        self.cancel_speculation = Arc::new(AtomicBool::new(false));
        let request = Request {
            kind: Kind::Speculate,
            start: from,
            samples,
            threads: self.config.live_threads,
            abort: self.cancel_speculation.clone(),
            heard_before,
        };
        self.send_job(request, covers, None);
    }

    /// The best transcript so far: committed words, then the newest speculation.
    pub fn words(&self) -> Vec<Word> {
        let mut words = self.committed.clone();
        if let Some(s) = &self.speculation {
            words.extend(s.words.iter().cloned());
        }
        words
    }

    /// Transcribes what is left with every core and returns the whole transcript.
    pub fn finish(mut self) -> Result<IncrementalResult, TranscribeError> {
        let started = Instant::now();
        self.call_off_what_a_redo_beats();
        self.collect(true);
        let commits_called_off = self.called_off.len();
        let mut left = std::mem::take(&mut self.called_off);
        if let Some(tail) = self.chunker.finish() {
            self.chunks += 1;
            let fallback = self.speculation.take().and_then(|s| s.covering(&tail));
            left.push(Committing {
                chunk: tail,
                fallback,
            });
        }
        let tail_seconds = self.transcribe_what_is_left(left);
        self.jobs = None; // the worker ends after the last job
        self.collect(true);
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let mut words = std::mem::take(&mut self.committed);
        words.sort_by(|a, b| a.start.total_cmp(&b.start));
        Ok(IncrementalResult {
            transcript: Transcript::from_words(words),
            chunks: self.chunks,
            silent_chunks: self.silent,
            speculative_passes: self.speculative_passes,
            commits_called_off,
            tail_seconds,
            finish_seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// At stop, each pass still running or waiting is weighed against redoing its audio with
    /// every core: a speculation is kept only if it heard all the speech and will finish
    /// sooner; a commit is called off when its speculation plus a redo of the rest is sooner.
    /// A pass called off while whisper.cpp is encoding still holds the worker until the encoder
    /// is done (its abort is only looked at between steps), so that time counts against it.
    fn call_off_what_a_redo_beats(&mut self) {
        let all = self.config.final_threads;
        let mut elapsed = Some(
            self.front_started
                .map_or(0.0, |t| t.elapsed().as_secs_f64()),
        );
        let (pending_start, pending) = self.chunker.pending();
        let pending_end = pending_start + pending.len() as u64;
        let kept_to =
            |spec: Option<&Speculation>, start: u64, end: u64, speech_end: Option<u64>| {
                spec.filter(|s| s.start == start && s.stands_for(end, speech_end))
                    .map_or(start, |s| s.end.min(end))
            };
        let pending_speech_end = self.chunker.last_speech_end();
        let speculated_to = kept_to(
            self.speculation.as_ref(),
            pending_start,
            pending_end,
            pending_speech_end,
        );
        for job in &self.in_flight {
            // Only the oldest job has started; the others can be called off for free.
            let running_for = elapsed.take();
            let Some(whole) = self.pace.estimate(job.samples, job.threads) else {
                if job.kind == Kind::Speculate {
                    job.abort.store(true, Ordering::Relaxed);
                }
                continue;
            };
            let left = running_for.map_or(whole, |e| (whole - e).max(0.0));
            let until_free = running_for.map_or(0.0, |e| (ENCODER_SHARE * whole - e).max(0.0));
            let redo = |from: u64, to: u64| {
                until_free
                    + self
                        .pace
                        .estimate(to.saturating_sub(from) as usize, all)
                        .unwrap_or(0.0)
            };
            let call_off = match (job.kind, &job.committing) {
                (Kind::Speculate, _) => {
                    (job.covers.start != pending_start
                        && Some(job.covers.start) != self.extends.map(|(end, _)| end))
                        || self.chunker.speech_after(job.covers.end)
                        || left > redo(speculated_to, pending_end)
                }
                (Kind::Commit, Some(c)) => {
                    let from = kept_to(
                        c.fallback.as_ref(),
                        c.chunk.start,
                        c.chunk.end(),
                        c.chunk.last_speech_end,
                    );
                    from > c.chunk.start && left > redo(from, c.chunk.end())
                }
                (Kind::Commit, None) => false,
            };
            if call_off {
                job.abort.store(true, Ordering::Relaxed);
            }
        }
    }

    /// A chunk cut while the take goes on: transcribed whole (there is time), with the newest
    /// speculation over it kept in case the take stops before the commit is done.
    fn commit_during_take(&mut self, chunk: Chunk) {
        self.chunks += 1;
        self.cancel_speculation.store(true, Ordering::Relaxed);
        let fallback = self.speculation.take().and_then(|s| s.covering(&chunk));
        self.extends = None;
        if !chunk.has_speech {
            // Whisper invents text on silence; a quiet chunk has nothing to say.
            self.silent += 1;
            return;
        }
        let span = chunk.speech_span(EDGE_QUIET_SECONDS);
        let start = chunk.start + span.start as u64;
        let samples = chunk.samples[span].to_vec();
        let request = Request {
            kind: Kind::Commit,
            start,
            samples,
            threads: self.config.live_threads,
            abort: Arc::new(AtomicBool::new(false)),
            heard_before: Vec::new(),
        };
        let covers = chunk.start..chunk.end();
        self.send_job(request, covers, Some(Committing { chunk, fallback }));
    }

    /// At stop: the chunks not yet committed, in order. Each one's speculation stands; the
    /// audio after it (or the whole chunk) is joined with what follows into pieces of up to
    /// Whisper's window and transcribed with every core. Returns the seconds sent.
    fn transcribe_what_is_left(&mut self, left: Vec<Committing>) -> f64 {
        let threads = self.config.final_threads;
        let mut sent = 0.0;
        let mut piece: Option<(u64, Vec<f32>)> = None;
        let mut flush = |this: &mut Self, piece: &mut Option<(u64, Vec<f32>)>| {
            let Some((start, samples)) = piece.take() else {
                return;
            };
            sent += seconds(samples.len() as u64);
            // Longer than a window only when the last cut was held for a pass called off.
            let spans: Vec<Range<usize>> = if seconds(samples.len() as u64) > LONGEST_PIECE {
                speech_pieces(&samples)
            } else {
                std::iter::once(0..samples.len()).collect()
            };
            for span in spans {
                let from = start + span.start as u64;
                let request = Request {
                    kind: Kind::Commit,
                    start: from,
                    samples: samples[span.clone()].to_vec(),
                    threads,
                    abort: Arc::new(AtomicBool::new(false)),
                    heard_before: Vec::new(),
                };
                this.send_job(request, from..start + span.end as u64, None);
            }
        };
        for Committing { chunk, fallback } in left {
            if !chunk.has_speech {
                self.silent += 1;
                flush(self, &mut piece);
                continue;
            }
            let from = match fallback {
                Some(spec) => {
                    flush(self, &mut piece);
                    let from = spec.end;
                    self.adopt(spec.words);
                    if chunk.last_speech_end.is_none_or(|e| e <= from) {
                        continue; // the speculation heard all of it
                    }
                    from
                }
                None => chunk.start,
            };
            let audio = &chunk.samples[(from - chunk.start) as usize..];
            match &mut piece {
                Some((start, samples))
                    if *start + samples.len() as u64 == from
                        && seconds((samples.len() + audio.len()) as u64) <= LONGEST_PIECE =>
                {
                    samples.extend_from_slice(audio);
                }
                _ => {
                    flush(self, &mut piece);
                    piece = Some((from, audio.to_vec()));
                }
            }
        }
        flush(self, &mut piece);
        sent
    }

    fn adopt(&mut self, words: Vec<Word>) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Adopt(words.clone()));
        }
        self.committed.extend(words);
        self.publish_words(seconds(self.streamed));
    }

    fn send_job(&mut self, request: Request, covers: Range<u64>, committing: Option<Committing>) {
        let Some(jobs) = &self.jobs else { return };
        let is_commit = request.kind == Kind::Commit;
        let job = InFlight {
            kind: request.kind,
            covers,
            samples: request.samples.len(),
            threads: request.threads,
            abort: request.abort.clone(),
            committing,
        };
        if jobs.send(Job::Transcribe(request)).is_ok() {
            if self.in_flight.is_empty() {
                self.front_started = Some(Instant::now());
            }
            self.in_flight.push_back(job);
        }
        if is_commit && self.in_flight.len() > 1 {
            let waiting: usize = self.in_flight.iter().map(|j| j.samples).sum();
            self.publish(PartialUpdate::Behind {
                waiting_seconds: seconds(waiting as u64),
            });
        }
    }

    fn collect(&mut self, wait_for_all: bool) {
        while !self.in_flight.is_empty() {
            let done = if wait_for_all {
                match self.results.recv_timeout(Duration::from_secs(600)) {
                    Ok(d) => d,
                    Err(_) => {
                        self.error = Some(TranscribeError::Whisper(
                            "the transcription worker stopped answering".into(),
                        ));
                        return;
                    }
                }
            } else {
                match self.results.try_recv() {
                    Ok(d) => d,
                    Err(_) => return,
                }
            };
            let Some(job) = self.in_flight.pop_front() else {
                return;
            };
            let now = Instant::now();
            if done.is_ok() {
                if let Some(started) = self.front_started {
                    let took = now.duration_since(started).as_secs_f64();
                    self.pace.record(job.samples, job.threads, took);
                }
            }
            self.front_started = (!self.in_flight.is_empty()).then_some(now);
            if job.kind == Kind::Speculate {
                self.chunker.hold(false);
            }
            let end = job.covers.end;
            let words = match done {
                Ok(words) => words,
                Err(e) => {
                    match (job.kind, job.committing) {
                        (Kind::Speculate, _) => {}
                        (Kind::Commit, Some(c)) if job.abort.load(Ordering::Relaxed) => {
                            self.called_off.push(c);
                        }
                        (Kind::Commit, _) => {
                            tracing::warn!("audio ending at {:.1} s: {e}", seconds(end));
                            self.error.get_or_insert(e);
                        }
                    }
                    continue;
                }
            };
            match job.kind {
                Kind::Commit => self.committed.extend(words),
                Kind::Speculate => self.speculated(job.covers, words),
            }
            self.publish_words(seconds(end));
        }
    }

    /// A speculative pass over `covers` finished: it becomes the newest speculation over the
    /// chunk still growing, or, when it is long enough, that chunk is cut where it ends and its
    /// words are committed. Passes over a chunk already cut are late.
    fn speculated(&mut self, covers: Range<u64>, words: Vec<Word>) {
        let (pending_start, _) = self.chunker.pending();
        let Range { start, end } = covers;
        if start != pending_start {
            // An extension of the newest pass over the whole chunk.
            if let (Some((whole_end, whole_words)), Some(spec)) =
                (self.extends, self.speculation.as_mut())
            {
                if start == whole_end && spec.end < end {
                    spec.words.truncate(whole_words);
                    spec.words.extend(words);
                    spec.end = end;
                }
            }
            return;
        }
        if self.speculation.as_ref().is_some_and(|s| s.end >= end) {
            return;
        }
        if seconds(end - start) >= COMMIT_SPECULATION_FROM {
            if let Some(chunk) = self.chunker.cut_at(end) {
                self.chunks += 1;
                self.speculation = None;
                self.extends = None;
                let limit = seconds(chunk.end());
                let words = words
                    .into_iter()
                    .filter(|w| (w.start + w.end) / 2.0 < limit)
                    .collect();
                self.adopt(words);
                return;
            }
        }
        self.extends = Some((end, words.len()));
        self.speculation = Some(Speculation { start, end, words });
    }

    fn publish_words(&self, through: f64) {
        if self.updates.is_some() {
            self.publish(PartialUpdate::Words {
                words: self.words(),
                through,
            });
        }
    }

    fn publish(&self, update: PartialUpdate) {
        if let Some(tx) = &self.updates {
            let _ = tx.send(update);
        }
    }
}
