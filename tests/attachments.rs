//! Attachments (`wellkept::attachments`): files stored encrypted beside the database, once per
//! content, read back only after their check, hidden and purged with their owner, carried by
//! backups and re-keys, and never in plaintext on disk.

mod common;

use std::path::Path;

use wellkept::attachments::{self, MAX_ATTACHMENT_BYTES};
use wellkept::journal::entries;
use wellkept::practice::clients;
use wellkept::trash;
use wellkept::vault::{Unlock, Vault};

async fn entry(vault: &Vault, title: &str) -> String {
    let new = entries::NewJournalEntry {
        entry_date: Some("2026-11-01".parse().expect("day")),
        title: title.into(),
        body: "Body".into(),
        ..Default::default()
    };
    entries::add_entry(vault, new).await.expect("entry").id
}

/// The `.age` files in the vault's attachments folder.
fn stored_files(vault_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(vault_dir.join("attachments"))
        .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// Every file under `dir`, recursively, with its bytes.
fn all_files(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(all_files(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).expect("read")));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn an_attached_file_reads_back_is_stored_once_and_never_in_plaintext() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let first = entry(&vault, "Beach day").await;
    let second = entry(&vault, "Same photo again").await;
    let marker = b"PLAINTEXT-MARKER-7f3a: the photo's own bytes";
    let mut photo = b"\xff\xd8\xff\xe0".to_vec();
    photo.extend_from_slice(marker);

    let a = attachments::add(&vault, "journal_entry", &first, "beach.jpg", &photo).await.expect("attach");
    assert_eq!((a.file_name.as_str(), a.media_type.as_str(), a.size), ("beach.jpg", "image/jpeg", photo.len() as i64));
    let b = attachments::add(&vault, "journal_entry", &second, "copy.jpg", &photo).await.expect("attach again");
    assert_eq!(a.content_id, b.content_id, "same content, same file");
    assert_eq!(stored_files(dir.path()), [format!("{}.age", a.content_id)], "stored once");

    let listed = attachments::list(&vault, "journal_entry", &first).await.expect("list");
    assert_eq!(listed, std::slice::from_ref(&a));
    let (meta, bytes) = attachments::read(&vault, &a.id).await.expect("read");
    assert_eq!((meta, bytes), (a.clone(), photo.clone()));

    // Nothing under the vault folder holds the file's bytes in the clear, before or after lock.
    vault.lock().await.expect("lock");
    for (path, bytes) in all_files(dir.path()) {
        assert!(!contains(&bytes, marker), "{} holds the plaintext", path.display());
    }
    // And it reads back after unlocking again.
    vault.unlock(Unlock::Passphrase(common::passphrase())).await.expect("unlock");
    assert_eq!(attachments::read(&vault, &b.id).await.expect("read after unlock").1, photo);
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_with_its_size_and_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let owner = entry(&vault, "Scan").await;
    let big = dir.path().join("scan.pdf");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(MAX_ATTACHMENT_BYTES + 1).expect("sparse file");
    let err = attachments::add_file(&vault, "journal_entry", &owner, &big).await.expect_err("too large");
    assert_eq!(err.kind(), "invalid");
    assert_eq!(
        err.to_string(),
        "File: it is 50.0 MB; the largest file Wellkept attaches is 50.0 MB. Make it smaller (a lower-resolution scan or photo) or keep it outside the vault"
    );
    assert!(attachments::list(&vault, "journal_entry", &owner).await.expect("list").is_empty());
    assert!(stored_files(dir.path()).is_empty(), "nothing written");

    let err = attachments::add(&vault, "journal_entry", "no-such-entry", "a.txt", b"x").await.expect_err("no owner");
    assert_eq!(err.to_string(), wellkept::Error::NotFound { what: "That journal entry" }.to_string());
    assert!(stored_files(dir.path()).is_empty(), "the file of a refused attachment is taken away again");
    let err = attachments::add(&vault, "mood_checkin", &owner, "a.txt", b"x").await.expect_err("kind");
    assert_eq!(err.kind(), "invalid");
}

