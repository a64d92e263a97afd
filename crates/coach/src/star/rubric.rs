//! The rubric: scores from 0 to 100, findings about the structure and content of the story, and
//! feedback lines that say what to say differently next time, specific to this answer.
//!
//! Scores (weights in points, thresholds from `norms.toml`), and why each weight is what it is:
//! - structure = 15 for each STAR part present (60) + 10 if they come in order + 30 for the time
//!   split, less 30 × the total distance of the parts' shares from 20/10/60/10 (a Result between
//!   10 % and 25 % counts as on target).
//!   The four parts weigh the same because an interviewer scoring STAR marks each as there or
//!   not; together they are most of structure since a missing part is the commonest and most
//!   damaging fault. Order earns less (10): a story told out of order is harder to follow but
//!   still a story. The split (30) is what separates a rambling setup from a story about what
//!   you did; its distance is summed over parts, so it reaches 0 only for a badly lopsided
//!   answer, and the Result gets a band because a longer outcome with a lesson is no fault.
//! - content = 30 for a result with a number + 15 for a reflection + 30 × the share of "I" among
//!   Action subjects over the ownership norm (capped at 30) + 25 for a real story, less 50 × the
//!   share of Action units that are hypothetical or habitual ("I would", "I usually").
//!   A measured result and a personal contribution are what interviewers probe for first, so
//!   each weighs 30; a reflection (STAR-L) is valued but optional, so 15. The real-story 25 falls
//!   twice as fast as the hypothetical share grows, so an answer told half or more in "I would"
//!   loses all of it: it does not answer "tell me about a time".
//! - delivery (only with audio) = length 35 (in the 60–90 s sweet spot) / 20 (45–120 s) / 5,
//!   pace 25 (good band) / 15 (not slow or fast) / 5, fillers 25 (quiet) / 15 (up to the flag) / 5,
//!   pauses 15 with no long or mid-sentence pause finding, 8 with one, 0 with more.
//!   Length weighs most: too short means a thin story and too long loses the listener, the two
//!   complaints interviewers make most. Pace and fillers come next as what listeners notice;
//!   pauses least, since a pause to think is normal and only the misplaced or long ones count.
//!   No band scores 0, so one weak measure never swamps a well-told story.
//! - total = 0.40 structure + 0.35 content + 0.25 delivery, or 0.55 structure + 0.45 content for
//!   text alone. The story (structure and content) is three quarters of the total because it
//!   is what the practice is for; delivery is a quarter so a nervous speaker with a good story
//!   still scores well. The labelled answers check the weights together: a good answer must
//!   outscore a weak one to the same question in at least 90 % of pairs (`tests/star_evaluation.rs`).

use super::cues::{words_of, Part};
use super::report::StarReport;
use crate::delivery::DeliveryReport;
use crate::findings::{Finding, FindingKind, Severity};
use crate::norms::Norms;
use crate::speech::SpeechReport;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub total: f64,
    pub structure: f64,
    /// None when only text was assessed.
    pub delivery: Option<f64>,
    pub content: f64,
}

fn round(v: f64) -> f64 {
    (v.clamp(0.0, 100.0) * 10.0).round() / 10.0
}

/// Shares of the STAR parts: by seconds when timed, else by words.
fn shares(star: &StarReport) -> super::report::PerPart {
    star.seconds.unwrap_or(star.words).shares()
}

fn split_distance(star: &StarReport, norms: &Norms) -> f64 {
    let s = shares(star);
    let n = &norms.star;
    let result_off = if s.result < n.result_share {
        n.result_share - s.result
    } else if s.result > n.result_share_max {
        s.result - n.result_share_max
    } else {
        0.0
    };
    (s.situation - n.situation_share).abs()
        + (s.task - n.task_share).abs()
        + (s.action - n.action_share).abs()
        + result_off
}

