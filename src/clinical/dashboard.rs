//! The clinical part of the mentor's dashboard in one call: what needs attention today across
//! every client (and the vault owner). Each list is also available on its own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Credential, MeasureDue, Referral, RiskFlag};
use crate::Result;
use crate::vault::Vault;

/// How far ahead credential renewals show on the dashboard.
pub const RENEWAL_NOTICE_DAYS: u32 = 60;

/// What needs attention on a given day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ClinicalAttention {
    /// Open risk flags, high first.
    pub open_risk_flags: Vec<RiskFlag>,
    /// Scheduled measures due or overdue, most overdue first.
    pub measures_due: Vec<MeasureDue>,
    /// Referrals in progress whose follow-up day has come.
    pub referral_follow_ups: Vec<Referral>,
    /// Credentials expired or expiring within [`RENEWAL_NOTICE_DAYS`].
    pub credentials_expiring: Vec<Credential>,
}

/// Everything clinical that needs attention on `today`.
pub async fn clinical_attention(vault: &Vault, today: NaiveDate) -> Result<ClinicalAttention> {
    Ok(ClinicalAttention {
        open_risk_flags: super::list_open_risk_flags(vault).await?,
        measures_due: super::list_measures_due(vault, today).await?,
        referral_follow_ups: super::list_referral_follow_ups_due(vault, today).await?,
        credentials_expiring: super::list_credentials_expiring(vault, today, RENEWAL_NOTICE_DAYS).await?,
    })
}
