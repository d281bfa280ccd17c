//! `wellkept session …` through the real binary, on a test clock three days before London's
//! clocks go back (Thursday 22 October 2026, TZ=Europe/London): book a weekly 10:00 London
//! series and a weekly 18:00 Sydney one, list them (10:00 stays 10:00 after the change; the
//! Sydney session moves from 08:00 to 07:00 here, its own 18:00 named), then attended, no-show,
//! cancel with a reason (refused without one), move one session, and end a series.

mod common;

use common::ok;
use std::path::Path;
use std::process::Output;

fn wellkept(vault: &Path, pass: &Path, args: &[&str]) -> Output {
    common::run(vault, pass, Some("2026-10-22T08:30:00Z"), args)
}

fn saved(out: &str) -> String {
    out.trim().strip_prefix("saved ").expect("saved <id>").to_owned()
}

#[test]
fn sessions_are_booked_listed_across_the_clock_change_and_each_outcome_recorded() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let key = key.to_str().expect("utf-8 temp path");
    ok(wellkept(&vault, &pass, &["init", "--no-keychain", "--recovery-key-out", key]), "init");
    ok(wellkept(&vault, &pass, &["client", "add", "Jordan", "Rivers", "--preferred-name", "Jo"]), "add Jo");
    ok(wellkept(&vault, &pass, &["client", "add", "Riya", "Shah"]), "add Riya");

    let jo = saved(&ok(
        wellkept(
            &vault,
            &pass,
            &[
                "session",
                "add",
                "--client",
                "Jo",
                "--start",
                "2026-10-19T10:00",
                "--weekly",
                "--count",
                "3",
                "--location",
                "Room 2",
            ],
        ),
        "book Jo",
    ));
    let riya = saved(&ok(
        wellkept(
            &vault,
            &pass,
            &[
                "session",
                "add",
                "--client",
                "riya shah",
                "--start",
                "2026-10-20T18:00",
                "--zone",
                "Australia/Sydney",
                "--weekly",
                "--count",
                "2",
                "--mode",
                "phone",
            ],
        ),
        "book Riya",
    ));
    let list = |from: &str| ok(wellkept(&vault, &pass, &["session", "list", "--from", from, "--days", "14"]), "list");
    let expected = |lines: &[&str]| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
    assert_eq!(
        list("2026-10-19"),
        expected(&[
            &format!("{jo}  Mon 19 Oct 2026 10:00–10:50  Jo, Room 2"),
            &format!("{riya}  Tue 20 Oct 2026 08:00–08:50 (18:00 Australia/Sydney)  Riya Shah"),
            &format!("{jo}  Mon 26 Oct 2026 10:00–10:50  Jo, Room 2"),
            &format!("{riya}  Tue 27 Oct 2026 07:00–07:50 (18:00 Australia/Sydney)  Riya Shah"),
        ])
    );

    ok(wellkept(&vault, &pass, &["session", "attended", &jo, "--on", "2026-10-19"]), "attended");
    ok(wellkept(&vault, &pass, &["session", "no-show", &riya, "--on", "2026-10-20"]), "no-show");
    let refused = wellkept(&vault, &pass, &["session", "cancel", &jo, "--on", "2026-10-26", "--reason", " "]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("say why the session is cancelled"));
    ok(
        wellkept(&vault, &pass, &["session", "cancel", &jo, "--on", "2026-10-26", "--reason", "Bank holiday"]),
        "cancel",
    );
    let wrong_day = wellkept(&vault, &pass, &["session", "attended", &jo, "--on", "2026-10-27"]);
    assert!(String::from_utf8_lossy(&wrong_day.stderr).contains("this appointment has no session on 2026-10-27"));
    // A count with no repeat is refused, not ignored (found trying the binary).
    let once =
        wellkept(&vault, &pass, &["session", "add", "--client", "Jo", "--start", "2026-11-02T10:00", "--count", "3"]);
    assert!(!once.status.success());
    assert!(
        String::from_utf8_lossy(&once.stderr).ends_with("--count: a count needs --weekly or --fortnightly\n"),
        "{}",
        String::from_utf8_lossy(&once.stderr)
    );
    // A session after today cannot have been attended yet: refused, nothing billed or marked.
    let early = wellkept(&vault, &pass, &["session", "attended", &riya, "--on", "2026-10-27"]);
    assert!(!early.status.success());
    assert!(
        String::from_utf8_lossy(&early.stderr).ends_with(
            "Status: this session is on Tue 27 Oct 2026, after today; mark it attended or a no-show on the day or later\n"
        ),
        "{}",
        String::from_utf8_lossy(&early.stderr)
    );
    // Riya's 27 October (Sydney) session moves to 28 October 20:00 Sydney, 09:00 in London.
    ok(wellkept(&vault, &pass, &["session", "move", &riya, "--on", "2026-10-27", "--to", "2026-10-28T20:00"]), "move");
    assert_eq!(
        ok(wellkept(&vault, &pass, &["session", "end-series", &jo, "--last-day", "2026-10-26"]), "end"),
        "The series ends on 2026-10-26.\n"
    );
    assert_eq!(
        list("2026-10-19"),
        expected(&[
            &format!("{jo}  Mon 19 Oct 2026 10:00–10:50  Jo, Room 2  attended"),
            &format!("{riya}  Tue 20 Oct 2026 08:00–08:50 (18:00 Australia/Sydney)  Riya Shah  no-show"),
            &format!("{jo}  Mon 26 Oct 2026 10:00–10:50  Jo, Room 2  cancelled: Bank holiday"),
            &format!("{riya}  Wed 28 Oct 2026 09:00–09:50 (20:00 Australia/Sydney)  Riya Shah  moved"),
        ])
    );
    assert_eq!(list("2026-11-02"), "No sessions.\n");

    // A session during which the clocks go back says so, or it would read as ending before it
    // starts (found trying the binary: "01:30–01:20").
    let night = saved(&ok(
        wellkept(
            &vault,
            &pass,
            &["session", "add", "--client", "Riya Shah", "--start", "2026-10-25T01:30", "--zone", "Europe/London"],
        ),
        "book across the change",
    ));
    assert_eq!(
        ok(wellkept(&vault, &pass, &["session", "list", "--from", "2026-10-25", "--days", "1"]), "list the night"),
        format!("{night}  Sun 25 Oct 2026 01:30–01:20 (the clocks go back an hour during it)  Riya Shah\n")
    );

    // A moved session is found by the day the list shows it on (found trying the binary: only
    // its original day worked, and the refusal said there was no session on the day shown).
    ok(wellkept(&vault, &pass, &["session", "move", &riya, "--on", "2026-10-28", "--to", "2026-10-28T21:00"]), "again");
    assert!(
        list("2026-10-26")
            .ends_with(&format!("{riya}  Wed 28 Oct 2026 10:00–10:50 (21:00 Australia/Sydney)  Riya Shah  moved\n")),
        "{}",
        list("2026-10-26")
    );
}

