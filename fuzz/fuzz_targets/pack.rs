//! A question pack (TOML) as `star-coach packs import` reads it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = coach::parse_pack("fuzz.toml", text);
    }
});
