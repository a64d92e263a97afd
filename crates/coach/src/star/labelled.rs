//! The format of the hand-labelled STAR answers (`tests/fixtures/star`) that the tagger is
//! measured and trained on. One answer a file: `# key: value` header lines (question, asked,
//! role, kind), then one unit a line as `LABEL | text`, the label one of S, T, A, R, O.
//! Answers whose number divides by 3 are held out: never tuned or trained on.

use super::cues::Part;

#[derive(Debug, Clone)]
pub struct LabelledAnswer {
    pub number: u32,
    /// What kind of answer it was written to be: good, no-result, all-we, hypothetical, ...
    pub kind: String,
    /// The question's id; answers to the same question are compared with each other.
    pub question: String,
    /// The question as asked, where the file gives it.
    pub asked: Option<String>,
    pub role: String,
    pub units: Vec<(Part, String)>,
}

impl LabelledAnswer {
    pub fn held_out(&self) -> bool {
        self.number.is_multiple_of(3)
    }

    pub fn texts(&self) -> Vec<String> {
        self.units.iter().map(|u| u.1.clone()).collect()
    }

    pub fn labels(&self) -> Vec<Part> {
        self.units.iter().map(|u| u.0).collect()
    }

    pub fn text(&self) -> String {
        self.units
            .iter()
            .map(|u| u.1.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn label(letter: &str) -> Option<Part> {
    Some(match letter {
        "S" => Part::Situation,
        "T" => Part::Task,
        "A" => Part::Action,
        "R" => Part::Result,
        "O" => Part::Other,
        _ => return None,
    })
}

/// Reads one labelled answer; `name` is the file stem, `NN-kind`. The error names the line.
pub fn parse_labelled(name: &str, text: &str) -> Result<LabelledAnswer, String> {
    let (number, kind) = name
        .split_once('-')
        .ok_or_else(|| format!("{name}: the name is not NUMBER-KIND"))?;
    let number: u32 = number
        .parse()
        .map_err(|_| format!("{name}: '{number}' is not a number"))?;
    let header = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("# {key}:")))
            .map(|v| v.trim().to_string())
    };
    let mut units = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (letter, unit) = line
            .split_once('|')
            .ok_or_else(|| format!("{name}:{}: no 'LABEL |' in {line:?}", i + 1))?;
        let part = label(letter.trim())
            .ok_or_else(|| format!("{name}:{}: unknown label {:?}", i + 1, letter.trim()))?;
        units.push((part, unit.trim().to_string()));
    }
    Ok(LabelledAnswer {
        number,
        kind: kind.to_string(),
        question: header("question").ok_or_else(|| format!("{name}: no '# question:' line"))?,
        asked: header("asked"),
        role: header("role").ok_or_else(|| format!("{name}: no '# role:' line"))?,
        units,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_labelled_answer_reads_and_bad_lines_are_named() {
        let a = parse_labelled(
            "07-good",
            "# question: q1\n# role: data\n# kind: good\nS | Context.\nR | It worked.\n",
        )
        .unwrap();
        assert_eq!(
            (a.number, a.kind.as_str(), a.role.as_str()),
            (7, "good", "data")
        );
        assert_eq!(a.labels(), [Part::Situation, Part::Result]);
        assert!(!a.held_out());
        let err = parse_labelled("09-good", "# question: q\n# role: r\nX | what\n").unwrap_err();
        assert!(err.contains("09-good:3") && err.contains("\"X\""), "{err}");
    }
}
