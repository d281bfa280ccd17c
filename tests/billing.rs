//! Billing against a real vault (issue 14): a session marked attended becomes exactly one
//! billable item (and follows its outcome until invoiced); the no-show policy; a client's own
//! fee; an invoice drafted, issued (numbered), part paid, credited; balance, statement and the
//! accountant's CSV with exact figures; void keeps its number; issued invoices are read-only;
//! numbering stays gapless when many invoices are issued at once from tasks.

mod common;
mod practice_fixtures;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use practice_fixtures::{client, day, reopen};
use wellkept::billing::{
    self, BillingSettings, BusinessDetails, Currency, DefaultFee, InvoiceStatus, ItemKind, Money, NewPayment,
};
use wellkept::practice::appointments::{
    self, AppointmentDetails, OccurrenceStatus, Recurrence, RepeatRule, SessionMode,
};
use wellkept::vault::Vault;

/// Every test here runs on the test clock at noon on Thursday 31 December 2026 (set once, before
/// any test reads the clock), after every day a payment, refund or credit note below is dated:
/// billing refuses one dated after today, so on the real clock these would start failing on the
/// day they were written.
fn pin_clock() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: set once, first thing in every test, before any of them reads the clock or the
    // environment; nothing reads the environment from C code at the same time.
    ONCE.call_once(|| unsafe { std::env::set_var(wellkept::clock::TEST_CLOCK_VAR, "2026-12-31T12:00:00Z") });
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
}

fn gbp(minor: i64) -> Money {
    Money::new(minor, Currency::GBP)
}

fn settings() -> BillingSettings {
    BillingSettings {
        default_fees: vec![
            DefaultFee { minutes: 50, mode: SessionMode::InPerson, fee_minor: 6500 },
            DefaultFee { minutes: 50, mode: SessionMode::Video, fee_minor: 6000 },
        ],
        tax_rate_bp: Some(2000),
        business: BusinessDetails {
            name: "Sam Mentor Practice".into(),
            address: "1 High St\nLeeds".into(),
            ..BusinessDetails::default()
        },
        payment_terms_days: 14,
        ..BillingSettings::new(Currency::GBP)
    }
}

/// A weekly 10:00 London series of `count` 50-minute sessions from Monday 2 November 2026.
async fn weekly(vault: &Vault, client_id: &str, count: u32) -> String {
    let details = AppointmentDetails {
        client_id: client_id.into(),
        starts_at: at("2026-11-02T10:00:00Z"),
        ends_at: at("2026-11-02T10:50:00Z"),
        time_zone: Some("Europe/London".into()),
        mode: SessionMode::InPerson,
        location: None,
        repeat: RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(count) },
        reminder_minutes: None,
        notes: "private".into(),
    };
    appointments::add_appointment(vault, details).await.expect("book").id
}

async fn mark(vault: &Vault, id: &str, start: &str, status: OccurrenceStatus) {
    appointments::set_occurrence_status(vault, id, at(start), status).await.expect("mark");
}

