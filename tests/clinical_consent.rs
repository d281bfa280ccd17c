//! Consent records and the disclosure log against a real vault: a disclosure needs a consent of
//! the same client that is active on the day, or a stated legal duty; all survives a reopen.

mod common;

use chrono::NaiveDate;
use wellkept::Error;
use wellkept::clinical::{self, Art9Condition, DisclosureBasis, LawfulBasis, NewConsent, NewDisclosure};
use wellkept::vault::{Unlock, Vault};

const CLIENT: &str = "019a0000-0000-7000-8000-000000000001";
const OTHER: &str = "019a0000-0000-7000-8000-000000000002";

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn disclosure(client: &str, on: &str, basis: DisclosureBasis) -> NewDisclosure {
    NewDisclosure {
        client_id: Some(client.into()),
        what: "Summary of sessions 1–6 and current PHQ-9".into(),
        recipient: "Dr Okafor, Canal Street Surgery".into(),
        disclosed_on: day(on),
        basis,
        notes: String::new(),
    }
}

#[tokio::test]
async fn disclosures_need_active_consent_or_a_stated_legal_duty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let gp = clinical::record_consent(
        &vault,
        NewConsent {
            client_id: Some(CLIENT.into()),
            scope: "Share session summaries with my GP".into(),
            given_on: day("2026-03-01"),
            expires_on: Some(day("2026-12-31")),
            notes: "Signed form, scanned".into(),
            lawful_basis: Some(LawfulBasis::Consent),
            art9_condition: Some(Art9Condition::A),
            art9_other: None,
        },
    )
    .await
    .expect("consent");
    let others = clinical::record_consent(
        &vault,
        NewConsent {
            client_id: Some(OTHER.into()),
            scope: "Share with housing officer".into(),
            given_on: day("2026-03-01"),
            expires_on: None,
            notes: String::new(),
            lawful_basis: Some(LawfulBasis::Consent),
            art9_condition: Some(Art9Condition::A),
            art9_other: None,
        },
    )
    .await
    .expect("other client's consent");

    let by_consent = DisclosureBasis::Consent { consent_id: gp.id.clone() };
    let logged = clinical::log_disclosure(&vault, disclosure(CLIENT, "2026-04-02", by_consent.clone()))
        .await
        .expect("covered by consent");
    assert_eq!(logged.basis, by_consent);

    let seq = vault.status().await.seq;
    let err = clinical::log_disclosure(&vault, disclosure(CLIENT, "2026-02-01", by_consent.clone()))
        .await
        .expect_err("before consent was given");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "consent"), "{err}");
    let err = clinical::log_disclosure(
        &vault,
        disclosure(CLIENT, "2026-04-02", DisclosureBasis::Consent { consent_id: others.id.clone() }),
    )
    .await
    .expect_err("another client's consent");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "consent"), "{err}");
    let err = clinical::log_disclosure(
        &vault,
        disclosure(CLIENT, "2026-04-02", DisclosureBasis::LegalDuty { explanation: " ".into() }),
    )
    .await
    .expect_err("a legal duty must be explained");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "legal duty"), "{err}");
    let err = clinical::record_consent(
        &vault,
        NewConsent {
            client_id: Some(CLIENT.into()),
            scope: "x".into(),
            given_on: day("2026-03-01"),
            expires_on: Some(day("2026-01-01")),
            notes: String::new(),
            lawful_basis: Some(LawfulBasis::Consent),
            art9_condition: Some(Art9Condition::A),
            art9_other: None,
        },
    )
    .await
    .expect_err("expires before given");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "expires on"), "{err}");
    assert_eq!(vault.status().await.seq, seq, "refusals write nothing");

    let withdrawn =
        clinical::withdraw_consent(&vault, &gp.id, day("2026-06-01"), "Asked by phone").await.expect("withdraw");
    assert!(withdrawn.notes.ends_with("Withdrawn: Asked by phone"));
    let err =
        clinical::log_disclosure(&vault, disclosure(CLIENT, "2026-06-02", by_consent)).await.expect_err("withdrawn");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "consent"), "{err}");
    clinical::log_disclosure(
        &vault,
        disclosure(
            CLIENT,
            "2026-06-03",
            DisclosureBasis::LegalDuty {
                explanation: "Safeguarding referral: risk to a child disclosed in session".into(),
            },
        ),
    )
    .await
    .expect("legal duty");

    drop(vault);
    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    let log = clinical::list_disclosures(&vault, Some(CLIENT)).await.expect("log");
    assert_eq!(log.len(), 2);
    assert!(
        matches!(&log[0].basis, DisclosureBasis::LegalDuty { explanation } if explanation.contains("Safeguarding"))
    );
    assert_eq!(log[1].id, logged.id);
    let consents = clinical::list_consents(&vault, Some(CLIENT), None).await.expect("consents");
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0].withdrawn_on, Some(day("2026-06-01")));
    assert!(clinical::list_consents(&vault, Some(CLIENT), Some(day("2026-07-01"))).await.expect("active").is_empty());
    assert_eq!(clinical::list_consents(&vault, Some(CLIENT), Some(day("2026-05-01"))).await.expect("active").len(), 1);
    assert!(matches!(
        clinical::withdraw_consent(&vault, &gp.id, day("2026-07-01"), "").await,
        Err(Error::ReadOnly { .. })
    ));
}

