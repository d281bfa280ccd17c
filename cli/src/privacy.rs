//! `wellkept privacy …`: the practice (controller) details and the record of processing
//! activities (GDPR Art. 30) as a PDF or Markdown file. Thin calls into `wellkept::privacy` and
//! `wellkept::export`.

use std::path::PathBuf;

use wellkept::Result;
use wellkept::export::{self, Format};
use wellkept::privacy::{self, PracticeDetails};
use wellkept::vault::Vault;

/// Privacy commands.
#[derive(clap::Subcommand)]
pub enum PrivacyAction {
    /// Save the practice details the record of processing names (replacing earlier ones).
    Details {
        /// The controller: the practice or your name.
        #[arg(long)]
        controller: String,
        /// The postal address.
        #[arg(long, default_value = "")]
        address: String,
        /// How to reach you about data (e-mail or phone).
        #[arg(long, default_value = "")]
        contact: String,
        /// A registration with a data protection authority or professional body.
        #[arg(long, default_value = "")]
        registration: String,
        /// How long records are kept, in your words.
        #[arg(long, default_value = "")]
        retention: String,
    },
    /// Write the record of processing activities (GDPR Art. 30) from the vault's own settings
    /// and data: a PDF, or Markdown with --markdown.
    RecordOfProcessing {
        /// The file to write (not inside the vault folder).
        #[arg(long)]
        out: PathBuf,
        /// Markdown instead of PDF.
        #[arg(long)]
        markdown: bool,
    },
}

pub async fn run(vault: &Vault, action: PrivacyAction) -> Result<()> {
    match action {
        PrivacyAction::Details { controller, address, contact, registration, retention } => {
            let details =
                PracticeDetails { controller, address, contact, registration, retention_statement: retention };
            let saved = privacy::set_practice_details(vault, details).await?;
            println!("Saved the practice details for {}.", saved.controller);
        }
        PrivacyAction::RecordOfProcessing { out, markdown } => {
            let format = if markdown { Format::Markdown } else { Format::Pdf };
            let done = export::export_record_of_processing(vault, format, &out).await?;
            println!("Wrote {} ({} bytes).", done.path.display(), done.bytes);
            eprintln!("Warning: {}", done.warning.text);
        }
    }
    Ok(())
}
