//! What to practise next: a review queue on a Leitner schedule, worked out from the history
//! alone (no state of its own), so it is the same in the app and the CLI and can be tested with
//! any clock.
//!
//! Every question practised sits in a box. Its attempts are replayed in order: an answer that
//! scores [`STRONG_SCORE`] or more moves the question up a box, one under [`WEAK_SCORE`] (or
//! with nothing to score) sends it back to the first, and one in between keeps it where it is.
//! A question is due again [`BOX_DAYS`] days after its last attempt, by its box: a weak answer
//! comes back tomorrow, a strong one less and less often. Questions never practised are not in
//! the queue (Home lists them all).

use serde::Serialize;

/// Days until a question in each box is due again, after its last attempt.
pub const BOX_DAYS: [i64; 5] = [1, 2, 4, 8, 16];
/// A score from which the question moves up a box (the band Results shows as good).
pub const STRONG_SCORE: u32 = 80;
/// A score under which the question goes back to the first box.
pub const WEAK_SCORE: u32 = 60;

const DAY_MS: i64 = 86_400_000;

/// One attempt at a question, as the history lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastAttempt {
    pub question_id: String,
    pub recorded_ms: i64,
    /// `None` when there was nothing to score (no speech).
    pub score: Option<u32>,
}

/// A question practised before, with when it is due again and why.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    pub question_id: String,
    /// 1 to 5.
    pub leitner_box: u8,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub last_ms: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub due_ms: i64,
    /// Due now (at or after `due_ms`).
    pub due: bool,
    pub last_score: Option<u32>,
    pub attempts: usize,
    /// "Scored 54 last time: back to every day."
    pub why: String,
}

/// The queue at `now_ms`: due questions first (longest overdue, then lowest last score), then
/// the rest by when they fall due. `attempts` may come in any order and may hold takes of
/// questions not in `known` (replies to follow-ups, removed packs), which are left out.
pub fn review_queue(known: &[&str], attempts: &[PastAttempt], now_ms: i64) -> Vec<ReviewItem> {
    let mut by_question: std::collections::BTreeMap<&str, Vec<&PastAttempt>> =
        std::collections::BTreeMap::new();
    for a in attempts
        .iter()
        .filter(|a| known.contains(&a.question_id.as_str()))
    {
        by_question
            .entry(a.question_id.as_str())
            .or_default()
            .push(a);
    }
    let mut items: Vec<ReviewItem> = by_question
        .into_iter()
        .map(|(id, mut tries)| {
            tries.sort_by_key(|a| a.recorded_ms);
            let mut leitner_box = 1u8;
            for a in &tries {
                leitner_box = next_box(leitner_box, a.score);
            }
            let last = tries.last().expect("grouped attempts are never empty");
            let due_ms = last.recorded_ms + BOX_DAYS[leitner_box as usize - 1] * DAY_MS;
            ReviewItem {
                question_id: id.to_string(),
                leitner_box,
                last_ms: last.recorded_ms,
                due_ms,
                due: now_ms >= due_ms,
                last_score: last.score,
                attempts: tries.len(),
                why: why(last.score, leitner_box),
            }
        })
        .collect();
    items.sort_by(|a, b| {
        b.due
            .cmp(&a.due)
            .then(a.due_ms.cmp(&b.due_ms))
            .then(a.last_score.unwrap_or(0).cmp(&b.last_score.unwrap_or(0)))
            .then(a.question_id.cmp(&b.question_id))
    });
    items
}

/// The questions of a review interview of at most `count`, from `queue` (as [`review_queue`]
/// orders it): every due question first, then the weakest of the rest by their last score,
/// lowest first.
pub fn review_interview(queue: &[ReviewItem], count: usize) -> Vec<&ReviewItem> {
    let mut rest: Vec<&ReviewItem> = queue.iter().filter(|i| !i.due).collect();
    rest.sort_by_key(|i| i.last_score.unwrap_or(0));
    queue
        .iter()
        .filter(|i| i.due)
        .chain(rest)
        .take(count)
        .collect()
}

fn next_box(current: u8, score: Option<u32>) -> u8 {
    match score {
        Some(s) if s >= STRONG_SCORE => (current + 1).min(BOX_DAYS.len() as u8),
        Some(s) if s >= WEAK_SCORE => current,
        _ => 1,
    }
}

