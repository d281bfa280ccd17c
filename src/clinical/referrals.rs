//! Referrals: who a client was referred to, why, when, how it went, and when to follow up.

use chrono::NaiveDate;

use super::validate;
use crate::registry::generic::{Live, record_pair, text_enum};
use crate::vault::{self, Vault};
use crate::{Result, params};

text_enum! {
    /// Where a referral has got to.
    pub enum ReferralStatus {
        /// Being written.
        Draft = "draft",
        /// Sent to the service.
        Sent = "sent",
        /// The service took the client on.
        Accepted = "accepted",
        /// The service turned it down.
        Declined = "declined",
        /// The service's work is finished.
        Completed = "completed",
    }
}

record_pair! {
    /// A referral to record, or the new values of one being edited (its client then stays as it
    /// was).
    input ReferralInput;
    /// A stored referral.
    stored Referral, table: "referrals", what: "That referral";
    fields {
        /// The client, or `None` for the vault owner.
        client_id: Option<String>,
        /// The person or service referred to.
        referred_to: String,
        /// Why.
        reason: String,
        /// The day of the referral.
        referred_on: NaiveDate,
        /// Where it has got to.
        status: ReferralStatus,
        /// When to check on it.
        follow_up_on: Option<NaiveDate>,
        /// Notes.
        notes: String,
    }
}

struct Checked {
    referred_to: String,
    reason: String,
    notes: String,
}

fn check(input: &ReferralInput) -> Result<Checked> {
    if let Some(follow_up) = input.follow_up_on {
        validate::not_before("follow up on", follow_up, input.referred_on, "referral date")?;
    }
    Ok(Checked {
        referred_to: validate::required_line("referred to", &input.referred_to)?,
        reason: validate::required_text("reason", &input.reason)?,
        notes: validate::notes("notes", &input.notes)?,
    })
}

/// Records a referral.
pub async fn add_referral(vault: &Vault, input: ReferralInput) -> Result<Referral> {
    let client_id = validate::client_id(input.client_id.as_deref())?;
    let c = check(&input)?;
    let sql = "INSERT INTO referrals(id, created_at, updated_at, client_id, referred_to, reason, referred_on, \
                     status, follow_up_on, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    Referral::insert(vault, sql, |id, now| {
        params![
            id,
            now,
            now,
            client_id,
            c.referred_to,
            c.reason,
            input.referred_on,
            input.status.key(),
            input.follow_up_on,
            c.notes
        ]
    })
    .await
}

/// Edits a referral (its client stays as it was).
pub async fn update_referral(vault: &Vault, id: &str, input: ReferralInput) -> Result<Referral> {
    let c = check(&input)?;
    let sql = "UPDATE referrals SET referred_to = ?, reason = ?, referred_on = ?, status = ?, \
                         follow_up_on = ?, notes = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL";
    let params = params![
        c.referred_to,
        c.reason,
        input.referred_on,
        input.status.key(),
        input.follow_up_on,
        c.notes,
        vault::now(),
        id
    ];
    Referral::update(vault, id, sql, params).await
}

/// Moves a referral on (sent, accepted…), optionally with a new follow-up day.
pub async fn set_referral_status(
    vault: &Vault,
    id: &str,
    status: ReferralStatus,
    follow_up_on: Option<NaiveDate>,
) -> Result<Referral> {
    Referral::change(vault, id, move |referral| {
        if let Some(day) = follow_up_on {
            validate::not_before("follow up on", day, referral.referred_on, "referral date")?;
        }
        let sql = "UPDATE referrals SET status = ?, follow_up_on = coalesce(?, follow_up_on), updated_at = ? \
                     WHERE id = ?";
        Ok((sql, params![status.key(), follow_up_on, vault::now(), referral.id]))
    })
    .await
}

/// One referral (not in the trash).
pub async fn get_referral(vault: &Vault, id: &str) -> Result<Referral> {
    Referral::get(vault, id).await
}

/// A client's referrals (`None`: the owner's), newest first.
pub async fn list_referrals(vault: &Vault, client_id: Option<&str>) -> Result<Vec<Referral>> {
    vault
        .fetch_all(
            "SELECT * FROM referrals WHERE client_id IS ? AND deleted_at IS NULL \
             ORDER BY referred_on DESC, created_at DESC",
            params![client_id],
        )
        .await
}

/// Referrals across all clients whose follow-up day has come and that are still in progress
/// (not declined or completed), earliest first: for the dashboard.
pub async fn list_referral_follow_ups_due(vault: &Vault, as_of: NaiveDate) -> Result<Vec<Referral>> {
    vault
        .fetch_all(
            "SELECT * FROM referrals WHERE deleted_at IS NULL AND follow_up_on IS NOT NULL AND follow_up_on <= ? \
             AND status IN ('draft', 'sent', 'accepted') ORDER BY follow_up_on, created_at",
            params![as_of],
        )
        .await
}

/// Moves a referral to the trash.
pub async fn delete_referral(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::REFERRAL.delete(vault, id).await
}

/// Brings a referral back from the trash.
pub async fn restore_referral(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::REFERRAL.restore(vault, id).await
}
