//! Safety plans after Stanley & Brown (Stanley B, Brown GK. Safety Planning Intervention: a
//! brief intervention to mitigate suicide risk. Cogn Behav Pract 2012;19:256–264), with reasons
//! for living. Each section is a list of items; the people and services sections carry phone
//! numbers.
//!
//! Plans are versioned: every save that changes something adds a version and keeps the earlier
//! ones, so a mentor can see how a plan developed. Each client (and the vault owner) has at most
//! one current plan, enforced by a unique index.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::validate;
use crate::registry::generic::text_enum;
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

text_enum! {
    /// A section of the plan, in the order the plan is worked through.
    #[derive(PartialOrd, Ord, Hash)]
    pub enum SafetyPlanSection {
        /// Step 1: warning signs that a crisis may be developing.
        WarningSigns = "warning_signs",
        /// Step 2: things I can do on my own to take my mind off my problems.
        InternalCoping = "internal_coping",
        /// Step 3: people and social settings that provide distraction.
        SocialDistractions = "social_distractions",
        /// Step 4: people I can ask for help.
        PeopleToAskForHelp = "people_to_ask_for_help",
        /// Step 5: professionals or agencies I can contact during a crisis.
        Professionals = "professionals",
        /// Crisis lines I can call or text.
        CrisisLines = "crisis_lines",
        /// Step 6: making the environment safe.
        SafeEnvironment = "safe_environment",
        /// Reasons for living: what matters most and is worth living for.
        ReasonsForLiving = "reasons_for_living",
    }
}

impl SafetyPlanSection {
    /// The section's heading as the person filling it in reads it.
    pub fn title(self) -> &'static str {
        match self {
            SafetyPlanSection::WarningSigns => "Warning signs that a crisis may be developing",
            SafetyPlanSection::InternalCoping => "Things I can do to take my mind off my problems on my own",
            SafetyPlanSection::SocialDistractions => "People and social settings that provide distraction",
            SafetyPlanSection::PeopleToAskForHelp => "People I can ask for help",
            SafetyPlanSection::Professionals => "Professionals or agencies I can contact during a crisis",
            SafetyPlanSection::CrisisLines => "Crisis lines",
            SafetyPlanSection::SafeEnvironment => "Making the environment safe",
            SafetyPlanSection::ReasonsForLiving => "My reasons for living",
        }
    }

    /// The section's step number on the Stanley-Brown form (1–6), or `None` for the two parts
    /// that carry no number there: the crisis lines (they belong with step 5's professionals
    /// and agencies) and the reasons for living. Numbering by position instead once labelled
    /// step 6, "Making the environment safe", as "7." (issue 8).
    pub fn step(self) -> Option<u8> {
        match self {
            SafetyPlanSection::WarningSigns => Some(1),
            SafetyPlanSection::InternalCoping => Some(2),
            SafetyPlanSection::SocialDistractions => Some(3),
            SafetyPlanSection::PeopleToAskForHelp => Some(4),
            SafetyPlanSection::Professionals => Some(5),
            SafetyPlanSection::SafeEnvironment => Some(6),
            SafetyPlanSection::CrisisLines | SafetyPlanSection::ReasonsForLiving => None,
        }
    }

    /// What the section asks, said before its lines, when it needs saying. Step 6 is the
    /// means-restriction step of the Stanley–Brown Safety Plan (Stanley & Brown, "Safety
    /// Planning Intervention: a brief intervention to mitigate suicide risk", Cognitive and
    /// Behavioral Practice 19 (2012) 256–264): making it harder to reach what could be used to
    /// cause harm during a crisis, worked out ahead of time and with someone else's help.
    pub fn guidance(self) -> Option<&'static str> {
        match self {
            SafetyPlanSection::SafeEnvironment => Some(
                "Think about anything you might use to hurt yourself if things got very hard, and \
                 plan now how to make it harder to reach: what could be removed, locked away or \
                 kept by someone you trust until the crisis has passed. Talk it through with \
                 someone who can help.",
            ),
            _ => None,
        }
    }

    /// Questions that help fill the section in (shown beside it, printed with it).
    pub fn prompts(self) -> &'static [&'static str] {
        match self {
            SafetyPlanSection::SafeEnvironment => &[
                "What could I remove from my home, or keep less of (such as medicines I no longer need)?",
                "What could I lock away, and who would keep the key or code?",
                "Who could hold something for me until the crisis has passed?",
                "Which places or situations should I stay away from when I feel this way?",
            ],
            _ => &[],
        }
    }

    /// Whether items in this section may carry a phone number.
    pub fn has_contacts(self) -> bool {
        matches!(
            self,
            SafetyPlanSection::SocialDistractions
                | SafetyPlanSection::PeopleToAskForHelp
                | SafetyPlanSection::Professionals
                | SafetyPlanSection::CrisisLines
        )
    }
}

