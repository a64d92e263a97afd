//! Follow-up questions: what an interviewer asks when an answer leaves something out ("What was
//! the outcome, in numbers?", "What did you do yourself?"), chosen from the answer's own
//! assessment, and the judgement of the reply together with the answer it follows
//! (ARCHITECTURE.md, "Follow-up questions").
//!
//! A question in a pack may carry its own follow-ups, one per gap; the general ones below are
//! asked otherwise. The reply is judged with the answer: a Result given when asked counts for
//! the pair, while the answer itself keeps its findings (it still left the Result out).

use crate::assessment::{assess_answer, StarAssessment, TakeAssessment};
use crate::findings::FindingKind;
use crate::norms::Norms;
use crate::packs::Question;
use crate::rubrics::{advice::essential, Element, Rubric};
use crate::star::cues::Part;
use crate::transcript::{Transcript, Word};
use serde::{Deserialize, Serialize};

/// What an answer left out that a follow-up can ask for.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    /// A story told as what one would do.
    Hypothetical,
    MissingAction,
    /// The Action told as "we".
    Ownership,
    MissingResult,
    UnquantifiedResult,
    MissingTask,
    MissingSituation,
    /// An approach's example without its outcome.
    ExampleWithoutOutcome,
    /// No number anywhere in a non-story answer.
    NoSpecifics,
    MissingPosition,
    MissingPractice,
    MissingExample,
    MissingTradeoffs,
    MissingFirstSteps,
    MissingPeople,
    MissingRisks,
    MissingMeasure,
    MissingView,
    MissingReasons,
    MissingPreparation,
}

impl Gap {
    /// The finding that names this gap in an assessment.
    fn finding(self) -> FindingKind {
        match self {
            Gap::Hypothetical => FindingKind::Hypothetical,
            Gap::MissingAction => FindingKind::MissingAction,
            Gap::Ownership => FindingKind::Ownership,
            Gap::MissingResult => FindingKind::MissingResult,
            Gap::UnquantifiedResult => FindingKind::UnquantifiedResult,
            Gap::MissingTask => FindingKind::MissingTask,
            Gap::MissingSituation => FindingKind::MissingSituation,
            Gap::ExampleWithoutOutcome => FindingKind::ExampleWithoutOutcome,
            Gap::NoSpecifics => FindingKind::NoSpecifics,
            _ => FindingKind::MissingPart,
        }
    }

    /// The rubric part this gap is the absence of, for a non-story answer.
    fn element(self) -> Option<Element> {
        Some(match self {
            Gap::MissingPosition => Element::Position,
            Gap::MissingPractice => Element::Practice,
            Gap::MissingExample => Element::Example,
            Gap::MissingTradeoffs => Element::Tradeoffs,
            Gap::MissingFirstSteps => Element::FirstSteps,
            Gap::MissingPeople => Element::People,
            Gap::MissingRisks => Element::Risks,
            Gap::MissingMeasure => Element::Measure,
            Gap::MissingView => Element::View,
            Gap::MissingReasons => Element::Reasons,
            Gap::MissingPreparation => Element::Preparation,
            _ => return None,
        })
    }

