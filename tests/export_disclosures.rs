//! Every export of a client's record is written to that client's disclosure log, in the same
//! step: what, to whom, today, on what basis; the consent it relied on lists it. Refusals (no
//! recipient, no basis, a withdrawn consent) and a file that cannot be written leave neither a
//! file nor a log entry. A right-of-access export holds everything with an index page.

mod common;

use chrono::NaiveDate;
use wellkept::Error;
use wellkept::clinical::{self, Art9Condition, DisclosureBasis, LawfulBasis, NewConsent};
use wellkept::export::{self, ClientExport, ExportBasis, Format};
use wellkept::practice::appointments::SessionMode;
use wellkept::practice::clients::{self, NewClient};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft};
use wellkept::practice::templates::{NoteSection, NoteTemplate};
use wellkept::vault::Vault;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// A client with one finalised note and one consent (given 2026-01-10, no expiry).
async fn vault_with_client(dir: &std::path::Path) -> (Vault, String, String) {
    let vault = common::create_vault(dir).await.vault;
    let client = clients::add_client(&vault, NewClient { name: "Sam Patel".into(), ..NewClient::default() })
        .await
        .expect("client");
    let note = notes::add_note(
        &vault,
        NewSessionNote {
            client_id: client.id.clone(),
            draft: NoteDraft {
                session_date: day("2026-01-12"),
                duration_minutes: 50,
                mode: SessionMode::InPerson,
                template: NoteTemplate::Free,
                sections: vec![NoteSection { key: "note".into(), text: "First session.".into() }],
                goal_ids: vec![],
            },
        },
    )
    .await
    .expect("note");
    notes::finalise_note(&vault, &note.id).await.expect("finalise");
    let consent = clinical::record_consent(
        &vault,
        NewConsent {
            client_id: Some(client.id.clone()),
            scope: "Share my record with my GP".into(),
            given_on: day("2026-01-10"),
            expires_on: None,
            notes: String::new(),
            lawful_basis: Some(LawfulBasis::Consent),
            art9_condition: Some(Art9Condition::A),
            art9_other: None,
        },
    )
    .await
    .expect("consent");
    (vault, client.id, consent.id)
}

fn request(client_id: &str, format: Format, recipient: &str, basis: Option<ExportBasis>) -> ClientExport {
    ClientExport {
        client_id: client_id.into(),
        format,
        recipient: recipient.into(),
        basis,
        right_of_access: false,
        private_note_ids: vec![],
    }
}

#[tokio::test]
async fn an_export_writes_one_log_entry_and_the_consent_lists_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("out");
    let (vault, client, consent) = vault_with_client(dir.path()).await;
    let today = wellkept::clock::today_local();

    let seq = vault.status().await.seq;
    let by_consent = Some(ExportBasis::Consent { consent_id: consent.clone() });
    let done = export::export_client_record(
        &vault,
        &request(&client, Format::Pdf, "Dr Okafor, Canal Street Surgery", by_consent),
        &out.path().join("sam.pdf"),
    )
    .await
    .expect("export");
    assert!(out.path().join("sam.pdf").exists());
    assert!(done.bytes > 0);
    assert_eq!(vault.status().await.seq, seq + 1, "one durable write: the log entry, nothing else");

    let log = clinical::list_disclosures(&vault, Some(&client)).await.expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].what.as_str(), log[0].recipient.as_str(), log[0].disclosed_on, &log[0].basis),
        (
            "Client record export, PDF, all sections",
            "Dr Okafor, Canal Street Surgery",
            today,
            &DisclosureBasis::Consent { consent_id: consent.clone() }
        )
    );
    let relied = clinical::disclosures_relying_on(&vault, &consent).await.expect("relied");
    assert_eq!(relied.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), vec![log[0].id.as_str()]);
    assert_eq!(clinical::relied_on_text(relied.len()), "Relied on by 1 disclosure");

    let lawful = Some(ExportBasis::LawfulBasis { lawful_basis: LawfulBasis::LegalObligation });
    let _ = export::export_client_record(
        &vault,
        &request(&client, Format::Markdown, "  Family Court, case 12/2026  ", lawful),
        &out.path().join("sam.md"),
    )
    .await
    .expect("export on a lawful basis");
    let log = clinical::list_disclosures(&vault, Some(&client)).await.expect("log");
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[0].what.as_str(), log[0].recipient.as_str(), &log[0].basis),
        (
            "Client record export, Markdown, all sections",
            "Family Court, case 12/2026",
            &DisclosureBasis::LawfulBasis { lawful_basis: LawfulBasis::LegalObligation }
        )
    );
    assert_eq!(clinical::relied_on_text(1), "Relied on by 1 disclosure");
    assert_eq!(clinical::relied_on_text(2), "Relied on by 2 disclosures");
    assert_eq!(clinical::relied_on_text(0), "Relied on by no disclosures");
}

