//! Reports a user can keep: one take, a mock interview or the whole history, as one
//! self-contained HTML file (each recording inside it, the feedback, STAR timeline and
//! transcript; no script, nothing fetched from the network, so it opens offline in any
//! browser), as Markdown, or as JSON. Pure: the caller reads the takes and their recordings
//! from the history and writes the text where the user wants it.

mod html;
mod markdown;
mod text;

use coach::SessionSummary;
use serde::Serialize;
use store::TakeRecord;

pub use html::html;
pub use markdown::markdown;

/// The kinds of file a report is written as.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// One page with the recordings inside.
    Html,
    Markdown,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }

    /// Only an HTML page can hold the recordings.
    pub fn holds_audio(self) -> bool {
        self == Format::Html
    }

    pub fn render(self, report: &Report) -> String {
        match self {
            Format::Html => html(report),
            Format::Markdown => markdown(report),
            Format::Json => serde_json::to_string_pretty(&json(report))
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")),
        }
    }
}

/// The version of the JSON report's shape; a reader refuses a newer one.
pub const REPORT_FORMAT_VERSION: u32 = 1;

/// A take with its recording, when the recording could be read (a report says when it could
/// not, and still shows the feedback).
pub struct ReportTake {
    pub record: TakeRecord,
    pub wav: Option<Vec<u8>>,
}

pub struct Report {
    /// "Mock interview, 2 December 2026", "Tell me about a conflict."…
    pub title: String,
    pub created_ms: i64,
    /// Dates are shown this many minutes ahead of UTC (the user's zone).
    pub utc_offset_minutes: i32,
    /// Oldest first.
    pub takes: Vec<ReportTake>,
    /// Whether the recordings were asked for (a take without one then says it could not be
    /// read, rather than that it was left out).
    pub with_audio: bool,
    /// For a mock interview: its summary.
    pub summary: Option<SessionSummary>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    format: &'static str,
    version: u32,
    scorer_version: &'static str,
    title: &'a str,
    created_ms: i64,
    summary: Option<&'a SessionSummary>,
    takes: Vec<&'a TakeRecord>,
}

/// The report as JSON: every take as the history holds it (recordings are not inside: they
/// are files of their own).
pub fn json(report: &Report) -> serde_json::Value {
    serde_json::to_value(JsonReport {
        format: "star-coach-report",
        version: REPORT_FORMAT_VERSION,
        scorer_version: coach::SCORER_VERSION,
        title: &report.title,
        created_ms: report.created_ms,
        summary: report.summary.as_ref(),
        takes: report.takes.iter().map(|t| &t.record).collect(),
    })
    .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }))
}

#[cfg(test)]
mod tests;
