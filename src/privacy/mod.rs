//! The practice's privacy duties that are not about one client: the practice (controller)
//! details and the record of processing activities (GDPR Art. 30), built from the vault's own
//! settings and data ([`record_of_processing`]). The printable document is
//! `export::export_record_of_processing`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::practice::{SHORT_TEXT, from_json, optional_text, required_text, to_json};
use crate::vault::Vault;
use crate::{Result, params};

/// Who is responsible for the data (the controller) and how long records are kept, as the
/// mentor writes them in Settings › Privacy. Kept under the settings key `practice_details`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PracticeDetails {
    /// The practice or the mentor's name as the controller ("Riverside Mentoring, Alex Rowe").
    pub controller: String,
    /// The postal address (several lines).
    #[serde(default)]
    pub address: String,
    /// How to reach the controller about data (e-mail or phone).
    #[serde(default)]
    pub contact: String,
    /// A registration with a data protection authority or professional body, if any.
    #[serde(default)]
    pub registration: String,
    /// How long records are kept, in the mentor's own words (optional): printed in the record of
    /// processing under the practice's retention rule (Settings › Record retention).
    #[serde(default)]
    pub retention_statement: String,
}

impl PracticeDetails {
    fn validated(self) -> Result<PracticeDetails> {
        Ok(PracticeDetails {
            controller: required_text("Controller", &self.controller, SHORT_TEXT)?,
            address: optional_text("Address", Some(&self.address), 2_000)?.unwrap_or_default(),
            contact: optional_text("Contact", Some(&self.contact), SHORT_TEXT)?.unwrap_or_default(),
            registration: optional_text("Registration", Some(&self.registration), SHORT_TEXT)?.unwrap_or_default(),
            retention_statement: optional_text("Retention", Some(&self.retention_statement), 2_000)?
                .unwrap_or_default(),
        })
    }
}

/// The practice details as saved; `None` until saved.
pub async fn practice_details(vault: &Vault) -> Result<Option<PracticeDetails>> {
    let row: Option<(String,)> =
        vault.fetch_optional("SELECT value FROM settings WHERE key = 'practice_details'", params![]).await?;
    row.map(|(json,)| from_json(&json, "practice details")).transpose()
}

/// Saves the practice details (replacing the earlier ones). The controller's name is required.
pub async fn set_practice_details(vault: &Vault, details: PracticeDetails) -> Result<PracticeDetails> {
    let details = details.validated()?;
    let value = to_json(&details)?;
    vault
        .write(move |w| {
            Box::pin(async move {
                w.exec(
                    "INSERT INTO settings (key, value) VALUES ('practice_details', ?1) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![value],
                )
                .await
            })
        })
        .await?;
    Ok(details)
}

/// One line of a table in the record: what, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counted {
    /// What is counted ("Session notes").
    pub what: String,
    /// How many the vault holds (the trash included: it is still held until purged).
    pub count: u64,
    /// Whether it is health data (a special category, GDPR Art. 9).
    pub health: bool,
}

/// A recipient named in the disclosure log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    /// To whom, as logged.
    pub name: String,
    /// How many disclosures went to them.
    pub disclosures: u64,
    /// The last day something went to them.
    pub last_on: NaiveDate,
}

/// The record of processing activities (GDPR Art. 30(1)), from the vault's own settings and data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordOfProcessing {
    /// The day it was made (local).
    pub made_on: NaiveDate,
    /// The controller: practice details, else the billing business details, else `None`.
    pub controller: Option<PracticeDetails>,
    /// Where the controller's details came from ("the practice details", or the billing
    /// settings'), in words true of a vault kept from the window or from the command line.
    pub controller_source: &'static str,
    /// Why the data is processed, derived from what the vault holds.
    pub purposes: Vec<String>,
    /// The lawful bases recorded on consent records, with how many consents name each.
    pub consent_bases: Vec<(String, u64)>,
    /// Whose data is held, with counts.
    pub data_subjects: Vec<Counted>,
    /// What data is held, with counts; only kinds of record the vault holds.
    pub data: Vec<Counted>,
    /// Who received data, from the disclosure log.
    pub recipients: Vec<Recipient>,
    /// Contacts share files are exchanged with (each share sent is also in the log).
    pub share_contacts: u64,
    /// The practice's retention rule (Settings › Record retention; the default until changed).
    pub retention_rule: crate::practice::retention::RetentionRule,
    /// How long records are kept, in the mentor's own words from the practice details, if written.
    pub retention: Option<String>,
}

