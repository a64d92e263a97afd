//! The learned STAR tagger: a linear model over named features of each unit, the lexicon's own
//! cues and scores among them, trained as an averaged structured perceptron (Collins, 2002) on
//! the labelled answers' tuning part, and decoded by the same Viterbi as the lexicon tagger.
//! Its weights are a reviewed text file (`tagger_weights.tsv`) written by
//! `cargo run -p coach --example train_star_tagger`; ARCHITECTURE.md says why it is the default.

use super::cues::{features, words_of, Part, UnitFeatures};
use super::tagger::{explain, lexicon_emission, viterbi, Tagged};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// A feature and its value; the model keeps one weight per feature and part.
type Feature = (String, f64);

/// The named features of unit `u` of `n`.
pub(crate) fn unit_features(text: &str, f: &UnitFeatures, u: usize, n: usize) -> Vec<Feature> {
    let mut out: Vec<Feature> = vec![("bias".into(), 1.0)];
    for p in Part::ALL {
        out.push((
            format!("lexicon:{}", p.name()),
            lexicon_emission(f, u, n, p),
        ));
    }
    let mut kinds = HashSet::new();
    for c in &f.cues {
        // "I rewrote" and "we paired" speak through their form; the verb itself is a word feature.
        let kind = match c.name.split_once(' ') {
            Some(("I", _)) => "cue:I+past".to_string(),
            Some(("we", _)) => "cue:we+past".to_string(),
            Some(("was" | "were", _)) => "cue:was+ing".to_string(),
            _ => format!("cue:{}", c.name),
        };
        kinds.insert(kind);
    }
    let mut kinds: Vec<String> = kinds.into_iter().collect();
    kinds.sort();
    out.extend(kinds.into_iter().map(|k| (k, 1.0)));
    let flags = [
        ("hypothetical", f.hypothetical),
        ("reflection", f.reflection),
        ("quantified", f.quantified),
        ("says I", f.i_subjects > 0),
        ("says we", f.we_subjects > 0),
        ("says we, not I", f.we_subjects > 0 && f.i_subjects == 0),
        ("first unit", u == 0),
        ("last unit", u + 1 == n),
    ];
    out.extend(flags.iter().filter(|f| f.1).map(|f| (f.0.to_string(), 1.0)));
    let pos = if n <= 1 {
        0.5
    } else {
        u as f64 / (n - 1) as f64
    };
    out.push((
        format!("position:{}", ((pos * 4.0).floor() as usize).min(3)),
        1.0,
    ));
    let words = words_of(text);
    let content: Vec<&String> = words
        .iter()
        .filter(|w| !FILLERS.contains(&w.as_str()))
        .collect();
    if let Some(w0) = content.first() {
        out.push((format!("first:{w0}"), 1.0));
        if let Some(w1) = content.get(1) {
            out.push((format!("first two:{w0} {w1}"), 1.0));
        }
    }
    let mut seen = HashSet::new();
    for w in &content {
        if seen.insert(w.as_str()) {
            out.push((format!("word:{w}"), 1.0));
        }
    }
    out
}

/// Spoken fillers carry no STAR meaning; skipped so "um, so I" opens like "so I".
const FILLERS: &[&str] = &["um", "uh", "er", "erm", "like", "you", "know", "basically"];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weights {
    pub(crate) emit: BTreeMap<String, [f64; 5]>,
    pub(crate) transition: [[f64; 5]; 5],
    pub(crate) start: [f64; 5],
}

impl Weights {
    fn emission(&self, feats: &[Feature], part: Part) -> f64 {
        feats
            .iter()
            .filter_map(|(name, v)| self.emit.get(name).map(|w| w[part.index()] * v))
            .sum()
    }

    /// The most likely parts for units with these features.
    pub(crate) fn decode(&self, units: &[Vec<Feature>]) -> Vec<Part> {
        viterbi(
            units.len(),
            |p| self.start[p.index()],
            |a, b| self.transition[a.index()][b.index()],
            |u, p| self.emission(&units[u], p),
        )
    }

