//! The dashboard against a real vault: today's sessions in the mentor's time zone, reminders,
//! overdue steps, counts, and the clinical area's open risk flags and measures due, after reopening.

mod common;
mod practice_fixtures;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use practice_fixtures::{client, day, reopen};
use wellkept::clinical::{self, Instrument, NewMeasureSchedule, NewRiskFlag, RiskLevel, RiskSource};
use wellkept::practice::appointments::{self, AppointmentDetails, OccurrenceStatus, RepeatRule, SessionMode};
use wellkept::practice::clients::{self, ClientDetails, ClientStatus};
use wellkept::practice::dashboard::load_dashboard;
use wellkept::practice::goals::{self, GoalDetails, StepDetails, StepStatus, steps};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft};
use wellkept::practice::templates::{NoteSection, NoteTemplate};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
}

fn session(client_id: &str, start: &str) -> AppointmentDetails {
    AppointmentDetails {
        client_id: client_id.into(),
        starts_at: at(start),
        ends_at: at(start) + TimeDelta::minutes(50),
        time_zone: Some("UTC".into()),
        mode: SessionMode::InPerson,
        location: None,
        repeat: RepeatRule::default(),
        reminder_minutes: Some(30),
        notes: String::new(),
    }
}

fn note(client_id: &str) -> NewSessionNote {
    NewSessionNote {
        client_id: client_id.into(),
        draft: NoteDraft {
            session_date: day(2026, 11, 20),
            duration_minutes: 50,
            mode: SessionMode::InPerson,
            template: NoteTemplate::Free,
            sections: vec![NoteSection { key: "note".into(), text: "Talked about work.".into() }],
            goal_ids: vec![],
        },
    }
}

