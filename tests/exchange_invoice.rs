//! A client's own vault receiving an invoice through a share (issue 14, deliverable 6): the
//! mentor issues INV-0001 to Jo, takes a part payment and shares the invoice with Jo's contact
//! (format 3, bound to its maker); Jo's vault keeps it under received items with its number,
//! days, lines, total and balance exactly as issued, after reopening too; importing the file
//! twice adds nothing. A draft cannot be shared, and another client's invoice cannot be sent to
//! Jo's contact. An invoice with a payment and a credit note reaches Jo with the two apart, as
//! the mentor's own Billing screen gives them (decision 78).

mod common;
mod practice_fixtures;

use practice_fixtures::{client, day, reopen};
use wellkept::billing::{self, BillingSettings, BusinessDetails, Currency, Money, NewPayment};
use wellkept::exchange::FORMAT_VERSION;
use wellkept::exchange::items::{Invoice, InvoiceLine};
use wellkept::exchange::received::{ReceivedFilter, received_items};
use wellkept::exchange::store::{ContactRole, add_confirmed_contact, import_bundle, seal_share_for, set_up_exchange};
use wellkept::exchange::{BundleKind, ShareSelection, SharedItem, collect_share};

#[tokio::test]
async fn a_client_keeps_a_shared_invoice_as_issued_and_a_second_import_adds_nothing() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let mentor = common::create_vault(mentor_dir.path()).await.vault;
    let jo_vault = common::create_vault(client_dir.path()).await.vault;
    let mentor_card = set_up_exchange(&mentor, "Sam Mentor").await.expect("mentor identity");
    let jo_card = set_up_exchange(&jo_vault, "Jo Rivers").await.expect("client identity");
    let jo_contact = add_confirmed_contact(&mentor, &jo_card, ContactRole::MyClient).await.expect("mentor confirms");
    let mentor_contact =
        add_confirmed_contact(&jo_vault, &mentor_card, ContactRole::MyMentor).await.expect("client confirms");

    let jo = client(&mentor, "Jordan Rivers").await;
    let ben = client(&mentor, "Ben Okafor").await;
    wellkept::practice::clients::set_client_contact(&mentor, &jo, Some(&jo_contact.id)).await.expect("link Jo");
    billing::set_billing_settings(
        &mentor,
        BillingSettings {
            business: BusinessDetails { name: "Sam Mentor Practice".into(), ..BusinessDetails::default() },
            payment_terms_days: 14,
            ..BillingSettings::new(Currency::GBP)
        },
    )
    .await
    .expect("settings");
    let gbp = |minor| Money::new(minor, Currency::GBP);
    billing::add_item(&mentor, &jo, day(2026, 11, 23), "Mentoring session, 23 Nov 2026", gbp(6500))
        .await
        .expect("item");
    billing::add_item(&mentor, &ben, day(2026, 11, 24), "Mentoring session, 24 Nov 2026", gbp(6500))
        .await
        .expect("item");
    let draft = billing::create_draft(&mentor, &jo, None).await.expect("draft");
    let just_draft = ShareSelection { invoices: vec![draft.id.clone()], ..Default::default() };
    let refused = collect_share(&mentor, BundleKind::FromMentor, "Sam Mentor", &just_draft).await.expect_err("draft");
    assert_eq!(refused.to_string(), "Invoice: a draft has no number yet: issue it first, then share it");
    let issued = billing::issue_invoice(&mentor, &draft.id, day(2026, 11, 30)).await.expect("issue");
    billing::record_payment(
        &mentor,
        NewPayment {
            invoice_id: issued.id.clone(),
            amount: gbp(2000),
            method: "card".into(),
            paid_on: day(2026, 12, 1),
            reference: None,
        },
    )
    .await
    .expect("part payment");

    // Ben's invoice cannot be sent to Jo's contact.
    let bens = billing::create_draft(&mentor, &ben, None).await.expect("draft");
    let bens = billing::issue_invoice(&mentor, &bens.id, day(2026, 11, 30)).await.expect("issue");
    let wrong = ShareSelection { invoices: vec![bens.id.clone()], ..Default::default() };
    let wrong = collect_share(&mentor, BundleKind::FromMentor, "Sam Mentor", &wrong).await.expect("collected");
    let refused = seal_share_for(&mentor, &jo_contact.id, &wrong).await.expect_err("not Jo's");
    assert_eq!(
        refused.to_string(),
        "Share: INV-0002 is billed to Ben Okafor, whose client record is not linked to this contact; \
         an invoice is shared only with the client it is billed to"
    );

    // A client cannot send an invoice.
    let selection = ShareSelection { invoices: vec![issued.id.clone()], ..Default::default() };
    assert!(collect_share(&mentor, BundleKind::FromClient, "Jo", &selection).await.is_err());
    let content = collect_share(&mentor, BundleKind::FromMentor, "Sam Mentor", &selection).await.expect("collected");
    let bundle = seal_share_for(&mentor, &jo_contact.id, &content).await.expect("sealed");
    let expected = SharedItem::Invoice(Invoice {
        id: issued.id.parse().expect("uuid"),
        number: "INV-0001".into(),
        kind: "invoice".into(),
        status: "issued".into(),
        from: "Sam Mentor Practice".into(),
        bill_to: "Jordan Rivers".into(),
        payer: None,
        issued_on: day(2026, 11, 30),
        due_on: Some(day(2026, 12, 14)),
        lines: vec![InvoiceLine { description: "Mentoring session, 23 Nov 2026".into(), amount: "£65.00".into() }],
        subtotal: "£65.00".into(),
        tax: "£0.00".into(),
        total: "£65.00".into(),
        paid: "£20.00".into(),
        credited: Some("£0.00".into()),
        credit_notes: vec![],
        balance: "£45.00".into(),
    });
    assert_eq!(content.items, std::slice::from_ref(&expected));

    assert_eq!(import_bundle(&jo_vault, &bundle).await.expect("imported").added, 1);
    let invoices = ReceivedFilter { kind: Some("invoice".into()), ..Default::default() };
    let check = |received: Vec<wellkept::exchange::received::ReceivedFromContact>| {
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].item, expected);
        assert_eq!(
            (received[0].contact_id.as_str(), received[0].contact_name.as_str()),
            (mentor_contact.id.as_str(), "Sam Mentor")
        );
        assert_eq!(received[0].filed_as, None, "kept where it was received");
    };
    check(received_items(&jo_vault, invoices.clone()).await.expect("listed"));
    // A second import adds nothing.
    assert_eq!(import_bundle(&jo_vault, &bundle).await.expect("again").added, 0);
    check(received_items(&jo_vault, invoices.clone()).await.expect("listed"));
    // And it is kept.
    drop(jo_vault);
    let jo_vault = reopen(client_dir.path()).await;
    check(received_items(&jo_vault, invoices).await.expect("after reopening"));
}

