//! The clinical side of a practice: outcome measures, risk flags, safety plans, the crisis-line
//! directory, consent and disclosure, referrals and resources, and the mentor's own record.
//!
//! Records here belong either to one of the mentor's clients (`client_id` = a `clients.id`) or to
//! the vault owner themself (`client_id` = `None`): the client-side app uses the same tables for
//! self-assessments and their own safety plan. `client_id` is deliberately not a SQL foreign key:
//! the practice area owns the `clients` table and the two schemas evolve independently; callers
//! pass ids they got from the practice API.
//!
//! Every write goes through [`Vault::write`](crate::vault::Vault::write), so it is durable before
//! the call returns, and every input is validated first: bad input is an
//! [`Error::Invalid`](crate::Error::Invalid) naming the field, and nothing is written.

pub mod consent;
pub mod countries;
pub mod crisis_lines;
pub mod dashboard;
pub mod instruments;
pub mod measures;
pub mod mentor_record;
pub mod referrals;
pub mod resources;
pub mod risk;
pub mod safety_plans;
pub mod schedules;
pub mod supervision;
mod validate;

pub use consent::*;
pub use crisis_lines::*;
pub use dashboard::*;
pub use instruments::{Band, Definition, Instrument, Score};
pub use measures::*;
pub use mentor_record::*;
pub use referrals::*;
pub use resources::*;
pub use risk::*;
pub use safety_plans::*;
pub use schedules::*;
pub use supervision::*;

use sqlx::FromRow;
use sqlx::sqlite::SqliteRow;

use crate::vault::Vault;
use crate::{Error, Result, params};

/// The FTS5 query for a clinical filter box ([`crate::search::query::prefix_query`]); blank or
/// punctuation-only text is refused.
pub(crate) fn fts_query(text: &str) -> Result<String> {
    crate::search::query::prefix_query(text)
        .ok_or_else(|| Error::invalid("search", "type at least one word to search for"))
}

/// The rows of `sql`, whose one parameter is the `MATCH` expression, for the filter box's `text`
/// ([`fts_query`]).
pub(crate) async fn fts_rows<T>(vault: &Vault, sql: &'static str, text: &str) -> Result<Vec<T>>
where
    T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin + 'static,
{
    vault.fetch_all(sql, params![fts_query(text)?]).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_becomes_quoted_words_with_a_trailing_prefix() {
        assert_eq!(fts_query("walk dog").expect("words"), "\"walk\"* \"dog\"*");
        assert_eq!(fts_query("NEAR -x: \"y").expect("words"), "\"NEAR\"* \"-x:\"* \"y\"*");
        assert!(fts_query(" - ").is_err());
    }
}
