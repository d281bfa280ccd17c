//! Retention (issue 13, deliverable 1; docs/decisions.md 51): the practice's rule and its
//! defaults, closing records the day, the last contact (closing, a note, an attended session in
//! its own time zone), the age rule for minors, a client's override (years or a date), the
//! dashboard's "Retention ended" list, and erasure refused under retention unless the mentor
//! types the client's name — with the override written to the erasure log.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use wellkept::Error;
use wellkept::practice::appointments::{self, NewAppointment, OccurrenceStatus, RepeatRule, SessionMode};
use wellkept::practice::clients::{self, ClientPatch, ClientStatus, NewClient};
use wellkept::practice::dashboard::load_dashboard;
use wellkept::practice::erasure::{self, EraseRequest, ErasureReason};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft};
use wellkept::practice::retention::{
    self, LastContactKind, RetentionOverride, RetentionRule, client_retention, retention_ended,
};
use wellkept::practice::templates::NoteSection;
use wellkept::vault::Vault;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
}

async fn closed(vault: &Vault, name: &str, end: Option<&str>, dob: Option<&str>) -> String {
    let client = clients::add_client(
        vault,
        NewClient {
            name: name.into(),
            date_of_birth: dob.map(day),
            status: ClientStatus::Closed,
            end_date: end.map(day),
            ..NewClient::default()
        },
    )
    .await
    .expect("client");
    client.id
}

/// "Alex Morgan · closed 3 Feb 2019 · retention ended 3 Feb 2026": the dashboard's line.
fn line(r: &retention::ClientRetention) -> String {
    format!(
        "{} · closed {} · retention ended {}",
        r.name,
        erasure::day_text(r.closed_on.expect("closed")),
        erasure::day_text(r.ends_on.expect("ends"))
    )
}

#[tokio::test]
async fn the_rule_closing_the_last_contact_minors_and_overrides() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let today = day("2026-12-02");

    assert_eq!(retention::retention_rule(&vault).await.expect("rule"), RetentionRule::default());
    assert_eq!(RetentionRule::default(), RetentionRule { years_after_last_contact: 7, minors_until_age: 25 });
    let bad =
        retention::set_retention_rule(&vault, RetentionRule { years_after_last_contact: 0, minors_until_age: 25 })
            .await
            .expect_err("0 years");
    assert_eq!(bad.to_string(), "Years after the last contact: 0 is not a number of years from 1 to 100");
    assert_eq!(retention::retention_rule(&vault).await.expect("rule"), RetentionRule::default(), "nothing saved");

    let alex = closed(&vault, "Alex Morgan", Some("2019-02-03"), None).await;
    // Seen at 15: kept until 25 (2029), later than 2019 + 7.
    let bea = closed(&vault, "Bea Young", Some("2019-05-10"), Some("2004-06-01")).await;
    let cai = closed(&vault, "Cai Recent", Some("2024-01-15"), None).await;
    let active =
        clients::add_client(&vault, NewClient { name: "Dee Active".into(), ..NewClient::default() }).await.expect("a");

    let r = client_retention(&vault, &alex, today).await.expect("alex");
    assert_eq!(
        (r.closed_on, r.last_contact, r.last_contact_kind, r.ends_on, r.ended),
        (Some(day("2019-02-03")), day("2019-02-03"), LastContactKind::Closed, Some(day("2026-02-03")), true)
    );
    let r = client_retention(&vault, &bea, today).await.expect("bea");
    assert_eq!((r.ends_on, r.ended), (Some(day("2029-06-01")), false));
    let r = client_retention(&vault, &active.id, today).await.expect("active");
    assert_eq!((r.closed_on, r.ends_on, r.ended), (None, None, false), "retention runs from closing");

    let ended: Vec<String> = retention_ended(&vault, today).await.expect("ended").iter().map(line).collect();
    assert_eq!(ended, vec!["Alex Morgan · closed 3 Feb 2019 · retention ended 3 Feb 2026"]);

    // The practice keeps records for 5 years: Cai (closed January 2024) is not yet due; Alex is.
    retention::set_retention_rule(&vault, RetentionRule { years_after_last_contact: 5, minors_until_age: 25 })
        .await
        .expect("rule");
    let r = client_retention(&vault, &cai, today).await.expect("cai");
    assert_eq!((r.ends_on, r.ended), (Some(day("2029-01-15")), false));
    // Cai's own override: a date, replacing the rule.
    retention::set_client_retention_override(&vault, &cai, Some(RetentionOverride::Until(day("2026-06-30"))))
        .await
        .expect("override");
    // Alex's own override: 10 years.
    retention::set_client_retention_override(&vault, &alex, Some(RetentionOverride::Years(10))).await.expect("years");
    let ended: Vec<String> = retention_ended(&vault, today).await.expect("ended").iter().map(line).collect();
    assert_eq!(ended, vec!["Cai Recent · closed 15 Jan 2024 · retention ended 30 Jun 2026"]);
    let err = retention::set_client_retention_override(&vault, &alex, Some(RetentionOverride::Years(0)))
        .await
        .expect_err("0 years");
    assert_eq!(err.to_string(), "Years: 0 is not a number of years from 1 to 100");
    retention::set_client_retention_override(&vault, &alex, None).await.expect("clear");

    // The dashboard carries the same list.
    let dashboard = load_dashboard(&vault, at("2026-12-02T09:00:00Z"), &chrono_tz::Europe::London).await.expect("dash");
    assert_eq!(
        dashboard.retention_ended.iter().map(line).collect::<Vec<_>>(),
        vec![
            "Alex Morgan · closed 3 Feb 2019 · retention ended 3 Feb 2024",
            "Cai Recent · closed 15 Jan 2024 · retention ended 30 Jun 2026"
        ]
    );

    // Reopening a client clears the closed day; closing again without an end date records today.
    clients::update_client(&vault, &alex, ClientPatch { status: Some(ClientStatus::Active), ..Default::default() })
        .await
        .expect("reopen");
    assert_eq!(client_retention(&vault, &alex, today).await.expect("alex").closed_on, None);
    clients::update_client(
        &vault,
        &alex,
        ClientPatch { status: Some(ClientStatus::Closed), end_date: Some(None), ..Default::default() },
    )
    .await
    .expect("close again");
    let clock_day = wellkept::vault::now().date_naive();
    assert_eq!(client_retention(&vault, &alex, today).await.expect("alex").closed_on, Some(clock_day));
}

