//! `star-coach bench`: how fast feedback comes, measured on spoken answers. Each answer is fed at
//! real-time speed through the live path the microphone feeds (device-rate audio → streaming
//! resampler → incremental transcriber → assessment at stop), after a pause of `--stop-after`
//! seconds of silence (the moment a person takes to press stop); the stop→assessment latency is
//! timed over several runs. The same audio is also transcribed one-shot for the real-time factor
//! and word error rate. `bench/run.sh` runs this beside faster-whisper and writes
//! `bench/RESULTS.md`.

use crate::commands::assess::resolve_model;
use anyhow::{bail, Context, Result};
use asr::{IncrementalConfig, TranscribeOptions, Transcriber};
use audio::filled_pause::frame_voices;
use audio::{MonoResampler, SpeechAudio};
use clap::Args;
use coach::{Norms, Rubric};
use pipeline::LiveTake;
use pipeline::{assess_heard, Listened};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct BenchArgs {
    /// Answers to measure: WAV files, each with its script beside it (same name, .txt) for the
    /// word error rate.
    #[arg(required = true)]
    pub answers: Vec<PathBuf>,
    /// Live runs per answer (median and p90 of the stop→assessment latency).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Silence after the answer before stop is pressed (seconds).
    #[arg(long, default_value_t = 1.0)]
    pub stop_after: f64,
    /// Measure one-shot transcription only (for comparing model files and settings).
    #[arg(long, conflicts_with = "live_only")]
    pub one_shot_only: bool,
    /// Measure the live path only: the answer is read from disk as it is "spoken" and never
    /// held whole, so peak memory is the live take's own (for long takes).
    #[arg(long)]
    pub live_only: bool,
    /// Load the model with flash attention.
    #[arg(long)]
    pub flash_attn: bool,
    /// The rate the microphone delivers (the live path resamples from it, as in a take).
    #[arg(long, default_value_t = 48_000)]
    pub device_rate: u32,
    /// Threads for one-shot transcription and for the tail after stop.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    #[arg(long, env = "STAR_COACH_MODEL")]
    pub model: Option<String>,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct AnswerResult {
    file: PathBuf,
    seconds: f64,
    #[serde(flatten)]
    one_shot: Option<OneShotResult>,
    live: Option<LiveResult>,
}

#[derive(Serialize)]
struct OneShotResult {
    words: usize,
    one_shot_seconds: f64,
    one_shot_rtf: f64,
    one_shot_wer: Option<f64>,
    /// What one-shot transcription wrote (for comparing with the peer under one normalisation).
    one_shot_text: String,
    assessment_seconds: f64,
}

#[derive(Serialize)]
struct LiveResult {
    runs: Vec<f64>,
    stop_to_assessment_p50: f64,
    stop_to_assessment_p90: f64,
    /// Word error rate of each run's transcript (runs differ: what the worker had finished
    /// when each chunk was cut depends on timing).
    wer_runs: Vec<f64>,
    /// Each run's transcript.
    texts: Vec<String>,
    wer_mean: Option<f64>,
    wer_worst: Option<f64>,
    tail_seconds: Vec<f64>,
    chunks: usize,
    speculative_passes: usize,
    commits_called_off: Vec<usize>,
}

#[derive(Serialize)]
struct Report {
    model: PathBuf,
    model_bytes: u64,
    model_load_seconds: f64,
    flash_attn: bool,
    threads: usize,
    stop_after: f64,
    cores: usize,
    answers: Vec<AnswerResult>,
    /// Peak resident memory of this process (VmHWM), MB.
    peak_rss_mb: Option<f64>,
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    // Nearest rank: the smallest value with at least p of the runs at or below it.
    let rank = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(args: BenchArgs) -> Result<()> {
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    let model_path = resolve_model(args.model.as_deref())?;
    let started = Instant::now();
    let transcriber = Arc::new(
        Transcriber::load_with(&model_path, args.flash_attn)
            .with_context(|| format!("loading {}", model_path.display()))?,
    );
    let model_load_seconds = started.elapsed().as_secs_f64();
    let options = TranscribeOptions {
        threads: args.threads,
        ..TranscribeOptions::default()
    };
    let norms = Norms::default();
    let mut answers = Vec::new();
    for file in &args.answers {
        let script = std::fs::read_to_string(file.with_extension("txt")).ok();
        let wer = |text: &str| {
            script
                .as_deref()
                .map(|s| coach::word_error_rate(s, text).rate())
        };
        let seconds = audio::wav::wav_seconds(file)?;
        eprintln!("{}: {seconds:.1} s", file.display());
        let one_shot = if args.live_only {
            None
        } else {
            Some(one_shot_run(file, &transcriber, &options, &norms, &wer)?)
        };
        let live = if args.one_shot_only {
            None
        } else {
            Some(live_runs(
                &args,
                &transcriber,
                &options,
                file,
                &norms,
                &wer,
            )?)
        };
        answers.push(AnswerResult {
            file: file.clone(),
            seconds,
            one_shot,
            live,
        });
    }
    let report = Report {
        model_bytes: std::fs::metadata(&model_path).map_or(0, |m| m.len()),
        model: model_path,
        model_load_seconds,
        flash_attn: args.flash_attn,
        threads: args.threads,
        stop_after: args.stop_after,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        answers,
        peak_rss_mb: peak_rss_mb(),
    };
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_table(&report);
    }
    Ok(())
}

/// Transcribes the whole answer at once, then assesses it with that transcript.
fn one_shot_run(
    file: &Path,
    transcriber: &Transcriber,
    options: &TranscribeOptions,
    norms: &Norms,
    wer: &dyn Fn(&str) -> Option<f64>,
) -> Result<OneShotResult> {
    let audio = audio::read_wav_16k_mono(file)?;
    let started = Instant::now();
    let one_shot = transcriber.transcribe(&audio.samples, options)?;
    let one_shot_seconds = started.elapsed().as_secs_f64();
    tracing::debug!(text = %one_shot.text, "one-shot transcript");
    let started = Instant::now();
    let transcript = one_shot.clone();
    assess_heard(
        Listened::hear(&audio.samples),
        None,
        Rubric::Story,
        norms,
        || frame_voices(&audio.samples),
        || Ok::<_, anyhow::Error>((transcript, 0.0, 0.0)),
    )?;
    let assessment_seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "  one-shot {one_shot_seconds:.2} s (RTF {:.3}), assessment {:.1} ms",
        one_shot_seconds / audio.seconds(),
        assessment_seconds * 1000.0
    );
    Ok(OneShotResult {
        words: one_shot.words.len(),
        one_shot_seconds,
        one_shot_rtf: one_shot_seconds / audio.seconds(),
        one_shot_wer: wer(&one_shot.text),
        one_shot_text: one_shot.text,
        assessment_seconds,
    })
}

