//! Clients: the people a mentor works with, their contact and emergency details, needs, status
//! and tags. Deleting a client puts them in the trash (`deleted_at`), from which they can be
//! restored; nothing here purges.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{fts_query, load_tags};
use crate::sync::conflicts::Versions;
use crate::vault::{self, Params, Vault};
use crate::{Result, params};

mod details;
mod patch;

pub use details::{ClientDetails, ClientStatus, ContactDetails, EmergencyContact, NewClient};
pub use patch::{ClientPatch, ContactPatch, EmergencyContactPatch};

/// The `tags.item_kind` of a client.
pub const TAG_KIND: &str = "client";

/// A client as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
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
    /// Which version of the notes this is (`None` for the first): an edit passes it back as
    /// [`ClientPatch::notes_base`], so that notes saved meanwhile on another computer are kept
    /// aside rather than written over ([`crate::sync::conflicts`]). Left out of exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_version: Option<String>,
    /// Tags, sorted.
    #[sqlx(skip)]
    pub tags: Vec<String>,
}

/// Which clients to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
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

/// The values of the columns both an add and an update write, in their order.
fn columns(d: &ClientDetails) -> Params {
    params![
        &d.name,
        &d.preferred_name,
        &d.pronouns,
        d.date_of_birth,
        &d.contact.phone,
        &d.contact.email,
        &d.contact.address,
        &d.emergency_contact.name,
        &d.emergency_contact.relationship,
        &d.emergency_contact.phone,
        &d.cultural_needs,
        &d.access_needs,
        d.status.key(),
        d.start_date,
        d.end_date,
        &d.notes,
    ]
}

/// Adds a client.
pub async fn add_client(vault: &Vault, new: NewClient) -> Result<Client> {
    let today = vault::now().date_naive();
    let d = new.validated(today)?;
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
                    [params![id2.as_str(), now, now], columns(&d)].concat(),
                )
                .await?;
                super::retention::record_status_change(w, &id2, None, (d.status, d.end_date), today).await?;
                crate::registry::kinds::CLIENT.replace_tags(w, &id2, &d.tags).await
            })
        })
        .await?;
    get_client(vault, &id).await
}

/// One client, including one in the trash.
pub async fn get_client(vault: &Vault, id: &str) -> Result<Client> {
    let mut client: Client = vault.fetch_existing(SELECT_CLIENT, params![id], "That client").await?;
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
            params![filter.deleted, filter.status.map(ClientStatus::key), tag, text],
        )
        .await?;
    let ids: Vec<String> = clients.iter().map(|c| c.id.clone()).collect();
    let mut tags = load_tags(vault, TAG_KIND, &ids).await?;
    for c in &mut clients {
        c.tags = tags.remove(&c.id).unwrap_or_default();
    }
    Ok(clients)
}

/// A tag in use on live clients, with how many carry it (for the filter list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct TagCount {
    /// The tag, as first written.
    pub tag: String,
    /// Live clients with this tag.
    pub clients: i64,
}

/// Every tag on clients not in the trash, alphabetically (ignoring case), with its count.
pub async fn list_client_tags(vault: &Vault) -> Result<Vec<TagCount>> {
    vault
        .fetch_all(
            "SELECT min(t.tag) AS tag, count(*) AS clients FROM tags t JOIN clients c ON c.id = t.item_id
             WHERE t.item_kind = 'client' AND c.deleted_at IS NULL
             GROUP BY t.tag COLLATE NOCASE ORDER BY t.tag COLLATE NOCASE",
            params![],
        )
        .await
}

/// Changes the fields `patch` names (and the tags, if it names them); every other field keeps
/// its stored value, including fields a caller does not know about. The whole result is checked
/// as a new client would be. A client in the trash must be restored first.
pub async fn update_client(vault: &Vault, id: &str, patch: ClientPatch) -> Result<Client> {
    let today = vault::now().date_naive();
    let now = vault::now();
    let (id2, fresh) = (id.to_owned(), vault::new_id());
    let by = vault.this_device().await?.hex();
    let changed = vault
        .write(move |w| {
            Box::pin(async move {
                // Read inside the write, so the patch lands on the row as it is now.
                let current: Client = w
                    .fetch_existing(
                        "SELECT * FROM clients WHERE id = ? AND deleted_at IS NULL",
                        params![id2.as_str()],
                        "That client",
                    )
                    .await?;
                let changes_tags = patch.changes_tags();
                let base = patch.notes_base.clone();
                let d = patch.apply(ClientDetails::from(&current)).validated(today)?;
                let unchanged = d.notes == current.notes;
                let (version_by,): (Option<String>,) = w
                    .fetch_existing("SELECT text_by FROM clients WHERE id = ?", params![id2.as_str()], "That client")
                    .await?;
                let notes = Versions::of(current.text_version.clone(), version_by, base, unchanged, fresh, by);
                // No `deleted_at` test: the row was just read live, and a replayed edit of a
                // client trashed meanwhile on another computer lands in it, so restoring shows it.
                w.exec_one(
                    "UPDATE clients SET updated_at = ?, name = ?, preferred_name = ?, pronouns = ?, date_of_birth = ?,
                            phone = ?, email = ?, address = ?, emergency_name = ?, emergency_relationship = ?,
                            emergency_phone = ?, cultural_needs = ?, access_needs = ?, status = ?, start_date = ?,
                            end_date = ?, notes = ?, text_version = ?, text_base = ?, text_by = ?
                         WHERE id = ?",
                    [params![now], columns(&d), notes.columns(), params![id2.as_str()]].concat(),
                    "That client",
                )
                .await?;
                super::retention::record_status_change(
                    w,
                    &id2,
                    Some((current.status, current.end_date)),
                    (d.status, d.end_date),
                    today,
                )
                .await?;
                if changes_tags {
                    crate::registry::kinds::CLIENT.replace_tags(w, &id2, &d.tags).await?;
                }
                Ok(())
            })
        })
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await?;
    get_client(vault, id).await
}

/// Moves a client to the trash. Their notes, goals and appointments stay, hidden with them.
pub async fn delete_client(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::CLIENT.delete(vault, id).await
}

/// Brings a client back from the trash.
pub async fn restore_client(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::CLIENT.restore(vault, id).await
}

/// Links a client to a confirmed exchange contact (or unlinks with `None`). Used by the
/// mentor/client exchange once the mentor has confirmed the contact's fingerprint.
pub async fn set_client_contact(vault: &Vault, id: &str, contact_id: Option<&str>) -> Result<()> {
    let (id, contact_id) = (id.to_owned(), contact_id.map(str::to_owned));
    let now = vault::now();
    vault
        .exec_one(
            "UPDATE clients SET contact_id = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
            params![contact_id, now, id],
            "That client",
        )
        .await
}
