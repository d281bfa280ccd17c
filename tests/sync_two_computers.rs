//! Two computers' changes merged in the core (issue 15; `src/vault/peers.rs`), for the rules
//! a person would notice: a finalised note stays finalised while the other computer's
//! concurrent edit is kept beside it, a deletion and a restore land in stamp order, a journal
//! entry or a draft edited on both computers at once shows the later text and keeps the other
//! for the person to choose (docs/decisions.md 66; supervision notes 69; thought records and a
//! client's notes 70; a goal's wording 73), a removed computer is still named (71), the home handed on while its
//! snapshot cannot be written still moves, and both computers end with the same records.
//!
//! Each "computer" is this process with its own state folder (`XDG_DATA_HOME`, where its id
//! lives), switched between opens, so the tests take turns ([`ONE_AT_A_TIME`]). The sync engine
//! is a copy of the files each computer wrote into the other's folder.

mod common;
mod practice_fixtures;

use std::path::{Path, PathBuf};

use practice_fixtures::{client, soap};
use wellkept::journal::entries::{self as journal, JournalEntryUpdate, NewJournalEntry};
use wellkept::practice::notes::{self, NewSessionNote};
use wellkept::sync::conflicts::{self, ConflictKind, ConflictedRecord};
use wellkept::vault::{Unlock, Vault};

/// The tests switch the process's `XDG_DATA_HOME`: one runs at a time.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn subjective(note: &notes::SessionNote) -> String {
    note.sections.iter().find(|s| s.key == "subjective").map(|s| s.text.clone()).unwrap_or_default()
}

/// Each computer's state folder (where its id lives) and its copy of the vault folder.
struct Folders {
    office_state: PathBuf,
    laptop_state: PathBuf,
    office: PathBuf,
    laptop: PathBuf,
}

impl Folders {
    fn under(root: &Path) -> Self {
        Self {
            office_state: root.join("office"),
            laptop_state: root.join("laptop"),
            office: root.join("office-vault"),
            laptop: root.join("laptop-vault"),
        }
    }
}

/// Opens `vault` as the computer whose state folder is `state`.
async fn open_as(state: &Path, vault: &Path) -> Vault {
    // SAFETY: tests hold ONE_AT_A_TIME; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("XDG_DATA_HOME", state) };
    Vault::open(vault, Unlock::Passphrase(common::passphrase())).await.expect("open")
}

