//! `star-coach history`: the takes the history holds, the attempts at one question, two takes
//! side by side (`coach::compare`), what to practise next, and assessing takes again when the
//! scorer has changed (`pipeline::reassess`).

use anyhow::Result;
use clap::Subcommand;
use coach::compare::{compare_takes, Change, WordChange};
use pipeline::{reassess_takes, ReassessProgress, ReassessReport, SpeechModel};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};
use store::recordings::utc_stamp;
use store::{Store, TakeRecord, TakeSummary};

#[derive(Subcommand)]
pub enum HistoryCommand {
    /// Every take, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Every take of one question, oldest first, with the best so far.
    Attempts {
        /// A question id (see `star-coach packs show`), or a take id to follow its question.
        question: String,
        #[arg(long)]
        json: bool,
    },
    /// What to practise next: the questions practised before, those due again first (a
    /// Leitner schedule: a weak answer comes back tomorrow, strong ones less often).
    Review {
        #[arg(long)]
        json: bool,
    },
    /// Assess takes again from their recordings with this version's scorer, keeping the
    /// assessment each replaces. Without ids: the takes an older scorer assessed.
    Reassess {
        /// Take ids (see `history list`).
        ids: Vec<i64>,
        /// Every take, even those this scorer assessed.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        #[command(flatten)]
        model: crate::commands::assess::ModelArgs,
        #[arg(long)]
        json: bool,
    },
    /// Two takes side by side: scores and figures with their changes, findings gone and new,
    /// and what was said differently, word by word.
    Compare {
        /// The earlier take's id (see `history list`).
        before: i64,
        /// The later take's id.
        after: i64,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: HistoryCommand) -> Result<()> {
    let history = Store::open(&store::database_path())?;
    match command {
        HistoryCommand::Reassess {
            ids,
            all,
            model,
            json,
        } => reassess(history, ids, all, &model, json)?,
        HistoryCommand::List { json } => {
            let takes = history.takes()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&takes)?);
            } else if takes.is_empty() {
                eprintln!("The history is empty: practise a question first.");
            } else {
                for t in &takes {
                    print_line(t);
                }
            }
        }
        HistoryCommand::Review { json } => {
            let packs: Vec<_> = store::packs::all_packs()?
                .into_iter()
                .map(|(p, _)| p)
                .collect();
            let now = store::recordings::unix_ms(std::time::SystemTime::now());
            let queue = pipeline::review(&history, &packs, now)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&queue)?);
            } else if queue.is_empty() {
                eprintln!("Nothing to review yet: practise a question first.");
            } else {
                let due = queue.iter().filter(|e| e.item.due).count();
                outln!("{due} question(s) due today, {} in all", queue.len());
                for e in &queue {
                    let when = if e.item.due {
                        "due now".to_string()
                    } else {
                        format!(
                            "due {}",
                            utc_stamp(
                                UNIX_EPOCH + Duration::from_millis(e.item.due_ms.max(0) as u64)
                            )
                        )
                    };
                    outln!(
                        "  {:<12} box {}  {:<24} {}\n               {}",
                        when,
                        e.item.leitner_box,
                        e.question.id,
                        e.question.text,
                        e.item.why
                    );
                }
            }
        }
        HistoryCommand::Attempts { question, json } => {
            let question = match question.parse::<i64>() {
                Ok(take) => history.take(take)?.summary.question_id,
                Err(_) => question,
            };
            let attempts = history.attempts(&question)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&attempts)?);
            } else if attempts.is_empty() {
                eprintln!("No takes of question \"{question}\" yet.");
            } else {
                let best = attempts.iter().filter_map(|t| t.score).max();
                outln!(
                    "{} attempt(s) at \"{}\"",
                    attempts.len(),
                    attempts[0].question_text
                );
                for t in &attempts {
                    print_line(t);
                }
                if let Some(best) = best {
                    outln!("Best so far: {best}/100");
                }
            }
        }
        HistoryCommand::Compare {
            before,
            after,
            json,
        } => {
            let (a, b) = (history.take(before)?, history.take(after)?);
            let comparison = compare_takes(&a.assessment, &b.assessment);
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "before": a.summary,
                        "after": b.summary,
                        "comparison": comparison,
                    }))?
                );
            } else {
                print_comparison(&a, &b, &comparison);
            }
        }
    }
    Ok(())
}

