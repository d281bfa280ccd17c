//! The crisis-line directory: where to call, text or go in a crisis, by country, one click from
//! the safety plan. Sensible defaults are seeded by the migration (fixed ids, so every vault has
//! the same built-ins); the user edits, hides and adds to them. Built-ins are hidden rather than
//! deleted, so they can always be shown again.
//!
//! The built-in numbers are well-known national lines written from the project's knowledge, not
//! re-checked against each service's site for this release: they must be verified before a
//! public release, and people can correct them without waiting for an update, hence editable.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::validate;
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// How a line is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum CrisisLineKind {
    /// The emergency number (999, 911, 112, 000, 111).
    Emergency,
    /// A phone line.
    Call,
    /// A text (SMS) service.
    Text,
    /// One number for calls and texts.
    CallOrText,
    /// A website.
    Web,
}

impl CrisisLineKind {
    fn as_str(self) -> &'static str {
        match self {
            CrisisLineKind::Emergency => "emergency",
            CrisisLineKind::Call => "call",
            CrisisLineKind::Text => "text",
            CrisisLineKind::CallOrText => "call_or_text",
            CrisisLineKind::Web => "web",
        }
    }
}

/// A line in the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct CrisisLine {
    /// Row id (built-ins have fixed ids such as `builtin-gb-samaritans`).
    pub id: String,
    /// ISO 3166-1 alpha-2 country code, or `INT` for services that work across borders.
    pub country: String,
    /// The service's name.
    pub name: String,
    /// How it is reached.
    pub kind: CrisisLineKind,
    /// The number, short code or web address.
    pub contact: String,
    /// How to use it and who it is for.
    pub description: String,
    /// Opening hours ("24/7").
    pub hours: String,
    /// Sort order within a country (emergency numbers first).
    pub position: i64,
    /// Seeded by Wellkept (can be edited and hidden, not deleted).
    pub built_in: bool,
    /// Hidden from the directory.
    pub hidden: bool,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A line to add, or the new values of one being edited.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CrisisLineInput {
    /// ISO 3166-1 alpha-2 country code ("GB"), or `INT`.
    pub country: String,
    /// The service's name.
    pub name: String,
    /// How it is reached.
    pub kind: CrisisLineKind,
    /// Number, short code, or https:// address for [`CrisisLineKind::Web`].
    pub contact: String,
    /// How to use it and who it is for.
    pub description: String,
    /// Opening hours.
    pub hours: String,
}

#[derive(Debug)]
struct Checked {
    country: String,
    name: String,
    kind: CrisisLineKind,
    contact: String,
    description: String,
    hours: String,
}

fn check(input: CrisisLineInput) -> Result<Checked> {
    let country = input.country.trim().to_ascii_uppercase();
    let valid_country = country == "INT" || (country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()));
    if !valid_country {
        return Err(Error::invalid("country", "use a two-letter country code such as GB, US or AU, or INT"));
    }
    let contact = match input.kind {
        CrisisLineKind::Web => validate::url("contact", &input.contact)?,
        _ => validate::phone("contact", &input.contact)?,
    };
    Ok(Checked {
        country,
        name: validate::required_line("name", &input.name)?,
        kind: input.kind,
        contact,
        description: validate::notes("description", &input.description)?,
        hours: validate::optional_line("hours", Some(&input.hours))?.unwrap_or_default(),
    })
}

/// The lines for `country` followed by the international ones; every country if `None`.
/// Hidden lines are included only when asked (the "manage directory" view).
pub async fn list_crisis_lines(vault: &Vault, country: Option<&str>, include_hidden: bool) -> Result<Vec<CrisisLine>> {
    let country = country.map(|c| c.trim().to_ascii_uppercase());
    vault
        .fetch_all(
            "SELECT * FROM crisis_lines WHERE deleted_at IS NULL AND (? OR hidden = 0) \
             AND (? IS NULL OR country = ? OR country = 'INT') \
             ORDER BY country = 'INT', country, position, name",
            params![include_hidden, country.clone(), country],
        )
        .await
}

