//! The exchange inside the vault: this vault's exchange identity, the contacts the user
//! confirmed, and the bundles and items received from them.
//!
//! Received items are kept with their origin (contact and bundle) in `received_items`, one row
//! per sender's item id, so importing the same bundle, or an item already received in another
//! bundle, adds nothing. They wait there for the domain tables to file them: a client's journal
//! entry belongs under that client's record on the mentor's side, never in the mentor's own
//! journal, and those tables are not part of this module.

use secrecy::{ExposeSecret as _, SecretString};
use uuid::Uuid;

use super::{
    BundleContent, ConfirmedContact, ContactCard, ExchangeIdentity, SharedItem, VerifiedBundle, open_bundle,
    seal_bundle,
};
use crate::params;
use crate::vault::{Vault, format_time, new_id, now};
use crate::{Error, Result};

/// Who a contact is to the person: what they may send that changes the person's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// The person's mentor: may propose a safety plan, which waits for the person to accept it.
    MyMentor,
    /// One of the person's clients: what they share is filed under their client record.
    MyClient,
    /// Not chosen yet (a contact confirmed before roles existed whose role could not be
    /// derived): may send nothing that changes a record.
    Unknown,
}

impl ContactRole {
    /// The stored value.
    pub fn key(self) -> &'static str {
        match self {
            ContactRole::MyMentor => "my_mentor",
            ContactRole::MyClient => "my_client",
            ContactRole::Unknown => "unknown",
        }
    }

    /// How the role reads after a contact's name ("Dr. Morgan Hale · my mentor").
    pub fn label(self) -> &'static str {
        match self {
            ContactRole::MyMentor => "my mentor",
            ContactRole::MyClient => "my client",
            ContactRole::Unknown => "role not chosen",
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<ContactRole> {
        [ContactRole::MyMentor, ContactRole::MyClient, ContactRole::Unknown].into_iter().find(|r| r.key() == key)
    }

    /// Reads `mentor`/`client` (the command line's words) or the stored keys.
    pub fn parse(text: &str) -> Result<ContactRole> {
        match text.trim().to_ascii_lowercase().as_str() {
            "mentor" | "my_mentor" | "my mentor" => Ok(ContactRole::MyMentor),
            "client" | "my_client" | "my client" => Ok(ContactRole::MyClient),
            other => {
                Err(Error::invalid("role", format!("\u{201c}{other}\u{201d} is not a role: choose mentor or client")))
            }
        }
    }
}

/// A confirmed contact as the vault keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// The vault's id for the contact (a client record links to it).
    pub id: String,
    /// The confirmed card.
    pub confirmed: ConfirmedContact,
    /// Who they are to the person.
    pub role: ContactRole,
    /// When the current role was chosen.
    pub role_since: chrono::DateTime<chrono::Utc>,
}

fn chosen(role: ContactRole) -> Result<ContactRole> {
    match role {
        ContactRole::Unknown => {
            Err(Error::invalid("role", "choose whether this contact is your mentor or your client"))
        }
        role => Ok(role),
    }
}

/// What a bundle holds, shown to the user before they import it.
#[derive(Clone, Debug)]
pub struct BundlePreview {
    /// The verified bundle (signature checked, contents decrypted and validated).
    pub bundle: VerifiedBundle,
    /// The contact it came from.
    pub contact_id: String,
    /// True when this exact bundle was imported before (importing it again adds nothing).
    pub already_imported: bool,
    /// How many of its items the vault does not hold yet.
    pub new_items: usize,
}

/// What importing a bundle did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleImport {
    /// The bundle's id.
    pub bundle_id: Uuid,
    /// The contact it came from.
    pub contact_id: String,
    /// Items added to the vault.
    pub added: usize,
    /// Items the vault already held (from this or an earlier bundle).
    pub already_had: usize,
    /// Where new items were filed, or why one could not be, one sentence each.
    pub notes: Vec<String>,
}

/// An item received in a share bundle, with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct ReceivedItem {
    /// Its id in `received_items` (what its attachments belong to: owner kind `received_item`).
    pub id: String,
    /// The contact who shared it.
    pub contact_id: String,
    /// The bundle it arrived in.
    pub bundle_id: String,
    /// When it was imported.
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// The item itself.
    pub item: super::SharedItem,
}

