//! Lists the held sounds `audio::filled_pause` finds in WAV files, with the measures the
//! hesitation rules use, to look into a filler that should not be there (or one missed):
//! `cargo run --release -p pipeline --example held_sounds -- take.wav …`

fn main() {
    let norms = coach::Norms::default();
    for path in std::env::args().skip(1) {
        let wav = match audio::read_wav_16k_mono(std::path::Path::new(&path)) {
            Ok(wav) => wav,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let samples = wav.samples.into_samples();
        let activity = audio::detect_speech(&samples, &audio::VadConfig::default());
        for h in audio::filled_pause::held_sounds(&samples, &activity, &norms.filled_pauses) {
            println!(
                "{path}: {:.2}–{:.2} s, {:.2} s into its sound, {:.2} s before its end; \
                 steady {:.2}, flux {:.2} dB, pitch range {:.1} semitones ({:+.1} against the \
                 take's typical pitch), voicing {:.2}, opening {:+.1} dB",
                h.start,
                h.end,
                h.start - h.sounding_start,
                h.sounding_end - h.end,
                h.steady_share,
                h.flux_db,
                h.pitch_range_semitones,
                h.pitch_above_typical_semitones,
                h.voicing,
                h.opening_db
            );
        }
    }
}
