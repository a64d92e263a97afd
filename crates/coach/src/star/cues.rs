//! The cue lexicons and features that suggest each STAR part. Every match is named, so each
//! label can say what decided it. Weights are small integers on purpose: easy to reason about.

use crate::quantity::{first_quantity, quantity_words};

/// A cue that matched a unit, and which part it speaks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub name: String,
    pub part: Part,
    pub weight: f64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Situation,
    Task,
    Action,
    Result,
    Other,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Situation,
        Part::Task,
        Part::Action,
        Part::Result,
        Part::Other,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The part's name as the user reads it; the front end's names are generated from this.
    pub fn title(self) -> &'static str {
        match self {
            Part::Situation => "Situation",
            Part::Task => "Task",
            Part::Action => "Action",
            Part::Result => "Result",
            Part::Other => "Other",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Part::Situation => "situation",
            Part::Task => "task",
            Part::Action => "action",
            Part::Result => "result",
            Part::Other => "other",
        }
    }
}

const SITUATION_PHRASES: &[&str] = &[
    "in my last role",
    "in my previous role",
    "at my last job",
    "at my previous job",
    "at my previous company",
    "a few years ago",
    "last year",
    "last spring",
    "last summer",
    "last autumn",
    "last winter",
    "last quarter",
    "one night",
    "one day",
    "at the time",
    "when i was",
    "when i joined",
    "i was working",
    "i worked at",
    "i was a",
    "i was the only",
    "our team",
    "the team",
    "our company",
    "the company",
    "our service",
    "our system",
    "our platform",
    "our product",
    "we had a",
    "we had an",
    "there was",
    "there were",
    "the problem was",
    "the issue was",
    "the situation",
    "the context",
    "we were",
    "it was a",
    "the project was",
    "our customers",
    "customers were",
    "users were",
    "the client",
];
const TASK_PHRASES: &[&str] = &[
    "i needed to",
    "i had to",
    "i was asked to",
    "i was tasked",
    "my job was",
    "my task was",
    "my role was",
    "my goal was",
    "it was my job",
    "it was my responsibility",
    "my responsibility was",
    "i was responsible",
    "i was in charge",
    "i owned",
    "the goal was",
    "our goal was",
    "the target was",
    "i wanted to",
    "we needed to",
    "we had to",
    "the challenge was",
    "i had been asked",
    "i was given",
    "so it fell to me",
    "fell to me",
    "i was on call",
    "i had two weeks",
    "i had to make sure",
    "needed someone to",
];
const RESULT_PHRASES: &[&str] = &[
    "as a result",
    "in the end",
    "the result",
    "the outcome",
    "which meant",
    "this meant",
    "that meant",
    "resulted in",
    "led to",
    "went from",
    "no longer",
    "on time",
    "ahead of schedule",
    "was adopted",
    "were adopted",
    "it worked",
    "we shipped",
    "we launched",
    "we delivered",
    "we hit",
    "we met",
    "dropped",
    "fell by",
    "fell from",
    "fell to",
    "rose",
    "increased",
    "decreased",
    "reduced",
    "improved",
    "saved",
    "cut",
    "cleared",
    "never happened again",
    "zero",
    "nobody noticed",
    "the feedback",
    "praised",
    "promoted",
    "still uses",
    "still in use",
    "became the",
    "got the",
    "won",
];
const REFLECTION_PHRASES: &[&str] = &[
    "i learned",
    "i learnt",
    "taught me",
    "next time",
    "since then",
    "looking back",
    "in hindsight",
    "the lesson",
    "my takeaway",
    "what i took away",
    "i now",
    "now i always",
    "i would do",
    "i'd do",
    "i realised",
    "i realized",
    "i still",
    "from then on",
];
const OTHER_PHRASES: &[&str] = &[
    "great question",
    "good question",
    "let me think",
    "that's a tough one",
    "thank you",
    "thanks for asking",
    "does that answer",
    "i hope that",
    "that's my answer",
    "so yeah",
    "yeah so",
    "um yeah",
];
const HYPOTHETICAL_PHRASES: &[&str] = &[
    "i would",
    "i'd probably",
    "i'd try",
    "i'd start",
    "i always",
    "i usually",
    "i generally",
    "i tend to",
    "i typically",
    "typically i",
    "usually i",
    "i normally",
    "normally i",
    "i try to",
    "i like to",
    "you would",
    "you should",
    "i'd",
];

/// Irregular past forms that mark an agentive action after "I".
const IRREGULAR_PAST: &[&str] = &[
    "wrote",
    "built",
    "led",
    "ran",
    "set",
    "made",
    "took",
    "found",
    "chose",
    "spoke",
    "met",
    "drove",
    "brought",
    "sent",
    "told",
    "began",
    "put",
    "got",
    "gave",
    "kept",
    "rewrote",
    "broke",
    "went",
    "did",
    "sat",
    "thought",
    "paired",
    "held",
    "bought",
    "caught",
    "dug",
    "fought",
    "felt",
    "split",
    "shut",
    "cut",
    "read",
    "taught",
    "sought",
    "spent",
    "understood",
    "undertook",
    "oversaw",
    "rolled",
    "swapped",
    "stepped",
];
/// "-ed" words after "I" that are states, not actions.
const STATIVE_ED: &[&str] = &[
    "needed", "wanted", "used", "seemed", "liked", "loved", "hoped", "realized", "realised",
    "learned", "learnt", "noticed", "believed", "owned",
];

