//! `wellkept-e2e-seed`: writes the known vault the oracle end-to-end tests read back through
//! the window (tests/e2e/*-oracle-*.test.js). Everything goes through the core's public API,
//! exactly as the app's commands would write it; nothing is inserted behind the core's back.
//!
//! Usage: `WELLKEPT_TEST_CLOCK=2026-04-02T08:30:00Z TZ=Europe/London wellkept-e2e-seed <vault-dir> [--scenario client-tools|risk-flags|measures|calendar]`
//! (the calendar scenario runs on WELLKEPT_TEST_CLOCK=2026-10-22T08:30:00Z, see `seed_calendar`)
//!
//! The vault is made with its key in the keychain (so the app unlocks without typing) and no
//! passphrase. The fixture, "a mentor's week around the clocks going forward": the test clock
//! says Thursday 2 April 2026, 09:30 in London; British Summer Time began on Sunday 29 March at
//! 01:00 UTC, and March turned into April two days ago. What the window must show for it is
//! written out, value by value, in the tests, not derived from this file.
//!
//! - Clients: Jordan Rivers ("Jo", active), Sam Patel (active), Alex Morgan (paused), Casey Byrne
//!   (active, then moved to the trash: out of the counts, its open flag stays in view).
//! - Sessions: today 14:00 BST with Jo, today 11:00 BST with Sam (cancelled), tomorrow 10:00 BST
//!   with Sam, and Sam at 00:45 BST on Fri 10 Apr (still the 9th in UTC).
//! - Goals and steps: Jo "Sleep before midnight" with a step due Mon 30 Mar (overdue), one due
//!   Thu 9 Apr (not yet due), one due Fri 27 Mar but done; Sam "Back to the allotment" with a step
//!   due Tue 31 Mar (overdue); the mentor's own goal "Finish the CPD log".
//! - Notes: two drafts (Jo, Sam) and one finalised (Jo).
//! - Measures: Jo PHQ-9 on Sun 1 Mar (total 14, item 9 "Not at all") and on Sun 29 Mar (the DST
//!   day; total 9, item 9 "Several days": raises a medium flag). Schedules: Jo PHQ-9 every 14 days
//!   (next due Sun 12 Apr: not due), Sam GAD-7 every 28 days from Sun 15 Mar (never given: 18 days
//!   overdue).
//! - Risk flags: Jo's from the PHQ-9 (open), Sam high "Said he has thought about ending his life"
//!   raised Fri 27 Mar and resolved Sat 28 Mar, Casey medium "Lost housing" raised Tue 31 Mar.
//! - Referrals: Jo to "Steps2Wellbeing Talking Therapies" (sent, follow up Wed 1 Apr: due), Sam to
//!   "Citizens Advice" (sent, follow up Mon 20 Apr: not yet).
//! - Consent (Jo): "Letters to the GP" (12 Jan, expires 31 Dec) and "Sharing with Talking
//!   Therapies" (20 Mar), under which the "Referral letter" was disclosed on 20 Mar.
//! - Credentials: "DBS check" expired Fri 20 Mar, "Mental Health First Aid" expires Fri 15 May
//!   (within 60 days), "Coaching diploma" valid to 2027 (not shown). Training: 6.5 h on 10 Mar.
//! - Mood check-ins (the journal's own): 3 Mar 7 (outside the 30 days), 28 Mar 23:30 GMT 4,
//!   29 Mar 23:30 BST 6 (22:30 UTC: still the 29th where the user is), 31 Mar 5 and 7 (average
//!   6), 1 Apr 8, 2 Apr 08:00 BST 7.
//! - Journal entries: "Last day of March" (31 Mar), "April already" (1 Apr), "The clocks went
//!   forward" (29 Mar), with moods 5, 8 and 6; "Too raw to keep" (30 Mar) in the trash.
//! - Received: the owner's own mentor, Dr. Morgan Hale (a throwaway second vault), shares the
//!   homework "Notice one good moment a day" (due 9 Apr) and the resource "Sleep and the clocks
//!   changing"; the seeded vault imports the sealed bundle.
//!
//! `--scenario attachments` writes all of the above and three attachments
//! (tests/e2e/25-attachments.test.js): "allotment.png" (a 3×2 PNG) on the entry "April already",
//! "consent-form.pdf" on Jo, "sleep-diary.txt" on Jo's finalised note of Thu 19 Mar.
//!
//! `--scenario risk-flags` writes all of the above and then (tests/e2e/15-risk-flags.test.js)
//! four more open flags, raised by the mentor: Sam high "Talked about giving his things away"
//! (Mon 23 Mar), Alex medium "Missed two sessions without word" (Tue 24 Mar), Sam medium
//! "Sleeping badly again" (Wed 1 Apr) and Jo low "Drinking more at weekends" (Wed 18 Mar).
//!
//! `--scenario every-kind` writes all of the above and the owner's self-help records and the
//! mentor's extras that `client-tools` writes (below), without what a client shared: one record
//! or more of every kind the window edits in a list (tests/e2e/19-every-kind-edit-trash.test.js)
//! and the owner's safety plan to print (tests/e2e/21-safety-plan-print.test.js).
//!
//! `--scenario client-tools` writes all of the above and then, on top (tests/e2e/11- and
//! 14-oracle-*.test.js), the owner's own self-help records and what a client shared:
//! - Thought records: Mon 30 Mar "Missed the bus to the allotment" (balanced thought "Buses are
//!   late for everyone; one missed bus is not a wasted day.") and Wed 1 Apr "Quiet in the
//!   supervision group" (no balanced thought yet).
//! - Activity log: "Walk by the river" done Sat 28 Mar 23:30 GMT (mastery 3, pleasure 7), "Dig
//!   the allotment bed" done Sun 29 Mar 23:30 BST = 22:30 UTC (mastery 8, pleasure 6), "Swim"
//!   skipped Tue 31 Mar 07:00 BST (no ratings), "Call Mum" planned Fri 3 Apr 18:00 BST.
//! - Three good things: Tue 31 Mar (two things), Wed 1 Apr (three, one without a why).
//! - Coping toolbox: own "Cold water on my face" (soothing, used twice, helps 4/5), the
//!   built-in "box-breathing" (never used) and own "Text Sam" (connection, used once, no rating).
//! - My safety plan, version 1, saved at the test clock's "now": warning signs "Not sleeping",
//!   "Skipping meals"; coping "Cold water on my face"; people "Mum" (07700 900123); reason for
//!   living "The allotment in summer".
//! - The mentor's side: Jo's safety plan (version 1, saved at "now": warning sign "Staying up
//!   past two"), the library "Sleep hygiene leaflet" (category sleep, a link) and "Local walking
//!   groups" (category community, no link), and supervision with "Dr. Ann Lee" on Wed 25 Mar
//!   (actions "Review Jo's sleep plan").
//! - From the owner's mentor, in the same bundle as the homework: the action plan "Wind down
//!   before bed" (goal "Asleep by midnight on work nights"; "Phone downstairs at ten", the
//!   client's, under way, by 6 Apr; "Check in about sleep next session", the mentor's, not started).
//! - Shared by a client: Jo's vault (contact "Jordan Rivers", linked to Jo's client record) sends
//!   a journal entry written Wed 1 Apr 21:00 BST, a mood check-in (2 of 5) recorded Thu 2 Apr
//!   00:30 BST (23:30 UTC on the 1st) and a thought record; the seeded vault imports them.
//!
//! `--scenario reminders` writes the base fixture and (tests/e2e/20-reminders.test.js, clock
//! pinned to 09:29:50 BST) Sam's video session at 09:45 BST with a reminder 15 minutes before,
//! Jo's at 10:30 BST with a reminder 30 minutes before (not due during the test), and the
//! daily check-in reminder on at 09:30 for the journal and mood.
//! `--scenario contact-roles` writes the base fixture and then (tests/e2e/22-contact-roles.test.js):
//! a client of the owner's, "Jordan Rivers" (confirmed as "my client"), shares a safety plan
//! (warning sign "Staying up past two"), kept and not filed; the owner's own safety plan,
//! version 1, saved at the clock's "now" (warning sign "Not sleeping"; people "Mum" 07700
//! 900123); then Dr. Morgan Hale ("my mentor") proposes two plans in two shares: one made Mon
//! 30 Mar 18:00 BST (warning sign "Pacing at night"), older than the owner's plan, and one made
//! just after it (warning signs "Not sleeping", "Cancelling plans with friends"; coping "Walk to
//! the allotment"; people "Mum" 07700 900123; reason "My sister's wedding in June"). The card
//! of "Alex Okafor", not a contact yet, is written beside the vault as `contact-card.txt`.
//!
//! `--scenario billing` writes the base fixture and then (tests/e2e/24-billing.test.js) billing
//! set up in GBP (50 minutes in person £48.00, by video or phone £45.00; 14 days' terms;
//! "Riverside Mentoring"), Sam's in-person session Mon 2 Mar attended and invoiced as INV-0001
//! (issued 2 Mar, due Mon 16 Mar, £10.00 paid 9 Mar: £38.00 overdue by 17 days), and Jo's video
//! session on Wed 1 Apr 10:00 BST, not marked (see `seed_billing`).
//!
//! `--scenario billing_corrections` writes what `billing` writes and then
//! (tests/e2e/28-billing-corrections.test.js) Jo's INV-0002 (£96.00, issued Tue 10 Mar, £50.00
//! paid by card Fri 13 Mar), Jo's INV-0003 (£48.00, issued Tue 17 Mar, nothing paid) and a draft
//! for Sam's session of Mon 23 Mar (see `seed_billing_corrections`); and the owner's own
//! supervisor "Priya Shah" shares her INV-0001 to the owner (£60.00, issued Mon 23 Mar, due Mon
//! 6 Apr, nothing paid), imported as received (see `receive_invoice_from_supervisor`).
//! `--scenario private_notes` writes the base fixture and then (tests/e2e/27-private-notes
//! .test.js) Casey Moore with a finalised record note and a private draft (see
//! `seed_private_notes`).
//!
//! `--scenario measures` writes the base fixture (without the client-tools records) and more
//! measure schedules (see `seed_measure_schedules`; tests/e2e/16-measures.test.js).
//!
//! `--scenario goals-notes` writes the base fixture and then (tests/e2e/18-goals-notes-consent
//! .test.js) review days: Sam's "Back to the allotment" Mon 30 Mar (3 days overdue), Jo's "Sleep
//! before midnight" Thu 2 Apr (due today), Jo's new "Walk to work twice a week" Fri 3 Apr and the
//! mentor's "Finish the CPD log" Fri 10 Apr (neither due); Jo's "Sleep before midnight" reviewed
//! on Thu 19 Mar (rated 2, "Diary started"); and a SOAP draft for Jo on Tue 31 Mar saved twice:
//! first "Slept badly most nights this week." / "Keep the sleep diary.", then "Slept well most
//! nights this week." / "Keep the walking diary.", linked to no goal.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use wellkept::clinical::{
    self, Art9Condition, CredentialInput, DisclosureBasis, Instrument, LawfulBasis, NewConsent, NewDisclosure,
    NewMeasure, NewMeasureSchedule, NewRiskFlag, ReferralInput, ReferralStatus, ResourceInput, RiskLevel, RiskSource,
    SafetyPlanContent, SafetyPlanItem, SafetyPlanSection, SupervisionInput, TrainingInput,
};
use wellkept::exchange::items::{ActionPlan, ActionStep, Homework, Resource, StepOwner, StepStatus as PlanStepStatus};
use wellkept::exchange::{BundleContent, BundleKind, SharedItem, store};
use wellkept::journal::{
    ActivationStatus, AutomaticThought, CopingCategory, GratitudeItem, NewActivation, NewCopingStrategy,
    NewGratitudeEntry, NewJournalEntry, NewMoodCheckIn, NewThoughtRecord, RatedMood, activation, coping, entries,
    gratitude, mood, thought_records,
};
use wellkept::practice::appointments::{self, AppointmentDetails, OccurrenceStatus, RepeatRule, SessionMode};
use wellkept::practice::clients::{self, ClientDetails, ClientStatus};
use wellkept::practice::goals::{self, GoalDetails, StepDetails, StepStatus, steps};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft};
use wellkept::practice::templates::{NoteSection, NoteTemplate};
use wellkept::settings::{CheckInKind, DailyReminder};
use wellkept::vault::{CreateOptions, Vault};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let names: Vec<&str> = SCENARIOS.iter().map(|(name, _)| *name).collect();
    let usage = format!(
        "usage: wellkept-e2e-seed <vault-dir> [--scenario {}]   (with WELLKEPT_TEST_CLOCK and TZ set)",
        names.join("|")
    );
    let (dir, scenario) = match args.as_slice() {
        [dir] => (PathBuf::from(dir), None),
        [dir, flag, name] if flag == "--scenario" && SCENARIOS.iter().any(|(n, _)| name == n) => {
            let scenario = SCENARIOS.iter().find(|(n, _)| name == n).map(|(_, s)| *s);
            (PathBuf::from(dir), scenario)
        }
        _ => {
            eprintln!("{usage}");
            return ExitCode::from(64);
        }
    };
    // The fixture's "today" only means something on the test clock.
    match wellkept::clock::test_clock_start() {
        Ok(Some(_)) => {}
        Ok(None) => {
            eprintln!("wellkept-e2e-seed: set WELLKEPT_TEST_CLOCK (e.g. 2026-04-02T08:30:00Z) and TZ=Europe/London");
            return ExitCode::from(64);
        }
        Err(message) => {
            eprintln!("wellkept-e2e-seed: {message}");
            return ExitCode::from(64);
        }
    }
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("wellkept-e2e-seed: could not start: {e}");
            return ExitCode::from(70);
        }
    };
    match runtime.block_on(seed(&dir, scenario)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wellkept-e2e-seed: {e}");
            if let Some(detail) = e.detail() {
                eprintln!("  (details: {detail})");
            }
            ExitCode::FAILURE
        }
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("the fixture's dates are written as YYYY-MM-DD")
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("the fixture's times are written in RFC 3339")
}

