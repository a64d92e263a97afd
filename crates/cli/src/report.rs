//! The readable report of a take, shared by `assess` and `practice`: speaking time, pace and
//! fillers, the STAR bar against the target split, each unit with its label, findings with their
//! times and quotes, and what to say differently next time.

use coach::transcript::clock;
use coach::{Norms, Severity};
use pipeline::TakeAssessment;

/// Everything below the file line of a take's report.
pub fn print_take(t: &TakeAssessment, norms: &Norms) {
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
        if !f.items.is_empty() {
            // A filler the recogniser left out is shown in brackets, as the app shows it.
            let listed: Vec<String> = f
                .items
                .iter()
                .map(|item| {
                    let text = match item.source {
                        coach::delivery::FillerSource::Audio => format!("({})", item.text),
                        coach::delivery::FillerSource::Transcript => format!("\"{}\"", item.text),
                    };
                    format!("{text} at {}", clock(item.start))
                })
                .collect();
            outln!("  Fillers: {}", listed.join(", "));
        }
        outln!();
    }
    match (&t.star, t.score) {
        (Some(star), Some(score)) => print_star(star, score, &t.findings, &t.feedback),
        _ => {
            for f in &t.findings {
                outln!("  ✗ {}", f.message);
            }
        }
    }
}

fn label_letter(p: coach::star::Part) -> &'static str {
    match p {
        coach::star::Part::Situation => "S",
        coach::star::Part::Task => "T",
        coach::star::Part::Action => "A",
        coach::star::Part::Result => "R",
        coach::star::Part::Other => "·",
    }
}

pub fn print_star(
    star: &coach::star::StarReport,
    score: coach::star::Score,
    findings: &[coach::Finding],
    feedback: &[String],
) {
    let delivery = score
        .delivery
        .map(|d| format!(" · delivery {d:.0}"))
        .unwrap_or_default();
    outln!(
        "  Score {:.0}/100  (structure {:.0} · content {:.0}{delivery})",
        score.total,
        score.structure,
        score.content
    );
    let shares = star.seconds.unwrap_or(star.words).shares();
    let bar: String = [
        (coach::star::Part::Situation, shares.situation),
        (coach::star::Part::Task, shares.task),
        (coach::star::Part::Action, shares.action),
        (coach::star::Part::Result, shares.result),
    ]
    .iter()
    .map(|(p, s)| label_letter(*p).repeat((s * 40.0).round() as usize))
    .collect();
    outln!("  STAR   [{bar:<40}]");
    outln!(
        "  target [{}]  (20/10/60/10)",
        "S".repeat(8) + &"T".repeat(4) + &"A".repeat(24) + &"R".repeat(4)
    );
    outln!();
    for u in &star.units {
        let time = u
            .start
            .map(|s| format!("[{}] ", clock(s)))
            .unwrap_or_default();
        outln!("  {} {time}{}", label_letter(u.label), u.text);
    }
    outln!();
    for f in findings {
        let mark = match f.severity {
            Severity::Problem => "✗",
            Severity::Warning => "!",
            Severity::Info => "·",
        };
        let at = if f.end > 0.0 {
            format!("[{}] ", clock(f.start))
        } else {
            String::new()
        };
        let quote = if f.quote.is_empty() {
            String::new()
        } else {
            format!("  “{}”", f.quote)
        };
        outln!("  {mark} {at}{}{quote}", f.message);
    }
    if !feedback.is_empty() {
        outln!();
        outln!("  Next time:");
        for line in feedback {
            outln!("   → {line}");
        }
    }
}
