//! Helpers shared by the practice integration tests: a client to attach records to, dates, and
//! reopening a vault by passphrase.
#![allow(dead_code)]

use std::path::Path;

use chrono::NaiveDate;
use wellkept::practice::clients::{self, ClientDetails};
use wellkept::practice::notes::{NoteDraft, SessionMode};
use wellkept::practice::templates::{NoteSection, NoteTemplate};
use wellkept::vault::{Unlock, Vault};

use crate::common;

/// A valid calendar day.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A SOAP note's draft of 20 Nov 2026 whose subjective section is `subjective`.
pub fn soap(subjective: &str) -> NoteDraft {
    NoteDraft {
        session_date: day(2026, 11, 20),
        duration_minutes: 50,
        mode: SessionMode::Video,
        template: NoteTemplate::Soap,
        sections: vec![
            NoteSection { key: "subjective".into(), text: subjective.into() },
            NoteSection { key: "plan".into(), text: "Keep a sleep diary for a week.".into() },
        ],
        goal_ids: vec![],
    }
}

/// Adds a client called `name` and returns their id.
pub async fn client(vault: &Vault, name: &str) -> String {
    clients::add_client(vault, ClientDetails { name: name.into(), ..Default::default() }).await.expect("add client").id
}

/// Opens the vault in `dir` again with the test passphrase.
pub async fn reopen(dir: &Path) -> Vault {
    Vault::open(dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen vault")
}