/// Feeds the answer at real-time speed, in 10 ms blocks at the device rate, through the
/// streaming resampler into a live take, then stops after `stop_after` s of silence.
fn live_runs(
    args: &BenchArgs,
    transcriber: &Arc<Transcriber>,
    options: &TranscribeOptions,
    file: &Path,
    norms: &Norms,
    wer: &dyn Fn(&str) -> Option<f64>,
) -> Result<LiveResult> {
    let silence = vec![0.0f32; (args.stop_after * args.device_rate as f64) as usize];
    let block = (args.device_rate / 100) as usize;
    let mut runs = Vec::new();
    let mut tails = Vec::new();
    let mut wers = Vec::new();
    let mut called_off = Vec::new();
    let mut texts = Vec::new();
    let mut last = None;
    for run in 0..args.runs {
        let config = IncrementalConfig {
            final_threads: args.threads,
            ..IncrementalConfig::default()
        };
        let mut live = LiveTake::start(transcriber.clone(), options.clone(), config, None)?;
        let mut resampler = MonoResampler::new(args.device_rate, asr::SAMPLE_RATE)?;
        let t0 = Instant::now();
        let mut i = 0u64;
        let mut capture = |piece: &[f32]| -> Result<()> {
            // Real time: block i is "captured" at (i + 1) × 10 ms.
            i += 1;
            let due = t0 + Duration::from_millis(10 * i);
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            live.push(&SpeechAudio::from_16k(resampler.push(piece)?));
            Ok(())
        };
        audio::wav::stream_wav_mono(file, args.device_rate, block, &mut capture)?;
        for piece in silence.chunks(block) {
            capture(piece)?;
        }
        live.push(&SpeechAudio::from_16k(resampler.finish()?));
        let outcome = live.finish(None, Rubric::Story, norms)?;
        let incremental = outcome
            .incremental
            .context("the benchmark answer held no speech")?;
        let run_wer = wer(&outcome.assessment.transcript.text);
        tracing::debug!(text = %outcome.assessment.transcript.text, "live transcript");
        eprintln!(
            "  live run {}: stop→assessment {:.3} s (tail {:.1} s, {} chunks, {} speculative, \
             {} commits called off){}",
            run + 1,
            outcome.stop_to_assessment_seconds,
            incremental.tail_seconds,
            incremental.chunks,
            incremental.speculative_passes,
            incremental.commits_called_off,
            run_wer.map_or(String::new(), |w| format!(", WER {:.1} %", 100.0 * w)),
        );
        runs.push(outcome.stop_to_assessment_seconds);
        tails.push(incremental.tail_seconds);
        called_off.push(incremental.commits_called_off);
        wers.extend(run_wer);
        texts.push(outcome.assessment.transcript.text.clone());
        last = Some(incremental);
    }
    let incremental = last.expect("at least one run");
    Ok(LiveResult {
        stop_to_assessment_p50: percentile(&runs, 0.5),
        stop_to_assessment_p90: percentile(&runs, 0.9),
        runs,
        wer_mean: (!wers.is_empty()).then(|| wers.iter().sum::<f64>() / wers.len() as f64),
        wer_worst: wers.iter().copied().reduce(f64::max),
        wer_runs: wers,
        texts,
        tail_seconds: tails,
        chunks: incremental.chunks,
        speculative_passes: incremental.speculative_passes,
        commits_called_off: called_off,
    })
}

