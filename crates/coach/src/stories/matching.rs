//! Stories against questions and takes, by the words they share: which stories fit a question
//! (the competencies it asks for, then its words), which story a take told (term weighting
//! over the bank, so words every story uses count for little), and the grid of questions and
//! competencies with a story and without. Each match says which words made it.

use super::{Story, StoryBank};
use crate::packs::Question;
use crate::wer::normalize_words;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A take tells a story when its words are at least this similar to the story's (cosine of
/// weighted terms), and more similar to it than to any other story by [`MARGIN`]. Set between
/// what retold stories and answers about something else score in this module's tests
/// (bench/RESULTS.md, "Recognising a story").
pub const MIN_SIMILARITY: f64 = 0.15;
/// How much closer the best story must be than the next, so a take that mixes two stories is
/// not put down to one of them.
pub const MARGIN: f64 = 1.25;

/// Words that say nothing about what a story is about.
const STOP: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "done", "each", "even", "every", "few", "for", "from", "get", "got", "had",
    "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "i'd", "i'm", "if",
    "in", "into", "is", "it", "it's", "its", "just", "know", "like", "made", "make", "many", "me",
    "more", "most", "much", "my", "need", "needed", "no", "not", "now", "of", "on", "once", "one",
    "only", "or", "other", "our", "out", "over", "own", "really", "said", "same", "say", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "thing", "things", "this", "those", "through", "time", "to", "too", "up",
    "us", "very", "was", "way", "we", "well", "were", "what", "when", "where", "which", "while",
    "who", "why", "will", "with", "would", "you", "your", "tell", "describe", "give", "example",
    "um", "uh", "yeah", "okay", "went", "going", "want", "wanted", "think", "um",
];

/// The content words of `text`, each cut to a rough stem so "deploys", "deployed" and
/// "deploying" meet.
pub fn terms(text: &str) -> Vec<String> {
    content_words(text).map(|w| stem(&w)).collect()
}

fn content_words(text: &str) -> impl Iterator<Item = String> {
    normalize_words(text)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()) && w.chars().count() > 1)
}

/// Stems as the words `text` says them (the first word with each stem), for the user to read.
fn spoken(stems: Vec<String>, text: &str) -> Vec<String> {
    let mut said: BTreeMap<String, String> = BTreeMap::new();
    for w in content_words(text) {
        said.entry(stem(&w)).or_insert(w);
    }
    stems
        .into_iter()
        .map(|s| said.get(&s).cloned().unwrap_or(s))
        .collect()
}

fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(rest) = word.strip_suffix(suffix) {
            if rest.chars().count() >= 4 {
                return rest.to_string();
            }
        }
    }
    word.to_string()
}

/// Term weights of each story and of a text against the bank: a word in few stories weighs
/// more (smoothed inverse document frequency, never zero).
struct Weights {
    idf: BTreeMap<String, f64>,
    stories: usize,
}

impl Weights {
    fn of(bank: &StoryBank) -> Weights {
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        for s in &bank.stories {
            let unique: BTreeSet<String> = terms(&s.text()).into_iter().collect();
            for t in unique {
                *df.entry(t).or_default() += 1;
            }
        }
        let n = bank.stories.len();
        let idf = df
            .into_iter()
            .map(|(t, d)| (t, ((n as f64 + 1.0) / (d as f64 + 1.0)).ln() + 1.0))
            .collect();
        Weights { idf, stories: n }
    }

    fn vector(&self, text: &str) -> BTreeMap<String, f64> {
        let mut tf: BTreeMap<String, f64> = BTreeMap::new();
        for t in terms(text) {
            *tf.entry(t).or_default() += 1.0;
        }
        let unseen = ((self.stories as f64 + 1.0) / 1.0).ln() + 1.0;
        tf.into_iter()
            .map(|(t, n)| {
                let w = (1.0 + f64::ln(n)) * self.idf.get(&t).copied().unwrap_or(unseen);
                (t, w)
            })
            .collect()
    }
}

