//! `star-coach assess`: transcribe a recorded answer and report on it, as readable text or as
//! the JSON contract of DESIGN.md (`transcript` now; speech, delivery and STAR as they land).

use anyhow::{Context, Result};
use asr::{Catalogue, TranscribeOptions, Transcriber};
use clap::Args;
use coach::Transcript;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct AssessArgs {
    /// The recorded answer: any PCM WAV (8–32-bit, any rate, any channels).
    pub audio: PathBuf,
    /// Print one JSON object instead of a report.
    #[arg(long)]
    pub json: bool,
    /// A catalogue model name (e.g. base.en) or a path to a ggml model file.
    #[arg(long, env = "STAR_COACH_MODEL")]
    pub model: Option<String>,
    /// CPU threads for transcription (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(Serialize)]
struct AudioInfo {
    file: PathBuf,
    seconds: f64,
    source_rate: u32,
    source_channels: u16,
    source_bits: u16,
}

#[derive(Serialize)]
struct Timing {
    model_load_seconds: f64,
    transcribe_seconds: f64,
}

#[derive(Serialize)]
struct Assessment {
    transcript: Transcript,
    audio: AudioInfo,
    model: PathBuf,
    timing: Timing,
}

/// A model argument is a file path if such a file exists, else a catalogue name.
pub fn resolve_model(arg: Option<&str>) -> Result<PathBuf> {
    let catalogue = Catalogue::builtin();
    let dir = crate::default_models_dir();
    match arg {
        Some(a) if Path::new(a).is_file() => Ok(PathBuf::from(a)),
        Some(name) => Ok(dir.join(&catalogue.get(name)?.file)),
        None => Ok(dir.join(&catalogue.default_model().file)),
    }
}

pub fn run(args: AssessArgs) -> Result<()> {
    let audio_16k = audio::read_wav_16k_mono(&args.audio)?;
    let source = audio::read_wav_mono(&args.audio)?;
    let model_path = resolve_model(args.model.as_deref())?;

    let started = Instant::now();
    let transcriber = Transcriber::load(&model_path)?;
    let model_load_seconds = started.elapsed().as_secs_f64();

    let mut options = TranscribeOptions::default();
    if let Some(t) = args.threads {
        options.threads = t.max(1);
    }
    let started = Instant::now();
    let transcript = transcriber
        .transcribe(&audio_16k.samples, &options)
        .with_context(|| format!("transcribing {}", args.audio.display()))?;
    let transcribe_seconds = started.elapsed().as_secs_f64();

    let result = Assessment {
        transcript,
        audio: AudioInfo {
            file: args.audio.clone(),
            seconds: audio_16k.seconds(),
            source_rate: source.rate,
            source_channels: source.source_channels,
            source_bits: source.source_bits,
        },
        model: model_path,
        timing: Timing {
            model_load_seconds,
            transcribe_seconds,
        },
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        print_report(&result);
    }
    Ok(())
}

fn clock(seconds: f64) -> String {
    format!(
        "{}:{:04.1}",
        (seconds / 60.0).floor() as u64,
        seconds % 60.0
    )
}

fn print_report(a: &Assessment) {
    println!("{}", a.audio.file.display());
    println!(
        "  {:.1} s of audio ({} Hz, {} channel(s), {}-bit) · transcribed in {:.2} s with {}",
        a.audio.seconds,
        a.audio.source_rate,
        a.audio.source_channels,
        a.audio.source_bits,
        a.timing.transcribe_seconds,
        a.model
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    println!();
    if a.transcript.is_empty() {
        println!("  (no words were recognised)");
        return;
    }
    // One line per sentence (or per ~12 s of talk), each with the time it starts.
    let mut line: Vec<&str> = Vec::new();
    let mut line_start = 0.0;
    for w in &a.transcript.words {
        if line.is_empty() {
            line_start = w.start;
        }
        line.push(&w.text);
        let sentence_end = w.text.ends_with(['.', '?', '!']);
        if sentence_end || w.end - line_start > 12.0 {
            println!("  [{}] {}", clock(line_start), line.join(" "));
            line.clear();
        }
    }
    if !line.is_empty() {
        println!("  [{}] {}", clock(line_start), line.join(" "));
    }
}
