//! `wellkept sync status`: a vault in a synced folder, as this computer sees it.

use std::path::Path;

use wellkept::Result;
use wellkept::sync::status::{self, FolderScan};

use crate::unlock::{self, UnlockArgs};

/// Sync commands.
#[derive(clap::Subcommand)]
pub enum SyncAction {
    /// The computers that open this vault, and any file the sync engine set aside or is still
    /// copying. Opens the vault read-only: changes nothing.
    Status,
}

pub async fn run(dir: &Path, args: &UnlockArgs, action: SyncAction) -> Result<()> {
    match action {
        SyncAction::Status => show_status(dir, args).await,
    }
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
            vault.lock().await?;
            let devices = devices?;
            print_computers(&devices);
            print_role(&role?, &devices);
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

/// Which computer keeps the snapshots, and anything the merge noted at this open.
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
