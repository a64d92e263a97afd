//! The scheduler at stop: what a pass still running is worth against a redo with every core,
//! and how the audio that no pass stands for is sent as pieces of up to one window.

use super::{Phase, Scheduler, ENCODER_SHARE, LONGEST_PIECE};
use crate::incremental::speculation::{Committing, Speculation};
use crate::incremental::worker::{seconds, Kind};
use crate::pieces::speech_pieces;
use std::ops::Range;

impl Scheduler {
    /// Moves on once nothing is in flight: from stopping to sending what is left, from
    /// finishing to done.
    pub(super) fn advance(&mut self) {
        if !self.in_flight.is_empty() {
            return;
        }
        match self.phase {
            Phase::Stopping => {
                self.commits_called_off = self.called_off.len();
                let mut left = std::mem::take(&mut self.called_off);
                if let Some(tail) = self.chunker.finish() {
                    self.chunks += 1;
                    let fallback = self.speculation.take().and_then(|s| s.covering(&tail));
                    left.push(Committing {
                        chunk: tail,
                        fallback,
                    });
                }
                self.tail_seconds = self.transcribe_what_is_left(left);
                self.phase = Phase::Finishing;
                self.advance();
            }
            Phase::Finishing => self.phase = Phase::Done,
            Phase::Listening | Phase::Done => {}
        }
    }

    /// At stop, each pass still running or waiting is weighed against redoing its audio with
    /// every core: a speculation is kept only if it heard all the speech and will finish
    /// sooner; a commit is called off when its speculation plus a redo of the rest is sooner.
    /// A pass called off while whisper.cpp is encoding still holds the worker until the encoder
    /// is done (its abort is only looked at between steps), so that time counts against it.
    pub(super) fn call_off_what_a_redo_beats(&mut self) {
        let all = self.config.final_threads;
        let now = self.now;
        let mut elapsed = Some(self.front_started.map_or(0.0, |t| (now - t).max(0.0)));
        let (pending_start, pending) = self.chunker.pending();
        let pending_end = pending_start + pending.len() as u64;
        let kept_to =
            |spec: Option<&Speculation>, start: u64, end: u64, speech_end: Option<u64>| {
                spec.filter(|s| s.start == start && s.stands_for(end, speech_end))
                    .map_or(start, |s| s.end.min(end))
            };
        let speculated_to = kept_to(
            self.speculation.as_ref(),
            pending_start,
            pending_end,
            self.chunker.last_speech_end(),
        );
        let mut to_abort = Vec::new();
        for job in &self.in_flight {
            // Only the oldest pass has started; the others can be called off for free.
            let running_for = elapsed.take();
            let Some(whole) = self.pace.estimate(job.samples, job.threads) else {
                if job.kind == Kind::Speculate {
                    to_abort.push(job.id);
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
                    // A pass over the chunk, an extension or a catch-up (each begins at a seam
                    // of the speculation) still counts; one over a chunk already cut does not.
                    let continues = job.covers.start == pending_start
                        || self
                            .speculation
                            .as_ref()
                            .is_some_and(|s| s.words_before_seam(job.covers.start).is_some());
                    !continues
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
                to_abort.push(job.id);
            }
        }
        for id in to_abort {
            self.abort(id);
        }
    }

    /// At stop: the chunks not yet committed, in order. Each one's speculation stands; the
    /// audio after it (or the whole chunk) is joined with what follows into pieces of up to
    /// Whisper's window and transcribed with every core. Returns the seconds sent.
    fn transcribe_what_is_left(&mut self, left: Vec<Committing>) -> f64 {
        let mut sent = 0.0;
        let mut piece: Option<(u64, Vec<f32>)> = None;
        for Committing { chunk, fallback } in left {
            if !chunk.has_speech {
                self.silent += 1;
                sent += self.send_at_stop(piece.take());
                continue;
            }
            let from = match fallback {
                Some(spec) => {
                    sent += self.send_at_stop(piece.take());
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
                    sent += self.send_at_stop(piece.take());
                    piece = Some((from, audio.to_vec()));
                }
            }
        }
        sent + self.send_at_stop(piece)
    }

    /// Sends a piece of what was left at stop, with every core; returns its seconds.
    fn send_at_stop(&mut self, piece: Option<(u64, Vec<f32>)>) -> f64 {
        let Some((start, samples)) = piece else {
            return 0.0;
        };
        let threads = self.config.final_threads;
        // Longer than a window only when the last cut was held for a pass called off.
        let spans: Vec<Range<usize>> = if seconds(samples.len() as u64) > LONGEST_PIECE {
            speech_pieces(&samples)
        } else {
            std::iter::once(0..samples.len()).collect()
        };
        for span in spans {
            let from = start + span.start as u64;
            let covers = from..start + span.end as u64;
            let audio = samples[span].to_vec();
            self.send(Kind::Commit, from, audio, threads, Vec::new(), covers, None);
        }
        seconds(samples.len() as u64)
    }
}
