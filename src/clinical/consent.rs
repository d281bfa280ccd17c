//! Consent records and the disclosure log: what a client agreed to share and with whom, and every
//! time something was shared, on what basis.
//!
//! A disclosure on the basis of consent must point at a consent of the same client that was
//! active on the day (given, not expired, not withdrawn); one made under a legal duty must say
//! which duty and why. Neither kind of record is deleted: consent is withdrawn, and the log is
//! append-only (a mistaken entry is corrected by a later one saying so).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate;
use crate::registry::generic::{Live, text_enum};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// A consent to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewConsent {
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// What is consented to ("Share session summaries with my GP").
    pub scope: String,
    /// The day consent was given.
    pub given_on: NaiveDate,
    /// The last day it holds, if it expires.
    pub expires_on: Option<NaiveDate>,
    /// Notes (how it was given: signed form, verbal, e-mail).
    pub notes: String,
    /// The lawful basis (GDPR Art. 6(1)); required for a new consent.
    #[serde(default)]
    pub lawful_basis: Option<LawfulBasis>,
    /// The Art. 9(2) condition for health data; required for a client's consent (everything a
    /// practice holds about a client is health data), optional for the owner's own.
    #[serde(default)]
    pub art9_condition: Option<Art9Condition>,
    /// The condition in words, required when `art9_condition` is `Other`.
    #[serde(default)]
    pub art9_other: Option<String>,
}

text_enum! {
    /// The lawful basis of processing, GDPR Art. 6(1) (a)–(f).
    pub enum LawfulBasis {
        /// (a) the person consented.
        Consent = "consent", label: "Consent (Art. 6(1)(a))",
        /// (b) a contract with the person.
        Contract = "contract", label: "Contract (Art. 6(1)(b))",
        /// (c) a legal obligation.
        LegalObligation = "legal_obligation", label: "Legal obligation (Art. 6(1)(c))",
        /// (d) vital interests.
        VitalInterests = "vital_interests", label: "Vital interests (Art. 6(1)(d))",
        /// (e) a public task.
        PublicTask = "public_task", label: "Public task (Art. 6(1)(e))",
        /// (f) legitimate interests.
        LegitimateInterests = "legitimate_interests", label: "Legitimate interests (Art. 6(1)(f))",
    }
}

impl std::str::FromStr for LawfulBasis {
    type Err = Error;

    /// Parses a key as typed (`legal-obligation` and `legal_obligation` both work).
    fn from_str(s: &str) -> Result<Self> {
        let k = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        LawfulBasis::from_key(&k).ok_or_else(|| {
            Error::invalid(
                "lawful basis",
                format!(
                    "“{s}” is not a lawful basis; use one of {}",
                    LawfulBasis::ALL.map(LawfulBasis::key).join(", ")
                ),
            )
        })
    }
}

text_enum! {
    /// The condition of GDPR Art. 9(2) under which health data may be processed, (a)–(j), or
    /// another stated in words.
    pub enum Art9Condition {
        /// (a) explicit consent.
        A = "a", label: "Art. 9(2)(a) explicit consent",
        /// (b) employment, social security and social protection law.
        B = "b", label: "Art. 9(2)(b) employment and social protection law",
        /// (c) vital interests, the person unable to consent.
        C = "c", label: "Art. 9(2)(c) vital interests",
        /// (d) a not-for-profit body, its members.
        D = "d", label: "Art. 9(2)(d) not-for-profit body",
        /// (e) made public by the person.
        E = "e", label: "Art. 9(2)(e) made public by the person",
        /// (f) legal claims or courts.
        F = "f", label: "Art. 9(2)(f) legal claims",
        /// (g) substantial public interest.
        G = "g", label: "Art. 9(2)(g) substantial public interest",
        /// (h) health or social care.
        H = "h", label: "Art. 9(2)(h) health or social care",
        /// (i) public health.
        I = "i", label: "Art. 9(2)(i) public health",
        /// (j) archiving, research or statistics.
        J = "j", label: "Art. 9(2)(j) archiving, research or statistics",
        /// Another condition, stated in words.
        Other = "other", label: "Other",
    }
}

