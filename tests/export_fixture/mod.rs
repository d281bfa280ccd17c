//! A real vault populated through the domain APIs for the export tests: a client with a
//! non-ASCII name, notes full of Markdown-looking text, a note long enough to need several PDF
//! pages, a draft and a finalised note with an addendum, goals, appointments, PHQ-9 and GAD-7
//! histories, a risk flag, a safety plan, consent, a disclosure and a referral; and a journal
//! range with entries, mood check-ins, a thought record, activities and gratitude.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use wellkept::clinical::{
    self, Art9Condition, DisclosureBasis, Instrument, LawfulBasis, NewConsent, NewDisclosure, NewMeasure, NewRiskFlag,
};
use wellkept::clinical::{ReferralInput, ReferralStatus, RiskLevel, RiskSource, SafetyPlanItem, SafetyPlanSection};
use wellkept::journal::{self, AutomaticThought, GratitudeItem, NewActivation, NewGratitudeEntry, NewJournalEntry};
use wellkept::journal::{ActivationStatus, NewMoodCheckIn, NewThoughtRecord, RatedMood};
use wellkept::practice::appointments::{self, NewAppointment, OccurrenceStatus, Recurrence, RepeatRule, SessionMode};
use wellkept::practice::clients::{self, ContactDetails, EmergencyContact, NewClient};
use wellkept::practice::goals::{self, GoalStatus, NewGoal, NewReview, StepDetails, StepOwner, StepStatus};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft};
use wellkept::practice::templates::{NoteSection, NoteTemplate};
use wellkept::vault::Vault;

#[path = "../common/mod.rs"]
pub mod common;

/// The client's full name: Latin letters with diacritics.
pub const NAME: &str = "Zoë Ångström-Núñez";
/// Text that would be a link, HTML, a heading, a list and a table cell if not escaped.
pub const INJECTION: &str =
    "Said: [click here](http://evil.example) <script>alert(1)</script>\n# Not a heading\n- not a list | not a cell";
/// Greek and Cyrillic in a finalised note.
pub const GREEK: &str = "Ψυχή και σώμα";
pub const CYRILLIC: &str = "Олена пише щодня";
/// The last words of the long note (it must survive page breaks).
pub const LONG_NOTE_END: &str = "End of the long assessment.";
/// The addendum's text.
pub const ADDENDUM: &str = "Addendum: GP letter received; medication unchanged.";

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("fixture date")
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("fixture time")
}

