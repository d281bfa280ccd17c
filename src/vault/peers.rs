//! One vault on several computers: the change logs of the computers that are not its home.
//!
//! A sync engine (Syncthing, Nextcloud, Dropbox) copies files and never merges them, so no file
//! may have two writers (docs/sync.md). The vault's *home* computer writes `data/` (snapshots
//! and their change log) as a vault on one computer always has; every other computer writes
//! only its own change logs, `devices/<its id>/journal-<seq>.wkj`, in the same authenticated,
//! chained format, numbered by its own sequence. Opening reads the home's newest generation
//! and every other computer's records that its snapshot has not folded in yet
//! (`sync_folded`), and replays them all in the order of their hybrid-clock stamps: every
//! computer applies the same records in the same order from the same snapshot, so all of them
//! reach the same state. The home folds what it has merged into its next snapshot and says how
//! far (`sync_folded`); a computer whose records are all folded starts a new log and removes
//! its old ones.
//!
//! Why a home rather than snapshots on every computer: a snapshot is the replay of some records
//! in stamp order, and a record stamped earlier than one already folded would have to be
//! slotted in before it. With one computer folding, every computer starts from the same
//! snapshot and a late record is simply replayed after it, the same way everywhere
//! (docs/decisions.md 65).

use std::collections::BTreeMap;

use super::VaultPaths;
use super::changelog::{self, Chain, ChangeLogHeader, GenerationKey};
use super::record::ChangeRecord;
use crate::keys::VaultKey;
use crate::{Error, Result};

/// Names this computer the vault's home: written once, in its first saved change (here rather
/// than in `mod.rs` so that build.rs finds it for the replay allow-list).
pub(crate) const CLAIM_HOME: &str = "INSERT INTO sync_home (id, device) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING";

/// Names another computer the vault's home ([`crate::vault::Vault::move_home`]): a change
/// record like any other, so every computer replays the move at the same place in the history.
pub(crate) const MOVE_HOME: &str = "UPDATE sync_home SET device = ?1 WHERE id = 1";

/// Keeps a computer's name as it goes off the list of computers (migration
/// `20261210020000_former_computers.sql`), so what it wrote is still named after it. Here, not
/// in `mod.rs`, because build.rs reads write statements only above a file's first test-only
/// item, and `mod.rs` has one near its top.
pub(crate) const FORMER_COMPUTER: &str = "INSERT INTO former_computers(id, name, removed_at) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO UPDATE SET name = excluded.name, removed_at = excluded.removed_at";

/// How far past the old home's history a computer that took the home over starts its own
/// (`Vault::move_home`): its first generation's sequence number is the old home's last one
/// plus this, so that no file name in `data/` is ever written by both, even by an old home that
/// kept saving unseen (it would have to save four billion changes first).
pub(crate) const TAKEOVER_JUMP: u64 = 1 << 32;

/// The key in `sync_folded` under which a computer that took the home over notes how far the
/// old home's history in `data/` reached when it did (`previous-home:<id>`): what the old home
/// saved there beyond it, unseen, is not in any snapshot, and the old home carries it into its
/// own log ([`unseen_home_records`]).
pub(crate) const PREVIOUS_HOME: &str = "previous-home:";

/// The records computer `me` saved in `data/` after another computer took the home over from
/// it at `from` (it was cut off and kept saving): in its own old change logs (those starting at
/// or before `from`), stamped by it, numbered after `from` and before the new home's history.
/// Returns them with the files they are in. The caller appends them to its own log, which
/// every computer merges, and removes those files (its own).
pub(crate) fn unseen_home_records(
    paths: &VaultPaths,
    key: &VaultKey,
    vault_id: &[u8; 16],
    me: crate::sync::DeviceId,
    from: u64,
) -> Result<(Vec<ChangeRecord>, Vec<std::path::PathBuf>)> {
    let mut records = Vec::new();
    let mut files = Vec::new();
    for base in paths.generations()?.into_iter().filter(|base| *base <= from) {
        let path = paths.changelog(base);
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let scanned = changelog::scan(&bytes, key, None)?;
        if scanned.header.vault_id != *vault_id {
            continue;
        }
        let mine: Vec<ChangeRecord> = scanned
            .records
            .into_iter()
            .filter(|r| r.seq > from && r.seq < from + TAKEOVER_JUMP && r.stamp.is_some_and(|s| s.device == me))
            .collect();
        if !mine.is_empty() {
            records.extend(mine);
            files.push(path);
        }
    }
    records.sort_by_key(|r| r.seq);
    Ok((records, files))
}

