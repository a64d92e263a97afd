//! Every decision of incremental transcription, apart from threads, clocks and the model: what
//! to transcribe next, what to call off, where a chunk ends, what stands at stop. It is driven by
//! events ([`Event`]: audio came, a pass finished, the take stopped, each with the time it
//! happened) and answers with actions ([`Action`]: send a pass, abort one, tell the engine which
//! words were decided, publish the live transcript). The policy itself is described in
//! [`super`]; ARCHITECTURE.md's glossary names the stretches of audio.
//!
//! Because it owns no thread and reads no clock, its invariants are tested in milliseconds
//! against a simulated worker (`tests.rs`), with no model.

use super::pace::Pace;
use super::speculation::{words_before, Committing, Speculation};
use super::worker::{seconds, Kind};
use super::{IncrementalConfig, IncrementalResult, PartialUpdate};
use crate::chunker::{Chunk, Chunker};
use crate::error::TranscribeError;
use crate::pieces::EDGE_QUIET_SECONDS;
use crate::window::{AUDIO_CTX_ROOM_SECONDS, MIN_AUDIO_CTX_SECONDS, SAMPLE_RATE};
use coach::{Transcript, Word};
use std::collections::VecDeque;
use std::ops::Range;

/// A speculative pass starts at a pause this long... Short: many speakers (and espeak-ng) leave
/// no more than 0.2 s between sentences, and a pass that waits for a longer pause may never
/// start, leaving half a minute for stop. The silence inside a word (a stop consonant's
/// closure) is shorter than this, so a pass still ends between words.
const SPECULATE_AT_PAUSE: f64 = 0.15;
/// ...once this much new audio has come since the last one.
const SPECULATE_EVERY: f64 = 2.0;
/// The share of a pass that whisper.cpp spends in the encoder, which cannot be called off
/// midway (bench/RESULTS.md has the measurement).
const ENCODER_SHARE: f64 = 0.6;
/// A speculative pass over the growing chunk this long is committed as it is: the chunk is cut
/// where the pass ended. One-shot transcription cuts pieces of 20–29 s too.
const COMMIT_SPECULATION_FROM: f64 = 20.0;
/// Between this and [`COMMIT_SPECULATION_FROM`], a pass covers only the audio after the newest
/// pass over the whole chunk, prompted by its words: a pass over the whole chunk runs an
/// encoder that cannot be called off, and when the answer ends it is this pass that stop waits
/// for.
const EXTEND_FROM: f64 = 12.0;
/// A speculative pass sent at a pause is expected to be done within this (seconds, at the pace
/// the take's pieces have gone): the pause may end the answer, and a person takes about a
/// second to reach for stop. A slower pass is left for later and the newest speculation catches
/// up instead, over just the speech it has not heard.
const PASS_AT_A_PAUSE_WITHIN: f64 = 0.75;
/// A catch-up hears again what came after a seam of the speculation when the piece stays this
/// short: the encoder's smallest context less its room after the piece, so the encoder costs
/// the same as for the new speech alone.
const CATCH_UP_PIECE_WITHIN: f64 = MIN_AUDIO_CTX_SECONDS - AUDIO_CTX_ROOM_SECONDS;
/// The longest piece sent at stop: what is left is joined up to Whisper's 30 s window.
const LONGEST_PIECE: f64 = 30.0;

/// Names a pass from the moment it is sent until it is answered.
pub type PassId = u64;

/// A piece of audio for the engine to transcribe.
#[derive(Debug, Clone)]
pub struct Pass {
    pub id: PassId,
    pub kind: Kind,
    /// Its first sample's index in the take.
    pub start: u64,
    pub samples: Vec<f32>,
    pub threads: usize,
    /// Words heard before the piece that are not decided yet (the pass over the chunk that this
    /// piece extends): they prompt this piece only.
    pub heard_before: Vec<String>,
}

/// What happened, and when (seconds on any clock that only moves forward).
#[derive(Debug)]
pub enum Event<'a> {
    /// 16 kHz mono audio as it was captured.
    Audio { samples: &'a [f32], now: f64 },
    /// The oldest pass sent has been answered (the engine answers in order).
    PassDone {
        id: PassId,
        result: Result<Vec<Word>, TranscribeError>,
        now: f64,
    },
    /// The take has stopped: what is left must be transcribed as soon as possible.
    Stop { now: f64 },
}

