//! The readable report of a take, shared by `assess` and `practice`: speaking time, pace and
//! fillers, the STAR bar against the target split (or, for other rubrics, their parts), each
//! unit with its label, findings with their times and quotes, and what to say differently next
//! time.

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
    match t.score {
        Some(score) => print_judgement(
            Judged {
                star: t.star.as_ref(),
                parts: t.parts.as_ref(),
                score,
            },
            &t.findings,
            &t.feedback,
        ),
        None => {
            for f in &t.findings {
                outln!("  ✗ {}", f.message);
            }
        }
    }
}

/// What an answer was judged on: a STAR report for a story, a parts report for other rubrics.
pub struct Judged<'a> {
    pub star: Option<&'a coach::star::StarReport>,
    pub parts: Option<&'a coach::rubrics::report::PartsReport>,
    pub score: coach::star::Score,
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

pub fn print_judgement(j: Judged, findings: &[coach::Finding], feedback: &[String]) {
    let score = j.score;
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
    if let Some(star) = j.star {
        print_star(star);
    }
    if let Some(parts) = j.parts {
        print_parts(parts);
    }
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

fn print_star(star: &coach::star::StarReport) {
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
}

/// The rubric's parts, each present or missing, then every unit with the part it plays.
fn print_parts(parts: &coach::rubrics::report::PartsReport) {
    outln!("  Judged as {}:", parts.rubric.name());
    for p in &parts.parts {
        let mark = if p.present { "✓" } else { "✗" };
        let took = match p.seconds {
            Some(s) if p.present => format!("  {s:.0} s"),
            _ if p.present => format!("  {} words", p.words),
            _ => String::new(),
        };
        outln!("    {mark} {}{took}", p.title);
    }
    outln!();
    for u in &parts.units {
        let time = u
            .start
            .map(|s| format!("[{}] ", clock(s)))
            .unwrap_or_default();
        outln!("  {} {time}{}", u.element.letter(), u.text);
    }
    outln!();
}
