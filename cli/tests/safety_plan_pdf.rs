//! `wellkept safety-plan pdf` through the real binary (issue 11, deliverable 8): the A4 plan and
//! the wallet card for a plan saved in the vault, read back with `pdftotext`; the crisis lines
//! are the `--country` given; without a saved plan the command fails with a sentence and writes
//! nothing.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use secrecy::SecretString;
use wellkept::clinical::safety_plans::{self, SafetyPlanContent, SafetyPlanItem, SafetyPlanSection};
use wellkept::vault::{Unlock, Vault};

const PASSPHRASE: &str = "a long enough passphrase";

fn wellkept(vault: &Path, pass: &Path, args: &[&str]) -> Output {
    common::london(vault, pass, Some("2026-04-02T08:30:00Z"))
        .env("LANG", "C")
        .args(args)
        .output()
        .expect("run wellkept")
}

fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8(out.stdout).expect("utf-8").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        let at = text[from..].find(part).unwrap_or_else(|| panic!("“{part}” missing after {from} in: {text}"));
        from += at + part.len();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_plan_prints_on_a4_and_as_a_wallet_card_from_the_command_line() {
    let root = tempfile::tempdir().expect("tempdir");
    let (vault, pass) = (root.path().join("vault"), root.path().join("pass"));
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).expect("pass");
    let init = wellkept(&vault, &pass, &["init", "--no-keychain"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));

    let none = wellkept(
        &vault,
        &pass,
        &["safety-plan", "pdf", "--country", "GB", "--out", root.path().join("x.pdf").to_str().expect("path")],
    );
    assert!(!none.status.success());
    // Where one is written: the command line prints plans but does not write them.
    assert!(
        String::from_utf8_lossy(&none.stderr).ends_with(
            "safety plan: there is no safety plan to print yet: write yours in the Wellkept app (Safety plan) and save it\n"
        ),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );
    assert!(!root.path().join("x.pdf").exists());

    {
        let v = Vault::open(&vault, Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("open");
        let mut plan = SafetyPlanContent::new();
        let item = |t: &str, c: Option<&str>| SafetyPlanItem { text: t.into(), contact: c.map(str::to_owned) };
        plan.insert(SafetyPlanSection::WarningSigns, vec![item("Not sleeping", None)]);
        plan.insert(SafetyPlanSection::PeopleToAskForHelp, vec![item("Mum", Some("07700 900123"))]);
        plan.insert(SafetyPlanSection::SafeEnvironment, vec![item("Sam keeps my spare tablets", None)]);
        safety_plans::save_safety_plan(&v, None, plan).await.expect("save");
        v.lock().await.expect("lock");
    }

    let a4 = root.path().join("plan.pdf");
    let out = wellkept(&vault, &pass, &["safety-plan", "pdf", "--country", "gb", "--out", a4.to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(&format!("Wrote {} (", a4.display())));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Warning: This file is not encrypted"));
    in_order(
        &text(&a4),
        &[
            "My safety plan",
            "Version 1, saved",
            "1. Warning signs that a crisis may be developing",
            "Not sleeping",
            "4. People I can ask for help",
            "Mum — 07700 900123",
            "Crisis lines in United Kingdom:",
            "Samaritans — Call 116 123",
            "6. Making the environment safe",
            "• Who could hold something for me until the crisis has passed?",
            "Sam keeps my spare tablets",
            "My reasons for living",
        ],
    );

    let card = root.path().join("card.pdf");
    let out = wellkept(&vault, &pass, &["safety-plan", "pdf", "--wallet", "--out", card.to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no country given (--country GB)"));
    let card_text = text(&card);
    assert!(card_text.contains("To make the card"), "{card_text}");
    assert!(card_text.contains("Choose your country in Settings to print its crisis lines here."), "{card_text}");
    let info = Command::new("pdfinfo").arg(&card).output().expect("pdfinfo");
    assert!(String::from_utf8_lossy(&info.stdout).contains("Pages:           1"));
}

/// `--client` takes the client's name as every other command does; a client who does not exist
/// is named as such, and one without a plan is named with where to write it. (Found trying the
/// binary: `--client nobody` said "there is no safety plan to print yet", and a name was taken
/// as an id.)
#[tokio::test(flavor = "multi_thread")]
async fn a_clients_plan_is_found_by_name_and_a_wrong_name_is_refused_as_such() {
    let root = tempfile::tempdir().expect("tempdir");
    let (vault, pass) = (root.path().join("vault"), root.path().join("pass"));
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).expect("pass");
    let init = wellkept(&vault, &pass, &["init", "--no-keychain"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let added = wellkept(&vault, &pass, &["client", "add", "Sam", "Patel"]);
    let sam = common::saved_id(&String::from_utf8_lossy(&added.stdout));
    let out = root.path().join("sam.pdf");
    let pdf = |client: &str| {
        wellkept(
            &vault,
            &pass,
            &["safety-plan", "pdf", "--client", client, "--country", "GB", "--out", out.to_str().expect("path")],
        )
    };

    for (client, says) in [
        ("Nobody", "--client: no client is called “Nobody”; see `wellkept client list`\n"),
        (
            "sam patel",
            "safety plan: Sam Patel has no safety plan yet: write it in the Wellkept app (their record's Safety plan) and save it\n",
        ),
        (
            sam.as_str(),
            "safety plan: Sam Patel has no safety plan yet: write it in the Wellkept app (their record's Safety plan) and save it\n",
        ),
    ] {
        let refused = pdf(client);
        assert_eq!(refused.status.code(), Some(2), "{client}");
        assert!(
            String::from_utf8_lossy(&refused.stderr).ends_with(says),
            "{client}: {}",
            String::from_utf8_lossy(&refused.stderr)
        );
    }
    assert!(!out.exists());

    {
        let v = Vault::open(&vault, Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("open");
        let mut plan = SafetyPlanContent::new();
        plan.insert(
            SafetyPlanSection::WarningSigns,
            vec![SafetyPlanItem { text: "Skipping meals".into(), contact: None }],
        );
        safety_plans::save_safety_plan(&v, Some(&sam), plan).await.expect("save");
        v.lock().await.expect("lock");
    }
    let printed = pdf("Sam Patel");
    assert!(printed.status.success(), "{}", String::from_utf8_lossy(&printed.stderr));
    in_order(&text(&out), &["Sam Patel’s safety plan", "Skipping meals"]);
}
