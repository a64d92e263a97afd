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
    if let Some((speech, _)) = audio {
        delivery_findings.extend(length_finding(&star, speech, norms));
    }
    let score = score(
        &star,
        audio.map(|(s, d)| (s, d, delivery_findings.as_slice())),
        norms,
    );
    let (mut star_found, mut feedback) = star_findings(&star, norms);
    feedback.extend(delivery_feedback(&delivery_findings));
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
