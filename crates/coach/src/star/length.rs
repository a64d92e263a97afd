//! Advice on an answer's length that follows from the answer itself: a short answer is told
//! which part to grow and by about how many seconds, a long one which part to cut, both from its
//! own STAR split against the target split (`norms.toml`, `[star]`). A line never asks for what
//! the answer already has: a Result that already carries a number is not told to "add a number".

use super::cues::Part;
use super::report::StarReport;
use crate::findings::{Finding, FindingKind, Severity};
use crate::norms::Norms;
use crate::rubrics::advice::{cut_line, grow_line};
use crate::rubrics::report::PartsReport;
use crate::speech::SpeechReport;

/// Amounts are said in steps of this many seconds: nobody can aim for 17 s more.
const STEP_SECONDS: f64 = 5.0;

/// The too-short or too-long finding for an answer with audio, and the part it asks to grow or
/// cut; None when its length is fine.
pub fn length_finding(
    star: &StarReport,
    speech: &SpeechReport,
    norms: &Norms,
) -> Option<(Finding, Option<Part>)> {
    let l = &norms.length;
    let advice = |kind, talk| match kind {
        FindingKind::TooShort => grow_advice(star, talk, l.sweet_spot_min_seconds, norms),
        _ => cut_advice(star, talk, l.sweet_spot_max_seconds, norms),
    };
    let mut part = None;
    let finding = judge_length(speech, norms, |kind, talk| {
        advice(kind, talk).map(|(p, line)| {
            part = Some(p);
            line
        })
    })?;
    Some((finding, part))
}

/// The same for an answer judged by another rubric than STAR: which of its parts to grow or cut.
pub fn parts_length_finding(
    parts: &PartsReport,
    speech: &SpeechReport,
    norms: &Norms,
) -> Option<Finding> {
    let l = &norms.length;
    judge_length(speech, norms, |kind, talk| match kind {
        FindingKind::TooShort => grow_line(parts, about(l.sweet_spot_min_seconds - talk)),
        _ => cut_line(parts, about(talk - l.sweet_spot_max_seconds)),
    })
}

/// Whether the answer is too short or too long, with the advice `advise` gives for it.
fn judge_length(
    speech: &SpeechReport,
    norms: &Norms,
    advise: impl FnOnce(FindingKind, f64) -> Option<String>,
) -> Option<Finding> {
    let talk = speech.speaking_seconds;
    let l = &norms.length;
    let kind = if talk < l.flag_below_seconds {
        FindingKind::TooShort
    } else if talk > l.flag_above_seconds {
        FindingKind::TooLong
    } else {
        return None;
    };
    let observed = format!(
        "You spoke for {talk:.0} s. Aim for {:.0}–{:.0} s",
        l.sweet_spot_min_seconds, l.sweet_spot_max_seconds
    );
    Some(Finding {
        kind,
        severity: Severity::Warning,
        message: match advise(kind, talk) {
            Some(advice) => format!("{observed}: {advice}."),
            None => format!("{observed}."),
        },
        quote: String::new(),
        start: speech.segments.first().map_or(0.0, |s| s.start),
        end: speech.segments.last().map_or(0.0, |s| s.end),
    })
}

const STAR_PARTS: [Part; 4] = [Part::Situation, Part::Task, Part::Action, Part::Result];

fn target_share(part: Part, norms: &Norms) -> f64 {
    let n = &norms.star;
    match part {
        Part::Situation => n.situation_share,
        Part::Task => n.task_share,
        Part::Action => n.action_share,
        Part::Result => n.result_share,
        Part::Other => 0.0,
    }
}

/// `seconds` rounded to the nearest step, and at least one step.
fn about(seconds: f64) -> f64 {
    ((seconds / STEP_SECONDS).round() * STEP_SECONDS).max(STEP_SECONDS)
}

/// The part furthest under its share of `goal` seconds, and what to add to it.
fn grow_advice(star: &StarReport, talk: f64, goal: f64, norms: &Norms) -> Option<(Part, String)> {
    let seconds = star.seconds?;
    if star.units.is_empty() {
        return None;
    }
    // A part that is missing comes first, the most telling first; otherwise the part furthest
    // under its share.
    let missing = [Part::Action, Part::Result, Part::Task, Part::Situation]
        .into_iter()
        .find(|&p| !star.present.get(p));
    let (part, gap) = match missing {
        Some(p) => (p, target_share(p, norms) * goal),
        None => STAR_PARTS
            .iter()
            .map(|&p| (p, target_share(p, norms) * goal - seconds.get(p)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?,
    };
    let amount = about(gap.min(goal - talk));
    let advice = match (part, missing.is_none()) {
        (Part::Situation, false) => format!(
            "open with about {amount:.0} s of Situation: where you were, when, and what was at stake"
        ),
        (Part::Task, false) => {
            format!("add about {amount:.0} s of Task: what you had to achieve, and by when")
        }
        (Part::Action, false) => {
            format!("add about {amount:.0} s of Action: the steps you took yourself")
        }
        (Part::Result, false) => {
            format!("end with about {amount:.0} s of Result: what came of it, with a number")
        }
        (Part::Situation, true) => format!(
            "give the Situation about {amount:.0} s more: what was at stake, and for whom"
        ),
        (Part::Task, true) => format!(
            "give the Task about {amount:.0} s more: what made it hard (a deadline, a constraint)"
        ),
        (Part::Action, true) => format!(
            "give the Action about {amount:.0} s more: each step you took yourself, and why"
        ),
        (Part::Result, true) if star.quantified_result => format!(
            "give the Result about {amount:.0} s more: what it meant for the team or the users, \
             and what you learned"
        ),
        (Part::Result, true) => format!(
            "give the Result about {amount:.0} s more: by how much things changed, with a number"
        ),
        (Part::Other, _) => return None,
    };
    Some((part, advice))
}

/// The part furthest over its share of `goal` seconds (talk that is no part of the story
/// counts as over from its first second), and what to take out of it.
fn cut_advice(star: &StarReport, talk: f64, goal: f64, norms: &Norms) -> Option<(Part, String)> {
    let seconds = star.seconds?;
    let result_share = norms.star.result_share_max;
    let (part, over) = STAR_PARTS
        .iter()
        .chain(&[Part::Other])
        .map(|&p| {
            let share = if p == Part::Result {
                result_share
            } else {
                target_share(p, norms)
            };
            (p, seconds.get(p) - share * goal)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    if over <= 0.0 {
        return None;
    }
    let amount = about(over.min(talk - goal));
    let advice = match part {
        Part::Situation => {
            format!("cut the Situation by about {amount:.0} s: two sentences of context are enough")
        }
        Part::Task => {
            format!("cut the Task by about {amount:.0} s: one sentence on what you had to achieve")
        }
        Part::Action => format!(
            "cut the Action by about {amount:.0} s: keep the three steps that mattered most"
        ),
        Part::Result => format!(
            "cut the Result by about {amount:.0} s: the outcome with its number, and one lesson"
        ),
        Part::Other => format!("cut about {amount:.0} s that is not part of the story"),
    };
    Some((part, advice))
}

#[cfg(test)]
mod tests;
