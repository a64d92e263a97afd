//! Questions picked for a job: a pasted job advertisement is read offline for the competencies
//! it asks for (a maintained word list, `competencies.toml`) and the technologies it names, and
//! the questions of the packs that best match are picked, each with why. Picking spreads over
//! the ad's competencies: once a question covers one, the next that covers it again counts for
//! less, so an interview built from an ad that says "communication" five times is not five
//! questions about communication.

use crate::packs::{Question, QuestionPack};
use crate::stories::matching::terms;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest advertisement read (a long one is a few thousand characters).
pub const LONGEST_AD_CHARS: usize = 100_000;

const COMPETENCIES_TOML: &str = include_str!("../competencies.toml");

/// Technologies a question can be about, as ads and questions spell them.
const TECHNOLOGIES: &[&str] = &[
    "java",
    "kotlin",
    "scala",
    "python",
    "go",
    "golang",
    "rust",
    "c++",
    "c#",
    ".net",
    "javascript",
    "typescript",
    "node.js",
    "react",
    "angular",
    "vue",
    "kubernetes",
    "docker",
    "aws",
    "gcp",
    "azure",
    "terraform",
    "postgres",
    "postgresql",
    "mysql",
    "mongodb",
    "redis",
    "kafka",
    "rabbitmq",
    "graphql",
    "grpc",
    "spark",
    "airflow",
    "linux",
    "spring",
    "django",
    "rails",
    "ruby",
    "php",
    "elasticsearch",
    "sql",
    "microservices",
    "ai",
    "llm",
    "machine learning",
];

#[derive(Deserialize)]
struct CompetencyFile {
    competency: Vec<CompetencyWords>,
}

#[derive(Deserialize)]
struct CompetencyWords {
    name: String,
    words: Vec<String>,
}

fn competency_words() -> Vec<CompetencyWords> {
    toml::from_str::<CompetencyFile>(COMPETENCIES_TOML)
        .map(|f| f.competency)
        .unwrap_or_else(|e| panic!("built-in competencies.toml is invalid: {e}"))
}

/// Every competency an advertisement can ask for, by name.
#[cfg(test)]
pub(crate) fn competency_names() -> Vec<String> {
    competency_words().into_iter().map(|c| c.name).collect()
}

/// A competency the ad asks for, and the ad's words that say so.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AskedFor {
    pub competency: String,
    pub mentions: usize,
    /// The ad's words for it, each once, in the order they come (at most 3).
    pub evidence: Vec<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobAd {
    /// Most mentioned first.
    pub competencies: Vec<AskedFor>,
    pub technologies: Vec<String>,
}

/// The ad's words, lower case, keeping the marks technologies are spelled with.
fn ad_tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || ",;:()[]{}!?\"'“”‘’|".contains(c))
        .map(|t| t.trim_end_matches('.').to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Whether the words of `phrase` ("team player", "collaborat*") stand at `tokens[i..]`.
fn matches_at(tokens: &[String], i: usize, phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    words.iter().enumerate().all(|(k, w)| {
        tokens
            .get(i + k)
            .is_some_and(|t| match w.strip_suffix('*') {
                Some(prefix) => t.starts_with(prefix),
                None => t == w,
            })
    })
}

/// What `text` asks for.
pub fn read_job_ad(text: &str) -> JobAd {
    let tokens = ad_tokens(text);
    let mut competencies: Vec<AskedFor> = competency_words()
        .into_iter()
        .filter_map(|c| {
            let mut evidence: Vec<String> = Vec::new();
            let mut mentions = 0;
            let mut i = 0;
            while i < tokens.len() {
                // The longest phrase first, and its words are not counted again ("tech lead"
                // is one mention of leadership, not two).
                let found = c
                    .words
                    .iter()
                    .filter(|w| matches_at(&tokens, i, w))
                    .max_by_key(|w| w.split_whitespace().count());
                let Some(phrase) = found else {
                    i += 1;
                    continue;
                };
                mentions += 1;
                let n = phrase.split_whitespace().count();
                let said = tokens[i..i + n].join(" ");
                if !evidence.contains(&said) && evidence.len() < 3 {
                    evidence.push(said);
                }
                i += n;
            }
            (mentions > 0).then_some(AskedFor {
                competency: c.name,
                mentions,
                evidence,
            })
        })
        .collect();
    competencies.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(a.competency.cmp(&b.competency))
    });
    let technologies = TECHNOLOGIES
        .iter()
        .filter(|t| (0..tokens.len()).any(|i| matches_at(&tokens, i, t)))
        .map(|t| t.to_string())
        .collect();
    JobAd {
        competencies,
        technologies,
    }
}

