//! The whole judgement of one answer: STAR structure, scores, findings and the feedback lines,
//! from a transcript (timed, from audio, or plain text) and, with audio, the speech and
//! delivery reports.

use crate::delivery::{delivery_report, DeliveryReport};
use crate::filler_clusters::{cluster_finding, filler_clusters, fillers_by_part};
use crate::fillers::HeldSound;
use crate::findings::{
    delivery_findings, quality_findings, unintelligible_finding, AudioQuality, Finding,
};
use crate::norms::Norms;
use crate::rubrics::advice::{parts_findings, parts_score};
use crate::rubrics::report::{parts_report, PartsReport};
use crate::rubrics::Rubric;
use crate::span::Span;
use crate::speech::{speech_report, SpeechReport};
use crate::star::length::parts_length_finding;
use crate::star::rubric::{delivery_points, weighed};
use crate::star::{
    delivery_feedback, length_finding, score, star_findings, star_report, Score, StarReport,
};
use crate::transcript::Transcript;
use serde::{Deserialize, Serialize};

/// Where the time of an assessment went.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    pub model_load_seconds: f64,
    pub speech_activity_seconds: f64,
    pub transcribe_seconds: f64,
}

/// Everything the coach says about one recorded take: the JSON contract of `star-coach assess
/// --json`, the JSON beside each WAV, and what the history stores (read back as this type).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TakeAssessment {
    pub transcript: Transcript,
    pub speech: SpeechReport,
    pub delivery: DeliveryReport,
    pub quality: AudioQuality,
    /// What the answer was judged as, from its question's category ("story" when the question
    /// is not known).
    #[serde(default)]
    pub rubric: Rubric,
    /// STAR structure of a story; null when there was no speech to judge, or the rubric is not
    /// a story.
    pub star: Option<StarReport>,
    /// The parts of an answer judged by another rubric than STAR; null for a story.
    #[serde(default)]
    pub parts: Option<PartsReport>,
    pub score: Option<Score>,
    pub findings: Vec<Finding>,
    pub feedback: Vec<String>,
    pub timing: Timing,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StarAssessment {
    pub rubric: Rubric,
    /// The STAR report of a story (null for another rubric).
    pub star: Option<StarReport>,
    /// The parts of an answer judged by another rubric (null for a story).
    pub parts: Option<PartsReport>,
    pub score: Score,
    /// The delivery findings that were passed in, the length finding (with audio), then the
    /// rubric's findings.
    pub findings: Vec<Finding>,
    /// What to say differently next time, most important first.
    pub feedback: Vec<String>,
}

/// What a take heard: where the speech was and how it sounded, and the words (empty when no
/// speech was found, since nothing is transcribed then).
pub struct HeardTake<'a> {
    pub transcript: Transcript,
    /// Speech as speech activity found it, before pauses were judged.
    pub segments: &'a [Span],
    pub total_seconds: f64,
    /// When the spoken question ended, in take time; think time is measured from it.
    pub question_end: Option<f64>,
    /// Voiced sounds held still (`audio::filled_pause`): candidate hesitations.
    pub held_sounds: Vec<HeldSound>,
    pub quality: AudioQuality,
    pub timing: Timing,
    /// What the answer is judged as (its question's category, or a story when unknown).
    pub rubric: Rubric,
}

