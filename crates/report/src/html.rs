//! The report as one HTML file: its recordings inside as data URLs, its style inline, and a
//! content security policy that forbids every script and every fetch, so the file shows the
//! same offline, years later, in any browser, and nothing in it can run.

use crate::text::{clock, date, escape, score, PARTS};
use crate::{Report, ReportTake};
use base64::Engine;
use coach::SessionSummary;
use std::fmt::Write;

const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; media-src data:; img-src data:";

const STYLE: &str = "
:root { color-scheme: light dark; --fg: #1b1d24; --bg: #fbfbfd; --muted: #5b6070; --line: #d9dbe3;
  --situation: #3f7fd9; --task: #8e5bd6; --action: #1f9a6b; --result: #d98a1c; --other: #9aa0ad; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e9ee; --bg: #14161c; --muted: #a3a8b8; --line: #343846; } }
body { font-family: system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 52rem;
  margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
.meta, .note { color: var(--muted); }
section.take { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: 1rem; }
audio { width: 100%; }
.timeline { position: relative; height: 1.25rem; background: var(--line); border-radius: 4px; margin: .5rem 0; }
.timeline span { position: absolute; top: 0; bottom: 0; border-radius: 3px; }
.situation { --part: var(--situation); } .task { --part: var(--task); } .action { --part: var(--action); }
.result { --part: var(--result); } .other { --part: var(--other); }
.timeline span { background: var(--part); }
.unit { border-left: 4px solid var(--part); padding-left: .6rem; margin: .4rem 0; }
.unit b, .legend b { color: var(--part); }
.t { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: .4rem; }
table { border-collapse: collapse; } td, th { padding: .15rem 1rem .15rem 0; text-align: left; }
";

/// The whole report as one HTML document.
pub fn html(report: &Report) -> String {
    let mut out = String::new();
    let title = escape(&report.title);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} — STAR Coach</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{title}</h1>\n<p class=\"meta\">A STAR Coach report, made {} (scorer {}). \
         Everything in it was made on this computer.</p>\n",
        date(report.created_ms, report.utc_offset_minutes),
        coach::SCORER_VERSION
    );
    if let Some(summary) = &report.summary {
        summary_section(&mut out, summary);
    }
    if report.takes.is_empty() {
        out.push_str("<p class=\"note\">No takes.</p>\n");
    }
    for (n, take) in report.takes.iter().enumerate() {
        take_section(&mut out, n + 1, take, report);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn summary_section(out: &mut String, s: &SessionSummary) {
    out.push_str("<section class=\"summary\">\n<h2>Summary</h2>\n<table>\n");
    out.push_str("<tr><th>Question</th><th>Score</th><th>Spoke</th><th>Fillers</th></tr>\n");
    for a in &s.answers {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&a.question),
            score(a.total),
            clock(a.speaking_seconds),
            a.fillers
        );
    }
    out.push_str("</table>\n");
    let _ = writeln!(out, "<p>Mean score: {}</p>", score(s.mean_score));
    if let Some(reason) = &s.weakest_reason {
        let _ = writeln!(out, "<p>Weakest part: {}</p>", escape(reason));
    }
    if let Some(next) = &s.next {
        let _ = writeln!(out, "<p>Practise next: {}</p>", escape(next));
    }
    out.push_str("</section>\n");
}

