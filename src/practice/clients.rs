//! Clients: the people a mentor works with, their contact and emergency details, needs, status
//! and tags. Deleting a client puts them in the trash (`deleted_at`), from which they can be
//! restored; nothing here purges.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{LONG_TEXT, SHORT_TEXT, check_day, check_order, fts_query, load_tags, normalise_tags, set_tags};
use super::{optional_text, required_text};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// The `tags.item_kind` of a client.
pub const TAG_KIND: &str = "client";

/// Where a mentor and client are in their work together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum ClientStatus {
    /// Currently being seen.
    #[default]
    Active,
    /// On a break; expected to resume.
    Paused,
    /// Work has ended.
    Closed,
}

impl ClientStatus {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientStatus::Active => "active",
            ClientStatus::Paused => "paused",
            ClientStatus::Closed => "closed",
        }
    }
}

/// How to reach a client.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
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

/// A client as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Client {
    /// Record id.
    pub id: String,
    /// When the record was made.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Full name.
    pub name: String,
    /// The name they like to be called.
    pub preferred_name: Option<String>,
    /// Pronouns ("she/her", "they/them").
    pub pronouns: Option<String>,
    /// Date of birth, if the mentor records it.
    pub date_of_birth: Option<NaiveDate>,
    /// Phone, e-mail, address.
    #[sqlx(flatten)]
    pub contact: ContactDetails,
    /// Emergency contact.
    #[sqlx(flatten)]
    pub emergency_contact: EmergencyContact,
    /// Cultural needs to respect (language, faith, customs).
    pub cultural_needs: Option<String>,
    /// Access needs (mobility, sensory, communication).
    pub access_needs: Option<String>,
    /// Active, paused or closed.
    pub status: ClientStatus,
    /// When the work began.
    pub start_date: Option<NaiveDate>,
    /// When it ended.
    pub end_date: Option<NaiveDate>,
    /// The mentor's general notes about the client.
    pub notes: String,
    /// The confirmed exchange contact this client is (set by the exchange, not here).
    pub contact_id: Option<String>,
    /// When the client was moved to the trash.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Tags, sorted.
    #[sqlx(skip)]
    pub tags: Vec<String>,
}

/// Everything a mentor enters about a client: used to add one, and (whole) to update one — the
/// edit form sends back every field, so an update replaces them all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
/// The new state of an existing client (every field).
pub type ClientUpdate = ClientDetails;

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
    fn validated(self, today: NaiveDate) -> Result<ClientDetails> {
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
            notes: super::long_text("Notes", &self.notes, LONG_TEXT)?,
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

/// Which clients to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientFilter {
    /// Only clients with this status.
    pub status: Option<ClientStatus>,
    /// Only clients with this tag (ignoring case).
    pub tag: Option<String>,
    /// Only clients whose name or notes match these words (prefix match).
    pub text: Option<String>,
    /// List the trash instead of the live clients.
    pub deleted: bool,
}

const SELECT_CLIENT: &str = "SELECT * FROM clients WHERE id = ?";

/// Adds a client.
pub async fn add_client(vault: &Vault, new: NewClient) -> Result<Client> {
    let d = new.validated(vault::now().date_naive())?;
    let id = vault::new_id();
    let now = vault::now();
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                w.exec(
                    "INSERT INTO clients(id, created_at, updated_at, name, preferred_name, pronouns, date_of_birth,
                        phone, email, address, emergency_name, emergency_relationship, emergency_phone,
                        cultural_needs, access_needs, status, start_date, end_date, notes)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params![
                        id2.as_str(),
                        now,
                        now,
                        d.name,
                        d.preferred_name,
                        d.pronouns,
                        d.date_of_birth,
                        d.contact.phone,
                        d.contact.email,
                        d.contact.address,
                        d.emergency_contact.name,
                        d.emergency_contact.relationship,
                        d.emergency_contact.phone,
                        d.cultural_needs,
                        d.access_needs,
                        d.status.as_str(),
                        d.start_date,
                        d.end_date,
                        d.notes,
                    ],
                )
                .await?;
                set_tags(w, TAG_KIND, &id2, &d.tags).await
            })
        })
        .await?;
    get_client(vault, &id).await
}

/// One client, including one in the trash.
pub async fn get_client(vault: &Vault, id: &str) -> Result<Client> {
    let mut client: Client =
        vault.fetch_optional(SELECT_CLIENT, params![id]).await?.ok_or(Error::NotFound { what: "That client" })?;
    client.tags =
        load_tags(vault, TAG_KIND, std::slice::from_ref(&client.id)).await?.remove(&client.id).unwrap_or_default();
    Ok(client)
}

