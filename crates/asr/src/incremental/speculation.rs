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
/// `end` (stream samples).
#[derive(Debug, Clone)]
pub(super) struct Speculation {
    pub start: u64,
    pub end: u64,
    pub words: Vec<Word>,
}

impl Speculation {
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
            start: self.start,
            end,
            words: words_before(self.words, seconds(end)),
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