/// What the scheduler wants done.
#[derive(Debug, Clone)]
pub enum Action {
    /// Transcribe this pass after the ones sent before it.
    Send(Pass),
    /// The pass's result is no longer worth the cores: stop it as soon as possible.
    Abort(PassId),
    /// These words are decided without a pass of their own (taken from a speculation): later
    /// prompts should know them.
    Adopt(Vec<Word>),
    /// For the live view.
    Publish(PartialUpdate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// The take is being recorded.
    Listening,
    /// Stopped; waiting for the passes that were left to run.
    Stopping,
    /// The audio left at stop has been sent; waiting for it.
    Finishing,
    /// Every word is in.
    Done,
}

/// A pass over the whole chunk of [`COMMIT_SPECULATION_FROM`] or more, put off from the pause
/// it was due at until speech resumes after it: the pause may be the answer's end, and then
/// stop would wait for its encoder.
#[derive(Debug, Clone, Copy)]
struct Decision {
    /// The audio it transcribes (stream samples: the chunk's speech and its margins).
    from: u64,
    to: u64,
    /// Where the chunk is cut once it is done: where the pending audio ended at the pause.
    end: u64,
}

/// A pass sent and not yet answered.
#[derive(Debug)]
struct InFlight {
    id: PassId,
    kind: Kind,
    /// The audio it stands for (stream samples): a piece may leave out quiet at the edges.
    covers: Range<u64>,
    samples: usize,
    threads: usize,
    aborted: bool,
    committing: Option<Committing>,
}

pub struct Scheduler {
    chunker: Chunker,
    config: IncrementalConfig,
    /// Whether anyone listens to [`Action::Publish`] (building the live transcript costs).
    publish: bool,
    phase: Phase,
    committed: Vec<Word>,
    in_flight: VecDeque<InFlight>,
    speculation: Option<Speculation>,
    /// Where the part of `speculation` that one pass over the chunk heard ends, and how many
    /// words it has: passes after it extend it.
    extends: Option<(u64, usize)>,
    /// End (stream sample) of the newest speculative pass sent.
    speculated_to: u64,
    /// The newest speculative pass sent, which a cut makes obsolete.
    newest_speculation: Option<PassId>,
    /// The pass that will decide where the chunk ends, once speech resumes.
    decision: Option<Decision>,
    streamed: u64,
    chunks: usize,
    silent: usize,
    speculative_passes: usize,
    /// Commits called off at stop, in order, to be finished from their speculations.
    called_off: Vec<Committing>,
    commits_called_off: usize,
    tail_seconds: f64,
    pace: Pace,
    /// When the oldest pass in flight started (about: when the one before it was answered).
    front_started: Option<f64>,
    next_id: PassId,
    /// When the event being handled happened.
    now: f64,
    error: Option<TranscribeError>,
    actions: Vec<Action>,
}

impl Scheduler {
    /// `publish`: whether the live transcript is wanted.
    pub fn new(config: IncrementalConfig, publish: bool) -> Self {
        Scheduler {
            chunker: Chunker::new(config.chunker.clone()),
            config,
            publish,
            phase: Phase::Listening,
            committed: Vec::new(),
            in_flight: VecDeque::new(),
            speculation: None,
            extends: None,
            speculated_to: 0,
            newest_speculation: None,
            decision: None,
            streamed: 0,
            chunks: 0,
            silent: 0,
            speculative_passes: 0,
            called_off: Vec::new(),
            commits_called_off: 0,
            tail_seconds: 0.0,
            pace: Pace::default(),
            front_started: None,
            next_id: 0,
            now: 0.0,
            error: None,
            actions: Vec::new(),
        }
    }

    /// Takes in what happened; returns what to do, in order.
    pub fn on(&mut self, event: Event<'_>) -> Vec<Action> {
        match event {
            Event::Audio { samples, now } => {
                self.now = now;
                self.audio(samples);
            }
            Event::PassDone { id, result, now } => {
                self.now = now;
                self.pass_done(id, result);
            }
            Event::Stop { now } => {
                self.now = now;
                self.stop();
            }
        }
        std::mem::take(&mut self.actions)
    }

    /// Whether every word is in (after [`Event::Stop`] and the passes it waited for).
    pub fn is_done(&self) -> bool {
        self.phase == Phase::Done
    }

