//! The vault's own exchange keys: an age X25519 identity to receive bundles and an Ed25519 key
//! to sign them.
//!
//! age has no sender authentication, so a second key pair signs what we send. Both secrets are
//! kept in zeroizing types and never printed: `Debug` shows only the public halves. The vault
//! stores the identity as one secret string (`to_secret_string`), in the format
//!
//! ```text
//! WELLKEPT-EXCHANGE-KEY-1 AGE-SECRET-KEY-1… <base64 of the 32-byte Ed25519 seed>
//! ```

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use secrecy::{ExposeSecret as _, SecretString};
use zeroize::Zeroizing;

use super::contact::ContactCard;
use super::error::ExchangeError;

/// First word of a stored exchange identity; the trailing digit is the format version.
const SECRET_PREFIX: &str = "WELLKEPT-EXCHANGE-KEY-1";

/// A vault's exchange key pair: receive with age X25519, sign with Ed25519.
#[derive(Clone)]
pub struct ExchangeIdentity {
    /// Decrypts bundles addressed to us. age zeroizes its secret on drop.
    receive: age::x25519::Identity,
    /// Signs bundles we send. ed25519-dalek (feature `zeroize`) zeroizes it on drop.
    sign: SigningKey,
}

impl ExchangeIdentity {
    /// Makes a fresh identity from the operating system's random number generator.
    pub fn generate() -> Self {
        Self { receive: age::x25519::Identity::generate(), sign: SigningKey::generate(&mut rand::rngs::OsRng) }
    }

    /// The public key others encrypt to.
    pub fn recipient(&self) -> age::x25519::Recipient {
        self.receive.to_public()
    }

    /// The public key others verify our signatures with.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.sign.verifying_key()
    }

    /// Our own contact card, carrying both public keys under the given display name.
    pub fn contact_card(&self, display_name: &str) -> Result<ContactCard, ExchangeError> {
        ContactCard::new(display_name, self.recipient(), self.verifying_key())
    }

    /// The secret string the vault stores. Treat it like a password.
    pub fn to_secret_string(&self) -> SecretString {
        let age_secret = self.receive.to_string();
        let seed = Zeroizing::new(self.sign.to_bytes());
        let seed_b64 = Zeroizing::new(BASE64.encode(seed.as_slice()));
        let joined = format!("{SECRET_PREFIX} {} {}", age_secret.expose_secret(), seed_b64.as_str());
        SecretString::from(joined)
    }

    /// Reads back a string made by [`ExchangeIdentity::to_secret_string`].
    pub fn from_secret_string(secret: &SecretString) -> Result<Self, ExchangeError> {
        let mut words = secret.expose_secret().split_ascii_whitespace();
        if words.next() != Some(SECRET_PREFIX) {
            return Err(ExchangeError::BadIdentity);
        }
        let (Some(age_word), Some(seed_word), None) = (words.next(), words.next(), words.next()) else {
            return Err(ExchangeError::BadIdentity);
        };
        let receive = age::x25519::Identity::from_str(age_word).map_err(|_| ExchangeError::BadIdentity)?;
        let seed_bytes = Zeroizing::new(BASE64.decode(seed_word).map_err(|_| ExchangeError::BadIdentity)?);
        let seed: Zeroizing<[u8; 32]> =
            Zeroizing::new(seed_bytes.as_slice().try_into().map_err(|_| ExchangeError::BadIdentity)?);
        Ok(Self { receive, sign: SigningKey::from_bytes(&seed) })
    }

    /// The age identity, for decrypting a bundle addressed to us.
    pub(crate) fn age_identity(&self) -> &age::x25519::Identity {
        &self.receive
    }

    /// Signs `message` with our Ed25519 key.
    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.sign.sign(message)
    }
}

impl fmt::Debug for ExchangeIdentity {
    /// Shows the public halves only; the secret keys never reach a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExchangeIdentity")
            .field("recipient", &self.recipient().to_string())
            .field("verifying_key", &hex_key(&self.verifying_key()))
            .finish_non_exhaustive()
    }
}

/// Lower-case hex of a verifying key, for Debug output and key ids.
pub(crate) fn hex_key(key: &VerifyingKey) -> String {
    key.as_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_string_round_trips_both_keys() {
        let identity = ExchangeIdentity::generate();
        let stored = identity.to_secret_string();
        let back = ExchangeIdentity::from_secret_string(&stored).expect("own output parses");
        assert_eq!(back.recipient(), identity.recipient());
        assert_eq!(back.verifying_key(), identity.verifying_key());
        let signature = back.sign(b"message");
        identity.verifying_key().verify_strict(b"message", &signature).expect("restored key signs like the original");
    }

    #[test]
    fn debug_output_shows_no_secret() {
        let identity = ExchangeIdentity::generate();
        let debug = format!("{identity:?}");
        let secret = identity.to_secret_string();
        for word in secret.expose_secret().split_ascii_whitespace().skip(1) {
            assert!(!debug.contains(word), "Debug leaks a secret word");
        }
        assert!(!debug.to_ascii_uppercase().contains("AGE-SECRET-KEY"));
        assert!(debug.contains(&identity.recipient().to_string()));
    }

    #[test]
    fn damaged_secret_strings_are_refused() {
        let identity = ExchangeIdentity::generate();
        let good = identity.to_secret_string();
        let good = good.expose_secret();
        let words: Vec<&str> = good.split(' ').collect();
        let cases = [
            String::new(),
            "WELLKEPT-EXCHANGE-KEY-2 a b".to_owned(),
            format!("{} {}", words[0], words[1]),
            format!("{} {} {} extra", words[0], words[1], words[2]),
            format!("{} AGE-SECRET-KEY-1XYZ {}", words[0], words[2]),
            format!("{} {} AAAA", words[0], words[1]),
            format!("{} {} not*base64", words[0], words[1]),
        ];
        for case in cases {
            let result = ExchangeIdentity::from_secret_string(&SecretString::from(case));
            assert!(matches!(result, Err(ExchangeError::BadIdentity)));
        }
    }
}
