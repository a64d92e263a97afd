//! A take's place among the takes of its question: which attempt, the best so far, and the
//! comparison with the attempt before it.

use coach::progress::ProgressScope;
use store::{NewTake, Store};

fn assessment(text: &str) -> coach::TakeAssessment {
    e2e::text_answer(text)
}

/// Saves a take of `q` recorded at `at` (ms) with `score` into `history`.
fn save_take(
    history: &mut Store,
    dir: &std::path::Path,
    q: &coach::Question,
    at: i64,
    score: Option<u32>,
    a: &coach::TakeAssessment,
) -> i64 {
    history
        .save_take(&NewTake {
            session_id: None,
            pack_id: "backend-developer",
            question: q,
            recorded_ms: at,
            wav_path: &dir.join(format!("{at}.wav")),
            total_seconds: a.speech.total_seconds,
            speaking_seconds: a.speech.speaking_seconds,
            score,
            stop_reason: "requested",
            model_id: "tiny.en",
            scorer_version: coach::SCORER_VERSION,
            assessment: a,
            follows_take: None,
            follow_up: None,
        })
        .unwrap()
}

#[test]
fn a_third_attempt_knows_its_place_the_best_so_far_and_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut history = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let packs = coach::builtin_packs();
    let (question, other) = (&packs[0].questions[0], &packs[0].questions[1]);
    let short = assessment("Last year our checkout page was slow. I cached the prices.");
    let long = assessment(
        "Last year our checkout page was slow. I was asked to fix it before the sale. I cached \
         the prices. Page load time fell by forty percent.",
    );
    let mut save = |q: &coach::Question, at: i64, a: &coach::TakeAssessment| {
        save_take(
            &mut history,
            dir.path(),
            q,
            at,
            a.score.map(|s| s.total.round() as u32),
            a,
        )
    };
    let first = save(question, 1_000, &short);
    let second = save(question, 2_000, &long);
    save(other, 2_500, &long); // another question: not in the series
    let third = save(question, 3_000, &short);

    let attempt = pipeline::attempt_of(&history, third).unwrap();
    assert_eq!((attempt.number, attempt.of), (3, 3));
    let best = long.score.unwrap().total.round() as u32;
    assert!(best > short.score.unwrap().total.round() as u32);
    assert_eq!(attempt.best_so_far, Some(best));
    assert_eq!(attempt.best_take_id, Some(second));
    assert_eq!(attempt.previous_take_id, Some(second));
    let since = attempt.since_previous.unwrap();
    assert!(since.total.delta.unwrap() < 0.0, "{:?}", since.total);

    let opening = pipeline::attempt_of(&history, first).unwrap();
    assert_eq!((opening.number, opening.of), (1, 3));
    assert!(opening.previous_take_id.is_none() && opening.since_previous.is_none());
}

#[test]
fn the_review_queue_puts_the_weak_question_first_with_its_pack_and_leaves_replies_out() {
    const DAY: i64 = 86_400_000;
    let dir = tempfile::tempdir().unwrap();
    let mut history = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let packs = coach::builtin_packs();
    let (weak_q, strong_q) = (&packs[0].questions[0], &packs[0].questions[1]);
    let short = assessment("Last year our checkout page was slow. I cached the prices.");
    let long = assessment(
        "Last year our checkout page was slow. I was asked to fix it before the sale. I \
         profiled the service and cached the prices. Page load time fell by forty percent.",
    );
    let mut reply_q = weak_q.clone();
    reply_q.id.push_str(".follow-up-1");
    let mut save = |q: &coach::Question, at: i64, score: u32, a: &coach::TakeAssessment| {
        save_take(&mut history, dir.path(), q, at, Some(score), a)
    };
    save(strong_q, 0, 88, &long);
    save(weak_q, DAY / 2, 45, &short);
    save(&reply_q, DAY / 2 + 1, 20, &short);
    // A day and a half later the weak answer is due (every day), the strong one not yet (two).
    let queue = pipeline::review(&history, &packs, 3 * DAY / 2 + 1).unwrap();
    let got: Vec<(&str, bool, u8)> = queue
        .iter()
        .map(|e| (e.question.id.as_str(), e.item.due, e.item.leitner_box))
        .collect();
    assert_eq!(
        got,
        [
            (weak_q.id.as_str(), true, 1),
            (strong_q.id.as_str(), false, 2)
        ]
    );
    assert_eq!(queue[0].pack_id, "backend-developer");
    assert_eq!(queue[0].question.text, weak_q.text);
    // A review interview: the due question, then the weakest of the rest.
    let asked = pipeline::review_questions(&history, &packs[0], 8, 3 * DAY / 2 + 1).unwrap();
    let ids: Vec<&str> = asked.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, [weak_q.id.as_str(), strong_q.id.as_str()]);
}

