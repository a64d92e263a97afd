//! Delivery measures: pace over speaking time (overall and in windows, for a chart) and fillers,
//! with a flag when the count is only a lower bound because Whisper drops "um" and "uh".

use crate::filler_clusters::FillerCluster;
use crate::fillers::{find_fillers, HeldSound};
use crate::hesitations::place_fillers;
pub use crate::hesitations::{FillerItem, FillerSource};
use crate::norms::Norms;
use crate::span::Span;
use crate::speech::SpeechReport;
use crate::star::PerPart;
use crate::transcript::Transcript;
use crate::wer::normalize_words;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FillerReport {
    pub count: usize,
    pub per_minute: f64,
    pub per_100_words: f64,
    /// True when speech was heard that neither a recognised word nor a hesitation found in the
    /// audio accounts for: the true count may be higher.
    pub lower_bound: bool,
    pub items: Vec<FillerItem>,
    /// Stretches of speech with no word or hesitation over them (the evidence for
    /// `lower_bound`).
    pub unworded_speech: Vec<Span>,
    /// Sentences opened with "So": a discourse marker, counted apart from fillers.
    pub so_openers: Vec<FillerItem>,
    /// How many fillers fall in each STAR part (none when the answer was not tagged).
    #[serde(default)]
    pub per_part: Option<PerPart>,
    /// Bursts of fillers close together.
    #[serde(default)]
    pub clusters: Vec<FillerCluster>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaceWindow {
    pub start: f64,
    pub end: f64,
    pub words: usize,
    pub speaking_seconds: f64,
    /// None when the window holds too little speech for a rate to mean anything.
    pub wpm: Option<f64>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryReport {
    pub words: usize,
    /// Words per minute of speaking time (pauses under a second count as speaking).
    pub wpm: f64,
    pub pace: Vec<PaceWindow>,
    pub fillers: FillerReport,
}

/// Words as spoken: "40%" is two words ("forty percent"), punctuation is none.
fn spoken_words(text: &str) -> usize {
    normalize_words(text).len()
}

fn overlap(a: &Span, from: f64, to: f64) -> f64 {
    (a.end.min(to) - a.start.max(from)).max(0.0)
}

/// `raw_segments` are the speech stretches before merging (to find speech with no word on it);
/// `held` are the held sounds found in the audio (`audio::filled_pause`).
pub fn delivery_report(
    transcript: &Transcript,
    speech: &SpeechReport,
    raw_segments: &[Span],
    held: &[HeldSound],
    norms: &Norms,
) -> DeliveryReport {
    let words = spoken_words(&transcript.text);
    let minutes = speech.speaking_seconds / 60.0;
    let wpm = if minutes > 0.0 {
        words as f64 / minutes
    } else {
        0.0
    };

    let window = norms.pace.window_seconds;
    let last = speech.segments.last().map_or(0.0, |s| s.end);
    let mut pace = Vec::new();
    let mut from = 0.0;
    while from < last {
        let to = from + window;
        let speaking: f64 = speech.segments.iter().map(|s| overlap(s, from, to)).sum();
        let in_window: usize = transcript
            .words
            .iter()
            .filter(|w| w.start >= from && w.start < to)
            .map(|w| spoken_words(&w.text))
            .sum();
        let wpm = (speaking >= window * 0.3).then(|| in_window as f64 / (speaking / 60.0));
        pace.push(PaceWindow {
            start: from,
            end: to,
            words: in_window,
            speaking_seconds: speaking,
            wpm,
        });
        from = to;
    }

    let (found, so) = find_fillers(&transcript.words);
    let items = place_fillers(
        &found,
        held,
        &transcript.words,
        raw_segments,
        &norms.filled_pauses,
    );
    let audio_items: Vec<&FillerItem> = items
        .iter()
        .filter(|f| f.source == FillerSource::Audio)
        .collect();
    let unworded_speech: Vec<Span> = raw_segments
        .iter()
        .filter(|s| s.seconds() >= norms.fillers.unworded_speech_min_seconds)
        .filter(|s| {
            !transcript
                .words
                .iter()
                .any(|w| w.start < s.end && s.start < w.end.max(w.start + 0.05))
                && !audio_items
                    .iter()
                    .any(|h| h.start < s.end && s.start < h.end)
        })
        .copied()
        .collect();
    let count = items.len();
    let fillers = FillerReport {
        count,
        per_minute: if minutes > 0.0 {
            count as f64 / minutes
        } else {
            0.0
        },
        per_100_words: if words > 0 {
            100.0 * count as f64 / words as f64
        } else {
            0.0
        },
        lower_bound: !unworded_speech.is_empty(),
        items,
        unworded_speech,
        so_openers: place_fillers(&so, &[], &transcript.words, &[], &norms.filled_pauses),
        // Known once the answer is tagged: `assessment::judge_take` fills them in.
        per_part: None,
        clusters: Vec::new(),
    };
    DeliveryReport {
        words,
        wpm,
        pace,
        fillers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::speech_report;
    use crate::transcript::Word;

    fn timed(text: &str, start: f64, step: f64) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(i, t)| Word {
                text: t.into(),
                start: start + i as f64 * step,
                end: start + (i as f64 + 0.8) * step,
                p: 0.9,
            })
            .collect()
    }

    #[test]
    fn pace_is_words_over_speaking_minutes_and_windows_follow_the_talk() {
        // 30 words spoken at one every 0.4 s from 2 s to 14 s: 150 wpm over 12 s of speech.
        let text = vec!["word"; 30].join(" ");
        let t = Transcript::from_words(timed(&text, 2.0, 0.4));
        let raw = [Span {
            start: 2.0,
            end: 14.0,
        }];
        let speech = speech_report(&raw, 20.0, None, &Norms::default().speech);
        let d = delivery_report(&t, &speech, &raw, &[], &Norms::default());
        assert_eq!(d.words, 30);
        assert!((d.wpm - 150.0).abs() < 1e-9, "{}", d.wpm);
        assert_eq!(d.pace.len(), 2);
        assert_eq!((d.pace[0].words, d.pace[0].speaking_seconds), (20, 8.0));
        assert!((d.pace[0].wpm.unwrap() - 150.0).abs() < 1e-9);
        assert!(!d.fillers.lower_bound);
    }

    #[test]
    fn speech_without_words_makes_the_filler_count_a_lower_bound() {
        let t = Transcript::from_words(timed("So, um, we fixed it.", 0.0, 0.5));
        let raw = [
            Span {
                start: 0.0,
                end: 2.5,
            },
            Span {
                start: 4.0,
                end: 4.6,
            },
        ];
        let speech = speech_report(&raw, 6.0, None, &Norms::default().speech);
        let d = delivery_report(&t, &speech, &raw, &[], &Norms::default());
        assert_eq!(d.fillers.count, 1);
        assert_eq!(d.fillers.items[0].text, "um");
        assert_eq!(d.fillers.so_openers.len(), 1);
        assert!(d.fillers.lower_bound);
        assert_eq!(
            d.fillers.unworded_speech,
            vec![Span {
                start: 4.0,
                end: 4.6
            }]
        );
    }

    #[test]
    fn a_filler_report_saved_before_audio_fillers_still_reads() {
        let old = r#"{"count":1,"per_minute":2.0,"per_100_words":1.5,"lower_bound":true,
            "items":[{"text":"um","start":3.5}],"unworded_speech":[],"so_openers":[]}"#;
        let report: FillerReport = serde_json::from_str(old).unwrap();
        assert_eq!(report.items[0].source, FillerSource::Transcript);
        assert!(report.clusters.is_empty() && report.per_part.is_none());
    }
}
