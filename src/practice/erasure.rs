//! Erasing a whole client (issue 13, deliverable 2; docs/decisions.md 51): the client and
//! everything that refers to them leave the live vault, the snapshot generations and the
//! rotating backups, and one tombstone stays in the erasure log (the client's random id, the
//! time, the reason category, the mentor's note — never the name). The computer that erased
//! them also keeps the id outside the vault folder, and erases the client again in an older copy
//! that still holds them, a restored backup ([`reapply_erasures`]; docs/practice.md).
//!
//! Every table of the vault has a rule in [`TABLE_RULES`]; `tests/erasure.rs` fails when a table
//! exists without one, so a table added later must say what erasure does to it.
//!
//! Invoices are the one exception to "everything": an issued invoice, credit note or its
//! payments are accounting records with a legal retention of their own, and invoice numbers
//! must stay without gaps (decision 48). They are kept with the client's name replaced by
//! "Erased client <short id>", the payer and payment references cleared, and each line's
//! description replaced by "Service (client erased)". Drafts, items and fees go.

use crate::registry::generic::text_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::retention::{self, ClientRetention};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

text_enum! {
    /// Why a client is erased.
    pub enum ErasureReason {
        /// The record's retention has ended.
        RetentionEnded = "retention_ended",
        /// The client asked for erasure (GDPR Art. 17), or another lawful request.
        LawfulRequest = "lawful_request",
    }
}

impl ErasureReason {
    /// How the reason reads in the erasure log.
    pub fn label(self) -> &'static str {
        match self {
            ErasureReason::RetentionEnded => "retention ended",
            ErasureReason::LawfulRequest => "lawful request (Art. 17)",
        }
    }
}

/// What the mentor asks for when erasing a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct EraseRequest {
    /// Why.
    pub reason: ErasureReason,
    /// The mentor's words (required for a lawful request: who asked, when, how). Kept in the
    /// erasure log, so it may not contain the client's name.
    pub note: String,
    /// While retention has not ended: the client's name, typed by the mentor, to erase anyway.
    pub override_phrase: Option<String>,
}

/// One line of the erasure log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct Erasure {
    /// The erased client's id (random; it names no one).
    pub client_id: String,
    /// When the erasure was made.
    pub erased_at: DateTime<Utc>,
    /// Why.
    pub reason: ErasureReason,
    /// The mentor's note.
    pub note: String,
    /// The day retention ended or would have ended (`None`: the client was not closed).
    pub retention_ends_on: Option<NaiveDate>,
    /// Whether retention had not ended and the mentor typed the override.
    pub overridden: bool,
    /// Issued invoices and credit notes kept, with the name replaced.
    pub invoices_kept: i64,
}

impl Erasure {
    /// The line the erasure log shows: "Erased client 1a2b3c4d · 2 Dec 2026 · lawful request
    /// (Art. 17) · retention overridden · 1 invoice kept". `day` is the local day of `erased_at`.
    pub fn line(&self, day: NaiveDate) -> String {
        let mut line = format!("{} · {} · {}", erased_label(&self.client_id), day_text(day), self.reason.label());
        if self.overridden {
            line.push_str(" · retention overridden");
        }
        if self.invoices_kept > 0 {
            let s = if self.invoices_kept == 1 { "" } else { "s" };
            line.push_str(&format!(" · {} invoice{s} kept", self.invoices_kept));
        }
        line
    }
}

