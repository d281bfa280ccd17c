//! Nothing a user writes ever reaches the disk in plaintext: a scripted session through the
//! real `wellkept` binary (private HOME, XDG dirs and TMPDIR), then every byte under the vault,
//! the temp dir and the home dir is searched for the marker strings it wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn a_scripted_session_leaves_no_plaintext_anywhere() {
    let root = tempfile::tempdir().expect("tempdir");
    let home = root.path().join("home");
    let tmp = root.path().join("tmp");
    let vault = root.path().join("vault");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&tmp).expect("tmp");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a passphrase for the plaintext test\n").expect("pass");
    let markers = ["ZEBRAFINCH-7731-private", "Marguerite-confided-44190", "unique-phrase-QUOKKA-2026"];

    let run = |args: &[&str], stdin: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wellkept"));
        cmd.env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("TMPDIR", &tmp)
            .arg("--vault")
            .arg(&vault)
            .arg("--passphrase-file")
            .arg(&pass)
            .arg("--no-keychain")
            .args(args);
        let out = if let Some(input) = stdin {
            use std::io::Write;
            let mut child =
                cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().expect("spawn");
            child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("feed");
            child.wait_with_output().expect("wait")
        } else {
            cmd.output().expect("run")
        };
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };

    run(&["init", "--no-keychain", "--recovery-key-out", root.path().join("rk").to_str().expect("utf-8")], None);
    run(&["journal", "add", "--title", markers[0], markers[1]], None);
    let lines: String = (0..300).map(|i| format!("line {i} mentions {}\n", markers[2])).collect();
    run(&["journal", "add", "--stdin-lines"], Some(&lines));
    assert!(run(&["journal", "search", "Marguerite-confided-44190"], None).contains("44190"));
    assert!(run(&["journal", "list", "--limit", "1000"], None).contains(markers[0]));
    run(&["compact"], None);
    run(&["backup", root.path().join("backup.wkb").to_str().expect("utf-8")], None);
    run(&["journal", "add", "one more after compaction", markers[0]], None);

    let mut scanned = 0;
    for dir in [&vault, &tmp, &home, &root.path().to_owned()] {
        for file in files_under(dir) {
            if file == pass {
                continue;
            }
            let bytes = std::fs::read(&file).expect("read");
            scanned += 1;
            for marker in markers {
                assert!(
                    !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                    "{marker} found in plaintext in {}",
                    file.display()
                );
            }
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            assert!(
                !name.ends_with(".sqlite") && !name.ends_with("-journal") && !name.ends_with("-wal"),
                "a database file reached the disk: {}",
                file.display()
            );
        }
    }
    assert!(scanned >= 8, "the scan must have read the vault's files ({scanned})");
}