fn utc(s: &str) -> DateTime<Utc> {
    at(s).with_timezone(&Utc)
}

/// What `--scenario` adds on top of the base fixture.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scenario {
    /// The owner's self-help records and what a client shared.
    ClientTools,
    /// Four more open risk flags (tests/e2e/15-risk-flags.test.js).
    RiskFlags,
    /// More measure schedules (tests/e2e/16-measures.test.js).
    Measures,
    /// The client-tools records without what a client shared: one of every kind edited in a
    /// list (tests/e2e/19-every-kind-edit-trash.test.js, 21-safety-plan-print.test.js).
    EveryKind,
    /// A session reminder and the daily check-in reminder just after the pinned start
    /// (tests/e2e/20-reminders.test.js).
    Reminders,
    /// Goal review days, a goal review and a note with two revisions
    /// (tests/e2e/18-goals-notes-consent.test.js).
    GoalsNotes,
    /// The calendar across the October clock change (tests/e2e/17-calendar.test.js); run with
    /// WELLKEPT_TEST_CLOCK=2026-10-22T08:30:00Z TZ=Europe/London.
    Calendar,
    /// A client contact's safety plan, the owner's own plan and two plans the owner's mentor
    /// proposed, one made before that plan and one after (tests/e2e/22-contact-roles.test.js).
    ContactRoles,
    /// Robin Hale: one finalised note, a consent and a disclosure under a legal duty, nothing
    /// else, so a right-of-access export's index has known counts
    /// (tests/e2e/23-disclosures.test.js).
    Disclosures,
    /// Billing set up (GBP, 50-minute fees, 14 days' terms, the business details), Sam's INV-0001
    /// issued Mon 2 Mar and part paid (overdue since Mon 16 Mar), and Jo's video session
    /// yesterday not yet marked (tests/e2e/24-billing.test.js).
    Billing,
    /// `Billing` plus Jo's INV-0002 (part paid) and INV-0003 (nothing paid) and a draft for Sam,
    /// to be corrected in the window (tests/e2e/28-billing-corrections.test.js).
    BillingCorrections,
    /// Four closed clients for retention and erasure (tests/e2e/26-retention-erasure.test.js):
    /// Noor Das and Pat Quinn, whose retention has ended, Lee Ward under retention, and Kim
    /// Ellis, kept longer by the age rule (see `seed_retention`).
    Retention,
    /// Casey Moore: a finalised record note and a private note on the same day, nothing else
    /// (tests/e2e/27-private-notes.test.js).
    PrivateNotes,
    /// Attachments (tests/e2e/25-attachments.test.js): "allotment.png" (3×2 pixels) on the entry
    /// "April already", "consent-form.pdf" on Jo, "sleep-diary.txt" on Jo's finalised note of
    /// Thu 19 Mar; all attached at the pinned clock (Thu 2 Apr 2026).
    Attachments,
    /// A second computer ("Laptop at home", last seen Sat 28 Mar 2026 19:05 UTC) opened the
    /// vault before the app's computer did: the real `wellkept` binary beside this one, run
    /// with a state folder of its own (tests/e2e/29-devices.test.js).
    Devices,
    /// What Jo shared (as `ClientTools` receives it) with two files attached to the received
    /// journal entry "Slept with the phone downstairs" at the pinned clock: "bedside.png" (3×2
    /// pixels, 86 bytes) and "sleep-log.pdf" (tests/e2e/30-received-attachments.test.js).
    /// Beside the vault, `jo-allotment.wkshare`: a second share from Jo, not imported, of her
    /// entry "The allotment" with "allotment.png" and "plan.pdf" attached, so they travel in it.
    ReceivedAttachments,
}

/// Each scenario by the name the tests pass after `--scenario`.
const SCENARIOS: &[(&str, Scenario)] = &[
    ("client-tools", Scenario::ClientTools),
    ("risk-flags", Scenario::RiskFlags),
    ("measures", Scenario::Measures),
    ("every-kind", Scenario::EveryKind),
    ("reminders", Scenario::Reminders),
    ("goals-notes", Scenario::GoalsNotes),
    ("calendar", Scenario::Calendar),
    ("contact-roles", Scenario::ContactRoles),
    ("disclosures", Scenario::Disclosures),
    ("billing", Scenario::Billing),
    ("billing_corrections", Scenario::BillingCorrections),
    ("retention", Scenario::Retention),
    ("private_notes", Scenario::PrivateNotes),
    ("attachments", Scenario::Attachments),
    ("devices", Scenario::Devices),
    ("received-attachments", Scenario::ReceivedAttachments),
];

