//! The rubric an answer is judged by, chosen from its question's category (ARCHITECTURE.md,
//! "Rubrics"). Behavioural questions ask for a story and keep STAR (`crate::star`); the others
//! ask for something else, and are judged on the parts that answer needs:
//! - **approach** (competency and technical questions): a clear position, how you work (steps
//!   or principles), a concrete example with its outcome, and the trade-offs;
//! - **plan** (situational, "what would you do if …"): the first steps, who you would involve,
//!   the risks, and how you would know it worked; "I would" is right here, not a fault;
//! - **vision** (motivation and "where do you see … in five years"): a view, the reasons for
//!   it, and what you are doing about it.

pub mod advice;
pub mod cues;
pub mod report;

use crate::packs::Category;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rubric {
    /// Situation, Task, Action, Result.
    #[default]
    Story,
    Approach,
    Plan,
    Vision,
}

impl Rubric {
    pub fn for_category(category: Category) -> Rubric {
        match category {
            Category::Behavioural => Rubric::Story,
            Category::Competency | Category::Technical => Rubric::Approach,
            Category::Situational => Rubric::Plan,
            Category::Vision => Rubric::Vision,
        }
    }

    /// The parts an answer to this rubric should have, in the order they are usually told.
    /// Empty for a story, whose parts are STAR's.
    pub fn elements(self) -> &'static [Element] {
        use Element::*;
        match self {
            Rubric::Story => &[],
            Rubric::Approach => &[Position, Practice, Example, Tradeoffs],
            Rubric::Plan => &[FirstSteps, People, Risks, Measure],
            Rubric::Vision => &[View, Reasons, Preparation],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rubric::Story => "story",
            Rubric::Approach => "approach",
            Rubric::Plan => "plan",
            Rubric::Vision => "vision",
        }
    }

    pub const ALL: [Rubric; 4] = [
        Rubric::Story,
        Rubric::Approach,
        Rubric::Plan,
        Rubric::Vision,
    ];

    /// What the answer is, as the user reads it above its parts.
    pub fn title(self) -> &'static str {
        match self {
            Rubric::Story => "Your story",
            Rubric::Approach => "Your approach",
            Rubric::Plan => "Your plan",
            Rubric::Vision => "Your view",
        }
    }

    pub fn parse(name: &str) -> Option<Rubric> {
        Rubric::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// A part of a non-story answer.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    Position,
    Practice,
    Example,
    Tradeoffs,
    FirstSteps,
    People,
    Risks,
    Measure,
    View,
    Reasons,
    Preparation,
    Other,
}

impl Element {
    pub const ALL: [Element; 12] = [
        Element::Position,
        Element::Practice,
        Element::Example,
        Element::Tradeoffs,
        Element::FirstSteps,
        Element::People,
        Element::Risks,
        Element::Measure,
        Element::View,
        Element::Reasons,
        Element::Preparation,
        Element::Other,
    ];

    /// The name the user reads.
    pub fn title(self) -> &'static str {
        match self {
            Element::Position => "Position",
            Element::Practice => "How you work",
            Element::Example => "Example",
            Element::Tradeoffs => "Trade-offs",
            Element::FirstSteps => "First steps",
            Element::People => "Who you involve",
            Element::Risks => "Risks",
            Element::Measure => "How you'd know",
            Element::View => "Your view",
            Element::Reasons => "Reasons",
            Element::Preparation => "What you're doing",
            Element::Other => "Other",
        }
    }

    /// The letter the labelled answers use (`tests/fixtures/rubrics`).
    pub fn letter(self) -> char {
        match self {
            Element::Position => 'P',
            Element::Practice => 'H',
            Element::Example => 'E',
            Element::Tradeoffs => 'T',
            Element::FirstSteps => 'F',
            Element::People => 'W',
            Element::Risks => 'K',
            Element::Measure => 'M',
            Element::View => 'V',
            Element::Reasons => 'R',
            Element::Preparation => 'D',
            Element::Other => 'O',
        }
    }

    pub fn from_letter(letter: &str) -> Option<Element> {
        Element::ALL
            .into_iter()
            .find(|e| letter.len() == 1 && letter.starts_with(e.letter()))
    }
}
