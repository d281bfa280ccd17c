//! `wellkept billing …` through the real binary, on a test clock (Monday 30 November 2026,
//! TZ=Europe/London): set billing up (GBP, £65.00 for 50 minutes in person, VAT 20%), book a
//! session, mark it attended → one item → invoice drafted and issued (INV-0001) → part payment
//! two days later (one dated before the invoice or after that day refused, nothing recorded) →
//! balance and statement, every figure exact; then the refusals a person can act on, and the
//! accountant's CSV with the not-encrypted warning.

mod common;

use common::{ok, refused};
use std::path::Path;
use std::process::Output;

fn wellkept(vault: &Path, pass: &Path, args: &[&str]) -> Output {
    common::run(vault, pass, Some("2026-11-30T09:00:00Z"), args)
}

fn lines(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn attended_session_to_item_invoice_part_payment_balance_and_statement() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let key = key.to_str().expect("utf-8 temp path");
    let run = |args: &[&str]| wellkept(&vault, &pass, args);
    ok(run(&["init", "--no-keychain", "--recovery-key-out", key]), "init");
    ok(run(&["client", "add", "Jordan", "Rivers", "--preferred-name", "Jo"]), "add Jo");

    assert_eq!(
        ok(run(&["billing", "settings"]), "not set up"),
        "Billing is not set up: choose a currency with `wellkept billing settings --currency GBP`.\n"
    );
    let bad_fee = refused(run(&["billing", "settings", "--currency", "GBP", "--fee", "50:in-person:65.005"]));
    assert!(bad_fee.contains("--fee: “65.005” has too many decimals: GBP amounts have 2 decimals"), "{bad_fee}");
    assert_eq!(
        ok(
            run(&[
                "billing",
                "settings",
                "--currency",
                "gbp",
                "--fee",
                "50:in-person:65.00",
                "--fee",
                "50:video:60",
                "--tax",
                "20",
                "--business-name",
                "Sam Mentor Practice",
                "--terms-days",
                "14",
            ]),
            "settings"
        ),
        lines(&[
            "Currency: GBP",
            "Default fee: 50 minutes in person: £65.00",
            "Default fee: 50 minutes video: £60.00",
            "Tax: 20%",
            "From: Sam Mentor Practice",
            "Payment terms: 14 days",
            "No-shows billed: no; late cancellations (under 24 hours) billed: no",
            "Session lines read: Mentoring session, <date>",
        ])
    );

    let booked = ok(run(&["session", "add", "--client", "Jo", "--start", "2026-11-23T10:00"]), "book");
    let appointment = booked.trim().strip_prefix("saved ").expect("saved <id>").to_owned();
    ok(run(&["session", "attended", &appointment, "--on", "2026-11-23"]), "attended");
    ok(run(&["session", "attended", &appointment, "--on", "2026-11-23"]), "attended twice");
    let items = ok(run(&["billing", "items"]), "items");
    let item_id = items.split_whitespace().next().expect("an item id").to_owned();
    assert_eq!(items, format!("{item_id}  Jordan Rivers  Mentoring session, 23 Nov 2026  £65.00\n"), "one item");

    let draft = ok(run(&["billing", "invoice", "create", "--client", "Jo"]), "draft");
    let draft_id = draft.lines().next().and_then(|l| l.strip_prefix("saved ")).expect("saved <id>").to_owned();
    assert_eq!(
        draft,
        lines(&[
            &format!("saved {draft_id}"),
            "Invoice Draft  draft",
            "To: Jordan Rivers",
            "  Mentoring session, 23 Nov 2026  £65.00",
            "Subtotal: £65.00",
            "Tax at 20%: £13.00",
            "Total: £78.00",
        ])
    );
    assert_eq!(
        ok(run(&["billing", "invoice", "issue", &draft_id]), "issue"),
        lines(&[
            "Issued INV-0001.",
            "Invoice INV-0001  issued 30 Nov 2026, due 14 Dec 2026",
            "From: Sam Mentor Practice",
            "To: Jordan Rivers",
            "  Mentoring session, 23 Nov 2026  £65.00",
            "Subtotal: £65.00",
            "Tax at 20%: £13.00",
            "Total: £78.00",
            "Still owed: £78.00",
        ])
    );
    let again = refused(run(&["billing", "invoice", "issue", &draft_id]));
    assert!(
        again.contains("INV-0001 is issued and cannot change; void it or correct it with a credit note"),
        "{again}"
    );

    let too_precise =
        refused(run(&["billing", "payment", "add", "INV-0001", "--amount", "30.001", "--method", "bank transfer"]));
    assert!(too_precise.contains("--amount: “30.001” has too many decimals"), "{too_precise}");
    let too_much =
        refused(run(&["billing", "payment", "add", "INV-0001", "--amount", "78.01", "--method", "bank transfer"]));
    assert!(too_much.contains("Amount: £78.01 is more than the £78.00 INV-0001 still asks for"), "{too_much}");
    // On Wednesday 2 December: a payment dated before the invoice was issued, or after today, is
    // refused and nothing is recorded; one dated today is.
    let on_2_dec = |args: &[&str]| common::run(&vault, &pass, Some("2026-12-02T09:00:00Z"), args);
    let pay = |date: &str| {
        let args = ["billing", "payment", "add", "INV-0001", "--amount", "30", "--method", "bank transfer", "--date"];
        let mut args = args.to_vec();
        args.extend([date, "--reference", "JR-1"]);
        on_2_dec(&args)
    };
    for (date, said) in [
        ("2026-11-29", "wellkept: Date: 2026-11-29 is before INV-0001 was issued (2026-11-30)"),
        ("2026-12-03", "wellkept: Date: 2026-12-03 is in the future (today is 2026-12-02)"),
    ] {
        let refused = refused(pay(date));
        assert_eq!(refused.lines().last(), Some(said), "{refused}");
    }
    assert_eq!(ok(run(&["billing", "balance", "Jo"]), "balance"), "Jordan Rivers owes £78.00.\n", "nothing recorded");
    assert_eq!(ok(run(&["billing", "payment", "list"]), "payments"), "No payments.\n", "nothing recorded");
    assert_eq!(
        ok(pay("2026-12-02"), "part payment"),
        "Payment of £30.00 for INV-0001 recorded; it still asks for £48.00.\n"
    );
    assert_eq!(ok(run(&["billing", "balance", "Jo"]), "balance"), "Jordan Rivers owes £48.00.\n");
    assert_eq!(
        ok(run(&["billing", "statement", "Jo", "--from", "2026-11-01", "--to", "2026-12-31"]), "statement"),
        lines(&[
            "Statement of account: Jordan Rivers, 1 Nov 2026 to 31 Dec 2026",
            "1 Nov 2026  Opening balance  £0.00",
            "30 Nov 2026  Invoice INV-0001  +£78.00  £78.00",
            "2 Dec 2026  Payment (bank transfer, ref JR-1) for INV-0001  -£30.00  £48.00",
            "31 Dec 2026  Closing balance  £48.00",
        ])
    );
    assert_eq!(
        ok(run(&["billing", "invoice", "list"]), "list"),
        "INV-0001  Jordan Rivers  £78.00  issued 30 Nov 2026\n"
    );
    assert_eq!(ok(run(&["billing", "overdue"]), "overdue"), "No invoices are overdue.\n");

    let out = root.path().join("accounts.csv");
    let export = run(&[
        "billing",
        "export",
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-31",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(String::from_utf8_lossy(&export.stderr).contains(
        "Warning: This file is not encrypted; anyone who can open it can read it. Store it somewhere safe and delete it when done."
    ));
    let said = ok(export, "export");
    let csv = std::fs::read_to_string(&out).expect("csv");
    assert_eq!(said, format!("Wrote {} (2 rows, {} bytes).\n", out.display(), csv.len()));
    assert_eq!(
        csv,
        "record,number,date,due,client,payer,currency,net,tax,total,status,method,reference,invoice\r\n\
         invoice,INV-0001,2026-11-30,2026-12-14,Jordan Rivers,,GBP,65.00,13.00,78.00,issued,,,\r\n\
         payment,,2026-12-02,,Jordan Rivers,,GBP,,,30.00,,bank transfer,JR-1,INV-0001\r\n"
    );
}

