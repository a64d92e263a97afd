//! Question packs: plain TOML files of interview questions. A pack has an id, a name and
//! questions, each with an id, its text, a category, a target length, the competencies it
//! probes and optional hints. A malformed pack is refused with the file, line and column.

use crate::follow_ups::PackFollowUp;
use serde::{Deserialize, Serialize};

mod check;
pub use check::{check_pack, PackProblem};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    #[serde(alias = "behavioral")]
    Behavioural,
    Technical,
    Situational,
    Competency,
    /// Motivation and outlook: "Why this role?", "Where do you see … in five years?".
    #[serde(alias = "motivational")]
    Vision,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Behavioural,
        Category::Technical,
        Category::Situational,
        Category::Competency,
        Category::Vision,
    ];

    /// The name a pack file spells it with.
    pub fn name(self) -> &'static str {
        match self {
            Category::Behavioural => "behavioural",
            Category::Technical => "technical",
            Category::Situational => "situational",
            Category::Competency => "competency",
            Category::Vision => "vision",
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub category: Category,
    pub target_seconds: u32,
    #[serde(default)]
    pub competencies: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// Where the question comes from ("seed" for the page the product was born from).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The question's own follow-ups, one per gap (`[[question.follow_up]]`); general ones are
    /// asked for the other gaps.
    #[serde(default, rename = "follow_up", skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<PackFollowUp>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionPack {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The words a job advertisement uses for the role this pack is for ("backend", "site
    /// reliability"); none for a pack that suits any role. An ad that names a role is matched
    /// with that role's packs (`coach::job_ad::packs_for_role`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
}

/// Why a pack was refused; `line` and `column` are 1-based.
#[derive(Debug, Clone, PartialEq)]
pub struct PackError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.origin, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for PackError {}

