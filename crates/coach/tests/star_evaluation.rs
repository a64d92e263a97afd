//! How well the STAR tagger labels real-sounding answers: a hand-labelled set in
//! `tests/fixtures/star` (good and poor answers: no result, all "we", hypothetical, rambling,
//! too short, long situation, fillers, run-ons), each sentence or clause labelled S/T/A/R/O.
//! Every third answer (numbers divisible by 3) is held out: never looked at while tuning.
//! Pure text, no speech model: `cargo test -p coach --test star_evaluation -- --nocapture`
//! prints accuracy, presence F1, and each part's presence precision and recall.

use coach::star::tagger::tag_units;
use coach::star::units::{split_units, untimed_words};
use coach::star::Part;
use coach::{assess_answer, Norms, Transcript};

struct Answer {
    number: u32,
    kind: String,
    question: String,
    units: Vec<(Part, String)>,
}

fn part(letter: &str) -> Part {
    match letter {
        "S" => Part::Situation,
        "T" => Part::Task,
        "A" => Part::Action,
        "R" => Part::Result,
        "O" => Part::Other,
        other => panic!("unknown label {other}"),
    }
}

/// The labelled units of a fixture: `# ` lines are comments, every other line is
/// `LABEL | unit text`.
fn labelled_units(name: &str, fixture: &str) -> Vec<(String, String)> {
    fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (label, unit) = l
                .split_once('|')
                .unwrap_or_else(|| panic!("{name}: no label in {l}"));
            (label.trim().to_string(), unit.trim().to_string())
        })
        .collect()
}

fn load() -> Vec<Answer> {
    // The fixtures are shared with the desktop test, so they stay with the workspace's tests.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/star");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(path).unwrap();
            let units = labelled_units(&name, &text)
                .into_iter()
                .map(|(label, unit)| (part(&label), unit))
                .collect();
            let (number, kind) = name.split_once('-').unwrap();
            let question = text
                .lines()
                .find_map(|l| l.strip_prefix("# question:"))
                .unwrap_or_else(|| panic!("{name}: no '# question:' line"))
                .trim()
                .to_string();
            Answer {
                number: number.parse().unwrap(),
                kind: kind.into(),
                question,
                units,
            }
        })
        .collect()
}

struct Scores {
    accuracy: f64,
    presence_f1: f64,
    per_part: Vec<(Part, f64, f64)>,
}

