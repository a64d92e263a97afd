//! The user's story bank: the handful of prepared stories a candidate walks in with, each a
//! title, a line for each STAR part, its numbers and the competencies it shows (ownership,
//! conflict, failure…). Kept as TOML (`[[story]]`), checked like a pack: an error names the
//! line and column. `matching` suggests stories for a question, recognises which story a take
//! told, and lays out which questions and competencies have a story.

pub mod matching;

use crate::packs::{locate, parse_toml, PackError};
use serde::{Deserialize, Serialize};

/// At most this many stories: a bank is a handful, not a diary.
pub const MOST_STORIES: usize = 200;
/// At most this many characters in any one field.
pub const LONGEST_FIELD: usize = 2_000;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// Letters, digits, '-' or '_'; unique in the bank.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub task: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub result: String,
    /// The figures it can quote: "page load 40% faster", "3 weeks early".
    #[serde(default)]
    pub numbers: Vec<String>,
    /// What it shows, in the packs' words: "ownership", "conflict", "failure"…
    #[serde(default)]
    pub competencies: Vec<String>,
}

impl Story {
    /// Everything it says, for matching.
    pub fn text(&self) -> String {
        [
            self.title.as_str(),
            &self.situation,
            &self.task,
            &self.action,
            &self.result,
            &self.numbers.join(". "),
        ]
        .join(". ")
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryBank {
    pub stories: Vec<Story>,
}

/// The bank as its TOML file spells it: a `[[story]]` table for each story.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoryFile {
    #[serde(default, rename = "story")]
    stories: Vec<Story>,
}

impl StoryBank {
    /// This bank with `incoming` added; a story with an id already here replaces it.
    pub fn merged(mut self, incoming: StoryBank) -> StoryBank {
        for story in incoming.stories {
            match self.stories.iter_mut().find(|s| s.id == story.id) {
                Some(old) => *old = story,
                None => self.stories.push(story),
            }
        }
        self
    }
}

/// Parses and checks a story bank; `origin` names it in errors (usually the file path).
pub fn parse_stories(origin: &str, text: &str) -> Result<StoryBank, PackError> {
    let file: StoryFile = parse_toml(origin, text)?;
    let bank = StoryBank {
        stories: file.stories,
    };
    check_stories(&bank).map_err(|(id, message)| {
        let (line, column) = id
            .map(|id| locate(text, &format!("\"{id}\""), 0))
            .unwrap_or((1, 1));
        PackError {
            origin: origin.into(),
            line,
            column,
            message,
        }
    })?;
    Ok(bank)
}

/// What is wrong with `bank`, and the id of the story it is in (None: the bank as a whole).
pub fn check_stories(bank: &StoryBank) -> Result<(), (Option<String>, String)> {
    if bank.stories.len() > MOST_STORIES {
        return Err((
            None,
            format!(
                "a story bank holds at most {MOST_STORIES} stories; this one has {}",
                bank.stories.len()
            ),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for s in &bank.stories {
        let wrong = |message: String| Err((Some(s.id.clone()), message));
        if s.id.is_empty()
            || !s
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return wrong(format!(
                "story id {:?} must be letters, digits, '-' or '_'",
                s.id
            ));
        }
        if !seen.insert(s.id.as_str()) {
            return wrong(format!("story id {:?} is used twice", s.id));
        }
        if s.title.trim().is_empty() {
            return wrong(format!("story {:?} needs a title", s.id));
        }
        let fields = [
            ("title", &s.title),
            ("situation", &s.situation),
            ("task", &s.task),
            ("action", &s.action),
            ("result", &s.result),
        ];
        for (name, value) in fields {
            if value.chars().count() > LONGEST_FIELD {
                return wrong(format!(
                    "the {name} of story {:?} is longer than {LONGEST_FIELD} characters",
                    s.id
                ));
            }
        }
        if s.numbers
            .iter()
            .chain(&s.competencies)
            .any(|v| v.chars().count() > 200)
        {
            return wrong(format!(
                "story {:?} has a number or competency longer than 200 characters",
                s.id
            ));
        }
    }
    Ok(())
}

/// The bank as TOML that `parse_stories` reads back as the same bank.
pub fn stories_to_toml(bank: &StoryBank) -> String {
    toml::to_string_pretty(&StoryFile {
        stories: bank.stories.clone(),
    })
    .unwrap_or_default()
}

/// A new story id from a title: "The checkout outage" → "the-checkout-outage", made unique.
pub fn story_id(title: &str, bank: &StoryBank) -> String {
    let mut base: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while base.contains("--") {
        base = base.replace("--", "-");
    }
    let base = base.trim_matches('-').chars().take(40).collect::<String>();
    let base = if base.is_empty() {
        "story".into()
    } else {
        base
    };
    let taken = |id: &str| bank.stories.iter().any(|s| s.id == id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

#[cfg(test)]
mod tests;
