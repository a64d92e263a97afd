use super::*;
use crate::star::units::untimed_words;
use crate::star::Part;

fn text(t: &str) -> Transcript {
    Transcript::from_words(untimed_words(t))
}

fn assess(t: &str) -> StarAssessment {
    assess_answer(&text(t), None, Vec::new(), &Norms::default(), Rubric::Story)
}

const GOOD: &str = "In my last role our checkout service was timing out during peak traffic. \
    I was asked to cut the p99 latency before the holiday sale. \
    I profiled the service and found a query that ran once for every item in the basket. \
    I added a cache in front of the pricing database and I moved the slow report to a replica. \
    I tested the change under heavy traffic before the sale. \
    As a result p99 latency dropped by forty percent and we had no outages during the sale. \
    I learned to measure before I optimise.";

#[test]
fn a_good_answer_scores_high_with_little_to_fix() {
    let a = assess(GOOD);
    assert_eq!(
        (
            a.star.as_ref().unwrap().present.situation,
            a.star.as_ref().unwrap().present.task,
            a.star.as_ref().unwrap().present.action,
            a.star.as_ref().unwrap().present.result
        ),
        (true, true, true, true)
    );
    assert!(
        a.star.as_ref().unwrap().quantified_result
            && a.star.as_ref().unwrap().reflection
            && a.star.as_ref().unwrap().in_order
    );
    assert!(a.score.total >= 80.0, "{:?}", a.score);
    assert_eq!(a.score.delivery, None, "text alone has no delivery score");
    assert!(
        a.star.as_ref().unwrap().seconds.is_none()
            && a.star
                .as_ref()
                .unwrap()
                .units
                .iter()
                .all(|u| u.start.is_none())
    );
    assert!(a.feedback.is_empty(), "{:?}", a.feedback);
}

#[test]
fn a_missing_number_gets_advice_that_names_the_metric() {
    let a = assess(&GOOD.replace("dropped by forty percent", "dropped a lot"));
    assert!(
        a.feedback
            .iter()
            .any(|f| f == "Your Result has no number: say by how much latency changed."),
        "{:?}",
        a.feedback
    );
    assert!(a.score.content < assess(GOOD).score.content);
}

#[test]
fn all_we_answers_are_told_to_say_what_you_did() {
    let a = assess(
        "Last year a big client asked for a reporting feature. We needed to ship it in ten days. We split the work into small pieces. \
         We paired on the hardest query. We skipped the charts. We shipped it one day early and the client renewed.",
    );
    assert!(
        a.findings.iter().any(|f| f.kind == "ownership"),
        "{:?}",
        a.findings
    );
    assert!(
        a.feedback
            .iter()
            .any(|f| f.contains("Action sentences say \"we\": say what you did")),
        "{:?}",
        a.feedback
    );
}

#[test]
fn hypothetical_answers_are_flagged_as_not_a_real_story() {
    let a = assess("I would first talk to both stakeholders. I usually write the requests side by side. Then I would ask my manager to decide.");
    let kinds: Vec<&str> = a.findings.iter().map(|f| f.kind.as_str()).collect();
    assert!(kinds.contains(&"hypothetical"), "{kinds:?}");
    assert!(
        a.feedback[0].starts_with("Tell one real time"),
        "{:?}",
        a.feedback
    );
}

#[test]
fn a_long_situation_is_measured_and_cut_down() {
    let a = assess(
        "I worked at a ticketing startup that sold tickets for concerts across Europe. The platform was one large Rails application. \
         Most of the year traffic was modest. But when an artist announced a tour traffic could jump a hundredfold. \
         The database was a single instance and the team was only four engineers. I was asked to keep the next sale up. \
         I put a queue in front of checkout. The next sale handled six thousand requests per second.",
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.kind == "long_situation")
        .expect("long situation found");
    assert!(f.message.contains("words"), "{}", f.message);
    assert!(
        a.feedback
            .iter()
            .any(|l| l.starts_with("Situation took") && l.ends_with("cut it to two sentences.")),
        "{:?}",
        a.feedback
    );
    assert_eq!(a.star.as_ref().unwrap().units[0].label, Part::Situation);
}

#[test]
fn empty_and_odd_inputs_never_panic() {
    for t in [
        "",
        "word",
        "🙂🙂🙂",
        "no punctuation at all just a long stream of words that goes on and on",
        "....",
        "I.",
    ] {
        let a = assess(t);
        assert!((0.0..=100.0).contains(&a.score.total), "{t}: {:?}", a.score);
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_text_is_assessed_without_panic_and_the_same_way_twice(s in "\\PC{0,400}") {
            let a = assess(&s);
            prop_assert!((0.0..=100.0).contains(&a.score.total));
            prop_assert_eq!(a, assess(&s));
        }

        #[test]
        fn timed_words_in_any_order_never_break_it(words in proptest::collection::vec(("[a-zA-Z,.!?']{1,12}", 0.0f64..200.0, 0.0f64..3.0), 0..300)) {
            let words: Vec<crate::Word> = words.into_iter().map(|(t, s, d)| crate::Word { text: t, start: s, end: s + d, p: 0.5 }).collect();
            let t = Transcript::from_words(words);
            let speech = crate::speech_report(&[crate::Span { start: 0.0, end: 200.0 }], 200.0, None, &Norms::default().speech);
            let d = crate::delivery_report(&t, &speech, &[], &[], &Norms::default());
            let a = assess_answer(&t, Some((&speech, &d)), Vec::new(), &Norms::default(), Rubric::Story);
            prop_assert!((0.0..=100.0).contains(&a.score.total));
        }
    }

    #[test]
    fn fifty_thousand_words_and_no_punctuation_at_all() {
        let long = vec!["we"; 25_000].join(" ") + &" shipped it".repeat(12_500);
        let a = assess(&long);
        assert!(!a.star.as_ref().unwrap().units.is_empty());
    }
}