pub fn score(
    star: &StarReport,
    audio: Option<(&SpeechReport, &DeliveryReport, &[Finding])>,
    norms: &Norms,
) -> Score {
    let p = &star.present;
    let present = [p.situation, p.task, p.action, p.result]
        .iter()
        .filter(|x| **x)
        .count() as f64;
    let structure = 15.0 * present
        + if star.in_order && present >= 2.0 {
            10.0
        } else {
            0.0
        }
        + (30.0 * (1.0 - split_distance(star, norms))).max(0.0);

    let subjects = (star.action_i + star.action_we) as f64;
    let ownership = if subjects == 0.0 {
        0.0
    } else {
        (star.action_i as f64 / subjects / norms.star.ownership_i_share).min(1.0)
    };
    let hypothetical_share = if star.action_units == 0 {
        0.0
    } else {
        star.hypothetical_actions as f64 / star.action_units as f64
    };
    let content = if star.quantified_result { 30.0 } else { 0.0 }
        + if star.reflection { 15.0 } else { 0.0 }
        + 30.0 * ownership
        + (25.0 - 50.0 * hypothetical_share).max(0.0);

    let delivery = audio.map(|(speech, d, findings)| delivery_points(speech, d, findings, norms));
    weighed(structure, content, delivery)
}

/// The delivery score (see the module's first lines); the same for every rubric.
pub(crate) fn delivery_points(
    speech: &SpeechReport,
    d: &DeliveryReport,
    findings: &[Finding],
    norms: &Norms,
) -> f64 {
    let l = &norms.length;
    let talk = speech.speaking_seconds;
    let length = if (l.sweet_spot_min_seconds..=l.sweet_spot_max_seconds).contains(&talk) {
        35.0
    } else if (l.flag_below_seconds..=l.flag_above_seconds).contains(&talk) {
        20.0
    } else {
        5.0
    };
    let pc = &norms.pace;
    let pace = if (pc.good_min_wpm..=pc.good_max_wpm).contains(&d.wpm) {
        25.0
    } else if (pc.slow_below_wpm..=pc.fast_above_wpm).contains(&d.wpm) {
        15.0
    } else {
        5.0
    };
    let f = d.fillers.per_100_words;
    let fillers = if f <= norms.fillers.quiet_per_100_words {
        25.0
    } else if f <= norms.fillers.flag_per_100_words {
        15.0
    } else {
        5.0
    };
    let pause_findings = findings
        .iter()
        .filter(|f| f.kind == "long_silence" || f.kind == "mid_sentence_pause")
        .count();
    let pauses = match pause_findings {
        0 => 15.0,
        1 => 8.0,
        _ => 0.0,
    };
    length + pace + fillers + pauses
}

/// The total from its parts (see the module's first lines); the same for every rubric.
pub(crate) fn weighed(structure: f64, content: f64, delivery: Option<f64>) -> Score {
    let total = match delivery {
        Some(d) => 0.40 * structure + 0.35 * content + 0.25 * d,
        None => 0.55 * structure + 0.45 * content,
    };
    Score {
        total: round(total),
        structure: round(structure),
        delivery: delivery.map(round),
        content: round(content),
    }
}

/// Words that name what an answer measured, for advice like "say by how much latency dropped".
const METRICS: &[&str] = &[
    "latency",
    "p99",
    "p95",
    "response time",
    "throughput",
    "cost",
    "costs",
    "bill",
    "revenue",
    "conversion",
    "errors",
    "error rate",
    "downtime",
    "outages",
    "incidents",
    "bugs",
    "tickets",
    "users",
    "customers",
    "traffic",
    "coverage",
    "build time",
    "deploy time",
    "load",
    "memory",
    "cpu",
    "churn",
    "sales",
    "time",
];

fn metric_in(star: &StarReport) -> Option<&'static str> {
    let text = star
        .units
        .iter()
        .map(|u| u.text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    METRICS
        .iter()
        .find(|m| {
            text.split(|c: char| !c.is_alphanumeric())
                .collect::<Vec<_>>()
                .join(" ")
                .contains(*m)
        })
        .copied()
}

fn first_of(star: &StarReport, part: Part) -> Option<&super::report::StarUnit> {
    star.units.iter().find(|u| u.label == part)
}