#[tokio::test]
async fn attended_session_to_item_invoice_part_payment_balance_statement_and_csv() {
    pin_clock();
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let series = weekly(&vault, &ana, 4).await;

    // Before billing is set up, marking a session makes no item.
    mark(&vault, &series, "2026-11-02T10:00:00Z", OccurrenceStatus::Attended).await;
    assert!(billing::list_items(&vault, None, false).await.expect("items").is_empty());
    assert!(billing::tax_on(1, 2000) == 0);

    billing::set_billing_settings(&vault, settings()).await.expect("settings");
    // Attended, twice: exactly one item. Unmarked before invoicing: gone. Attended again: back.
    mark(&vault, &series, "2026-11-09T10:00:00Z", OccurrenceStatus::Attended).await;
    mark(&vault, &series, "2026-11-09T10:00:00Z", OccurrenceStatus::Attended).await;
    let items = billing::list_items(&vault, Some(&ana), true).await.expect("items");
    assert_eq!(items.len(), 1);
    let first_id = items[0].id.clone();
    assert_eq!(
        (items[0].kind, items[0].description.as_str(), items[0].net(), items[0].service_date),
        (ItemKind::Session, "Mentoring session, 9 Nov 2026", gbp(6500), day(2026, 11, 9))
    );
    mark(&vault, &series, "2026-11-09T10:00:00Z", OccurrenceStatus::Scheduled).await;
    assert!(billing::list_items(&vault, None, false).await.expect("items").is_empty(), "unmarked: no item");
    mark(&vault, &series, "2026-11-09T10:00:00Z", OccurrenceStatus::Attended).await;
    // A no-show is not billed under the default policy; it is once the policy says so.
    mark(&vault, &series, "2026-11-16T10:00:00Z", OccurrenceStatus::NoShow).await;
    assert_eq!(billing::list_items(&vault, None, false).await.expect("items").len(), 1);
    billing::set_billing_settings(&vault, BillingSettings { bill_no_shows: true, ..settings() }).await.expect("policy");
    mark(&vault, &series, "2026-11-16T10:00:00Z", OccurrenceStatus::NoShow).await;
    // Ana's own fee (a sliding scale) applies to sessions marked from now on.
    billing::set_client_fee(&vault, &ana, gbp(4000)).await.expect("client fee");
    mark(&vault, &series, "2026-11-23T10:00:00Z", OccurrenceStatus::Attended).await;
    let items = billing::list_items(&vault, Some(&ana), true).await.expect("items");
    let shown: Vec<(&str, i64)> = items.iter().map(|i| (i.description.as_str(), i.amount_minor)).collect();
    assert_eq!(
        shown,
        vec![
            ("Mentoring session, 9 Nov 2026", 6500),
            ("Missed session, 16 Nov 2026", 6500),
            ("Mentoring session, 23 Nov 2026", 4000)
        ]
    );
    assert_ne!(items[0].id, first_id, "unmarked and marked again: a new item, never two");
    // The missed session is discounted by £15.00, with a reason.
    let missed = billing::discount_item(&vault, &items[1].id, gbp(1500), "first missed session").await.expect("disc");
    assert_eq!(missed.net(), gbp(5000));
    assert!(billing::discount_item(&vault, &items[1].id, gbp(1500), " ").await.is_err(), "a reason is required");

    // Draft → issue: number 1, due 14 days later; 20% tax per line.
    let draft = billing::create_draft(&vault, &ana, Some("Maria Ruiz (parent), 3 Low Rd, Leeds")).await.expect("draft");
    assert_eq!((draft.status, draft.number, draft.label()), (InvoiceStatus::Draft, None, "Draft".to_owned()));
    let invoice = billing::issue_invoice(&vault, &draft.id, day(2026, 11, 30)).await.expect("issue");
    assert_eq!(invoice.label(), "INV-0001");
    assert_eq!(invoice.due_on, Some(day(2026, 12, 14)));
    // 65.00 + 50.00 + 40.00 = 155.00 net; tax 13.00 + 10.00 + 8.00 = 31.00; total 186.00.
    assert_eq!(
        (invoice.money(invoice.subtotal_minor), invoice.money(invoice.tax_minor), invoice.money(invoice.total_minor)),
        (gbp(15500), gbp(3100), gbp(18600))
    );
    let lines = billing::invoice_lines(&vault, &invoice.id).await.expect("lines");
    let lines: Vec<(String, i64, i64)> = lines.into_iter().map(|l| (l.description, l.net_minor, l.tax_minor)).collect();
    assert_eq!(
        lines,
        vec![
            ("Mentoring session, 9 Nov 2026".to_owned(), 6500, 1300),
            ("Missed session, 16 Nov 2026".to_owned(), 5000, 1000),
            ("Mentoring session, 23 Nov 2026".to_owned(), 4000, 800)
        ]
    );
    // Issued: read-only; its items cannot change, and unmarking the session keeps the item.
    assert!(billing::issue_invoice(&vault, &invoice.id, day(2026, 12, 1)).await.is_err());
    assert!(
        billing::discard_draft(&vault, &invoice.id).await.expect_err("read-only").to_string().contains("credit note")
    );
    assert!(billing::write_off_item(&vault, &items[0].id, "x").await.is_err());
    mark(&vault, &series, "2026-11-09T10:00:00Z", OccurrenceStatus::Scheduled).await;
    assert_eq!(billing::list_items(&vault, Some(&ana), false).await.expect("items").len(), 3);

    // Part payment of £100.00, then an overpayment is refused.
    let pay = |amount: i64, on| NewPayment {
        invoice_id: invoice.id.clone(),
        amount: gbp(amount),
        method: "bank transfer".into(),
        paid_on: on,
        reference: Some("AR-11".into()),
    };
    billing::record_payment(&vault, pay(10_000, day(2026, 12, 3))).await.expect("part payment");
    let too_much = billing::record_payment(&vault, pay(8_601, day(2026, 12, 4))).await.expect_err("over");
    assert_eq!(too_much.to_string(), "Amount: £86.01 is more than the £86.00 INV-0001 still asks for");
    assert_eq!(billing::client_balance(&vault, &ana).await.expect("balance"), gbp(8600));
    // A credit note of £10.00 net (+£2.00 tax) for the missed session: CN-0002.
    let credit = billing::credit_note(&vault, &invoice.id, gbp(1000), "missed session goodwill", day(2026, 12, 5))
        .await
        .expect("credit");
    assert_eq!((credit.label(), credit.total_minor), ("CN-0002".to_owned(), 1200));
    assert_eq!(billing::client_balance(&vault, &ana).await.expect("balance"), gbp(7400));
    assert_eq!(billing::outstanding(&vault, &invoice).await.expect("owed"), gbp(7400));
    // Overdue on 15 December (due the 14th), not on the 14th.
    assert!(billing::overdue_invoices(&vault, day(2026, 12, 14)).await.expect("overdue").is_empty());
    let overdue = billing::overdue_invoices(&vault, day(2026, 12, 15)).await.expect("overdue");
    let overdue: Vec<(String, Money, i64)> =
        overdue.into_iter().map(|o| (o.invoice.label(), o.outstanding, o.days_overdue)).collect();
    assert_eq!(overdue, vec![("INV-0001".to_owned(), gbp(7400), 1)]);
    // The dashboard data carries the same list.
    let london: appointments::Tz = "Europe/London".parse().expect("zone");
    let dashboard = wellkept::practice::dashboard::load_dashboard(&vault, at("2026-12-15T09:00:00Z"), &london)
        .await
        .expect("dashboard");
    let listed: Vec<(String, String, i64)> = dashboard
        .overdue_invoices
        .iter()
        .map(|o| (o.invoice.label(), o.outstanding.to_string(), o.days_overdue))
        .collect();
    assert_eq!(listed, vec![("INV-0001".to_owned(), "£74.00".to_owned(), 1)]);

    // A refund of £20.00 of the payment.
    let refund = NewPayment { amount: gbp(2000), method: "bank transfer".into(), ..pay(0, day(2026, 12, 6)) };
    billing::record_refund(&vault, refund).await.expect("refund");
    assert_eq!(billing::client_balance(&vault, &ana).await.expect("balance"), gbp(9400));
    // What the invoice's PDF prints: paid is payments less refunds, the credit note apart.
    let settled = billing::settlement(&vault, &invoice).await.expect("settlement");
    assert_eq!(
        (settled.paid, settled.credited, settled.credit_notes, settled.balance),
        (gbp(8000), gbp(1200), vec!["CN-0002".to_owned()], gbp(9400))
    );

    let statement = billing::statement(&vault, &ana, day(2026, 12, 1), day(2026, 12, 31)).await.expect("statement");
    let shown: Vec<String> = statement
        .lines
        .iter()
        .map(|l| {
            format!(
                "{} {} | {} | {} | {}",
                l.date,
                l.description,
                l.debit.map(|m| m.to_string()).unwrap_or_default(),
                l.credit.map(|m| m.to_string()).unwrap_or_default(),
                l.balance
            )
        })
        .collect();
    assert_eq!(statement.opening, gbp(18600), "issued on 30 November, before the range");
    assert_eq!(
        shown,
        vec![
            "2026-12-03 Payment (bank transfer, ref AR-11) for INV-0001 |  | £100.00 | £86.00",
            "2026-12-05 Credit note CN-0002 for INV-0001 |  | £12.00 | £74.00",
            "2026-12-06 Refund (bank transfer, ref AR-11) for INV-0001 | £20.00 |  | £94.00",
        ]
    );
    assert_eq!(statement.closing, gbp(9400));

    // The accountant's CSV: numbers and amounts, no session wording, and the warning.
    let outside = tempfile::tempdir().expect("tempdir");
    let inside = billing::export_csv(&vault, day(2026, 11, 1), day(2026, 12, 31), &dir.path().join("a.csv")).await;
    assert!(inside.expect_err("inside").to_string().contains("inside the vault folder"));
    let out = outside.path().join("accounts.csv");
    let done = billing::export_csv(&vault, day(2026, 11, 1), day(2026, 12, 31), &out).await.expect("csv");
    assert!(done.warning.text.contains("not encrypted"));
    let csv = std::fs::read_to_string(&out).expect("read csv");
    assert_eq!(
        csv,
        "record,number,date,due,client,payer,currency,net,tax,total,status,method,reference,invoice\r\n\
         invoice,INV-0001,2026-11-30,2026-12-14,Ana Ruiz,\"Maria Ruiz (parent), 3 Low Rd, Leeds\",GBP,155.00,31.00,186.00,issued,,,\r\n\
         payment,,2026-12-03,,Ana Ruiz,\"Maria Ruiz (parent), 3 Low Rd, Leeds\",GBP,,,100.00,,bank transfer,AR-11,INV-0001\r\n\
         credit_note,CN-0002,2026-12-05,2026-12-05,Ana Ruiz,\"Maria Ruiz (parent), 3 Low Rd, Leeds\",GBP,10.00,2.00,12.00,issued,,,INV-0001\r\n\
         refund,,2026-12-06,,Ana Ruiz,\"Maria Ruiz (parent), 3 Low Rd, Leeds\",GBP,,,20.00,,bank transfer,AR-11,INV-0001\r\n"
    );
    assert!(!csv.contains("session") && !csv.contains("private"), "no session content");

    // Everything survives a reopen.
    drop(vault);
    let vault = reopen(dir.path()).await;
    assert_eq!(billing::client_balance(&vault, &ana).await.expect("balance"), gbp(9400));
    assert_eq!(billing::list_invoices(&vault, None).await.expect("list").len(), 2);
}