/// One line of a plan: what to do or whom to contact, and their number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SafetyPlanItem {
    /// The item ("Go for a walk by the canal", "Sam (sister)").
    pub text: String,
    /// A phone number, for the people and services sections.
    pub contact: Option<String>,
}

/// The content of a plan: each section's items, in order. Missing sections are empty.
pub type SafetyPlanContent = BTreeMap<SafetyPlanSection, Vec<SafetyPlanItem>>;

/// One saved version of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SafetyPlan {
    /// Id of this version.
    pub id: String,
    /// The client, or `None` for the vault owner's own plan.
    pub client_id: Option<String>,
    /// 1 for the first save, then 2, 3…
    pub version: u32,
    /// Whether this is the plan in use.
    pub is_current: bool,
    /// When this version was saved.
    pub saved_at: DateTime<Utc>,
    /// The sections and their items (sections with no items are left out).
    pub sections: SafetyPlanContent,
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: String,
    client_id: Option<String>,
    version: i64,
    is_current: bool,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    section: String,
    text: String,
    contact: Option<String>,
}

/// Checks and tidies a plan: blank lines (no text, no number) are dropped as a form leaves them;
/// an item with a number but no text, a bad number, or a number where the section takes none is
/// refused, naming the section and item.
fn clean(content: SafetyPlanContent) -> Result<SafetyPlanContent> {
    let mut out = SafetyPlanContent::new();
    for (section, items) in content {
        let mut kept = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let field = format!("{}, item {}", section.title(), i + 1);
            let contact = item.contact.as_deref().map(str::trim).filter(|c| !c.is_empty());
            if item.text.trim().is_empty() && contact.is_none() {
                continue;
            }
            let text = validate::required_text(&field, &item.text)?;
            let contact = match contact {
                Some(_) if !section.has_contacts() => {
                    return Err(Error::invalid(field, "this section does not take phone numbers"));
                }
                Some(c) => Some(validate::phone(&field, c)?),
                None => None,
            };
            kept.push(SafetyPlanItem { text, contact });
        }
        if !kept.is_empty() {
            out.insert(section, kept);
        }
    }
    if out.is_empty() {
        return Err(Error::invalid("safety plan", "add at least one item before saving"));
    }
    Ok(out)
}

/// Saves a plan for a client (`None`: the vault owner) as a new current version. The earlier
/// versions are kept. Saving content identical to the current version writes nothing and returns
/// the current version.
pub async fn save_safety_plan(
    vault: &Vault,
    client_id: Option<&str>,
    sections: SafetyPlanContent,
) -> Result<SafetyPlan> {
    let client_id = validate::client_id(client_id)?;
    let sections = clean(sections)?;
    vault.write(move |w| Box::pin(async move { write_checked(w, client_id, sections).await })).await
}

/// [`save_safety_plan`] inside a write the caller holds (a received proposal is filed with its
/// mark in one durable write): checks `sections`, then saves them as the new current version
/// unless they equal it.
pub(crate) async fn write_safety_plan(
    w: &mut Writer<'_>,
    client_id: Option<String>,
    sections: SafetyPlanContent,
) -> Result<SafetyPlan> {
    let client_id = validate::client_id(client_id.as_deref())?;
    write_checked(w, client_id, clean(sections)?).await
}