/// Copies every file of `from` that `to` lacks or holds differently.
fn deliver(from: &Path, to: &Path) {
    for (name, bytes) in common::files_under(from) {
        let dst = to.join(&name);
        if std::fs::read(&dst).ok().as_deref() != Some(&bytes[..]) {
            std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
            std::fs::write(&dst, &bytes).expect("copy");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_finalised_note_stays_finalised_the_other_edit_is_kept_and_both_computers_agree() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let Folders { office_state, laptop_state, office, laptop } = Folders::under(root.path());

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
    let laptop_id = vault.this_device().await.expect("id").hex();
    notes::save_note(&vault, &note.id, soap("Tired, and the laptop's words")).await.expect("edit on the laptop");
    notes::delete_note(&vault, &kept.id).await.expect("trash on the laptop");
    vault.lock().await.expect("lock");
    drop(vault);
    assert!(
        !common::files_under(&laptop).keys().any(|name| name.starts_with("data/") && !office.join(name).exists()),
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
        // The home merged the laptop's records at this open; by the laptop's open it had folded
        // them into its snapshot. Both say the same, and keep saying it until cleared: one of
        // the laptop's changes found the note already changed (finalised).
        assert_eq!(role.notes, Vec::<String>::new(), "nothing said only at this open");
        let noted = wellkept::sync::notes::list(&vault).await.expect("merge notes");
        let laptop_name =
            vault.devices().await.expect("devices").into_iter().find(|d| d.id == laptop_id).expect("listed").name;
        assert_eq!(noted.len(), 1, "{}: {noted:?}", folder.display());
        assert!(noted[0].key.starts_with(&format!("{laptop_id}:")), "{noted:?}");
        assert_eq!(noted[0].computer, laptop_name);
        assert_eq!(noted[0].this_computer, !is_office);
        assert_eq!(noted[0].outcome, wellkept::sync::notes::MergeOutcome::FoundChanged);
        assert_eq!(
            noted[0].describe(),
            format!(
                "A change saved on {laptop_name} at {} found part of what it changed already changed, finalised or removed on another computer; the rest of it was applied.",
                noted[0].changed_at.format("%Y-%m-%d %H:%M UTC")
            )
        );
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
        // The laptop's edit stands beside the finalised note, named as the laptop's.
        let beside = conflicts::for_record(&vault, ConflictKind::SessionNote, &note.id).await.expect("beside");
        assert_eq!(beside.len(), 1, "{}: {beside:?}", folder.display());
        assert!(beside[0].after_final, "an edit that reached a finalised note");
        assert_eq!(beside[0].device.as_deref(), Some(laptop_id.as_str()));
        assert_eq!(beside[0].text, "Subjective: Tired, and the laptop's words\n\nPlan: Keep a sleep diary for a week.");
        seen.push((subjective(&merged), history, trashed.map(|n| n.deleted_at).ok(), beside));
        vault.lock().await.expect("lock");
        drop(vault);
        deliver(folder, if *folder == office { &laptop } else { &office });
    }
    assert_eq!(seen[0], seen[1], "both computers show the same");

    // Read on the laptop and cleared there: the office no longer lists it either, once the
    // engine delivers the laptop's change. A key not listed is refused.
    let vault = open_as(&laptop_state, &laptop).await;
    let refused = wellkept::sync::notes::clear(&vault, &["00:1".to_owned()]).await.expect_err("not listed");
    assert_eq!(refused.to_string(), "Merge note: no note 00:1 is listed (wellkept sync status lists them)");
    assert_eq!(wellkept::sync::notes::clear(&vault, &[]).await.expect("clear"), 1);
    assert_eq!(wellkept::sync::notes::list(&vault).await.expect("list"), Vec::new());
    close(vault).await;
    deliver(&laptop, &office);
    let vault = open_as(&office_state, &office).await;
    assert_eq!(wellkept::sync::notes::list(&vault).await.expect("list"), Vec::new(), "cleared on the office too");
    assert_eq!(
        notes::get_note(&vault, &note.id).await.expect("note").finalised_at,
        signed.finalised_at,
        "clearing changed nothing else"
    );
    close(vault).await;
}

/// Makes a vault at `folder` as the computer `state`, named `name`; returns it open.
async fn create_as(state: &Path, folder: &Path, name: &str) -> Vault {
    // SAFETY: as in `open_as`.
    unsafe { std::env::set_var("XDG_DATA_HOME", state) };
    let options = wellkept::vault::CreateOptions {
        passphrase: Some(common::passphrase()),
        use_keychain: false,
        passphrase_work_factor: 10,
    };
    let vault = Vault::create(folder, options).await.expect("create").vault;
    vault.rename_this_device(name).await.expect("name");
    vault
}

async fn close(vault: Vault) {
    vault.lock().await.expect("lock");
    drop(vault);
}

fn edit(entry: &journal::JournalEntry, body: &str, base: Option<String>) -> JournalEntryUpdate {
    JournalEntryUpdate {
        entry_date: Some(entry.entry_date),
        title: entry.title.clone(),
        body: body.to_owned(),
        prompt: entry.prompt.clone(),
        mood: entry.mood,
        tags: entry.tags.clone(),
        base,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_journal_entry_edited_on_both_computers_shows_the_later_text_and_keeps_the_other_until_chosen() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let Folders { office_state, laptop_state, office, laptop } = Folders::under(root.path());

    let vault = create_as(&office_state, &office, "Office desktop").await;
    let new = NewJournalEntry {
        entry_date: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("day")),
        title: "Monday".into(),
        body: "First words".into(),
        ..Default::default()
    };
    let entry = journal::add_entry(&vault, new).await.expect("entry");
    let office_id = vault.this_device().await.expect("id").hex();
    close(vault).await;
    deliver(&office, &laptop);
    let vault = open_as(&laptop_state, &laptop).await;
    vault.rename_this_device("Laptop").await.expect("name");
    close(vault).await;
    deliver(&laptop, &office);

    // Neither sees the other's edit: the office writes first, the laptop later.
    let vault = open_as(&office_state, &office).await;
    journal::update_entry(&vault, &entry.id, edit(&entry, "The office's words", None)).await.expect("office edit");
    close(vault).await;
    std::thread::sleep(std::time::Duration::from_millis(5));
    let vault = open_as(&laptop_state, &laptop).await;
    let seen_here = journal::get_entry(&vault, &entry.id).await.expect("entry");
    assert_eq!(seen_here.body, "First words", "the laptop has not seen the office's edit");
    journal::update_entry(&vault, &entry.id, edit(&seen_here, "The laptop's words", None)).await.expect("laptop edit");
    close(vault).await;

    deliver(&office, &laptop);
    deliver(&laptop, &office);
    let mut seen = Vec::new();
    for (state, folder) in [(&office_state, &office), (&laptop_state, &laptop)] {
        let vault = open_as(state, folder).await;
        let merged = journal::get_entry(&vault, &entry.id).await.expect("entry");
        assert_eq!(merged.body, "The laptop's words", "{}: the later edit shows", folder.display());
        let aside = conflicts::for_record(&vault, ConflictKind::JournalEntry, &entry.id).await.expect("aside");
        assert_eq!(aside.len(), 1, "{}: {aside:?}", folder.display());
        assert_eq!(
            (
                aside[0].text.as_str(),
                aside[0].title.as_str(),
                aside[0].device.as_deref(),
                aside[0].device_name.as_deref()
            ),
            ("The office's words", "Monday", Some(office_id.as_str()), Some("Office desktop")),
            "{}: the office's version is kept, named as the office's",
            folder.display()
        );
        assert!(!aside[0].after_final);
        assert_eq!(
            conflicts::all(&vault).await.expect("all"),
            vec![ConflictedRecord {
                kind: ConflictKind::JournalEntry,
                record_id: entry.id.clone(),
                label: "Journal entry of 2026-11-30 “Monday”".into(),
                versions: 1,
            }]
        );
        seen.push((merged.body.clone(), merged.text_version.clone(), aside));
        close(vault).await;
        deliver(folder, if *folder == office { &laptop } else { &office });
    }
    assert_eq!(seen[0], seen[1], "both computers keep the same versions");

    // On the laptop the person chooses the office's words; the office then sees the same.
    let vault = open_as(&laptop_state, &laptop).await;
    let version = seen[1].2[0].version.clone();
    conflicts::use_version(&vault, ConflictKind::JournalEntry, &entry.id, &version).await.expect("use");
    let chosen = journal::get_entry(&vault, &entry.id).await.expect("entry");
    assert_eq!(chosen.body, "The office's words");
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    assert!(
        conflicts::use_version(&vault, ConflictKind::JournalEntry, &entry.id, &version).await.is_err(),
        "a version chosen is no longer kept aside"
    );
    close(vault).await;
    deliver(&laptop, &office);
    let vault = open_as(&office_state, &office).await;
    assert_eq!(journal::get_entry(&vault, &entry.id).await.expect("entry").body, "The office's words");
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);

    // One computer, an editor that loaded the entry before a save it did not see (a delivery
    // merged while the person typed): that save is kept aside, not written over.
    let loaded = journal::get_entry(&vault, &entry.id).await.expect("entry");
    journal::update_entry(&vault, &entry.id, edit(&loaded, "Saved meanwhile", None)).await.expect("meanwhile");
    let typed = journal::update_entry(
        &vault,
        &entry.id,
        edit(&loaded, "Typed in the editor", Some(loaded.text_version.clone())),
    )
    .await
    .expect("typed");
    assert_eq!(typed.body, "Typed in the editor");
    let aside = conflicts::for_record(&vault, ConflictKind::JournalEntry, &entry.id).await.expect("aside");
    assert_eq!(aside.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), vec!["Saved meanwhile"]);
    conflicts::keep_shown(&vault, ConflictKind::JournalEntry, &entry.id, &aside[0].version).await.expect("keep");
    assert_eq!(journal::get_entry(&vault, &entry.id).await.expect("entry").body, "Typed in the editor");
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    // A change of mood alone is no new version of the text, so it never conflicts.
    let mood_only = JournalEntryUpdate { mood: Some(7), ..edit(&typed, &typed.body, None) };
    let after = journal::update_entry(&vault, &entry.id, mood_only).await.expect("mood");
    assert_eq!((after.text_version.as_str(), after.mood), (typed.text_version.as_str(), Some(7)));
    close(vault).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_draft_edited_on_one_computer_and_finalised_on_the_other_keeps_the_signed_text_and_the_edit_beside_it() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let Folders { office_state, laptop_state, office, laptop } = Folders::under(root.path());

    let vault = create_as(&office_state, &office, "Office desktop").await;
    let ana = client(&vault, "Ana Ruiz").await;
    let note = notes::add_note(&vault, NewSessionNote { client_id: ana, draft: soap("Tired") }).await.expect("note");
    close(vault).await;
    deliver(&office, &laptop);

    // The laptop edits the draft first; the office, not having seen it, finalises later.
    let vault = open_as(&laptop_state, &laptop).await;
    vault.rename_this_device("Laptop").await.expect("name");
    notes::save_note(&vault, &note.id, soap("Tired; slept badly")).await.expect("laptop edit");
    close(vault).await;
    std::thread::sleep(std::time::Duration::from_millis(5));
    let vault = open_as(&office_state, &office).await;
    let signed = notes::finalise_note(&vault, &note.id).await.expect("finalise");
    close(vault).await;

    // (`deliver` copies whole files, newest first: the office's data/ before the laptop's copy
    // of it could go back, as a sync engine would order them by version.)
    deliver(&office, &laptop);
    deliver(&laptop, &office);
    for (state, folder) in [(&office_state, &office), (&laptop_state, &laptop)] {
        let vault = open_as(state, folder).await;
        let merged = notes::get_note(&vault, &note.id).await.expect("note");
        assert_eq!(merged.finalised_at, signed.finalised_at, "{}", folder.display());
        assert_eq!(subjective(&merged), "Tired", "{}: the note holds the text that was signed", folder.display());
        let aside = conflicts::for_record(&vault, ConflictKind::SessionNote, &note.id).await.expect("aside");
        assert_eq!(aside.len(), 1, "{}: {aside:?}", folder.display());
        assert_eq!(
            (aside[0].text.as_str(), aside[0].device_name.as_deref(), aside[0].after_final),
            ("Subjective: Tired; slept badly\n\nPlan: Keep a sleep diary for a week.", Some("Laptop"), false),
            "{}",
            folder.display()
        );
        close(vault).await;
        deliver(folder, if *folder == office { &laptop } else { &office });
    }

    // Choosing the laptop's words adds them to the signed note as an addendum.
    let vault = open_as(&office_state, &office).await;
    let version =
        conflicts::for_record(&vault, ConflictKind::SessionNote, &note.id).await.expect("aside")[0].version.clone();
    conflicts::use_version(&vault, ConflictKind::SessionNote, &note.id, &version).await.expect("use");
    let note = notes::get_note(&vault, &note.id).await.expect("note");
    assert_eq!(subjective(&note), "Tired");
    assert_eq!(
        note.addenda.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
        vec!["Subjective: Tired; slept badly\n\nPlan: Keep a sleep diary for a week."]
    );
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    close(vault).await;
}