/// The countries the directory has lines for (for the country picker).
pub async fn list_crisis_line_countries(vault: &Vault) -> Result<Vec<String>> {
    let rows = vault
        .fetch_all::<(String,)>(
            "SELECT DISTINCT country FROM crisis_lines WHERE deleted_at IS NULL ORDER BY country = 'INT', country",
            params![],
        )
        .await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

/// Adds a line of the user's own.
pub async fn add_crisis_line(vault: &Vault, input: CrisisLineInput) -> Result<CrisisLine> {
    let c = check(input)?;
    vault
        .write(move |w| {
            Box::pin(async move {
                let id = vault::new_id();
                let now = vault::now();
                w.exec(
                    "INSERT INTO crisis_lines(id, created_at, updated_at, country, name, kind, contact, description, \
                     hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params![
                        id.clone(),
                        now,
                        now,
                        c.country,
                        c.name,
                        c.kind.as_str(),
                        c.contact,
                        c.description,
                        c.hours
                    ],
                )
                .await?;
                fetch(w, &id).await
            })
        })
        .await
}

/// Edits a line (built-in or the user's own).
pub async fn update_crisis_line(vault: &Vault, id: &str, input: CrisisLineInput) -> Result<CrisisLine> {
    let c = check(input)?;
    let id = id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let n = w
                    .exec(
                        "UPDATE crisis_lines SET country = ?, name = ?, kind = ?, contact = ?, description = ?, \
                         hours = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                        params![
                            c.country,
                            c.name,
                            c.kind.as_str(),
                            c.contact,
                            c.description,
                            c.hours,
                            vault::now(),
                            id.clone()
                        ],
                    )
                    .await?;
                if n == 0 {
                    return Err(Error::NotFound { what: "That crisis line" });
                }
                fetch(w, &id).await
            })
        })
        .await
}

/// Hides a line from the directory, or shows it again.
pub async fn set_crisis_line_hidden(vault: &Vault, id: &str, hidden: bool) -> Result<CrisisLine> {
    let id = id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let n = w
                    .exec(
                        "UPDATE crisis_lines SET hidden = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                        params![hidden, vault::now(), id.clone()],
                    )
                    .await?;
                if n == 0 {
                    return Err(Error::NotFound { what: "That crisis line" });
                }
                fetch(w, &id).await
            })
        })
        .await
}

/// Deletes a line the user added (to the trash). Built-in lines are hidden instead.
pub async fn delete_crisis_line(vault: &Vault, id: &str) -> Result<()> {
    let id = id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let line = fetch(w, &id).await?;
                if line.built_in {
                    return Err(Error::ReadOnly {
                        reason: "Built-in crisis lines cannot be deleted; hide it instead.".into(),
                    });
                }
                w.exec(
                    "UPDATE crisis_lines SET deleted_at = ?, updated_at = ? WHERE id = ?",
                    params![vault::format_time(vault::now()), vault::now(), id],
                )
                .await?;
                Ok(())
            })
        })
        .await
}

async fn fetch(w: &mut Writer<'_>, id: &str) -> Result<CrisisLine> {
    w.fetch_optional::<CrisisLine>("SELECT * FROM crisis_lines WHERE id = ? AND deleted_at IS NULL", params![id])
        .await?
        .ok_or(Error::NotFound { what: "That crisis line" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(country: &str, kind: CrisisLineKind, contact: &str) -> CrisisLineInput {
        CrisisLineInput {
            country: country.into(),
            name: "Local line".into(),
            kind,
            contact: contact.into(),
            description: String::new(),
            hours: " ".into(),
        }
    }

    #[test]
    fn country_and_contact_are_checked_by_kind() {
        let c = check(input(" gb ", CrisisLineKind::Call, "0800 123 456")).expect("valid");
        assert_eq!((c.country.as_str(), c.hours.as_str()), ("GB", ""));
        assert!(check(input("INT", CrisisLineKind::Web, "https://example.org")).is_ok());
        let err = check(input("Britain", CrisisLineKind::Call, "116 123")).expect_err("country");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "country"));
        let err = check(input("GB", CrisisLineKind::Web, "116 123")).expect_err("web needs a url");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "contact"));
        assert!(check(input("GB", CrisisLineKind::Text, "https://example.org")).is_err());
    }
}