async fn write_checked(
    w: &mut Writer<'_>,
    client_id: Option<String>,
    sections: SafetyPlanContent,
) -> Result<SafetyPlan> {
    let current = w.fetch_optional::<PlanRow>(CURRENT, params![client_id.clone()]).await?;
    let mut version = 1;
    if let Some(row) = current {
        let existing = with_items(w, row).await?;
        if existing.sections == sections {
            return Ok(existing);
        }
        version = existing.version + 1;
        w.exec("UPDATE safety_plans SET is_current = 0 WHERE id = ?", params![existing.id]).await?;
    }
    let id = vault::new_id();
    w.exec(
        "INSERT INTO safety_plans(id, created_at, client_id, version, is_current) VALUES (?, ?, ?, ?, 1)",
        params![id.clone(), vault::now(), client_id, version],
    )
    .await?;
    for (section, items) in &sections {
        for (position, item) in items.iter().enumerate() {
            w.exec(
                "INSERT INTO safety_plan_items(id, plan_id, section, position, text, contact) \
                 VALUES (?, ?, ?, ?, ?, ?)",
                params![vault::new_id(), id.clone(), section.key(), position, item.text.clone(), item.contact.clone()],
            )
            .await?;
        }
    }
    let row = w.fetch_one::<PlanRow>("SELECT * FROM safety_plans WHERE id = ?", params![id]).await?;
    with_items(w, row).await
}

/// A plan version's items, in plan order.
const ITEMS: &str = "SELECT section, text, contact FROM safety_plan_items WHERE plan_id = ? ORDER BY section, position";
/// A client's (`?` NULL: the owner's) current plan version.
const CURRENT: &str = "SELECT * FROM safety_plans WHERE client_id IS ? AND is_current = 1";

async fn with_items(w: &mut Writer<'_>, row: PlanRow) -> Result<SafetyPlan> {
    let items = w.fetch_all::<ItemRow>(ITEMS, params![row.id.clone()]).await?;
    assemble(row, items)
}

fn assemble(row: PlanRow, items: Vec<ItemRow>) -> Result<SafetyPlan> {
    let mut sections = SafetyPlanContent::new();
    for item in items {
        let section = SafetyPlanSection::from_key(&item.section)
            .ok_or_else(|| Error::damaged(format!("the stored safety plan {}", row.id)))?;
        sections.entry(section).or_default().push(SafetyPlanItem { text: item.text, contact: item.contact });
    }
    Ok(SafetyPlan {
        version: u32::try_from(row.version)
            .map_err(|_| Error::damaged(format!("the stored safety plan {}", row.id)))?,
        id: row.id,
        client_id: row.client_id,
        is_current: row.is_current,
        saved_at: row.created_at,
        sections,
    })
}

async fn load(vault: &Vault, row: PlanRow) -> Result<SafetyPlan> {
    let items = vault.fetch_all::<ItemRow>(ITEMS, params![row.id.clone()]).await?;
    assemble(row, items)
}

/// The plan in use for a client (`None`: the vault owner), if one has been made.
pub async fn current_safety_plan(vault: &Vault, client_id: Option<&str>) -> Result<Option<SafetyPlan>> {
    let row = vault.fetch_optional::<PlanRow>(CURRENT, params![client_id]).await?;
    match row {
        Some(row) => Ok(Some(load(vault, row).await?)),
        None => Ok(None),
    }
}

/// One version by id (current or earlier).
pub async fn get_safety_plan(vault: &Vault, id: &str) -> Result<SafetyPlan> {
    let row = vault
        .fetch_existing::<PlanRow>("SELECT * FROM safety_plans WHERE id = ?", params![id], "That safety plan")
        .await?;
    load(vault, row).await
}

/// Every version of a client's plan (`None`: the owner's), newest first.
pub async fn list_safety_plan_versions(vault: &Vault, client_id: Option<&str>) -> Result<Vec<SafetyPlan>> {
    let rows = vault
        .fetch_all::<PlanRow>(
            "SELECT * FROM safety_plans WHERE client_id IS ? ORDER BY version DESC",
            params![client_id],
        )
        .await?;
    let mut plans = Vec::with_capacity(rows.len());
    for row in rows {
        plans.push(load(vault, row).await?);
    }
    Ok(plans)
}