/// Clients matching `filter`, by name.
pub async fn list_clients(vault: &Vault, filter: ClientFilter) -> Result<Vec<Client>> {
    let text = filter.text.as_deref().and_then(fts_query);
    let tag = filter.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    let mut clients: Vec<Client> = vault
        .fetch_all(
            "SELECT c.* FROM clients c
             WHERE (c.deleted_at IS NOT NULL) = ?1
               AND (?2 IS NULL OR c.status = ?2)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM tags t
                                          WHERE t.item_kind = 'client' AND t.item_id = c.id AND t.tag = ?3))
               AND (?4 IS NULL OR c.rowid IN (SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?4))
             ORDER BY c.name COLLATE NOCASE, c.id",
            params![filter.deleted, filter.status.map(ClientStatus::as_str), tag, text],
        )
        .await?;
    let ids: Vec<String> = clients.iter().map(|c| c.id.clone()).collect();
    let mut tags = load_tags(vault, TAG_KIND, &ids).await?;
    for c in &mut clients {
        c.tags = tags.remove(&c.id).unwrap_or_default();
    }
    Ok(clients)
}

/// Replaces a client's details (every field of `update`) and tags. A client in the trash must be
/// restored first.
pub async fn update_client(vault: &Vault, id: &str, update: ClientUpdate) -> Result<Client> {
    let d = update.validated(vault::now().date_naive())?;
    let now = vault::now();
    let id2 = id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let changed = w
                    .exec(
                        "UPDATE clients SET updated_at = ?, name = ?, preferred_name = ?, pronouns = ?, date_of_birth = ?,
                            phone = ?, email = ?, address = ?, emergency_name = ?, emergency_relationship = ?,
                            emergency_phone = ?, cultural_needs = ?, access_needs = ?, status = ?, start_date = ?,
                            end_date = ?, notes = ?
                         WHERE id = ? AND deleted_at IS NULL",
                        params![
                            now,
                            d.name,
                            d.preferred_name,
                            d.pronouns,
                            d.date_of_birth,
                            d.contact.phone,
                            d.contact.email,
                            d.contact.address,
                            d.emergency_contact.name,
                            d.emergency_contact.relationship,
                            d.emergency_contact.phone,
                            d.cultural_needs,
                            d.access_needs,
                            d.status.as_str(),
                            d.start_date,
                            d.end_date,
                            d.notes,
                            id2.as_str(),
                        ],
                    )
                    .await?;
                if changed == 0 {
                    return Err(Error::NotFound { what: "That client" });
                }
                set_tags(w, TAG_KIND, &id2, &d.tags).await
            })
        })
        .await?;
    get_client(vault, id).await
}

/// Moves a client to the trash. Their notes, goals and appointments stay, hidden with them.
pub async fn delete_client(vault: &Vault, id: &str) -> Result<()> {
    set_deleted(vault, id, Some(vault::now())).await
}

/// Brings a client back from the trash.
pub async fn restore_client(vault: &Vault, id: &str) -> Result<()> {
    set_deleted(vault, id, None).await
}

async fn set_deleted(vault: &Vault, id: &str, at: Option<DateTime<Utc>>) -> Result<()> {
    let id = id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                // Only a change of state counts: deleting a deleted client is "not found".
                let changed = w
                    .exec(
                        "UPDATE clients SET deleted_at = ?1, updated_at = coalesce(?1, updated_at)
                         WHERE id = ?2 AND (deleted_at IS NULL) = (?1 IS NOT NULL)",
                        params![at, id],
                    )
                    .await?;
                if changed == 0 {
                    return Err(Error::NotFound {
                        what: if at.is_some() { "That client" } else { "That client in the trash" },
                    });
                }
                Ok(())
            })
        })
        .await
}

/// Links a client to a confirmed exchange contact (or unlinks with `None`). Used by the
/// mentor/client exchange once the mentor has confirmed the contact's fingerprint.
pub async fn set_client_contact(vault: &Vault, id: &str, contact_id: Option<&str>) -> Result<()> {
    let (id, contact_id) = (id.to_owned(), contact_id.map(str::to_owned));
    let now = vault::now();
    vault
        .write(move |w| {
            Box::pin(async move {
                let changed = w
                    .exec(
                        "UPDATE clients SET contact_id = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                        params![contact_id, now, id],
                    )
                    .await?;
                if changed == 0 {
                    return Err(Error::NotFound { what: "That client" });
                }
                Ok(())
            })
        })
        .await
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
