//! Quantities as people say them, for "a Result with a number": digits and number words,
//! percentages, money, fractions ("a third", "two-thirds", "one in five"), multiples ("twice",
//! "halved", "ten times", "tenfold", "an order of magnitude"), changes ("from hours to
//! minutes"), durations and counts ("a couple of days", "every single release", "zero
//! downtime"), written the way Whisper writes them (digits or words, hyphenated or not).
//! Names with digits ("p99", "EC2") are not quantities.

use crate::numbers::is_number_word;

/// What kind of quantity a stretch of words is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityKind {
    Number,
    Percent,
    Money,
    Fraction,
    Multiple,
    Change,
    Duration,
    Count,
}

const MULTIPLE_WORDS: &[&str] = &[
    "twice",
    "double",
    "doubled",
    "doubling",
    "triple",
    "tripled",
    "tripling",
    "quadruple",
    "quadrupled",
    "halve",
    "halved",
    "halving",
    "half",
];
const FRACTIONS: &[&str] = &[
    "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
];
/// Words before a fraction that make it a quantity ("by a third", "two thirds"), not an order
/// ("the third time") or a period ("last quarter").
const BEFORE_FRACTION: &[&str] = &["a", "one", "two", "three", "four", "nine", "by", "about"];
const TIME_UNITS: &[&str] = &[
    "milliseconds",
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "ms",
];
const FREQUENCIES: &[&str] = &[
    "hourly",
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "yearly",
    "annually",
];
const MONEY_WORDS: &[&str] = &["dollars", "euros", "pounds", "grand", "bucks"];
const COUNT_PHRASES: &[&str] = &[
    "every single",
    "not a single",
    "not one",
    "none of",
    "a couple of",
    "a handful of",
    "order of magnitude",
    "orders of magnitude",
];

/// The words of a text as the quantity rules read them: lower-case, hyphens split ("one-third",
/// "two-fold"), punctuation trimmed except what marks money or a percentage.
pub fn quantity_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '—')
        .map(|t| {
            t.trim_matches(|c: char| {
                !c.is_alphanumeric() && !matches!(c, '\'' | '%' | '$' | '£' | '€' | '/')
            })
            .to_lowercase()
            .replace('’', "'")
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) || is_number_word(word)
}

fn is_number_or_one(word: &str) -> bool {
    is_number(word) || word == "one" || word == "a"
}

/// The quantity in `words` (as [`quantity_words`] gives them) and its kind. Phrases are looked
/// for first ("ten times", "one in five", "from 40 to 4"), then single numbers and units.
pub fn first_quantity(words: &[String]) -> Option<QuantityKind> {
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    let has_phrase = |phrase: &str| {
        let p: Vec<&str> = phrase.split(' ').collect();
        w.windows(p.len()).any(|x| x == p.as_slice())
    };
    if COUNT_PHRASES.iter().any(|p| has_phrase(p)) {
        return Some(QuantityKind::Count);
    }
    let unit = |x: &str| TIME_UNITS.contains(&x) || FREQUENCIES.contains(&x) || is_number(x);
    for (i, word) in w.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| w[j]);
        let after = w.get(i + 1).copied();
        if word.contains('%') || *word == "percent" || *word == "percentage" {
            return Some(QuantityKind::Percent);
        }
        let money_sign = word
            .strip_prefix(['$', '£', '€'])
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        if money_sign || (MONEY_WORDS.contains(word) && before.is_some_and(is_number)) {
            return Some(QuantityKind::Money);
        }
        let fold = (word.ends_with("fold") && word.len() > 4)
            || (*word == "fold" && before.is_some_and(is_number));
        if fold
            || MULTIPLE_WORDS.contains(word)
            || (*word == "times" && before.is_some_and(is_number))
        {
            return Some(QuantityKind::Multiple);
        }
        if FRACTIONS.contains(word) && before.is_some_and(|b| BEFORE_FRACTION.contains(&b)) {
            return Some(QuantityKind::Fraction);
        }
        // "one in five", "three out of four"
        let of_whole = match *word {
            "in" => after,
            "out" if after == Some("of") => w.get(i + 2).copied(),
            _ => None,
        };
        if before.is_some_and(is_number_or_one) && of_whole.is_some_and(is_number) {
            return Some(QuantityKind::Fraction);
        }
        // "from hours to minutes", "from weekly to daily", "from 40 to 4"
        if *word == "from" && after.is_some_and(unit) {
            let to = w[i + 1..].iter().position(|x| *x == "to");
            if to
                .and_then(|t| w.get(i + 1 + t + 1))
                .is_some_and(|b| unit(b))
            {
                return Some(QuantityKind::Change);
            }
        }
    }
    w.iter().find_map(|word| {
        if is_number(word) {
            // "10x" is a multiple, "3/4" a fraction; other digits and number words are numbers.
            Some(if word.ends_with('x') && word.len() > 1 {
                QuantityKind::Multiple
            } else if word.contains('/') {
                QuantityKind::Fraction
            } else {
                QuantityKind::Number
            })
        } else {
            TIME_UNITS.contains(word).then_some(QuantityKind::Duration)
        }
    })
}