#[tokio::test]
async fn a_damaged_truncated_missing_or_swapped_file_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let owner = entry(&vault, "Letters").await;
    let letter = attachments::add(&vault, "journal_entry", &owner, "letter.pdf", b"%PDF-1.4 referral letter")
        .await
        .expect("attach");
    let other = attachments::add(&vault, "journal_entry", &owner, "other.txt", b"another file").await.expect("attach");
    let path = dir.path().join(letter.relative_path());
    let original = std::fs::read(&path).expect("read");
    let expected = format!(
        "Part of the vault is damaged (the file of the attachment \"letter.pdf\" ({}) is damaged or was replaced, so it was not opened; restore a backup that has it). Nothing was changed on disk.",
        letter.relative_path()
    );

    std::fs::write(&path, &original[..original.len() / 2]).expect("truncate");
    let err = attachments::read(&vault, &letter.id).await.expect_err("truncated");
    assert_eq!((err.kind(), err.to_string()), ("damaged", expected.clone()));

    let mut flipped = original.clone();
    let at = flipped.len() - 3;
    flipped[at] ^= 0x40;
    std::fs::write(&path, &flipped).expect("flip");
    assert_eq!(attachments::read(&vault, &letter.id).await.expect_err("flipped").to_string(), expected);

    // Another of the vault's own files, intact, under this name: decrypts, but is not this content.
    std::fs::copy(dir.path().join(other.relative_path()), &path).expect("swap");
    assert_eq!(attachments::read(&vault, &letter.id).await.expect_err("swapped").to_string(), expected);

    std::fs::remove_file(&path).expect("remove");
    let err = attachments::read(&vault, &letter.id).await.expect_err("missing");
    assert!(err.to_string().contains("\"letter.pdf\" is missing from the vault folder"), "{err}");

    // Attaching the same content again repairs the file.
    std::fs::write(&path, &original[..10]).expect("damage again");
    attachments::add(&vault, "journal_entry", &owner, "letter again.pdf", b"%PDF-1.4 referral letter")
        .await
        .expect("attach again");
    assert_eq!(attachments::read(&vault, &letter.id).await.expect("repaired").1, b"%PDF-1.4 referral letter");
}

#[tokio::test]
async fn trash_hides_attachments_with_their_owner_and_purge_removes_unreferenced_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let kept = entry(&vault, "Kept").await;
    let doomed = entry(&vault, "Doomed").await;
    let shared = attachments::add(&vault, "journal_entry", &kept, "shared.png", b"\x89PNG\r\n\x1a\nshared")
        .await
        .expect("attach");
    let same = attachments::add(&vault, "journal_entry", &doomed, "shared.png", b"\x89PNG\r\n\x1a\nshared")
        .await
        .expect("attach");
    let own = attachments::add(&vault, "journal_entry", &doomed, "own.txt", b"only here").await.expect("attach");
    assert_eq!(stored_files(dir.path()).len(), 2);

    // The owner in the trash: its attachments are hidden, and cannot be read.
    entries::delete_entry(&vault, &doomed).await.expect("delete");
    assert!(attachments::list(&vault, "journal_entry", &doomed).await.expect("list").is_empty());
    assert_eq!(attachments::read(&vault, &own.id).await.expect_err("hidden").kind(), "not_found");
    let titles: Vec<String> = trash::list_trash(&vault).await.expect("trash").into_iter().map(|i| i.title).collect();
    assert_eq!(titles, ["Doomed"], "attachments go with their owner, not as items of their own");
    // Restored, they are back.
    trash::restore_from_trash(&vault, "journal_entry", &doomed).await.expect("restore");
    assert_eq!(attachments::list(&vault, "journal_entry", &doomed).await.expect("list"), [same.clone(), own.clone()]);

    // Purging the owner deletes its records; the file still used by another entry stays.
    entries::delete_entry(&vault, &doomed).await.expect("delete");
    trash::purge_from_trash(&vault, "journal_entry", &doomed).await.expect("purge");
    assert_eq!(stored_files(dir.path()), [format!("{}.age", shared.content_id)]);
    assert_eq!(attachments::read(&vault, &shared.id).await.expect("still there").1, b"\x89PNG\r\n\x1a\nshared");

    // One attachment to the trash on its own, then purged: its file goes once nothing refers to it.
    attachments::remove(&vault, &shared.id).await.expect("remove");
    assert!(attachments::list(&vault, "journal_entry", &kept).await.expect("list").is_empty());
    let items = trash::list_trash(&vault).await.expect("trash");
    assert_eq!(
        items.iter().map(|i| (i.label.as_str(), i.title.as_str())).collect::<Vec<_>>(),
        [("Attachment", "shared.png")]
    );
    assert_eq!(stored_files(dir.path()).len(), 1, "kept while in the trash");
    trash::empty_trash(&vault).await.expect("empty");
    assert!(stored_files(dir.path()).is_empty(), "no record refers to it: removed");
}

