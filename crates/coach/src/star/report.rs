//! The STAR report of one answer: its units with labels, times and cues; the seconds (or, for
//! text alone, the words) each part took; which parts are present; and the content signals the
//! rubric reads (a quantified result, a reflection, ownership, a real rather than hypothetical
//! story).

use super::cues::Part;
use super::tagger::{tag_units, tag_units_so_far, Tagged};
use super::units::split_units;
use crate::transcript::Transcript;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StarUnit {
    pub text: String,
    pub label: Part,
    pub start: Option<f64>,
    pub end: Option<f64>,
    pub cues: Vec<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct PerPart {
    pub situation: f64,
    pub task: f64,
    pub action: f64,
    pub result: f64,
    pub other: f64,
}

impl PerPart {
    pub fn get(&self, p: Part) -> f64 {
        match p {
            Part::Situation => self.situation,
            Part::Task => self.task,
            Part::Action => self.action,
            Part::Result => self.result,
            Part::Other => self.other,
        }
    }
    pub(crate) fn add(&mut self, p: Part, v: f64) {
        match p {
            Part::Situation => self.situation += v,
            Part::Task => self.task += v,
            Part::Action => self.action += v,
            Part::Result => self.result += v,
            Part::Other => self.other += v,
        }
    }
    /// Each part's share of the STAR parts (Other left out).
    pub fn shares(&self) -> PerPart {
        let total = self.situation + self.task + self.action + self.result;
        if total <= 0.0 {
            return PerPart::default();
        }
        PerPart {
            situation: self.situation / total,
            task: self.task / total,
            action: self.action / total,
            result: self.result / total,
            other: 0.0,
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Present {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
}

impl Present {
    pub fn get(&self, part: Part) -> bool {
        match part {
            Part::Situation => self.situation,
            Part::Task => self.task,
            Part::Action => self.action,
            Part::Result => self.result,
            Part::Other => false,
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StarReport {
    pub units: Vec<StarUnit>,
    /// Seconds per part (null for text without times).
    pub seconds: Option<PerPart>,
    pub words: PerPart,
    pub present: Present,
    /// The first appearances come in S, T, A, R order (missing parts ignored).
    pub in_order: bool,
    pub quantified_result: bool,
    pub reflection: bool,
    /// "I" and "we" as subjects in Action units.
    pub action_i: usize,
    pub action_we: usize,
    /// Action units that say what the speaker would or usually does, not what they did.
    pub hypothetical_actions: usize,
    pub action_units: usize,
}

pub fn star_report(transcript: &Transcript, timed: bool) -> StarReport {
    report_with(transcript, timed, tag_units)
}

/// [`star_report`] of an answer still being given (the live view): what was said last is not
/// the answer's end, where a unit with no cue of its own would be read as the Result.
pub fn star_report_so_far(transcript: &Transcript, timed: bool) -> StarReport {
    report_with(transcript, timed, tag_units_so_far)
}

fn report_with(
    transcript: &Transcript,
    timed: bool,
    tag: fn(&[String]) -> Vec<Tagged>,
) -> StarReport {
    let units = split_units(&transcript.words, timed);
    let texts: Vec<String> = units.iter().map(|u| u.text.clone()).collect();
    let tagged = tag(&texts);
    let mut seconds = PerPart::default();
    let mut words = PerPart::default();
    let mut firsts: Vec<Part> = Vec::new();
    let (mut action_i, mut action_we, mut hypothetical_actions, mut action_units) = (0, 0, 0, 0);
    let (mut quantified_result, mut reflection) = (false, false);
    for (u, t) in units.iter().zip(&tagged) {
        if let (Some(s), Some(e)) = (u.start, u.end) {
            seconds.add(t.part, (e - s).max(0.0));
        }
        words.add(t.part, u.words.len() as f64);
        if t.part != Part::Other && !firsts.contains(&t.part) {
            firsts.push(t.part);
        }
        match t.part {
            Part::Action => {
                action_units += 1;
                action_i += t.features.i_subjects;
                action_we += t.features.we_subjects;
                hypothetical_actions += t.features.hypothetical as usize;
            }
            Part::Result => {
                quantified_result |= t.features.quantified;
                reflection |= t.features.reflection;
            }
            _ => {}
        }
    }
    let present = Present {
        situation: firsts.contains(&Part::Situation),
        task: firsts.contains(&Part::Task),
        action: firsts.contains(&Part::Action),
        result: firsts.contains(&Part::Result),
    };
    let in_order = firsts.windows(2).all(|w| w[0].index() < w[1].index());
    let star_units = units
        .iter()
        .zip(tagged)
        .map(|(u, t)| StarUnit {
            text: u.text.clone(),
            label: t.part,
            start: u.start,
            end: u.end,
            cues: t.cues.iter().map(|c| c.name.clone()).collect(),
        })
        .collect();
    StarReport {
        units: star_units,
        seconds: timed.then_some(seconds),
        words,
        present,
        in_order,
        quantified_result,
        reflection,
        action_i,
        action_we,
        hypothetical_actions,
        action_units,
    }
}
