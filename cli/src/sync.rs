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
            vault.lock().await?;
            print_computers(&devices?);
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
        "Use one computer at a time and let the engine finish before you switch: changes made on two computers at once are not merged yet."
    );
}
