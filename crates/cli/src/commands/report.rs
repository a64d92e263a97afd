//! `star-coach report`: one take, a mock interview or the whole history as a file to keep: a
//! single HTML page with the recordings inside (opens offline in any browser), Markdown, or
//! JSON (`report`, `pipeline::reports`).

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use pipeline::reports::{build_report, ReportSubject};
use std::path::PathBuf;
use store::Store;

#[derive(Clone, Copy, ValueEnum)]
enum What {
    /// A take and its follow-up replies (give its id).
    Take,
    /// A mock interview, with its summary (give its session id, see `history list --json`).
    Session,
    /// Every take.
    All,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Html,
    Md,
    Json,
}

impl From<Format> for report::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Html => report::Format::Html,
            Format::Md => report::Format::Markdown,
            Format::Json => report::Format::Json,
        }
    }
}

#[derive(Args)]
pub struct ReportArgs {
    what: What,
    /// The take's or session's id.
    id: Option<i64>,
    #[arg(long, value_enum, default_value = "html")]
    format: Format,
    /// Where to write it (`-` for standard output); default: a file named after what it holds,
    /// in the current folder.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Leave the recordings out of an HTML report (it names their files instead).
    #[arg(long)]
    no_audio: bool,
}

pub fn run(args: ReportArgs) -> Result<()> {
    let (subject, name) = match (args.what, args.id) {
        (What::Take, Some(id)) => (ReportSubject::Take { id }, format!("take-{id}")),
        (What::Session, Some(id)) => (ReportSubject::Session { id }, format!("session-{id}")),
        (What::All, None) => (ReportSubject::History, "history".to_string()),
        (What::All, Some(_)) => bail!("`report all` takes no id"),
        (_, None) => bail!("give the id of the take or session to report"),
    };
    let history = Store::open(&store::database_path())?;
    let now = chrono::Local::now();
    let offset_minutes = now.offset().local_minus_utc() / 60;
    let format = report::Format::from(args.format);
    let with_audio = format.holds_audio() && !args.no_audio;
    let report = build_report(
        &history,
        subject,
        now.timestamp_millis(),
        offset_minutes,
        with_audio,
    )?;
    let text = format.render(&report);
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("star-coach-{name}.{}", format.extension())));
    if out.as_os_str() == "-" {
        outln!("{text}");
        return Ok(());
    }
    store::recordings::write_atomically(&out, text.as_bytes())
        .with_context(|| format!("the report was not written to {}", out.display()))?;
    let missing = report
        .takes
        .iter()
        .filter(|t| with_audio && t.wav.is_none())
        .count();
    if missing > 0 {
        eprintln!("{missing} recording(s) could not be read; the report says which.");
    }
    eprintln!(
        "Wrote {} ({} take(s), {:.1} MB).",
        out.display(),
        report.takes.len(),
        text.len() as f64 / 1e6
    );
    Ok(())
}