impl std::str::FromStr for Art9Condition {
    type Err = Error;

    /// Parses a key as typed: a letter a–j or `other`.
    fn from_str(s: &str) -> Result<Self> {
        let k = s.trim().to_ascii_lowercase();
        Art9Condition::from_key(&k).ok_or_else(|| {
            Error::invalid(
                "Art. 9 condition",
                format!("“{s}” is not an Art. 9(2) condition; use a letter a–j or other"),
            )
        })
    }
}

/// A stored consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct Consent {
    /// Row id.
    pub id: String,
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// What is consented to.
    pub scope: String,
    /// The day consent was given.
    pub given_on: NaiveDate,
    /// The last day it holds, if it expires.
    pub expires_on: Option<NaiveDate>,
    /// The day it was withdrawn, if it was.
    pub withdrawn_on: Option<NaiveDate>,
    /// Notes.
    pub notes: String,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// The lawful basis; `None` for a consent recorded before bases were kept ("not recorded").
    pub lawful_basis: Option<LawfulBasis>,
    /// The Art. 9(2) condition, if recorded.
    pub art9_condition: Option<Art9Condition>,
    /// The condition in words when it is "other".
    pub art9_other: Option<String>,
}

impl Consent {
    /// The basis as a person reads it: "Consent (Art. 6(1)(a)); Art. 9(2)(a) explicit consent",
    /// or "Basis not recorded" for a consent from before bases were kept.
    pub fn basis_text(&self) -> String {
        let Some(basis) = self.lawful_basis else { return "Basis not recorded".to_owned() };
        match (self.art9_condition, self.art9_other.as_deref()) {
            (None, _) => basis.label().to_owned(),
            (Some(Art9Condition::Other), Some(text)) => format!("{}; Art. 9(2) other: {text}", basis.label()),
            (Some(c), _) => format!("{}; {}", basis.label(), c.label()),
        }
    }

    /// Whether the consent holds on `day`: given by then, not expired, not withdrawn.
    /// Withdrawal takes effect on the day it is recorded for.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.given_on <= day && self.expires_on.is_none_or(|e| day <= e) && self.withdrawn_on.is_none_or(|w| day < w)
    }
}

/// Records a consent.
pub async fn record_consent(vault: &Vault, new: NewConsent) -> Result<Consent> {
    let client_id = validate::client_id(new.client_id.as_deref())?;
    let scope = validate::required_text("scope", &new.scope)?;
    let notes = validate::notes("notes", &new.notes)?;
    if let Some(expires) = new.expires_on {
        validate::not_before("expires on", expires, new.given_on, "day consent was given")?;
    }
    let lawful_basis = new.lawful_basis.ok_or_else(|| {
        Error::invalid("lawful basis", "choose the lawful basis (GDPR Art. 6(1)) this consent rests on")
    })?;
    let art9_other = match (new.art9_condition, new.art9_other.as_deref().map(str::trim).filter(|t| !t.is_empty())) {
        (None, _) if client_id.is_some() => {
            return Err(Error::invalid(
                "Art. 9 condition",
                "a client's record is health data: choose the Art. 9(2) condition (usually (a) explicit consent or (h) health or social care)",
            ));
        }
        (Some(Art9Condition::Other), None) => {
            return Err(Error::invalid("Art. 9 condition", "“other” needs the condition written out"));
        }
        (Some(Art9Condition::Other), Some(text)) => Some(validate::required_line("Art. 9 condition", text)?),
        (_, Some(_)) => {
            return Err(Error::invalid(
                "Art. 9 condition",
                "the words are only for “other”; choose other or clear them",
            ));
        }
        (_, None) => None,
    };
    let sql = "INSERT INTO consents(id, created_at, updated_at, client_id, scope, given_on, expires_on, notes, \
             lawful_basis, art9_condition, art9_other) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    Consent::insert(vault, sql, |id, now| {
        params![
            id,
            now,
            now,
            client_id,
            scope,
            new.given_on,
            new.expires_on,
            notes,
            lawful_basis.key(),
            new.art9_condition.map(Art9Condition::key),
            art9_other
        ]
    })
    .await
}

