//! Ground truth for end-to-end tests: answers spoken by espeak-ng from known scripts, turned into
//! other layouts and padded with silences of known length by sox. Nothing here is mocked: the
//! tests run the real model on this audio.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (this package lives in `tests/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The scripts under `tests/fixtures/scripts`, as (name, text), sorted by name.
pub fn scripts() -> Vec<(String, String)> {
    let dir = repo_root().join("tests/fixtures/scripts");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (
                p.file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    out.sort();
    out
}

fn run(cmd: &mut Command) {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e} (run the README's set-up)"));
    assert!(
        out.status.success(),
        "{shown} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Speaks `text` into a WAV (espeak-ng writes 22.05 kHz mono 16-bit).
pub fn speak(text: &str, voice: &str, words_per_minute: u32, out: &Path) {
    run(Command::new("espeak-ng")
        .args(["-v", voice, "-s", &words_per_minute.to_string(), "-w"])
        .arg(out)
        .arg(text));
}

/// Converts a WAV to another rate / channel count / bit depth with sox.
pub fn convert(input: &Path, out: &Path, rate: u32, channels: u32, bits: u32) {
    run(Command::new("sox")
        .arg(input)
        .args([
            "-r",
            &rate.to_string(),
            "-c",
            &channels.to_string(),
            "-b",
            &bits.to_string(),
        ])
        .arg(out));
}

/// The default model (tiny.en) as set-up leaves it; a clear failure when set-up has not run.
pub fn default_model() -> PathBuf {
    let catalogue = asr::Catalogue::builtin();
    let path = store::models_dir().join(&catalogue.default_model().file);
    assert!(
        path.is_file(),
        "{} is missing: run ./scripts/test.sh (or ./scripts/setup.sh) once to install the default model",
        path.display()
    );
    path
}