/// Cosine of two weighted term vectors, and the shared terms by their weight, heaviest first.
fn cosine(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> (f64, Vec<String>) {
    let norm = |v: &BTreeMap<String, f64>| v.values().map(|w| w * w).sum::<f64>().sqrt();
    let mut shared: Vec<(f64, &String)> = a
        .iter()
        .filter_map(|(t, wa)| b.get(t).map(|wb| (wa * wb, t)))
        .collect();
    let dot: f64 = shared.iter().map(|(w, _)| w).sum();
    let denominator = norm(a) * norm(b);
    shared.sort_by(|x, y| y.0.total_cmp(&x.0));
    let similarity = if denominator > 0.0 {
        dot / denominator
    } else {
        0.0
    };
    (
        similarity,
        shared.into_iter().map(|(_, t)| t.clone()).collect(),
    )
}

fn same_competency(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// A story that fits a question, and why.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySuggestion {
    pub story_id: String,
    pub title: String,
    /// The question's competencies the story shows.
    pub competencies: Vec<String>,
    /// Words of the question the story shares, heaviest first.
    pub words: Vec<String>,
    pub score: f64,
}

/// The stories that fit `question`, best first: each competency they share counts one, the
/// words they share add their similarity. Stories that share nothing are left out.
pub fn suggest_stories(question: &Question, bank: &StoryBank) -> Vec<StorySuggestion> {
    let weights = Weights::of(bank);
    let asked = weights.vector(&question.text);
    let mut out: Vec<StorySuggestion> = bank
        .stories
        .iter()
        .filter_map(|s| {
            let competencies: Vec<String> = question
                .competencies
                .iter()
                .filter(|c| s.competencies.iter().any(|sc| same_competency(c, sc)))
                .cloned()
                .collect();
            let (similarity, words) = cosine(&asked, &weights.vector(&s.text()));
            let score = competencies.len() as f64 + similarity;
            (score > 0.0).then(|| StorySuggestion {
                story_id: s.id.clone(),
                title: s.title.clone(),
                competencies,
                words: spoken(words.into_iter().take(5).collect(), &question.text),
                score,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.story_id.cmp(&b.story_id))
    });
    out
}

/// The story a take told, and the words that say so.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct StoryMatch {
    pub story_id: String,
    pub title: String,
    pub similarity: f64,
    /// The words the take and the story share, heaviest first (at most 8).
    pub words: Vec<String>,
}

/// Which story of `bank` the words of a take (`said`) tell, if one clearly does.
pub fn recognise_story(said: &str, bank: &StoryBank) -> Option<StoryMatch> {
    let weights = Weights::of(bank);
    let take = weights.vector(said);
    let mut scored: Vec<(f64, Vec<String>, &Story)> = bank
        .stories
        .iter()
        .map(|s| {
            let (similarity, words) = cosine(&take, &weights.vector(&s.text()));
            (similarity, words, s)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, words, story) = scored.first()?;
    let runner_up = scored.get(1).map_or(0.0, |s| s.0);
    (*best >= MIN_SIMILARITY && *best >= runner_up * MARGIN).then(|| StoryMatch {
        story_id: story.id.clone(),
        title: story.title.clone(),
        similarity: *best,
        words: spoken(words.iter().take(8).cloned().collect(), said),
    })
}

/// One question and the stories that fit it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    pub question_id: String,
    pub question_text: String,
    pub stories: Vec<String>,
}

/// A competency the questions ask for, and the stories that show it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyCoverage {
    pub competency: String,
    /// How many of the questions ask for it.
    pub questions: usize,
    pub stories: Vec<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub rows: Vec<CoverageRow>,
    /// Every competency the questions ask for, those without a story first.
    pub competencies: Vec<CompetencyCoverage>,
}

/// Which stories fit which of `questions` (a shared competency, or words enough to be
/// suggested first), and which competencies have no story yet.
pub fn story_coverage(questions: &[Question], bank: &StoryBank) -> Coverage {
    let rows = questions
        .iter()
        .map(|q| CoverageRow {
            question_id: q.id.clone(),
            question_text: q.text.clone(),
            stories: suggest_stories(q, bank)
                .into_iter()
                .filter(|s| !s.competencies.is_empty() || s.score >= MIN_SIMILARITY)
                .map(|s| s.story_id)
                .collect(),
        })
        .collect();
    let mut asked: BTreeMap<String, usize> = BTreeMap::new();
    for q in questions {
        for c in &q.competencies {
            *asked.entry(c.trim().to_lowercase()).or_default() += 1;
        }
    }
    let mut competencies: Vec<CompetencyCoverage> = asked
        .into_iter()
        .map(|(competency, n)| CompetencyCoverage {
            stories: bank
                .stories
                .iter()
                .filter(|s| {
                    s.competencies
                        .iter()
                        .any(|c| same_competency(c, &competency))
                })
                .map(|s| s.id.clone())
                .collect(),
            competency,
            questions: n,
        })
        .collect();
    competencies.sort_by(|a, b| {
        (!a.stories.is_empty())
            .cmp(&!b.stories.is_empty())
            .then(b.questions.cmp(&a.questions))
            .then(a.competency.cmp(&b.competency))
    });
    Coverage { rows, competencies }
}
