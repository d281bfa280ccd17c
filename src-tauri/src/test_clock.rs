//! The pinned test clock (`WELLKEPT_TEST_CLOCK`, see `wellkept::clock`) for the window too.
//!
//! The core's commands read `wellkept::clock::now()`; the window's JavaScript has its own
//! `Date`. When the test clock is on, a tiny plugin injects an initialisation script into the
//! webview, before any page script runs, that replaces `Date` with one starting at the same
//! instant and running at the real rate, so `new Date()` and `Date.now()` agree with the core
//! about "now" and "today". The time zone needs nothing: WebKit and chrono both read `TZ`.
//! Normally the plugin is not registered at all and the page sees the browser's own `Date`.

use tauri::Runtime;
use tauri::plugin::TauriPlugin;

/// The plugin that pins the window's clock, when the test clock is on; `None` normally.
pub fn plugin<R: Runtime>() -> Option<TauriPlugin<R>> {
    let start = wellkept::clock::test_clock_start().ok().flatten()?;
    Some(tauri::plugin::Builder::new("test-clock").js_init_script(init_script(start.timestamp_millis())).build())
}

/// The script: `Date` with no arguments (and `Date.now()`) reads the test clock; every other
/// use (`new Date(ms)`, `Date.parse`, `Date.UTC`, methods) is the browser's own.
fn init_script(start_ms: i64) -> String {
    format!(
        r"(() => {{
  const RealDate = Date;
  const startedAt = RealDate.now();
  const now = () => {start_ms} + (RealDate.now() - startedAt);
  class TestClockDate extends RealDate {{
    constructor(...args) {{
      if (args.length === 0) super(now());
      else super(...args);
    }}
    static now() {{ return now(); }}
  }}
  globalThis.Date = TestClockDate;
  console.info('Wellkept: test clock on, starting at ' + new RealDate({start_ms}).toISOString());
}})();"
    )
}

/// The window title with the test clock named in it, so nobody mistakes a test run for real use.
pub fn title(base: &str) -> Option<String> {
    wellkept::clock::describe_test_clock().map(|clock| format!("{base} \u{2014} {clock}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_script_starts_the_page_clock_at_the_pinned_millisecond() {
        let script = super::init_script(1_775_118_600_000);
        assert!(script.contains("const now = () => 1775118600000 + (RealDate.now() - startedAt);"), "{script}");
        assert!(script.contains("globalThis.Date = TestClockDate;"), "{script}");
    }
}