/// Withdraws a consent from `withdrawn_on`; the record stays, with a note of how if given.
pub async fn withdraw_consent(vault: &Vault, id: &str, withdrawn_on: NaiveDate, note: &str) -> Result<Consent> {
    let note = validate::notes("note", note)?;
    Consent::change(vault, id, move |consent| {
        if let Some(on) = consent.withdrawn_on {
            return Err(Error::ReadOnly { reason: format!("This consent was already withdrawn on {on}.") });
        }
        validate::not_before("withdrawn on", withdrawn_on, consent.given_on, "day consent was given")?;
        let notes = match (consent.notes.is_empty(), note.is_empty()) {
            (_, true) => consent.notes,
            (true, false) => format!("Withdrawn: {note}"),
            (false, false) => format!("{}\n\nWithdrawn: {note}", consent.notes),
        };
        let sql = "UPDATE consents SET withdrawn_on = ?, notes = ?, updated_at = ? WHERE id = ?";
        Ok((sql, params![withdrawn_on, notes, vault::now(), consent.id]))
    })
    .await
}

impl Live for Consent {
    const SELECT: &'static str = "SELECT * FROM consents WHERE id = ?";
    const WHAT: &'static str = "That consent record";
}

/// A client's consents (`None`: the owner's), newest first; only those active on `active_on`
/// if given.
pub async fn list_consents(
    vault: &Vault,
    client_id: Option<&str>,
    active_on: Option<NaiveDate>,
) -> Result<Vec<Consent>> {
    let all: Vec<Consent> = vault
        .fetch_all(
            "SELECT * FROM consents WHERE client_id IS ? ORDER BY given_on DESC, created_at DESC",
            params![client_id],
        )
        .await?;
    Ok(match active_on {
        Some(day) => all.into_iter().filter(|c| c.is_active_on(day)).collect(),
        None => all,
    })
}

/// The disclosures that relied on a consent record, oldest first: what its "Relied on by"
/// line counts and lists.
pub async fn disclosures_relying_on(vault: &Vault, consent_id: &str) -> Result<Vec<Disclosure>> {
    let rows = vault
        .fetch_all::<DisclosureRow>(
            "SELECT * FROM disclosures WHERE consent_id = ? ORDER BY disclosed_on, created_at, rowid",
            params![consent_id],
        )
        .await?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// "Relied on by 1 disclosure", "Relied on by 2 disclosures", "Relied on by no disclosures".
pub fn relied_on_text(count: usize) -> String {
    match count {
        0 => "Relied on by no disclosures".to_owned(),
        1 => "Relied on by 1 disclosure".to_owned(),
        n => format!("Relied on by {n} disclosures"),
    }
}

/// Why something was shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum DisclosureBasis {
    /// The client consented: the consent record that covers it.
    Consent {
        /// Id of the consent record.
        consent_id: String,
    },
    /// A legal duty required it (safeguarding, a court order): which, and why it applied.
    LegalDuty {
        /// The duty and the reasoning.
        explanation: String,
    },
    /// A lawful basis other than consent (GDPR Art. 6(1)(b)–(f)), as chosen: stored as itself,
    /// not as a legal duty (docs/decisions.md 52).
    LawfulBasis {
        /// Which one (never `consent`: a disclosure on consent names the consent record).
        lawful_basis: LawfulBasis,
    },
}

impl DisclosureBasis {
    /// The basis as a person reads it, without the consent's scope (which the reader looks up):
    /// "Legitimate interests (Art. 6(1)(f)), without consent", or a legal duty's own words.
    pub fn text(&self) -> String {
        match self {
            DisclosureBasis::Consent { .. } => "Consent".to_owned(),
            DisclosureBasis::LegalDuty { explanation } => format!("Legal duty: {explanation}"),
            DisclosureBasis::LawfulBasis { lawful_basis } => format!("{}, without consent", lawful_basis.label()),
        }
    }
}

/// A disclosure to log.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewDisclosure {
    /// The client whose information was shared, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// What was shared.
    pub what: String,
    /// To whom.
    pub recipient: String,
    /// When.
    pub disclosed_on: NaiveDate,
    /// On what basis.
    pub basis: DisclosureBasis,
    /// Notes.
    pub notes: String,
}