/// An invoice with a payment, a refund and a credit note against it shows them, so its "Still
/// owed" adds up (before: Total £78.00 then "Still owed: £21.00" with nothing between); and a
/// credit refused on a taxed invoice names the amount typed, before tax (before: "--amount 100"
/// was refused as "a credit of £120.00", a figure the mentor never gave).
#[test]
fn an_invoice_shows_what_went_against_it_and_a_refused_credit_names_the_amount_given() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let run = |args: &[&str]| wellkept(&vault, &pass, args);
    ok(run(&["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]), "init");
    ok(run(&["client", "add", "Sam", "Patel"]), "add Sam");
    ok(run(&["billing", "settings", "--currency", "gbp", "--tax", "20", "--business-name", "Sam Mentor"]), "settings");
    let item = ["billing", "item", "add", "--client", "Sam Patel", "--date", "2026-11-23", "--description"];
    ok(run(&[&item[..], &["Mentoring session, 23 Nov 2026", "--amount", "65"]].concat()), "item");
    let draft = ok(run(&["billing", "invoice", "create", "--client", "Sam Patel"]), "draft");
    let draft = draft.lines().next().and_then(|l| l.strip_prefix("saved ")).expect("saved <id>").to_owned();
    ok(run(&["billing", "invoice", "issue", &draft]), "issue");
    let pay = |kind: &str, amount: &str| {
        ok(run(&["billing", "payment", kind, "INV-0001", "--amount", amount, "--method", "cash"]), kind)
    };
    pay("add", "50");
    pay("refund", "5");
    ok(run(&["billing", "invoice", "credit", "INV-0001", "--amount", "10", "--reason", "Goodwill"]), "credit");

    assert_eq!(
        ok(run(&["billing", "invoice", "show", "INV-0001"]), "show"),
        lines(&[
            "Invoice INV-0001  issued 30 Nov 2026, due 14 Dec 2026",
            "From: Sam Mentor",
            "To: Sam Patel",
            "  Mentoring session, 23 Nov 2026  £65.00",
            "Subtotal: £65.00",
            "Tax at 20%: £13.00",
            "Total: £78.00",
            "Paid: £45.00",
            "Credited: £12.00 (CN-0002)",
            "Still owed: £21.00",
        ])
    );
    let too_much = refused(run(&["billing", "invoice", "credit", "INV-0001", "--amount", "100", "--reason", "x"]));
    assert_eq!(
        too_much.lines().last(),
        Some(
            "wellkept: Amount: a credit of £100.00 before tax (£120.00 with tax at 20%) is more than the £21.00 \
             INV-0001 still asks for"
        ),
        "{too_much}"
    );
}

/// A discount sets the item's whole discount: a second one replaces the first, and the line
/// says so with the amount and the discount (before: £50 off then £10 off printed only
/// "Mentoring session, 23 Nov 2026: bills £60.00.", as if £10 more had been taken off, when
/// £10 had replaced £50).
#[test]
fn a_second_discount_says_it_replaces_the_first() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let run = |args: &[&str]| ok(wellkept(&vault, &pass, args), &args.join(" "));
    run(&["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    run(&["client", "add", "Sam", "Patel"]);
    run(&["billing", "settings", "--currency", "gbp"]);
    let item = run(&[
        "billing",
        "item",
        "add",
        "--client",
        "Sam Patel",
        "--date",
        "2026-11-23",
        "--description",
        "Mentoring session, 23 Nov 2026",
        "--amount",
        "70",
    ]);
    let item = item.trim().strip_prefix("saved ").expect("saved <id>").to_owned();
    let discount =
        |amount: &str| run(&["billing", "item", "discount", &item, "--amount", amount, "--reason", "Sliding scale"]);
    assert_eq!(discount("50"), "Mentoring session, 23 Nov 2026: £70.00 less a £50.00 discount: bills £20.00.\n");
    assert_eq!(
        discount("10"),
        "Mentoring session, 23 Nov 2026: the discount of £50.00 is replaced.\n\
         Mentoring session, 23 Nov 2026: £70.00 less a £10.00 discount: bills £60.00.\n"
    );
    assert_eq!(
        discount("0"),
        "Mentoring session, 23 Nov 2026: the discount of £10.00 is removed.\n\
         Mentoring session, 23 Nov 2026: bills £70.00.\n"
    );
}
