//! Helpers shared by the command-line tests (`mod common;` in each file): running the real
//! `wellkept` binary on a vault with a passphrase file, in London time and on the test clock when
//! asked, and reading what it printed. Each test file uses some of them.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `wellkept --vault <vault> --passphrase-file <pass> --no-keychain`, with nothing else set.
pub fn command(vault: &Path, pass: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wellkept"));
    command.arg("--vault").arg(vault).arg("--passphrase-file").arg(pass).arg("--no-keychain");
    command
}

/// [`command`] in London time (`TZ=Europe/London`), on the test clock from `clock` if given.
pub fn london(vault: &Path, pass: &Path, clock: Option<&str>) -> Command {
    let mut command = command(vault, pass);
    command.env("TZ", "Europe/London");
    if let Some(clock) = clock {
        command.env("WELLKEPT_TEST_CLOCK", clock);
    }
    command
}

/// Runs `wellkept <args>` (see [`london`]) and returns what it did.
pub fn run(vault: &Path, pass: &Path, clock: Option<&str>, args: &[&str]) -> Output {
    london(vault, pass, clock).args(args).output().expect("run wellkept")
}

/// [`run`] on `<root>/vault` with the passphrase in `<root>/pass`.
pub fn run_in(root: &Path, clock: &str, args: &[&str]) -> Output {
    run(&root.join("vault"), &root.join("pass"), Some(clock), args)
}

/// [`run_in`] with `input` written to the command's standard input.
pub fn run_in_with_input(root: &Path, clock: &str, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = london(&root.join("vault"), &root.join("pass"), Some(clock))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wellkept");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("wait")
}

/// What a command that must succeed printed; `what` names it if it failed.
pub fn ok(out: Output, what: &str) -> String {
    assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What `wellkept <args>` that must succeed printed (standard output).
pub fn stdout_of(out: Output, args: &[&str]) -> String {
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// What a command that must be refused said (standard error).
pub fn refused(out: Output) -> String {
    assert!(!out.status.success(), "expected a refusal: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The id on the "saved <id>" line a command printed.
pub fn saved_id(out: &str) -> String {
    out.lines().find_map(|l| l.strip_prefix("saved ")).expect("saved line").trim().to_owned()
}

/// A PDF's text as laid out (`pdftotext -layout`), one entry per line, runs of spaces made one,
/// blank lines left out.
pub fn pdf_lines(file: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Another program the test needs (`age`, `sqlite3`); a missing one fails the test rather than
/// skipping it.
pub fn tool(name: &str) -> Command {
    let found = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output().expect("sh");
    assert!(found.status.success(), "`{name}` is not installed: run scripts/setup.sh");
    Command::new(name)
}

/// The contact card's text in what `wellkept exchange card` printed.
pub fn card_text(card_output: &str) -> String {
    let start = card_output.find("WELLKEPT").expect("card text");
    let rest = &card_output[start..];
    let end = rest.find("\n\nYour fingerprint").expect("end of card");
    rest[..end].to_owned()
}

/// The fingerprint's digits in what `wellkept exchange card` printed.
pub fn fingerprint(card_output: &str) -> String {
    let after = card_output.split("Your fingerprint").nth(1).expect("fingerprint section");
    after
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit() || c == ' '))
        .expect("digits")
        .to_owned()
}

/// Every file below `dir` (its path relative to `dir`, `/`-separated) with its bytes, the
/// writer's lock file aside: for showing that a command changed nothing on disk.
pub fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read a folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "vault.lock") {
                let relative = path.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
                out.insert(relative, std::fs::read(&path).expect("read a file"));
            }
        }
    }
    out
}
