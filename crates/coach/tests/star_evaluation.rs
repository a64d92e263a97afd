//! How well the STAR tagger labels real-sounding answers: a hand-labelled set in
//! `tests/fixtures/star` (good and poor answers: no result, all "we", hypothetical, rambling,
//! too short, long situation, fillers, run-ons), each sentence or clause labelled S/T/A/R/O.
//! Every third answer (numbers divisible by 3) is held out: never looked at while tuning.
//! Pure text, no speech model: `cargo test -p coach --test star_evaluation -- --nocapture`
//! prints accuracy, presence F1, and each part's presence precision and recall.

use coach::star::evaluation::Evaluation;
use coach::star::labelled::{parse_labelled, LabelledAnswer};
use coach::star::learned::{shipped_weights, tag_units_learned, train, Training};
use coach::star::tagger::{tag_units, tag_units_by_lexicon};
use coach::star::units::{split_units, untimed_words};
use coach::star::Part;
use coach::{assess_answer, Norms, Rubric, Transcript};
use std::path::Path;

type Answer = LabelledAnswer;

fn fixtures() -> std::path::PathBuf {
    // The fixtures are shared with the desktop test, so they stay with the workspace's tests.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/star")
}

fn load() -> Vec<Answer> {
    let mut files: Vec<_> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            parse_labelled(&name, &std::fs::read_to_string(path).unwrap())
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

fn by_lexicon(a: &Answer) -> Vec<Part> {
    tag_units_by_lexicon(&a.texts())
        .iter()
        .map(|t| t.part)
        .collect()
}

fn by_learned(a: &Answer) -> Vec<Part> {
    tag_units_learned(shipped_weights().expect("shipped weights"), &a.texts())
        .iter()
        .map(|t| t.part)
        .collect()
}

fn by_the_coach(a: &Answer) -> Vec<Part> {
    tag_units(&a.texts()).iter().map(|t| t.part).collect()
}

fn verbose() -> bool {
    std::env::var_os("STAR_EVAL_VERBOSE").is_some()
}

fn report(label: &str, e: &Evaluation) {
    eprint!("{label}: {e}");
    if verbose() {
        for m in &e.mistakes {
            eprintln!("      {m}");
        }
    }
}

#[test]
fn the_labelled_set_is_large_and_varied_enough() {
    let answers = load();
    assert!(answers.len() >= 40, "{} answers", answers.len());
    for kind in [
        "good",
        "no-result",
        "all-we",
        "hypothetical",
        "rambling",
        "too-short",
        "long-situation",
        "fillers",
        "run-on",
    ] {
        assert!(answers.iter().any(|a| a.kind == kind), "no {kind} answer");
    }
}

#[test]
fn both_taggers_measured_on_tuning_and_held_out_answers_and_the_better_one_is_used() {
    let answers = load();
    let tuning: Vec<&Answer> = answers.iter().filter(|a| !a.held_out()).collect();
    let held_out: Vec<&Answer> = answers.iter().filter(|a| a.held_out()).collect();
    let lexicon = (
        Evaluation::of(&tuning, by_lexicon),
        Evaluation::of(&held_out, by_lexicon),
    );
    let learned = (
        Evaluation::of(&tuning, by_learned),
        Evaluation::of(&held_out, by_learned),
    );
    report("lexicon, tuning", &lexicon.0);
    report("lexicon, held out", &lexicon.1);
    report("learned, tuning", &learned.0);
    report("learned, held out", &learned.1);
    let mut roles: Vec<&str> = answers.iter().map(|a| a.role.as_str()).collect();
    roles.sort();
    roles.dedup();
    eprintln!("held out, by role (learned | lexicon):");
    for role in roles {
        let these: Vec<&Answer> = held_out
            .iter()
            .copied()
            .filter(|a| a.role == role)
            .collect();
        let (l, x) = (
            Evaluation::of(&these, by_learned),
            Evaluation::of(&these, by_lexicon),
        );
        eprintln!(
            "    {role:<20} {:>2} answers  accuracy {:.3} | {:.3}  Task recall {:.2} | {:.2}  presence F1 {:.3} | {:.3}",
            these.len(),
            l.accuracy(),
            x.accuracy(),
            l.recall(Part::Task),
            x.recall(Part::Task),
            l.presence_f1(),
            x.presence_f1()
        );
    }
    // The coach uses the learned tagger because it is the better one on answers neither was
    // tuned on (numbers in bench/RESULTS.md); this keeps that true as both change.
    assert!(learned.1.accuracy() >= lexicon.1.accuracy());
    let used = Evaluation::of(&held_out, by_the_coach);
    assert_eq!(
        used.confusion, learned.1.confusion,
        "the coach tags with the learned model"
    );
    let (h, t) = (&learned.1, &learned.0);
    assert!(
        t.accuracy() >= TUNING_ACCURACY,
        "tuning accuracy {:.3}",
        t.accuracy()
    );
    assert!(
        h.accuracy() >= HELD_OUT_ACCURACY,
        "held-out accuracy {:.3}",
        h.accuracy()
    );
    assert!(
        h.recall(Part::Task) >= HELD_OUT_TASK_RECALL,
        "held-out Task recall {:.3}",
        h.recall(Part::Task)
    );
    assert!(
        h.presence_f1() >= HELD_OUT_PRESENCE_F1,
        "held-out presence F1 {:.3}",
        h.presence_f1()
    );
}

#[test]
fn the_shipped_weights_are_what_training_on_the_tuning_answers_gives() {
    let answers = load();
    let tuning: Vec<Vec<(Part, String)>> = answers
        .iter()
        .filter(|a| !a.held_out())
        .map(|a| a.units.clone())
        .collect();
    let trained = train(&tuning, Training::default()).to_text();
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/star/tagger_weights.tsv"),
    )
    .unwrap();
    assert!(
        trained == shipped,
        "the labelled answers or the features changed: retrain with `cargo run -p coach --example train_star_tagger`"
    );
}

