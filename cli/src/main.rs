//! `wellkept`: the command-line face of the core library, for power users, scripts and
//! benchmarks. Every command is a thin call into `wellkept::…`; this file only parses arguments,
//! reads secrets from the terminal or a file (never from argv), and turns errors into messages
//! and exit codes a person can act on.

mod attach;
mod billing;
mod care;
mod devices;
mod exchange;
mod export;
mod flag;
mod journal;
mod measures;
mod note;
mod practice;
mod privacy;
mod reminder;
mod session;
mod supervision;
mod sync;
mod thought;
mod trash;
mod unlock;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use wellkept::vault::{CreateOptions, Vault};

/// Keep private records and a reflection journal in an end-to-end encrypted vault.
#[derive(Parser)]
#[command(name = "wellkept", version, about, long_about = None)]
struct Cli {
    /// The vault folder (default: $WELLKEPT_VAULT, or ~/.local/share/wellkept/vault).
    #[arg(long, global = true, env = "WELLKEPT_VAULT")]
    vault: Option<PathBuf>,
    #[command(flatten)]
    unlock: unlock::UnlockArgs,
    #[command(subcommand)]
    command: Command,
}

// Parsed once at start-up: the size difference between variants costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Create a new vault; shows the recovery key once.
    Init {
        /// Do not store the key in this computer's keychain.
        #[arg(long)]
        no_keychain: bool,
        /// Write the recovery key to this file (mode 600) instead of showing it.
        #[arg(long)]
        recovery_key_out: Option<PathBuf>,
    },
    /// Check that the vault unlocks, and show its figures.
    Unlock,
    /// Read every record of every generation, and decrypt and check every attached file; report damage; changes nothing.
    Verify,
    /// Write a fresh snapshot now and start a new journal.
    Compact,
    /// Write an encrypted backup of the whole vault to one file.
    Backup {
        /// The backup file to write.
        file: PathBuf,
    },
    /// Restore a backup file into a new vault folder.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// The new vault folder (must not hold a vault).
        dest: PathBuf,
    },
    /// Passphrase management.
    Passphrase {
        #[command(subcommand)]
        action: PassphraseAction,
    },
    /// Unlock with the recovery key, then store the key in this computer's keychain again
    /// (and optionally set a new passphrase).
    Recovery {
        /// Also set a new passphrase (asked for on the terminal, or read from this file).
        #[arg(long)]
        new_passphrase: bool,
        /// Read the new passphrase from this file.
        #[arg(long)]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Replace the recovery key; shows the new one once. The old one no longer opens this vault's
    /// key file, but still opens older backups (the vault key is unchanged; see `rekey`).
    NewRecoveryKey {
        /// Write the new recovery key to this file (mode 600) instead of showing it.
        #[arg(long)]
        recovery_key_out: Option<PathBuf>,
    },
    /// Make a new vault key: every unlock method is rewrapped (your passphrase is asked for), a
    /// NEW recovery key is shown once, the data is rewritten under the new key and the older
    /// snapshots (under the old key) are removed. Old backups and old passphrases or recovery
    /// keys then open nothing current.
    Rekey {
        /// Write the new recovery key to this file (mode 600) instead of showing it.
        #[arg(long)]
        recovery_key_out: Option<PathBuf>,
        /// Protect the new key with a new passphrase read from this file, instead of the current
        /// one (which is asked for, or read from --passphrase-file).
        #[arg(long)]
        new_passphrase_file: Option<PathBuf>,
    },
    /// A vault in a synced folder: the computers, and files the sync engine set aside.
    Sync {
        #[command(subcommand)]
        action: sync::SyncAction,
    },
    /// The computers that open this vault (each writes only its own entry): list them,
    /// rename this one, or remove another.
    Devices {
        #[command(subcommand)]
        action: Option<devices::DevicesAction>,
    },
    /// The personal reflection journal.
    Journal {
        #[command(subcommand)]
        action: journal::JournalAction,
    },
    /// A mentor's clients.
    Client {
        #[command(subcommand)]
        action: practice::ClientAction,
    },
    /// A client's session notes: write one (free or from a template; --private: kept apart from
    /// the record), edit a draft, finalise, add an addendum, show one, list them.
    Note {
        #[command(subcommand)]
        action: note::NoteAction,
    },
    /// Your own supervision notes: record one, list them, edit one.
    Supervision {
        #[command(subcommand)]
        action: supervision::SupervisionAction,
    },
    /// CBT thought records: write one, list them, work one through later.
    Thought {
        #[command(subcommand)]
        action: thought::ThoughtAction,
    },
    /// The practice's privacy duties: practice details, the record of processing (GDPR Art. 30).
    Privacy {
        #[command(subcommand)]
        action: privacy::PrivacyAction,
    },
    /// Search everything: journal, notes, clients, goals, referrals, safety plans, resources…
    /// (words, "quoted phrases", prefix*).
    Search {
        /// What to look for.
        words: Vec<String>,
        /// How many results.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Today's sessions, open risk flags, overdue steps and measures due.
    Today,
    /// Export a client record or a journal range as JSON, Markdown or PDF (not encrypted).
    Export {
        #[command(subcommand)]
        action: export::ExportAction,
    },
    /// Your safety plan (or a client's): print it as a PDF, on A4 or as a wallet card.
    SafetyPlan {
        #[command(subcommand)]
        action: export::SafetyPlanAction,
    },
    /// End-to-end encrypted sharing with a mentor or client.
    Exchange {
        #[command(subcommand)]
        action: exchange::ExchangeAction,
    },
    /// Import journal entries from Day One, jrnl or Daylio (with --dry-run to look first).
    Import(exchange::ImportArgs),
    /// Files attached to a journal entry, session note, client or received item: add, list, save
    /// a decrypted copy, remove.
    Attach {
        #[command(subcommand)]
        action: attach::AttachAction,
    },
    /// Deleted records: list, restore, or purge for good.
    Trash {
        #[command(subcommand)]
        action: trash::TrashAction,
    },
    /// Risk flags: raise by hand, resolve with what was done, list open ones or a client's history.
    Flag {
        #[command(subcommand)]
        action: flag::FlagAction,
    },
    /// The daily check-in reminder the desktop app shows: show, set a time, or turn it off.
    Reminder {
        #[command(subcommand)]
        action: reminder::ReminderAction,
    },
    /// Sessions: book one or a series, list them, mark attended or no-show, cancel with a
    /// reason, move one, end a series.
    Session {
        #[command(subcommand)]
        action: session::SessionAction,
    },
    /// The appointment schedule (ics) and measure schedules (set, pause, resume, remove, list).
    Schedule {
        #[command(subcommand)]
        action: practice::ScheduleAction,
    },
    /// Outcome measures: record one, list the scores over time, and list the ones due.
    Measure {
        #[command(subcommand)]
        action: measures::MeasureAction,
    },
    /// Goals: list, add, status, review (with the next review day), reviews due.
    Goal {
        #[command(subcommand)]
        action: care::GoalAction,
    },
    /// Consent: record, list, withdraw.
    Consent {
        #[command(subcommand)]
        action: care::ConsentAction,
    },
    /// Referrals: add, list, status, follow-up day, follow-ups due.
    Referral {
        #[command(subcommand)]
        action: care::ReferralAction,
    },
    /// Billing: fees, billable items, invoices, payments, balances, statements, CSV export.
    Billing {
        #[command(subcommand)]
        action: billing::BillingAction,
    },
}

#[derive(Subcommand)]
enum PassphraseAction {
    /// Change (or set) the passphrase.
    Change {
        /// Read the new passphrase from this file instead of the terminal.
        #[arg(long)]
        new_passphrase_file: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A pinned clock is for tests only: refuse a malformed one, and say so when it is on.
    match wellkept::clock::test_clock_start() {
        Err(message) => {
            eprintln!("wellkept: {message}");
            return ExitCode::from(64);
        }
        Ok(Some(_)) => eprintln!("wellkept: {}", wellkept::clock::describe_test_clock().unwrap_or_default()),
        Ok(None) => {}
    }
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("wellkept: could not start: {e}");
            return ExitCode::from(70);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wellkept: {e}");
            if let Some(detail) = e.detail() {
                eprintln!("  (details: {detail})");
            }
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}

fn default_vault_dir() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("wellkept").join("vault")
}

async fn run(cli: Cli) -> wellkept::Result<()> {
    let dir = cli.vault.clone().unwrap_or_else(default_vault_dir);
    match cli.command {
        Command::Init { no_keychain, recovery_key_out } => {
            let passphrase = unlock::new_passphrase(cli.unlock.passphrase_file.as_deref())?;
            let created = Vault::create(
                &dir,
                CreateOptions { passphrase: Some(passphrase), use_keychain: !no_keychain, ..Default::default() },
            )
            .await?;
            println!("Created a new vault at {}.", dir.display());
            match &created.keychain_error {
                None if !no_keychain => {
                    println!("Its key is in this computer's keychain: it unlocks without typing here.")
                }
                None => {
                    println!("The key was not stored in the keychain (--no-keychain): unlock with your passphrase.")
                }
                Some(e) => println!("Note: {e}"),
            }
            unlock::show_recovery_key(&created.recovery_key, recovery_key_out.as_deref())?;
            created.vault.lock().await
        }
        Command::Unlock => {
            let (vault, how) = unlock::open(&dir, &cli.unlock).await?;
            let status = vault.status().await;
            println!(
                "Unlocked with the {how}. {} changes saved; snapshot at {}, journal {} bytes, snapshot {} bytes.",
                status.seq, status.snapshot_seq, status.changelog_bytes, status.snapshot_bytes
            );
            vault.lock().await
        }
        Command::Verify => {
            let vault = Vault::load(&dir)?;
            let method = unlock::method(&vault, &cli.unlock).await?;
            let report = vault.verify(method).await?;
            for (i, g) in report.generations.iter().enumerate() {
                let role = if i == 0 { "current" } else { "backup " };
                match &g.problem {
                    None => println!(
                        "{role} snapshot {:>8}: intact, {} change-log records{}",
                        g.snapshot_seq,
                        g.records,
                        if g.torn_tail { " (an unfinished last write will be dropped)" } else { "" }
                    ),
                    Some(p) => println!("{role} snapshot {:>8}: DAMAGED — {p}", g.snapshot_seq),
                }
            }
            if let Some(files) = &report.attachments {
                for problem in &files.problems {
                    println!("{problem}");
                }
                let intact = files.checked - files.problems.len();
                match files.checked {
                    0 => println!("attachments: none"),
                    n => println!("attachments: {intact} of {n} file{} intact", if n == 1 { "" } else { "s" }),
                }
            }
            for line in report.damaged_files.iter().chain(&report.notes) {
                println!("{line}");
            }
            if report.intact() {
                println!("The vault is intact.");
                Ok(())
            } else if !report.current_ok() {
                Err(wellkept::Error::Damaged {
                    what: "the current snapshot or journal (see above for intact backups)".into(),
                    advice: wellkept::DamageAdvice::RestoreBackup,
                })
            } else if report.attachments.as_ref().is_some_and(|a| a.problems.is_empty()) {
                let n = report.damaged_files.len();
                Err(wellkept::Error::Damaged {
                    what: format!(
                        "{n} file{} beside the records, named above; the records themselves are intact",
                        if n == 1 { "" } else { "s" }
                    ),
                    advice: wellkept::DamageAdvice::NothingToRestore,
                })
            } else {
                let n = report.attachments.as_ref().map_or(0, |a| a.problems.len());
                Err(wellkept::Error::Damaged {
                    what: format!(
                        "{n} attached file{} (named above; restore a backup that has {})",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "it" } else { "them" }
                    ),
                    advice: wellkept::DamageAdvice::Given,
                })
            }
        }
        Command::Compact => {
            let (vault, _) = unlock::open(&dir, &cli.unlock).await?;
            let compaction = vault.compact().await?;
            let status = vault.status().await;
            println!("Compacted: snapshot at {} ({} bytes).", status.snapshot_seq, status.snapshot_bytes);
            for removed in &compaction.removed {
                println!("{removed}");
            }
            vault.lock().await
        }
        Command::Backup { file } => {
            // Checked before unlocking: a file that is not a backup is never written over (it
            // used to be replaced without a word), and a missing folder is named.
            let replaces = wellkept::vault::backup_destination(&file)?;
            let (vault, _) = unlock::open(&dir, &cli.unlock).await?;
            let bytes = vault.backup_to(&file).await?;
            println!(
                "Wrote an encrypted backup to {}{} ({bytes} bytes). It opens with this vault's passphrase or recovery key.",
                file.display(),
                if replaces { ", replacing the older backup there" } else { "" }
            );
            vault.lock().await
        }
        Command::Restore { file, dest } => {
            wellkept::vault::restore_backup(&file, &dest)?;
            println!(
                "Restored into {}. Unlock it with its passphrase or recovery key: wellkept --vault {} unlock --passphrase-file …",
                dest.display(),
                dest.display()
            );
            Ok(())
        }
        Command::Passphrase { action: PassphraseAction::Change { new_passphrase_file } } => {
            let (vault, _) = unlock::open(&dir, &cli.unlock).await?;
            let passphrase = unlock::new_passphrase(new_passphrase_file.as_deref())?;
            vault.set_passphrase(&passphrase, wellkept::keys::PASSPHRASE_WORK_FACTOR).await?;
            println!("The passphrase is changed: the old one no longer opens this vault's key file.");
            println!("{OLD_COPIES_STILL_OPEN}");
            vault.lock().await
        }
        Command::Recovery { new_passphrase, new_passphrase_file } => {
            let vault = Vault::load(&dir)?;
            let key = unlock::recovery_key(cli.unlock.recovery_key_file.as_deref())?;
            vault.unlock(wellkept::vault::Unlock::RecoveryKey(key)).await?;
            unlock::reapply_erasures(&vault).await?;
            println!("Unlocked with the recovery key.");
            match vault.remember_in_keychain().await {
                Ok(()) => println!("The key is stored in this computer's keychain again."),
                Err(e) => println!("Note: {e}"),
            }
            if new_passphrase || new_passphrase_file.is_some() {
                let passphrase = unlock::new_passphrase(new_passphrase_file.as_deref())?;
                vault.set_passphrase(&passphrase, wellkept::keys::PASSPHRASE_WORK_FACTOR).await?;
                println!("The new passphrase is set.");
            }
            vault.lock().await
        }
        Command::NewRecoveryKey { recovery_key_out } => {
            let (vault, _) = unlock::open(&dir, &cli.unlock).await?;
            let key = vault.replace_recovery_key().await?;
            unlock::show_recovery_key(&key, recovery_key_out.as_deref())?;
            println!("The old recovery key no longer opens this vault's key file.");
            println!("{OLD_COPIES_STILL_OPEN}");
            vault.lock().await
        }
        Command::Rekey { recovery_key_out, new_passphrase_file } => {
            let (vault, _) = unlock::open(&dir, &cli.unlock).await?;
            let passphrase = if !vault.config().unlock.passphrase {
                None
            } else if let Some(file) = &new_passphrase_file {
                Some(unlock::new_passphrase(Some(file))?)
            } else {
                // The current passphrase, checked: it protects the new key, and typing it proves
                // the person at the keyboard may re-key.
                let current = unlock::current_passphrase(cli.unlock.passphrase_file.as_deref())?;
                vault.check_passphrase(&current).await?;
                Some(current)
            };
            let done = vault.rekey(passphrase.as_ref(), wellkept::keys::PASSPHRASE_WORK_FACTOR).await?;
            println!(
                "The vault has a new key. Everything it holds was rewritten under it, and {} older snapshot{} (kept as backups, under the old key) {} removed.",
                done.generations_removed,
                if done.generations_removed == 1 { "" } else { "s" },
                if done.generations_removed == 1 { "was" } else { "were" },
            );
            if new_passphrase_file.is_some() {
                println!("The new passphrase protects it; the old passphrase opens nothing in this vault.");
            } else if passphrase.is_some() {
                println!("Your passphrase is unchanged and protects the new key.");
            }
            if let Some(e) = &done.keychain_error {
                println!("Note: the keychain could not take the new key ({e}).");
            }
            println!(
                "Backup files made before now still open with the old passphrase or recovery key, but only the data they hold themselves: they no longer decrypt this vault's files. Make a new backup now."
            );
            unlock::show_recovery_key(&done.recovery_key, recovery_key_out.as_deref())?;
            println!("This is a NEW recovery key: the old one no longer opens this vault.");
            vault.lock().await
        }
        Command::Sync { action } => sync::run(&dir, &cli.unlock, action).await,
        Command::Devices { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(devices::run(v, action))).await,
        Command::Journal { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(journal::run(v, action))).await,
        Command::Client { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(practice::client(v, action))).await,
        Command::Note { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(note::run(v, action))).await,
        Command::Supervision { action } => {
            with_vault(&dir, &cli.unlock, |v| Box::pin(supervision::run(v, action))).await
        }
        Command::Thought { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(thought::run(v, action))).await,
        Command::Privacy { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(privacy::run(v, action))).await,
        Command::Export { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(export::run(v, action))).await,
        Command::SafetyPlan { action } => {
            with_vault(&dir, &cli.unlock, |v| Box::pin(export::safety_plan(v, action))).await
        }
        Command::Search { words, limit } => {
            let text = words.join(" ");
            with_vault(&dir, &cli.unlock, |v| Box::pin(async move { print_search(v, &text, Vec::new(), limit).await }))
                .await
        }
        Command::Exchange { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(exchange::run(v, action))).await,
        Command::Import(args) => {
            let batch = exchange::read_import(&args)?;
            with_vault(&dir, &cli.unlock, |v| Box::pin(exchange::import(v, args, batch))).await
        }
        Command::Attach { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(attach::run(v, action))).await,
        Command::Trash { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(trash::run(v, action))).await,
        Command::Flag { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(flag::run(v, action))).await,
        Command::Reminder { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(reminder::run(v, action))).await,
        Command::Session { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(session::run(v, action))).await,
        Command::Today => with_vault(&dir, &cli.unlock, |v| Box::pin(practice::today(v))).await,
        Command::Schedule { action } => {
            with_vault(&dir, &cli.unlock, |v| Box::pin(practice::schedule(v, action))).await
        }
        Command::Measure { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(measures::measure(v, action))).await,
        Command::Goal { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(care::goal(v, action))).await,
        Command::Consent { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(care::consent(v, action))).await,
        Command::Referral { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(care::referral(v, action))).await,
        Command::Billing { action } => with_vault(&dir, &cli.unlock, |v| Box::pin(billing::run(v, action))).await,
    }
}

