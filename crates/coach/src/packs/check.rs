//! What makes a pack usable, checked the same way for a file (`parse_pack`, which turns a
//! problem into a line and column) and for a pack edited in the app (which turns it into the
//! field to fix).

use super::{QuestionPack, MOST_QUESTIONS, TARGET_RANGE};
use crate::follow_ups::gap_fits;
use crate::rubrics::Rubric;
use serde::Serialize;

/// What is wrong with a pack and where: the question (by position, from 0), the field of the
/// pack or of that question (`id`, `name`, `question`, `text`, `target_seconds`, `follow_up`),
/// and for a follow-up its position.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackProblem {
    pub question: Option<usize>,
    pub field: String,
    pub follow_up: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for PackProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PackProblem {}

fn problem(question: Option<usize>, field: &str, message: String) -> PackProblem {
    PackProblem {
        question,
        field: field.into(),
        follow_up: None,
        message,
    }
}

/// The first problem of `pack`, in the order a reader meets them.
pub fn check_pack(pack: &QuestionPack) -> Result<(), PackProblem> {
    if pack.id.trim().is_empty()
        || !pack
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(problem(
            None,
            "id",
            format!("pack id {:?} must be letters, digits, '-' or '_'", pack.id),
        ));
    }
    if pack.name.trim().is_empty() {
        return Err(problem(None, "name", "the pack has no name".into()));
    }
    if pack.questions.is_empty() {
        return Err(problem(
            None,
            "question",
            "a pack needs at least one [[question]]".into(),
        ));
    }
    if pack.questions.len() > MOST_QUESTIONS {
        return Err(problem(
            None,
            "question",
            format!(
                "a pack holds at most {MOST_QUESTIONS} questions; this one has {}",
                pack.questions.len()
            ),
        ));
    }
    for (n, q) in pack.questions.iter().enumerate() {
        let at = Some(n);
        if q.id.trim().is_empty() {
            return Err(problem(at, "id", "a question has an empty id".into()));
        }
        if pack.questions[..n].iter().any(|earlier| earlier.id == q.id) {
            return Err(problem(
                at,
                "id",
                format!("question id {:?} is used twice", q.id),
            ));
        }
        if q.text.trim().is_empty() {
            return Err(problem(
                at,
                "text",
                format!("question {:?} has no text", q.id),
            ));
        }
        let rubric = Rubric::for_category(q.category);
        for (i, f) in q.follow_ups.iter().enumerate() {
            let follow_up = |message: String| PackProblem {
                question: at,
                field: "follow_up".into(),
                follow_up: Some(i),
                message,
            };
            if f.ask.trim().is_empty() {
                return Err(follow_up(format!(
                    "question {:?}: follow_up {} has no ask",
                    q.id,
                    i + 1
                )));
            }
            if !gap_fits(f.gap, rubric) {
                return Err(follow_up(format!(
                    "question {:?}: follow_up {} asks about {:?}, which a {:?} question's answer cannot lack",
                    q.id,
                    i + 1,
                    f.gap,
                    q.category
                )));
            }
            if q.follow_ups[..i].iter().any(|g| g.gap == f.gap) {
                return Err(follow_up(format!(
                    "question {:?}: two follow_ups for {:?}",
                    q.id, f.gap
                )));
            }
        }
        if !TARGET_RANGE.contains(&q.target_seconds) {
            return Err(problem(
                at,
                "target_seconds",
                format!(
                    "question {:?}: target_seconds {} is outside {}–{}",
                    q.id,
                    q.target_seconds,
                    TARGET_RANGE.start(),
                    TARGET_RANGE.end()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow_ups::{Gap, PackFollowUp};

    fn edited() -> QuestionPack {
        let mut pack = crate::builtin_packs().remove(1);
        pack.id = "my-pack".into();
        pack
    }

    /// A pack edited in the app is told which field of which question to fix.
    #[test]
    fn a_problem_names_the_question_and_the_field() {
        assert_eq!(check_pack(&edited()), Ok(()));
        let mut pack = edited();
        pack.questions[2].target_seconds = 400;
        let p = check_pack(&pack).unwrap_err();
        assert_eq!((p.question, p.field.as_str()), (Some(2), "target_seconds"));
        assert!(p.message.contains("outside 15–300"), "{p}");

        let mut pack = edited();
        let behavioural = pack
            .questions
            .iter()
            .position(|q| q.category == crate::Category::Behavioural)
            .unwrap();
        pack.questions[behavioural].follow_ups.push(PackFollowUp {
            gap: Gap::MissingTradeoffs,
            ask: "What did it cost?".into(),
        });
        let p = check_pack(&pack).unwrap_err();
        let last = pack.questions[behavioural].follow_ups.len() - 1;
        assert_eq!(
            (p.question, p.field.as_str(), p.follow_up),
            (Some(behavioural), "follow_up", Some(last))
        );

        let mut pack = edited();
        pack.questions[5].id = pack.questions[1].id.clone();
        let p = check_pack(&pack).unwrap_err();
        assert_eq!((p.question, p.field.as_str()), (Some(5), "id"));

        let mut pack = edited();
        pack.name = " ".into();
        assert_eq!(check_pack(&pack).unwrap_err().field, "name");
        pack.id = "my pack".into();
        assert_eq!(check_pack(&pack).unwrap_err().field, "id");
    }
}
