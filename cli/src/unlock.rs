//! How the command line unlocks a vault and handles secrets: the keychain first, then a
//! passphrase or recovery key from a file or the terminal. Secrets never come from argv (they
//! would show in `ps` and shell history).

use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use wellkept::keys::RecoveryKey;
use wellkept::vault::{Unlock, UnlockOptions, Vault};
use wellkept::{Error, Result};

/// Unlock options shared by every command.
#[derive(clap::Args, Clone)]
pub struct UnlockArgs {
    /// Read the passphrase from this file (first line) instead of the terminal.
    #[arg(long, global = true)]
    pub passphrase_file: Option<PathBuf>,
    /// Unlock with the recovery key read from this file.
    #[arg(long, global = true)]
    pub recovery_key_file: Option<PathBuf>,
    /// Do not try the keychain.
    #[arg(long, global = true)]
    pub no_keychain: bool,
    /// Open without changing anything on disk; every change is refused. For looking at a vault
    /// that is missing changes this computer saw, before deciding what to do.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Accept that changes this computer saw are gone: give the exact phrase the refusal
    /// showed, e.g. --accept-rollback "accept losing 2 changes".
    #[arg(long, global = true, value_name = "PHRASE")]
    pub accept_rollback: Option<String>,
}

impl UnlockArgs {
    fn options(&self) -> UnlockOptions {
        UnlockOptions { read_only: self.read_only, accept_rollback: self.accept_rollback.clone() }
    }
}

/// Loads and unlocks the vault; returns it and how it was unlocked.
pub async fn open(dir: &Path, args: &UnlockArgs) -> Result<(Vault, &'static str)> {
    let vault = Vault::load(dir)?;
    let how = describe(args);
    let method = method(&vault, args).await?;
    let how = match &method {
        Unlock::Keychain => "keychain",
        _ => how,
    };
    match vault.unlock_with(method, args.options()).await {
        Ok(()) => {
            reapply_erasures(&vault).await?;
            Ok((vault, how))
        }
        Err(e @ (Error::KeychainMissing | Error::KeychainUnavailable { .. })) if crate::interactive() => {
            eprintln!("{e}");
            let passphrase = prompt("Passphrase: ")?;
            vault.unlock_with(Unlock::Passphrase(passphrase), args.options()).await?;
            reapply_erasures(&vault).await?;
            Ok((vault, "passphrase"))
        }
        Err(e @ Error::RolledBack { .. }) => {
            // The core's message (printed by main) names the choices; these are the commands.
            if let Error::RolledBack { confirmation, .. } = &e {
                eprintln!("How to choose:");
                eprintln!("  look first (changes nothing):  wellkept --read-only unlock");
                eprintln!("  restore a backup:              wellkept restore BACKUP_FILE NEW_FOLDER");
                eprintln!("  accept the loss:               wellkept --accept-rollback \"{confirmation}\" unlock");
            }
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// Erases again the clients this computer erased that the vault holds once more (an older copy:
/// a restored backup), before any command reads it, and says so on standard error.
pub(crate) async fn reapply_erasures(vault: &Vault) -> Result<()> {
    let reapplied = wellkept::practice::erasure::reapply_erasures(vault).await?;
    if let Some(message) = reapplied.message() {
        eprintln!("wellkept: {message}");
    }
    Ok(())
}

fn describe(args: &UnlockArgs) -> &'static str {
    if args.recovery_key_file.is_some() {
        "recovery key"
    } else if args.passphrase_file.is_some() || args.no_keychain {
        "passphrase"
    } else {
        "keychain"
    }
}

/// The unlock method the arguments ask for.
pub async fn method(vault: &Vault, args: &UnlockArgs) -> Result<Unlock> {
    if let Some(file) = &args.recovery_key_file {
        return Ok(Unlock::RecoveryKey(recovery_key(Some(file))?));
    }
    if let Some(file) = &args.passphrase_file {
        return Ok(Unlock::Passphrase(read_secret_file(file)?));
    }
    if args.no_keychain || !vault.config().unlock.keychain {
        if !crate::interactive() {
            return Err(Error::invalid(
                "Passphrase",
                "no terminal to ask on: pass --passphrase-file FILE or --recovery-key-file FILE",
            ));
        }
        return Ok(Unlock::Passphrase(prompt("Passphrase: ")?));
    }
    Ok(Unlock::Keychain)
}

/// The recovery key from a file, or asked for on the terminal.
pub fn recovery_key(file: Option<&Path>) -> Result<RecoveryKey> {
    let text = match file {
        Some(f) => read_secret_file(f)?,
        None if crate::interactive() => prompt("Recovery key: ")?,
        None => return Err(Error::invalid("Recovery key", "pass --recovery-key-file FILE")),
    };
    RecoveryKey::parse(text.expose_secret())
}

/// The current passphrase from a file, or asked for once on the terminal.
pub fn current_passphrase(file: Option<&Path>) -> Result<SecretString> {
    match file {
        Some(f) => read_secret_file(f),
        None if crate::interactive() => prompt("Current passphrase (it will protect the new key): "),
        None => Err(Error::invalid("Passphrase", "no terminal to ask on: pass --passphrase-file FILE")),
    }
}

/// A new passphrase from a file, or asked for twice on the terminal.
pub fn new_passphrase(file: Option<&Path>) -> Result<SecretString> {
    if let Some(f) = file {
        return read_secret_file(f);
    }
    if !crate::interactive() {
        return Err(Error::invalid("Passphrase", "no terminal to ask on: pass --passphrase-file FILE"));
    }
    let first = prompt("New passphrase (at least 8 characters; a few unrelated words work well): ")?;
    let second = prompt("Type it again: ")?;
    if first.expose_secret() != second.expose_secret() {
        return Err(Error::invalid("Passphrase", "the two passphrases differ; nothing was changed"));
    }
    Ok(first)
}

/// Shows the recovery key once (or writes it to a private file).
pub fn show_recovery_key(key: &RecoveryKey, out: Option<&Path>) -> Result<()> {
    match out {
        Some(path) => {
            write_private(path, key.expose().as_bytes())?;
            println!("The recovery key was written to {} — move it somewhere safe, off this computer.", path.display());
        }
        None => {
            println!();
            println!("Your recovery key (shown once — write it down or print it, and keep it safe):");
            println!();
            println!("    {}", key.expose());
            println!();
            println!("It unlocks this vault if you forget your passphrase or move to a new computer.");
        }
    }
    Ok(())
}

fn prompt(text: &str) -> Result<SecretString> {
    rpassword::prompt_password(text)
        .map(SecretString::from)
        .map_err(|e| Error::Storage { action: "Reading from the terminal", source: e })
}

fn read_secret_file(path: &Path) -> Result<SecretString> {
    // A file named wrongly is the person's to fix, not a storage failure: say which file and
    // why, with the usage exit code, never "storage" or "nothing you had saved was lost".
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::unreadable("Secret file", path, "Reading the secret file", e))?;
    let first = text.lines().next().unwrap_or("").to_owned();
    Ok(SecretString::from(first))
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f =
        options.open(path).map_err(|e| Error::Storage { action: "Writing the recovery key file", source: e })?;
    f.write_all(bytes)
        .and_then(|()| f.write_all(b"\n"))
        .and_then(|()| f.sync_all())
        .map_err(|e| Error::Storage { action: "Writing the recovery key file", source: e })
}
