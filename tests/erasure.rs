//! Erasing a whole client (issue 13, deliverable 2; docs/decisions.md 51).
//!
//! - Every table of the vault has an erasure rule: a table added later without one fails here.
//! - The marker test: a client with one unique marker in every field and every kind of record
//!   (notes finalised and draft, addendum, revisions, goals, steps, reviews, appointments,
//!   measures, schedules, risk flag, safety plan, consent, disclosure, referral, resource
//!   assignment, tags, billable items, a draft and an issued invoice with a payment, a journal
//!   share received from them, records in the trash) is erased; then EVERY file in the vault
//!   folder is read raw, every snapshot generation is decrypted with the vault key and every
//!   change log is decrypted record by record, and the marker is found nowhere. Another
//!   client's records are untouched, and the issued invoice is kept under "Erased client …".

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use age::secrecy::ExposeSecret;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use wellkept::billing::{self, BillingSettings, Currency, DefaultFee, Money, NewPayment};
use wellkept::clinical::{
    self, Art9Condition, DisclosureBasis, Instrument, LawfulBasis, NewConsent, NewDisclosure, NewMeasure, NewRiskFlag,
};
use wellkept::clinical::{ReferralInput, ReferralStatus, RiskLevel, RiskSource, SafetyPlanItem, SafetyPlanSection};
use wellkept::exchange::store::{
    ContactRole, add_confirmed_contact, import_bundle, received_from_client, seal_share_for, set_up_exchange,
};
use wellkept::exchange::{BundleKind, ContactCard, ShareSelection, collect_share};
use wellkept::journal::entries;
use wellkept::keys::VaultKey;
use wellkept::practice::appointments::{self, NewAppointment, OccurrenceStatus, Recurrence, RepeatRule, SessionMode};
use wellkept::practice::clients::{self, ClientPatch, ClientStatus, ContactDetails, EmergencyContact, NewClient};
use wellkept::practice::erasure::{self, EraseRequest, ErasureReason, TABLE_RULES, TableRule};
use wellkept::practice::goals::{self, GoalStatus, NewGoal, NewReview, StepDetails, StepOwner, StepStatus};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft};
use wellkept::practice::templates::{NoteSection, NoteTemplate};
use wellkept::vault::{Unlock, Vault, VaultPaths};
use wellkept::{Error, params};

/// Found nowhere in the vault folder once the client is erased.
const MARKER: &str = "Qzmarkerxv";

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
}

fn m(what: &str) -> String {
    format!("{what} {MARKER}")
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

async fn tables(vault: &Vault) -> Vec<String> {
    vault
        .read(|conn| {
            Box::pin(async move {
                let rows = sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                    .fetch_all(&mut *conn)
                    .await?;
                Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
            })
        })
        .await
        .expect("tables")
}

/// The table an FTS5 index (or one of its shadow tables) belongs to.
fn indexed_table(name: &str) -> Option<&str> {
    name.find("_fts").map(|i| &name[..i])
}

#[tokio::test]
async fn every_table_has_an_erasure_rule_and_every_rule_a_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let rules: BTreeMap<&str, TableRule> = TABLE_RULES.iter().copied().collect();
    assert_eq!(rules.len(), TABLE_RULES.len(), "one rule per table");
    let tables = tables(&vault).await;
    let mut missing = Vec::new();
    for t in &tables {
        if t.starts_with("sqlite_") {
            continue;
        }
        let owner = indexed_table(t).unwrap_or(t);
        if !rules.contains_key(owner) {
            missing.push(t.clone());
        }
    }
    assert!(missing.is_empty(), "tables without an erasure rule in practice::erasure::TABLE_RULES: {missing:?}");
    for (t, _) in TABLE_RULES {
        assert!(tables.iter().any(|x| x == t), "a rule for a table that does not exist: {t}");
    }
    // A table with a column that points at a client or at one of their records is never
    // "not about clients".
    for (t, rule) in TABLE_RULES {
        let sql = format!("SELECT name FROM pragma_table_info('{t}')");
        let columns: Vec<String> = vault
            .read(move |conn| {
                Box::pin(async move {
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *conn).await?;
                    Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
                })
            })
            .await
            .expect("columns");
        if columns.iter().any(|c| c == "client_id" || c == "contact_id") {
            assert!(!matches!(rule, TableRule::NotAboutClients(_)), "{t} names clients");
        }
    }
}

