//! The trash: every soft-deleted record, whatever its kind, in one list; restore, and purge
//! (delete for good).
//!
//! Deleting anywhere in Wellkept only sets `deleted_at`; the record waits here until the user
//! restores or purges it. Purging is a hard `DELETE` of the row, its tags and the rows that belong
//! to it. The connection runs with `secure_delete=ON` and the search indexes with FTS5
//! secure-delete, so the purged text is overwritten in the database image, and Wellkept compacts
//! straight after a purge: the next snapshot no longer holds it. Older snapshots kept as rotating
//! backups (and their journals) still do until they rotate out — the report says so.
//!
//! Which tables have a trash is the registry in [`sources`].

pub mod sources;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::vault::{self, Vault};
use crate::{Error, Result, params};
pub use sources::{SOURCES, TrashSource};

/// One record in the trash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TrashItem {
    /// Its kind (`"journal_entry"`, `"client"`, …).
    pub kind: String,
    /// The kind in the user's words.
    pub label: String,
    /// Its id.
    pub id: String,
    /// A one-line title.
    pub title: String,
    /// The day the record is about, when it has one.
    pub date: Option<NaiveDate>,
    /// When it was deleted.
    pub deleted_at: DateTime<Utc>,
}

/// What a purge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PurgeReport {
    /// Records deleted for good.
    pub purged: u64,
    /// Records that were due but stay in the trash because other records need them (a client
    /// with notes, a finalised note…).
    pub kept: u64,
    /// Whether a new snapshot without the purged text was written. `false` means compaction
    /// failed (e.g. a full disk); the purge itself is saved and the next compaction scrubs it.
    pub compacted: bool,
}

#[derive(sqlx::FromRow)]
struct TrashRow {
    id: String,
    title: Option<String>,
    date: Option<String>,
    deleted_at: DateTime<Utc>,
}

/// Everything in the trash, most recently deleted first.
pub async fn list_trash(vault: &Vault) -> Result<Vec<TrashItem>> {
    let mut items = Vec::new();
    for source in SOURCES.iter() {
        let rows = vault.fetch_all::<TrashRow>(source.list, params![]).await?;
        items.extend(rows.into_iter().map(|row| TrashItem {
            kind: source.kind.to_owned(),
            label: source.label.to_owned(),
            title: title_of(source, row.title.as_deref()),
            date: row.date.as_deref().and_then(|d| d.get(..10)).and_then(|d| d.parse().ok()),
            id: row.id,
            deleted_at: row.deleted_at,
        }));
    }
    items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then_with(|| a.id.cmp(&b.id)));
    Ok(items)
}

fn title_of(source: &TrashSource, title: Option<&str>) -> String {
    let line = title.unwrap_or_default().lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    if line.is_empty() { source.label.to_owned() } else { line.chars().take(120).collect() }
}

fn source_for(kind: &str) -> Result<&'static TrashSource> {
    sources::source(kind)
        .ok_or_else(|| Error::invalid("kind", format!("\"{kind}\" is not something that can be in the trash")))
}

/// The kinds [`move_to_trash`] takes: every kind the window edits in a list of its own (the
/// journal entry, the client, the goal, the appointment and the session note have their own
/// commands, with their own rules).
pub const MOVABLE_KINDS: &[&str] = &[
    "mood_checkin",
    "thought_record",
    "activation",
    "gratitude",
    "coping_strategy",
    "referral",
    "resource",
    "credential",
    "training_record",
    "supervision_note",
    "appointment",
];

/// Moves one record of kind `kind` (one of [`MOVABLE_KINDS`]) to the trash, through its module,
/// so any rule particular to the kind still applies. A record already in the trash, or no such
/// record, is [`Error::NotFound`]; any other kind is [`Error::Invalid`].
pub async fn move_to_trash(vault: &Vault, kind: &str, id: &str) -> Result<()> {
    use crate::clinical::mentor_record::{self, MentorRecordKind};
    use crate::clinical::{referrals, resources};
    use crate::journal::{activation, coping, gratitude, mood, thought_records};
    match kind {
        "mood_checkin" => mood::delete_mood_checkin(vault, id).await,
        "thought_record" => thought_records::delete_thought_record(vault, id).await,
        "activation" => activation::delete_activation(vault, id).await,
        "gratitude" => gratitude::delete_gratitude_entry(vault, id).await,
        "coping_strategy" => coping::delete_coping_strategy(vault, id).await,
        "referral" => referrals::delete_referral(vault, id).await,
        "resource" => resources::delete_resource(vault, id).await,
        "credential" => mentor_record::delete_mentor_record(vault, MentorRecordKind::Credential, id).await,
        "training_record" => mentor_record::delete_mentor_record(vault, MentorRecordKind::Training, id).await,
        "supervision_note" => mentor_record::delete_mentor_record(vault, MentorRecordKind::Supervision, id).await,
        // A whole appointment (a series with all its sessions): one booked in error. A session
        // that did not happen is cancelled instead, which keeps it on the calendar.
        "appointment" => crate::practice::appointments::delete_appointment(vault, id).await,
        _ => Err(Error::invalid("kind", format!("\"{kind}\" cannot be moved to the trash from here"))),
    }
}

