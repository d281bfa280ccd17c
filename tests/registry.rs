//! The one soft-delete rule, run over every registered kind of record: delete only a live
//! record, restore only a deleted one, "not found" otherwise; the trash lists it, purging removes
//! it for good. A kind added to the registry without a seed here fails this test.

mod common;

use chrono::{DateTime, NaiveDate};
use wellkept::clinical;
use wellkept::journal::{activation, coping, entries, gratitude, mood, thought_records};
use wellkept::practice::{appointments, clients, goals, notes};
use wellkept::registry::{KINDS, RecordKind};
use wellkept::vault::Vault;
use wellkept::{Error, trash};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn at(s: &str) -> DateTime<chrono::Utc> {
    s.parse().expect("test time")
}

/// Adds one live record of `kind` through its module's API and returns its id.
async fn seed(vault: &Vault, kind: &RecordKind, client_id: &str) -> String {
    let on = Some(day("2026-11-01"));
    let when = Some(DateTime::parse_from_rfc3339("2026-11-01T10:00:00+00:00").expect("valid time"));
    match kind.kind {
        "journal_entry" => {
            let new = entries::NewJournalEntry { entry_date: on, title: "Kind test".into(), ..Default::default() };
            entries::add_entry(vault, new).await.expect("entry").id
        }
        "mood_checkin" => {
            let new = mood::NewMoodCheckIn { at: when, mood: Some(4), ..Default::default() };
            mood::add_mood_checkin(vault, new).await.expect("mood").id
        }
        "thought_record" => {
            let new = thought_records::NewThoughtRecord {
                record_date: on,
                situation: "Late bus".into(),
                ..Default::default()
            };
            thought_records::add_thought_record(vault, new).await.expect("thought record").id
        }
        "activation" => {
            let new = activation::NewActivation {
                activity: "Swim".into(),
                at: when,
                status: activation::ActivationStatus::Done,
                mastery: None,
                pleasure: None,
                note: String::new(),
            };
            activation::add_activation(vault, new).await.expect("activity").id
        }
        "gratitude" => {
            let items = vec![gratitude::GratitudeItem { thing: "Sun".into(), why: String::new() }];
            let new = gratitude::NewGratitudeEntry { entry_date: on, items };
            gratitude::add_gratitude_entry(vault, new).await.expect("gratitude").id
        }
        "coping_strategy" => coping::add_suggested_strategy(vault, "walk").await.expect("coping").id,
        "client" => {
            let new = clients::NewClient { name: "Cleo Park".into(), ..Default::default() };
            clients::add_client(vault, new).await.expect("client").id
        }
        "session_note" => {
            let draft = notes::NoteDraft {
                session_date: day("2026-11-02"),
                duration_minutes: 50,
                mode: Default::default(),
                template: Default::default(),
                sections: vec![wellkept::practice::templates::NoteSection { key: "note".into(), text: "Hi".into() }],
                goal_ids: vec![],
            };
            let new = notes::NewSessionNote { client_id: client_id.to_owned(), draft };
            notes::add_note(vault, new).await.expect("note").id
        }
        "goal" => {
            let new = goals::GoalDetails { title: "Sleep through the night".into(), ..Default::default() };
            goals::add_goal(vault, new).await.expect("goal").id
        }
        "appointment" => {
            let new = appointments::AppointmentDetails {
                client_id: client_id.to_owned(),
                starts_at: at("2026-11-02T10:00:00Z"),
                ends_at: at("2026-11-02T10:50:00Z"),
                time_zone: Some("UTC".into()),
                mode: Default::default(),
                location: None,
                repeat: Default::default(),
                reminder_minutes: None,
                notes: String::new(),
            };
            appointments::add_appointment(vault, new).await.expect("appointment").id
        }
        "measure" => {
            let new = clinical::NewMeasure {
                client_id: None,
                instrument: clinical::Instrument::Who5,
                administered_on: day("2026-11-20"),
                answers: [3, 3, 3, 2, 2].map(Some).to_vec(),
                functional_difficulty: None,
                notes: String::new(),
            };
            clinical::record_measure(vault, new).await.expect("measure").administration.id
        }
        "crisis_line" => {
            let new = clinical::CrisisLineInput {
                country: "GB".into(),
                name: "Leeds Survivor-Led Crisis Service".into(),
                kind: clinical::CrisisLineKind::Call,
                contact: "0808 800 1212".into(),
                text_keyword: String::new(),
                menu_option: String::new(),
                description: String::new(),
                hours: "6pm–2am".into(),
            };
            clinical::add_crisis_line(vault, new).await.expect("crisis line").id
        }
        "referral" => {
            let new = clinical::ReferralInput {
                client_id: None,
                referred_to: "Citizens Advice".into(),
                reason: "Debt".into(),
                referred_on: day("2026-11-02"),
                status: clinical::ReferralStatus::Draft,
                follow_up_on: None,
                notes: String::new(),
            };
            clinical::add_referral(vault, new).await.expect("referral").id
        }
        "resource" => {
            let new = clinical::ResourceInput {
                title: "Sleep diary template".into(),
                url: Some("https://example.org/sleep-diary.pdf".into()),
                notes: String::new(),
                category: "Sleep".into(),
                tags: vec!["homework".into()],
            };
            clinical::add_resource(vault, new).await.expect("resource").id
        }
        "credential" => {
            let new = clinical::CredentialInput {
                title: "Registered Member".into(),
                issuer: "BACP".into(),
                number: None,
                valid_from: Some(day("2026-01-01")),
                valid_to: None,
                notes: String::new(),
            };
            clinical::add_credential(vault, new).await.expect("credential").id
        }
        "training_record" => {
            let new = clinical::TrainingInput {
                title: "Suicide awareness".into(),
                provider: "Mind".into(),
                completed_on: day("2026-02-10"),
                hours: 6.5,
                notes: String::new(),
            };
            clinical::add_training(vault, new).await.expect("training").id
        }
        "supervision_note" => {
            let new = clinical::SupervisionInput {
                held_on: day("2026-11-05"),
                supervisor: "Dr Hannah Reyes".into(),
                notes: "Boundaries".into(),
                actions: String::new(),
            };
            clinical::add_supervision_note(vault, new).await.expect("supervision").id
        }
        "attachment" => {
            let new = clients::NewClient { name: "Attachment owner".into(), ..Default::default() };
            let owner = clients::add_client(vault, new).await.expect("owner").id;
            wellkept::attachments::add(vault, "client", &owner, "consent.pdf", b"%PDF-1.4 kind test")
                .await
                .expect("attachment")
                .id
        }
        other => panic!("kind {other} is registered with a trash: seed one here"),
    }
}

