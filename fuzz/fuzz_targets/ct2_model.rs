//! A CTranslate2 model.bin as `star-coach models import` reads it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = model_import::ct2::Ct2Model::parse("model.bin".into(), data.to_vec());
});
