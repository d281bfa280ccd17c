//! The built-in reflection prompts, grouped by theme, and the prompt of the day.
//!
//! Prompts are open questions in plain words, written to invite reflection without pushing:
//! none asks the writer to relive a trauma in detail, and the difficult-feelings theme always
//! points towards care for oneself. The set is part of the program (not the vault) so that every
//! user gets improvements with updates; an entry stores the text of the prompt it answered.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What a prompt is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PromptTheme {
    /// Noticing what is good.
    Gratitude,
    /// What matters to the writer and how they want to live.
    Values,
    /// The people in the writer's life.
    Relationships,
    /// Naming and caring for hard emotions.
    DifficultFeelings,
    /// Change, effort and small wins.
    Progress,
}

impl PromptTheme {
    /// Every theme, in display order.
    pub const ALL: [PromptTheme; 5] = [
        PromptTheme::Gratitude,
        PromptTheme::Values,
        PromptTheme::Relationships,
        PromptTheme::DifficultFeelings,
        PromptTheme::Progress,
    ];

    /// The theme's name as shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            PromptTheme::Gratitude => "Gratitude",
            PromptTheme::Values => "Values",
            PromptTheme::Relationships => "Relationships",
            PromptTheme::DifficultFeelings => "Difficult feelings",
            PromptTheme::Progress => "Progress",
        }
    }
}

/// One built-in reflection prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Prompt {
    /// A stable id (never reused), e.g. `"gratitude-3"`.
    pub id: &'static str,
    /// Its theme.
    pub theme: PromptTheme,
    /// The question itself.
    pub text: &'static str,
}

const fn p(id: &'static str, theme: PromptTheme, text: &'static str) -> Prompt {
    Prompt { id, theme, text }
}

use PromptTheme::{DifficultFeelings as Df, Gratitude as Gr, Progress as Pr, Relationships as Re, Values as Va};

/// The built-in prompts. Append only: ids must stay stable.
pub const PROMPTS: &[Prompt] = &[
    p("gratitude-1", Gr, "What is one small thing from today that you would like to remember?"),
    p("gratitude-2", Gr, "Who made your day a little easier recently, and how?"),
    p("gratitude-3", Gr, "What is something your body let you do today that you are glad of?"),
    p("gratitude-4", Gr, "Describe a place where you feel at ease. What makes it feel that way?"),
    p("gratitude-5", Gr, "What is something you have now that you once hoped for?"),
    p("gratitude-6", Gr, "Which everyday comfort would you miss most if it were gone?"),
    p("gratitude-7", Gr, "What made you smile or laugh this week?"),
    p("values-1", Va, "What mattered most to you today, and did your day leave room for it?"),
    p("values-2", Va, "Think of someone you admire. Which of their qualities would you like more of?"),
    p("values-3", Va, "When did you last feel truly like yourself? What were you doing?"),
    p("values-4", Va, "What would you like people to say about how you treat them?"),
    p("values-5", Va, "What is one thing you said yes to lately that you would rather have said no to?"),
    p("values-6", Va, "If this week went the way you want, what would you have spent time on?"),
    p("relationships-1", Re, "Who do you feel safe being honest with? What makes that possible?"),
    p("relationships-2", Re, "Is there a conversation you have been putting off? What would help you begin it?"),
    p("relationships-3", Re, "How did you show care for someone recently, in words or in actions?"),
    p("relationships-4", Re, "Which relationship gives you energy, and which one takes it? What do you notice?"),
    p("relationships-5", Re, "What do you need more of from the people around you, and could you ask for it?"),
    p("relationships-6", Re, "Write about a time someone understood you without much explanation."),
    p("feelings-1", Df, "What feeling has been loudest today? Where do you notice it in your body?"),
    p("feelings-2", Df, "If your worry could speak, what would it say? What would you answer it kindly?"),
    p("feelings-3", Df, "What would you say to a friend who felt the way you feel right now?"),
    p("feelings-4", Df, "What has helped you get through a hard day before, even a little?"),
    p("feelings-5", Df, "Is there something you are carrying that is not yours to carry?"),
    p("feelings-6", Df, "Name one thing that is in your control today, and one that is not."),
    p("feelings-7", Df, "What do you need right now: rest, company, movement, or something else?"),
    p("progress-1", Pr, "What is one thing you handled better this week than you would have a year ago?"),
    p("progress-2", Pr, "What small step, taken today, would your future self thank you for?"),
    p("progress-3", Pr, "What did you learn from something that did not go to plan?"),
    p("progress-4", Pr, "Which habit are you building, and what helped it along lately?"),
    p("progress-5", Pr, "Look back at an older entry. What has changed since you wrote it?"),
    p("progress-6", Pr, "What are you proud of that nobody else may have noticed?"),
    p("progress-7", Pr, "What would 'good enough' look like for the week ahead?"),
];

