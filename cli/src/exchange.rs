//! `wellkept exchange …` and `wellkept import …`: end-to-end encrypted sharing between a
//! mentor and a client, and journal imports from other apps.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use wellkept::exchange::proposals::{ProposalStatus, accept_safety_plan_proposal, decline_safety_plan_proposal};
use wellkept::exchange::received::{ReceivedFilter, received_items};
use wellkept::exchange::store::{
    ContactRole, add_confirmed_contact, import_bundle, list_contacts, my_contact_card, preview_bundle, seal_share_for,
    set_contact_role, set_up_exchange,
};
use wellkept::exchange::{BundleKind, ContactCard, NewHomework, ShareSelection, collect_share};
use wellkept::import::store::{dry_run, import_into_journal};
use wellkept::import::{ImportBatch, ImportFormat, LocalTime, read_export};
use wellkept::practice::clients;
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Exchange commands.
// Parsed once at start-up: the size difference between variants costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(clap::Subcommand)]
pub enum ExchangeAction {
    /// Create (or rename) this vault's exchange identity, and show its contact card.
    Setup {
        /// The name others will see.
        name: Vec<String>,
    },
    /// Show this vault's contact card (to send) and its fingerprint (to read aloud).
    Card {
        /// Also write the card as a QR code (SVG) to this file.
        #[arg(long)]
        qr: Option<PathBuf>,
    },
    /// Add a contact from their card (a file, or - for standard input), after comparing
    /// fingerprints with them.
    AddContact {
        /// The card file.
        card: PathBuf,
        /// The fingerprint they read to you, to confirm without a prompt (scripts).
        #[arg(long)]
        fingerprint: Option<String>,
        /// Who they are to you: "mentor" (may propose a safety plan for you to accept) or
        /// "client" (what they share is filed under their client record).
        #[arg(long)]
        role: String,
    },
    /// List confirmed contacts, with who each is to you.
    Contacts,
    /// Change who a contact is to you from now on ("mentor" or "client"); the change is dated.
    ContactRole {
        /// The contact's id (from `exchange contacts`).
        contact: String,
        /// "mentor" or "client".
        role: String,
    },
    /// List what contacts shared with you, newest first, with ids to accept or decline.
    Received,
    /// Accept a safety plan your mentor proposed as your new safety plan version.
    Accept {
        /// The received item's id (from `exchange received`).
        received: String,
    },
    /// Decline a safety plan your mentor proposed; your plan stays as it is.
    Decline {
        /// The received item's id (from `exchange received`).
        received: String,
    },
    /// Link a client record to their confirmed contact (mentor).
    LinkClient {
        /// The client: id, full name or preferred name.
        client: String,
        /// The contact's id (from `exchange contacts`).
        contact: String,
    },
    /// Seal chosen records for a contact into one share file.
    Share {
        /// The contact's id.
        #[arg(long)]
        to: String,
        /// Who the share is from: "client" (journal, moods, thought records, scores) or
        /// "mentor" (plans, homework, resources, safety plans, invoices).
        #[arg(long, default_value = "client")]
        from: String,
        /// Journal entry ids.
        #[arg(long = "entry")]
        entries: Vec<String>,
        /// Mood check-in ids.
        #[arg(long = "mood")]
        moods: Vec<String>,
        /// Thought record ids.
        #[arg(long = "thought-record")]
        thought_records: Vec<String>,
        /// Outcome-measure ids.
        #[arg(long = "measure")]
        measures: Vec<String>,
        /// Goal ids, sent as action plans.
        #[arg(long = "plan")]
        plans: Vec<String>,
        /// Resource ids.
        #[arg(long = "resource")]
        resources: Vec<String>,
        /// Safety plan ids.
        #[arg(long = "safety-plan")]
        safety_plans: Vec<String>,
        /// Send this client's current safety plan (a client record id).
        #[arg(long = "safety-plan-of")]
        safety_plan_of: Option<String>,
        /// A homework title (with --instructions).
        #[arg(long)]
        homework: Option<String>,
        /// The homework's instructions.
        #[arg(long, default_value = "")]
        instructions: String,
        /// The homework's due day, YYYY-MM-DD.
        #[arg(long)]
        due: Option<String>,
        /// An issued invoice or credit note ("INV-0002"), for the client it is billed to.
        #[arg(long = "invoice")]
        invoices: Vec<String>,
        /// The share file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a share file and show what it holds and from whom, without importing it.
    Open {
        /// The share file.
        file: PathBuf,
    },
    /// Import a share file into this vault (nothing is added twice).
    Import {
        /// The share file.
        file: PathBuf,
    },
}

pub async fn run(vault: &Vault, action: ExchangeAction) -> Result<()> {
    match action {
        ExchangeAction::Setup { name } => {
            let card = set_up_exchange(vault, name.join(" ").trim()).await?;
            print_card(&card);
            Ok(())
        }
        ExchangeAction::Card { qr } => {
            let card = my_contact_card(vault).await?;
            print_card(&card);
            if let Some(path) = qr {
                write_file(&path, card.to_qr_svg()?.as_bytes(), "Writing the QR code")?;
                println!("QR code written to {}.", path.display());
            }
            Ok(())
        }
        ExchangeAction::AddContact { card, fingerprint, role } => {
            let role = ContactRole::parse(&role)?;
            let text = read_input(&card)?;
            let card = ContactCard::from_text(&text)?;
            let shown = card.fingerprint().to_string();
            println!("{} — fingerprint:\n\n    {shown}\n", card.display_name());
            let confirmed = match fingerprint {
                Some(typed) => {
                    if !card.fingerprint().matches_typed(&typed) {
                        return Err(Error::invalid(
                            "Fingerprint",
                            "does not match this card: do not add it; ask them to send their card again",
                        ));
                    }
                    true
                }
                None if std::io::stdin().is_terminal() => {
                    println!(
                        "Read it aloud with {} (in person or on a call). Do the numbers match? Type yes to add them:",
                        card.display_name()
                    );
                    let mut answer = String::new();
                    std::io::stdin()
                        .read_line(&mut answer)
                        .map_err(|e| Error::Storage { action: "Reading your answer", source: e })?;
                    answer.trim().eq_ignore_ascii_case("yes")
                }
                None => {
                    return Err(Error::invalid(
                        "Fingerprint",
                        "compare it with them and pass --fingerprint with what they read to you",
                    ));
                }
            };
            if !confirmed {
                println!("Not added.");
                return Ok(());
            }
            let contact = add_confirmed_contact(vault, &card, role).await?;
            println!("Added {} · {} as a confirmed contact ({}).", card.display_name(), role.label(), contact.id);
            Ok(())
        }
        ExchangeAction::Contacts => {
            let contacts = list_contacts(vault).await?;
            for c in &contacts {
                println!(
                    "{}  {}  {} · {}",
                    c.id,
                    c.confirmed.card.fingerprint(),
                    c.confirmed.card.display_name(),
                    c.role.label()
                );
            }
            if contacts.is_empty() {
                println!("No contacts yet: add one with `wellkept exchange add-contact CARD-FILE`.");
            }
            Ok(())
        }
        ExchangeAction::ContactRole { contact, role } => {
            let contact = set_contact_role(vault, &contact, ContactRole::parse(&role)?).await?;
            println!("{} · {} from now on.", contact.confirmed.card.display_name(), contact.role.label());
            Ok(())
        }
        ExchangeAction::Received => {
            let items = received_items(vault, ReceivedFilter::default()).await?;
            for r in &items {
                let status = match r.proposal {
                    Some(ProposalStatus::Waiting) => "  waiting: accept or decline",
                    Some(ProposalStatus::Accepted) => "  accepted",
                    Some(ProposalStatus::Declined) => "  declined",
                    Some(ProposalStatus::NotFromMentor) => "  not filed: not from your mentor",
                    None if r.filed_as.is_some() => "  filed",
                    None => "",
                };
                let what = match &r.item {
                    // Kept as issued: the amounts are the sender's printed text; a credit note
                    // is "credited", not "paid" (format 3).
                    wellkept::exchange::SharedItem::Invoice(i) => format!(
                        "{} {}{}, issued {}: total {}, {}, balance {} as issued",
                        i.kind.replace('_', " "),
                        i.number,
                        if i.status == "void" { " (void)" } else { "" },
                        i.issued_on.format("%-d %b %Y"),
                        i.total,
                        i.settled()
                            .iter()
                            .map(|(what, amount)| format!("{what} {amount}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        i.balance
                    ),
                    other => other.kind_label().to_owned(),
                };
                println!("{}  {what}  from {}{status}", r.id, r.contact_name);
            }
            if items.is_empty() {
                println!("Nothing received yet.");
            }
            Ok(())
        }
        ExchangeAction::Accept { received } => {
            println!("{}", accept_safety_plan_proposal(vault, &received).await?.note);
            Ok(())
        }
        ExchangeAction::Decline { received } => {
            println!("{}", decline_safety_plan_proposal(vault, &received).await?);
            Ok(())
        }
        ExchangeAction::LinkClient { client, contact } => {
            let client = crate::flag::find_client(vault, &client).await?;
            clients::set_client_contact(vault, &client.id, Some(&contact)).await?;
            println!("Linked: what this contact shares will appear under the client's record.");
            Ok(())
        }
        ExchangeAction::Share {
            to,
            from,
            entries,
            moods,
            thought_records,
            measures,
            plans,
            resources,
            safety_plans,
            safety_plan_of,
            homework,
            instructions,
            due,
            invoices,
            out,
        } => {
            let kind = match from.as_str() {
                "client" => BundleKind::FromClient,
                "mentor" => BundleKind::FromMentor,
                _ => return Err(Error::invalid("From", "use client or mentor")),
            };
            let due = due
                .map(|d| {
                    NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .map_err(|_| Error::invalid("Due", format!("“{d}” is not a date; use YYYY-MM-DD")))
                })
                .transpose()?;
            let selection = ShareSelection {
                journal_entries: entries,
                mood_checkins: moods,
                thought_records,
                measures,
                action_plans: plans,
                resources,
                safety_plans,
                safety_plan_of_client: safety_plan_of,
                homework: homework
                    .into_iter()
                    .map(|title| NewHomework { title, instructions: instructions.clone(), due })
                    .collect(),
                invoices: {
                    let mut ids = Vec::new();
                    for wanted in &invoices {
                        ids.push(wellkept::billing::find_invoice(vault, wanted).await?.id);
                    }
                    ids
                },
            };
            let me = my_contact_card(vault).await?;
            let content = collect_share(vault, kind, me.display_name(), &selection).await?;
            let sealed = seal_share_for(vault, &to, &content).await?;
            write_file(&out, &sealed, "Writing the share file")?;
            if let Some(d) = wellkept::exchange::store::log_share_sent(vault, &to, &content).await? {
                println!("Logged: {}  {}  to {}", d.disclosed_on, d.what, d.recipient);
            }
            if let Some(line) = content.attachments_line() {
                println!("With {line}");
            }
            println!(
                "Sealed {} item(s) into {} ({} bytes). Only the contact can open it; send it any way you like.",
                content.items.len(),
                out.display(),
                sealed.len()
            );
            Ok(())
        }
        ExchangeAction::Open { file } => {
            let bytes = read_bytes(&file)?;
            let preview = preview_bundle(vault, &bytes).await?;
            let content = &preview.bundle.content;
            println!(
                "From {} (signature verified; fingerprint {}), sealed {}:",
                preview.bundle.sender.card.display_name(),
                preview.bundle.sender.card.fingerprint(),
                content.created_at.format("%Y-%m-%d %H:%M UTC")
            );
            for item in &content.items {
                println!("  {}", item.kind_label());
            }
            if let Some(line) = content.attachments_line() {
                println!("  {line}");
            }
            if preview.already_imported {
                println!("Already imported: importing again adds nothing.");
            } else {
                println!("{} new item(s) would be added.", preview.new_items);
            }
            Ok(())
        }
        ExchangeAction::Import { file } => {
            let bytes = read_bytes(&file)?;
            let done = import_bundle(vault, &bytes).await?;
            println!("Imported {} new item(s); {} already here.", done.added, done.already_had);
            for note in &done.notes {
                println!("  {note}");
            }
            Ok(())
        }
    }
}

/// `wellkept import`: the journal from another app's export.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The export: a Day One .zip, folder or JSON; a jrnl .json or .txt; a Daylio .csv.
    path: PathBuf,
    /// dayone-zip, dayone-folder, dayone-json, jrnl-json, jrnl-text or daylio (guessed if left out).
    #[arg(long)]
    format: Option<String>,
    /// Only report what would be imported.
    #[arg(long)]
    dry_run: bool,
}

/// Reads and checks the whole export before the vault is unlocked: a file that cannot be
/// imported is refused without asking for the passphrase (and without the unlock's memory).
pub fn read_import(args: &ImportArgs) -> Result<ImportBatch> {
    let format = match args.format.as_deref() {
        Some(f) => parse_format(f)?,
        None => ImportFormat::detect(&args.path)
            .ok_or_else(|| Error::invalid("Format", "could not tell which app this export is from; pass --format"))?,
    };
    Ok(read_export(&args.path, format, LocalTime::System)?)
}

pub async fn import(vault: &Vault, args: ImportArgs, batch: ImportBatch) -> Result<()> {
    let r = &batch.report;
    let range = match (r.first_day, r.last_day) {
        (Some(a), Some(b)) => format!(", {a} to {b}"),
        _ => String::new(),
    };
    println!("{} entries{range} ({} with a mood, {} tags).", r.entries, r.with_mood, r.distinct_tags);
    for w in &r.warnings {
        println!("  note: {w}");
    }
    if args.dry_run {
        // The import's own checks: what it would refuse, the dry run refuses.
        let dry = dry_run(vault, &batch).await?;
        for note in &dry.notes {
            println!("  note: {note}");
        }
        println!(
            "Dry run: {} would be added{}, {} are already in the vault. Nothing was written.",
            dry.would_add,
            with_attachments(dry.attachments),
            dry.already_in_vault
        );
        return Ok(());
    }
    let done = import_into_journal(vault, &batch).await?;
    for note in &done.notes {
        println!("  note: {note}");
    }
    println!(
        "Imported {} entries{}; {} were already in the vault.",
        done.added,
        with_attachments(done.attachments),
        done.already_in_vault
    );
    Ok(())
}

/// " (with 2 attachments)", or nothing when there are none.
fn with_attachments(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " (with 1 attachment)".to_owned(),
        n => format!(" (with {n} attachments)"),
    }
}

fn parse_format(f: &str) -> Result<ImportFormat> {
    Ok(match f {
        "dayone-zip" => ImportFormat::DayOneZip,
        "dayone-folder" => ImportFormat::DayOneFolder,
        "dayone-json" => ImportFormat::DayOneJson,
        "jrnl-json" => ImportFormat::JrnlJson,
        "jrnl-text" => ImportFormat::JrnlText,
        "daylio" => ImportFormat::DaylioCsv,
        _ => {
            return Err(Error::invalid(
                "Format",
                "use dayone-zip, dayone-folder, dayone-json, jrnl-json, jrnl-text or daylio",
            ));
        }
    })
}

fn print_card(card: &ContactCard) {
    println!("Your contact card — send it to the person you will share with:\n");
    println!("{}", card.to_text());
    println!("\nYour fingerprint — read it aloud to them so they can check it:\n\n    {}\n", card.fingerprint());
}

fn read_input(path: &Path) -> Result<String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::Storage { action: "Reading standard input", source: e })?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| Error::Storage { action: "Reading the card file", source: e })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let limit = wellkept::exchange::MAX_BUNDLE_BYTES;
    let len =
        std::fs::metadata(path).map_err(|e| Error::Storage { action: "Opening the share file", source: e })?.len();
    if len > limit {
        return Err(Error::invalid("Share file", "is larger than any share Wellkept makes; it was not opened"));
    }
    std::fs::read(path).map_err(|e| Error::Storage { action: "Reading the share file", source: e })
}

fn write_file(path: &Path, bytes: &[u8], action: &'static str) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::Storage { action, source: e })
}