fn supervision(notes: &str, actions: &str) -> wellkept::clinical::supervision::SupervisionInput {
    wellkept::clinical::supervision::SupervisionInput {
        held_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("day"),
        supervisor: "Dr Ann Lee".into(),
        notes: notes.into(),
        actions: actions.into(),
    }
}

/// A supervision note's words are a long text too (docs/decisions.md 69): rewritten on both
/// computers at once, the later words show and the other computer's are kept aside on both,
/// until the mentor chooses on either.
#[tokio::test(flavor = "multi_thread")]
async fn a_supervision_note_rewritten_on_both_computers_keeps_the_other_words_until_chosen() {
    use wellkept::clinical::supervision as sv;
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let Folders { office_state, laptop_state, office, laptop } = Folders::under(root.path());

    let vault = create_as(&office_state, &office, "Office desktop").await;
    let note = sv::add_supervision_note(&vault, supervision("Talked about endings.", "")).await.expect("add");
    assert_eq!(note.text_version, None, "a new note's words are its first version");
    close(vault).await;
    deliver(&office, &laptop);
    let vault = open_as(&laptop_state, &laptop).await;
    vault.rename_this_device("Laptop at home").await.expect("name");
    let laptop_id = vault.this_device().await.expect("id").hex();
    close(vault).await;
    deliver(&laptop, &office);

    // The laptop writes first, the office later; neither has seen the other's words.
    let vault = open_as(&laptop_state, &laptop).await;
    sv::update_supervision_note(
        &vault,
        &note.id,
        supervision("Endings: plan the last three sessions.", "Draft a goodbye letter."),
        Some(String::new()),
    )
    .await
    .expect("laptop edit");
    close(vault).await;
    std::thread::sleep(std::time::Duration::from_millis(5));
    let vault = open_as(&office_state, &office).await;
    let seen_here = sv::get_supervision_note(&vault, &note.id).await.expect("note");
    assert_eq!(seen_here.notes, "Talked about endings.", "the office has not seen the laptop's edit");
    sv::update_supervision_note(
        &vault,
        &note.id,
        supervision("Endings, and what the client fears about them.", ""),
        seen_here.text_version.clone().or(Some(String::new())),
    )
    .await
    .expect("office edit");
    close(vault).await;

    deliver(&office, &laptop);
    deliver(&laptop, &office);
    let mut seen = Vec::new();
    for (state, folder) in [(&office_state, &office), (&laptop_state, &laptop)] {
        let vault = open_as(state, folder).await;
        let merged = sv::get_supervision_note(&vault, &note.id).await.expect("note");
        assert_eq!(
            (merged.notes.as_str(), merged.actions.as_str()),
            ("Endings, and what the client fears about them.", ""),
            "{}: the later words show",
            folder.display()
        );
        let aside = conflicts::for_record(&vault, ConflictKind::SupervisionNote, &note.id).await.expect("aside");
        assert_eq!(aside.len(), 1, "{}: {aside:?}", folder.display());
        assert_eq!(
            (aside[0].text.as_str(), aside[0].device.as_deref(), aside[0].device_name.as_deref(), aside[0].after_final),
            (
                "Endings: plan the last three sessions.\n\nActions: Draft a goodbye letter.",
                Some(laptop_id.as_str()),
                Some("Laptop at home"),
                false
            ),
            "{}: the laptop's words are kept, named as the laptop's",
            folder.display()
        );
        assert_eq!(
            conflicts::all(&vault).await.expect("all"),
            vec![ConflictedRecord {
                kind: ConflictKind::SupervisionNote,
                record_id: note.id.clone(),
                label: "Supervision note of 2026-11-20 with Dr Ann Lee".into(),
                versions: 1,
            }]
        );
        seen.push((merged.text_version.clone(), aside));
        close(vault).await;
    }
    assert_eq!(seen[0], seen[1], "both computers keep the same versions");

    // On the office the mentor takes the laptop's words back; the laptop then shows the same.
    let vault = open_as(&office_state, &office).await;
    conflicts::use_version(&vault, ConflictKind::SupervisionNote, &note.id, &seen[0].1[0].version).await.expect("use");
    let chosen = sv::get_supervision_note(&vault, &note.id).await.expect("note");
    assert_eq!(
        (chosen.notes.as_str(), chosen.actions.as_str(), chosen.supervisor.as_str()),
        ("Endings: plan the last three sessions.", "Draft a goodbye letter.", "Dr Ann Lee")
    );
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    // A change of the supervisor's name alone is no new version of the words.
    let renamed = sv::update_supervision_note(
        &vault,
        &note.id,
        sv::SupervisionInput { supervisor: "Dr Ann Lee-Hart".into(), ..supervision(&chosen.notes, &chosen.actions) },
        chosen.text_version.clone(),
    )
    .await
    .expect("rename");
    assert_eq!(renamed.text_version, chosen.text_version);
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![], "nothing is set aside for a name");
    close(vault).await;
    deliver(&office, &laptop);
    let vault = open_as(&laptop_state, &laptop).await;
    let there = sv::get_supervision_note(&vault, &note.id).await.expect("note");
    assert_eq!(
        (there.notes.as_str(), there.actions.as_str(), there.supervisor.as_str()),
        ("Endings: plan the last three sessions.", "Draft a goodbye letter.", "Dr Ann Lee-Hart")
    );
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    close(vault).await;
}