/// "3 Feb 2026": the day as the window and the CLI write it.
pub fn day_text(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

/// "Erased client 1a2b3c4d": the last eight hex digits of the id (the random part of a UUID v7).
pub fn erased_label(client_id: &str) -> String {
    let hex: String = client_id.chars().filter(char::is_ascii_alphanumeric).collect();
    let short = &hex[hex.len().saturating_sub(8)..];
    format!("Erased client {short}")
}

/// What erasure does to a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableRule {
    /// The client's rows (and rows of their rows) are deleted.
    Deleted,
    /// Kept for the accounts with the client's name and free text replaced.
    Anonymised,
    /// The erasure log itself.
    Tombstone,
    /// Holds nothing about a client: the vault owner's own records, settings, the practice's
    /// own lists. The reason says why.
    NotAboutClients(&'static str),
}

/// Every table of the vault (search indexes `<table>_fts*` follow their table by triggers) and
/// what erasing a client does to it. `tests/erasure.rs` fails for a table not listed here.
pub const TABLE_RULES: &[(&str, TableRule)] = &[
    ("clients", TableRule::Deleted),
    ("client_retention", TableRule::Deleted),
    ("tags", TableRule::Deleted),
    ("attachments", TableRule::Deleted),
    ("session_notes", TableRule::Deleted),
    ("session_note_goals", TableRule::Deleted),
    ("note_addenda", TableRule::Deleted),
    ("note_revisions", TableRule::Deleted),
    // A note's versions kept aside go with the note (a trigger); a journal entry's are the
    // owner's own.
    ("text_conflicts", TableRule::Deleted),
    ("goals", TableRule::Deleted),
    ("goal_steps", TableRule::Deleted),
    ("goal_reviews", TableRule::Deleted),
    ("appointments", TableRule::Deleted),
    ("appointment_exceptions", TableRule::Deleted),
    ("measure_administrations", TableRule::Deleted),
    ("measure_schedules", TableRule::Deleted),
    ("risk_flags", TableRule::Deleted),
    ("safety_plans", TableRule::Deleted),
    ("safety_plan_items", TableRule::Deleted),
    ("consents", TableRule::Deleted),
    ("disclosures", TableRule::Deleted),
    ("referrals", TableRule::Deleted),
    ("resource_assignments", TableRule::Deleted),
    ("contacts", TableRule::Deleted),
    ("contact_role_changes", TableRule::Deleted),
    ("received_bundles", TableRule::Deleted),
    ("received_items", TableRule::Deleted),
    ("billing_client_fees", TableRule::Deleted),
    ("billing_items", TableRule::Deleted),
    ("billing_invoices", TableRule::Anonymised),
    ("billing_invoice_lines", TableRule::Anonymised),
    ("billing_payments", TableRule::Anonymised),
    ("erasures", TableRule::Tombstone),
    ("settings", TableRule::NotAboutClients("vault-wide settings")),
    ("sync_folded", TableRule::NotAboutClients("how far a snapshot folded each computer's change log")),
    ("sync_home", TableRule::NotAboutClients("which computer writes the vault's snapshots")),
    ("former_computers", TableRule::NotAboutClients("the names of computers taken off the list")),
    (
        "sync_merge_notes",
        TableRule::NotAboutClients(
            "which computer's change a merge could not apply in full, when, and the database's reason",
        ),
    ),
    ("journal_entries", TableRule::NotAboutClients("the owner's own journal")),
    ("mood_checkins", TableRule::NotAboutClients("the owner's own check-ins")),
    ("thought_records", TableRule::NotAboutClients("the owner's own thought records")),
    ("activation_log", TableRule::NotAboutClients("the owner's own activities")),
    ("gratitude_entries", TableRule::NotAboutClients("the owner's own gratitude entries")),
    ("coping_strategies", TableRule::NotAboutClients("the owner's own coping strategies")),
    ("crisis_lines", TableRule::NotAboutClients("the practice's list of crisis lines")),
    ("resources", TableRule::NotAboutClients("the practice's library (assignments are deleted)")),
    ("credentials", TableRule::NotAboutClients("the mentor's own credentials")),
    ("training_records", TableRule::NotAboutClients("the mentor's own training")),
    (
        "supervision_notes",
        TableRule::NotAboutClients("the mentor's supervision; refers to no client record (free text is the mentor's)"),
    ),
    ("exchange_identity", TableRule::NotAboutClients("this vault's own exchange identity")),
    ("attachment_naming_key", TableRule::NotAboutClients("the vault's key for naming attachment files")),
    ("_sqlx_migrations", TableRule::NotAboutClients("the schema's history")),
];

/// The statements of one erasure, in order, each with `?1` = the client's id, `?2` = the linked
/// exchange contact's id (or NULL), `?3` = the "Erased client …" label, `?4` = now. Children go
/// before the rows they refer to (foreign keys are on). The tombstone is written before these
/// (the finalised-note trigger looks for it); the client row goes last.
const ERASE_STATEMENTS: &[&str] = &[
    // Attached files' records first, while their owners can still be found; the files go in
    // `remove_client_files`, once nothing refers to them.
    "DELETE FROM attachments WHERE (owner_kind = 'client' AND owner_id = ?1)
        OR (owner_kind = 'session_note' AND owner_id IN (SELECT id FROM session_notes WHERE client_id = ?1))
        OR (owner_kind = 'received_item' AND owner_id IN (SELECT id FROM received_items WHERE contact_id = ?2))",
    "DELETE FROM tags WHERE item_id = ?1
        OR item_id IN (SELECT id FROM session_notes WHERE client_id = ?1)
        OR item_id IN (SELECT id FROM goals WHERE client_id = ?1)
        OR item_id IN (SELECT id FROM appointments WHERE client_id = ?1)
        OR item_id IN (SELECT id FROM measure_administrations WHERE client_id = ?1)
        OR item_id IN (SELECT id FROM risk_flags WHERE client_id = ?1)
        OR item_id IN (SELECT id FROM referrals WHERE client_id = ?1)
        OR item_id IN (SELECT id FROM consents WHERE client_id = ?1)
        OR item_id IN (SELECT id FROM disclosures WHERE client_id = ?1)
        OR item_id IN (SELECT id FROM safety_plans WHERE client_id = ?1)",
    "DELETE FROM session_note_goals WHERE note_id IN (SELECT id FROM session_notes WHERE client_id = ?1)
        OR goal_id IN (SELECT id FROM goals WHERE client_id = ?1)",
    "DELETE FROM note_addenda WHERE note_id IN (SELECT id FROM session_notes WHERE client_id = ?1)",
    "DELETE FROM note_revisions WHERE note_id IN (SELECT id FROM session_notes WHERE client_id = ?1)",
    "DELETE FROM session_notes WHERE client_id = ?1",
    "DELETE FROM goal_steps WHERE goal_id IN (SELECT id FROM goals WHERE client_id = ?1)",
    "DELETE FROM goal_reviews WHERE goal_id IN (SELECT id FROM goals WHERE client_id = ?1)",
    "DELETE FROM goals WHERE client_id = ?1",
    "UPDATE billing_invoice_lines SET description = 'Service (client erased)', item_id = NULL
        WHERE invoice_id IN (SELECT id FROM billing_invoices WHERE client_id = ?1 AND number IS NOT NULL)",
    "DELETE FROM billing_invoice_lines
        WHERE invoice_id IN (SELECT id FROM billing_invoices WHERE client_id = ?1 AND number IS NULL)",
    "DELETE FROM billing_items WHERE client_id = ?1",
    "DELETE FROM billing_invoices WHERE client_id = ?1 AND number IS NULL",
    "UPDATE billing_invoices SET bill_to = ?3, payer = NULL,
        void_reason = CASE WHEN void_reason IS NULL THEN NULL ELSE 'Void (reason erased with the client)' END,
        updated_at = ?4
        WHERE client_id = ?1",
    "UPDATE billing_payments SET reference = NULL WHERE client_id = ?1",
    "DELETE FROM billing_client_fees WHERE client_id = ?1",
    "DELETE FROM appointment_exceptions WHERE appointment_id IN (SELECT id FROM appointments WHERE client_id = ?1)",
    "DELETE FROM appointments WHERE client_id = ?1",
    "DELETE FROM measure_administrations WHERE client_id = ?1",
    "DELETE FROM measure_schedules WHERE client_id = ?1",
    "DELETE FROM risk_flags WHERE client_id = ?1",
    "DELETE FROM safety_plan_items WHERE plan_id IN (SELECT id FROM safety_plans WHERE client_id = ?1)",
    "DELETE FROM safety_plans WHERE client_id = ?1",
    "DELETE FROM disclosures WHERE client_id = ?1
        OR consent_id IN (SELECT id FROM consents WHERE client_id = ?1)",
    "DELETE FROM consents WHERE client_id = ?1",
    "DELETE FROM referrals WHERE client_id = ?1",
    "DELETE FROM resource_assignments WHERE client_id = ?1",
    "DELETE FROM received_items WHERE contact_id = ?2",
    "DELETE FROM received_bundles WHERE contact_id = ?2",
    "DELETE FROM contact_role_changes WHERE contact_id = ?2",
    "DELETE FROM client_retention WHERE client_id = ?1",
    "DELETE FROM clients WHERE id = ?1",
    "DELETE FROM contacts WHERE id = ?2",
];

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ErasureReport {
    /// The tombstone written.
    pub erasure: Erasure,
    /// Rows deleted or anonymised, over every table.
    #[ts(type = "number")]
    pub rows: u64,
    /// Whether the vault was compacted and its backups discarded (if not, the erased data lingers
    /// in older generations until they rotate out, and the caller should say so).
    pub compacted: bool,
}

/// Folds text for comparing a typed name: trimmed, runs of spaces as one, case ignored.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The words of `text`, lower-cased: runs of letters and digits ("Alan's" is "alan", "s").
fn words(text: &str) -> Vec<String> {
    text.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// Erases the client `client_id` and everything that refers to them (see the module docs), then
/// compacts the vault discarding its backups. `today` is the mentor's local day (for retention).
///
/// Refused, with nothing changed: a reason of "retention ended" while it has not; a lawful
/// request without a note; a note containing the client's name; and, while retention has not
/// ended (or the client is not closed), an override that is not the client's name.
pub async fn erase_client(
    vault: &Vault,
    client_id: &str,
    request: EraseRequest,
    today: NaiveDate,
) -> Result<ErasureReport> {
    let retention: ClientRetention = retention::client_retention(vault, client_id, today).await?;
    let note = super::optional_text("Note", Some(&request.note), super::LONG_TEXT)?.unwrap_or_default();
    let name = retention.name.clone();
    let ends = retention.ends_on.map(day_text);
    if request.reason == ErasureReason::RetentionEnded && !retention.ended {
        return Err(Error::invalid(
            "reason",
            match &ends {
                Some(d) => format!("Retention of this record ends on {d}: it has not ended yet"),
                None => "This client is not closed, so their retention has not started".to_owned(),
            },
        ));
    }
    if request.reason == ErasureReason::LawfulRequest && note.is_empty() {
        return Err(Error::invalid("note", "Say who asked for the erasure, and when"));
    }
    let preferred: Option<(String,)> =
        vault.fetch_optional("SELECT preferred_name FROM clients WHERE id = ?", params![client_id]).await?;
    let names = [Some(name.clone()), preferred.map(|(p,)| p)];
    // Whole words: "Al" is in "the local advice centre" as letters, not as a name (such a note
    // used to be refused).
    let note_words = words(&note);
    for n in names.iter().flatten().map(|n| words(n)).filter(|n| !n.is_empty()) {
        if note_words.windows(n.len()).any(|w| w == n.as_slice()) {
            return Err(Error::invalid(
                "note",
                "The note stays in the erasure log after the client is gone: leave their name out of it",
            ));
        }
    }
    let overridden = !retention.ended;
    if overridden {
        let typed = request.override_phrase.as_deref().map(fold).unwrap_or_default();
        if typed != fold(&name) {
            let why = match &ends {
                Some(d) => format!("This record is kept until {d}"),
                None => "This client is not closed, so their record is still kept".to_owned(),
            };
            return Err(Error::invalid(
                "override",
                format!("{why}: to erase it anyway, type the client's full name (capitals and spacing do not matter)"),
            ));
        }
    }

    let tombstone = Tombstone {
        erased_at: vault::now(),
        reason: request.reason,
        note,
        retention_ends_on: retention.ends_on,
        overridden,
    };
    let (rows, invoices_kept) = erase_rows(vault, client_id, tombstone).await?;
    let compacted = vault.compact_discarding_backups().await.is_ok();
    let erasure = get_erasure(vault, client_id).await?;
    debug_assert_eq!(erasure.invoices_kept, invoices_kept);
    // Remembered on this computer, outside the vault folder, so that an older copy of the vault
    // that still holds the client (a restored backup) is erased again when it opens
    // ([`reapply_erasures`]). The erasure is done whether or not this is kept.
    remember_erasure(vault, &erasure).await;
    Ok(ErasureReport { erasure, rows, compacted })
}

/// What the tombstone of an erasure says.
struct Tombstone {
    erased_at: DateTime<Utc>,
    reason: ErasureReason,
    note: String,
    retention_ends_on: Option<NaiveDate>,
    overridden: bool,
}

/// THE ONE PATH by which a client's rows leave the vault: in one write, the tombstone, then
/// every statement of [`ERASE_STATEMENTS`]; then their files. Returns the rows changed and the
/// issued invoices kept. Used by [`erase_client`] and [`reapply_erasures`].
async fn erase_rows(vault: &Vault, client_id: &str, tombstone: Tombstone) -> Result<(u64, i64)> {
    let label = erased_label(client_id);
    let id = client_id.to_owned();
    let now = vault::now();
    let Tombstone { erased_at, reason, note, retention_ends_on, overridden } = tombstone;
    let done = vault
        .write(move |w| {
            Box::pin(async move {
                let (contact_id,): (Option<String>,) = w
                    .fetch_existing("SELECT contact_id FROM clients WHERE id = ?", params![id.as_str()], "That client")
                    .await?;
                let (kept,): (i64,) = w
                    .fetch_one(
                        "SELECT count(*) FROM billing_invoices WHERE client_id = ? AND number IS NOT NULL",
                        params![id.as_str()],
                    )
                    .await?;
                w.exec(
                    "INSERT INTO erasures (client_id, erased_at, reason, note, retention_ends_on, overridden, invoices_kept)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![id.as_str(), erased_at, reason.key(), note, retention_ends_on, overridden, kept],
                )
                .await?;
                let mut rows = 0;
                for sql in ERASE_STATEMENTS {
                    rows += w.exec(sql, params![id.as_str(), contact_id.clone(), label.as_str(), now]).await?;
                }
                Ok((rows, kept))
            })
        })
        .await?;
    remove_client_files(vault, client_id).await?;
    Ok(done)
}

/// The name of this computer's list of the clients it erased (`Vault::remember_here`).
const ERASED_HERE: &str = "erased-clients";

/// Keeps the erasure's client id, time and reason (no name, no note) in this computer's list.
/// Best effort: the erasure is done; a data folder that will not take it only means an older
/// copy restored here is not caught.
async fn remember_erasure(vault: &Vault, erasure: &Erasure) {
    let entry = vault::KeptEntry {
        id: erasure.client_id.clone(),
        at: erasure.erased_at,
        word: erasure.reason.key().to_owned(),
    };
    let _ = vault.remember_here(ERASED_HERE, entry).await;
}

/// Clients this computer erased that an opened vault holds again, and what became of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReappliedErasures {
    /// The tombstones written again (or, when `done` is false, that would be), oldest first.
    pub erasures: Vec<Erasure>,
    /// Whether they were erased again: false when the vault is open read-only (nothing on disk
    /// may change), and they are erased at its next writable open.
    pub done: bool,
}

impl ReappliedErasures {
    /// What the person reads, or `None` when no erased client came back: "This vault is an
    /// older copy, made before an erasure: 1 client erased on 2 Dec 2026 was in it and has been
    /// erased again, with everything that referred to them."
    pub fn message(&self) -> Option<String> {
        let n = self.erasures.len();
        if n == 0 {
            return None;
        }
        let mut days: Vec<NaiveDate> =
            self.erasures.iter().map(|e| e.erased_at.with_timezone(&chrono::Local).date_naive()).collect();
        days.sort_unstable();
        days.dedup();
        let days: Vec<String> = days.into_iter().map(day_text).collect();
        let days = match days.as_slice() {
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            [] => String::new(),
        };
        let (clients, was, has) =
            if n == 1 { ("1 client".to_owned(), "was", "has") } else { (format!("{n} clients"), "were", "have") };
        Some(if self.done {
            format!(
                "This vault is an older copy, made before an erasure (a restored backup?): {clients} erased on {days} {was} in it and {has} been erased again, with everything that referred to them."
            )
        } else {
            format!(
                "This vault is an older copy, made before an erasure (a restored backup?): {clients} erased on {days} {was} in it. Opened read-only, nothing was changed; opening it to write erases them again."
            )
        })
    }
}

/// Erases again every client this computer erased (kept outside the vault folder when it was
/// done, [`erase_client`]) that the open vault still holds: an older copy brought back by a
/// restored backup, or by a sync tool. The same path as an erasure ([`erase_rows`]): the
/// tombstone written again with its first time and reason (the mentor's note was never kept
/// outside the vault: the note says what happened), every row that refers to the client, their
/// files, and the vault compacted discarding its backups. Nothing else changes: what was typed
/// since, about anyone else, stays. Called by the command line and the window right after a
/// vault is unlocked. A read-only vault is left as it is and the clients are only named
/// (`done` is false).
///
/// A computer that never erased the client (a backup restored on a new computer) has nothing
/// to compare, and the client stays: docs/practice.md says so.
pub async fn reapply_erasures(vault: &Vault) -> Result<ReappliedErasures> {
    let remembered = vault.remembered_here(ERASED_HERE).await?;
    let mut back = Vec::new();
    for entry in remembered {
        let (held,): (i64,) =
            vault.fetch_one("SELECT count(*) FROM clients WHERE id = ?", params![entry.id.as_str()]).await?;
        if held > 0 {
            back.push(entry);
        }
    }
    if back.is_empty() {
        return Ok(ReappliedErasures { erasures: Vec::new(), done: true });
    }
    if vault.is_read_only().await {
        let erasures = back
            .into_iter()
            .map(|e| Erasure {
                client_id: e.id,
                erased_at: e.at,
                reason: ErasureReason::from_key(&e.word).unwrap_or(ErasureReason::LawfulRequest),
                note: String::new(),
                retention_ends_on: None,
                overridden: false,
                invoices_kept: 0,
            })
            .collect();
        return Ok(ReappliedErasures { erasures, done: false });
    }
    let today = crate::clock::today_local();
    let mut erasures = Vec::new();
    for entry in back {
        let first = day_text(entry.at.with_timezone(&chrono::Local).date_naive());
        let tombstone = Tombstone {
            erased_at: entry.at,
            reason: ErasureReason::from_key(&entry.word).unwrap_or(ErasureReason::LawfulRequest),
            note: format!(
                "Erased again on {}: an older copy of the vault that still held this client was opened (first erased on {first})",
                day_text(today)
            ),
            retention_ends_on: None,
            overridden: false,
        };
        erase_rows(vault, &entry.id, tombstone).await?;
        erasures.push(get_erasure(vault, &entry.id).await?);
    }
    let _ = vault.compact_discarding_backups().await;
    Ok(ReappliedErasures { erasures, done: true })
}

/// THE ONE PLACE where files kept outside the database for a client are removed during an
/// erasure, after the rows are gone and before the vault is compacted: the encrypted attachment
/// files no record refers to any more (the erasure deleted the client's attachment records).
async fn remove_client_files(vault: &Vault, client_id: &str) -> Result<()> {
    let _ = client_id;
    crate::attachments::sweep_unreferenced_files(vault).await?;
    Ok(())
}

/// One tombstone.
pub async fn get_erasure(vault: &Vault, client_id: &str) -> Result<Erasure> {
    vault
        .fetch_existing(
            "SELECT client_id, erased_at, reason, note, retention_ends_on, overridden, invoices_kept
             FROM erasures WHERE client_id = ?",
            params![client_id],
            "That erasure",
        )
        .await
}

/// The erasure log, newest first.
pub async fn list_erasures(vault: &Vault) -> Result<Vec<Erasure>> {
    vault
        .fetch_all(
            "SELECT client_id, erased_at, reason, note, retention_ends_on, overridden, invoices_kept
             FROM erasures ORDER BY erased_at DESC, client_id",
            params![],
        )
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_is_the_ids_random_tail_and_lines_read_right() {
        assert_eq!(erased_label("019ad3c2-7b1e-7c44-9f00-1a2b3c4d5e6f"), "Erased client 3c4d5e6f");
        let e = Erasure {
            client_id: "019ad3c2-7b1e-7c44-9f00-1a2b3c4d5e6f".into(),
            erased_at: DateTime::parse_from_rfc3339("2026-12-02T10:00:00Z").expect("time").with_timezone(&Utc),
            reason: ErasureReason::LawfulRequest,
            note: String::new(),
            retention_ends_on: None,
            overridden: true,
            invoices_kept: 1,
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).expect("day");
        assert_eq!(
            e.line(day),
            "Erased client 3c4d5e6f · 2 Dec 2026 · lawful request (Art. 17) · retention overridden · 1 invoice kept"
        );
        let e = Erasure { reason: ErasureReason::RetentionEnded, overridden: false, invoices_kept: 2, ..e };
        assert_eq!(e.line(day), "Erased client 3c4d5e6f · 2 Dec 2026 · retention ended · 2 invoices kept");
    }

    #[test]
    fn every_statement_is_a_write_and_the_client_row_goes_before_its_contact() {
        let client = ERASE_STATEMENTS.iter().position(|s| *s == "DELETE FROM clients WHERE id = ?1");
        let contact = ERASE_STATEMENTS.iter().position(|s| *s == "DELETE FROM contacts WHERE id = ?2");
        assert!(client.is_some() && contact.is_some() && client < contact);
    }
}