/// Counts of everything the record names, in one query.
#[derive(sqlx::FromRow)]
struct Counts {
    clients: i64,
    emergency_contacts: i64,
    record_notes: i64,
    private_notes: i64,
    addenda: i64,
    goals: i64,
    appointments: i64,
    measures: i64,
    risk_flags: i64,
    safety_plans: i64,
    consents: i64,
    disclosures: i64,
    referrals: i64,
    received_items: i64,
    invoices: i64,
    payments: i64,
    contacts: i64,
    professional: i64,
    supervision: i64,
}

const COUNTS: &str = "SELECT
    (SELECT count(*) FROM clients) AS clients,
    (SELECT count(*) FROM clients WHERE emergency_name IS NOT NULL AND emergency_name <> '') AS emergency_contacts,
    (SELECT count(*) FROM session_notes WHERE private = 0) AS record_notes,
    (SELECT count(*) FROM session_notes WHERE private = 1) AS private_notes,
    (SELECT count(*) FROM note_addenda) AS addenda,
    (SELECT count(*) FROM goals WHERE client_id IS NOT NULL) AS goals,
    (SELECT count(*) FROM appointments) AS appointments,
    (SELECT count(*) FROM measure_administrations WHERE client_id IS NOT NULL) AS measures,
    (SELECT count(*) FROM risk_flags WHERE client_id IS NOT NULL) AS risk_flags,
    (SELECT count(*) FROM safety_plans WHERE client_id IS NOT NULL) AS safety_plans,
    (SELECT count(*) FROM consents WHERE client_id IS NOT NULL) AS consents,
    (SELECT count(*) FROM disclosures WHERE client_id IS NOT NULL) AS disclosures,
    (SELECT count(*) FROM referrals WHERE client_id IS NOT NULL) AS referrals,
    (SELECT count(*) FROM received_items i JOIN contacts c ON c.id = i.contact_id WHERE c.role = 'my_client') AS received_items,
    (SELECT count(*) FROM billing_invoices) AS invoices,
    (SELECT count(*) FROM billing_payments) AS payments,
    (SELECT count(*) FROM contacts) AS contacts,
    (SELECT count(*) FROM credentials) + (SELECT count(*) FROM training_records) AS professional,
    (SELECT count(*) FROM supervision_notes) AS supervision";

