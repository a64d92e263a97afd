//! Findings about speaking time and delivery, each tied to the moment it concerns: a plain
//! message about what was observed, the words around it, and its start and end in seconds.
//! Only observable behaviour; never a verdict on the person.

use crate::delivery::DeliveryReport;
use crate::norms::Norms;
use crate::speech::SpeechReport;
use crate::transcript::{clock, Transcript, Word};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Problem,
}

/// What a finding is about: a stable name the front end and tests can branch on.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// No speech was heard in the recording.
    NoSpeech,
    /// The recording is clipped (too loud).
    Clipped,
    /// The speech is very quiet.
    Quiet,
    /// Sound, but almost no words could be made out.
    Unintelligible,
    /// A long silence (also before the first word).
    LongSilence,
    /// A pause in the middle of a sentence.
    MidSentencePause,
    /// Slow speech.
    PaceSlow,
    /// Fast speech.
    PaceFast,
    /// Many filler words.
    Fillers,
    /// Several fillers within a few seconds.
    FillerCluster,
    /// The answer is shorter than the sweet spot.
    TooShort,
    /// The answer is longer than the sweet spot.
    TooLong,
    /// The Action says what one would do, not what was done.
    Hypothetical,
    /// No Action.
    MissingAction,
    /// No Result.
    MissingResult,
    /// A Result without a number.
    UnquantifiedResult,
    /// No Situation.
    MissingSituation,
    /// No Task.
    MissingTask,
    /// The Action is told as "we" more than "I".
    Ownership,
    /// The Situation takes too much of the answer.
    LongSituation,
    /// The Action is too short.
    ThinAction,
    /// The parts come out of order.
    Order,
    /// No closing line on what was learned.
    NoReflection,
    /// A part the question's rubric asks for is missing (not a story: see `rubrics`).
    MissingPart,
    /// An approach's example says nothing of what came of it.
    ExampleWithoutOutcome,
    /// No number anywhere in a non-story answer.
    NoSpecifics,
}

impl FindingKind {
    /// The serialized name (`missing_task`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::NoSpeech => "no_speech",
            FindingKind::Clipped => "clipped",
            FindingKind::Quiet => "quiet",
            FindingKind::Unintelligible => "unintelligible",
            FindingKind::LongSilence => "long_silence",
            FindingKind::MidSentencePause => "mid_sentence_pause",
            FindingKind::PaceSlow => "pace_slow",
            FindingKind::PaceFast => "pace_fast",
            FindingKind::Fillers => "fillers",
            FindingKind::FillerCluster => "filler_cluster",
            FindingKind::TooShort => "too_short",
            FindingKind::TooLong => "too_long",
            FindingKind::Hypothetical => "hypothetical",
            FindingKind::MissingAction => "missing_action",
            FindingKind::MissingResult => "missing_result",
            FindingKind::UnquantifiedResult => "unquantified_result",
            FindingKind::MissingSituation => "missing_situation",
            FindingKind::MissingTask => "missing_task",
            FindingKind::Ownership => "ownership",
            FindingKind::LongSituation => "long_situation",
            FindingKind::ThinAction => "thin_action",
            FindingKind::Order => "order",
            FindingKind::NoReflection => "no_reflection",
            FindingKind::MissingPart => "missing_part",
            FindingKind::ExampleWithoutOutcome => "example_without_outcome",
            FindingKind::NoSpecifics => "no_specifics",
        }
    }
}

impl PartialEq<&str> for FindingKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for FindingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    pub message: String,
    pub quote: String,
    pub start: f64,
    pub end: f64,
}

/// What the recording itself is like, measured before anything is transcribed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AudioQuality {
    /// Share of samples at full scale.
    pub clipped_share: f64,
    /// RMS of the detected speech in dBFS (None without speech).
    pub speech_dbfs: Option<f64>,
}