fn print_table(r: &Report) {
    outln!(
        "model {} ({:.1} MB), loaded in {:.2} s; {} threads; flash attention {}",
        r.model.display(),
        r.model_bytes as f64 / 1e6,
        r.model_load_seconds,
        r.threads,
        if r.flash_attn { "on" } else { "off" }
    );
    outln!("answer  one-shot    RTF   WER   stop→assessment p50 / p90   live WER mean / worst");
    for a in &r.answers {
        let (p50, p90, wer) = a
            .live
            .as_ref()
            .map_or(("-".into(), "-".into(), "-".into()), |l| {
                (
                    format!("{:.3} s", l.stop_to_assessment_p50),
                    format!("{:.3} s", l.stop_to_assessment_p90),
                    match (l.wer_mean, l.wer_worst) {
                        (Some(mean), Some(worst)) => {
                            format!("{:.1} % / {:.1} %", 100.0 * mean, 100.0 * worst)
                        }
                        _ => "-".into(),
                    },
                )
            });
        let (one_shot, rtf, one_shot_wer) =
            a.one_shot
                .as_ref()
                .map_or(("-".into(), "-".into(), "-".into()), |o| {
                    (
                        format!("{:.2} s", o.one_shot_seconds),
                        format!("{:.3}", o.one_shot_rtf),
                        o.one_shot_wer
                            .map_or("-".into(), |w| format!("{:.1}%", 100.0 * w)),
                    )
                });
        outln!(
            "{:>5.1} s  {one_shot:>8}  {rtf:>5}  {one_shot_wer:>5}   {p50} / {p90}   {wer}",
            a.seconds,
        );
    }
    if let Some(mb) = r.peak_rss_mb {
        outln!("peak RSS {mb:.0} MB");
    }
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v = [0.3, 0.1, 0.2, 0.5, 0.4];
        assert_eq!(percentile(&v, 0.5), 0.3);
        assert_eq!(percentile(&v, 0.9), 0.5);
        assert_eq!(percentile(&[0.7], 0.9), 0.7);
    }
}
