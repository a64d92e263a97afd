//! Spelling numbers out as words, so that "40%" written by the recogniser and "forty percent"
//! in a script compare as equal. Covers what answers contain: integers (with thousands
//! separators), decimals, percentages, currency amounts and ordinals.

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const SCALES: [(u64, &str); 4] = [
    (1_000_000_000_000, "trillion"),
    (1_000_000_000, "billion"),
    (1_000_000, "million"),
    (1_000, "thousand"),
];

/// Whether a word is a number said in words ("fifteen", "hundred", "millions"), "one" left out
/// (it is far more often "one of the" than a count).
pub(crate) fn is_number_word(word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    (ONES.contains(&word) && word != "one")
        || (TENS.contains(&word) && !word.is_empty())
        || singular == "hundred"
        || singular == "dozen"
        || SCALES.iter().any(|(_, name)| *name == singular)
}

/// Spells a whole number: 2305 → ["two", "thousand", "three", "hundred", "five"].
pub fn integer_words(n: u64) -> Vec<&'static str> {
    let mut out = Vec::new();
    if n == 0 {
        out.push(ONES[0]);
        return out;
    }
    let mut rest = n;
    for (scale, name) in SCALES {
        if rest >= scale {
            out.extend(below_thousand(rest / scale));
            out.push(name);
            rest %= scale;
        }
    }
    out.extend(below_thousand(rest));
    out
}

fn below_thousand(n: u64) -> Vec<&'static str> {
    let mut out = Vec::new();
    let (hundreds, rest) = (n / 100, n % 100);
    if hundreds > 0 {
        out.push(ONES[hundreds as usize]);
        out.push("hundred");
    }
    if rest >= 20 {
        out.push(TENS[(rest / 10) as usize]);
        if rest % 10 > 0 {
            out.push(ONES[(rest % 10) as usize]);
        }
    } else if rest > 0 {
        out.push(ONES[rest as usize]);
    }
    out
}

fn ordinal_of(word: &str) -> String {
    match word {
        "one" => "first".into(),
        "two" => "second".into(),
        "three" => "third".into(),
        "five" => "fifth".into(),
        "eight" => "eighth".into(),
        "nine" => "ninth".into(),
        "twelve" => "twelfth".into(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    }
}

/// Spells one token if it is a number (possibly with %, a currency sign or an ordinal suffix);
/// returns None for anything else. The token must already be lower-case.
pub fn spell_number_token(token: &str) -> Option<Vec<String>> {
    let (currency, body) = match token.chars().next()? {
        '$' => (Some("dollars"), &token[1..]),
        '£' => (Some("pounds"), &token['£'.len_utf8()..]),
        '€' => (Some("euros"), &token['€'.len_utf8()..]),
        _ => (None, token),
    };
    let (body, percent) = match body.strip_suffix('%') {
        Some(b) => (b, true),
        None => (body, false),
    };
    let (body, ordinal) = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| body.strip_suffix(s).map(|b| (b, true)))
        .unwrap_or((body, false));
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits: String = whole.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 15 {
        return None;
    }
    let mut out: Vec<String> = integer_words(digits.parse().ok()?)
        .into_iter()
        .map(String::from)
        .collect();
    if let Some(f) = fraction {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) || ordinal {
            return None;
        }
        out.push("point".into());
        out.extend(
            f.chars()
                .map(|c| ONES[c.to_digit(10).unwrap_or(0) as usize].to_string()),
        );
    }
    if ordinal {
        let last = out.pop()?;
        out.push(ordinal_of(&last));
    }
    if percent {
        out.push("percent".into());
    }
    if let Some(c) = currency {
        out.push(c.into());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spell(t: &str) -> String {
        spell_number_token(t)
            .map(|w| w.join(" "))
            .unwrap_or_else(|| "-".into())
    }

    #[test]
    fn spells_the_numbers_answers_contain() {
        assert_eq!(spell("0"), "zero");
        assert_eq!(spell("40%"), "forty percent");
        assert_eq!(spell("2,305"), "two thousand three hundred five");
        assert_eq!(spell("1000000"), "one million");
        assert_eq!(spell("3.5"), "three point five");
        assert_eq!(spell("$200"), "two hundred dollars");
        assert_eq!(spell("21st"), "twenty first");
        assert_eq!(spell("90th"), "ninetieth");
        assert_eq!(spell("12th"), "twelfth");
    }

    #[test]
    fn leaves_words_and_malformed_numbers_alone() {
        for t in [
            "hello",
            "$",
            "%",
            "1.2.3",
            "3.",
            "v2",
            "1a",
            "99999999999999999",
        ] {
            assert_eq!(spell(t), "-", "{t}");
        }
    }
}
