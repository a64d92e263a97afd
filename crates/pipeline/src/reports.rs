//! A report of one take (with its follow-up replies), one mock interview (with its summary) or
//! the whole history, read from the history and the recordings (`report` renders it).

use coach::{session_summary, AnsweredQuestion, Norms};
use report::{Report, ReportTake};
use serde::Deserialize;
use store::{Store, StoreError, TakeRecord};

/// What a report covers.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportSubject {
    /// A take and the replies to the follow-up questions asked after it.
    Take {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        id: i64,
    },
    /// Every take of a mock interview, with its summary.
    Session {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        id: i64,
    },
    /// Every take.
    History,
}

/// The report of `subject` made at `now_ms`; `with_audio` puts each recording inside (an HTML
/// report's), which can make a whole history's report large.
pub fn build_report(
    history: &Store,
    subject: ReportSubject,
    now_ms: i64,
    utc_offset_minutes: i32,
    with_audio: bool,
) -> Result<Report, StoreError> {
    let (title, records, summary) = match subject {
        ReportSubject::Take { id } => {
            let take = history.take(id)?;
            let mut records = vec![take.clone()];
            for reply in &take.replies {
                records.push(history.take(*reply)?);
            }
            (take.summary.question_text.clone(), records, None)
        }
        ReportSubject::Session { id } => {
            let takes = history.session_takes(id)?;
            if takes.is_empty() {
                return Err(StoreError::SessionNotFound(id));
            }
            let records = takes
                .iter()
                .map(|t| history.take(t.id))
                .collect::<Result<Vec<_>, _>>()?;
            let summary = summary_of(&records);
            ("Mock interview".to_string(), records, Some(summary))
        }
        ReportSubject::History => {
            let mut takes = history.takes()?;
            takes.reverse();
            let records = takes
                .iter()
                .map(|t| history.take(t.id))
                .collect::<Result<Vec<_>, _>>()?;
            ("Practice history".to_string(), records, None)
        }
    };
    Ok(Report {
        title,
        created_ms: now_ms,
        utc_offset_minutes,
        takes: records
            .into_iter()
            .map(|record| {
                let wav = with_audio
                    .then(|| std::fs::read(&record.summary.wav_path).ok())
                    .flatten();
                ReportTake { record, wav }
            })
            .collect(),
        with_audio,
        summary,
    })
}

/// A mock interview's summary from its answers (replies are part of their answer's story).
fn summary_of(records: &[TakeRecord]) -> coach::SessionSummary {
    let answered: Vec<AnsweredQuestion> = records
        .iter()
        .filter(|r| r.follows_take.is_none() && r.follow_up.is_none())
        .map(|r| AnsweredQuestion::from_assessment(&r.summary.question_text, &r.assessment))
        .collect();
    session_summary(&answered, &Norms::default().star)
}