#[tokio::test]
async fn removing_everything_of_an_owner_deletes_records_and_unshared_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let client = clients::add_client(&vault, clients::NewClient { name: "Cleo Park".into(), ..Default::default() })
        .await
        .expect("client")
        .id;
    let other = entry(&vault, "Mine").await;
    attachments::add(&vault, "client", &client, "consent.pdf", b"%PDF-1.4 consent").await.expect("attach");
    let gone = attachments::add(&vault, "client", &client, "referral.pdf", b"%PDF-1.4 referral").await.expect("attach");
    attachments::remove(&vault, &gone.id).await.expect("to the trash");
    let mine = attachments::add(&vault, "journal_entry", &other, "consent.pdf", b"%PDF-1.4 consent").await.expect("a");

    let removed = attachments::remove_all_for_owner(&vault, "client", &client).await.expect("remove all");
    assert_eq!(removed, 2, "live and trashed records alike");
    assert!(attachments::list(&vault, "client", &client).await.expect("list").is_empty());
    assert_eq!(stored_files(dir.path()), [format!("{}.age", mine.content_id)], "the shared file stays");
}

#[tokio::test]
async fn backups_carry_attachments_and_a_rekey_reencrypts_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let vault = common::create_vault(&vault_dir).await.vault;
    let owner = entry(&vault, "Photo").await;
    let photo = b"\xff\xd8\xff\xe0 a photo for the backup".to_vec();
    let a = attachments::add(&vault, "journal_entry", &owner, "photo.jpg", &photo).await.expect("attach");

    let backup = dir.path().join("vault.wkbackup");
    vault.backup_to(&backup).await.expect("backup");
    let restored_dir = dir.path().join("restored");
    wellkept::vault::restore_backup(&backup, &restored_dir).expect("restore");
    let original_file = std::fs::read(vault_dir.join(a.relative_path())).expect("original");
    assert_eq!(std::fs::read(restored_dir.join(a.relative_path())).expect("restored file"), original_file);

    // The re-key: the same names, re-encrypted to the new key, still read back.
    let done = vault.rekey(Some(&common::passphrase()), 10).await.expect("rekey");
    let after = std::fs::read(vault_dir.join(a.relative_path())).expect("re-keyed file");
    assert_ne!(after, original_file, "re-encrypted");
    assert!(!vault_dir.join("rekey-staging").exists());
    assert_eq!(attachments::read(&vault, &a.id).await.expect("read after rekey").1, photo);
    vault.lock().await.expect("lock");
    drop(vault);
    let reopened =
        Vault::open(&vault_dir, Unlock::RecoveryKey(done.recovery_key)).await.expect("open with the new recovery key");
    assert_eq!(attachments::read(&reopened, &a.id).await.expect("read after reopen").1, photo);
    drop(reopened);

    // The restored copy opens with the old passphrase and reads its attachment.
    let restored = Vault::open(&restored_dir, Unlock::Passphrase(common::passphrase())).await.expect("open restored");
    assert_eq!(attachments::read(&restored, &a.id).await.expect("read restored").1, photo);
}
