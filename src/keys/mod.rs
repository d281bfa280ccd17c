//! The vault's keys and the ways to unlock them.
//!
//! One random age X25519 identity (the [`VaultKey`]) encrypts the snapshot and every journal
//! record. It is *wrapped* once per unlock method — the OS keychain, a passphrase (age scrypt),
//! a recovery key (another X25519 identity shown once at creation) — so adding, removing or
//! changing a method rewraps one short secret and never re-encrypts data.
//!
//! Journal records and snapshots are also authenticated with an HMAC key derived from the vault
//! identity: age alone authenticates *integrity* but not *origin* (anyone who knows the public
//! recipient can write a valid age file), and the recipient is stored in plain sight.

pub mod keychain;

use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::{Error, Result};

/// The scrypt work factor (log2 N) for passphrase wrapping: about one second on a 2026 laptop.
/// Pinned, never age's self-calibrated default, which has produced files other age
/// implementations reject and varies from machine to machine.
pub const PASSPHRASE_WORK_FACTOR: u8 = 18;

/// The highest work factor we accept when unwrapping: four times the pinned one. The factor is
/// read from the key file, which anyone who can write the vault folder can change; at 2^22 a
/// tampered file made one unlock take 4 GiB of memory and ~16× the time, at 2^20 it is bounded
/// by 1 GiB. A file asking for more is refused as damaged before any scrypt work is done.
pub const MAX_WORK_FACTOR: u8 = 20;

/// The vault's secret identity. Never printed: `Debug` shows only the public recipient.
pub struct VaultKey {
    identity: age::x25519::Identity,
    mac_key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VaultKey").field("recipient", &self.recipient().to_string()).finish_non_exhaustive()
    }
}

impl VaultKey {
    /// A fresh random key.
    pub fn generate() -> Self {
        Self::from_identity(age::x25519::Identity::generate())
    }

    fn from_identity(identity: age::x25519::Identity) -> Self {
        let secret = identity.to_string();
        let hk = hkdf::Hkdf::<Sha256>::new(Some(b"wellkept vault v1"), secret.expose_secret().as_bytes());
        let mut mac_key = Zeroizing::new([0u8; 32]);
        hk.expand(b"journal and snapshot authentication", mac_key.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        Self { identity, mac_key }
    }

    /// Parses the secret form (`AGE-SECRET-KEY-1…`). `method` names where it came from, for the
    /// error message.
    pub fn from_secret(secret: &SecretString, method: &'static str) -> Result<Self> {
        age::x25519::Identity::from_str(secret.expose_secret().trim())
            .map(Self::from_identity)
            .map_err(|_| Error::WrongKey { method })
    }

    /// The secret form, for wrapping. Handle with care: it unlocks everything.
    pub fn to_secret(&self) -> SecretString {
        self.identity.to_string()
    }

    /// The public recipient every snapshot and record is encrypted to.
    pub fn recipient(&self) -> age::x25519::Recipient {
        self.identity.to_public()
    }

    /// The age identity, for decryption.
    pub(crate) fn identity(&self) -> &age::x25519::Identity {
        &self.identity
    }

    /// HMAC-SHA256 over the concatenation of `parts`.
    pub(crate) fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut m =
            <Hmac<Sha256> as Mac>::new_from_slice(self.mac_key.as_ref()).expect("HMAC accepts keys of any length");
        for p in parts {
            m.update(p);
        }
        m.finalize().into_bytes().into()
    }

    /// Constant-time check of a tag made by [`VaultKey::mac`].
    pub(crate) fn verify_mac(&self, parts: &[&[u8]], tag: &[u8]) -> bool {
        let mut m =
            <Hmac<Sha256> as Mac>::new_from_slice(self.mac_key.as_ref()).expect("HMAC accepts keys of any length");
        for p in parts {
            m.update(p);
        }
        m.verify_slice(tag).is_ok()
    }
}

/// The recovery key shown once at creation. `Debug` never shows it.
pub struct RecoveryKey(SecretString);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

