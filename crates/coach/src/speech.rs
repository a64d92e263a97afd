//! How long the person actually spoke: from the raw speech stretches that speech-activity
//! detection found, the pauses inside the talk, the think time before it, and speaking time
//! (stretches closer than the merge gap count as one, so breaths are speaking; trailing
//! silence is not).

use crate::norms::SpeechNorms;
use crate::span::Span;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeechReport {
    pub total_seconds: f64,
    pub speaking_seconds: f64,
    pub think_seconds: f64,
    pub pauses: Vec<Span>,
    /// Stretches of talk after merging gaps shorter than the merge gap.
    pub segments: Vec<Span>,
}

impl SpeechReport {
    pub fn has_speech(&self) -> bool {
        !self.segments.is_empty()
    }
}

/// `raw` must be sorted and non-overlapping. `question_end` is when the spoken question finished,
/// if known (think time is measured from there, else from the start of the take).
pub fn speech_report(
    raw: &[Span],
    total_seconds: f64,
    question_end: Option<f64>,
    norms: &SpeechNorms,
) -> SpeechReport {
    let pauses: Vec<Span> = raw
        .windows(2)
        .map(|w| Span {
            start: w[0].end,
            end: w[1].start,
        })
        .filter(|gap| gap.seconds() >= norms.pause_min_seconds)
        .collect();
    let mut segments: Vec<Span> = Vec::new();
    for s in raw {
        match segments.last_mut() {
            Some(last) if s.start - last.end < norms.merge_gap_seconds => {
                last.end = last.end.max(s.end)
            }
            _ => segments.push(*s),
        }
    }
    // Rust's sum of no floats is -0.0, which a report would print as "-0.0".
    let speaking_seconds = segments.iter().map(Span::seconds).sum::<f64>() + 0.0;
    let from = question_end.unwrap_or(0.0);
    let think_seconds = raw
        .first()
        .map_or(0.0, |first| (first.start - from).max(0.0));
    SpeechReport {
        total_seconds,
        speaking_seconds,
        think_seconds,
        pauses,
        segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::norms::Norms;

    fn span(start: f64, end: f64) -> Span {
        Span { start, end }
    }

    #[test]
    fn speaking_time_merges_short_gaps_and_excludes_think_and_trailing_silence() {
        let raw = [
            span(1.5, 4.0),
            span(4.1, 6.0),
            span(6.6, 9.0),
            span(11.0, 14.0),
        ];
        let r = speech_report(&raw, 20.0, None, &Norms::default().speech);
        // 0.1 s gap: no pause; 0.6 s: a pause, merged; 2.0 s: a pause that splits the talk.
        assert_eq!(r.pauses, vec![span(6.0, 6.6), span(9.0, 11.0)]);
        assert_eq!(r.segments, vec![span(1.5, 9.0), span(11.0, 14.0)]);
        assert!((r.speaking_seconds - 10.5).abs() < 1e-9);
        assert_eq!((r.think_seconds, r.total_seconds), (1.5, 20.0));
        let after_question = speech_report(&raw, 20.0, Some(0.5), &Norms::default().speech);
        assert_eq!(after_question.think_seconds, 1.0);
    }

    #[test]
    fn no_speech_is_an_empty_report() {
        let r = speech_report(&[], 8.0, None, &Norms::default().speech);
        assert!(!r.has_speech());
        assert_eq!((r.speaking_seconds, r.think_seconds), (0.0, 0.0));
        assert!(r.speaking_seconds.is_sign_positive(), "printed as -0.0");
    }
}