fn not_found(result: Result<(), Error>, what: &str) {
    assert!(matches!(result, Err(Error::NotFound { .. })), "{what}: {result:?}");
}

#[tokio::test]
async fn every_kind_deletes_restores_and_purges_by_the_same_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    // Records that belong to a client need one that stays (a client is purged only when alone).
    let owner = clients::NewClient { name: "Ada Lee".into(), ..Default::default() };
    let owner = clients::add_client(&vault, owner).await.expect("client").id;

    let mut checked = 0;
    for kind in KINDS {
        if kind.trash.is_none() {
            let refused = kind.delete(&vault, "any").await;
            assert!(matches!(refused, Err(Error::Invalid { .. })), "{}: kept, never deleted", kind.kind);
            continue;
        }
        let id = seed(&vault, kind, &owner).await;
        let k = kind.kind;
        not_found(kind.restore(&vault, &id).await, &format!("{k}: restoring a live record"));
        not_found(kind.delete(&vault, "no-such-id").await, &format!("{k}: deleting nothing"));
        kind.delete(&vault, &id).await.unwrap_or_else(|e| panic!("{k}: delete: {e:?}"));
        not_found(kind.delete(&vault, &id).await, &format!("{k}: deleting twice"));
        let in_trash = trash::list_trash(&vault).await.expect("list");
        assert_eq!(in_trash.iter().map(|i| (i.kind.as_str(), i.id.as_str())).collect::<Vec<_>>(), [(k, id.as_str())]);
        assert_eq!(in_trash[0].label, kind.label);

        kind.restore(&vault, &id).await.unwrap_or_else(|e| panic!("{k}: restore: {e:?}"));
        not_found(kind.restore(&vault, &id).await, &format!("{k}: restoring twice"));
        assert!(trash::list_trash(&vault).await.expect("list").is_empty(), "{k}: restored");
        assert!(
            matches!(trash::purge_from_trash(&vault, k, &id).await, Err(Error::NotFound { .. })),
            "{k}: a live record is not purged"
        );

        kind.delete(&vault, &id).await.unwrap_or_else(|e| panic!("{k}: delete again: {e:?}"));
        let report = trash::purge_from_trash(&vault, k, &id).await.unwrap_or_else(|e| panic!("{k}: purge: {e:?}"));
        assert_eq!(report.purged, 1, "{k}");
        let (left,) = vault
            .fetch_one::<(i64,)>("SELECT count(*) FROM tags WHERE item_id = ?", wellkept::params![id.as_str()])
            .await
            .expect("count tags");
        assert_eq!(left, 0, "{k}: tags go with it");
        not_found(kind.restore(&vault, &id).await, &format!("{k}: restoring what was purged"));
        assert!(trash::list_trash(&vault).await.expect("list").is_empty(), "{k}: purged");
        checked += 1;
    }
    assert_eq!(checked, trash::SOURCES.len(), "every kind with a trash ran the scenario");
}