/// What each outcome and move says, naming the session (before: "Marked attended.",
/// "Cancelled.", "Moved.", and a cancelled attended session said nothing of the mark it
/// replaced); a start the clocks skip says when the session really starts (before: booked at
/// 02:30 without a word); and a moved session's late cancellation is judged by its new time
/// (before: by its original one, so a day's notice of the new time was billed as late because
/// the original time had passed, and two hours' notice was not, because it was days away).
#[test]
fn session_changes_name_the_session_and_a_moved_one_is_billed_by_its_new_time() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let at = |clock: &str, args: &[&str]| ok(common::run(&vault, &pass, Some(clock), args), &args.join(" "));
    let thursday = "2026-10-22T08:30:00Z";
    let key = root.path().join("recovery.txt");
    at(thursday, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    at(thursday, &["client", "add", "Sam", "Patel"]);
    at(thursday, &["client", "add", "Riya", "Shah"]);
    at(
        thursday,
        &[
            "billing",
            "settings",
            "--currency",
            "gbp",
            "--fee",
            "50:in-person:65.00",
            "--bill-late-cancellations",
            "true",
        ],
    );
    let sam = saved(&at(
        thursday,
        &["session", "add", "--client", "Sam Patel", "--start", "2026-10-26T10:00", "--weekly", "--count", "3"],
    ));

    // Monday's session brought forward to tomorrow 10:00, then cancelled at 12:00 today: 22
    // hours' notice of when it was to be, a late cancellation.
    assert_eq!(
        at(thursday, &["session", "move", &sam, "--on", "2026-10-26", "--to", "2026-10-23T10:00"]),
        "Moved Sam Patel's session on Mon 26 Oct 2026 at 10:00 to Fri 23 Oct 2026 at 10:00.\n"
    );
    assert_eq!(
        at("2026-10-22T12:00:00Z", &["session", "cancel", &sam, "--on", "2026-10-23", "--reason", "Unwell"]),
        "Cancelled Sam Patel's session on Fri 23 Oct 2026 at 10:00.\n"
    );
    // 2 November's put back to the 5th, and cancelled on the 2nd after 10:00: three days'
    // notice of the new time, not late, though its original time has passed.
    at(thursday, &["session", "move", &sam, "--on", "2026-11-02", "--to", "2026-11-05T10:00"]);
    at("2026-11-02T12:00:00Z", &["session", "cancel", &sam, "--on", "2026-11-05", "--reason", "Away"]);
    let items = at("2026-11-02T12:00:00Z", &["billing", "items", "--all"]);
    let billed: Vec<&str> = items.lines().map(|l| l.split_once("  ").expect("id first").1).collect();
    assert_eq!(billed, vec!["Sam Patel  Late cancellation, 23 Oct 2026  £65.00"], "{items}");

    // Outcomes changed afterwards say what they replace.
    assert_eq!(
        at("2026-10-26T12:00:00Z", &["session", "attended", &sam, "--on", "2026-10-23"]),
        "Marked Sam Patel's session on Fri 23 Oct 2026 at 10:00 attended (it was cancelled: Unwell).\n"
    );
    assert_eq!(
        at("2026-10-26T12:00:00Z", &["session", "no-show", &sam, "--on", "2026-10-23"]),
        "Marked Sam Patel's session on Fri 23 Oct 2026 at 10:00 a no-show (it was marked attended).\n"
    );
    assert_eq!(
        at("2026-10-26T12:00:00Z", &["session", "cancel", &sam, "--on", "2026-10-23", "--reason", "Mistake"]),
        "Cancelled Sam Patel's session on Fri 23 Oct 2026 at 10:00 (it was marked a no-show).\n"
    );

    // A session on another clock is named on both, as `session list` shows it.
    let riya = saved(&at(
        thursday,
        &["session", "add", "--client", "Riya Shah", "--start", "2026-10-27T18:00", "--zone", "Australia/Sydney"],
    ));
    assert_eq!(
        at(thursday, &["session", "move", &riya, "--on", "2026-10-27", "--to", "2026-10-28T20:00"]),
        "Moved Riya Shah's session on Tue 27 Oct 2026 at 07:00 (18:00 Australia/Sydney) \
         to Wed 28 Oct 2026 at 09:00 (20:00 Australia/Sydney).\n"
    );

    // 01:30 on 28 March 2027 does not exist in London: the clocks go from 01:00 to 02:00.
    let booked = at(thursday, &["session", "add", "--client", "Riya Shah", "--start", "2027-03-28T01:30"]);
    let night = saved(booked.lines().next().expect("saved line"));
    assert_eq!(
        booked,
        format!(
            "saved {night}\nThere is no 01:30 on Sun 28 Mar 2027 in Europe/London (the clocks go forward): it starts at 02:30.\n"
        )
    );
    assert_eq!(
        at(thursday, &["session", "list", "--from", "2027-03-28", "--days", "1"]),
        format!("{night}  Sun 28 Mar 2027 02:30–03:20  Riya Shah\n")
    );

    // 17:30 in Los Angeles on Thursday is 01:30 on Friday here: `--on` takes the day the list
    // shows (before: "--on: this appointment has no session on 2026-10-30"), or its own day.
    let late = saved(&at(
        thursday,
        &["session", "add", "--client", "Riya Shah", "--start", "2026-10-29T17:30", "--zone", "America/Los_Angeles"],
    ));
    assert_eq!(
        at(thursday, &["session", "list", "--from", "2026-10-30", "--days", "1"]),
        format!("{late}  Fri 30 Oct 2026 00:30–01:20 (17:30 America/Los_Angeles)  Riya Shah\n")
    );
    let cancel = |on: &str| at(thursday, &["session", "cancel", &late, "--on", on, "--reason", "Travelling"]);
    let said = "Cancelled Riya Shah's session on Fri 30 Oct 2026 at 00:30 (17:30 America/Los_Angeles)";
    assert_eq!(cancel("2026-10-30"), format!("{said}.\n"));
    assert_eq!(cancel("2026-10-29"), format!("{said}.\n"), "the same session, by its own day");
}

