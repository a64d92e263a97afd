//! Word error rate between a reference script and a recogniser's transcript, after the same
//! normalisation on both sides (case, punctuation, hyphens, numbers spelt out). This is how tests
//! and benchmarks judge transcription quality against the script that espeak-ng spoke.

use crate::numbers::spell_number_token;

/// Lower-cases, splits hyphenated words, spells numbers out and strips punctuation, keeping
/// apostrophes inside words ("don't", "team's").
pub fn normalize_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || c == '-' || c == '—' || c == '–') {
        let lower = raw.to_lowercase().replace('’', "'");
        let token = lower.trim_matches(|c: char| !(c.is_alphanumeric() || "$£€%'".contains(c)));
        let token = token.trim_matches('\'');
        let token = token.strip_suffix('.').unwrap_or(token);
        if let Some(words) = spell_number_token(token) {
            out.extend(words);
            continue;
        }
        let cleaned: String = token
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '\'')
            .collect();
        if !cleaned.is_empty() {
            out.push(cleaned);
        }
    }
    out
}

/// The edit operations that turn the reference into the hypothesis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WerCounts {
    pub substitutions: usize,
    pub deletions: usize,
    pub insertions: usize,
    pub reference_words: usize,
}

impl WerCounts {
    /// Errors per reference word (can exceed 1 when the hypothesis invents many words).
    pub fn rate(&self) -> f64 {
        let errors = self.substitutions + self.deletions + self.insertions;
        if self.reference_words == 0 {
            return if errors == 0 { 0.0 } else { 1.0 };
        }
        errors as f64 / self.reference_words as f64
    }
}

/// Levenshtein alignment over normalised words.
pub fn word_error_rate(reference: &str, hypothesis: &str) -> WerCounts {
    let r = normalize_words(reference);
    let h = normalize_words(hypothesis);
    // cost[j] holds (total, subs, dels, ins) for the prefix pair; one row at a time.
    type Cell = (usize, usize, usize, usize);
    let mut prev: Vec<Cell> = (0..=h.len()).map(|j| (j, 0, 0, j)).collect();
    for i in 1..=r.len() {
        let mut cur: Vec<Cell> = vec![(i, 0, i, 0)];
        for j in 1..=h.len() {
            let diag = prev[j - 1];
            let sub = if r[i - 1] == h[j - 1] {
                diag
            } else {
                (diag.0 + 1, diag.1 + 1, diag.2, diag.3)
            };
            let del = {
                let c = prev[j];
                (c.0 + 1, c.1, c.2 + 1, c.3)
            };
            let ins = {
                let c = cur[j - 1];
                (c.0 + 1, c.1, c.2, c.3 + 1)
            };
            cur.push(
                [sub, del, ins]
                    .into_iter()
                    .min_by_key(|c| c.0)
                    .unwrap_or(sub),
            );
        }
        prev = cur;
    }
    let (_, substitutions, deletions, insertions) = prev[h.len()];
    WerCounts {
        substitutions,
        deletions,
        insertions,
        reference_words: r.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalisation_ignores_case_punctuation_and_number_spelling() {
        assert_eq!(
            normalize_words("We cut p99 latency by 40%, didn't we? Re-ran it."),
            [
                "we", "cut", "p99", "latency", "by", "forty", "percent", "didn't", "we", "re",
                "ran", "it"
            ]
        );
        let w = word_error_rate("It dropped forty percent.", "it dropped 40%");
        assert_eq!(w.rate(), 0.0);
    }

    #[test]
    fn counts_each_kind_of_error() {
        let w = word_error_rate("we shipped the fix on friday", "we shipped a fix on friday");
        assert_eq!((w.substitutions, w.deletions, w.insertions), (1, 0, 0));
        let w = word_error_rate("we shipped the fix on friday", "we shipped fix on friday");
        assert_eq!((w.substitutions, w.deletions, w.insertions), (0, 1, 0));
        let w = word_error_rate("we shipped the fix", "so we shipped the fix");
        assert_eq!(
            (
                w.substitutions,
                w.deletions,
                w.insertions,
                w.reference_words
            ),
            (0, 0, 1, 4)
        );
        assert!((w.rate() - 0.25).abs() < 1e-9);
        assert_eq!(word_error_rate("", "").rate(), 0.0);
        assert_eq!(word_error_rate("", "hello").rate(), 1.0);
    }

    proptest! {
        #[test]
        fn identical_text_has_no_errors(s in "\\PC{0,200}") {
            prop_assert_eq!(word_error_rate(&s, &s).rate(), 0.0);
        }

        #[test]
        fn rate_is_never_negative_and_bounded_by_lengths(a in "[a-z ]{0,80}", b in "[a-z ]{0,80}") {
            let w = word_error_rate(&a, &b);
            let errors = w.substitutions + w.deletions + w.insertions;
            prop_assert!(errors <= w.reference_words.max(normalize_words(&b).len()));
        }
    }
}
