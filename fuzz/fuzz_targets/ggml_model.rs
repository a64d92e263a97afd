//! A ggml model file as the transcriber checks it before whisper.cpp may read it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = asr::check_model(std::io::Cursor::new(data));
});
