//! The record of processing activities (GDPR Art. 30(1)) as a [`Document`] for the Markdown and
//! PDF writers: the controller, purposes, data subjects and personal data with counts,
//! recipients, transfers, retention and security measures, every line from
//! [`crate::privacy::record_of_processing`] or a true statement about how Wellkept keeps data.

use super::document::{Block, Document};
use crate::privacy::RecordOfProcessing;

/// How Wellkept protects the vault: statements that hold for every vault (docs/vault-format.md).
pub(crate) const SECURITY_MEASURES: [&str; 7] = [
    "The vault is encrypted with age (X25519) on disk; the database is decrypted only into memory, never written to disk as plaintext.",
    "Every change is authenticated (HMAC-SHA256) and chained, so an altered or substituted file is refused.",
    "The vault opens with a passphrase (scrypt) or the recovery key; the key may also be kept in this computer's keychain.",
    "The desktop app locks the vault after a chosen number of idle minutes.",
    "Backups are encrypted like the vault. Share files are encrypted end to end to the contact's key and signed.",
    "Exports are plaintext: each one warns so, and each export of a client's record is written to that client's disclosure log.",
    "Private notes are kept apart from the record and leave the vault only when chosen one by one.",
];

/// The document of a record of processing.
pub(crate) fn build(r: &RecordOfProcessing) -> Document {
    let mut doc = Document::new(
        "Record of processing activities",
        vec![format!("GDPR Art. 30(1) · made {} from this Wellkept vault", r.made_on.format("%a, %-d %b %Y"))],
    );

    doc.heading(1, "Controller");
    match &r.controller {
        // Said so that it holds for a vault kept from the command line too: "Settings › Privacy"
        // is the window's name for what `wellkept privacy details` saves.
        None => doc.blocks.push(Block::Empty(
            "Not recorded: add the practice details (Settings › Privacy, or “wellkept privacy details” on the command line).".into(),
        )),
        Some(c) => {
            doc.fields(vec![
                ("Name", c.controller.clone()),
                ("Address", c.address.clone()),
                ("Contact", c.contact.clone()),
                ("Registration", c.registration.clone()),
            ]);
            doc.paragraph(format!("From {}.", r.controller_source));
        }
    }

    doc.heading(1, "Purposes of processing");
    if r.purposes.is_empty() {
        doc.blocks.push(Block::Empty("No client records are held.".into()));
    } else {
        doc.paragraph(r.purposes.iter().map(|p| format!("• {p}")).collect::<Vec<_>>().join("\n"));
    }
    if !r.consent_bases.is_empty() {
        doc.heading(2, "Lawful bases recorded on consent records");
        let rows = r.consent_bases.iter().map(|(b, n)| vec![b.clone(), n.to_string()]).collect();
        doc.table(&[("Lawful basis", 3.0), ("Consents", 1.0)], rows, "");
    }

    doc.heading(1, "Categories of data subjects");
    let rows = r.data_subjects.iter().map(|s| vec![s.what.clone(), s.count.to_string()]).collect();
    doc.table(&[("Whose data", 3.0), ("People", 1.0)], rows, "No one's data is held.");

    doc.heading(1, "Categories of personal data");
    let rows = r
        .data
        .iter()
        .map(|d| vec![d.what.clone(), d.count.to_string(), if d.health { "Yes" } else { "No" }.to_owned()])
        .collect();
    doc.table(&[("Data", 3.0), ("Records", 0.8), ("Health data", 0.9)], rows, "No client records are held.");
    doc.paragraph("Counts include records in the trash: they are held until purged.");

    doc.heading(1, "Recipients");
    let rows = r
        .recipients
        .iter()
        .map(|x| vec![x.name.clone(), x.disclosures.to_string(), x.last_on.format("%-d %b %Y").to_string()])
        .collect();
    doc.table(&[("Recipient", 3.0), ("Disclosures", 1.0), ("Last", 1.1)], rows, "Nothing has been disclosed.");
    match r.share_contacts {
        0 => {}
        1 => {
            doc.paragraph("Share files are exchanged with 1 contact; each one sent is in the client's disclosure log.")
        }
        n => doc.paragraph(format!(
            "Share files are exchanged with {n} contacts; each one sent is in the client's disclosure log."
        )),
    }

    doc.heading(1, "Transfers to other countries");
    doc.paragraph(
        "None. The vault is kept on this computer and Wellkept has no server: it sends nothing over the network. \
         A file exported or shared goes only where the mentor sends it, and is logged.",
    );

    doc.heading(1, "Retention");
    let rule = &r.retention_rule;
    let years = if rule.years_after_last_contact == 1 {
        "1 year".to_owned()
    } else {
        format!("{} years", rule.years_after_last_contact)
    };
    doc.paragraph(format!(
        "A closed client's record is kept {years} after the last contact, and for a client whose date of birth is \
         recorded, at least until they turn {}; then it may be erased, and each erasure is logged without the \
         client's name (Settings › Record retention).",
        rule.minors_until_age
    ));
    // The mentor's own words stand apart from Wellkept's rule above, labelled: unlabelled, the
    // two read as two rules of the same practice.
    if let Some(text) = &r.retention {
        doc.paragraph(format!("In the practice's own words: {text}"));
    }

    doc.heading(1, "Security measures");
    doc.paragraph(SECURITY_MEASURES.iter().map(|m| format!("• {m}")).collect::<Vec<_>>().join("\n"));
    doc
}
