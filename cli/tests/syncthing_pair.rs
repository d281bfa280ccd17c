//! A vault in a folder that a real Syncthing replicates between two computers (issue 15,
//! deliverable 7's harness, and what is safe today).
//!
//! Two Syncthing daemons (Debian's `syncthing`, installed by scripts/setup.sh) run on
//! 127.0.0.1 with their own homes, discovery, relays and NAT off, introduced to each other
//! through the REST API, sharing one folder. Each "computer" runs the real `wellkept` binary
//! with its own state folder (its own high-water mark), as two machines would.
//!
//! No file has two writers (`src/vault/peers.rs`): the computer that made the vault (its home)
//! writes `data/`, the other writes only its own change log in `devices/<its id>/`, and each
//! merges both in the order of their stamps. So the computers may write at the same time, or
//! while one computer's daemon is switched off (a partition, SIGKILL) and then started again:
//! once the engine settles, both hold every change either acknowledged, show the same thing,
//! hold the same records (`wellkept sync dump`), and Syncthing never made a `.sync-conflict-` copy.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "a long enough passphrase";
const FOLDER_ID: &str = "wellkept-test";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// One Syncthing daemon.
struct Daemon {
    home: PathBuf,
    api: String,
    key: String,
    id: String,
    sync_port: u16,
    child: Child,
}

impl Drop for Daemon {
    fn drop(&mut self) {
        self.stop();
    }
}