    /// The file form: `start PART w`, `transition FROM TO w`, `emit FEATURE PART w`, tab-separated,
    /// sorted, weights to four decimals, zero weights left out.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# STAR tagger weights: written by `cargo run -p coach --example train_star_tagger`.\n\
             # Do not edit by hand; change the features or the labelled answers and retrain.\n",
        );
        let w = |x: f64| format!("{x:.4}");
        let keep = |x: f64| w(x) != "0.0000" && w(x) != "-0.0000";
        for p in Part::ALL {
            if keep(self.start[p.index()]) {
                out += &format!("start\t{}\t{}\n", p.name(), w(self.start[p.index()]));
            }
        }
        for a in Part::ALL {
            for b in Part::ALL {
                let x = self.transition[a.index()][b.index()];
                if keep(x) {
                    out += &format!("transition\t{}\t{}\t{}\n", a.name(), b.name(), w(x));
                }
            }
        }
        for (name, ws) in &self.emit {
            for p in Part::ALL {
                if keep(ws[p.index()]) {
                    out += &format!("emit\t{name}\t{}\t{}\n", p.name(), w(ws[p.index()]));
                }
            }
        }
        out
    }

    pub fn from_text(text: &str) -> Result<Weights, String> {
        let part = |s: &str, line: usize| {
            Part::ALL
                .into_iter()
                .find(|p| p.name() == s)
                .ok_or_else(|| format!("line {line}: unknown part {s:?}"))
        };
        let number = |s: &str, line: usize| {
            s.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("line {line}: {s:?} is not a weight"))
        };
        let mut w = Weights::default();
        for (i, l) in text.lines().enumerate() {
            let line = i + 1;
            if l.starts_with('#') || l.is_empty() {
                continue;
            }
            match l.split('\t').collect::<Vec<_>>()[..] {
                ["start", p, x] => w.start[part(p, line)?.index()] = number(x, line)?,
                ["transition", a, b, x] => {
                    w.transition[part(a, line)?.index()][part(b, line)?.index()] = number(x, line)?
                }
                ["emit", name, p, x] => {
                    w.emit.entry(name.to_string()).or_insert([0.0; 5])[part(p, line)?.index()] =
                        number(x, line)?
                }
                _ => return Err(format!("line {line}: not a weight line: {l:?}")),
            }
        }
        Ok(w)
    }
}

fn features_of(texts: &[String]) -> (Vec<UnitFeatures>, Vec<Vec<Feature>>) {
    features_within(texts, texts.len())
}

/// The features of `texts` as the first units of an answer of `n` units.
fn features_within(texts: &[String], n: usize) -> (Vec<UnitFeatures>, Vec<Vec<Feature>>) {
    let lexicon: Vec<UnitFeatures> = texts.iter().map(|t| features(t)).collect();
    let learned = texts
        .iter()
        .zip(&lexicon)
        .enumerate()
        .map(|(u, (t, f))| unit_features(t, f, u, n))
        .collect();
    (lexicon, learned)
}

/// The weights the coach ships with; `None` only if the file were damaged, which the
/// evaluation test rules out (the coach then falls back to the lexicon tagger).
pub fn shipped_weights() -> Option<&'static Weights> {
    static SHIPPED: OnceLock<Option<Weights>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| Weights::from_text(include_str!("tagger_weights.tsv")).ok())
        .as_ref()
}

/// Tags with the given weights; each label keeps the lexicon cues for its part as its reasons.
pub fn tag_units_learned(weights: &Weights, texts: &[String]) -> Vec<Tagged> {
    let (lexicon, learned) = features_of(texts);
    let parts = weights.decode(&learned);
    explain(lexicon, parts)
}

/// [`tag_units_learned`] for an answer still being given: one more unit follows, so the newest
/// is not read as its end (where the Result usually is).
pub fn tag_units_so_far_learned(weights: &Weights, texts: &[String]) -> Vec<Tagged> {
    let (lexicon, learned) = features_within(texts, texts.len() + 1);
    let parts = weights.decode(&learned);
    explain(lexicon, parts)
}

/// How training runs: passes over the answers, and how often a word must appear in the
/// training units to become a feature (rarer words would only memorise their answer).
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub epochs: usize,
    pub min_count: usize,
}

impl Default for Training {
    fn default() -> Self {
        Training {
            epochs: 12,
            min_count: 2,
        }
    }
}

