//! Incremental transcription: while the answer is being recorded, the audio is transcribed on a
//! background worker (one reused Whisper state, one thread while the user speaks, an encoder
//! context scaled to the audio, the previous words as prompt), so that at stop little is left.
//!
//! Two kinds of work, both on the worker:
//! - committed chunks, cut by [`Chunker`] at pauses, 24–28 s long — as long as Whisper's own
//!   windows, because shorter chunks measured clearly worse than one-shot transcription;
//! - speculative passes over the chunk still growing, started at a pause when the worker is idle.
//!   They feed the live transcript, and when the take stops, the newest one already covers all
//!   but the last seconds: only those are transcribed then, with every core.
//!
//! Word times are in take time. When the worker falls behind it says so and catches up; the
//! final result always covers the whole take.

use crate::chunker::{Chunk, Chunker, ChunkerConfig};
use crate::error::TranscribeError;
use crate::transcriber::{audio_ctx_for, TranscribeOptions, Transcriber, SAMPLE_RATE};
use coach::{Transcript, Word};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How many of the previous words condition the next piece (Whisper keeps at most 224 prompt
/// tokens; 60 words is well inside that).
const PROMPT_WORDS: usize = 60;
/// A speculative pass starts at a pause this long...
const SPECULATE_AT_PAUSE: f64 = 0.3;
/// ...once this much new audio has come since the last one.
const SPECULATE_EVERY: f64 = 2.0;

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
    /// Committed chunks (speculative passes not counted).
    pub chunks: usize,
    /// Chunks skipped because they held no speech.
    pub silent_chunks: usize,
    pub speculative_passes: usize,
    /// Audio left to transcribe when the take stopped (seconds).
    pub tail_seconds: f64,
    /// From `finish` being called to the complete transcript.
    pub finish_seconds: f64,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Words that become part of the transcript and of later prompts.
    Commit,
    /// A look at the growing chunk; its words are provisional.
    Speculate,
}

enum Job {
    Transcribe {
        kind: Kind,
        start: u64,
        samples: Vec<f32>,
        threads: usize,
        /// Speculative passes can be called off when the take stops.
        abort: Option<Arc<AtomicBool>>,
    },
    /// Words decided without the worker (from a speculation) that later prompts should know.
    Adopt(Vec<String>),
}

struct Done {
    kind: Kind,
    start: u64,
    end: u64,
    words: Vec<Word>,
    result: Result<(), TranscribeError>,
}

fn seconds(samples: u64) -> f64 {
    samples as f64 / SAMPLE_RATE as f64
}

/// A finished speculative pass over the pending chunk.
struct Speculation {
    start: u64,
    end: u64,
    words: Vec<Word>,
}