#[tokio::test]
async fn void_keeps_its_number_releases_items_and_the_currency_is_then_fixed() {
    pin_clock();
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ben = client(&vault, "Ben Okafor").await;
    billing::set_billing_settings(&vault, BillingSettings { tax_rate_bp: None, ..settings() }).await.expect("settings");
    let series = weekly(&vault, &ben, 2).await;
    mark(&vault, &series, "2026-11-02T10:00:00Z", OccurrenceStatus::Attended).await;
    assert!(billing::create_draft(&vault, "no-such-client", None).await.is_err());
    let first = billing::create_draft(&vault, &ben, None).await.expect("draft");
    assert!(
        billing::create_draft(&vault, &ben, None)
            .await
            .expect_err("nothing left")
            .to_string()
            .contains("nothing unbilled")
    );
    let first = billing::issue_invoice(&vault, &first.id, day(2026, 11, 3)).await.expect("issue");
    assert_eq!((first.label(), first.tax_minor, first.total_minor), ("INV-0001".to_owned(), 0, 6500));
    let void = billing::void_invoice(&vault, &first.id, "wrong payer").await.expect("void");
    assert_eq!(
        (void.status, void.number, void.void_reason.as_deref()),
        (InvoiceStatus::Void, Some(1), Some("wrong payer"))
    );
    assert!(billing::void_invoice(&vault, &first.id, "again").await.is_err());
    // Its item is unbilled again and goes on the next invoice, which is number 2, not 1.
    let again = billing::create_draft(&vault, &ben, None).await.expect("redraft");
    let again = billing::issue_invoice(&vault, &again.id, day(2026, 11, 4)).await.expect("issue");
    assert_eq!(again.label(), "INV-0002");
    assert_eq!(billing::client_balance(&vault, &ben).await.expect("balance"), gbp(6500), "void counts for nothing");
    // Once anything is billed in GBP the currency cannot change.
    let error = billing::set_billing_settings(&vault, BillingSettings::new(Currency::EUR)).await.expect_err("fixed");
    assert_eq!(
        error.to_string(),
        "Currency: items and invoices are already in GBP; amounts are never converted, so the currency stays GBP"
    );
    // A paid invoice cannot be voided: a credit note corrects it.
    let payment = NewPayment {
        invoice_id: again.id.clone(),
        amount: gbp(6500),
        method: "card".into(),
        paid_on: day(2026, 11, 5),
        reference: None,
    };
    billing::record_payment(&vault, payment).await.expect("paid in full");
    assert!(billing::void_invoice(&vault, &again.id, "x").await.expect_err("paid").to_string().contains("credit note"));
    assert_eq!(billing::client_balance(&vault, &ben).await.expect("balance"), gbp(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn numbering_is_gapless_when_many_invoices_are_issued_at_once() {
    pin_clock();
    const N: usize = 24;
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = Arc::new(common::create_vault(dir.path()).await.vault);
    billing::set_billing_settings(&vault, settings()).await.expect("settings");
    let mut drafts = Vec::new();
    for i in 0..N {
        let c = client(&vault, &format!("Client {i}")).await;
        billing::add_item(&vault, &c, day(2026, 11, 2), "Report", gbp(1000 + i as i64)).await.expect("item");
        drafts.push(billing::create_draft(&vault, &c, None).await.expect("draft").id);
    }
    // Every draft issued from its own task at once, and half of them issued twice at once too.
    let mut tasks = Vec::new();
    for (i, id) in drafts.iter().enumerate() {
        for _ in 0..(1 + i % 2) {
            let (vault, id) = (Arc::clone(&vault), id.clone());
            tasks.push(tokio::spawn(async move { billing::issue_invoice(&vault, &id, day(2026, 11, 30)).await }));
        }
    }
    let mut issued = 0;
    for t in tasks {
        if t.await.expect("task").is_ok() {
            issued += 1;
        }
    }
    assert_eq!(issued, N, "each draft issued exactly once");
    let mut numbers: Vec<i64> =
        billing::list_invoices(&vault, None).await.expect("list").iter().map(|i| i.number.expect("numbered")).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=N as i64).collect::<Vec<_>>());
}

#[tokio::test]
async fn late_cancellations_are_billed_only_under_the_policy_and_inside_the_notice() {
    pin_clock();
    use chrono::{SubsecRound, TimeDelta};
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let cy = client(&vault, "Cy Lane").await;
    let policy = BillingSettings { bill_late_cancellations: true, late_cancellation_hours: 24, ..settings() };
    billing::set_billing_settings(&vault, policy).await.expect("settings");
    let now = wellkept::clock::now().trunc_subsecs(0);
    let book = |start: DateTime<Utc>| AppointmentDetails {
        client_id: cy.clone(),
        starts_at: start,
        ends_at: start + TimeDelta::minutes(50),
        time_zone: Some("UTC".into()),
        mode: SessionMode::Video,
        location: None,
        repeat: RepeatRule::default(),
        reminder_minutes: None,
        notes: String::new(),
    };
    let soon = appointments::add_appointment(&vault, book(now + TimeDelta::hours(2))).await.expect("soon");
    let later = appointments::add_appointment(&vault, book(now + TimeDelta::days(3))).await.expect("later");
    appointments::cancel_occurrence(&vault, &later.id, later.starts_at, "client away").await.expect("cancel later");
    assert!(billing::list_items(&vault, None, false).await.expect("items").is_empty(), "three days' notice: free");
    appointments::cancel_occurrence(&vault, &soon.id, soon.starts_at, "client unwell").await.expect("cancel soon");
    let items = billing::list_items(&vault, None, false).await.expect("items");
    let shown: Vec<(ItemKind, i64)> = items.iter().map(|i| (i.kind, i.amount_minor)).collect();
    assert_eq!(shown, vec![(ItemKind::LateCancellation, 6000)], "two hours' notice: the video fee");
    assert!(items[0].description.starts_with("Late cancellation, "), "{}", items[0].description);
    // Written off with a reason, it stays written off when the session is marked again (back to
    // scheduled: it is still to come, so it cannot be marked attended yet).
    billing::write_off_item(&vault, &items[0].id, "first time, waived").await.expect("write off");
    appointments::set_occurrence_status(&vault, &soon.id, soon.starts_at, OccurrenceStatus::Scheduled)
        .await
        .expect("m");
    let items = billing::list_items(&vault, None, false).await.expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].written_off, items[0].reason.as_deref()), (true, Some("first time, waived")));
    assert!(billing::create_draft(&vault, &cy, None).await.is_err(), "nothing to invoice");
}