fn span_of(star: &StarReport, part: Part) -> (f64, f64) {
    let mut it = star.units.iter().filter(|u| u.label == part);
    let first = it.next();
    let last = star.units.iter().rev().find(|u| u.label == part);
    (
        first.and_then(|u| u.start).unwrap_or(0.0),
        last.and_then(|u| u.end).unwrap_or(0.0),
    )
}

fn measure(star: &StarReport, part: Part) -> String {
    match star.seconds {
        Some(s) => {
            let total = s.situation + s.task + s.action + s.result + s.other;
            format!("{:.0} s of {:.0}", s.get(part), total)
        }
        None => {
            let w = star.words;
            format!(
                "{:.0} of {:.0} words",
                w.get(part),
                w.situation + w.task + w.action + w.result + w.other
            )
        }
    }
}

/// A warning about a whole part: from its first unit to its last, quoting the first.
fn part_finding(star: &StarReport, part: Part, kind: FindingKind, message: String) -> Finding {
    let (start, end) = span_of(star, part);
    let quote = first_of(star, part)
        .map(|u| u.text.clone())
        .unwrap_or_default();
    Finding {
        kind,
        severity: Severity::Warning,
        message,
        quote,
        start,
        end,
    }
}

/// A feedback line, and the STAR part whose size it is about when it asks to add a missing part
/// or to grow or cut one (the length line says the same with seconds, and takes its place).
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    pub line: String,
    pub resizes: Option<Part>,
}

/// The part a finding of this kind asks to add, grow or cut.
fn resized_by(kind: FindingKind) -> Option<Part> {
    match kind {
        FindingKind::MissingSituation | FindingKind::LongSituation => Some(Part::Situation),
        FindingKind::MissingTask => Some(Part::Task),
        FindingKind::MissingAction | FindingKind::ThinAction => Some(Part::Action),
        FindingKind::MissingResult => Some(Part::Result),
        _ => None,
    }
}