#[test]
fn progress_covers_answers_not_replies_and_lists_what_was_practised() {
    const DAY: i64 = 86_400_000;
    let dir = tempfile::tempdir().unwrap();
    let mut history = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let packs = coach::builtin_packs();
    let (q, other) = (&packs[0].questions[0], &packs[0].questions[1]);
    let short = assessment("Last year our checkout page was slow. I cached the prices.");
    let long = assessment(
        "Last year our checkout page was slow. I was asked to fix it before the sale. I \
         profiled the service and cached the prices. Page load time fell by forty percent.",
    );
    let first = save_take(&mut history, dir.path(), q, 0, Some(50), &short);
    save_take(&mut history, dir.path(), other, DAY, Some(70), &long);
    let best = save_take(&mut history, dir.path(), q, 2 * DAY, Some(85), &long);
    let mut reply_q = q.clone();
    reply_q.id.push_str(".follow-up-1");
    history
        .save_take(&NewTake {
            session_id: None,
            pack_id: "backend-developer",
            question: &reply_q,
            recorded_ms: 2 * DAY + 1,
            wav_path: &dir.path().join("reply.wav"),
            total_seconds: 5.0,
            speaking_seconds: 4.0,
            score: Some(99),
            stop_reason: "requested",
            model_id: "tiny.en",
            scorer_version: coach::SCORER_VERSION,
            assessment: &short,
            follows_take: Some(first),
            follow_up: None,
        })
        .unwrap();

    let overall =
        pipeline::progress_view(&history, ProgressScope::Overall, 2 * DAY + 2, 0).unwrap();
    let ids: Vec<i64> = overall.progress.points.iter().map(|p| p.take_id).collect();
    assert_eq!(ids.len(), 3, "the reply is not an answer: {ids:?}");
    assert_eq!(overall.progress.days_practised, 3);
    assert_eq!(overall.progress.current_streak_days, 3);
    assert_eq!(overall.progress.bests.score.as_ref().unwrap().take_id, best);
    let wpm = overall.progress.points[2].words_per_minute.unwrap();
    assert!((100.0..200.0).contains(&wpm), "{wpm} wpm");
    let practised: Vec<(&str, usize)> = overall
        .practised
        .iter()
        .map(|p| (p.question_id.as_str(), p.answers))
        .collect();
    assert_eq!(practised, [(q.id.as_str(), 2), (other.id.as_str(), 1)]);
    assert_eq!(overall.practised[0].question_text, q.text);
    assert_eq!(
        (
            overall.targets.speaking_min_seconds,
            overall.targets.speaking_max_seconds
        ),
        (60.0, 90.0)
    );

    let one = pipeline::progress_view(
        &history,
        ProgressScope::Question {
            question_id: q.id.clone(),
        },
        2 * DAY + 2,
        0,
    )
    .unwrap();
    let scores: Vec<Option<u32>> = one.progress.points.iter().map(|p| p.score).collect();
    assert_eq!(scores, [Some(50), Some(85)]);
    assert_eq!(one.progress.questions, 1);
}
