//! Wellkept's core library: the encrypted vault, its keys, and everything mentors and clients
//! keep in it. No Tauri dependency: the desktop shell (`src-tauri/`) and the `wellkept`
//! command-line tool are thin layers over this crate.
//!
//! - [`vault`]: the in-memory SQLite database, its age-encrypted snapshot and journal.
//! - [`keys`]: the vault key and its unlock methods (keychain, passphrase, recovery key).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod attachments;
pub mod billing;
pub mod clinical;
pub mod clock;
pub mod error;
pub mod exchange;
pub mod export;
pub mod import;
pub mod journal;
pub mod keys;
pub mod practice;
pub mod privacy;
pub mod registry;
pub mod search;
pub mod settings;
pub mod sync;
pub mod trash;
pub mod validate;
pub mod vault;

pub use error::{DamageAdvice, Error, Result};
