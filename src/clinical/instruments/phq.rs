//! PHQ-9 and PHQ-2.
//!
//! Source: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression
//! severity measure. J Gen Intern Med 2001;16(9):606–613. PHQ-2: Kroenke K, Spitzer RL,
//! Williams JBW. The Patient Health Questionnaire-2: validity of a two-item depression screener.
//! Med Care 2003;41(11):1284–1292. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams,
//! Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission is
//! required to reproduce, translate, display or distribute (www.phqscreeners.com).

use super::{Band, DIFFICULTY_OPTIONS, Definition, FREQUENCY_OPTIONS, FunctionalQuestion, Instrument};

const SOURCE: &str = "Kroenke K, Spitzer RL, Williams JBW. J Gen Intern Med 2001;16:606–613. Developed by Drs. \
    Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. \
    No permission required to reproduce, translate, display or distribute.";

const STEM: &str = "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

/// The nine PHQ-9 items, verbatim. Item 9 (index 8) asks about thoughts of death or self-harm.
const ITEMS: &[&str] = &[
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or \
     restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
];

/// Index of PHQ-9 item 9 in the answers: any answer above 0 raises a risk flag.
pub const PHQ9_SELF_HARM_ITEM: usize = 8;

/// PHQ-9: depression severity, 0–27.
pub static PHQ9: Definition = Definition {
    instrument: Instrument::Phq9,
    name: "PHQ-9",
    full_name: "Patient Health Questionnaire-9",
    instructions: STEM,
    items: ITEMS,
    options: FREQUENCY_OPTIONS,
    functional_question: Some(FunctionalQuestion {
        text: "If you checked off any problems, how difficult have these problems made it for you to do your work, \
               take care of things at home, or get along with other people?",
        options: DIFFICULTY_OPTIONS,
    }),
    multiplier: 1,
    bands: &[
        Band { key: "minimal", label: "Minimal", min: 0, max: 4 },
        Band { key: "mild", label: "Mild", min: 5, max: 9 },
        Band { key: "moderate", label: "Moderate", min: 10, max: 14 },
        Band { key: "moderately_severe", label: "Moderately severe", min: 15, max: 19 },
        Band { key: "severe", label: "Severe", min: 20, max: 27 },
    ],
    source: SOURCE,
};

/// PHQ-2: the first two PHQ-9 items; 3 or more is a positive screen (Kroenke et al. 2003).
pub static PHQ2: Definition = Definition {
    instrument: Instrument::Phq2,
    name: "PHQ-2",
    full_name: "Patient Health Questionnaire-2",
    instructions: STEM,
    items: &[ITEMS[0], ITEMS[1]],
    options: FREQUENCY_OPTIONS,
    functional_question: None,
    multiplier: 1,
    bands: &[
        Band { key: "negative", label: "Negative screen", min: 0, max: 2 },
        Band { key: "positive", label: "Positive screen — follow up with the PHQ-9", min: 3, max: 6 },
    ],
    source: "Kroenke K, Spitzer RL, Williams JBW. Med Care 2003;41:1284–1292. Items 1–2 of the PHQ-9; \
             no permission required.",
};

#[cfg(test)]
mod tests {
    use super::super::{all, summing_to};
    use super::*;

    fn band(total: i64) -> &'static str {
        Instrument::Phq9.score(&summing_to(9, 3, total)).expect("valid answers").band.key
    }

    #[test]
    fn phq9_band_boundaries_match_the_published_cut_points() {
        for (total, key) in [
            (0, "minimal"),
            (4, "minimal"),
            (5, "mild"),
            (9, "mild"),
            (10, "moderate"),
            (14, "moderate"),
            (15, "moderately_severe"),
            (19, "moderately_severe"),
            (20, "severe"),
            (27, "severe"),
        ] {
            assert_eq!(band(total), key, "PHQ-9 total {total}");
            assert_eq!(Instrument::Phq9.score(&summing_to(9, 3, total)).expect("valid").total, total as u32);
        }
    }

    #[test]
    fn phq9_worked_examples_score_as_the_published_column_method() {
        // The published scoring: count the ticks in each column, multiply by the column's value
        // (0, 1, 2, 3), add the subtotals. Two ticks "Several days", three "More than half the
        // days", one "Nearly every day": 2×1 + 3×2 + 1×3 = 11, moderate.
        let answers = [0, 1, 2, 2, 1, 0, 2, 3, 0].map(Some);
        let s = Instrument::Phq9.score(&answers).expect("complete");
        assert_eq!((s.raw, s.total, s.band.label), (11, 11, "Moderate"));
        // All "Nearly every day": the maximum, 27, severe.
        let s = Instrument::Phq9.score(&all(9, 3)).expect("complete");
        assert_eq!((s.total, s.band.key), (27, "severe"));
        // The functional question is not part of the total: the 9 items alone are scored.
        assert_eq!(PHQ9.items.len(), 9);
        assert!(PHQ9.items[PHQ9_SELF_HARM_ITEM].contains("better off dead"));
    }

    #[test]
    fn phq2_screen_is_positive_from_three() {
        for (total, key) in [(0, "negative"), (2, "negative"), (3, "positive"), (6, "positive")] {
            let s = Instrument::Phq2.score(&summing_to(2, 3, total)).expect("valid");
            assert_eq!(s.band.key, key, "PHQ-2 total {total}");
        }
        assert_eq!(PHQ2.items, &PHQ9.items[..2]);
    }
}
