//! Tests for the bundle format: a round trip, and one test per refusal, with real tampering.

use chrono::DateTime;
use uuid::Uuid;

use super::*;
use crate::exchange::content::BundleKind;
use crate::exchange::items::{ActionPlan, ActionStep, Homework, SharedItem, StepOwner, StepStatus};

struct People {
    mentor: ExchangeIdentity,
    client: ExchangeIdentity,
    stranger: ExchangeIdentity,
}

fn people() -> People {
    People {
        mentor: ExchangeIdentity::generate(),
        client: ExchangeIdentity::generate(),
        stranger: ExchangeIdentity::generate(),
    }
}

fn confirmed(identity: &ExchangeIdentity, name: &str) -> ConfirmedContact {
    ConfirmedContact::confirm(identity.contact_card(name).expect("valid name"), DateTime::UNIX_EPOCH)
}

fn mentor_share() -> BundleContent {
    BundleContent::new(
        BundleKind::FromMentor,
        "Dr. Rivera",
        vec![
            SharedItem::ActionPlan(ActionPlan {
                id: Uuid::now_v7(),
                title: "Better sleep".into(),
                goal: Some("Sleep seven hours on weeknights by March".into()),
                steps: vec![ActionStep {
                    id: Uuid::now_v7(),
                    description: "Phone out of the bedroom".into(),
                    owner: StepOwner::Client,
                    due: None,
                    status: StepStatus::NotStarted,
                }],
                updated_at: DateTime::UNIX_EPOCH,
            }),
            SharedItem::Homework(Homework {
                id: Uuid::now_v7(),
                title: "Sleep diary".into(),
                instructions: "Note bedtime and wake time each day.".into(),
                assigned_at: DateTime::UNIX_EPOCH,
                due: None,
            }),
        ],
    )
}

/// A bundle from the mentor to the client, and what the client needs to open it.
fn sealed(people: &People) -> (Vec<u8>, BundleContent, Vec<ConfirmedContact>) {
    let content = mentor_share();
    let client_card = people.client.contact_card("Jo").expect("valid name");
    let bytes = seal_bundle(&content, &people.mentor, &client_card).expect("sealable");
    (bytes, content, vec![confirmed(&people.mentor, "My mentor")])
}

#[test]
fn round_trip_opens_what_was_sealed() {
    let people = people();
    let (bytes, content, contacts) = sealed(&people);
    let opened = open_bundle(&bytes, &people.client, &contacts).expect("genuine bundle opens");
    assert_eq!(opened.content, content);
    assert_eq!(opened.sender.card.display_name(), "My mentor");
}

#[test]
fn unknown_sender_is_refused_before_anything_else() {
    let people = people();
    let (bytes, _, _) = sealed(&people);
    let only_stranger = vec![confirmed(&people.stranger, "Someone")];
    let error = open_bundle(&bytes, &people.client, &only_stranger).expect_err("unknown sender");
    let ExchangeError::UnknownSender { key_id } = &error else {
        panic!("expected UnknownSender, got {error:?}");
    };
    assert_eq!(*key_id, people.mentor.contact_card("x").expect("valid").key_id());
    assert!(error.to_string().contains("compare fingerprints"));
}

#[test]
fn a_forged_signature_from_a_known_contact_is_refused() {
    let people = people();
    let (mut bytes, _, contacts) = sealed(&people);
    // Replace the sender key with a *confirmed* contact's key: the signature cannot match it.
    let contacts = [contacts, vec![confirmed(&people.stranger, "Other")]].concat();
    bytes[SENDER_KEY_AT..SENDER_KEY_AT + 32].copy_from_slice(people.stranger.verifying_key().as_bytes());
    let error = open_bundle(&bytes, &people.client, &contacts).expect_err("forged");
    assert!(matches!(error, ExchangeError::BadSignature { ref sender } if sender == "Other"));
}

#[test]
fn a_signature_cannot_be_moved_to_another_bundle() {
    let people = people();
    let (first, _, contacts) = sealed(&people);
    let (mut second, _, _) = sealed(&people);
    let at = second.len() - SIGNATURE_BYTES;
    second[at..].copy_from_slice(&first[first.len() - SIGNATURE_BYTES..]);
    let error = open_bundle(&second, &people.client, &contacts).expect_err("moved signature");
    assert!(matches!(error, ExchangeError::BadSignature { .. }), "{error:?}");
}

