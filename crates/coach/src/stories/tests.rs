//! The story bank: TOML in and out with errors that point at the story, suggestions for a
//! question, recognising a retold story (and not an unrelated answer), and coverage.

use super::matching::{recognise_story, story_coverage, suggest_stories, MIN_SIMILARITY};
use super::*;
use crate::packs::{Category, Question};

const BANK: &str = r#"
[[story]]
id = "checkout-outage"
title = "The checkout outage before the holiday sale"
situation = "Two weeks before our biggest holiday sale the checkout service started timing out under load."
task = "I owned checkout, so I had to make it hold three times the normal traffic before the sale."
action = "I profiled the slow database queries, added an index on the orders table, cached the price lookups and ran load tests every night."
result = "Checkout held four times normal traffic, page load fell by forty percent and the sale ran without an outage."
numbers = ["40% faster page load", "4x traffic"]
competencies = ["ownership", "delivery under pressure", "performance"]

[[story]]
id = "api-disagreement"
title = "Disagreeing with the mobile lead about the API design"
situation = "The mobile team lead wanted a chatty REST API while I believed a single GraphQL endpoint would save their battery and our bandwidth."
task = "We had to agree on one design before the sprint planning on Monday."
action = "I set up a meeting, listened to his concerns about caching, built a small prototype of both and measured the number of requests on a real phone."
result = "We chose a REST API with two batch endpoints, requests per screen dropped from twelve to three, and he asked me to review the next design."
competencies = ["conflict", "collaboration", "communication"]

[[story]]
id = "failed-migration"
title = "The database migration I rolled back"
situation = "I led the migration of the billing database to a new cluster."
task = "The cut-over had to happen in a two hour maintenance window."
action = "I skipped a full rehearsal to save time, the replication lag was worse than expected, so I called the rollback myself and wrote the postmortem."
result = "We lost no data, redid the migration a week later with a rehearsal and it took fifty minutes. Since then every migration of ours has a rehearsal."
competencies = ["failure", "ownership", "learning"]

[[story]]
id = "mentoring-junior"
title = "Mentoring a junior developer through her first on-call"
situation = "A junior developer joined the team and was nervous about her first on-call week."
task = "As the senior on the team I wanted her to handle incidents on her own within a month."
action = "I paired with her on two incidents, wrote a runbook with her for the five most common alerts and let her lead the third incident while I watched."
result = "She handled her next on-call week alone, resolved six alerts and later improved the runbook for the whole team."
competencies = ["leadership", "mentoring", "communication"]
"#;

fn bank() -> StoryBank {
    parse_stories("stories.toml", BANK).unwrap()
}

fn question(text: &str, competencies: &[&str]) -> Question {
    Question {
        id: "q".into(),
        text: text.into(),
        category: Category::Behavioural,
        target_seconds: 90,
        competencies: competencies.iter().map(|c| c.to_string()).collect(),
        hints: Vec::new(),
        source: None,
        follow_ups: Vec::new(),
    }
}

#[test]
fn a_bank_reads_back_as_written_and_errors_point_at_the_story() {
    let b = bank();
    assert_eq!(b.stories.len(), 4);
    assert_eq!(parse_stories("again", &stories_to_toml(&b)).unwrap(), b);

    let twice = format!("{BANK}\n[[story]]\nid = \"mentoring-junior\"\ntitle = \"Again\"\n");
    let err = parse_stories("mine.toml", &twice).unwrap_err();
    assert!(err.message.contains("used twice"), "{err}");
    assert_eq!(err.origin, "mine.toml");
    assert!(err.line > 1, "{err}");

    let untitled = "[[story]]\nid = \"x\"\ntitle = \" \"\n";
    assert!(parse_stories("s", untitled)
        .unwrap_err()
        .message
        .contains("needs a title"));
    let bad_id = "[[story]]\nid = \"a b\"\ntitle = \"T\"\n";
    let err = parse_stories("s", bad_id).unwrap_err();
    assert_eq!(
        (err.line, err.message.contains("letters, digits")),
        (2, true),
        "{err}"
    );
    let unknown = "[[story]]\nid = \"x\"\ntitle = \"T\"\nmood = \"proud\"\n";
    let err = parse_stories("s", unknown).unwrap_err();
    assert_eq!(err.line, 4, "{err}");
    let long = format!(
        "[[story]]\nid = \"x\"\ntitle = \"T\"\naction = \"{}\"\n",
        "a".repeat(2_001)
    );
    assert!(parse_stories("s", &long)
        .unwrap_err()
        .message
        .contains("longer than"));
    let many: String = (0..=MOST_STORIES)
        .map(|i| format!("[[story]]\nid = \"s{i}\"\ntitle = \"T\"\n"))
        .collect();
    assert!(parse_stories("s", &many)
        .unwrap_err()
        .message
        .contains("at most"));
}