pub struct IncrementalTranscriber {
    chunker: Chunker,
    jobs: Option<Sender<Job>>,
    results: Receiver<Done>,
    worker: Option<JoinHandle<()>>,
    updates: Option<Sender<PartialUpdate>>,
    config: IncrementalConfig,
    committed: Vec<Word>,
    /// Seconds of audio of each job in flight, oldest first.
    in_flight: VecDeque<f64>,
    speculation: Option<Speculation>,
    /// End (stream sample) of the newest speculative pass sent.
    speculated_to: u64,
    streamed: u64,
    chunks: usize,
    silent: usize,
    speculative_passes: usize,
    /// Raised at stop: a speculative pass still running is worth less than the cores it holds.
    cancel_speculation: Arc<AtomicBool>,
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
            .spawn(move || worker(transcriber, state, options, jobs_rx, done_tx))
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
            speculated_to: 0,
            streamed: 0,
            chunks: 0,
            silent: 0,
            speculative_passes: 0,
            cancel_speculation: Arc::new(AtomicBool::new(false)),
            error: None,
        })
    }

    /// Feeds 16 kHz mono audio as it is captured. Never waits for transcription.
    pub fn push(&mut self, samples: &[f32]) {
        self.streamed += samples.len() as u64;
        for chunk in self.chunker.push(samples) {
            self.commit(chunk, self.config.live_threads);
        }
        self.collect(false);
        if self.config.speculate
            && self.in_flight.is_empty()
            && self.chunker.pending_has_speech()
            && self.chunker.quiet_seconds() >= SPECULATE_AT_PAUSE
        {
            let (start, pending) = self.chunker.pending();
            let end = start + pending.len() as u64;
            if seconds(end.saturating_sub(self.speculated_to.max(start))) >= SPECULATE_EVERY {
                let samples = pending.to_vec();
                self.speculated_to = end;
                self.speculative_passes += 1;
                self.cancel_speculation = Arc::new(AtomicBool::new(false));
                self.send(Kind::Speculate, start, samples, self.config.live_threads);
            }
        }
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
        // Committed work still running finishes; a speculative pass is called off, and the
        // newest finished one (if any) stands.
        self.cancel_speculation.store(true, Ordering::Relaxed);
        self.collect(true);
        let mut tail_seconds = 0.0;
        if let Some(tail) = self.chunker.finish() {
            let in_flight_before = self.in_flight.len();
            self.commit(tail, self.config.final_threads);
            if self.in_flight.len() > in_flight_before {
                tail_seconds = self.in_flight.back().copied().unwrap_or(0.0);
            }
        }
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
            tail_seconds,
            finish_seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// A chunk the chunker cut. When a speculative pass over it has finished, its words stand
    /// and only the audio after it is transcribed; otherwise the whole chunk is.
    fn commit(&mut self, chunk: Chunk, threads: usize) {
        self.chunks += 1;
        // A pass over this chunk still running is obsolete now.
        self.cancel_speculation.store(true, Ordering::Relaxed);
        let spec = self.speculation.take();
        if !chunk.has_speech {
            // Whisper invents text on silence; a quiet chunk has nothing to say.
            self.silent += 1;
            return;
        }
        let end = chunk.start + chunk.samples.len() as u64;
        match spec.filter(|s| s.start == chunk.start && s.end <= end) {
            Some(spec) => {
                let spoken_after = chunk.last_speech_end.is_some_and(|e| e > spec.end);
                let rest_from = (spec.end - chunk.start) as usize;
                self.adopt(spec.words);
                if spoken_after {
                    let rest = chunk.samples[rest_from..].to_vec();
                    self.send(Kind::Commit, spec.end, rest, threads);
                }
            }
            None => self.send(Kind::Commit, chunk.start, chunk.samples, threads),
        }
    }

    fn adopt(&mut self, words: Vec<Word>) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Adopt(words.iter().map(|w| w.text.clone()).collect()));
        }
        self.committed.extend(words);
        self.publish_words(seconds(self.streamed));
    }

    fn send(&mut self, kind: Kind, start: u64, samples: Vec<f32>, threads: usize) {
        let length = seconds(samples.len() as u64);
        let Some(jobs) = &self.jobs else { return };
        let job = Job::Transcribe {
            kind,
            start,
            samples,
            threads,
            abort: (kind == Kind::Speculate).then(|| self.cancel_speculation.clone()),
        };
        if jobs.send(job).is_ok() {
            self.in_flight.push_back(length);
        }
        if kind == Kind::Commit && self.in_flight.len() > 1 {
            self.publish(PartialUpdate::Behind {
                waiting_seconds: self.in_flight.iter().sum(),
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
            self.in_flight.pop_front();
            if let Err(e) = done.result {
                if done.kind == Kind::Commit {
                    tracing::warn!("audio ending at {:.1} s: {e}", seconds(done.end));
                    self.error.get_or_insert(e);
                }
                continue;
            }
            match done.kind {
                Kind::Commit => self.committed.extend(done.words),
                Kind::Speculate => {
                    // Only useful while its chunk is still the pending one.
                    if self.chunker.pending().0 == done.start {
                        self.speculation = Some(Speculation {
                            start: done.start,
                            end: done.end,
                            words: done.words,
                        });
                    }
                }
            }
            self.publish_words(seconds(done.end));
        }
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

fn worker(
    transcriber: Arc<Transcriber>,
    mut state: whisper_rs::WhisperState,
    options: TranscribeOptions,
    jobs: Receiver<Job>,
    done: Sender<Done>,
) {
    let mut said: Vec<String> = Vec::new();
    for job in jobs {
        let (kind, start, samples, threads, abort) = match job {
            Job::Adopt(words) => {
                said.extend(words);
                continue;
            }
            Job::Transcribe {
                kind,
                start,
                samples,
                threads,
                abort,
            } => (kind, start, samples, threads, abort),
        };
        let prompt = if said.is_empty() {
            options.initial_prompt.clone()
        } else {
            Some(said[said.len().saturating_sub(PROMPT_WORDS)..].join(" "))
        };
        let opts = TranscribeOptions {
            threads,
            audio_ctx: Some(audio_ctx_for(samples.len())),
            initial_prompt: prompt,
            abort,
            ..options.clone()
        };
        let end = start + samples.len() as u64;
        let (offset, limit) = (seconds(start), seconds(end));
        let (words, result) = match transcriber.transcribe_in(&mut state, &samples, &opts) {
            Ok(t) => {
                let words: Vec<Word> = t
                    .words
                    .into_iter()
                    .map(|w| Word {
                        start: w.start + offset,
                        end: (w.end + offset).min(limit),
                        ..w
                    })
                    .collect();
                if kind == Kind::Commit {
                    said.extend(words.iter().map(|w| w.text.clone()));
                }
                (words, Ok(()))
            }
            Err(e) => (Vec::new(), Err(e)),
        };
        let message = Done {
            kind,
            start,
            end,
            words,
            result,
        };
        if done.send(message).is_err() {
            break;
        }
    }
}