/// A logged disclosure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Disclosure {
    /// Row id.
    pub id: String,
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// What was shared.
    pub what: String,
    /// To whom.
    pub recipient: String,
    /// When.
    pub disclosed_on: NaiveDate,
    /// On what basis.
    pub basis: DisclosureBasis,
    /// Notes.
    pub notes: String,
    /// When it was logged.
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct DisclosureRow {
    id: String,
    client_id: Option<String>,
    what: String,
    recipient: String,
    disclosed_on: NaiveDate,
    basis: String,
    consent_id: Option<String>,
    legal_basis: Option<String>,
    lawful_basis: Option<LawfulBasis>,
    notes: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<DisclosureRow> for Disclosure {
    type Error = Error;

    fn try_from(r: DisclosureRow) -> Result<Self> {
        let basis = match (r.basis.as_str(), r.consent_id, r.legal_basis) {
            ("consent", Some(consent_id), _) => DisclosureBasis::Consent { consent_id },
            ("legal_duty", _, Some(explanation)) => DisclosureBasis::LegalDuty { explanation },
            ("lawful_basis", _, _) if r.lawful_basis.is_some_and(|b| b != LawfulBasis::Consent) => {
                DisclosureBasis::LawfulBasis { lawful_basis: r.lawful_basis.unwrap_or(LawfulBasis::Contract) }
            }
            _ => return Err(Error::damaged(format!("the stored disclosure {}", r.id))),
        };
        Ok(Disclosure {
            id: r.id,
            client_id: r.client_id,
            what: r.what,
            recipient: r.recipient,
            disclosed_on: r.disclosed_on,
            basis,
            notes: r.notes,
            created_at: r.created_at,
        })
    }
}

/// Checks a disclosure as [`log_disclosure`] would, writing nothing: the export uses it to
/// refuse before a file leaves the vault.
pub async fn check_disclosure(vault: &Vault, new: &NewDisclosure) -> Result<()> {
    let client_id = validate::client_id(new.client_id.as_deref())?;
    validate::required_text("what was shared", &new.what)?;
    validate::required_line("shared with", &new.recipient)?;
    match &new.basis {
        DisclosureBasis::Consent { consent_id } => {
            let consent = vault.fetch_optional(Consent::SELECT, params![consent_id]).await?;
            relied_on(consent, &client_id, new.disclosed_on)
        }
        DisclosureBasis::LegalDuty { explanation } => validate::required_text("legal duty", explanation).map(drop),
        DisclosureBasis::LawfulBasis { lawful_basis } => not_consent(*lawful_basis),
    }
}

fn not_consent(basis: LawfulBasis) -> Result<()> {
    if basis == LawfulBasis::Consent {
        return Err(Error::invalid(
            "basis",
            "for consent, choose the client's consent record itself, not the lawful basis",
        ));
    }
    Ok(())
}

/// A disclosure on consent relies on `consent`: it must be the client's and in force on the day.
fn relied_on(consent: Option<Consent>, client_id: &Option<String>, on: NaiveDate) -> Result<()> {
    let consent = consent
        .filter(|c| &c.client_id == client_id)
        .ok_or_else(|| Error::invalid("consent", "is not one of this client's consent records"))?;
    if consent.is_active_on(on) {
        return Ok(());
    }
    // Which of the three: it used to say "(not yet given, expired or withdrawn)" and leave the
    // person to find out.
    let why = match (consent.withdrawn_on, consent.expires_on) {
        _ if consent.given_on > on => format!("it is recorded as given on {}", consent.given_on),
        (Some(w), _) if w <= on => format!("it was withdrawn on {w}"),
        (_, Some(e)) => format!("it expired on {e}"),
        _ => "it did not hold that day".to_owned(),
    };
    Err(Error::invalid(
        "consent",
        format!(
            "“{}” was not in force on {on}: {why}. Record the consent the client gives now, or choose another basis",
            consent.scope
        ),
    ))
}

/// Logs a disclosure. Consent must belong to the same client and be active on the day.
pub async fn log_disclosure(vault: &Vault, new: NewDisclosure) -> Result<Disclosure> {
    let client_id = validate::client_id(new.client_id.as_deref())?;
    let what = validate::required_text("what was shared", &new.what)?;
    let recipient = validate::required_line("shared with", &new.recipient)?;
    let notes = validate::notes("notes", &new.notes)?;
    let (consent_id, legal_basis, lawful_basis) = match new.basis {
        DisclosureBasis::Consent { consent_id } => (Some(consent_id), None, None),
        DisclosureBasis::LegalDuty { explanation } => {
            (None, Some(validate::required_text("legal duty", &explanation)?), None)
        }
        DisclosureBasis::LawfulBasis { lawful_basis } => {
            not_consent(lawful_basis)?;
            (None, None, Some(lawful_basis))
        }
    };
    let on = new.disclosed_on;
    vault
        .write(move |w| {
            Box::pin(async move {
                if let Some(consent_id) = &consent_id {
                    relied_on(w.fetch_optional(Consent::SELECT, params![consent_id]).await?, &client_id, on)?;
                }
                let id = vault::new_id();
                if let Some(lawful_basis) = lawful_basis {
                    // Its own statement: the one below stays word for word for older change logs.
                    w.exec(
                        "INSERT INTO disclosures(id, created_at, client_id, what, recipient, disclosed_on, basis, \
                         lawful_basis, notes) VALUES (?, ?, ?, ?, ?, ?, 'lawful_basis', ?, ?)",
                        params![id.clone(), vault::now(), client_id, what, recipient, on, lawful_basis.key(), notes],
                    )
                    .await?;
                } else {
                    w.exec(
                        "INSERT INTO disclosures(id, created_at, client_id, what, recipient, disclosed_on, basis, \
                         consent_id, legal_basis, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        params![
                            id.clone(),
                            vault::now(),
                            client_id,
                            what,
                            recipient,
                            on,
                            if consent_id.is_some() { "consent" } else { "legal_duty" },
                            consent_id,
                            legal_basis,
                            notes
                        ],
                    )
                    .await?;
                }
                w.fetch_one::<DisclosureRow>("SELECT * FROM disclosures WHERE id = ?", params![id]).await?.try_into()
            })
        })
        .await
}

