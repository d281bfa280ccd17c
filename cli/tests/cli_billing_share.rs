//! `wellkept exchange share --invoice` through the real binary (issue 14, deliverable 6): the
//! mentor's vault (billing set up, Jo's INV-0001 issued and part paid, Jo's record linked to her
//! contact) seals the invoice for Jo; Ben's invoice is refused for Jo's contact; Jo's vault
//! imports the file, lists it with its number, day, total, paid and balance as issued, and a
//! second import adds nothing. Jo's INV-0003, £50.00 paid and £8.00 credited (CN-0004), is
//! listed with paid and credited apart (format 3, decision 78). Vaults, identities and billing are set up in-process; each
//! `wellkept` step is its own process.

mod common;

use common::ok;
use std::path::{Path, PathBuf};
use std::process::Output;

use secrecy::SecretString;
use wellkept::billing::{self, BillingSettings, BusinessDetails, Currency, Money, NewPayment};
use wellkept::exchange::store::{ContactRole, add_confirmed_contact, set_up_exchange};
use wellkept::practice::clients::{self, ClientDetails};
use wellkept::vault::{CreateOptions, Vault};

const PASSPHRASE: &str = "a long enough passphrase";

fn wellkept(vault: &Path, pass: &Path, args: &[&str]) -> Output {
    common::run(vault, pass, None, args)
}

async fn create(dir: &Path) -> Vault {
    let options =
        CreateOptions { passphrase: Some(SecretString::from(PASSPHRASE)), use_keychain: false, ..Default::default() };
    Vault::create(dir, options).await.expect("create vault").vault
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mentor_shares_an_issued_invoice_from_the_command_line_and_the_client_keeps_it_once() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).expect("pass");
    let (mentor_dir, jo_dir): (PathBuf, PathBuf) = (root.path().join("mentor"), root.path().join("jo"));
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("day");
    let gbp = |minor| Money::new(minor, Currency::GBP);

    let (jo_contact, ben_invoice) = {
        let mentor = create(&mentor_dir).await;
        let jo_vault = create(&jo_dir).await;
        let mentor_card = set_up_exchange(&mentor, "Sam Mentor").await.expect("identity");
        let jo_card = set_up_exchange(&jo_vault, "Jo Rivers").await.expect("identity");
        let jo_contact = add_confirmed_contact(&mentor, &jo_card, ContactRole::MyClient).await.expect("confirm");
        add_confirmed_contact(&jo_vault, &mentor_card, ContactRole::MyMentor).await.expect("confirm");
        let client = |name: &str| ClientDetails { name: name.into(), ..Default::default() };
        let jo = clients::add_client(&mentor, client("Jordan Rivers")).await.expect("Jo").id;
        let ben = clients::add_client(&mentor, client("Ben Okafor")).await.expect("Ben").id;
        clients::set_client_contact(&mentor, &jo, Some(&jo_contact.id)).await.expect("link");
        let settings = BillingSettings {
            business: BusinessDetails { name: "Sam Mentor Practice".into(), ..BusinessDetails::default() },
            payment_terms_days: 14,
            ..BillingSettings::new(Currency::GBP)
        };
        billing::set_billing_settings(&mentor, settings).await.expect("settings");
        let mut issued = Vec::new();
        for (who, on) in [(&jo, day(2026, 11, 23)), (&ben, day(2026, 11, 24))] {
            billing::add_item(&mentor, who, on, "Mentoring session", gbp(6500)).await.expect("item");
            let draft = billing::create_draft(&mentor, who, None).await.expect("draft");
            issued.push(billing::issue_invoice(&mentor, &draft.id, day(2026, 11, 30)).await.expect("issue"));
        }
        let payment = NewPayment {
            invoice_id: issued[0].id.clone(),
            amount: gbp(2000),
            method: "card".into(),
            paid_on: day(2026, 12, 1),
            reference: None,
        };
        billing::record_payment(&mentor, payment).await.expect("paid");
        // Jo's second invoice: £96.00, £50.00 paid, an £8.00 credit note (decision 78).
        billing::add_item(&mentor, &jo, day(2026, 11, 25), "Mentoring session", gbp(9600)).await.expect("item");
        let draft = billing::create_draft(&mentor, &jo, None).await.expect("draft");
        let second = billing::issue_invoice(&mentor, &draft.id, day(2026, 11, 30)).await.expect("issue");
        let payment = NewPayment {
            invoice_id: second.id.clone(),
            amount: gbp(5000),
            method: "card".into(),
            paid_on: day(2026, 12, 1),
            reference: None,
        };
        billing::record_payment(&mentor, payment).await.expect("paid");
        let credit = billing::credit_note(&mentor, &second.id, gbp(800), "Session shortened", day(2026, 12, 2))
            .await
            .expect("credited");
        assert_eq!((second.label(), credit.label()), ("INV-0003".to_owned(), "CN-0004".to_owned()));
        mentor.lock().await.expect("lock");
        jo_vault.lock().await.expect("lock");
        (jo_contact.id, issued[1].label())
    };
    assert_eq!(ben_invoice, "INV-0002");
    let mentor = |args: &[&str]| wellkept(&mentor_dir, &pass, args);
    let jo = |args: &[&str]| wellkept(&jo_dir, &pass, args);

    let wrong = root.path().join("wrong.wks");
    let share = |invoice: &str, out: &Path| {
        mentor(&[
            "exchange",
            "share",
            "--to",
            &jo_contact,
            "--from",
            "mentor",
            "--invoice",
            invoice,
            "--out",
            out.to_str().expect("utf-8"),
        ])
    };
    let refused = share("INV-0002", &wrong);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains(
            "INV-0002 is billed to Ben Okafor, whose client record is not linked to this contact; \
             an invoice is shared only with the client it is billed to"
        ),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(!wrong.exists(), "nothing is written");

    let file = root.path().join("for-jo.wks");
    let said = ok(share("INV-0001", &file), "share");
    assert!(said.contains("Sealed 1 item(s) into"), "{said}");
    let path = file.to_str().expect("utf-8");
    assert_eq!(ok(jo(&["exchange", "import", path]), "import"), "Imported 1 new item(s); 0 already here.\n");
    let listed = |out: String| -> Vec<String> {
        out.lines().map(|l| l.split_once("  ").expect("id first").1.to_owned()).collect()
    };
    let expected =
        ["invoice INV-0001, issued 30 Nov 2026: total £65.00, paid £20.00, balance £45.00 as issued  from Sam Mentor"];
    assert_eq!(listed(ok(jo(&["exchange", "received"]), "received")), expected);
    assert_eq!(ok(jo(&["exchange", "import", path]), "again"), "Imported 0 new item(s); 1 already here.\n");
    assert_eq!(listed(ok(jo(&["exchange", "received"]), "received")), expected);

    // Decision 78: the credit note is credited, not paid, as on the mentor's own Billing screen
    // ("paid £58.00" before format 3).
    let file = root.path().join("for-jo-2.wks");
    ok(share("INV-0003", &file), "share");
    assert_eq!(std::fs::read(&file).expect("written")[8..10], [0, 3], "format 3");
    let path = file.to_str().expect("utf-8");
    assert_eq!(ok(jo(&["exchange", "import", path]), "import"), "Imported 1 new item(s); 0 already here.\n");
    assert_eq!(
        listed(ok(jo(&["exchange", "received"]), "received")),
        [
            "invoice INV-0003, issued 30 Nov 2026: total £96.00, paid £50.00, credited £8.00 (CN-0004), \
             balance £38.00 as issued  from Sam Mentor",
            expected[0],
        ]
    );
}
