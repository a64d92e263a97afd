use super::*;
use crate::span::Span;
use crate::speech::speech_report;
use crate::star::report::star_report;

/// An answer spoken without pauses: each sentence over the seconds given, words evenly spaced.
fn spoken(sentences: &[(&str, f64)]) -> (StarReport, SpeechReport) {
    let (transcript, at) = crate::test_support::spoken_evenly(sentences);
    let norms = Norms::default();
    let speech = speech_report(
        &[Span {
            start: 0.0,
            end: at,
        }],
        at,
        None,
        &norms.speech,
    );
    (star_report(&transcript, true), speech)
}

const SITUATION: &str = "Last year our checkout service kept timing out during the holiday sale.";
const TASK: &str = "My job was to find the cause before the next sale.";
const ACTION: &str = "I profiled the database calls and I added an index to the orders table.";
const RESULT_WITH_NUMBER: &str =
    "As a result we had about four minutes of downtime during the whole sale.";
const RESULT_WITHOUT_NUMBER: &str = "As a result the checkout errors went away.";
const LESSON: &str = "I learned to measure before I change anything.";

fn message(sentences: &[(&str, f64)]) -> Option<String> {
    let (star, speech) = spoken(sentences);
    length_finding(&star, &speech, &Norms::default()).map(|(f, _)| f.message)
}

fn parts_of(sentences: &[(&str, f64)]) -> Vec<Part> {
    spoken(sentences).0.units.iter().map(|u| u.label).collect()
}

#[test]
fn the_test_answers_are_tagged_as_meant() {
    let answer = [
        (SITUATION, 8.0),
        (TASK, 5.0),
        (ACTION, 17.0),
        (RESULT_WITH_NUMBER, 12.0),
    ];
    assert_eq!(
        parts_of(&answer),
        [Part::Situation, Part::Task, Part::Action, Part::Result]
    );
    assert!(spoken(&answer).0.quantified_result);
    assert!(!spoken(&[(RESULT_WITHOUT_NUMBER, 3.0)]).0.quantified_result);
}

#[test]
fn a_short_answer_whose_result_has_a_number_is_not_told_to_add_one() {
    // The answer of the report: 42 s, its Result already says "about four minutes of downtime".
    let m = message(&[
        (SITUATION, 8.0),
        (TASK, 5.0),
        (ACTION, 17.0),
        (RESULT_WITH_NUMBER, 12.0),
    ])
    .expect("42 s is short");
    assert!(
        !m.contains("number") && !m.contains("add the Result"),
        "{m}"
    );
    // 36 s is the Action's share of 60 s; it had 17 s, and the answer is 18 s short.
    assert_eq!(
        m,
        "You spoke for 42 s. Aim for 60–90 s: give the Action about 20 s more: each step you \
         took yourself, and why."
    );
}

#[test]
fn a_short_answer_is_told_the_part_it_lacks_first() {
    let m = message(&[(SITUATION, 10.0), (TASK, 5.0), (ACTION, 20.0)]).unwrap();
    assert!(m.contains("end with about 5 s of Result"), "{m}");
    let m = message(&[(SITUATION, 10.0), (ACTION, 20.0), (RESULT_WITH_NUMBER, 6.0)]).unwrap();
    assert!(m.contains("of Task"), "{m}");
}

#[test]
fn a_thin_result_is_asked_for_a_number_only_when_it_has_none() {
    // 44 s: each part's gap to its share of 60 s is S 4, T 3, A 4 and R 5 s.
    let with = message(&[
        (SITUATION, 8.0),
        (TASK, 3.0),
        (ACTION, 32.0),
        (RESULT_WITH_NUMBER, 1.0),
    ])
    .unwrap();
    assert!(
        with.contains("give the Result about 5 s more: what it meant"),
        "{with}"
    );
    assert!(!with.contains("number"), "{with}");
    let without = message(&[
        (SITUATION, 8.0),
        (TASK, 3.0),
        (ACTION, 32.0),
        (RESULT_WITHOUT_NUMBER, 1.0),
    ])
    .unwrap();
    assert!(without.contains("with a number"), "{without}");
}

#[test]
fn a_long_answer_is_told_to_cut_the_part_that_ran_over() {
    let long_setting = message(&[
        (SITUATION, 50.0),
        (TASK, 8.0),
        (ACTION, 60.0),
        (RESULT_WITH_NUMBER, 12.0),
    ])
    .unwrap();
    assert!(
        long_setting.starts_with("You spoke for 130 s."),
        "{long_setting}"
    );
    assert!(
        long_setting.contains("cut the Situation by about 30 s"),
        "{long_setting}"
    );
    let long_action = message(&[
        (SITUATION, 10.0),
        (TASK, 6.0),
        (ACTION, 100.0),
        (RESULT_WITH_NUMBER, 14.0),
    ])
    .unwrap();
    assert!(
        long_action.contains("cut the Action by about 40 s"),
        "{long_action}"
    );
}

#[test]
fn an_answer_in_the_window_gets_no_length_line() {
    let answer = [
        (SITUATION, 14.0),
        (TASK, 7.0),
        (ACTION, 42.0),
        (RESULT_WITH_NUMBER, 7.0),
        (LESSON, 5.0),
    ];
    assert_eq!(message(&answer), None);
}
