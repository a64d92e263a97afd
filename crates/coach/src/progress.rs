//! Progress over time: the figures of every answer in a scope (all questions, one pack, one
//! question), oldest first, with personal bests, days practised and how the score moved since
//! the first attempts. Pure: the history hands in one [`ProgressTake`] per answer (replies to
//! follow-up questions are not answers) and the caller's clock and time zone.

use crate::assessment::TakeAssessment;
use crate::star::{PerPart, Present};
use serde::Serialize;

const DAY_MS: i64 = 86_400_000;

/// A take with less speech than this is not a candidate for the fewest-fillers best: a
/// 10-second take with no filler says nothing about fluency. Half the length window's lower
/// bound (norms.toml `[length]`), so a short but real answer still counts.
pub const MIN_SPEAKING_SECONDS_FOR_FLUENCY_BEST: f64 = 30.0;

/// How many scored attempts at each end the score change compares (their means), so one lucky
/// or bad take does not decide the trend.
pub const TREND_ATTEMPTS: usize = 3;

/// One answer as the history holds it.
#[derive(Debug, Clone)]
pub struct ProgressTake {
    pub take_id: i64,
    pub pack_id: String,
    pub question_id: String,
    pub recorded_ms: i64,
    pub score: Option<u32>,
    pub speaking_seconds: f64,
    /// `None` when the assessment was made by an older scorer whose JSON no longer reads: the
    /// score and speaking time still count.
    pub assessment: Option<TakeAssessment>,
}

/// Which answers a progress view covers.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProgressScope {
    Overall,
    Pack { pack_id: String },
    Question { question_id: String },
}

impl ProgressScope {
    fn covers(&self, t: &ProgressTake) -> bool {
        match self {
            ProgressScope::Overall => true,
            ProgressScope::Pack { pack_id } => &t.pack_id == pack_id,
            ProgressScope::Question { question_id } => &t.question_id == question_id,
        }
    }
}

/// The figures of one answer, as the charts plot them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressPoint {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub take_id: i64,
    pub question_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub recorded_ms: i64,
    pub score: Option<u32>,
    pub speaking_seconds: f64,
    /// Null when there was no speech to time.
    pub words_per_minute: Option<f64>,
    pub fillers_per_minute: Option<f64>,
    /// Which STAR parts the answer had (null when it was not judged as a story).
    pub star_present: Option<Present>,
    /// Each STAR part's share of the answer's time (of its words, for an answer without
    /// times); a missing part has 0.
    pub star_shares: Option<PerPart>,
}

/// A best figure and the take that made it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Best {
    pub value: f64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub take_id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub recorded_ms: i64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonalBests {
    /// The highest score (the earliest take that reached it).
    pub score: Option<Best>,
    /// The fewest fillers a minute in an answer with at least
    /// [`MIN_SPEAKING_SECONDS_FOR_FLUENCY_BEST`] of speech.
    pub fewest_fillers_per_minute: Option<Best>,
    /// The most days in a row with at least one answer.
    pub longest_streak_days: usize,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub scope: ProgressScope,
    /// Oldest first.
    pub points: Vec<ProgressPoint>,
    /// How many different questions the answers were to.
    pub questions: usize,
    /// Calendar days (in the caller's time zone) with at least one answer.
    pub days_practised: usize,
    /// Days in a row up to today (or yesterday, so a streak is not lost before today's
    /// practice) with at least one answer.
    pub current_streak_days: usize,
    pub bests: PersonalBests,
    /// The mean of the last [`TREND_ATTEMPTS`] scores minus the mean of the first ones; null
    /// until there are twice that many scored answers, so the two ends never share a take.
    pub score_change: Option<f64>,
}

