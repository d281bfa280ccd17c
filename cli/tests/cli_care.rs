//! `wellkept goal …` (set, show, edit, status, reviews), `wellkept consent withdraw` and `wellkept referral status|follow-up|due`
//! through the real binary, with the test clock pinned: the exact lines a script reads.

mod common;

use common::{saved_id, stdout_of};
use std::path::Path;
use std::process::Output;

const CLOCK: &str = "2026-04-02T08:30:00Z";

fn run(root: &Path, args: &[&str]) -> Output {
    common::run_in(root, CLOCK, args)
}

fn wellkept(root: &Path, args: &[&str]) -> String {
    stdout_of(run(root, args), args)
}

fn setup() -> (tempfile::TempDir, String) {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let sam = saved_id(&wellkept(dir, &["client", "add", "Sam", "Patel"]));
    (root, sam)
}

#[test]
fn goal_status_reviews_and_reviews_due_read_exactly() {
    let (root, sam) = setup();
    let dir = root.path();
    let sleep = saved_id(&wellkept(
        dir,
        &["goal", "add", "--client", "Sam Patel", "Sleep", "routine", "--review-on", "2026-03-30"],
    ));
    let walk = saved_id(&wellkept(dir, &["goal", "add", "--client", &sam, "Walk daily", "--review-on", "2026-04-02"]));
    wellkept(dir, &["goal", "add", "--client", &sam, "Cook twice a week", "--review-on", "2026-04-09"]);

    assert_eq!(
        wellkept(dir, &["goal", "due"]),
        "Sam Patel  Sleep routine  review due 2026-03-30  overdue 3 days\nSam Patel  Walk daily  review due 2026-04-02  due today\n"
    );
    let today = wellkept(dir, &["today"]);
    assert!(
        today.ends_with("Goals to review:\n  Sam Patel  Sleep routine  review due 2026-03-30  overdue 3 days\n  Sam Patel  Walk daily  review due 2026-04-02  due today\n"),
        "{today}"
    );

    // A review with the next day takes the goal off the list; the goal line shows it.
    assert_eq!(
        wellkept(
            dir,
            &[
                "goal",
                "review",
                &sleep,
                "--rating",
                "4",
                "--note",
                "In bed by 23:00 most nights",
                "--next",
                "2026-04-30"
            ]
        ),
        format!(
            "Reviewed 2026-04-02, rated 4 of 5.\n{sleep}  active   no steps Sleep routine  next review 2026-04-30\n"
        )
    );
    assert_eq!(
        wellkept(dir, &["goal", "status", &walk, "achieved"]),
        format!("{walk}  achieved no steps Walk daily  next review 2026-04-02\n")
    );
    assert_eq!(wellkept(dir, &["goal", "due"]), "No goal reviews due on 2026-04-02.\n");
    assert_eq!(
        wellkept(dir, &["goal", "due", "--as-of", "2026-04-09"]),
        "Sam Patel  Cook twice a week  review due 2026-04-09  due today\n"
    );
    assert_eq!(
        wellkept(dir, &["goal", "next-review", &sleep, "none"]),
        format!("{sleep}  active   no steps Sleep routine\n")
    );

    // Bad input: a clear message, nothing changed.
    let bad = run(dir, &["goal", "status", &sleep, "finished"]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("“finished” is not one of active, achieved, paused, dropped"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let bad = run(dir, &["goal", "review", &sleep, "--rating", "4", "--next", "2026-04-01"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("must be after the day of this review"));
    let ahead = run(dir, &["goal", "review", &sleep, "--rating", "3", "--on", "2027-05-01"]);
    assert!(
        String::from_utf8_lossy(&ahead.stderr)
            .ends_with("Review date: 2027-05-01 is in the future (today is 2026-04-02)\n"),
        "{}",
        String::from_utf8_lossy(&ahead.stderr)
    );
    assert!(
        wellkept(dir, &["goal", "list", "--client", &sam])
            .contains(&format!("{sleep}  active   no steps Sleep routine\n"))
    );
}

/// A goal set with its SMART parts reads back whole with `goal show`, and `goal edit` rewords
/// it, leaving what was not given as it was (session 13's "Left" 1: a goal could not be
/// edited once set).
#[test]
fn a_goal_set_with_its_smart_parts_is_shown_whole_and_reworded_by_goal_edit() {
    let (root, _sam) = setup();
    let dir = root.path();
    let sleep = saved_id(&wellkept(
        dir,
        &[
            "goal",
            "add",
            "--client",
            "Sam Patel",
            "Sleep",
            "routine",
            "--specific",
            "Same bedtime every night",
            "--measurable",
            "Sleep diary",
            "--relevant",
            "Fewer late shifts missed",
            "--target",
            "2026-06-30",
        ],
    ));
    wellkept(dir, &["goal", "review", &sleep, "--rating", "3", "--note", "Two late nights", "--on", "2026-04-01"]);
    assert_eq!(
        wellkept(dir, &["goal", "show", &sleep]),
        format!(
            "{sleep}  active   no steps Sleep routine\n\
             For: Sam Patel\n\
             Target date: 2026-06-30\n\
             \n\
             Specific: Same bedtime every night\n\
             \n\
             Measurable: Sleep diary\n\
             \n\
             Relevant: Fewer late shifts missed\n\
             \n\
             Reviews:\n  2026-04-01 rated 3 of 5: Two late nights\n"
        )
    );

    assert_eq!(
        wellkept(
            dir,
            &[
                "goal",
                "edit",
                &sleep,
                "--title",
                "Sleep seven hours",
                "--measurable",
                "Seven hours on five nights a week",
                "--target",
                "none"
            ]
        ),
        format!(
            "Saved goal {sleep}.\n\
             {sleep}  active   no steps Sleep seven hours\n\
             For: Sam Patel\n\
             Target date: none\n\
             \n\
             Specific: Same bedtime every night\n\
             \n\
             Measurable: Seven hours on five nights a week\n\
             \n\
             Relevant: Fewer late shifts missed\n\
             \n\
             Reviews:\n  2026-04-01 rated 3 of 5: Two late nights\n"
        )
    );
    // One computer only: nothing was kept aside.
    assert_eq!(wellkept(dir, &["sync", "conflicts"]), "No record was changed on two computers at once.\n");

    // Bad input: a clear message, nothing changed.
    for (args, says) in [
        (
            vec!["goal", "edit", &sleep, "--target", "30/06/2026"],
            "--target: “30/06/2026” is not a date; use YYYY-MM-DD",
        ),
        (vec!["goal", "edit", &sleep, "--title", " "], "Title:"),
        (vec!["goal", "edit", "no-such-goal", "--title", "x"], "That goal"),
        // Nothing to change: refused (it used to print "Saved goal <id>." having changed nothing).
        (
            vec!["goal", "edit", &sleep],
            "Goal: nothing to change: give --title, --specific, --measurable, --achievable, --relevant or --target \
             (its status has `goal status`)\n",
        ),
    ] {
        let bad = run(dir, &args);
        assert!(!bad.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&bad.stderr).contains(says),
            "{args:?}: {}",
            String::from_utf8_lossy(&bad.stderr)
        );
    }
    assert!(
        wellkept(dir, &["goal", "show", &sleep])
            .starts_with(&format!("{sleep}  active   no steps Sleep seven hours\nFor: Sam Patel\nTarget date: none\n"))
    );
}

#[test]
fn consent_withdrawn_is_dated_and_a_later_disclosure_needs_another_basis() {
    let (root, _sam) = setup();
    let dir = root.path();
    let gp = saved_id(&wellkept(
        dir,
        &[
            "consent",
            "add",
            "--client",
            "Sam Patel",
            "--scope",
            "Letters to my GP",
            "--given-on",
            "2026-01-10",
            "--basis",
            "consent",
            "--art9",
            "a",
        ],
    ));
    assert_eq!(
        wellkept(dir, &["consent", "withdraw", &gp, "--on", "2026-03-31", "--note", "Asked by phone"]),
        format!(
            "{gp}  Letters to my GP  (given 2026-01-10, withdrawn 2026-03-31; not in force)\nFrom 2026-03-31, a disclosure cannot rest on this consent: it needs another consent in force, or another lawful basis (a legal obligation, vital interests, …).\n"
        )
    );
    assert_eq!(
        wellkept(dir, &["consent", "list", "--client", "Sam Patel"]),
        format!(
            "{gp}  Letters to my GP  (given 2026-01-10, withdrawn 2026-03-31; not in force)\n    Consent (Art. 6(1)(a)); Art. 9(2)(a) explicit consent\n    Relied on by no disclosures\n"
        )
    );
    let again = run(dir, &["consent", "withdraw", &gp]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already withdrawn on 2026-03-31"));
}

/// `consent list` says whether each consent is in force today (2 April 2026 on the test clock).
/// Before, a consent that expired on 31 March read "(given 2026-01-10, expires 2026-03-31)",
/// like one still running, and one given in the future read like one given already.
#[test]
fn consent_list_says_which_consents_are_in_force_today() {
    let (root, _sam) = setup();
    let dir = root.path();
    let add = |scope: &str, given: &str, expires: Option<&str>| {
        let mut args = vec!["consent", "add", "--client", "Sam Patel", "--scope", scope, "--given-on", given];
        args.extend(["--basis", "consent", "--art9", "a"]);
        if let Some(e) = expires {
            args.extend(["--expires-on", e]);
        }
        saved_id(&wellkept(dir, &args))
    };
    let expired = add("Letters to my GP", "2026-01-10", Some("2026-03-31"));
    let last_day = add("Recording sessions", "2026-01-10", Some("2026-04-02"));
    let running = add("Talking to my school", "2026-02-01", None);
    let later = add("Sharing with the new service", "2026-05-01", None);
    let leaving = add("Emails about sessions", "2026-02-01", None);
    assert_eq!(
        wellkept(dir, &["consent", "withdraw", &leaving, "--on", "2026-04-10"]),
        format!(
            "{leaving}  Emails about sessions  (given 2026-02-01, withdrawn from 2026-04-10; in force until then)\nFrom 2026-04-10, a disclosure cannot rest on this consent: it needs another consent in force, or another lawful basis (a legal obligation, vital interests, …).\n"
        )
    );
    let listed = wellkept(dir, &["consent", "list", "--client", "Sam Patel"]);
    // Newest given first; two given on one day may come in either order.
    let mut heads: Vec<&str> = listed.lines().filter(|l| !l.starts_with(' ')).collect();
    heads.sort_by_key(|l| l.split_once("  ").map(|(_, rest)| rest.to_owned()));
    let mut wanted = vec![
        format!("{later}  Sharing with the new service  (given 2026-05-01; not in force until then)"),
        format!("{leaving}  Emails about sessions  (given 2026-02-01, withdrawn from 2026-04-10; in force until then)"),
        format!("{running}  Talking to my school  (given 2026-02-01; in force)"),
        format!("{last_day}  Recording sessions  (given 2026-01-10, expires 2026-04-02; in force)"),
        format!("{expired}  Letters to my GP  (given 2026-01-10, expired 2026-03-31; not in force)"),
    ];
    wanted.sort_by_key(|l| l.split_once("  ").map(|(_, rest)| rest.to_owned()));
    assert_eq!(heads, wanted);
}

/// Sam's referral to Talking Therapies for low mood, made 1 March with a follow-up on 30 March;
/// its id.
fn talking_therapies(dir: &Path, sam: &str) -> String {
    let add = ["referral", "add", "--client", sam, "--to", "Talking Therapies", "--reason", "Low mood"];
    saved_id(&wellkept(dir, &[&add[..], &["--on", "2026-03-01", "--follow-up", "2026-03-30"]].concat()))
}

#[test]
fn referral_status_follow_up_and_follow_ups_due_read_exactly() {
    let (root, sam) = setup();
    let dir = root.path();
    let talk = talking_therapies(dir, &sam);
    let gym = saved_id(&wellkept(
        dir,
        &[
            "referral",
            "add",
            "--client",
            &sam,
            "--to",
            "Active Lives",
            "--reason",
            "Exercise",
            "--on",
            "2026-03-20",
            "--follow-up",
            "2026-04-02",
        ],
    ));
    assert_eq!(
        wellkept(dir, &["referral", "due"]),
        "Sam Patel  Talking Therapies  follow up 2026-03-30  overdue 3 days\nSam Patel  Active Lives  follow up 2026-04-02  due today\n"
    );
    assert_eq!(
        wellkept(dir, &["referral", "status", &talk, "accepted", "--follow-up", "2026-04-20"]),
        format!("{talk}  accepted  Talking Therapies  follow up 2026-04-20\n")
    );
    assert_eq!(
        wellkept(dir, &["referral", "follow-up", &gym, "2026-04-16"]),
        format!("{gym}  sent      Active Lives  follow up 2026-04-16\n")
    );
    assert_eq!(wellkept(dir, &["referral", "due"]), "No referral follow-ups due on 2026-04-02.\n");
    wellkept(dir, &["referral", "status", &gym, "completed"]);
    assert_eq!(
        wellkept(dir, &["referral", "due", "--as-of", "2026-04-20"]),
        "Sam Patel  Talking Therapies  follow up 2026-04-20  due today\n"
    );
    let bad = run(dir, &["referral", "follow-up", &gym, "2026-02-01"]);
    assert!(!bad.status.success(), "a follow-up before the referral is refused");
}

/// Found trying the binary: a completed referral went back to draft, and `follow-up <id> none`
/// could not clear the day. A referral moves forward only, and the refusal says what is
/// allowed; `none` clears the follow-up and says so.
#[test]
fn a_referral_moves_forward_only_and_its_follow_up_clears_with_none() {
    let (root, sam) = setup();
    let dir = root.path();
    let talk = talking_therapies(dir, &sam);
    // The refusal is stderr's last line (the test clock announces itself before it).
    let says = |out: &Output| String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or_default().to_owned();
    let back = run(dir, &["referral", "status", &talk, "draft"]);
    assert!(!back.status.success());
    assert_eq!(
        says(&back),
        "wellkept: Status: A sent referral cannot go back to draft: it can move on to accepted, declined or completed."
    );
    assert_eq!(
        wellkept(dir, &["referral", "status", &talk, "completed"]),
        format!("{talk}  completed Talking Therapies  follow up 2026-03-30\n")
    );
    let back = run(dir, &["referral", "status", &talk, "draft"]);
    assert!(!back.status.success());
    assert_eq!(
        says(&back),
        "wellkept: Status: A completed referral cannot go back to draft: completed is final. To refer again, add a new referral."
    );

    assert_eq!(
        wellkept(dir, &["referral", "follow-up", &talk, "none"]),
        format!("{talk}  completed Talking Therapies\nFollow-up cleared.\n")
    );
    assert_eq!(wellkept(dir, &["referral", "list"]), format!("{talk}  completed Talking Therapies\n"));
    let bad = run(dir, &["referral", "follow-up", &talk, "someday"]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("“someday” is not a day (YYYY-MM-DD) or none"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}
