//! Contact cards: the two public keys a person hands out so others can share with them, as a
//! short text block to paste and as a QR code to scan, plus the fingerprint both people read
//! aloud before the card is trusted.
//!
//! The text form, line by line (blank lines and leading `>` e-mail quote marks are ignored):
//!
//! ```text
//! WELLKEPT-CONTACT-1
//! name: Alex Example
//! receive: age1…                       (age X25519 recipient)
//! sign: <base64 of the Ed25519 verifying key>
//! check: <8 hex digits>                (first 4 bytes of SHA-256 of the four lines above)
//! ```
//!
//! The check digits catch a card cut short or mistyped while pasting; they are not security.
//! Security comes from the fingerprint, which covers both keys (not the name, which is a label
//! either side may change) and is compared out of band before [`ConfirmedContact`] is made.

use std::fmt;
use std::str::FromStr as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use ed25519_dalek::VerifyingKey;
use sha2::{Digest as _, Sha256};

use super::error::ExchangeError;

/// First line of a contact card; the trailing digit is the format version.
const CARD_HEADER: &str = "WELLKEPT-CONTACT-1";
/// Prefix shared by every version of the card header, to recognise newer versions.
const CARD_HEADER_STEM: &str = "WELLKEPT-CONTACT-";
/// Domain separation for the fingerprint hash, so it can never equal another hash we compute.
const FINGERPRINT_DOMAIN: &[u8] = b"wellkept-contact-fingerprint-1\0";
/// Longest display name a card carries, in characters.
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;

/// Someone's public exchange keys under the name they chose.
#[derive(Clone, PartialEq, Eq)]
pub struct ContactCard {
    display_name: String,
    recipient: age::x25519::Recipient,
    verifying_key: VerifyingKey,
}

/// The short number two people compare (aloud, or side by side) to be sure a card is genuine:
/// 24 decimal digits in six groups of four, e.g. `0123 4567 8901 2345 6789 0123`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint(String);

impl ContactCard {
    /// Makes a card, checking the display name (1–80 characters, no control characters).
    pub fn new(
        display_name: &str,
        recipient: age::x25519::Recipient,
        verifying_key: VerifyingKey,
    ) -> Result<Self, ExchangeError> {
        let display_name = checked_display_name(display_name)?;
        Ok(Self { display_name, recipient, verifying_key })
    }

    /// The name this person chose to go by.
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The age recipient bundles for this person are encrypted to.
    pub fn recipient(&self) -> &age::x25519::Recipient {
        &self.recipient
    }

