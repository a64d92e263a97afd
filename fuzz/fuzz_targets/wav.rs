//! A WAV file as a user may hand it to `star-coach assess`: decoded, then resampled to 16 kHz.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.wav");
    if let Ok(audio) = audio::decode_wav_mono(data, path) {
        let _ = audio::resample(&audio.samples, audio.rate, audio::ASR_RATE);
    }
});
