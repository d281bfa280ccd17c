//! Export: a client record or a journal date range, written out of the encrypted vault as JSON
//! (a documented, versioned schema: `docs/export-schema.md`, `docs/export.schema.json`),
//! Markdown, or PDF (with charts of outcome scores and mood).
//!
//! An export is plaintext by nature, so this module is careful about where it goes: only to the
//! path the caller chose ([`destination`]), never inside the vault folder, never to a temporary
//! folder of Wellkept's choosing, written to a temporary file beside the destination and renamed
//! into place (a crash leaves the old file or the new one, never half of one). Every export
//! returns a [`PlaintextWarning`] the UI and CLI must show.
//!
//! The pipeline: the data is gathered through the domain modules' public API
//! ([`client_record`], [`journal_range`]); JSON serialises that data; Markdown and PDF both render
//! one neutral [`document`] built from it, so the two readable formats always show the same
//! sections.

mod client_document;
pub mod client_record;
pub mod destination;
mod document;
#[doc(hidden)]
pub mod fuzzing;
mod invoice_document;
mod journal_document;
pub mod journal_range;
mod json;
mod markdown;
mod pdf;
mod processing_document;
mod safety_plan_document;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use crate::clinical::consent::{self, Disclosure, DisclosureBasis, LawfulBasis, NewDisclosure};
use crate::vault::Vault;
use crate::{Error, Result};

pub use client_record::{ClientRecordExport, gather_client_record};
pub use journal_range::{JournalExport, gather_journal};

/// The version of the JSON export schema. Bump it (and the documents in `docs/`) whenever a
/// field is added, removed or changes meaning; readers check it before trusting the layout.
pub const SCHEMA_VERSION: u32 = 4;

/// The file formats an export can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Machine-readable JSON following `docs/export.schema.json`.
    Json,
    /// Readable Markdown: headings per section, tables, user text escaped.
    Markdown,
    /// A4 PDF with embedded fonts and vector charts.
    Pdf,
}

impl Format {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Pdf => "pdf",
        }
    }
}

impl FromStr for Format {
    type Err = Error;

    /// Parses what a person types after `--format`: `json`, `md`/`markdown`, `pdf`.
    fn from_str(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "md" | "markdown" => Ok(Format::Markdown),
            "pdf" => Ok(Format::Pdf),
            other => Err(Error::invalid("Format", format!("“{other}” is not an export format; use json, md or pdf"))),
        }
    }
}

/// The warning every export carries: the file it wrote is not encrypted. The UI and CLI must
/// show [`PlaintextWarning::text`] to the person who asked for the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[must_use = "the person must be shown that the export is not encrypted"]
pub struct PlaintextWarning {
    /// The text to show.
    pub text: &'static str,
}

/// The words of the [`PlaintextWarning`].
pub const PLAINTEXT_WARNING: &str = "This file is not encrypted; anyone who can open it can read it. \
     Store it somewhere safe and delete it when done.";

impl std::fmt::Display for PlaintextWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text)
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[must_use = "the person must be shown that the export is not encrypted"]
pub struct Exported {
    /// The file written (as the caller gave it).
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
    /// Its size in bytes.
    pub bytes: u64,
    /// The warning to show: the file is not encrypted.
    pub warning: PlaintextWarning,
    /// The folder beside the document holding copies of its attached files
    /// (`<document name>-attachments`), not encrypted either: `None` when none were written (a
    /// PDF, or nothing attached). Shown with the warning, so that deleting the document does not
    /// leave the files behind unnoticed.
    pub attachments_folder: Option<PathBuf>,
}

/// Why a client record may leave the vault: a consent record of the client's, or a lawful basis
/// without consent (GDPR Art. 6(1)(b)–(f)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportBasis {
    /// The client's consent record that covers this disclosure.
    Consent {
        /// Id of the consent record.
        consent_id: String,
    },
    /// A lawful basis other than consent.
    LawfulBasis {
        /// Which one (not `consent`: choose the consent record instead).
        lawful_basis: LawfulBasis,
    },
}