#[test]
fn flipping_any_byte_is_caught_and_named_by_region() {
    let people = people();
    let (bytes, _, contacts) = sealed(&people);
    let header_len = u32::from_be_bytes(bytes[HEADER_LEN_AT..HEADER_AT].try_into().expect("4 bytes")) as usize;
    for offset in 0..bytes.len() {
        for mask in [0x01u8, 0x80, 0xff] {
            let mut tampered = bytes.clone();
            tampered[offset] ^= mask;
            let error = open_bundle(&tampered, &people.client, &contacts).expect_err("every tampered byte is refused");
            let region_ok = match offset {
                0..8 => matches!(error, ExchangeError::NotABundle),
                // Format 3 flipped to 2 is a format this build reads, and the version is signed.
                8..10 => matches!(
                    error,
                    ExchangeError::UnsupportedVersion { .. }
                        | ExchangeError::UnboundFormat
                        | ExchangeError::BadSignature { .. }
                ),
                10..42 => matches!(error, ExchangeError::UnknownSender { .. }),
                42..46 => {
                    matches!(error, ExchangeError::TooLarge { what: "header", .. } | ExchangeError::Damaged { .. })
                }
                _ if (HEADER_AT + header_len..HEADER_AT + header_len + 8).contains(&offset) => {
                    matches!(error, ExchangeError::Damaged { .. })
                }
                _ => matches!(error, ExchangeError::BadSignature { .. }),
            };
            assert!(region_ok, "offset {offset} mask {mask:#x}: {error:?}");
        }
    }
}

#[test]
fn wrong_recipient_is_named_after_the_signature_checks() {
    let people = people();
    let (bytes, _, contacts) = sealed(&people);
    // The stranger also trusts the mentor, but the bundle was made for the client.
    let error = open_bundle(&bytes, &people.stranger, &contacts).expect_err("not for stranger");
    assert!(matches!(error, ExchangeError::WrongRecipient { ref sender } if sender == "My mentor"));
}

#[test]
fn a_signed_bundle_whose_ciphertext_is_for_another_key_is_undecryptable() {
    let people = people();
    let content = mentor_share();
    let header = serde_json::json!({
        "bundle_id": content.id,
        "recipient": people.client.recipient().to_string(),
        "created_at": content.created_at,
    });
    let plaintext = serde_json::to_vec(&content).expect("serialisable");
    let ciphertext = age::encrypt(&people.stranger.recipient(), &plaintext).expect("encrypts");
    let header = serde_json::to_vec(&header).expect("serialisable");
    let bytes = assemble(&people.mentor, &header, &ciphertext).expect("assembles");
    let contacts = vec![confirmed(&people.mentor, "My mentor")];
    let error = open_bundle(&bytes, &people.client, &contacts).expect_err("wrong key inside");
    assert!(matches!(error, ExchangeError::Undecryptable { .. }), "{error:?}");
}

/// Signs a bundle with arbitrary header and content JSON, as a buggy or hostile sender could.
/// A bundle signed by the mentor around `content`, which is wrapped as the mentor's own
/// (`sender_key` = the mentor's key), so the contents are what is under test.
fn signed_with(people: &People, header: serde_json::Value, content: serde_json::Value) -> Vec<u8> {
    let wrapped = serde_json::json!({
        "sender_key": hex_key(&people.mentor.verifying_key()),
        "contents": content,
    });
    let plaintext = serde_json::to_vec(&wrapped).expect("serialisable");
    let ciphertext = age::encrypt(&people.client.recipient(), &plaintext).expect("encrypts");
    let header = serde_json::to_vec(&header).expect("serialisable");
    assemble(&people.mentor, &header, &ciphertext).expect("assembles")
}

#[test]
fn signed_but_malformed_contents_name_the_field() {
    let people = people();
    let contacts = vec![confirmed(&people.mentor, "My mentor")];
    let content = mentor_share();
    let header = serde_json::json!({
        "bundle_id": content.id,
        "recipient": people.client.recipient().to_string(),
        "created_at": content.created_at,
    });
    let good = serde_json::to_value(&content).expect("serialisable");

    let mut other_id = good.clone();
    other_id["id"] = serde_json::json!(Uuid::now_v7());
    let mut bad_item = good.clone();
    bad_item["items"][1]["title"] = serde_json::json!("");
    let mut unknown_kind = good.clone();
    unknown_kind["items"][0]["type"] = serde_json::json!("tarot_reading");
    let mut bad_header = header.clone();
    bad_header["surprise"] = serde_json::json!(1);

    let cases = [
        (header.clone(), other_id, "id"),
        (header.clone(), bad_item, "items[1].title"),
        (header.clone(), unknown_kind, "contents"),
        (bad_header, good, "header"),
    ];
    for (header, content, expected_field) in cases {
        let bytes = signed_with(&people, header, content);
        let error = open_bundle(&bytes, &people.client, &contacts).expect_err("bad contents");
        let ExchangeError::BadContents { field, .. } = &error else {
            panic!("expected BadContents, got {error:?}");
        };
        assert_eq!(field, expected_field);
    }
}

