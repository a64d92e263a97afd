//! Repeated stretches of words in a transcript. A speech recogniser that loses its place can
//! write the same sentences again ("a loop"); people almost never say the same six words twice
//! within half a minute. The transcriber uses this to catch a loop and decode again, and the
//! tests use it to prove that no transcript repeats itself.

use crate::wer::normalize_words;

/// The longest run of words that appears twice without overlapping: its length in words and
/// where its two copies start (word indexes into `words`). None when no word repeats.
///
/// Quadratic in the number of words (a table row at a time): fine for a piece or a take, not
/// for a book.
pub fn longest_repeated_stretch(words: &[String]) -> Option<RepeatedStretch> {
    let n = words.len();
    let mut best: Option<RepeatedStretch> = None;
    // run[j] = length of the common run ending at word i-1 and word j-1 (j > i).
    let mut previous = vec![0usize; n + 1];
    let mut current = vec![0usize; n + 1];
    for i in 1..=n {
        for j in (i + 1)..=n {
            current[j] = if words[i - 1] == words[j - 1] {
                // The copies may not overlap: the run is at most the distance between them.
                (previous[j - 1] + 1).min(j - i)
            } else {
                0
            };
            let len = current[j];
            if len > 0 && best.as_ref().is_none_or(|b| len > b.words) {
                best = Some(RepeatedStretch {
                    words: len,
                    first: i - len,
                    second: j - len,
                });
            }
        }
        std::mem::swap(&mut previous, &mut current);
        current.iter_mut().for_each(|c| *c = 0);
    }
    best
}

/// A stretch of words written twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatedStretch {
    /// How many words long it is.
    pub words: usize,
    /// Where its first copy starts (a word index).
    pub first: usize,
    /// Where its second copy starts.
    pub second: usize,
}

/// [`longest_repeated_stretch`] of a text after the word error rate's normalisation (case and
/// punctuation do not make two copies differ).
pub fn longest_repeated_stretch_in(text: &str) -> Option<RepeatedStretch> {
    longest_repeated_stretch(&normalize_words(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        normalize_words(text)
    }

    #[test]
    fn a_transcript_written_twice_is_one_long_repeated_stretch() {
        let once = "this is diane in new jersey and i'm sheila in texas originally from chicago";
        let twice = format!("hello {once} hello {once}");
        let found = longest_repeated_stretch(&words(&twice)).unwrap();
        assert_eq!(found.words, 1 + words(once).len());
        assert_eq!(found.first, 0);
        assert_eq!(found.second, 1 + words(once).len());
    }

    #[test]
    fn copies_never_overlap() {
        // "a a a a": the longest stretch that appears twice without overlap is "a a".
        let found = longest_repeated_stretch(&words("a a a a")).unwrap();
        assert_eq!(found.words, 2);
        assert_eq!((found.first, found.second), (0, 2));
        let found = longest_repeated_stretch(&words("hello hello hello")).unwrap();
        assert_eq!(found.words, 1);
    }

    #[test]
    fn ordinary_speech_repeats_only_short_stretches() {
        let jfk = "And so my fellow Americans, ask not what your country can do for you, \
                   ask what you can do for your country.";
        assert_eq!(longest_repeated_stretch_in(jfk).unwrap().words, 3); // "can do for"
        assert_eq!(longest_repeated_stretch_in("one two three"), None);
        assert_eq!(longest_repeated_stretch(&[]), None);
    }

    #[test]
    fn case_and_punctuation_do_not_hide_a_repeat() {
        let found =
            longest_repeated_stretch_in("Oh, I don't hear that. oh I DON'T hear that").unwrap();
        assert_eq!(found.words, 5);
    }
}
