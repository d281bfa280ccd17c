//! The one clock every "now" and "today" in Wellkept reads.
//!
//! Normally this is the system clock. For end-to-end tests it can be pinned: when the
//! environment variable [`TEST_CLOCK_VAR`] (`WELLKEPT_TEST_CLOCK`) holds an RFC 3339 time, the
//! clock starts at that time when the process first reads it and then runs forward at the real
//! rate. Running forward (rather than standing still) keeps timestamps ordered, autosave
//! debounces working and "updated after created" true, while a test that finishes within
//! minutes still sees the same "today". The time zone is the process's own (`TZ`), so a test
//! fixes both with `WELLKEPT_TEST_CLOCK=2026-04-02T08:30:00Z TZ=Europe/London`.
//!
//! The name says "test" so nobody sets it by accident, the desktop app shows it in the window
//! title and both the app and the CLI say so on stderr (see [`describe_test_clock`]). The window's
//! JavaScript gets the same clock from the shell (`src-tauri/src/test_clock.rs`).

use std::sync::OnceLock;
use std::time::Instant;

use chrono::{DateTime, Local, NaiveDate, Utc};

/// The environment variable that pins the clock for tests (RFC 3339, e.g. `2026-04-02T08:30:00Z`).
pub const TEST_CLOCK_VAR: &str = "WELLKEPT_TEST_CLOCK";

/// A pinned start time and the moment of this process it corresponds to.
#[derive(Debug, Clone, Copy)]
struct TestClock {
    start: DateTime<Utc>,
    started: Instant,
}

/// Read once: the variable cannot change under a running process.
static TEST_CLOCK: OnceLock<Result<Option<TestClock>, String>> = OnceLock::new();

fn test_clock() -> &'static Result<Option<TestClock>, String> {
    TEST_CLOCK.get_or_init(|| match std::env::var(TEST_CLOCK_VAR) {
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{TEST_CLOCK_VAR} is not valid text")),
        Ok(text) if text.trim().is_empty() => Ok(None),
        Ok(text) => parse_start(&text).map(|start| Some(TestClock { start, started: Instant::now() })),
    })
}

/// Parses the variable's value, with a message that says how to fix it.
fn parse_start(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text.trim()).map(|t| t.with_timezone(&Utc)).map_err(|e| {
        format!(
            "{TEST_CLOCK_VAR}={text:?} is not an RFC 3339 time like 2026-04-02T08:30:00Z ({e}); unset it to use the real clock"
        )
    })
}

/// The pinned start time when the test clock is on; `Ok(None)` normally. An `Err` says why the
/// variable could not be read; the app and the CLI refuse to start with it, so a test never runs
/// on the real clock by mistake.
pub fn test_clock_start() -> Result<Option<DateTime<Utc>>, String> {
    test_clock().clone().map(|c| c.map(|c| c.start))
}

/// One line for logs and the window title when the test clock is on, e.g.
/// `TEST CLOCK from 2026-04-02T08:30:00Z (TZ=Europe/London)`; `None` normally.
pub fn describe_test_clock() -> Option<String> {
    let start = test_clock_start().ok().flatten()?;
    let tz = std::env::var("TZ").unwrap_or_else(|_| "system".to_owned());
    Some(format!("TEST CLOCK from {} (TZ={tz})", start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
}

/// The current time: the system clock, or the test clock when [`TEST_CLOCK_VAR`] is set.
pub fn now() -> DateTime<Utc> {
    match test_clock() {
        Ok(Some(clock)) => {
            let elapsed = chrono::Duration::from_std(clock.started.elapsed()).unwrap_or(chrono::Duration::zero());
            clock.start + elapsed
        }
        // An unreadable variable has already been reported by the binary's start-up check.
        _ => Utc::now(),
    }
}

/// Today on this computer's clock and in its time zone (`TZ`).
pub fn today_local() -> NaiveDate {
    now().with_timezone(&Local).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real clock is used when the variable is not set (as in `cargo test`).
    #[test]
    fn now_is_close_to_the_system_clock_without_the_variable() {
        if std::env::var_os(TEST_CLOCK_VAR).is_some() {
            return; // someone runs the unit tests with the test clock on: nothing to compare
        }
        let delta = (now() - Utc::now()).num_seconds().abs();
        assert!(delta <= 1, "clock::now() is {delta} s from the system clock");
    }

    #[test]
    fn the_start_time_is_read_in_any_offset_and_kept_in_utc() {
        let start = parse_start(" 2026-04-02T09:30:00+01:00 ").expect("a valid RFC 3339 time");
        assert_eq!(start.to_rfc3339(), "2026-04-02T08:30:00+00:00");
    }

    #[test]
    fn a_malformed_start_time_names_the_variable_and_the_fix() {
        let message = parse_start("2026-04-02 09:30").expect_err("not RFC 3339");
        assert!(message.starts_with("WELLKEPT_TEST_CLOCK=\"2026-04-02 09:30\" is not an RFC 3339 time"), "{message}");
        assert!(message.ends_with("unset it to use the real clock"), "{message}");
    }
}
