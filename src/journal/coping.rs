//! The coping toolbox: the strategies that help the user when things are hard, by category,
//! rated for how helpful they are (1–5), with when they were last used; plus built-in
//! suggestions the user can add to their own toolbox with one click.

use crate::registry::generic::text_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{check_optional_range, clean_body, required_line};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// The search/trash kind of coping strategies.
pub const KIND: &str = crate::registry::kinds::COPING_STRATEGY.kind;

text_enum! {
    /// Kinds of coping strategy.
    #[derive(Hash)]
    pub enum CopingCategory {
        /// Calming the body and senses.
        Soothing = "soothing",
        /// Shifting attention for a while.
        Distraction = "distraction",
        /// Reaching out to people.
        Connection = "connection",
        /// Physical activity.
        Movement = "movement",
        /// Coming back to the present moment.
        Grounding = "grounding",
    }
}

/// A built-in suggestion the user may add to their toolbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CopingSuggestion {
    /// Stable id (never reused).
    pub id: &'static str,
    /// Short name.
    pub name: &'static str,
    /// How to do it.
    pub description: &'static str,
    /// Its category.
    pub category: CopingCategory,
}

const fn s(
    id: &'static str,
    category: CopingCategory,
    name: &'static str,
    description: &'static str,
) -> CopingSuggestion {
    CopingSuggestion { id, name, description, category }
}

/// Built-in suggestions: common, low-risk strategies from self-help practice. Append only.
pub const SUGGESTIONS: &[CopingSuggestion] = &[
    s(
        "box-breathing",
        CopingCategory::Soothing,
        "Box breathing",
        "Breathe in for 4, hold for 4, out for 4, hold for 4. Repeat four times.",
    ),
    s(
        "warm-drink",
        CopingCategory::Soothing,
        "A warm drink",
        "Make a warm drink and notice its warmth, smell and taste.",
    ),
    s(
        "music",
        CopingCategory::Soothing,
        "Calming music",
        "Play a song that settles you and listen to the whole of it.",
    ),
    s(
        "cold-water",
        CopingCategory::Soothing,
        "Cold water on the face",
        "Splash cold water on your face or hold something cold for 30 seconds.",
    ),
    s(
        "puzzle",
        CopingCategory::Distraction,
        "A puzzle or game",
        "Do a crossword, sudoku or a simple game for ten minutes.",
    ),
    s("tidy", CopingCategory::Distraction, "Tidy one small space", "Clear one shelf, drawer or corner."),
    s("show", CopingCategory::Distraction, "A favourite show", "Watch one episode of something familiar and light."),
    s(
        "text-friend",
        CopingCategory::Connection,
        "Message a friend",
        "Send a short message to someone you trust, even just to say hello.",
    ),
    s("call", CopingCategory::Connection, "Call someone", "Phone someone who is easy to talk to."),
    s("pet", CopingCategory::Connection, "Time with an animal", "Spend a few minutes with a pet or an animal nearby."),
    s("walk", CopingCategory::Movement, "A short walk", "Walk for ten minutes, outside if you can."),
    s(
        "stretch",
        CopingCategory::Movement,
        "Stretching",
        "Stretch slowly from neck to feet, holding each stretch for a few breaths.",
    ),
    s("dance", CopingCategory::Movement, "Dance to one song", "Put on a song you like and move to it."),
    s(
        "five-senses",
        CopingCategory::Grounding,
        "5-4-3-2-1",
        "Name 5 things you see, 4 you can touch, 3 you hear, 2 you smell, 1 you taste.",
    ),
    s(
        "feet-on-floor",
        CopingCategory::Grounding,
        "Feet on the floor",
        "Press your feet into the floor and notice the contact and your weight.",
    ),
    s(
        "describe-room",
        CopingCategory::Grounding,
        "Describe the room",
        "Describe the room around you in detail, out loud or in your head.",
    ),
];

/// A strategy in the user's toolbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct CopingStrategy {
    /// Its id.
    pub id: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// Short name.
    pub name: String,
    /// How to do it, in the user's words.
    pub description: String,
    /// Its category.
    pub category: CopingCategory,
    /// How helpful it is, 1–5.
    pub helpfulness: Option<i64>,
    /// How many times it was used (as recorded).
    pub times_used: i64,
    /// When it was last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// The built-in suggestion it came from, if any.
    pub suggestion_id: Option<String>,
    /// When it was moved to the trash, if it was.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A new strategy, or the full new contents of one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NewCopingStrategy {
    /// Short name (required).
    pub name: String,
    /// How to do it.
    #[serde(default)]
    pub description: String,
    /// Its category.
    pub category: CopingCategory,
    /// How helpful, 1–5.
    #[serde(default)]
    pub helpfulness: Option<i64>,
}

fn check(input: &NewCopingStrategy) -> Result<(String, String, Option<i64>)> {
    Ok((
        required_line("name", &input.name, 200)?,
        clean_body("description", &input.description)?,
        check_optional_range("helpfulness", input.helpfulness, 1, 5)?,
    ))
}

macro_rules! strategy_select {
    () => {
        "SELECT id, created_at, updated_at, name, description, category, helpfulness, times_used, last_used_at, \
         suggestion_id, deleted_at FROM coping_strategies "
    };
}

/// Adds the user's own strategy to the toolbox.
pub async fn add_coping_strategy(vault: &Vault, new: NewCopingStrategy) -> Result<CopingStrategy> {
    let (name, description, helpfulness) = check(&new)?;
    insert(vault, name, description, new.category, helpfulness, None).await
}

