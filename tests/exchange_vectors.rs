//! Known-answer vectors for the exchange format, kept as files in `tests/fixtures/exchange/`:
//! two test-only identities, their contact cards, and bundles sealed by earlier builds. If a
//! change to the code stops these opening, or changes a fingerprint, bundles and contacts that
//! users already hold would break too.
//!
//! `…safety-plan.wkbundle` is format 1, which did not bind its contents to their maker; since
//! format 2 it is refused with its own message (docs/decisions.md, issue 12).
//! `…safety-plan-v2.wkbundle` holds the same contents in format 2, and `…invoice-v2.wkbundle`
//! an invoice as format 2 shared it (its paid counting a credit note, no `credited`), sealed by
//! the last build that wrote format 2 (d5dc4fc): both are kept as they are, since this build
//! writes only format 3 (decision 78). `…invoice-v3.wkbundle` holds the same invoice in format 3;
//! to write it again (only when the format changes on purpose): `WELLKEPT_WRITE_VECTORS=1 cargo
//! test --workspace --locked --test exchange_vectors`.

use std::path::Path;

use secrecy::SecretString;
use wellkept::exchange::items::Invoice;
use wellkept::exchange::{
    BundleContent, ConfirmedContact, ContactCard, ExchangeError, ExchangeIdentity, SharedItem, open_bundle,
};

