//! How values read in a report: escaped for HTML, times as clocks, dates in the user's zone.

use coach::star::Part;

/// `text` safe inside an HTML element or a quoted attribute: nothing a user, a pack or the
/// recogniser wrote is ever read as markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// 75.4 → "1:15".
pub fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).floor() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// A local date and time, "2026-12-02 19:15".
pub fn date(ms: i64, utc_offset_minutes: i32) -> String {
    let zone = chrono::FixedOffset::east_opt(utc_offset_minutes * 60)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC"));
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

pub fn score(value: Option<f64>) -> String {
    value.map_or("—".into(), |v| format!("{v:.0}"))
}

pub const PARTS: [Part; 4] = [Part::Situation, Part::Task, Part::Action, Part::Result];
