//! Two computers' changes merged in the core (issue 15; `src/vault/peers.rs`), for the rules
//! a person would notice: a finalised note stays finalised while the other computer's
//! concurrent edit is kept in its history, a deletion and a restore land in stamp order, and
//! both computers end with the same records.
//!
//! One test in this binary: each "computer" is this process with its own state folder
//! (`XDG_DATA_HOME`, where its id lives), switched between opens, so nothing may run beside it.
//! The sync engine is a copy of the files each computer wrote into the other's folder.

mod common;
mod practice_fixtures;

use std::path::{Path, PathBuf};

use practice_fixtures::{client, soap};
use wellkept::practice::notes::{self, NewSessionNote};
use wellkept::vault::{Unlock, Vault};

fn subjective(note: &notes::SessionNote) -> String {
    note.sections.iter().find(|s| s.key == "subjective").map(|s| s.text.clone()).unwrap_or_default()
}

/// Opens `vault` as the computer whose state folder is `state`.
async fn open_as(state: &Path, vault: &Path) -> Vault {
    // SAFETY: the only test in this binary; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("XDG_DATA_HOME", state) };
    Vault::open(vault, Unlock::Passphrase(common::passphrase())).await.expect("open")
}

/// Every file under `dir` (relative path → bytes), the writer's lock file aside.
fn files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "vault.lock") {
                let name = path.strip_prefix(dir).expect("under dir").display().to_string();
                out.insert(name, std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

/// Copies every file of `from` that `to` lacks or holds differently.
fn deliver(from: &Path, to: &Path) {
    for (name, bytes) in files(from) {
        let dst = to.join(&name);
        if std::fs::read(&dst).ok().as_deref() != Some(&bytes[..]) {
            std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
            std::fs::write(&dst, &bytes).expect("copy");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_finalised_note_stays_finalised_the_other_edit_is_kept_and_both_computers_agree() {
    let root = tempfile::tempdir().expect("tempdir");
    let (office_state, laptop_state): (PathBuf, PathBuf) = (root.path().join("office"), root.path().join("laptop"));
    let (office, laptop) = (root.path().join("office-vault"), root.path().join("laptop-vault"));

    // The office makes the vault (it is the home) with a client and a draft note.
    // SAFETY: as in `open_as`.
    unsafe { std::env::set_var("XDG_DATA_HOME", &office_state) };
    let options = wellkept::vault::CreateOptions {
        passphrase: Some(common::passphrase()),
        use_keychain: false,
        passphrase_work_factor: 10,
    };
    let vault = Vault::create(&office, options).await.expect("create").vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let note = notes::add_note(&vault, NewSessionNote { client_id: ana, draft: soap("Tired") }).await.expect("note");
    let kept =
        notes::add_note(&vault, NewSessionNote { client_id: client(&vault, "Ben Ode").await, draft: soap("Fine") })
            .await
            .expect("second note");
    vault.lock().await.expect("lock");
    drop(vault);
    deliver(&office, &laptop);

    // Before either sees the other: the office finalises the note, then the laptop edits it
    // (its edit is stamped later) and moves the second note to the trash.
    let vault = open_as(&office_state, &office).await;
    let signed = notes::finalise_note(&vault, &note.id).await.expect("finalise");
    vault.lock().await.expect("lock");
    drop(vault);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let vault = open_as(&laptop_state, &laptop).await;
    notes::save_note(&vault, &note.id, soap("Tired, and the laptop's words")).await.expect("edit on the laptop");
    notes::delete_note(&vault, &kept.id).await.expect("trash on the laptop");
    vault.lock().await.expect("lock");
    drop(vault);
    assert!(
        !files(&laptop).keys().any(|name| name.starts_with("data/") && !office.join(name).exists()),
        "the laptop wrote nothing in data/"
    );

    // The engine copies both ways; each computer opens and merges.
    deliver(&office, &laptop);
    deliver(&laptop, &office);
    let mut seen = Vec::new();
    for (state, folder) in [(&office_state, &office), (&laptop_state, &laptop)] {
        let vault = open_as(state, folder).await;
        let role = vault.sync_role().await.expect("role");
        let is_office = *folder == office;
        assert_eq!(matches!(role.home, wellkept::vault::Home::ThisComputer), is_office, "the office is the home");
        if is_office {
            // The home merged the laptop's records at this open, and says what did not apply.
            assert_eq!(role.notes.len(), 1, "{:?}", role.notes);
            assert!(
                role.notes[0].contains("was not applied here (finalised session notes are read-only); the rest was, and all of it stays in that computer's change log"),
                "{:?}",
                role.notes
            );
        } else {
            // By then the home had folded them into its snapshot: nothing left to merge.
            assert_eq!(role.notes, Vec::<String>::new());
        }
        let merged = notes::get_note(&vault, &note.id).await.expect("the note");
        assert_eq!(
            merged.finalised_at,
            signed.finalised_at,
            "{}: still finalised, at the office's time",
            folder.display()
        );
        assert_eq!(subjective(&merged), "Tired", "{}: the finalised text is the one signed", folder.display());
        let history: Vec<String> = notes::list_revisions(&vault, &note.id)
            .await
            .expect("history")
            .iter()
            .map(|r| r.sections.iter().find(|s| s.key == "subjective").map(|s| s.text.clone()).unwrap_or_default())
            .collect();
        assert!(
            history.contains(&"Tired, and the laptop's words".to_owned()),
            "{}: the laptop's edit is kept in the history: {history:?}",
            folder.display()
        );
        let trashed = notes::get_note(&vault, &kept.id).await;
        assert!(
            trashed.is_err() || trashed.as_ref().is_ok_and(|n| n.deleted_at.is_some()),
            "{}: the laptop's trash holds",
            folder.display()
        );
        seen.push((subjective(&merged), history, trashed.map(|n| n.deleted_at).ok()));
        vault.lock().await.expect("lock");
        drop(vault);
        deliver(folder, if *folder == office { &laptop } else { &office });
    }
    assert_eq!(seen[0], seen[1], "both computers show the same");
}