fn read(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn text(name: &str) -> String {
    String::from_utf8(read(name)).expect("fixture is UTF-8")
}

fn identity(name: &str) -> ExchangeIdentity {
    ExchangeIdentity::from_secret_string(&SecretString::from(text(name).trim().to_owned()))
        .expect("stored identity reads back")
}

#[test]
fn cards_match_their_identities_and_fingerprints_are_stable() {
    let mentor = identity("test-only-mentor.identity");
    let client = identity("test-only-client.identity");
    let mentor_card = ContactCard::from_text(&text("mentor-contact-card.txt")).expect("card parses");
    let client_card = ContactCard::from_text(&text("client-contact-card.txt")).expect("card parses");

    // What each person sees for their own card equals what the other sees for the pasted card.
    assert_eq!(mentor.contact_card("Dr. Sam Rivera").expect("valid").fingerprint(), mentor_card.fingerprint());
    assert_eq!(client.contact_card("Jo Okafor").expect("valid").fingerprint(), client_card.fingerprint());
    assert_eq!(mentor_card.fingerprint().to_string(), "4701 5385 2254 4516 3618 2374");
    assert_eq!(client_card.fingerprint().to_string(), "2321 6188 2259 2304 0540 2689");
    assert_eq!(mentor.contact_card("Dr. Sam Rivera").expect("valid").to_text(), text("mentor-contact-card.txt"));
}

const V2_BUNDLE: &str = "mentor-to-client-action-plan-homework-safety-plan-v2.wkbundle";

#[test]
fn a_format_1_bundle_is_refused_with_its_own_message() {
    let client = identity("test-only-client.identity");
    let mentor_card = ContactCard::from_text(&text("mentor-contact-card.txt")).expect("card parses");
    let contacts = [ConfirmedContact::confirm(mentor_card, chrono::DateTime::UNIX_EPOCH)];
    let bundle = read("mentor-to-client-action-plan-homework-safety-plan.wkbundle");
    let error = open_bundle(&bundle, &client, &contacts).expect_err("format 1 is refused");
    assert!(matches!(error, ExchangeError::UnboundFormat), "{error:?}");
    assert_eq!(
        error.to_string(),
        "This share bundle was made by an earlier version of Wellkept, whose shares could be passed off by another \
         contact as their own. It was not opened. Ask the sender to update Wellkept and share it again."
    );
}

#[test]
fn a_bundle_from_an_earlier_build_still_opens() {
    let client = identity("test-only-client.identity");
    let mentor_card = ContactCard::from_text(&text("mentor-contact-card.txt")).expect("card parses");
    let contacts = [ConfirmedContact::confirm(mentor_card.clone(), chrono::DateTime::UNIX_EPOCH)];
    let bundle = read(V2_BUNDLE);
    assert_eq!(&bundle[8..10], &[0, 2], "format 2");
    let opened = open_bundle(&bundle, &client, &contacts).expect("the stored bundle opens");
    let expected: BundleContent =
        serde_json::from_slice(&read("expected-contents.json")).expect("expected contents parse");
    assert_eq!(opened.content, expected);
    assert_eq!(opened.content.items.len(), 3);
    // Made before files travelled in a share: no `attachments` field, read as none.
    assert!(opened.content.attachments.is_empty());
    assert_eq!(opened.content.attachments_line(), None);
}

#[test]
fn the_stored_bundle_is_only_for_the_client() {
    let mentor = identity("test-only-mentor.identity");
    let mentor_card = ContactCard::from_text(&text("mentor-contact-card.txt")).expect("card parses");
    let contacts = [ConfirmedContact::confirm(mentor_card, chrono::DateTime::UNIX_EPOCH)];
    let bundle = read(V2_BUNDLE);
    let error = open_bundle(&bundle, &mentor, &contacts).expect_err("the mentor is not the recipient");
    assert!(matches!(error, ExchangeError::WrongRecipient { .. }), "{error:?}");
}

const INVOICE_V2: &str = "mentor-to-client-invoice-v2.wkbundle";
const INVOICE_V3: &str = "mentor-to-client-invoice-v3.wkbundle";

fn opened_by_the_client(name: &str) -> BundleContent {
    let client = identity("test-only-client.identity");
    let mentor_card = ContactCard::from_text(&text("mentor-contact-card.txt")).expect("card parses");
    let contacts = [ConfirmedContact::confirm(mentor_card, chrono::DateTime::UNIX_EPOCH)];
    open_bundle(&read(name), &client, &contacts).unwrap_or_else(|e| panic!("{name} opens: {e}")).content
}

fn the_invoice(content: &BundleContent) -> Invoice {
    match content.items.as_slice() {
        [SharedItem::Invoice(invoice)] => invoice.clone(),
        other => panic!("one invoice: {other:?}"),
    }
}

/// Decision 78: an invoice a client already received in format 2 (£96.00, £50.00 paid and an
/// £8.00 credit note, which format 2 gave as "paid £58.00") still opens, and reads as it did.
#[test]
fn an_invoice_shared_in_format_2_still_opens_and_reads_as_before() {
    let bundle = read(INVOICE_V2);
    assert_eq!(&bundle[8..10], &[0, 2], "sealed in format 2");
    let opened = opened_by_the_client(INVOICE_V2);
    let expected: BundleContent =
        serde_json::from_slice(&read("expected-invoice-contents-v2.json")).expect("expected contents parse");
    assert_eq!(opened, expected);
    let invoice = the_invoice(&opened);
    assert_eq!((invoice.paid.as_str(), invoice.credited.as_deref()), ("£58.00", None));
    assert!(invoice.credit_notes.is_empty());
    assert_eq!(invoice.settled(), vec![("paid", "£58.00".to_owned())]);
    assert_eq!(invoice.amounts_line(), "Total £96.00 · paid £58.00 · balance £38.00");
    // Kept in the vault as format 2 wrote it: no `credited` is added to a stored item.
    let stored = serde_json::to_string(&opened.items[0]).expect("json");
    assert!(!stored.contains("credit"), "{stored}");
    assert_eq!(serde_json::from_str::<SharedItem>(&stored).expect("reads back"), opened.items[0]);
}

/// The same invoice in format 3: paid and credited apart, as the mentor's Billing screen says.
#[test]
fn an_invoice_shared_in_format_3_gives_paid_and_credited_apart() {
    let expected: BundleContent =
        serde_json::from_slice(&read("expected-invoice-contents-v3.json")).expect("expected contents parse");
    if std::env::var_os("WELLKEPT_WRITE_VECTORS").is_some() {
        let mentor = identity("test-only-mentor.identity");
        let client_card = identity("test-only-client.identity").contact_card("Jo Okafor").expect("valid");
        let sealed = wellkept::exchange::seal_bundle(&expected, &mentor, &client_card).expect("seals");
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exchange").join(INVOICE_V3);
        std::fs::write(path, sealed).expect("vector written");
    }
    assert_eq!(&read(INVOICE_V3)[8..10], &[0, 3], "sealed in format 3");
    let opened = opened_by_the_client(INVOICE_V3);
    assert_eq!(opened, expected);
    let invoice = the_invoice(&opened);
    assert_eq!(
        (invoice.paid.as_str(), invoice.credited.as_deref(), invoice.credit_notes.as_slice()),
        ("£50.00", Some("£8.00"), &["CN-0005".to_owned()][..])
    );
    assert_eq!(invoice.amounts_line(), "Total £96.00 · paid £50.00 · credited £8.00 (CN-0005) · balance £38.00");
}
