//! The settings file (JSON) as the app reads it at start: whatever it holds is either refused
//! or gives settings that a save would accept.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(settings) = pipeline::Settings::parse(std::path::Path::new("settings.json"), &text) {
        assert!(settings.check().is_ok());
    }
});