fn worksheet(
    against: &str,
    balanced: &str,
    belief: Option<i64>,
) -> wellkept::journal::thought_records::NewThoughtRecord {
    use wellkept::journal::thought_records::{AutomaticThought, NewThoughtRecord, RatedMood};
    NewThoughtRecord {
        record_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 18),
        situation: "Sam did not answer my message".into(),
        moods: vec![RatedMood { name: "hurt".into(), intensity: 70, rerated: None }],
        automatic_thoughts: vec![
            AutomaticThought { text: "Sam is angry with me".into(), belief: Some(80), hot: true },
            AutomaticThought { text: "I always mess up".into(), belief: None, hot: false },
        ],
        evidence_for: "No reply for two days.".into(),
        evidence_against: against.into(),
        balanced_thought: balanced.into(),
        balanced_belief: belief,
    }
}

/// A thought record's worksheet is a long text too (docs/decisions.md 70): finished on both
/// computers at once, the later worksheet shows and the other is kept aside on both, in the
/// words a person reads, until chosen on either; its day alone is no new version.
#[tokio::test(flavor = "multi_thread")]
async fn a_thought_record_worked_through_on_both_computers_keeps_the_other_worksheet_until_chosen() {
    use wellkept::journal::thought_records as tr;
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let Folders { office_state, laptop_state, office, laptop } = Folders::under(root.path());

    let vault = create_as(&office_state, &office, "Desktop upstairs").await;
    let record = tr::add_thought_record(&vault, worksheet("", "", None)).await.expect("add");
    assert_eq!(record.text_version, None, "a new record's worksheet is its first version");
    close(vault).await;
    deliver(&office, &laptop);
    let vault = open_as(&laptop_state, &laptop).await;
    vault.rename_this_device("Laptop").await.expect("name");
    let laptop_id = vault.this_device().await.expect("id").hex();
    close(vault).await;
    deliver(&laptop, &office);

    // The laptop works it through first, the desktop later; neither has seen the other's.
    let vault = open_as(&laptop_state, &laptop).await;
    let mut on_laptop = worksheet("Sam said last week work is busy.", "Sam is probably busy.", Some(60));
    on_laptop.moods[0].rerated = Some(30);
    tr::update_thought_record(&vault, &record.id, on_laptop, Some(String::new())).await.expect("laptop edit");
    close(vault).await;
    std::thread::sleep(std::time::Duration::from_millis(5));
    let vault = open_as(&office_state, &office).await;
    let seen_here = tr::get_thought_record(&vault, &record.id).await.expect("record");
    assert_eq!(seen_here.balanced_thought, "", "the desktop has not seen the laptop's worksheet");
    tr::update_thought_record(
        &vault,
        &record.id,
        worksheet("We had a good chat on Sunday.", "One late reply is not anger.", None),
        seen_here.text_version.clone().or(Some(String::new())),
    )
    .await
    .expect("desktop edit");
    close(vault).await;

    deliver(&office, &laptop);
    deliver(&laptop, &office);
    let mut seen = Vec::new();
    for (state, folder) in [(&office_state, &office), (&laptop_state, &laptop)] {
        let vault = open_as(state, folder).await;
        let merged = tr::get_thought_record(&vault, &record.id).await.expect("record");
        assert_eq!(
            (merged.evidence_against.as_str(), merged.balanced_thought.as_str(), merged.moods[0].rerated),
            ("We had a good chat on Sunday.", "One late reply is not anger.", None),
            "{}: the later worksheet shows",
            folder.display()
        );
        let aside = conflicts::for_record(&vault, ConflictKind::ThoughtRecord, &record.id).await.expect("aside");
        assert_eq!(aside.len(), 1, "{}: {aside:?}", folder.display());
        assert_eq!(
            (aside[0].text.as_str(), aside[0].device.as_deref(), aside[0].device_name.as_deref()),
            (
                "Situation: Sam did not answer my message\n\n\
                 Moods: hurt 70% → 30%\n\n\
                 Automatic thoughts: Sam is angry with me (believed 80%, the hot thought); I always mess up\n\n\
                 Evidence for: No reply for two days.\n\n\
                 Evidence against: Sam said last week work is busy.\n\n\
                 Balanced thought (believed 60%): Sam is probably busy.",
                Some(laptop_id.as_str()),
                Some("Laptop")
            ),
            "{}: the laptop's worksheet is kept, named as the laptop's",
            folder.display()
        );
        assert_eq!(
            conflicts::all(&vault).await.expect("all"),
            vec![ConflictedRecord {
                kind: ConflictKind::ThoughtRecord,
                record_id: record.id.clone(),
                label: "Thought record of 2026-11-18".into(),
                versions: 1,
            }]
        );
        seen.push((merged.text_version.clone(), aside));
        close(vault).await;
    }
    assert_eq!(seen[0], seen[1], "both computers keep the same versions");

    // On the laptop the person takes their own worksheet back; the desktop then shows it too.
    let vault = open_as(&laptop_state, &laptop).await;
    conflicts::use_version(&vault, ConflictKind::ThoughtRecord, &record.id, &seen[1].1[0].version).await.expect("use");
    let chosen = tr::get_thought_record(&vault, &record.id).await.expect("record");
    assert_eq!(
        (
            chosen.evidence_against.as_str(),
            chosen.balanced_thought.as_str(),
            chosen.balanced_belief,
            chosen.moods[0].rerated
        ),
        ("Sam said last week work is busy.", "Sam is probably busy.", Some(60), Some(30))
    );
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    // Another day alone is no new version of the worksheet.
    let mut moved = worksheet("Sam said last week work is busy.", "Sam is probably busy.", Some(60));
    moved.moods[0].rerated = Some(30);
    moved.record_date = chrono::NaiveDate::from_ymd_opt(2026, 11, 17);
    let moved = tr::update_thought_record(&vault, &record.id, moved, chosen.text_version.clone()).await.expect("day");
    assert_eq!(moved.text_version, chosen.text_version);
    close(vault).await;
    deliver(&laptop, &office);
    let vault = open_as(&office_state, &office).await;
    let there = tr::get_thought_record(&vault, &record.id).await.expect("record");
    assert_eq!(
        (there.record_date.to_string(), there.balanced_thought.as_str(), there.text_version),
        ("2026-11-17".to_owned(), "Sam is probably busy.", chosen.text_version)
    );
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    close(vault).await;
}

