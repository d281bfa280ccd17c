//! `wellkept trash …`: moving a record to the trash, what was deleted, restoring it, and purging
//! it for good.

use wellkept::trash::{self, PurgeReport};
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Trash commands.
#[derive(clap::Subcommand)]
pub enum TrashAction {
    /// List deleted records, newest first.
    List,
    /// Move a record to the trash (it can be restored until it is purged). A client goes with
    /// `wellkept client delete`.
    Move {
        /// Its kind: journal_entry, mood_checkin, thought_record, activation, gratitude,
        /// coping_strategy, referral, resource, credential, training_record, supervision_note or
        /// appointment.
        kind: String,
        /// Its id.
        id: String,
    },
    /// Put a deleted record back.
    Restore {
        /// Its kind, as `trash list` shows it (journal_entry, client, …).
        kind: String,
        /// Its id.
        id: String,
    },
    /// Delete a record for good. Its text is overwritten in the vault, and older backup
    /// snapshots that still hold it are removed.
    Purge {
        /// Its kind.
        kind: String,
        /// Its id.
        id: String,
    },
    /// Purge everything in the trash (or only what was deleted more than --older-than days ago).
    Empty {
        /// Only records deleted more than this many days ago.
        #[arg(long)]
        older_than: Option<u32>,
    },
}

pub async fn run(vault: &Vault, action: TrashAction) -> Result<()> {
    match action {
        TrashAction::List => {
            let items = trash::list_trash(vault).await?;
            for item in &items {
                println!(
                    "{}  {:<16} {:<14} {}  {}",
                    item.deleted_at.format("%Y-%m-%d"),
                    item.label,
                    item.kind,
                    item.id,
                    item.title
                );
            }
            if items.is_empty() {
                println!("The trash is empty.");
            }
            Ok(())
        }
        TrashAction::Move { kind, id } => {
            if kind == "client" {
                return Err(Error::invalid(
                    "kind",
                    "a client is moved to the trash with `wellkept client delete <id>`",
                ));
            }
            if kind != wellkept::journal::entries::KIND && !trash::MOVABLE_KINDS.contains(&kind.as_str()) {
                // The core's "cannot be moved to the trash from here" named no kind that can.
                return Err(Error::invalid(
                    "kind",
                    format!(
                        "\"{kind}\" cannot be moved to the trash with `trash move`; it takes {}, {}",
                        wellkept::journal::entries::KIND,
                        trash::MOVABLE_KINDS.join(", ")
                    ),
                ));
            }
            if kind == wellkept::journal::entries::KIND {
                // The journal's own delete (its attachments go with the entry).
                wellkept::journal::entries::delete_entry(vault, &id).await?;
            } else {
                trash::move_to_trash(vault, &kind, &id).await?;
            }
            println!("Moved to the trash.");
            Ok(())
        }
        TrashAction::Restore { kind, id } => {
            trash::restore_from_trash(vault, &kind, &id).await?;
            println!("Restored.");
            Ok(())
        }
        TrashAction::Purge { kind, id } => match trash::purge_from_trash(vault, &kind, &id).await {
            // The core's refusal ends "restore them and use “Erase this client…” on their page",
            // a button of the window: here the way out is a command.
            Err(Error::ReadOnly { .. }) if kind == "client" => Err(Error::ReadOnly {
                reason: format!(
                    "This client cannot be purged: records still refer to them (notes, appointments, goals, measures, consents…), or they were closed and their record is kept for its retention. To remove them and everything that refers to them for good, erase them (from the trash too): `wellkept client erase {id} --reason retention`, or `--reason request --note …` for a lawful request."
                ),
            }),
            done => report(done?),
        },
        TrashAction::Empty { older_than } => report(match older_than {
            Some(days) => trash::purge_trash_older_than(vault, days).await?,
            None => trash::empty_trash(vault).await?,
        }),
    }
}

fn report(r: PurgeReport) -> Result<()> {
    println!("Purged {} record(s) for good.", r.purged);
    if r.kept > 0 {
        println!("{} record(s) were kept because other records still need them.", r.kept);
    }
    if !r.compacted {
        println!("Note: the vault could not be compacted now; the purged text leaves the disk at the next compaction.");
    }
    Ok(())
}