fn why(score: Option<u32>, leitner_box: u8) -> String {
    let every = match BOX_DAYS[leitner_box as usize - 1] {
        1 => "every day".to_string(),
        days => format!("every {days} days"),
    };
    match score {
        None => format!("Nothing to score last time: back to {every}."),
        Some(s) if s >= STRONG_SCORE => format!("Scored {s} last time: now {every}."),
        Some(s) if s >= WEAK_SCORE => format!("Scored {s} last time: still {every}."),
        Some(s) => format!("Scored {s} last time: back to {every}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = DAY_MS;

    fn attempt(id: &str, day: f64, score: Option<u32>) -> PastAttempt {
        PastAttempt {
            question_id: id.into(),
            recorded_ms: (day * DAY as f64) as i64,
            score,
        }
    }

    #[test]
    fn a_weak_answer_is_due_the_next_day_and_not_before() {
        let tries = [attempt("q", 0.0, Some(54))];
        let at = |day: f64| review_queue(&["q"], &tries, (day * DAY as f64) as i64);
        assert!(!at(0.9)[0].due);
        let item = &at(1.0)[0];
        assert!(item.due);
        assert_eq!(item.leitner_box, 1);
        assert_eq!(item.why, "Scored 54 last time: back to every day.");
    }

    #[test]
    fn strong_answers_come_back_less_and_less_often_and_a_weak_one_resets() {
        let mut tries = vec![
            attempt("q", 0.0, Some(85)),
            attempt("q", 2.0, Some(90)),
            attempt("q", 6.0, Some(70)),
        ];
        let item = review_queue(&["q"], &tries, 6 * DAY).remove(0);
        // 85 and 90 moved it to box 3; 70 keeps it there: due 4 days after day 6.
        assert_eq!((item.leitner_box, item.due_ms), (3, 10 * DAY));
        assert_eq!(item.why, "Scored 70 last time: still every 4 days.");
        tries.push(attempt("q", 10.0, None));
        let item = review_queue(&["q"], &tries, 10 * DAY).remove(0);
        assert_eq!((item.leitner_box, item.due_ms), (1, 11 * DAY));
        // The order the history lists them in does not matter.
        tries.reverse();
        assert_eq!(review_queue(&["q"], &tries, 10 * DAY).remove(0), item);
    }

    #[test]
    fn a_review_interview_asks_the_due_questions_then_the_weakest() {
        let tries = [
            attempt("due", 0.0, Some(70)),      // due day 1
            attempt("strong", 2.5, Some(95)),   // box 2, due day 4.5
            attempt("weak", 2.5, Some(62)),     // due day 3.5
            attempt("middling", 2.5, Some(75)), // due day 3.5
        ];
        let queue = review_queue(&["due", "strong", "weak", "middling"], &tries, 3 * DAY);
        let asked: Vec<&str> = review_interview(&queue, 3)
            .iter()
            .map(|i| i.question_id.as_str())
            .collect();
        assert_eq!(asked, ["due", "weak", "middling"]);
    }

    #[test]
    fn the_box_stops_at_the_last_one() {
        let tries: Vec<_> = (0..8)
            .map(|d| attempt("q", d as f64 * 20.0, Some(95)))
            .collect();
        let item = review_queue(&["q"], &tries, 0).remove(0);
        assert_eq!(item.leitner_box, 5);
        assert_eq!(item.due_ms, 140 * DAY + 16 * DAY);
    }

    #[test]
    fn due_questions_come_first_longest_overdue_then_weakest_and_unknown_ones_are_left_out() {
        let tries = [
            attempt("strong", 0.0, Some(90)),        // box 2, due day 2
            attempt("weak-old", 0.0, Some(40)),      // due day 1
            attempt("weak-new", 1.0, Some(30)),      // due day 2
            attempt("weaker-new", 1.0, Some(20)),    // due day 2
            attempt("later", 2.5, Some(65)),         // due day 3.5
            attempt("q.follow-up-1", 0.0, Some(10)), // a reply, not a question
        ];
        let known = ["strong", "weak-old", "weak-new", "weaker-new", "later"];
        let queue = review_queue(&known, &tries, 3 * DAY);
        let order: Vec<(&str, bool)> = queue
            .iter()
            .map(|i| (i.question_id.as_str(), i.due))
            .collect();
        assert_eq!(
            order,
            [
                ("weak-old", true),
                ("weaker-new", true),
                ("weak-new", true),
                ("strong", true),
                ("later", false),
            ]
        );
    }
}