/// A client's notes are a long text too (docs/decisions.md 70): rewritten on both computers at
/// once, the later notes show and the other computer's are kept aside on both until chosen; a
/// change of status alone is no new version.
#[tokio::test(flavor = "multi_thread")]
async fn a_clients_notes_rewritten_on_both_computers_keep_the_other_notes_until_chosen() {
    use wellkept::practice::clients::{self, ClientPatch, ClientStatus};
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let Folders { office_state, laptop_state, office, laptop } = Folders::under(root.path());
    let notes_patch = |notes: &str, base: Option<String>| ClientPatch {
        notes: Some(notes.into()),
        notes_base: base,
        ..ClientPatch::default()
    };

    let vault = create_as(&office_state, &office, "Office desktop").await;
    let ana = clients::get_client(&vault, &client(&vault, "Ana Kovač").await).await.expect("client");
    assert_eq!(ana.text_version, None, "a new client's notes are their first version");
    close(vault).await;
    deliver(&office, &laptop);
    let vault = open_as(&laptop_state, &laptop).await;
    vault.rename_this_device("Laptop at home").await.expect("name");
    let laptop_id = vault.this_device().await.expect("id").hex();
    close(vault).await;
    deliver(&laptop, &office);

    let vault = open_as(&laptop_state, &laptop).await;
    clients::update_client(
        &vault,
        &ana.id,
        notes_patch("Prefers evening sessions. Cat called Miso.", Some(String::new())),
    )
    .await
    .expect("laptop edit");
    close(vault).await;
    std::thread::sleep(std::time::Duration::from_millis(5));
    let vault = open_as(&office_state, &office).await;
    let seen_here = clients::get_client(&vault, &ana.id).await.expect("client");
    clients::update_client(
        &vault,
        &ana.id,
        notes_patch("Referred by her GP. Works nights.", seen_here.text_version.clone().or(Some(String::new()))),
    )
    .await
    .expect("office edit");
    close(vault).await;

    deliver(&office, &laptop);
    deliver(&laptop, &office);
    let mut seen = Vec::new();
    for (state, folder) in [(&office_state, &office), (&laptop_state, &laptop)] {
        let vault = open_as(state, folder).await;
        let merged = clients::get_client(&vault, &ana.id).await.expect("client");
        assert_eq!(merged.notes, "Referred by her GP. Works nights.", "{}: the later notes show", folder.display());
        let aside = conflicts::for_record(&vault, ConflictKind::Client, &ana.id).await.expect("aside");
        assert_eq!(
            aside.iter().map(|a| (a.text.as_str(), a.device.as_deref(), a.device_name.as_deref())).collect::<Vec<_>>(),
            vec![("Prefers evening sessions. Cat called Miso.", Some(laptop_id.as_str()), Some("Laptop at home"))],
            "{}: the laptop's notes are kept, named as the laptop's",
            folder.display()
        );
        assert_eq!(
            conflicts::all(&vault).await.expect("all"),
            vec![ConflictedRecord {
                kind: ConflictKind::Client,
                record_id: ana.id.clone(),
                label: "Notes on Ana Kovač".into(),
                versions: 1,
            }]
        );
        seen.push((merged.text_version.clone(), aside));
        close(vault).await;
    }
    assert_eq!(seen[0], seen[1], "both computers keep the same versions");

    // The laptop is taken off the list on the office: what it wrote is still named after it.
    let vault = open_as(&office_state, &office).await;
    vault.remove_device(&laptop_id).await.expect("remove the laptop");
    assert!(vault.devices().await.expect("list").iter().all(|d| d.id != laptop_id), "off the list");
    let aside = conflicts::for_record(&vault, ConflictKind::Client, &ana.id).await.expect("aside");
    assert_eq!(aside[0].device_name.as_deref(), Some("Laptop at home (no longer listed)"));

    // The mentor takes the laptop's notes on the office; a later change of status alone sets
    // nothing aside, and the laptop ends with the same.
    conflicts::use_version(&vault, ConflictKind::Client, &ana.id, &seen[0].1[0].version).await.expect("use");
    let chosen = clients::get_client(&vault, &ana.id).await.expect("client");
    assert_eq!(chosen.notes, "Prefers evening sessions. Cat called Miso.");
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    let paused = clients::update_client(
        &vault,
        &ana.id,
        ClientPatch { status: Some(ClientStatus::Paused), ..ClientPatch::default() },
    )
    .await
    .expect("pause");
    assert_eq!(paused.text_version, chosen.text_version);
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![], "nothing is set aside for a status");
    close(vault).await;
    deliver(&office, &laptop);
    // The engine carries the removal of the laptop's entry over too. When the laptop opens the
    // vault again it is listed again, under the name it had, not its host name.
    std::fs::remove_file(laptop.join("devices").join(format!("{laptop_id}.age"))).expect("the removal delivered");
    let vault = open_as(&laptop_state, &laptop).await;
    let listed = vault.devices().await.expect("list");
    assert_eq!(listed.iter().find(|d| d.this_computer).map(|d| d.name.as_str()), Some("Laptop at home"), "{listed:?}");
    let there = clients::get_client(&vault, &ana.id).await.expect("client");
    assert_eq!(
        (there.notes.as_str(), there.status),
        ("Prefers evening sessions. Cat called Miso.", ClientStatus::Paused)
    );
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    close(vault).await;
}

