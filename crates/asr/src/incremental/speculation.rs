//! What a finished speculative pass leaves behind, and what a commit keeps in case the take
//! stops before it is done.

use super::worker::seconds;
use crate::chunker::Chunk;
use coach::Word;

/// A speculation shorter than this is not kept at stop: short pieces transcribe worse (one
/// of 4.7 s cost 5 points of word error rate on a 31 s answer), and redoing it costs little
/// because a piece's encoder context is at least 10 s anyway.
pub(super) const SHORTEST_KEPT_SPECULATION: f64 = 10.0;

/// A finished speculative pass over the pending chunk: words for the audio from `start` to
/// `end` (stream samples), from one pass or from a pass and the ones that continued it.
#[derive(Debug, Clone)]
pub(super) struct Speculation {
    pub start: u64,
    pub end: u64,
    pub words: Vec<Word>,
    /// Where the passes that continued the first one began (stream sample, and how many words
    /// come before it): a later pass may begin at one and hear again what came after it.
    pub seams: Vec<(u64, usize)>,
}

impl Speculation {
    pub fn new(start: u64, end: u64, words: Vec<Word>) -> Self {
        Speculation {
            start,
            end,
            words,
            seams: Vec::new(),
        }
    }

    /// How many of its words come before `at`, if a pass may continue it from there: its start,
    /// one of its seams, or its end.
    pub fn words_before_seam(&self, at: u64) -> Option<usize> {
        if at == self.start {
            Some(0)
        } else if at == self.end {
            Some(self.words.len())
        } else {
            self.seams.iter().find(|s| s.0 == at).map(|s| s.1)
        }
    }

    /// The text of its first `n` words: what a pass that continues it is prompted with.
    pub fn texts_before(&self, n: usize) -> Vec<String> {
        self.words[..n].iter().map(|w| w.text.clone()).collect()
    }

    /// Takes in a pass that began at `at` (see [`Self::words_before_seam`]) and heard up to
    /// `end`: its words replace those after `at`. A pass that heard no further is ignored.
    pub fn continue_at(&mut self, at: u64, end: u64, words: Vec<Word>) {
        let Some(before) = self.words_before_seam(at).filter(|_| end > self.end) else {
            return;
        };
        self.words.truncate(before);
        self.words.extend(words);
        self.seams.retain(|s| s.0 < at);
        if at > self.start {
            self.seams.push((at, before));
        }
        self.end = end;
    }

    /// Whether it can stand for the audio from its start to `end`, whose speech ends at
    /// `speech_end`: it heard all of that speech (nothing would be redone), or enough of it to
    /// be kept beside a redo of the rest.
    pub fn stands_for(&self, end: u64, speech_end: Option<u64>) -> bool {
        let heard_all = speech_end.is_none_or(|e| e <= self.end);
        heard_all
            || seconds(self.end.min(end).saturating_sub(self.start)) >= SHORTEST_KEPT_SPECULATION
    }

    /// What of it covers `chunk`: it must start where the chunk starts and stand for it (see
    /// [`Self::stands_for`]); words past the chunk's end (a pass made after the pause the chunk
    /// was cut at) belong to the next chunk.
    pub fn covering(self, chunk: &Chunk) -> Option<Speculation> {
        if self.start != chunk.start || !self.stands_for(chunk.end(), chunk.last_speech_end) {
            return None;
        }
        let end = self.end.min(chunk.end());
        Some(Speculation {
            end,
            words: words_before(self.words, seconds(end)),
            ..self
        })
    }
}

/// The words whose middle comes before `limit` (seconds): a word belongs to the piece that
/// holds most of it.
pub(super) fn words_before(words: Vec<Word>, limit: f64) -> Vec<Word> {
    words
        .into_iter()
        .filter(|w| (w.start + w.end) / 2.0 < limit)
        .collect()
}

/// A chunk being committed during the take, kept so that at stop it can be called off and
/// finished from its speculation instead.
#[derive(Debug)]
pub(super) struct Committing {
    pub chunk: Chunk,
    pub fallback: Option<Speculation>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(names: &[&str], from: f64) -> Vec<Word> {
        names
            .iter()
            .enumerate()
            .map(|(i, name)| Word {
                text: name.to_string(),
                start: from + i as f64,
                end: from + i as f64 + 0.5,
                p: 0.9,
            })
            .collect()
    }

    fn texts(spec: &Speculation) -> Vec<&str> {
        spec.words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn a_pass_from_a_seam_replaces_the_words_after_it_and_nothing_before() {
        let mut spec = Speculation::new(0, 100, words(&["a", "b"], 0.0));
        // Continued from its end, then from its end again.
        spec.continue_at(100, 200, words(&["c"], 2.0));
        spec.continue_at(200, 300, words(&["d"], 3.0));
        assert_eq!(texts(&spec), ["a", "b", "c", "d"]);
        assert_eq!(spec.seams, [(100, 2), (200, 3)]);
        // Heard again from the first seam: "c" and "d" are replaced, the later seam is gone.
        spec.continue_at(100, 400, words(&["c2", "d2", "e"], 2.0));
        assert_eq!(texts(&spec), ["a", "b", "c2", "d2", "e"]);
        assert_eq!(spec.seams, [(100, 2)]);
        assert_eq!(spec.end, 400);
        // A pass from anywhere else, or one that heard no further, changes nothing.
        spec.continue_at(150, 500, words(&["x"], 2.5));
        spec.continue_at(100, 400, words(&["y"], 2.0));
        assert_eq!(texts(&spec), ["a", "b", "c2", "d2", "e"]);
        assert_eq!(spec.words_before_seam(0), Some(0));
        assert_eq!(spec.words_before_seam(400), Some(5));
        assert_eq!(spec.words_before_seam(150), None);
    }
}
