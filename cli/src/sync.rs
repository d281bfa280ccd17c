//! `wellkept sync …`: a vault in a synced folder, as this computer sees it.

use std::path::Path;

use wellkept::Result;
use wellkept::sync::conflicts::{self, ConflictKind};
use wellkept::sync::status::{self, FolderScan};

use crate::unlock::{self, UnlockArgs};

/// Sync commands.
#[derive(clap::Subcommand)]
pub enum SyncAction {
    /// The computers that open this vault, any record changed on two of them at once, and any
    /// file the sync engine set aside or is still copying. Opens the vault read-only: changes
    /// nothing.
    Status,
    /// Every record whose text was changed on two computers at once: the text on show, and
    /// each version kept aside with its computer and time.
    Conflicts,
    /// Chooses for a record with versions kept aside: `shown` keeps the text on show and lets
    /// every version kept aside go; a version's id (from `wellkept sync conflicts`) takes that
    /// version instead (for a finalised note: adds it as an addendum).
    Choose {
        /// The record's id.
        record: String,
        /// `shown`, or the id of a version kept aside (`first` for a record's first text).
        choice: String,
    },
    /// Clears what merges noted they could not do in full (listed by `wellkept sync status`):
    /// the notes with the keys given, or all of them. On every computer; what the merges kept
    /// stays.
    ClearNotes {
        /// Notes' keys (`<computer id>:<number>`, as `wellkept sync status` prints them); none:
        /// every note listed.
        keys: Vec<String>,
    },
    /// Prints every record of the vault as this computer merged it, in a canonical order
    /// (in the clear: for comparing two computers, e.g. `diff` of their dumps). Opens the
    /// vault read-only.
    Dump,
}

pub async fn run(dir: &Path, args: &UnlockArgs, action: SyncAction) -> Result<()> {
    match action {
        SyncAction::Status => show_status(dir, args).await,
        SyncAction::Conflicts => {
            let (vault, _) = unlock::open(dir, &UnlockArgs { read_only: true, ..args.clone() }).await?;
            let done = show_conflicts(&vault).await;
            vault.lock().await?;
            done
        }
        SyncAction::Dump => {
            let (vault, _) = unlock::open(dir, &UnlockArgs { read_only: true, ..args.clone() }).await?;
            let dump = wellkept::sync::dump::canonical_dump(&vault).await;
            vault.lock().await?;
            print!("{}", dump?);
            Ok(())
        }
        SyncAction::ClearNotes { keys } => {
            let (vault, _) = unlock::open(dir, args).await?;
            let cleared = wellkept::sync::notes::clear(&vault, &keys).await;
            vault.lock().await?;
            match cleared? {
                0 => println!("No merge notes to clear."),
                1 => println!("Cleared 1 merge note."),
                n => println!("Cleared {n} merge notes."),
            }
            Ok(())
        }
        SyncAction::Choose { record, choice } => {
            let (vault, _) = unlock::open(dir, args).await?;
            let done = choose(&vault, &record, &choice).await;
            vault.lock().await?;
            done
        }
    }
}

async fn show_conflicts(vault: &wellkept::vault::Vault) -> Result<()> {
    let records = conflicts::all(vault).await?;
    if records.is_empty() {
        println!("No record was changed on two computers at once.");
        return Ok(());
    }
    for record in records {
        println!("{} (id {}):", record.label, record.record_id);
        let shown = match record.kind {
            ConflictKind::JournalEntry => {
                let e = wellkept::journal::entries::get_entry(vault, &record.record_id).await?;
                if e.title.is_empty() { e.body } else { format!("{}\n{}", e.title, e.body) }
            }
            ConflictKind::SessionNote => wellkept::practice::notes::get_note(vault, &record.record_id).await?.text(),
            ConflictKind::SupervisionNote => {
                wellkept::clinical::supervision::get_supervision_note(vault, &record.record_id).await?.text()
            }
            ConflictKind::ThoughtRecord => {
                wellkept::journal::thought_records::get_thought_record(vault, &record.record_id).await?.text()
            }
            ConflictKind::Client => wellkept::practice::clients::get_client(vault, &record.record_id).await?.notes,
            ConflictKind::Goal => {
                let g = wellkept::practice::goals::get_goal(vault, &record.record_id).await?;
                let parts = g.text();
                if parts.is_empty() { g.title } else { format!("{}\n{}", g.title, parts) }
            }
        };
        println!("  On show:");
        print_indented(&shown);
        for kept in conflicts::for_record(vault, record.kind, &record.record_id).await? {
            let from = match (&kept.device_name, &kept.device) {
                (Some(name), _) => name.clone(),
                (None, Some(id)) => format!("a computer not listed (id {})", &id[..8.min(id.len())]),
                (None, None) => "a computer not known".to_owned(),
            };
            let version = if kept.version.is_empty() { "first" } else { kept.version.as_str() };
            let what = if kept.after_final { ", after the note was finalised" } else { "" };
            println!(
                "  Kept aside: version {version}, saved on {from} at {}{what}:",
                kept.written_at.format("%Y-%m-%d %H:%M UTC")
            );
            let text = if kept.title.is_empty() { kept.text } else { format!("{}\n{}", kept.title, kept.text) };
            print_indented(&text);
        }
    }
    println!("Choose with: wellkept sync choose <record id> shown|<version>");
    Ok(())
}

fn print_indented(text: &str) {
    for line in text.lines() {
        println!("    {line}");
    }
}

