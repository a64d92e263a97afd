//! The parts report of a non-story answer: its units with the part each plays, which parts
//! are present and the time (or, for text alone, the words) each took, and the content signals
//! the score reads (a number, a concrete part, the speaker's own voice).

use super::cues::tag_elements;
use super::{Element, Rubric};
use crate::star::cues::{has_quantity, words_of};
use crate::star::units::split_units;
use crate::transcript::Transcript;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartsUnit {
    pub text: String,
    pub element: Element,
    pub start: Option<f64>,
    pub end: Option<f64>,
    pub cues: Vec<String>,
}

/// One part the rubric asks for, and how much of the answer it took.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartPresence {
    pub element: Element,
    /// Its name as the user reads it.
    pub title: String,
    pub present: bool,
    /// Seconds it took (null for text without times).
    pub seconds: Option<f64>,
    pub words: usize,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartsReport {
    pub rubric: Rubric,
    pub units: Vec<PartsUnit>,
    /// The rubric's parts in their usual order.
    pub parts: Vec<PartPresence>,
    /// Words in units that are none of the rubric's parts.
    pub other_words: usize,
    /// A number or quantity anywhere in the answer.
    pub has_number: bool,
    /// The part that makes this kind of answer concrete is there and concrete: an example with
    /// its outcome (approach), a measure with a number or a sign to watch (plan), something
    /// already under way (vision).
    pub concrete: bool,
    /// Share of the answer's parts said in the first person ("I", "I'd", "my").
    pub first_person_share: f64,
}

impl PartsReport {
    pub fn present(&self, element: Element) -> bool {
        self.parts.iter().any(|p| p.element == element && p.present)
    }

    pub fn missing(&self) -> impl Iterator<Item = Element> + '_ {
        self.parts.iter().filter(|p| !p.present).map(|p| p.element)
    }

    fn units_of(&self, element: Element) -> impl Iterator<Item = &PartsUnit> {
        self.units.iter().filter(move |u| u.element == element)
    }

    pub fn first_of(&self, element: Element) -> Option<&PartsUnit> {
        self.units_of(element).next()
    }
}

fn first_person(text: &str) -> bool {
    words_of(text).iter().any(|w| {
        matches!(
            w.as_str(),
            "i" | "i'd" | "i'm" | "i've" | "i'll" | "my" | "me"
        )
    })
}

pub fn parts_report(transcript: &Transcript, timed: bool, rubric: Rubric) -> PartsReport {
    let units = split_units(&transcript.words, timed);
    let texts: Vec<String> = units.iter().map(|u| u.text.clone()).collect();
    let tagged = tag_elements(&texts, rubric);
    let units: Vec<PartsUnit> = units
        .iter()
        .zip(tagged)
        .map(|(u, (element, cues))| PartsUnit {
            text: u.text.clone(),
            element,
            start: u.start,
            end: u.end,
            cues: cues.into_iter().map(|c| c.name).collect(),
        })
        .collect();
    let words = |u: &PartsUnit| u.text.split_whitespace().count();
    let parts = rubric
        .elements()
        .iter()
        .map(|&element| {
            let of: Vec<&PartsUnit> = units.iter().filter(|u| u.element == element).collect();
            PartPresence {
                element,
                title: element.title().to_string(),
                present: !of.is_empty(),
                seconds: timed.then(|| {
                    of.iter()
                        .filter_map(|u| Some((u.end? - u.start?).max(0.0)))
                        .sum()
                }),
                words: of.iter().map(|u| words(u)).sum(),
            }
        })
        .collect();
    let quantified = |u: &PartsUnit| has_quantity(&words_of(&u.text));
    let concrete = match rubric {
        Rubric::Approach => units.iter().any(|u| {
            u.element == Element::Example
                && (quantified(u) || u.cues.iter().any(|c| c == "a number"))
        }),
        Rubric::Plan => units.iter().any(|u| u.element == Element::Measure),
        Rubric::Vision => units.iter().any(|u| u.element == Element::Preparation),
        Rubric::Story => false,
    };
    let own: Vec<&PartsUnit> = units
        .iter()
        .filter(|u| u.element != Element::Other)
        .collect();
    let first_person_share = if own.is_empty() {
        0.0
    } else {
        own.iter().filter(|u| first_person(&u.text)).count() as f64 / own.len() as f64
    };
    PartsReport {
        rubric,
        other_words: units
            .iter()
            .filter(|u| u.element == Element::Other)
            .map(words)
            .sum(),
        has_number: units.iter().any(quantified),
        concrete,
        first_person_share,
        parts,
        units,
    }
}
