//! `star-coach`: the scriptable face of STAR Coach. Assess a spoken answer from a WAV file,
//! manage Whisper models, and (as their issues land) practise and benchmark from the terminal.

/// `println!` that ends the program quietly when stdout is closed (`star-coach … | head`), as
/// Unix tools do, instead of panicking on the broken pipe.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// `print!` with the same behaviour.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod commands;
mod progress;
mod report;
mod takes;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "star-coach",
    version,
    about = "Practise interview answers out loud, privately: local transcription and STAR feedback."
)]
struct Cli {
    /// More logging (-v info, -vv debug); RUST_LOG also works.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Transcribe a recorded answer (any WAV) and report on it.
    Assess(commands::assess::AssessArgs),
    /// List, fetch, import and verify Whisper models.
    Models {
        #[command(subcommand)]
        command: commands::models::ModelsCommand,
    },
    /// The takes in the history, attempts at one question, and two takes side by side.
    History {
        #[command(subcommand)]
        command: commands::history::HistoryCommand,
    },
    /// Scores and figures of every answer over time, with personal bests and days practised.
    Progress(commands::progress::ProgressArgs),
    /// A take, a mock interview or the whole history as a file to keep: one HTML page with the
    /// recordings inside, Markdown or JSON.
    Report(commands::report::ReportArgs),
    /// The whole history and its recordings as one file to carry to another machine.
    Archive {
        #[command(subcommand)]
        command: commands::archive::ArchiveCommand,
    },
    /// Your story bank: the prepared stories, which fit a question, which a take told.
    Stories {
        #[command(subcommand)]
        command: commands::stories::StoriesCommand,
    },
    /// What a job advertisement asks for, and the questions that fit it best, each with why.
    JobAd(commands::job_ad::JobAdArgs),
    /// List, show, import and export question packs.
    Packs {
        #[command(subcommand)]
        command: commands::packs::PacksCommand,
    },
    /// List the microphones and speakers the sound system reports now.
    Devices(commands::devices::DevicesArgs),
    /// Record from a microphone into a WAV (until Enter, Ctrl-C, --seconds or silence).
    Record(commands::record::RecordArgs),
    /// Measure feedback latency and transcription speed on spoken answers (see bench/run.sh).
    Bench(commands::bench::BenchArgs),
    /// A mock interview in the terminal: questions asked aloud, answers recorded and assessed.
    Practice(commands::practice::PracticeArgs),
    /// Speak a text with the voice that asks the questions.
    Say(commands::say::SayArgs),
    /// List the voices of a text-to-speech backend.
    Voices(commands::say::VoicesArgs),
    /// After a crash: repair unfinished takes and add takes missing from the history (the app
    /// does the same at start-up; repairing is also done at every recording start).
    Recover(commands::recover::RecoverArgs),
}

/// Where models are read from and written to, unless a command is told otherwise.
pub fn default_models_dir() -> PathBuf {
    store::models_dir()
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(format!("{default},whisper_rs=off"))
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let result = match cli.command {
        Command::Assess(args) => commands::assess::run(args),
        Command::Models { command } => commands::models::run(command),
        Command::Packs { command } => commands::packs::run(command),
        Command::History { command } => commands::history::run(command),
        Command::Progress(args) => commands::progress::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Archive { command } => commands::archive::run(command),
        Command::Stories { command } => commands::stories::run(command),
        Command::JobAd(args) => commands::job_ad::run(args),
        Command::Devices(args) => commands::devices::run(args),
        Command::Record(args) => commands::record::run(args),
        Command::Practice(args) => commands::practice::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::Say(args) => commands::say::say(args),
        Command::Voices(args) => commands::say::voices(args),
        Command::Recover(args) => commands::recover::run(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