/// A safety-plan item that matched a search, with where it lives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct SafetyPlanMatch {
    /// The plan version holding the item.
    pub plan_id: String,
    /// The client, or `None` for the owner.
    pub client_id: Option<String>,
    /// The section's stored key.
    pub section: String,
    /// The item.
    pub text: String,
    /// Its phone number, if any.
    pub contact: Option<String>,
}

/// Items of current plans that match a full-text query, best match first.
pub async fn search_safety_plans(vault: &Vault, query: &str) -> Result<Vec<SafetyPlanMatch>> {
    let sql = "SELECT p.id AS plan_id, p.client_id, i.section, i.text, i.contact FROM safety_plan_items_fts \
             JOIN safety_plan_items i ON i.rowid = safety_plan_items_fts.rowid JOIN safety_plans p ON p.id = i.plan_id \
             WHERE safety_plan_items_fts MATCH ? AND p.is_current = 1 ORDER BY bm25(safety_plan_items_fts)";
    super::fts_rows(vault, sql, query).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 8): the editor numbered sections by position, so step 6, "Making the
    /// environment safe", read "7.".
    #[test]
    fn making_the_environment_safe_is_step_six() {
        let numbered: Vec<(Option<u8>, &str)> = SafetyPlanSection::ALL.iter().map(|s| (s.step(), s.title())).collect();
        assert_eq!(
            numbered,
            vec![
                (Some(1), "Warning signs that a crisis may be developing"),
                (Some(2), "Things I can do to take my mind off my problems on my own"),
                (Some(3), "People and social settings that provide distraction"),
                (Some(4), "People I can ask for help"),
                (Some(5), "Professionals or agencies I can contact during a crisis"),
                (None, "Crisis lines"),
                (Some(6), "Making the environment safe"),
                (None, "My reasons for living"),
            ]
        );
    }

    fn item(text: &str, contact: Option<&str>) -> SafetyPlanItem {
        SafetyPlanItem { text: text.into(), contact: contact.map(str::to_owned) }
    }

    #[test]
    fn blank_lines_are_dropped_and_bad_items_name_their_section() {
        let mut plan = SafetyPlanContent::new();
        plan.insert(SafetyPlanSection::WarningSigns, vec![item(" Not sleeping ", None), item("  ", None)]);
        let cleaned = clean(plan.clone()).expect("valid");
        assert_eq!(cleaned[&SafetyPlanSection::WarningSigns], vec![item("Not sleeping", None)]);

        plan.insert(SafetyPlanSection::PeopleToAskForHelp, vec![item("", Some("07700 900123"))]);
        let err = clean(plan.clone()).expect_err("number without a name");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "People I can ask for help, item 1"), "{err}");

        plan.insert(SafetyPlanSection::PeopleToAskForHelp, vec![item("Sam", Some("ring Sam"))]);
        assert!(clean(plan.clone()).is_err(), "not a phone number");
        plan.insert(SafetyPlanSection::PeopleToAskForHelp, vec![item("Sam", Some("07700 900123"))]);
        plan.insert(SafetyPlanSection::ReasonsForLiving, vec![item("My dog", Some("123"))]);
        assert!(clean(plan).is_err(), "reasons for living take no numbers");

        let err = clean(SafetyPlanContent::new()).expect_err("empty plan");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "safety plan"));
    }

    #[test]
    fn sections_keep_plan_order_and_round_trip_their_keys() {
        for (i, s) in SafetyPlanSection::ALL.iter().enumerate() {
            assert_eq!(SafetyPlanSection::from_key(s.key()), Some(*s));
            assert_eq!(serde_json::to_string(s).expect("serialise"), format!("\"{}\"", s.key()));
            assert!(SafetyPlanSection::ALL[..i].iter().all(|earlier| earlier < s));
        }
    }
}
