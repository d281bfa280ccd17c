//! The crisis-line directory: where to call, text or go in a crisis, by country, one click from
//! the safety plan. Sensible defaults are seeded by the migration (fixed ids, so every vault has
//! the same built-ins); the user edits, hides and adds to them. Built-ins are hidden rather than
//! deleted, so they can always be shown again.
//!
//! The built-in numbers are well-known national lines written from the project's knowledge, not
//! re-checked against each service's site for this release: they must be verified before a
//! public release, and people can correct them without waiting for an update, hence editable.
//!
//! A line says how to reach it, not only its number: [`how_to_reach`] puts together "Text SHOUT
//! to 85258" or "Call 111, then choose option 2" from the kind, the number, the words to text
//! and the menu option, so the dialog, the locked screen and exports all say the same. The same
//! built-ins are shown before the vault is unlocked ([`built_in_crisis_lines`]); a test keeps
//! that list and the migrations' seed identical.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::countries::{self, INTERNATIONAL};
use super::validate;
use crate::registry::generic::{Live, text_enum};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

text_enum! {
    /// How a line is reached.
    pub enum CrisisLineKind {
        /// The emergency number (999, 911, 112, 000, 111).
        Emergency = "emergency",
        /// A phone line.
        Call = "call",
        /// A text (SMS) service.
        Text = "text",
        /// One number for calls and texts.
        CallOrText = "call_or_text",
        /// A website.
        Web = "web",
    }
}

/// A line in the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct CrisisLine {
    /// How to reach it, in words ("Text SHOUT to 85258"); see [`how_to_reach`].
    #[sqlx(skip)]
    pub how_to_reach: String,
    /// The country's English name ("United Kingdom"; "International" for `INT`), or the code
    /// itself if it is not a known country.
    #[sqlx(skip)]
    pub country_name: String,
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
    /// The words to text, for a text service that needs them ("SHOUT"); empty if none.
    pub text_keyword: String,
    /// The option to choose in the phone menu ("2"); empty if none.
    pub menu_option: String,
    /// Who it is for and anything else worth knowing.
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
    /// The words to text (text services only); empty if none.
    #[serde(default)]
    pub text_keyword: String,
    /// The option to choose in the phone menu (phone lines only); empty if none.
    #[serde(default)]
    pub menu_option: String,
    /// Who it is for and anything else worth knowing.
    pub description: String,
    /// Opening hours.
    pub hours: String,
}

/// How to reach a line, in the words a person in distress needs: what to do, with the number.
///
/// ```
/// use wellkept::clinical::crisis_lines::{CrisisLineKind, how_to_reach};
/// assert_eq!(how_to_reach(CrisisLineKind::Text, "85258", "SHOUT", ""), "Text SHOUT to 85258");
/// assert_eq!(how_to_reach(CrisisLineKind::Call, "111", "", "2"), "Call 111, then choose option 2");
/// ```
pub fn how_to_reach(kind: CrisisLineKind, contact: &str, text_keyword: &str, menu_option: &str) -> String {
    let call = if menu_option.is_empty() {
        format!("Call {contact}")
    } else {
        format!("Call {contact}, then choose option {menu_option}")
    };
    match kind {
        CrisisLineKind::Emergency | CrisisLineKind::Call => call,
        CrisisLineKind::Text if text_keyword.is_empty() => format!("Text {contact}"),
        CrisisLineKind::Text => format!("Text {text_keyword} to {contact}"),
        CrisisLineKind::CallOrText if text_keyword.is_empty() && menu_option.is_empty() => {
            format!("Call or text {contact}")
        }
        CrisisLineKind::CallOrText if text_keyword.is_empty() => format!("{call}; or text {contact}"),
        CrisisLineKind::CallOrText => format!("{call}; or text {text_keyword} to {contact}"),
        CrisisLineKind::Web => format!("Go to {contact}"),
    }
}