fn syncthing(args: &[&str]) -> String {
    let out = Command::new("syncthing").args(args).output().unwrap_or_else(|e| {
        panic!("syncthing could not be run ({e}); scripts/setup.sh installs the Debian package `syncthing`")
    });
    assert!(out.status.success(), "syncthing {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

impl Daemon {
    fn start(home: PathBuf) -> Self {
        let h = format!("--home={}", home.display());
        syncthing(&["generate", &h, "--no-default-folder"]);
        let id = syncthing(&["serve", &h, "--device-id"]);
        let config = std::fs::read_to_string(home.join("config.xml")).expect("config.xml");
        let key = config.split("<apikey>").nth(1).and_then(|s| s.split('<').next()).expect("apikey").to_owned();
        let gui_port = free_port();
        let child = Self::serve(&home, gui_port);
        let mut d =
            Daemon { home, api: format!("http://127.0.0.1:{gui_port}"), key, id, sync_port: free_port(), child };
        d.wait_until("its REST API answers", |d| d.get("/rest/system/ping").contains("pong"));
        let options = format!(
            r#"{{"globalAnnounceEnabled":false,"localAnnounceEnabled":false,"relaysEnabled":false,"natEnabled":false,"urAccepted":-1,"crashReportingEnabled":false,"autoUpgradeIntervalH":0,"listenAddresses":["tcp://127.0.0.1:{}"]}}"#,
            d.sync_port
        );
        d.send("PATCH", "/rest/config/options", &options);
        d
    }

    /// Where a daemon's output goes, for the message if it exits.
    fn serve(home: &Path, gui_port: u16) -> Child {
        let log = |home: &Path| {
            std::fs::File::options()
                .create(true)
                .append(true)
                .open(home.join("serve.log"))
                .map_or_else(|_| Stdio::null(), Stdio::from)
        };
        // A session of its own (`setsid` runs it in place, keeping this pid): `syncthing serve`
        // runs its work in a child in another process group, and stopping the daemon must stop
        // that child too, or its database lock outlives it.
        Command::new("setsid")
            .args(["syncthing", "serve", &format!("--home={}", home.display()), "--no-browser", "--no-restart"])
            .arg("--no-upgrade")
            .arg(format!("--gui-address=127.0.0.1:{gui_port}"))
            .env("STNODEFAULTFOLDER", "1")
            .env("STNOUPGRADE", "1")
            .stdout(log(home))
            .stderr(log(home))
            .spawn()
            .expect("syncthing serve")
    }

    /// Stops the daemon at once (SIGKILL to every process of its session), as a computer
    /// switched off would, and waits until none of them is left.
    fn stop(&mut self) {
        let session = self.child.id().to_string();
        let _ = Command::new("pkill").args(["-KILL", "-s", &session]).status();
        let _ = self.child.wait();
        let start = Instant::now();
        // Left alone: processes already dead but not yet reaped (state Z).
        let alive = || {
            Command::new("ps").args(["-s", &session, "-o", "stat="]).output().is_ok_and(|o| {
                String::from_utf8_lossy(&o.stdout).lines().any(|l| !l.trim().is_empty() && !l.trim().starts_with('Z'))
            })
        };
        while alive() {
            assert!(start.elapsed() < Duration::from_secs(20), "syncthing's processes did not stop");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Starts the stopped daemon again on the same home and ports; it rescans the folder.
    fn restart(&mut self) {
        let gui_port: u16 = self.api.rsplit(':').next().and_then(|p| p.parse().ok()).expect("gui port");
        self.child = Self::serve(&self.home, gui_port);
        self.wait_until("its REST API answers again", |d| d.get("/rest/system/ping").contains("pong"));
    }

    /// One REST call; the response body, or why it failed.
    fn call(&self, method: &str, path: &str, body: Option<&str>) -> Result<String, String> {
        let mut cmd = Command::new("curl");
        cmd.args(["-sS", "--fail-with-body", "-X", method, "-H"]).arg(format!("X-API-Key: {}", self.key));
        if let Some(body) = body {
            cmd.args(["-H", "Content-Type: application/json", "--data-binary", body]);
        }
        let out = cmd.arg(format!("{}{path}", self.api)).output().expect("curl");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() { Ok(text) } else { Err(format!("{text}{}", String::from_utf8_lossy(&out.stderr))) }
    }

    /// A GET's body, or nothing while the daemon is not answering yet.
    fn get(&self, path: &str) -> String {
        self.call("GET", path, None).unwrap_or_default()
    }

    fn send(&self, method: &str, path: &str, body: &str) {
        if let Err(why) = self.call(method, path, Some(body)) {
            panic!("{method} {path}: {why}");
        }
    }

    fn wait_until(&mut self, what: &str, ok: impl Fn(&Daemon) -> bool) {
        let start = Instant::now();
        while !ok(self) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("syncthing in {} exited ({status}) before {what}", self.home.display());
            }
            assert!(start.elapsed() < Duration::from_secs(60), "syncthing: {what}: not within 60 s");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn share(&self, other: &Daemon, folder: &Path) {
        self.send(
            "POST",
            "/rest/config/devices",
            &format!(
                r#"{{"deviceID":"{}","name":"other","addresses":["tcp://127.0.0.1:{}"]}}"#,
                other.id, other.sync_port
            ),
        );
        self.send(
            "POST",
            "/rest/config/folders",
            &format!(
                r#"{{"id":"{FOLDER_ID}","label":"Wellkept","path":"{}","type":"sendreceive","fsWatcherEnabled":true,"fsWatcherDelayS":1,"rescanIntervalS":3600,"devices":[{{"deviceID":"{}"}},{{"deviceID":"{}"}}]}}"#,
                folder.display(),
                self.id,
                other.id
            ),
        );
    }
}

/// One computer: its synced folder, its own Wellkept state (marks) and its daemon.
struct Computer {
    name: &'static str,
    synced: PathBuf,
    state: PathBuf,
    pass: PathBuf,
}

impl Computer {
    fn vault(&self) -> PathBuf {
        self.synced.join("vault")
    }

    fn wellkept(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_wellkept"))
            .arg("--vault")
            .arg(self.vault())
            .arg("--passphrase-file")
            .arg(&self.pass)
            .arg("--no-keychain")
            .args(args)
            .env("XDG_DATA_HOME", &self.state)
            .output()
            .expect("wellkept");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.wellkept(args);
        assert!(ok, "{}: wellkept {args:?} failed: {err}", self.name);
        out
    }

    /// The titles of all the journal's entries, sorted (`journal list` prints
    /// "date  id  title — text", 20 unless asked for more).
    fn titles(&self) -> Vec<String> {
        let out = self.ok(&["journal", "list", "--limit", "500"]);
        let mut titles: Vec<String> = out
            .lines()
            .map(|line| {
                let text = line.splitn(3, "  ").nth(2).expect("date, id, text");
                text.split(" — ").next().expect("title").to_owned()
            })
            .collect();
        titles.sort();
        titles
    }
}

/// Every file under `dir` (relative path → bytes), leaving out Syncthing's own marker folder.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(root).expect("under root").to_string_lossy().into_owned();
            if rel.starts_with(".stfolder") || rel.starts_with(".stversions") || rel.contains(".syncthing.") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.insert(rel, bytes);
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn conflict_copies(dir: &Path) -> Vec<String> {
    tree(dir).into_keys().filter(|k| k.contains(".sync-conflict-")).collect()
}

struct Pair {
    _root: tempfile::TempDir,
    a: Computer,
    b: Computer,
    daemons: (Daemon, Daemon),
}

impl Pair {
    fn new() -> Self {
        let root = tempfile::tempdir().expect("tempdir");
        let computer = |name: &'static str| {
            let c = Computer {
                name,
                synced: root.path().join(format!("{name}-synced")),
                state: root.path().join(format!("{name}-state")),
                pass: root.path().join("pass"),
            };
            std::fs::create_dir_all(&c.synced).expect("mkdir");
            c
        };
        std::fs::write(root.path().join("pass"), format!("{PASSPHRASE}\n")).expect("pass");
        let (a, b) = (computer("office"), computer("laptop"));
        let da = Daemon::start(root.path().join("st-office"));
        let db = Daemon::start(root.path().join("st-laptop"));
        da.share(&db, &a.synced);
        db.share(&da, &b.synced);
        Pair { _root: root, a, b, daemons: (da, db) }
    }

    /// Waits until both copies of the folder hold the same files, byte for byte, and both
    /// daemons say they are in sync; returns how long that took.
    fn settle(&mut self) -> Duration {
        let start = Instant::now();
        loop {
            let same = tree(&self.a.synced) == tree(&self.b.synced);
            let done = |d: &Daemon, other: &Daemon| {
                let c = d.get(&format!("/rest/db/completion?folder={FOLDER_ID}&device={}", other.id));
                c.contains("\"completion\": 100") || c.contains("\"completion\":100")
            };
            if same && done(&self.daemons.0, &self.daemons.1) && done(&self.daemons.1, &self.daemons.0) {
                return start.elapsed();
            }
            for d in [&mut self.daemons.0, &mut self.daemons.1] {
                if let Ok(Some(status)) = d.child.try_wait() {
                    let log = std::fs::read_to_string(d.home.join("serve.log")).unwrap_or_default();
                    panic!("a syncthing daemon exited ({status}); it said:\n{log}");
                }
            }
            assert!(start.elapsed() < Duration::from_secs(90), "the two folders did not settle within 90 s");
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

#[test]
fn a_vault_used_on_one_computer_after_the_other_is_whole_on_both_with_no_conflict_copies() {
    let mut pair = Pair::new();
    let vault = pair.a.vault();
    let recovery = pair.a.synced.parent().expect("root").join("office-recovery-key");
    let (ok, _, err) =
        pair.a.wellkept(&["init", "--no-keychain", "--recovery-key-out", recovery.to_str().expect("utf-8")]);
    assert!(ok, "init: {err}");
    for title in ["Office one", "Office two", "Office three"] {
        pair.a.ok(&["journal", "add", "--title", title, "written at the office"]);
    }
    let took = pair.settle();
    println!("the new vault reached the laptop in {took:.1?}");
    assert!(pair.b.vault().join("wellkept-vault.json").exists(), "{} did not arrive", vault.display());

    // The laptop opens it with the passphrase (it has no keychain entry and no mark yet).
    assert_eq!(pair.b.titles(), ["Office one", "Office three", "Office two"]);
    pair.b.ok(&["journal", "add", "--title", "Laptop one", "written at home"]);
    pair.b.ok(&["journal", "add", "--title", "Laptop two", "written at home"]);
    let took = pair.settle();
    println!("two entries reached the office in {took:.1?}");

    // Back at the office: everything, and the office's mark accepts the history that grew
    // elsewhere (it only ever refuses history that went backwards).
    assert_eq!(pair.a.titles(), ["Laptop one", "Laptop two", "Office one", "Office three", "Office two"]);
    pair.a.ok(&["journal", "add", "--title", "Office four", "back at the office"]);
    pair.settle();
    assert_eq!(
        pair.b.titles(),
        ["Laptop one", "Laptop two", "Office four", "Office one", "Office three", "Office two"]
    );
    assert_eq!(conflict_copies(&pair.a.synced), Vec::<String>::new());
    assert_eq!(conflict_copies(&pair.b.synced), Vec::<String>::new());
}

/// Everything a person reads of the vault on one computer, as the command line prints it: the
/// journal (dates, ids, titles and text) and the clients. Two computers that merged the same
/// changes print the same.
fn shown(c: &Computer) -> String {
    format!("{}\n{}", c.ok(&["journal", "list", "--limit", "500"]), c.ok(&["client", "list"]))
}

/// Both computers write for `for_how_long`, at the same time; returns the titles each one's
/// `wellkept` acknowledged.
fn write_at_once(pair: &Pair, for_how_long: Duration) -> Vec<String> {
    let writer = |c: &Computer, tag: &str| {
        let mut acknowledged = Vec::new();
        let start = Instant::now();
        let mut n = 0;
        while start.elapsed() < for_how_long {
            n += 1;
            let title = format!("{tag} {n:03}");
            let (ok, _, err) = c.wellkept(&["journal", "add", "--title", &title, "written while the other wrote too"]);
            assert!(ok, "{}: {title}: {err}", c.name);
            acknowledged.push(title);
        }
        acknowledged
    };
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| writer(&pair.a, "Office"));
        let b = scope.spawn(|| writer(&pair.b, "Laptop"));
        (a.join().expect("office writer"), b.join().expect("laptop writer"))
    });
    println!("acknowledged: {} at the office, {} on the laptop", a.len(), b.len());
    let mut all: Vec<String> = a.into_iter().chain(b).collect();
    all.sort();
    all
}

/// Settles the engine, lets each computer open the vault (the home folds the other's changes
/// into its snapshot, the other starts a new log), settles again, and checks that both show the
/// same: every acknowledged title, and no conflict copy anywhere.
fn converge(pair: &mut Pair, expected: &[String]) {
    for _ in 0..2 {
        pair.settle();
        pair.a.ok(&["journal", "list"]);
        pair.settle();
        pair.b.ok(&["journal", "list"]);
    }
    pair.settle();
    assert_eq!(pair.a.titles(), expected, "the office holds every acknowledged change");
    assert_eq!(pair.b.titles(), expected, "the laptop holds every acknowledged change");
    assert_eq!(shown(&pair.a), shown(&pair.b), "both computers show the same");
    // And hold the same records, every table of them (issue 15, deliverable 7).
    let (dump_a, dump_b) = (pair.a.ok(&["sync", "dump"]), pair.b.ok(&["sync", "dump"]));
    assert!(dump_a.contains("== journal_entries ("), "{dump_a}");
    if dump_a != dump_b {
        let first = dump_a.lines().zip(dump_b.lines()).find(|(a, b)| a != b);
        panic!("the two computers' canonical dumps differ; first difference: {first:?}");
    }
    assert_eq!(conflict_copies(&pair.a.synced), Vec::<String>::new());
    assert_eq!(conflict_copies(&pair.b.synced), Vec::<String>::new());
}

#[test]
fn both_computers_writing_at_once_or_cut_off_from_each_other_end_with_every_change_and_no_conflict_copies() {
    let mut pair = Pair::new();
    let recovery = pair.a.synced.parent().expect("root").join("office-recovery-key");
    let (ok, _, err) =
        pair.a.wellkept(&["init", "--no-keychain", "--recovery-key-out", recovery.to_str().expect("utf-8")]);
    assert!(ok, "init: {err}");
    pair.a.ok(&["devices", "rename", "Office"]);
    pair.a.ok(&["journal", "add", "--title", "Shared start", "both computers have this"]);
    pair.a.ok(&["client", "add", "Ada Lovelace"]);
    let trashed = pair.a.ok(&["journal", "add", "--title", "Trashed at the office", "first words"]);
    let trashed = trashed.trim().strip_prefix("saved ").expect("saved <id>").to_owned();
    let note_id = |out: String| out.split_whitespace().nth(2).expect("Added note <id> (draft).").to_owned();
    let drafted = note_id(pair.a.ok(&[
        "note",
        "add",
        "--client",
        "Ada Lovelace",
        "--date",
        "2026-03-01",
        "--text",
        "First session",
    ]));
    let signed = note_id(pair.a.ok(&[
        "note",
        "add",
        "--client",
        "Ada Lovelace",
        "--date",
        "2026-03-08",
        "--text",
        "Second session",
    ]));
    pair.settle();
    assert_eq!(pair.b.titles(), ["Shared start", "Trashed at the office"]);
    pair.b.ok(&["devices", "rename", "Laptop"]);
    let shared = pair
        .b
        .ok(&["journal", "list"])
        .lines()
        .find(|l| l.contains("Shared start"))
        .and_then(|l| l.split("  ").nth(1))
        .expect("date  id  text")
        .to_owned();

    // Both write at the same time while the engine copies between them.
    let mut expected = vec!["Shared start".to_owned(), "Trashed at the office".to_owned()];
    expected.extend(write_at_once(&pair, Duration::from_secs(6)));
    expected.sort();
    converge(&mut pair, &expected);

    // A partition: the laptop's daemon is stopped while both write and both close the same
    // client on different days; the later close wins on both once it runs again.
    pair.daemons.1.stop();
    expected.extend(write_at_once(&pair, Duration::from_secs(3)));
    expected.sort();
    // Meanwhile both rewrite the same entry and the same draft note, and the office finalises
    // a note the laptop is still editing: each text the other had not seen.
    pair.a.ok(&["client", "close", "Ada Lovelace", "--on", "2026-03-01"]);
    pair.a.ok(&["journal", "edit", &shared, "The office's words"]);
    pair.a.ok(&["note", "edit", &drafted, "--text", "Written at the office"]);
    pair.a.ok(&["note", "finalise", &signed]);
    pair.a.ok(&["trash", "move", "journal_entry", &trashed]);
    std::thread::sleep(Duration::from_millis(20));
    pair.b.ok(&["journal", "edit", &trashed, "edited on the laptop, not knowing"]);
    pair.b.ok(&["client", "close", "Ada Lovelace", "--on", "2026-03-15"]);
    pair.b.ok(&["journal", "edit", &shared, "The laptop's words"]);
    pair.b.ok(&["note", "edit", &drafted, "--text", "Written on the laptop"]);
    pair.b.ok(&["note", "edit", &signed, "--text", "Second session, edited on the laptop"]);
    pair.daemons.1.restart();
    // The entry trashed at the office is in the trash on both, with the laptop's edit in it.
    expected.retain(|t| t != "Trashed at the office");
    converge(&mut pair, &expected);
    for computer in [&pair.a, &pair.b] {
        let trash = computer.ok(&["trash", "list"]);
        assert!(trash.contains(&trashed) && trash.contains("Trashed at the office"), "{}: {trash}", computer.name);
        let client = computer.ok(&["client", "show", "Ada Lovelace"]);
        assert!(client.contains("2026-03-15") && !client.contains("2026-03-01"), "{}: {client}", computer.name);
    }

    // The later texts show; each earlier one is kept aside, named by its computer, the same on
    // both; the laptop's edit stands beside the note the office finalised.
    let conflicts = pair.a.ok(&["sync", "conflicts"]);
    assert_eq!(conflicts, pair.b.ok(&["sync", "conflicts"]), "both computers keep the same versions");
    println!("{conflicts}");
    let shown_then_kept = |text: &str, shown: &str, kept: &str| {
        let (on_show, aside) =
            text.split_once("  Kept aside:").unwrap_or_else(|| panic!("nothing kept aside in {text}"));
        assert!(on_show.contains(shown), "on show: {shown} in {on_show}");
        assert!(aside.contains(kept), "kept aside: {kept} in {aside}");
    };
    let records: Vec<&str> = conflicts.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(records.len(), 4, "three records and the closing line: {conflicts}");
    // One record's lines: its heading and the indented lines under it.
    let section = |label: &str| {
        let start = conflicts.find(label).unwrap_or_else(|| panic!("{label} in {conflicts}"));
        let mut lines = conflicts[start..].lines();
        let mut out = vec![lines.next().expect("the heading")];
        out.extend(lines.take_while(|l| l.starts_with(' ')));
        out.join("\n")
    };
    let entry = section("Journal entry of");
    shown_then_kept(&entry, "The laptop's words", "saved on Office at");
    assert!(entry.contains("The office's words"), "{entry}");
    let draft = section("Session note of 2026-03-01 with Ada Lovelace");
    shown_then_kept(&draft, "Written on the laptop", "saved on Office at");
    assert!(draft.contains("Written at the office"), "{draft}");
    let final_note = section("Session note of 2026-03-08 with Ada Lovelace");
    shown_then_kept(&final_note, "Second session", "saved on Laptop at");
    assert!(final_note.contains(", after the note was finalised:"), "{final_note}");
    assert!(final_note.contains("Second session, edited on the laptop"), "{final_note}");
    assert!(
        pair.a.ok(&["note", "list", "--client", "Ada Lovelace"]).contains(&format!("{signed}  finalised")),
        "the note stays finalised"
    );

    // Chosen on the laptop: the entry keeps its text on show, the draft takes the office's
    // words; the office sees the same once the engine has copied it.
    pair.b.ok(&["sync", "choose", &shared, "shown"]);
    let office_version = draft
        .lines()
        .find_map(|l| l.trim().strip_prefix("Kept aside: version ").and_then(|v| v.split(',').next()))
        .expect("the office's version")
        .to_owned();
    pair.b.ok(&["sync", "choose", &drafted, &office_version]);
    converge(&mut pair, &expected);
    let after = pair.a.ok(&["sync", "conflicts"]);
    assert_eq!(after, pair.b.ok(&["sync", "conflicts"]));
    assert!(!after.contains("Journal entry of") && !after.contains("2026-03-01 with"), "{after}");
    assert!(after.contains("Session note of 2026-03-08 with Ada Lovelace"), "{after}");
    assert!(pair.a.ok(&["journal", "list", "--limit", "500"]).contains("The laptop's words"));

    // Restored on the laptop: back on both, with the edit made while it was in the trash.
    pair.b.ok(&["trash", "restore", "journal_entry", &trashed]);
    expected.push("Trashed at the office".to_owned());
    expected.sort();
    converge(&mut pair, &expected);
    let back = pair.a.ok(&["journal", "list", "--limit", "500"]);
    assert!(back.contains("Trashed at the office — edited on the laptop, not knowing"), "{back}");
}