#[test]
fn an_import_adds_new_stories_and_replaces_those_with_the_same_id() {
    let b = bank();
    let incoming = parse_stories(
        "new.toml",
        "[[story]]\nid = \"failed-migration\"\ntitle = \"Rolled back, told again\"\n\n\
         [[story]]\nid = \"hackathon\"\ntitle = \"The hackathon\"\n",
    )
    .unwrap();
    let merged = b.clone().merged(incoming);
    assert_eq!(merged.stories.len(), 5);
    assert_eq!(merged.stories[2].title, "Rolled back, told again");
    assert_eq!(merged.stories[4].id, "hackathon");
}

#[test]
fn new_ids_come_from_the_title_and_never_clash() {
    let b = bank();
    assert_eq!(story_id("The Checkout  Outage!", &b), "the-checkout-outage");
    assert_eq!(story_id("checkout outage", &b), "checkout-outage-2");
    assert_eq!(story_id("???", &b), "story");
}

#[test]
fn a_question_is_offered_the_stories_that_show_what_it_asks_for() {
    let b = bank();
    let conflict = question(
        "Tell me about a time you disagreed with a colleague. How did you resolve it?",
        &["conflict", "communication"],
    );
    let got = suggest_stories(&conflict, &b);
    assert_eq!(got[0].story_id, "api-disagreement", "{got:?}");
    assert_eq!(got[0].competencies, ["conflict", "communication"]);
    let failure = question("Tell me about a project that failed.", &["failure"]);
    assert_eq!(
        suggest_stories(&failure, &b)[0].story_id,
        "failed-migration"
    );
    // Words alone, when the question's competencies are not in the bank.
    let words = question(
        "How have you dealt with an outage during a big sale?",
        &["resilience"],
    );
    let got = suggest_stories(&words, &b);
    assert_eq!(got[0].story_id, "checkout-outage", "{got:?}");
    assert!(got[0].competencies.is_empty());
    assert!(got[0].words.iter().any(|w| w == "outage"), "{got:?}");
}

/// Takes as Whisper writes them: the story told again in other words, and answers that tell
/// something else.
const RETOLD: &[(&str, Option<&str>)] = &[
    (
        "So two weeks before the holiday sale our checkout kept timing out. It was my service so \
         I had to fix it. I profiled the queries, I put an index on the orders table and I cached \
         the prices, and we ran load tests every night. In the end checkout took four times the \
         normal load and there was no outage during the sale.",
        Some("checkout-outage"),
    ),
    (
        "I had a disagreement with the lead of the mobile team. He wanted lots of small REST \
         calls and I wanted GraphQL. I listened to his worries about caching and I built two \
         prototypes and measured the requests on a phone. We settled on REST with batch \
         endpoints and the requests per screen went from twelve to three.",
        Some("api-disagreement"),
    ),
    (
        "The billing database had to move to a new cluster in a two hour window. I decided to \
         skip the rehearsal, and the replication lag was too high, so I rolled it back and wrote \
         the postmortem. A week later we did it again with a rehearsal in fifty minutes.",
        Some("failed-migration"),
    ),
    (
        "When a new junior developer joined she was worried about being on call. I paired with \
         her on a couple of incidents and we wrote a runbook together for the common alerts. \
         By the next month she did her on-call week on her own.",
        Some("mentoring-junior"),
    ),
    (
        "At my last job I organised the office move. I made a spreadsheet of every desk, talked \
         to facilities about the furniture and booked the movers for a Saturday, and everyone \
         was at their new desk on Monday morning.",
        None,
    ),
    (
        "I think my greatest strength is that I am curious. I read a lot about new languages and \
         I like learning from the people around me.",
        None,
    ),
];

#[test]
fn a_take_is_linked_to_the_story_it_retells_and_to_none_when_it_tells_another() {
    let b = bank();
    for (said, expected) in RETOLD {
        let got = recognise_story(said, &b);
        eprintln!(
            "{:?} → {:?}",
            expected,
            got.as_ref().map(|m| (&m.story_id, m.similarity, &m.words))
        );
        assert_eq!(
            got.as_ref().map(|m| m.story_id.as_str()),
            *expected,
            "{said}"
        );
        if let Some(m) = got {
            assert!(m.similarity >= MIN_SIMILARITY);
            assert!(!m.words.is_empty() && m.words.len() <= 8);
        }
    }
    assert_eq!(recognise_story("anything", &StoryBank::default()), None);
}

#[test]
fn coverage_shows_which_questions_have_a_story_and_which_competencies_none() {
    let b = bank();
    let questions = [
        question(
            "Tell me about a time you disagreed with a colleague.",
            &["conflict"],
        ),
        question(
            "Tell me about a time you influenced a decision without authority.",
            &["influence"],
        ),
        question(
            "Tell me about a mistake you made.",
            &["failure", "learning"],
        ),
    ];
    let c = story_coverage(&questions, &b);
    assert_eq!(c.rows.len(), 3);
    assert_eq!(c.rows[0].stories, ["api-disagreement"]);
    assert!(c.rows[1].stories.is_empty(), "{:?}", c.rows[1]);
    assert_eq!(c.rows[2].stories, ["failed-migration"]);
    assert_eq!(c.competencies[0].competency, "influence");
    assert!(c.competencies[0].stories.is_empty(), "uncovered first");
    assert!(c.competencies[1..].iter().all(|x| !x.stories.is_empty()));
}
