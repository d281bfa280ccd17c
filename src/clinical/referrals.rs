//! Referrals: who a client was referred to, why, when, how it went, and when to follow up.

use chrono::NaiveDate;

use super::validate;
use crate::registry::generic::{Live, record_pair, text_enum};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

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

impl ReferralStatus {
    /// How far a referral has got: draft, then sent, then accepted or declined (the service's
    /// answer), then completed. A referral moves forward only, and may skip steps (a mentor who
    /// records the service's answer late goes from sent to completed); declined and completed
    /// are final.
    fn step(self) -> u8 {
        match self {
            ReferralStatus::Draft => 0,
            ReferralStatus::Sent => 1,
            ReferralStatus::Accepted | ReferralStatus::Declined => 2,
            ReferralStatus::Completed => 3,
        }
    }

    /// The statuses a referral at `self` may move on to (itself aside), in order.
    pub fn next(self) -> Vec<ReferralStatus> {
        match self {
            ReferralStatus::Declined | ReferralStatus::Completed => Vec::new(),
            _ => ReferralStatus::ALL.iter().copied().filter(|s| s.step() > self.step()).collect(),
        }
    }

    /// Whether a referral at `self` may be set to `to`: staying where it is, or moving on
    /// ([`ReferralStatus::next`]). Refused with what is allowed instead: "A completed referral
    /// cannot go back to draft: completed is final. To refer again, add a new referral."
    pub fn check_move(self, to: ReferralStatus) -> Result<()> {
        let next = self.next();
        if to == self || next.contains(&to) {
            return Ok(());
        }
        let a = if self == ReferralStatus::Accepted { "An" } else { "A" };
        let from = self.key();
        let verb = if to.step() < self.step() { "go back to" } else { "become" };
        let allowed = match next.as_slice() {
            [] => format!("{from} is final. To refer again, add a new referral."),
            [only] => format!("it can only move on to {}.", only.key()),
            [first @ .., last] => format!(
                "it can move on to {} or {}.",
                first.iter().map(|s| s.key()).collect::<Vec<_>>().join(", "),
                last.key()
            ),
        };
        Err(Error::invalid("Status", format!("{a} {from} referral cannot {verb} {}: {allowed}", to.key())))
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

/// Edits a referral (its client stays as it was). Its status may stay or move on, never back
/// ([`ReferralStatus::check_move`]); an empty follow-up day clears it.
pub async fn update_referral(vault: &Vault, id: &str, input: ReferralInput) -> Result<Referral> {
    let c = check(&input)?;
    Referral::change(vault, id, move |referral| {
        referral.status.check_move(input.status)?;
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
            referral.id
        ];
        Ok((sql, params))
    })
    .await
}

/// Moves a referral on (sent, accepted…), optionally with a new follow-up day. Never back: a
/// sent referral does not go back to draft, a completed one is final
/// ([`ReferralStatus::check_move`]).
pub async fn set_referral_status(
    vault: &Vault,
    id: &str,
    status: ReferralStatus,
    follow_up_on: Option<NaiveDate>,
) -> Result<Referral> {
    Referral::change(vault, id, move |referral| {
        referral.status.check_move(status)?;
        check_follow_up(&referral, follow_up_on)?;
        let sql = "UPDATE referrals SET status = ?, follow_up_on = coalesce(?, follow_up_on), updated_at = ? \
                     WHERE id = ?";
        Ok((sql, params![status.key(), follow_up_on, vault::now(), referral.id]))
    })
    .await
}

/// Sets a referral's follow-up day, or clears it with `None` (it then no longer comes up as
/// due); its status is unchanged.
pub async fn set_referral_follow_up(vault: &Vault, id: &str, follow_up_on: Option<NaiveDate>) -> Result<Referral> {
    Referral::change(vault, id, move |referral| {
        check_follow_up(&referral, follow_up_on)?;
        let sql = "UPDATE referrals SET follow_up_on = ?, updated_at = ? WHERE id = ?";
        Ok((sql, params![follow_up_on, vault::now(), referral.id]))
    })
    .await
}

/// A new follow-up day for `referral`: not before the day it was made.
fn check_follow_up(referral: &Referral, follow_up_on: Option<NaiveDate>) -> Result<()> {
    match follow_up_on {
        Some(day) => validate::not_before("follow up on", day, referral.referred_on, "referral date"),
        None => Ok(()),
    }
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
