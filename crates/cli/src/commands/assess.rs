//! `star-coach assess`: transcribe a recorded answer and report on it, as readable text or as
//! the JSON contract in the README.

use crate::report::{print_judgement, print_take, Judged};
use anyhow::{Context, Result};
use asr::{Catalogue, TranscribeOptions, Transcriber};
use clap::Args;
use coach::Norms;
use pipeline::{assess_take, TakeAssessment};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["audio", "transcript"])))]
pub struct AssessArgs {
    /// The recorded answer: any PCM WAV (8–32-bit, any rate, any channels).
    pub audio: Option<PathBuf>,
    /// Score a plain-text answer instead of a recording (no times, no delivery).
    #[arg(long, conflicts_with = "audio")]
    pub transcript: Option<PathBuf>,
    /// The question that was answered (shown in the report).
    #[arg(long, conflicts_with = "question_id")]
    pub question: Option<String>,
    /// A question from a pack, by id (see `star-coach packs show`); its category decides the
    /// rubric.
    #[arg(long)]
    pub question_id: Option<String>,
    /// What to judge the answer as: story (STAR), approach (competency and technical
    /// questions), plan (situational) or vision. Default: from --question-id, else story.
    #[arg(long, value_parser = parse_rubric)]
    pub rubric: Option<coach::Rubric>,
    /// Print one JSON object instead of a report.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub model: ModelArgs,
    /// A norms file (see crates/coach/norms.toml) to judge against instead of the defaults.
    #[arg(long)]
    pub norms: Option<PathBuf>,
}

/// Which speech model transcribes, and on how many threads; shared by `assess` and `practice`.
#[derive(Args)]
pub struct ModelArgs {
    /// A catalogue model name (e.g. base.en) or a path to a ggml model file.
    #[arg(long, env = "STAR_COACH_MODEL")]
    pub model: Option<String>,
    /// CPU threads for transcription (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

impl ModelArgs {
    pub fn path(&self) -> Result<PathBuf> {
        resolve_model(self.model.as_deref())
    }

    pub fn options(&self) -> TranscribeOptions {
        let mut options = TranscribeOptions::default();
        if let Some(t) = self.threads {
            options.threads = t.max(1);
        }
        options
    }
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
    #[serde(skip_serializing_if = "Option::is_none")]
    question: Option<QuestionInfo>,
    #[serde(flatten)]
    take: TakeAssessment,
    audio: AudioInfo,
    model: PathBuf,
}

#[derive(Serialize, Clone)]
struct QuestionInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    text: String,
    /// The rubric its pack's category calls for.
    #[serde(skip)]
    rubric: Option<coach::Rubric>,
}

/// The text-only assessment (`--transcript`).
#[derive(Serialize)]
struct TextOutput {
    #[serde(skip_serializing_if = "Option::is_none")]
    question: Option<QuestionInfo>,
    transcript: coach::Transcript,
    #[serde(flatten)]
    assessment: coach::StarAssessment,
}

fn question_info(args: &AssessArgs) -> Result<Option<QuestionInfo>> {
    if let Some(text) = &args.question {
        return Ok(Some(QuestionInfo {
            id: None,
            text: text.clone(),
            rubric: None,
        }));
    }
    let Some(id) = &args.question_id else {
        return Ok(None);
    };
    for (pack, _) in crate::commands::packs::all_packs()? {
        if let Some(q) = pack.questions.iter().find(|q| &q.id == id) {
            return Ok(Some(QuestionInfo {
                id: Some(q.id.clone()),
                text: q.text.clone(),
                rubric: Some(coach::Rubric::for_category(q.category)),
            }));
        }
    }
    anyhow::bail!(
        "no question with id '{id}' in any pack (see `star-coach packs show backend-developer`)"
    )
}

