//! How long a client's record is kept (issue 13, deliverable 1; docs/decisions.md 51).
//!
//! - **The practice's rule** (settings key `retention`): keep a record for `years_after_last_contact`
//!   years after the last contact (default 7); for someone who was young, also until they reach
//!   `minors_until_age` (default 25) — whichever is later. The age part needs the client's date
//!   of birth; without one only the years count.
//! - **Last contact**: the latest of the day the client was closed, the day of their latest
//!   session note (not in the trash), and the local day of their latest session marked attended
//!   (in the appointment's own time zone). A client with none of these counts from the day their
//!   record was made.
//! - **Retention runs from closing**: a client who is active or paused has no end of retention
//!   (the record is in use). Closing records the day (`client_retention.closed_on`): the end date
//!   the mentor gave, or today.
//! - **A client's override**: a number of years instead of the practice's (the age rule still
//!   applies), or a date that replaces the whole rule (a longer hold, a court's order).
//! - Retention has **ended** on and after the day it ends on.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::clients::ClientStatus;
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// The practice's retention rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    /// Years a record is kept after the last contact.
    pub years_after_last_contact: u32,
    /// For a client with a date of birth: kept at least until they reach this age.
    pub minors_until_age: u32,
}

impl Default for RetentionRule {
    fn default() -> Self {
        Self { years_after_last_contact: 7, minors_until_age: 25 }
    }
}

/// A client's own retention, replacing part or all of the practice's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum RetentionOverride {
    /// Keep for this many years after the last contact (the age rule still applies).
    Years(u32),
    /// Keep until this day, whatever the rule says.
    Until(NaiveDate),
}

/// What the last contact with a client was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LastContactKind {
    /// The day the client was closed.
    Closed,
    /// A session note's day.
    SessionNote,
    /// A session marked attended.
    AttendedSession,
    /// Nothing else: the day the record was made.
    RecordMade,
}

/// One client's retention, worked out for a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ClientRetention {
    /// The client's id.
    pub client_id: String,
    /// The client's name.
    pub name: String,
    /// Their status.
    pub status: ClientStatus,
    /// The day they were closed (closed clients only).
    pub closed_on: Option<NaiveDate>,
    /// The day of the last contact.
    pub last_contact: NaiveDate,
    /// What that last contact was.
    pub last_contact_kind: LastContactKind,
    /// The client's own override, if any.
    pub override_rule: Option<RetentionOverride>,
    /// The day retention ends: `None` while the client is not closed.
    pub ends_on: Option<NaiveDate>,
    /// Whether retention has ended (on or after `ends_on`).
    pub ended: bool,
}

/// Longest retention a person may set, in years (and the oldest age).
const MAX_YEARS: u32 = 100;

/// The practice's retention rule: the default (7 years, minors until 25) until saved, and in a
/// vault whose stored value this program cannot read.
pub async fn retention_rule(vault: &Vault) -> Result<RetentionRule> {
    let row: Option<(String,)> =
        vault.fetch_optional("SELECT value FROM settings WHERE key = 'retention'", params![]).await?;
    Ok(row.and_then(|(json,)| serde_json::from_str::<RetentionRule>(&json).ok()).unwrap_or_default())
}

/// Saves the practice's retention rule. Years must be 1–100 and the age 1–100.
pub async fn set_retention_rule(vault: &Vault, rule: RetentionRule) -> Result<RetentionRule> {
    if !(1..=MAX_YEARS).contains(&rule.years_after_last_contact) {
        return Err(Error::invalid(
            "Years after the last contact",
            format!("{} is not a number of years from 1 to {MAX_YEARS}", rule.years_after_last_contact),
        ));
    }
    if !(1..=MAX_YEARS).contains(&rule.minors_until_age) {
        return Err(Error::invalid("Age", format!("{} is not an age from 1 to {MAX_YEARS}", rule.minors_until_age)));
    }
    let value = super::to_json(&rule)?;
    vault
        .exec(
            "INSERT INTO settings (key, value) VALUES ('retention', ?1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![value],
        )
        .await?;
    Ok(rule)
}