pub(crate) fn words_of(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '%' && c != '$')
                .to_lowercase()
                .replace('’', "'")
        })
        .filter(|t| !t.is_empty())
        .collect()
}

pub(crate) fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(p.len())
        .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
}

fn is_past_action(word: &str) -> bool {
    (word.ends_with("ed") && word.len() > 3 && !STATIVE_ED.contains(&word))
        || IRREGULAR_PAST.contains(&word)
}

/// Whether a number or quantity is spoken, as people say them (see [`crate::quantity`]):
/// "40", "40%", "$200", "a third", "halved", "ten times", "from hours to minutes".
pub fn has_quantity(words: &[String]) -> bool {
    first_quantity(&quantity_words(&words.join(" "))).is_some()
}

pub struct UnitFeatures {
    pub cues: Vec<Cue>,
    pub reflection: bool,
    pub hypothetical: bool,
    /// First-person subjects: "I" and "we" counted as subjects of the unit.
    pub i_subjects: usize,
    pub we_subjects: usize,
    pub quantified: bool,
}

fn cue(name: impl Into<String>, part: Part, weight: f64) -> Cue {
    Cue {
        name: name.into(),
        part,
        weight,
    }
}

pub fn features(text: &str) -> UnitFeatures {
    let w = words_of(text);
    let mut cues = Vec::new();
    let add_phrases = |list: &[&str], part: Part, weight: f64, cues: &mut Vec<Cue>| {
        for p in list {
            if contains_phrase(&w, p) {
                cues.push(cue(format!("\"{p}\""), part, weight));
            }
        }
    };
    add_phrases(SITUATION_PHRASES, Part::Situation, 1.0, &mut cues);
    add_phrases(TASK_PHRASES, Part::Task, 2.0, &mut cues);
    add_phrases(RESULT_PHRASES, Part::Result, 1.2, &mut cues);
    add_phrases(OTHER_PHRASES, Part::Other, 2.5, &mut cues);
    let reflection = REFLECTION_PHRASES.iter().any(|p| contains_phrase(&w, p));
    if reflection {
        cues.push(cue("reflection", Part::Result, 2.5));
    }
    let hypothetical = HYPOTHETICAL_PHRASES.iter().any(|p| contains_phrase(&w, p));
    if hypothetical && w.iter().any(|x| x == "i" || x == "i'd") {
        // What the speaker would do or usually does: an action in form, though not a story.
        cues.push(cue("habitual or hypothetical action", Part::Action, 1.5));
    }

    let mut i_subjects = 0;
    let mut we_subjects = 0;
    for k in 0..w.len() {
        let next = w.get(k + 1).map(String::as_str).unwrap_or("");
        let after = w.get(k + 2).map(String::as_str).unwrap_or("");
        let verb = if matches!(
            next,
            "then" | "also" | "quickly" | "first" | "immediately" | "personally" | "finally"
        ) {
            after
        } else {
            next
        };
        match w[k].as_str() {
            "i" => {
                i_subjects += 1;
                if is_past_action(verb) {
                    cues.push(cue(format!("I {verb}"), Part::Action, 2.0));
                }
            }
            "we" => {
                we_subjects += 1;
                if is_past_action(verb) {
                    cues.push(cue(format!("we {verb}"), Part::Action, 1.2));
                }
            }
            "was" | "were" if next.ends_with("ing") && next.len() > 4 => {
                cues.push(cue(format!("{} {next}", w[k]), Part::Situation, 1.0))
            }
            _ => {}
        }
    }
    for opener in ["first", "then", "next", "so", "after", "afterwards"] {
        if w.first().is_some_and(|f| f == opener) && w.get(1).is_some_and(|s| s == "i") {
            cues.push(cue(format!("opens \"{opener} I\""), Part::Action, 0.8));
        }
    }
    // A present-tense statement with no action and no number is background: "AI tools are
    // everywhere now", "our platform is one large Rails app".
    let present_be = w.iter().any(|x| matches!(x.as_str(), "is" | "are" | "am"));
    let quantified = has_quantity(&w);
    if present_be
        && !quantified
        && !cues
            .iter()
            .any(|c| c.part == Part::Action || c.part == Part::Result)
    {
        cues.push(cue("present-tense background", Part::Situation, 0.8));
    }
    if quantified {
        cues.push(cue("a number", Part::Result, 0.8));
    }
    UnitFeatures {
        cues,
        reflection,
        hypothetical,
        i_subjects,
        we_subjects,
        quantified,
    }
}