/// The whole judgement of a recorded take: speech and delivery reports, quality findings, then
/// STAR and the score when there are words to judge.
pub fn judge_take(heard: HeardTake, norms: &Norms) -> TakeAssessment {
    let HeardTake {
        transcript,
        segments,
        total_seconds,
        question_end,
        held_sounds,
        quality,
        timing,
        rubric,
    } = heard;
    let speech = speech_report(segments, total_seconds, question_end, &norms.speech);
    let mut delivery = delivery_report(&transcript, &speech, segments, &held_sounds, norms);
    let mut findings = quality_findings(&quality, &speech, norms);
    let unintelligible = unintelligible_finding(&transcript, &speech, norms);
    // Nothing is scored without words: a silent or unintelligible take has no story to judge,
    // and advice on its length or pace would be built on noise.
    let (star, parts, score, mut findings, mut feedback) = if let Some(finding) = unintelligible {
        findings.push(finding);
        (None, None, None, findings, Vec::new())
    } else {
        findings.extend(delivery_findings(&transcript, &speech, &delivery, norms));
        if transcript.is_empty() {
            (None, None, None, findings, Vec::new())
        } else {
            let a = assess_answer(
                &transcript,
                Some((&speech, &delivery)),
                findings,
                norms,
                rubric,
            );
            (a.star, a.parts, Some(a.score), a.findings, a.feedback)
        }
    };
    if score.is_some() {
        let fillers = &mut delivery.fillers;
        fillers.per_part = star.as_ref().map(|s| fillers_by_part(&fillers.items, s));
        fillers.clusters = filler_clusters(
            &fillers.items,
            &transcript.words,
            star.as_ref(),
            &norms.fillers,
        );
        findings.extend(fillers.clusters.iter().map(cluster_finding));
        // The first burst is worth a line of its own, where there is room for one.
        if let Some(burst) = fillers.clusters.first() {
            if feedback.len() < MAX_FEEDBACK {
                feedback.push(burst_advice(burst));
            }
        }
    }
    TakeAssessment {
        transcript,
        speech,
        delivery,
        quality,
        rubric,
        star,
        parts,
        score,
        findings,
        feedback,
        timing,
    }
}

/// What to change about a burst of fillers.
fn burst_advice(burst: &crate::filler_clusters::FillerCluster) -> String {
    match burst.part {
        Some(part) => format!(
            "Prepare your {:?} so it comes without searching: {} fillers came within {:.0} s of \
             each other there.",
            part,
            burst.count,
            (burst.end - burst.start).max(1.0)
        ),
        None => format!(
            "Rehearse the stretch at {} until it comes without searching: {} fillers came within \
             {:.0} s of each other.",
            crate::transcript::clock(burst.start),
            burst.count,
            (burst.end - burst.start).max(1.0)
        ),
    }
}

/// At most this many feedback lines: more would not be acted on in the next attempt.
const MAX_FEEDBACK: usize = 5;

pub fn assess_answer(
    transcript: &Transcript,
    audio: Option<(&SpeechReport, &DeliveryReport)>,
    delivery_findings: Vec<Finding>,
    norms: &Norms,
    rubric: Rubric,
) -> StarAssessment {
    if rubric == Rubric::Story {
        assess_story(transcript, audio, delivery_findings, norms)
    } else {
        assess_parts(transcript, audio, delivery_findings, norms, rubric)
    }
}

/// An answer judged by another rubric than STAR: its parts, their findings and lines, and the
/// delivery lines as for a story.
fn assess_parts(
    transcript: &Transcript,
    audio: Option<(&SpeechReport, &DeliveryReport)>,
    mut delivery_findings: Vec<Finding>,
    norms: &Norms,
    rubric: Rubric,
) -> StarAssessment {
    let parts = parts_report(transcript, audio.is_some(), rubric);
    if let Some(length) = audio.and_then(|(speech, _)| parts_length_finding(&parts, speech, norms))
    {
        delivery_findings.push(length);
    }
    let points = parts_score(&parts);
    let delivery = audio.map(|(speech, d)| delivery_points(speech, d, &delivery_findings, norms));
    let score = weighed(points.structure, points.content, delivery);
    let (mut found, lines) = parts_findings(&parts);
    let mut feedback = lines;
    for line in delivery_feedback(&delivery_findings) {
        if !feedback.contains(&line) {
            feedback.push(line);
        }
    }
    feedback.truncate(MAX_FEEDBACK);
    let mut findings = delivery_findings;
    findings.append(&mut found);
    StarAssessment {
        rubric,
        star: None,
        parts: Some(parts),
        score,
        findings,
        feedback,
    }
}

fn assess_story(
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
        rubric: Rubric::Story,
        star: Some(star),
        parts: None,
        score,
        findings,
        feedback,
    }
}

#[cfg(test)]
mod tests;