/// Averaged structured perceptron over whole answers (each a list of labelled unit texts).
/// Deterministic: the answers are visited in a fixed shuffled order per epoch.
pub fn train(answers: &[Vec<(Part, String)>], how: Training) -> Weights {
    let examples: Vec<(Vec<Part>, Vec<Vec<Feature>>)> = answers
        .iter()
        .map(|a| {
            let texts: Vec<String> = a.iter().map(|u| u.1.clone()).collect();
            (a.iter().map(|u| u.0).collect(), features_of(&texts).1)
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, units) in &examples {
        for f in units.iter().flatten() {
            *counts.entry(f.0.as_str()).or_default() += 1;
        }
    }
    let kept: HashSet<String> = counts
        .into_iter()
        .filter(|(_, c)| *c >= how.min_count)
        .map(|(name, _)| name.to_string())
        .collect();
    let examples: Vec<(Vec<Part>, Vec<Vec<Feature>>)> = examples
        .into_iter()
        .map(|(gold, units)| {
            let units = units
                .into_iter()
                .map(|fs| fs.into_iter().filter(|f| kept.contains(&f.0)).collect())
                .collect();
            (gold, units)
        })
        .collect();

    // Averaging as in Daumé (2006): `sum` holds each update times the step it was made at.
    let mut w = Weights::default();
    let mut sum = Weights::default();
    let mut step = 1.0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 0x5eed;
    for _ in 0..how.epochs {
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for &k in &order {
            let (gold, units) = &examples[k];
            let guess = w.decode(units);
            if &guess != gold {
                update(&mut w, &mut sum, units, gold, 1.0, step);
                update(&mut w, &mut sum, units, &guess, -1.0, step);
            }
            step += 1.0;
        }
    }
    let mut averaged = w.clone();
    for (name, ws) in averaged.emit.iter_mut() {
        let s = sum.emit[name];
        for p in 0..5 {
            ws[p] -= s[p] / step;
        }
    }
    for a in 0..5 {
        averaged.start[a] -= sum.start[a] / step;
        for b in 0..5 {
            averaged.transition[a][b] -= sum.transition[a][b] / step;
        }
    }
    averaged
}

fn update(
    w: &mut Weights,
    sum: &mut Weights,
    units: &[Vec<Feature>],
    parts: &[Part],
    sign: f64,
    step: f64,
) {
    let first = parts[0].index();
    w.start[first] += sign;
    sum.start[first] += sign * step;
    for pair in parts.windows(2) {
        let (a, b) = (pair[0].index(), pair[1].index());
        w.transition[a][b] += sign;
        sum.transition[a][b] += sign * step;
    }
    for (fs, p) in units.iter().zip(parts) {
        for (name, v) in fs {
            w.emit.entry(name.clone()).or_insert([0.0; 5])[p.index()] += sign * v;
            sum.emit.entry(name.clone()).or_insert([0.0; 5])[p.index()] += sign * v * step;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(units: &[(Part, &str)]) -> Vec<(Part, String)> {
        units.iter().map(|(p, t)| (*p, t.to_string())).collect()
    }

    #[test]
    fn training_learns_a_pattern_and_the_weights_survive_their_file() {
        use Part::*;
        let a = answer(&[
            (Situation, "Our build was slow."),
            (Task, "My remit covered the build."),
            (Action, "I cached the dependencies."),
            (Result, "Builds took four minutes."),
        ]);
        let b = answer(&[
            (Situation, "Our tests were flaky."),
            (Task, "My remit covered the tests."),
            (Action, "I quarantined the flaky ones."),
            (Result, "The suite went green."),
        ]);
        let w = train(
            &[a.clone(), b],
            Training {
                epochs: 5,
                min_count: 1,
            },
        );
        let texts: Vec<String> = [
            "The deploys were risky.",
            "My remit covered the deploys.",
            "I added canaries.",
            "No rollbacks since.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let parts: Vec<Part> = tag_units_learned(&w, &texts)
            .iter()
            .map(|t| t.part)
            .collect();
        assert_eq!(parts[1], Task, "\"my remit\" was learned as a Task form");
        let again = Weights::from_text(&w.to_text()).unwrap();
        assert_eq!(again.to_text(), w.to_text());
        assert!(Weights::from_text("emit\tword:x\tsideways\t1.0")
            .unwrap_err()
            .contains("line 1"));
    }
}
