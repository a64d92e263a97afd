//! `star-coach progress`: every answer's score and figures over time, in one scope (all, a
//! pack, a question), with personal bests and days practised (`coach::progress`).

use anyhow::Result;
use clap::Args;
use coach::progress::{ProgressPoint, ProgressScope};
use store::Store;

#[derive(Args)]
pub struct ProgressArgs {
    /// Only the answers to questions of this pack (see `star-coach packs list`).
    #[arg(long, conflicts_with = "question")]
    pack: Option<String>,
    /// Only the answers to this question (see `star-coach packs show`).
    #[arg(long)]
    question: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(args: ProgressArgs) -> Result<()> {
    let history = Store::open(&store::database_path())?;
    let scope = match (args.pack, args.question) {
        (Some(pack_id), _) => ProgressScope::Pack { pack_id },
        (None, Some(question_id)) => ProgressScope::Question { question_id },
        (None, None) => ProgressScope::Overall,
    };
    let now = chrono::Local::now();
    let offset_minutes = now.offset().local_minus_utc() / 60;
    let view = pipeline::progress_view(&history, scope, now.timestamp_millis(), offset_minutes)?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&view)?);
        return Ok(());
    }
    let p = &view.progress;
    if p.points.is_empty() {
        eprintln!("No answers in this scope yet: practise a question first.");
        return Ok(());
    }
    outln!(
        "{} answer(s) to {} question(s) on {} day(s); {} day(s) in a row now, {} at most",
        p.points.len(),
        p.questions,
        p.days_practised,
        p.current_streak_days,
        p.bests.longest_streak_days
    );
    if let Some(best) = &p.bests.score {
        outln!("Best score: {:.0}/100 (take #{})", best.value, best.take_id);
    }
    if let Some(best) = &p.bests.fewest_fillers_per_minute {
        outln!(
            "Fewest fillers: {:.1} a minute (take #{})",
            best.value,
            best.take_id
        );
    }
    if let Some(change) = p.score_change {
        outln!(
            "Score since your first answers: {change:+.0} (the last {n} against the first {n})",
            n = coach::progress::TREND_ATTEMPTS
        );
    }
    outln!();
    outln!(
        "  {:<16} {:>5}  {:>6}  {:>5}  {:>8}  {:<15}  question",
        "date (local)",
        "score",
        "spoke",
        "wpm",
        "fillers",
        "S / T / A / R"
    );
    for point in &p.points {
        print_point(point, &now.timezone());
    }
    Ok(())
}

fn print_point(p: &ProgressPoint, zone: &chrono::Local) {
    let date = chrono::DateTime::from_timestamp_millis(p.recorded_ms)
        .map(|d| d.with_timezone(zone).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default();
    let opt = |v: Option<f64>, digits: usize| v.map_or("—".into(), |v| format!("{v:.digits$}"));
    let shares = p.star_shares.map_or("—".into(), |s| {
        format!(
            "{:.0}/{:.0}/{:.0}/{:.0}%",
            100.0 * s.situation,
            100.0 * s.task,
            100.0 * s.action,
            100.0 * s.result
        )
    });
    outln!(
        "  {date:<16} {:>5}  {:>5.0}s  {:>5}  {:>6}/m  {shares:<15}  {}",
        p.score.map_or("—".into(), |s| s.to_string()),
        p.speaking_seconds,
        opt(p.words_per_minute, 0),
        opt(p.fillers_per_minute, 1),
        p.question_id
    );
}
