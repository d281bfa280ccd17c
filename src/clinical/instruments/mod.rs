//! Outcome-measure instruments as pure data: item texts, answer options, scoring and the
//! published severity bands. No storage here (see [`super::measures`]), so the scoring can be
//! tested exhaustively and shown by the UI exactly as the published forms print it.
//!
//! Only instruments that are free to use without permission are included; each file cites its
//! source. Item wording is reproduced verbatim from the published forms, because changing it
//! invalidates the instrument's norms.

mod gad;
mod k10;
mod phq;

pub use phq::PHQ9_SELF_HARM_ITEM;
mod who5;

use serde::Serialize;

use crate::registry::generic::text_enum;
use crate::{Error, Result};

text_enum! {
    /// An instrument Wellkept can administer and score.
    #[derive(Hash)]
    pub enum Instrument {
        /// Patient Health Questionnaire, 9 items: depression severity.
        Phq9 = "phq9",
        /// Generalized Anxiety Disorder scale, 7 items: anxiety severity.
        Gad7 = "gad7",
        /// WHO-5 Well-Being Index, 5 items.
        Who5 = "who5",
        /// The first two PHQ-9 items: a depression screen.
        Phq2 = "phq2",
        /// The first two GAD-7 items: an anxiety screen.
        Gad2 = "gad2",
        /// Kessler Psychological Distress Scale, 10 items: non-specific psychological distress.
        K10 = "k10",
    }
}

/// One answer choice as printed on the form, with the score it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AnswerOption {
    /// The wording on the form ("Several days").
    pub label: &'static str,
    /// The score for choosing it.
    pub score: u8,
}

/// A published range of the reported score and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Band {
    /// Stable key, stored with each administration ("moderately_severe").
    pub key: &'static str,
    /// The published name ("Moderately severe").
    pub label: &'static str,
    /// Lowest reported score in the band (inclusive).
    pub min: u32,
    /// Highest reported score in the band (inclusive).
    pub max: u32,
}

/// The unscored question some instruments ask after the items (PHQ-9, GAD-7): how much the
/// problems get in the way of daily life. Recorded, never added to the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FunctionalQuestion {
    /// The question as printed.
    pub text: &'static str,
    /// Its answers, in order; the stored value is the index (0–3).
    pub options: &'static [&'static str],
}

/// Everything needed to show, score and interpret one instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Definition {
    /// Which instrument.
    pub instrument: Instrument,
    /// Short name ("PHQ-9").
    pub name: &'static str,
    /// Full name.
    pub full_name: &'static str,
    /// The stem printed above the items.
    pub instructions: &'static str,
    /// Item texts, in order.
    pub items: &'static [&'static str],
    /// Answer options shared by every item, in the order printed.
    pub options: &'static [AnswerOption],
    /// The unscored functional-difficulty question, if the instrument has one.
    pub functional_question: Option<FunctionalQuestion>,
    /// How the raw sum becomes the reported score (WHO-5 reports a percentage).
    pub multiplier: u32,
    /// Published bands of the reported score, ascending, covering every possible score.
    pub bands: &'static [Band],
    /// Citation and terms of use.
    pub source: &'static str,
}

/// A scored administration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Score {
    /// Sum of the item scores.
    pub raw: u32,
    /// The score as published instruments report it (raw × multiplier; WHO-5: percentage).
    pub total: u32,
    /// The band `total` falls in.
    pub band: Band,
}

impl Instrument {
    /// The instrument's items, options, bands and source.
    pub fn definition(self) -> &'static Definition {
        match self {
            Instrument::Phq9 => &phq::PHQ9,
            Instrument::Phq2 => &phq::PHQ2,
            Instrument::Gad7 => &gad::GAD7,
            Instrument::Gad2 => &gad::GAD2,
            Instrument::Who5 => &who5::WHO5,
            Instrument::K10 => &k10::K10,
        }
    }

    /// Validates a complete set of answers and scores it.
    ///
    /// `answers[i]` is the score chosen for item `i + 1`; `None` means not answered. Every item
    /// must be answered: prorating missing items changes what the bands mean, so an incomplete
    /// form is refused, naming the first missing or out-of-range item.
    pub fn score(self, answers: &[Option<i64>]) -> Result<Score> {
        let def = self.definition();
        if answers.len() != def.items.len() {
            return Err(Error::invalid(
                "answers",
                format!("{} has {} items; {} answers were given", def.name, def.items.len(), answers.len()),
            ));
        }
        let min = def.options.iter().map(|o| o.score).min().unwrap_or(0);
        let max = def.options.iter().map(|o| o.score).max().unwrap_or(0);
        let mut raw = 0u32;
        for (i, answer) in answers.iter().enumerate() {
            let field = format!("item {}", i + 1);
            let value = answer.ok_or_else(|| {
                Error::invalid(&field, format!("“{}” was not answered; every item is needed for a score", def.items[i]))
            })?;
            let value = u8::try_from(value)
                .ok()
                .filter(|v| (min..=max).contains(v))
                .ok_or_else(|| Error::invalid(&field, format!("must be between {min} and {max}, not {value}")))?;
            raw += u32::from(value);
        }
        let total = raw * def.multiplier;
        Ok(Score { raw, total, band: def.band_for(total) })
    }

    /// Validates the functional-difficulty answer (index 0–3), if the instrument asks it.
    pub fn check_functional_difficulty(self, answer: Option<i64>) -> Result<Option<u8>> {
        let Some(answer) = answer else { return Ok(None) };
        let def = self.definition();
        let Some(q) = def.functional_question else {
            return Err(Error::invalid("functional difficulty", format!("{} does not ask this question", def.name)));
        };
        u8::try_from(answer).ok().filter(|a| usize::from(*a) < q.options.len()).map(Some).ok_or_else(|| {
            Error::invalid("functional difficulty", format!("must be between 0 and {}", q.options.len() - 1))
        })
    }
}

