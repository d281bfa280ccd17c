//! What went against an invoice, and when it may be dated, on the test clock (noon on Thursday
//! 2 April 2026, London): an invoice of £212.81 paid £100.00 and £20.00, credited £12.00 by a
//! credit note and £20.00 refunded has been paid £100.00 (payments less refunds), credited £12.00
//! (CN-0002) and still asks for £100.81 — the same figure as its outstanding amount, the
//! client's balance and the closing line of the month's statement. A payment, refund or credit
//! note dated before the invoice was issued, or after today, is refused word for word with
//! nothing written, so the statement never opens with money owed back and the balance never
//! takes off a payment yet to come.

mod common;
mod practice_fixtures;

use practice_fixtures::{client, day};
use wellkept::billing::{self, BillingSettings, BusinessDetails, Currency, Invoice, Money, NewPayment};
use wellkept::vault::Vault;

/// Pins the clock (and London time) once, first thing in every test, before any of them reads
/// the clock or the time zone.
fn pin_clock() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: set once, before any test here reads the environment; nothing reads it from C
    // code at the same time.
    ONCE.call_once(|| unsafe {
        std::env::set_var(wellkept::clock::TEST_CLOCK_VAR, "2026-04-02T12:00:00Z");
        std::env::set_var("TZ", "Europe/London");
    });
}

fn gbp(minor: i64) -> Money {
    Money::new(minor, Currency::GBP)
}

/// Billing at 20% tax, and Jo's INV-0001 issued on Wednesday 1 April 2026: £165.00 and £12.34
/// net, £35.47 tax, £212.81.
async fn invoiced(vault: &Vault) -> (String, Invoice) {
    let settings = BillingSettings {
        tax_rate_bp: Some(2000),
        business: BusinessDetails { name: "Sam Mentor Practice".into(), ..BusinessDetails::default() },
        payment_terms_days: 14,
        ..BillingSettings::new(Currency::GBP)
    };
    billing::set_billing_settings(vault, settings).await.expect("settings");
    let jo = client(vault, "Jordan Rivers").await;
    billing::add_item(vault, &jo, day(2026, 3, 30), "Mentoring session, 30 Mar 2026", gbp(16_500)).await.expect("item");
    billing::add_item(vault, &jo, day(2026, 3, 31), "Workbook", gbp(1234)).await.expect("item");
    let draft = billing::create_draft(vault, &jo, None).await.expect("draft");
    let invoice = billing::issue_invoice(vault, &draft.id, day(2026, 4, 1)).await.expect("issue");
    assert_eq!((invoice.label(), invoice.total_minor), ("INV-0001".to_owned(), 21_281));
    (jo, invoice)
}

fn paid(invoice: &Invoice, minor: i64, method: &str, on: chrono::NaiveDate) -> NewPayment {
    NewPayment {
        invoice_id: invoice.id.clone(),
        amount: gbp(minor),
        method: method.into(),
        paid_on: on,
        reference: None,
    }
}

#[tokio::test]
async fn paid_is_payments_less_refunds_and_credit_notes_are_counted_apart() {
    pin_clock();
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let (jo, invoice) = invoiced(&vault).await;
    billing::record_payment(&vault, paid(&invoice, 10_000, "bank transfer", day(2026, 4, 1))).await.expect("paid");
    billing::record_payment(&vault, paid(&invoice, 2000, "card", day(2026, 4, 2))).await.expect("paid");
    let credit = billing::credit_note(&vault, &invoice.id, gbp(1000), "Workbook not used", day(2026, 4, 2))
        .await
        .expect("credit");
    assert_eq!((credit.label(), credit.total_minor), ("CN-0002".to_owned(), 1200));
    billing::record_refund(&vault, paid(&invoice, 2000, "card", day(2026, 4, 2))).await.expect("refund");

    let settled = billing::settlement(&vault, &invoice).await.expect("settlement");
    assert_eq!(
        (settled.paid.to_string(), settled.credited.to_string(), settled.credit_notes, settled.balance.to_string()),
        ("£100.00".to_owned(), "£12.00".to_owned(), vec!["CN-0002".to_owned()], "£100.81".to_owned())
    );
    assert_eq!(billing::outstanding(&vault, &invoice).await.expect("owed"), gbp(10_081));
    assert_eq!(billing::client_balance(&vault, &jo).await.expect("balance"), gbp(10_081));
    let april = billing::statement(&vault, &jo, day(2026, 4, 1), day(2026, 4, 30)).await.expect("statement");
    assert_eq!((april.opening, april.closing), (gbp(0), gbp(10_081)));

    // A credit note has nothing paid or owed on it itself.
    let on_credit = billing::settlement(&vault, &credit).await.expect("settlement");
    assert_eq!(
        (on_credit.paid, on_credit.credited, on_credit.credit_notes.len(), on_credit.balance),
        (gbp(0), gbp(0), 0, gbp(0))
    );
}

#[tokio::test]
async fn a_payment_refund_or_credit_note_dated_before_the_invoice_or_after_today_is_refused() {
    pin_clock();
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let (jo, invoice) = invoiced(&vault).await;
    // On the issue day and on today: accepted.
    billing::record_payment(&vault, paid(&invoice, 5000, "cash", day(2026, 4, 1))).await.expect("on the issue day");
    billing::record_refund(&vault, paid(&invoice, 1000, "cash", day(2026, 4, 2))).await.expect("today");

    let before = "Date: 2026-03-31 is before INV-0001 was issued (2026-04-01)";
    let future = "Date: 2026-04-03 is in the future (today is 2026-04-02)";
    let refusals = [
        (billing::record_payment(&vault, paid(&invoice, 1000, "cash", day(2026, 3, 31))).await, before),
        (billing::record_payment(&vault, paid(&invoice, 1000, "cash", day(2026, 4, 3))).await, future),
        (billing::record_refund(&vault, paid(&invoice, 1000, "cash", day(2026, 3, 31))).await, before),
        (billing::record_refund(&vault, paid(&invoice, 1000, "cash", day(2026, 4, 3))).await, future),
    ];
    for (refused, said) in refusals {
        assert_eq!(refused.expect_err(said).to_string(), said);
    }
    let credit = |on| billing::credit_note(&vault, &invoice.id, gbp(1000), "Workbook not used", on);
    assert_eq!(credit(day(2026, 3, 31)).await.expect_err("before").to_string(), before);
    assert_eq!(credit(day(2026, 4, 3)).await.expect_err("future").to_string(), future);

    // Nothing was written: the one payment and one refund, no credit note, the same balance.
    let payments = billing::list_payments(&vault, Some(&jo)).await.expect("payments");
    let shown: Vec<(String, i64)> = payments.iter().map(|p| (p.paid_on.to_string(), p.amount_minor)).collect();
    assert_eq!(shown, [("2026-04-01".to_owned(), 5000), ("2026-04-02".to_owned(), 1000)]);
    assert_eq!(billing::list_invoices(&vault, None).await.expect("invoices").len(), 1);
    assert_eq!(billing::client_balance(&vault, &jo).await.expect("balance"), gbp(21_281 - 4000));
    let april = billing::statement(&vault, &jo, day(2026, 4, 1), day(2026, 4, 30)).await.expect("statement");
    assert_eq!((april.opening, april.closing), (gbp(0), gbp(17_281)));
}