#[tokio::test]
async fn the_last_contact_is_the_latest_note_or_attended_session_in_its_own_zone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let id = closed(&vault, "Eli Evening", Some("2019-03-01"), None).await;
    // Reopened to add a late note and a session, then closed again on the same end day.
    clients::update_client(&vault, &id, ClientPatch { status: Some(ClientStatus::Active), ..Default::default() })
        .await
        .expect("reopen");
    let draft = NoteDraft {
        session_date: day("2019-03-05"),
        duration_minutes: 50,
        mode: SessionMode::Video,
        template: Default::default(),
        sections: vec![NoteSection { key: "note".into(), text: "Last session".into() }],
        goal_ids: vec![],
    };
    notes::add_note(&vault, NewSessionNote { client_id: id.clone(), draft }).await.expect("note");
    // 20:00 in New York on 9 March is 01:00 UTC on 10 March: the contact's day is the 9th.
    let start = at("2019-03-10T01:00:00Z");
    let appt = appointments::add_appointment(
        &vault,
        NewAppointment {
            client_id: id.clone(),
            starts_at: start,
            ends_at: at("2019-03-10T01:50:00Z"),
            time_zone: Some("America/New_York".into()),
            mode: SessionMode::Video,
            location: None,
            repeat: RepeatRule::default(),
            reminder_minutes: None,
            notes: String::new(),
        },
    )
    .await
    .expect("appointment");
    appointments::set_occurrence_status(&vault, &appt.id, start, OccurrenceStatus::Attended).await.expect("attended");
    clients::update_client(&vault, &id, ClientPatch { status: Some(ClientStatus::Closed), ..Default::default() })
        .await
        .expect("close");
    let r = client_retention(&vault, &id, day("2026-12-02")).await.expect("retention");
    assert_eq!(r.closed_on, Some(day("2019-03-01")), "the end date given");
    assert_eq!((r.last_contact, r.last_contact_kind), (day("2019-03-09"), LastContactKind::AttendedSession));
    assert_eq!(r.ends_on, Some(day("2026-03-09")));
}

