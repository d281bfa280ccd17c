//! Safety plans a mentor proposes (issue 12, deliverable 6). A received safety plan changes the
//! person's own plan only when three things hold: the sender was confirmed as "my mentor" when
//! the plan arrived (and still is), the person accepts it, and the person's current plan is not
//! newer than the proposal. Accepting files it as a new version (earlier versions are kept) and
//! marks the received item in one durable write; declining marks it declined. A plan from a
//! contact who is not the person's mentor stays visible where it was received and is never filed.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::SharedItem;
use super::filing::Filed;
use super::store::ContactRole;
use crate::clinical::safety_plans;
use crate::vault::{Vault, format_time, now};
use crate::{Error, Result, params};

/// Where a received safety plan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    /// From the person's mentor, waiting for them to accept or decline it.
    Waiting,
    /// Accepted: filed as a version of the person's safety plan.
    Accepted,
    /// Declined by the person.
    Declined,
    /// From a contact who was not the person's mentor when it arrived: kept, never filed.
    NotFromMentor,
}

/// Where a received safety plan stands, from its row and its sender's role.
pub(crate) fn status(
    role: ContactRole,
    role_since: DateTime<Utc>,
    received_at: DateTime<Utc>,
    filed_as: Option<&str>,
    declined_at: Option<&str>,
) -> ProposalStatus {
    if filed_as.is_some() {
        ProposalStatus::Accepted
    } else if declined_at.is_some() {
        ProposalStatus::Declined
    } else if role == ContactRole::MyMentor && role_since <= received_at {
        ProposalStatus::Waiting
    } else {
        ProposalStatus::NotFromMentor
    }
}

/// Why a plan from this sender may not be proposed, as the person reads it.
pub(crate) fn not_from_mentor(name: &str, role: ContactRole) -> String {
    match role {
        ContactRole::MyMentor => {
            format!("{name} was not yet your mentor in Wellkept when this plan arrived; ask them to share it again")
        }
        ContactRole::MyClient => {
            format!("only a contact you confirmed as your mentor may propose a safety plan, and {name} is your client")
        }
        ContactRole::Unknown => format!(
            "only a contact you confirmed as your mentor may propose a safety plan; choose {name}'s role in Sharing & contacts first"
        ),
    }
}

type ProposalRow = (String, String, String, Option<String>, Option<String>, String, String, String);

/// Accepts the safety plan received as `received_id` as the person's new safety plan. Refused
/// (and nothing written) when it is not a safety plan, its sender was not the person's mentor
/// when it arrived, it was declined, or the person's current plan was saved after the proposal
/// was made. Accepting it again adds nothing.
pub async fn accept_safety_plan_proposal(vault: &Vault, received_id: &str) -> Result<Filed> {
    let received_id = received_id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let row: Option<ProposalRow> = w
                    .fetch_optional(
                        "SELECT r.kind, r.item, r.received_at, r.filed_as, r.declined_at, c.display_name, c.role, coalesce(nullif(c.role_since, ''), c.confirmed_at) \
                         FROM received_items r JOIN contacts c ON c.id = r.contact_id WHERE r.id = ?",
                        params![received_id.as_str()],
                    )
                    .await?;
                let (kind, item, received_at, filed_as, declined_at, name, role, role_since) =
                    row.ok_or(Error::NotFound { what: "That received item" })?;
                if kind != "safety_plan" {
                    return Err(Error::invalid("Proposal", "only a shared safety plan can be accepted as your safety plan"));
                }
                if let Some(filed_as) = filed_as {
                    let note = "You accepted this safety plan before; nothing was added.".to_owned();
                    return Ok(Filed { filed_as, newly_filed: false, note });
                }
                if declined_at.is_some() {
                    return Err(Error::invalid(
                        "Proposal",
                        format!("you declined this safety plan; ask {name} to share it again if you want it now"),
                    ));
                }
                let damaged = || Error::damaged(format!("the received item {received_id}"));
                let role = ContactRole::from_key(&role).ok_or_else(damaged)?;
                let time = |t: &str| DateTime::parse_from_rfc3339(t).map(|t| t.with_timezone(&Utc)).map_err(|_| damaged());
                if status(role, time(&role_since)?, time(&received_at)?, None, None) != ProposalStatus::Waiting {
                    return Err(Error::invalid("Proposal", not_from_mentor(&name, role)));
                }
                let Ok(SharedItem::SafetyPlan(plan)) = serde_json::from_str::<SharedItem>(&item) else {
                    return Err(damaged());
                };
                let current: Option<(i64, DateTime<Utc>)> = w
                    .fetch_optional(
                        "SELECT version, created_at FROM safety_plans WHERE client_id IS NULL AND is_current = 1",
                        params![],
                    )
                    .await?;
                if let Some((version, saved_at)) = current
                    && saved_at > plan.updated_at
                {
                    return Err(Error::invalid(
                        "Proposal",
                        format!(
                            "your safety plan was changed after {name} made this proposal (your version {version} is newer), \
                             so it was not replaced; view both and ask {name} for an updated plan if you want their changes"
                        ),
                    ));
                }
                let before = current.map(|(version, _)| version);
                let saved = safety_plans::write_safety_plan(w, None, plan.sections).await?;
                let filed_as = format!("safety_plan:{}", saved.id);
                w.exec(
                    "UPDATE received_items SET filed_as = ? WHERE id = ? AND filed_as IS NULL",
                    params![filed_as.clone(), received_id],
                )
                .await?;
                let v = saved.version;
                let (newly_filed, note) = match before {
                    Some(b) if i64::from(v) == b => {
                        (false, format!("{name}'s plan is the same as your safety plan (version {v}); nothing was added."))
                    }
                    Some(b) => (true, format!("{name}'s plan is now your safety plan, version {v}. Version {b} is kept.")),
                    None => (true, format!("{name}'s plan is now your safety plan, version {v}.")),
                };
                Ok(Filed { filed_as, newly_filed, note })
            })
        })
        .await
}

/// Declines the safety plan received as `received_id`: it stays where it was received, marked
/// declined, and the person's plan is not changed. Declining again changes nothing; an accepted
/// plan cannot be declined (it is a version of the person's plan now).
pub async fn decline_safety_plan_proposal(vault: &Vault, received_id: &str) -> Result<String> {
    let received_id = received_id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let row: Option<(String, Option<String>, Option<String>, String)> = w
                    .fetch_optional(
                        "SELECT r.kind, r.filed_as, r.declined_at, c.display_name \
                         FROM received_items r JOIN contacts c ON c.id = r.contact_id WHERE r.id = ?",
                        params![received_id.as_str()],
                    )
                    .await?;
                let (kind, filed_as, declined_at, name) = row.ok_or(Error::NotFound { what: "That received item" })?;
                if kind != "safety_plan" {
                    return Err(Error::invalid("Proposal", "only a shared safety plan can be declined"));
                }
                if filed_as.is_some() {
                    return Err(Error::invalid(
                        "Proposal",
                        "you accepted this safety plan: it is a version of your plan now; edit your plan to change it",
                    ));
                }
                if declined_at.is_some() {
                    return Ok(format!("You declined {name}'s plan before; nothing changed."));
                }
                w.exec(
                    "UPDATE received_items SET declined_at = ? WHERE id = ? AND declined_at IS NULL",
                    params![format_time(now()), received_id],
                )
                .await?;
                Ok(format!("You declined {name}'s plan. Your safety plan is unchanged."))
            })
        })
        .await
}