pub fn quality_findings(q: &AudioQuality, speech: &SpeechReport, norms: &Norms) -> Vec<Finding> {
    let mut out = Vec::new();
    let whole = |kind, severity, message: String| Finding {
        kind,
        severity,
        message,
        quote: String::new(),
        start: 0.0,
        end: speech.total_seconds,
    };
    if !speech.has_speech() {
        out.push(whole(
            FindingKind::NoSpeech,
            Severity::Problem,
            "No speech detected in this recording, so there is nothing to transcribe or score. Check that the right microphone is selected and not muted.".into(),
        ));
    }
    if q.clipped_share > norms.quality.clipped_share {
        out.push(whole(
            FindingKind::Clipped,
            Severity::Warning,
            format!("{:.1} % of the recording is at full volume (clipped): move back from the microphone or lower its gain.", 100.0 * q.clipped_share),
        ));
    }
    if let Some(level) = q
        .speech_dbfs
        .filter(|l| *l < norms.quality.quiet_speech_dbfs)
    {
        out.push(whole(
            FindingKind::Quiet,
            Severity::Warning,
            format!("Your voice was very quiet ({level:.0} dBFS): move closer to the microphone or raise its gain, or words may be missed."),
        ));
    }
    out
}

/// Up to two words either side of a moment: "shipped the ‖ billing change".
fn quote_around(words: &[Word], at: f64) -> String {
    let split = words
        .iter()
        .position(|w| w.start >= at)
        .unwrap_or(words.len());
    let before: Vec<&str> = words[split.saturating_sub(2)..split]
        .iter()
        .map(|w| w.text.as_str())
        .collect();
    let after: Vec<&str> = words[split..(split + 2).min(words.len())]
        .iter()
        .map(|w| w.text.as_str())
        .collect();
    match (before.is_empty(), after.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!("‖ {}", after.join(" ")),
        (false, true) => format!("{} ‖", before.join(" ")),
        (false, false) => format!("{} ‖ {}", before.join(" "), after.join(" ")),
    }
}

/// The word spoken last before a moment ends a sentence (or there was none).
fn after_sentence_end(words: &[Word], at: f64) -> bool {
    match words.iter().rev().find(|w| w.start < at) {
        Some(w) => w.text.ends_with(['.', '?', '!', '…']),
        None => true,
    }
}

/// Sound was heard as speech for a while but hardly a word could be made out of it (music,
/// noise, a hum, two voices at once, a microphone far too quiet): no answer to judge, so the take
/// is not scored and says why. None for an answer with words enough.
pub fn unintelligible_finding(
    transcript: &Transcript,
    speech: &SpeechReport,
    norms: &Norms,
) -> Option<Finding> {
    /// Shorter speech ("Yes.") is too little to judge either way.
    const LEAST_SPEECH_SECONDS: f64 = 3.0;
    let heard = speech.speaking_seconds;
    let words = transcript.words.len();
    if !speech.has_speech()
        || heard < LEAST_SPEECH_SECONDS
        || words as f64 >= norms.quality.min_words_per_speaking_second * heard
    {
        return None;
    }
    let made_out = match words {
        0 => "no word could be made out".to_string(),
        1 => "only 1 word could be made out".to_string(),
        n => format!("only {n} words could be made out"),
    };
    Some(Finding {
        kind: FindingKind::Unintelligible,
        severity: Severity::Problem,
        message: format!("{heard:.0} s of sound, but {made_out}: it sounds like music, noise, or more than one voice at once, not an answer, so it is not scored. Record again on your own, close to the microphone."),
        quote: transcript.text.clone(),
        start: speech.segments.first().map_or(0.0, |s| s.start),
        end: speech.segments.last().map_or(0.0, |s| s.end),
    })
}