    /// What an interviewer asks when nothing better is in the pack.
    pub fn general_question(self) -> &'static str {
        match self {
            Gap::Hypothetical => {
                "That is what you would do. Tell me about a time it really happened: what did you do?"
            }
            Gap::MissingAction => "What did you do, step by step?",
            Gap::Ownership => "You said we a lot. What did you do yourself?",
            Gap::MissingResult => "How did it turn out? What was the outcome?",
            Gap::UnquantifiedResult => "What was the outcome, in numbers?",
            Gap::MissingTask => "What exactly were you responsible for?",
            Gap::MissingSituation => "Can you set the scene? Where was this, and what was going on?",
            Gap::ExampleWithoutOutcome => "And how did that example turn out?",
            Gap::NoSpecifics => "Can you put a number on that?",
            Gap::MissingPosition => "So what is your view? How would you do it?",
            Gap::MissingPractice => "How do you go about it, day to day?",
            Gap::MissingExample => "Can you give me an example from your own work?",
            Gap::MissingTradeoffs => "What are the trade-offs? When would you not do it that way?",
            Gap::MissingFirstSteps => "What would you do first?",
            Gap::MissingPeople => "Who would you bring in, and when?",
            Gap::MissingRisks => "What could go wrong, and how would you guard against it?",
            Gap::MissingMeasure => "How would you know it had worked?",
            Gap::MissingView => "What is your own view on it?",
            Gap::MissingReasons => "Why? What makes you say that?",
            Gap::MissingPreparation => "What are you doing about it now?",
        }
    }

    /// The part of the answer the gap is in, as the user reads it.
    pub fn title(self) -> &'static str {
        match self {
            Gap::Hypothetical => "a real example",
            Gap::MissingAction => "the Action",
            Gap::Ownership => "your own part",
            Gap::MissingResult => "the Result",
            Gap::UnquantifiedResult => "a number in the Result",
            Gap::MissingTask => "the Task",
            Gap::MissingSituation => "the Situation",
            Gap::ExampleWithoutOutcome => "the example's outcome",
            Gap::NoSpecifics => "a number",
            other => other.element().map_or("", Element::title),
        }
    }
}

/// Every gap, most worth asking about first: a story that never happened, then what was done
/// and by whom, then what came of it; the scene last (an interviewer can do without it).
const GAPS: [Gap; 20] = [
    Gap::Hypothetical,
    Gap::MissingAction,
    Gap::Ownership,
    Gap::MissingResult,
    Gap::UnquantifiedResult,
    Gap::MissingTask,
    Gap::MissingSituation,
    Gap::MissingPosition,
    Gap::MissingExample,
    Gap::MissingFirstSteps,
    Gap::MissingView,
    Gap::MissingReasons,
    Gap::ExampleWithoutOutcome,
    Gap::MissingTradeoffs,
    Gap::MissingPeople,
    Gap::MissingRisks,
    Gap::MissingMeasure,
    Gap::MissingPractice,
    Gap::MissingPreparation,
    Gap::NoSpecifics,
];

/// The gaps an answer to a question of `category` can have, in the order they are asked about:
/// those a pack's `[[question.follow_up]]` may name.
pub fn gaps_for(category: crate::Category) -> Vec<Gap> {
    let rubric = Rubric::for_category(category);
    GAPS.into_iter().filter(|g| gap_fits(*g, rubric)).collect()
}

/// A question's own follow-up for one gap, from its pack.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFollowUp {
    pub gap: Gap,
    pub ask: String,
}

/// How hard the interviewer probes: no follow-ups, one per answer, or up to two.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpMode {
    Off,
    #[default]
    One,
    Probing,
}

impl FollowUpMode {
    pub fn most(self) -> usize {
        match self {
            FollowUpMode::Off => 0,
            FollowUpMode::One => 1,
            FollowUpMode::Probing => 2,
        }
    }

    pub fn parse(text: &str) -> Option<FollowUpMode> {
        match text {
            "off" => Some(FollowUpMode::Off),
            "one" => Some(FollowUpMode::One),
            "probing" => Some(FollowUpMode::Probing),
            _ => None,
        }
    }
}

/// A follow-up to ask.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub gap: Gap,
    /// What is said aloud.
    pub text: String,
    /// The question's own follow-up from its pack, rather than a general one.
    pub from_pack: bool,
}

/// The gaps of an answer, most worth asking about first.
pub fn gaps(assessment: &TakeAssessment) -> Vec<Gap> {
    let found = |kind: FindingKind| assessment.findings.iter().any(|f| f.kind == kind);
    let missing: Vec<Element> = assessment
        .parts
        .as_ref()
        .map(|p| p.missing().filter(|e| essential(p.rubric, *e)).collect())
        .unwrap_or_default();
    GAPS.into_iter()
        .filter(|g| match g.element() {
            Some(element) => missing.contains(&element),
            None => found(g.finding()),
        })
        .collect()
}

