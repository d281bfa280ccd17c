//! Imports in bounded memory (issue 12): hostile exports are refused quickly, with a message a
//! person can act on, by the real `wellkept` binary, and its peak memory is measured from
//! outside (`wait4`'s `ru_maxrss` of the child process) and must stay under 200 MB. Before
//! streaming, the zip bomb alone was unpacked into memory up to the 512 MiB budget.
//!
//! The times are printed, not asserted (they depend on the machine and the build).

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Most memory any refusal may take, in kilobytes (200 MB).
const PEAK_LIMIT_KB: i64 = 200_000;

struct Run {
    code: i32,
    stderr: String,
    peak_kb: i64,
    seconds: f64,
}

/// Runs `wellkept` with `args` against the vault in `dir` and measures the child alone. The
/// child is reaped by `wait4` itself (std's `wait` would not report its resource usage).
#[allow(clippy::zombie_processes)]
fn measured(dir: &Path, args: &[&str]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wellkept"))
        .arg("--vault")
        .arg(dir.join("v"))
        .arg("--passphrase-file")
        .arg(dir.join("pass"))
        .arg("--no-keychain")
        .env("TZ", "UTC")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wellkept");
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("stderr read");
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let mut status: libc::c_int = 0;
    // SAFETY: `usage` is a plain C struct that wait4 fills in; `pid` is our own child, not yet
    // reaped (std's `Child` is never waited on after this).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
    assert_eq!(reaped, pid, "wait4");
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    Run { code, stderr, peak_kb: usage.ru_maxrss, seconds: started.elapsed().as_secs_f64() }
}

#[test]
fn hostile_exports_are_refused_quickly_in_bounded_memory() {
    let root = tempfile::tempdir().expect("tempdir");
    std::fs::write(root.path().join("pass"), "a long enough passphrase\n").expect("pass");
    let init = Command::new(env!("CARGO_BIN_EXE_wellkept"))
        .arg("--vault")
        .arg(root.path().join("v"))
        .arg("--passphrase-file")
        .arg(root.path().join("pass"))
        .args(["--no-keychain", "init", "--no-keychain", "--recovery-key-out"])
        .arg(root.path().join("rk"))
        .output()
        .expect("init");
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));

    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import");
    let bomb = fixtures.join("dayone-zip-bomb-600-mib-journal.zip");
    assert!(std::fs::metadata(&bomb).expect("bomb").len() < 700 * 1024, "the bomb is about 600 KiB");

    // The same bomb with its size fields lying (1,000 bytes declared in the local and central
    // headers): it cannot be refused on what it declares.
    let lying_bomb = root.path().join("lying-bomb.zip");
    std::fs::write(&lying_bomb, with_declared_sizes(&std::fs::read(&bomb).expect("bomb"), 1_000)).expect("write");

    // 2 GB files, sparse (no disk used): a Day One JSON and a zip by name.
    let huge_json = root.path().join("huge.json");
    let huge_zip = root.path().join("huge.zip");
    for path in [&huge_json, &huge_zip] {
        std::fs::File::create(path).expect("create").set_len(2 * 1024 * 1024 * 1024).expect("sparse 2 GB");
    }
    // One entry with 40 MB of text in an otherwise ordinary journal file.
    let one_huge_entry = root.path().join("Journal.json");
    // Written in pieces: this test process must stay small, because Linux starts a spawned
    // child's ru_maxrss at its parent's peak (the exec records the vforked parent's high-water
    // mark), so a big parent would hide the child's own figure.
    {
        use std::io::Write as _;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&one_huge_entry).expect("create"));
        out.write_all(
            b"{\"metadata\":{\"version\":\"1.0\"},\"entries\":[{\"uuid\":\"A1\",\"creationDate\":\"2024-01-01T08:00:00Z\",\"text\":\"",
        )
        .expect("write");
        let chunk = [b'a'; 64 * 1024];
        for _ in 0..640 {
            out.write_all(&chunk).expect("write");
        }
        out.write_all(b"\"}]}").expect("write");
    }

    let cases: [(&str, &Path, &str, &str); 5] = [
        ("600 MiB zip bomb (611 KiB)", &bomb, "dayone-zip", "the unpacked journal files exceeds 256 MiB"),
        // The zip reader stops inflating at the declared size, and the cut-off data fails its
        // checksum: refused as damage.
        ("the same, sizes lying", &lying_bomb, "dayone-zip", "a journal file inside it is damaged"),
        ("2 GB Day One JSON", &huge_json, "dayone-json", "the file exceeds 256 MiB"),
        ("2 GB file named .zip", &huge_zip, "dayone-zip", "not a zip"),
        ("one 40 MB entry", &one_huge_entry, "dayone-json", "one entry exceeds 16 MiB"),
    ];
    println!("{:<28} {:>8} {:>10}", "export", "seconds", "peak MB");
    // The binary's own footprint, for comparison: a debug build touches ~80 MB just starting.
    let baseline = measured(root.path(), &["--help"]);
    println!("{:<28} {:>8.2} {:>10.1}", "(wellkept --help)", baseline.seconds, baseline.peak_kb as f64 / 1000.0);
    for (what, path, format, expected) in cases {
        let run = measured(root.path(), &["import", path.to_str().expect("utf-8"), "--format", format, "--dry-run"]);
        println!("{what:<28} {:>8.2} {:>10.1}", run.seconds, run.peak_kb as f64 / 1000.0);
        assert_eq!(run.code, 2, "{what}: refused as bad input: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{what}: {}", run.stderr);
        assert!(run.peak_kb < PEAK_LIMIT_KB, "{what}: peak {} kB", run.peak_kb);
    }
}

/// A copy of a zip archive whose every local and central header declares `size` unpacked
/// bytes (the compressed sizes and the data are left alone).
fn with_declared_sizes(zip: &[u8], size: u32) -> Vec<u8> {
    let mut out = zip.to_vec();
    let le = size.to_le_bytes();
    let mut i = 0;
    while i + 4 <= out.len() {
        match out[i..i + 4] {
            // Local file header: uncompressed size at offset 22.
            [0x50, 0x4b, 0x03, 0x04] if i + 26 <= out.len() => out[i + 22..i + 26].copy_from_slice(&le),
            // Central directory header: uncompressed size at offset 24.
            [0x50, 0x4b, 0x01, 0x02] if i + 28 <= out.len() => out[i + 24..i + 28].copy_from_slice(&le),
            _ => {}
        }
        i += 1;
    }
    out
}