/// A client's disclosure log (`None`: the owner's), newest first.
pub async fn list_disclosures(vault: &Vault, client_id: Option<&str>) -> Result<Vec<Disclosure>> {
    let rows = vault
        .fetch_all::<DisclosureRow>(
            "SELECT * FROM disclosures WHERE client_id IS ? ORDER BY disclosed_on DESC, created_at DESC, rowid DESC",
            params![client_id],
        )
        .await?;
    rows.into_iter().map(TryInto::try_into).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn active_means_given_not_expired_not_withdrawn() {
        let mut c = Consent {
            id: "c".into(),
            client_id: None,
            scope: "GP letters".into(),
            given_on: day("2026-01-10"),
            expires_on: Some(day("2026-12-31")),
            withdrawn_on: None,
            notes: String::new(),
            created_at: Utc::now(),
            lawful_basis: None,
            art9_condition: None,
            art9_other: None,
        };
        assert_eq!(c.basis_text(), "Basis not recorded");
        c.lawful_basis = Some(LawfulBasis::Consent);
        c.art9_condition = Some(Art9Condition::A);
        assert_eq!(c.basis_text(), "Consent (Art. 6(1)(a)); Art. 9(2)(a) explicit consent");
        c.art9_condition = Some(Art9Condition::Other);
        c.art9_other = Some("Schedule 1 para 6 DPA 2018".into());
        assert_eq!(c.basis_text(), "Consent (Art. 6(1)(a)); Art. 9(2) other: Schedule 1 para 6 DPA 2018");
        assert!(!c.is_active_on(day("2026-01-09")));
        assert!(c.is_active_on(day("2026-01-10")));
        assert!(c.is_active_on(day("2026-12-31")));
        assert!(!c.is_active_on(day("2027-01-01")));
        c.withdrawn_on = Some(day("2026-06-01"));
        assert!(c.is_active_on(day("2026-05-31")));
        assert!(!c.is_active_on(day("2026-06-01")));
    }
}