async fn seed(dir: &std::path::Path, scenario: Option<Scenario>) -> wellkept::Result<()> {
    let client_tools = scenario == Some(Scenario::ClientTools);
    let created =
        Vault::create(dir, CreateOptions { passphrase: None, use_keychain: true, ..Default::default() }).await?;
    if let Some(error) = created.keychain_error {
        // The app under test unlocks from the keychain; without it the tests cannot start.
        return Err(error);
    }
    let vault = created.vault;
    let v = &vault;

    let client = |name: &str, preferred: Option<&str>, status: ClientStatus| ClientDetails {
        name: name.into(),
        preferred_name: preferred.map(str::to_owned),
        status,
        start_date: Some(day("2026-01-12")),
        ..Default::default()
    };
    let jo = clients::add_client(v, client("Jordan Rivers", Some("Jo"), ClientStatus::Active)).await?.id;
    let sam = clients::add_client(v, client("Sam Patel", None, ClientStatus::Active)).await?.id;
    clients::add_client(v, client("Alex Morgan", None, ClientStatus::Paused)).await?;
    let casey = clients::add_client(v, client("Casey Byrne", None, ClientStatus::Active)).await?.id;

    let session = |client_id: &str, start: &str| AppointmentDetails {
        client_id: client_id.into(),
        starts_at: utc(start),
        ends_at: utc(start) + TimeDelta::minutes(50),
        time_zone: None,
        mode: SessionMode::InPerson,
        location: Some("Room 2, Riverside Centre".into()),
        repeat: RepeatRule::default(),
        reminder_minutes: None,
        notes: String::new(),
    };
    appointments::add_appointment(v, session(&jo, "2026-04-02T14:00:00+01:00")).await?;
    let cancelled = appointments::add_appointment(v, session(&sam, "2026-04-02T11:00:00+01:00")).await?;
    appointments::set_occurrence_status(v, &cancelled.id, cancelled.starts_at, OccurrenceStatus::Cancelled).await?;
    appointments::add_appointment(v, session(&sam, "2026-04-03T10:00:00+01:00")).await?;
    // A night-shift worker's session just after midnight: 23:45 UTC on Thursday the 9th.
    appointments::add_appointment(v, session(&sam, "2026-04-10T00:45:00+01:00")).await?;

    let goal = |client_id: Option<&str>, title: &str| GoalDetails {
        client_id: client_id.map(str::to_owned),
        title: title.into(),
        ..Default::default()
    };
    let step = |description: &str, due: &str, status: StepStatus| StepDetails {
        description: description.into(),
        due_date: Some(day(due)),
        status,
        ..Default::default()
    };
    let sleep = goals::add_goal(v, goal(Some(&jo), "Sleep before midnight")).await?;
    steps::add_step(v, &sleep.id, step("Keep a sleep diary", "2026-03-30", StepStatus::Todo)).await?;
    steps::add_step(v, &sleep.id, step("No screens after 23:00", "2026-04-09", StepStatus::Todo)).await?;
    steps::add_step(v, &sleep.id, step("Buy an alarm clock", "2026-03-27", StepStatus::Done)).await?;
    let allotment = goals::add_goal(v, goal(Some(&sam), "Back to the allotment")).await?;
    steps::add_step(v, &allotment.id, step("Ask about a half plot", "2026-03-31", StepStatus::Todo)).await?;
    goals::add_goal(v, goal(None, "Finish the CPD log")).await?;

    let note = |client_id: &str, date: &str, text: &str| NewSessionNote {
        client_id: client_id.into(),
        draft: NoteDraft {
            session_date: day(date),
            duration_minutes: 50,
            mode: SessionMode::InPerson,
            template: NoteTemplate::Free,
            sections: vec![NoteSection { key: "note".into(), text: text.into() }],
            goal_ids: vec![],
        },
    };
    notes::add_note(v, note(&jo, "2026-03-26", "Jo talked about the sleep diary.")).await?;
    notes::add_note(v, note(&sam, "2026-03-27", "Sam wants to get back to the allotment.")).await?;
    let signed = notes::add_note(v, note(&jo, "2026-03-19", "First look at sleep.")).await?;
    notes::finalise_note(v, &signed.id).await?;

    let phq9 = |on: &str, answers: [i64; 9]| NewMeasure {
        client_id: Some(jo.clone()),
        instrument: Instrument::Phq9,
        administered_on: day(on),
        answers: answers.into_iter().map(Some).collect(),
        functional_difficulty: Some(1),
        notes: String::new(),
    };
    clinical::record_measure(v, phq9("2026-03-01", [2, 2, 2, 2, 1, 2, 2, 1, 0])).await?;
    clinical::record_measure(v, phq9("2026-03-29", [1, 1, 2, 1, 1, 1, 1, 0, 1])).await?;
    let schedule = |client_id: &str, instrument: Instrument, every_days: u32, starts_on: &str| NewMeasureSchedule {
        client_id: Some(client_id.into()),
        instrument,
        every_days,
        starts_on: day(starts_on),
    };
    clinical::set_measure_schedule(v, schedule(&jo, Instrument::Phq9, 14, "2026-03-01")).await?;
    clinical::set_measure_schedule(v, schedule(&sam, Instrument::Gad7, 28, "2026-03-15")).await?;

    let flag = |client_id: &str, level: RiskLevel, description: &str, raised_on: &str| NewRiskFlag {
        client_id: Some(client_id.into()),
        source: RiskSource::ClientDisclosure,
        level,
        description: description.into(),
        raised_on: day(raised_on),
    };
    let resolved = clinical::raise_risk_flag(
        v,
        flag(&sam, RiskLevel::High, "Said he has thought about ending his life", "2026-03-27"),
    )
    .await?;
    clinical::resolve_risk_flag(v, &resolved.id, day("2026-03-28"), "Safety plan written together; GP informed.")
        .await?;
    clinical::raise_risk_flag(v, flag(&casey, RiskLevel::Medium, "Lost housing", "2026-03-31")).await?;
    clients::delete_client(v, &casey).await?;

    let referral = |client_id: &str, to: &str, reason: &str, follow_up: &str| ReferralInput {
        client_id: Some(client_id.into()),
        referred_to: to.into(),
        reason: reason.into(),
        referred_on: day("2026-03-20"),
        status: ReferralStatus::Sent,
        follow_up_on: Some(day(follow_up)),
        notes: String::new(),
    };
    clinical::add_referral(
        v,
        referral(&jo, "Steps2Wellbeing Talking Therapies", "Low mood and poor sleep", "2026-04-01"),
    )
    .await?;
    let consent = |scope: &str, given_on: &str, expires_on: Option<&str>| NewConsent {
        client_id: Some(jo.clone()),
        scope: scope.into(),
        given_on: day(given_on),
        expires_on: expires_on.map(day),
        notes: String::new(),
        lawful_basis: Some(LawfulBasis::Consent),
        art9_condition: Some(Art9Condition::A),
        art9_other: None,
    };
    clinical::record_consent(v, consent("Letters to the GP", "2026-01-12", Some("2026-12-31"))).await?;
    let sharing = clinical::record_consent(v, consent("Sharing with Talking Therapies", "2026-03-20", None)).await?;
    let disclosure = NewDisclosure {
        client_id: Some(jo.clone()),
        what: "Referral letter".into(),
        recipient: "Steps2Wellbeing Talking Therapies".into(),
        disclosed_on: day("2026-03-20"),
        basis: DisclosureBasis::Consent { consent_id: sharing.id },
        notes: String::new(),
    };
    clinical::log_disclosure(v, disclosure).await?;
    clinical::add_referral(v, referral(&sam, "Citizens Advice", "Debt worries", "2026-04-20")).await?;

    let credential = |title: &str, issuer: &str, valid_to: &str| CredentialInput {
        title: title.into(),
        issuer: issuer.into(),
        number: None,
        valid_from: Some(day("2024-01-01")),
        valid_to: Some(day(valid_to)),
        notes: String::new(),
    };
    clinical::add_credential(v, credential("DBS check", "Disclosure and Barring Service", "2026-03-20")).await?;
    clinical::add_credential(v, credential("Mental Health First Aid", "MHFA England", "2026-05-15")).await?;
    clinical::add_credential(v, credential("Coaching diploma", "Open College", "2027-06-30")).await?;
    let training = TrainingInput {
        title: "Suicide awareness".into(),
        provider: "Zero Suicide Alliance".into(),
        completed_on: day("2026-03-10"),
        hours: 6.5,
        notes: String::new(),
    };
    clinical::add_training(v, training).await?;

    for (when, score) in [
        ("2026-03-03T20:00:00+00:00", 7),
        ("2026-03-28T23:30:00+00:00", 4),
        ("2026-03-29T23:30:00+01:00", 6),
        ("2026-03-31T09:00:00+01:00", 5),
        ("2026-03-31T21:00:00+01:00", 7),
        ("2026-04-01T20:00:00+01:00", 8),
        ("2026-04-02T08:00:00+01:00", 7),
    ] {
        mood::add_mood_checkin(v, NewMoodCheckIn { at: Some(at(when)), mood: Some(score), ..Default::default() })
            .await?;
    }
    let mut april = String::new();
    for (on, title, body, score) in [
        ("2026-03-29", "The clocks went forward", "Lost an hour and felt it all day.", 6),
        ("2026-03-31", "Last day of March", "Walked by the river after work.", 5),
        ("2026-04-01", "April already", "A good day at the allotment with Sam's seedlings.", 8),
    ] {
        let entry = NewJournalEntry {
            entry_date: Some(day(on)),
            title: title.into(),
            body: body.into(),
            mood: Some(score),
            ..Default::default()
        };
        let added = entries::add_entry(v, entry).await?;
        if title == "April already" {
            april = added.id;
        }
    }
    let regretted = NewJournalEntry {
        entry_date: Some(day("2026-03-30")),
        title: "Too raw to keep".into(),
        body: "Written late and angry.".into(),
        ..Default::default()
    };
    let regretted = entries::add_entry(v, regretted).await?;
    entries::delete_entry(v, &regretted.id).await?;
    let roles = scenario == Some(Scenario::ContactRoles);
    if roles {
        receive_plan_from_client(v).await?;
        write_new_contacts_card(dir).await?;
    }
    receive_from_own_mentor(v, client_tools, roles).await?;
    if client_tools {
        seed_client_tools(v).await?;
        seed_mentor_extras(v, &jo).await?;
        receive_from_client(v, &jo, None).await?;
    }
    if scenario == Some(Scenario::RiskFlags) {
        seed_risk_flags(v).await?;
    }
    if scenario == Some(Scenario::Measures) {
        seed_measure_schedules(v, &jo, &sam).await?;
    }
    if scenario == Some(Scenario::EveryKind) {
        seed_client_tools(v).await?;
        seed_mentor_extras(v, &jo).await?;
    }
    if scenario == Some(Scenario::Reminders) {
        seed_reminders(v, &sam, &jo).await?;
    }
    if scenario == Some(Scenario::GoalsNotes) {
        seed_goals_notes(v, &jo, &sleep.id, &allotment.id).await?;
    }
    if scenario == Some(Scenario::Calendar) {
        seed_calendar(v, &jo, &sam).await?;
    }
    if scenario == Some(Scenario::Disclosures) {
        seed_disclosures(v).await?;
    }
    if scenario == Some(Scenario::Attachments) {
        seed_attachments(v, &jo, &signed.id, &april).await?;
    }
    if matches!(scenario, Some(Scenario::Billing | Scenario::BillingCorrections)) {
        seed_billing(v, &jo, &sam).await?;
    }
    if scenario == Some(Scenario::BillingCorrections) {
        seed_billing_corrections(v, &jo, &sam).await?;
    }
    if scenario == Some(Scenario::Retention) {
        seed_retention(v).await?;
    }
    if scenario == Some(Scenario::PrivateNotes) {
        seed_private_notes(v).await?;
    }
    if scenario == Some(Scenario::ReceivedAttachments) {
        receive_from_client(v, &jo, Some(&dir.parent().unwrap_or(dir).join("jo-allotment.wkshare"))).await?;
        seed_received_attachments(v, &jo).await?;
    }
    vault.lock().await?;
    if scenario == Some(Scenario::Devices) {
        drop(vault);
        another_computer_opens(dir)?;
    }
    Ok(())
}

