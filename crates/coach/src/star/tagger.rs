//! Labels each unit Situation, Task, Action, Result or Other: cue scores per unit (see `cues`),
//! a prior from the unit's position in the answer (stories open with context and close with
//! outcomes), then a Viterbi decode over S→T→A→R that lets speakers step back (they interleave)
//! at a small cost. Deterministic, and every label keeps the cues that decided it.

use super::cues::{features, Cue, Part, UnitFeatures};

/// Cost of stepping back in the S→T→A→R order, and of skipping a part going forward.
const STEP_BACK: f64 = 1.5;
const SKIP: f64 = 0.2;
/// Entering or leaving an Other unit (small talk, restating the question).
const OTHER_SWITCH: f64 = 0.3;
/// Other is chosen only on its own cues.
const OTHER_BASE: f64 = -0.6;

pub struct Tagged {
    pub part: Part,
    /// The cues that spoke for the chosen part (empty when position alone decided).
    pub cues: Vec<Cue>,
    pub features: UnitFeatures,
}

fn position_prior(part: Part, pos: f64) -> f64 {
    let bump = |centre: f64, width: f64| (1.0 - ((pos - centre) / width).abs()).max(0.0);
    match part {
        Part::Situation => 1.2 * (1.0 - pos).powi(2),
        Part::Task => 0.6 * bump(0.25, 0.35),
        Part::Action => 0.7 * bump(0.55, 0.45),
        Part::Result => 1.2 * pos.powi(2),
        Part::Other => OTHER_BASE,
    }
}

fn transition(from: Part, to: Part) -> f64 {
    match (from, to) {
        (Part::Other, Part::Other) => 0.0,
        (Part::Other, _) | (_, Part::Other) => -OTHER_SWITCH,
        (a, b) if b.index() >= a.index() => {
            -SKIP * (b.index() - a.index()).saturating_sub(1) as f64
        }
        _ => -STEP_BACK,
    }
}

fn start_score(part: Part) -> f64 {
    match part {
        Part::Situation | Part::Other => 0.0,
        Part::Task => -0.5,
        Part::Action => -0.8,
        Part::Result => -1.5,
    }
}

/// The lexicon tagger's score for `part` at unit `u` of `n`: its position prior plus the
/// weights of the cues that speak for the part.
pub(crate) fn lexicon_emission(feats: &UnitFeatures, u: usize, n: usize, part: Part) -> f64 {
    let pos = if n <= 1 {
        0.5
    } else {
        u as f64 / (n - 1) as f64
    };
    position_prior(part, pos)
        + feats
            .cues
            .iter()
            .filter(|c| c.part == part)
            .map(|c| c.weight)
            .sum::<f64>()
}

/// The best sequence of parts for `n` units under additive scores: where the lexicon and the
/// learned tagger differ only in where their scores come from.
pub(crate) fn viterbi(
    n: usize,
    start: impl Fn(Part) -> f64,
    transition: impl Fn(Part, Part) -> f64,
    emission: impl Fn(usize, Part) -> f64,
) -> Vec<Part> {
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f64::NEG_INFINITY; 5]; n];
    let mut back = vec![[0usize; 5]; n];
    for p in Part::ALL {
        score[0][p.index()] = start(p) + emission(0, p);
    }
    for u in 1..n {
        for to in Part::ALL {
            let (best_from, best) = Part::ALL
                .iter()
                .map(|from| {
                    (
                        from.index(),
                        score[u - 1][from.index()] + transition(*from, to),
                    )
                })
                .fold(
                    (0, f64::NEG_INFINITY),
                    |acc, x| if x.1 > acc.1 { x } else { acc },
                );
            score[u][to.index()] = best + emission(u, to);
            back[u][to.index()] = best_from;
        }
    }
    let mut path = vec![0usize; n];
    path[n - 1] = (0..5).fold(0, |best, p| {
        if score[n - 1][p] > score[n - 1][best] {
            p
        } else {
            best
        }
    });
    for u in (1..n).rev() {
        path[u - 1] = back[u][path[u]];
    }
    path.into_iter().map(|p| Part::ALL[p]).collect()
}

/// Keeps, for each unit, the cues that spoke for the part it was given.
pub(crate) fn explain(feats: Vec<UnitFeatures>, parts: Vec<Part>) -> Vec<Tagged> {
    feats
        .into_iter()
        .zip(parts)
        .map(|(f, part)| Tagged {
            part,
            cues: f.cues.iter().filter(|c| c.part == part).cloned().collect(),
            features: f,
        })
        .collect()
}

/// The tagger the coach uses: the learned one, which labels answers it was not trained on
/// better than the lexicon alone (ARCHITECTURE.md, "STAR tagging").
pub fn tag_units(texts: &[String]) -> Vec<Tagged> {
    match super::learned::shipped_weights() {
        Some(weights) => super::learned::tag_units_learned(weights, texts),
        None => tag_units_by_lexicon(texts),
    }
}

/// [`tag_units`] for an answer still being given: more will follow what was said last.
pub fn tag_units_so_far(texts: &[String]) -> Vec<Tagged> {
    match super::learned::shipped_weights() {
        Some(weights) => super::learned::tag_units_so_far_learned(weights, texts),
        None => tag_units_by_lexicon(texts),
    }
}

/// The hand-weighted lexicon tagger alone (see the module's first lines).
pub fn tag_units_by_lexicon(texts: &[String]) -> Vec<Tagged> {
    let feats: Vec<UnitFeatures> = texts.iter().map(|t| features(t)).collect();
    let n = feats.len();
    let parts = viterbi(n, start_score, transition, |u, p| {
        lexicon_emission(&feats[u], u, n, p)
    });
    explain(feats, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(sentences: &[&str]) -> Vec<Part> {
        tag_units_by_lexicon(&sentences.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .iter()
            .map(|t| t.part)
            .collect()
    }

    #[test]
    fn a_textbook_answer_reads_s_t_a_r() {
        let parts = labels(&[
            "In my last role our checkout service was timing out during peak traffic.",
            "I was asked to cut the p99 latency before the holiday sale.",
            "I profiled the service and found a query that ran once per basket item.",
            "I added a cache in front of the pricing database.",
            "As a result latency dropped by forty percent and we had no outages.",
            "I learned to measure before I optimise.",
        ]);
        use Part::*;
        assert_eq!(parts, [Situation, Task, Action, Action, Result, Result]);
    }

    #[test]
    fn each_label_keeps_its_cues_and_the_decode_is_deterministic() {
        let texts: Vec<String> = ["I was asked to fix the build.", "I rewrote the pipeline."]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let a = tag_units_by_lexicon(&texts);
        assert!(a[0].cues.iter().any(|c| c.name == "\"i was asked to\""));
        assert!(a[1].cues.iter().any(|c| c.name == "I rewrote"));
        let b = tag_units_by_lexicon(&texts);
        assert_eq!(
            a.iter().map(|t| t.part).collect::<Vec<_>>(),
            b.iter().map(|t| t.part).collect::<Vec<_>>()
        );
    }

    #[test]
    fn small_talk_is_other_and_hypotheticals_are_noticed() {
        let tagged = tag_units_by_lexicon(&[
            "That's a great question.".to_string(),
            "I would talk to both managers.".to_string(),
        ]);
        assert_eq!(tagged[0].part, Part::Other);
        assert!(tagged[1].features.hypothetical);
    }
}