impl CrisisLine {
    /// Fills in the parts worked out from the stored ones.
    fn finished(mut self) -> CrisisLine {
        self.how_to_reach = how_to_reach(self.kind, &self.contact, &self.text_keyword, &self.menu_option);
        self.country_name = countries::country_name(&self.country).unwrap_or(self.country.as_str()).to_owned();
        self
    }
}

/// A line Wellkept ships, as the migrations seed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltInLine {
    /// Its fixed id.
    pub id: &'static str,
    /// Country code, or `INT`.
    pub country: &'static str,
    /// The service's name.
    pub name: &'static str,
    /// How it is reached.
    pub kind: CrisisLineKind,
    /// Number, short code or address.
    pub contact: &'static str,
    /// Words to text, or "".
    pub text_keyword: &'static str,
    /// Menu option, or "".
    pub menu_option: &'static str,
    /// Who it is for.
    pub description: &'static str,
    /// Opening hours.
    pub hours: &'static str,
    /// Order within the country.
    pub position: i64,
}

const fn line(
    id: &'static str,
    (country, name): (&'static str, &'static str),
    kind: CrisisLineKind,
    contact: &'static str,
    (text_keyword, menu_option): (&'static str, &'static str),
    description: &'static str,
    position: i64,
) -> BuiltInLine {
    let hours = if matches!(kind, CrisisLineKind::Web) { "" } else { "24/7" };
    BuiltInLine { id, country, name, kind, contact, text_keyword, menu_option, description, hours, position }
}

/// A country's emergency number: first in its list, open all hours.
const fn emergency(
    id: &'static str,
    country: &'static str,
    number: &'static str,
    description: &'static str,
) -> BuiltInLine {
    line(id, (country, "Emergency services"), Emergency, number, ("", ""), description, 0)
}

use CrisisLineKind::{Call, CallOrText, Emergency, Text, Web};

/// Every built-in line, in directory order. The migrations seed exactly these (a test checks).
pub const BUILT_IN_CRISIS_LINES: &[BuiltInLine] = &[
    emergency("builtin-au-emergency", "AU", "000", "If a life is at risk right now."),
    line(
        "builtin-au-lifeline",
        ("AU", "Lifeline"),
        Call,
        "13 11 14",
        ("", ""),
        "Crisis support and suicide prevention.",
        10,
    ),
    emergency("builtin-ca-emergency", "CA", "911", "If a life is at risk right now."),
    line(
        "builtin-ca-988",
        ("CA", "9-8-8 Suicide Crisis Helpline"),
        CallOrText,
        "988",
        ("", ""),
        "Free, confidential support if you are thinking about suicide.",
        10,
    ),
    emergency("builtin-de-emergency", "DE", "112", "If a life is at risk right now."),
    line(
        "builtin-de-telefonseelsorge",
        ("DE", "TelefonSeelsorge"),
        Call,
        "0800 111 0 111",
        ("", ""),
        "Free and anonymous, to talk about anything. 0800 111 0 222 also works.",
        10,
    ),
    emergency("builtin-gb-emergency", "GB", "999", "If a life is at risk right now. 112 also works."),
    line(
        "builtin-gb-samaritans",
        ("GB", "Samaritans"),
        Call,
        "116 123",
        ("", ""),
        "Free, confidential, to talk about anything that is troubling you.",
        10,
    ),
    line(
        "builtin-gb-shout",
        ("GB", "Shout"),
        Text,
        "85258",
        ("SHOUT", ""),
        "Free, confidential text support for anyone who is struggling.",
        20,
    ),
    line(
        "builtin-gb-nhs111",
        ("GB", "NHS 111 — mental health (England)"),
        Call,
        "111",
        ("", "2"),
        "Urgent mental health help in England, for any age.",
        30,
    ),
    emergency("builtin-ie-emergency", "IE", "112", "If a life is at risk right now. 999 also works."),
    line(
        "builtin-ie-samaritans",
        ("IE", "Samaritans"),
        Call,
        "116 123",
        ("", ""),
        "Free, confidential, to talk about anything that is troubling you.",
        10,
    ),
    emergency("builtin-nz-emergency", "NZ", "111", "If a life is at risk right now."),
    line(
        "builtin-nz-1737",
        ("NZ", "1737, Need to talk?"),
        CallOrText,
        "1737",
        ("", ""),
        "Free, to talk with a trained counsellor.",
        10,
    ),
    emergency("builtin-us-emergency", "US", "911", "If a life is at risk right now."),
    line(
        "builtin-us-988",
        ("US", "988 Suicide & Crisis Lifeline"),
        CallOrText,
        "988",
        ("", ""),
        "Free, confidential support in a suicidal or mental health crisis. You can also chat at 988lifeline.org.",
        10,
    ),
    line(
        "builtin-us-crisis-text-line",
        ("US", "Crisis Text Line"),
        Text,
        "741741",
        ("HOME", ""),
        "Free, confidential text support with a trained volunteer.",
        20,
    ),
    line(
        "builtin-int-112",
        ("INT", "Emergency number 112"),
        Emergency,
        "112",
        ("", ""),
        "Reaches emergency services from mobile phones across the EU and in many other countries.",
        0,
    ),
    line(
        "builtin-int-findahelpline",
        ("INT", "Find A Helpline"),
        Web,
        "https://findahelpline.com",
        ("", ""),
        "Free, confidential helplines in many countries, searchable by country and topic.",
        10,
    ),
];