/// An export of one client's record: to whom, on what basis, and whether it answers a
/// right-of-access request.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ClientExport {
    /// The client.
    pub client_id: String,
    /// The file format.
    pub format: Format,
    /// Who the file is for, as the mentor names them; ignored for right of access (the client
    /// themselves).
    #[serde(default)]
    pub recipient: String,
    /// The basis; ignored for right of access (GDPR Art. 15 is the basis).
    #[serde(default)]
    pub basis: Option<ExportBasis>,
    /// A right-of-access export for the client: everything held, with an index page.
    #[serde(default)]
    pub right_of_access: bool,
    /// Private notes chosen one by one to go with the export (the window warns for each:
    /// [`private_note_warning`]). Without them no private note ever leaves the vault.
    #[serde(default)]
    pub private_note_ids: Vec<String>,
}

/// The warning shown beside each private note chosen for an export (`right_of_access`: the
/// client's own right-of-access export, otherwise a client record export).
pub fn private_note_warning(right_of_access: bool) -> String {
    let what = if right_of_access { "the right-of-access export" } else { "the client record export" };
    format!("This private note will leave the vault as part of {what}. It is not part of the record.")
}

/// What the disclosure log says about chosen private notes: "" when none, otherwise
/// ", with 1 private note chosen one by one".
fn private_notes_words(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => ", with 1 private note chosen one by one".to_owned(),
        n => format!(", with {n} private notes chosen one by one"),
    }
}

/// The recipient written in the log for a right-of-access export.
pub const THE_CLIENT_THEMSELVES: &str = "the client themselves";

/// Exports one client's record (details, session notes, goals, appointments, measures with
/// score history, risk flags, the current safety plan, consent and disclosures, referrals; with
/// `right_of_access` also what the client shared and an index page) to `dest`, a file the person
/// chose, and writes the disclosure to the client's log: what, to whom, today, on what basis.
/// Refuses a destination inside the vault folder, a missing recipient or basis, and a consent
/// not in force today, before anything is written. The file is written first and the log entry
/// after it: if the file cannot be written no entry is made; if the entry cannot be written the
/// file is removed again, so the log never misses a file that left (docs/decisions.md 47).
pub async fn export_client_record(vault: &Vault, request: &ClientExport, dest: &Path) -> Result<Exported> {
    Ok(export_client_record_logged(vault, request, dest).await?.0)
}

