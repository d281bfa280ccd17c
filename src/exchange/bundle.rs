//! The share bundle file: encrypt-then-sign, so a receiver can check who made a bundle before
//! decrypting (or even parsing) anything in it.
//!
//! Byte layout (all integers big-endian; docs/exchange-format.md has the full description):
//!
//! ```text
//! offset      size  field
//! 0           8     magic "WKBUNDLE"
//! 8           2     format version (3; 2 is still read)
//! 10          32    sender's Ed25519 verifying key
//! 42          4     header length H (1..=65,536)
//! 46          H     header: JSON {bundle_id, recipient, created_at}
//! 46+H        8     ciphertext length N
//! 54+H        N     age ciphertext (binary age v1) of {"sender_key", "contents": BundleContent}
//! 54+H+N      64    Ed25519 signature over SIGNATURE_CONTEXT ‖ bytes[0 .. 54+H+N]
//! ```
//!
//! The signature covers every byte before it, including the sender key and the recipient in
//! the header, so it cannot be moved to another bundle or re-addressed. Only the fixed-size
//! fields are read before the signature is checked; the header JSON is parsed only once the
//! signature is known to come from a confirmed contact.
//!
//! The signature proves who *sent* the file, not who *made* what is inside: a confirmed contact
//! who gets hold of someone else's bundle for you (a shared folder, a forwarded email) could
//! strip its signature and sign it as their own. So the plaintext names the key that made it
//! (`sender_key`, inside the encryption, where only the maker could have put it) and a bundle
//! whose signer is not that key is refused ([`ExchangeError::SenderMismatch`]). Format 1 had
//! no such binding and is refused with its own message ([`ExchangeError::UnboundFormat`]).
//!
//! Format 3 differs from format 2 only in a shared invoice, which gives what was credited apart
//! from what was paid ([`BundleContent::check_format`]). Format 2 files, already sent, are still
//! read; a build that reads only format 2 refuses a format 3 file before decrypting anything, as
//! [`ExchangeError::UnsupportedVersion`] ("uses format version 3 … Update Wellkept").

use std::io::Read as _;
use std::iter;

use chrono::{DateTime, Utc};
use ed25519_dalek::Signature;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::contact::{ConfirmedContact, ContactCard};
use super::content::BundleContent;
use super::error::ExchangeError;
use super::identity::{ExchangeIdentity, hex_key};

/// The first eight bytes of every bundle.
pub const MAGIC: &[u8; 8] = b"WKBUNDLE";
/// The format version this build writes (and reads, with [`PAID_WITH_CREDITS_FORMAT_VERSION`]).
pub const FORMAT_VERSION: u16 = 3;
/// The format before 3, still read: the same in every way but that a shared invoice's `paid`
/// counted its credit notes and had no `credited` (decision 78).
pub const PAID_WITH_CREDITS_FORMAT_VERSION: u16 = 2;
/// The first format, whose contents did not name their maker's key; refused since format 2.
pub const UNBOUND_FORMAT_VERSION: u16 = 1;
/// Largest header accepted, in bytes. A real header is about 150 bytes.
pub const MAX_HEADER_BYTES: u64 = 64 * 1024;
/// Largest bundle file accepted, in bytes; checked before anything else is read.
pub const MAX_BUNDLE_BYTES: u64 = 64 * 1024 * 1024;
/// Prepended to the signed bytes, so a bundle signature can never be valid for anything else
/// the same key might sign.
const SIGNATURE_CONTEXT: &[u8] = b"wellkept-bundle-signature-1\0";

const VERSION_AT: usize = 8;
const SENDER_KEY_AT: usize = 10;
const HEADER_LEN_AT: usize = 42;
const HEADER_AT: usize = 46;
const SIGNATURE_BYTES: usize = 64;

/// The signed header: who the bundle is for, and its id.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleHeader {
    bundle_id: Uuid,
    /// The recipient's age public key, as text (`age1…`).
    recipient: String,
    created_at: DateTime<Utc>,
}

