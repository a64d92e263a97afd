//! Incremental transcription: while the answer is being recorded, the audio is transcribed on a
//! background worker (one reused Whisper state, one thread while the user speaks, an encoder
//! context scaled to the audio, the previous words as prompt), so that at stop little is left.
//! Passes a stop may have to wait for get every core: a catch-up, a whole pass too slow for a
//! pause, and a pass over a whole chunk of 20 s or more.
//!
//! The work, all on the worker:
//! - speculative passes over the chunk still growing, started at a pause when the worker is
//!   idle. They feed the live transcript. Up to 12 s of chunk a pass covers all of it; from 12
//!   to 20 s it covers only what came after the newest such pass, prompted by its words, so
//!   that the pass stop may have to wait for stays short. Once a pass covers at least 20 s of
//!   the chunk it is committed as it is: the chunk is cut where the pass ended (a pause) and a
//!   new chunk begins. Pieces that long transcribe as well as Whisper's own windows (shorter
//!   ones measured clearly worse than one-shot), and nothing has to be transcribed twice.
//!   Such a pass is sent once speech resumes after the pause rather than at it: a stop at
//!   that pause would otherwise wait for its encoder.
//!   While such a pass is under way the chunker holds its own cut back (see [`Chunker::hold`]);
//! - a catch-up at a pause where no other pass is due, or where the one due would not be done
//!   within a second of the pause: the speech the newest speculation has not heard, prompted by
//!   its words. Any pause may end the answer, and after a catch-up stop has nothing to redo;
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
//!
//! The parts: [`scheduler`] makes every decision above from events (audio, a pass done, stop)
//! and owns no thread and no clock, so its invariants are tested without a model;
//! [`IncrementalTranscriber`] drives it, runs its passes on a worker thread with an [`Engine`]
//! (whisper.cpp in the app, a script in tests) and keeps the time.

mod pace;
pub mod scheduler;
mod speculation;
mod worker;

use crate::chunker::ChunkerConfig;
use crate::error::TranscribeError;
use crate::transcriber::{TranscribeOptions, Transcriber};
use coach::{Transcript, Word};
use scheduler::{Action, Event, PassId, Scheduler};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use worker::{Done, Job};
pub(crate) use worker::{Engine, WhisperEngine};

/// How long finishing waits for the worker's next answer before calling it lost.
const WORKER_SILENCE_LIMIT: Duration = Duration::from_secs(600);

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

pub struct IncrementalTranscriber {
    scheduler: Scheduler,
    /// Declared before the worker's channel so that, when a take is dropped, its passes are
    /// called off before the worker is told no more will come.
    aborts: PassAborts,
    jobs: Option<Sender<Job>>,
    results: Receiver<Done>,
    worker: Option<JoinHandle<()>>,
    updates: Option<Sender<PartialUpdate>>,
    clock: Instant,
}

impl IncrementalTranscriber {
    /// Starts the worker with whisper.cpp. `options` supplies language and the first prompt;
    /// threads and encoder context are chosen per piece.
    pub fn start(
        transcriber: Arc<Transcriber>,
        options: TranscribeOptions,
        config: IncrementalConfig,
        updates: Option<Sender<PartialUpdate>>,
    ) -> Result<Self, TranscribeError> {
        let engine = WhisperEngine::new(transcriber, options)?;
        Self::start_with(engine, config, updates)
    }

    /// Starts the worker with any engine.
    pub(crate) fn start_with(
        engine: impl Engine,
        config: IncrementalConfig,
        updates: Option<Sender<PartialUpdate>>,
    ) -> Result<Self, TranscribeError> {
        let (jobs_tx, jobs_rx) = mpsc::channel::<Job>();
        let (done_tx, done_rx) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("transcriber".into())
            .spawn(move || worker::run(engine, jobs_rx, done_tx))
            .map_err(|e| TranscribeError::Whisper(format!("cannot start the worker: {e}")))?;
        Ok(IncrementalTranscriber {
            scheduler: Scheduler::new(config, updates.is_some()),
            jobs: Some(jobs_tx),
            results: done_rx,
            worker: Some(worker),
            updates,
            aborts: PassAborts::default(),
            clock: Instant::now(),
        })
    }

    /// Feeds 16 kHz mono audio as it is captured. Never waits for transcription.
    pub fn push(&mut self, samples: &[f32]) {
        while let Ok(done) = self.results.try_recv() {
            self.answered(done);
        }
        let now = self.now();
        let actions = self.scheduler.on(Event::Audio { samples, now });
        self.act(actions);
    }

    /// The best transcript so far: committed words, then the newest speculation.
    pub fn words(&self) -> Vec<Word> {
        self.scheduler.words()
    }

    /// Transcribes what is left with every core and returns the whole transcript.
    pub fn finish(mut self) -> Result<IncrementalResult, TranscribeError> {
        let started = Instant::now();
        while let Ok(done) = self.results.try_recv() {
            self.answered(done);
        }
        let now = self.now();
        let actions = self.scheduler.on(Event::Stop { now });
        self.act(actions);
        while !self.scheduler.is_done() {
            match self.results.recv_timeout(WORKER_SILENCE_LIMIT) {
                Ok(done) => self.answered(done),
                Err(_) => {
                    return Err(TranscribeError::Whisper(
                        "the transcription worker stopped answering".into(),
                    ))
                }
            }
        }
        self.jobs = None; // the worker ends after the last job
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        self.scheduler.into_result(started.elapsed().as_secs_f64())
    }

    fn now(&self) -> f64 {
        self.clock.elapsed().as_secs_f64()
    }

    fn answered(&mut self, (id, result): Done) {
        self.aborts.0.remove(&id);
        let now = self.now();
        let actions = self.scheduler.on(Event::PassDone { id, result, now });
        self.act(actions);
    }

    fn act(&mut self, actions: Vec<Action>) {
        for action in actions {
            match action {
                Action::Send(pass) => {
                    let abort = Arc::new(AtomicBool::new(false));
                    self.aborts.0.insert(pass.id, abort.clone());
                    if let Some(jobs) = &self.jobs {
                        // A worker that is gone is noticed when its answers stop coming.
                        let _ = jobs.send(Job::Transcribe(pass, abort));
                    }
                }
                Action::Abort(id) => {
                    if let Some(flag) = self.aborts.0.get(&id) {
                        flag.store(true, Ordering::Relaxed);
                    }
                }
                Action::Adopt(words) => {
                    if let Some(jobs) = &self.jobs {
                        let _ = jobs.send(Job::Adopt(words));
                    }
                }
                Action::Publish(update) => {
                    if let Some(tx) = &self.updates {
                        let _ = tx.send(update);
                    }
                }
            }
        }
    }
}

/// The abort flag of each pass in flight. A take dropped without finishing (an error, a
/// cancel) raises them all, so the worker ends promptly instead of finishing queued passes.
#[derive(Default)]
struct PassAborts(HashMap<PassId, Arc<AtomicBool>>);

impl Drop for PassAborts {
    fn drop(&mut self) {
        for flag in self.0.values() {
            flag.store(true, Ordering::Relaxed);
        }
    }
}
