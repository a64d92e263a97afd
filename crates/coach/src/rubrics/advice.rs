//! Scores, findings and "next time" lines for non-story answers, in the terms of their rubric:
//! an answer to "What's your approach to Java?" is never told it has no Task.
//!
//! Scores (points; delivery and the total are weighed as for stories, `star::rubric`):
//! - structure = 80 × the share of the rubric's parts present + 20 × the share of the answer
//!   that is one of them. Each part weighs the same, as STAR's do; the 20 keeps small talk and
//!   restating the question from scoring as well as content.
//! - content = 35 for a number anywhere + 35 for the concrete part (an example with its
//!   outcome, a way to know the plan worked, something already under way) + 30 × the share of
//!   parts said in the first person. The number and the concrete part are what separate a
//!   considered answer from a generic one ("I think testing is really important"); speaking
//!   for yourself matters, but less, since "you should" is normal in a plan or a view.

use super::report::PartsReport;
use super::{Element, Rubric};
use crate::findings::{Finding, FindingKind, Severity};

pub struct PartsScore {
    pub structure: f64,
    pub content: f64,
}

pub fn parts_score(report: &PartsReport) -> PartsScore {
    let n = report.parts.len().max(1) as f64;
    let present = report.parts.iter().filter(|p| p.present).count() as f64;
    let part_words: usize = report.parts.iter().map(|p| p.words).sum();
    let all_words = part_words + report.other_words;
    let on_topic = if all_words == 0 {
        0.0
    } else {
        part_words as f64 / all_words as f64
    };
    PartsScore {
        structure: 80.0 * present / n + 20.0 * on_topic,
        content: if report.has_number { 35.0 } else { 0.0 }
            + if report.concrete { 35.0 } else { 0.0 }
            + 30.0 * report.first_person_share,
    }
}

/// What is said about a missing part: the finding, and the line for next time.
fn missing_part(element: Element) -> (&'static str, &'static str) {
    match element {
        Element::Position => (
            "No clear position: the answer never says what you think or how you see it.",
            "Open with your view in one sentence: \"My approach is …\" or \"I treat … as …\".",
        ),
        Element::Practice => (
            "No \"how you work\": the answer does not say what you actually do.",
            "Say how you work in practice: two or three steps or habits, \"First I …, then I …\".",
        ),
        Element::Example => (
            "No example: nothing shows the approach at work.",
            "Give one real example from your work and what came of it: \"Last year, on …, this meant …\".",
        ),
        Element::Tradeoffs => (
            "No trade-offs: the answer does not say what the approach costs or when it does not fit.",
            "Name one trade-off: what your way costs, or when you would do it differently.",
        ),
        Element::FirstSteps => (
            "No first steps: it is not clear what you would do first.",
            "Start with what you would do first, and why that comes first.",
        ),
        Element::People => (
            "Nobody else is in the plan: who you would involve or tell is missing.",
            "Say who you would bring in or keep informed, and when.",
        ),
        Element::Risks => (
            "No risks: the plan does not say what could go wrong.",
            "Name the main risk of your plan and how you would guard against it.",
        ),
        Element::Measure => (
            "No way to know it worked: the plan has no finish line.",
            "Close with how you would know it worked: the number or sign you would watch.",
        ),
        Element::View => (
            "No clear view: the answer does not say where you think things are going.",
            "State your view plainly first: \"I think … will …\".",
        ),
        Element::Reasons => (
            "No reasons: the view is not backed by anything you have seen.",
            "Give the reasons behind your view: what you have seen that points that way.",
        ),
        Element::Preparation => (
            "Nothing about what you are doing about it.",
            "Say what you are doing about it now: a course, a project, a role you have taken on.",
        ),
        Element::Other => ("", ""),
    }
}

/// The parts whose absence matters most, for each rubric: these are problems, the rest warnings.
pub(crate) fn essential(rubric: Rubric, element: Element) -> bool {
    matches!(
        (rubric, element),
        (Rubric::Approach, Element::Position | Element::Example)
            | (Rubric::Plan, Element::FirstSteps)
            | (Rubric::Vision, Element::View | Element::Reasons)
    )
}

/// Findings and "next time" lines for a non-story answer, most important first.
pub fn parts_findings(report: &PartsReport) -> (Vec<Finding>, Vec<String>) {
    let mut findings = Vec::new();
    let mut feedback = Vec::new();
    if report.units.is_empty() {
        return (findings, feedback);
    }
    let mut missing: Vec<Element> = report.missing().collect();
    missing.sort_by_key(|e| !essential(report.rubric, *e));
    for element in missing {
        let (message, line) = missing_part(element);
        findings.push(Finding {
            kind: FindingKind::MissingPart,
            severity: if essential(report.rubric, element) {
                Severity::Problem
            } else {
                Severity::Warning
            },
            message: message.into(),
            quote: String::new(),
            start: 0.0,
            end: 0.0,
        });
        feedback.push(line.to_string());
    }
    if report.rubric == Rubric::Approach && report.present(Element::Example) && !report.concrete {
        let unit = report.first_of(Element::Example);
        findings.push(Finding {
            kind: FindingKind::ExampleWithoutOutcome,
            severity: Severity::Warning,
            message: "Your example has no outcome in it.".into(),
            quote: unit.map(|u| u.text.clone()).unwrap_or_default(),
            start: unit.and_then(|u| u.start).unwrap_or(0.0),
            end: unit.and_then(|u| u.end).unwrap_or(0.0),
        });
        feedback.push("Say what came of your example, with a number if you have one.".into());
    }
    if !report.has_number && report.missing().count() < report.parts.len() {
        findings.push(Finding {
            kind: FindingKind::NoSpecifics,
            severity: Severity::Info,
            message: "No number anywhere: the answer stays general.".into(),
            quote: String::new(),
            start: 0.0,
            end: 0.0,
        });
        feedback.push(match report.rubric {
            Rubric::Plan => "Put a number on the plan: a time, a threshold, a size.".to_string(),
            _ => "Add one specific: a number, a name, a date.".to_string(),
        });
    }
    (findings, feedback)
}

/// What to grow in a short answer: the first missing part, else the one with the fewest words.
pub fn grow_line(report: &PartsReport, amount: f64) -> Option<String> {
    let part = report.missing().next().or_else(|| {
        report
            .parts
            .iter()
            .min_by_key(|p| p.words)
            .map(|p| p.element)
    })?;
    Some(format!(
        "add about {amount:.0} s on {}",
        part.title().to_lowercase()
    ))
}

/// What to cut in a long answer: talk that is none of the parts, else the longest part.
pub fn cut_line(report: &PartsReport, amount: f64) -> Option<String> {
    let longest = report.parts.iter().max_by_key(|p| p.words)?;
    if report.other_words > longest.words {
        return Some(format!(
            "cut about {amount:.0} s that answers none of the question"
        ));
    }
    Some(format!(
        "cut {} by about {amount:.0} s",
        longest.title.to_lowercase()
    ))
}