/// [`export_client_record`], also returning the disclosure-log entry it wrote.
pub async fn export_client_record_logged(
    vault: &Vault,
    request: &ClientExport,
    dest: &Path,
) -> Result<(Exported, Disclosure)> {
    let target = destination::check(vault.path(), dest)?;
    let format = request.format;
    let format_name = match format {
        Format::Json => "JSON",
        Format::Markdown => "Markdown",
        Format::Pdf => "PDF",
    };
    let chosen = private_notes_words(request.private_note_ids.len());
    let (what, recipient, basis) = if request.right_of_access {
        (
            format!("Right of access, to the client: client record export, {format_name}, everything held{chosen}"),
            THE_CLIENT_THEMSELVES.to_owned(),
            DisclosureBasis::LegalDuty { explanation: RIGHT_OF_ACCESS_BASIS.to_owned() },
        )
    } else {
        let recipient = request.recipient.trim();
        if recipient.is_empty() {
            return Err(Error::invalid("recipient", "name who the export is for (a person or organisation)"));
        }
        let basis = match &request.basis {
            None => {
                return Err(Error::invalid(
                    "basis",
                    "choose the consent that covers this export, or a lawful basis without consent",
                ));
            }
            Some(ExportBasis::Consent { consent_id }) => DisclosureBasis::Consent { consent_id: consent_id.clone() },
            Some(ExportBasis::LawfulBasis { lawful_basis: LawfulBasis::Consent }) => {
                return Err(Error::invalid(
                    "basis",
                    "for consent, choose the client's consent record itself, not the lawful basis",
                ));
            }
            Some(ExportBasis::LawfulBasis { lawful_basis }) => {
                DisclosureBasis::LawfulBasis { lawful_basis: *lawful_basis }
            }
        };
        (format!("Client record export, {format_name}, all sections{chosen}"), recipient.to_owned(), basis)
    };
    let entry = NewDisclosure {
        client_id: Some(request.client_id.clone()),
        what,
        recipient,
        disclosed_on: crate::clock::today_local(),
        basis,
        notes: String::new(),
    };
    consent::check_disclosure(vault, &entry).await?;
    let mut record = gather_client_record(vault, &request.client_id).await?;
    record.private_notes =
        client_record::chosen_private_notes(vault, &request.client_id, &request.private_note_ids).await?;
    let mut owners: Vec<(&str, String)> = vec![("client", record.client.id.clone())];
    owners.extend(record.session_notes.iter().map(|n| ("session_note", n.id.clone())));
    // A private note chosen one by one takes its attachments with it; the others stay.
    owners.extend(record.private_notes.iter().map(|n| ("session_note", n.id.clone())));
    let folder_existed = attachments_folder(&target).exists();
    // Files beside the document go again if the document or its log entry cannot be written.
    let forget = |target: &destination::Target| {
        if !folder_existed {
            let _ = std::fs::remove_dir_all(attachments_folder(target));
        }
    };
    record.attachments = match attachment_files(vault, &target, format, &owners).await {
        Ok(files) => files,
        Err(e) => {
            forget(&target);
            return Err(e);
        }
    };
    if request.right_of_access {
        let received_shares: Vec<client_record::ReceivedShare> =
            crate::exchange::store::received_from_client(vault, &request.client_id)
                .await?
                .into_iter()
                .map(|r| client_record::ReceivedShare { received_at: r.received_at, item: r.item })
                .collect();
        let kept_aside = client_record::kept_aside(vault, &record).await?;
        record.right_of_access = Some(client_record::RightOfAccess {
            index: record.index(received_shares.len(), kept_aside.len()),
            received_shares,
            kept_aside,
        });
    }
    let bytes = match format {
        Format::Json => json::client_record(&record)?,
        Format::Markdown => markdown::render(&client_document::build(&record)).into_bytes(),
        Format::Pdf => pdf::render(&client_document::build(&record))?,
    };
    let done = finish(&target, dest, format, &bytes).inspect_err(|_| forget(&target))?;
    let done = with_attachments(done, &target, &record.attachments);
    match consent::log_disclosure(vault, entry).await {
        Ok(logged) => Ok((done, logged)),
        Err(e) => {
            let _ = std::fs::remove_file(target.path());
            forget(&target);
            Err(e)
        }
    }
}

/// The basis written for a right-of-access export.
pub const RIGHT_OF_ACCESS_BASIS: &str = "Right of access (GDPR Art. 15), at the client's request";

/// Exports the journal between `from` and `to` (inclusive): entries, mood check-ins (with the
/// mood chart), thought records, the activation log and gratitude, to `dest`, a file the person
/// chose. Refuses a destination inside the vault folder.
pub async fn export_journal(
    vault: &Vault,
    from: NaiveDate,
    to: NaiveDate,
    format: Format,
    dest: &Path,
) -> Result<Exported> {
    let target = destination::check(vault.path(), dest)?;
    let mut journal = gather_journal(vault, from, to).await?;
    let owners: Vec<(&str, String)> = journal.entries.iter().map(|e| ("journal_entry", e.id.clone())).collect();
    journal.attachments = attachment_files(vault, &target, format, &owners).await?;
    let bytes = match format {
        Format::Json => json::journal(&journal)?,
        Format::Markdown => markdown::render(&journal_document::build(&journal)).into_bytes(),
        Format::Pdf => pdf::render(&journal_document::build(&journal))?,
    };
    Ok(with_attachments(finish(&target, dest, format, &bytes)?, &target, &journal.attachments))
}