/// `--scenario retention`: four closed clients under the practice's default rule (7 years after
/// the last contact; young clients until 25). Noor Das, started Mon 3 Jan 2017, closed Wed 10 Jan
/// 2018 (ended 10 Jan 2025). Pat Quinn, started Mon 2 Jan 2017, closed Sun 3 Feb 2019 (ended 3
/// Feb 2026), with one finalised note on Mon 28 Jan 2019 ("Planning the ending; the Quinnfield
/// allotment is hers now.") and one goal ("Keep the allotment going"). Lee Ward, started Mon 6
/// Mar 2023, closed Fri 10 May 2024 (ends 10 May 2031). Kim Ellis, born Thu 15 Sep 2005, started
/// Mon 4 Jun 2018, closed Fri 1 Mar 2019: 7 years would end 1 Mar 2026, but she turns 25 on
/// 15 Sep 2030.
async fn seed_retention(v: &Vault) -> wellkept::Result<()> {
    let closed = |name: &str, start: &str, end: &str, dob: Option<&str>| ClientDetails {
        name: name.into(),
        status: ClientStatus::Closed,
        start_date: Some(day(start)),
        end_date: Some(day(end)),
        date_of_birth: dob.map(day),
        ..Default::default()
    };
    clients::add_client(v, closed("Noor Das", "2017-01-03", "2018-01-10", None)).await?;
    let pat = clients::add_client(v, closed("Pat Quinn", "2017-01-02", "2019-02-03", None)).await?.id;
    clients::add_client(v, closed("Lee Ward", "2023-03-06", "2024-05-10", None)).await?;
    clients::add_client(v, closed("Kim Ellis", "2018-06-04", "2019-03-01", Some("2005-09-15"))).await?;
    let note = NewSessionNote {
        client_id: pat.clone(),
        draft: NoteDraft {
            session_date: day("2019-01-28"),
            duration_minutes: 50,
            mode: SessionMode::InPerson,
            template: NoteTemplate::Free,
            sections: vec![NoteSection {
                key: "note".into(),
                text: "Planning the ending; the Quinnfield allotment is hers now.".into(),
            }],
            goal_ids: vec![],
        },
    };
    let note = notes::add_note(v, note).await?;
    notes::finalise_note(v, &note.id).await?;
    let goal = GoalDetails { client_id: Some(pat), title: "Keep the allotment going".into(), ..Default::default() };
    goals::add_goal(v, goal).await?;
    Ok(())
}

/// `--scenario received-attachments`: two files on the journal entry Jo shared (see
/// [`Scenario::ReceivedAttachments`]); the PDF carries the marker the test looks for.
async fn seed_received_attachments(v: &Vault, jo: &str) -> wellkept::Result<()> {
    use wellkept::attachments;
    let received = store::received_from_client(v, jo).await?;
    let entry = received
        .iter()
        .find(|r| matches!(r.item, SharedItem::JournalEntry(_)))
        .ok_or(wellkept::Error::NotFound { what: "The journal entry Jo shared" })?;
    attachments::add(v, "received_item", &entry.id, "bedside.png", ALLOTMENT_PNG).await?;
    let pdf = b"%PDF-1.4\n% WELLKEPT-E2E-RECEIVED-MARKER sleep log Jo kept for a week\n%%EOF\n";
    attachments::add(v, "received_item", &entry.id, "sleep-log.pdf", pdf).await?;
    Ok(())
}

/// Robin Hale (`--scenario disclosures`): started Mon 12 Jan 2026; one finalised free-text note
/// (Thu 15 Jan); consent "Letters to the GP" given Sun 1 Feb 2026 on contract and Art. 9(2)(h);
/// a disclosure on Tue 10 Mar 2026, "Safeguarding referral" to "Children's Services, Riverside
/// Council" under a legal duty. No goals, appointments, measures, flags, plan or referrals.
/// A 3×2-pixel PNG: its thumbnail's natural size is what the window must report.
const ALLOTMENT_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x03\x00\x00\x00\x02\x08\x02\x00\x00\x00\x12\x16\xf1\x4d\x00\x00\x00\x1d\x49\x44\x41\x54\x78\x9c\x63\x60\x58\x60\x13\xb0\xc0\x66\xc1\x02\x1b\x06\x86\x05\xd3\x02\x16\x4c\x5b\xb0\x60\x1a\x00\x47\x54\x08\x17\xa5\x13\x75\xed\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// The files of `--scenario attachments` (see [`Scenario::Attachments`]). The PDF carries a
/// marker the test looks for on disk after opening it and locking.
async fn seed_attachments(v: &Vault, jo: &str, note: &str, april: &str) -> wellkept::Result<()> {
    use wellkept::attachments;
    attachments::add(v, "journal_entry", april, "allotment.png", ALLOTMENT_PNG).await?;
    let pdf = b"%PDF-1.4\n% WELLKEPT-E2E-ATTACHMENT-MARKER consent form signed by Jordan Rivers\n%%EOF\n";
    attachments::add(v, "client", jo, "consent-form.pdf", pdf).await?;
    attachments::add(v, "session_note", note, "sleep-diary.txt", b"Mon 23:40, Tue 00:10, Wed 23:05").await?;
    Ok(())
}