/// What is encrypted: the contents and the key of the person who made them.
#[derive(Serialize)]
struct SealedPlaintext<'a> {
    /// The maker's Ed25519 verifying key, 64 hex digits; must be the key that signed the file.
    sender_key: String,
    contents: &'a BundleContent,
}

/// [`SealedPlaintext`] as read back.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OpenedPlaintext {
    sender_key: String,
    contents: BundleContent,
}

/// A bundle whose signature was verified against a confirmed contact, and whose contents were
/// decrypted and checked. Nothing in it has touched the vault yet.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedBundle {
    /// The confirmed contact who signed it.
    pub sender: ConfirmedContact,
    /// The contents, already validated.
    pub content: BundleContent,
}

/// Encrypts `content` to `recipient` and signs the result with `sender`'s key.
pub fn seal_bundle(
    content: &BundleContent,
    sender: &ExchangeIdentity,
    recipient: &ContactCard,
) -> Result<Vec<u8>, ExchangeError> {
    content
        .validate()
        .and_then(|()| content.check_format(FORMAT_VERSION))
        .map_err(|problem| ExchangeError::InvalidShare { field: problem.field, reason: problem.reason })?;
    let sealed = SealedPlaintext { sender_key: hex_key(&sender.verifying_key()), contents: content };
    let plaintext = Zeroizing::new(serde_json::to_vec(&sealed).map_err(|_| ExchangeError::InvalidShare {
        field: "items".into(),
        reason: "could not be written as JSON".into(),
    })?);
    let ciphertext = age::encrypt(recipient.recipient(), &plaintext).map_err(|_| ExchangeError::EncryptionFailed)?;
    let header = BundleHeader {
        bundle_id: content.id,
        recipient: recipient.recipient().to_string(),
        created_at: content.created_at,
    };
    let header_json = serde_json::to_vec(&header).map_err(|_| ExchangeError::EncryptionFailed)?;
    assemble(sender, &header_json, &ciphertext)
}

/// Lays out and signs a bundle from an already-encoded header and ciphertext. Separate from
/// [`seal_bundle`] so tests can build correctly signed bundles with broken insides.
pub(crate) fn assemble(
    sender: &ExchangeIdentity,
    header_json: &[u8],
    ciphertext: &[u8],
) -> Result<Vec<u8>, ExchangeError> {
    let header_len = header_json.len() as u64;
    if header_len > MAX_HEADER_BYTES {
        return Err(ExchangeError::TooLarge { what: "header", size: header_len, limit: MAX_HEADER_BYTES });
    }
    let total = (HEADER_AT + header_json.len() + 8 + ciphertext.len() + SIGNATURE_BYTES) as u64;
    if total > MAX_BUNDLE_BYTES {
        return Err(ExchangeError::TooLarge { what: "file", size: total, limit: MAX_BUNDLE_BYTES });
    }
    let mut bytes = Vec::with_capacity(total as usize);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_be_bytes());
    bytes.extend_from_slice(sender.verifying_key().as_bytes());
    bytes.extend_from_slice(&(header_json.len() as u32).to_be_bytes());
    bytes.extend_from_slice(header_json);
    bytes.extend_from_slice(&(ciphertext.len() as u64).to_be_bytes());
    bytes.extend_from_slice(ciphertext);
    let signature = sender.sign(&signed_message(&bytes));
    bytes.extend_from_slice(&signature.to_bytes());
    Ok(bytes)
}

/// Signs an existing bundle's header and ciphertext as `signer`, which is what a contact who got
/// hold of someone else's bundle could do. [`open_bundle`] refuses the result
/// ([`ExchangeError::SenderMismatch`]); this exists so tests outside the crate can make that
/// attack against a real vault.
#[doc(hidden)]
pub fn re_sign_for_tests(bytes: &[u8], signer: &ExchangeIdentity) -> Result<Vec<u8>, ExchangeError> {
    let frame = Frame::parse(bytes)?;
    assemble(signer, frame.header, frame.ciphertext)
}