#[tokio::test]
async fn refusals_and_a_failed_write_leave_no_file_and_no_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("out");
    let (vault, client, consent) = vault_with_client(dir.path()).await;
    let seq = vault.status().await.seq;
    let dest = out.path().join("sam.json");
    let lawful = || Some(ExportBasis::LawfulBasis { lawful_basis: LawfulBasis::LegitimateInterests });

    let e = export::export_client_record(&vault, &request(&client, Format::Json, " ", lawful()), &dest)
        .await
        .expect_err("no recipient");
    assert_eq!(e.to_string(), "recipient: name who the export is for (a person or organisation)");
    let e = export::export_client_record(&vault, &request(&client, Format::Json, "Dr Okafor", None), &dest)
        .await
        .expect_err("no basis");
    assert_eq!(e.to_string(), "basis: choose the consent that covers this export, or a lawful basis without consent");
    let as_basis = Some(ExportBasis::LawfulBasis { lawful_basis: LawfulBasis::Consent });
    let e = export::export_client_record(&vault, &request(&client, Format::Json, "Dr Okafor", as_basis), &dest)
        .await
        .expect_err("consent as a bare lawful basis");
    assert_eq!(e.to_string(), "basis: for consent, choose the client's consent record itself, not the lawful basis");

    clinical::withdraw_consent(&vault, &consent, day("2026-02-01"), "").await.expect("withdraw");
    let seq_withdrawn = vault.status().await.seq;
    assert_eq!(seq_withdrawn, seq + 1);
    let by_consent = Some(ExportBasis::Consent { consent_id: consent.clone() });
    let e = export::export_client_record(&vault, &request(&client, Format::Json, "Dr Okafor", by_consent), &dest)
        .await
        .expect_err("withdrawn consent");
    assert!(matches!(&e, Error::Invalid { field, .. } if field == "consent"), "{e}");
    assert!(e.to_string().contains("“Share my record with my GP” was not in force on"), "{e}");

    // A file name the file system refuses (longer than 255 bytes): the check passes, the write
    // fails, and no log entry is left behind.
    let too_long = out.path().join(format!("{}.json", "x".repeat(300)));
    let e = export::export_client_record(&vault, &request(&client, Format::Json, "Dr Okafor", lawful()), &too_long)
        .await
        .expect_err("the file cannot be written");
    assert!(matches!(e, Error::Storage { .. }), "{e:?}");

    assert!(!dest.exists());
    assert_eq!(std::fs::read_dir(out.path()).expect("list").count(), 0, "no file, no temporary file");
    assert_eq!(vault.status().await.seq, seq_withdrawn, "nothing logged");
    assert!(clinical::list_disclosures(&vault, Some(&client)).await.expect("log").is_empty());
}