    /// The best transcript so far: committed words, then the newest speculation.
    pub fn words(&self) -> Vec<Word> {
        let mut words = self.committed.clone();
        if let Some(s) = &self.speculation {
            words.extend(s.words.iter().cloned());
        }
        words
    }

    /// The whole take's transcript once [`Self::is_done`], or the first error a commit met.
    pub fn into_result(
        mut self,
        finish_seconds: f64,
    ) -> Result<IncrementalResult, TranscribeError> {
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
            commits_called_off: self.commits_called_off,
            tail_seconds: self.tail_seconds,
            finish_seconds,
        })
    }

    fn audio(&mut self, samples: &[f32]) {
        if self.phase != Phase::Listening {
            return;
        }
        self.streamed += samples.len() as u64;
        for chunk in self.chunker.push(samples) {
            self.commit_during_take(chunk);
        }
        if !self.config.speculate || !self.in_flight.is_empty() {
            return;
        }
        if self.chunker.quiet_seconds() >= SPECULATE_AT_PAUSE {
            if self.chunker.pending_has_speech() {
                self.speculate();
            }
        } else if let Some(decision) = self.decision.take_if(|d| self.chunker.speech_after(d.end)) {
            self.decide(decision);
        }
    }

    /// At a pause: a pass over the growing chunk if 2 s came since the last one, over all of it
    /// or, from [`EXTEND_FROM`] to [`COMMIT_SPECULATION_FROM`], over what came after the newest
    /// pass over all of it. Past that, the pass over all of it decides where the chunk ends, and
    /// waits for speech to resume. Whenever no pass is due, the one due would not be done
    /// within [`PASS_AT_A_PAUSE_WITHIN`], or the decision waits, the newest speculation catches
    /// up ([`Self::catch_up`]).
    fn speculate(&mut self) {
        let (pending_start, pending) = self.chunker.pending();
        let end = pending_start + pending.len() as u64;
        let new_from = self.speculated_to.max(pending_start);
        if seconds(end - new_from) < SPECULATE_EVERY || !self.chunker.speech_after(new_from) {
            self.catch_up();
            return;
        }
        let Some(Range {
            start: from,
            end: to,
        }) = self.speech_from(pending_start)
        else {
            return;
        };
        let length = seconds(end - pending_start);
        self.speculated_to = end;
        if length >= COMMIT_SPECULATION_FROM {
            let decision = Decision { from, to, end };
            if self.speculation_stands() {
                // The pause may end the answer: the newest speculation catches up instead, and
                // the whole pass waits for speech to resume.
                self.decision = Some(decision);
                self.catch_up();
            } else {
                self.decide(decision);
            }
            return;
        }
        let (from, covers, heard_before) = match (self.extends, &self.speculation) {
            (Some((whole_end, whole_words)), Some(spec))
                if length >= EXTEND_FROM && whole_end < to =>
            {
                (
                    from.max(whole_end),
                    whole_end..end,
                    spec.texts_before(whole_words),
                )
            }
            _ => (from, pending_start..end, Vec::new()),
        };
        let too_slow_for_a_pause = self
            .pace
            .estimate(to.saturating_sub(from) as usize, self.config.live_threads)
            .is_some_and(|t| t > PASS_AT_A_PAUSE_WITHIN);
        if too_slow_for_a_pause && self.speculation_stands() {
            self.catch_up();
            return;
        }
        // With nothing that could catch up, the pass itself is the one a stop may wait for.
        let threads = if too_slow_for_a_pause {
            self.config.final_threads
        } else {
            self.config.live_threads
        };
        let samples =
            pending[(from - pending_start) as usize..(to - pending_start) as usize].to_vec();
        self.send_speculation(from, samples, threads, heard_before, covers);
    }

    /// The pending audio a pass from `from` sends: from its first speech to the last, with
    /// [`EDGE_QUIET_SECONDS`] of the quiet around them (Whisper makes up words in more, as for
    /// a commit). None when no speech came after `from`.
    fn speech_from(&self, from: u64) -> Option<Range<u64>> {
        let (pending_start, pending) = self.chunker.pending();
        let end = pending_start + pending.len() as u64;
        let margin = (EDGE_QUIET_SECONDS * SAMPLE_RATE as f64) as u64;
        let first = self.chunker.first_speech_from(from)?;
        let last = self.chunker.last_speech_end()?;
        let speech = first.saturating_sub(margin).max(from)..(last + margin).min(end);
        (speech.start < speech.end).then_some(speech)
    }

    /// Whether the newest speculation is over the growing chunk and heard enough of it to stand
    /// at stop beside a redo of the rest ([`Speculation::stands_for`]).
    fn speculation_stands(&self) -> bool {
        let (pending_start, pending) = self.chunker.pending();
        let end = pending_start + pending.len() as u64;
        self.speculation.as_ref().is_some_and(|s| {
            s.start == pending_start && s.stands_for(end, self.chunker.last_speech_end())
        })
    }

    /// At a pause with nothing else to send: a pass over the speech the newest speculation has
    /// not heard, prompted by its words, with every core. Any pause may end the answer, and
    /// this is the pass that leaves stop nothing to transcribe; a stop while it runs waits for
    /// less than the same redo would take. It begins at the earliest seam of the speculation
    /// from which the piece still fits the encoder's smallest context: hearing the seconds
    /// before the new speech again costs no more encoder time, and gives the new words their
    /// context and a piece that is not cut short.
    fn catch_up(&mut self) {
        if !self.in_flight.is_empty() || !self.speculation_stands() {
            return;
        }
        let (pending_start, pending) = self.chunker.pending();
        let end = pending_start + pending.len() as u64;
        let Some(spec) = &self.speculation else {
            return;
        };
        let Some(Range { end: to, .. }) = self.speech_from(spec.end) else {
            return;
        };
        let reach = to.saturating_sub((CATCH_UP_PIECE_WITHIN * SAMPLE_RATE as f64) as u64);
        let (seam, before) = std::iter::once((spec.start, 0))
            .chain(spec.seams.iter().copied())
            .filter(|&(at, _)| at >= reach && at < spec.end)
            .min_by_key(|&(at, _)| at)
            .unwrap_or((spec.end, spec.words.len()));
        let from = self.speech_from(seam).map_or(seam, |speech| speech.start);
        let heard_before = spec.texts_before(before);
        let covers = seam..end;
        let samples =
            pending[(from - pending_start) as usize..(to - pending_start) as usize].to_vec();
        self.speculated_to = end;
        let threads = self.config.final_threads;
        self.send_speculation(from, samples, threads, heard_before, covers);
    }

    /// Sends the pass over the whole chunk that decides where it ends. The chunker waits for
    /// it, and it gets every core: it is the pass a stop is most likely to wait for (its
    /// encoder cannot be called off).
    fn decide(&mut self, Decision { from, to, end }: Decision) {
        let (pending_start, pending) = self.chunker.pending();
        if from < pending_start || end > pending_start + pending.len() as u64 {
            return; // the chunk was cut since
        }
        let samples =
            pending[(from - pending_start) as usize..(to - pending_start) as usize].to_vec();
        self.chunker.hold(true);
        let threads = self.config.final_threads;
        self.send_speculation(from, samples, threads, Vec::new(), pending_start..end);
    }

    fn send_speculation(
        &mut self,
        from: u64,
        samples: Vec<f32>,
        threads: usize,
        heard_before: Vec<String>,
        covers: Range<u64>,
    ) {
        self.speculative_passes += 1;
        let id = self.send(
            Kind::Speculate,
            from,
            samples,
            threads,
            heard_before,
            covers,
            None,
        );
        self.newest_speculation = Some(id);
    }

    /// A chunk cut while the take goes on: transcribed whole (there is time), with the newest
    /// speculation over it kept in case the take stops before the commit is done.
    fn commit_during_take(&mut self, chunk: Chunk) {
        self.chunks += 1;
        if let Some(id) = self.newest_speculation.take() {
            self.abort(id);
        }
        let fallback = self.speculation.take().and_then(|s| s.covering(&chunk));
        self.extends = None;
        self.decision = None;
        if !chunk.has_speech {
            // Whisper invents text on silence; a quiet chunk has nothing to say.
            self.silent += 1;
            return;
        }
        let span = chunk.speech_span(EDGE_QUIET_SECONDS);
        let start = chunk.start + span.start as u64;
        let samples = chunk.samples[span].to_vec();
        let covers = chunk.start..chunk.end();
        let threads = self.config.live_threads;
        let committing = Committing { chunk, fallback };
        self.send(
            Kind::Commit,
            start,
            samples,
            threads,
            Vec::new(),
            covers,
            Some(committing),
        );
    }

    fn stop(&mut self) {
        if self.phase != Phase::Listening {
            return;
        }
        self.call_off_what_a_redo_beats();
        self.phase = Phase::Stopping;
        self.advance();
    }

    fn pass_done(&mut self, id: PassId, result: Result<Vec<Word>, TranscribeError>) {
        let now = self.now;
        let Some(job) = self.in_flight.pop_front() else {
            return;
        };
        debug_assert_eq!(
            job.id, id,
            "passes are answered in the order they were sent"
        );
        if result.is_ok() {
            if let Some(started) = self.front_started {
                self.pace
                    .record(job.samples, job.threads, (now - started).max(0.0));
            }
        }
        self.front_started = (!self.in_flight.is_empty()).then_some(now);
        if self.newest_speculation == Some(job.id) {
            self.newest_speculation = None;
        }
        if job.kind == Kind::Speculate {
            self.chunker.hold(false);
        }
        let end = job.covers.end;
        match result {
            Ok(words) => {
                match job.kind {
                    Kind::Commit => self.committed.extend(words),
                    Kind::Speculate => self.speculated(job.covers, words),
                }
                self.publish_words(seconds(end));
            }
            Err(e) => match (job.kind, job.committing) {
                (Kind::Speculate, _) => {}
                (Kind::Commit, Some(c)) if job.aborted => self.called_off.push(c),
                (Kind::Commit, _) => {
                    tracing::warn!("audio ending at {:.1} s: {e}", seconds(end));
                    self.error.get_or_insert(e);
                }
            },
        }
        self.advance();
    }

    /// A speculative pass over `covers` finished: it becomes the newest speculation over the
    /// chunk still growing, or, when it is long enough, that chunk is cut where it ends and its
    /// words are committed. Passes over a chunk already cut are late.
    fn speculated(&mut self, covers: Range<u64>, words: Vec<Word>) {
        let (pending_start, _) = self.chunker.pending();
        let Range { start, end } = covers;
        if start != pending_start {
            // An extension of the newest pass over the whole chunk, or a catch-up of the newest
            // speculation.
            if let Some(spec) = self.speculation.as_mut() {
                spec.continue_at(start, end, words);
            }
            return;
        }
        if seconds(end - start) >= COMMIT_SPECULATION_FROM {
            if let Some(chunk) = self.chunker.cut_at(end) {
                self.chunks += 1;
                self.speculation = None;
                self.extends = None;
                self.decision = None;
                self.adopt(words_before(words, seconds(chunk.end())));
                return;
            }
        }
        if self.speculation.as_ref().is_some_and(|s| s.end >= end) {
            return;
        }
        self.extends = Some((end, words.len()));
        self.speculation = Some(Speculation::new(start, end, words));
    }

    fn adopt(&mut self, words: Vec<Word>) {
        self.actions.push(Action::Adopt(words.clone()));
        self.committed.extend(words);
        self.publish_words(seconds(self.streamed));
    }

    fn abort(&mut self, id: PassId) {
        if let Some(job) = self.in_flight.iter_mut().find(|j| j.id == id && !j.aborted) {
            job.aborted = true;
            self.actions.push(Action::Abort(id));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn send(
        &mut self,
        kind: Kind,
        start: u64,
        samples: Vec<f32>,
        threads: usize,
        heard_before: Vec<String>,
        covers: Range<u64>,
        committing: Option<Committing>,
    ) -> PassId {
        let id = self.next_id;
        self.next_id += 1;
        if self.in_flight.is_empty() {
            self.front_started = Some(self.now);
        }
        self.in_flight.push_back(InFlight {
            id,
            kind,
            covers,
            samples: samples.len(),
            threads,
            aborted: false,
            committing,
        });
        self.actions.push(Action::Send(Pass {
            id,
            kind,
            start,
            samples,
            threads,
            heard_before,
        }));
        if kind == Kind::Commit && self.in_flight.len() > 1 {
            let waiting: usize = self.in_flight.iter().map(|j| j.samples).sum();
            self.publish(PartialUpdate::Behind {
                waiting_seconds: seconds(waiting as u64),
            });
        }
        id
    }

    fn publish_words(&mut self, through: f64) {
        if self.publish {
            let words = self.words();
            self.publish(PartialUpdate::Words { words, through });
        }
    }

    fn publish(&mut self, update: PartialUpdate) {
        if self.publish {
            self.actions.push(Action::Publish(update));
        }
    }
}

mod stop;
#[cfg(test)]
mod tests;
