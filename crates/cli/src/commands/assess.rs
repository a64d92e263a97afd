//! `star-coach assess`: transcribe a recorded answer and report on it, as readable text or as
//! the JSON contract of DESIGN.md (transcript, speech, delivery, findings so far).

use crate::pipeline::{assess_take, TakeAssessment};
use anyhow::{Context, Result};
use asr::{Catalogue, TranscribeOptions, Transcriber};
use clap::Args;
use coach::{Norms, Severity};
use serde::Serialize;
use std::path::{Path, PathBuf};

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
    /// A norms file (see crates/coach/norms.toml) to judge against instead of the defaults.
    #[arg(long)]
    pub norms: Option<PathBuf>,
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
struct Output {
    #[serde(flatten)]
    take: TakeAssessment,
    audio: AudioInfo,
    model: PathBuf,
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

fn load_norms(path: Option<&Path>) -> Result<Norms> {
    let Some(path) = path else {
        return Ok(Norms::default());
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Norms::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

pub fn run(args: AssessArgs) -> Result<()> {
    let norms = load_norms(args.norms.as_deref())?;
    let source = audio::read_wav_mono(&args.audio)?;
    let audio_16k = audio::read_wav_16k_mono(&args.audio)?;
    let model_path = resolve_model(args.model.as_deref())?;
    let mut options = TranscribeOptions::default();
    if let Some(t) = args.threads {
        options.threads = t.max(1);
    }
    let take = assess_take(
        &audio_16k,
        || Ok(Transcriber::load(&model_path)?),
        &options,
        &norms,
    )
    .with_context(|| format!("assessing {}", args.audio.display()))?;
    let out = Output {
        take,
        audio: AudioInfo {
            file: args.audio.clone(),
            seconds: audio_16k.seconds(),
            source_rate: source.rate,
            source_channels: source.source_channels,
            source_bits: source.source_bits,
        },
        model: model_path,
    };
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print_report(&out, &norms);
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

fn print_report(o: &Output, norms: &Norms) {
    let t = &o.take;
    outln!("{}", o.audio.file.display());
    outln!(
        "  {:.1} s of audio ({} Hz, {} channel(s), {}-bit) · transcribed in {:.2} s with {}",
        o.audio.seconds,
        o.audio.source_rate,
        o.audio.source_channels,
        o.audio.source_bits,
        t.timing.transcribe_seconds,
        o.model
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    outln!();
    if t.speech.has_speech() {
        let l = &norms.length;
        let verdict = match t.speech.speaking_seconds {
            s if s < l.sweet_spot_min_seconds => "under the 60–90 s sweet spot",
            s if s > l.sweet_spot_max_seconds => "over the 60–90 s sweet spot",
            _ => "in the 60–90 s sweet spot",
        };
        outln!(
            "  Speaking time {:.1} s of {:.1} s ({verdict}) · think time {:.1} s · {} pauses",
            t.speech.speaking_seconds,
            t.speech.total_seconds,
            t.speech.think_seconds,
            t.speech.pauses.len()
        );
        let f = &t.delivery.fillers;
        outln!(
            "  Pace {:.0} words/min · fillers {}{} ({:.1} per 100 words) · {} sentences open with \"So\"",
            t.delivery.wpm,
            f.count,
            if f.lower_bound { " or more" } else { "" },
            f.per_100_words,
            f.so_openers.len()
        );
        outln!();
    }
    if !t.transcript.is_empty() {
        // One line per sentence (or per ~12 s of talk), each with the time it starts.
        let mut line: Vec<&str> = Vec::new();
        let mut line_start = 0.0;
        for w in &t.transcript.words {
            if line.is_empty() {
                line_start = w.start;
            }
            line.push(&w.text);
            if w.text.ends_with(['.', '?', '!']) || w.end - line_start > 12.0 {
                outln!("  [{}] {}", clock(line_start), line.join(" "));
                line.clear();
            }
        }
        if !line.is_empty() {
            outln!("  [{}] {}", clock(line_start), line.join(" "));
        }
        outln!();
    }
    for f in &t.findings {
        let mark = match f.severity {
            Severity::Problem => "✗",
            Severity::Warning => "!",
            Severity::Info => "·",
        };
        let quote = if f.quote.is_empty() {
            String::new()
        } else {
            format!("  “{}”", f.quote)
        };
        outln!("  {mark} [{}] {}{quote}", clock(f.start), f.message);
    }
}