/// The total score of an answer read as text.
fn total(a: &Answer) -> f64 {
    let transcript = Transcript::from_words(untimed_words(&a.text()));
    assess_answer(
        &transcript,
        None,
        Vec::new(),
        &Norms::default(),
        Rubric::Story,
    )
    .score
    .total
}

#[test]
fn good_answers_outscore_weak_answers_to_the_same_question() {
    let answers = load();
    let (mut pairs, mut won) = (0, 0);
    for good in answers.iter().filter(|a| a.kind == "good") {
        for weak in answers
            .iter()
            .filter(|a| a.kind != "good" && a.question == good.question)
        {
            pairs += 1;
            let (g, w) = (total(good), total(weak));
            if g > w {
                won += 1;
            } else {
                eprintln!(
                    "  {:03}-good scored {g:.1}, {:03}-{} scored {w:.1} ({})",
                    good.number, weak.number, weak.kind, good.question
                );
            }
        }
    }
    let share = won as f64 / pairs as f64;
    eprintln!("good beats weak on the same question: {won} of {pairs} pairs ({share:.2})");
    assert!(pairs >= 10, "only {pairs} pairs");
    assert!(share >= GOOD_BEATS_WEAK, "{share:.2}");
}

#[test]
fn run_on_answers_split_where_the_labels_do() {
    // Tuned on the tuning answers; the held-out run-ons are reported, not required.
    let (mut held_out, mut held_out_right) = (0, 0);
    for a in load().iter().filter(|a| a.kind == "run-on") {
        let units: Vec<String> = split_units(&untimed_words(&a.text()), false)
            .into_iter()
            .map(|u| u.text)
            .collect();
        let labelled: Vec<String> = a.texts();
        if a.held_out() {
            held_out += 1;
            held_out_right += (units == labelled) as usize;
            if units != labelled {
                eprintln!("  held-out run-on {:03} splits as {units:?}", a.number);
            }
        } else {
            assert_eq!(units, labelled, "answer {:03}", a.number);
        }
    }
    eprintln!("held-out run-ons split as labelled: {held_out_right} of {held_out}");
}