/// The follow-up to ask after `assessment`, the answer to `question`, when `asked` are the
/// gaps already asked about after it; `None` when the answer has no gap left to ask about or
/// `mode` allows no more. Nothing is asked of an answer with too few words to judge.
pub fn next_follow_up(
    question: &Question,
    assessment: &TakeAssessment,
    asked: &[Gap],
    mode: FollowUpMode,
) -> Option<FollowUp> {
    if asked.len() >= mode.most() || assessment.score.is_none() {
        return None;
    }
    let gap = gaps(assessment).into_iter().find(|g| !asked.contains(g))?;
    Some(match question.follow_ups.iter().find(|f| f.gap == gap) {
        Some(own) => FollowUp {
            gap,
            text: own.ask.clone(),
            from_pack: true,
        },
        None => FollowUp {
            gap,
            text: gap.general_question().to_string(),
            from_pack: false,
        },
    })
}

/// A reply to a follow-up, judged with the answer it follows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpJudgement {
    pub gap: Gap,
    /// Whether the answer and the reply together no longer leave the gap.
    pub answered: bool,
    /// The answer and the reply judged as one, by their words (delivery is each take's own).
    pub together: StarAssessment,
    /// What to tell the speaker about the pair.
    pub message: String,
}

/// A reply to a follow-up as the history keeps it: what was asked, and how the reply was judged
/// with its answer (`None` for a reply recovered after a crash, which was never judged).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpReply {
    pub asked: FollowUp,
    pub judgement: Option<FollowUpJudgement>,
}

/// Judges `reply`, given to the follow-up about `gap` after `answer`, with it.
pub fn judge_follow_up(
    answer: &TakeAssessment,
    reply: &TakeAssessment,
    gap: Gap,
    norms: &Norms,
) -> FollowUpJudgement {
    // The reply follows a second after the answer: that pause ends the answer's last unit even
    // where Whisper wrote no full stop (`star::units` breaks at long pauses).
    let offset = answer.transcript.words.last().map_or(0.0, |w| w.end) + 1.0;
    let words: Vec<Word> = answer
        .transcript
        .words
        .iter()
        .cloned()
        .chain(reply.transcript.words.iter().map(|w| Word {
            start: w.start + offset,
            end: w.end + offset,
            ..w.clone()
        }))
        .collect();
    let together = assess_answer(
        &Transcript::from_words(words),
        None,
        Vec::new(),
        norms,
        answer.rubric,
    );
    let answer_words = answer
        .transcript
        .words
        .iter()
        .map(|w| w.text.split_whitespace().count())
        .sum();
    let answered = reply_gives(&together, answer_words, reply, gap);
    let message = if answered {
        format!(
            "You gave {} when asked. Next time, give it before you stop: an interviewer may not ask.",
            gap.title()
        )
    } else if reply.transcript.is_empty() {
        "No reply was heard.".to_string()
    } else {
        format!("The reply did not give {} either.", gap.title())
    };
    FollowUpJudgement {
        gap,
        answered,
        together,
        message,
    }
}