#[tokio::test]
async fn a_consent_needs_a_lawful_basis_and_for_a_client_an_art9_condition() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let new = |basis: Option<LawfulBasis>, art9: Option<Art9Condition>, other: Option<&str>| NewConsent {
        client_id: Some(CLIENT.into()),
        scope: "Share session summaries with my GP".into(),
        given_on: day("2026-03-01"),
        expires_on: None,
        notes: String::new(),
        lawful_basis: basis,
        art9_condition: art9,
        art9_other: other.map(Into::into),
    };
    let seq = vault.status().await.seq;
    let refused = [
        (
            new(None, Some(Art9Condition::A), None),
            "lawful basis: choose the lawful basis (GDPR Art. 6(1)) this consent rests on",
        ),
        (
            new(Some(LawfulBasis::Consent), None, None),
            "Art. 9 condition: a client's record is health data: choose the Art. 9(2) condition (usually (a) explicit consent or (h) health or social care)",
        ),
        (
            new(Some(LawfulBasis::Consent), Some(Art9Condition::Other), Some("  ")),
            "Art. 9 condition: “other” needs the condition written out",
        ),
        (
            new(Some(LawfulBasis::Consent), Some(Art9Condition::H), Some("DPA 2018")),
            "Art. 9 condition: the words are only for “other”; choose other or clear them",
        ),
    ];
    for (input, message) in refused {
        let e = clinical::record_consent(&vault, input).await.expect_err(message);
        assert_eq!(e.to_string(), message);
    }
    assert_eq!(vault.status().await.seq, seq, "refusals write nothing");

    let other = clinical::record_consent(
        &vault,
        new(Some(LawfulBasis::Consent), Some(Art9Condition::Other), Some(" Schedule 1 para 6 DPA 2018 ")),
    )
    .await
    .expect("other with words");
    assert_eq!(other.basis_text(), "Consent (Art. 6(1)(a)); Art. 9(2) other: Schedule 1 para 6 DPA 2018");
    let care = clinical::record_consent(&vault, new(Some(LawfulBasis::Contract), Some(Art9Condition::H), None))
        .await
        .expect("health or social care");
    assert_eq!(care.basis_text(), "Contract (Art. 6(1)(b)); Art. 9(2)(h) health or social care");
    let own = clinical::record_consent(
        &vault,
        NewConsent { client_id: None, ..new(Some(LawfulBasis::LegitimateInterests), None, None) },
    )
    .await
    .expect("the owner's own consent needs no Art. 9 condition");
    assert_eq!(own.basis_text(), "Legitimate interests (Art. 6(1)(f))");

    assert_eq!("legal-obligation".parse::<LawfulBasis>().expect("typed"), LawfulBasis::LegalObligation);
    assert_eq!(" H ".parse::<Art9Condition>().expect("letter"), Art9Condition::H);
    assert_eq!(
        "k".parse::<Art9Condition>().expect_err("no (k)").to_string(),
        "Art. 9 condition: “k” is not an Art. 9(2) condition; use a letter a–j or other"
    );

    // The consent record lists the disclosures that relied on it, oldest first.
    for on in ["2026-04-02", "2026-03-05"] {
        clinical::log_disclosure(
            &vault,
            disclosure(CLIENT, on, DisclosureBasis::Consent { consent_id: care.id.clone() }),
        )
        .await
        .expect("disclosure");
    }
    let relied = clinical::disclosures_relying_on(&vault, &care.id).await.expect("relied on");
    assert_eq!(relied.iter().map(|d| d.disclosed_on).collect::<Vec<_>>(), vec![day("2026-03-05"), day("2026-04-02")]);
    assert_eq!(clinical::relied_on_text(relied.len()), "Relied on by 2 disclosures");
    assert!(clinical::disclosures_relying_on(&vault, &other.id).await.expect("none").is_empty());
}
