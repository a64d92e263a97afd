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

#[test]
fn story_inputs_parse_or_fail_cleanly() {
    for (path, bytes) in inputs("stories") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let parsed = coach::stories::parse_stories(&path.display().to_string(), text);
            if path.to_string_lossy().contains("seeds") {
                parsed.unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
}

/// `bytes` as an archive imported into an empty history: a seed is taken whole, anything
/// refused leaves no take and no recordings behind.
fn import_into_empty_history(archive: &std::path::Path, seed: bool) {
    let dir = tempfile::tempdir().unwrap();
    let mut history = store::Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let recordings = dir.path().join("recordings");
    match history.import_archive(archive, &recordings, 1) {
        Ok(report) => assert!(report.takes_added > 0 || !seed, "{}", archive.display()),
        Err(e) => {
            assert!(!seed, "{}: {e}", archive.display());
            assert!(history.takes().unwrap().is_empty());
            assert_eq!(std::fs::read_dir(&recordings).map_or(0, |d| d.count()), 0);
        }
    }
}

#[test]
fn archive_inputs_are_taken_whole_or_leave_nothing() {
    for (path, _) in inputs("archive") {
        import_into_empty_history(&path, path.to_string_lossy().contains("seeds"));
    }
    let dir = tempfile::tempdir().unwrap();
    for (_, bytes) in inputs("archive_history") {
        let archive = dir.path().join("rows.tar");
        let mut writer = store::archive::ArchiveWriter::create(&archive, 1).unwrap();
        writer.add("recordings/1.wav", b"RIFF....WAVE").unwrap();
        writer.add("history.json", &bytes).unwrap();
        writer.finish(store::LATEST_VERSION).unwrap();
        // The seed's rows name recordings 2 and 3, which this archive does not hold.
        import_into_empty_history(&archive, false);
    }
}

#[test]
fn settings_inputs_are_used_or_refused_cleanly() {
    for (path, bytes) in inputs("settings") {
        let text = String::from_utf8_lossy(&bytes);
        match pipeline::Settings::parse(&path, &text) {
            Ok(settings) => assert!(settings.check().is_ok()),
            Err(e) => assert!(
                !path.to_string_lossy().contains("seeds"),
                "a seed was refused: {e}"
            ),
        }
    }
}
