//! Whisper's input: 16 kHz mono samples, read in windows of 30 s, of which a piece's encoder
//! context is the part that is encoded (ARCHITECTURE.md, Transcription).

pub const SAMPLE_RATE: u32 = signal::SPEECH_RATE;

/// Whisper's full encoder context: 1500 frames of 20 ms (30 s).
pub const FULL_AUDIO_CTX: usize = 1500;
/// Scaled contexts below this many seconds made tiny.en invent words on this project's tests.
pub const MIN_AUDIO_CTX_SECONDS: f64 = 10.0;
/// Room left after a piece in its context. With half a second, tiny.en (q8_0) ran on past the
/// end of a 22.9 s piece, repeating earlier sentences, on 5 of 20 copies of one spoken answer
/// that differed only in dither (word error rate 85 % instead of 19 %); with a second, on none.
/// Over 32 other clips of 20–27 s, half a second, a second and the whole window gave the same
/// word error rate on average (17.4–18.2 %), the whole window about a tenth slower.
pub const AUDIO_CTX_ROOM_SECONDS: f64 = 1.0;

/// The encoder context for a clip of `samples` at 16 kHz: its own length plus
/// [`AUDIO_CTX_ROOM_SECONDS`], at least [`MIN_AUDIO_CTX_SECONDS`], at most the full 30 s.
pub fn audio_ctx_for(samples: usize) -> usize {
    let seconds = samples as f64 / SAMPLE_RATE as f64;
    let with_room = (seconds + AUDIO_CTX_ROOM_SECONDS).max(MIN_AUDIO_CTX_SECONDS);
    ((with_room * 50.0).ceil() as usize).min(FULL_AUDIO_CTX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoder_context_has_a_floor_a_second_of_room_and_at_most_the_window() {
        let at = |seconds: f64| audio_ctx_for((seconds * SAMPLE_RATE as f64) as usize);
        assert_eq!(at(2.0), 500, "floor: 10 s");
        assert_eq!(at(12.0), 650, "12 s and a second of room");
        assert_eq!(at(22.9), 1195);
        assert_eq!(at(29.0), FULL_AUDIO_CTX);
        assert_eq!(at(45.0), FULL_AUDIO_CTX);
    }
}
