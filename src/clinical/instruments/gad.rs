//! GAD-7 and GAD-2.
//!
//! Source: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized
//! anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092–1097. GAD-2: Kroenke K,
//! Spitzer RL, Williams JBW, Monahan PO, Löwe B. Anxiety disorders in primary care: prevalence,
//! impairment, comorbidity, and detection. Ann Intern Med 2007;146(5):317–325. Developed by
//! Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational
//! grant from Pfizer Inc. No permission is required to reproduce, translate, display or
//! distribute.

use super::{Band, DIFFICULTY_OPTIONS, Definition, FREQUENCY_OPTIONS, FunctionalQuestion, Instrument};

/// The seven GAD-7 items, verbatim.
const ITEMS: &[&str] = &[
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
];

const STEM: &str = "Over the last 2 weeks, how often have you been bothered by the following problems?";

/// GAD-7: anxiety severity, 0–21.
pub static GAD7: Definition = Definition {
    instrument: Instrument::Gad7,
    name: "GAD-7",
    full_name: "Generalized Anxiety Disorder 7-item scale",
    instructions: STEM,
    items: ITEMS,
    options: FREQUENCY_OPTIONS,
    functional_question: Some(FunctionalQuestion {
        text: "If you checked off any problems, how difficult have these made it for you to do your work, take care \
               of things at home, or get along with other people?",
        options: DIFFICULTY_OPTIONS,
    }),
    multiplier: 1,
    bands: &[
        Band { key: "minimal", label: "Minimal", min: 0, max: 4 },
        Band { key: "mild", label: "Mild", min: 5, max: 9 },
        Band { key: "moderate", label: "Moderate", min: 10, max: 14 },
        Band { key: "severe", label: "Severe", min: 15, max: 21 },
    ],
    source: "Spitzer RL, Kroenke K, Williams JBW, Löwe B. Arch Intern Med 2006;166:1092–1097. Developed with an \
             educational grant from Pfizer Inc. No permission required to reproduce, translate, display or \
             distribute.",
};

/// GAD-2: the first two GAD-7 items; 3 or more is a positive screen (Kroenke et al. 2007).
pub static GAD2: Definition = Definition {
    instrument: Instrument::Gad2,
    name: "GAD-2",
    full_name: "Generalized Anxiety Disorder 2-item screen",
    instructions: STEM,
    items: &[ITEMS[0], ITEMS[1]],
    options: FREQUENCY_OPTIONS,
    functional_question: None,
    multiplier: 1,
    bands: &[
        Band { key: "negative", label: "Negative screen", min: 0, max: 2 },
        Band { key: "positive", label: "Positive screen — follow up with the GAD-7", min: 3, max: 6 },
    ],
    source: "Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Löwe B. Ann Intern Med 2007;146:317–325. Items 1–2 \
             of the GAD-7; no permission required.",
};

#[cfg(test)]
mod tests {
    use super::super::{all, summing_to};
    use super::*;

    #[test]
    fn gad7_band_boundaries_match_the_published_cut_points() {
        for (total, key) in [
            (0, "minimal"),
            (4, "minimal"),
            (5, "mild"),
            (9, "mild"),
            (10, "moderate"),
            (14, "moderate"),
            (15, "severe"),
            (21, "severe"),
        ] {
            let s = Instrument::Gad7.score(&summing_to(7, 3, total)).expect("valid");
            assert_eq!((s.total, s.band.key), (total as u32, key), "GAD-7 total {total}");
        }
    }

    #[test]
    fn gad7_worked_example_and_gad2_screen() {
        // Published cut point: 10 or more warrants further evaluation (Spitzer et al. 2006).
        let s = Instrument::Gad7.score(&[2, 2, 2, 1, 1, 1, 1].map(Some)).expect("complete");
        assert_eq!((s.total, s.band.label), (10, "Moderate"));
        assert_eq!(Instrument::Gad7.score(&all(7, 3)).expect("max").total, 21);
        for (total, key) in [(0, "negative"), (2, "negative"), (3, "positive"), (6, "positive")] {
            assert_eq!(Instrument::Gad2.score(&summing_to(2, 3, total)).expect("valid").band.key, key);
        }
    }
}
