//! `wellkept export …`: a client record or a journal date range as JSON, Markdown or PDF, to a
//! file the person names. Exports are plaintext; the warning is printed every time.

use std::path::PathBuf;

use chrono::NaiveDate;
use wellkept::export::{self, Format};
use wellkept::vault::Vault;
use wellkept::{Error, Result};

/// Export commands.
#[derive(clap::Subcommand)]
pub enum ExportAction {
    /// One client's whole record.
    Client {
        /// The client's id (from `wellkept client list`).
        id: String,
        /// json, md or pdf.
        #[arg(long, default_value = "pdf")]
        format: String,
        /// The file to write (not inside the vault folder).
        #[arg(long)]
        out: PathBuf,
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
        ExportAction::Client { id, format, out } => {
            export::export_client_record(vault, &id, format.parse::<Format>()?, &out).await?
        }
        ExportAction::Journal { from, to, format, out } => {
            export::export_journal(vault, day("From", &from)?, day("To", &to)?, format.parse::<Format>()?, &out).await?
        }
    };
    println!("Wrote {} ({} bytes).", done.path.display(), done.bytes);
    eprintln!("Warning: {}", done.warning.text);
    Ok(())
}

fn day(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("“{text}” is not a date; use YYYY-MM-DD")))
}
