//! `wellkept-bench`: prints the vault's performance figures (a program, not a pass/fail test).
//!
//! ```text
//! cargo build --release --bins
//! scripts/private-session.sh target/release/wellkept-bench            # 1k, 10k, 100k entries
//! scripts/private-session.sh target/release/wellkept-bench 1000 10000 # chosen sizes
//! target/release/wellkept-bench --merge 10000   # merging another computer's changes
//! target/release/wellkept-bench --edits 200     # what versioning a long text adds to a save
//! ```
//! For each size, a child process builds a vault of that many ~2 KB journal entries (random
//! words, so full-text search is realistic), compacts it, and measures: save latency p50/p99
//! (`journal::entries::add_entry`, as the app saves one entry, each save paired with a bare
//! append + fsync of the same size on the same disk), unlock time from the keychain to a
//! queryable database beside the time to merely read and age-decrypt the same files, FTS search
//! p50, peak memory, and snapshot size against plaintext size. Then where a save's time goes,
//! step by step (`wellkept::vault::profile`), for saves without and with tags. Then whole-process `wellkept journal add` and
//! `wellkept journal search` at the chosen sizes, as a user (or a script) would run them.
//! Inside `scripts/private-session.sh` the keychain is the real gnome-keyring.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use wellkept::journal::NewJournalEntry;
use wellkept::journal::entries::{self, EntryFilter};
use wellkept::params;
use wellkept::vault::{self, CreateOptions, Unlock, Vault};

const WORDS: &[&str] = &[
    "morning",
    "walk",
    "anxious",
    "calm",
    "sister",
    "phone",
    "work",
    "deadline",
    "sleep",
    "tired",
    "garden",
    "rain",
    "coffee",
    "friend",
    "laughed",
    "argument",
    "therapy",
    "breathing",
    "panic",
    "meeting",
    "budget",
    "mother",
    "father",
    "holiday",
    "train",
    "late",
    "proud",
    "ashamed",
    "lonely",
    "music",
    "guitar",
    "cooking",
    "dinner",
    "headache",
    "doctor",
    "exercise",
    "running",
    "swimming",
    "journal",
    "gratitude",
    "sunlight",
    "winter",
    "market",
    "bicycle",
    "neighbour",
    "dog",
    "cat",
    "letter",
    "memory",
    "school",
    "exam",
    "hopeful",
    "overwhelmed",
    "quiet",
    "noisy",
    "office",
    "weekend",
    "birthday",
    "cake",
    "forgive",
    "boundary",
    "values",
    "patience",
    "courage",
];

fn entry_text(rng: &mut impl Rng, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 16);
    while s.len() < bytes {
        if !s.is_empty() {
            s.push(if rng.gen_ratio(1, 12) { '.' } else { ' ' });
            if s.ends_with('.') {
                s.push(' ');
            }
        }
        s.push_str(WORDS[rng.gen_range(0..WORDS.len())]);
    }
    s
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn proc_status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

