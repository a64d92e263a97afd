//! Which part of a non-story answer each unit plays: named cue phrases for each part, a small
//! prior from the unit's place in the answer, and the part with the highest score (Other when
//! nothing speaks for any). Parts may come in any order, so each unit is decided on its own.
//! Every label keeps the cues that decided it.

use super::{Element, Rubric};
use crate::star::cues::{contains_phrase, has_quantity, words_of};

/// Present-tense verbs that say how someone works ("I write", "I keep").
const PRESENT_HABITS: &[&str] = &[
    "write", "keep", "use", "check", "ask", "give", "put", "agree", "follow", "add", "review",
    "test", "read", "run", "plan", "measure", "prefer", "avoid", "build", "document", "pair",
];

/// Verbs that bring someone else into a plan ("I would tell …", "I'd call …").
const PEOPLE_VERBS: &[&str] = &[
    "tell", "call", "contact", "ask", "talk", "inform", "pull", "bring", "speak", "escalate",
    "let", "involve", "email", "message", "go",
];

/// A cue that matched a unit, and the part it speaks for.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementCue {
    pub name: String,
    pub element: Element,
    pub weight: f64,
}

const OTHER: &[&str] = &[
    "great question",
    "good question",
    "let me think",
    "so yeah",
    "i guess",
    "to be honest",
    "it depends on the",
];

fn lexicon(element: Element) -> &'static [&'static str] {
    match element {
        Element::Position => &[
            "i think",
            "i believe",
            "my view",
            "my approach",
            "i prefer",
            "i treat",
            "for me",
            "i see it",
            "my philosophy",
            "a big believer",
            "i start from",
            "i assume",
            "my rule",
            "in my opinion",
            "i like",
            "i really like",
            "i love",
            "is really important",
            "is important",
            "my principle",
            "the idea that",
            "my view is",
            "i'm convinced",
        ],
        Element::Practice => &[
            "i always",
            "i usually",
            "i keep",
            "i use",
            "i write",
            "i make sure",
            "i try to",
            "day to day",
            "in practice",
            "first i",
            "then i",
            "i check",
            "i look",
            "i start",
            "i ask",
            "i give",
            "i put",
            "i agree",
            "i follow",
            "i reach for",
            "i take",
            "i add",
            "i list",
            "i split",
            "i compare",
            "i listen",
            "i set up",
            "i pick",
            "i tell",
            "i say",
            "i share",
            "before any",
            "every",
            "i also",
            "i review",
            "i explain",
            "i offer",
            "i set",
            "my process",
            "my routine",
            "step by step",
        ],
        Element::Example => &[
            "for example",
            "for instance",
            "last year",
            "last month",
            "last quarter",
            "last spring",
            "last winter",
            "last summer",
            "last autumn",
            "at my last",
            "in my last",
            "at my previous",
            "in my previous",
            "once",
            "one night",
            "one day",
            "on a",
            "on our",
            "at a",
            "for our",
            "we once",
            "when we",
            "when i",
        ],
        Element::Tradeoffs => &[
            "trade-off",
            "trade off",
            "the downside",
            "the cost is",
            "the catch",
            "the risk is",
            "on the other hand",
            "however",
            "unless",
            "the drawback",
            "it takes",
            "it means",
            "it can feel",
            "not perfect",
            "not always",
            "doesn't always",
            "instead",
            "takes longer",
            "slower",
            "the price",
            "it doesn't fit",
            "when not to",
            "sometimes",
            "costs",
            "overhead",
            "expensive",
            "adds time",
            "add time",
            "slows",
            "slow the",
            "for small",
        ],
        Element::FirstSteps => &[
            "first i",
            "first thing",
            "first step",
            "the first thing",
            "i would start",
            "i'd start",
            "my first step",
            "then i would",
            "then i'd",
            "straight away",
            "immediately",
            "right away",
            "to begin",
        ],
        Element::People => &[
            "talk to",
            "tell my",
            "tell the",
            "inform",
            "informed",
            "my manager",
            "team lead",
            "my team",
            "the team",
            "stakeholders",
            "bring in",
            "pull in",
            "call the",
            "escalate",
            "involve",
            "ask the",
            "let my",
            "know too",
            "together",
            "speak to",
            "keep them",
            "loop in",
            "updated",
        ],
        Element::Risks => &[
            "risk",
            "the danger",
            "careful",
            "could go wrong",
            "make it worse",
            "break",
            "breaking",
            "go wrong",
            "the worry",
            "mistake",
        ],
        Element::Measure => &[
            "i would know",
            "i'd know",
            "we'd know",
            "would know",
            "success",
            "done when",
            "fixed when",
            "back at",
            "back under",
            "back to normal",
            "metric",
            "track",
            "measure",
            "confirmed",
            "it worked",
            "it had worked",
            "i'd call it",
            "resolved",
            "settled",
        ],
        Element::View => &[
            "i think",
            "i expect",
            "i see",
            "in five years",
            "in the next",
            "will",
            "i want to be",
            "i'd like to be",
            "i would like to be",
            "i want to",
            "heading",
            "becoming",
            "will become",
            "probably",
            "i'd like to",
            "the future",
            "more like",
            "i would be",
        ],
        Element::Reasons => &[
            "because",
            "the reason",
            "since",
            "already",
            "i've found",
            "i've seen",
            "i saw",
            "increasingly",
            "are getting",
            "growing",
            "more and more",
            "is also",
            "are also",
            "also",
            "keeps growing",
            "is that",
            "are starting",
        ],
        Element::Preparation => &[
            "i'm investing",
            "i'm learning",
            "i'm working",
            "i've started",
            "i have started",
            "i'm taking",
            "i'm doing",
            "i've been",
            "that's why i",
            "so i'm",
            "i'm already",
            "i've already",
            "i'm preparing",
            "i'm also",
            "in my free time",
            "a course",
            "certification",
            "side project",
        ],
        Element::Other => OTHER,
    }
}

