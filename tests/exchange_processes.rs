//! The mentor and the client as two separate processes with two real vaults, as in life: each
//! process opens only its own vault, and only files (contact cards, the bundle) pass between
//! them. The parent test re-runs this test binary for each step (`step_in_own_process`, which
//! is ignored in normal runs and only acts when `WELLKEPT_EXCHANGE_STEP` names a step).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use uuid::Uuid;
use wellkept::exchange::items::{ActionPlan, ActionStep, StepOwner, StepStatus};
use wellkept::exchange::store::{
    ContactRole, add_confirmed_contact, import_bundle, list_contacts, my_contact_card, seal_share_for, set_up_exchange,
};
use wellkept::exchange::{BundleContent, BundleKind, ContactCard, SharedItem};
use wellkept::params;
use wellkept::vault::{CreateOptions, Unlock, Vault};

/// Runs one step in a fresh process and returns what it printed after `RESULT:`.
fn run_step(step: &str, workdir: &Path) -> String {
    let output = Command::new(std::env::current_exe().expect("test binary path"))
        .args(["--ignored", "--exact", "step_in_own_process", "--nocapture", "--test-threads=1"])
        .env("WELLKEPT_EXCHANGE_STEP", step)
        .env("WELLKEPT_EXCHANGE_DIR", workdir)
        .output()
        .expect("child process starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "step {step} failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    stdout
        .lines()
        .find_map(|line| line.split_once("RESULT:").map(|(_, result)| result))
        .unwrap_or_else(|| panic!("step {step} printed no result:\n{stdout}"))
        .to_owned()
}

#[test]
fn mentor_and_client_exchange_from_separate_processes() {
    let workdir = tempfile::tempdir().expect("tempdir");
    let mentor_fingerprint = run_step("mentor-set-up", workdir.path());
    let client_fingerprint = run_step("client-set-up", workdir.path());
    // Each side confirms the other's card after comparing the fingerprint the owner reads out.
    assert_eq!(run_step("mentor-shares", workdir.path()), client_fingerprint);
    assert_eq!(run_step("client-imports", workdir.path()), format!("{mentor_fingerprint} added=1 had=0"));
    assert_eq!(run_step("client-imports-again", workdir.path()), "added=0 had=1 stored=1");
}

/// One step of the exchange, run by `mentor_and_client_exchange_from_separate_processes`.
#[tokio::test]
#[ignore = "runs only as a child process of mentor_and_client_exchange_from_separate_processes"]
async fn step_in_own_process() {
    let (Ok(step), Ok(dir)) = (std::env::var("WELLKEPT_EXCHANGE_STEP"), std::env::var("WELLKEPT_EXCHANGE_DIR")) else {
        panic!("run through mentor_and_client_exchange_from_separate_processes");
    };
    let dir = PathBuf::from(dir);
    let result = match step.as_str() {
        "mentor-set-up" => set_up(&dir.join("mentor-vault"), "Dr. Sam Rivera", &dir.join("mentor-card.txt")).await,
        "client-set-up" => set_up(&dir.join("client-vault"), "Jo Okafor", &dir.join("client-card.txt")).await,
        "mentor-shares" => mentor_shares(&dir).await,
        "client-imports" => client_imports(&dir).await,
        "client-imports-again" => {
            let vault = open(&dir.join("client-vault")).await;
            let bundle = std::fs::read(dir.join("plan.wkbundle")).expect("bundle file");
            let again = import_bundle(&vault, &bundle).await.expect("second import");
            let stored: (i64,) =
                vault.fetch_one("SELECT count(*) FROM received_items", params![]).await.expect("count");
            format!("added={} had={} stored={}", again.added, again.already_had, stored.0)
        }
        other => panic!("unknown step {other}"),
    };
    println!("RESULT:{result}");
}

async fn set_up(vault_dir: &Path, name: &str, card_file: &Path) -> String {
    // Passphrase only: a keychain entry would not outlive this process's mock store.
    common::private_state_dir(); // marks (and the child processes' marks) stay out of the real home
    let options =
        CreateOptions { passphrase: Some(common::passphrase()), use_keychain: false, passphrase_work_factor: 10 };
    let vault = Vault::create(vault_dir, options).await.expect("create vault").vault;
    let card = set_up_exchange(&vault, name).await.expect("identity");
    std::fs::write(card_file, card.to_text()).expect("card written");
    card.fingerprint().to_string()
}

async fn open(vault_dir: &Path) -> Vault {
    Vault::open(vault_dir, Unlock::Passphrase(common::passphrase())).await.expect("open vault")
}

async fn mentor_shares(dir: &Path) -> String {
    let vault = open(&dir.join("mentor-vault")).await;
    let card = ContactCard::from_text(&std::fs::read_to_string(dir.join("client-card.txt")).expect("card file"))
        .expect("client card parses");
    let contact = add_confirmed_contact(&vault, &card, ContactRole::MyClient).await.expect("confirmed");
    let plan = SharedItem::ActionPlan(ActionPlan {
        id: Uuid::now_v7(),
        title: "Better sleep".into(),
        goal: Some("Seven hours on weeknights".into()),
        steps: vec![ActionStep {
            id: Uuid::now_v7(),
            description: "Phone out of the bedroom from 22:30".into(),
            owner: StepOwner::Client,
            due: None,
            status: StepStatus::NotStarted,
        }],
        updated_at: wellkept::vault::now(),
    });
    let name = my_contact_card(&vault).await.expect("own card").display_name().to_owned();
    let content = BundleContent::new(BundleKind::FromMentor, &name, vec![plan]);
    let bundle = seal_share_for(&vault, &contact.id, &content).await.expect("sealed");
    std::fs::write(dir.join("plan.wkbundle"), bundle).expect("bundle written");
    card.fingerprint().to_string()
}

async fn client_imports(dir: &Path) -> String {
    let vault = open(&dir.join("client-vault")).await;
    let card = ContactCard::from_text(&std::fs::read_to_string(dir.join("mentor-card.txt")).expect("card file"))
        .expect("mentor card parses");
    add_confirmed_contact(&vault, &card, ContactRole::MyClient).await.expect("confirmed");
    assert_eq!(list_contacts(&vault).await.expect("contacts").len(), 1);
    let bundle = std::fs::read(dir.join("plan.wkbundle")).expect("bundle file");
    let imported = import_bundle(&vault, &bundle).await.expect("imported");
    format!("{} added={} had={}", card.fingerprint(), imported.added, imported.already_had)
}