/// The role an ad is for, as the packs name roles.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleFit {
    /// The packs to pick from: the named role's, and those that suit any role; every pack when
    /// the ad names no role a pack knows.
    pub pack_ids: Vec<String>,
    /// The ad's words for the role ("backend engineer" gives "backend"); empty when none.
    pub evidence: Vec<String>,
}

/// How much more a role word counts in the ad's title (its first line or sentence).
const TITLE_WEIGHT: usize = 3;
/// What a question for any role scores beside the named role's own, which interviewers ask
/// first.
const ANY_ROLE_WEIGHT: f64 = 0.7;
/// The most words an ad's title is taken to have.
const TITLE_WORDS: usize = 20;

/// The packs for the role `text` advertises: each pack with `roles` scores one for each of its
/// words in the ad, more in the ad's title; the best-scoring role's packs are kept, with every
/// pack that has no roles. An ad for a backend engineer that says it works with product
/// managers is still an ad for a backend engineer.
pub fn packs_for_role(text: &str, packs: &[QuestionPack]) -> RoleFit {
    let tokens = ad_tokens(text);
    let title = text
        .split(['.', '\n', '!', '?'])
        .find(|line| !line.trim().is_empty())
        .map_or(0, |line| ad_tokens(line).len().min(TITLE_WORDS));
    let scored: Vec<(usize, Vec<String>)> = packs
        .iter()
        .map(|pack| {
            let mut score = 0;
            let mut evidence = Vec::new();
            for i in 0..tokens.len() {
                for word in pack.roles.iter().filter(|w| matches_at(&tokens, i, w)) {
                    score += if i < title { TITLE_WEIGHT } else { 1 };
                    if !evidence.contains(word) {
                        evidence.push(word.clone());
                    }
                }
            }
            (score, evidence)
        })
        .collect();
    let best = scored.iter().map(|(score, _)| *score).max().unwrap_or(0);
    if best == 0 {
        return RoleFit {
            pack_ids: packs.iter().map(|p| p.id.clone()).collect(),
            evidence: Vec::new(),
        };
    }
    let mut fit = RoleFit {
        pack_ids: Vec::new(),
        evidence: Vec::new(),
    };
    for (pack, (score, evidence)) in packs.iter().zip(scored) {
        if pack.roles.is_empty() || score == best {
            fit.pack_ids.push(pack.id.clone());
        }
        if score == best {
            fit.evidence.extend(evidence);
        }
    }
    fit
}

/// The `count` questions that best fit the ad, from the packs of the role it advertises
/// (`packs_for_role`), and which packs those were.
pub fn pick_for_role(
    text: &str,
    packs: &[QuestionPack],
    count: usize,
) -> (JobAd, RoleFit, Vec<PickedQuestion>) {
    let role = packs_for_role(text, packs);
    // Once the ad names a role, its own questions come before those any interview asks.
    let named = !role.evidence.is_empty();
    let chosen: Vec<(&QuestionPack, f64)> = packs
        .iter()
        .filter(|p| role.pack_ids.contains(&p.id))
        .map(|p| {
            (
                p,
                if named && p.roles.is_empty() {
                    ANY_ROLE_WEIGHT
                } else {
                    1.0
                },
            )
        })
        .collect();
    let (ad, picked) = pick_weighted(text, &chosen, count);
    (ad, role, picked)
}

/// A question picked for the ad, and why.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PickedQuestion {
    pub pack_id: String,
    pub question: Question,
    /// The ad's competencies the question asks about.
    pub competencies: Vec<String>,
    /// The ad's technologies the question names.
    pub technologies: Vec<String>,
    /// "Asks for ownership (“end-to-end”) and communication; names Java."
    pub why: String,
    pub score: f64,
}