#[tokio::test]
async fn a_right_of_access_export_has_an_index_and_says_so_in_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("out");
    let (vault, client, consent) = vault_with_client(dir.path()).await;
    let by_consent = Some(ExportBasis::Consent { consent_id: consent.clone() });
    let _ = export::export_client_record(
        &vault,
        &request(&client, Format::Json, "Dr Okafor", by_consent),
        &out.path().join("gp.json"),
    )
    .await
    .expect("first export");

    let md = out.path().join("access.md");
    let access = ClientExport {
        client_id: client.clone(),
        format: Format::Markdown,
        recipient: String::new(),
        basis: None,
        right_of_access: true,
        private_note_ids: vec![],
    };
    let _ = export::export_client_record(&vault, &access, &md).await.expect("right of access");
    let text = std::fs::read_to_string(&md).expect("read");
    let index_start = text.find("## Index").or_else(|| text.find("# Index")).expect("an index heading");
    let index: Vec<&str> = text[index_start..]
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Section") && !l.starts_with("| ---"))
        .take(11)
        .collect();
    assert_eq!(
        index,
        vec![
            "| Client details | 1 |",
            "| Risk flags | 0 |",
            "| Safety plan | 0 |",
            "| Outcome measures | 0 |",
            "| Goals | 0 |",
            "| Session notes | 1 |",
            "| Appointments | 0 |",
            "| Consent | 1 |",
            "| Disclosure log | 1 |",
            "| Referrals | 0 |",
            "| Received shares | 0 |",
        ]
    );
    assert!(text.contains("First session."));
    assert!(text.contains("Nothing received from the client."));

    let log = clinical::list_disclosures(&vault, Some(&client)).await.expect("log");
    assert_eq!(
        (log[0].what.as_str(), log[0].recipient.as_str(), &log[0].basis),
        (
            "Right of access, to the client: client record export, Markdown, everything held",
            "the client themselves",
            &DisclosureBasis::LegalDuty {
                explanation: "Right of access (GDPR Art. 15), at the client's request".into()
            }
        )
    );

    let json = out.path().join("access.json");
    let _ = export::export_client_record(&vault, &ClientExport { format: Format::Json, ..access }, &json)
        .await
        .expect("json");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("read")).expect("json");
    let index = &doc["client_record"]["right_of_access"]["index"];
    assert_eq!(index[5], serde_json::json!({"section": "Session notes", "count": 1}));
    assert_eq!(index[8], serde_json::json!({"section": "Disclosure log", "count": 2}));
}

/// Regression (docs/decisions.md 52): an export on a lawful basis other than consent was stored
/// as a legal duty with generated words ("Legitimate interests (Art. 6(1)(f)) without consent").
/// The row now holds the basis chosen, and every reader shows it as that basis.
#[tokio::test]
async fn regression_a_lawful_basis_without_consent_is_stored_as_itself_not_as_a_legal_duty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("out");
    let (vault, client, _) = vault_with_client(dir.path()).await;
    let chosen = Some(ExportBasis::LawfulBasis { lawful_basis: LawfulBasis::LegitimateInterests });
    let _ = export::export_client_record(
        &vault,
        &request(&client, Format::Markdown, "Dr Okafor", chosen),
        &out.path().join("a.md"),
    )
    .await
    .expect("export");
    let stored: (String, Option<String>, Option<String>) = vault
        .fetch_one("SELECT basis, lawful_basis, legal_basis FROM disclosures", wellkept::params![])
        .await
        .expect("the row");
    assert_eq!(stored, ("lawful_basis".to_owned(), Some("legitimate_interests".to_owned()), None));
    let log = clinical::list_disclosures(&vault, Some(&client)).await.expect("log");
    assert_eq!(log[0].basis, DisclosureBasis::LawfulBasis { lawful_basis: LawfulBasis::LegitimateInterests });
    assert_eq!(log[0].basis.text(), "Legitimate interests (Art. 6(1)(f)), without consent");

    // The next export's document shows it in the disclosure log's Basis column.
    let md = out.path().join("b.md");
    let _ = export::export_client_record(
        &vault,
        &request(
            &client,
            Format::Markdown,
            "Dr Okafor",
            Some(ExportBasis::LawfulBasis { lawful_basis: LawfulBasis::Contract }),
        ),
        &md,
    )
    .await
    .expect("export");
    let text = std::fs::read_to_string(&md).expect("read");
    assert!(text.contains("| Dr Okafor | Legitimate interests (Art. 6(1)(f)), without consent |"), "{text}");
    assert!(!text.contains("Legal duty"), "{text}");

    // Logged by hand, "consent" as a bare lawful basis is refused: name the consent record.
    let e = clinical::log_disclosure(
        &vault,
        clinical::NewDisclosure {
            client_id: Some(client.clone()),
            what: "Letter".into(),
            recipient: "GP".into(),
            disclosed_on: day("2026-03-01"),
            basis: DisclosureBasis::LawfulBasis { lawful_basis: LawfulBasis::Consent },
            notes: String::new(),
        },
    )
    .await
    .expect_err("consent needs its record");
    assert_eq!(e.to_string(), "basis: for consent, choose the client's consent record itself, not the lawful basis");
}