/// An answer spoken without pauses, each sentence over the seconds given, assessed with audio.
fn assess_spoken(sentences: &[(&str, f64)]) -> StarAssessment {
    use crate::delivery::delivery_report;
    use crate::span::Span;
    use crate::speech::speech_report;
    let (transcript, at) = crate::test_support::spoken_evenly(sentences);
    let norms = Norms::default();
    let spans = [Span {
        start: 0.0,
        end: at,
    }];
    let speech = speech_report(&spans, at, None, &norms.speech);
    let delivery = delivery_report(&transcript, &speech, &spans, &[], &norms);
    assess_answer(
        &transcript,
        Some((&speech, &delivery)),
        Vec::new(),
        &norms,
        Rubric::Story,
    )
}

#[test]
fn the_length_line_takes_the_place_of_the_line_about_the_same_part() {
    // 35 s and no Result: one line says to end with a Result, and by about how much.
    let a = assess_spoken(&[
        (
            "Last year our checkout service kept timing out during the holiday sale.",
            10.0,
        ),
        ("My job was to find the cause before the next sale.", 5.0),
        (
            "I profiled the database calls and I added an index to the orders table.",
            20.0,
        ),
    ]);
    let about_result: Vec<&String> = a
        .feedback
        .iter()
        .filter(|l| l.to_lowercase().contains("result"))
        .collect();
    assert_eq!(
        about_result,
        [
            "You spoke for 35 s. Aim for 60–90 s: end with about 5 s of Result: what came of it, \
          with a number."
        ],
        "{:?}",
        a.feedback
    );
    assert!(a.findings.iter().any(|f| f.kind == "missing_result"));
    assert!(a.findings.iter().any(|f| f.kind == "too_short"));
}

/// The sentences of [`GOOD`] with some left out, in their order.
fn good_without(left_out: &[usize]) -> String {
    GOOD.split(". ")
        .enumerate()
        .filter(|(i, _)| !left_out.contains(i))
        .map(|(_, s)| s.trim_end_matches('.'))
        .collect::<Vec<_>>()
        .join(". ")
        + "."
}

#[test]
fn each_story_rule_fires_on_an_answer_that_lacks_what_it_asks_for_and_only_then() {
    // GOOD's sentences: 0 Situation, 1 Task, 2-4 Action, 5 Result with a number, 6 lesson.
    let cases: [(&str, String); 6] = [
        ("missing_situation", good_without(&[0])),
        ("missing_task", good_without(&[1])),
        ("missing_action", good_without(&[2, 3, 4])),
        ("missing_result", good_without(&[5, 6])),
        ("no_reflection", good_without(&[6])),
        (
            "unquantified_result",
            GOOD.replace("dropped by forty percent", "dropped a lot"),
        ),
    ];
    let good_kinds: Vec<&str> = assess(GOOD)
        .findings
        .iter()
        .map(|f| f.kind.as_str())
        .collect();
    for (kind, answer) in &cases {
        assert!(!good_kinds.contains(kind), "the good answer has {kind}");
        let a = assess(answer);
        let kinds: Vec<&str> = a.findings.iter().map(|f| f.kind.as_str()).collect();
        assert!(
            kinds.contains(kind),
            "{kind} not found in {kinds:?} for: {answer}"
        );
        // No line asks for what the answer already has.
        for line in &a.feedback {
            if a.star.as_ref().unwrap().quantified_result {
                assert!(!line.contains("no number"), "{kind}: {line}");
            }
            if a.star.as_ref().unwrap().present.result {
                assert!(!line.starts_with("End with the Result"), "{kind}: {line}");
            }
            if a.star.as_ref().unwrap().reflection {
                assert!(!line.contains("what you learned"), "{kind}: {line}");
            }
        }
    }
}

#[test]
fn the_we_and_long_setting_lines_never_contradict_the_answer() {
    // A short answer all in "we", whose Action has no past-tense action word ("we used").
    let a = assess(
        "We had a big Node.js project with lots of microservices. We used Express and MongoDB. \
         We worked really hard and the project went well.",
    );
    for line in &a.feedback {
        assert!(!line.starts_with("0 of your"), "{line}");
        assert!(!line.contains("cut it to two sentences"), "{line}");
    }
    // A setting of four sentences is told to come down to two; one of one sentence is not.
    let long = assess(
        "I worked at a ticketing startup in Berlin. The platform was one large Rails app. \
         Traffic was modest most of the year. Big tours brought sudden spikes. \
         I added a queue in front of checkout. The next sale had no errors.",
    );
    assert!(
        long.feedback
            .iter()
            .any(|l| l.ends_with("cut it to two sentences.")),
        "{:?}",
        long.feedback
    );
}
