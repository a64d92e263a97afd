//! Where the fillers gather: how many fall in each STAR part, and bursts of several within a
//! few seconds. A burst says more than the count: three "um"s in the Result mean the result was
//! not prepared, and the finding lets the speaker hear the moment.

use crate::findings::{Finding, FindingKind, Severity};
use crate::hesitations::{FillerItem, FillerSource};
use crate::norms::FillerNorms;
use crate::star::{Part, PerPart, StarReport};
use crate::transcript::{clock, Word};
use serde::{Deserialize, Serialize};

/// Several fillers close together.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FillerCluster {
    pub start: f64,
    pub end: f64,
    pub count: usize,
    /// The STAR part it falls in, when the answer was tagged there.
    pub part: Option<Part>,
    /// The words around it, fillers the audio found shown as "(um)".
    pub quote: String,
}

/// The STAR part spoken at `time`.
fn part_at(star: &StarReport, time: f64) -> Option<Part> {
    star.units
        .iter()
        .find(|u| matches!((u.start, u.end), (Some(s), Some(e)) if s <= time && time <= e))
        .map(|u| u.label)
        .filter(|p| *p != Part::Other)
}

/// How many fillers fall in each part.
pub fn fillers_by_part(items: &[FillerItem], star: &StarReport) -> PerPart {
    let mut per = PerPart::default();
    for item in items {
        let part = part_at(star, item.start).unwrap_or(Part::Other);
        per.add(part, 1.0);
    }
    per
}

/// Bursts of at least `norms.cluster_count` fillers within `norms.cluster_seconds`, in time
/// order, none overlapping.
pub fn filler_clusters(
    items: &[FillerItem],
    words: &[Word],
    star: Option<&StarReport>,
    norms: &FillerNorms,
) -> Vec<FillerCluster> {
    let mut clusters = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let mut j = i;
        while j + 1 < items.len() && items[j + 1].start - items[i].start <= norms.cluster_seconds {
            j += 1;
        }
        if j + 1 - i >= norms.cluster_count {
            let (start, end) = (items[i].start, items[j].end.max(items[j].start));
            clusters.push(FillerCluster {
                start,
                end,
                count: j + 1 - i,
                part: star.and_then(|s| part_at(s, (start + end) / 2.0)),
                quote: quote(&items[i..=j], words, start - 1.0, end + 1.0),
            });
            i = j + 1;
        } else {
            i += 1;
        }
    }
    clusters
}

/// The words from `from` to `to`, with the fillers only the audio found put in at their moment.
fn quote(items: &[FillerItem], words: &[Word], from: f64, to: f64) -> String {
    let mut pieces: Vec<(f64, String)> = words
        .iter()
        .filter(|w| w.start >= from && w.start <= to)
        .map(|w| (w.start, w.text.clone()))
        .collect();
    pieces.extend(
        items
            .iter()
            .filter(|f| f.source == FillerSource::Audio)
            .map(|f| (f.start, format!("({})", f.text))),
    );
    pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
    pieces
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(" ")
}

fn part_name(part: Part) -> &'static str {
    match part {
        Part::Situation => "Situation",
        Part::Task => "Task",
        Part::Action => "Action",
        Part::Result => "Result",
        Part::Other => "answer",
    }
}

/// What a burst says, tied to its moment.
pub fn cluster_finding(cluster: &FillerCluster) -> Finding {
    let seconds = (cluster.end - cluster.start).max(1.0);
    let message = match cluster.part {
        Some(part) => format!(
            "{} fillers in {seconds:.0} s at {}, in the {}: that part sounds unprepared. Rehearse \
             its first sentence until it comes without searching.",
            cluster.count,
            clock(cluster.start),
            part_name(part)
        ),
        None => format!(
            "{} fillers in {seconds:.0} s at {}: the answer searched for words there. Rehearse \
             that stretch until it comes without searching.",
            cluster.count,
            clock(cluster.start)
        ),
    };
    Finding {
        kind: FindingKind::FillerCluster,
        severity: Severity::Warning,
        message,
        quote: cluster.quote.clone(),
        start: cluster.start,
        end: cluster.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::star::StarUnit;

    fn item(text: &str, start: f64, source: FillerSource) -> FillerItem {
        FillerItem {
            text: text.into(),
            start,
            end: start + 0.4,
            source,
            confidence: 0.9,
        }
    }

    fn unit(label: Part, start: f64, end: f64) -> StarUnit {
        StarUnit {
            text: String::new(),
            label,
            start: Some(start),
            end: Some(end),
            cues: Vec::new(),
        }
    }

    fn norms() -> FillerNorms {
        crate::Norms::default().fillers
    }

    #[test]
    fn three_fillers_within_ten_seconds_are_a_burst_in_their_part() {
        let star = StarReport {
            units: vec![
                unit(Part::Action, 0.0, 20.0),
                unit(Part::Result, 20.0, 30.0),
            ],
            ..StarReport::default()
        };
        let words = [
            Word {
                text: "It".into(),
                start: 21.0,
                end: 21.2,
                p: 0.9,
            },
            Word {
                text: "saved,".into(),
                start: 21.2,
                end: 21.6,
                p: 0.9,
            },
            Word {
                text: "like,".into(),
                start: 23.0,
                end: 23.3,
                p: 0.9,
            },
            Word {
                text: "money.".into(),
                start: 25.8,
                end: 26.2,
                p: 0.9,
            },
        ];
        let items = [
            item("um", 2.0, FillerSource::Audio),
            item("um", 21.7, FillerSource::Audio),
            item("like", 23.0, FillerSource::Transcript),
            item("so…", 25.0, FillerSource::Audio),
        ];
        let clusters = filler_clusters(&items, &words, Some(&star), &norms());
        assert_eq!(clusters.len(), 1, "{clusters:?}");
        let c = &clusters[0];
        assert_eq!((c.count, c.part), (3, Some(Part::Result)));
        assert_eq!(c.quote, "It saved, (um) like, (so…) money.");
        let f = cluster_finding(c);
        assert_eq!(f.kind, FindingKind::FillerCluster);
        assert!(f.message.contains("in the Result"), "{}", f.message);
        assert_eq!((f.start, f.end), (21.7, 25.4));
        let per = fillers_by_part(&items, &star);
        assert_eq!((per.action, per.result), (1.0, 3.0));
    }

    #[test]
    fn fillers_spread_out_are_no_burst() {
        let items = [
            item("um", 1.0, FillerSource::Audio),
            item("uh", 12.0, FillerSource::Transcript),
            item("um", 23.0, FillerSource::Audio),
        ];
        assert!(filler_clusters(&items, &[], None, &norms()).is_empty());
    }
}
