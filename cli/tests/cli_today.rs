//! `wellkept today` through the real binary, on a test clock (Monday 20 April 2026, London): the
//! whole text a mentor reads, every section of the window's dashboard, and every line naming the
//! person it is about. Before this test, `today` printed an open risk flag without its client
//! ("High  raised …") and a session's status as a Rust name, and left out overdue invoices and
//! clients whose retention had ended, while no test read its output whole.

mod common;

use common::{saved_id, stdout_of};
use secrecy::SecretString;
use std::path::Path;
use wellkept::practice::goals::steps::{self, StepDetails, StepOwner, StepStatus};
use wellkept::vault::{Unlock, Vault};

const TODAY: &str = "2026-04-20T08:30:00Z";
const A_MONTH_AGO: &str = "2026-03-20T08:30:00Z";
const PASSPHRASE: &str = "a long enough passphrase";

fn wellkept(root: &Path, clock: &str, args: &[&str]) -> String {
    stdout_of(common::run_in(root, clock, args), args)
}

#[tokio::test(flavor = "multi_thread")]
async fn today_names_everyone_and_shows_every_panel_of_the_dashboard() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), format!("{PASSPHRASE}\n")).expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, TODAY, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);

    // Nothing yet: the day, and that there are no sessions.
    assert_eq!(wellkept(dir, TODAY, &["today"]), "Today, 2026-04-20\n  No sessions today.\n");

    let sam = saved_id(&wellkept(dir, TODAY, &["client", "add", "Sam", "Patel"]));
    let alex = saved_id(&wellkept(dir, TODAY, &["client", "add", "Alex", "Morgan"]));

    // A month ago: a session attended, billed, and the invoice issued on 14 days' terms.
    wellkept(
        dir,
        A_MONTH_AGO,
        &[
            "billing",
            "settings",
            "--currency",
            "gbp",
            "--fee",
            "50:in-person:65.00",
            "--terms-days",
            "14",
            "--business-name",
            "Sam Mentor Practice",
        ],
    );
    let booked = wellkept(dir, A_MONTH_AGO, &["session", "add", "--client", &sam, "--start", "2026-03-16T10:00"]);
    wellkept(dir, A_MONTH_AGO, &["session", "attended", &saved_id(&booked), "--on", "2026-03-16"]);
    let draft = saved_id(&wellkept(dir, A_MONTH_AGO, &["billing", "invoice", "create", "--client", &sam]));
    wellkept(dir, A_MONTH_AGO, &["billing", "invoice", "issue", &draft]);

    // Today: two sessions (one cancelled), a flag raised two days ago, a measure due a week ago, a
    // goal to review today with a step overdue, and a client closed long ago.
    wellkept(dir, TODAY, &["session", "add", "--client", &sam, "--start", "2026-04-20T10:00", "--location", "Room 2"]);
    let cancelled =
        saved_id(&wellkept(dir, TODAY, &["session", "add", "--client", &alex, "--start", "2026-04-20T14:30"]));
    wellkept(dir, TODAY, &["session", "cancel", &cancelled, "--on", "2026-04-20", "--reason", "unwell"]);
    wellkept(
        dir,
        TODAY,
        &[
            "flag",
            "raise",
            "--client",
            &sam,
            "--level",
            "high",
            "--reason",
            "Said they feel unsafe",
            "--on",
            "2026-04-18",
        ],
    );
    // Open over a week: marked, as `flag list` and the window's dashboard mark it.
    wellkept(
        dir,
        TODAY,
        &[
            "flag",
            "raise",
            "--client",
            &sam,
            "--level",
            "medium",
            "--reason",
            "Missed two sessions",
            "--on",
            "2026-04-09",
        ],
    );
    wellkept(dir, TODAY, &["schedule", "set", "PHQ-9", "--client", &sam, "--every-weeks", "4", "--from", "2026-04-13"]);
    let goal = saved_id(&wellkept(
        dir,
        TODAY,
        &["goal", "add", "--client", &sam, "Walk", "daily", "--review-on", "2026-04-20"],
    ));
    wellkept(dir, TODAY, &["client", "close", &alex, "--on", "2019-02-03"]);
    {
        // No command adds an action step yet: the window does, through the same core call.
        let vault =
            Vault::open(&dir.join("vault"), Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("open");
        let step = StepDetails {
            description: "Walk to the park twice".into(),
            owner: StepOwner::Client,
            due_date: Some("2026-04-10".parse().expect("day")),
            status: StepStatus::default(),
            progress: 0,
        };
        steps::add_step(&vault, &goal, step).await.expect("step");
        vault.lock().await.expect("locked");
    }

    assert_eq!(
        wellkept(dir, TODAY, &["today"]),
        [
            "Today, 2026-04-20",
            "  10:00–10:50  Sam Patel, Room 2",
            "  14:30–15:20  Alex Morgan  cancelled: unwell",
            "Open risk flags:",
            "  high    Sam Patel  raised 2026-04-18 (open 2 days)  Said they feel unsafe",
            "  medium  Sam Patel  raised 2026-04-09 (open 11 days, over a week)  Missed two sessions",
            "Overdue steps:",
            "  Sam Patel  Walk to the park twice  due 2026-04-10  (goal: Walk daily)",
            "Measures due:",
            "  PHQ-9  Sam Patel  due 2026-04-13  overdue 7 days",
            "Goals to review:",
            "  Sam Patel  Walk daily  review due 2026-04-20  due today",
            "Overdue invoices:",
            "  INV-0001  Sam Patel  £65.00 owed, 17 days overdue",
            "Retention ended (review, then erase or keep):",
            "  Alex Morgan · closed 3 Feb 2019 · retention ended 3 Feb 2026",
            "",
        ]
        .join("\n")
    );
}