/// A goal's wording is a long text too (docs/decisions.md 73): reworded on both computers at
/// once, the later wording shows and the other is kept aside on both, in the words the goal form
/// uses, until chosen; a status set on one computer stands beside the wording saved on the
/// other, and a new target date alone is no new version.
#[tokio::test(flavor = "multi_thread")]
async fn a_goal_reworded_on_both_computers_keeps_the_other_wording_and_the_status_set_meanwhile() {
    use wellkept::practice::goals::{self, GoalEdit, GoalStatus, NewGoal};
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let Folders { office_state, laptop_state, office, laptop } = Folders::under(root.path());
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 12, d);

    let vault = create_as(&office_state, &office, "Office desktop").await;
    let office_id = vault.this_device().await.expect("id").hex();
    let ana = client(&vault, "Ana Kovač").await;
    let goal = goals::add_goal(
        &vault,
        NewGoal {
            client_id: Some(ana.clone()),
            title: "Sleep better".into(),
            specific: "Go to bed at the same time".into(),
            measurable: "Sleep diary".into(),
            target_date: day(31),
            ..NewGoal::default()
        },
    )
    .await
    .expect("goal");
    assert_eq!(goal.text_version, None, "a new goal's wording is its first version");
    close(vault).await;
    deliver(&office, &laptop);
    let vault = open_as(&laptop_state, &laptop).await;
    vault.rename_this_device("Laptop at home").await.expect("name");
    close(vault).await;
    deliver(&laptop, &office);

    // The office marks the goal reached and rewords it; the laptop, not having seen either,
    // rewords it later.
    let vault = open_as(&office_state, &office).await;
    goals::set_goal_status(&vault, &goal.id, GoalStatus::Achieved).await.expect("status");
    let office_edit = GoalEdit {
        specific: "Lights out by 23:00 on weeknights".into(),
        relevant: "Mornings with the children".into(),
        ..GoalEdit::from(&goal)
    };
    goals::update_goal(&vault, &goal.id, office_edit, Some(String::new())).await.expect("office edit");
    close(vault).await;
    std::thread::sleep(std::time::Duration::from_millis(5));
    let vault = open_as(&laptop_state, &laptop).await;
    let seen_here = goals::get_goal(&vault, &goal.id).await.expect("goal");
    assert_eq!(seen_here.status, GoalStatus::Active, "the laptop has not seen the office's changes");
    let laptop_edit = GoalEdit {
        title: "Sleep seven hours".into(),
        measurable: "Sleep diary: seven hours on five nights a week".into(),
        ..GoalEdit::from(&seen_here)
    };
    goals::update_goal(&vault, &goal.id, laptop_edit, seen_here.text_version.clone().or(Some(String::new())))
        .await
        .expect("laptop edit");
    close(vault).await;

    deliver(&office, &laptop);
    deliver(&laptop, &office);
    let mut seen = Vec::new();
    for (state, folder) in [(&office_state, &office), (&laptop_state, &laptop)] {
        let vault = open_as(state, folder).await;
        let merged = goals::get_goal(&vault, &goal.id).await.expect("goal");
        assert_eq!(
            (merged.title.as_str(), merged.text(), merged.status, merged.target_date),
            (
                "Sleep seven hours",
                "Specific: Go to bed at the same time\n\nMeasurable: Sleep diary: seven hours on five nights a week"
                    .to_owned(),
                GoalStatus::Achieved,
                day(31)
            ),
            "{}: the later wording shows, and the status set meanwhile stands",
            folder.display()
        );
        let aside = conflicts::for_record(&vault, ConflictKind::Goal, &goal.id).await.expect("aside");
        assert_eq!(
            aside
                .iter()
                .map(|a| (a.title.as_str(), a.text.as_str(), a.device.as_deref(), a.device_name.as_deref()))
                .collect::<Vec<_>>(),
            vec![(
                "Sleep better",
                "Specific: Lights out by 23:00 on weeknights\n\nMeasurable: Sleep diary\n\n\
                 Relevant: Mornings with the children",
                Some(office_id.as_str()),
                Some("Office desktop")
            )],
            "{}: the office's wording is kept, named as the office's",
            folder.display()
        );
        assert_eq!(
            conflicts::all(&vault).await.expect("all"),
            vec![ConflictedRecord {
                kind: ConflictKind::Goal,
                record_id: goal.id.clone(),
                label: "Goal “Sleep seven hours” for Ana Kovač".into(),
                versions: 1,
            }]
        );
        seen.push((merged.text_version.clone(), aside));
        close(vault).await;
    }
    assert_eq!(seen[0], seen[1], "both computers keep the same versions");

    // On the laptop the mentor takes the office's wording; a new target date alone is then no
    // new version, and the office ends with the same.
    let vault = open_as(&laptop_state, &laptop).await;
    conflicts::use_version(&vault, ConflictKind::Goal, &goal.id, &seen[1].1[0].version).await.expect("use");
    let chosen = goals::get_goal(&vault, &goal.id).await.expect("goal");
    assert_eq!(
        (chosen.title.as_str(), chosen.specific.as_str(), chosen.measurable.as_str(), chosen.relevant.as_str()),
        ("Sleep better", "Lights out by 23:00 on weeknights", "Sleep diary", "Mornings with the children")
    );
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    let later = GoalEdit { target_date: day(24), ..GoalEdit::from(&chosen) };
    let moved = goals::update_goal(&vault, &goal.id, later, chosen.text_version.clone()).await.expect("date");
    assert_eq!(moved.text_version, chosen.text_version);
    close(vault).await;
    deliver(&laptop, &office);
    let vault = open_as(&office_state, &office).await;
    let there = goals::get_goal(&vault, &goal.id).await.expect("goal");
    assert_eq!(
        (there.title.as_str(), there.target_date, there.status, there.text_version),
        ("Sleep better", day(24), GoalStatus::Achieved, chosen.text_version)
    );
    assert_eq!(conflicts::all(&vault).await.expect("all"), vec![]);
    close(vault).await;
}

