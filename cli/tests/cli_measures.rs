//! `wellkept schedule set|pause|resume|remove|list` and `wellkept measure add|due|list` through the
//! real binary, with the test clock pinned: the exact lines a script reads.

mod common;

use common::{saved_id, stdout_of};
use std::path::Path;

const CLOCK: &str = "2026-04-02T08:30:00Z";

fn wellkept(root: &Path, args: &[&str]) -> String {
    stdout_of(common::run_in(root, CLOCK, args), args)
}

#[test]
fn schedules_are_set_paused_resumed_removed_and_measures_due_read_exactly() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let sam = saved_id(&wellkept(dir, &["client", "add", "Sam", "Patel"]));

    let set =
        wellkept(dir, &["schedule", "set", "PHQ-9", "--client", &sam, "--every-weeks", "4", "--from", "2026-03-15"]);
    let phq_id = set.split_whitespace().next().expect("id").to_owned();
    assert_eq!(set.trim_end(), format!("{phq_id}  PHQ-9  every 4 weeks from 2026-03-15"));
    // Without --from, the schedule starts today by the test clock (2 April in London).
    let k10 = wellkept(dir, &["schedule", "set", "k10", "--client", &sam, "--every-days", "10"]);
    let k10_id = k10.split_whitespace().next().expect("id").to_owned();
    assert_eq!(k10.trim_end(), format!("{k10_id}  K10    every 10 days from 2026-04-02"));

    assert_eq!(
        wellkept(dir, &["measure", "due"]),
        "PHQ-9  Sam Patel  due 2026-03-15  overdue 18 days\nK10    Sam Patel  due 2026-04-02  due today\n"
    );
    assert_eq!(
        wellkept(dir, &["measure", "due", "--as-of", "2026-03-16"]),
        "PHQ-9  Sam Patel  due 2026-03-15  overdue 1 day\n"
    );
    // `wellkept today` lists the same lines under "Measures due:".
    let today = wellkept(dir, &["today"]);
    assert!(
        today.ends_with("Measures due:\n  PHQ-9  Sam Patel  due 2026-03-15  overdue 18 days\n  K10    Sam Patel  due 2026-04-02  due today\n"),
        "{today}"
    );

    // Giving the K10 moves it on by its interval; its total and band are printed.
    let added = wellkept(dir, &["measure", "add", "k10", "--client", &sam, "--answers", "3,3,2,3,2,2,3,3,2,2"]);
    assert!(added.ends_with("K10 total 25 of 50: High distress\n"), "{added}");
    let added = wellkept(
        dir,
        &["measure", "add", "phq9", "--client", &sam, "--answers", "1,1,1,1,1,0,0,0,0", "--difficulty", "2"],
    );
    assert!(added.ends_with("PHQ-9 total 5 of 27: Mild\nDifficulty: Very difficult\n"), "{added}");
    assert_eq!(wellkept(dir, &["measure", "due"]), "No measures due on 2026-04-02.\n");
    assert_eq!(
        wellkept(dir, &["measure", "due", "--as-of", "2026-04-12"]),
        "K10    Sam Patel  due 2026-04-12  due today\n"
    );

    assert_eq!(
        wellkept(dir, &["schedule", "pause", &k10_id]).trim_end(),
        format!("{k10_id}  K10    every 10 days from 2026-04-02  (paused)")
    );
    assert_eq!(wellkept(dir, &["measure", "due", "--as-of", "2026-04-12"]), "No measures due on 2026-04-12.\n");
    wellkept(dir, &["schedule", "resume", &k10_id]);
    assert_eq!(wellkept(dir, &["schedule", "list", "--client", &sam]).lines().count(), 2);
    assert_eq!(wellkept(dir, &["schedule", "remove", &phq_id]), format!("Removed schedule {phq_id}.\n"));
    assert_eq!(
        wellkept(dir, &["schedule", "list", "--client", &sam]),
        format!("{k10_id}  K10    every 10 days from 2026-04-02\n")
    );
    assert_eq!(wellkept(dir, &["schedule", "list"]), "No measures scheduled.\n");
}

/// `measure list`: each questionnaire's scores oldest first with the change from the one before,
/// and a PHQ-9 item 9 answered above 0 named in words. Before it there was no way to read back
/// a recorded measure from the terminal (`measure` had only `add` and `due`).
#[test]
fn measures_are_listed_by_questionnaire_with_the_change_and_item_9() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    wellkept(dir, &["client", "add", "Sam", "Patel"]);
    wellkept(dir, &["client", "add", "Alex", "Morgan"]);
    assert_eq!(
        wellkept(dir, &["measure", "list", "--client", "Alex Morgan"]),
        "No measures recorded for Alex Morgan.\n"
    );

    let add = |instrument: &str, answers: &str, on: &str| {
        wellkept(dir, &["measure", "add", instrument, "--client", "Sam Patel", "--answers", answers, "--on", on])
    };
    add("phq9", "1,2,2,1,0,1,2,1,2", "2026-03-05");
    add("gad7", "2,2,2,2,2,2,2", "2026-03-05");
    add("phq9", "0,1,1,1,0,1,0,1,0", "2026-03-19");
    add("phq9", "0,1,1,1,0,1,0,1,0", "2026-04-02");
    add("who5", "3,3,3,3,3", "2026-03-19");
    assert_eq!(
        wellkept(dir, &["measure", "list", "--client", "Sam Patel"]),
        "PHQ-9\n  \
           2026-03-05   12 of 27  Moderate  item 9: “More than half the days”\n  \
           2026-03-19    5 of 27  Mild  down 7\n  \
           2026-04-02    5 of 27  Mild  no change\n\
         GAD-7\n  \
           2026-03-05   14 of 21  Moderate\n\
         WHO-5\n  \
           2026-03-19   60 of 100  No indication of poor wellbeing\n"
    );
    assert_eq!(
        wellkept(dir, &["measure", "list", "gad7", "--client", "Sam Patel"]),
        "GAD-7\n  2026-03-05   14 of 21  Moderate\n"
    );
}