fn technologies_in(question: &Question, technologies: &[String]) -> Vec<String> {
    let tokens = ad_tokens(&question.text);
    technologies
        .iter()
        .filter(|t| (0..tokens.len()).any(|i| matches_at(&tokens, i, t)))
        .cloned()
        .collect()
}

/// The `count` questions of `packs` that best fit the ad `text`, best first. A question scores
/// for each of the ad's competencies it asks about (more for one the ad mentions often, less
/// for one an earlier pick already covers), for each technology of the ad it names, and a
/// little for the words it shares with the ad.
pub fn pick_questions(
    text: &str,
    packs: &[QuestionPack],
    count: usize,
) -> (JobAd, Vec<PickedQuestion>) {
    let weighted: Vec<(&QuestionPack, f64)> = packs.iter().map(|p| (p, 1.0)).collect();
    pick_weighted(text, &weighted, count)
}

/// `pick_questions`, each pack's scores multiplied by its weight.
fn pick_weighted(
    text: &str,
    packs: &[(&QuestionPack, f64)],
    count: usize,
) -> (JobAd, Vec<PickedQuestion>) {
    let ad = read_job_ad(text);
    let ad_terms: std::collections::BTreeSet<String> = terms(text).into_iter().collect();
    let mut covered: BTreeMap<String, usize> = BTreeMap::new();
    let mut left: Vec<(&str, f64, &Question)> = packs
        .iter()
        .flat_map(|(p, weight)| p.questions.iter().map(move |q| (p.id.as_str(), *weight, q)))
        .collect();
    let mut picked = Vec::new();
    while picked.len() < count && !left.is_empty() {
        let scored = left.iter().enumerate().map(|(i, (pack, weight, q))| {
            let competencies: Vec<&AskedFor> = ad
                .competencies
                .iter()
                .filter(|a| {
                    q.competencies
                        .iter()
                        .any(|c| c.eq_ignore_ascii_case(&a.competency))
                })
                .collect();
            let technologies = technologies_in(q, &ad.technologies);
            let shared = terms(&q.text)
                .into_iter()
                .filter(|t| ad_terms.contains(t))
                .count();
            let score = weight
                * (competencies
                    .iter()
                    .map(|a| {
                        let weight = 1.0 + (a.mentions as f64).ln();
                        weight / (1 + covered.get(&a.competency).copied().unwrap_or(0)) as f64
                    })
                    .sum::<f64>()
                    + 1.5 * technologies.len() as f64
                    + (0.2 * shared as f64).min(1.0));
            (i, *pack, *q, competencies, technologies, score)
        });
        let Some(best) = scored.max_by(|a, b| a.5.total_cmp(&b.5).then(b.0.cmp(&a.0))) else {
            break;
        };
        let (i, pack, q, competencies, technologies, score) = best;
        if score <= 0.0 {
            break;
        }
        for a in &competencies {
            *covered.entry(a.competency.clone()).or_default() += 1;
        }
        picked.push(PickedQuestion {
            pack_id: pack.to_string(),
            question: q.clone(),
            why: why(&competencies, &technologies),
            competencies: competencies.iter().map(|a| a.competency.clone()).collect(),
            technologies,
            score,
        });
        left.remove(i);
    }
    (ad, picked)
}

fn why(competencies: &[&AskedFor], technologies: &[String]) -> String {
    let mut parts = Vec::new();
    if !competencies.is_empty() {
        let asked: Vec<String> = competencies
            .iter()
            .map(|a| match a.evidence.first() {
                Some(word) if word != &a.competency => format!("{} (“{word}”)", a.competency),
                _ => a.competency.clone(),
            })
            .collect();
        parts.push(format!("The ad asks for {}", join_and(&asked)));
    }
    if !technologies.is_empty() {
        parts.push(format!("it names {}", join_and(technologies)));
    }
    if parts.is_empty() {
        return "It shares words with the ad.".into();
    }
    let text = parts.join("; ");
    // "it names Java." alone starts the sentence.
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests;