#[tokio::test]
async fn erasing_under_retention_needs_the_typed_name_and_the_log_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let today = day("2026-12-02");
    let id = closed(&vault, "Bea Young", Some("2024-05-10"), None).await;
    let request = |reason, note: &str, phrase: Option<&str>| EraseRequest {
        reason,
        note: note.into(),
        override_phrase: phrase.map(str::to_owned),
    };
    let refusals = [
        (
            request(ErasureReason::RetentionEnded, "", None),
            "reason: Retention of this record ends on 10 May 2031: it has not ended yet",
        ),
        (
            request(ErasureReason::LawfulRequest, "  ", Some("Bea Young")),
            "note: Say who asked for the erasure, and when",
        ),
        (
            request(ErasureReason::LawfulRequest, "Letter from bea young, 1 Dec", Some("Bea Young")),
            "note: The note stays in the erasure log after the client is gone: leave their name out of it",
        ),
        (
            request(ErasureReason::LawfulRequest, "Client's letter of 1 Dec 2026", None),
            "override: This record is kept until 10 May 2031: to erase it anyway, type the client's full name (capitals and spacing do not matter)",
        ),
        (
            request(ErasureReason::LawfulRequest, "Client's letter of 1 Dec 2026", Some("Bea")),
            "override: This record is kept until 10 May 2031: to erase it anyway, type the client's full name (capitals and spacing do not matter)",
        ),
    ];
    for (req, message) in refusals {
        let err = erasure::erase_client(&vault, &id, req, today).await.expect_err(message);
        assert!(matches!(err, Error::Invalid { .. }));
        assert_eq!(err.to_string(), message);
    }
    assert_eq!(clients::get_client(&vault, &id).await.expect("still there").name, "Bea Young");
    assert!(erasure::list_erasures(&vault).await.expect("log").is_empty(), "nothing logged for a refusal");

    let report = erasure::erase_client(
        &vault,
        &id,
        request(ErasureReason::LawfulRequest, "Client's letter of 1 Dec 2026 (Art. 17)", Some("  bea   YOUNG ")),
        today,
    )
    .await
    .expect("erase with the typed name");
    assert!(report.erasure.overridden);
    assert_eq!(report.erasure.retention_ends_on, Some(day("2031-05-10")));
    assert_eq!(report.erasure.note, "Client's letter of 1 Dec 2026 (Art. 17)");
    assert!(matches!(clients::get_client(&vault, &id).await, Err(Error::NotFound { .. })));
    let again = erasure::erase_client(&vault, &id, request(ErasureReason::RetentionEnded, "", None), today).await;
    assert!(matches!(again, Err(Error::NotFound { .. })), "{again:?}");
    let lines: Vec<String> = erasure::list_erasures(&vault).await.expect("log").iter().map(|e| e.line(today)).collect();
    assert_eq!(
        lines,
        vec![format!("{} · 2 Dec 2026 · lawful request (Art. 17) · retention overridden", erasure::erased_label(&id))]
    );
}

#[tokio::test]
async fn a_closed_client_leaves_the_trash_only_by_erasure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let closed_id = closed(&vault, "Alex Morgan", Some("2019-02-03"), None).await;
    let active =
        clients::add_client(&vault, NewClient { name: "Dee Active".into(), ..NewClient::default() }).await.expect("a");
    clients::delete_client(&vault, &closed_id).await.expect("trash");
    clients::delete_client(&vault, &active.id).await.expect("trash");
    let err = wellkept::trash::purge_from_trash(&vault, "client", &closed_id).await.expect_err("closed: kept");
    assert!(
        matches!(&err, Error::ReadOnly { reason } if reason.ends_with("restore them and use “Erase this client…” on their page.")),
        "{err:?}"
    );
    let report = wellkept::trash::empty_trash(&vault).await.expect("empty");
    assert_eq!((report.purged, report.kept), (1, 1), "the active client goes, the closed one stays");
    assert_eq!(clients::get_client(&vault, &closed_id).await.expect("kept").name, "Alex Morgan");
    // Erasure takes a client in the trash too.
    erasure::erase_client(
        &vault,
        &closed_id,
        EraseRequest { reason: ErasureReason::RetentionEnded, note: String::new(), override_phrase: None },
        day("2026-12-02"),
    )
    .await
    .expect("erase");
    assert!(wellkept::trash::list_trash(&vault).await.expect("trash").is_empty());
}