/// A model argument is a file path if such a file exists, else a catalogue name.
pub fn resolve_model(arg: Option<&str>) -> Result<PathBuf> {
    let catalogue = Catalogue::builtin();
    match arg {
        Some(a) if Path::new(a).is_file() => Ok(PathBuf::from(a)),
        Some(name) => Ok(store::model_path(&catalogue.get(name)?.file)),
        None => Ok(store::model_path(&catalogue.default_model().file)),
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

fn parse_rubric(name: &str) -> Result<coach::Rubric, String> {
    coach::Rubric::parse(name)
        .ok_or_else(|| format!("'{name}' is not a rubric: story, approach, plan or vision"))
}

pub fn run(args: AssessArgs) -> Result<()> {
    let norms = load_norms(args.norms.as_deref())?;
    let question = question_info(&args)?;
    let rubric = args
        .rubric
        .or(question.as_ref().and_then(|q| q.rubric))
        .unwrap_or_default();
    if let Some(path) = &args.transcript {
        return run_text(path, question, rubric, args.json, &norms);
    }
    let Some(audio_path) = args.audio.clone() else {
        anyhow::bail!("give a WAV file or --transcript FILE")
    };
    let audio_16k = audio::read_wav_16k_mono(&audio_path)?;
    let model_path = args.model.path()?;
    let options = args.model.options();
    let take = assess_take(
        &audio_16k.samples,
        None,
        rubric,
        || Ok::<_, anyhow::Error>(Transcriber::load(&model_path)?),
        &options,
        &norms,
    )
    .with_context(|| format!("assessing {}", audio_path.display()))?;
    let out = Output {
        question,
        take,
        audio: AudioInfo {
            file: audio_path.clone(),
            seconds: audio_16k.seconds(),
            source_rate: audio_16k.source_rate,
            source_channels: audio_16k.source_channels,
            source_bits: audio_16k.source_bits,
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

/// The largest text answer read: a two-hour take is about 20,000 words, some 120 KB. A larger
/// file is not an answer, and reading and tagging it would take minutes and gigabytes.
const LARGEST_TEXT_ANSWER_BYTES: u64 = 1 << 20;
const MOST_ANSWER_WORDS: usize = 20_000;

fn run_text(
    path: &Path,
    question: Option<QuestionInfo>,
    rubric: coach::Rubric,
    json: bool,
    norms: &Norms,
) -> Result<()> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("reading {}", path.display()))?
        .len();
    if size > LARGEST_TEXT_ANSWER_BYTES {
        anyhow::bail!(
            "{}: {:.1} MB is far more than a spoken answer (at most {} KB, about {} words)",
            path.display(),
            size as f64 / 1e6,
            LARGEST_TEXT_ANSWER_BYTES / 1024,
            MOST_ANSWER_WORDS
        );
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let transcript = coach::Transcript::from_words(coach::star::units::untimed_words(&text));
    if transcript.is_empty() {
        anyhow::bail!("{}: the file holds no words", path.display());
    }
    if transcript.words.len() > MOST_ANSWER_WORDS {
        anyhow::bail!(
            "{}: {} words is far more than a spoken answer (at most {MOST_ANSWER_WORDS})",
            path.display(),
            transcript.words.len()
        );
    }
    let assessment = coach::assess_answer(&transcript, None, Vec::new(), norms, rubric);
    let out = TextOutput {
        question,
        transcript,
        assessment,
    };
    if json {
        outln!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        outln!("{}", path.display());
        if let Some(q) = &out.question {
            outln!("  Question: {}", q.text);
        }
        outln!();
        let a = &out.assessment;
        print_judgement(
            Judged {
                star: a.star.as_ref(),
                parts: a.parts.as_ref(),
                score: a.score,
            },
            &a.findings,
            &a.feedback,
        );
    }
    Ok(())
}

fn print_report(o: &Output, norms: &Norms) {
    let t = &o.take;
    outln!("{}", o.audio.file.display());
    if let Some(q) = &o.question {
        outln!("  Question: {}", q.text);
    }
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
    print_take(t, norms);
}
