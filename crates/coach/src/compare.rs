//! Two takes side by side, usually two attempts at the same question: every figure with its
//! change, the findings that went away and the new ones, and a word-level diff of what was said.
//! Pure: the history hands in two assessments.

use crate::assessment::TakeAssessment;
use crate::findings::FindingKind;
use crate::star::PerPart;
use crate::wer::normalize_words;
use serde::{Deserialize, Serialize};

/// A figure in the earlier and the later take.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// `after - before`, when both are known.
    pub delta: Option<f64>,
}

impl Change {
    fn of(before: Option<f64>, after: Option<f64>) -> Change {
        Change {
            before,
            after,
            delta: before.zip(after).map(|(b, a)| a - b),
        }
    }
}

/// What happened to a word of either transcript.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WordChange {
    Kept,
    /// Said only in the later take.
    Added,
    /// Said only in the earlier take.
    Removed,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffWord {
    pub text: String,
    pub change: WordChange,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TakeComparison {
    pub total: Change,
    pub structure: Change,
    pub content: Change,
    pub delivery: Change,
    pub speaking_seconds: Change,
    pub words_per_minute: Change,
    pub fillers_per_minute: Change,
    pub pauses: Change,
    /// Each STAR part's share of the answer's time, before and after.
    pub star_before: Option<PerPart>,
    pub star_after: Option<PerPart>,
    /// Kinds of finding the earlier take had and the later one does not.
    pub findings_gone: Vec<FindingKind>,
    /// Kinds of finding only the later take has.
    pub findings_new: Vec<FindingKind>,
    /// Both transcripts word by word, in the order they were said.
    pub words: Vec<DiffWord>,
}

/// `before` against `after`.
pub fn compare_takes(before: &TakeAssessment, after: &TakeAssessment) -> TakeComparison {
    let score = |a: &TakeAssessment, f: fn(&crate::star::Score) -> Option<f64>| {
        a.score.as_ref().and_then(f)
    };
    let change =
        |f: fn(&crate::star::Score) -> Option<f64>| Change::of(score(before, f), score(after, f));
    let kinds = |a: &TakeAssessment| {
        let mut k: Vec<FindingKind> = a.findings.iter().map(|f| f.kind).collect();
        k.dedup();
        k
    };
    let (kinds_before, kinds_after) = (kinds(before), kinds(after));
    let shares = |a: &TakeAssessment| {
        a.star
            .as_ref()
            .and_then(|s| s.seconds.as_ref())
            .map(PerPart::shares)
    };
    let spoken = |a: &TakeAssessment| Some(a.speech.speaking_seconds).filter(|s| *s > 0.0);
    TakeComparison {
        total: change(|s| Some(s.total)),
        structure: change(|s| Some(s.structure)),
        content: change(|s| Some(s.content)),
        delivery: change(|s| s.delivery),
        speaking_seconds: Change::of(
            Some(before.speech.speaking_seconds),
            Some(after.speech.speaking_seconds),
        ),
        words_per_minute: Change::of(
            spoken(before).map(|_| before.delivery.wpm),
            spoken(after).map(|_| after.delivery.wpm),
        ),
        fillers_per_minute: Change::of(
            spoken(before).map(|_| before.delivery.fillers.per_minute),
            spoken(after).map(|_| after.delivery.fillers.per_minute),
        ),
        pauses: Change::of(
            Some(before.speech.pauses.len() as f64),
            Some(after.speech.pauses.len() as f64),
        ),
        star_before: shares(before),
        star_after: shares(after),
        findings_gone: without(&kinds_before, &kinds_after),
        findings_new: without(&kinds_after, &kinds_before),
        words: diff_words(&before.transcript.text, &after.transcript.text),
    }
}

/// The kinds in `a` that `b` lacks, each once, in `a`'s order.
fn without(a: &[FindingKind], b: &[FindingKind]) -> Vec<FindingKind> {
    let mut out: Vec<FindingKind> = Vec::new();
    for k in a {
        if !b.contains(k) && !out.contains(k) {
            out.push(*k);
        }
    }
    out
}

/// A word diff of two texts (compared as spoken: case and punctuation aside), from the longest
/// common subsequence of their words; at a change, what was removed comes before what was added.
pub fn diff_words(before: &str, after: &str) -> Vec<DiffWord> {
    let (a, b) = (normalize_words(before), normalize_words(after));
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let word = |text: &str, change| DiffWord {
        text: text.to_string(),
        change,
    };
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(n.max(m)));
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(word(&a[i], WordChange::Kept));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(word(&a[i], WordChange::Removed));
            i += 1;
        } else {
            out.push(word(&b[j], WordChange::Added));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(diff: &[DiffWord]) -> String {
        diff.iter()
            .map(|w| match w.change {
                WordChange::Kept => w.text.clone(),
                WordChange::Added => format!("+{}", w.text),
                WordChange::Removed => format!("-{}", w.text),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn judged(sentences: &[(&str, f64)]) -> TakeAssessment {
        crate::test_support::judged(sentences, crate::Rubric::Story)
    }

    #[test]
    fn a_retake_that_adds_the_result_shows_the_gain_and_the_finding_gone() {
        let first = judged(&[
            (
                "Last year our checkout page was slow during every sale.",
                10.0,
            ),
            ("I was asked to fix it before the holiday sale.", 8.0),
            (
                "I profiled the service, found a missing index and cached the prices.",
                30.0,
            ),
        ]);
        let second = judged(&[
            (
                "Last year our checkout page was slow during every sale.",
                10.0,
            ),
            ("I was asked to fix it before the holiday sale.", 8.0),
            (
                "I profiled the service, found a missing index and cached the prices.",
                30.0,
            ),
            (
                "Page load time fell by forty percent and the sale ran without an outage.",
                12.0,
            ),
        ]);
        let c = compare_takes(&first, &second);
        assert!(c.total.delta.unwrap() > 0.0, "{:?}", c.total);
        assert_eq!(c.speaking_seconds.delta, Some(12.0));
        assert!(
            c.findings_gone.contains(&FindingKind::MissingResult),
            "{c:?}"
        );
        assert!(!c.findings_new.contains(&FindingKind::MissingResult));
        let added: Vec<&str> = c
            .words
            .iter()
            .filter(|w| w.change == WordChange::Added)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(added[..4], ["page", "load", "time", "fell"]);
        assert!(c.words.iter().all(|w| w.change != WordChange::Removed));
        assert_eq!(c.star_before.map(|s| s.result), Some(0.0));
        assert!(c.star_after.unwrap().result > 0.1);
    }

    #[test]
    fn the_word_diff_keeps_what_both_said_and_marks_the_rest() {
        let d = diff_words(
            "We fixed the slow query. It got faster.",
            "I fixed the slow query, and page loads fell by 40%.",
        );
        assert_eq!(
            changes(&d),
            "-we +i fixed the slow query -it -got -faster +and +page +loads +fell +by +forty +percent"
        );
        assert!(diff_words("", "").is_empty());
        assert_eq!(changes(&diff_words("", "Hello there")), "+hello +there");
    }
}
