//! Question packs: plain TOML files of interview questions. A pack has an id, a name and
//! questions, each with an id, its text, a category, a target length, the competencies it
//! probes and optional hints. A malformed pack is refused with the file, line and column.

use crate::follow_ups::{gap_fits, PackFollowUp};
use crate::rubrics::Rubric;
use serde::{Deserialize, Serialize};

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

const TARGET_RANGE: std::ops::RangeInclusive<u32> = 15..=300;

/// Parses and checks a pack; `origin` names it in errors (usually the file path).
pub fn parse_pack(origin: &str, text: &str) -> Result<QuestionPack, PackError> {
    let pack: QuestionPack = parse_toml(origin, text)?;
    let fail = |(line, column): (usize, usize), message: String| {
        Err(PackError {
            origin: origin.into(),
            line,
            column,
            message,
        })
    };
    if pack.id.trim().is_empty()
        || !pack
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return fail(
            locate(text, "id", 0),
            format!("pack id {:?} must be letters, digits, '-' or '_'", pack.id),
        );
    }
    if pack.questions.is_empty() {
        return fail((1, 1), "a pack needs at least one [[question]]".into());
    }
    if pack.questions.len() > MOST_QUESTIONS {
        return fail(
            (1, 1),
            format!(
                "a pack holds at most {MOST_QUESTIONS} questions; this one has {}",
                pack.questions.len()
            ),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for q in &pack.questions {
        // Where the question is, found only when something is wrong with it.
        let at = || locate(text, &format!("\"{}\"", q.id), 0);
        if q.id.trim().is_empty() {
            return fail(at(), "a question has an empty id".into());
        }
        if !seen.insert(q.id.as_str()) {
            let second = text
                .match_indices(&format!("\"{}\"", q.id))
                .nth(1)
                .map_or(0, |(i, _)| i);
            return fail(
                line_column(text, second),
                format!("question id {:?} is used twice", q.id),
            );
        }
        if q.text.trim().is_empty() {
            return fail(at(), format!("question {:?} has no text", q.id));
        }
        let rubric = Rubric::for_category(q.category);
        for (i, f) in q.follow_ups.iter().enumerate() {
            if f.ask.trim().is_empty() {
                return fail(
                    at(),
                    format!("question {:?}: follow_up {} has no ask", q.id, i + 1),
                );
            }
            if !gap_fits(f.gap, rubric) {
                return fail(
                    at(),
                    format!(
                        "question {:?}: follow_up {} asks about {:?}, which a {:?} question's answer cannot lack",
                        q.id,
                        i + 1,
                        f.gap,
                        q.category
                    ),
                );
            }
            if q.follow_ups[..i].iter().any(|g| g.gap == f.gap) {
                return fail(
                    at(),
                    format!("question {:?}: two follow_ups for {:?}", q.id, f.gap),
                );
            }
        }
        if !TARGET_RANGE.contains(&q.target_seconds) {
            return fail(
                at(),
                format!(
                    "question {:?}: target_seconds {} is outside {}–{}",
                    q.id,
                    q.target_seconds,
                    TARGET_RANGE.start(),
                    TARGET_RANGE.end()
                ),
            );
        }
    }
    Ok(pack)
}

/// The most questions a pack may hold (a mock interview asks 8; the built-in pack has 21).
pub const MOST_QUESTIONS: usize = 1_000;

/// Writes a pack back as TOML (for export).
pub fn pack_to_toml(pack: &QuestionPack) -> String {
    toml::to_string_pretty(pack).unwrap_or_default()
}

const BUILTIN: &[(&str, &str)] = &[(
    "packs/backend-developer.toml",
    include_str!("../packs/backend-developer.toml"),
)];

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