/// Whether the reply's units give what `gap` asked for, each by a cue of its own: a unit that
/// is a Result only because it comes last ("I also like to write tests") gives nothing. A unit
/// is the reply's when it ends past the answer's `answer_words` (the two may share one, as
/// "…on Sunday. It landed on time, and," can be cut either way). What was done and by whom is
/// the reply's own to show: its Action told as done, and by "I".
fn reply_gives(
    together: &StarAssessment,
    answer_words: usize,
    reply: &TakeAssessment,
    gap: Gap,
) -> bool {
    let mut said = 0;
    let mut of_reply = |text: &str| {
        said += text.split_whitespace().count();
        said > answer_words
    };
    let still = |kind: FindingKind| together.findings.iter().any(|f| f.kind == kind);
    if matches!(gap, Gap::Ownership | Gap::Hypothetical) {
        let Some(own) = reply.star.as_ref() else {
            return false;
        };
        let done = own.action_units > own.hypothetical_actions;
        return match gap {
            Gap::Ownership => done && own.action_i > 0 && own.action_i >= own.action_we,
            _ => {
                done && !reply
                    .findings
                    .iter()
                    .any(|f| f.kind == FindingKind::Hypothetical)
            }
        };
    }
    if let Some(element) = gap.element() {
        return together.parts.as_ref().is_some_and(|p| {
            p.units
                .iter()
                .filter(|u| of_reply(&u.text))
                .any(|u| u.element == element && !u.cues.is_empty())
        });
    }
    // The scene and the task open a story; told in a reply, after the answer's Result, their
    // place would read them as more of the Result, so they are judged on the reply alone.
    if matches!(gap, Gap::MissingTask | Gap::MissingSituation) {
        let part = match gap {
            Gap::MissingTask => Part::Task,
            _ => Part::Situation,
        };
        return reply.star.as_ref().is_some_and(|own| {
            own.units
                .iter()
                .any(|u| u.label == part && !u.cues.is_empty())
        });
    }
    let Some(star) = together.star.as_ref() else {
        return gap == Gap::NoSpecifics && !still(FindingKind::NoSpecifics)
            || gap == Gap::ExampleWithoutOutcome && !still(FindingKind::ExampleWithoutOutcome);
    };
    let part = match gap {
        Gap::MissingResult | Gap::UnquantifiedResult => Part::Result,
        Gap::MissingTask => Part::Task,
        Gap::MissingSituation => Part::Situation,
        _ => Part::Action,
    };
    let told = star
        .units
        .iter()
        .filter(|u| of_reply(&u.text))
        .any(|u| u.label == part && !u.cues.is_empty());
    told && (gap != Gap::UnquantifiedResult || !still(gap.finding()))
}