/// `text` read as TOML into `T`; an error names `origin`, the line and the column.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    origin: &str,
    text: &str,
) -> Result<T, PackError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
        PackError {
            origin: origin.into(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where `needle` (a key's value, e.g. `id = "x"`) first appears after `from`, for errors
/// that come from validation rather than from the TOML parser.
pub(crate) fn locate(text: &str, needle: &str, from: usize) -> (usize, usize) {
    let at = text[from.min(text.len())..]
        .find(needle)
        .map_or(0, |i| i + from);
    line_column(text, at)
}

/// The shortest and longest target length of an answer, in seconds.
pub const TARGET_RANGE: std::ops::RangeInclusive<u32> = 15..=300;

/// Parses and checks a pack; `origin` names it in errors (usually the file path).
pub fn parse_pack(origin: &str, text: &str) -> Result<QuestionPack, PackError> {
    let pack: QuestionPack = parse_toml(origin, text)?;
    let Err(problem) = check_pack(&pack) else {
        return Ok(pack);
    };
    // Where the problem is in the file: the question's id (its second use when it is used
    // twice), the pack's id, or the top of the file.
    let (line, column) = match problem.question {
        Some(n) => {
            let quoted = format!("\"{}\"", pack.questions[n].id);
            let repeated = pack.questions[..n]
                .iter()
                .any(|q| q.id == pack.questions[n].id);
            let at = text
                .match_indices(&quoted)
                .nth(usize::from(repeated))
                .map_or(0, |(i, _)| i);
            line_column(text, at)
        }
        None if problem.field == "id" => locate(text, "id", 0),
        None => (1, 1),
    };
    Err(PackError {
        origin: origin.into(),
        line,
        column,
        message: problem.message,
    })
}

/// The most questions a pack may hold (a mock interview asks 8; a built-in pack has 16–21).
pub const MOST_QUESTIONS: usize = 1_000;

/// Writes a pack back as TOML (for export).
pub fn pack_to_toml(pack: &QuestionPack) -> String {
    toml::to_string_pretty(pack).unwrap_or_default()
}

macro_rules! builtin {
    ($id:literal) => {
        (
            concat!("packs/", $id, ".toml"),
            include_str!(concat!("../../packs/", $id, ".toml")),
        )
    };
}

/// The packs that ship with the app, in the order they are offered (the first is the default).
const BUILTIN: &[(&str, &str)] = &[
    builtin!("backend-developer"),
    builtin!("frontend-developer"),
    builtin!("data-ml-engineer"),
    builtin!("site-reliability-engineer"),
    builtin!("engineering-manager"),
    builtin!("product-manager"),
    builtin!("general-behavioural"),
];

/// The packs that ship with the app.
pub fn builtin_packs() -> Vec<QuestionPack> {
    BUILTIN
        .iter()
        .map(|(origin, text)| {
            parse_pack(origin, text).unwrap_or_else(|e| panic!("built-in pack is invalid: {e}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack_of(questions: usize) -> String {
        let mut text = String::from("id = \"big\"\nname = \"Big\"\n");
        for i in 0..questions {
            text.push_str(&format!(
                "[[question]]\nid = \"q{i}\"\ntext = \"Tell me about time {i}.\"\n\
                 category = \"behavioural\"\ntarget_seconds = 90\n"
            ));
        }
        text
    }

    #[test]
    fn a_questions_own_follow_ups_are_read_and_checked_against_its_rubric() {
        let pack = |category: &str, gap: &str, ask: &str| {
            format!(
                "id = \"p\"\nname = \"P\"\n[[question]]\nid = \"q1\"\ntext = \"Tell me.\"\n\
                 category = \"{category}\"\ntarget_seconds = 90\n\
                 [[question.follow_up]]\ngap = \"{gap}\"\nask = \"{ask}\"\n"
            )
        };
        let ok = parse_pack(
            "p.toml",
            &pack("behavioural", "missing_result", "And then?"),
        )
        .unwrap();
        assert_eq!(ok.questions[0].follow_ups[0].gap, crate::Gap::MissingResult);
        let e = parse_pack(
            "p.toml",
            &pack("situational", "missing_result", "And then?"),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("\"q1\": follow_up 1 asks about MissingResult"),
            "{e}"
        );
        let e = parse_pack("p.toml", &pack("behavioural", "missing_result", " ")).unwrap_err();
        assert!(e.to_string().contains("has no ask"), "{e}");
        let e = parse_pack("p.toml", &pack("behavioural", "no_such_gap", "x")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("p.toml:9:7: unknown variant `no_such_gap`"),
            "{e}"
        );
    }

    #[test]
    fn a_pack_with_more_questions_than_anyone_practises_is_refused() {
        assert_eq!(
            parse_pack("big.toml", &pack_of(MOST_QUESTIONS))
                .unwrap()
                .questions
                .len(),
            MOST_QUESTIONS
        );
        let err = parse_pack("big.toml", &pack_of(MOST_QUESTIONS + 1))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("big.toml") && err.contains("at most 1000 questions"),
            "{err}"
        );
    }

    #[test]
    fn the_backend_pack_holds_the_seed_questions_and_twelve_more() {
        let packs = builtin_packs();
        let pack = packs.iter().find(|p| p.id == "backend-developer").unwrap();
        let seed: Vec<&Question> = pack
            .questions
            .iter()
            .filter(|q| q.source.as_deref() == Some("seed"))
            .collect();
        assert_eq!(seed.len(), 8);
        assert_eq!(
            seed[0].text,
            "Tell me about a time you led a complex Node.js project."
        );
        assert_eq!(seed[7].category, Category::Vision);
        assert!(pack.questions.len() - seed.len() >= 12);
        for category in [
            Category::Behavioural,
            Category::Technical,
            Category::Situational,
            Category::Competency,
            Category::Vision,
        ] {
            assert!(
                pack.questions.iter().any(|q| q.category == category),
                "{category:?}"
            );
        }
    }

    /// Six roles and a general pack, each a whole interview: 15 questions or more, every one
    /// tagged with what it probes and followed up in its own words, and no id used in two packs
    /// (a take names its question by id).
    #[test]
    fn every_role_has_a_pack_of_tagged_questions_with_their_own_follow_ups() {
        let packs = builtin_packs();
        let ids: Vec<&str> = packs.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "backend-developer",
                "frontend-developer",
                "data-ml-engineer",
                "site-reliability-engineer",
                "engineering-manager",
                "product-manager",
                "general-behavioural"
            ]
        );
        let known: Vec<String> = crate::job_ad::competency_names();
        let mut seen = std::collections::HashSet::new();
        for pack in &packs {
            assert!(pack.questions.len() >= 15, "{}", pack.id);
            let stories = pack
                .questions
                .iter()
                .filter(|q| q.category == Category::Behavioural)
                .count();
            assert!(
                stories * 3 >= pack.questions.len(),
                "{}: {stories} stories",
                pack.id
            );
            for q in &pack.questions {
                assert!(seen.insert(q.id.clone()), "{} is in two packs", q.id);
                assert!(!q.competencies.is_empty(), "{}", q.id);
                assert!(!q.follow_ups.is_empty(), "{}", q.id);
                // Every competency but a few the backend pack named before the map existed is
                // one a job advertisement can ask for.
                for c in &q.competencies {
                    assert!(
                        known.contains(c) || pack.id == "backend-developer",
                        "{}: {c:?} is not in competencies.toml",
                        q.id
                    );
                }
            }
        }
    }

    #[test]
    fn export_then_import_gives_the_same_pack() {
        let pack = builtin_packs().remove(0);
        assert_eq!(
            parse_pack("exported.toml", &pack_to_toml(&pack)).unwrap(),
            pack
        );
    }

    const GOOD: &str = "id = \"mine\"\nname = \"Mine\"\n\n[[question]]\nid = \"q1\"\ntext = \"Tell me about a time.\"\ncategory = \"behavioral\"\ntarget_seconds = 60\n";

    #[test]
    fn american_spelling_is_accepted() {
        assert_eq!(
            parse_pack("mine.toml", GOOD).unwrap().questions[0].category,
            Category::Behavioural
        );
    }

    #[test]
    fn malformed_packs_name_file_line_and_column() {
        let syntax = GOOD.replace("target_seconds = 60", "target_seconds = ");
        let err = parse_pack("mine.toml", &syntax).unwrap_err();
        assert_eq!((err.origin.as_str(), err.line), ("mine.toml", 8), "{err}");
        assert!(err.to_string().starts_with("mine.toml:8:"), "{err}");

        let category = GOOD.replace("\"behavioral\"", "\"vibes\"");
        let err = parse_pack("mine.toml", &category).unwrap_err();
        assert_eq!((err.line, err.column), (7, 12), "{err}");
        assert!(err.message.contains("vibes"), "{err}");

        let missing = GOOD.replace("text = \"Tell me about a time.\"\n", "");
        let err = parse_pack("mine.toml", &missing).unwrap_err();
        assert!(err.message.contains("text"), "{err}");

        let twice = format!("{GOOD}\n[[question]]\nid = \"q1\"\ntext = \"Again.\"\ncategory = \"technical\"\ntarget_seconds = 60\n");
        let err = parse_pack("mine.toml", &twice).unwrap_err();
        assert_eq!(err.line, 11, "{err}");
        assert!(err.message.contains("used twice"), "{err}");

        let long = GOOD.replace("target_seconds = 60", "target_seconds = 900");
        assert!(parse_pack("mine.toml", &long)
            .unwrap_err()
            .message
            .contains("outside 15–300"));
        let unknown = GOOD.replace(
            "target_seconds = 60",
            "target_seconds = 60\ncolour = \"red\"",
        );
        let err = parse_pack("mine.toml", &unknown).unwrap_err();
        assert_eq!(err.line, 9, "{err}");
    }
}