/// A vault with the whole fixture, and the client's id.
pub async fn populated_vault(dir: &Path) -> (Vault, String) {
    let vault = common::create_vault(dir).await.vault;
    let client = clients::add_client(
        &vault,
        NewClient {
            name: NAME.into(),
            preferred_name: Some("Zoë".into()),
            pronouns: Some("she/her".into()),
            date_of_birth: Some(day("1991-04-17")),
            contact: ContactDetails {
                phone: Some("+44 7700 900123".into()),
                email: Some("zoe@example.org".into()),
                address: Some("12 Rue de l'Église\nMontréal".into()),
            },
            emergency_contact: EmergencyContact {
                name: Some("Øystein Ångström".into()),
                relationship: Some("brother".into()),
                phone: Some("+47 912 34 567".into()),
            },
            cultural_needs: Some("Prefers sessions outside Ramadan fasting hours".into()),
            start_date: Some(day("2026-06-01")),
            notes: format!("General: {INJECTION}"),
            tags: vec!["anxiety".into(), "sleep".into()],
            ..NewClient::default()
        },
    )
    .await
    .expect("add client");
    let id = client.id.clone();

    // Notes: a finalised SOAP note with an addendum, a long finalised note, and a draft.
    let soap = notes::add_note(
        &vault,
        NewSessionNote {
            client_id: id.clone(),
            draft: NoteDraft {
                session_date: day("2026-09-02"),
                duration_minutes: 50,
                mode: SessionMode::InPerson,
                template: NoteTemplate::Soap,
                sections: vec![
                    NoteSection { key: "subjective".into(), text: INJECTION.into() },
                    NoteSection { key: "objective".into(), text: format!("{GREEK}. {CYRILLIC}.") },
                    NoteSection { key: "plan".into(), text: "Sleep diary; review in two weeks.".into() },
                ],
                goal_ids: vec![],
            },
        },
    )
    .await
    .expect("soap note");
    notes::finalise_note(&vault, &soap.id).await.expect("finalise");
    notes::add_addendum(&vault, &soap.id, ADDENDUM).await.expect("addendum");

    let paragraph = "Zoë described the week in detail: early waking, racing thoughts about work, and a \
                     walk by the river that helped. We explored the pattern and practised slow breathing. ";
    let long_text =
        format!("{}\n\n{LONG_NOTE_END}", (0..14).map(|_| paragraph.repeat(4)).collect::<Vec<_>>().join("\n\n"));
    let long = notes::add_note(
        &vault,
        NewSessionNote {
            client_id: id.clone(),
            draft: NoteDraft {
                session_date: day("2026-09-16"),
                duration_minutes: 60,
                mode: SessionMode::Video,
                template: NoteTemplate::Free,
                sections: vec![NoteSection { key: "note".into(), text: long_text }],
                goal_ids: vec![],
            },
        },
    )
    .await
    .expect("long note");
    notes::finalise_note(&vault, &long.id).await.expect("finalise long");

    notes::add_note(
        &vault,
        NewSessionNote {
            client_id: id.clone(),
            draft: NoteDraft {
                session_date: day("2026-10-01"),
                duration_minutes: 45,
                mode: SessionMode::Phone,
                template: NoteTemplate::Dap,
                sections: vec![NoteSection { key: "data".into(), text: "Draft text, still being written.".into() }],
                goal_ids: vec![],
            },
        },
    )
    .await
    .expect("draft note");

    // A goal with steps and a review.
    let goal = goals::add_goal(
        &vault,
        NewGoal {
            client_id: Some(id.clone()),
            title: "Sleep through the night".into(),
            specific: "Go to bed by 23:00 on weeknights".into(),
            measurable: "Sleep diary: 5 of 7 nights".into(),
            target_date: Some(day("2026-12-31")),
            status: GoalStatus::Active,
            ..NewGoal::default()
        },
    )
    .await
    .expect("goal");
    let step = |d: &str, status, progress| StepDetails {
        description: d.into(),
        owner: StepOwner::Client,
        due_date: Some(day("2026-10-15")),
        status,
        progress,
    };
    goals::steps::add_step(&vault, &goal.id, step("Keep a sleep diary", StepStatus::Done, 100)).await.expect("step");
    goals::steps::add_step(&vault, &goal.id, step("No screens after 22:00", StepStatus::Doing, 40))
        .await
        .expect("step");
    goals::add_review(
        &vault,
        &goal.id,
        NewReview {
            review_date: day("2026-10-20"),
            rating: 3,
            note: "Better on weekdays".into(),
            next_review_on: None,
        },
    )
    .await
    .expect("review");

    // Weekly appointments, one attended.
    let start = Utc.with_ymd_and_hms(2026, 9, 2, 9, 0, 0).single().expect("time");
    let appt = appointments::add_appointment(
        &vault,
        NewAppointment {
            client_id: id.clone(),
            starts_at: start,
            ends_at: start + chrono::TimeDelta::minutes(50),
            time_zone: Some("UTC".into()),
            mode: SessionMode::InPerson,
            location: Some("Room 2".into()),
            repeat: RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(6) },
            reminder_minutes: Some(60),
            notes: "PRIVATE appointment note".into(),
        },
    )
    .await
    .expect("appointment");
    appointments::set_occurrence_status(&vault, &appt.id, start, OccurrenceStatus::Attended).await.expect("attended");

    // Measures: PHQ-9 improving over four administrations (item 9 once above 0), GAD-7 three times.
    let phq = [
        ("2026-09-02", [3, 3, 2, 2, 2, 2, 2, 1, 1]),
        ("2026-09-16", [2, 2, 2, 2, 1, 2, 1, 1, 0]),
        ("2026-10-01", [2, 1, 1, 1, 1, 1, 1, 0, 0]),
        ("2026-10-20", [1, 1, 0, 1, 0, 1, 0, 0, 0]),
    ];
    for (d, answers) in phq {
        record(&vault, &id, Instrument::Phq9, d, &answers).await;
    }
    for (d, answers) in [
        ("2026-09-02", [3, 2, 2, 3, 2, 2, 2]),
        ("2026-10-01", [2, 2, 1, 2, 1, 1, 1]),
        ("2026-10-20", [1, 1, 1, 1, 0, 1, 0]),
    ] {
        record(&vault, &id, Instrument::Gad7, d, &answers).await;
    }
    clinical::raise_risk_flag(
        &vault,
        NewRiskFlag {
            client_id: Some(id.clone()),
            source: RiskSource::Mentor,
            level: RiskLevel::Medium,
            description: "Mentioned stockpiling sleeping tablets".into(),
            raised_on: day("2026-09-16"),
        },
    )
    .await
    .expect("risk flag");

    let mut plan = BTreeMap::new();
    let item = |t: &str, c: Option<&str>| SafetyPlanItem { text: t.into(), contact: c.map(str::to_owned) };
    plan.insert(SafetyPlanSection::WarningSigns, vec![item("Lying awake past 3am", None)]);
    plan.insert(SafetyPlanSection::PeopleToAskForHelp, vec![item("Øystein (brother)", Some("+47 912 34 567"))]);
    plan.insert(SafetyPlanSection::ReasonsForLiving, vec![item("My cat, Mochi", None)]);
    clinical::save_safety_plan(&vault, Some(&id), plan).await.expect("safety plan");

    let consent = clinical::record_consent(
        &vault,
        NewConsent {
            client_id: Some(id.clone()),
            scope: "Share session summaries with my GP".into(),
            given_on: day("2026-09-02"),
            expires_on: None,
            notes: "Signed form".into(),
            lawful_basis: Some(LawfulBasis::Consent),
            art9_condition: Some(Art9Condition::A),
            art9_other: None,
        },
    )
    .await
    .expect("consent");
    clinical::log_disclosure(
        &vault,
        NewDisclosure {
            client_id: Some(id.clone()),
            what: "Summary of sessions 1–3".into(),
            recipient: "Dr. Émilie Roux (GP)".into(),
            disclosed_on: day("2026-10-02"),
            basis: DisclosureBasis::Consent { consent_id: consent.id },
            notes: String::new(),
        },
    )
    .await
    .expect("disclosure");
    clinical::add_referral(
        &vault,
        ReferralInput {
            client_id: Some(id.clone()),
            referred_to: "Sleep clinic, St. Olav's".into(),
            reason: "Persistent early waking".into(),
            referred_on: day("2026-10-05"),
            status: ReferralStatus::Sent,
            follow_up_on: Some(day("2026-11-05")),
            notes: String::new(),
        },
    )
    .await
    .expect("referral");

    add_journal(&vault).await;
    (vault, id)
}

