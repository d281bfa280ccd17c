//! The merge of real vaults under random work (issue 15, deliverable 7): three computers share
//! one vault folder through a simulated sync engine; each, at random, adds journal entries,
//! rewrites them (often ones another computer is rewriting too), moves them to the trash and
//! restores them, opening and locking the real vault each time; the engine delivers each
//! computer's own files to the others late, in random order and more than once. Once
//! everything is delivered and every computer has opened the vault again, every computer must
//! show exactly the same: the same entries with the same text, the same trash, the same
//! versions kept aside — and every entry any computer acknowledged.
//!
//! `tests/sync_merge.rs` proves the merge's rules on a model; this proves the vault's own replay
//! (`src/vault/peers.rs`) and its triggers (`text_conflicts`) converge. The engine here delivers
//! one computer's files at a time and never an older copy of a file over a newer one, as an
//! engine's version vectors ensure (files delivered one by one, as Syncthing does, are
//! `cli/tests/syncthing_pair.rs`'s part).
//!
//! One test in this binary: each computer is this process with its own state folder
//! (`XDG_DATA_HOME`), switched between opens.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use wellkept::journal::entries::{self as journal, EntryFilter, JournalEntryUpdate, NewJournalEntry};
use wellkept::sync::conflicts;
use wellkept::vault::{CreateOptions, Unlock, Vault};

/// xorshift64*: a fixed sequence per seed, so a failing seed can be run again.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from(x >> 33).expect("fits") % n
    }
}

struct Computer {
    state: PathBuf,
    folder: PathBuf,
    id: String,
    home: bool,
}

impl Computer {
    /// Whether this computer is the one writer of the file `name` (relative to the folder).
    fn writes(&self, name: &str) -> bool {
        name == format!("devices/{}.age", self.id)
            || name.starts_with(&format!("devices/{}/", self.id))
            || (self.home && name.starts_with("data/"))
    }
}

async fn open(c: &Computer) -> Vault {
    // SAFETY: the only test in this binary; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("XDG_DATA_HOME", &c.state) };
    Vault::open(&c.folder, Unlock::Passphrase(common::passphrase()))
        .await
        .unwrap_or_else(|e| panic!("{} opens: {e:?}", c.folder.display()))
}

async fn close(vault: Vault) {
    vault.lock().await.expect("lock");
}

/// The engine brings `to` up to date with the files `owner` writes: new and changed ones
/// copied, ones `owner` removed (folded logs, old snapshots) removed.
fn deliver(owner: &Computer, to: &Computer) {
    let theirs = common::files_under(&owner.folder);
    for (name, bytes) in &theirs {
        if owner.writes(name) {
            let dst = to.folder.join(name);
            if std::fs::read(&dst).ok().as_deref() != Some(&bytes[..]) {
                std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
                std::fs::write(&dst, bytes).expect("copy");
            }
        }
    }
    for name in common::files_under(&to.folder).keys() {
        if owner.writes(name) && !theirs.contains_key(name) {
            std::fs::remove_file(to.folder.join(name)).expect("remove");
        }
    }
}

