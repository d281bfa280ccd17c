//! End-to-end sharing between a mentor and a client, with no server in between.
//!
//! Each vault has an [`ExchangeIdentity`]: an age X25519 key pair to receive and an Ed25519 key
//! pair to sign (age alone cannot say who sent a file). People swap [`ContactCard`]s, compare
//! the [`Fingerprint`] aloud, and only then treat each other as a [`ConfirmedContact`]. A share
//! is a [`BundleContent`] of [`SharedItem`]s, sealed into one file by [`seal_bundle`]:
//! encrypted to the recipient, then signed over the ciphertext. [`open_bundle`] checks size,
//! structure, sender and signature before it decrypts anything, and returns a
//! [`VerifiedBundle`] or one precise [`ExchangeError`].
//!
//! The byte layout is documented in `docs/exchange-format.md`. [`store`] keeps the identity,
//! the confirmed contacts and what was received in the vault.

mod bundle;
mod contact;
mod content;
mod error;
pub mod filing;
mod identity;
pub mod items;
pub mod proposals;
pub mod received;
pub mod share;
pub mod store;

pub use bundle::{
    FORMAT_VERSION, MAGIC, MAX_BUNDLE_BYTES, MAX_HEADER_BYTES, PAID_WITH_CREDITS_FORMAT_VERSION, VerifiedBundle,
    open_bundle, re_sign_for_tests, seal_bundle,
};
pub use contact::{ConfirmedContact, ContactCard, Fingerprint, MAX_DISPLAY_NAME_CHARS};
pub use content::{BundleContent, BundleKind, CONTENT_VERSION, SharedFile};
pub use error::ExchangeError;
pub use identity::ExchangeIdentity;
pub use items::SharedItem;
pub use share::{NewHomework, ShareSelection, collect_share};
