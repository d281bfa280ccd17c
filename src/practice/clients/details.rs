//! What a mentor enters about a client — status, contact and emergency details, needs — and
//! how it is checked before anything is written.

use crate::registry::generic::text_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Client;
use crate::practice::{LONG_TEXT, SHORT_TEXT, check_day, check_order, long_text, normalise_tags};
use crate::practice::{optional_text, required_text};
use crate::{Error, Result};

text_enum! {
    /// Where a mentor and client are in their work together.
    #[derive(Default)]
    pub enum ClientStatus {
        /// Currently being seen.
        #[default]
        Active = "active",
        /// On a break; expected to resume.
        Paused = "paused",
        /// Work has ended.
        Closed = "closed",
    }
}

/// How to reach a client.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
#[serde(default)]
pub struct ContactDetails {
    /// Phone number, as the mentor writes it.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Postal address (may span lines).
    pub address: Option<String>,
}

/// Who to call in an emergency.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
#[serde(default)]
pub struct EmergencyContact {
    /// Their name.
    #[sqlx(rename = "emergency_name")]
    pub name: Option<String>,
    /// How they relate to the client ("sister", "support worker").
    #[sqlx(rename = "emergency_relationship")]
    pub relationship: Option<String>,
    /// Their phone number.
    #[sqlx(rename = "emergency_phone")]
    pub phone: Option<String>,
}

/// Everything a mentor enters about a client, to add one. Updates take a
/// [`ClientPatch`](super::ClientPatch) of only the fields that change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ClientDetails {
    /// Full name (required).
    pub name: String,
    /// The name they like to be called.
    pub preferred_name: Option<String>,
    /// Pronouns.
    pub pronouns: Option<String>,
    /// Date of birth.
    pub date_of_birth: Option<NaiveDate>,
    /// Phone, e-mail, address.
    pub contact: ContactDetails,
    /// Emergency contact.
    pub emergency_contact: EmergencyContact,
    /// Cultural needs.
    pub cultural_needs: Option<String>,
    /// Access needs.
    pub access_needs: Option<String>,
    /// Status.
    pub status: ClientStatus,
    /// When the work began.
    pub start_date: Option<NaiveDate>,
    /// When it ended.
    pub end_date: Option<NaiveDate>,
    /// General notes.
    pub notes: String,
    /// Tags.
    pub tags: Vec<String>,
}

/// A new client.
pub type NewClient = ClientDetails;

impl From<&Client> for ClientDetails {
    fn from(c: &Client) -> Self {
        ClientDetails {
            name: c.name.clone(),
            preferred_name: c.preferred_name.clone(),
            pronouns: c.pronouns.clone(),
            date_of_birth: c.date_of_birth,
            contact: c.contact.clone(),
            emergency_contact: c.emergency_contact.clone(),
            cultural_needs: c.cultural_needs.clone(),
            access_needs: c.access_needs.clone(),
            status: c.status,
            start_date: c.start_date,
            end_date: c.end_date,
            notes: c.notes.clone(),
            tags: c.tags.clone(),
        }
    }
}

impl ClientDetails {
    /// Checks and cleans every field; the error names the first field at fault.
    pub(super) fn validated(self, today: NaiveDate) -> Result<ClientDetails> {
        let short = |field: &str, v: Option<String>| optional_text(field, v.as_deref(), SHORT_TEXT);
        let long = |field: &str, v: Option<String>| optional_text(field, v.as_deref(), LONG_TEXT);
        if let Some(dob) = self.date_of_birth {
            check_day("Date of birth", dob)?;
            if dob > today {
                return Err(Error::invalid("Date of birth", format!("{dob} is in the future")));
            }
        }
        if let Some(d) = self.start_date {
            check_day("Start date", d)?;
        }
        if let Some(d) = self.end_date {
            check_day("End date", d)?;
        }
        check_order("End date", self.start_date, self.end_date)?;
        let email = short("E-mail", self.contact.email)?;
        if let Some(e) = &email
            && !looks_like_email(e)
        {
            return Err(Error::invalid("E-mail", format!("“{e}” is not an e-mail address")));
        }
        Ok(ClientDetails {
            name: required_text("Name", &self.name, SHORT_TEXT)?,
            preferred_name: short("Preferred name", self.preferred_name)?,
            pronouns: short("Pronouns", self.pronouns)?,
            date_of_birth: self.date_of_birth,
            contact: ContactDetails {
                phone: short("Phone", self.contact.phone)?,
                email,
                address: long("Address", self.contact.address)?,
            },
            emergency_contact: EmergencyContact {
                name: short("Emergency contact name", self.emergency_contact.name)?,
                relationship: short("Emergency contact relationship", self.emergency_contact.relationship)?,
                phone: short("Emergency contact phone", self.emergency_contact.phone)?,
            },
            cultural_needs: long("Cultural needs", self.cultural_needs)?,
            access_needs: long("Access needs", self.access_needs)?,
            status: self.status,
            start_date: self.start_date,
            end_date: self.end_date,
            notes: long_text("Notes", &self.notes, LONG_TEXT)?,
            tags: normalise_tags(&self.tags)?,
        })
    }
}

/// One `@` with something either side and a dot in the domain: catches typos, not a full
/// RFC 5322 check (mentors write real people's addresses, which are rarely exotic).
fn looks_like_email(e: &str) -> bool {
    match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && !domain.contains('@') && domain.contains('.') && !e.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
    }

    #[test]
    fn validation_cleans_and_names_fields() {
        let d = ClientDetails {
            name: "  Ana Ruiz ".into(),
            pronouns: Some(" ".into()),
            tags: vec!["b".into(), "A".into()],
            ..Default::default()
        };
        let d = d.validated(today()).expect("valid");
        assert_eq!(d.name, "Ana Ruiz");
        assert_eq!(d.pronouns, None);
        assert_eq!(d.tags, vec!["A".to_owned(), "b".to_owned()]);

        let future = ClientDetails {
            name: "A".into(),
            date_of_birth: NaiveDate::from_ymd_opt(2027, 1, 1),
            ..Default::default()
        };
        assert!(future.validated(today()).expect_err("future").to_string().starts_with("Date of birth:"));
        let backwards = ClientDetails {
            name: "A".into(),
            start_date: NaiveDate::from_ymd_opt(2026, 5, 1),
            end_date: NaiveDate::from_ymd_opt(2026, 4, 1),
            ..Default::default()
        };
        assert!(backwards.validated(today()).expect_err("order").to_string().starts_with("End date:"));
    }

    #[test]
    fn email_check_catches_typos() {
        assert!(looks_like_email("ana@example.org"));
        for bad in ["ana", "ana@", "@example.org", "ana@example", "a b@example.org", "a@b@c.org"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
