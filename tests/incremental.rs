//! Incremental transcription against one-shot on the same audio: answers of 30, 60, 90 and 120 s,
//! fed in capture-sized blocks; the incremental transcript's word error rate against the script
//! must be within 2 points of the one-shot transcript's, with every word in take time.

use asr::{IncrementalConfig, IncrementalTranscriber, TranscribeOptions, Transcriber};
use e2e::{answer_of_length, default_model};
use std::sync::Arc;
use std::time::Instant;

#[test]
fn incremental_transcripts_are_as_good_as_one_shot_at_every_length() {
    let transcriber = Arc::new(Transcriber::load(&default_model()).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    for seconds in [30.0, 60.0, 90.0, 120.0] {
        let wav = dir.path().join(format!("answer-{seconds}.wav"));
        let script = answer_of_length(seconds, &wav);
        let audio = audio::read_wav_16k_mono(&wav).unwrap();
        let duration = audio.seconds();

        let started = Instant::now();
        let one_shot = transcriber
            .transcribe(&audio.samples, &TranscribeOptions::default())
            .unwrap();
        let one_shot_seconds = started.elapsed().as_secs_f64();

        // Not paced in real time here (quality does not depend on it; the benchmark paces).
        // Two threads for the live chunks only to keep the test short on two cores.
        let config = IncrementalConfig {
            live_threads: 2,
            ..IncrementalConfig::default()
        };
        let (updates_tx, updates) = std::sync::mpsc::channel();
        let mut live = IncrementalTranscriber::start(
            transcriber.clone(),
            TranscribeOptions::default(),
            config,
            Some(updates_tx),
        )
        .unwrap();
        for block in audio.samples.chunks(1_600) {
            live.push(block);
        }
        let result = live.finish().unwrap();
        let partials = updates
            .try_iter()
            .filter(|u| matches!(u, asr::PartialUpdate::Words { .. }))
            .count();

        let wer_one = coach::word_error_rate(&script, &one_shot.text).rate();
        let wer_inc = coach::word_error_rate(&script, &result.transcript.text).rate();
        report.push(format!(
            "{duration:5.1} s: one-shot WER {:5.1} % ({one_shot_seconds:.1} s), incremental WER \
             {:5.1} % ({} chunks, {} speculative, {} partial updates, tail {:.1} s)",
            100.0 * wer_one,
            100.0 * wer_inc,
            result.chunks,
            result.speculative_passes,
            partials,
            result.tail_seconds
        ));
        assert!(
            wer_inc <= wer_one + 0.02,
            "{duration:.0} s: incremental WER {wer_inc:.3} vs one-shot {wer_one:.3}\n\
             incremental: {}\none-shot: {}",
            result.transcript.text,
            one_shot.text
        );
        // Word times are in take time, in order, inside the take.
        let words = &result.transcript.words;
        assert!(!words.is_empty());
        for pair in words.windows(2) {
            assert!(pair[0].start <= pair[1].start, "{:?}", pair);
        }
        assert!(words
            .iter()
            .all(|w| w.start >= 0.0 && w.end <= duration + 0.01));
        assert!(result.chunks >= (duration / 25.0).floor() as usize);
        assert!(partials + 1 >= result.chunks - result.silent_chunks);
        // The last word lands near the end of the speech, not shifted by a chunk offset.
        let last_one_shot = one_shot.words.last().unwrap().end;
        let last_inc = words.last().unwrap().end;
        assert!(
            (last_one_shot - last_inc).abs() < 1.0,
            "{last_one_shot} vs {last_inc}"
        );
    }
    eprintln!("{}", report.join("\n"));
}