/// Everything a person reads of the journal on one computer.
async fn shown(vault: &Vault) -> String {
    let mut out = String::new();
    let live =
        journal::list_entries(vault, EntryFilter { limit: 10_000, ..EntryFilter::default() }).await.expect("list");
    for e in &live.items {
        out.push_str(&format!("live {} {} | {} | {:?}\n", e.id, e.title, e.body, e.tags));
    }
    for t in wellkept::trash::list_trash(vault).await.expect("trash") {
        let e = journal::get_entry(vault, &t.id).await.expect("trashed entry");
        out.push_str(&format!("trash {} {} | {}\n", e.id, e.title, e.body));
    }
    for r in conflicts::all(vault).await.expect("conflicts") {
        for c in conflicts::for_record(vault, r.kind, &r.record_id).await.expect("versions") {
            out.push_str(&format!("aside {} {} {:?} | {}\n", r.record_id, c.version, c.device, c.text));
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    adds: usize,
    edits: usize,
    trashed: usize,
    restored: usize,
    deliveries: usize,
    aside: usize,
}

async fn run(seed: u64, tally: &mut Tally) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let root = tempfile::tempdir().expect("tempdir");
    let mut computers: Vec<Computer> = (0..3)
        .map(|i| Computer {
            state: root.path().join(format!("state-{i}")),
            folder: root.path().join(format!("folder-{i}")),
            id: String::new(),
            home: i == 0,
        })
        .collect();

    // Computer 0 makes the vault and saves first (the home); the others join from a copy.
    // SAFETY: as in `open`.
    unsafe { std::env::set_var("XDG_DATA_HOME", &computers[0].state) };
    let options =
        CreateOptions { passphrase: Some(common::passphrase()), use_keychain: false, passphrase_work_factor: 10 };
    let vault = Vault::create(&computers[0].folder, options).await.expect("create").vault;
    let first = NewJournalEntry {
        entry_date: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("day")),
        title: "start".into(),
        body: "everyone has this".into(),
        ..Default::default()
    };
    journal::add_entry(&vault, first).await.expect("first entry");
    computers[0].id = vault.this_device().await.expect("id").hex();
    close(vault).await;
    for i in 1..3 {
        for (name, bytes) in common::files_under(&computers[0].folder) {
            let dst = computers[i].folder.join(name);
            std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
            std::fs::write(dst, bytes).expect("copy");
        }
        let vault = open(&computers[i]).await;
        computers[i].id = vault.this_device().await.expect("id").hex();
        close(vault).await;
    }

    let mut acknowledged: BTreeSet<String> = BTreeSet::from(["start".to_owned()]);
    for step in 0..40 {
        let c = rng.below(3);
        if rng.below(10) < 4 {
            let owner = (c + 1 + rng.below(2)) % 3;
            deliver(&computers[owner], &computers[c]);
            tally.deliveries += 1;
            continue;
        }
        let vault = open(&computers[c]).await;
        let live = journal::list_entries(&vault, EntryFilter { limit: 10_000, ..EntryFilter::default() })
            .await
            .expect("list")
            .items;
        match rng.below(10) {
            0..=2 => {
                let title = format!("c{c} s{step}");
                let new = NewJournalEntry {
                    entry_date: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("day")),
                    title: title.clone(),
                    body: format!("written on {c}"),
                    ..Default::default()
                };
                journal::add_entry(&vault, new).await.expect("add");
                acknowledged.insert(title);
                tally.adds += 1;
            }
            3..=6 if !live.is_empty() => {
                // Mostly the oldest entries, so that computers rewrite the same ones.
                let e = &live[live.len() - 1 - rng.below(live.len().min(2))];
                let update = JournalEntryUpdate {
                    entry_date: Some(e.entry_date),
                    title: e.title.clone(),
                    body: format!("rewritten on {c} at step {step}"),
                    prompt: e.prompt.clone(),
                    mood: Some(i64::try_from(1 + rng.below(10)).expect("small")),
                    tags: e.tags.clone(),
                    base: None,
                };
                journal::update_entry(&vault, &e.id, update).await.expect("edit");
                tally.edits += 1;
            }
            7 if live.len() > 1 => {
                let e = &live[rng.below(live.len())];
                journal::delete_entry(&vault, &e.id).await.expect("trash");
                tally.trashed += 1;
            }
            8 => {
                let trash = wellkept::trash::list_trash(&vault).await.expect("trash");
                if let Some(t) = trash.first() {
                    journal::restore_entry(&vault, &t.id).await.expect("restore");
                    tally.restored += 1;
                }
            }
            _ => {}
        }
        close(vault).await;
    }

    // The engine catches up, the computers open the vault (the home folds, the others start new
    // logs), twice over, and then each shows what it holds.
    for _ in 0..2 {
        for owner in 0..3 {
            for to in 0..3 {
                if owner != to {
                    deliver(&computers[owner], &computers[to]);
                }
            }
        }
        for c in &computers {
            close(open(c).await).await;
        }
    }
    for owner in 0..3 {
        for to in 0..3 {
            if owner != to {
                deliver(&computers[owner], &computers[to]);
            }
        }
    }
    let (mut views, mut dumps) = (Vec::new(), Vec::new());
    for c in &computers {
        let vault = open(c).await;
        let view = shown(&vault).await;
        let titles: BTreeSet<String> = view
            .lines()
            .filter(|l| l.starts_with("live ") || l.starts_with("trash "))
            .map(|l| l.split(' ').skip(2).collect::<Vec<_>>().join(" ").split(" | ").next().expect("title").to_owned())
            .collect();
        assert_eq!(titles, acknowledged, "seed {seed}: computer {} holds every acknowledged entry", c.folder.display());
        // And every record, not only what the journal shows: revisions, versions kept aside,
        // trash times, tags (`wellkept sync dump`).
        let dump = wellkept::sync::dump::canonical_dump(&vault).await.expect("dump");
        close(vault).await;
        views.push(view);
        dumps.push(dump);
    }
    assert_eq!(views[0], views[1], "seed {seed}: computers 0 and 1 show the same");
    assert_eq!(views[0], views[2], "seed {seed}: computers 0 and 2 show the same");
    for other in 1..3 {
        if dumps[0] != dumps[other] {
            let first = dumps[0].lines().zip(dumps[other].lines()).find(|(a, b)| a != b);
            panic!("seed {seed}: computers 0 and {other} hold different records; first difference: {first:?}");
        }
    }
    tally.aside += views[0].lines().filter(|l| l.starts_with("aside ")).count();
}

#[tokio::test(flavor = "multi_thread")]
async fn three_computers_working_at_random_with_late_repeated_deliveries_end_showing_the_same() {
    let mut tally = Tally::default();
    for seed in 1..=12 {
        run(seed, &mut tally).await;
    }
    println!(
        "12 seeds: {} entries added, {} rewrites, {} moved to the trash, {} restored, {} deliveries; {} versions kept aside at the end",
        tally.adds, tally.edits, tally.trashed, tally.restored, tally.deliveries, tally.aside
    );
    // The seeds must keep exercising what the merge is for.
    assert!(tally.aside >= 3, "versions kept aside: {}", tally.aside);
    assert!(tally.trashed >= 3 && tally.restored >= 1, "trash {} / restore {}", tally.trashed, tally.restored);
}