/// Takes one record out of the trash.
pub async fn restore_from_trash(vault: &Vault, kind: &str, id: &str) -> Result<()> {
    let source = source_for(kind)?;
    let id = id.to_owned();
    vault.exec_one(source.restore, params![id.as_str()], "That item in the trash").await
}

/// Deletes one record in the trash for good (with its tags and the rows that belong to it),
/// then compacts. A record other records still need is refused with [`Error::ReadOnly`].
pub async fn purge_from_trash(vault: &Vault, kind: &str, id: &str) -> Result<PurgeReport> {
    let source = source_for(kind)?;
    let id = id.to_owned();
    let purged = vault
        .write(move |w| {
            Box::pin(async move {
                let mut last = 0;
                for sql in source.purge_one {
                    last = w.exec(sql, params![id.as_str()]).await?;
                }
                if last == 0 {
                    let (in_trash,) = w.fetch_one::<(i64,)>(source.in_trash, params![id.as_str()]).await?;
                    return Err(if in_trash > 0 {
                        Error::ReadOnly { reason: source.blocked_reason.to_owned() }
                    } else {
                        Error::NotFound { what: "That item in the trash" }
                    });
                }
                Ok(last)
            })
        })
        .await?;
    // Best effort: a file left now is removed by the next purge's sweep; the records are gone.
    let _ = crate::attachments::sweep_unreferenced_files(vault).await;
    Ok(PurgeReport { purged, kept: 0, compacted: vault.compact_discarding_backups().await.is_ok() })
}

/// Purges everything that has been in the trash for more than `days` days.
pub async fn purge_trash_older_than(vault: &Vault, days: u32) -> Result<PurgeReport> {
    let cutoff = vault::now() - chrono::Duration::days(i64::from(days));
    purge_before(vault, vault::format_time(cutoff)).await
}

/// Empties the trash: purges everything in it (except records other records still need).
pub async fn empty_trash(vault: &Vault) -> Result<PurgeReport> {
    // Later than any timestamp Wellkept writes: every deleted row qualifies.
    purge_before(vault, "9999-12-31T23:59:59.999Z".to_owned()).await
}

async fn purge_before(vault: &Vault, cutoff: String) -> Result<PurgeReport> {
    let (purged, kept) = vault
        .write(move |w| {
            Box::pin(async move {
                let (mut purged, mut kept) = (0, 0);
                for source in SOURCES.iter() {
                    let mut last = 0;
                    for sql in source.purge_before {
                        last = w.exec(sql, params![cutoff.as_str()]).await?;
                    }
                    purged += last;
                    let (left,) = w.fetch_one::<(i64,)>(source.count_before, params![cutoff.as_str()]).await?;
                    kept += u64::try_from(left).unwrap_or(0);
                }
                Ok((purged, kept))
            })
        })
        .await?;
    if purged > 0 {
        let _ = crate::attachments::sweep_unreferenced_files(vault).await;
    }
    let compacted = purged == 0 || vault.compact_discarding_backups().await.is_ok();
    Ok(PurgeReport { purged, kept, compacted })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trash_kind_is_unique_and_purges_the_row_last() {
        let mut kinds: Vec<_> = SOURCES.iter().map(|s| s.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), SOURCES.len());
        for s in SOURCES.iter() {
            let last = s.purge_one.last().expect("a purge has statements");
            assert!(!last.starts_with("DELETE FROM tags"), "{}: the row itself goes last", s.kind);
            assert!(s.purge_one.iter().any(|q| q.contains(&format!("item_kind = '{}'", s.kind))), "{}", s.kind);
            let blocked = s.purge_one.iter().any(|q| !q.contains("NOT (0)"));
            assert_eq!(blocked, !s.blocked_reason.is_empty(), "{}: a blocking rule explains itself", s.kind);
        }
    }

    #[test]
    fn titles_fall_back_to_the_kind() {
        let s = &SOURCES[0];
        assert_eq!(title_of(s, Some("\n  Hello\nworld")), "Hello");
        assert_eq!(title_of(s, None), "Journal entry");
    }
}