async fn choose(vault: &wellkept::vault::Vault, record: &str, choice: &str) -> Result<()> {
    let found = conflicts::all(vault).await?.into_iter().find(|r| r.record_id == record).ok_or_else(|| {
        wellkept::Error::invalid(
            "Record",
            "no versions are kept aside for a record with that id; `wellkept sync conflicts` lists those that have",
        )
    })?;
    let kept = conflicts::for_record(vault, found.kind, record).await?;
    if choice == "shown" {
        for version in &kept {
            conflicts::keep_shown(vault, found.kind, record, &version.version).await?;
        }
        println!("Kept the text on show of {}; {} version(s) kept aside let go.", found.label, kept.len());
    } else {
        let version = if choice == "first" { "" } else { choice };
        conflicts::use_version(vault, found.kind, record, version).await?;
        let how = match found.kind {
            ConflictKind::SessionNote if kept.iter().any(|k| k.version == version && k.after_final) => {
                "added it as an addendum"
            }
            _ => "it is now on show",
        };
        println!("Took the version kept aside of {}: {how}.", found.label);
    }
    Ok(())
}

async fn show_status(dir: &Path, args: &UnlockArgs) -> Result<()> {
    // The scan needs no key, so it is shown even when the vault does not open because of what
    // the engine did to it.
    let scan = status::scan(dir);
    println!("Vault folder: {}", dir.display());
    let read_only = UnlockArgs {
        passphrase_file: args.passphrase_file.clone(),
        recovery_key_file: args.recovery_key_file.clone(),
        no_keychain: args.no_keychain,
        read_only: true,
        accept_rollback: None,
    };
    match unlock::open(dir, &read_only).await {
        Ok((vault, _)) => {
            let devices = vault.devices().await;
            let role = vault.sync_role().await;
            let conflicted = conflicts::all(&vault).await;
            let noted = wellkept::sync::notes::list(&vault).await;
            vault.lock().await?;
            let devices = devices?;
            print_computers(&devices);
            print_role(&role?, &devices);
            let noted = noted?;
            if noted.is_empty() {
                println!("What merges could not do in full: nothing");
            } else {
                println!(
                    "What merges could not do in full ({}; clear with wellkept sync clear-notes [<key>…]):",
                    noted.len()
                );
                for note in &noted {
                    println!("  {}: {}", note.key, note.describe());
                }
            }
            let conflicted = conflicted?;
            if conflicted.is_empty() {
                println!("Changed on two computers at once: nothing");
            } else {
                println!(
                    "Changed on two computers at once ({}): the later text is on show, the other kept aside until you choose (wellkept sync conflicts):",
                    conflicted.len()
                );
                for record in &conflicted {
                    println!("  {}: {} other version(s) kept aside", record.label, record.versions);
                }
            }
        }
        Err(e) => println!("Computers: not listed, because the vault did not open: {e}"),
    }
    print_scan(&scan);
    Ok(())
}

fn print_computers(devices: &[wellkept::sync::devices::DeviceInfo]) {
    let line = |d: &wellkept::sync::devices::DeviceInfo| {
        format!("{} (id {}), last opened {}", d.name, d.short_id, d.last_seen.format("%Y-%m-%d %H:%M UTC"))
    };
    match devices.iter().find(|d| d.this_computer) {
        Some(this) => println!("This computer: {}", line(this)),
        None => println!("This computer: not listed yet (it is listed once it opens the vault for writing)"),
    }
    let others: Vec<_> = devices.iter().filter(|d| !d.this_computer).collect();
    if others.is_empty() {
        println!("Other computers: none yet");
    } else {
        println!("Other computers ({}):", others.len());
        for d in others {
            println!("  {}", line(d));
        }
    }
}

/// Which computer keeps the snapshots, and anything the merge noted at this open that is not
/// kept for later (a snapshot still arriving).
fn print_role(role: &wellkept::vault::SyncRole, devices: &[wellkept::sync::devices::DeviceInfo]) {
    use wellkept::vault::Home;
    match &role.home {
        Home::ThisComputer => println!(
            "Home computer: this one (it keeps the vault's snapshots and folds the other computers' changes into them)"
        ),
        Home::NotYet => println!("Home computer: none yet (the first computer to save a change becomes it)"),
        Home::Elsewhere(id) => {
            let name = devices.iter().find(|d| d.id == *id).map_or_else(
                || format!("a computer not listed (id {})", &id[..8.min(id.len())]),
                |d| format!("{} (id {})", d.name, d.short_id),
            );
            println!("Home computer: {name}; this computer writes only its own change log, which the home folds in");
        }
    }
    if !role.notes.is_empty() {
        println!("Merging ({}):", role.notes.len());
        for note in &role.notes {
            println!("  {note}");
        }
    }
}

fn print_scan(scan: &FolderScan) {
    if scan.conflict_copies.is_empty() {
        println!("Conflict copies: none");
    } else {
        println!("Conflict copies ({}):", scan.conflict_copies.len());
        for copy in &scan.conflict_copies {
            println!("  {}: {}", copy.path, copy.kind.meaning());
        }
    }
    if scan.arriving.is_empty() {
        println!("Files still arriving: none");
    } else {
        println!("Files still arriving ({}):", scan.arriving.len());
        for path in &scan.arriving {
            println!("  {path}");
        }
    }
    let verdict = if !scan.arriving.is_empty() {
        "wait: the sync engine is still copying files into this vault; open it once the engine says the folder is up to date"
    } else if scan.needs_attention() {
        "needs attention: keep the copies marked \"keep\" above; the README's section \"A vault in a Syncthing (or Nextcloud, Dropbox) folder\" says what to do"
    } else {
        "nothing to do"
    };
    println!("Status: {verdict}");
    println!(
        "The computers may be used at the same time: each writes only files of its own, and each merges the others' changes as they arrive."
    );
}