/// Whether an answer judged by `rubric` can have `gap`: a question's own follow-ups may only
/// name gaps its rubric can find.
pub fn gap_fits(gap: Gap, rubric: Rubric) -> bool {
    match gap.element() {
        Some(element) => rubric.elements().contains(&element),
        None => match gap {
            Gap::ExampleWithoutOutcome => rubric == Rubric::Approach,
            Gap::NoSpecifics => rubric != Rubric::Story,
            _ => rubric == Rubric::Story,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::judged;

    fn question(follow_ups: Vec<PackFollowUp>) -> Question {
        Question {
            id: "q".into(),
            text: "Tell me about a time you fixed a slow service.".into(),
            category: crate::Category::Behavioural,
            target_seconds: 90,
            competencies: Vec::new(),
            hints: Vec::new(),
            source: None,
            follow_ups,
        }
    }

    const NO_RESULT: &[(&str, f64)] = &[
        (
            "Last spring our checkout service slowed down every evening.",
            8.0,
        ),
        (
            "I was asked to find the cause before the holiday sale.",
            8.0,
        ),
        (
            "I profiled the database queries and found a missing index.",
            10.0,
        ),
        ("Then I added the index and wrote a load test for it.", 10.0),
    ];

    #[test]
    fn an_answer_without_a_result_is_asked_for_it_in_the_packs_words_or_in_general() {
        let answer = judged(NO_RESULT, Rubric::Story);
        assert!(
            gaps(&answer).contains(&Gap::MissingResult),
            "{:?}",
            gaps(&answer)
        );
        let asked = next_follow_up(&question(Vec::new()), &answer, &[], FollowUpMode::One)
            .expect("a follow-up");
        assert_eq!(asked.gap, Gap::MissingResult);
        assert_eq!(asked.text, Gap::MissingResult.general_question());
        assert!(!asked.from_pack);
        let own = PackFollowUp {
            gap: Gap::MissingResult,
            ask: "Did the sale go through without trouble?".into(),
        };
        let asked = next_follow_up(&question(vec![own]), &answer, &[], FollowUpMode::One)
            .expect("a follow-up");
        assert_eq!(asked.text, "Did the sale go through without trouble?");
        assert!(asked.from_pack);
    }

    #[test]
    fn the_mode_bounds_how_many_are_asked() {
        let answer = judged(NO_RESULT, Rubric::Story);
        let q = question(Vec::new());
        assert!(next_follow_up(&q, &answer, &[], FollowUpMode::Off).is_none());
        let first = [Gap::MissingResult];
        assert!(next_follow_up(&q, &answer, &first, FollowUpMode::One).is_none());
        // Probing asks a second time only about another gap, if there is one.
        if let Some(second) = next_follow_up(&q, &answer, &first, FollowUpMode::Probing) {
            assert_ne!(second.gap, Gap::MissingResult);
        }
        assert!(next_follow_up(
            &q,
            &answer,
            &[Gap::MissingResult, Gap::MissingTask],
            FollowUpMode::Probing
        )
        .is_none());
    }

    #[test]
    fn a_complete_answer_is_not_followed_up() {
        let mut whole = NO_RESULT.to_vec();
        whole.push((
            "The page load time fell by forty percent and the sale ran without an outage.",
            10.0,
        ));
        let answer = judged(&whole, Rubric::Story);
        let asked = next_follow_up(&question(Vec::new()), &answer, &[], FollowUpMode::One);
        assert!(asked.is_none(), "{asked:?}");
    }

    #[test]
    fn a_result_given_when_asked_counts_for_the_pair_and_the_answer_keeps_its_finding() {
        let answer = judged(NO_RESULT, Rubric::Story);
        let reply = judged(
            &[(
                "The page load time fell by forty percent, and the sale ran without an outage.",
                6.0,
            )],
            Rubric::Story,
        );
        let judgement = judge_follow_up(&answer, &reply, Gap::MissingResult, &Norms::default());
        assert!(judgement.answered, "{judgement:?}");
        assert!(judgement.message.contains("the Result when asked"));
        assert!(answer
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::MissingResult));
        // As Whisper wrote the desktop test's reply, with a comma too many.
        let reply = judged(
            &[("It landed on time, and, page load time fell by 40%.", 4.0)],
            Rubric::Story,
        );
        let judgement = judge_follow_up(&answer, &reply, Gap::MissingResult, &Norms::default());
        assert!(judgement.answered, "{judgement:?}");
        let off_topic = judged(
            &[("I also like to write tests for my code.", 3.0)],
            Rubric::Story,
        );
        let judgement = judge_follow_up(&answer, &off_topic, Gap::MissingResult, &Norms::default());
        assert!(!judgement.answered, "{judgement:?}");
    }

    #[test]
    fn a_plan_without_first_steps_is_asked_what_comes_first() {
        let answer = judged(
            &[
                (
                    "If a release broke production I would involve the on-call lead and support.",
                    8.0,
                ),
                (
                    "The risk is losing orders, so I would watch the error rate closely.",
                    8.0,
                ),
            ],
            Rubric::Plan,
        );
        let mut q = question(Vec::new());
        q.category = crate::Category::Situational;
        let asked = next_follow_up(&q, &answer, &[], FollowUpMode::One);
        assert_eq!(asked.map(|f| f.gap), Some(Gap::MissingFirstSteps));
    }

    #[test]
    fn a_pack_follow_up_must_fit_its_questions_rubric() {
        assert!(gap_fits(Gap::MissingResult, Rubric::Story));
        assert!(!gap_fits(Gap::MissingResult, Rubric::Plan));
        assert!(gap_fits(Gap::MissingFirstSteps, Rubric::Plan));
        assert!(!gap_fits(Gap::MissingFirstSteps, Rubric::Story));
        assert!(gap_fits(Gap::ExampleWithoutOutcome, Rubric::Approach));
    }
}