    /// The key this person's bundles are signed with.
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.verifying_key
    }

    /// A short hex id of the signing key (its first 8 bytes), shown when a bundle arrives from
    /// a key that is not a contact, so the user can tell which contact it would be.
    pub fn key_id(&self) -> String {
        key_id(&self.verifying_key)
    }

    /// The fingerprint both people compare before the card is confirmed. It depends on the two
    /// keys only, so renaming a contact does not change it.
    pub fn fingerprint(&self) -> Fingerprint {
        let mut hash = Sha256::new();
        hash.update(FINGERPRINT_DOMAIN);
        hash.update(self.recipient.to_string().as_bytes());
        hash.update([0u8]);
        hash.update(self.verifying_key.as_bytes());
        let digest = hash.finalize();
        let mut first = [0u8; 16];
        first.copy_from_slice(&digest[..16]);
        // 128 bits reduced to 24 digits (~80 bits); the modulo bias is below 2^-48.
        let number = u128::from_be_bytes(first) % 10u128.pow(24);
        let digits = format!("{number:024}");
        let groups: Vec<&str> = (0..6).map(|i| &digits[i * 4..i * 4 + 4]).collect();
        Fingerprint(groups.join(" "))
    }

    /// The card as text to paste into an e-mail or message.
    pub fn to_text(&self) -> String {
        let body = self.card_body();
        format!("{body}check: {}\n", checksum(&body))
    }

    /// Reads a card from pasted text. Text around the card (an e-mail greeting, a signature) is
    /// ignored; the card itself must be complete.
    pub fn from_text(text: &str) -> Result<Self, ExchangeError> {
        let bad = |reason: &str| ExchangeError::BadContactCard { reason: reason.to_owned() };
        let mut lines = text
            .lines()
            .map(|line| line.trim_start_matches(|c: char| c == '>' || c.is_whitespace()))
            .map(str::trim_end)
            .filter(|line| !line.is_empty());
        let header = lines
            .find(|line| line.starts_with(CARD_HEADER_STEM))
            .ok_or_else(|| bad("it does not contain a line starting with WELLKEPT-CONTACT-"))?;
        if header != CARD_HEADER {
            return Err(bad("it was made by a newer version of Wellkept (update Wellkept to read it)"));
        }
        let mut field = |name: &'static str| -> Result<&str, ExchangeError> {
            let line = lines.next().ok_or_else(|| bad(&format!("the `{name}:` line is missing (card cut short?)")))?;
            line.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(':'))
                .map(str::trim)
                .ok_or_else(|| bad(&format!("expected a line starting with `{name}:`")))
        };
        let name = field("name")?;
        let receive = field("receive")?;
        let sign = field("sign")?;
        let check = field("check")?;

        let recipient = age::x25519::Recipient::from_str(receive)
            .map_err(|_| bad("the `receive:` key is not a valid age public key"))?;
        let key_bytes: [u8; 32] = BASE64
            .decode(sign)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(|| bad("the `sign:` key is not 32 bytes of base64"))?;
        let verifying_key = VerifyingKey::from_bytes(&key_bytes)
            .map_err(|_| bad("the `sign:` key is not a valid Ed25519 public key"))?;
        let card = Self::new(name, recipient, verifying_key)?;
        if !check.eq_ignore_ascii_case(&checksum(&card.card_body())) {
            return Err(bad("its check digits do not match (a character was changed while copying)"));
        }
        Ok(card)
    }

    /// The card's text as an SVG image of a QR code, to show on screen and scan with a camera.
    pub fn to_qr_svg(&self) -> Result<String, ExchangeError> {
        let code = qrcode::QrCode::with_error_correction_level(self.to_text().as_bytes(), qrcode::EcLevel::M)
            .map_err(|_| ExchangeError::QrCodeTooLong)?;
        Ok(code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(256, 256).quiet_zone(true).build())
    }

    /// The four lines the check digits cover.
    fn card_body(&self) -> String {
        format!(
            "{CARD_HEADER}\nname: {}\nreceive: {}\nsign: {}\n",
            self.display_name,
            self.recipient,
            BASE64.encode(self.verifying_key.as_bytes())
        )
    }
}

impl fmt::Debug for ContactCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContactCard")
            .field("display_name", &self.display_name)
            .field("fingerprint", &self.fingerprint().0)
            .finish()
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Fingerprint {
    /// True when `typed` is this fingerprint, ignoring spaces and dashes a person may type.
    pub fn matches_typed(&self, typed: &str) -> bool {
        let digits: String = typed.chars().filter(|c| c.is_ascii_digit()).collect();
        let only_separators = typed.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || c == '-');
        only_separators && digits == self.0.replace(' ', "")
    }
}

/// A contact card the user has confirmed by comparing fingerprints with its owner. Only bundles
/// signed by a confirmed contact are opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfirmedContact {
    /// The confirmed card.
    pub card: ContactCard,
    /// When the user confirmed the fingerprint.
    pub confirmed_at: DateTime<Utc>,
}

impl ConfirmedContact {
    /// Records that the user compared `card.fingerprint()` with its owner and they matched.
    /// Call this only from the user's explicit confirmation.
    pub fn confirm(card: ContactCard, confirmed_at: DateTime<Utc>) -> Self {
        Self { card, confirmed_at }
    }
}

