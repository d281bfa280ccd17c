//! Start-up timing for `scripts/e2e.sh --measure`: when `WELLKEPT_STARTUP_TRACE` names a file,
//! each step of start-up appends `<pid> <step> <wall-clock ms>` to it, so the measurement can
//! place the shell's own steps between process start and the page's first timing mark. Names
//! only, no data; off unless the variable is set.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

/// Records that start-up reached `step` now.
pub fn mark(step: &str) {
    let Some(path) = std::env::var_os("WELLKEPT_STARTUP_TRACE") else { return };
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or_default();
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = writeln!(file, "{} {step} {ms:.1}", std::process::id());
    }
}