fn take_section(out: &mut String, n: usize, take: &ReportTake, report: &Report) {
    let offset = report.utc_offset_minutes;
    let r = &take.record;
    let a = &r.assessment;
    let _ = writeln!(
        out,
        "<section class=\"take\" id=\"take-{n}\">\n<h2>{}</h2>",
        escape(&r.summary.question_text)
    );
    if let Some(reply) = &r.follow_up {
        let _ = writeln!(
            out,
            "<p class=\"note\">The reply to a follow-up question: “{}”</p>",
            escape(&reply.asked.text)
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · score {}/100 · spoke {} of {} recorded · {:.0} words a minute · \
         {} filler{}</p>",
        date(r.summary.recorded_ms, offset),
        score(a.score.map(|s| s.total)),
        clock(a.speech.speaking_seconds),
        clock(a.speech.total_seconds),
        a.delivery.wpm,
        a.delivery.fillers.count,
        if a.delivery.fillers.count == 1 {
            ""
        } else {
            "s"
        }
    );
    match &take.wav {
        Some(wav) => {
            let _ = writeln!(
                out,
                "<audio controls preload=\"metadata\" src=\"data:audio/wav;base64,{}\"></audio>",
                base64::engine::general_purpose::STANDARD.encode(wav)
            );
        }
        None if report.with_audio => {
            let _ = writeln!(
                out,
                "<p class=\"note\">The recording ({}) could not be read when this report was \
                 made.</p>",
                escape(&r.summary.wav_path)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "<p class=\"note\">Recording (not in this report): {}</p>",
                escape(&r.summary.wav_path)
            );
        }
    }
    if let Some(s) = &a.score {
        let _ = writeln!(
            out,
            "<table><tr><th>Structure</th><th>Content</th><th>Delivery</th></tr>\
             <tr><td>{}</td><td>{}</td><td>{}</td></tr></table>",
            score(Some(s.structure)),
            score(Some(s.content)),
            score(s.delivery)
        );
    }
    timeline(out, take);
    if !a.findings.is_empty() {
        out.push_str("<h3>Findings</h3>\n<ul>\n");
        for f in &a.findings {
            let quote = if f.quote.is_empty() {
                String::new()
            } else {
                format!(" — “{}”", escape(&f.quote))
            };
            let _ = writeln!(
                out,
                "<li><span class=\"t\">{}–{}</span>{}{quote}</li>",
                clock(f.start),
                clock(f.end),
                escape(&f.message)
            );
        }
        out.push_str("</ul>\n");
    }
    if !a.feedback.is_empty() {
        out.push_str("<h3>What to change next time</h3>\n<ol>\n");
        for line in &a.feedback {
            let _ = writeln!(out, "<li>{}</li>", escape(line));
        }
        out.push_str("</ol>\n");
    }
    transcript(out, take);
    out.push_str("</section>\n");
}

/// The STAR parts as coloured stretches of the take's length, with a legend of each part's
/// seconds (a table for any other rubric's parts).
fn timeline(out: &mut String, take: &ReportTake) {
    let a = &take.record.assessment;
    let total = a.speech.total_seconds.max(0.001);
    if let Some(star) = &a.star {
        out.push_str("<h3>STAR timeline</h3>\n<div class=\"timeline\" aria-hidden=\"true\">");
        for u in &star.units {
            if let (Some(s), Some(e)) = (u.start, u.end) {
                let _ = write!(
                    out,
                    "<span class=\"{}\" style=\"left:{:.2}%;width:{:.2}%\"></span>",
                    u.label.name(),
                    100.0 * s / total,
                    100.0 * (e - s).max(0.0) / total
                );
            }
        }
        out.push_str("</div>\n<p class=\"legend\">");
        let seconds = star.seconds.unwrap_or_default();
        let legend: Vec<String> = PARTS
            .iter()
            .map(|p| {
                let held = if star.present.get(*p) {
                    format!("{:.0} s", seconds.get(*p))
                } else {
                    "missing".into()
                };
                format!(
                    "<span class=\"{}\"><b>{}</b> {held}</span>",
                    p.name(),
                    p.title()
                )
            })
            .collect();
        out.push_str(&legend.join(" · "));
        out.push_str("</p>\n");
    } else if let Some(parts) = &a.parts {
        let _ = writeln!(out, "<h3>{}</h3>\n<table>", escape(parts.rubric.title()));
        for p in &parts.parts {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td></tr>",
                escape(&p.title),
                if p.present { "said" } else { "missing" }
            );
        }
        out.push_str("</table>\n");
    }
}

fn transcript(out: &mut String, take: &ReportTake) {
    let a = &take.record.assessment;
    out.push_str("<h3>What you said</h3>\n");
    if a.transcript.text.trim().is_empty() {
        out.push_str("<p class=\"note\">No speech was heard.</p>\n");
        return;
    }
    match &a.star {
        Some(star) if !star.units.is_empty() => {
            for u in &star.units {
                let at = u.start.map(clock).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<p class=\"unit {}\"><span class=\"t\">{at}</span><b>{}</b> {}</p>",
                    u.label.name(),
                    u.label.title(),
                    escape(&u.text)
                );
            }
        }
        _ => {
            let _ = writeln!(out, "<p>{}</p>", escape(&a.transcript.text));
        }
    }
}
