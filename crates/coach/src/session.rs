//! A mock interview's summary: every answer's score and time, the STAR part that is weakest
//! across the answers, and the one thing to practise next.

use crate::norms::StarNorms;
use crate::rubrics::report::PartsReport;
use crate::rubrics::Element;
use crate::star::{Part, Score, StarReport};
use serde::{Deserialize, Serialize};

/// What the summary needs of one answer.
pub struct AnsweredQuestion<'a> {
    pub question: &'a str,
    pub speaking_seconds: f64,
    /// Fillers counted in the answer (words and sounds).
    pub fillers: usize,
    pub star: Option<&'a StarReport>,
    /// The parts of an answer judged by another rubric than STAR.
    pub parts: Option<&'a PartsReport>,
    pub score: Option<Score>,
    pub feedback: &'a [String],
}

impl<'a> AnsweredQuestion<'a> {
    /// `question`, answered as `assessment` judged it.
    pub fn from_assessment(question: &'a str, assessment: &'a crate::TakeAssessment) -> Self {
        AnsweredQuestion {
            question,
            speaking_seconds: assessment.speech.speaking_seconds,
            fillers: assessment.delivery.fillers.count,
            star: assessment.star.as_ref(),
            parts: assessment.parts.as_ref(),
            score: assessment.score,
            feedback: &assessment.feedback,
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AnswerLine {
    pub question: String,
    pub speaking_seconds: f64,
    /// Fillers counted in the answer (words and sounds).
    #[serde(default)]
    pub fillers: usize,
    /// None for an answer with no speech.
    pub total: Option<f64>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SessionSummary {
    pub answers: Vec<AnswerLine>,
    /// Mean total score of the scored answers.
    pub mean_score: Option<f64>,
    pub weakest_part: Option<Part>,
    /// Why that part is the weakest, in words.
    pub weakest_reason: Option<String>,
    /// The one thing to practise next.
    pub next: Option<String>,
}

fn target(norms: &StarNorms, part: Part) -> f64 {
    match part {
        Part::Situation => norms.situation_share,
        Part::Task => norms.task_share,
        Part::Action => norms.action_share,
        Part::Result => norms.result_share,
        Part::Other => 0.0,
    }
}

fn name(part: Part) -> &'static str {
    match part {
        Part::Situation => "Situation",
        Part::Task => "Task",
        Part::Action => "Action",
        Part::Result => "Result",
        Part::Other => "Other",
    }
}

pub fn session_summary(answers: &[AnsweredQuestion], norms: &StarNorms) -> SessionSummary {
    let lines = answers
        .iter()
        .map(|a| AnswerLine {
            question: a.question.to_string(),
            speaking_seconds: a.speaking_seconds,
            fillers: a.fillers,
            total: a.score.map(|s| s.total),
        })
        .collect();
    let scored: Vec<&AnsweredQuestion> = answers.iter().filter(|a| a.score.is_some()).collect();
    let mean_score = (!scored.is_empty()).then(|| {
        scored
            .iter()
            .filter_map(|a| a.score)
            .map(|s| s.total)
            .sum::<f64>()
            / scored.len() as f64
    });
    let stars: Vec<&StarReport> = scored.iter().filter_map(|a| a.star).collect();
    // Weakest: missing from the most answers; among equals, furthest from its target share.
    let weakest = (!stars.is_empty())
        .then(|| {
            [Part::Situation, Part::Task, Part::Action, Part::Result]
                .into_iter()
                .map(|part| {
                    let missing = stars.iter().filter(|s| !s.present.get(part)).count();
                    let mean_share = stars
                        .iter()
                        .map(|s| s.seconds.unwrap_or(s.words).shares().get(part))
                        .sum::<f64>()
                        / stars.len() as f64;
                    let gap = (mean_share - target(norms, part)).abs();
                    (part, missing, mean_share, gap)
                })
                .max_by(|a, b| a.1.cmp(&b.1).then(a.3.total_cmp(&b.3)))
        })
        .flatten();
    let weakest_reason = weakest.map(|(part, missing, share, _)| {
        if missing > 0 {
            format!(
                "{} was missing from {missing} of {} answers",
                name(part),
                stars.len()
            )
        } else {
            format!(
                "{} took {:.0} % of your time on average (target {:.0} %)",
                name(part),
                100.0 * share,
                100.0 * target(norms, part)
            )
        }
    });
    // Answers judged by other rubrics name their own most-missed part, which stands in when it
    // was missed more often than the weakest STAR part (or there were no stories).
    let parts: Vec<&PartsReport> = scored.iter().filter_map(|a| a.parts).collect();
    let mut missed: Vec<(Element, usize)> = Vec::new();
    for report in &parts {
        for element in report.missing() {
            match missed.iter_mut().find(|m| m.0 == element) {
                Some(m) => m.1 += 1,
                None => missed.push((element, 1)),
            }
        }
    }
    let most_missed = missed.into_iter().max_by_key(|m| m.1);
    let (weakest, weakest_reason) = match (weakest, most_missed) {
        (story, Some((element, count))) if story.is_none_or(|w| w.1 < count) => (
            None,
            Some(format!(
                "{} was missing from {count} of {} answers",
                element.title(),
                parts.len()
            )),
        ),
        (story, _) => (story, weakest_reason),
    };
    let lowest = scored.iter().min_by(|a, b| {
        let (x, y) = (
            a.score.map_or(0.0, |s| s.total),
            b.score.map_or(0.0, |s| s.total),
        );
        x.total_cmp(&y)
    });
    let next = lowest.map(|a| {
        let advice = a
            .feedback
            .first()
            .cloned()
            .unwrap_or_else(|| match a.parts {
                Some(p) => format!(
                    "tell it again with {}",
                    p.parts
                        .iter()
                        .map(|x| x.title.to_lowercase())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => "tell it again with a clear Situation, Task, Action and Result".into(),
            });
        format!(
            "Redo \"{}\" ({:.0}/100): {advice}",
            a.question,
            a.score.map_or(0.0, |s| s.total)
        )
    });
    SessionSummary {
        answers: lines,
        mean_score,
        weakest_part: weakest.map(|w| w.0),
        weakest_reason,
        next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::star::units::untimed_words;
    use crate::{assess_answer, Norms, Transcript};

    /// Each assessment as an answer of a minute to the question named beside it.
    fn answered<'a>(takes: &[(&'a str, &'a crate::StarAssessment)]) -> Vec<AnsweredQuestion<'a>> {
        takes
            .iter()
            .map(|(q, a)| AnsweredQuestion {
                question: q,
                speaking_seconds: 60.0,
                fillers: 0,
                star: a.star.as_ref(),
                parts: a.parts.as_ref(),
                score: Some(a.score),
                feedback: &a.feedback,
            })
            .collect()
    }

    fn assess(text: &str) -> crate::StarAssessment {
        let t = Transcript::from_words(untimed_words(text));
        assess_answer(
            &t,
            None,
            Vec::new(),
            &Norms::default(),
            crate::Rubric::Story,
        )
    }

    #[test]
    fn the_part_missing_most_often_is_the_weakest_and_the_lowest_answer_is_next() {
        let full = assess(
            "Last year our payment service failed every Friday. I had to find out why. \
             I profiled the workers and I rewrote the retry logic. Failures dropped by 90 percent.",
        );
        let no_result = assess(
            "At my last company the deploys were slow. I was responsible for the pipeline. \
             I split the test suite and I cached the builds.",
        );
        let also_no_result = assess(
            "In my first job the database kept locking. My task was to stop it. \
             I added indexes and I moved the reports to a replica.",
        );
        let answers = answered(&[("q1", &full), ("q2", &no_result), ("q3", &also_no_result)]);
        let summary = session_summary(&answers, &Norms::default().star);
        assert_eq!(summary.weakest_part, Some(Part::Result));
        assert_eq!(
            summary.weakest_reason.as_deref(),
            Some("Result was missing from 2 of 3 answers")
        );
        assert_eq!(summary.answers.len(), 3);
        let next = summary.next.unwrap();
        assert!(
            next.starts_with("Redo \"q2\"") || next.starts_with("Redo \"q3\""),
            "{next}"
        );
        assert!(full.score.total > no_result.score.total);
    }

    #[test]
    fn answers_to_other_rubrics_name_their_weakest_part_in_their_own_terms() {
        let plan = |text: &str| {
            assess_answer(
                &Transcript::from_words(untimed_words(text)),
                None,
                Vec::new(),
                &Norms::default(),
                crate::Rubric::Plan,
            )
        };
        let a =
            plan("First I would check the logs. Then I would tell my manager what is going on.");
        let b = plan("I would restart the service straight away. I would call the team lead.");
        let answers = answered(&[("q1", &a), ("q2", &b)]);
        let summary = session_summary(&answers, &Norms::default().star);
        let reason = summary.weakest_reason.unwrap();
        assert_eq!(summary.weakest_part, None);
        assert!(
            reason.ends_with("was missing from 2 of 2 answers"),
            "{reason}"
        );
        assert!(
            !reason.contains("Task") && !reason.contains("Result"),
            "{reason}"
        );
    }

    #[test]
    fn no_scored_answers_gives_an_empty_summary() {
        let summary = session_summary(
            &[AnsweredQuestion {
                question: "q",
                speaking_seconds: 0.0,
                fillers: 0,
                star: None,
                parts: None,
                score: None,
                feedback: &[],
            }],
            &Norms::default().star,
        );
        assert_eq!(summary.mean_score, None);
        assert_eq!(summary.weakest_part, None);
        assert_eq!(summary.next, None);
        assert_eq!(summary.answers[0].total, None);
    }
}
