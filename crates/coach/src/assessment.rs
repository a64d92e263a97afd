//! The whole judgement of one answer: STAR structure, scores, findings and the feedback lines,
//! from a transcript (timed, from audio, or plain text) and, with audio, the speech and
//! delivery reports.

use crate::delivery::DeliveryReport;
use crate::findings::Finding;
use crate::norms::Norms;
use crate::speech::SpeechReport;
use crate::star::{
    delivery_feedback, length_finding, score, star_findings, star_report, Score, StarReport,
};
use crate::transcript::Transcript;
use serde::Serialize;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StarAssessment {
    pub star: StarReport,
    pub score: Score,
    /// The delivery findings that were passed in, the length finding (with audio), then the
    /// STAR findings.
    pub findings: Vec<Finding>,
    /// What to say differently next time, most important first.
    pub feedback: Vec<String>,
}

/// At most this many feedback lines: more would not be acted on in the next attempt.
const MAX_FEEDBACK: usize = 5;

pub fn assess_answer(
    transcript: &Transcript,
    audio: Option<(&SpeechReport, &DeliveryReport)>,
    mut delivery_findings: Vec<Finding>,
    norms: &Norms,
) -> StarAssessment {
    let star = star_report(transcript, audio.is_some());
    let length = audio.and_then(|(speech, _)| length_finding(&star, speech, norms));
    let resized = length.as_ref().and_then(|(_, part)| *part);
    let length_line = length.as_ref().map(|(f, _)| f.message.clone());
    delivery_findings.extend(length.map(|(f, _)| f));
    let score = score(
        &star,
        audio.map(|(s, d)| (s, d, delivery_findings.as_slice())),
        norms,
    );
    let (mut star_found, advice) = star_findings(&star, norms);
    // The length line, which says how much to add or cut, stands in for the story's own line
    // about the same part, where that line stood.
    let mut feedback = Vec::new();
    for a in advice {
        match (&length_line, resized) {
            (Some(line), Some(part)) if a.resizes == Some(part) => {
                if !feedback.contains(line) {
                    feedback.push(line.clone());
                }
            }
            _ => feedback.push(a.line),
        }
    }
    for line in delivery_feedback(&delivery_findings) {
        if !feedback.contains(&line) {
            feedback.push(line);
        }
    }
    feedback.dedup();
    feedback.truncate(MAX_FEEDBACK);
    let mut findings = delivery_findings;
    findings.append(&mut star_found);
    StarAssessment {
        star,
        score,
        findings,
        feedback,
    }
}

#[cfg(test)]
mod tests;