/// Findings about the story, and the feedback lines they lead to (most important first).
pub fn star_findings(star: &StarReport, norms: &Norms) -> (Vec<Finding>, Vec<Advice>) {
    let mut findings = Vec::new();
    let mut feedback = Vec::new();
    let mut add = |kind: FindingKind,
                   severity,
                   message: String,
                   unit: Option<&super::report::StarUnit>,
                   advice: String| {
        findings.push(Finding {
            kind,
            severity,
            message,
            quote: unit.map(|u| u.text.clone()).unwrap_or_default(),
            start: unit.and_then(|u| u.start).unwrap_or(0.0),
            end: unit.and_then(|u| u.end).unwrap_or(0.0),
        });
        feedback.push(Advice {
            line: advice,
            resizes: resized_by(kind),
        });
    };
    if star.units.is_empty() {
        return (findings, feedback);
    }
    let p = star.present;
    let hypothetical = star.action_units > 0 && star.hypothetical_actions * 2 >= star.action_units;
    if hypothetical {
        add(
            FindingKind::Hypothetical,
            Severity::Problem,
            format!("{} of your {} Action sentences say what you would or usually do, not what you did.", star.hypothetical_actions, star.action_units),
            star.units.iter().find(|u| u.label == Part::Action),
            "Tell one real time it happened: start with \"Last year, when…\" and say what you did then.".into(),
        );
    }
    if !p.action {
        add(
            FindingKind::MissingAction,
            Severity::Problem,
            "No Action: the answer never says what you did.".into(),
            None,
            "Spend most of the answer on the steps you took yourself: \"I …, then I …\".".into(),
        );
    }
    if !p.result {
        let advice = match metric_in(star) {
            Some(m) => format!("End with the Result: what happened to {m}, with a number."),
            None => "End with the Result: what changed, and by how much.".into(),
        };
        add(
            FindingKind::MissingResult,
            Severity::Problem,
            "No Result: the answer stops before saying what came of it.".into(),
            star.units.last(),
            advice,
        );
    } else if !star.quantified_result {
        let advice = match metric_in(star) {
            Some(m) => format!("Your Result has no number: say by how much {m} changed."),
            None => "Your Result has no number: say how much, how many or how fast.".into(),
        };
        add(
            FindingKind::UnquantifiedResult,
            Severity::Warning,
            "The Result has no number in it.".into(),
            first_of(star, Part::Result),
            advice,
        );
    }
    if !p.situation {
        add(
            FindingKind::MissingSituation,
            Severity::Warning,
            "No Situation: the listener does not know where and when this happened.".into(),
            star.units.first(),
            "Open with one sentence of context: where you were, when, and what was at stake."
                .into(),
        );
    }
    if !p.task {
        add(
            FindingKind::MissingTask,
            Severity::Info,
            "No Task: it is not clear what you were responsible for.".into(),
            first_of(star, Part::Action),
            "Add one sentence on your goal: \"My job was to …\".".into(),
        );
    }
    let subjects = star.action_i + star.action_we;
    if star.action_units > 0
        && subjects > 0
        && (star.action_i as f64) < norms.star.ownership_i_share * subjects as f64
        && star.action_we > 0
    {
        // Counted from the words, as `action_we` is: a "we used …" with no action cue still
        // says "we", and the line must not tell the speaker "0 of your 1".
        let says_we = |u: &&super::report::StarUnit| {
            u.label == Part::Action && words_of(&u.text).iter().any(|w| w == "we")
        };
        let we_units = star.units.iter().filter(says_we).count();
        add(
            FindingKind::Ownership,
            Severity::Warning,
            format!(
                "In the Action, \"we\" is the subject {} times and \"I\" {} times.",
                star.action_we, star.action_i
            ),
            star.units.iter().find(says_we),
            format!(
                "{we_units} of your {} Action sentences say \"we\": say what you did.",
                star.action_units
            ),
        );
    }
    let s = shares(star);
    if p.situation && s.situation > norms.star.situation_flag_share {
        let message = format!(
            "The Situation took {} ({:.0} %).",
            measure(star, Part::Situation),
            100.0 * s.situation
        );
        findings.push(part_finding(
            star,
            Part::Situation,
            FindingKind::LongSituation,
            message,
        ));
        feedback.push(Advice {
            line: format!(
                "Situation took {}: {}.",
                measure(star, Part::Situation),
                // Only an answer with more than two sentences of setting can cut it to two.
                if star
                    .units
                    .iter()
                    .filter(|u| u.label == Part::Situation)
                    .count()
                    > 2
                {
                    "cut it to two sentences"
                } else {
                    "say less of the setting and more of what you did"
                }
            ),
            resizes: resized_by(FindingKind::LongSituation),
        });
    }
    if p.action && s.action < norms.star.action_flag_share && !hypothetical {
        let message = format!(
            "The Action took only {} ({:.0} %); it should be the longest part.",
            measure(star, Part::Action),
            100.0 * s.action
        );
        findings.push(part_finding(
            star,
            Part::Action,
            FindingKind::ThinAction,
            message,
        ));
        feedback.push(Advice {
            line: "Give the Action more room: two or three concrete steps you took, and why."
                .into(),
            resizes: resized_by(FindingKind::ThinAction),
        });
    }
    if !star.in_order {
        findings.push(Finding { kind: FindingKind::Order, severity: Severity::Info, message: "The parts come out of order; listeners follow Situation, Task, Action, Result most easily.".into(), quote: String::new(), start: 0.0, end: 0.0 });
    }
    if p.result && !star.reflection {
        findings.push(Finding {
            kind: FindingKind::NoReflection,
            severity: Severity::Info,
            message: "No reflection: a closing line on what you learned makes the story yours."
                .into(),
            quote: String::new(),
            start: 0.0,
            end: 0.0,
        });
        feedback.push(Advice {
            line: "Close with one line on what you learned or would do differently.".into(),
            resizes: None,
        });
    }
    (findings, feedback)
}

/// Feedback lines from the delivery findings.
pub fn delivery_feedback(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter_map(|f| match f.kind {
            FindingKind::TooShort
            | FindingKind::TooLong
            | FindingKind::PaceSlow
            | FindingKind::PaceFast
            | FindingKind::Fillers => Some(f.message.clone()),
            FindingKind::LongSilence if f.severity == Severity::Warning => Some(format!(
                "{} Bridge the gap with \"Let me think for a second\".",
                f.message
            )),
            _ => None,
        })
        .collect()
}