async fn record(vault: &Vault, id: &str, instrument: Instrument, d: &str, answers: &[i64]) {
    clinical::record_measure(
        vault,
        NewMeasure {
            client_id: Some(id.to_owned()),
            instrument,
            administered_on: day(d),
            answers: answers.iter().map(|a| Some(*a)).collect(),
            functional_difficulty: Some(1),
            notes: String::new(),
        },
    )
    .await
    .expect("measure");
}

/// Journal content from 2026-10-01 to 2026-10-20, plus one entry outside that range.
async fn add_journal(vault: &Vault) {
    let entry = |d: &str, title: &str, body: &str| NewJournalEntry {
        entry_date: Some(day(d)),
        title: title.into(),
        body: body.into(),
        mood: Some(6),
        tags: vec!["reflection".into()],
        ..NewJournalEntry::default()
    };
    journal::entries::add_entry(vault, entry("2026-10-02", "Première séance", INJECTION)).await.expect("entry");
    journal::entries::add_entry(vault, entry("2026-10-10", "Quiet day", CYRILLIC)).await.expect("entry");
    journal::entries::add_entry(vault, entry("2026-09-01", "Outside the range", "not exported")).await.expect("entry");
    for (t, mood, low) in [
        ("2026-10-01T08:00:00+02:00", 4, true),
        ("2026-10-01T20:00:00+02:00", 6, false),
        ("2026-10-05T09:00:00+02:00", 5, false),
        ("2026-10-12T09:00:00+02:00", 7, false),
        ("2026-10-19T21:00:00+02:00", 8, false),
    ] {
        journal::mood::add_mood_checkin(
            vault,
            NewMoodCheckIn {
                at: Some(at(t)),
                mood: Some(mood),
                emotions: if low { vec!["anxious".into()] } else { vec!["calm".into()] },
                energy: Some(5),
                sleep_hours: Some(6.5),
                note: if low { "Woke at 4am".into() } else { String::new() },
            },
        )
        .await
        .expect("mood");
    }
    journal::thought_records::add_thought_record(
        vault,
        NewThoughtRecord {
            record_date: Some(day("2026-10-07")),
            situation: "Manager asked for a meeting".into(),
            moods: vec![RatedMood { name: "anxious".into(), intensity: 80, rerated: Some(40) }],
            automatic_thoughts: vec![AutomaticThought {
                text: "I'm going to be fired".into(),
                belief: Some(75),
                hot: true,
            }],
            evidence_for: "Missed a deadline".into(),
            evidence_against: "Good review in June".into(),
            balanced_thought: "One missed deadline is not the whole picture".into(),
            balanced_belief: Some(60),
        },
    )
    .await
    .expect("thought record");
    journal::activation::add_activation(
        vault,
        NewActivation {
            activity: "Walk by the river".into(),
            at: Some(at("2026-10-08T17:00:00+02:00")),
            status: ActivationStatus::Done,
            mastery: Some(4),
            pleasure: Some(8),
            note: String::new(),
        },
    )
    .await
    .expect("activation");
    journal::gratitude::add_gratitude_entry(
        vault,
        NewGratitudeEntry {
            entry_date: Some(day("2026-10-09")),
            items: vec![GratitudeItem { thing: "Coffee with Åsa".into(), why: "I reached out".into() }],
        },
    )
    .await
    .expect("gratitude");
}

/// An ordinary export of `client_id`'s record to the GP, on legitimate interests (the
/// disclosure it writes is asserted in tests/export_disclosures.rs).
#[allow(dead_code)]
pub fn request(client_id: &str, format: wellkept::export::Format) -> wellkept::export::ClientExport {
    wellkept::export::ClientExport {
        client_id: client_id.to_owned(),
        format,
        recipient: "Dr. Émilie Roux (GP)".into(),
        basis: Some(wellkept::export::ExportBasis::LawfulBasis { lawful_basis: LawfulBasis::LegitimateInterests }),
        right_of_access: false,
        private_note_ids: vec![],
    }
}
