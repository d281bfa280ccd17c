//! What the domain modules' kinds of record have in common, said once:
//!
//! - `text_enum!`: an enum stored and sent as text, each value's name written once (it is the
//!   serde name, the sqlx name and `key()` all at once), with `ALL` and `from_key`, and a
//!   `label()` when the values have labels;
//! - `record_pair!`: a kind's input struct (what a form sends) and its stored struct (the row
//!   read back: `id`, the same fields, `updated_at`), from one list of fields;
//! - [`Live`]: a stored kind read by id through one `SELECT … WHERE id = ? AND deleted_at IS
//!   NULL`, with the add, edit, get and "fetch, check, update" that every such kind repeats
//!   ([`Live::insert`], [`Live::update`], [`Live::get`], [`Live::fetch_in`], [`Live::change`]).
//!
//! The write statements themselves stay string literals in each module, so build.rs still finds
//! them for the replay allowlist and their text is unchanged.

use chrono::{DateTime, Utc};
use sqlx::FromRow;
use sqlx::sqlite::SqliteRow;

use crate::vault::{self, Params, Vault, Writer};
use crate::{Result, params};

/// An enum stored and serialised as text. Each variant is written `Name = "name"`: the text is
/// its serde and sqlx name and what `key()` returns, so the three cannot drift apart. Also gives
/// `ALL` (every value, in declaration order) and `from_key`. Derives `Debug, Clone, Copy,
/// PartialEq, Eq, Serialize, Deserialize, sqlx::Type, ts_rs::TS`; more derives go in the
/// enum's own attributes.
///
/// A variant written `Name = "name", label: "What a person reads",` also gives the enum a
/// `label()` (every variant has one, or none does).
macro_rules! text_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal, label: $label:literal,)+
    }) => {
        $crate::registry::generic::text_enum! {
            $(#[$meta])* $vis enum $name { $($(#[$vmeta])* $variant = $text,)+ }
        }

        impl $name {
            /// What a person reads.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }
        }
    };
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::Type, ts_rs::TS)]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] #[sqlx(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The stored and serialised key.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value whose key is `key` exactly.
            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.key() == key)
            }
        }
    };
}
pub(crate) use text_enum;

/// A kind's input struct and its stored struct, from one list of fields. The input holds the
/// fields as written; the stored struct is `id`, the same fields, then `updated_at`, and reads
/// itself from a row. `table` is the kind's table, for [`Live`]; `what` names one record in "not
/// found" errors ("That referral"). Fields in an optional `stored_only { … }` are the stored
/// struct's alone, after the shared ones (a supervision note's text version).
macro_rules! record_pair {
    (
        $(#[$imeta:meta])* input $input:ident;
        $(#[$smeta:meta])* stored $stored:ident, table: $table:literal, what: $what:literal;
        fields { $($(#[$fmeta:meta])* $field:ident: $ty:ty,)+ }
        $(stored_only { $($(#[$ometa:meta])* $ofield:ident: $oty:ty,)+ })?
    ) => {
        $(#[$imeta])*
        #[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub struct $input {
            $($(#[$fmeta])* pub $field: $ty,)+
        }

        $(#[$smeta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow, ts_rs::TS)]
        pub struct $stored {
            /// Row id.
            pub id: String,
            $($(#[$fmeta])* pub $field: $ty,)+
            $($($(#[$ometa])* pub $ofield: $oty,)+)?
            /// When it last changed.
            pub updated_at: chrono::DateTime<chrono::Utc>,
        }

        impl $crate::registry::generic::Live for $stored {
            const SELECT: &'static str = concat!("SELECT * FROM ", $table, " WHERE id = ? AND deleted_at IS NULL");
            const WHAT: &'static str = $what;
        }
    };
}
pub(crate) use record_pair;

/// A stored kind (or the row it is read from), read back by id while it is not in the trash.
pub(crate) trait Live: for<'r> FromRow<'r, SqliteRow> + Send + Unpin + 'static {
    /// `SELECT * FROM <table> WHERE id = ? AND deleted_at IS NULL` (without the `deleted_at`
    /// test for a kind that is never deleted).
    const SELECT: &'static str;
    /// One record in "not found" errors ("That referral").
    const WHAT: &'static str;

    /// One record (not in the trash).
    async fn get(vault: &Vault, id: &str) -> Result<Self> {
        vault.fetch_existing(Self::SELECT, params![id], Self::WHAT).await
    }

    /// One record (not in the trash), inside a write.
    async fn fetch_in(w: &mut Writer<'_>, id: &str) -> Result<Self> {
        w.fetch_existing(Self::SELECT, params![id], Self::WHAT).await
    }

    /// Adds a record: `params` gets a new id and the time now, for `sql`'s `id`, `created_at` and
    /// `updated_at`; returns the record as stored.
    async fn insert(
        vault: &Vault,
        sql: &'static str,
        params: impl FnOnce(String, DateTime<Utc>) -> Params,
    ) -> Result<Self> {
        let id = vault::new_id();
        vault.exec_and_fetch(sql, params(id.clone(), vault::now()), Self::SELECT, &id, Self::WHAT).await
    }

    /// Changes record `id` in one write: `change` gets it as stored, checks it and returns the
    /// statement and parameters that change it (an error writes nothing); returns it as changed.
    async fn change<F>(vault: &Vault, id: &str, change: F) -> Result<Self>
    where
        F: FnOnce(Self) -> Result<(&'static str, Params)> + Send + 'static,
    {
        let owned = id.to_owned();
        let changed = vault
            .write(move |w| {
                Box::pin(async move {
                    // `Writer::fetch_existing`, not `fetch_in`: a trait's async fn is not known
                    // to be `Send` here, and a write's future must be.
                    let (sql, params) = change(w.fetch_existing(Self::SELECT, params![&*owned], Self::WHAT).await?)?;
                    w.exec(sql, params).await?;
                    w.fetch_existing(Self::SELECT, params![owned], Self::WHAT).await
                })
            })
            .await;
        super::unless_in_trash(vault, id, changed).await
    }

    /// Edits record `id` with `sql` (which must change one live row, else "not found"); returns
    /// it as stored.
    async fn update(vault: &Vault, id: &str, sql: &'static str, params: Params) -> Result<Self> {
        super::unless_in_trash(vault, id, vault.exec_and_fetch(sql, params, Self::SELECT, id, Self::WHAT).await).await
    }
}