#[tokio::test]
async fn dashboard_gathers_today_overdue_and_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let ben = client(&vault, "Ben Okafor").await;
    let paused = ClientDetails { name: "Cai Jones".into(), status: ClientStatus::Paused, ..Default::default() };
    clients::add_client(&vault, paused).await.expect("paused client");
    let gone = client(&vault, "Dee Gone").await;

    let morning = appointments::add_appointment(&vault, session(&ana, "2026-11-23T09:00:00Z")).await.expect("appt");
    let afternoon = appointments::add_appointment(&vault, session(&ben, "2026-11-23T15:00:00Z")).await.expect("appt");
    appointments::add_appointment(&vault, session(&ana, "2026-11-24T09:00:00Z")).await.expect("tomorrow");
    appointments::add_appointment(&vault, session(&gone, "2026-11-23T12:00:00Z")).await.expect("trashed client's");
    appointments::set_occurrence_status(&vault, &afternoon.id, afternoon.starts_at, OccurrenceStatus::Cancelled)
        .await
        .expect("cancel");

    let draft = notes::add_note(&vault, note(&ana)).await.expect("draft");
    let signed = notes::add_note(&vault, note(&ben)).await.expect("note");
    notes::finalise_note(&vault, &signed.id).await.expect("finalise");
    notes::add_note(&vault, note(&gone)).await.expect("trashed client's note");

    let goal = goals::add_goal(
        &vault,
        GoalDetails { client_id: Some(ana.clone()), title: "Sleep".into(), ..Default::default() },
    );
    let goal = goal.await.expect("goal");
    let late =
        StepDetails { description: "Sleep diary".into(), due_date: Some(day(2026, 11, 20)), ..Default::default() };
    let late = steps::add_step(&vault, &goal.id, late).await.expect("late step");
    let fine = StepDetails {
        description: "Walk".into(),
        due_date: Some(day(2026, 11, 20)),
        status: StepStatus::Done,
        ..Default::default()
    };
    steps::add_step(&vault, &goal.id, fine).await.expect("done step");
    goals::add_goal(&vault, GoalDetails { title: "Own CPD".into(), ..Default::default() }).await.expect("own goal");
    let flag = NewRiskFlag {
        client_id: Some(ben.clone()),
        source: RiskSource::ClientDisclosure,
        level: RiskLevel::High,
        description: "Said he has thought about ending his life".into(),
        raised_on: day(2026, 11, 20),
    };
    let flag = clinical::raise_risk_flag(&vault, flag).await.expect("risk flag");
    let phq9 = NewMeasureSchedule {
        client_id: Some(ana.clone()),
        instrument: Instrument::Phq9,
        every_days: 28,
        starts_on: day(2026, 11, 21),
    };
    clinical::set_measure_schedule(&vault, phq9).await.expect("measure schedule");
    // Measures are not due for a client in the trash; their risk flags stay in view.
    let gone_gad7 = NewMeasureSchedule {
        client_id: Some(gone.clone()),
        instrument: Instrument::Gad7,
        every_days: 28,
        starts_on: day(2026, 11, 1),
    };
    clinical::set_measure_schedule(&vault, gone_gad7).await.expect("measure schedule");
    let gone_flag = NewRiskFlag {
        client_id: Some(gone.clone()),
        source: RiskSource::Mentor,
        level: RiskLevel::Medium,
        description: "Lost housing".into(),
        raised_on: day(2026, 11, 19),
    };
    let gone_flag = clinical::raise_risk_flag(&vault, gone_flag).await.expect("risk flag");
    clients::delete_client(&vault, &gone).await.expect("trash client");
    drop(vault);

    let vault = reopen(dir.path()).await;
    let now = at("2026-11-23T08:45:00Z");
    let d = load_dashboard(&vault, now, &Utc).await.expect("dashboard");
    assert_eq!(d.today, day(2026, 11, 23));
    let today: Vec<(&str, OccurrenceStatus)> =
        d.todays_appointments.iter().map(|o| (o.appointment_id.as_str(), o.status)).collect();
    assert_eq!(
        today,
        [(morning.id.as_str(), OccurrenceStatus::Scheduled), (afternoon.id.as_str(), OccurrenceStatus::Cancelled)]
    );
    assert_eq!(d.reminders_due.iter().map(|o| o.appointment_id.as_str()).collect::<Vec<_>>(), [morning.id.as_str()]);
    assert_eq!(d.overdue_steps.iter().map(|o| o.step.id.as_str()).collect::<Vec<_>>(), [late.id.as_str()]);
    assert_eq!(d.counts.active_clients, 2);
    assert_eq!(d.counts.paused_clients, 1);
    assert_eq!(d.counts.draft_notes, 1, "only {} is a draft of a live client", draft.id);
    assert_eq!(d.counts.active_goals, 2);
    assert_eq!(d.counts.overdue_steps, 1);
    assert_eq!(d.counts.sessions_today, 1, "the cancelled session does not count");
    assert_eq!(d.clinical.open_risk_flags, vec![flag, gone_flag], "high first; a trashed client's flag stays");
    assert_eq!(d.counts.open_risk_flags, 2);
    assert_eq!(d.clinical.measures_due.len(), 1);
    assert_eq!(d.clinical.measures_due[0].schedule.client_id.as_deref(), Some(ana.as_str()));
    assert_eq!(d.clinical.measures_due[0].days_overdue, 2);
    assert_eq!(d.counts.measures_due, 1);

    // A mentor ten hours ahead of UTC is already on the 24th at 20:00 UTC on the 23rd.
    let east = FixedOffset::east_opt(10 * 3600).expect("offset");
    let d = load_dashboard(&vault, at("2026-11-23T20:00:00Z"), &east).await.expect("dashboard");
    assert_eq!(d.today, day(2026, 11, 24));
    // Their day runs from 14:00 UTC on the 23rd to 14:00 UTC on the 24th.
    let starts: Vec<DateTime<Utc>> = d.todays_appointments.iter().map(|o| o.starts_at).collect();
    assert_eq!(starts, [at("2026-11-23T15:00:00Z"), at("2026-11-24T09:00:00Z")]);
    assert_eq!(d.counts.sessions_today, 1, "the 15:00 UTC session was cancelled");
}
