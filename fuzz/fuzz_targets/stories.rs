//! A story bank (TOML) as `star-coach stories import` and the app's Stories screen read it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = coach::stories::parse_stories("fuzz.toml", text);
    }
});