impl RecoveryKey {
    fn generate() -> (Self, age::x25519::Recipient) {
        let id = age::x25519::Identity::generate();
        (Self(id.to_string()), id.to_public())
    }

    /// Parses what a person typed or pasted: spaces, dashes between groups, line breaks and
    /// lower case are all accepted.
    pub fn parse(text: &str) -> Result<Self> {
        let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        // Accept the key with or without the grouping dashes we print, but keep the dashes that
        // belong to the `AGE-SECRET-KEY-1` prefix.
        let body = cleaned.strip_prefix("AGE-SECRET-KEY-").unwrap_or(&cleaned).replace('-', "");
        let candidate = format!("AGE-SECRET-KEY-{body}");
        age::x25519::Identity::from_str(&candidate).map_err(|_| Error::WrongKey { method: "recovery key" })?;
        Ok(Self(SecretString::from(candidate)))
    }

    /// The key for display, once, at creation: the standard age form, which the `age` tool
    /// reads directly (see the README's "No lock-in" section).
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    fn identity(&self) -> Result<age::x25519::Identity> {
        age::x25519::Identity::from_str(self.0.expose_secret()).map_err(|_| Error::WrongKey { method: "recovery key" })
    }
}

/// Wraps the vault key with a passphrase (age scrypt recipient, pinned work factor).
pub(crate) fn wrap_with_passphrase(key: &VaultKey, passphrase: &SecretString, work_factor: u8) -> Result<Vec<u8>> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(
            "Passphrase",
            format!("use at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words work well"),
        ));
    }
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(work_factor);
    age::encrypt(&recipient, key.to_secret().expose_secret().as_bytes())
        .map_err(|e| Error::Internal { detail: format!("wrapping with passphrase: {e}") })
}

/// The shortest passphrase we accept.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Unwraps the vault key with a passphrase.
pub(crate) fn unwrap_with_passphrase(wrapped: &[u8], passphrase: &SecretString) -> Result<VaultKey> {
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let secret = age::decrypt(&identity, wrapped).map_err(|e| match e {
        age::DecryptError::ExcessiveWork { .. } => Error::damaged_saying(format!(
            "keys/passphrase.age asks for more scrypt work than Wellkept ever writes (above 2^{MAX_WORK_FACTOR}), so it was not tried; unlock with your recovery key"
        )),
        _ => Error::WrongKey { method: "passphrase" },
    })?;
    secret_to_key(secret, "passphrase")
}

/// Makes a new recovery key and wraps the vault key to it.
pub(crate) fn wrap_with_new_recovery_key(key: &VaultKey) -> Result<(RecoveryKey, Vec<u8>)> {
    let (recovery, recipient) = RecoveryKey::generate();
    let wrapped = age::encrypt(&recipient, key.to_secret().expose_secret().as_bytes())
        .map_err(|e| Error::Internal { detail: format!("wrapping with recovery key: {e}") })?;
    Ok((recovery, wrapped))
}

/// Unwraps the vault key with the recovery key.
pub(crate) fn unwrap_with_recovery_key(wrapped: &[u8], recovery: &RecoveryKey) -> Result<VaultKey> {
    let secret =
        age::decrypt(&recovery.identity()?, wrapped).map_err(|_| Error::WrongKey { method: "recovery key" })?;
    secret_to_key(secret, "recovery key")
}

