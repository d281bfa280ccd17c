//! Crash safety with real processes: a child `wellkept journal add --stdin-lines` prints
//! `saved <id>` only after each write is durable; we SIGKILL it at random moments (and
//! sometimes kill a `wellkept compact` mid-way), reopen, and check that every acknowledged
//! entry is present, found by full-text search, and every generation verifies. The seed is printed so a failure can be
//! replayed with `WELLKEPT_CRASH_SEED=<seed>`.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use wellkept::keys::RecoveryKey;
use wellkept::params;
use wellkept::vault::{CreateOptions, Unlock, Vault};

const CYCLES: usize = 200;

fn wellkept() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wellkept"))
}

#[tokio::test(flavor = "multi_thread")]
async fn acknowledged_writes_survive_sigkill_at_random_moments() {
    let seed: u64 = std::env::var("WELLKEPT_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(rand::random);
    println!("crash test seed: {seed} (replay with WELLKEPT_CRASH_SEED={seed})");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    common::private_state_dir(); // the children inherit it: marks stay out of the real home

    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let key_file = dir.path().join("recovery.txt");
    let created =
        Vault::create(&vault_dir, CreateOptions { passphrase: None, use_keychain: false, ..CreateOptions::default() })
            .await
            .expect("create");
    std::fs::write(&key_file, created.recovery_key.expose()).expect("write key file");
    drop(created);

    let mut acknowledged: HashSet<String> = HashSet::new();
    let mut kills_mid_write = 0;
    let mut kills_mid_compaction = 0;
    for cycle in 0..CYCLES {
        if cycle % 5 == 4 {
            // A compaction, killed at a random moment: mid-way in some cycles, after it finished in others.
            let mut child = wellkept()
                .args(["--vault"])
                .arg(&vault_dir)
                .arg("--recovery-key-file")
                .arg(&key_file)
                .arg("compact")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn compact");
            std::thread::sleep(Duration::from_micros(rng.gen_range(0..250_000)));
            if child.try_wait().expect("poll").is_none() {
                kills_mid_compaction += 1;
            }
            let _ = child.kill();
            child.wait().expect("reap");
        } else {
            // Most kills come a random moment after the first acknowledgement (mid-write); every
            // fourth comes at a random moment from the start (during unlock and replay).
            let moment = if cycle % 4 == 0 {
                KillAt::FromStart(rng.gen_range(0..120_000))
            } else {
                KillAt::AfterFirstAck(rng.gen_range(0..40_000))
            };
            let acked = run_and_kill(&vault_dir, &key_file, cycle, moment);
            if !acked.is_empty() {
                kills_mid_write += 1;
            }
            acknowledged.extend(acked);
        }
        check_vault(&vault_dir, &key_file, &acknowledged, cycle == CYCLES - 1 || cycle % 40 == 0).await;
    }
    println!(
        "{CYCLES} kill cycles: {} acknowledged entries all present; {kills_mid_write} kills during writes, {kills_mid_compaction} during compactions",
        acknowledged.len()
    );
    assert!(acknowledged.len() > 200, "the test must actually have written entries");
    assert!(kills_mid_write > 100, "most write cycles must be killed while writing ({kills_mid_write})");
}

/// When to kill the writer, in microseconds.
enum KillAt {
    FromStart(u64),
    AfterFirstAck(u64),
}

/// Runs one writer child, kills it with SIGKILL at `moment`, returns the ids it acknowledged.
fn run_and_kill(vault_dir: &Path, key_file: &Path, cycle: usize, moment: KillAt) -> Vec<String> {
    let mut child = wellkept()
        .arg("--vault")
        .arg(vault_dir)
        .arg("--recovery-key-file")
        .arg(key_file)
        .args(["journal", "add", "--stdin-lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn writer");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let feeder = std::thread::spawn(move || {
        for n in 0..2_000 {
            if writeln!(stdin, "crash cycle {cycle} line {n} with some words to index").is_err() {
                break; // the child is gone
            }
        }
    });
    let stdout = child.stdout.take().expect("piped stdout");
    let (first_ack, got_first_ack) = std::sync::mpsc::channel::<()>();
    let reader = std::thread::spawn(move || {
        let mut ids = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // Only complete lines count; a line cut by the kill never reaches us as a line
            // with a full 36-character id.
            if let Some(id) = line.strip_prefix("saved ")
                && id.len() == 36
            {
                ids.push(id.to_owned());
                let _ = first_ack.send(());
            }
        }
        ids
    });
    match moment {
        KillAt::FromStart(micros) => std::thread::sleep(Duration::from_micros(micros)),
        KillAt::AfterFirstAck(micros) => {
            // A generous timeout: a loaded CI machine may take a while to start a debug build.
            let _ = got_first_ack.recv_timeout(Duration::from_secs(20));
            std::thread::sleep(Duration::from_micros(micros));
        }
    }
    let _ = child.kill(); // SIGKILL
    child.wait().expect("reap");
    let _ = feeder.join();
    reader.join().expect("reader thread")
}

async fn check_vault(vault_dir: &Path, key_file: &Path, acknowledged: &HashSet<String>, verify_all: bool) {
    let key = || RecoveryKey::parse(&std::fs::read_to_string(key_file).expect("key file")).expect("parse key");
    let vault = Vault::open(vault_dir, Unlock::RecoveryKey(key())).await.expect("the vault must open after every kill");
    let ids: Vec<(String, String)> =
        vault.fetch_all("SELECT id, body FROM journal_entries", params![]).await.expect("list entries");
    let present: HashSet<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    let missing: Vec<&String> = acknowledged.iter().filter(|id| !present.contains(id.as_str())).collect();
    assert!(missing.is_empty(), "acknowledged entries lost: {missing:?}");
    assert!(ids.iter().all(|(_, body)| body.starts_with("crash cycle ")), "no garbage rows");
    // The killed writers never read, so entries they saved were never indexed for search in
    // that process (docs/decisions.md 61): the full-text index must still find every row, no
    // more and no fewer, after the reopen.
    let mut found: Vec<(String,)> = vault
        .fetch_all(
            "SELECT e.id FROM journal_entries_fts JOIN journal_entries e ON e.rowid = journal_entries_fts.rowid \
             WHERE journal_entries_fts MATCH 'crash AND index'",
            params![],
        )
        .await
        .expect("search");
    found.sort();
    let mut all: Vec<(String,)> = ids.iter().map(|(id, _)| (id.clone(),)).collect();
    all.sort();
    assert_eq!(found, all, "search finds exactly the entries present");
    if verify_all {
        let report = vault.verify(Unlock::RecoveryKey(key())).await.expect("verify");
        for g in &report.generations {
            assert!(g.problem.is_none(), "generation {} damaged: {:?}", g.snapshot_seq, g.problem);
        }
    }
}