/// The built-in lines as the directory shows them, for when no vault is open (the crisis button
/// on the unlock screen): the person's edits live in the vault and appear once it is unlocked.
pub fn built_in_crisis_lines() -> Vec<CrisisLine> {
    BUILT_IN_CRISIS_LINES
        .iter()
        .map(|b| {
            CrisisLine {
                how_to_reach: String::new(),
                country_name: String::new(),
                id: b.id.to_owned(),
                country: b.country.to_owned(),
                name: b.name.to_owned(),
                kind: b.kind,
                contact: b.contact.to_owned(),
                text_keyword: b.text_keyword.to_owned(),
                menu_option: b.menu_option.to_owned(),
                description: b.description.to_owned(),
                hours: b.hours.to_owned(),
                position: b.position,
                built_in: true,
                hidden: false,
                updated_at: DateTime::UNIX_EPOCH,
            }
            .finished()
        })
        .collect()
}

#[derive(Debug)]
struct Checked {
    country: String,
    name: String,
    kind: CrisisLineKind,
    contact: String,
    text_keyword: String,
    menu_option: String,
    description: String,
    hours: String,
}

/// Longest words-to-text or menu option: a keyword or a digit or two, not a sentence.
const MAX_SHORT: usize = 40;

fn check(input: CrisisLineInput) -> Result<Checked> {
    let country = input.country.trim().to_ascii_uppercase();
    if country != INTERNATIONAL && countries::country_name(&country).is_none() {
        return Err(Error::invalid("country", "choose a country from the list (or International)"));
    }
    let contact = match input.kind {
        CrisisLineKind::Web => validate::url("contact", &input.contact)?,
        _ => validate::phone("contact", &input.contact)?,
    };
    let short = |field: &str, value: &str| -> Result<String> {
        let v = validate::optional_line(field, Some(value))?.unwrap_or_default();
        if v.chars().count() > MAX_SHORT {
            return Err(Error::invalid(field, format!("is too long (at most {MAX_SHORT} characters)")));
        }
        Ok(v)
    };
    let text_keyword = short("text_keyword", &input.text_keyword)?;
    if !text_keyword.is_empty() && !matches!(input.kind, CrisisLineKind::Text | CrisisLineKind::CallOrText) {
        return Err(Error::invalid("text_keyword", "only a line you can text takes words to text"));
    }
    let menu_option = short("menu_option", &input.menu_option)?;
    if !menu_option.is_empty() && matches!(input.kind, CrisisLineKind::Text | CrisisLineKind::Web) {
        return Err(Error::invalid("menu_option", "only a line you can call has a menu option"));
    }
    Ok(Checked {
        country,
        name: validate::required_line("name", &input.name)?,
        kind: input.kind,
        contact,
        text_keyword,
        menu_option,
        description: validate::notes("description", &input.description)?,
        hours: validate::optional_line("hours", Some(&input.hours))?.unwrap_or_default(),
    })
}