fn secret_to_key(secret: Vec<u8>, method: &'static str) -> Result<VaultKey> {
    let secret = Zeroizing::new(secret);
    let text = std::str::from_utf8(&secret).map_err(|_| Error::WrongKey { method })?;
    VaultKey::from_secret(&SecretString::from(text.to_owned()), method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrase_wrap_round_trips_and_refuses_wrong_passphrase() {
        let key = VaultKey::generate();
        let pass = SecretString::from("correct horse battery".to_owned());
        let wrapped = wrap_with_passphrase(&key, &pass, 10).expect("wrap");
        let back = unwrap_with_passphrase(&wrapped, &pass).expect("unwrap");
        assert_eq!(back.recipient().to_string(), key.recipient().to_string());
        let wrong = SecretString::from("incorrect horse battery".to_owned());
        assert!(matches!(unwrap_with_passphrase(&wrapped, &wrong), Err(Error::WrongKey { method: "passphrase" })));
    }

    /// Rewrites the scrypt stanza's work factor in a wrapped key file (`-> scrypt <salt> <n>`),
    /// as someone who can write the vault folder could.
    fn with_work_factor(wrapped: &[u8], from: u8, to: u8) -> Vec<u8> {
        let text = String::from_utf8_lossy(wrapped).into_owned();
        let start = text.find("-> scrypt ").expect("an scrypt stanza");
        let line_end = start + text[start..].find('\n').expect("stanza line ends");
        let line = &text[start..line_end];
        let tampered =
            line.strip_suffix(&format!(" {from}")).map(|head| format!("{head} {to}")).expect("factor at end");
        let mut out = wrapped[..start].to_vec();
        out.extend_from_slice(tampered.as_bytes());
        out.extend_from_slice(&wrapped[line_end..]);
        out
    }

    #[test]
    fn a_key_file_tampered_to_ask_for_more_scrypt_work_is_refused_without_doing_it() {
        let key = VaultKey::generate();
        let pass = SecretString::from("correct horse battery".to_owned());
        let wrapped = wrap_with_passphrase(&key, &pass, 10).expect("wrap");
        let tampered = with_work_factor(&wrapped, 10, MAX_WORK_FACTOR + 1);
        // Refused before scrypt runs: 2^21 would take 2 GiB and seconds; this returns at once.
        let err = unwrap_with_passphrase(&tampered, &pass).expect_err("work factor above the cap");
        assert_eq!(err.kind(), "damaged");
        assert!(err.to_string().contains("above 2^20"), "{err}");
        // The same file at 2^22, which the old cap accepted, is refused too.
        let err = unwrap_with_passphrase(&with_work_factor(&wrapped, 10, 22), &pass).expect_err("2^22");
        assert_eq!(err.kind(), "damaged");
        // Untampered, it opens.
        assert!(unwrap_with_passphrase(&wrapped, &pass).is_ok());
    }

    #[test]
    fn short_passphrases_are_refused_with_the_rule() {
        let key = VaultKey::generate();
        let err = wrap_with_passphrase(&key, &SecretString::from("short".to_owned()), 10).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(err.to_string().contains("at least 8"));
    }

    #[test]
    fn recovery_key_accepts_what_people_type() {
        let key = VaultKey::generate();
        let (recovery, wrapped) = wrap_with_new_recovery_key(&key).expect("wrap");
        let typed = recovery.expose().to_ascii_lowercase();
        let spaced: String =
            typed.chars().enumerate().flat_map(|(i, c)| if i % 8 == 7 { vec![c, ' '] } else { vec![c] }).collect();
        let parsed = RecoveryKey::parse(&spaced).expect("parse typed key");
        let back = unwrap_with_recovery_key(&wrapped, &parsed).expect("unwrap");
        assert_eq!(back.recipient().to_string(), key.recipient().to_string());
        let (other, _) = RecoveryKey::generate();
        assert!(matches!(unwrap_with_recovery_key(&wrapped, &other), Err(Error::WrongKey { .. })));
        assert!(RecoveryKey::parse("not a key").is_err());
    }

    #[test]
    fn debug_output_never_contains_secrets() {
        let key = VaultKey::generate();
        let secret = key.to_secret().expose_secret().to_owned();
        assert!(!format!("{key:?}").contains(&secret));
        let (recovery, _) = RecoveryKey::generate();
        assert!(!format!("{recovery:?}").contains(recovery.expose()));
    }

    #[test]
    fn macs_bind_every_part() {
        let key = VaultKey::generate();
        let tag = key.mac(&[b"a", b"bc"]);
        assert!(key.verify_mac(&[b"a", b"bc"], &tag));
        assert!(!key.verify_mac(&[b"a", b"bd"], &tag));
        assert!(!VaultKey::generate().verify_mac(&[b"a", b"bc"], &tag));
    }
}