/// Checks and opens a bundle: size, structure, sender among `contacts`, signature, recipient,
/// then decrypts and validates the contents. Each refusal is its own [`ExchangeError`].
pub fn open_bundle(
    bytes: &[u8],
    me: &ExchangeIdentity,
    contacts: &[ConfirmedContact],
) -> Result<VerifiedBundle, ExchangeError> {
    let frame = Frame::parse(bytes)?;

    let sender = contacts
        .iter()
        .find(|contact| contact.card.verifying_key().as_bytes() == frame.sender_key)
        .ok_or_else(|| ExchangeError::UnknownSender { key_id: key_id_of_bytes(frame.sender_key) })?;
    let sender_name = sender.card.display_name().to_owned();
    let signature = Signature::from_bytes(frame.signature);
    sender
        .card
        .verifying_key()
        .verify_strict(&signed_message(frame.signed), &signature)
        .map_err(|_| ExchangeError::BadSignature { sender: sender_name.clone() })?;

    // From here on every byte is known to come from a confirmed contact.
    let header: BundleHeader = serde_json::from_slice(frame.header).map_err(|error| ExchangeError::BadContents {
        sender: sender_name.clone(),
        field: "header".into(),
        reason: json_reason(&error),
    })?;
    if header.recipient != me.recipient().to_string() {
        return Err(ExchangeError::WrongRecipient { sender: sender_name });
    }
    let plaintext =
        decrypt(frame.ciphertext, me).map_err(|()| ExchangeError::Undecryptable { sender: sender_name.clone() })?;
    let bad_contents =
        |field: String, reason: String| ExchangeError::BadContents { sender: sender_name.clone(), field, reason };
    let opened: OpenedPlaintext =
        serde_json::from_slice(&plaintext).map_err(|error| bad_contents("contents".into(), json_reason(&error)))?;
    // Made by the person who signed it? Another contact re-signing someone else's bundle cannot
    // change this key: it is inside the encryption, to us.
    if opened.sender_key != hex_key(sender.card.verifying_key()) {
        return Err(ExchangeError::SenderMismatch { sender: sender_name });
    }
    let content = opened.contents;
    if content.id != header.bundle_id {
        return Err(bad_contents("id".into(), "does not match the id in the signed header".into()));
    }
    content
        .validate()
        .and_then(|()| content.check_format(frame.version))
        .map_err(|problem| bad_contents(problem.field, problem.reason))?;
    Ok(VerifiedBundle { sender: sender.clone(), content })
}

/// The fixed-layout parts of a bundle, located without interpreting any variable-length data.
struct Frame<'a> {
    /// [`FORMAT_VERSION`] or [`PAID_WITH_CREDITS_FORMAT_VERSION`].
    version: u16,
    sender_key: &'a [u8; 32],
    header: &'a [u8],
    ciphertext: &'a [u8],
    /// Everything the signature covers (all bytes before it).
    signed: &'a [u8],
    signature: &'a [u8; 64],
}