#[test]
fn oversized_files_and_headers_are_refused_unread() {
    let people = people();
    let (bytes, _, contacts) = sealed(&people);
    let huge = vec![0u8; (MAX_BUNDLE_BYTES + 1) as usize];
    let error = open_bundle(&huge, &people.client, &contacts).expect_err("too big");
    assert!(matches!(error, ExchangeError::TooLarge { what: "file", .. }), "{error:?}");

    let mut big_header = bytes.clone();
    big_header[HEADER_LEN_AT..HEADER_AT].copy_from_slice(&((MAX_HEADER_BYTES + 1) as u32).to_be_bytes());
    let error = open_bundle(&big_header, &people.client, &contacts).expect_err("header too big");
    assert!(matches!(error, ExchangeError::TooLarge { what: "header", .. }), "{error:?}");

    let padding = vec![b' '; (MAX_HEADER_BYTES + 1) as usize];
    let error = assemble(&people.mentor, &padding, b"x").expect_err("sender refuses too");
    assert!(matches!(error, ExchangeError::TooLarge { what: "header", .. }));
}

#[test]
fn truncation_at_every_length_and_trailing_bytes_are_damage() {
    let people = people();
    let (bytes, _, contacts) = sealed(&people);
    for length in 1..bytes.len() {
        let error = open_bundle(&bytes[..length], &people.client, &contacts).expect_err("cut");
        assert!(matches!(error, ExchangeError::Damaged { .. }), "length {length}: {error:?}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    let error = open_bundle(&longer, &people.client, &contacts).expect_err("trailing");
    assert!(error.to_string().contains("extra bytes"), "{error}");
}

#[test]
fn other_files_and_future_versions_are_named() {
    let people = people();
    let (mut bytes, _, contacts) = sealed(&people);
    for other in [&b""[..], b"PK\x03\x04 a zip file", b"age-encryption.org/v1\n"] {
        let error = open_bundle(other, &people.client, &contacts).expect_err("not a bundle");
        assert!(matches!(error, ExchangeError::NotABundle), "{error:?}");
    }
    assert_eq!(&bytes[VERSION_AT..SENDER_KEY_AT], &[0, 3], "this build writes format 3");
    bytes[VERSION_AT..SENDER_KEY_AT].copy_from_slice(&4u16.to_be_bytes());
    let error = open_bundle(&bytes, &people.client, &contacts).expect_err("future version");
    assert!(matches!(error, ExchangeError::UnsupportedVersion { found: 4 }));
    assert_eq!(
        error.to_string(),
        "This share bundle uses format version 4, which this version of Wellkept cannot read. Update Wellkept, or \
         ask the sender to export it again."
    );
    bytes[VERSION_AT..SENDER_KEY_AT].copy_from_slice(&1u16.to_be_bytes());
    let error = open_bundle(&bytes, &people.client, &contacts).expect_err("format 1");
    assert!(matches!(error, ExchangeError::UnboundFormat), "{error:?}");
    assert!(error.to_string().contains("earlier version of Wellkept"), "{error}");
}

/// Issue 12: a confirmed contact who gets hold of someone else's bundle for us cannot pass it off
/// as their own by re-signing it: the maker's key is inside the encryption.
#[test]
fn a_contact_cannot_re_sign_someone_elses_bundle_as_their_own() {
    let people = people();
    let (genuine, _, mut contacts) = sealed(&people);
    contacts.push(confirmed(&people.stranger, "Mallory"));
    let frame = Frame::parse(&genuine).expect("genuine frame");
    // Mallory keeps the header and ciphertext and signs them with her own key, correctly.
    let re_signed = assemble(&people.stranger, frame.header, frame.ciphertext).expect("re-signed");
    let error = open_bundle(&re_signed, &people.client, &contacts).expect_err("passed off");
    assert!(matches!(error, ExchangeError::SenderMismatch { ref sender } if sender == "Mallory"), "{error:?}");
    assert!(error.to_string().contains("Mallory did not make it"), "{error}");
    // The genuine bundle still opens, as the mentor's.
    let opened = open_bundle(&genuine, &people.client, &contacts).expect("genuine opens");
    assert_eq!(opened.sender.card.display_name(), "My mentor");
}

#[test]
fn the_sender_cannot_seal_an_invalid_share() {
    let people = people();
    let mut content = mentor_share();
    content.items.clear();
    let card = people.client.contact_card("Jo").expect("valid");
    let error = seal_bundle(&content, &people.mentor, &card).expect_err("empty share");
    assert!(matches!(error, ExchangeError::InvalidShare { ref field, .. } if field == "items"));
}

fn invoice(credited: Option<&str>, credit_notes: &[&str]) -> SharedItem {
    use crate::exchange::items::{Invoice, InvoiceLine};
    SharedItem::Invoice(Invoice {
        id: Uuid::now_v7(),
        number: "INV-0004".into(),
        kind: "invoice".into(),
        status: "issued".into(),
        from: "Sam Rivera Mentoring".into(),
        bill_to: "Jo Okafor".into(),
        payer: None,
        issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("day"),
        due_on: None,
        lines: vec![InvoiceLine { description: "Mentoring session".into(), amount: "£96.00".into() }],
        subtotal: "£96.00".into(),
        tax: "£0.00".into(),
        total: "£96.00".into(),
        paid: "£50.00".into(),
        credited: credited.map(str::to_owned),
        credit_notes: credit_notes.iter().map(|n| (*n).to_owned()).collect(),
        balance: "£38.00".into(),
    })
}

/// A bundle in format `version` holding `item`, signed by the mentor, with no check on the way:
/// what a faulty or hostile sender could make.
fn sealed_as(people: &People, version: u16, item: SharedItem) -> Vec<u8> {
    let content = BundleContent::new(BundleKind::FromMentor, "Dr. Rivera", vec![item]);
    let card = people.client.contact_card("Jo").expect("valid");
    let plaintext = serde_json::to_vec(&SealedPlaintext {
        sender_key: hex_key(&people.mentor.verifying_key()),
        contents: &content,
    })
    .expect("json");
    let ciphertext = age::encrypt(card.recipient(), &plaintext).expect("encrypts");
    let header =
        BundleHeader { bundle_id: content.id, recipient: card.recipient().to_string(), created_at: content.created_at };
    let mut bytes =
        assemble(&people.mentor, &serde_json::to_vec(&header).expect("json"), &ciphertext).expect("assembled");
    bytes.truncate(bytes.len() - SIGNATURE_BYTES);
    bytes[VERSION_AT..SENDER_KEY_AT].copy_from_slice(&version.to_be_bytes());
    let signature = people.mentor.sign(&signed_message(&bytes));
    bytes.extend_from_slice(&signature.to_bytes());
    bytes
}

/// Decision 78: `credited` absent means "format 2's paid", never "nothing credited", so an
/// invoice that does not match its file's format is refused, and none can be sealed without it.
#[test]
fn a_shared_invoice_must_match_the_format_it_is_in() {
    let people = people();
    let contacts = vec![confirmed(&people.mentor, "My mentor")];
    let refusal = |bytes: Vec<u8>| open_bundle(&bytes, &people.client, &contacts).expect_err("refused").to_string();

    let v3 = open_bundle(&sealed_as(&people, 3, invoice(Some("£8.00"), &["CN-0005"])), &people.client, &contacts);
    assert!(v3.is_ok(), "{v3:?}");
    let v2 = open_bundle(&sealed_as(&people, 2, invoice(None, &[])), &people.client, &contacts);
    assert!(v2.is_ok(), "{v2:?}");

    assert_eq!(
        refusal(sealed_as(&people, 3, invoice(None, &[]))),
        "The contents of this share bundle from My mentor could not be read: items[0].credited: is missing: since \
         format 3 a shared invoice says what was credited. Nothing was imported. Ask My mentor to update Wellkept \
         and share it again."
    );
    assert_eq!(
        refusal(sealed_as(&people, 2, invoice(Some("£8.00"), &["CN-0005"]))),
        "The contents of this share bundle from My mentor could not be read: items[0].credited: is not part of \
         format 2, which this file is in. Nothing was imported. Ask My mentor to update Wellkept and share it again."
    );
    assert!(refusal(sealed_as(&people, 3, invoice(Some("£8.00"), &[" "]))).contains("items[0].credit_notes[0]"));

    let card = people.client.contact_card("Jo").expect("valid");
    let unsplit = BundleContent::new(BundleKind::FromMentor, "Dr. Rivera", vec![invoice(None, &[])]);
    let error = seal_bundle(&unsplit, &people.mentor, &card).expect_err("format 3 needs credited");
    assert_eq!(
        error.to_string(),
        "This share cannot be made: items[0].credited: is missing: since format 3 a shared invoice says what was \
         credited."
    );
}
