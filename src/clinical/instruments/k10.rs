//! K10: the Kessler Psychological Distress Scale, 10 items.
//!
//! Source: Kessler RC, Andrews G, Colpe LJ, Hiripi E, Mroczek DK, Normand SLT, Walters EE,
//! Zaslavsky AM. Short screening scales to monitor population prevalences and trends in
//! non-specific psychological distress. Psychol Med 2002;32(6):959–976. The scale is in the
//! public domain and may be used without permission (Harvard Medical School, National
//! Comorbidity Survey: "The K10 and K6 scales … are in the public domain").
//!
//! Item wording and the 1–5 answer scale follow the form as printed in the Australian National
//! Survey of Mental Health and Wellbeing and the ABS National Health Survey ("In the past 4
//! weeks, about how often did you feel …"). Each item scores 1 ("None of the time") to 5 ("All
//! of the time"), so the total runs from 10 to 50.
//!
//! Bands: the four levels of psychological distress published by Andrews G, Slade T.
//! Interpreting scores on the Kessler Psychological Distress Scale (K10). Aust N Z J Public
//! Health 2001;25(6):494–497, and used by the Australian Bureau of Statistics (National Health
//! Survey, "Psychological distress"): 10–15 low, 16–21 moderate, 22–29 high, 30–50 very high.

use super::{AnswerOption, Band, Definition, Instrument};

/// K10: psychological distress, 10–50. Higher is more distress.
pub static K10: Definition = Definition {
    instrument: Instrument::K10,
    name: "K10",
    full_name: "Kessler Psychological Distress Scale",
    instructions: "In the past 4 weeks, about how often did you feel …",
    items: &[
        "… tired out for no good reason?",
        "… nervous?",
        "… so nervous that nothing could calm you down?",
        "… hopeless?",
        "… restless or fidgety?",
        "… so restless you could not sit still?",
        "… depressed?",
        "… that everything was an effort?",
        "… so sad that nothing could cheer you up?",
        "… worthless?",
    ],
    options: &[
        AnswerOption { label: "None of the time", score: 1 },
        AnswerOption { label: "A little of the time", score: 2 },
        AnswerOption { label: "Some of the time", score: 3 },
        AnswerOption { label: "Most of the time", score: 4 },
        AnswerOption { label: "All of the time", score: 5 },
    ],
    functional_question: None,
    multiplier: 1,
    bands: &[
        Band { key: "low", label: "Low distress (likely to be well)", min: 10, max: 15 },
        Band { key: "moderate", label: "Moderate distress", min: 16, max: 21 },
        Band { key: "high", label: "High distress", min: 22, max: 29 },
        Band { key: "very_high", label: "Very high distress", min: 30, max: 50 },
    ],
    source: "Kessler RC et al. Psychol Med 2002;32:959–976. Bands: Andrews G, Slade T. Aust N Z J Public Health \
             2001;25:494–497 (as used by the Australian Bureau of Statistics). Public domain; free to use.",
};

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;
    use crate::Error;

    /// Answers whose total is `target` (10–50): every item starts at 1 and is raised in turn.
    fn totalling(target: i64) -> Vec<Option<i64>> {
        let mut extra = target - 10;
        (0..10)
            .map(|_| {
                let v = 1 + extra.min(4);
                extra -= v - 1;
                Some(v)
            })
            .collect()
    }

    #[test]
    fn every_band_edge_matches_the_published_levels() {
        for (total, key, label) in [
            (10, "low", "Low distress (likely to be well)"),
            (15, "low", "Low distress (likely to be well)"),
            (16, "moderate", "Moderate distress"),
            (21, "moderate", "Moderate distress"),
            (22, "high", "High distress"),
            (29, "high", "High distress"),
            (30, "very_high", "Very high distress"),
            (50, "very_high", "Very high distress"),
        ] {
            let s = Instrument::K10.score(&totalling(total)).expect("valid");
            assert_eq!(
                (s.raw, s.total, s.band.key, s.band.label),
                (total as u32, total as u32, key, label),
                "K10 {total}"
            );
        }
    }

    #[test]
    fn answers_score_one_to_five_and_zero_is_refused() {
        assert_eq!(Instrument::K10.score(&all(10, 1)).expect("min").total, 10);
        assert_eq!(Instrument::K10.score(&all(10, 5)).expect("max").total, 50);
        let mut answers = all(10, 2);
        answers[4] = Some(0);
        let err = Instrument::K10.score(&answers).expect_err("0 is not a K10 answer");
        assert!(
            matches!(&err, Error::Invalid { field, reason } if field == "item 5" && reason.contains("between 1 and 5")),
            "{err}"
        );
        answers[4] = Some(6);
        assert!(Instrument::K10.score(&answers).is_err());
        assert_eq!(K10.min_total(), 10);
        assert_eq!(K10.max_total(), 50);
    }
}
