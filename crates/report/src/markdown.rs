//! The report as Markdown: the same content as the HTML without the recordings, which are
//! named by their files (Markdown has no way to hold them).

use crate::text::{clock, date, score, PARTS};
use crate::Report;
use std::fmt::Write;

/// Text a user or the recogniser wrote, kept from being read as Markdown or HTML.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn markdown(report: &Report) -> String {
    let offset = report.utc_offset_minutes;
    let mut out = format!(
        "# {}\n\nA STAR Coach report, made {} (scorer {}).\n",
        plain(&report.title),
        date(report.created_ms, offset),
        coach::SCORER_VERSION
    );
    if let Some(s) = &report.summary {
        out.push_str("\n## Summary\n\n| Question | Score | Spoke | Fillers |\n|---|---|---|---|\n");
        for a in &s.answers {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                plain(&a.question),
                score(a.total),
                clock(a.speaking_seconds),
                a.fillers
            );
        }
        let _ = writeln!(out, "\nMean score: {}", score(s.mean_score));
        if let Some(next) = &s.next {
            let _ = writeln!(out, "\nPractise next: {}", plain(next));
        }
    }
    for take in &report.takes {
        let r = &take.record;
        let a = &r.assessment;
        let _ = write!(
            out,
            "\n## {}\n\n{} · score {}/100 · spoke {} of {} · {:.0} words a minute · {} filler(s)\n\n\
             Recording: `{}`\n",
            plain(&r.summary.question_text),
            date(r.summary.recorded_ms, offset),
            score(a.score.map(|s| s.total)),
            clock(a.speech.speaking_seconds),
            clock(a.speech.total_seconds),
            a.delivery.wpm,
            a.delivery.fillers.count,
            r.summary.wav_path.replace('`', "'")
        );
        if let Some(star) = &a.star {
            let seconds = star.seconds.unwrap_or_default();
            let parts: Vec<String> = PARTS
                .iter()
                .map(|p| {
                    if star.present.get(*p) {
                        format!("{} {:.0} s", p.title(), seconds.get(*p))
                    } else {
                        format!("{} missing", p.title())
                    }
                })
                .collect();
            let _ = writeln!(out, "\nSTAR: {}", parts.join(" · "));
        }
        if !a.findings.is_empty() {
            out.push_str("\n### Findings\n\n");
            for f in &a.findings {
                let _ = writeln!(
                    out,
                    "- {}–{} {}",
                    clock(f.start),
                    clock(f.end),
                    plain(&f.message)
                );
            }
        }
        if !a.feedback.is_empty() {
            out.push_str("\n### What to change next time\n\n");
            for (i, line) in a.feedback.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, plain(line));
            }
        }
        out.push_str("\n### What you said\n\n");
        match &a.star {
            Some(star) if !star.units.is_empty() => {
                for u in &star.units {
                    let at = u.start.map(clock).unwrap_or_default();
                    let _ = writeln!(out, "- {at} **{}** {}", u.label.title(), plain(&u.text));
                }
            }
            _ => {
                let _ = writeln!(out, "{}", plain(&a.transcript.text));
            }
        }
    }
    out
}
