//! `star-coach practice`: a mock interview in the terminal. Each question is shown and spoken,
//! the answer is recorded until Enter or the silence auto-stop, then transcribed and assessed;
//! every take (WAV + assessment JSON) is saved under the recordings folder, and the session ends
//! with a summary: each answer's score and time, the weakest STAR part, what to practise next.

use crate::commands::assess::ModelArgs;
use crate::commands::packs::{find, read_pack_file};
use crate::commands::say::VoiceArgs;
use crate::report::print_take;
use crate::takes::{
    recover_and_report, say_if_fell_back, stdin_lines, stop_take_on_ctrl_c, RecordingUi,
};
use anyhow::{bail, Context, Result};
use asr::{IncrementalConfig, Transcriber};
use audio::capture::{RecordedTake, Recorder, RecorderEvent};
use audio::voice::{open_voice, Voice, VoiceSettings};
use clap::Args;
use coach::{session_summary, AnsweredQuestion, Norms, Question, QuestionPack};
use pipeline::TakeAssessment;
use pipeline::{run_live_take, LiveTake, TakeEvent};
use pipeline::{save_assessed_take, start_practice_take, PracticeLimits, TakeFacts};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::Instant;
use std::time::SystemTime;
use store::recordings::{new_session_dir, unix_ms, write_json_atomically, PendingTake};
use store::{SessionKind, Store};

#[derive(Args)]
pub struct PracticeArgs {
    /// Question pack id (see `star-coach packs list`).
    #[arg(
        long,
        default_value = "backend-developer",
        conflicts_with = "pack_file"
    )]
    pub pack: String,
    /// A pack file to use without importing it.
    #[arg(long)]
    pub pack_file: Option<PathBuf>,
    /// How many questions (the seed's mock interview asks 8).
    #[arg(long, default_value_t = 8)]
    pub questions: usize,
    /// Start at this question of the pack (1 = the first).
    #[arg(long, default_value_t = 1)]
    pub from: usize,
    /// Stop recording after this many seconds of quiet once you have started answering.
    #[arg(long, default_value_t = 5.0)]
    pub silence_stop: f64,
    /// Longest answer recorded, in seconds.
    #[arg(long, default_value_t = 180.0)]
    pub max_seconds: f64,
    /// Input device by name or id (see `star-coach devices`).
    #[arg(long)]
    pub device: Option<String>,
    #[command(flatten)]
    pub voice: VoiceArgs,
    #[command(flatten)]
    pub model: ModelArgs,
}

pub fn run(args: PracticeArgs) -> Result<()> {
    recover_and_report(false);
    let pack = load_pack(&args)?;
    let questions: Vec<&Question> = pack
        .questions
        .iter()
        .skip(args.from.saturating_sub(1))
        .take(args.questions)
        .collect();
    if questions.is_empty() {
        bail!(
            "pack '{}' has {} questions: nothing from question {}",
            pack.id,
            pack.questions.len(),
            args.from
        );
    }
    let norms = Norms::default();
    let model_path = args.model.path()?;
    let model_name = model_name(&model_path);
    let transcriber = Arc::new(
        Transcriber::load(&model_path)
            .with_context(|| format!("loading the speech model {}", model_path.display()))?,
    );
    let options = args.model.options();
    let mut voice = open_voice_or_say_why(&args.voice)?;
    let settings = args.voice.settings();
    let session_dir = new_session_dir(&store::recordings_dir())?;
    let (mut history, session_id) = open_history(&pack.id);
    let lines = stdin_lines();
    let interactive = std::io::stdin().is_terminal();
    let (recorder, events) = Recorder::spawn();

    outln!(
        "Mock interview: {} question(s) from \"{}\". Takes are saved in {}",
        questions.len(),
        pack.name,
        session_dir.display()
    );
    let mut answers: Vec<(usize, TakeAssessment)> = Vec::new();
    for (i, question) in questions.iter().enumerate() {
        outln!(
            "\nQuestion {} of {} · {:?} · aim for {} s\n  {}",
            i + 1,
            questions.len(),
            question.category,
            question.target_seconds,
            question.text
        );
        let wav = session_dir.join(format!("{:02}-{}.wav", i + 1, question.id));
        // The microphone opens while the question is asked (a sound server can take a second to
        // deliver audio); the take itself begins the moment the question has finished.
        // From the moment the microphone opens, a crash leaves enough beside the WAV to assess
        // the take at the next start.
        let pending = PendingTake {
            pack_id: pack.id.clone(),
            question: (*question).clone(),
            session_id,
            recorded_ms: unix_ms(SystemTime::now()),
        };
        let limits = PracticeLimits {
            device: args.device.as_deref(),
            max_seconds: args.max_seconds,
            silence_stop_seconds: Some(args.silence_stop),
        };
        let started = start_practice_take(&recorder, &wav, &limits, &pending)?;
        let live_config = IncrementalConfig {
            final_threads: options.threads,
            ..IncrementalConfig::default()
        };
        let mut live = LiveTake::start(transcriber.clone(), options.clone(), live_config, None)?;
        say_if_fell_back(&started);
        let question_end = ask(&mut voice, &question.text, &settings);
        recorder.begin(question_end);
        // Keys pressed while the question was spoken must not stop the take at once.
        while lines.try_recv().is_ok() {}
        let take = record_answer(&recorder, &events, &lines, args.silence_stop, &mut live)?;
        // Normally 0 or just below: the take begins when the question ends, or as soon after
        // as the microphone delivers.
        let question_end_in_take = take.take_time_of(question_end).unwrap_or(0.0);
        let outcome = live
            .finish(Some(question_end_in_take), &norms)
            .with_context(|| format!("assessing {}", take.path.display()))?;
        let assessment = outcome.assessment;
        eprintln!(
            "Feedback ready {:.2} s after the take stopped.",
            outcome.stop_to_assessment_seconds
        );
        outln!();
        print_take(&assessment, &norms);
        let facts = TakeFacts::of_recorded(&take, &pending, question_end_in_take, &model_name);
        save_assessed_take(history.as_mut(), &facts, &assessment)?;
        outln!(
            "\n  Saved {} and {}",
            take.path.display(),
            take.path.with_extension("json").display()
        );
        answers.push((i, assessment));
        if interactive && i + 1 < questions.len() {
            outln!("\nPress Enter for the next question, or type q and Enter to finish.");
            match lines.recv() {
                Ok(line) if line.trim().eq_ignore_ascii_case("q") => break,
                _ => {}
            }
        }
    }
    if let (Some(store), Some(id)) = (&history, session_id) {
        if let Err(e) = store.finish_session(id, unix_ms(SystemTime::now())) {
            eprintln!("{e}");
        }
    }
    print_summary(&questions, &answers, &norms, &session_dir)
}