/// Adds a built-in suggestion (by its id) to the toolbox; the user may edit it afterwards.
pub async fn add_suggested_strategy(vault: &Vault, suggestion_id: &str) -> Result<CopingStrategy> {
    let suggestion = SUGGESTIONS
        .iter()
        .find(|s| s.id == suggestion_id)
        .ok_or_else(|| Error::invalid("suggestion", format!("there is no built-in suggestion \"{suggestion_id}\"")))?;
    let already = vault
        .fetch_optional::<(String,)>(
            "SELECT id FROM coping_strategies WHERE suggestion_id = ? AND deleted_at IS NULL",
            params![suggestion.id],
        )
        .await?;
    if already.is_some() {
        return Err(Error::invalid("suggestion", format!("\"{}\" is already in your toolbox", suggestion.name)));
    }
    let (name, description) = (suggestion.name.to_owned(), suggestion.description.to_owned());
    insert(vault, name, description, suggestion.category, None, Some(suggestion.id)).await
}

async fn insert(
    vault: &Vault,
    name: String,
    description: String,
    category: CopingCategory,
    helpfulness: Option<i64>,
    suggestion_id: Option<&'static str>,
) -> Result<CopingStrategy> {
    let (id, now) = (vault::new_id(), vault::now());
    vault
        .exec_and_fetch(
            "INSERT INTO coping_strategies(id, created_at, updated_at, name, description, category, \
                     helpfulness, suggestion_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            params![id.as_str(), now, now, name, description, category.key(), helpfulness, suggestion_id],
            GET,
            &id,
            WHAT,
        )
        .await
}

/// What "not found" calls a strategy.
const WHAT: &str = "That coping strategy";
/// One strategy by id.
const GET: &str = concat!(strategy_select!(), "WHERE id = ?");

/// One strategy by id (also from the trash).
pub async fn get_coping_strategy(vault: &Vault, id: &str) -> Result<CopingStrategy> {
    vault.fetch_existing(GET, params![id], WHAT).await
}

/// Replaces a strategy's name, description, category and rating (not in the trash).
pub async fn update_coping_strategy(vault: &Vault, id: &str, update: NewCopingStrategy) -> Result<CopingStrategy> {
    let (name, description, helpfulness) = check(&update)?;
    let changed = vault
        .exec_and_fetch(
            "UPDATE coping_strategies SET updated_at = ?, name = ?, description = ?, category = ?, \
                         helpfulness = ? WHERE id = ? AND deleted_at IS NULL",
            params![vault::now(), name, description, update.category.key(), helpfulness, id],
            GET,
            id,
            WHAT,
        )
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await
}

/// Records that the user used a strategy (now, or at `at`), optionally re-rating how helpful
/// it was this time. `last_used_at` only moves forward, so logging an older use keeps the latest.
pub async fn record_coping_use(
    vault: &Vault,
    id: &str,
    at: Option<DateTime<Utc>>,
    helpfulness: Option<i64>,
) -> Result<CopingStrategy> {
    let helpfulness = check_optional_range("helpfulness", helpfulness, 1, 5)?;
    let now = vault::now();
    let at = at.unwrap_or(now);
    if at > now + chrono::Duration::minutes(10) {
        return Err(Error::invalid("time", "a use cannot be in the future"));
    }
    let used_at = vault::format_time(at);
    vault.exec_and_fetch("UPDATE coping_strategies SET updated_at = ?1, times_used = times_used + 1, \
                         last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < ?2 THEN ?2 ELSE last_used_at END, \
                         helpfulness = coalesce(?3, helpfulness) WHERE id = ?4 AND deleted_at IS NULL", params![now, used_at, helpfulness, id], GET, id, WHAT)
        .await
}

/// The toolbox (not the trash), optionally one category: most helpful first, then by name.
pub async fn list_coping_strategies(vault: &Vault, category: Option<CopingCategory>) -> Result<Vec<CopingStrategy>> {
    vault
        .fetch_all::<CopingStrategy>(
            concat!(
                strategy_select!(),
                "WHERE deleted_at IS NULL AND (?1 IS NULL OR category = ?1) \
                 ORDER BY helpfulness DESC NULLS LAST, name COLLATE NOCASE, id"
            ),
            params![category.map(CopingCategory::key)],
        )
        .await
}

/// Moves a strategy to the trash.
pub async fn delete_coping_strategy(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::COPING_STRATEGY.delete(vault, id).await
}

/// Takes a strategy back out of the trash.
pub async fn restore_coping_strategy(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::COPING_STRATEGY.restore(vault, id).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn suggestions_cover_every_category_with_unique_ids() {
        let ids: HashSet<_> = SUGGESTIONS.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), SUGGESTIONS.len());
        let categories: HashSet<_> = SUGGESTIONS.iter().map(|s| s.category).collect();
        assert_eq!(categories.len(), 5, "every category has a suggestion");
    }

    #[test]
    fn helpfulness_is_one_to_five_and_a_name_is_required() {
        let base = NewCopingStrategy {
            name: "Walk".into(),
            description: String::new(),
            category: CopingCategory::Movement,
            helpfulness: Some(5),
        };
        assert!(check(&base).is_ok());
        let bad = NewCopingStrategy { helpfulness: Some(6), ..base.clone() };
        assert!(matches!(check(&bad), Err(Error::Invalid { field, .. }) if field == "helpfulness"));
        let unnamed = NewCopingStrategy { name: "\n".into(), ..base };
        assert!(matches!(check(&unnamed), Err(Error::Invalid { field, .. }) if field == "name"));
    }
}
