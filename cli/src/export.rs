//! `wellkept export …`: a client record or a journal date range as JSON, Markdown or PDF, to a
//! file the person names. Exports are plaintext; the warning is printed every time.

use std::path::PathBuf;

use chrono::NaiveDate;
use wellkept::clinical::LawfulBasis;
use wellkept::export::{self, ClientExport, ExportBasis, Format};
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Export commands.
#[derive(clap::Subcommand)]
pub enum ExportAction {
    /// One client's whole record.
    Client {
        /// The client: id (from `wellkept client list`), full name or preferred name.
        id: String,
        /// json, md or pdf.
        #[arg(long, default_value = "pdf")]
        format: String,
        /// The file to write (not inside the vault folder).
        #[arg(long)]
        out: PathBuf,
        /// Who the export is for (written to the client's disclosure log).
        #[arg(long, required_unless_present = "right_of_access")]
        to: Option<String>,
        /// The basis: a consent id (from `wellkept consent list`), or a lawful basis without
        /// consent (contract, legal_obligation, vital_interests, public_task,
        /// legitimate_interests).
        #[arg(long, required_unless_present = "right_of_access")]
        basis: Option<String>,
        /// A right-of-access export for the client: everything held, with an index page.
        #[arg(long, conflicts_with_all = ["to", "basis"])]
        right_of_access: bool,
        /// A private note (its id, from `wellkept note list --client ID`) to include; repeat for
        /// each. Without it no private note leaves the vault.
        #[arg(long = "private-note", value_name = "NOTE_ID")]
        private_notes: Vec<String>,
    },
    /// The journal between two days (inclusive).
    Journal {
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        to: String,
        /// json, md or pdf.
        #[arg(long, default_value = "pdf")]
        format: String,
        /// The file to write (not inside the vault folder).
        #[arg(long)]
        out: PathBuf,
    },
}

pub async fn run(vault: &Vault, action: ExportAction) -> Result<()> {
    let done = match action {
        ExportAction::Client { id, format, out, to, basis, right_of_access, private_notes } => {
            let basis = basis.map(|b| match b.parse::<LawfulBasis>() {
                Ok(lawful_basis) => ExportBasis::LawfulBasis { lawful_basis },
                Err(_) => ExportBasis::Consent { consent_id: b.trim().to_owned() },
            });
            // By id (closed clients and those in the trash too) or by name, as the other client
            // commands take it: a name used to be refused as "client: is not a known client id".
            let client_id = match wellkept::practice::clients::get_client(vault, &id).await {
                Ok(c) => c.id,
                Err(Error::NotFound { .. }) => crate::flag::find_client_as(vault, &id, "Client").await?.id,
                Err(e) => return Err(e),
            };
            let request = ClientExport {
                client_id,
                format: format.parse::<Format>()?,
                recipient: to.unwrap_or_default(),
                basis,
                right_of_access,
                private_note_ids: private_notes.clone(),
            };
            for _ in &private_notes {
                eprintln!("Warning: {}", export::private_note_warning(right_of_access));
            }
            let (done, d) = export::export_client_record_logged(vault, &request, &out).await?;
            println!("Wrote {} ({} bytes).", done.path.display(), done.bytes);
            print_attachments_folder(&done);
            println!("Logged: {}  {}  to {}", d.disclosed_on, d.what, d.recipient);
            eprintln!("Warning: {}", done.warning.text);
            return Ok(());
        }
        ExportAction::Journal { from, to, format, out } => {
            export::export_journal(vault, day("From", &from)?, day("To", &to)?, format.parse::<Format>()?, &out).await?
        }
    };
    println!("Wrote {} ({} bytes).", done.path.display(), done.bytes);
    print_attachments_folder(&done);
    eprintln!("Warning: {}", done.warning.text);
    Ok(())
}

/// The folder of attached files written beside a Markdown or JSON export: it used to go unsaid,
/// so deleting the document left decrypted copies of the client's files behind.
fn print_attachments_folder(done: &export::Exported) {
    if let Some(folder) = &done.attachments_folder {
        println!("Wrote its attached files to {} (not encrypted either: delete them with it).", folder.display());
    }
}

fn day(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("“{text}” is not a date; use YYYY-MM-DD")))
}

/// Safety plan commands.
#[derive(clap::Subcommand)]
pub enum SafetyPlanAction {
    /// The current safety plan as a PDF: every step on A4, or with --wallet a wallet card
    /// (ten bank-card-size panels on one A4 page, with cut marks, to fold).
    Pdf {
        /// Print the wallet card instead of the A4 pages.
        #[arg(long)]
        wallet: bool,
        /// A client's plan (their id or name, from `wellkept client list`) instead of your own.
        #[arg(long)]
        client: Option<String>,
        /// Whose crisis lines to print: a country code such as GB (default: from LANG, e.g. en_GB).
        #[arg(long)]
        country: Option<String>,
        /// The PDF to write (not inside the vault folder).
        #[arg(long)]
        out: PathBuf,
    },
}

pub async fn safety_plan(vault: &Vault, action: SafetyPlanAction) -> Result<()> {
    let SafetyPlanAction::Pdf { wallet, client, country, out } = action;
    let country = country.or_else(country_from_locale);
    let print = if wallet { export::SafetyPlanPrint::WalletCard } else { export::SafetyPlanPrint::Page };
    // The client by id (closed ones too) or by name; one that does not exist is named as such (it
    // used to read "there is no safety plan to print yet").
    let client = match client {
        None => None,
        Some(wanted) => Some(match wellkept::practice::clients::get_client(vault, &wanted).await {
            Ok(c) => c,
            Err(Error::NotFound { .. }) => crate::flag::find_client(vault, &wanted).await?,
            Err(e) => return Err(e),
        }),
    };
    // No plan yet: say where one is written (the command line prints plans; it does not write them).
    if wellkept::clinical::safety_plans::current_safety_plan(vault, client.as_ref().map(|c| c.id.as_str()))
        .await?
        .is_none()
    {
        let whose = match &client {
            None => "there is no safety plan to print yet: write yours in the Wellkept app (Safety plan) and save it"
                .to_owned(),
            Some(c) => format!(
                "{} has no safety plan yet: write it in the Wellkept app (their record's Safety plan) and save it",
                c.preferred_name.as_deref().unwrap_or(&c.name)
            ),
        };
        return Err(Error::invalid("safety plan", whose));
    }
    let client = client.map(|c| c.id);
    let done = export::export_safety_plan(vault, client.as_deref(), country.as_deref(), print, &out).await?;
    println!("Wrote {} ({} bytes).", done.path.display(), done.bytes);
    if country.is_none() {
        eprintln!("Note: no country given (--country GB), so no crisis lines were printed with the plan.");
    }
    eprintln!("Warning: {}", done.warning.text);
    Ok(())
}

/// The country of the locale in `LC_ALL`, `LC_MESSAGES` or `LANG` ("en_GB.UTF-8" → "GB").
fn country_from_locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|v| std::env::var(v).ok()).find(|v| !v.is_empty()).and_then(
        |v| {
            let region = v.split(['.', '@']).next()?.split(['_', '-']).nth(1)?;
            (region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic())).then(|| region.to_ascii_uppercase())
        },
    )
}
