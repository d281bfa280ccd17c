//! WHO-5 Well-Being Index (1998 version).
//!
//! Source: World Health Organization Regional Office for Europe, 1998; Psychiatric Research Unit,
//! Mental Health Centre North Zealand. Review: Topp CW, Østergaard SD, Søndergaard S, Bech P.
//! The WHO-5 Well-Being Index: a systematic review of the literature. Psychother Psychosom
//! 2015;84:167–176. Free to use without permission. Scoring: raw score 0–25, multiplied by 4 to
//! give a percentage 0–100; a percentage of 50 or below suggests poor wellbeing (screen for
//! depression), 28 or below suggests likely depression.

use super::{AnswerOption, Band, Definition, Instrument};

/// WHO-5: wellbeing, reported as a percentage (raw × 4). Higher is better.
pub static WHO5: Definition = Definition {
    instrument: Instrument::Who5,
    name: "WHO-5",
    full_name: "WHO-5 Well-Being Index",
    instructions: "Please indicate for each of the five statements which is closest to how you have been feeling \
                   over the last two weeks.",
    items: &[
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ],
    // Printed from "All of the time" (5) to "At no time" (0).
    options: &[
        AnswerOption { label: "All of the time", score: 5 },
        AnswerOption { label: "Most of the time", score: 4 },
        AnswerOption { label: "More than half of the time", score: 3 },
        AnswerOption { label: "Less than half of the time", score: 2 },
        AnswerOption { label: "Some of the time", score: 1 },
        AnswerOption { label: "At no time", score: 0 },
    ],
    functional_question: None,
    multiplier: 4,
    bands: &[
        Band { key: "likely_depression", label: "Likely depression — further assessment advised", min: 0, max: 28 },
        Band { key: "poor_wellbeing", label: "Poor wellbeing — consider screening for depression", min: 29, max: 50 },
        Band { key: "no_indication", label: "No indication of poor wellbeing", min: 51, max: 100 },
    ],
    source: "WHO Regional Office for Europe, 1998; Psychiatric Research Unit, Mental Health Centre North Zealand. \
             Topp CW et al. Psychother Psychosom 2015;84:167–176. Free to use.",
};

#[cfg(test)]
mod tests {
    use super::super::{all, summing_to};
    use super::*;

    #[test]
    fn percentage_is_raw_times_four_and_bands_follow_the_published_cut_offs() {
        // Raw 13 is the published cut-off: 13 × 4 = 52 %, just above "poor wellbeing".
        let s = Instrument::Who5.score(&[3, 3, 3, 2, 2].map(Some)).expect("complete");
        assert_eq!((s.raw, s.total, s.band.key), (13, 52, "no_indication"));
        // Raw 12 → 48 %: poor wellbeing. Raw 7 → 28 %: likely depression. Raw 8 → 32 %.
        for (raw, pct, key) in [
            (0, 0, "likely_depression"),
            (7, 28, "likely_depression"),
            (8, 32, "poor_wellbeing"),
            (12, 48, "poor_wellbeing"),
            (13, 52, "no_indication"),
            (25, 100, "no_indication"),
        ] {
            let s = Instrument::Who5.score(&summing_to(5, 5, raw)).expect("valid");
            assert_eq!((s.raw, s.total, s.band.key), (raw as u32, pct, key), "WHO-5 raw {raw}");
        }
        // The band edges as percentages (50 and 51 are not reachable from whole raw scores, but
        // the published thresholds are on the percentage, so the bands are defined there).
        assert_eq!(WHO5.band_for(50).key, "poor_wellbeing");
        assert_eq!(WHO5.band_for(29).key, "poor_wellbeing");
        assert_eq!(Instrument::Who5.score(&all(5, 5)).expect("max").total, 100);
    }
}