/// Makes this vault's exchange identity if it has none, and returns its contact card under
/// `display_name`. Calling it again keeps the keys and updates the name.
pub async fn set_up_exchange(vault: &Vault, display_name: &str) -> Result<ContactCard> {
    let existing = load_identity(vault).await?;
    let identity = existing.clone().unwrap_or_else(ExchangeIdentity::generate);
    let card = identity.contact_card(display_name)?;
    let name = card.display_name().to_owned();
    let secret = identity.to_secret_string();
    vault
        .write(move |w| {
            Box::pin(async move {
                if existing.is_some() {
                    w.exec("UPDATE exchange_identity SET display_name = ? WHERE singleton = 1", params![name]).await?;
                } else {
                    w.exec(
                        "INSERT INTO exchange_identity(singleton, secret, display_name, created_at) VALUES (1, ?, ?, ?)",
                        params![secret.expose_secret(), name, format_time(now())],
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .await?;
    Ok(card)
}

/// This vault's own contact card, to give to others.
pub async fn my_contact_card(vault: &Vault) -> Result<ContactCard> {
    let (identity, name) = require_identity(vault).await?;
    Ok(identity.contact_card(&name)?)
}

/// Adds `card` as a confirmed contact in `role` (mentor or client). Call this only after the
/// user has compared `card.fingerprint()` with its owner and said they match.
pub async fn add_confirmed_contact(vault: &Vault, card: &ContactCard, role: ContactRole) -> Result<Contact> {
    let role = chosen(role)?;
    let confirmed = ConfirmedContact::confirm(card.clone(), now());
    let id = new_id();
    let key = hex(card.verifying_key().as_bytes());
    let row = (
        id.clone(),
        card.display_name().to_owned(),
        card.to_text(),
        key,
        card.fingerprint().to_string(),
        format_time(confirmed.confirmed_at),
    );
    vault
        .write(move |w| {
            Box::pin(async move {
                let (id, name, text, key, fingerprint, at) = row;
                let known: Option<(String,)> =
                    w.fetch_optional("SELECT display_name FROM contacts WHERE verifying_key = ?", params![key.clone()]).await?;
                if let Some((known_name,)) = known {
                    return Err(Error::invalid(
                        "contact",
                        format!("this card's keys already belong to your contact \u{201c}{known_name}\u{201d}"),
                    ));
                }
                w.exec(
                    "INSERT INTO contacts(id, display_name, card, verifying_key, fingerprint, confirmed_at, created_at, \
                     role, role_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params![id, name, text, key, fingerprint, at.clone(), at.clone(), role.key(), at],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    let role_since = confirmed.confirmed_at;
    Ok(Contact { id, confirmed, role, role_since })
}

/// Changes a contact's role (mentor or client) from now on, keeping the change and its date.
/// Choosing the role they already have changes nothing. A safety plan that arrived before a
/// contact became "my mentor" stays a plan they may not propose: the role counts from its date.
pub async fn set_contact_role(vault: &Vault, contact_id: &str, role: ContactRole) -> Result<Contact> {
    let role = chosen(role)?;
    let contact_id = contact_id.to_owned();
    let id = contact_id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let current: Option<(String,)> =
                    w.fetch_optional("SELECT role FROM contacts WHERE id = ?", params![contact_id.clone()]).await?;
                let (current,) = current.ok_or(Error::NotFound { what: "That contact" })?;
                if current == role.key() {
                    return Ok(());
                }
                let at = format_time(now());
                w.exec(
                    "UPDATE contacts SET role = ?, role_since = ? WHERE id = ?",
                    params![role.key(), at.clone(), contact_id.clone()],
                )
                .await?;
                w.exec(
                    "INSERT INTO contact_role_changes (id, contact_id, from_role, to_role, changed_at) VALUES (?, ?, ?, ?, ?)",
                    params![new_id(), contact_id, current, role.key(), at],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    list_contacts(vault).await?.into_iter().find(|c| c.id == id).ok_or(Error::NotFound { what: "That contact" })
}

/// Every confirmed contact, by name.
pub async fn list_contacts(vault: &Vault) -> Result<Vec<Contact>> {
    let rows: Vec<(String, String, String, String, String, String)> = vault
        .fetch_all(
            "SELECT id, display_name, card, confirmed_at, role, coalesce(nullif(role_since, ''), confirmed_at) FROM contacts \
             ORDER BY display_name COLLATE NOCASE, id",
            params![],
        )
        .await?;
    rows.into_iter()
        .map(|(id, name, text, confirmed_at, role, role_since)| {
            let card = ContactCard::from_text(&text)
                .and_then(|card| ContactCard::new(&name, card.recipient().clone(), *card.verifying_key()))
                .map_err(|_| Error::damaged(format!("the stored card of contact {id}")))?;
            let confirmed_at = chrono::DateTime::parse_from_rfc3339(&confirmed_at)
                .map_err(|_| Error::damaged(format!("the confirmation date of contact {id}")))?
                .with_timezone(&chrono::Utc);
            let role =
                ContactRole::from_key(&role).ok_or_else(|| Error::damaged(format!("the role of contact {id}")))?;
            let role_since = chrono::DateTime::parse_from_rfc3339(&role_since)
                .map_err(|_| Error::damaged(format!("the role date of contact {id}")))?
                .with_timezone(&chrono::Utc);
            Ok(Contact { id, confirmed: ConfirmedContact::confirm(card, confirmed_at), role, role_since })
        })
        .collect()
}

/// Seals `content` for the contact `contact_id`, signed with this vault's key. The caller
/// writes the bytes where the user chose.
pub async fn seal_share_for(vault: &Vault, contact_id: &str, content: &BundleContent) -> Result<Vec<u8>> {
    let (identity, _) = require_identity(vault).await?;
    let contact = list_contacts(vault)
        .await?
        .into_iter()
        .find(|contact| contact.id == contact_id)
        .ok_or(Error::NotFound { what: "That contact" })?;
    invoices_go_to_their_client(vault, contact_id, content).await?;
    Ok(seal_bundle(content, &identity, &contact.confirmed.card)?)
}

/// An invoice is shared only with the contact whose client record it is billed to: one client's
/// accounts never reach another.
async fn invoices_go_to_their_client(vault: &Vault, contact_id: &str, content: &BundleContent) -> Result<()> {
    for item in &content.items {
        let SharedItem::Invoice(invoice) = item else { continue };
        let row: Option<(Option<String>,)> = vault
            .fetch_optional(
                "SELECT c.contact_id FROM billing_invoices i LEFT JOIN clients c ON c.id = i.client_id WHERE i.id = ?",
                params![invoice.id.to_string()],
            )
            .await?;
        if row.and_then(|(linked,)| linked).as_deref() != Some(contact_id) {
            return Err(Error::invalid(
                "Share",
                format!(
                    "{} is billed to {}, whose client record is not linked to this contact; \
                     an invoice is shared only with the client it is billed to",
                    invoice.number, invoice.bill_to
                ),
            ));
        }
    }
    Ok(())
}

/// Writes a share file that was sealed for `contact_id` and saved to the disclosure log of the
/// client linked to that contact, if there is one: "Share file: 2 items (action plan,
/// homework)", to the contact's name, today, sent to the client themselves. Call it after the
/// file is written (so a file that could not be written is never logged). Returns the entry,
/// or `None` when no client record is linked to the contact (a mentor of yours, say).
pub async fn log_share_sent(
    vault: &Vault,
    contact_id: &str,
    content: &BundleContent,
) -> Result<Option<crate::clinical::Disclosure>> {
    let linked: Option<(String, String)> = vault
        .fetch_optional(
            "SELECT c.id, k.display_name FROM clients c JOIN contacts k ON k.id = c.contact_id \
             WHERE c.contact_id = ? AND c.deleted_at IS NULL ORDER BY c.created_at LIMIT 1",
            params![contact_id],
        )
        .await?;
    let Some((client_id, name)) = linked else { return Ok(None) };
    let entry = crate::clinical::NewDisclosure {
        client_id: Some(client_id),
        what: share_file_text(content),
        recipient: name,
        disclosed_on: crate::clock::today_local(),
        basis: crate::clinical::DisclosureBasis::LegalDuty { explanation: SHARE_BASIS.to_owned() },
        notes: String::new(),
    };
    crate::clinical::log_disclosure(vault, entry).await.map(Some)
}

/// The basis written for a share file sent to the client it is about.
pub const SHARE_BASIS: &str = "Sent to the client themselves (their own care records)";

/// "Share file: 2 items (action plan, homework)": the count and each kind once, in order.
pub fn share_file_text(content: &BundleContent) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for item in &content.items {
        if !kinds.contains(&item.kind_label()) {
            kinds.push(item.kind_label());
        }
    }
    let n = content.items.len();
    format!("Share file: {n} item{} ({})", if n == 1 { "" } else { "s" }, kinds.join(", "))
}

/// Verifies and decrypts a bundle and says what importing it would add. Changes nothing.
pub async fn preview_bundle(vault: &Vault, bytes: &[u8]) -> Result<BundlePreview> {
    let (bundle, contact_id) = verify(vault, bytes).await?;
    let bundle_id = bundle.content.id.to_string();
    // Known by (contact, bundle id): ids are in the clear, so another contact could reuse one.
    let seen: Option<(String,)> = vault
        .fetch_optional(
            "SELECT bundle_id FROM received_bundles WHERE contact_id = ? AND bundle_id = ?",
            params![contact_id.clone(), bundle_id],
        )
        .await?;
    let held: Vec<(String,)> =
        vault.fetch_all("SELECT item_id FROM received_items WHERE contact_id = ?", params![contact_id.clone()]).await?;
    let held: std::collections::HashSet<String> = held.into_iter().map(|(id,)| id).collect();
    let new_items = bundle.content.items.iter().filter(|item| !held.contains(&item.id().to_string())).count();
    Ok(BundlePreview { bundle, contact_id, already_imported: seen.is_some(), new_items })
}

/// Verifies, decrypts and imports a bundle in one durable write. Refused bundles change
/// nothing; a bundle or item already imported is not added again.
pub async fn import_bundle(vault: &Vault, bytes: &[u8]) -> Result<BundleImport> {
    let (bundle, contact_id) = verify(vault, bytes).await?;
    let content = bundle.content;
    let items: Vec<(String, &'static str, String)> = content
        .items
        .iter()
        .map(|item| {
            let json =
                serde_json::to_string(item).map_err(|e| Error::Internal { detail: format!("item JSON: {e}") })?;
            Ok((item.id().to_string(), item.type_name(), json))
        })
        .collect::<Result<_>>()?;
    let header = (
        content.id.to_string(),
        contact_id.clone(),
        serde_json::to_value(content.kind).ok().and_then(|kind| kind.as_str().map(str::to_owned)).unwrap_or_default(),
        content.sender_name.clone(),
        format_time(content.created_at),
    );
    let total = items.len();
    let added_ids: Vec<(String, String)> = vault
        .write(move |w| {
            Box::pin(async move {
                let (bundle_id, contact_id, kind, sender_name, sent_at) = header;
                let seen: Option<(String,)> = w
                    .fetch_optional(
                        "SELECT bundle_id FROM received_bundles WHERE contact_id = ? AND bundle_id = ?",
                        params![contact_id.clone(), bundle_id.clone()],
                    )
                    .await?;
                if seen.is_some() {
                    return Ok(Vec::new());
                }
                let at = format_time(now());
                w.exec(
                    "INSERT INTO received_bundles(bundle_id, contact_id, kind, sender_name, sent_at, imported_at) \
                     VALUES (?, ?, ?, ?, ?, ?)",
                    params![bundle_id.clone(), contact_id.clone(), kind, sender_name, sent_at, at.clone()],
                )
                .await?;
                let mut added = Vec::new();
                for (item_id, type_name, json) in items {
                    let row_id = new_id();
                    let inserted = w
                        .exec(
                            "INSERT OR IGNORE INTO received_items(id, contact_id, bundle_id, item_id, kind, item, received_at) \
                             VALUES (?, ?, ?, ?, ?, ?, ?)",
                            params![row_id.clone(), contact_id.clone(), bundle_id.clone(), item_id.clone(), type_name, json, at.clone()],
                        )
                        .await?;
                    if inserted == 1 {
                        added.push((row_id, item_id));
                    }
                }
                Ok(added)
            })
        })
        .await?;
    let mut notes = Vec::new();
    // The files travel with their entries: each is attached to the received item that holds
    // its entry (content-addressed, so a photo already in the vault is stored once). This runs
    // for entries held from before too, adding only the files an entry lacks: importing the
    // same share file again completes what a crash between the write above and these cut
    // short, and an entry shared again with new files gains them. A file the person moved to
    // the trash is not brought back.
    let (mut kept, mut entries) = (Vec::new(), 0);
    for item in &content.items {
        let item_id = item.id().to_string();
        let files: Vec<_> = content.attachments.iter().filter(|f| f.item.to_string() == item_id).collect();
        if files.is_empty() {
            continue;
        }
        let Some((row_id,)) = vault
            .fetch_optional::<(String,)>(
                "SELECT id FROM received_items WHERE contact_id = ? AND item_id = ?",
                params![contact_id.clone(), item_id],
            )
            .await?
        else {
            continue;
        };
        let before = kept.len();
        for file in files {
            if let Some(a) =
                crate::attachments::add_unless_held(vault, "received_item", &row_id, &file.name, &file.bytes).await?
            {
                kept.push(a.file_name);
            }
        }
        entries += usize::from(kept.len() > before);
    }
    if !kept.is_empty() {
        let n = kept.len();
        notes.push(format!(
            "{n} attachment{} {} kept with the shared entr{}: {}.",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" },
            if entries == 1 { "y" } else { "ies" },
            kept.join(", ")
        ));
    }
    for (row_id, item_id) in &added_ids {
        let item = content.items.iter().find(|item| item.id().to_string() == *item_id);
        match item {
            Some(SharedItem::SafetyPlan(_)) => notes.push(safety_plan_note(vault, &contact_id).await?),
            // A shared score is filed at once, so a client's item-9 answer raises its risk flag
            // in the mentor's vault on import, as one recorded there does.
            Some(SharedItem::MeasureScore(score)) => match super::filing::file_received_item(vault, row_id).await {
                Ok(filed) => notes.push(filed.note),
                Err(Error::Invalid { reason, .. }) => notes
                    .push(format!("The shared {} was kept with the bundle but not filed: {reason}.", score.instrument)),
                Err(other) => return Err(other),
            },
            _ => {}
        }
    }
    Ok(BundleImport {
        bundle_id: content.id,
        contact_id,
        added: added_ids.len(),
        already_had: total - added_ids.len(),
        notes,
    })
}

/// What importing a safety plan says: it is never filed on import. From the person's mentor it
/// waits as a proposal ([`super::proposals`]); from anyone else it is kept and not filed.
async fn safety_plan_note(vault: &Vault, contact_id: &str) -> Result<String> {
    let (name, role): (String, String) =
        vault.fetch_one("SELECT display_name, role FROM contacts WHERE id = ?", params![contact_id]).await?;
    let role =
        ContactRole::from_key(&role).ok_or_else(|| Error::damaged(format!("the role of contact {contact_id}")))?;
    Ok(match role {
        ContactRole::MyMentor => {
            format!("{name} proposes a new safety plan: it waits for you to accept or decline it.")
        }
        role => format!(
            "The shared safety plan was kept with the bundle but not filed: {}.",
            super::proposals::not_from_mentor(&name, role)
        ),
    })
}

/// What the client with record `client_id` has shared with this (mentor's) vault, oldest first.
/// The client record is linked to its contact with `practice::clients::set_client_contact`.
pub async fn received_from_client(vault: &Vault, client_id: &str) -> Result<Vec<ReceivedItem>> {
    let rows: Vec<(String, String, String, String, String)> = vault
        .fetch_all(
            "SELECT r.id, r.contact_id, r.bundle_id, r.received_at, r.item FROM received_items r \
             JOIN clients c ON c.contact_id = r.contact_id \
             WHERE c.id = ? AND c.deleted_at IS NULL ORDER BY r.received_at, r.id",
            params![client_id],
        )
        .await?;
    rows.into_iter()
        .map(|(id, contact_id, bundle_id, received_at, item)| {
            let damaged = || Error::damaged(format!("a received item from bundle {bundle_id}"));
            let received_at =
                chrono::DateTime::parse_from_rfc3339(&received_at).map_err(|_| damaged())?.with_timezone(&chrono::Utc);
            let item = serde_json::from_str(&item).map_err(|_| damaged())?;
            Ok(ReceivedItem { id, contact_id, bundle_id, received_at, item })
        })
        .collect()
}

/// Opens a bundle against this vault's identity and confirmed contacts.
async fn verify(vault: &Vault, bytes: &[u8]) -> Result<(VerifiedBundle, String)> {
    let (identity, _) = require_identity(vault).await?;
    let contacts = list_contacts(vault).await?;
    let confirmed: Vec<ConfirmedContact> = contacts.iter().map(|c| c.confirmed.clone()).collect();
    let bundle = open_bundle(bytes, &identity, &confirmed)?;
    let contact_id = contacts
        .into_iter()
        .find(|c| c.confirmed.card.verifying_key() == bundle.sender.card.verifying_key())
        .map(|c| c.id)
        .ok_or(Error::NotFound { what: "The sending contact" })?;
    Ok((bundle, contact_id))
}

async fn load_identity(vault: &Vault) -> Result<Option<ExchangeIdentity>> {
    Ok(load_identity_and_name(vault).await?.map(|(identity, _)| identity))
}

async fn require_identity(vault: &Vault) -> Result<(ExchangeIdentity, String)> {
    load_identity_and_name(vault).await?.ok_or(Error::NotFound { what: "Your exchange key (set up sharing first)" })
}

async fn load_identity_and_name(vault: &Vault) -> Result<Option<(ExchangeIdentity, String)>> {
    let row: Option<(String, String)> = vault
        .fetch_optional("SELECT secret, display_name FROM exchange_identity WHERE singleton = 1", params![])
        .await?;
    row.map(|(secret, name)| {
        let secret = SecretString::from(secret);
        Ok((ExchangeIdentity::from_secret_string(&secret)?, name))
    })
    .transpose()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