/// The newest change log of this computer, as read when the vault opened: what appending goes on from.
pub(crate) struct OwnTail {
    pub base: u64,
    pub header: ChangeLogHeader,
    pub generation: Option<GenerationKey>,
    pub end_seq: u64,
    pub end_chain: Chain,
    pub good_len: u64,
    /// Every log of this computer, oldest first (their bases).
    pub bases: Vec<u64>,
}

/// The other computers' records that a snapshot has not folded in, read and checked.
#[derive(Default)]
pub(crate) struct Gathered {
    /// Each record with the computer (32 hex digits) whose log it came from.
    pub records: Vec<(String, ChangeRecord)>,
    /// For each computer with a log: the last of its sequence numbers read.
    pub ends: BTreeMap<String, u64>,
    /// What a person should know: a computer whose older records have not arrived yet.
    pub notes: Vec<String>,
    /// This computer's own newest log, if it has one.
    pub own: Option<OwnTail>,
    /// For each computer with a log, every record read: its sequence number → (the chain value
    /// after it, when it was made). For the high-water marks of `peer_marks.rs`.
    pub seen: BTreeMap<String, BTreeMap<u64, (Chain, String)>>,
    /// For each computer with a log, the last sequence number its logs hold (applied or not).
    pub log_ends: BTreeMap<String, u64>,
}

/// Reads every computer's own change logs under `devices/` and keeps the records beyond what
/// the snapshot folded (`folded`, by computer). `me` is this computer's id: its newest log is
/// kept open for appending ([`Gathered::own`]). A log that fails to authenticate, or logs of
/// one computer that do not continue each other, are damage, named by computer.
pub(crate) fn gather(
    paths: &VaultPaths,
    key: &VaultKey,
    vault_id: &[u8; 16],
    folded: &BTreeMap<String, u64>,
    me: &str,
) -> Result<Gathered> {
    let mut out = Gathered::default();
    for (device, bases) in paths.side_logs() {
        let short = &device[..8];
        let damaged = |what: &str| Error::damaged(format!("the change log of computer {short} {what}"));
        let done = folded.get(&device).copied().unwrap_or(0);
        let mut kept = Vec::new();
        let mut previous: Option<(u64, Chain)> = None;
        let mut tail = None;
        for base in &bases {
            let path = paths.side_log(&device, *base);
            let bytes = std::fs::read(&path).map_err(|e| Error::storage("Reading another computer's changes", e))?;
            let scanned = changelog::scan(&bytes, key, None)?;
            if scanned.header.vault_id != *vault_id || scanned.header.base_seq != *base {
                return Err(damaged("belongs to another vault or another place"));
            }
            if let Some((end, chain)) = previous
                && (end != *base || chain != scanned.header.base_chain)
            {
                return Err(damaged("does not continue its previous log"));
            }
            previous = Some((scanned.end_seq(), scanned.end_chain()));
            let seen = out.seen.entry(device.clone()).or_default();
            for (record, chain) in scanned.records.iter().zip(&scanned.chains) {
                seen.insert(record.seq, (*chain, record.at.clone()));
            }
            let changelog::Scanned { header, generation, records, good_len, .. } = scanned;
            let (end_seq, end_chain) = previous.expect("just set");
            kept.extend(records.into_iter().filter(|r| r.seq > done));
            if device == me {
                tail = Some(OwnTail {
                    base: *base,
                    header,
                    generation,
                    end_seq,
                    end_chain,
                    good_len,
                    bases: bases.clone(),
                });
            }
        }
        if let Some((end, _)) = previous {
            out.log_ends.insert(device.clone(), end);
        }
        let oldest = *bases.first().expect("side_logs lists only computers with a log");
        if oldest > done {
            // Its log was folded by a snapshot this computer has not received yet (the engine
            // delivered the new log first): those records are in that snapshot, which is on its
            // way. Nothing of this computer is applied until it arrives, rather than half.
            out.notes.push(format!(
                "Changes {}–{oldest} from computer {short} are folded into a snapshot that has not arrived here yet; they will show once it has.",
                done + 1
            ));
            continue;
        }
        if let Some(end) = previous.map(|(end, _)| end) {
            out.ends.insert(device.clone(), end.max(done));
        }
        if device == me {
            out.own = tail;
        }
        out.records.extend(kept.into_iter().map(|r| (device.clone(), r)));
    }
    Ok(out)
}

