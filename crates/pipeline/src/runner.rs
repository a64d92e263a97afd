//! Drives one live take from the recorder's first event to its summary: audio goes to the
//! incremental transcriber as it arrives, and what a live view shows (level, elapsed time,
//! partial transcript, which STAR parts have been heard) is handed to the caller as it happens.
//! The terminal and the app show these differently; the order of work is the same.

use crate::live::LiveTake;
use asr::PartialUpdate;
use audio::capture::{Level, RecordedTake, RecorderEvent};
use coach::rubrics::report::parts_report;
use coach::star::live::running_long;
use coach::star::{star_report_so_far, Present};
use coach::{Element, Norms, Rubric, Transcript, Word};
use serde::Serialize;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// What a live view hears about while a take is recorded.
#[derive(Debug, Clone)]
pub enum TakeEvent {
    /// The first audio is on disk: the user is being recorded.
    Capturing,
    Level {
        level: Level,
        elapsed: f64,
    },
    SpeechStarted {
        at: f64,
    },
    Transcript(LiveTranscript),
    /// The transcriber has this much finished audio waiting; it catches up by itself.
    Behind {
        waiting_seconds: f64,
    },
    /// Sent every 30 ms or so, busy or not: a chance to poll for a stop request.
    Tick,
}

/// The best transcript so far and the STAR parts it already holds.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct LiveTranscript {
    pub words: Vec<Word>,
    /// How far into the take the transcript reaches, in seconds.
    pub through: f64,
    pub present: Present,
    /// The part being told now, when it has run long ("Situation: 25 s — get to what you
    /// did"); stories only.
    pub hint: Option<String>,
    /// For an answer judged by another rubric than STAR: the parts it already holds.
    pub heard_parts: Vec<Element>,
}

/// How the live transcript is read: the rubric the answer will be judged by, and the norms.
pub struct LiveView<'a> {
    pub rubric: Rubric,
    pub norms: &'a Norms,
    /// Whether to say when the part being told runs long (a setting).
    pub hints: bool,
}

impl LiveTranscript {
    pub fn from_words(words: Vec<Word>, through: f64, view: &LiveView) -> Self {
        let transcript = Transcript::from_words(words);
        let (present, hint) = if transcript.is_empty() {
            (Present::default(), None)
        } else {
            let star = star_report_so_far(&transcript, true);
            let hint = (view.hints && view.rubric == Rubric::Story)
                .then(|| running_long(&star, view.norms))
                .flatten();
            (star.present, hint)
        };
        let heard_parts = if transcript.is_empty() || view.rubric == Rubric::Story {
            Vec::new()
        } else {
            let report = parts_report(&transcript, true, view.rubric);
            report
                .parts
                .iter()
                .filter(|p| p.present)
                .map(|p| p.element)
                .collect()
        };
        LiveTranscript {
            words: transcript.words,
            through,
            present,
            hint,
            heard_parts,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the recorder stopped before the take was finished")]
pub struct RecorderGone;

/// Feeds the take's audio to `live` and reports events until the recorder says the take is
/// finished. `partials` is the receiving end of the sender given to `LiveTake::start`.
pub fn run_live_take(
    events: &Receiver<RecorderEvent>,
    live: &mut LiveTake,
    partials: Option<&Receiver<PartialUpdate>>,
    view: &LiveView,
    mut on_event: impl FnMut(TakeEvent),
) -> Result<RecordedTake, RecorderGone> {
    const TICK: Duration = Duration::from_millis(30);
    let mut last_tick = Instant::now();
    loop {
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            on_event(TakeEvent::Tick);
        }
        if let Some(partials) = partials {
            // Only the newest transcript matters; older ones are superseded.
            let mut newest = None;
            while let Ok(update) = partials.try_recv() {
                match update {
                    PartialUpdate::Words { words, through } => newest = Some((words, through)),
                    PartialUpdate::Behind { waiting_seconds } => {
                        on_event(TakeEvent::Behind { waiting_seconds })
                    }
                }
            }
            if let Some((words, through)) = newest {
                on_event(TakeEvent::Transcript(LiveTranscript::from_words(
                    words, through, view,
                )));
            }
        }
        match events.recv_timeout(TICK) {
            Ok(RecorderEvent::Capturing) => on_event(TakeEvent::Capturing),
            Ok(RecorderEvent::Level { level, elapsed }) => {
                on_event(TakeEvent::Level { level, elapsed })
            }
            Ok(RecorderEvent::SpeechStarted { at }) => on_event(TakeEvent::SpeechStarted { at }),
            Ok(RecorderEvent::Audio16k(samples)) => live.push(&samples),
            Ok(RecorderEvent::Finished(summary)) => return Ok(summary),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Err(RecorderGone),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` said at an even 0.4 s a word.
    fn said(text: &str) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(i, w)| Word {
                text: w.into(),
                start: i as f64 * 0.4,
                end: i as f64 * 0.4 + 0.35,
                p: 0.9,
            })
            .collect()
    }

    #[test]
    fn a_setting_that_runs_long_is_hinted_only_when_hints_are_on() {
        let norms = Norms::default();
        // 70 words of setting at 0.4 s a word: 28 s of Situation.
        let setting = "In my last role our checkout service kept timing out during peak sales. \
             The company sold concert tickets across Europe from one large Rails application. \
             Traffic was modest most of the year but it jumped whenever a big tour was announced. \
             There had already been two public outages that year and the team was only four \
             engineers, and the database was a single large instance.";
        let view = |hints| LiveView {
            rubric: Rubric::Story,
            norms: &norms,
            hints,
        };
        let on = LiveTranscript::from_words(said(setting), 28.0, &view(true));
        let hint = on.hint.expect("a hint");
        assert!(hint.starts_with("Situation: "), "{hint}");
        assert_eq!(
            LiveTranscript::from_words(said(setting), 28.0, &view(false)).hint,
            None
        );
    }

    #[test]
    fn the_live_view_tracks_the_parts_of_the_questions_rubric() {
        let norms = Norms::default();
        let words = said(
            "I treat Java as a boring tool. For example, last year I replaced our aspects with \
             three classes and onboarding fell from a week to a day.",
        );
        let approach = LiveView {
            rubric: Rubric::Approach,
            norms: &norms,
            hints: true,
        };
        let live = LiveTranscript::from_words(words.clone(), 9.0, &approach);
        assert!(
            live.heard_parts.contains(&Element::Position),
            "{:?}",
            live.heard_parts
        );
        assert!(
            live.heard_parts.contains(&Element::Example),
            "{:?}",
            live.heard_parts
        );
        assert!(!live.heard_parts.contains(&Element::Tradeoffs));
        assert_eq!(live.hint, None);
        let story = LiveView {
            rubric: Rubric::Story,
            norms: &norms,
            hints: true,
        };
        assert!(LiveTranscript::from_words(words, 9.0, &story)
            .heard_parts
            .is_empty());
    }
}