async fn seed_disclosures(v: &Vault) -> wellkept::Result<()> {
    let robin = clients::add_client(
        v,
        ClientDetails {
            name: "Robin Hale".into(),
            status: ClientStatus::Active,
            start_date: Some(day("2026-01-12")),
            ..Default::default()
        },
    )
    .await?
    .id;
    let note = NewSessionNote {
        client_id: robin.clone(),
        draft: NoteDraft {
            session_date: day("2026-01-15"),
            duration_minutes: 50,
            mode: SessionMode::InPerson,
            template: NoteTemplate::Free,
            sections: vec![NoteSection { key: "note".into(), text: "First session with Robin.".into() }],
            goal_ids: vec![],
        },
    };
    let note = notes::add_note(v, note).await?;
    notes::finalise_note(v, &note.id).await?;
    let consent = NewConsent {
        client_id: Some(robin.clone()),
        scope: "Letters to the GP".into(),
        given_on: day("2026-02-01"),
        expires_on: None,
        notes: String::new(),
        lawful_basis: Some(LawfulBasis::Contract),
        art9_condition: Some(Art9Condition::H),
        art9_other: None,
    };
    clinical::record_consent(v, consent).await?;
    let disclosure = NewDisclosure {
        client_id: Some(robin),
        what: "Safeguarding referral".into(),
        recipient: "Children's Services, Riverside Council".into(),
        disclosed_on: day("2026-03-10"),
        basis: DisclosureBasis::LegalDuty { explanation: "Risk to a child disclosed in session".into() },
        notes: String::new(),
    };
    clinical::log_disclosure(v, disclosure).await?;
    Ok(())
}

/// Casey Moore (`--scenario private_notes`): started Mon 2 Feb 2026; on Mon 23 Mar 2026 a
/// finalised record note ("Casey planned the first walk to the allotment.", 50 minutes, free
/// text) and a private note, a draft ("My hunch: the allotment stands for her father. Take it
/// to supervision.", 50 minutes, free text). Nothing else.
async fn seed_private_notes(v: &Vault) -> wellkept::Result<()> {
    let casey = clients::add_client(
        v,
        ClientDetails {
            name: "Casey Moore".into(),
            status: ClientStatus::Active,
            start_date: Some(day("2026-02-02")),
            ..Default::default()
        },
    )
    .await?
    .id;
    let note = |text: &str| NewSessionNote {
        client_id: casey.clone(),
        draft: NoteDraft {
            session_date: day("2026-03-23"),
            duration_minutes: 50,
            mode: SessionMode::InPerson,
            template: NoteTemplate::Free,
            sections: vec![NoteSection { key: "note".into(), text: text.into() }],
            goal_ids: vec![],
        },
    };
    let record = notes::add_note(v, note("Casey planned the first walk to the allotment.")).await?;
    notes::finalise_note(v, &record.id).await?;
    notes::add_private_note(v, note("My hunch: the allotment stands for her father. Take it to supervision.")).await?;
    Ok(())
}

/// Reminders due just after the pinned start (`--scenario reminders`; the test pins the clock to
/// 09:29:50 BST): Sam's session at 09:45 BST with a reminder 15 minutes before (09:30:00), and
/// Jo's at 10:30 with a reminder at 10:00 (not due during the test), and
/// the daily check-in reminder on at 09:30 for both the journal and mood (today's mood check-in
/// is in the base fixture, today's journal entry is not).
async fn seed_reminders(v: &Vault, sam: &str, jo: &str) -> wellkept::Result<()> {
    let video = |client_id: &str, start: &str, reminder_minutes: u32, notes: &str| {
        let start = utc(start);
        AppointmentDetails {
            client_id: client_id.into(),
            starts_at: start,
            ends_at: start + TimeDelta::minutes(50),
            mode: SessionMode::Video,
            location: None,
            repeat: RepeatRule::default(),
            reminder_minutes: Some(reminder_minutes),
            notes: notes.into(),
            time_zone: Some("Europe/London".into()),
        }
    };
    appointments::add_appointment(
        v,
        video(sam, "2026-04-02T09:45:00+01:00", 15, "Sam wants to talk about the allotment"),
    )
    .await?;
    // Its reminder is not due while the test runs (10:00): it must not arrive.
    appointments::add_appointment(v, video(jo, "2026-04-02T10:30:00+01:00", 30, "Jo: the sleep diary")).await?;
    let reminder = DailyReminder { enabled: true, time: "09:30".into(), what: CheckInKind::Both };
    wellkept::settings::set_daily_reminder(v, reminder).await?;
    Ok(())
}

/// Billing (`--scenario billing`): the settings (GBP; 50 minutes in person £48.00, by video or
/// phone £45.00; 14 days' terms; "Riverside Mentoring"), Sam's in-person session on Mon 2 Mar
/// 10:00 marked attended, invoiced and issued that day as INV-0001 (due Mon 16 Mar) with £10.00
/// paid on Mon 9 Mar, so £38.00 is overdue by 17 days on Thu 2 Apr; and Jo's video session on
/// Wed 1 Apr 10:00 BST, not marked: the test marks it attended in the calendar.
async fn seed_billing(v: &Vault, jo: &str, sam: &str) -> wellkept::Result<()> {
    use appointments::Tz;
    use wellkept::billing::{self, BillingSettings, BusinessDetails, Currency, DefaultFee, Money, NewPayment};
    let fee = |mode, fee_minor| DefaultFee { minutes: 50, mode, fee_minor };
    billing::set_billing_settings(
        v,
        BillingSettings {
            default_fees: vec![
                fee(SessionMode::InPerson, 4800),
                fee(SessionMode::Video, 4500),
                fee(SessionMode::Phone, 4500),
            ],
            business: BusinessDetails {
                name: "Riverside Mentoring".into(),
                address: "2 Riverside Walk\nYork YO1 7DN".into(),
                email: Some("accounts@riverside.example".into()),
                tax_id: None,
                payment_details: Some("Bank transfer to 20-00-00 12345678".into()),
            },
            ..BillingSettings::new(Currency::GBP)
        },
    )
    .await?;
    let local = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("fixture time");
    let sams = appointments::add_appointment(
        v,
        AppointmentDetails::at_local(sam, Tz::Europe__London, local("2026-03-02T10:00"), 50),
    )
    .await?;
    appointments::set_occurrence_status(v, &sams.id, sams.starts_at, OccurrenceStatus::Attended).await?;
    let draft = billing::create_draft(v, sam, None).await?;
    let issued = billing::issue_invoice(v, &draft.id, day("2026-03-02")).await?;
    billing::record_payment(
        v,
        NewPayment {
            invoice_id: issued.id,
            amount: Money::new(1000, Currency::GBP),
            method: "bank transfer".into(),
            paid_on: day("2026-03-09"),
            reference: None,
        },
    )
    .await?;
    appointments::add_appointment(
        v,
        AppointmentDetails {
            mode: SessionMode::Video,
            ..AppointmentDetails::at_local(jo, Tz::Europe__London, local("2026-04-01T10:00"), 50)
        },
    )
    .await?;
    Ok(())
}

/// Billing to correct (`--scenario billing_corrections`), on top of `seed_billing`: Jo's
/// in-person sessions at 11:00 on Mon 2 and Mon 9 Mar attended and issued Tue 10 Mar as INV-0002
/// (£96.00, due Tue 24 Mar) with £50.00 paid by card on Fri 13 Mar (ref JR-1); Jo's session Mon 16
/// Mar attended and issued Tue 17 Mar as INV-0003 (£48.00, nothing paid); Sam's session Mon 23 Mar
/// attended and drafted (not issued, so it has no number).
async fn seed_billing_corrections(v: &Vault, jo: &str, sam: &str) -> wellkept::Result<()> {
    use appointments::Tz;
    use wellkept::billing::{self, Currency, Money, NewPayment};
    let local = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("fixture time");
    for start in ["2026-03-02T11:00", "2026-03-09T11:00"] {
        let a =
            appointments::add_appointment(v, AppointmentDetails::at_local(jo, Tz::Europe__London, local(start), 50))
                .await?;
        appointments::set_occurrence_status(v, &a.id, a.starts_at, OccurrenceStatus::Attended).await?;
    }
    let draft = billing::create_draft(v, jo, None).await?;
    let second = billing::issue_invoice(v, &draft.id, day("2026-03-10")).await?;
    billing::record_payment(
        v,
        NewPayment {
            invoice_id: second.id,
            amount: Money::new(5000, Currency::GBP),
            method: "card".into(),
            paid_on: day("2026-03-13"),
            reference: Some("JR-1".into()),
        },
    )
    .await?;
    let a = appointments::add_appointment(
        v,
        AppointmentDetails::at_local(jo, Tz::Europe__London, local("2026-03-16T11:00"), 50),
    )
    .await?;
    appointments::set_occurrence_status(v, &a.id, a.starts_at, OccurrenceStatus::Attended).await?;
    let draft = billing::create_draft(v, jo, None).await?;
    billing::issue_invoice(v, &draft.id, day("2026-03-17")).await?;
    let a = appointments::add_appointment(
        v,
        AppointmentDetails::at_local(sam, Tz::Europe__London, local("2026-03-23T11:00"), 50),
    )
    .await?;
    appointments::set_occurrence_status(v, &a.id, a.starts_at, OccurrenceStatus::Attended).await?;
    billing::create_draft(v, sam, None).await?;
    receive_invoice_from_supervisor(v).await
}