/// The prompts of one theme, in order.
pub fn prompts_for(theme: PromptTheme) -> impl Iterator<Item = &'static Prompt> {
    PROMPTS.iter().filter(move |p| p.theme == theme)
}

/// A prompt by its id.
pub fn prompt_by_id(id: &str) -> Option<&'static Prompt> {
    PROMPTS.iter().find(|p| p.id == id)
}

/// The prompt of the day: the same for everyone on a given date, changing every day.
///
/// Stepping by a number coprime with the set's size walks through the themes in turn instead
/// of serving a week of one theme, and visits every prompt before repeating.
pub fn prompt_of_the_day(day: NaiveDate) -> &'static Prompt {
    let n = PROMPTS.len() as i64;
    let step = coprime_step(n);
    let days = i64::from(day.num_days_from_ce());
    let index = (days.rem_euclid(n) * step).rem_euclid(n);
    &PROMPTS[usize::try_from(index).expect("index is reduced modulo the number of prompts")]
}

/// The smallest step ≥ 7 that shares no factor with `n`, so `k * step mod n` is a permutation.
fn coprime_step(n: i64) -> i64 {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    (7..).find(|s| gcd(*s, n) == 1).expect("some integer above 7 is coprime with n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The migration that repairs entries which stored a prompt's id (issue 8) spells out each
    /// id's words; it must match this list exactly, for every prompt there was when it ran.
    #[test]
    fn the_prompt_id_repair_migration_matches_the_prompts() {
        let sql = include_str!("../../migrations/20261201000100_journal_prompt_ids_to_words.sql");
        let whens = sql.lines().filter(|l| l.trim_start().starts_with("WHEN ")).count();
        // 33 prompts existed when it was written; prompts added later were never stored by id.
        assert_eq!(whens, 33);
        for p in &PROMPTS[..whens] {
            let line = format!("WHEN '{}' THEN '{}'", p.id, p.text.replace('\'', "''"));
            assert!(sql.contains(&line), "the migration lacks or misspells {}", p.id);
            assert!(sql.contains(&format!("'{}'", p.id)), "the WHERE list lacks {}", p.id);
        }
    }

    #[test]
    fn there_are_at_least_thirty_prompts_with_unique_ids_in_every_theme() {
        assert!(PROMPTS.len() >= 30);
        let ids: HashSet<_> = PROMPTS.iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), PROMPTS.len(), "prompt ids are unique");
        for theme in PromptTheme::ALL {
            assert!(prompts_for(theme).count() >= 5, "{theme:?} has at least five prompts");
        }
        assert_eq!(prompt_by_id("values-3").map(|p| p.theme), Some(PromptTheme::Values));
    }

    #[test]
    fn prompt_of_the_day_is_stable_and_visits_every_prompt_once_per_cycle() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
        assert_eq!(prompt_of_the_day(start), prompt_of_the_day(start));
        let cycle: Vec<_> =
            (0..PROMPTS.len() as u64).map(|d| prompt_of_the_day(start + chrono::Days::new(d)).id).collect();
        let distinct: HashSet<_> = cycle.iter().collect();
        assert_eq!(distinct.len(), PROMPTS.len(), "every prompt appears once in {} days", PROMPTS.len());
        for d in 0..400u64 {
            let today = prompt_of_the_day(start + chrono::Days::new(d));
            let tomorrow = prompt_of_the_day(start + chrono::Days::new(d + 1));
            assert_ne!(today.theme, tomorrow.theme, "consecutive days change theme (day {d})");
        }
    }
}