/// Decision 78: £96.00 invoiced, £50.00 paid by card, an £8.00 credit note (CN-0002). Before
/// format 3 Jo read "paid £58.00"; now she reads what the mentor's Billing screen says: paid
/// £50.00, credited £8.00 (CN-0002), balance £38.00.
#[tokio::test]
async fn a_credit_note_reaches_the_client_as_credited_not_as_paid() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let mentor = common::create_vault(mentor_dir.path()).await.vault;
    let jo_vault = common::create_vault(client_dir.path()).await.vault;
    let mentor_card = set_up_exchange(&mentor, "Sam Mentor").await.expect("mentor identity");
    let jo_card = set_up_exchange(&jo_vault, "Jo Rivers").await.expect("client identity");
    let jo_contact = add_confirmed_contact(&mentor, &jo_card, ContactRole::MyClient).await.expect("mentor confirms");
    add_confirmed_contact(&jo_vault, &mentor_card, ContactRole::MyMentor).await.expect("client confirms");
    let jo = client(&mentor, "Jordan Rivers").await;
    wellkept::practice::clients::set_client_contact(&mentor, &jo, Some(&jo_contact.id)).await.expect("link Jo");
    let settings = BillingSettings {
        business: BusinessDetails { name: "Sam Mentor Practice".into(), ..BusinessDetails::default() },
        payment_terms_days: 14,
        ..BillingSettings::new(Currency::GBP)
    };
    billing::set_billing_settings(&mentor, settings).await.expect("settings");
    let gbp = |minor| Money::new(minor, Currency::GBP);
    for on in [day(2026, 11, 16), day(2026, 11, 23)] {
        let line = format!("Mentoring session, {}", on.format("%-d %b %Y"));
        billing::add_item(&mentor, &jo, on, &line, gbp(4800)).await.expect("item");
    }
    let draft = billing::create_draft(&mentor, &jo, None).await.expect("draft");
    let invoice = billing::issue_invoice(&mentor, &draft.id, day(2026, 11, 30)).await.expect("issue");
    let payment = NewPayment {
        invoice_id: invoice.id.clone(),
        amount: gbp(5000),
        method: "card".into(),
        paid_on: day(2026, 12, 1),
        reference: None,
    };
    billing::record_payment(&mentor, payment).await.expect("paid £50.00");
    let credit = billing::credit_note(&mentor, &invoice.id, gbp(800), "Session shortened", day(2026, 12, 2))
        .await
        .expect("credited £8.00");
    assert_eq!(credit.label(), "CN-0002");
    // What the mentor's own Billing screen and PDF say (billing::settlement).
    let settled = billing::settlement(&mentor, &invoice).await.expect("settlement");
    assert_eq!(
        (settled.paid.to_string(), settled.credited.to_string(), settled.balance.to_string()),
        ("£50.00".to_owned(), "£8.00".to_owned(), "£38.00".to_owned())
    );

    let selection = ShareSelection { invoices: vec![invoice.id.clone(), credit.id.clone()], ..Default::default() };
    let content = collect_share(&mentor, BundleKind::FromMentor, "Sam Mentor", &selection).await.expect("collected");
    let bundle = seal_share_for(&mentor, &jo_contact.id, &content).await.expect("sealed");
    assert_eq!(FORMAT_VERSION, 3);
    assert_eq!(&bundle[8..10], &[0, 3], "a new share is written in format 3");
    assert_eq!(import_bundle(&jo_vault, &bundle).await.expect("imported").added, 2);

    let received = received_items(&jo_vault, ReceivedFilter { kind: Some("invoice".into()), ..Default::default() })
        .await
        .expect("listed");
    let shared = |number: &str| {
        received
            .iter()
            .find_map(|r| match &r.item {
                SharedItem::Invoice(i) if i.number == number => Some(i.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{number} received"))
    };
    let inv = shared("INV-0001");
    assert_eq!(
        (
            inv.total.as_str(),
            inv.paid.as_str(),
            inv.credited.as_deref(),
            inv.credit_notes.as_slice(),
            inv.balance.as_str()
        ),
        ("£96.00", "£50.00", Some("£8.00"), &["CN-0002".to_owned()][..], "£38.00")
    );
    assert_eq!(inv.settled(), vec![("paid", "£50.00".to_owned()), ("credited", "£8.00 (CN-0002)".to_owned())]);
    // What Jo reads in the window (and, with commas, from `wellkept exchange received`).
    assert_eq!(inv.amounts_line(), "Total £96.00 · paid £50.00 · credited £8.00 (CN-0002) · balance £38.00");
    // The credit note itself travels as its own item; nothing was paid or credited against it.
    let note = shared("CN-0002");
    assert_eq!((note.kind.as_str(), note.credited.as_deref()), ("credit_note", Some("£0.00")));
    assert_eq!(note.amounts_line(), "Total £8.00 · paid £0.00 · balance £0.00");

    // Kept so after reopening.
    drop(jo_vault);
    let jo_vault = reopen(client_dir.path()).await;
    let again = received_items(&jo_vault, ReceivedFilter { kind: Some("invoice".into()), ..Default::default() })
        .await
        .expect("after reopening");
    assert_eq!(
        again.iter().map(|r| r.item.clone()).collect::<Vec<_>>(),
        received.iter().map(|r| r.item.clone()).collect::<Vec<_>>()
    );
}