fn entry_on(day: u32, title: &str) -> NewJournalEntry {
    NewJournalEntry {
        entry_date: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, day).expect("day")),
        title: title.into(),
        body: format!("{title}, in words."),
        ..Default::default()
    }
}

async fn titles(vault: &Vault) -> Vec<String> {
    let filter = journal::EntryFilter { limit: 500, ..Default::default() };
    let mut titles: Vec<String> =
        journal::list_entries(vault, filter).await.expect("list").items.into_iter().map(|e| e.title).collect();
    titles.sort();
    titles
}

/// Handing the home on while its snapshot cannot be written (a full disk at that moment) still
/// hands it on (session 12's "Left" 4): the move is durable in the change log before the
/// snapshot is tried, and the new home replays it from there. No file is written by both, and
/// both computers end with every entry.
#[tokio::test(flavor = "multi_thread")]
async fn a_home_handed_on_while_its_snapshot_cannot_be_written_still_moves_with_one_writer_per_file() {
    use wellkept::vault::fault::{self, Point};
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let Folders { office_state, laptop_state, office, laptop } = Folders::under(root.path());
    let data = |folder: &Path| common::files_under(&folder.join("data"));

    let vault = create_as(&office_state, &office, "Office desktop").await;
    journal::add_entry(&vault, entry_on(1, "Before the move")).await.expect("entry");
    close(vault).await;
    deliver(&office, &laptop);
    let vault = open_as(&laptop_state, &laptop).await;
    vault.rename_this_device("Laptop").await.expect("name");
    let laptop_id = vault.this_device().await.expect("id").hex();
    journal::add_entry(&vault, entry_on(2, "The laptop's first")).await.expect("entry");
    close(vault).await;
    deliver(&laptop, &office);

    // The office hands the home to the laptop; writing the snapshot that names it fails.
    let vault = open_as(&office_state, &office).await;
    let names = |folder: &Path| data(folder).into_keys().collect::<Vec<_>>();
    let before = names(&office);
    fault::arm(Point::Write, 0);
    vault.move_home(&laptop_id).await.expect("the move stands though its snapshot failed");
    assert!(!fault::disarm(), "the snapshot was tried, and failed");
    assert_eq!(names(&office), before, "no new snapshot: the move is in the change log only");
    let home: Vec<(String, bool)> =
        vault.devices().await.expect("list").into_iter().map(|d| (d.name, d.home)).collect();
    assert!(home.contains(&("Laptop".to_owned(), true)), "the laptop is the home: {home:?}");
    // From now on the office writes only its own log.
    let data_after_move = data(&office);
    journal::add_entry(&vault, entry_on(3, "The office after the move")).await.expect("entry");
    close(vault).await;
    assert_eq!(data(&office), data_after_move, "the office no longer writes data/");

    // Delivered, the laptop takes data/ over; the office, given the laptop's data/, keeps out.
    deliver(&office, &laptop);
    let vault = open_as(&laptop_state, &laptop).await;
    journal::add_entry(&vault, entry_on(4, "The laptop as the home")).await.expect("entry");
    let backup = root.path().join("backup.wellkept-backup");
    vault.backup_to(&backup).await.expect("the new home makes backups");
    close(vault).await;
    deliver(&laptop, &office);
    let office_data = data(&office);
    let vault = open_as(&office_state, &office).await;
    journal::add_entry(&vault, entry_on(5, "The office again")).await.expect("entry");
    close(vault).await;
    assert_eq!(data(&office), office_data, "the office never writes data/ again");
    deliver(&office, &laptop);

    let want = [
        "Before the move",
        "The laptop as the home",
        "The laptop's first",
        "The office after the move",
        "The office again",
    ];
    for (state, folder) in [(&office_state, &office), (&laptop_state, &laptop)] {
        let vault = open_as(state, folder).await;
        assert_eq!(titles(&vault).await, want, "{}: every entry", folder.display());
        close(vault).await;
    }
}
