//! What this vault has received from its confirmed contacts, for the person who received it.
//!
//! `store::import_bundle` keeps every received item in `received_items` with its origin. A
//! mentor reads a client's items under that client's record (`store::received_from_client`);
//! a client has no such record for their mentor, so this module lists the received items
//! themselves — homework, resources, action plans, safety plans, invoices — with the sender's name as the
//! user saved it when confirming their card.

use serde::Serialize;

use super::SharedItem;
use super::proposals::{self, ProposalStatus};
use super::store::ContactRole;
use crate::params;
use crate::vault::Vault;
use crate::{Error, Result};

/// The item kinds as `received_items.kind` stores them (`SharedItem::type_name`).
const KINDS: [&str; 9] = [
    "journal_entry",
    "mood_check_in",
    "thought_record",
    "measure_score",
    "action_plan",
    "homework",
    "resource",
    "safety_plan",
    "invoice",
];

/// Which received items to list. The default lists everything from every contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ReceivedFilter {
    /// Only items from this contact (the vault's contact id).
    pub contact_id: Option<String>,
    /// Only items of this kind (`homework`, `resource`, `action_plan`, ...).
    pub kind: Option<String>,
}

/// A received item with who sent it.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
pub struct ReceivedFromContact {
    /// The vault's id for this received item.
    pub id: String,
    /// The contact who shared it.
    pub contact_id: String,
    /// The contact's name, as on the card the user confirmed.
    pub contact_name: String,
    /// The bundle it arrived in.
    pub bundle_id: String,
    /// When it was imported.
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// The domain record made from it (`safety_plan:<id>`), if it was filed as one.
    pub filed_as: Option<String>,
    /// Who the contact is to the person now.
    pub contact_role: ContactRole,
    /// For a safety plan: whether it waits as a proposal, was accepted or declined, or came
    /// from someone who was not the person's mentor. `None` for other kinds.
    pub proposal: Option<ProposalStatus>,
    /// The item itself.
    pub item: SharedItem,
}

/// Everything received from confirmed contacts that matches `filter`, newest first.
///
/// An unknown kind is refused rather than answered with an empty list, so a typo is not
/// mistaken for "nothing received".
pub async fn received_items(vault: &Vault, filter: ReceivedFilter) -> Result<Vec<ReceivedFromContact>> {
    if let Some(kind) = &filter.kind
        && !KINDS.contains(&kind.as_str())
    {
        return Err(Error::Invalid {
            field: "Kind".to_owned(),
            reason: format!("\"{kind}\" is not a kind of shared item (one of: {})", KINDS.join(", ")),
        });
    }
    type Row = (String, String, String, String, String, Option<String>, String, String, String, Option<String>);
    let rows: Vec<Row> = vault
        .fetch_all(
            "SELECT r.id, r.contact_id, c.display_name, r.bundle_id, r.received_at, r.filed_as, r.item, \
             c.role, coalesce(nullif(c.role_since, ''), c.confirmed_at), r.declined_at \
             FROM received_items r JOIN contacts c ON c.id = r.contact_id \
             WHERE (? IS NULL OR r.contact_id = ?) AND (? IS NULL OR r.kind = ?) \
             ORDER BY r.received_at DESC, r.id DESC",
            params![filter.contact_id.clone(), filter.contact_id, filter.kind.clone(), filter.kind],
        )
        .await?;
    rows.into_iter()
        .map(|(id, contact_id, contact_name, bundle_id, received_at, filed_as, item, role, role_since, declined_at)| {
            let damaged = || Error::damaged(format!("a received item from bundle {bundle_id}"));
            let time = |t: &str| {
                chrono::DateTime::parse_from_rfc3339(t).map(|t| t.with_timezone(&chrono::Utc)).map_err(|_| damaged())
            };
            let received_at = time(&received_at)?;
            let item: SharedItem = serde_json::from_str(&item).map_err(|_| damaged())?;
            let contact_role = ContactRole::from_key(&role).ok_or_else(damaged)?;
            let proposal = match item {
                SharedItem::SafetyPlan(_) => Some(proposals::status(
                    contact_role,
                    time(&role_since)?,
                    received_at,
                    filed_as.as_deref(),
                    declined_at.as_deref(),
                )),
                _ => None,
            };
            Ok(ReceivedFromContact {
                id,
                contact_id,
                contact_name,
                bundle_id,
                received_at,
                filed_as,
                contact_role,
                proposal,
                item,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::KINDS;
    use crate::exchange::SharedItem;

    #[test]
    fn the_kind_list_matches_the_wire_type_names() {
        // Each listed kind is a `type` tag serde knows: parsing fails only on missing fields.
        for kind in KINDS {
            let json = format!("{{\"type\":\"{kind}\"}}");
            let error = serde_json::from_str::<SharedItem>(&json).expect_err("fields are missing");
            assert!(error.to_string().contains("missing field"), "{kind} is not a SharedItem type: {error}");
        }
    }
}