/// The answers of `takes` that `scope` covers, as progress at `now_ms` for a clock
/// `utc_offset_minutes` ahead of UTC (days are counted in that zone).
pub fn progress(
    takes: &[ProgressTake],
    scope: ProgressScope,
    now_ms: i64,
    utc_offset_minutes: i32,
) -> Progress {
    let mut mine: Vec<&ProgressTake> = takes.iter().filter(|t| scope.covers(t)).collect();
    mine.sort_by_key(|t| (t.recorded_ms, t.take_id));
    let points: Vec<ProgressPoint> = mine.iter().map(|t| point(t)).collect();
    let day = |ms: i64| (ms + i64::from(utc_offset_minutes) * 60_000).div_euclid(DAY_MS);
    let mut days: Vec<i64> = points.iter().map(|p| day(p.recorded_ms)).collect();
    days.dedup();
    let mut questions: Vec<&str> = points.iter().map(|p| p.question_id.as_str()).collect();
    questions.sort_unstable();
    questions.dedup();
    let scored: Vec<f64> = points
        .iter()
        .filter_map(|p| p.score.map(f64::from))
        .collect();
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
    let score_change = (scored.len() >= 2 * TREND_ATTEMPTS)
        .then(|| mean(&scored[scored.len() - TREND_ATTEMPTS..]) - mean(&scored[..TREND_ATTEMPTS]));
    Progress {
        scope,
        questions: questions.len(),
        days_practised: days.len(),
        current_streak_days: current_streak(&days, day(now_ms)),
        bests: PersonalBests {
            score: best_by(&points, |p| p.score.map(f64::from), |a, b| a > b),
            fewest_fillers_per_minute: best_by(
                &points,
                |p| {
                    p.fillers_per_minute
                        .filter(|_| p.speaking_seconds >= MIN_SPEAKING_SECONDS_FOR_FLUENCY_BEST)
                },
                |a, b| a < b,
            ),
            longest_streak_days: longest_streak(&days),
        },
        score_change,
        points,
    }
}

fn point(t: &ProgressTake) -> ProgressPoint {
    let a = t.assessment.as_ref();
    let spoke = t.speaking_seconds > 0.0;
    let star = a.and_then(|a| a.star.as_ref());
    ProgressPoint {
        take_id: t.take_id,
        question_id: t.question_id.clone(),
        recorded_ms: t.recorded_ms,
        score: t.score,
        speaking_seconds: t.speaking_seconds,
        words_per_minute: a.filter(|_| spoke).map(|a| a.delivery.wpm),
        fillers_per_minute: a.filter(|_| spoke).map(|a| a.delivery.fillers.per_minute),
        star_present: star.map(|s| s.present),
        star_shares: star.map(|s| s.seconds.unwrap_or(s.words).shares()),
    }
}

/// The first point whose figure beats every earlier one by `better`.
fn best_by(
    points: &[ProgressPoint],
    figure: impl Fn(&ProgressPoint) -> Option<f64>,
    better: impl Fn(f64, f64) -> bool,
) -> Option<Best> {
    let mut best: Option<Best> = None;
    for p in points {
        if let Some(v) = figure(p) {
            if best.as_ref().is_none_or(|b| better(v, b.value)) {
                best = Some(Best {
                    value: v,
                    take_id: p.take_id,
                    recorded_ms: p.recorded_ms,
                });
            }
        }
    }
    best
}

/// `days`: distinct day numbers, ascending.
fn longest_streak(days: &[i64]) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for (i, d) in days.iter().enumerate() {
        run = if i > 0 && days[i - 1] + 1 == *d {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
    }
    longest
}