/// What is true of old secrets after changing one unlock method: the vault key is the same.
const OLD_COPIES_STILL_OPEN: &str = "The vault key itself is unchanged: a backup file or an old copy of this vault folder made before now still opens with the old secret, and that key also decrypts today's vault files. To make old copies useless, run `wellkept rekey`.";

/// A command's future: the CLI runs on a current-thread runtime, so it need not be `Send` (it
/// holds the stdin/stdout locks across awaits).
type LocalFuture<'v> = std::pin::Pin<Box<dyn std::future::Future<Output = wellkept::Result<()>> + 'v>>;

/// Unlocks, runs `f`, locks. Locking compacts when worthwhile; the work itself is already
/// durable, so a failure there is a warning, not a failed command.
async fn with_vault<F>(dir: &std::path::Path, args: &unlock::UnlockArgs, f: F) -> wellkept::Result<()>
where
    F: for<'v> FnOnce(&'v Vault) -> LocalFuture<'v>,
{
    let (vault, _) = unlock::open(dir, args).await?;
    let result = f(&vault).await;
    if let Err(e) = vault.lock().await {
        eprintln!("wellkept: your changes are saved, but tidying up the vault failed: {e}");
    }
    result
}

/// Prints search hits, best first: date, kind, id and the matching passage (matches in [brackets]).
pub(crate) async fn print_search(vault: &Vault, text: &str, kinds: Vec<String>, limit: u32) -> wellkept::Result<()> {
    if text.trim().is_empty() {
        return Err(wellkept::Error::invalid("Search", "type at least one word"));
    }
    let query = wellkept::search::SearchQuery { text: text.to_owned(), kinds, limit, offset: 0 };
    let results = wellkept::search::search(vault, query).await?;
    // A hit that belongs to a client names them: "Session note … Sam Patel: talked about [sleep]".
    let names =
        if results.hits.iter().any(|h| h.client_id.is_some()) { flag::client_names(vault).await? } else { Vec::new() };
    for hit in &results.hits {
        let date = hit.date.map(|d| d.to_string()).unwrap_or_else(|| "          ".into());
        let whose = match &hit.client_id {
            Some(id) if hit.kind != "client" => {
                flag::name_of(&names, id).map(|name| format!("{name}: ")).unwrap_or_default()
            }
            _ => String::new(),
        };
        // One line per hit: a snippet that spans lines of the text is printed on one (it used to
        // break the list, and one that began with an empty line showed nothing after the id).
        let snippet = hit.snippet_text("[", "]").split_whitespace().collect::<Vec<_>>().join(" ");
        println!("{date}  {:<16} {}  {whose}{snippet}", hit.label, hit.id);
    }
    if results.hits.is_empty() {
        println!("Nothing matches.");
    } else if results.has_more {
        println!("(more results: use --limit)");
    }
    Ok(())
}

/// Whether we may ask questions on the terminal.
pub(crate) fn interactive() -> bool {
    std::io::stdin().is_terminal()
}