/// Sets (or with `None`, clears) a client's own retention. A client in the trash must be
/// restored first.
pub async fn set_client_retention_override(
    vault: &Vault,
    client_id: &str,
    rule: Option<RetentionOverride>,
) -> Result<()> {
    let (years, until) = match rule {
        None => (None, None),
        Some(RetentionOverride::Years(y)) => {
            if !(1..=MAX_YEARS).contains(&y) {
                return Err(Error::invalid("Years", format!("{y} is not a number of years from 1 to {MAX_YEARS}")));
            }
            (Some(i64::from(y)), None)
        }
        Some(RetentionOverride::Until(day)) => (None, Some(super::check_day("Keep until", day)?)),
    };
    let (id, now) = (client_id.to_owned(), vault::now());
    vault
        .write(move |w| {
            Box::pin(async move {
                super::live_client(w, &id).await?;
                w.exec(
                    "INSERT INTO client_retention (client_id, override_years, override_until, updated_at) \
                     VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (client_id) DO UPDATE SET override_years = excluded.override_years, \
                     override_until = excluded.override_until, updated_at = excluded.updated_at",
                    params![id.as_str(), years, until, now],
                )
                .await?;
                Ok(())
            })
        })
        .await
}

/// Keeps `client_retention.closed_on` in step with a client's status, inside the write that
/// changes it: becoming closed (or staying closed with a new end date) records the end date or
/// `today`; leaving closed clears it.
pub(crate) async fn record_status_change(
    w: &mut Writer<'_>,
    client_id: &str,
    was: Option<(ClientStatus, Option<NaiveDate>)>,
    now: (ClientStatus, Option<NaiveDate>),
    today: NaiveDate,
) -> Result<()> {
    let stamp = vault::now();
    let was_closed = was.is_some_and(|(s, _)| s == ClientStatus::Closed);
    match now {
        (ClientStatus::Closed, end) if !was_closed || was.is_some_and(|(_, e)| e != end) => {
            w.exec(
                "INSERT INTO client_retention (client_id, closed_on, updated_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (client_id) DO UPDATE SET closed_on = excluded.closed_on, updated_at = excluded.updated_at",
                params![client_id, end.unwrap_or(today), stamp],
            )
            .await?;
        }
        (status, _) if status != ClientStatus::Closed && was_closed => {
            w.exec(
                "UPDATE client_retention SET closed_on = NULL, updated_at = ?2 WHERE client_id = ?1",
                params![client_id, stamp],
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// What the retention query reads about each client.
#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name: String,
    status: ClientStatus,
    date_of_birth: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    closed_on: Option<NaiveDate>,
    override_years: Option<i64>,
    override_until: Option<NaiveDate>,
    last_note: Option<NaiveDate>,
    last_attended: Option<String>,
    last_attended_zone: Option<String>,
}

const SELECT_RETENTION: &str = "SELECT c.id, c.name, c.status, c.date_of_birth, c.created_at,
        r.closed_on, r.override_years, r.override_until,
        (SELECT max(n.session_date) FROM session_notes n WHERE n.client_id = c.id AND n.deleted_at IS NULL) AS last_note,
        a.at AS last_attended, a.zone AS last_attended_zone
     FROM clients c
     LEFT JOIN client_retention r ON r.client_id = c.id
     LEFT JOIN (SELECT ap.client_id AS client_id, max(coalesce(e.starts_at, e.occurrence_start)) AS at, ap.time_zone AS zone
                FROM appointment_exceptions e JOIN appointments ap ON ap.id = e.appointment_id
                WHERE e.status = 'attended' AND ap.deleted_at IS NULL
                GROUP BY ap.client_id) a ON a.client_id = c.id";

impl Row {
    fn retention(self, rule: RetentionRule, today: NaiveDate) -> ClientRetention {
        let attended = self.last_attended.as_deref().and_then(|at| {
            let at = DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc);
            let zone = super::recurrence::parse_zone(self.last_attended_zone.as_deref().unwrap_or("UTC")).ok()?;
            Some(at.with_timezone(&zone).date_naive())
        });
        let closed_on = if self.status == ClientStatus::Closed { self.closed_on } else { None };
        let candidates = [
            (closed_on, LastContactKind::Closed),
            (self.last_note, LastContactKind::SessionNote),
            (attended, LastContactKind::AttendedSession),
        ];
        // The latest; on a tie the earlier kind in the list names it (closing is the clearest).
        let (last_contact, last_contact_kind) = candidates
            .iter()
            .filter_map(|(d, k)| d.map(|d| (d, *k)))
            .fold(None, |best: Option<(NaiveDate, LastContactKind)>, (d, k)| match best {
                Some((b, _)) if b >= d => best,
                _ => Some((d, k)),
            })
            .unwrap_or((self.created_at.date_naive(), LastContactKind::RecordMade));
        let override_rule = match (self.override_years, self.override_until) {
            (_, Some(day)) => Some(RetentionOverride::Until(day)),
            (Some(y), None) => u32::try_from(y).ok().map(RetentionOverride::Years),
            (None, None) => None,
        };
        let ends_on = (self.status == ClientStatus::Closed)
            .then(|| ends_on(rule, override_rule, last_contact, self.date_of_birth));
        ClientRetention {
            client_id: self.id,
            name: self.name,
            status: self.status,
            closed_on,
            last_contact,
            last_contact_kind,
            override_rule,
            ends_on,
            ended: ends_on.is_some_and(|d| d <= today),
        }
    }
}

/// The day retention ends for a closed client: the override's day if it has one; otherwise the
/// last contact plus the years (the client's or the practice's), or the day they reach the
/// practice's age, whichever is later. Years are calendar years (29 February → 28 February).
pub fn ends_on(
    rule: RetentionRule,
    override_rule: Option<RetentionOverride>,
    last_contact: NaiveDate,
    date_of_birth: Option<NaiveDate>,
) -> NaiveDate {
    let years = match override_rule {
        Some(RetentionOverride::Until(day)) => return day,
        Some(RetentionOverride::Years(y)) => y,
        None => rule.years_after_last_contact,
    };
    let plus = |day: NaiveDate, years: u32| day.checked_add_months(Months::new(years * 12)).unwrap_or(NaiveDate::MAX);
    let after_contact = plus(last_contact, years);
    match date_of_birth {
        Some(dob) => after_contact.max(plus(dob, rule.minors_until_age)),
        None => after_contact,
    }
}

/// One client's retention on `today` (a client in the trash included).
pub async fn client_retention(vault: &Vault, client_id: &str, today: NaiveDate) -> Result<ClientRetention> {
    let rule = retention_rule(vault).await?;
    let rows: Vec<Row> = vault.fetch_all(SELECT_RETENTION, params![]).await?;
    rows.into_iter()
        .find(|r| r.id == client_id)
        .map(|r| r.retention(rule, today))
        .ok_or(Error::NotFound { what: "That client" })
}

/// Closed clients (in the trash or not) whose retention has ended by `today`, the longest ended
/// first (then by name).
pub async fn retention_ended(vault: &Vault, today: NaiveDate) -> Result<Vec<ClientRetention>> {
    let rule = retention_rule(vault).await?;
    let rows: Vec<Row> = vault.fetch_all(SELECT_RETENTION, params![]).await?;
    let mut ended: Vec<ClientRetention> =
        rows.into_iter().map(|r| r.retention(rule, today)).filter(|r| r.ended).collect();
    ended.sort_by(|a, b| a.ends_on.cmp(&b.ends_on).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    Ok(ended)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn the_later_of_years_and_age_and_an_override_date_replaces_both() {
        let rule = RetentionRule::default();
        assert_eq!(ends_on(rule, None, day(2019, 2, 3), None), day(2026, 2, 3));
        // Seen at 15 (born 2004): 25 in 2029 is later than 2019 + 7.
        assert_eq!(ends_on(rule, None, day(2019, 2, 3), Some(day(2004, 6, 1))), day(2029, 6, 1));
        // An adult: the years win.
        assert_eq!(ends_on(rule, None, day(2019, 2, 3), Some(day(1980, 6, 1))), day(2026, 2, 3));
        assert_eq!(ends_on(rule, Some(RetentionOverride::Years(10)), day(2019, 2, 3), None), day(2029, 2, 3));
        assert_eq!(
            ends_on(rule, Some(RetentionOverride::Until(day(2020, 1, 1))), day(2019, 2, 3), Some(day(2004, 6, 1))),
            day(2020, 1, 1)
        );
        assert_eq!(ends_on(rule, None, day(2020, 2, 29), None), day(2027, 2, 28));
    }
}