impl Definition {
    /// The band a reported score falls in.
    pub fn band_for(&self, total: u32) -> Band {
        // Bands cover 0..=maximum without gaps (checked by tests), so the last band is only
        // reached for the maximum itself.
        self.bands.iter().copied().find(|b| total <= b.max).unwrap_or(self.bands[self.bands.len() - 1])
    }

    /// The band with this stored key.
    pub fn band_by_key(&self, key: &str) -> Option<Band> {
        self.bands.iter().copied().find(|b| b.key == key)
    }

    /// The lowest possible reported score (0 for most; 10 for the K10, whose answers start at 1).
    pub fn min_total(&self) -> u32 {
        let min = self.options.iter().map(|o| u32::from(o.score)).min().unwrap_or(0);
        min * self.items.len() as u32 * self.multiplier
    }

    /// The highest possible reported score.
    pub fn max_total(&self) -> u32 {
        let max = self.options.iter().map(|o| u32::from(o.score)).max().unwrap_or(0);
        max * self.items.len() as u32 * self.multiplier
    }
}

/// The answer options of the PHQ and GAD families (identical on both forms).
const FREQUENCY_OPTIONS: &[AnswerOption] = &[
    AnswerOption { label: "Not at all", score: 0 },
    AnswerOption { label: "Several days", score: 1 },
    AnswerOption { label: "More than half the days", score: 2 },
    AnswerOption { label: "Nearly every day", score: 3 },
];

/// The functional-difficulty answers of the PHQ and GAD forms.
const DIFFICULTY_OPTIONS: &[&str] =
    &["Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"];

/// Answers all equal to `v`, for tests.
#[cfg(test)]
fn all(n: usize, v: i64) -> Vec<Option<i64>> {
    vec![Some(v); n]
}

/// Answers whose sum is `target`, filled from the first item, for band-boundary tests.
#[cfg(test)]
fn summing_to(n: usize, max: i64, target: i64) -> Vec<Option<i64>> {
    let mut left = target;
    (0..n)
        .map(|_| {
            let v = left.min(max);
            left -= v;
            Some(v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_every_score_without_gaps_or_overlaps() {
        for i in Instrument::ALL {
            let def = i.definition();
            assert_eq!(def.bands[0].min, def.min_total(), "{}", def.name);
            for pair in def.bands.windows(2) {
                assert_eq!(pair[0].max + 1, pair[1].min, "{}: {:?}", def.name, pair);
            }
            assert_eq!(def.bands[def.bands.len() - 1].max, def.max_total(), "{}", def.name);
            assert_eq!(Instrument::from_key(i.key()), Some(i));
            // The UI sends and receives the same key the database stores.
            assert_eq!(serde_json::to_string(&i).expect("serialise"), format!("\"{}\"", i.key()));
        }
    }

    #[test]
    fn wrong_count_missing_and_out_of_range_answers_name_the_field() {
        let err = Instrument::Phq9.score(&all(8, 1)).expect_err("8 answers");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "answers"), "{err}");
        let mut answers = all(9, 1);
        answers[3] = None;
        let err = Instrument::Phq9.score(&answers).expect_err("missing");
        assert!(matches!(&err, Error::Invalid { field, reason } if field == "item 4" && reason.contains("tired")));
        answers[3] = Some(4);
        let err = Instrument::Phq9.score(&answers).expect_err("4 out of range");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "item 4"), "{err}");
        answers[3] = Some(-1);
        assert!(Instrument::Phq9.score(&answers).is_err());
        // WHO-5 allows 5, the PHQ family does not.
        assert!(Instrument::Who5.score(&all(5, 5)).is_ok());
        assert!(Instrument::Who5.score(&all(5, 6)).is_err());
    }

    #[test]
    fn functional_difficulty_is_checked_but_never_scored() {
        assert_eq!(Instrument::Phq9.check_functional_difficulty(Some(3)).expect("in range"), Some(3));
        assert_eq!(Instrument::Phq9.check_functional_difficulty(None).expect("optional"), None);
        assert!(Instrument::Phq9.check_functional_difficulty(Some(4)).is_err());
        assert!(Instrument::Gad7.check_functional_difficulty(Some(1)).is_ok());
        let err = Instrument::Who5.check_functional_difficulty(Some(0)).expect_err("WHO-5 has none");
        assert!(matches!(err, Error::Invalid { field, .. } if field == "functional difficulty"));
    }
}