/// The vault key, opened from the passphrase key file as a person with the passphrase could.
fn vault_key(dir: &Path) -> (VaultKey, age::x25519::Identity) {
    let mut identity = age::scrypt::Identity::new(common::passphrase().expose_secret().to_owned().into());
    identity.set_max_work_factor(20);
    let wrapped = std::fs::read(VaultPaths::new(dir).passphrase_key()).expect("key file");
    let secret = String::from_utf8(age::decrypt(&identity, &wrapped).expect("passphrase")).expect("text");
    let parsed: age::x25519::Identity = secret.parse().expect("identity");
    (VaultKey::from_secret(&secret.into(), "test").expect("key"), parsed)
}

/// Every file under `dir`, with its bytes.
fn files(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

/// Where the marker is, in the folder: raw bytes of every file, decrypted snapshots, decrypted
/// change-log records. Returns what it looked at (so a scan of nothing cannot pass) and where it
/// found the marker.
fn scan_folder(dir: &Path) -> (BTreeMap<&'static str, usize>, Vec<String>) {
    let (key, identity) = vault_key(dir);
    let mut looked = BTreeMap::new();
    let mut found = Vec::new();
    for (path, bytes) in files(dir) {
        let name = path.display().to_string();
        *looked.entry("files").or_insert(0) += 1;
        if contains(&bytes, MARKER) {
            found.push(format!("raw: {name}"));
        }
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if file.starts_with("snapshot-") && file.ends_with(".age") {
            let plain = age::decrypt(&identity, &bytes).expect("a snapshot decrypts with the vault key");
            *looked.entry("snapshots decrypted").or_insert(0) += 1;
            if contains(&plain, MARKER) {
                found.push(format!("snapshot: {name}"));
            }
        } else if path.parent().and_then(|p| p.file_name()).is_some_and(|p| p == "attachments")
            && file.ends_with(".age")
        {
            let plain = age::decrypt(&identity, &bytes).expect("an attachment decrypts with the vault key");
            *looked.entry("attachments decrypted").or_insert(0) += 1;
            if contains(&plain, MARKER) {
                found.push(format!("attachment: {name}"));
            }
        } else if file.starts_with("journal-") {
            let records = wellkept::vault::fuzzing::change_log_plaintexts(&bytes, &key).expect("a change log decrypts");
            *looked.entry("change logs decrypted").or_insert(0) += 1;
            *looked.entry("records decrypted").or_insert(0) += records.len();
            if records.iter().any(|r| r.contains(MARKER)) {
                found.push(format!("change log: {name}"));
            }
        }
    }
    (looked, found)
}

async fn database_image(vault: &Vault) -> Vec<u8> {
    vault.read(|conn| Box::pin(async move { Ok(conn.serialize(None).await?.to_vec()) })).await.expect("serialize")
}

fn note_draft(date: &str, text: String) -> NoteDraft {
    NoteDraft {
        session_date: day(date),
        duration_minutes: 50,
        mode: SessionMode::InPerson,
        template: NoteTemplate::Free,
        sections: vec![NoteSection { key: "note".into(), text }],
        goal_ids: vec![],
    }
}

/// The client to erase, with the marker everywhere; returns their id.
async fn seed_marked_client(vault: &Vault, client_vault: &Vault) -> String {
    let client = clients::add_client(
        vault,
        NewClient {
            name: m("Alex"),
            preferred_name: Some(m("Al")),
            pronouns: Some(m("they")),
            date_of_birth: Some(day("1990-01-01")),
            contact: ContactDetails {
                phone: Some(m("+44 7700")),
                email: Some(format!("{MARKER}@example.org")),
                address: Some(m("1 Lane")),
            },
            emergency_contact: EmergencyContact {
                name: Some(m("Sam")),
                relationship: Some(m("sister")),
                phone: Some(m("+44 7711")),
            },
            cultural_needs: Some(m("needs")),
            access_needs: Some(m("access")),
            start_date: Some(day("2018-01-10")),
            notes: m("General notes"),
            tags: vec![MARKER.into()],
            ..NewClient::default()
        },
    )
    .await
    .expect("client");
    let id = client.id.clone();

    let goal = goals::add_goal(
        vault,
        NewGoal {
            client_id: Some(id.clone()),
            title: m("Sleep"),
            specific: m("Bed by 23:00"),
            measurable: m("diary"),
            status: GoalStatus::Active,
            ..NewGoal::default()
        },
    )
    .await
    .expect("goal");
    let step = StepDetails {
        description: m("Keep a diary"),
        owner: StepOwner::Client,
        due_date: Some(day("2018-03-01")),
        status: StepStatus::Doing,
        progress: 40,
    };
    goals::steps::add_step(vault, &goal.id, step).await.expect("step");
    let review = NewReview { review_date: day("2018-03-10"), rating: 3, note: m("Better"), next_review_on: None };
    goals::add_review(vault, &goal.id, review).await.expect("review");
    let trashed_goal =
        goals::add_goal(vault, NewGoal { client_id: Some(id.clone()), title: m("In the trash"), ..NewGoal::default() })
            .await
            .expect("goal");
    goals::delete_goal(vault, &trashed_goal.id).await.expect("trash goal");

    // A finalised note (with a saved revision and an addendum, linked to the goal) and a draft.
    let mut draft = note_draft("2018-11-20", m("First version"));
    draft.goal_ids = vec![goal.id.clone()];
    let note =
        notes::add_note(vault, NewSessionNote { client_id: id.clone(), draft: draft.clone() }).await.expect("note");
    draft.sections[0].text = m("Second version");
    notes::save_note(vault, &note.id, draft).await.expect("save");
    notes::finalise_note(vault, &note.id).await.expect("finalise");
    notes::add_addendum(vault, &note.id, &m("Addendum")).await.expect("addendum");
    notes::add_note(vault, NewSessionNote { client_id: id.clone(), draft: note_draft("2018-12-01", m("Draft")) })
        .await
        .expect("draft");

    // Sessions (one attended, so billed), measures, a schedule, risk, plan, consent, disclosure.
    billing::set_billing_settings(
        vault,
        BillingSettings {
            default_fees: vec![DefaultFee { minutes: 50, mode: SessionMode::InPerson, fee_minor: 6500 }],
            business: billing::BusinessDetails { name: "Sam Mentor Practice".into(), ..Default::default() },
            ..BillingSettings::new(Currency::GBP)
        },
    )
    .await
    .expect("billing settings");
    let start = at("2018-12-03T10:00:00Z");
    let appt = appointments::add_appointment(
        vault,
        NewAppointment {
            client_id: id.clone(),
            starts_at: start,
            ends_at: at("2018-12-03T10:50:00Z"),
            time_zone: Some("Europe/London".into()),
            mode: SessionMode::InPerson,
            location: Some(m("Room")),
            repeat: RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(3) },
            reminder_minutes: Some(60),
            notes: m("Private appointment note"),
        },
    )
    .await
    .expect("appointment");
    appointments::set_occurrence_status(vault, &appt.id, start, OccurrenceStatus::Attended).await.expect("attended");
    billing::add_item(vault, &id, day("2018-12-04"), &m("Report"), Money::new(2000, Currency::GBP))
        .await
        .expect("item");
    billing::set_client_fee(vault, &id, Money::new(5000, Currency::GBP)).await.expect("fee");
    let invoice = billing::create_draft(vault, &id, Some(&m("Payer"))).await.expect("draft invoice");
    let invoice = billing::issue_invoice(vault, &invoice.id, day("2018-12-05")).await.expect("issue");
    billing::record_payment(
        vault,
        NewPayment {
            invoice_id: invoice.id.clone(),
            amount: Money::new(1000, Currency::GBP),
            method: "bank transfer".into(),
            paid_on: day("2018-12-06"),
            reference: Some(m("Ref")),
        },
    )
    .await
    .expect("payment");
    billing::add_item(vault, &id, day("2018-12-07"), &m("Second report"), Money::new(1500, Currency::GBP))
        .await
        .expect("item");
    billing::create_draft(vault, &id, None).await.expect("a draft that is never issued");

    clinical::record_measure(
        vault,
        NewMeasure {
            client_id: Some(id.clone()),
            instrument: Instrument::Gad7,
            administered_on: day("2018-12-03"),
            answers: [1, 1, 1, 1, 0, 1, 0].map(Some).to_vec(),
            functional_difficulty: Some(1),
            notes: m("Measure note"),
        },
    )
    .await
    .expect("measure");
    clinical::set_measure_schedule(
        vault,
        clinical::NewMeasureSchedule {
            client_id: Some(id.clone()),
            instrument: Instrument::Phq9,
            every_days: 14,
            starts_on: day("2018-12-03"),
        },
    )
    .await
    .expect("schedule");
    clinical::raise_risk_flag(
        vault,
        NewRiskFlag {
            client_id: Some(id.clone()),
            source: RiskSource::Mentor,
            level: RiskLevel::Medium,
            description: m("Risk"),
            raised_on: day("2018-12-03"),
        },
    )
    .await
    .expect("risk");
    let mut plan = BTreeMap::new();
    plan.insert(SafetyPlanSection::WarningSigns, vec![SafetyPlanItem { text: m("Sign"), contact: None }]);
    plan.insert(
        SafetyPlanSection::PeopleToAskForHelp,
        vec![SafetyPlanItem { text: m("Friend"), contact: Some(m("+44 7722")) }],
    );
    clinical::save_safety_plan(vault, Some(&id), plan).await.expect("plan");
    let consent = clinical::record_consent(
        vault,
        NewConsent {
            client_id: Some(id.clone()),
            scope: m("Share with GP"),
            given_on: day("2018-12-03"),
            expires_on: None,
            notes: m("Consent notes"),
            lawful_basis: Some(LawfulBasis::Consent),
            art9_condition: Some(Art9Condition::A),
            art9_other: None,
        },
    )
    .await
    .expect("consent");
    clinical::log_disclosure(
        vault,
        NewDisclosure {
            client_id: Some(id.clone()),
            what: m("Summary"),
            recipient: m("Dr"),
            disclosed_on: day("2018-12-04"),
            basis: DisclosureBasis::Consent { consent_id: consent.id },
            notes: m("Disclosure notes"),
        },
    )
    .await
    .expect("disclosure");
    clinical::add_referral(
        vault,
        ReferralInput {
            client_id: Some(id.clone()),
            referred_to: m("Clinic"),
            reason: m("Reason"),
            referred_on: day("2018-12-05"),
            status: ReferralStatus::Sent,
            follow_up_on: None,
            notes: m("Referral notes"),
        },
    )
    .await
    .expect("referral");
    let resource = clinical::add_resource(
        vault,
        clinical::ResourceInput {
            title: "Sleep diary template".into(),
            url: Some("https://example.org/sleep-diary.pdf".into()),
            notes: String::new(),
            category: "Sleep".into(),
            tags: vec![],
        },
    )
    .await
    .expect("resource");
    clinical::assign_resource(vault, &resource.id, Some(&id), day("2018-12-05"), &m("Assignment note"))
        .await
        .expect("assign");

    // A journal entry the client shared from their own vault.
    let mentor_card = set_up_exchange(vault, "Sam Mentor").await.expect("mentor identity");
    let client_card = set_up_exchange(client_vault, &m("Alex")).await.expect("client identity");
    let contact = add_confirmed_contact(
        vault,
        &ContactCard::from_text(&client_card.to_text()).expect("card"),
        ContactRole::MyClient,
    )
    .await
    .expect("confirm");
    let mentor_contact = add_confirmed_contact(
        client_vault,
        &ContactCard::from_text(&mentor_card.to_text()).expect("card"),
        ContactRole::MyMentor,
    )
    .await
    .expect("confirm");
    clients::set_client_contact(vault, &id, Some(&contact.id)).await.expect("link");
    let entry = entries::add_entry(
        client_vault,
        entries::NewJournalEntry { entry_date: Some(day("2018-12-05")), body: m("Shared entry"), ..Default::default() },
    )
    .await
    .expect("entry");
    let selection = ShareSelection { journal_entries: vec![entry.id], ..Default::default() };
    let content = collect_share(client_vault, BundleKind::FromClient, &m("Alex"), &selection).await.expect("collect");
    let bundle = seal_share_for(client_vault, &mentor_contact.id, &content).await.expect("seal");
    assert_eq!(import_bundle(vault, &bundle).await.expect("import").added, 1);
    assert_eq!(received_from_client(vault, &id).await.expect("received").len(), 1);

    // Closed on 3 February 2019.
    clients::update_client(
        vault,
        &id,
        ClientPatch {
            status: Some(ClientStatus::Closed),
            end_date: Some(Some(day("2019-02-03"))),
            ..Default::default()
        },
    )
    .await
    .expect("close");
    id
}