fn score(answers: &[&Answer]) -> Scores {
    let (mut right, mut total) = (0, 0);
    let mut counts = [(0usize, 0usize, 0usize); 4]; // true positive, false positive, false negative
    for a in answers {
        let texts: Vec<String> = a.units.iter().map(|u| u.1.clone()).collect();
        let predicted: Vec<Part> = tag_units(&texts).iter().map(|t| t.part).collect();
        for ((truth, text), p) in a.units.iter().zip(&predicted) {
            total += 1;
            if truth == p {
                right += 1;
            } else if std::env::var_os("STAR_EVAL_VERBOSE").is_some() {
                eprintln!(
                    "  {:02}-{}: {:?} tagged {:?}: {text}",
                    a.number, a.kind, truth, p
                );
            }
        }
        for (k, part) in [Part::Situation, Part::Task, Part::Action, Part::Result]
            .iter()
            .enumerate()
        {
            let t = a.units.iter().any(|u| u.0 == *part);
            let p = predicted.contains(part);
            if t != p && std::env::var_os("STAR_EVAL_VERBOSE").is_some() {
                eprintln!(
                    "  {:02}-{}: presence of {:?}: truth {t}, predicted {p}",
                    a.number, a.kind, part
                );
            }
            match (t, p) {
                (true, true) => counts[k].0 += 1,
                (false, true) => counts[k].1 += 1,
                (true, false) => counts[k].2 += 1,
                _ => {}
            }
        }
    }
    let f1 = |(tp, fp, fn_): (usize, usize, usize)| {
        let precision = if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let recall = if tp + fn_ == 0 {
            1.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        (
            precision,
            recall,
            if precision + recall == 0.0 {
                0.0
            } else {
                2.0 * precision * recall / (precision + recall)
            },
        )
    };
    let per_part: Vec<(Part, f64, f64)> = [Part::Situation, Part::Task, Part::Action, Part::Result]
        .iter()
        .zip(counts)
        .map(|(p, c)| (*p, f1(c).0, f1(c).1))
        .collect();
    let presence_f1 = counts.iter().map(|c| f1(*c).2).sum::<f64>() / 4.0;
    Scores {
        accuracy: right as f64 / total as f64,
        presence_f1,
        per_part,
    }
}

fn print(label: &str, s: &Scores, n: usize) {
    eprintln!(
        "{label}: {n} answers, unit accuracy {:.3}, presence F1 {:.3}",
        s.accuracy, s.presence_f1
    );
    for (p, precision, recall) in &s.per_part {
        eprintln!(
            "    {:<10} presence precision {precision:.2} recall {recall:.2}",
            p.name()
        );
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
fn tagging_meets_the_measured_bars_on_tuning_and_held_out_answers() {
    let answers = load();
    let tuning: Vec<&Answer> = answers.iter().filter(|a| a.number % 3 != 0).collect();
    let held_out: Vec<&Answer> = answers.iter().filter(|a| a.number % 3 == 0).collect();
    let (t, h) = (score(&tuning), score(&held_out));
    print("tuning", &t, tuning.len());
    print("held out", &h, held_out.len());
    // Bars set from the first measurement (see the issue notes); the held-out bar is the one
    // that says how the tagger does on answers it was never tuned on.
    assert!(
        t.accuracy >= TUNING_ACCURACY && t.presence_f1 >= TUNING_PRESENCE_F1,
        "tuning set below the bars"
    );
    assert!(
        h.accuracy >= HELD_OUT_ACCURACY && h.presence_f1 >= HELD_OUT_PRESENCE_F1,
        "held-out set below the bars"
    );
}

/// The total score of an answer read as text.
fn total(a: &Answer) -> f64 {
    let text = a
        .units
        .iter()
        .map(|u| u.1.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let transcript = Transcript::from_words(untimed_words(&text));
    assess_answer(&transcript, None, Vec::new(), &Norms::default())
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
                    "  {:02}-good scored {g:.1}, {:02}-{} scored {w:.1} ({})",
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
    for a in load().iter().filter(|a| a.kind == "run-on") {
        let joined = a
            .units
            .iter()
            .map(|u| u.1.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let units: Vec<String> = split_units(&untimed_words(&joined), false)
            .into_iter()
            .map(|u| u.text)
            .collect();
        let labelled: Vec<&str> = a.units.iter().map(|u| u.1.as_str()).collect();
        assert_eq!(units, labelled, "answer {:02}", a.number);
    }
}

// Measured on 2026-11-29 (42 answers, 28 tuning / 14 held out). Before any tuning: tuning
// 0.930 / 0.968, held out 0.851 / 0.905. After one round of tuning on the tuning set only
// (habitual "I usually …" as action in form, fillers between subject and verb, more context
// phrases, present-tense background as Situation): tuning 0.949 / 0.985, held out 0.892 / 0.927.
// The issue aims at 0.90 / 0.95; the held-out set is not there yet.
const TUNING_ACCURACY: f64 = 0.93;
const TUNING_PRESENCE_F1: f64 = 0.96;
const HELD_OUT_ACCURACY: f64 = 0.88;
const HELD_OUT_PRESENCE_F1: f64 = 0.90;
// Issue #17's aim. Measured on 2026-12-02: 18 of 19 pairs (0.95); the one loss is a run-on
// answer, weak in its delivery rather than its story, which text alone does not hear.
const GOOD_BEATS_WEAK: f64 = 0.90;