#[tokio::test]
async fn invoices_in_jpy_and_bhd_round_tax_to_their_own_minor_unit() {
    pin_clock();
    for (currency, fee, rate, expected_tax, shown_total) in [
        // ¥8,005 at 10% is ¥800.5 → ¥801 (JPY has no minor unit).
        (Currency::JPY, 8005, 1000, 801, "¥8,806"),
        // BHD 12.345 at 5% is 0.61725 → 0.617 (three decimals, the fils).
        (Currency::BHD, 12_345, 500, 617, "BHD 12.962"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let vault = common::create_vault(dir.path()).await.vault;
        let dee = client(&vault, "Dee Moss").await;
        let s = BillingSettings {
            default_fees: vec![DefaultFee { minutes: 50, mode: SessionMode::InPerson, fee_minor: fee }],
            tax_rate_bp: Some(rate),
            ..BillingSettings { currency, ..settings() }
        };
        billing::set_billing_settings(&vault, s).await.expect("settings");
        let series = weekly(&vault, &dee, 2).await;
        // The second session was moved to Wednesday: the item carries the day it took place.
        let moved = at("2026-11-11T15:00:00Z");
        appointments::move_occurrence(
            &vault,
            &series,
            at("2026-11-09T10:00:00Z"),
            moved,
            moved + chrono::TimeDelta::minutes(50),
        )
        .await
        .expect("move");
        mark(&vault, &series, "2026-11-09T10:00:00Z", OccurrenceStatus::Attended).await;
        let items = billing::list_items(&vault, Some(&dee), true).await.expect("items");
        assert_eq!(items[0].description, "Mentoring session, 11 Nov 2026");
        // An adjustment needs the currency's own precision.
        assert!(Money::parse("Amount", "80.05", Currency::JPY).is_err());
        let same = billing::adjust_item(&vault, &items[0].id, Money::new(fee, currency), "checked").await.expect("adj");
        assert_eq!((same.amount_minor, same.reason.as_deref()), (fee, Some("checked")));
        let wrong = billing::adjust_item(&vault, &items[0].id, gbp(100), "x").await.expect_err("other currency");
        assert_eq!(wrong.to_string(), format!("Amount: amounts are in {currency}"));
        let draft = billing::create_draft(&vault, &dee, None).await.expect("draft");
        let issued = billing::issue_invoice(&vault, &draft.id, day(2026, 11, 30)).await.expect("issue");
        assert_eq!(
            (issued.tax_minor, issued.money(issued.total_minor).to_string()),
            (expected_tax, shown_total.to_owned())
        );
    }
}

#[tokio::test]
async fn discarding_a_draft_consumes_no_number_and_returns_its_items_unbilled() {
    pin_clock();
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ben = client(&vault, "Ben Okafor").await;
    billing::set_billing_settings(&vault, BillingSettings { tax_rate_bp: None, ..settings() }).await.expect("settings");
    let series = weekly(&vault, &ben, 2).await;
    mark(&vault, &series, "2026-11-02T10:00:00Z", OccurrenceStatus::Attended).await;
    mark(&vault, &series, "2026-11-09T10:00:00Z", OccurrenceStatus::Attended).await;
    async fn unbilled(v: &Vault, client: &str) -> Vec<(String, bool)> {
        let items = billing::list_items(v, Some(client), true).await.expect("items");
        items.into_iter().map(|i| (i.description, i.invoice_id.is_none())).collect()
    }
    let both =
        vec![("Mentoring session, 2 Nov 2026".to_owned(), true), ("Mentoring session, 9 Nov 2026".to_owned(), true)];
    assert_eq!(unbilled(&vault, &ben).await, both);

    // Two drafts made and discarded in turn: a draft has no number, so none is used up.
    for _ in 0..2 {
        let draft = billing::create_draft(&vault, &ben, None).await.expect("draft");
        assert_eq!((draft.number, draft.label()), (None, "Draft".to_owned()));
        assert!(unbilled(&vault, &ben).await.is_empty(), "the draft holds both items");
        billing::discard_draft(&vault, &draft.id).await.expect("discard");
        assert_eq!(unbilled(&vault, &ben).await, both, "its items are unbilled again");
        assert!(billing::get_invoice(&vault, &draft.id).await.is_err(), "the draft is gone");
    }
    assert!(billing::list_invoices(&vault, None).await.expect("list").is_empty());
    let issued = billing::create_draft(&vault, &ben, None).await.expect("draft");
    let issued = billing::issue_invoice(&vault, &issued.id, day(2026, 11, 10)).await.expect("issue");
    assert_eq!((issued.label(), issued.total_minor), ("INV-0001".to_owned(), 13000), "the first number, not the third");
    // An issued invoice is never discarded.
    let error = billing::discard_draft(&vault, &issued.id).await.expect_err("issued");
    assert_eq!(
        error.to_string(),
        "Invoice: INV-0001 is issued and cannot change; void it or correct it with a credit note"
    );
    // After a reopen the numbering goes on from 1: a void invoice keeps its number.
    drop(vault);
    let vault = reopen(dir.path()).await;
    billing::void_invoice(&vault, &issued.id, "sent to the wrong address").await.expect("void");
    let next = billing::create_draft(&vault, &ben, None).await.expect("draft");
    let next = billing::issue_invoice(&vault, &next.id, day(2026, 11, 11)).await.expect("issue");
    assert_eq!(next.label(), "INV-0002");
}

#[tokio::test]
async fn invoices_are_found_by_number_and_by_client_or_payer_never_by_their_lines() {
    pin_clock();
    use wellkept::search::{SearchQuery, search};
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let ben = client(&vault, "Ben Okafor").await;
    billing::set_billing_settings(&vault, BillingSettings { tax_rate_bp: None, ..settings() }).await.expect("settings");
    billing::add_item(&vault, &ana, day(2026, 11, 2), "Mentoring session, 2 Nov 2026", gbp(6500)).await.expect("item");
    billing::add_item(&vault, &ben, day(2026, 11, 3), "Mentoring session, 3 Nov 2026", gbp(6500)).await.expect("item");
    let first = billing::create_draft(&vault, &ana, Some("Maria Ruiz (parent)")).await.expect("draft");
    let first = billing::issue_invoice(&vault, &first.id, day(2026, 11, 4)).await.expect("issue");
    let draft = billing::create_draft(&vault, &ben, None).await.expect("draft");
    billing::credit_note(&vault, &first.id, gbp(1000), "Sliding scale", day(2026, 11, 5)).await.expect("credit");
    let found = |text: &str| {
        let query = SearchQuery { text: text.into(), kinds: vec!["invoice".into()], ..Default::default() };
        let vault = &vault;
        async move {
            let hits = search(vault, query).await.expect("search").hits;
            hits.into_iter().map(|h| (h.title, h.date.map(|d| d.to_string()))).collect::<Vec<_>>()
        }
    };
    let inv1 = ("INV-0001 · Ana Ruiz".to_owned(), Some("2026-11-04".to_owned()));
    let cn2 = ("Credit note CN-0002 · Ana Ruiz".to_owned(), Some("2026-11-05".to_owned()));
    assert_eq!(found("INV-0001").await, std::slice::from_ref(&inv1));
    assert_eq!(found("CN-0002").await, std::slice::from_ref(&cn2));
    assert_eq!(found("Maria").await.len(), 2, "the payer finds the invoice and its credit note");
    let mut by_name = found("Ana").await;
    by_name.sort();
    assert_eq!(by_name, [cn2, inv1]);
    assert_eq!(found("Okafor").await[0].0, "Draft · Ben Okafor");
    // Line descriptions and reasons are not indexed: no session words are searched.
    assert!(found("Mentoring").await.is_empty());
    assert!(found("Sliding").await.is_empty());
    // A discarded draft leaves the index; a void invoice is still found, marked void.
    billing::discard_draft(&vault, &draft.id).await.expect("discard");
    assert!(found("Okafor").await.is_empty());
    billing::add_item(&vault, &ben, day(2026, 11, 10), "Report", gbp(2000)).await.expect("item");
    let third = billing::create_draft(&vault, &ben, None).await.expect("draft");
    let third = billing::issue_invoice(&vault, &third.id, day(2026, 11, 10)).await.expect("issue");
    billing::void_invoice(&vault, &third.id, "wrong client").await.expect("void");
    assert_eq!(found("Okafor").await, [("INV-0003 (void) · Ben Okafor".to_owned(), Some("2026-11-10".to_owned()))]);
    // A client in the trash takes their invoices out of search until restored.
    wellkept::registry::kinds::CLIENT.delete(&vault, &ben).await.expect("trash Ben");
    assert!(found("Okafor").await.is_empty());
    wellkept::registry::kinds::CLIENT.restore(&vault, &ben).await.expect("restore Ben");
    assert_eq!(found("INV-0003").await.len(), 1);
}