/// The prior for `element` at place `pos` (0 first unit, 1 last): positions open an answer,
/// examples sit in the middle, trade-offs, measures and plans for yourself close it.
fn prior(element: Element, pos: f64) -> f64 {
    let early = 0.6 * (1.0 - pos);
    let late = 0.6 * pos;
    match element {
        Element::Position | Element::View | Element::FirstSteps => early,
        Element::Tradeoffs | Element::Measure | Element::Preparation => late,
        Element::Example
        | Element::Practice
        | Element::People
        | Element::Risks
        | Element::Reasons => 0.2,
        Element::Other => 0.0,
    }
}

/// How much the opening place speaks for those parts.
const OPENING_BONUS: f64 = 0.6;

/// The parts an answer may open with unmarked.
const OPENERS: [Element; 3] = [Element::Position, Element::View, Element::FirstSteps];

/// Cues need to reach this for a unit to be anything but Other.
const OTHER_BELOW: f64 = 0.9;

/// The cues in `text` for each part of `rubric` (and Other).
pub fn element_cues(text: &str, rubric: Rubric) -> Vec<ElementCue> {
    let w = words_of(text);
    let mut cues = Vec::new();
    for &element in rubric.elements().iter().chain([Element::Other].iter()) {
        for phrase in lexicon(element) {
            if contains_phrase(&w, phrase) {
                let weight = if element == Element::Other { 2.0 } else { 1.0 };
                cues.push(ElementCue {
                    name: format!("\"{phrase}\""),
                    element,
                    weight,
                });
            }
        }
    }
    let says = |pred: &dyn Fn(&str, &str) -> bool| w.windows(2).any(|p| pred(&p[0], &p[1]));
    let form = |cues: &mut Vec<ElementCue>, name: &str, element: Element, weight: f64| {
        cues.push(ElementCue {
            name: name.into(),
            element,
            weight,
        });
    };
    match rubric {
        // "I would call …", "I'd check …": a step of the plan; "first" and "then" say which.
        Rubric::Plan if says(&|a, b| (a == "would" || a == "i'd") && PEOPLE_VERBS.contains(&b)) => {
            form(
                &mut cues,
                "I would + tell, call, ask …",
                Element::People,
                1.0,
            )
        }
        Rubric::Plan if says(&|a, b| (a == "would" || a == "i'd") && b.len() > 2 && b != "be") => {
            form(&mut cues, "I would + a verb", Element::FirstSteps, 0.6)
        }
        // "I'm reading", "I've started": something already under way.
        Rubric::Vision
            if says(&|a, b| {
                (a == "i'm" && b.ends_with("ing")) || (a == "i've" && b.ends_with("ed"))
            }) =>
        {
            form(&mut cues, "under way", Element::Preparation, 0.8)
        }
        // "I keep", "I write": how the speaker works, in the present tense.
        Rubric::Approach
            if !cues.iter().any(|c| c.element == Element::Practice)
                && says(&|a, b| a == "i" && PRESENT_HABITS.contains(&b)) =>
        {
            form(&mut cues, "I + a habit", Element::Practice, 0.6)
        }
        _ => {}
    }
    if rubric == Rubric::Plan && w.first().is_some_and(|f| f == "first") {
        form(&mut cues, "opens with \"first\"", Element::FirstSteps, 1.0);
    }
    let quantified = has_quantity(&w);
    let past_i = w
        .windows(2)
        .any(|p| p[0] == "i" && p[1].ends_with("ed") && p[1].len() > 3);
    if rubric == Rubric::Approach && (quantified || past_i) {
        // A number or a thing done is what makes an example concrete.
        let name = if quantified {
            "a number"
        } else {
            "something you did"
        };
        cues.push(ElementCue {
            name: name.into(),
            element: Element::Example,
            weight: 0.8,
        });
    }
    cues
}

/// The part each unit of an answer to `rubric` plays, with the cues that decided it.
pub fn tag_elements(texts: &[String], rubric: Rubric) -> Vec<(Element, Vec<ElementCue>)> {
    let n = texts.len();
    texts
        .iter()
        .enumerate()
        .map(|(u, text)| {
            let pos = if n <= 1 {
                0.5
            } else {
                u as f64 / (n - 1) as f64
            };
            let cues = element_cues(text, rubric);
            let score = |e: Element| {
                cues.iter()
                    .filter(|c| c.element == e)
                    .map(|c| c.weight)
                    .sum::<f64>()
            };
            // The opening unit may state the position, the view or the first step by its place
            // alone: people lead with it without a marker ("I alert on what users feel").
            let opening = u == 0 && n > 1;
            let best = rubric
                .elements()
                .iter()
                .copied()
                .filter(|e| score(*e) > 0.0 || (opening && OPENERS.contains(e)))
                .map(|e| {
                    (
                        e,
                        score(e)
                            + prior(e, pos)
                            + if opening && OPENERS.contains(&e) {
                                OPENING_BONUS
                            } else {
                                0.0
                            },
                    )
                })
                .fold(None, |acc: Option<(Element, f64)>, x| match acc {
                    Some(a) if a.1 >= x.1 => Some(a),
                    _ => Some(x),
                });
            let element = match best {
                Some((e, s)) if s >= OTHER_BELOW && score(Element::Other) < s => e,
                _ => Element::Other,
            };
            let kept = cues.into_iter().filter(|c| c.element == element).collect();
            (element, kept)
        })
        .collect()
}
