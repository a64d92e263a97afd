//! How well a tagger labels hand-labelled answers: unit accuracy, a confusion matrix, each
//! part's unit precision and recall, and whether each part was found present when it was.
//! Shared by the evaluation test and the training command, so both report the same figures.

use super::cues::Part;
use super::labelled::LabelledAnswer;
use std::fmt;

const STAR: [Part; 4] = [Part::Situation, Part::Task, Part::Action, Part::Result];

#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub answers: usize,
    /// `confusion[truth][predicted]`, in `Part::ALL` order.
    pub confusion: [[usize; 5]; 5],
    /// Per STAR part: answers where it was present and found, found but absent, present but missed.
    presence: [(usize, usize, usize); 4],
    /// Lines naming each unit and presence the tagger got wrong.
    pub mistakes: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Evaluation {
    pub fn of(
        answers: &[&LabelledAnswer],
        tag: impl Fn(&LabelledAnswer) -> Vec<Part>,
    ) -> Evaluation {
        let mut e = Evaluation {
            answers: answers.len(),
            ..Evaluation::default()
        };
        for a in answers {
            let predicted = tag(a);
            for ((truth, text), p) in a.units.iter().zip(&predicted) {
                e.confusion[truth.index()][p.index()] += 1;
                if truth != p {
                    e.mistakes.push(format!(
                        "{:03}-{} ({}): {:?} tagged {:?}: {text}",
                        a.number, a.kind, a.role, truth, p
                    ));
                }
            }
            for (k, part) in STAR.iter().enumerate() {
                let t = a.units.iter().any(|u| u.0 == *part);
                let p = predicted.contains(part);
                match (t, p) {
                    (true, true) => e.presence[k].0 += 1,
                    (false, true) => e.presence[k].1 += 1,
                    (true, false) => e.presence[k].2 += 1,
                    _ => {}
                }
                if t != p {
                    e.mistakes.push(format!(
                        "{:03}-{}: {:?} present {t}, found {p}",
                        a.number, a.kind, part
                    ));
                }
            }
        }
        e
    }

    pub fn units(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    pub fn accuracy(&self) -> f64 {
        ratio((0..5).map(|i| self.confusion[i][i]).sum(), self.units())
    }

    /// Of the units labelled `part`, the share the tagger labelled `part`.
    pub fn recall(&self, part: Part) -> f64 {
        let i = part.index();
        ratio(self.confusion[i][i], self.confusion[i].iter().sum())
    }

    /// Of the units the tagger labelled `part`, the share labelled `part`.
    pub fn precision(&self, part: Part) -> f64 {
        let i = part.index();
        ratio(
            self.confusion[i][i],
            (0..5).map(|t| self.confusion[t][i]).sum(),
        )
    }

    fn presence_scores(&self, k: usize) -> (f64, f64, f64) {
        let (tp, fp, fn_) = self.presence[k];
        let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        (
            p,
            r,
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            },
        )
    }

    /// The mean over S, T, A, R of the F1 of "this part is present in the answer".
    pub fn presence_f1(&self) -> f64 {
        (0..4).map(|k| self.presence_scores(k).2).sum::<f64>() / 4.0
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} answers, {} units: unit accuracy {:.3}, Task recall {:.3}, presence F1 {:.3}",
            self.answers,
            self.units(),
            self.accuracy(),
            self.recall(Part::Task),
            self.presence_f1()
        )?;
        writeln!(
            f,
            "    truth \\ tagged   S    T    A    R    O    unit P  unit R  present P  present R"
        )?;
        for p in Part::ALL {
            let row = &self.confusion[p.index()];
            write!(f, "    {:<14}", p.name())?;
            for c in row {
                write!(f, "{c:>5}")?;
            }
            write!(f, "    {:.2}    {:.2}", self.precision(p), self.recall(p))?;
            if let Some(k) = STAR.iter().position(|s| *s == p) {
                let (pp, pr, _) = self.presence_scores(k);
                write!(f, "       {pp:.2}       {pr:.2}")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}