fn current_streak(days: &[i64], today: i64) -> usize {
    let Some(&last) = days.last() else { return 0 };
    if last != today && last != today - 1 {
        return 0;
    }
    let mut run = 1;
    for w in days.windows(2).rev() {
        if w[0] + 1 != w[1] {
            break;
        }
        run += 1;
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::judged;

    const HOUR: i64 = 3_600_000;
    // 2026-12-02 00:00 UTC.
    const DEC_2: i64 = 1_796_169_600_000;

    fn take(id: i64, question: &str, at: i64, score: Option<u32>) -> ProgressTake {
        ProgressTake {
            take_id: id,
            pack_id: if question.starts_with("be-") {
                "backend".into()
            } else {
                "general".into()
            },
            question_id: question.into(),
            recorded_ms: at,
            score,
            speaking_seconds: 70.0,
            assessment: None,
        }
    }

    #[test]
    fn points_are_oldest_first_and_scoped() {
        let takes = vec![
            take(3, "be-1", DEC_2 + 5 * HOUR, Some(70)),
            take(1, "be-1", DEC_2 - 30 * HOUR, Some(50)),
            take(2, "gen-1", DEC_2 - 29 * HOUR, Some(90)),
        ];
        let all = progress(&takes, ProgressScope::Overall, DEC_2 + 6 * HOUR, 0);
        let ids: Vec<i64> = all.points.iter().map(|p| p.take_id).collect();
        assert_eq!(ids, [1, 2, 3]);
        assert_eq!(all.questions, 2);
        let pack = progress(
            &takes,
            ProgressScope::Pack {
                pack_id: "backend".into(),
            },
            DEC_2,
            0,
        );
        assert_eq!(pack.points.len(), 2);
        let question = progress(
            &takes,
            ProgressScope::Question {
                question_id: "gen-1".into(),
            },
            DEC_2,
            0,
        );
        assert_eq!(question.points.len(), 1);
        assert_eq!(question.bests.score.as_ref().map(|b| b.take_id), Some(2));
    }

    #[test]
    fn days_are_counted_in_the_callers_time_zone() {
        // 23:30 and 00:30 UTC: two days in London, one in New York (UTC-5).
        let takes = vec![
            take(1, "be-1", DEC_2 - HOUR / 2, Some(60)),
            take(2, "be-1", DEC_2 + HOUR / 2, Some(60)),
        ];
        assert_eq!(
            progress(&takes, ProgressScope::Overall, DEC_2, 0).days_practised,
            2
        );
        assert_eq!(
            progress(&takes, ProgressScope::Overall, DEC_2, -300).days_practised,
            1
        );
    }

    #[test]
    fn streaks_run_over_consecutive_days_and_survive_until_today_ends() {
        let day = 24 * HOUR;
        // Practised Nov 25, then Nov 28, 29, 30 and Dec 1.
        let takes: Vec<ProgressTake> = [-7, -4, -3, -2, -1]
            .iter()
            .enumerate()
            .map(|(i, d)| take(i as i64, "be-1", DEC_2 + d * day + 9 * HOUR, Some(60)))
            .collect();
        let today = progress(&takes, ProgressScope::Overall, DEC_2 + 10 * HOUR, 0);
        assert_eq!(today.bests.longest_streak_days, 4);
        assert_eq!(today.current_streak_days, 4, "not practised yet today");
        let later = progress(&takes, ProgressScope::Overall, DEC_2 + day + HOUR, 0);
        assert_eq!(later.current_streak_days, 0, "a day was missed");
        assert_eq!(later.days_practised, 5);
    }

    #[test]
    fn bests_take_the_first_take_that_reached_them() {
        let takes = vec![
            take(1, "be-1", DEC_2, Some(80)),
            take(2, "be-1", DEC_2 + HOUR, Some(80)),
            take(3, "be-1", DEC_2 + 2 * HOUR, None),
        ];
        let p = progress(&takes, ProgressScope::Overall, DEC_2, 0);
        let best = p.bests.score.expect("a scored take");
        assert_eq!((best.value, best.take_id), (80.0, 1));
        assert_eq!(p.points[2].score, None);
    }

    #[test]
    fn the_score_change_compares_the_first_and_last_attempts() {
        let scores = [40, 50, 60, 62, 70, 80, 90];
        let takes: Vec<ProgressTake> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| take(i as i64, "be-1", DEC_2 + i as i64 * HOUR, Some(*s)))
            .collect();
        let p = progress(&takes, ProgressScope::Overall, DEC_2, 0);
        // (70 + 80 + 90) / 3 - (40 + 50 + 60) / 3
        assert_eq!(p.score_change, Some(30.0));
        let few = progress(&takes[..5], ProgressScope::Overall, DEC_2, 0);
        assert_eq!(few.score_change, None, "5 takes would share one");
    }

    #[test]
    fn figures_come_from_the_assessment_and_fluency_needs_speech() {
        let answer = judged(
            &[
                ("Our checkout service kept timing out during the sale.", 4.0),
                ("I had to fix it before the weekend.", 3.0),
                (
                    "I profiled the queries and I added an index to the orders table.",
                    6.0,
                ),
                ("Timeouts fell by 90 percent within a day.", 3.0),
            ],
            crate::Rubric::Story,
        );
        let mut short = take(1, "be-1", DEC_2, Some(70));
        short.speaking_seconds = 12.0;
        short.assessment = Some(answer.clone());
        let mut long = take(2, "be-1", DEC_2 + HOUR, Some(72));
        long.assessment = Some(answer);
        let p = progress(&[short, long], ProgressScope::Overall, DEC_2, 0);
        let present = p.points[0].star_present.expect("judged as a story");
        assert!(present.situation && present.action && present.result);
        let shares = p.points[0].star_shares.expect("shares");
        let sum = shares.situation + shares.task + shares.action + shares.result;
        assert!((sum - 1.0).abs() < 1e-9, "shares add up: {sum}");
        assert!(p.points[0].fillers_per_minute.is_some());
        assert_eq!(
            p.bests.fewest_fillers_per_minute.map(|b| b.take_id),
            Some(2),
            "the 12-second take is too short to count"
        );
    }

    #[test]
    fn nothing_practised_is_an_empty_progress() {
        let p = progress(&[], ProgressScope::Overall, DEC_2, 0);
        assert!(p.points.is_empty());
        assert_eq!((p.days_practised, p.current_streak_days), (0, 0));
        assert_eq!(p.bests.score, None);
    }
}