#[tokio::test]
async fn an_erased_clients_marker_is_found_nowhere_in_the_vault_folder() {
    let (dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let vault = common::create_vault(dir.path()).await.vault;
    let client_vault = common::create_vault(client_dir.path()).await.vault;
    let id = seed_marked_client(&vault, &client_vault).await;

    // Someone who stays, with a finalised note of their own.
    let keeper = clients::add_client(&vault, NewClient { name: "Kim Keeper".into(), ..NewClient::default() })
        .await
        .expect("keeper");
    let kept_note = notes::add_note(
        &vault,
        NewSessionNote { client_id: keeper.id.clone(), draft: note_draft("2026-11-02", "Kim's note".into()) },
    )
    .await
    .expect("note");
    notes::finalise_note(&vault, &kept_note.id).await.expect("finalise");
    // A scanned letter about the erased client, and one about the client who stays.
    wellkept::attachments::add(
        &vault,
        "client",
        &id,
        "referral-letter.txt",
        format!("Letter about {MARKER}").as_bytes(),
    )
    .await
    .expect("attach to the erased client");
    wellkept::attachments::add(&vault, "client", &keeper.id, "kim.txt", b"Kim's letter").await.expect("attach");

    // The marker goes into a generation that would stay behind as a backup, and into the log.
    vault.compact().await.expect("compact");
    // The notes rewritten, then rewritten again from their first version, as if on a computer
    // that had not seen the rewrite: that is kept aside (docs/decisions.md 70), and erasing
    // must take it too.
    clients::update_client(&vault, &id, ClientPatch { notes: Some(m("Rewritten notes")), ..Default::default() })
        .await
        .expect("rewrite");
    clients::update_client(
        &vault,
        &id,
        ClientPatch { notes: Some(m("Later notes")), notes_base: Some(String::new()), ..Default::default() },
    )
    .await
    .expect("a change after the compaction");
    let aside = wellkept::sync::conflicts::for_record(&vault, wellkept::sync::conflicts::ConflictKind::Client, &id)
        .await
        .expect("aside");
    assert!(aside.iter().any(|a| a.text.contains(MARKER)), "the marked notes are kept aside: {aside:?}");
    drop(vault);
    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    let (looked, found) = scan_folder(dir.path());
    assert!(!found.is_empty() && looked["snapshots decrypted"] >= 1, "before: the marker is there ({looked:?})");
    assert!(found.iter().any(|f| f.starts_with("change log")), "and in the change log: {found:?}");
    assert!(found.iter().any(|f| f.starts_with("attachment")), "and in an attached file: {found:?}");
    assert!(found.iter().all(|f| !f.starts_with("raw")), "never in plaintext on disk: {found:?}");

    let today = day("2026-12-02");
    let report = erasure::erase_client(
        &vault,
        &id,
        EraseRequest { reason: ErasureReason::RetentionEnded, note: String::new(), override_phrase: None },
        today,
    )
    .await
    .expect("erase");
    assert!(report.compacted);
    assert_eq!(report.erasure.invoices_kept, 1);
    assert!(!report.erasure.overridden);
    assert_eq!(report.erasure.retention_ends_on, Some(day("2026-02-03")));
    assert!(!contains(&database_image(&vault).await, MARKER), "gone from the live database, index included");

    // Only the tombstone and the kept invoice name the client's id.
    let erased_label = erasure::erased_label(&id);
    let invoices = billing::list_invoices(&vault, Some(&id)).await.expect("invoices");
    assert_eq!(
        invoices.iter().map(|i| (i.number.is_some(), i.bill_to.clone(), i.payer.clone())).collect::<Vec<_>>(),
        vec![(true, erased_label.clone(), None)],
        "the issued invoice is kept, anonymised; the draft is gone"
    );
    assert!(matches!(clients::get_client(&vault, &id).await, Err(Error::NotFound { .. })));
    assert_eq!(erasure::list_erasures(&vault).await.expect("log").len(), 1);
    drop(vault);

    let (looked, found) = scan_folder(dir.path());
    assert!(found.is_empty(), "the marker is still in: {found:?}");
    assert_eq!(looked["snapshots decrypted"], 1, "one generation left: the backups were discarded ({looked:?})");
    assert_eq!(looked["change logs decrypted"], 1);
    assert_eq!(looked["attachments decrypted"], 1, "the erased client's file is gone, Kim's stays ({looked:?})");

    // Reopened: the other client and their finalised note are there, and still kept for ever.
    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    assert_eq!(notes::get_note(&vault, &kept_note.id).await.expect("kept").client_id, keeper.id);
    // The trigger still refuses to delete a finalised note of a client not named in `erasures`.
    assert!(vault.exec("DELETE FROM session_notes WHERE client_id = ?1", params![keeper.id.as_str()]).await.is_err());
    assert!(notes::get_note(&vault, &kept_note.id).await.is_ok(), "still there");
    let log = erasure::list_erasures(&vault).await.expect("log");
    assert_eq!(
        log.iter().map(|e| e.line(today)).collect::<Vec<_>>(),
        vec![format!("{erased_label} · 2 Dec 2026 · retention ended · 1 invoice kept")]
    );
}