/// One attached file in an export: its record's metadata and, for Markdown and JSON, where its
/// copy was written, relative to the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedAttachment {
    /// What it belongs to (`journal_entry`, `session_note`, `client`).
    pub owner_kind: String,
    /// The id of what it belongs to.
    pub owner_id: String,
    /// Its name.
    pub file_name: String,
    /// Its media type.
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// The copy beside the document (`<document name>-attachments/<file name>`), or `None` in a
    /// PDF, which lists attachments by name and shows the photos among them.
    pub file: Option<String>,
    /// In a PDF, a JPEG or PNG photo ready to show, or why it is not shown.
    #[serde(skip)]
    pub(crate) pdf_image: Option<std::result::Result<pdf::image::PdfImage, &'static str>>,
}

impl ExportedAttachment {
    pub(crate) fn link(&self) -> document::AttachmentLink {
        document::AttachmentLink {
            name: self.file_name.clone(),
            size: crate::attachments::format_size(u64::try_from(self.size).unwrap_or(0)),
            href: self.file.clone(),
            image: self.pdf_image.clone(),
        }
    }
}

/// The attachments of `owners`, in their order. For Markdown and JSON each is decrypted (one at a
/// time) and written beside the document in `<document name>-attachments/` — plaintext, like
/// the document, under the same rules (never in the vault folder, temp file and rename, 0600) —
/// under a name made safe for any file system and unique in the folder. A PDF lists them and
/// shows the JPEG and PNG photos among them (decrypted into memory only).
async fn attachment_files(
    vault: &Vault,
    target: &destination::Target,
    format: Format,
    owners: &[(&str, String)],
) -> Result<Vec<ExportedAttachment>> {
    let mut out = Vec::new();
    let folder = attachments_folder(target);
    let folder_name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut used = std::collections::HashSet::new();
    for (kind, id) in owners {
        for a in crate::attachments::list(vault, kind, id).await? {
            let mut pdf_image = None;
            let file = if format == Format::Pdf {
                if matches!(a.media_type.as_str(), "image/jpeg" | "image/png") {
                    // Decrypted one at a time, only into memory; the PDF carries the photo.
                    let bytes = crate::attachments::read_content(vault, &a).await?;
                    pdf_image = Some(pdf::image::prepare(&a.media_type, &bytes));
                } else if a.media_type.starts_with("image/") {
                    pdf_image = Some(pdf::image::prepare(&a.media_type, &[]));
                }
                None
            } else {
                let bytes = crate::attachments::read_content(vault, &a).await?;
                if used.is_empty() {
                    std::fs::create_dir_all(&folder).map_err(|e| Error::storage("Writing the export", e))?;
                }
                let name = unique_name(&safe_file_name(&a.file_name), &mut used);
                let copy = destination::Target { dir: folder.clone(), file_name: name.clone().into() };
                destination::write(&copy, &bytes)?;
                Some(format!("{folder_name}/{name}"))
            };
            out.push(ExportedAttachment {
                owner_kind: a.owner_kind,
                owner_id: a.owner_id,
                file_name: a.file_name,
                media_type: a.media_type,
                size: a.size,
                file,
                pdf_image,
            });
        }
    }
    Ok(out)
}

/// The folder beside the document its attachments are written to: `<document name>-attachments`.
fn attachments_folder(target: &destination::Target) -> PathBuf {
    let stem = Path::new(&target.file_name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    target.dir.join(format!("{}-attachments", safe_file_name(&stem)))
}

/// A file name any file system takes, and a Markdown link destination can hold between `<…>`.
fn safe_file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || "<>:\"/\\|?*".contains(c) { '_' } else { c }).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() { "attachment".to_owned() } else { cleaned }
}

/// `name`, or `name (2).ext`, `name (3).ext`… the first not yet `used` (compared ignoring case).
fn unique_name(name: &str, used: &mut std::collections::HashSet<String>) -> String {
    let (base, ext) = match name.rsplit_once('.') {
        Some((b, e)) if !b.is_empty() => (b.to_owned(), format!(".{e}")),
        _ => (name.to_owned(), String::new()),
    };
    let mut candidate = name.to_owned();
    let mut n = 2;
    while !used.insert(candidate.to_lowercase()) {
        candidate = format!("{base} ({n}){ext}");
        n += 1;
    }
    candidate
}