/// Closing a client with sessions still to come lists them and says closing does not cancel
/// them (before: only the retention line, and the sessions stayed in the calendar and `today`,
/// where marking one attended would bill it).
#[test]
fn closing_a_client_lists_the_sessions_still_booked() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let run = |args: &[&str]| ok(wellkept(&vault, &pass, args), &args.join(" "));
    let key = root.path().join("recovery.txt");
    run(&["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    run(&["client", "add", "Kim", "Lee"]);
    run(&["client", "add", "Sam", "Patel"]);
    let book = |start: &str, repeat: &[&str]| {
        let args = [&["session", "add", "--client", "Kim Lee", "--start", start][..], repeat].concat();
        saved(&run(&args))
    };
    book("2026-10-22T09:00", &[]); // this morning, over by now (09:30)
    let later = book("2026-10-22T15:00", &[]);
    let series = book("2026-10-26T10:00", &["--weekly", "--count", "4"]);
    let endless = book("2026-10-27T10:00", &["--fortnightly"]);
    assert_eq!(
        run(&["client", "close", "Kim Lee"]),
        format!(
            "Kim Lee: closed 22 Oct 2026; last contact 22 Oct 2026 (closing); retention ends 22 Oct 2033\n\
             Still booked for Kim Lee:\n  \
             {later}  Thu 22 Oct 2026 at 15:00\n  \
             {series}  Mon 26 Oct 2026 at 10:00 and 3 more\n  \
             {endless}  Tue 27 Oct 2026 at 10:00 and every other week after (no end)\n\
             Closing does not cancel them: `wellkept session cancel <id> --on <day> --reason …` cancels one, \
             `wellkept session end-series <id> --last-day <day>` ends a series.\n"
        )
    );
    // Nothing booked: the retention line alone, as before.
    assert_eq!(
        run(&["client", "close", "Sam Patel"]),
        "Sam Patel: closed 22 Oct 2026; last contact 22 Oct 2026 (closing); retention ends 22 Oct 2033\n"
    );
}

/// A refusal names the option that was typed, with what it takes (before: `session list --days
/// 0` said "To: must be after the start of the period", `--minutes 0` "End: must be after the
/// start", `--minutes 1000` "End: …", `--count 600` "Number of sessions: …", and `move --to` a
/// day too far "Start: …", none of them options the person gave).
#[test]
fn session_refusals_name_the_option_typed() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    ok(wellkept(&vault, &pass, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]), "init");
    ok(wellkept(&vault, &pass, &["client", "add", "Sam", "Patel"]), "add");
    let sam = saved(&ok(
        wellkept(&vault, &pass, &["session", "add", "--client", "Sam Patel", "--start", "2026-10-26T10:00"]),
        "book",
    ));
    let book = ["session", "add", "--client", "Sam Patel", "--start", "2026-10-27T10:00"];
    for (args, said) in [
        (vec!["session", "list", "--days", "0"], "--days: give 1 to 730 days (two years)"),
        (vec!["session", "list", "--days", "731"], "--days: give 1 to 730 days (two years)"),
        ([&book[..], &["--minutes", "0"]].concat(), "--minutes: a session lasts at least 1 minute"),
        ([&book[..], &["--minutes", "1000"]].concat(), "--minutes: an appointment lasts at most 12 hours"),
        ([&book[..], &["--weekly", "--count", "600"]].concat(), "--count: 600 is out of range (1–520)"),
        (
            vec!["session", "move", &sam, "--on", "2026-10-26", "--to", "2027-01-01T10:00"],
            "--to: a session can be moved by up to 30 days; to go further, cancel it and book a new appointment",
        ),
    ] {
        let out = wellkept(&vault, &pass, &args);
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().last(), Some(format!("wellkept: {said}").as_str()), "{args:?}: {stderr}");
    }
}