/// Whether `text` holds a quantity as people say them.
pub fn has_spoken_quantity(text: &str) -> bool {
    first_quantity(&quantity_words(text)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuantityKind::*;

    fn kind(text: &str) -> Option<QuantityKind> {
        first_quantity(&quantity_words(text))
    }

    #[test]
    fn each_form_people_use_is_a_quantity_of_its_kind() {
        for (text, expected) in [
            ("which cut p99 latency by about a third", Fraction),
            ("errors fell by two-thirds", Fraction),
            ("one in five requests failed", Fraction),
            ("three out of four teams adopted it", Fraction),
            ("it took 3/4 of the time", Fraction),
            ("we halved the build time", Multiple),
            ("the queue was cut in half", Multiple),
            ("throughput doubled", Multiple),
            ("it ran twice as fast", Multiple),
            ("ten times faster", Multiple),
            ("10 times faster", Multiple),
            ("a 10x speed-up", Multiple),
            ("a tenfold drop in pages", Multiple),
            ("a two-fold gain", Multiple),
            ("an order of magnitude cheaper", Count),
            ("from hours to minutes", Change),
            ("releases went from weekly to daily", Change),
            ("cold starts went from 40 to 4", Change),
            ("within a couple of days", Count),
            ("every single release since then", Count),
            ("not a single page since", Count),
            ("zero downtime", Number),
            ("forty percent fewer tickets", Percent),
            ("40% fewer tickets", Percent),
            ("12 percent", Percent),
            ("it saved $200k a year", Money),
            ("it saved £3,000", Money),
            ("two hundred thousand dollars a year", Money),
            ("fifteen engineers", Number),
            ("in three weeks", Number),
            ("it now takes minutes", Duration),
            ("response times under 200 ms", Number),
        ] {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn names_orders_and_periods_are_not_quantities() {
        for text in [
            "we moved the p99 dashboards to EC2",
            "it was the third time it had happened",
            "the third-party API changed",
            "we planned it last quarter",
            "the customer was happy with it",
            "I led the work and wrote the design",
            "one of the engineers reviewed it",
            "our headquarters moved",
            "from then on I owned the runbook",
        ] {
            assert_eq!(kind(text), None, "{text}");
        }
    }

    /// A few hundred ways a result is said, in digits and in words, as Whisper writes them.
    #[test]
    fn generated_results_in_digits_and_words_all_carry_a_quantity() {
        let amounts = [
            "a third",
            "two-thirds",
            "a quarter",
            "half",
            "40%",
            "forty percent",
            "12 percent",
            "twice",
            "ten times",
            "10x",
            "tenfold",
            "3 seconds",
            "two hours",
            "$5,000",
            "5k dollars",
            "one in ten",
            "three out of four",
            "a couple of days",
            "zero",
            "fifteen",
            "1.5",
        ];
        let templates = [
            "which cut latency by about {}",
            "errors fell by {} after the change",
            "it saved us {} every month",
            "and the team shipped {} sooner",
            "so the on-call load dropped by {}",
            "we got {} fewer complaints",
            "the build took {} less",
            "costs came down {} in the end",
            "and churn went down by {}",
            "which freed up {} for the team",
            "page views grew {}",
            "the backlog shrank by {}",
            "reviews got {} faster",
            "which meant {} less toil",
            "and incidents dropped {}",
        ];
        let mut checked = 0;
        for t in templates {
            for a in amounts {
                let text = t.replace("{}", a);
                assert!(has_spoken_quantity(&text), "{text}");
                checked += 1;
            }
        }
        assert!(checked >= 300, "{checked}");
        for t in templates {
            let text = t.replace(" {}", "");
            assert!(!has_spoken_quantity(&text), "{text}");
        }
    }
}
