//! Known-answer vectors for the exchange format, kept as files in `tests/fixtures/exchange/`:
//! two test-only identities, their contact cards, and a bundle sealed by an earlier build. If a
//! change to the code stops these opening, or changes a fingerprint, bundles and contacts that
//! users already hold would break too.

use std::path::Path;

use secrecy::SecretString;
use wellkept::exchange::{BundleContent, ConfirmedContact, ContactCard, ExchangeError, ExchangeIdentity, open_bundle};

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

#[test]
fn a_bundle_from_an_earlier_build_still_opens() {
    let client = identity("test-only-client.identity");
    let mentor_card = ContactCard::from_text(&text("mentor-contact-card.txt")).expect("card parses");
    let contacts = [ConfirmedContact::confirm(mentor_card, chrono::DateTime::UNIX_EPOCH)];
    let bundle = read("mentor-to-client-action-plan-homework-safety-plan.wkbundle");
    let opened = open_bundle(&bundle, &client, &contacts).expect("the stored bundle opens");
    let expected: BundleContent =
        serde_json::from_slice(&read("expected-contents.json")).expect("expected contents parse");
    assert_eq!(opened.content, expected);
    assert_eq!(opened.content.items.len(), 3);
}

#[test]
fn the_stored_bundle_is_only_for_the_client() {
    let mentor = identity("test-only-mentor.identity");
    let mentor_card = ContactCard::from_text(&text("mentor-contact-card.txt")).expect("card parses");
    let contacts = [ConfirmedContact::confirm(mentor_card, chrono::DateTime::UNIX_EPOCH)];
    let bundle = read("mentor-to-client-action-plan-homework-safety-plan.wkbundle");
    let error = open_bundle(&bundle, &mentor, &contacts).expect_err("the mentor is not the recipient");
    assert!(matches!(error, ExchangeError::WrongRecipient { .. }), "{error:?}");
}