pub fn delivery_findings(
    transcript: &Transcript,
    speech: &SpeechReport,
    delivery: &DeliveryReport,
    norms: &Norms,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !speech.has_speech() {
        return out;
    }
    let words = &transcript.words;
    if speech.think_seconds >= norms.pauses.any_flag_seconds {
        let start = speech.segments[0].start - speech.think_seconds;
        out.push(Finding {
            kind: FindingKind::LongSilence,
            severity: Severity::Info,
            message: format!("{:.1} s of silence before you started. A short pause is fine; past 3 s, try an opener such as \"Let me think of a good example\".", speech.think_seconds),
            quote: quote_around(words, start + speech.think_seconds),
            start,
            end: start + speech.think_seconds,
        });
    }
    for p in &speech.pauses {
        let secs = p.seconds();
        let mid_sentence = !after_sentence_end(words, p.end);
        let (kind, severity, message) = if secs >= norms.pauses.any_flag_seconds {
            (FindingKind::LongSilence, Severity::Warning, format!("A {secs:.1} s silence at {}. Long gaps read as lost thread: bridge with a short phrase.", clock(p.start)))
        } else if mid_sentence && secs >= norms.pauses.mid_sentence_flag_seconds {
            (FindingKind::MidSentencePause, Severity::Info, format!("A {secs:.1} s pause in the middle of a sentence at {}. Pause between sentences instead.", clock(p.start)))
        } else {
            continue;
        };
        out.push(Finding {
            kind,
            severity,
            message,
            quote: quote_around(words, p.end),
            start: p.start,
            end: p.end,
        });
    }
    let span_all = |kind, severity, message: String| Finding {
        kind,
        severity,
        message,
        quote: String::new(),
        start: speech.segments.first().map_or(0.0, |s| s.start),
        end: speech.segments.last().map_or(0.0, |s| s.end),
    };
    // The answer's length is judged with its STAR split, which says what to grow or cut:
    // `star::length_finding`.
    let p = &norms.pace;
    if delivery.words >= 20 {
        if delivery.wpm < p.slow_below_wpm {
            out.push(span_all(FindingKind::PaceSlow, Severity::Info, format!("{:.0} words a minute is slow (good: {:.0}–{:.0}). Shorter pauses inside sentences will lift it.", delivery.wpm, p.good_min_wpm, p.good_max_wpm)));
        } else if delivery.wpm > p.fast_above_wpm {
            out.push(span_all(
                FindingKind::PaceFast,
                Severity::Info,
                format!(
                    "{:.0} words a minute is fast (good: {:.0}–{:.0}). Pause after each STAR part.",
                    delivery.wpm, p.good_min_wpm, p.good_max_wpm
                ),
            ));
        }
    }
    let f = &delivery.fillers;
    if delivery.words >= 20 && f.per_100_words > norms.fillers.quiet_per_100_words {
        let severity = if f.per_100_words > norms.fillers.flag_per_100_words {
            Severity::Warning
        } else {
            Severity::Info
        };
        let first = f.items.first().map_or(0.0, |i| i.start);
        out.push(Finding {
            kind: FindingKind::Fillers,
            severity,
            message: format!(
                "{} filler words ({:.1} per 100 words). Replace them with a silent pause.",
                f.count, f.per_100_words
            ),
            quote: f
                .items
                .iter()
                .map(|i| i.text.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            start: first,
            end: first,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::delivery_report;
    use crate::span::Span;
    use crate::speech::speech_report;

    fn words(spec: &[(&str, f64)]) -> Vec<Word> {
        spec.iter()
            .map(|(t, s)| Word {
                text: t.to_string(),
                start: *s,
                end: s + 0.3,
                p: 0.9,
            })
            .collect()
    }

    #[test]
    fn pauses_are_judged_by_length_and_place() {
        let t = Transcript::from_words(words(&[
            ("We", 4.0),
            ("moved", 4.4),
            ("the", 6.2),
            ("database.", 6.5),
            ("Then", 7.5),
            ("we", 11.0),
            ("tested.", 11.3),
        ]));
        let raw = [
            Span {
                start: 4.0,
                end: 4.7,
            },
            Span {
                start: 6.2,
                end: 6.9,
            },
            Span {
                start: 7.5,
                end: 7.8,
            },
            Span {
                start: 11.0,
                end: 11.6,
            },
        ];
        let speech = speech_report(&raw, 12.0, None, &Norms::default().speech);
        let d = delivery_report(&t, &speech, &raw, &[], &Norms::default());
        let f = delivery_findings(&t, &speech, &d, &Norms::default());
        let kinds: Vec<_> = f.iter().map(|f| (f.kind.as_str(), f.start)).collect();
        // 4 s think time, 1.5 s mid-sentence pause after "moved", 0.6 s after "database." (fine),
        // 3.2 s after "Then" (long).
        assert_eq!(
            kinds,
            vec![
                ("long_silence", 0.0),
                ("mid_sentence_pause", 4.7),
                ("long_silence", 7.8),
            ]
        );
        assert_eq!(f[1].quote, "We moved ‖ the database.");
    }

    #[test]
    fn sound_with_hardly_a_word_in_it_is_unintelligible_and_an_answer_is_not() {
        let heard = |seconds: f64| {
            speech_report(
                &[Span {
                    start: 1.0,
                    end: 1.0 + seconds,
                }],
                seconds + 2.0,
                None,
                &Norms::default().speech,
            )
        };
        let norms = Norms::default();
        // Music heard as 20 s of speech, transcribed as ", ah ,".
        let music = Transcript::from_words(words(&[("ah", 3.0)]));
        let f = unintelligible_finding(&music, &heard(20.0), &norms).expect("a finding");
        assert_eq!(f.kind, "unintelligible");
        assert!(f.message.contains("only 1 word"), "{}", f.message);
        let nothing = Transcript::default();
        let f = unintelligible_finding(&nothing, &heard(15.0), &norms).expect("a finding");
        assert!(
            f.message.contains("no word could be made out"),
            "{}",
            f.message
        );
        // A slow answer of 12 words in 15 s is still an answer; a 2 s "Yes, I did." too.
        let slow: Vec<(&str, f64)> = (0..12).map(|i| ("word", 1.0 + i as f64)).collect();
        let slow = Transcript::from_words(words(&slow));
        assert!(unintelligible_finding(&slow, &heard(15.0), &norms).is_none());
        assert!(unintelligible_finding(&nothing, &heard(2.0), &norms).is_none());
        let silence = speech_report(&[], 5.0, None, &norms.speech);
        assert!(unintelligible_finding(&nothing, &silence, &norms).is_none());
    }

    #[test]
    fn silence_is_a_problem_finding_and_nothing_else_is_judged() {
        let speech = speech_report(&[], 5.0, None, &Norms::default().speech);
        let q = AudioQuality {
            clipped_share: 0.0,
            speech_dbfs: None,
        };
        let f = quality_findings(&q, &speech, &Norms::default());
        assert_eq!(f.iter().map(|f| f.kind).collect::<Vec<_>>(), ["no_speech"]);
        let d = delivery_report(&Transcript::default(), &speech, &[], &[], &Norms::default());
        assert!(
            delivery_findings(&Transcript::default(), &speech, &d, &Norms::default()).is_empty()
        );
    }

    #[test]
    fn clipped_and_quiet_recordings_are_flagged() {
        let speech = speech_report(
            &[Span {
                start: 0.0,
                end: 3.0,
            }],
            3.0,
            None,
            &Norms::default().speech,
        );
        let q = AudioQuality {
            clipped_share: 0.02,
            speech_dbfs: Some(-52.0),
        };
        let kinds: Vec<_> = quality_findings(&q, &speech, &Norms::default())
            .iter()
            .map(|f| f.kind)
            .collect();
        assert_eq!(kinds, ["clipped", "quiet"]);
    }
}