/// How a safety plan is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SafetyPlanPrint {
    /// The whole plan on A4 pages.
    Page,
    /// Ten credit-card-size panels on one A4 page, with cut marks, to fold into a wallet card.
    WalletCard,
}

/// Prints the current safety plan (the owner's, or client `client_id`'s) as a PDF at `dest`: on
/// A4 pages or as a wallet card. `country` (ISO 3166-1, "GB") chooses the directory's crisis
/// lines printed with it; without one the plan says where to choose it. Refuses a destination
/// inside the vault folder, and a plan never saved.
pub async fn export_safety_plan(
    vault: &Vault,
    client_id: Option<&str>,
    country: Option<&str>,
    print: SafetyPlanPrint,
    dest: &Path,
) -> Result<Exported> {
    use crate::clinical::{countries, crisis_lines, safety_plans};
    let target = destination::check(vault.path(), dest)?;
    let plan = safety_plans::current_safety_plan(vault, client_id).await?.ok_or_else(|| {
        Error::invalid("safety plan", "there is no safety plan to print yet: write one and save it first")
    })?;
    let title = match client_id {
        Some(id) => {
            let client = crate::practice::clients::get_client(vault, id).await?;
            format!("{}’s safety plan", client.preferred_name.as_deref().unwrap_or(&client.name))
        }
        None => "My safety plan".to_owned(),
    };
    let country = country.map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty());
    let lines = match &country {
        Some(c) => crisis_lines::list_crisis_lines(vault, Some(c), false).await?,
        None => Vec::new(),
    };
    let saved_on = plan.saved_at.with_timezone(&chrono::Local).format("%a, %-d %b %Y").to_string();
    let printed = safety_plan_document::PrintedPlan {
        title: title.clone(),
        plan: &plan,
        lines: &lines,
        country_name: country.as_deref().map(|c| countries::country_name(c).unwrap_or(c).to_owned()),
        saved_on,
    };
    let bytes = match print {
        SafetyPlanPrint::Page => pdf::render(&safety_plan_document::build(&printed))?,
        SafetyPlanPrint::WalletCard => pdf::wallet::render(&title, &safety_plan_document::panels(&printed))?,
    };
    finish(&target, dest, Format::Pdf, &bytes)
}

/// Prints an issued invoice or credit note as a PDF at `dest` (`invoice_document`): the
/// business details as issued, who it is billed to, its number and days, the lines, tax, the
/// total, what was paid (payments less refunds), what was credited (by credit note), the balance
/// due and each payment and refund ([`crate::billing::settlement`]). Refuses a draft (it has no number
/// yet) and a destination inside the vault folder.
pub async fn export_invoice_pdf(vault: &Vault, invoice_id: &str, dest: &Path) -> Result<Exported> {
    use crate::billing;
    let target = destination::check(vault.path(), dest)?;
    let invoice = billing::get_invoice(vault, invoice_id).await?;
    if invoice.status == billing::InvoiceStatus::Draft {
        return Err(Error::invalid("Invoice", "a draft has no number yet: issue it first, then print it"));
    }
    let lines = billing::invoice_lines(vault, &invoice.id).await?;
    let payments: Vec<billing::Payment> = billing::list_payments(vault, Some(&invoice.client_id))
        .await?
        .into_iter()
        .filter(|p| p.invoice_id == invoice.id)
        .collect();
    let settlement = billing::settlement(vault, &invoice).await?;
    let printed = invoice_document::PrintedInvoice {
        invoice: &invoice,
        lines: &lines,
        payments: &payments,
        settlement: &settlement,
    };
    let bytes = pdf::render(&invoice_document::build(&printed))?;
    finish(&target, dest, Format::Pdf, &bytes)
}