/// The owner's own supervisor, "Priya Shah Supervision" (in a throwaway vault beside it, a
/// second mentor contact), bills the owner's supervision session of Fri 20 Mar (£60.00) as
/// INV-0001 issued Mon 23 Mar, due Mon 6 Apr, nothing paid, and shares it; the seeded vault
/// imports the signed, encrypted bundle as the app would (`--scenario billing_corrections`).
async fn receive_invoice_from_supervisor(v: &Vault) -> wellkept::Result<()> {
    use wellkept::billing::{self, BillingSettings, BusinessDetails, Currency, Money};
    let folder = tempfile::tempdir().map_err(|e| wellkept::Error::Internal {
        detail: format!("making a temporary folder for the supervisor's vault: {e}"),
    })?;
    let options = CreateOptions { passphrase: None, use_keychain: false, ..Default::default() };
    let supervisor = Vault::create(folder.path(), options).await?.vault;
    let supervisor_card = store::set_up_exchange(&supervisor, "Priya Shah").await?;
    let me = store::add_confirmed_contact(&supervisor, &store::my_contact_card(v).await?, store::ContactRole::MyClient)
        .await?;
    store::add_confirmed_contact(v, &supervisor_card, store::ContactRole::MyMentor).await?;
    let riley =
        clients::add_client(&supervisor, ClientDetails { name: "Riley Shaw".into(), ..Default::default() }).await?.id;
    clients::set_client_contact(&supervisor, &riley, Some(&me.id)).await?;
    billing::set_billing_settings(
        &supervisor,
        BillingSettings {
            business: BusinessDetails { name: "Priya Shah Supervision".into(), ..BusinessDetails::default() },
            payment_terms_days: 14,
            ..BillingSettings::new(Currency::GBP)
        },
    )
    .await?;
    let session = "Supervision session, 20 Mar 2026";
    billing::add_item(&supervisor, &riley, day("2026-03-20"), session, Money::new(6000, Currency::GBP)).await?;
    let draft = billing::create_draft(&supervisor, &riley, None).await?;
    let invoice = billing::issue_invoice(&supervisor, &draft.id, day("2026-03-23")).await?;
    let selection = wellkept::exchange::ShareSelection { invoices: vec![invoice.id], ..Default::default() };
    let content =
        wellkept::exchange::collect_share(&supervisor, BundleKind::FromMentor, "Priya Shah", &selection).await?;
    let bundle = store::seal_share_for(&supervisor, &me.id, &content).await?;
    store::import_bundle(v, &bundle).await?;
    Ok(())
}

/// Review days on goals, one review, and a note saved twice (`--scenario goals-notes`).
async fn seed_goals_notes(v: &Vault, jo: &str, sleep: &str, allotment: &str) -> wellkept::Result<()> {
    let review = goals::NewReview {
        review_date: day("2026-03-19"),
        rating: 2,
        note: "Diary started".into(),
        next_review_on: Some(day("2026-04-02")),
    };
    goals::add_review(v, sleep, review).await?;
    goals::set_next_review(v, allotment, Some(day("2026-03-30"))).await?;
    let walk =
        GoalDetails { client_id: Some(jo.into()), title: "Walk to work twice a week".into(), ..Default::default() };
    let walk = goals::add_goal(v, walk).await?;
    goals::set_next_review(v, &walk.id, Some(day("2026-04-03"))).await?;
    let own = goals::list_goals(v, goals::GoalFilter { own: true, ..Default::default() }).await?;
    for g in own.iter().filter(|g| g.title == "Finish the CPD log") {
        goals::set_next_review(v, &g.id, Some(day("2026-04-10"))).await?;
    }
    let draft = |subjective: &str, plan: &str| NoteDraft {
        session_date: day("2026-03-31"),
        duration_minutes: 50,
        mode: SessionMode::InPerson,
        template: NoteTemplate::Soap,
        sections: vec![
            NoteSection { key: "subjective".into(), text: subjective.into() },
            NoteSection { key: "plan".into(), text: plan.into() },
        ],
        goal_ids: vec![],
    };
    let note = notes::add_note(
        v,
        NewSessionNote {
            client_id: jo.into(),
            draft: draft("Slept badly most nights this week.", "Keep the sleep diary."),
        },
    )
    .await?;
    notes::save_note(v, &note.id, draft("Slept well most nights this week.", "Keep the walking diary.")).await?;
    Ok(())
}

/// The calendar's week (`--scenario calendar`, clock Thursday 22 October 2026 09:30 BST; the
/// clocks go back on Sunday 25 October): Jo weekly on Mondays at 10:00 London from 19 October
/// (8 sessions, Room 2, Riverside Centre; the 19th attended); Riya Shah, a new client in
/// Sydney, weekly on Tuesdays at 18:00 Sydney time from 20 October (4 sessions, by phone); Sam
/// once by video on Thursday 22 October at 14:00 with a video link.
async fn seed_calendar(v: &Vault, jo: &str, sam: &str) -> wellkept::Result<()> {
    use appointments::{Recurrence, Tz};
    let riya = clients::add_client(
        v,
        ClientDetails {
            name: "Riya Shah".into(),
            status: ClientStatus::Active,
            start_date: Some(day("2026-10-01")),
            ..Default::default()
        },
    )
    .await?
    .id;
    let local = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("fixture time");
    let weekly = |count| RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(count) };
    let jo_series = appointments::add_appointment(
        v,
        AppointmentDetails {
            location: Some("Room 2, Riverside Centre".into()),
            repeat: weekly(8),
            ..AppointmentDetails::at_local(jo, Tz::Europe__London, local("2026-10-19T10:00"), 50)
        },
    )
    .await?;
    appointments::set_occurrence_status(v, &jo_series.id, jo_series.starts_at, OccurrenceStatus::Attended).await?;
    appointments::add_appointment(
        v,
        AppointmentDetails {
            mode: SessionMode::Phone,
            repeat: weekly(4),
            ..AppointmentDetails::at_local(&riya, Tz::Australia__Sydney, local("2026-10-20T18:00"), 50)
        },
    )
    .await?;
    appointments::add_appointment(
        v,
        AppointmentDetails {
            mode: SessionMode::Video,
            location: Some("https://meet.example.org/sam".into()),
            ..AppointmentDetails::at_local(sam, Tz::Europe__London, local("2026-10-22T14:00"), 50)
        },
    )
    .await?;
    Ok(())
}

/// More open flags, raised by the mentor (`--scenario risk-flags`): two levels, ages either side
/// of a week, and a paused client's.
async fn seed_risk_flags(v: &Vault) -> wellkept::Result<()> {
    let all = clients::list_clients(v, clients::ClientFilter::default()).await?;
    let id = |name: &str| all.iter().find(|c| c.name == name).map(|c| c.id.clone());
    for (name, level, description, raised_on) in [
        ("Sam Patel", RiskLevel::High, "Talked about giving his things away", "2026-03-23"),
        ("Alex Morgan", RiskLevel::Medium, "Missed two sessions without word", "2026-03-24"),
        ("Sam Patel", RiskLevel::Medium, "Sleeping badly again", "2026-04-01"),
        ("Jordan Rivers", RiskLevel::Low, "Drinking more at weekends", "2026-03-18"),
    ] {
        let new = NewRiskFlag {
            client_id: id(name),
            source: RiskSource::Mentor,
            level,
            description: description.into(),
            raised_on: day(raised_on),
        };
        clinical::raise_risk_flag(v, new).await?;
    }
    Ok(())
}

