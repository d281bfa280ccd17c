//! Contact roles and a mentor's safety-plan proposal through the real `wellkept` binary (issue
//! 12, deliverable 6): a contact is added with `--role`, listed with it, changed with
//! `exchange contact-role`; a received safety plan from "my client" is listed as not filed and
//! cannot be accepted; from "my mentor" it waits, `exchange accept` files it as a new version
//! once, `exchange decline` marks one declined. Each step is its own process.

mod common;

use common::{card_text, fingerprint};
use std::path::PathBuf;
use std::process::Output;

use secrecy::SecretString;
use wellkept::clinical::safety_plans::{self, SafetyPlanContent, SafetyPlanItem, SafetyPlanSection};
use wellkept::vault::{Unlock, Vault};

const PASSPHRASE: &str = "a long enough passphrase";

struct Person {
    vault: PathBuf,
    pass: PathBuf,
}

impl Person {
    fn run(&self, args: &[&str]) -> Output {
        common::command(&self.vault, &self.pass).env("TZ", "UTC").args(args).output().expect("run wellkept")
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8_lossy(&out.stderr).into_owned()
    }
    /// Opens the vault in this process (no `wellkept` command writes a safety plan yet).
    async fn save_plan(&self, warning_sign: &str) -> String {
        let vault = Vault::open(&self.vault, Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("open");
        let mut plan = SafetyPlanContent::new();
        plan.insert(SafetyPlanSection::WarningSigns, vec![SafetyPlanItem { text: warning_sign.into(), contact: None }]);
        let saved = safety_plans::save_safety_plan(&vault, None, plan).await.expect("saved");
        vault.lock().await.expect("locked");
        saved.id
    }
}

/// Received lines without their ids: "<kind>  from <name>[  <status>]".
fn received(p: &Person) -> Vec<String> {
    p.ok(&["exchange", "received"]).lines().map(|l| l.split_once("  ").expect("id").1.to_owned()).collect()
}

fn newest_received_id(p: &Person) -> String {
    p.ok(&["exchange", "received"]).split_whitespace().next().expect("an id").to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn roles_decide_what_a_shared_safety_plan_may_change_from_the_command_line() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).expect("pass");
    let person = |name: &str| Person { vault: root.path().join(name), pass: pass.clone() };
    let (mentor, jo) = (person("mentor"), person("jo"));
    for p in [&mentor, &jo] {
        p.ok(&["init", "--no-keychain", "--recovery-key-out", p.vault.with_extension("rk").to_str().expect("utf-8")]);
    }
    let mentor_card = mentor.ok(&["exchange", "setup", "Dr.", "Sam", "Rivera"]);
    let jo_card = jo.ok(&["exchange", "setup", "Jo", "Okafor"]);
    let (mentor_file, jo_file) = (root.path().join("sam.card"), root.path().join("jo.card"));
    std::fs::write(&mentor_file, card_text(&mentor_card)).expect("card");
    std::fs::write(&jo_file, card_text(&jo_card)).expect("card");
    let mentor_path = mentor_file.to_str().expect("utf-8");