fn reassess(
    history: Store,
    ids: Vec<i64>,
    all: bool,
    model: &crate::commands::assess::ModelArgs,
    json: bool,
) -> Result<()> {
    let ids = if all {
        let mut ids: Vec<i64> = history.takes()?.iter().map(|t| t.id).collect();
        ids.reverse();
        ids
    } else if ids.is_empty() {
        history.takes_scored_before(coach::SCORER_VERSION)?
    } else {
        ids
    };
    if ids.is_empty() {
        eprintln!(
            "Every take was assessed by this scorer ({}): nothing to do. Name takes, or --all.",
            coach::SCORER_VERSION
        );
        if json {
            outln!(
                "{}",
                serde_json::to_string_pretty(&ReassessReport::default())?
            );
        }
        return Ok(());
    }
    let speech_model = SpeechModel::load(&model.path()?)?;
    let cancel = Arc::new(AtomicBool::new(false));
    let on_interrupt = cancel.clone();
    // The take being assessed is finished; the rest are left as they are.
    let _ = ctrlc::set_handler(move || on_interrupt.store(true, Ordering::Relaxed));
    let bar = crate::progress::count_bar("re-assessing", ids.len() as u64);
    let history = std::sync::Mutex::new(history);
    let report = reassess_takes(
        &history,
        &speech_model,
        &model.options(),
        &ids,
        &cancel,
        |p| {
            if let ReassessProgress::Finished { done, .. } = p {
                bar.set_position(done as u64);
            }
        },
    );
    bar.finish_and_clear();
    if json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        let score = |s: Option<u32>| s.map_or("—".to_string(), |s| s.to_string());
        for r in &report.reassessed {
            outln!(
                "  #{:<4} {} → {}  (was scorer {})",
                r.take_id,
                score(r.score_before),
                score(r.score_after),
                r.scorer_before
            );
        }
    }
    for f in &report.failed {
        eprintln!("take {} left as it was: {}", f.take_id, f.message);
    }
    eprintln!(
        "{} take(s) assessed again with scorer {} and {}; the earlier assessments are kept.",
        report.reassessed.len(),
        coach::SCORER_VERSION,
        speech_model.name
    );
    if report.not_reached > 0 {
        eprintln!("Stopped: {} take(s) not reached.", report.not_reached);
    }
    if !report.failed.is_empty() {
        anyhow::bail!(
            "{} take(s) could not be assessed again",
            report.failed.len()
        );
    }
    Ok(())
}

fn when(ms: i64) -> String {
    utc_stamp(UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64))
}

fn print_line(t: &TakeSummary) {
    let score = t.score.map_or("  —".to_string(), |s| format!("{s:>3}"));
    outln!(
        "  #{:<4} {}  {score}/100  {:>5.1} s  {}",
        t.id,
        when(t.recorded_ms),
        t.speaking_seconds,
        t.question_text
    );
}

/// "62 → 74 (+12)".
fn change(c: &Change, unit: &str, digits: usize) -> String {
    let show = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.digits$}{unit}"));
    let delta = c
        .delta
        .map(|d| format!("  ({d:+.digits$}{unit})"))
        .unwrap_or_default();
    format!("{} → {}{delta}", show(c.before), show(c.after))
}

fn print_comparison(a: &TakeRecord, b: &TakeRecord, c: &coach::compare::TakeComparison) {
    outln!(
        "Take #{} ({}) → take #{} ({})",
        a.summary.id,
        when(a.summary.recorded_ms),
        b.summary.id,
        when(b.summary.recorded_ms)
    );
    if a.summary.question_id == b.summary.question_id {
        outln!("  {}", a.summary.question_text);
    } else {
        outln!(
            "  {}  /  {}",
            a.summary.question_text,
            b.summary.question_text
        );
    }
    outln!();
    outln!("  Score          {}", change(&c.total, "", 0));
    outln!("    structure    {}", change(&c.structure, "", 0));
    outln!("    content      {}", change(&c.content, "", 0));
    outln!("    delivery     {}", change(&c.delivery, "", 0));
    outln!(
        "  Speaking time  {}   (aim 60–90 s)",
        change(&c.speaking_seconds, " s", 0)
    );
    outln!(
        "  Pace           {}",
        change(&c.words_per_minute, " wpm", 0)
    );
    outln!(
        "  Fillers        {}",
        change(&c.fillers_per_minute, "/min", 1)
    );
    outln!("  Pauses         {}", change(&c.pauses, "", 0));
    if let (Some(x), Some(y)) = (&c.star_before, &c.star_after) {
        let pct = |v: f64| format!("{:.0}%", 100.0 * v);
        outln!(
            "  STAR shares    S {} → {} · T {} → {} · A {} → {} · R {} → {}",
            pct(x.situation),
            pct(y.situation),
            pct(x.task),
            pct(y.task),
            pct(x.action),
            pct(y.action),
            pct(x.result),
            pct(y.result)
        );
    }
    let names =
        |k: &[coach::FindingKind]| k.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ");
    if !c.findings_gone.is_empty() {
        outln!("  Fixed          {}", names(&c.findings_gone));
    }
    if !c.findings_new.is_empty() {
        outln!("  New            {}", names(&c.findings_new));
    }
    let words: Vec<String> = c
        .words
        .iter()
        .map(|w| match w.change {
            WordChange::Kept => w.text.clone(),
            WordChange::Added => format!("{{+{}+}}", w.text),
            WordChange::Removed => format!("[-{}-]", w.text),
        })
        .collect();
    outln!();
    outln!("  What you said ([-only before-] {{+only now+}}):");
    outln!("  {}", words.join(" "));
}
