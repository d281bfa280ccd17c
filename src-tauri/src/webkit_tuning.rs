//! WebKitGTK settings for a window that shows one local page: no browser caches sized for the
//! web, no GPU path (docs/performance.md, 2026-12-02 "start-up and memory"; docs/decisions.md 58).
//!
//! Each setting is one a browser wants and this app does not: the page comes from `tauri://`
//! inside the binary (nothing to cache for a later visit), there is no back/forward history to
//! keep alive, and no WebGL. The figures that justify each are in docs/performance.md.
//! `--webkit-defaults` on the command line leaves WebKit as wry configures it, so
//! `scripts/e2e.sh --measure` can compare the two in one build.

/// Applies the settings to the window's web view (on the main thread, once it exists).
#[cfg(target_os = "linux")]
pub fn apply(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    if std::env::args().any(|a| a == "--webkit-defaults") {
        return Ok(());
    }
    window.with_webview(|platform| {
        use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
        let view = platform.inner();
        if let Some(context) = view.context() {
            // The smallest memory and disk caches: a single local page, loaded once.
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(&view) {
            // Paint on the CPU: no EGL/GL context for compositing, which on a machine without a
            // GPU loads Mesa's software renderer (libLLVM, ~40 MB resident) into the process.
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            // wry turns these on for any site; nothing in Wellkept draws with WebGL, and there
            // is no back/forward history (one page) for the page cache to keep alive.
            settings.set_enable_webgl(false);
            settings.set_enable_page_cache(false);
        }
    })
}

/// Other platforms keep their web view's defaults.
#[cfg(not(target_os = "linux"))]
pub fn apply(_window: &tauri::WebviewWindow) -> tauri::Result<()> {
    Ok(())
}