impl<'a> Frame<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Self, ExchangeError> {
        let size = bytes.len() as u64;
        if size > MAX_BUNDLE_BYTES {
            return Err(ExchangeError::TooLarge { what: "file", size, limit: MAX_BUNDLE_BYTES });
        }
        let cut_short = ExchangeError::Damaged { reason: "the file ends too early" };
        if !bytes.starts_with(MAGIC) {
            // A file that is a strict prefix of the magic is a bundle cut off almost at once.
            return Err(if !bytes.is_empty() && MAGIC.starts_with(bytes) {
                cut_short
            } else {
                ExchangeError::NotABundle
            });
        }
        let version = u16::from_be_bytes(*array_at::<2>(bytes, VERSION_AT).ok_or(cut_short)?);
        if version == UNBOUND_FORMAT_VERSION {
            return Err(ExchangeError::UnboundFormat);
        }
        if version != FORMAT_VERSION && version != PAID_WITH_CREDITS_FORMAT_VERSION {
            return Err(ExchangeError::UnsupportedVersion { found: version });
        }
        let cut_short = || ExchangeError::Damaged { reason: "the file ends too early" };
        let sender_key = array_at::<32>(bytes, SENDER_KEY_AT).ok_or_else(cut_short)?;
        let header_len = u64::from(u32::from_be_bytes(*array_at::<4>(bytes, HEADER_LEN_AT).ok_or_else(cut_short)?));
        if header_len > MAX_HEADER_BYTES {
            return Err(ExchangeError::TooLarge { what: "header", size: header_len, limit: MAX_HEADER_BYTES });
        }
        if header_len == 0 {
            return Err(ExchangeError::Damaged { reason: "the header is empty" });
        }
        // header_len ≤ 64 KiB and size ≤ 64 MiB, so none of these sums can overflow.
        let header_end = HEADER_AT + header_len as usize;
        let header = bytes.get(HEADER_AT..header_end).ok_or_else(cut_short)?;
        let ciphertext_len = u64::from_be_bytes(*array_at::<8>(bytes, header_end).ok_or_else(cut_short)?);
        let ciphertext_at = header_end + 8;
        let expected = (ciphertext_at as u64)
            .checked_add(ciphertext_len)
            .and_then(|end| end.checked_add(SIGNATURE_BYTES as u64))
            .ok_or_else(cut_short)?;
        if expected > size {
            return Err(cut_short());
        }
        if expected < size {
            return Err(ExchangeError::Damaged { reason: "there are extra bytes after the signature" });
        }
        let signature_at = bytes.len() - SIGNATURE_BYTES;
        Ok(Frame {
            version,
            sender_key,
            header,
            ciphertext: &bytes[ciphertext_at..signature_at],
            signed: &bytes[..signature_at],
            signature: array_at::<64>(bytes, signature_at).ok_or_else(cut_short)?,
        })
    }
}

/// `N` bytes at `at`, if the slice is long enough.
fn array_at<const N: usize>(bytes: &[u8], at: usize) -> Option<&[u8; N]> {
    bytes.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// The exact bytes that are signed: a fixed context string, then the bundle up to the signature.
fn signed_message(bundle_prefix: &[u8]) -> Vec<u8> {
    let mut message = Vec::with_capacity(SIGNATURE_CONTEXT.len() + bundle_prefix.len());
    message.extend_from_slice(SIGNATURE_CONTEXT);
    message.extend_from_slice(bundle_prefix);
    message
}

/// Decrypts the whole ciphertext before anything is used: age's reader hands out unauthenticated
/// plaintext until the final chunk is checked. Every failure is one coarse error.
fn decrypt(ciphertext: &[u8], me: &ExchangeIdentity) -> Result<Zeroizing<Vec<u8>>, ()> {
    let decryptor = age::Decryptor::new_buffered(ciphertext).map_err(|_| ())?;
    let mut reader = decryptor.decrypt(iter::once(me.age_identity() as &dyn age::Identity)).map_err(|_| ())?;
    let mut plaintext = Zeroizing::new(Vec::new());
    // age ciphertext is never shorter than its plaintext, and the file is capped, so reading
    // to the end is bounded by MAX_BUNDLE_BYTES.
    reader.read_to_end(&mut plaintext).map_err(|_| ())?;
    Ok(plaintext)
}

/// A JSON error in words, without echoing the (possibly secret) input.
fn json_reason(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Io | Category::Eof => "it ends too early",
        Category::Syntax => "it is not valid JSON",
        Category::Data => "a field is missing, unknown or of the wrong type",
    };
    format!("{what} (line {}, column {})", error.line(), error.column())
}

/// Short hex id of a 32-byte verifying key (its first 8 bytes, as `ContactCard::key_id` shows contacts),
/// even one that is not a valid curve point.
fn key_id_of_bytes(bytes: &[u8; 32]) -> String {
    bytes[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
#[path = "bundle_tests.rs"]
mod tests;