fn n(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

/// Builds the record of processing from the vault: the controller from the practice details
/// (or the billing business details), purposes from what is held, data subjects and categories
/// of data with counts (only kinds the vault holds), recipients from the disclosure log,
/// retention from the practice's retention rule and the mentor's own words in the practice details.
pub async fn record_of_processing(vault: &Vault) -> Result<RecordOfProcessing> {
    let c: Counts = vault.fetch_one(COUNTS, params![]).await?;
    let details = practice_details(vault).await?;
    let billing = crate::billing::billing_settings(vault).await?;
    let (controller, controller_source) = match (&details, &billing) {
        (Some(d), _) => (Some(d.clone()), "the practice details"),
        (None, Some(b)) if !b.business.name.trim().is_empty() => (
            Some(PracticeDetails {
                controller: b.business.name.clone(),
                address: b.business.address.clone(),
                contact: b.business.email.clone().unwrap_or_default(),
                ..PracticeDetails::default()
            }),
            "the business details of the billing settings: no practice details are recorded",
        ),
        _ => (None, ""),
    };

    let mut purposes = Vec::new();
    if c.clients > 0 {
        purposes.push(
            "Providing mentoring and care to clients: keeping the record of sessions, goals, outcome measures, \
             risk and safety plans."
                .to_owned(),
        );
    }
    if c.private_notes > 0 {
        purposes.push("The mentor's private process notes, kept apart from the clinical record.".to_owned());
    }
    if c.appointments > 0 {
        purposes.push("Arranging sessions (appointments and reminders).".to_owned());
    }
    if billing.is_some() || c.invoices > 0 {
        purposes.push("Billing clients for sessions (invoices and payments).".to_owned());
    }
    if c.disclosures > 0 {
        purposes.push(
            "Sharing a client's information with others when the client consents or another lawful basis \
             applies (each time is in the disclosure log)."
                .to_owned(),
        );
    }
    if c.contacts > 0 {
        purposes.push("Exchanging end-to-end encrypted share files with clients and colleagues.".to_owned());
    }
    if c.supervision > 0 || c.professional > 0 {
        purposes.push("Keeping the mentor's professional record (credentials, training, supervision).".to_owned());
    }

    let bases: Vec<(Option<String>, i64)> = vault
        .fetch_all(
            "SELECT lawful_basis, count(*) FROM consents WHERE client_id IS NOT NULL \
             GROUP BY lawful_basis ORDER BY lawful_basis IS NULL, lawful_basis",
            params![],
        )
        .await?;
    let consent_bases = bases
        .into_iter()
        .map(|(key, count)| {
            let label = key
                .and_then(|k| k.parse::<crate::clinical::LawfulBasis>().ok())
                .map_or("Basis not recorded", crate::clinical::LawfulBasis::label);
            (label.to_owned(), n(count))
        })
        .collect();

    let counted = |what: &str, count: i64, health: bool| Counted { what: what.to_owned(), count: n(count), health };
    let data_subjects: Vec<Counted> = [
        counted("Clients", c.clients, false),
        counted("Clients' emergency contacts", c.emergency_contacts, false),
        counted("Contacts share files are exchanged with", c.contacts, false),
    ]
    .into_iter()
    .filter(|s| s.count > 0)
    .collect();
    let data: Vec<Counted> = [
        counted("Client details (name, contact details, date of birth, needs)", c.clients, false),
        counted("Session notes", c.record_notes, true),
        counted("Addenda to session notes", c.addenda, true),
        counted("Private notes (not part of the record)", c.private_notes, true),
        counted("Goals and action plans", c.goals, true),
        counted("Appointments", c.appointments, false),
        counted("Outcome measures", c.measures, true),
        counted("Risk flags", c.risk_flags, true),
        counted("Safety plans (versions)", c.safety_plans, true),
        counted("Consent records", c.consents, false),
        counted("Disclosure log entries", c.disclosures, false),
        counted("Referrals", c.referrals, true),
        counted("Items received from clients", c.received_items, true),
        counted("Invoices", c.invoices, false),
        counted("Payments", c.payments, false),
        counted("Supervision notes", c.supervision, true),
    ]
    .into_iter()
    .filter(|d| d.count > 0)
    .collect();

    let rows: Vec<(String, i64, NaiveDate)> = vault
        .fetch_all(
            "SELECT recipient, count(*), max(disclosed_on) FROM disclosures WHERE client_id IS NOT NULL \
             GROUP BY recipient ORDER BY count(*) DESC, recipient",
            params![],
        )
        .await?;
    let recipients =
        rows.into_iter().map(|(name, count, last_on)| Recipient { name, disclosures: n(count), last_on }).collect();

    Ok(RecordOfProcessing {
        made_on: crate::clock::today_local(),
        controller,
        controller_source,
        purposes,
        consent_bases,
        data_subjects,
        data,
        recipients,
        share_contacts: n(c.contacts),
        retention_rule: crate::practice::retention::retention_rule(vault).await?,
        retention: details.map(|d| d.retention_statement).filter(|r| !r.trim().is_empty()),
    })
}
