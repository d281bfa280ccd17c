//! `wellkept billing invoice pdf <number> --out FILE` through the real binary, on a test clock
//! (Monday 30 November 2026, TZ=Europe/London): billing set up (GBP, £65.00 for 50 minutes in
//! person, VAT 20%, a business name and address), a session marked attended, INV-0001 issued and
//! part paid; the PDF read back with `pdftotext` has the business details, the bill-to, the
//! number and days, the line ("Mentoring session, 23 Nov 2026": no clinical words), tax, total,
//! paid and balance due, in that order, under a business footer (name, payment terms) with no
//! clinical-export wording. A draft is refused with a message; nothing is written. A payment
//! prints a receipt; a refund is refused one. Paid on the PDF is payments less refunds (a refund
//! listed as a negative amount, so the list adds up to it), and a credit note is its own
//! "Credited" line, named by number, above the balance due.

mod common;

use common::{ok, pdf_lines};
use std::path::Path;
use std::process::Output;

fn wellkept(vault: &Path, pass: &Path, args: &[&str]) -> Output {
    common::run(vault, pass, Some("2026-11-30T09:00:00Z"), args)
}

#[test]
fn an_issued_invoice_prints_with_business_bill_to_lines_tax_total_paid_and_balance() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let run = |args: &[&str]| wellkept(&vault, &pass, args);
    ok(run(&["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]), "init");
    ok(run(&["client", "add", "Jordan", "Rivers", "--preferred-name", "Jo"]), "add Jo");
    ok(
        run(&[
            "billing",
            "settings",
            "--currency",
            "GBP",
            "--fee",
            "50:in-person:65.00",
            "--tax",
            "20",
            "--business-name",
            "Sam Mentor Practice",
            "--business-address",
            "2 Riverside Walk, York YO1 7DN",
            "--terms-days",
            "14",
        ]),
        "settings",
    );
    let booked = ok(run(&["session", "add", "--client", "Jo", "--start", "2026-11-23T10:00"]), "book");
    let appointment = booked.trim().strip_prefix("saved ").expect("saved <id>").to_owned();
    ok(run(&["session", "attended", &appointment, "--on", "2026-11-23"]), "attended");
    let draft = ok(run(&["billing", "invoice", "create", "--client", "Jo"]), "draft");
    let draft_id = draft.lines().next().and_then(|l| l.strip_prefix("saved ")).expect("saved <id>").to_owned();

    let early = root.path().join("draft.pdf");
    let refused = run(&["billing", "invoice", "pdf", &draft_id, "--out", early.to_str().expect("utf-8")]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("Invoice: a draft has no number yet: issue it first, then print it"), "{said}");
    assert!(!early.exists(), "nothing is written for a draft");

    ok(run(&["billing", "invoice", "issue", &draft_id]), "issue");
    ok(
        common::run(
            &vault,
            &pass,
            Some("2026-12-02T09:00:00Z"),
            &[
                "billing",
                "payment",
                "add",
                "INV-0001",
                "--amount",
                "30",
                "--method",
                "bank transfer",
                "--date",
                "2026-12-02",
            ],
        ),
        "part payment",
    );
    let out = root.path().join("INV-0001.pdf");
    let printed = run(&["billing", "invoice", "pdf", "INV-0001", "--out", out.to_str().expect("utf-8")]);
    assert!(String::from_utf8_lossy(&printed.stderr).contains("Warning: This file is not encrypted"));
    let said = ok(printed, "pdf");
    let bytes = std::fs::metadata(&out).expect("the PDF is written").len();
    assert_eq!(said, format!("Wrote {} (INV-0001, {bytes} bytes).\n", out.display()));

    assert_eq!(
        pdf_lines(&out),
        [
            "Invoice INV-0001",
            "Invoice INV-0001",
            "Sam Mentor Practice",
            "From",
            "Name Sam Mentor Practice",
            "Address 2 Riverside Walk, York YO1 7DN",
            "Bill to",
            "Name Jordan Rivers",
            "Details",
            "Number INV-0001",
            "Issued 30 Nov 2026",
            "Due 14 Dec 2026",
            "Lines",
            "Description Amount Tax",
            "Mentoring session, 23 Nov 2026 £65.00 £13.00",
            "Totals",
            "Subtotal £65.00",
            "Tax £13.00 at 20%",
            "Total £78.00",
            "Paid £30.00",
            "Balance due £48.00",
            "Payments received",
            "Date What Amount",
            "2 Dec 2026 Payment (bank transfer) £30.00",
            "Sam Mentor Practice · Payment terms: 14 days, due 14 Dec 2026 Page 1 of 1",
        ]
    );
}

#[test]
fn a_payment_prints_a_receipt_and_a_refund_is_refused_one() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let run = |args: &[&str]| wellkept(&vault, &pass, args);
    ok(run(&["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]), "init");
    ok(run(&["client", "add", "Jordan", "Rivers", "--preferred-name", "Jo"]), "add Jo");
    ok(
        run(&[
            "billing",
            "settings",
            "--currency",
            "GBP",
            "--fee",
            "50:in-person:65.00",
            "--business-name",
            "Sam Mentor Practice",
            "--business-address",
            "2 Riverside Walk, York YO1 7DN",
        ]),
        "settings",
    );
    let booked = ok(run(&["session", "add", "--client", "Jo", "--start", "2026-11-23T10:00"]), "book");
    let appointment = booked.trim().strip_prefix("saved ").expect("saved <id>").to_owned();
    ok(run(&["session", "attended", &appointment, "--on", "2026-11-23"]), "attended");
    let draft = ok(run(&["billing", "invoice", "create", "--client", "Jo"]), "draft");
    let draft_id = draft.lines().next().and_then(|l| l.strip_prefix("saved ")).expect("saved <id>").to_owned();
    ok(run(&["billing", "invoice", "issue", &draft_id]), "issue");
    // Each recorded on its own day (a payment cannot be dated after the day it is recorded).
    let pay = |kind: &str, amount: &str, date: &str, reference: &[&str]| {
        let mut args =
            vec!["billing", "payment", kind, "INV-0001", "--amount", amount, "--method", "card", "--date", date];
        args.extend_from_slice(reference);
        ok(common::run(&vault, &pass, Some(&format!("{date}T09:00:00Z")), &args), kind)
    };
    pay("add", "40", "2026-11-30", &["--reference", "JR-7"]);
    pay("refund", "5", "2026-12-01", &[]);

    let listed = ok(run(&["billing", "payment", "list", "--client", "Jo"]), "list");
    let rows: Vec<(&str, String)> = listed
        .lines()
        .map(|l| {
            let (id, rest) = l.split_once("  ").expect("id first");
            (id, rest.to_owned())
        })
        .collect();
    assert_eq!(
        rows.iter().map(|r| r.1.as_str()).collect::<Vec<_>>(),
        [
            "30 Nov 2026  Payment (card, ref JR-7) for INV-0001  Jordan Rivers  £40.00",
            "1 Dec 2026  Refund (card) for INV-0001  Jordan Rivers  £5.00",
        ]
    );

    let refused = root.path().join("refund.pdf");
    let out = run(&["billing", "payment", "receipt", rows[1].0, "--out", refused.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Receipt: a receipt is for a payment received, not for a refund"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!refused.exists(), "nothing is written for a refund");

    let file = root.path().join("receipt.pdf");
    let printed = run(&["billing", "payment", "receipt", rows[0].0, "--out", file.to_str().expect("utf-8")]);
    assert!(String::from_utf8_lossy(&printed.stderr).contains("Warning: This file is not encrypted"));
    let said = ok(printed, "receipt");
    let bytes = std::fs::metadata(&file).expect("the PDF is written").len();
    assert_eq!(said, format!("Wrote {} (receipt for INV-0001, {bytes} bytes).\n", file.display()));
    assert_eq!(
        pdf_lines(&file),
        [
            "Receipt for INV-0001",
            "Receipt for INV-0001",
            "Sam Mentor Practice",
            "From",
            "Name Sam Mentor Practice",
            "Address 2 Riverside Walk, York YO1 7DN",
            "Received from",
            "Name Jordan Rivers",
            "Payment",
            "Date 30 Nov 2026",
            "Method card",
            "Reference JR-7",
            "Amount received £40.00",
            "Invoice",
            "Number INV-0001",
            "Issued 30 Nov 2026",
            "Total £65.00",
            "Balance due £30.00",
            "Sam Mentor Practice Page 1 of 1",
        ]
    );
}

#[test]
fn paid_is_payments_less_refunds_with_credit_notes_on_their_own_line() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let run = |args: &[&str]| wellkept(&vault, &pass, args);
    let on = |day: &str, args: &[&str]| common::run(&vault, &pass, Some(&format!("{day}T09:00:00Z")), args);
    ok(run(&["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]), "init");
    ok(run(&["client", "add", "Jordan", "Rivers", "--preferred-name", "Jo"]), "add Jo");
    ok(
        run(&[
            "billing",
            "settings",
            "--currency",
            "GBP",
            "--tax",
            "20",
            "--business-name",
            "Sam Mentor Practice",
            "--business-address",
            "2 Riverside Walk, York YO1 7DN",
            "--terms-days",
            "14",
        ]),
        "settings",
    );
    for (date, what, amount) in
        [("2026-11-23", "Mentoring session, 23 Nov 2026", "165.00"), ("2026-11-24", "Workbook", "12.34")]
    {
        let args =
            ["billing", "item", "add", "--client", "Jo", "--date", date, "--description", what, "--amount", amount];
        ok(run(&args), "item");
    }
    let draft = ok(run(&["billing", "invoice", "create", "--client", "Jo"]), "draft");
    let draft_id = draft.lines().next().and_then(|l| l.strip_prefix("saved ")).expect("saved <id>").to_owned();
    ok(run(&["billing", "invoice", "issue", &draft_id]), "issue");
    // Paid £100.00 on 1 Dec and £20.00 on 2 Dec, credited £10.00 + £2.00 tax on 3 Dec, £20.00
    // refunded on 4 Dec.
    let paid = |day: &str, amount: &str, method: &str| {
        let args = ["billing", "payment", "add", "INV-0001", "--amount", amount, "--method", method];
        ok(on(day, &args), "payment")
    };
    assert_eq!(
        paid("2026-12-01", "100", "bank transfer"),
        "Payment of £100.00 for INV-0001 recorded; it still asks for £112.81.\n"
    );
    assert_eq!(
        paid("2026-12-02", "20", "card"),
        "Payment of £20.00 for INV-0001 recorded; it still asks for £92.81.\n"
    );
    let credit = ["billing", "invoice", "credit", "INV-0001", "--amount", "10", "--reason", "Workbook not used"];
    assert!(ok(on("2026-12-03", &credit), "credit").starts_with("Issued CN-0002.\n"));
    let refund = ["billing", "payment", "refund", "INV-0001", "--amount", "20", "--method", "card"];
    assert_eq!(
        ok(on("2026-12-04", &refund), "refund"),
        "Refund of £20.00 for INV-0001 recorded; it still asks for £100.81.\n"
    );
    assert_eq!(ok(on("2026-12-04", &["billing", "balance", "Jo"]), "balance"), "Jordan Rivers owes £100.81.\n");

    let out = root.path().join("INV-0001.pdf");
    ok(on("2026-12-04", &["billing", "invoice", "pdf", "INV-0001", "--out", out.to_str().expect("utf-8")]), "pdf");
    assert_eq!(
        pdf_lines(&out),
        [
            "Invoice INV-0001",
            "Invoice INV-0001",
            "Sam Mentor Practice",
            "From",
            "Name Sam Mentor Practice",
            "Address 2 Riverside Walk, York YO1 7DN",
            "Bill to",
            "Name Jordan Rivers",
            "Details",
            "Number INV-0001",
            "Issued 30 Nov 2026",
            "Due 14 Dec 2026",
            "Lines",
            "Description Amount Tax",
            "Mentoring session, 23 Nov 2026 £165.00 £33.00",
            "Workbook £12.34 £2.47",
            "Totals",
            "Subtotal £177.34",
            "Tax £35.47 at 20%",
            "Total £212.81",
            "Paid £100.00",
            "Credited £12.00 (CN-0002)",
            "Balance due £100.81",
            "Payments and refunds",
            "Date What Amount",
            "1 Dec 2026 Payment (bank transfer) £100.00",
            "2 Dec 2026 Payment (card) £20.00",
            "4 Dec 2026 Refund (card) -£20.00",
            "Sam Mentor Practice · Payment terms: 14 days, due 14 Dec 2026 Page 1 of 1",
        ]
    );
}