/// The lines for `country` followed by the international ones; every country if `None`.
/// Hidden lines are included only when asked (the "manage directory" view).
pub async fn list_crisis_lines(vault: &Vault, country: Option<&str>, include_hidden: bool) -> Result<Vec<CrisisLine>> {
    let country = country.map(|c| c.trim().to_ascii_uppercase());
    let lines: Vec<CrisisLine> = vault
        .fetch_all(
            "SELECT * FROM crisis_lines WHERE deleted_at IS NULL AND (? OR hidden = 0) \
             AND (? IS NULL OR country = ? OR country = 'INT') \
             ORDER BY country = 'INT', country, position, name",
            params![include_hidden, country.clone(), country],
        )
        .await?;
    Ok(lines.into_iter().map(CrisisLine::finished).collect())
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
    let sql = "INSERT INTO crisis_lines(id, created_at, updated_at, country, name, kind, contact, text_keyword, \
                     menu_option, description, hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    let line = CrisisLine::insert(vault, sql, |id, now| {
        params![
            id,
            now,
            now,
            c.country,
            c.name,
            c.kind.key(),
            c.contact,
            c.text_keyword,
            c.menu_option,
            c.description,
            c.hours
        ]
    });
    Ok(line.await?.finished())
}

/// Edits a line (built-in or the user's own).
pub async fn update_crisis_line(vault: &Vault, id: &str, input: CrisisLineInput) -> Result<CrisisLine> {
    let c = check(input)?;
    let sql = "UPDATE crisis_lines SET country = ?, name = ?, kind = ?, contact = ?, text_keyword = ?, \
               menu_option = ?, description = ?, hours = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL";
    let params = params![
        c.country,
        c.name,
        c.kind.key(),
        c.contact,
        c.text_keyword,
        c.menu_option,
        c.description,
        c.hours,
        vault::now(),
        id
    ];
    Ok(CrisisLine::update(vault, id, sql, params).await?.finished())
}

/// Hides a line from the directory, or shows it again.
pub async fn set_crisis_line_hidden(vault: &Vault, id: &str, hidden: bool) -> Result<CrisisLine> {
    let sql = "UPDATE crisis_lines SET hidden = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL";
    Ok(CrisisLine::update(vault, id, sql, params![hidden, vault::now(), id]).await?.finished())
}

/// Deletes a line the user added (to the trash). Built-in lines are hidden instead.
pub async fn delete_crisis_line(vault: &Vault, id: &str) -> Result<()> {
    let id = id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let line = CrisisLine::fetch_in(w, &id).await?;
                if line.built_in {
                    return Err(Error::ReadOnly {
                        reason: "Built-in crisis lines cannot be deleted; hide it instead.".into(),
                    });
                }
                crate::registry::kinds::CRISIS_LINE.delete_in(w, &id).await
            })
        })
        .await
}

