//! What the practice screen says while an answer is still being given: the part being told
//! now, when it has run long ("Situation: 25 s — get to what you did"). Limits: `[live]` and
//! `[star]` in `norms.toml`.

use super::cues::Part;
use super::report::StarReport;
use crate::norms::Norms;

/// The hint for the part being told now, if it has run past its share of the longest answer in
/// the sweet spot (plus a margin); None while every part is within it, or without times.
pub fn running_long(star: &StarReport, norms: &Norms) -> Option<String> {
    // The part being told now, and how long its current stretch has lasted.
    let told: Vec<_> = star
        .units
        .iter()
        .filter(|u| u.label != Part::Other)
        .collect();
    let last = told.last()?;
    let part = last.label;
    let run_start = told
        .iter()
        .rev()
        .take_while(|u| u.label == part)
        .last()
        .and_then(|u| u.start)?;
    let seconds = last.end? - run_start;
    let share = match part {
        Part::Situation => norms.star.situation_share,
        Part::Task => norms.star.task_share,
        Part::Action => norms.star.action_share,
        Part::Result => norms.star.result_share_max,
        Part::Other => return None,
    };
    let limit = share * norms.length.sweet_spot_max_seconds + norms.live.part_slack_seconds;
    if seconds <= limit {
        return None;
    }
    let next = match part {
        Part::Situation => "get to what you had to do",
        Part::Task => "get to what you did",
        Part::Action => "say what came of it",
        Part::Result => "close with what you learned, and stop",
        Part::Other => return None,
    };
    Some(format!("{}: {seconds:.0} s — {next}", part.title()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::star::report::star_report_so_far;
    use crate::test_support::spoken_evenly;

    fn hint(sentences: &[(&str, f64)]) -> Option<String> {
        let (transcript, _) = spoken_evenly(sentences);
        running_long(&star_report_so_far(&transcript, true), &Norms::default())
    }

    #[test]
    fn a_setting_that_runs_on_is_told_to_move_on_and_a_short_one_is_not() {
        let setting = [
            (
                "In my last role our checkout service kept timing out during peak sales.",
                9.0,
            ),
            (
                "The company sold concert tickets across Europe from one large Rails app.",
                9.0,
            ),
            (
                "Traffic was modest most of the year but jumped when a big tour was announced.",
                9.0,
            ),
        ];
        assert_eq!(
            hint(&setting).as_deref(),
            Some("Situation: 27 s — get to what you had to do")
        );
        assert_eq!(hint(&setting[..1]), None);
        // Once the story moves on, the long setting is behind it: no hint about it.
        let mut moved_on = setting.to_vec();
        moved_on.push((
            "I was asked to make sure the next big sale did not go down.",
            4.0,
        ));
        assert_eq!(hint(&moved_on), None);
    }
}
