//! `wellkept devices …`: the computers that open this vault.

use wellkept::Result;
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
}

pub async fn run(vault: &Vault, action: Option<DevicesAction>) -> Result<()> {
    match action.unwrap_or(DevicesAction::List) {
        DevicesAction::List => {
            for d in vault.devices().await? {
                let this = if d.this_computer { "  (this computer)" } else { "" };
                println!(
                    "{}  {}{this}\n    first opened {}, last opened {}",
                    d.id,
                    d.name,
                    d.first_seen.format("%Y-%m-%d %H:%M UTC"),
                    d.last_seen.format("%Y-%m-%d %H:%M UTC")
                );
            }
            Ok(())
        }
        DevicesAction::Rename { name } => {
            vault.rename_this_device(&name).await?;
            println!("this computer is now \"{}\"", name.trim());
            Ok(())
        }
        DevicesAction::Remove { id } => {
            vault.remove_device(&id).await?;
            println!("removed {}; if that computer opens the vault again, it is listed again", id.trim());
            Ok(())
        }
    }
}