impl Live for CrisisLine {
    const SELECT: &'static str = "SELECT * FROM crisis_lines WHERE id = ? AND deleted_at IS NULL";
    const WHAT: &'static str = "That crisis line";
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
            text_keyword: String::new(),
            menu_option: String::new(),
            description: String::new(),
            hours: " ".into(),
        }
    }

    /// Regression (issue 8): the dialog showed Shout as "85258", the Crisis Text Line as
    /// "741741" and NHS 111 as "111", dropping what to text and which option to choose. These
    /// are the exact words shown for every built-in line.
    #[test]
    fn every_built_in_line_says_how_to_reach_it() {
        let shown: Vec<(String, String)> =
            built_in_crisis_lines().into_iter().map(|l| (l.id, l.how_to_reach)).collect();
        let expected = [
            ("builtin-au-emergency", "Call 000"),
            ("builtin-au-lifeline", "Call 13 11 14"),
            ("builtin-ca-emergency", "Call 911"),
            ("builtin-ca-988", "Call or text 988"),
            ("builtin-de-emergency", "Call 112"),
            ("builtin-de-telefonseelsorge", "Call 0800 111 0 111"),
            ("builtin-gb-emergency", "Call 999"),
            ("builtin-gb-samaritans", "Call 116 123"),
            ("builtin-gb-shout", "Text SHOUT to 85258"),
            ("builtin-gb-nhs111", "Call 111, then choose option 2"),
            ("builtin-ie-emergency", "Call 112"),
            ("builtin-ie-samaritans", "Call 116 123"),
            ("builtin-nz-emergency", "Call 111"),
            ("builtin-nz-1737", "Call or text 1737"),
            ("builtin-us-emergency", "Call 911"),
            ("builtin-us-988", "Call or text 988"),
            ("builtin-us-crisis-text-line", "Text HOME to 741741"),
            ("builtin-int-112", "Call 112"),
            ("builtin-int-findahelpline", "Go to https://findahelpline.com"),
        ];
        assert_eq!(shown, expected.map(|(id, how)| (id.to_owned(), how.to_owned())).to_vec());
        let names: Vec<String> = built_in_crisis_lines().into_iter().map(|l| l.country_name).collect();
        assert_eq!(names[6], "United Kingdom");
        assert_eq!(names[18], "International");
    }

    #[test]
    fn a_line_of_your_own_can_say_what_to_text_and_which_option() {
        assert_eq!(
            how_to_reach(CrisisLineKind::CallOrText, "0800 1", "HELLO", ""),
            "Call 0800 1; or text HELLO to 0800 1"
        );
        assert_eq!(
            how_to_reach(CrisisLineKind::CallOrText, "0800 1", "", "3"),
            "Call 0800 1, then choose option 3; or text 0800 1"
        );
        let mut text = input("GB", CrisisLineKind::Text, "85258");
        text.text_keyword = " SHOUT ".into();
        assert_eq!(check(text).expect("valid").text_keyword, "SHOUT");
        let mut call = input("GB", CrisisLineKind::Call, "111");
        call.text_keyword = "HELLO".into();
        assert!(
            matches!(check(call).expect_err("a call line has no keyword"), Error::Invalid { field, .. } if field == "text_keyword")
        );
        let mut web = input("INT", CrisisLineKind::Web, "https://example.org");
        web.menu_option = "2".into();
        assert!(
            matches!(check(web).expect_err("a website has no menu"), Error::Invalid { field, .. } if field == "menu_option")
        );
    }

    #[test]
    fn country_and_contact_are_checked_by_kind() {
        let c = check(input(" gb ", CrisisLineKind::Call, "0800 123 456")).expect("valid");
        assert_eq!((c.country.as_str(), c.hours.as_str()), ("GB", ""));
        assert!(check(input("INT", CrisisLineKind::Web, "https://example.org")).is_ok());
        let err = check(input("Britain", CrisisLineKind::Call, "116 123")).expect_err("country");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "country"));
        let err = check(input("QQ", CrisisLineKind::Call, "116 123")).expect_err("not a country");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "country"));
        let err = check(input("GB", CrisisLineKind::Web, "116 123")).expect_err("web needs a url");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "contact"));
        assert!(check(input("GB", CrisisLineKind::Text, "https://example.org")).is_err());
    }
}