/// The history database and a session in it for this interview. Without it (a newer or
/// damaged database) the takes are still saved as files, and added to the history later.
fn open_history(pack_id: &str) -> (Option<Store>, Option<i64>) {
    match Store::open(&store::database_path()) {
        Ok(store) => {
            let now = unix_ms(SystemTime::now());
            match store.start_session(SessionKind::Mock, Some(pack_id), now) {
                Ok(id) => (Some(store), Some(id)),
                Err(e) => {
                    eprintln!("{e}");
                    (Some(store), None)
                }
            }
        }
        Err(e) => {
            eprintln!(
                "{e}\nYour takes are saved as files and join the history once it can be read."
            );
            (None, None)
        }
    }
}

fn load_pack(args: &PracticeArgs) -> Result<QuestionPack> {
    match &args.pack_file {
        Some(file) => read_pack_file(file),
        None => find(&args.pack),
    }
}

fn open_voice_or_say_why(args: &VoiceArgs) -> Result<Option<Box<dyn Voice>>> {
    let Some(backend) = args.backend()? else {
        return Ok(None);
    };
    match open_voice(backend) {
        Ok(voice) => Ok(Some(voice)),
        Err(e) => {
            eprintln!("{e}. The questions are shown as text only.");
            Ok(None)
        }
    }
}

/// Speaks the question; returns when it finished (now, when there is no voice). A voice that
/// fails is dropped for the rest of the session, with one message.
fn ask(voice: &mut Option<Box<dyn Voice>>, text: &str, settings: &VoiceSettings) -> Instant {
    if let Some(v) = voice.as_mut() {
        match v.speak(text, settings) {
            Ok(spoken) => return spoken.finished_at,
            Err(e) => {
                eprintln!("{e}. The questions are shown as text only from now on.");
                *voice = None;
            }
        }
    }
    Instant::now()
}

/// Waits for the answer: shows the level, stops on Enter (the silence auto-stop and the time
/// limit are the recorder's own).
fn record_answer(
    recorder: &Recorder,
    events: &Receiver<RecorderEvent>,
    lines: &Receiver<String>,
    silence_stop: f64,
    live: &mut LiveTake,
) -> Result<RecordedTake> {
    stop_take_on_ctrl_c(recorder.stopper());
    let mut ui = RecordingUi::new(false);
    let summary = run_live_take(events, live, None, |event| match event {
        TakeEvent::Capturing => eprintln!(
            "● Recording — answer now. Enter stops; so do {silence_stop:.0} s of quiet after \
             you finish."
        ),
        TakeEvent::Level { level, elapsed } => ui.level(level, elapsed),
        TakeEvent::Tick if lines.try_recv().is_ok() => recorder.stop(),
        _ => {}
    })?;
    ui.finished(&summary);
    Ok(summary)
}

fn print_summary(
    questions: &[&Question],
    answers: &[(usize, TakeAssessment)],
    norms: &Norms,
    session_dir: &Path,
) -> Result<()> {
    let answered: Vec<AnsweredQuestion> = answers
        .iter()
        .map(|(i, a)| AnsweredQuestion {
            question: &questions[*i].text,
            speaking_seconds: a.speech.speaking_seconds,
            star: a.star.as_ref(),
            score: a.score,
            feedback: &a.feedback,
        })
        .collect();
    let summary = session_summary(&answered, &norms.star);
    outln!("\nSummary");
    for (i, line) in summary.answers.iter().enumerate() {
        let score = line
            .total
            .map_or("no speech".to_string(), |t| format!("{t:>3.0}/100"));
        outln!(
            "  {:>2}. {score}  {:>5.1} s  {}",
            i + 1,
            line.speaking_seconds,
            line.question
        );
    }
    if let Some(mean) = summary.mean_score {
        outln!("  Mean score {mean:.0}/100");
    }
    if let Some(reason) = &summary.weakest_reason {
        outln!("  Weakest part: {reason}.");
    }
    if let Some(next) = &summary.next {
        outln!("  Practise next: {next}");
    }
    Ok(write_json_atomically(
        &session_dir.join("session.json"),
        &summary,
    )?)
}

/// The catalogue name of a model file (stored with every take), else its file name.
fn model_name(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    asr::Catalogue::builtin()
        .models
        .iter()
        .find(|m| m.file == file)
        .map_or(file, |m| m.name.clone())
}