/// The answers read whole, as the app reads a transcript: the text split into units by the
/// coach, then tagged. The figures above are on the labelled units and do not see the split; a
/// part the labels have that the whole answer is not found to have (or the other way round) is
/// what a user is told wrongly ("No Result").
#[test]
fn answers_read_whole_are_found_to_have_the_parts_they_have() {
    let (mut found, mut false_ones, mut missed) = (0, 0, 0);
    for a in load() {
        let transcript = Transcript::from_words(untimed_words(&a.text()));
        let assessment = assess_answer(
            &transcript,
            None,
            Vec::new(),
            &Norms::default(),
            Rubric::Story,
        );
        let present = assessment.star.expect("a story is tagged").present;
        for part in Part::ALL.into_iter().filter(|p| *p != Part::Other) {
            let labelled = a.units.iter().any(|(p, _)| *p == part);
            match (labelled, present.get(part)) {
                (true, true) => found += 1,
                (false, true) => false_ones += 1,
                (true, false) => missed += 1,
                (false, false) => {}
            }
            if labelled != present.get(part) {
                eprintln!(
                    "  {:03}-{}: {part:?} labelled {labelled}, found {}",
                    a.number, a.kind, !labelled
                );
            }
        }
    }
    let f1 = 2.0 * found as f64 / (2 * found + false_ones + missed) as f64;
    eprintln!(
        "answers read whole: {found} parts found, {false_ones} found that are not there, {missed} missed (F1 {f1:.3})"
    );
    assert!(f1 >= WHOLE_ANSWER_PRESENCE_F1, "F1 {f1:.3}");
}

// The bars hold what was measured (bench/RESULTS.md, "STAR tagging"), a little below it so
// a harmless retraining does not fail them; issue #17 aims at 0.92 accuracy, 0.85 Task recall
// and 0.97 presence F1 on answers not tuned on.
const TUNING_ACCURACY: f64 = 0.93;
const HELD_OUT_ACCURACY: f64 = 0.92;
const HELD_OUT_TASK_RECALL: f64 = 0.85;
const HELD_OUT_PRESENCE_F1: f64 = 0.97;
// Issue #17's aim for scores: a good answer beats a weak one to the same question.
const GOOD_BEATS_WEAK: f64 = 0.90;
// Measured 0.992 (427 found, 3 false, 4 missed of 431; bench/RESULTS.md, "STAR tagging").
const WHOLE_ANSWER_PRESENCE_F1: f64 = 0.985;
// The live tracker (bench/RESULTS.md, "STAR tagging"): a Result shown early measured 0.025
// held out (0.046 tuning), shown once said 0.70 held out (0.84 tuning).
const LIVE_RESULT_EARLY: f64 = 0.05;
const LIVE_RESULT_SAID: f64 = 0.55;

/// The live tracker while an answer is given: each answer's first units, read as the practice
/// screen reads them (split, then tagged as an answer that goes on). A Result shown before one
/// was said tells the speaker they are done when they are not.
#[test]
fn the_live_tracker_shows_a_result_once_said_and_seldom_before() {
    use coach::star::{star_report, star_report_so_far};
    for (set, held_out) in [("tuning", false), ("held out", true)] {
        // (moments before the Result, of them showing one; moments after, of them showing one),
        // read as a whole answer and as an answer that goes on.
        let mut whole = (0, 0, 0, 0);
        let mut so_far = (0, 0, 0, 0);
        for a in load().iter().filter(|a| a.held_out() == held_out) {
            let Some(first_r) = a.units.iter().position(|(p, _)| *p == Part::Result) else {
                continue;
            };
            let texts = a.texts();
            for k in 1..=texts.len() {
                let transcript = Transcript::from_words(untimed_words(&texts[..k].join(" ")));
                for (tally, report) in [
                    (&mut whole, star_report(&transcript, false)),
                    (&mut so_far, star_report_so_far(&transcript, false)),
                ] {
                    let shown = report.present.result as usize;
                    if k <= first_r {
                        tally.0 += 1;
                        tally.1 += shown;
                    } else {
                        tally.2 += 1;
                        tally.3 += shown;
                    }
                }
            }
        }
        eprintln!(
            "live, {set}: a Result shown before one was said {}/{} read whole, {}/{} as going on; once said {}/{} and {}/{}",
            whole.1, whole.0, so_far.1, so_far.0, whole.3, whole.2, so_far.3, so_far.2
        );
        let early = so_far.1 as f64 / so_far.0 as f64;
        let once_said = so_far.3 as f64 / so_far.2 as f64;
        assert!(early <= LIVE_RESULT_EARLY, "{set}: {early:.3}");
        assert!(once_said >= LIVE_RESULT_SAID, "{set}: {once_said:.3}");
    }
}