/// The vault owner's own mentor (in a throwaway vault beside it) shares homework and a
/// resource (and, with `--scenario client-tools`, an action plan in the same bundle); the seeded
/// vault imports the signed, encrypted bundle as the app would.
async fn receive_from_own_mentor(v: &Vault, with_action_plan: bool, with_proposals: bool) -> wellkept::Result<()> {
    let folder = tempfile::tempdir().map_err(|e| wellkept::Error::Internal {
        detail: format!("making a temporary folder for the mentor's vault: {e}"),
    })?;
    let options = CreateOptions { passphrase: None, use_keychain: false, ..Default::default() };
    let mentor = Vault::create(folder.path(), options).await?.vault;
    let mentor_card = store::set_up_exchange(&mentor, "Dr. Morgan Hale").await?;
    let my_card = store::set_up_exchange(v, "Riley Shaw").await?;
    let me = store::add_confirmed_contact(&mentor, &my_card, store::ContactRole::MyClient).await?;
    store::add_confirmed_contact(v, &mentor_card, store::ContactRole::MyMentor).await?;
    let mut items = vec![
        SharedItem::Homework(Homework {
            id: uuid::Uuid::now_v7(),
            title: "Notice one good moment a day".into(),
            instructions: "Before bed, write one line about a moment that went well.".into(),
            assigned_at: wellkept::clock::now(),
            due: Some(day("2026-04-09")),
        }),
        SharedItem::Resource(Resource {
            id: uuid::Uuid::now_v7(),
            title: "Sleep and the clocks changing".into(),
            description: "Why the first week of summer time feels short, and what helps.".into(),
            url: Some("https://example.org/sleep-and-dst".into()),
        }),
    ];
    if with_action_plan {
        let step = |description: &str, owner: StepOwner, due: Option<&str>, status: PlanStepStatus| ActionStep {
            id: uuid::Uuid::now_v7(),
            description: description.into(),
            owner,
            due: due.map(day),
            status,
        };
        items.push(SharedItem::ActionPlan(ActionPlan {
            id: uuid::Uuid::now_v7(),
            title: "Wind down before bed".into(),
            goal: Some("Asleep by midnight on work nights".into()),
            steps: vec![
                step("Phone downstairs at ten", StepOwner::Client, Some("2026-04-06"), PlanStepStatus::InProgress),
                step("Check in about sleep next session", StepOwner::Mentor, None, PlanStepStatus::NotStarted),
            ],
            updated_at: wellkept::clock::now(),
        }));
    }
    let content = BundleContent::new(BundleKind::FromMentor, "Dr. Morgan Hale", items);
    let bundle = store::seal_share_for(&mentor, &me.id, &content).await?;
    store::import_bundle(v, &bundle).await?;
    if with_proposals {
        // The owner's own plan, version 1, saved at the clock's "now"; then two proposals, each
        // in its own share: one the mentor made on Mon 30 Mar (older than the owner's plan) and
        // one made just after the owner's plan was saved.
        let line = |text: &str, contact: Option<&str>| SafetyPlanItem {
            text: text.into(),
            contact: contact.map(str::to_owned),
        };
        let mut own = SafetyPlanContent::new();
        own.insert(SafetyPlanSection::WarningSigns, vec![line("Not sleeping", None)]);
        own.insert(SafetyPlanSection::PeopleToAskForHelp, vec![line("Mum", Some("07700 900123"))]);
        clinical::save_safety_plan(v, None, own).await?;
        let propose = |updated_at: DateTime<Utc>, sections: SafetyPlanContent| {
            SharedItem::SafetyPlan(wellkept::exchange::items::SafetyPlan {
                id: uuid::Uuid::now_v7(),
                updated_at,
                sections,
            })
        };
        let mut older = SafetyPlanContent::new();
        older.insert(SafetyPlanSection::WarningSigns, vec![line("Pacing at night", None)]);
        let mut newer = SafetyPlanContent::new();
        newer.insert(
            SafetyPlanSection::WarningSigns,
            vec![line("Not sleeping", None), line("Cancelling plans with friends", None)],
        );
        newer.insert(SafetyPlanSection::InternalCoping, vec![line("Walk to the allotment", None)]);
        newer.insert(SafetyPlanSection::PeopleToAskForHelp, vec![line("Mum", Some("07700 900123"))]);
        newer.insert(SafetyPlanSection::ReasonsForLiving, vec![line("My sister's wedding in June", None)]);
        for item in [propose(utc("2026-03-30T18:00:00+01:00"), older), propose(wellkept::clock::now(), newer)] {
            let content = BundleContent::new(BundleKind::FromMentor, "Dr. Morgan Hale", vec![item]);
            let bundle = store::seal_share_for(&mentor, &me.id, &content).await?;
            store::import_bundle(v, &bundle).await?;
        }
    }
    mentor.lock().await
}

/// The contact card of someone not yet a contact ("Alex Okafor"), written beside the vault as
/// `contact-card.txt` for the window test to paste and confirm with a role.
async fn write_new_contacts_card(dir: &std::path::Path) -> wellkept::Result<()> {
    let folder = tempfile::tempdir().map_err(|e| wellkept::Error::Internal {
        detail: format!("making a temporary folder for a new contact's vault: {e}"),
    })?;
    let options = CreateOptions { passphrase: None, use_keychain: false, ..Default::default() };
    let other = Vault::create(folder.path(), options).await?.vault;
    let card = store::set_up_exchange(&other, "Alex Okafor").await?;
    let path = dir.parent().unwrap_or(dir).join("contact-card.txt");
    std::fs::write(&path, card.to_text())
        .map_err(|e| wellkept::Error::Storage { action: "Writing the new contact's card", source: e })?;
    other.lock().await
}

/// A client of the owner's ("Jordan Rivers", confirmed as "my client") shares a safety plan:
/// kept where it was received, never filed (`--scenario contact-roles`).
async fn receive_plan_from_client(v: &Vault) -> wellkept::Result<()> {
    let folder = tempfile::tempdir().map_err(|e| wellkept::Error::Internal {
        detail: format!("making a temporary folder for the client's vault: {e}"),
    })?;
    let options = CreateOptions { passphrase: None, use_keychain: false, ..Default::default() };
    let client = Vault::create(folder.path(), options).await?.vault;
    let client_card = store::set_up_exchange(&client, "Jordan Rivers").await?;
    let my_card = store::set_up_exchange(v, "Riley Shaw").await?;
    let mentor = store::add_confirmed_contact(&client, &my_card, store::ContactRole::MyMentor).await?;
    store::add_confirmed_contact(v, &client_card, store::ContactRole::MyClient).await?;
    let mut plan = SafetyPlanContent::new();
    plan.insert(
        SafetyPlanSection::WarningSigns,
        vec![SafetyPlanItem { text: "Staying up past two".into(), contact: None }],
    );
    let item = SharedItem::SafetyPlan(wellkept::exchange::items::SafetyPlan {
        id: uuid::Uuid::now_v7(),
        updated_at: utc("2026-04-01T20:00:00+01:00"),
        sections: plan,
    });
    let content = BundleContent::new(BundleKind::FromClient, "Jordan Rivers", vec![item]);
    let bundle = store::seal_share_for(&client, &mentor.id, &content).await?;
    store::import_bundle(v, &bundle).await?;
    client.lock().await
}

/// More measure schedules (`--scenario measures`), on top of Jo's PHQ-9 every 14 days (last
/// given Sun 29 Mar, so due Sun 12 Apr) and Sam's GAD-7 every 28 days from Sun 15 Mar (never
/// given: 18 days overdue on Thu 2 Apr):
/// - Jo: K10 every 4 weeks from Mon 30 Mar, never given: 3 days overdue.
/// - Sam: WHO-5 every week from Thu 2 Apr: due today. PHQ-9 every 2 weeks from Sun 1 Mar,
///   paused: never due.
async fn seed_measure_schedules(v: &Vault, jo: &str, sam: &str) -> wellkept::Result<()> {
    let schedule = |client_id: &str, instrument: Instrument, every_days: u32, starts_on: &str| NewMeasureSchedule {
        client_id: Some(client_id.into()),
        instrument,
        every_days,
        starts_on: day(starts_on),
    };
    clinical::set_measure_schedule(v, schedule(jo, Instrument::K10, 28, "2026-03-30")).await?;
    clinical::set_measure_schedule(v, schedule(sam, Instrument::Who5, 7, "2026-04-02")).await?;
    let paused = clinical::set_measure_schedule(v, schedule(sam, Instrument::Phq9, 14, "2026-03-01")).await?;
    clinical::set_measure_schedule_paused(v, &paused.id, true).await?;
    Ok(())
}

