//! `star-coach practice`: a mock interview in the terminal. Each question is shown and spoken,
//! the answer is recorded until Enter or the silence auto-stop, then transcribed and assessed;
//! every take (WAV + assessment JSON) is saved under the recordings folder, and the session ends
//! with a summary: each answer's score and time, the weakest STAR part, what to practise next.
//! An answer that leaves something out is followed up (`--follow-ups`), as an interviewer would.
//! The session itself is `pipeline::PracticeSession`, the same the desktop app runs.

use crate::commands::assess::ModelArgs;
use crate::commands::packs::{all_packs, find, read_pack_file};
use crate::commands::say::VoiceArgs;
use crate::report::print_take;
use crate::takes::{
    report_recovery, say_if_fell_back, stdin_lines, stop_take_on_ctrl_c, RecordingUi,
};
use anyhow::{bail, Context, Result};
use asr::IncrementalConfig;
use clap::Args;
use coach::{FollowUp, FollowUpMode, Norms, Question, QuestionPack, SessionSummary};
use pipeline::{
    recover_takes, DataPlaces, PracticeEvent, PracticeSession, SessionPlan, SpeechModel, TakeEvent,
};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use store::SessionKind;

#[derive(Args)]
pub struct PracticeArgs {
    /// Question pack id (see `star-coach packs list`); backend-developer when none is given,
    /// or with --job-ad the packs of the role the ad is for.
    #[arg(long, conflicts_with = "pack_file")]
    pub pack: Option<String>,
    /// A pack file to use without importing it.
    #[arg(long)]
    pub pack_file: Option<PathBuf>,
    /// How many questions (the seed's mock interview asks 8).
    #[arg(long, default_value_t = 8)]
    pub questions: usize,
    /// Start at this question of the pack (1 = the first).
    #[arg(long, default_value_t = 1)]
    pub from: usize,
    /// Ask the questions that best fit this job advertisement (a text file), each with why
    /// (see `star-coach job-ad`): from --pack, or from the packs of the ad's role.
    #[arg(long, conflicts_with = "from")]
    pub job_ad: Option<PathBuf>,
    /// Stop recording after this many seconds of quiet once you have started answering.
    #[arg(long, default_value_t = 5.0)]
    pub silence_stop: f64,
    /// Longest answer recorded, in seconds.
    #[arg(long, default_value_t = 180.0)]
    pub max_seconds: f64,
    /// Input device by name or id (see `star-coach devices`).
    #[arg(long)]
    pub device: Option<String>,
    /// Follow-up questions when an answer leaves something out: off, one, or probing (up to
    /// two per answer).
    #[arg(long, default_value = "one", value_parser = parse_follow_ups)]
    pub follow_ups: FollowUpMode,
    #[command(flatten)]
    pub voice: VoiceArgs,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// The questions to ask, each with the pack it is from (a job ad's interview may span the
/// role's packs), and what to call where they are from.
fn questions_for(args: &PracticeArgs) -> Result<(Vec<(String, Question)>, String)> {
    match &args.job_ad {
        Some(file) => {
            let text = crate::commands::job_ad::read_ad(file)?;
            let (packs, from) = if args.pack.is_none() && args.pack_file.is_none() {
                let packs: Vec<QuestionPack> = all_packs()?.into_iter().map(|(p, _)| p).collect();
                (packs, "the packs for the ad's role".to_string())
            } else {
                let pack = load_pack(args)?;
                let from = format!("\"{}\"", pack.name);
                (vec![pack], from)
            };
            let (_, role, picked) = coach::job_ad::pick_for_role(&text, &packs, args.questions);
            if picked.is_empty() {
                bail!(
                    "nothing in {} matches a question of {from}: see `star-coach job-ad`",
                    file.display()
                );
            }
            if packs.len() > 1 && !role.evidence.is_empty() {
                eprintln!(
                    "The ad says {}: questions from {}.",
                    role.evidence.join(", "),
                    role.pack_ids.join(" and ")
                );
            }
            for p in &picked {
                eprintln!("  {} — {}", p.question.text, p.why);
            }
            let questions = picked
                .into_iter()
                .map(|p| (p.pack_id, p.question))
                .collect();
            Ok((questions, from))
        }
        None => {
            let pack = load_pack(args)?;
            let questions: Vec<(String, Question)> = pack
                .questions
                .iter()
                .skip(args.from.saturating_sub(1))
                .take(args.questions)
                .map(|q| (pack.id.clone(), q.clone()))
                .collect();
            if questions.is_empty() {
                bail!(
                    "pack '{}' has {} questions: nothing from question {}",
                    pack.id,
                    pack.questions.len(),
                    args.from
                );
            }
            Ok((questions, format!("\"{}\"", pack.name)))
        }
    }
}

pub fn run(args: PracticeArgs) -> Result<()> {
    let (questions, from) = questions_for(&args)?;
    let norms = Norms::default();
    let model_path = args.model.path()?;
    let model = SpeechModel::load(&model_path)
        .with_context(|| format!("loading the speech model {}", model_path.display()))?;
    report_recovery(
        &DataPlaces::with(|places| recover_takes(Some(&model), places)),
        false,
    );
    let options = args.model.options();
    let live = IncrementalConfig {
        final_threads: options.threads,
        ..IncrementalConfig::default()
    };
    let mut session = PracticeSession::open(SessionPlan {
        // The session belongs to the pack of its first question.
        pack_id: questions[0].0.clone(),
        kind: SessionKind::Mock,
        model,
        options,
        live,
        microphone: args.device.clone(),
        max_seconds: args.max_seconds,
        // The terminal shows no live transcript to put a hint beside.
        live_hints: false,
        live_hint_margin_seconds: None,
        silence_stop_seconds: Some(args.silence_stop),
        voice: args.voice.backend()?,
        voice_settings: args.voice.settings(),
        recordings: store::recordings_dir(),
        database: store::database_path(),
    })?;
    if let Some(problem) = session.voice_problem() {
        eprintln!("{problem}. The questions are shown as text only.");
    }
    if let Some(problem) = session.history_problem() {
        eprintln!(
            "{problem}\nYour takes are saved as files and join the history once it can be read."
        );
    }
    let lines = stdin_lines();
    let interactive = std::io::stdin().is_terminal();

    outln!(
        "Mock interview: {} question(s) from {from}. Takes are saved in {}",
        questions.len(),
        session.folder().display()
    );
    for (i, (pack_id, question)) in questions.iter().enumerate() {
        outln!(
            "\nQuestion {} of {} · {:?} · aim for {} s\n  {}",
            i + 1,
            questions.len(),
            question.category,
            question.target_seconds,
            question.text
        );
        let take = record_answer(
            &mut session,
            Asking::Question(pack_id, question),
            &norms,
            &lines,
            args.silence_stop,
        )?;
        eprintln!(
            "Feedback ready {:.2} s after the take stopped.",
            take.stop_to_assessment_seconds
        );
        outln!();
        print_take(&take.assessment, &norms);
        print_saved(take);
        let answer = take.number;
        while let Some(asked) = session.next_follow_up(answer, args.follow_ups) {
            outln!("\nFollow-up ({})\n  {}", asked.gap.title(), asked.text);
            let reply = record_answer(
                &mut session,
                Asking::FollowUp(answer, &asked),
                &norms,
                &lines,
                args.silence_stop,
            )?;
            outln!("\n  You said: {}", reply.assessment.transcript.text.trim());
            if let Some(judgement) = reply.follow_up.as_ref().and_then(|f| f.judgement.as_ref()) {
                outln!("  {}", judgement.message);
            }
            print_saved(reply);
        }
        if interactive && i + 1 < questions.len() {
            outln!("\nPress Enter for the next question, or type q and Enter to finish.");
            match lines.recv() {
                Ok(line) if line.trim().eq_ignore_ascii_case("q") => break,
                _ => {}
            }
        }
    }
    let summary = session.finish(&norms)?;
    print_summary(&summary);
    Ok(())
}

fn load_pack(args: &PracticeArgs) -> Result<QuestionPack> {
    match (&args.pack_file, &args.pack) {
        (Some(file), _) => read_pack_file(file),
        (None, Some(id)) => find(id),
        (None, None) => find(DEFAULT_PACK),
    }
}

/// The pack practised when none is named: the seed page's.
const DEFAULT_PACK: &str = "backend-developer";

fn parse_follow_ups(text: &str) -> Result<FollowUpMode, String> {
    FollowUpMode::parse(text).ok_or_else(|| format!("'{text}' is not off, one or probing"))
}

fn print_saved(take: &pipeline::PracticeTake) {
    outln!(
        "\n  Saved {} and {} (assessed {:.2} s after the take stopped)",
        take.wav.display(),
        take.wav.with_extension("json").display(),
        take.stop_to_assessment_seconds
    );
    if let Some(problem) = &take.not_in_history {
        eprintln!("  Not in the history yet ({problem}); it is added once it can be.");
    }
}

/// What is asked: a question of the pack, or a follow-up after the answer numbered so.
enum Asking<'a> {
    /// A question, and the pack it is from.
    Question(&'a str, &'a Question),
    FollowUp(usize, &'a FollowUp),
}

/// Asks one question and records the answer: shows the level, stops on Enter (the silence
/// auto-stop and the time limit are the recorder's own).
fn record_answer<'s>(
    session: &'s mut PracticeSession,
    asking: Asking,
    norms: &Norms,
    lines: &Receiver<String>,
    silence_stop: f64,
) -> Result<&'s pipeline::PracticeTake> {
    let stopper = session.stopper();
    stop_take_on_ctrl_c(stopper.clone());
    let mut ui = RecordingUi::new(false);
    let mut on_event = |event: PracticeEvent| match event {
        PracticeEvent::MicrophoneOpen(started) => say_if_fell_back(&started),
        PracticeEvent::VoiceFailed(problem) => {
            eprintln!("{problem}. The questions are shown as text only from now on.")
        }
        PracticeEvent::Recording(TakeEvent::Capturing) => {
            // Keys pressed while the question was spoken must not stop the take at once.
            while lines.try_recv().is_ok() {}
            eprintln!(
                "● Recording — answer now. Enter stops; so do {silence_stop:.0} s of quiet \
                 after you finish."
            )
        }
        PracticeEvent::Recording(TakeEvent::Level { level, elapsed }) => ui.level(level, elapsed),
        PracticeEvent::Recording(TakeEvent::Tick) if lines.try_recv().is_ok() => stopper.stop(),
        PracticeEvent::Assessing(recorded) => ui.finished(&recorded),
        _ => {}
    };
    match asking {
        Asking::Question(pack_id, question) => session
            .take_from(pack_id, question, norms, &mut on_event)
            .with_context(|| format!("practising question {}", question.id)),
        Asking::FollowUp(answer, asked) => session
            .follow_up(answer, asked, norms, &mut on_event)
            .context("recording the reply to a follow-up question"),
    }
}

fn print_summary(summary: &SessionSummary) {
    outln!("\nSummary");
    for (i, line) in summary.answers.iter().enumerate() {
        let score = line
            .total
            .map_or("no speech".to_string(), |t| format!("{t:>3.0}/100"));
        outln!(
            "  {:>2}. {score}  {:>5.1} s  {:>2} fillers  {}",
            i + 1,
            line.speaking_seconds,
            line.fillers,
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
}