/// Starts a new log for this computer continuing from `seq` (chain value `chain`), or opens its
/// newest one for appending; removes its older logs once the home has folded them.
pub(crate) fn open_own_log(
    paths: &VaultPaths,
    key: &VaultKey,
    vault_id: &[u8; 16],
    me: &str,
    own: Option<OwnTail>,
    folded: u64,
) -> Result<changelog::ChangeLogFile> {
    let dir = paths.side_dir(me);
    let start = |base: u64, chain: Chain| -> Result<changelog::ChangeLogFile> {
        super::layout::create_private_dir(&dir)
            .map_err(|e| Error::storage("Starting this computer's change log", e))?;
        let header =
            ChangeLogHeader { vault_id: *vault_id, base_seq: base, snapshot_digest: [0; 32], base_chain: chain };
        let generation = GenerationKey::generate();
        let path = paths.side_log(me, base);
        changelog::ChangeLogFile::create(&path, &header, key, &generation)?;
        changelog::ChangeLogFile::open_for_append(&path, &header, generation, chain, changelog::HEADER_LEN as u64)
    };
    let Some(own) = own else {
        // Computer ids are random and new to this vault: the first log starts the chain.
        return start(folded, changelog::chain_start(key, vault_id, folded));
    };
    let OwnTail { base, header, generation, end_seq, end_chain, good_len, bases } = own;
    let log = if end_seq > base && folded >= end_seq {
        // Everything in it is in the home's snapshot: a fresh log, and the old ones can go.
        let log = start(end_seq, end_chain)?;
        for old in bases {
            let _ = std::fs::remove_file(paths.side_log(me, old));
        }
        log
    } else {
        let generation = generation.ok_or_else(|| Error::damaged("this computer's change log has no key"))?;
        changelog::ChangeLogFile::open_for_append(&paths.side_log(me, base), &header, generation, end_chain, good_len)?
    };
    Ok(log)
}

/// After the home wrote a snapshot folding records up to `folded`: removes the change logs
/// whose every record it holds, of the computers no one else will clean up after. Those are the
/// home itself (its logs from before it became the home) and the computers removed from the
/// list (`removed`: their device file is gone). Every other computer removes its own folded
/// logs when it next opens ([`open_own_log`]), so that each file keeps one writer.
/// `log_ends` is where each computer's logs ended when the vault was read (nothing arrived
/// since: the caller checked the folder). Best effort: a log left behind is only replayed
/// past, since its records are folded.
///
/// A removed computer that opens the vault again is not harmed: its records are in the
/// snapshot, and it starts a new log where the snapshot left it. Had it appended to a log
/// being removed here, a sync engine keeps the changed file over the removal (Syncthing does),
/// and the records beyond the snapshot are merged from it.
pub(crate) fn remove_folded_logs(
    paths: &VaultPaths,
    me: &str,
    removed: impl Fn(&str) -> bool,
    folded: &BTreeMap<String, u64>,
    log_ends: &BTreeMap<String, u64>,
) -> usize {
    let mut gone = 0;
    for (device, bases) in paths.side_logs() {
        if device != me && !removed(&device) {
            continue;
        }
        let (Some(end), Some(done)) = (log_ends.get(&device), folded.get(&device)) else { continue };
        if done < end {
            continue;
        }
        for base in bases {
            if std::fs::remove_file(paths.side_log(&device, base)).is_ok() {
                gone += 1;
            }
        }
        // The folder too, once empty (a failure leaves an empty folder, which holds nothing).
        let _ = std::fs::remove_dir(paths.side_dir(&device));
    }
    gone
}
