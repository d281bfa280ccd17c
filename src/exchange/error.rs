//! Why an exchange operation was refused.
//!
//! One enum for everything the exchange can refuse, with messages written for the person holding
//! the file: what happened and what to do next. Messages never contain key material or the
//! contents of a bundle. Where a cryptographic check fails, the message is deliberately coarse
//! (see docs/exchange-format.md, "Errors"): telling an attacker *which* check failed helps them,
//! and telling the user does not change what they should do (ask for the file again).

/// Why a contact card, an exchange identity or a share bundle was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExchangeError {
    /// The file does not start like a Wellkept share bundle at all.
    #[error("This file is not a Wellkept share bundle. Check that you picked the file your contact sent you.")]
    NotABundle,

    /// The bundle was made by a newer (or unknown) version of the format.
    #[error(
        "This share bundle uses format version {found}, which this version of Wellkept cannot read. Update Wellkept, or ask the sender to export it again."
    )]
    UnsupportedVersion {
        /// The version number found in the file.
        found: u16,
    },

    /// The bundle was made in format 1, which did not bind its contents to the person who made
    /// them; a contact could have re-signed someone else's bundle as their own.
    #[error(
        "This share bundle was made by an earlier version of Wellkept, whose shares could be passed off by another contact as their own. It was not opened. Ask the sender to update Wellkept and share it again."
    )]
    UnboundFormat,

    /// The bundle is signed by one confirmed contact but its encrypted contents were made by
    /// someone else: a contact re-signed another person's bundle.
    #[error(
        "This share bundle is signed by {sender}, but what is inside was made by someone else, so {sender} did not make it. Nothing was imported. If you expected a share from {sender}, ask them to send it again; tell the person who made it that their share file was passed on."
    )]
    SenderMismatch {
        /// The display name of the confirmed contact who signed it.
        sender: String,
    },

    /// The bundle (or its header) is larger than Wellkept accepts; nothing in it was read.
    #[error(
        "This share bundle's {what} is {size} bytes, more than the {limit} bytes Wellkept accepts. It was not opened. Ask the sender to share fewer items at a time."
    )]
    TooLarge {
        /// Which part was too large ("file", "header", "contents").
        what: &'static str,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },

    /// The file's structure is broken: cut short, extra bytes, impossible lengths.
    #[error(
        "This share bundle is damaged ({reason}). It may have been cut short while copying or downloading. Ask the sender to send it again."
    )]
    Damaged {
        /// What is wrong with the structure, in plain words.
        reason: &'static str,
    },

    /// The bundle is signed by a key that is not one of the user's confirmed contacts.
    #[error(
        "This share bundle was signed by someone who is not one of your confirmed contacts (signing key {key_id}). Add the sender as a contact and compare fingerprints with them first, then open the bundle again."
    )]
    UnknownSender {
        /// A short, non-secret identifier of the signing key (hex), to compare with contacts.
        key_id: String,
    },

    /// The signature does not verify: the file was changed after it was signed (in transit, on
    /// disk, or on purpose). Deliberately one error for "signature bytes damaged" and "content
    /// changed": both mean the same to the user, and the distinction helps only a forger.
    #[error(
        "This share bundle does not carry a valid signature from {sender}: it was changed or damaged after they made it. Nothing was imported. Ask {sender} to send it again."
    )]
    BadSignature {
        /// The display name of the confirmed contact whose key was claimed.
        sender: String,
    },

    /// The bundle is genuinely from a contact but was made for someone else.
    #[error(
        "This share bundle from {sender} was made for someone else, not for you. Ask {sender} to share it again and to choose you as the recipient."
    )]
    WrongRecipient {
        /// The display name of the confirmed contact who signed it.
        sender: String,
    },

    /// The signature was good but the encrypted part could not be decrypted with this vault's
    /// exchange key. Coarse on purpose, like age's own "wrong key or damaged file".
    #[error(
        "This share bundle from {sender} is correctly signed but could not be decrypted with your exchange key. Your exchange key may have changed since you gave {sender} your contact card: send them your current card and ask them to share again."
    )]
    Undecryptable {
        /// The display name of the confirmed contact who signed it.
        sender: String,
    },

    /// The decrypted contents are not something this version understands, or break a rule
    /// (a mood outside 1–5, two items with one id).
    #[error(
        "The contents of this share bundle from {sender} could not be read: {field}: {reason}. Nothing was imported. Ask {sender} to update Wellkept and share it again."
    )]
    BadContents {
        /// The display name of the confirmed contact who signed it.
        sender: String,
        /// Where in the contents the problem is (a JSON path such as `items[2].score`).
        field: String,
        /// What is wrong there.
        reason: String,
    },

    /// A contact card (pasted text or scanned QR code) could not be read.
    #[error("This contact card could not be read: {reason}. Ask for the card again and paste all of it.")]
    BadContactCard {
        /// What is wrong with the card.
        reason: String,
    },

    /// A stored exchange identity could not be read back (the vault holds a damaged value).
    #[error("The stored exchange key is damaged and cannot be used. Restore the vault from a backup.")]
    BadIdentity,

    /// Something the sender tried to put in a bundle breaks a rule; nothing was written.
    #[error("This share cannot be made: {field}: {reason}.")]
    InvalidShare {
        /// Which part of the share is wrong (a JSON path such as `items[0].score`).
        field: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The contact card's QR code could not be drawn (the card is too long for a QR code).
    #[error("This contact card is too long to show as a QR code; share it as text instead.")]
    QrCodeTooLong,

    /// Encryption failed inside the age library (out of memory or a broken recipient key).
    #[error("The share bundle could not be encrypted. Check the contact's card and try again.")]
    EncryptionFailed,
}

impl ExchangeError {
    /// A stable, machine-readable name for the refusal, for the UI and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::NotABundle => "not_a_bundle",
            Self::UnsupportedVersion { .. } => "bundle_version_unsupported",
            Self::UnboundFormat => "bundle_format_unbound",
            Self::SenderMismatch { .. } => "bundle_sender_mismatch",
            Self::TooLarge { .. } => "bundle_too_large",
            Self::Damaged { .. } => "bundle_damaged",
            Self::UnknownSender { .. } => "unknown_sender",
            Self::BadSignature { .. } => "bad_signature",
            Self::WrongRecipient { .. } => "wrong_recipient",
            Self::Undecryptable { .. } => "bundle_undecryptable",
            Self::BadContents { .. } => "bundle_contents_invalid",
            Self::BadContactCard { .. } => "contact_card_invalid",
            Self::BadIdentity => "exchange_key_damaged",
            Self::InvalidShare { .. } => "share_invalid",
            Self::QrCodeTooLong => "qr_code_too_long",
            Self::EncryptionFailed => "encryption_failed",
        }
    }
}
