//! Replays the fuzzers' seeds and every input that once crashed a parser (`fuzz/seeds`,
//! `fuzz/regressions`) through the same calls the fuzz targets make, so the normal test
//! command keeps each fixed crash fixed. Fuzzing itself runs longer, outside it (README).

use e2e::repo_root;
use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for kind in ["seeds", "regressions"] {
        let dir = repo_root().join("fuzz").join(kind).join(target);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.file_name().is_some_and(|n| n != ".keep") {
                let bytes =
                    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                out.push((path, bytes));
            }
        }
    }
    out
}

#[test]
fn wav_inputs_decode_or_fail_cleanly() {
    let all = inputs("wav");
    assert!(all.len() >= 4, "the WAV seeds are missing");
    for (path, bytes) in all {
        if let Ok(audio) = audio::decode_wav_mono(bytes.as_slice(), &path) {
            let _ = audio::resample(&audio.samples, audio.rate, audio::ASR_RATE);
        }
    }
    // The seeds are real WAVs of four layouts: each decodes.
    for (path, bytes) in inputs("wav")
        .iter()
        .filter(|(p, _)| p.to_string_lossy().contains("seeds"))
    {
        audio::decode_wav_mono(bytes.as_slice(), path).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn pack_inputs_parse_or_fail_cleanly() {
    for (path, bytes) in inputs("pack") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let parsed = coach::parse_pack(&path.display().to_string(), text);
            if path.to_string_lossy().contains("seeds") {
                parsed.unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
}

#[test]
fn model_inputs_are_read_or_refused_cleanly() {
    for (path, bytes) in inputs("ct2_model") {
        let parsed = model_import::ct2::Ct2Model::parse(path.clone(), bytes);
        if path.to_string_lossy().contains("seeds") {
            parsed.unwrap_or_else(|e| panic!("{e}"));
        }
    }
    for (path, bytes) in inputs("ggml_model") {
        let checked = asr::check_model(std::io::Cursor::new(bytes));
        if path.to_string_lossy().contains("seeds") {
            checked.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}
