//! `wellkept devices …`: the computers that open this vault.

use wellkept::Result;
use wellkept::sync::devices::DeviceEntry;
use wellkept::vault::Vault;

/// Device commands (without one: list).
#[derive(clap::Subcommand)]
pub enum DevicesAction {
    /// List the computers, the one last seen first.
    List,
    /// Rename this computer.
    Rename {
        /// Its new name.
        name: String,
    },
    /// Remove another computer from the list (by the 32-digit id `list` shows).
    Remove {
        /// The computer's id.
        id: String,
    },
    /// Make a computer the vault's home, the one that keeps its snapshots and backups. On the
    /// home: give the id of the computer to hand it to. On another computer, without an id:
    /// this computer takes over from a home that will not open the vault again (retired,
    /// lost or wiped), which is taken off the list.
    MakeHome {
        /// The id of the computer to make the home (default: this computer).
        id: Option<String>,
    },
}

pub async fn run(vault: &Vault, action: Option<DevicesAction>) -> Result<()> {
    match action.unwrap_or(DevicesAction::List) {
        DevicesAction::List => {
            for d in vault.devices().await? {
                let this = match (d.this_computer, d.home) {
                    (true, true) => "  (this computer, the home)",
                    (true, false) => "  (this computer)",
                    (false, true) => "  (the home)",
                    (false, false) => "",
                };
                let last = d.last_seen.format("%Y-%m-%d %H:%M UTC");
                // What is not known is said, not filled in (decision 76).
                let seen = match (d.entry, d.first_seen) {
                    (DeviceEntry::Damaged, _) => {
                        let who = if d.this_computer {
                            "this computer sets it aside and writes a fresh one when it next opens the vault for writing"
                        } else {
                            "that computer sets it aside and writes a fresh one when it next opens the vault"
                        };
                        format!(
                            "its entry is damaged (last changed {last}): its name and when it first opened the vault are not known; {who}"
                        )
                    }
                    (_, Some(first)) => {
                        format!("first opened {}, last opened {last}", first.format("%Y-%m-%d %H:%M UTC"))
                    }
                    (_, None) => format!(
                        "last opened {last}; its name and when it first opened the vault were lost with its damaged entry"
                    ),
                };
                println!("{}  {}{this}\n    {seen}", d.id, d.name);
            }
            Ok(())
        }
        DevicesAction::Rename { name } => {
            vault.rename_this_device(&name).await?;
            println!("this computer is now \"{}\"", name.trim());
            Ok(())
        }
        DevicesAction::MakeHome { id } => {
            let listed = vault.devices().await?;
            let me = listed.iter().find(|d| d.this_computer).map(|d| d.id.clone());
            let old_home = listed.iter().find(|d| d.home).map(|d| d.name.clone());
            let id = match id.or(me) {
                Some(id) => id,
                None => vault.this_device().await?.hex(),
            };
            let name =
                listed.iter().find(|d| d.id == id.trim()).map_or_else(|| id.trim().to_owned(), |d| d.name.clone());
            vault.move_home(&id).await?;
            if listed.iter().any(|d| d.id == id.trim() && d.this_computer) {
                let old =
                    old_home.map_or_else(String::new, |n| format!("; \"{n}\" was taken off the list of computers"));
                println!("this computer is now the vault's home: it keeps the snapshots and backups{old}");
            } else {
                println!(
                    "\"{name}\" is now the vault's home: it keeps the snapshots and backups once your sync folder has delivered this change, and this computer writes only its own change log"
                );
            }
            Ok(())
        }
        DevicesAction::Remove { id } => {
            vault.remove_device(&id).await?;
            println!("removed {}; if that computer opens the vault again, it is listed again", id.trim());
            Ok(())
        }
    }
}