async fn insert_batch(vault: &Vault, texts: Vec<String>) {
    vault
        .write(move |w| {
            Box::pin(async move {
                for body in texts {
                    let now = vault::now();
                    w.exec(
                        "INSERT INTO journal_entries(id, created_at, updated_at, entry_date, body) VALUES (?, ?, ?, ?, ?)",
                        params![vault::new_id(), now, now, now.date_naive(), body],
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .await
        .expect("insert batch");
}

/// One size, in this (child) process: prints one `key=value` line per figure.
async fn measure(size: usize, dir: &Path) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(size as u64);
    let keychain = wellkept::keys::keychain::is_available().await;
    let created =
        Vault::create(dir, CreateOptions { passphrase: None, use_keychain: keychain, ..CreateOptions::default() })
            .await
            .expect("create");
    std::fs::write(dir.join("..").join(format!("recovery-{size}.txt")), created.recovery_key.expose()).expect("key");
    let vault = created.vault;
    let mut plaintext = 0u64;
    let mut done = 0;
    while done < size {
        let n = (size - done).min(500);
        let texts: Vec<String> = (0..n).map(|_| entry_text(&mut rng, 2000)).collect();
        plaintext += texts.iter().map(|t| t.len() as u64).sum::<u64>();
        insert_batch(&vault, texts).await;
        done += n;
    }
    vault.compact().await.expect("compact");

    // Save latency, as the app saves: `journal::entries::add_entry` (what the window's
    // `add_journal_entry` command calls), one ~2 KB entry per durable write, returning the saved
    // entry as read back. Each save is paired with a bare 2.6 KB append + fdatasync on the same
    // disk just before it (the floor for any durable save), so both see the same disk and the
    // same load. Then the bare durable write of the same row (`Vault::write` with one INSERT,
    // nothing read back): what this benchmark called the save before 2026-12-02.
    let today = vault::now().date_naive();
    let mut bare = BareAppend::open(dir.parent().expect("the vault folder is inside the run's folder"));
    let mut bares = Vec::new();
    let mut saves = Vec::new();
    for _ in 0..200 {
        bares.push(bare.once());
        let text = entry_text(&mut rng, 2000);
        let new = NewJournalEntry { entry_date: Some(today), body: text, ..NewJournalEntry::default() };
        let t = Instant::now();
        let saved = entries::add_entry(&vault, new).await.expect("save");
        saves.push(t.elapsed());
        std::hint::black_box(saved);
    }
    // Each save over the bare append just before it, then the median: steadier than the ratio
    // of the two p50s when the disk changes speed part way through the 200 pairs.
    let mut pair_ratios: Vec<f64> =
        saves.iter().zip(&bares).map(|(s, b)| s.as_secs_f64() / b.as_secs_f64().max(1e-9)).collect();
    pair_ratios.sort_by(f64::total_cmp);
    let pair_ratio = pair_ratios[pair_ratios.len() / 2];
    bares.sort();
    saves.sort();
    let profile_plain = profile_saves(&vault, &mut rng, today, 200, &[]).await;
    let profile_tagged = profile_saves(&vault, &mut rng, today, 100, &["sleep", "Work"]).await;
    let mut raw_writes = Vec::new();
    for _ in 0..200 {
        let text = entry_text(&mut rng, 2000);
        let t = Instant::now();
        insert_batch(&vault, vec![text]).await;
        raw_writes.push(t.elapsed());
    }
    raw_writes.sort();
    // Where the indexing went (docs/decisions.md 61): a journal entry is indexed for search
    // before the first read after its save, not inside the save. The read the window makes
    // after a save (the first page of entries), right after a save, and the same read again
    // with nothing left to index.
    let mut reads_after_save = Vec::new();
    let mut reads = Vec::new();
    let first_page = || EntryFilter { limit: 20, ..EntryFilter::default() };
    for _ in 0..50 {
        let new =
            NewJournalEntry { entry_date: Some(today), body: entry_text(&mut rng, 2000), ..NewJournalEntry::default() };
        std::hint::black_box(entries::add_entry(&vault, new).await.expect("save"));
        let t = Instant::now();
        std::hint::black_box(entries::list_entries(&vault, first_page()).await.expect("list"));
        reads_after_save.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(entries::list_entries(&vault, first_page()).await.expect("list"));
        reads.push(t.elapsed());
    }
    reads_after_save.sort();
    reads.sort();
    vault.compact().await.expect("compact");
    let status = vault.status().await;
    let image_bytes: (i64,) = vault
        .fetch_one("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", params![])
        .await
        .expect("image size");
    vault.lock().await.expect("lock");

    // Unlock (keychain → queryable) versus reading and decrypting the same files.
    let unlock_method = || {
        if keychain {
            Unlock::Keychain
        } else {
            let text = std::fs::read_to_string(dir.join("..").join(format!("recovery-{size}.txt"))).expect("key");
            Unlock::RecoveryKey(wellkept::keys::RecoveryKey::parse(&text).expect("parse"))
        }
    };
    let mut unlocks = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        vault.unlock(unlock_method()).await.expect("unlock");
        let _: (i64,) = vault.fetch_one("SELECT count(*) FROM journal_entries", params![]).await.expect("query");
        unlocks.push(t.elapsed());
        vault.lock().await.expect("lock");
    }
    unlocks.sort();
    // The keychain's share of unlocking: one D-Bus lookup of the wrapped key.
    let mut keychain_fetches = Vec::new();
    if keychain {
        let id = vault.id();
        for _ in 0..5 {
            let t = Instant::now();
            wellkept::keys::keychain::load_key(&id).await.expect("keychain");
            keychain_fetches.push(t.elapsed());
        }
        keychain_fetches.sort();
    }
    let key_text = std::fs::read_to_string(dir.join("..").join(format!("recovery-{size}.txt"))).expect("key");
    let recovery: age::x25519::Identity = key_text.trim().parse().expect("identity");
    let wrapped = std::fs::read(dir.join("keys/recovery.age")).expect("wrapped");
    let vault_key: age::x25519::Identity =
        String::from_utf8(age::decrypt(&recovery, &wrapped).expect("unwrap")).expect("utf-8").parse().expect("key");
    let snapshot = dir.join("data").join(format!("snapshot-{:020}.age", status.snapshot_seq));
    let mut decrypts = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let bytes = std::fs::read(&snapshot).expect("read");
        // The best plain way: a buffer sized up front, no reallocation (as the vault does).
        let decryptor = age::Decryptor::new_buffered(&bytes[..]).expect("header");
        let mut reader = decryptor.decrypt(std::iter::once(&vault_key as &dyn age::Identity)).expect("key");
        let mut plain = Vec::with_capacity(bytes.len());
        std::io::Read::read_to_end(&mut reader, &mut plain).expect("decrypt");
        std::hint::black_box(&plain);
        decrypts.push(t.elapsed());
    }
    decrypts.sort();

    // Search.
    vault.unlock(unlock_method()).await.expect("unlock");
    let mut searches = Vec::new();
    for i in 0..50 {
        let query = format!("\"{}\" \"{}\"", WORDS[i % WORDS.len()], WORDS[(i * 7 + 3) % WORDS.len()]);
        let t = Instant::now();
        let rows: Vec<(String, String)> = vault
            .fetch_all(
                "SELECT e.id, snippet(journal_entries_fts, 1, '[', ']', '…', 12)
                 FROM journal_entries_fts JOIN journal_entries e ON e.rowid = journal_entries_fts.rowid
                 WHERE journal_entries_fts MATCH ? AND e.deleted_at IS NULL ORDER BY rank LIMIT 20",
                params![query],
            )
            .await
            .expect("search");
        std::hint::black_box(rows);
        searches.push(t.elapsed());
    }
    searches.sort();

    let out = [
        ("entries", size.to_string()),
        ("keychain", keychain.to_string()),
        ("bare_p50", ms(percentile(&bares, 0.5))),
        ("save_p50", ms(percentile(&saves, 0.5))),
        ("save_p99", ms(percentile(&saves, 0.99))),
        (
            "save_ratio",
            format!("{:.1}×", percentile(&saves, 0.5).as_secs_f64() / percentile(&bares, 0.5).as_secs_f64()),
        ),
        ("pair_ratio", format!("{pair_ratio:.1}×")),
        ("raw_write_p50", ms(percentile(&raw_writes, 0.5))),
        ("read_after_save_p50", ms(percentile(&reads_after_save, 0.5))),
        ("read_p50", ms(percentile(&reads, 0.5))),
        ("unlock_median", ms(percentile(&unlocks, 0.5))),
        ("read_decrypt_median", ms(percentile(&decrypts, 0.5))),
        (
            "keychain_fetch_median",
            if keychain_fetches.is_empty() { "-".into() } else { ms(percentile(&keychain_fetches, 0.5)) },
        ),
        ("search_p50", ms(percentile(&searches, 0.5))),
        ("search_p99", ms(percentile(&searches, 0.99))),
        ("peak_rss", mib(proc_status_kib("VmHWM:") * 1024)),
        ("rss_unlocked", mib(proc_status_kib("VmRSS:") * 1024)),
        ("plaintext", mib(plaintext)),
        ("sqlite_image", mib(image_bytes.0 as u64)),
        ("snapshot_file", mib(status.snapshot_bytes)),
    ];
    for (k, v) in out {
        println!("{k}={v}");
    }
    for (tag, lines) in [("profile", profile_plain), ("profile_tagged", profile_tagged)] {
        for line in lines {
            println!("{tag}={line}");
        }
    }
}

/// What each step of a save took (`wellkept::vault::profile`): `n` saves as the app saves one
/// entry, with `tags`, each followed by the probes it hit. One line per step, in the order a
/// save takes them: `label|median µs|saves that had the step`, then the whole save and the part
/// no probe covers (the call into the core, checking the fields, futures and wake-ups between
/// the steps).
async fn profile_saves(
    vault: &Vault,
    rng: &mut impl Rng,
    today: chrono::NaiveDate,
    n: usize,
    tags: &[&str],
) -> Vec<String> {
    use std::collections::BTreeMap;
    use wellkept::vault::profile::{self, Phase};
    let mut per_phase: BTreeMap<Phase, Vec<Duration>> = BTreeMap::new();
    let mut totals = Vec::new();
    let mut unaccounted = Vec::new();
    profile::take();
    profile::enable(true);
    for _ in 0..n {
        let text = entry_text(rng, 2000);
        let new = NewJournalEntry {
            entry_date: Some(today),
            body: text,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            ..NewJournalEntry::default()
        };
        let t = Instant::now();
        let saved = entries::add_entry(vault, new).await.expect("save");
        let total = t.elapsed();
        std::hint::black_box(saved);
        let mut this: BTreeMap<Phase, Duration> = BTreeMap::new();
        for (phase, d) in profile::take() {
            *this.entry(phase).or_default() += d;
        }
        let overlapped = this.keys().any(|p| format!("{p:?}") == "SyncAndFlush");
        let covered: Duration = this
            .iter()
            // Parts of the overlapped span (by name, so this bench also builds against the
            // core before the overlap, for before/after runs).
            .filter(|(p, _)| !(overlapped && matches!(format!("{p:?}").as_str(), "Sync" | "Flush" | "SyncWait")))
            .map(|(_, d)| *d)
            .sum();
        unaccounted.push(total.saturating_sub(covered));
        totals.push(total);
        for (phase, d) in this {
            per_phase.entry(phase).or_default().push(d);
        }
    }
    profile::enable(false);
    let us = |d: Duration| format!("{:.0}", d.as_secs_f64() * 1e6);
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        percentile(v, 0.5)
    };
    let mut lines = Vec::new();
    for (phase, mut v) in per_phase {
        let count = v.len();
        lines.push(format!("{phase:?}|{}|{count}", us(median(&mut v))));
    }
    lines.push(format!("unaccounted|{}|{n}", us(median(&mut unaccounted))));
    lines.push(format!("whole save|{}|{n}", us(median(&mut totals))));
    lines
}

/// A bare small append + fdatasync, the floor for any durable save on this disk.
struct BareAppend {
    file: std::fs::File,
    frame: Vec<u8>,
}

impl BareAppend {
    fn open(dir: &Path) -> Self {
        let path = dir.join("bare-append");
        let file = std::fs::OpenOptions::new().create(true).append(true).open(&path).expect("open");
        Self { file, frame: vec![0x42u8; 2600] }
    }

    fn once(&mut self) -> Duration {
        let t = Instant::now();
        self.file.write_all(&self.frame).expect("write");
        self.file.sync_data().expect("fsync");
        t.elapsed()
    }
}

/// p50 of 200 bare appends in a row.
fn bare_append_fsync(dir: &Path) -> Duration {
    let mut bare = BareAppend::open(dir);
    let mut times: Vec<Duration> = (0..200).map(|_| bare.once()).collect();
    times.sort();
    percentile(&times, 0.5)
}

/// Median wall time of a whole `wellkept` process.
fn whole_process(bin: &Path, vault: &Path, key: &Path, keychain: bool, args: &[&str]) -> Duration {
    let mut times = Vec::new();
    for _ in 0..7 {
        let mut cmd = Command::new(bin);
        cmd.arg("--vault").arg(vault);
        if !keychain {
            cmd.arg("--recovery-key-file").arg(key);
        }
        let t = Instant::now();
        let out = cmd.args(args).output().expect("run wellkept");
        times.push(t.elapsed());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    times.sort();
    percentile(&times, 0.5)
}

/// `--merge N`: what merging another computer's changes costs (issue 15). The office makes a
/// vault (it is the home) with N entries of its own; a copy goes to the laptop, which saves N
/// entries of its own, each its own change record; the laptop's log goes back to the office.
/// Prints the office's unlock time (read-only, so nothing is folded, median of 5) with the
/// laptop's N records to merge, beside the same vault's unlock with nothing to merge, and the
/// one writable unlock that merges and folds them into a new snapshot.
async fn measure_merge(n: usize, root: &Path) {
    let set_computer = |name: &str| {
        // SAFETY: this child process runs one task on one thread; nothing reads the
        // environment while it changes.
        unsafe { std::env::set_var("XDG_DATA_HOME", root.join(name)) };
    };
    let passphrase = || secrecy::SecretString::from("a long enough passphrase for the bench");
    let (office, laptop) = (root.join("office-vault"), root.join("laptop-vault"));
    let mut rng = rand::rngs::StdRng::seed_from_u64(15);
    set_computer("office");
    let options = CreateOptions { passphrase: Some(passphrase()), use_keychain: false, passphrase_work_factor: 10 };
    let vault = Vault::create(&office, options).await.expect("create").vault;
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        insert_batch(&vault, chunk.iter().map(|_| entry_text(&mut rng, 2000)).collect()).await;
    }
    vault.lock().await.expect("lock");
    drop(vault);
    let copy = |from: &Path, to: &Path| {
        let status = Command::new("cp").arg("-a").arg(format!("{}/.", from.display())).arg(to).status().expect("cp");
        assert!(status.success());
    };
    std::fs::create_dir_all(&laptop).expect("mkdir");
    copy(&office, &laptop);
    let unlock = |dir: PathBuf, read_only: bool| async move {
        let start = Instant::now();
        let vault = Vault::load(&dir).expect("load");
        let options = vault::UnlockOptions { read_only, accept_rollback: None };
        vault.unlock_with(Unlock::Passphrase(passphrase()), options).await.expect("unlock");
        let took = start.elapsed();
        (vault, took)
    };
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    // The office's unlock with nothing to merge (the passphrase's scrypt is in every figure).
    let mut nothing = Vec::new();
    for _ in 0..5 {
        nothing.push(unlock(office.clone(), true).await.1);
    }
    set_computer("laptop");
    let (vault, _) = unlock(laptop.clone(), false).await;
    let start = Instant::now();
    for _ in 0..n {
        let new = NewJournalEntry {
            entry_date: Some(vault::now().date_naive()),
            body: entry_text(&mut rng, 2000),
            ..NewJournalEntry::default()
        };
        entries::add_entry(&vault, new).await.expect("save on the laptop");
    }
    let saving = start.elapsed();
    vault.lock().await.expect("lock");
    drop(vault);
    copy(&laptop.join("devices"), &office.join("devices"));
    set_computer("office");
    let mut merging = Vec::new();
    for _ in 0..5 {
        let (vault, took) = unlock(office.clone(), true).await;
        let (count,): (i64,) = vault.fetch_one("SELECT count(*) FROM journal_entries", params![]).await.expect("count");
        assert_eq!(count as usize, 2 * n, "every entry of both computers");
        merging.push(took);
    }
    let (vault, folding) = unlock(office.clone(), false).await;
    drop(vault);
    let mut after = Vec::new();
    for _ in 0..5 {
        after.push(unlock(office.clone(), true).await.1);
    }
    println!("laptop: {n} saves, each its own change record, in {:.1} s", saving.as_secs_f64());
    println!("office unlock, {n} entries, nothing to merge: median {}", ms(median(nothing)));
    println!("office unlock, {n} entries + {n} from the laptop to merge (read-only): median {}", ms(median(merging)));
    println!("office unlock that merges them and folds them into a new snapshot: {}", ms(folding));
    println!("office unlock after folding, {} entries: median {}", 2 * n, ms(median(after)));
}

/// `--edits N`: what versioning a long text costs a save (docs/decisions.md 70 and 73). A
/// versioned save reads the row's text and version inside its write before it updates it. For a
/// goal, N rewordings (`goals::update_goal`) beside N status changes (`goals::set_goal_status`:
/// the same write and read-back without that read); for a thought record and a client's notes,
/// N edits each. Every save is paired with a bare append + fsync just before it, and the read
/// alone is timed outside a write. Medians; nothing here is a pass/fail test.
async fn measure_edits(n: usize, root: &Path) {
    use wellkept::journal::thought_records::{self as tr, NewThoughtRecord, RatedMood};
    use wellkept::practice::clients::{self, ClientPatch, NewClient};
    use wellkept::practice::goals::{self, GoalEdit, GoalStatus, NewGoal};
    // SAFETY: this process runs one task on one thread; nothing reads the environment meanwhile.
    unsafe { std::env::set_var("XDG_DATA_HOME", root.join("state")) };
    let passphrase = secrecy::SecretString::from("a long enough passphrase for the bench");
    let options = CreateOptions { passphrase: Some(passphrase), use_keychain: false, passphrase_work_factor: 10 };
    let vault = Vault::create(&root.join("vault"), options).await.expect("create").vault;
    let mut rng = rand::rngs::StdRng::seed_from_u64(73);
    let client = clients::add_client(&vault, NewClient { name: "Ana Kovač".into(), ..NewClient::default() })
        .await
        .expect("client");
    let goal = goals::add_goal(
        &vault,
        NewGoal { client_id: Some(client.id.clone()), title: "Sleep better".into(), ..NewGoal::default() },
    )
    .await
    .expect("goal");
    let record = tr::add_thought_record(
        &vault,
        NewThoughtRecord {
            record_date: Some(vault::now().date_naive()),
            situation: "Sam did not answer my message".into(),
            moods: vec![RatedMood { name: "hurt".into(), intensity: 70, rerated: None }],
            ..NewThoughtRecord::default()
        },
    )
    .await
    .expect("thought record");
    let mut bare = BareAppend::open(root);
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let mut bares = Vec::new();
    let (mut rewordings, mut statuses, mut worksheets, mut notes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        let words = entry_text(&mut rng, 300);
        bares.push(bare.once());
        let edit = GoalEdit { specific: words.clone(), ..GoalEdit::from(&goal) };
        let t = Instant::now();
        std::hint::black_box(goals::update_goal(&vault, &goal.id, edit, None).await.expect("reword"));
        rewordings.push(t.elapsed());
        bares.push(bare.once());
        let status = if i % 2 == 0 { GoalStatus::Paused } else { GoalStatus::Active };
        let t = Instant::now();
        std::hint::black_box(goals::set_goal_status(&vault, &goal.id, status).await.expect("status"));
        statuses.push(t.elapsed());
        bares.push(bare.once());
        let worksheet = NewThoughtRecord {
            record_date: Some(record.record_date),
            situation: "Sam did not answer my message".into(),
            moods: vec![RatedMood { name: "hurt".into(), intensity: 70, rerated: None }],
            balanced_thought: words.clone(),
            ..NewThoughtRecord::default()
        };
        let t = Instant::now();
        std::hint::black_box(tr::update_thought_record(&vault, &record.id, worksheet, None).await.expect("worksheet"));
        worksheets.push(t.elapsed());
        bares.push(bare.once());
        let patch = ClientPatch { notes: Some(words), ..ClientPatch::default() };
        let t = Instant::now();
        std::hint::black_box(clients::update_client(&vault, &client.id, patch).await.expect("notes"));
        notes.push(t.elapsed());
    }
    // The read a versioned save adds, alone (outside a write, so without the writer's queue).
    let mut reads = Vec::new();
    for _ in 0..n {
        let t = Instant::now();
        let row: (String, String, String, String, String, Option<String>, Option<String>) = vault
            .fetch_one(
                "SELECT title, specific, measurable, achievable, relevant, text_version, text_by FROM goals WHERE id = ?",
                params![goal.id.as_str()],
            )
            .await
            .expect("read");
        reads.push(t.elapsed());
        std::hint::black_box(row);
    }
    println!("{n} saves of each kind, each after a bare append + fsync (~300-byte texts); medians:");
    println!("bare append+fsync: {}", ms(median(bares)));
    println!("goal reworded (versioned): {}", ms(median(rewordings)));
    println!("goal status changed (same write, no version read): {}", ms(median(statuses)));
    println!("thought record worksheet edited (versioned): {}", ms(median(worksheets)));
    println!("client's notes edited (versioned): {}", ms(median(notes)));
    println!("the version read alone (goal row, outside a write): {} µs", median(reads).as_micros());
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--edits") {
        let n: usize = args.get(2).map_or(200, |a| a.parse().expect("a count"));
        let root = tempfile::tempdir().expect("tempdir");
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(measure_edits(n, root.path()));
        return;
    }
    if args.get(1).map(String::as_str) == Some("--merge") {
        let n: usize = args.get(2).map_or(10_000, |a| a.parse().expect("a count"));
        let root = tempfile::tempdir().expect("tempdir");
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(measure_merge(n, root.path()));
        return;
    }
    if args.get(1).map(String::as_str) == Some("--child") {
        let size: usize = args[2].parse().expect("size");
        let dir = PathBuf::from(&args[3]);
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
        rt.block_on(measure(size, &dir));
        return;
    }
    let sizes: Vec<usize> = if args.len() > 1 {
        args[1..].iter().map(|s| s.parse().expect("sizes are numbers")).collect()
    } else {
        vec![1_000, 10_000, 100_000]
    };
    let root = tempfile::tempdir().expect("tempdir");
    let me = std::env::current_exe().expect("own path");
    let cli = me.with_file_name("wellkept");
    println!("bare append+fsync p50 ({} bytes): {}", 2600, ms(bare_append_fsync(root.path())));
    let mut rows = Vec::new();
    for size in &sizes {
        let dir = root.path().join(format!("vault-{size}"));
        let out = Command::new(&me).arg("--child").arg(size.to_string()).arg(&dir).output().expect("child");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let get = |k: &str| text.lines().find_map(|l| l.strip_prefix(&format!("{k}="))).unwrap_or("?").to_owned();
        let keychain = get("keychain") == "true";
        let key = root.path().join(format!("recovery-{size}.txt"));
        let (add, search) = if cli.exists() {
            (
                ms(whole_process(&cli, &dir, &key, keychain, &["journal", "add", "a short note from the benchmark"])),
                ms(whole_process(&cli, &dir, &key, keychain, &["journal", "search", "garden", "rain"])),
            )
        } else {
            ("(build the wellkept binary)".into(), "-".into())
        };
        rows.push((text, add, search));
        std::fs::remove_dir_all(&dir).ok();
    }
    let rows_for_profile = rows.clone();
    println!();
    println!(
        "| entries | bare append+fsync | save p50 | save p99 | save / bare | median of save/bare pairs | raw write p50 | unlock | of which keychain | read+decrypt | search p50 | search p99 | `journal add` | `journal search` | peak RSS | plaintext | SQLite image | snapshot file |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (text, add, search) in rows {
        let get = |k: &str| text.lines().find_map(|l| l.strip_prefix(&format!("{k}="))).unwrap_or("?").to_owned();
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            get("entries"),
            get("bare_p50"),
            get("save_p50"),
            get("save_p99"),
            get("save_ratio"),
            get("pair_ratio"),
            get("raw_write_p50"),
            get("unlock_median"),
            get("keychain_fetch_median"),
            get("read_decrypt_median"),
            get("search_p50"),
            get("search_p99"),
            add,
            search,
            get("peak_rss"),
            get("plaintext"),
            get("sqlite_image"),
            get("snapshot_file"),
        );
        println!(
            "  first page of entries read right after a save (indexing it first): p50 {}; read again, nothing to index: p50 {}",
            get("read_after_save_p50"),
            get("read_p50")
        );
        if get("keychain") != "true" {
            println!("  (no keychain reachable: unlocked with the recovery key instead)");
        }
    }
    for (key, title) in
        [("profile", "one save, no tags (200 saves)"), ("profile_tagged", "one save with two tags (100 saves)")]
    {
        println!();
        println!("Where a save's time goes, {title}: median µs per step (saves that had the step)");
        for (text, _, _) in &rows_for_profile {
            let entries = text.lines().find_map(|l| l.strip_prefix("entries=")).unwrap_or("?");
            let steps: Vec<String> = text
                .lines()
                .filter_map(|l| l.strip_prefix(&format!("{key}=")))
                .map(|l| {
                    let mut parts = l.split('|');
                    let (label, us, n) =
                        (parts.next().unwrap_or("?"), parts.next().unwrap_or("?"), parts.next().unwrap_or("?"));
                    format!("{label} {us} ({n})")
                })
                .collect();
            println!("  {entries} entries: {}", steps.join(", "));
        }
    }
}