/// Prints a client's statement of account for `from..=to` as a PDF at `dest`
/// (`invoice_document::statement`), from the business details as they are now. Refuses a
/// destination inside the vault folder, a range that ends before it starts, and a vault where
/// billing is not set up.
pub async fn export_statement_pdf(
    vault: &Vault,
    client_id: &str,
    from: NaiveDate,
    to: NaiveDate,
    dest: &Path,
) -> Result<Exported> {
    use crate::billing;
    let target = destination::check(vault.path(), dest)?;
    let settings = billing::billing_settings(vault)
        .await?
        .ok_or_else(|| Error::invalid("Billing", "is not set up yet: save the billing settings first"))?;
    let statement = billing::statement(vault, client_id, from, to).await?;
    let bytes = pdf::render(&invoice_document::statement(&statement, &settings.business))?;
    finish(&target, dest, Format::Pdf, &bytes)
}

/// Prints a receipt for one payment as a PDF at `dest` (`invoice_document::receipt`): the
/// business details the invoice was issued with, who paid, the day, method, reference and
/// amount, and the invoice with its total and what it still asks for. Refuses a refund (a
/// receipt is for money received) and a destination inside the vault folder.
pub async fn export_receipt_pdf(vault: &Vault, payment_id: &str, dest: &Path) -> Result<Exported> {
    use crate::billing;
    let target = destination::check(vault.path(), dest)?;
    let payment = billing::get_payment(vault, payment_id).await?;
    if payment.kind != billing::PaymentKind::Payment {
        return Err(Error::invalid("Receipt", "a receipt is for a payment received, not for a refund"));
    }
    let invoice = billing::get_invoice(vault, &payment.invoice_id).await?;
    let balance = billing::outstanding(vault, &invoice).await?;
    let printed = invoice_document::PrintedReceipt { payment: &payment, invoice: &invoice, balance };
    let bytes = pdf::render(&invoice_document::receipt(&printed))?;
    finish(&target, dest, Format::Pdf, &bytes)
}

/// Writes the record of processing activities (GDPR Art. 30) to `dest`, a file the person
/// chose, as a PDF or (with `format` Markdown) Markdown: built from the vault's own settings and
/// data ([`crate::privacy::record_of_processing`]). It names no client, so it is not written to
/// any disclosure log. Refuses JSON and a destination inside the vault folder.
pub async fn export_record_of_processing(vault: &Vault, format: Format, dest: &Path) -> Result<Exported> {
    let target = destination::check(vault.path(), dest)?;
    let record = crate::privacy::record_of_processing(vault).await?;
    let doc = processing_document::build(&record);
    let bytes = match format {
        Format::Pdf => pdf::render(&doc)?,
        Format::Markdown => markdown::render(&doc).into_bytes(),
        Format::Json => {
            return Err(Error::invalid("Format", "the record of processing is printed as PDF or Markdown"));
        }
    };
    finish(&target, dest, format, &bytes)
}

fn finish(target: &destination::Target, dest: &Path, format: Format, bytes: &[u8]) -> Result<Exported> {
    destination::write(target, bytes)?;
    Ok(Exported {
        path: dest.to_owned(),
        format,
        bytes: bytes.len() as u64,
        warning: PlaintextWarning { text: PLAINTEXT_WARNING },
        attachments_folder: None,
    })
}

/// [`finish`] for a document whose attached files were copied beside it: names their folder.
fn with_attachments(done: Exported, target: &destination::Target, attachments: &[ExportedAttachment]) -> Exported {
    let copied = attachments.iter().any(|a| a.file.is_some());
    Exported { attachments_folder: copied.then(|| attachments_folder(target)), ..done }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_as_typed_and_name_their_extension() {
        assert_eq!("PDF".parse::<Format>().expect("pdf"), Format::Pdf);
        assert_eq!(" md ".parse::<Format>().expect("md"), Format::Markdown);
        assert_eq!("markdown".parse::<Format>().expect("markdown"), Format::Markdown);
        assert_eq!("json".parse::<Format>().expect("json").extension(), "json");
        let e = "docx".parse::<Format>().expect_err("not a format");
        assert_eq!(e.to_string(), "Format: “docx” is not an export format; use json, md or pdf");
    }

    #[test]
    fn the_warning_says_the_file_is_not_encrypted() {
        let w = PlaintextWarning { text: PLAINTEXT_WARNING };
        assert!(w.to_string().starts_with("This file is not encrypted; anyone who can open it can read it."));
    }
}