    // A role is required and must be one of the two.
    let add = |role: &str| -> Vec<String> {
        ["exchange", "add-contact", mentor_path, "--fingerprint", &fingerprint(&mentor_card), "--role", role]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    };
    let args = add("supervisor");
    let message = jo.refused(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(message.contains("“supervisor” is not a role: choose mentor or client"), "{message}");
    // Jo first confirms Sam as her client by mistake.
    let args = add("client");
    let added = jo.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(added.starts_with("Dr. Sam Rivera — fingerprint:"), "{added}");
    assert!(added.contains("Added Dr. Sam Rivera · my client as a confirmed contact"), "{added}");
    mentor.ok(&[
        "exchange",
        "add-contact",
        jo_file.to_str().expect("utf-8"),
        "--fingerprint",
        &fingerprint(&jo_card),
        "--role",
        "client",
    ]);
    let contacts = jo.ok(&["exchange", "contacts"]);
    assert!(contacts.trim_end().ends_with("Dr. Sam Rivera · my client"), "{contacts}");
    let sam_at_jo = contacts.split_whitespace().next().expect("id").to_owned();
    let jo_at_sam = mentor.ok(&["exchange", "contacts"]).split_whitespace().next().expect("id").to_owned();

    // Sam shares a safety plan; from "my client" it is kept, listed as not filed, and refused.
    let plan_id = mentor.save_plan("Not sleeping for two nights").await;
    let share = |name: &str| {
        let out = root.path().join(name);
        mentor.ok(&[
            "exchange",
            "share",
            "--to",
            &jo_at_sam,
            "--from",
            "mentor",
            "--safety-plan",
            &plan_id,
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        out
    };
    let first = share("first.wks");
    let imported = jo.ok(&["exchange", "import", first.to_str().expect("utf-8")]);
    assert!(imported.contains("only a contact you confirmed as your mentor may propose a safety plan"), "{imported}");
    assert_eq!(received(&jo), ["safety plan  from Dr. Sam Rivera  not filed: not from your mentor"]);
    let first_id = newest_received_id(&jo);
    let message = jo.refused(&["exchange", "accept", &first_id]);
    assert!(message.contains("and Dr. Sam Rivera is your client"), "{message}");

    // Jo corrects the role; a plan sent from then on waits and is accepted once.
    assert_eq!(jo.ok(&["exchange", "contact-role", &sam_at_jo, "mentor"]), "Dr. Sam Rivera · my mentor from now on.\n");
    assert!(jo.ok(&["exchange", "contacts"]).trim_end().ends_with("Dr. Sam Rivera · my mentor"));
    // The same plan shared again is the same item (the sender's id): nothing new arrives, and the
    // first stays refused because it arrived before Sam was Jo's mentor.
    let second = share("second.wks");
    let imported = jo.ok(&["exchange", "import", second.to_str().expect("utf-8")]);
    assert!(imported.contains("Imported 0 new item(s); 1 already here"), "{imported}");
    assert_eq!(received(&jo), ["safety plan  from Dr. Sam Rivera  not filed: not from your mentor"]);
    let message = jo.refused(&["exchange", "accept", &first_id]);
    assert!(
        message.contains("was not yet your mentor in Wellkept when this plan arrived; ask them to share it again"),
        "{message}"
    );

    // Sam saves a changed plan (a new version, a new id) and shares it: it waits.
    let plan_id = mentor.save_plan("Skipping meals").await;
    let third = root.path().join("third.wks");
    mentor.ok(&[
        "exchange",
        "share",
        "--to",
        &jo_at_sam,
        "--from",
        "mentor",
        "--safety-plan",
        &plan_id,
        "--out",
        third.to_str().expect("utf-8"),
    ]);
    let imported = jo.ok(&["exchange", "import", third.to_str().expect("utf-8")]);
    assert!(
        imported.contains("Dr. Sam Rivera proposes a new safety plan: it waits for you to accept or decline it."),
        "{imported}"
    );
    let listed = received(&jo);
    assert_eq!(listed[0], "safety plan  from Dr. Sam Rivera  waiting: accept or decline", "{listed:?}");
    let third_id = newest_received_id(&jo);
    assert_eq!(
        jo.ok(&["exchange", "accept", &third_id]),
        "Dr. Sam Rivera's plan is now your safety plan, version 1.\n"
    );
    assert_eq!(jo.ok(&["exchange", "accept", &third_id]), "You accepted this safety plan before; nothing was added.\n");
    assert_eq!(received(&jo)[0], "safety plan  from Dr. Sam Rivera  accepted");
    let message = jo.refused(&["exchange", "decline", &third_id]);
    assert!(message.contains("you accepted this safety plan"), "{message}");

    // A fourth plan is declined; Jo's plan stays version 1.
    let plan_id = mentor.save_plan("Staying in bed all day").await;
    let fourth = root.path().join("fourth.wks");
    mentor.ok(&[
        "exchange",
        "share",
        "--to",
        &jo_at_sam,
        "--from",
        "mentor",
        "--safety-plan",
        &plan_id,
        "--out",
        fourth.to_str().expect("utf-8"),
    ]);
    jo.ok(&["exchange", "import", fourth.to_str().expect("utf-8")]);
    let fourth_id = newest_received_id(&jo);
    assert_eq!(
        jo.ok(&["exchange", "decline", &fourth_id]),
        "You declined Dr. Sam Rivera's plan. Your safety plan is unchanged.\n"
    );
    assert_eq!(received(&jo)[0], "safety plan  from Dr. Sam Rivera  declined");
    let vault = Vault::open(&jo.vault, Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("open");
    let versions = safety_plans::list_safety_plan_versions(&vault, None).await.expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].sections[&SafetyPlanSection::WarningSigns][0].text, "Skipping meals");
}