/// The owner's own self-help records (`--scenario client-tools`): thought records, the activity
/// log, three good things and the coping toolbox.
async fn seed_client_tools(v: &Vault) -> wellkept::Result<()> {
    let mood = |name: &str, intensity: i64, rerated: Option<i64>| RatedMood { name: name.into(), intensity, rerated };
    let thought = |text: &str, hot: bool| AutomaticThought { text: text.into(), belief: None, hot };
    thought_records::add_thought_record(
        v,
        NewThoughtRecord {
            record_date: Some(day("2026-03-30")),
            situation: "Missed the bus to the allotment".into(),
            moods: vec![mood("Frustrated", 70, Some(30)), mood("Low", 40, Some(20))],
            automatic_thoughts: vec![
                thought("I can never get anything right", true),
                thought("The day is ruined", false),
            ],
            evidence_for: "I was late twice this week.".into(),
            evidence_against: "The bus left early; I planted the seedlings in the afternoon.".into(),
            balanced_thought: "Buses are late for everyone; one missed bus is not a wasted day.".into(),
            balanced_belief: Some(60),
        },
    )
    .await?;
    thought_records::add_thought_record(
        v,
        NewThoughtRecord {
            record_date: Some(day("2026-04-01")),
            situation: "Quiet in the supervision group".into(),
            moods: vec![mood("Anxious", 60, None)],
            automatic_thoughts: vec![thought("They think I have nothing to offer", true)],
            evidence_for: String::new(),
            evidence_against: String::new(),
            balanced_thought: String::new(),
            balanced_belief: None,
        },
    )
    .await?;

    for (activity, when, status, mastery, pleasure) in [
        ("Walk by the river", "2026-03-28T23:30:00+00:00", ActivationStatus::Done, Some(3), Some(7)),
        ("Dig the allotment bed", "2026-03-29T23:30:00+01:00", ActivationStatus::Done, Some(8), Some(6)),
        ("Swim", "2026-03-31T07:00:00+01:00", ActivationStatus::Skipped, None, None),
        ("Call Mum", "2026-04-03T18:00:00+01:00", ActivationStatus::Planned, None, None),
    ] {
        let new = NewActivation {
            activity: activity.into(),
            at: Some(at(when)),
            status,
            mastery,
            pleasure,
            note: String::new(),
        };
        activation::add_activation(v, new).await?;
    }

    let good = |thing: &str, why: &str| GratitudeItem { thing: thing.into(), why: why.into() };
    gratitude::add_gratitude_entry(
        v,
        NewGratitudeEntry {
            entry_date: Some(day("2026-03-31")),
            items: vec![
                good("Sun on the river", "I went out at lunch"),
                good("Sam's seedlings came up", "He watered them"),
            ],
        },
    )
    .await?;
    gratitude::add_gratitude_entry(
        v,
        NewGratitudeEntry {
            entry_date: Some(day("2026-04-01")),
            items: vec![
                good("A long call with Mum", "We laughed about the clocks"),
                good("Finished the CPD reading", ""),
                good("Slept eight hours", "Phone stayed downstairs"),
            ],
        },
    )
    .await?;

    let own = |name: &str, description: &str, category: CopingCategory| NewCopingStrategy {
        name: name.into(),
        description: description.into(),
        category,
        helpfulness: None,
    };
    let cold = coping::add_coping_strategy(
        v,
        own("Cold water on my face", "Splash cold water, breathe out slowly.", CopingCategory::Soothing),
    )
    .await?;
    coping::record_coping_use(v, &cold.id, Some(utc("2026-03-30T22:00:00+01:00")), Some(3)).await?;
    coping::record_coping_use(v, &cold.id, Some(utc("2026-04-01T22:30:00+01:00")), Some(4)).await?;
    coping::add_suggested_strategy(v, "box-breathing").await?;
    let text = coping::add_coping_strategy(v, own("Text Sam", "", CopingCategory::Connection)).await?;
    coping::record_coping_use(v, &text.id, Some(utc("2026-03-31T19:00:00+01:00")), None).await?;

    let item =
        |text: &str, contact: Option<&str>| SafetyPlanItem { text: text.into(), contact: contact.map(str::to_owned) };
    let mut plan = SafetyPlanContent::new();
    plan.insert(SafetyPlanSection::WarningSigns, vec![item("Not sleeping", None), item("Skipping meals", None)]);
    plan.insert(SafetyPlanSection::InternalCoping, vec![item("Cold water on my face", None)]);
    plan.insert(SafetyPlanSection::PeopleToAskForHelp, vec![item("Mum", Some("07700 900123"))]);
    plan.insert(SafetyPlanSection::ReasonsForLiving, vec![item("The allotment in summer", None)]);
    clinical::save_safety_plan(v, None, plan).await?;
    Ok(())
}

/// The mentor's own records the client-tools tests also read: a client's safety plan, the
/// resource library and a supervision note.
async fn seed_mentor_extras(v: &Vault, jo: &str) -> wellkept::Result<()> {
    let mut plan = SafetyPlanContent::new();
    plan.insert(
        SafetyPlanSection::WarningSigns,
        vec![SafetyPlanItem { text: "Staying up past two".into(), contact: None }],
    );
    clinical::save_safety_plan(v, Some(jo), plan).await?;
    let resource = |title: &str, url: Option<&str>, notes: &str, category: &str| ResourceInput {
        title: title.into(),
        url: url.map(str::to_owned),
        notes: notes.into(),
        category: category.into(),
        tags: vec![],
    };
    clinical::add_resource(
        v,
        resource(
            "Sleep hygiene leaflet",
            Some("https://example.org/sleep-hygiene"),
            "Ten habits for better sleep.",
            "sleep",
        ),
    )
    .await?;
    clinical::add_resource(
        v,
        resource("Local walking groups", None, "Tuesdays and Saturdays, from the library.", "community"),
    )
    .await?;
    let supervision = SupervisionInput {
        held_on: day("2026-03-25"),
        supervisor: "Dr. Ann Lee".into(),
        notes: "Talked through Jo's sleep and Sam's risk.".into(),
        actions: "Review Jo's sleep plan".into(),
    };
    clinical::add_supervision_note(v, supervision).await?;
    Ok(())
}

/// Jo (a client with a vault of their own) shares a journal entry, a late-night mood check-in and
/// a thought record with the seeded vault's owner, their mentor; Jo's client record is linked to
/// that contact, and the seeded vault imports the bundle as the app would. With `share_out`,
/// Jo also writes an entry in her own journal, attaches two files to it, and shares it (as the
/// app does) into that file, which is left for the test to open.
async fn receive_from_client(v: &Vault, jo: &str, share_out: Option<&std::path::Path>) -> wellkept::Result<()> {
    use wellkept::exchange::items::{
        AutomaticThought as SharedThought, JournalEntry as SharedEntry, MoodCheckIn as SharedMood, MoodRating,
        ThoughtRecord as SharedRecord,
    };
    let folder = tempfile::tempdir().map_err(|e| wellkept::Error::Internal {
        detail: format!("making a temporary folder for the client's vault: {e}"),
    })?;
    let options = CreateOptions { passphrase: None, use_keychain: false, ..Default::default() };
    let client = Vault::create(folder.path(), options).await?.vault;
    let client_card = store::set_up_exchange(&client, "Jordan Rivers").await?;
    let my_card = store::my_contact_card(v).await?;
    let mentor = store::add_confirmed_contact(&client, &my_card, store::ContactRole::MyMentor).await?;
    let contact = store::add_confirmed_contact(v, &client_card, store::ContactRole::MyClient).await?;
    clients::set_client_contact(v, jo, Some(&contact.id)).await?;
    let items = vec![
        SharedItem::JournalEntry(SharedEntry {
            id: uuid::Uuid::now_v7(),
            created_at: utc("2026-04-01T21:00:00+01:00"),
            title: Some("Slept with the phone downstairs".into()),
            text: "Fell asleep before midnight for the first time this month.".into(),
            prompt: None,
            tags: vec![],
        }),
        SharedItem::MoodCheckIn(SharedMood {
            id: uuid::Uuid::now_v7(),
            recorded_at: utc("2026-04-02T00:30:00+01:00"),
            score: 2,
            label: Some("low".into()),
            note: Some("Woke up and could not get back to sleep.".into()),
        }),
        SharedItem::ThoughtRecord(SharedRecord {
            id: uuid::Uuid::now_v7(),
            created_at: utc("2026-04-01T12:00:00+01:00"),
            situation: "Boss asked to see me at four".into(),
            moods_before: vec![MoodRating { mood: "Worried".into(), intensity: 80 }],
            automatic_thoughts: vec![SharedThought { text: "I am going to be let go".into(), is_hot: true }],
            evidence_for: "Two late starts.".into(),
            evidence_against: "She said it was about the rota.".into(),
            balanced_thought: "It is probably about the rota.".into(),
            moods_after: vec![MoodRating { mood: "Worried".into(), intensity: 30 }],
        }),
    ];
    let content = BundleContent::new(BundleKind::FromClient, "Jordan Rivers", items);
    let bundle = store::seal_share_for(&client, &mentor.id, &content).await?;
    store::import_bundle(v, &bundle).await?;
    if let Some(out) = share_out {
        let entry = NewJournalEntry {
            entry_date: Some(day("2026-04-08")),
            title: "The allotment".into(),
            body: "Planted the beans today.".into(),
            ..Default::default()
        };
        let entry = entries::add_entry(&client, entry).await?;
        wellkept::attachments::add(&client, "journal_entry", &entry.id, "allotment.png", ALLOTMENT_PNG).await?;
        wellkept::attachments::add(&client, "journal_entry", &entry.id, "plan.pdf", b"%PDF-1.4\n% the bean rows\n")
            .await?;
        let selection = wellkept::exchange::ShareSelection { journal_entries: vec![entry.id], ..Default::default() };
        let content =
            wellkept::exchange::collect_share(&client, BundleKind::FromClient, "Jordan Rivers", &selection).await?;
        let bundle = store::seal_share_for(&client, &mentor.id, &content).await?;
        std::fs::write(out, bundle)
            .map_err(|e| wellkept::Error::Storage { action: "Writing Jo's share file", source: e })?;
    }
    client.lock().await
}

/// Another computer opens the vault: the real `wellkept` binary beside this one, with a state
/// folder of its own beside the vault (so an id of its own), on its own clock, unlocking from
/// the same keychain (a synced vault on a second computer would use the passphrase; the
/// keychain here is the test session's), and names itself.
fn another_computer_opens(dir: &std::path::Path) -> wellkept::Result<()> {
    let exe = std::env::current_exe()
        .map_err(|e| wellkept::Error::Storage { action: "Finding the wellkept binary", source: e })?;
    let state = dir.parent().unwrap_or(dir).join("laptop-state");
    let out = std::process::Command::new(exe.with_file_name("wellkept"))
        .arg("--vault")
        .arg(dir)
        .args(["devices", "rename", "Laptop at home"])
        .env("XDG_DATA_HOME", &state)
        .env("WELLKEPT_TEST_CLOCK", "2026-03-28T19:05:00Z")
        .output()
        .map_err(|e| wellkept::Error::Storage { action: "Running wellkept as the other computer", source: e })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(wellkept::Error::Internal {
            detail: format!("the other computer: {}", String::from_utf8_lossy(&out.stderr)),
        })
    }
}