/// Short hex id of a signing key: its first 8 bytes.
pub(crate) fn key_id(key: &VerifyingKey) -> String {
    key.as_bytes()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The first 4 bytes of SHA-256 of `body`, as 8 lower-case hex digits.
fn checksum(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// Trims and checks a display name.
fn checked_display_name(name: &str) -> Result<String, ExchangeError> {
    let name = name.trim();
    let bad = |reason: &str| ExchangeError::BadContactCard { reason: reason.to_owned() };
    if name.is_empty() {
        return Err(bad("the name is empty"));
    }
    if name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        return Err(bad("the name is longer than 80 characters"));
    }
    if name.chars().any(char::is_control) {
        return Err(bad("the name contains control characters"));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::ExchangeIdentity;

    fn card(name: &str) -> ContactCard {
        ExchangeIdentity::generate().contact_card(name).expect("valid name")
    }

    #[test]
    fn text_form_round_trips_inside_an_email() {
        let card = card("Alex Ödman");
        let email =
            format!("Hi, here is my card:\r\n\r\n{}\r\nSee you Tuesday.\r\n", card.to_text().replace('\n', "\r\n> "));
        let back = ContactCard::from_text(&email).expect("card inside email parses");
        assert_eq!(back, card);
        assert_eq!(back.fingerprint(), card.fingerprint());
    }

    #[test]
    fn fingerprint_is_six_groups_of_four_digits_and_ignores_the_name() {
        let identity = ExchangeIdentity::generate();
        let a = identity.contact_card("Alex").expect("valid");
        let b = identity.contact_card("Alex at work").expect("valid");
        let fingerprint = a.fingerprint().to_string();
        assert_eq!(fingerprint.len(), 29);
        assert_eq!(fingerprint.split(' ').count(), 6);
        assert!(fingerprint.split(' ').all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_digit())));
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), card("Alex").fingerprint());
        assert!(a.fingerprint().matches_typed(&fingerprint.replace(' ', "-")));
        assert!(!a.fingerprint().matches_typed("0000 0000 0000 0000 0000 0000"));
    }

    #[test]
    fn a_changed_character_fails_the_check_digits() {
        let text = card("Sam").to_text().replace("name: Sam", "name: Sal");
        let error = ContactCard::from_text(&text).expect_err("changed name is caught");
        assert!(error.to_string().contains("check digits"), "{error}");
    }

    #[test]
    fn incomplete_or_foreign_cards_are_refused_with_a_reason() {
        let text = card("Sam").to_text();
        let cut: String = text.lines().take(3).collect::<Vec<_>>().join("\n");
        let newer = text.replace("WELLKEPT-CONTACT-1", "WELLKEPT-CONTACT-2");
        let bad_key = text.replace("receive: age1", "receive: age2");
        let cases = [
            ("", "WELLKEPT-CONTACT-"),
            (cut.as_str(), "missing"),
            (newer.as_str(), "newer version"),
            (bad_key.as_str(), "not a valid age public key"),
        ];
        for (input, expected) in cases {
            let error = ContactCard::from_text(input).expect_err("refused");
            assert!(error.to_string().contains(expected), "{error}");
        }
    }

    #[test]
    fn names_are_checked() {
        let identity = ExchangeIdentity::generate();
        assert!(identity.contact_card("  ").is_err());
        assert!(identity.contact_card("a\u{7}b").is_err());
        assert!(identity.contact_card(&"x".repeat(81)).is_err());
        assert_eq!(identity.contact_card("  Pat  ").expect("valid").display_name(), "Pat");
    }

    #[test]
    fn qr_code_is_an_svg_image() {
        let svg = card("Alex").to_qr_svg().expect("a card fits in a QR code");
        assert!(svg.starts_with("<?xml"));
        assert!(svg.contains("<svg"));
        assert!(svg.contains("<path"));
    }
}
